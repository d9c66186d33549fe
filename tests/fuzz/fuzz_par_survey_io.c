/* fuzz_par_survey_io.c - libFuzzer target for the survey results CSV
 * reader (io/par_survey_io). Arbitrary bytes go to par_survey_io_read: on
 * success every row holds three NUL-terminated strings inside the reader's
 * text block and a line number past the header; on failure nothing is
 * kept. Invariant violations trap. Seeds: corpus/fuzz_par_survey_io/. */
#include "io/par_survey_io.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inside(const par_survey_io_t *s, const char *p)
{
    return p >= s->text && p < s->text + s->len && memchr(p, '\0', (size_t)(s->text + s->len - p));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    par_survey_io_t s;
    int rc = par_survey_io_read((const char *)data, size, "fuzz.csv", &s, NULL);
    if (rc == 0) {
        if (s.n > PAR_SURVEY_IO_MAX_ROWS)
            __builtin_trap();
        for (size_t i = 0; i < s.n; i++) {
            const app_par_survey_row_t *r = &s.rows[i];
            if (!inside(&s, r->unit) || !inside(&s, r->criterion) || !inside(&s, r->value) ||
                r->line < 2)
                __builtin_trap();
        }
    }
    par_survey_io_release(&s);
    return 0;
}
