/* cascade_xlsx.h - the cascade check of a plan (app_cascade, API.md
 * "Cascade check") as an XLSX workbook (libxlsxwriter): sheet "Rà soát"
 * with a title block (the plan, the filtered count and the counts per
 * result), one row per (task, unit) — unit, task number and title, role,
 * the result in the UI's words, the automatic result, the similarity as a
 * number, the matching task and its plan, who confirmed it and when (a
 * real date-time) —; sheet "Tổng hợp theo đơn vị" with each unit's plans
 * and counts. Vietnamese sheet names and headers (English when asked),
 * frozen header, autofilter, column widths.
 *
 * The workbook is written to `path` (the caller picks a temporary name and
 * removes it). Errors: ERR_IO "cascade.xlsx_write" with the library's
 * message. */
#ifndef CCHC_CASCADE_XLSX_H
#define CCHC_CASCADE_XLSX_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>

/* result: the answer of app_cascade (borrowed). */
int cascade_xlsx_write(const char *path, const json_t *result, bool en, err_t *e);

#endif
