/* par_survey_io.h - survey results for PAR campaigns as CSV: a header row
 * with the columns MaDonVi, TieuChi, Diem (any order, other columns
 * ignored), then one row per unit and criterion. Diem is points ("7,5",
 * "7.5") or a ratio of the criterion's maximum ("85%"); the app checks the
 * values (app_par_results_survey).
 *
 * Errors: ERR_INVALID "par.survey_header" (a column is missing), the CSV
 * reader's errors (csv.h, with the line), "par.survey_empty", ERR_TOOLARGE
 * "par.survey_rows" past PAR_SURVEY_IO_MAX_ROWS, ERR_NOMEM, ERR_IO. */
#ifndef CCHC_IO_PAR_SURVEY_IO_H
#define CCHC_IO_PAR_SURVEY_IO_H

#include "app/app_par_results.h"
#include "base/err.h"

#include <stddef.h>

#define PAR_SURVEY_IO_MAX_ROWS 100000

/* Rows read; strings owned (par_survey_io_release). */
typedef struct par_survey_io {
    app_par_survey_row_t *rows;
    size_t n, cap;
    char *text; /* every field, NUL-separated; rows point into it */
    size_t len, tcap;
} par_survey_io_t;

/* Reads a file ("-" = stdin) or a buffer (name for messages). *out is
 * filled on success and must be released in every case. */
int par_survey_io_read_file(const char *path, par_survey_io_t *out, err_t *e);
int par_survey_io_read(const char *data, size_t n, const char *name, par_survey_io_t *out,
                       err_t *e);
void par_survey_io_release(par_survey_io_t *s);

#endif
