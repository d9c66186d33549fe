/* report_cal_io.h - the reporting calendar as a CSV file, and resolved
 * lists as JSON.
 *
 * The CSV form and its errors: src/domain/report_cal_csv.h (reading from
 * memory is pure and lives there; this module adds the file and writing). */
#ifndef CCHC_REPORT_CAL_IO_H
#define CCHC_REPORT_CAL_IO_H

#include "base/err.h"
#include "domain/report_cal.h"

#include <jansson.h>
#include <stdio.h>

/* Reads a CSV file (at most 16 MiB) into cal (report_cal_csv.h's form). */
int report_cal_io_read_file(const char *path, report_cal_t *cal, err_t *e);

/* Writes every rule, override and ad hoc report of cal in the CSV form
 * above (readable back). 0 or ERR_IO. */
int report_cal_io_write_csv(FILE *out, const report_cal_t *cal);

/* {"unit":unit,"year":year,"reports":[{"kind","label","period","id",
 *   "title","from","to","due","receiver","origin","source","explain",
 *   "explain_en"}]} with dates as YYYY-MM-DD or null; "period" is the period
 * code (2024Q1, 2024S1...) or null for an ad hoc report; "source" null when
 * empty. New reference (json_decref), NULL when out of memory. */
json_t *report_cal_io_list_json(const char *unit, int year, const report_cal_list_t *l);

#endif
