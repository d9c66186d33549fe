/* survey_io.h - surveys at the edge: paper forms as CSV, results as JSON
 * and as an Excel workbook (through the official-document model and
 * io/offdoc_xlsx), and the QR code of a survey's public link as SVG
 * (libqrencode). docs/internals/citizens.md.
 *
 * Errors: the CSV reader's (with the line), ERR_INVALID "survey.csv_empty",
 * ERR_TOOLARGE "survey.csv_rows"; offdoc_xlsx's; ERR_INVALID "survey.qr"
 * (text too long for a QR code); ERR_NOMEM. */
#ifndef CCHC_IO_SURVEY_IO_H
#define CCHC_IO_SURVEY_IO_H

#include "app/app_survey.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>

/* A CSV read whole: header and rows, strings owned (survey_io_csv_release). */
typedef struct survey_io_csv {
    char **cols;
    size_t ncols;
    app_survey_row_t *rows;
    size_t nrows, cap;
    char **cells; /* every row's cells, ncols each, rows point into it */
    size_t ncells, ccap;
} survey_io_csv_t;

int survey_io_csv_read(const char *data, size_t n, const char *name, survey_io_csv_t *out,
                       err_t *e);
void survey_io_csv_release(survey_io_csv_t *c);

/* {"survey":{run},"form":{"code","version","title","title_en","points","satisfied_min"},
 *  "rule","responses","overall":{"value","n"},"components":[{"code","name","name_en","value","n"}],
 *  "groups":[{"code","name","name_en","component","value","n"}],
 *  "items":[{"code","text","text_en","group","n","satisfied","mean","value","scores":[…]}],
 *  "demographics":[{"code","text","text_en","options":[{"code","label","label_en","n"}],"none"}]}
 * values in percent with 2 decimals, null without answers. NULL on ERR_NOMEM. */
json_t *survey_io_results_json(const app_survey_t *s, const survey_tally_t *t,
                               const survey_result_t *r);

/* The results as a workbook at path: sheets "Chỉ số" (overall, components,
 * groups), "Câu hỏi" (items with their score counts) and "Thông tin" (the
 * demographics). en: English headers. */
int survey_io_xlsx(const char *path, const app_survey_t *s, const survey_tally_t *t,
                   const survey_result_t *r, bool en, err_t *e);

/* An SVG picture of the QR code of text (error correction M, 4-module
 * quiet zone) appended to out. */
int survey_io_qr_svg(const char *text, buf_t *out, err_t *e);

#endif
