/* fuzz_period.c - libFuzzer target for reporting-period codes and rules
 * (src/domain/period.c): the input is tried as a period code, a code or
 * range for the KPI API (period_parse_range), a cut-off window and a due
 * rule of each regime. Invariants: a parsed code is valid, formats back to a
 * code that parses to the same id, and its nominal range is ordered; a
 * range is ordered; failures carry a code; nothing leaks (ASan). Seeds:
 * corpus/fuzz_period/. */
#include "domain/period.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void code(const char *s, size_t n)
{
    period_id_t id;
    err_t e;
    if (period_parse_code(s, n, &id, &e)) {
        if (!e.code[0])
            __builtin_trap();
        return;
    }
    if (period_check(id, &e))
        __builtin_trap();
    char out[PERIOD_CODE_MAX];
    period_format_code(id, out);
    period_id_t back;
    if (!out[0] || period_parse_code(out, strlen(out), &back, &e) || back.regime != id.regime ||
        back.year != id.year || back.index != id.index)
        __builtin_trap();
    date_t a, b;
    if (period_nominal(id, &a, &b, &e) || a > b)
        __builtin_trap();
    period_t p;
    if (period_compute(id, NULL, NULL, NULL, &p, &e) == 0 && p.cut_from > p.cut_to)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    code(s, size);
    date_t from, to;
    err_t e;
    if (period_parse_range(s, size, &from, &to, &e) == 0 && from > to)
        __builtin_trap();
    for (int r = 0; r < 5; r++) {
        period_window_t w;
        period_due_t d;
        (void)period_window_parse(s, size, (period_regime_t)r, &w, &e);
        (void)period_due_parse(s, size, (period_regime_t)r, &d, &e);
    }
    return 0;
}
