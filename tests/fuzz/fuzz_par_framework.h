/* fuzz_par_framework.h - the check shared by the libFuzzer targets of the
 * PAR framework readers (fuzz_par_framework, fuzz_par_framework_xlsx): a
 * framework read successfully is valid, has no problems, and its JSON form
 * reads back to the same JSON. Invariant violations trap. Included by one
 * target each (static functions). */
#ifndef CCHC_FUZZ_PAR_FRAMEWORK_H
#define CCHC_FUZZ_PAR_FRAMEWORK_H

#include "base/mem.h"
#include "io/par_framework_io.h"

#include <string.h>

/* Checks fw (the result of a successful read, with its problems p). */
static void fuzz_par_framework_check(const par_framework_t *fw, const par_problems_t *p)
{
    if (!fw || !fw->valid || p->n)
        __builtin_trap();
    par_framework_t *again = NULL;
    char *s1 = par_framework_io_write(fw);
    if (!s1 || par_framework_io_read(s1, strlen(s1), NULL, &again, NULL, NULL) != 0)
        __builtin_trap();
    char *s2 = par_framework_io_write(again);
    if (!s2 || strcmp(s1, s2) != 0)
        __builtin_trap();
    mem_free(s1);
    mem_free(s2);
    par_framework_free(again);
}

#endif
