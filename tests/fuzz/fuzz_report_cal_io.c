/* fuzz_report_cal_io.c - libFuzzer target for the reporting-calendar CSV.
 * Arbitrary bytes are read as a calendar; whatever is accepted must pass
 * the calendar's checks, resolve for a receiver without failing (no
 * working-day rule has a calendar here, so that error is allowed), and
 * write back to a CSV that reads again. Seeds: corpus/fuzz_report_cal_io/. */
#include "domain/report_cal_csv.h"
#include "io/report_cal_io.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    report_cal_t *c = report_cal_new();
    err_t e;
    if (!c)
        return 0;
    if (report_cal_csv_read((const char *)data, size, "fuzz.csv", c, &e) == 0) {
        for (size_t i = 0; i < report_cal_rule_count(c); i++)
            if (report_cal_rule_check(report_cal_rule_at(c, i), NULL) != 0)
                __builtin_trap();
        report_cal_list_t l;
        report_cal_list_init(&l);
        int rc = report_cal_resolve(c, "S01", 2024, NULL, NULL, &l, &e);
        if (rc != 0 && strcmp(e.code, "period.no_calendar") != 0)
            __builtin_trap();
        report_cal_list_release(&l);
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        if (f && report_cal_io_write_csv(f, c) == 0) {
            fclose(f);
            report_cal_t *c2 = report_cal_new();
            if (c2 && report_cal_csv_read(buf, n, "back.csv", c2, &e) != 0)
                __builtin_trap();
            report_cal_free(c2);
        } else if (f) {
            fclose(f);
        }
        free(buf);
    }
    report_cal_free(c);
    return 0;
}
