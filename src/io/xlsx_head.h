/* xlsx_head.h - a one-table XLSX workbook (libxlsxwriter) and the head of
 * its sheet, shared by the table writers (overview_xlsx, task_xlsx): the
 * workbook with its sheet and the two formats of the head, the head itself
 * — a title block, the header row of the columns, frozen panes and the
 * autofilter — and the closing write.
 *
 * Formats: "title" is bold 14 pt; "head" is bold, wrapped, centred both
 * ways, with a light blue-grey fill (0xE8EEF4) and a thin border. The
 * workbook owns them. libxlsxwriter numbers a workbook's fonts, fills and
 * borders in the order its formats were added, so a writer that wants a
 * stable styles part adds these two first: xlsx_head_open adds them, before
 * the writer's own workbook_add_format calls.
 *
 * The head: rows 0 .. nlines-1 hold the title lines (the first in the title
 * format, the others unformatted); row `row` (below them) holds each
 * column's label, Vietnamese or English (en), in the head format, and sets
 * the column's width; the panes are frozen below the header row and right
 * of its first `freeze_cols` columns; the autofilter spans the header row
 * and `nrows` data rows (one at least, so that an empty table keeps its
 * filter). The data rows, row+1 .. row+nrows, are the caller's to write,
 * after the head: strings enter the workbook's shared-string table in the
 * order they are written.
 *
 * Writing the head fails in no visible way: libxlsxwriter reports its
 * errors when the workbook is closed (xlsx_head_close). Strings are
 * borrowed for the call (libxlsxwriter copies them). */
#ifndef CCHC_XLSX_HEAD_H
#define CCHC_XLSX_HEAD_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* One column of a table: its header label in both languages and its width
 * in characters. */
typedef struct xlsx_head_col {
    const char *vi, *en;
    double width;
} xlsx_head_col_t;

/* The head of one worksheet (all borrowed for the call). */
typedef struct xlsx_head {
    const char *const *lines; /* the title block, nlines rows from row 0 */
    size_t nlines;
    lxw_row_t row; /* the header row, at least nlines */
    const xlsx_head_col_t *cols;
    lxw_col_t ncols; /* at least 1 */
    lxw_col_t freeze_cols;
    size_t nrows; /* data rows below the header */
    bool en;
} xlsx_head_t;

/* A workbook of one table sheet being written (all owned by wb). */
typedef struct xlsx_head_book {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *head;
} xlsx_head_book_t;

/* Creates the workbook at path (libxlsxwriter writes it whole when closed)
 * with one worksheet named sheet, then adds the title and head formats.
 * code: the writer's error code ("task.xlsx_write"). Errors: ERR_IO code
 * when the workbook cannot be created (b is then unusable). On success the
 * caller adds its own formats and cells and ends with xlsx_head_close. */
int xlsx_head_open(xlsx_head_book_t *b, const char *path, const char *sheet, const char *code,
                   err_t *e);
/* Writes the head h into b's worksheet. */
void xlsx_head_write(const xlsx_head_book_t *b, const xlsx_head_t *h);
/* Writes the workbook to its path and frees it, whatever the outcome.
 * Errors: ERR_IO code with the library's message. */
int xlsx_head_close(xlsx_head_book_t *b, const char *code, err_t *e);

#endif
