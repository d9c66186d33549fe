/* fuzz_dossier_io.c - libFuzzer target for the dossier reader of `cchc
 * ingest dossiers` (src/io/dossier_io.c: CSV with a header, or JSON lines)
 * and the record checks the ingest applies after it (dossier_normalize,
 * dossier_check with the API's code rule, dossier_times_check), issue 16
 * items 13 and 17. Invariants: a record has a code of 1..DOSSIER_CODE_MAX
 * bytes and a receipt time; a rejected row carries a code, both messages
 * and its raw text (NUL bytes shown, never cutting it short); the reader
 * ends (no endless loop: at most one record per input byte); nothing leaks
 * (ASan). Seeds: corpus/fuzz_dossier_io/. */
#include "base/buf.h"
#include "domain/dossier.h"
#include "io/dossier_io.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void record(dossier_t *d)
{
    size_t n = strlen(d->code);
    if (n == 0 || n > DOSSIER_CODE_MAX || d->received == DTIME_NONE)
        __builtin_trap();
    err_t e;
    dossier_normalize(d);
    if (dossier_check(d, &e) == 0) {
        if (dossier_code_check(d->code, &e))
            __builtin_trap(); /* the API's rule is part of the check */
    } else if (!e.code[0]) {
        __builtin_trap();
    }
    dtime_t now = dtime_make(date_from_ymd(2025, 6, 1), 12, 0, 0);
    (void)dossier_times_check(d, now, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dossier_io_src_t *s;
    err_t e;
    if (dossier_io_src_open_mem(data, size, "fuzz.csv", &s, &e))
        return 0;
    buf_t raw;
    buf_init(&raw, 4u << 20);
    for (size_t rows = 0; rows <= size + 1; rows++) {
        dossier_t d;
        int rc = dossier_io_src_next(s, &d, &e);
        if (rc == 0 || rc < 0)
            break;
        if (rc == DOSSIER_IO_REJECT) {
            if (!e.code[0] || !e.vi[0] || !e.en[0])
                __builtin_trap();
            buf_reset(&raw);
            if (dossier_io_src_raw(s, &raw) == 0 && memchr(raw.data, '\0', raw.len))
                __builtin_trap(); /* the rejects file never gets a NUL */
            continue;
        }
        record(&d);
        if (rows == size + 1)
            __builtin_trap(); /* more records than bytes: the reader loops */
    }
    buf_release(&raw);
    dossier_io_src_close(s);
    return 0;
}
