/* overview_xlsx.h - the ranking of units (app_overview, API.md "Overview")
 * as an XLSX workbook (libxlsxwriter): a title block (the year, the kind,
 * the number of units, the rule "ranked among the units of the same kind
 * in the same province"), one row per unit in the order of the answer —
 * province, unit, kind; by task completion the rank, the number ranked, the
 * rate and the counts; by target attainment likewise; the 766 score, its
 * rank and the number ranked — numbers as numbers (rates and scores rounded
 * to 2 decimals), an empty cell where a unit has no rank or no data.
 * Vietnamese sheet name and headers (English when asked), frozen header,
 * autofilter, column widths.
 *
 * The workbook is written to `path` (the caller picks a temporary name and
 * removes it). Errors: ERR_IO "overview.xlsx_write" with the library's
 * message. */
#ifndef CCHC_OVERVIEW_XLSX_H
#define CCHC_OVERVIEW_XLSX_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>

/* ranking: the answer of app_overview (borrowed). */
int overview_xlsx_write(const char *path, const json_t *ranking, bool en, err_t *e);

#endif
