/* fuzz_procedure_io.c - libFuzzer target for the procedure catalogue
 * reader (src/io/procedure_io.c): CSV or JSON by content, as `cchc ingest
 * procedures` reads a file. Invariants: a success gives procedures with a
 * non-empty code and a time allowance that is not negative; a failure
 * carries a code and both messages; nothing leaks (ASan). Seeds:
 * corpus/fuzz_procedure_io/. */
#include "domain/procedure.h"
#include "io/procedure_io.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    procedure_set_t s;
    procedure_set_init(&s);
    err_t e;
    int rc = procedure_io_read_mem((const char *)data, size, "fuzz", &s, &e);
    if (rc == 0) {
        for (size_t i = 0; i < s.n; i++)
            if (!s.items[i].code[0] || s.items[i].allowance < 0 || s.items[i].cutoff_minute < -1 ||
                s.items[i].cutoff_minute >= 24 * 60)
                __builtin_trap();
    } else if (rc != ERR_NOMEM && (!e.code[0] || !e.vi[0] || !e.en[0])) {
        __builtin_trap();
    }
    procedure_set_release(&s);
    return 0;
}
