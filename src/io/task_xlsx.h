/* task_xlsx.h - a filtered task list (the items of app_tasks_list, API.md
 * "Tasks") as an XLSX workbook (libxlsxwriter): a title block (the count and
 * the day the list was computed for), one row per assignment with its due
 * date and completion date as real dates, progress as a number, the status
 * and "Quá hạn" in the UI's words, the unit, role, task number and title,
 * area and plan; Vietnamese sheet name and headers (English when asked),
 * frozen header, autofilter, column widths.
 *
 * The workbook is written to `path` (libxlsxwriter writes whole files; the
 * caller picks a temporary name and removes it). Errors: ERR_IO
 * "task.xlsx_write" with the library's message. */
#ifndef CCHC_TASK_XLSX_H
#define CCHC_TASK_XLSX_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>

/* list: {"today","total","items":[...]} (borrowed). */
int task_xlsx_write(const char *path, const json_t *list, bool en, err_t *e);

#endif
