/* report_cal_csv.h - the reporting calendar as CSV text (the form of
 * data/reports/calendar.csv and of the calendar rows kept in the database).
 *
 * CSV (UTF-8, header row, columns in any order, names case-insensitive;
 * shipped example: data/reports/calendar.csv, documented in
 * data/reports/README.md):
 *   type,receiver,kind,years,window,due,enabled,from,to,id,title,note
 * One row per item; `type` says which:
 *   rule      receiver (unit code or *), kind (quy1 6thang quy3 9thang nam),
 *             years ("" all, "2024", "2024-2026", "2024-" open end, "-2023"),
 *             window ("15/6-14/9"; "" = DOMAIN §7 default), due ("15",
 *             "25/11", "+2wd", "+5d", "none" or ""), enabled ("", 1, 0,
 *             yes/no, có/không; "" = 1)
 *   override  receiver, kind, years (one year), from, to (dates), due (a date
 *             or "")
 *   adhoc     receiver, id, title, from, to (dates or both ""), due (a date)
 * Dates are YYYY-MM-DD or dd/mm/yyyy. `note` is free text. A row whose
 * first cell starts with '#' is a comment; blank lines are skipped. Columns
 * a row does not use must be empty.
 *
 * Errors name the file and line, in Vietnamese and English ("calendar.csv:7:
 * …"): ERR_INVALID "report_cal_io.header" (missing type/receiver column),
 * "report_cal_io.field" (bad type, kind, years, window, due, enabled, date,
 * or a column that the row's type does not use), the domain checks of
 * report_cal.h ("report_cal.window", "report_cal.due_early",
 * "report_cal.year"...) and ERR_CONFLICT "report_cal.overlap", and the CSV
 * reader's errors. Reading stops at the first bad row; the rows before it
 * stay in the calendar, so callers discard the calendar on error. */
#ifndef CCHC_REPORT_CAL_CSV_H
#define CCHC_REPORT_CAL_CSV_H

#include "base/err.h"
#include "domain/report_cal.h"

#include <stddef.h>

/* The columns in their canonical order, and their header names. */
enum report_cal_csv_col {
    REPORT_CAL_CSV_TYPE,
    REPORT_CAL_CSV_RECEIVER,
    REPORT_CAL_CSV_KIND,
    REPORT_CAL_CSV_YEARS,
    REPORT_CAL_CSV_WINDOW,
    REPORT_CAL_CSV_DUE,
    REPORT_CAL_CSV_ENABLED,
    REPORT_CAL_CSV_FROM,
    REPORT_CAL_CSV_TO,
    REPORT_CAL_CSV_ID,
    REPORT_CAL_CSV_TITLE,
    REPORT_CAL_CSV_NOTE,
    REPORT_CAL_CSV_NCOLS
};
extern const char *const report_cal_csv_cols[REPORT_CAL_CSV_NCOLS];

/* Reads CSV text; name is used in messages and as the rows' source prefix. */
int report_cal_csv_read(const char *data, size_t n, const char *name, report_cal_t *cal, err_t *e);

/* Adds one row given as its cells in the canonical column order (type,
 * receiver, kind, years, window, due, enabled, from, to, id, title, note;
 * NULL = ""), with the checks of a CSV row; name and line name it in
 * messages and in the source of what it adds. */
int report_cal_csv_add_row(report_cal_t *cal, const char *const cells[REPORT_CAL_CSV_NCOLS],
                           const char *name, int line, err_t *e);

#endif
