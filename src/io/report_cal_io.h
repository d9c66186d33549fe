/* report_cal_io.h - the reporting calendar as a CSV file, and resolved
 * lists as JSON.
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
#ifndef CCHC_REPORT_CAL_IO_H
#define CCHC_REPORT_CAL_IO_H

#include "base/err.h"
#include "domain/report_cal.h"

#include <jansson.h>
#include <stdio.h>

/* Reads a CSV file (at most 16 MiB) into cal. */
int report_cal_io_read_file(const char *path, report_cal_t *cal, err_t *e);
/* Reads CSV text; name is used in messages and as the rows' source prefix. */
int report_cal_io_read_csv_mem(const char *data, size_t n, const char *name, report_cal_t *cal,
                               err_t *e);

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
