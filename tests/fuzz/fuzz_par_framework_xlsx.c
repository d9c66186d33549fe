/* fuzz_par_framework_xlsx.c - libFuzzer target for the PAR framework reader
 * of published Excel tables (io/par_framework_xlsx). Arbitrary bytes go to
 * par_framework_xlsx_read: a failure must leave no framework; a success
 * must give a valid framework whose JSON form reads back to the same JSON
 * (fuzz_par_framework.h).
 * Invariant violations trap. Seeds: corpus/fuzz_par_framework_xlsx/. */
#include "fuzz_par_framework.h"

#include "io/par_framework_xlsx.h"

#include <stdint.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    par_framework_t *fw = NULL;
    par_problems_t p;
    par_framework_problems_init(&p);
    int rc = par_framework_xlsx_read(data, size, "fuzz.xlsx", &fw, &p, NULL);
    if (rc != 0) {
        if (fw)
            __builtin_trap();
        par_framework_problems_release(&p);
        return 0;
    }
    fuzz_par_framework_check(fw, &p);
    par_framework_free(fw);
    par_framework_problems_release(&p);
    return 0;
}
