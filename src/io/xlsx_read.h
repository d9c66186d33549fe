/* xlsx_read.h - a small streaming reader of Excel .xlsx workbooks (libzip +
 * libxml2 xmlTextReader): list the sheets, open one by index or name, and
 * iterate its rows and cells (xlsx_read.c: workbook, sheet list, shared
 * strings; xlsx_read_sheet.c: rows). Used to import PAR criteria frameworks and to
 * read exports back in tests.
 *
 * Memory: a sheet is parsed as it is decompressed (only the current row is
 * held); the shared-string table is held whole (it is bounded by
 * max_part). What is read: cell values - numbers (t absent or "n"), shared
 * strings ("s"), inline strings ("inlineStr", rich text runs joined, phonetic
 * runs skipped), formula results ("str", and the cached <v> of any formula
 * cell), booleans ("b"), errors ("e", e.g. "#N/A") and ISO dates ("d", as
 * text). Not read: styles (a date stored as a serial number reads as that
 * number), merged areas, comments, hidden state.
 *
 * Safety, as in io/docread_docx.c: parts with a DTD or entity declaration
 * are refused (no entity is ever expanded), no network access, every part is
 * decompressed through a counter that stops at max_part bytes whatever the
 * zip claims (zip bombs), rows, cells per row and cell text are capped.
 *
 * Errors (return 0 or a negative ERR_*, e filled, stable codes):
 *   ERR_INVALID  "xlsx.not_xlsx"   not a zip, or a zip without xl/workbook.xml
 *                                  (a .docx/.odt is named; .xls and encrypted
 *                                  workbooks are OLE files: "save as .xlsx")
 *   ERR_INVALID  "xlsx.corrupt"    a damaged zip or malformed XML (part, line)
 *   ERR_INVALID  "xlsx.dtd"        a part declares a DTD or entities
 *   ERR_TOOLARGE "xlsx.too_large"  a limit was hit (which one is said)
 *   ERR_NOTFOUND "xlsx.no_sheet"   no sheet with that index or name
 *   ERR_IO       "xlsx.io"         the file cannot be read
 *   ERR_NOMEM
 * Thread-safe for distinct workbooks; a workbook and its sheets are used by
 * one thread at a time. */
#ifndef CCHC_XLSX_READ_H
#define CCHC_XLSX_READ_H

#include "base/err.h"

#include <stddef.h>

typedef struct xlsx xlsx_t;
typedef struct xlsx_sheet xlsx_sheet_t;

typedef struct xlsx_limits {
    size_t max_file; /* bytes of the .xlsx (xlsx_read_open_file); default 128 MiB */
    size_t max_part; /* uncompressed bytes of one XML part; default 256 MiB */
    size_t max_rows; /* rows of a sheet; default 1,048,576 (Excel's) */
    size_t max_cols; /* cells in one row; default 16,384 (Excel's) */
    size_t max_cell; /* bytes of one cell's text; default 131,072 (32,767 characters) */
} xlsx_limits_t;

enum xlsx_type { XLSX_EMPTY = 0, XLSX_NUMBER, XLSX_STRING, XLSX_BOOL, XLSX_ERROR };

typedef struct xlsx_cell {
    size_t col;       /* 0-based (A = 0) */
    int type;         /* enum xlsx_type */
    const char *text; /* the value as text: "94.11", "Sở Nội vụ", "1" (bool), "#N/A"; "" empty */
    size_t len;
    double num; /* NUMBER and BOOL (1/0); 0 otherwise */
} xlsx_cell_t;

typedef struct xlsx_row {
    size_t index;             /* 0-based row number (row "1" = 0) */
    const xlsx_cell_t *cells; /* in column order as stored; absent cells are not listed */
    size_t ncells;
} xlsx_row_t;

/* The default limits. */
void xlsx_read_limits_default(xlsx_limits_t *lim);

/* Opens a workbook from a file or from memory (data borrowed until
 * xlsx_read_close). lim NULL = defaults. Reads the sheet list and the shared
 * strings. */
int xlsx_read_open_file(const char *path, const xlsx_limits_t *lim, xlsx_t **out, err_t *e);
int xlsx_read_open_buffer(const void *data, size_t n, const xlsx_limits_t *lim, xlsx_t **out,
                          err_t *e);
void xlsx_read_close(xlsx_t *x); /* NULL is a no-op; close its sheets first */

size_t xlsx_read_sheet_count(const xlsx_t *x);
/* Name of sheet i (0-based, workbook order), NULL when out of range;
 * borrowed until xlsx_read_close. */
const char *xlsx_read_sheet_name(const xlsx_t *x, size_t i);
/* Index of the sheet named name: exact match first, then ignoring case,
 * accents and spacing (text_key). ERR_NOTFOUND "xlsx.no_sheet". */
int xlsx_read_sheet_find(const xlsx_t *x, const char *name, size_t *index, err_t *e);

/* Opens sheet i for reading (one at a time per workbook is fine; several
 * work too). */
int xlsx_read_sheet_open(xlsx_t *x, size_t i, xlsx_sheet_t **out, err_t *e);
void xlsx_read_sheet_close(xlsx_sheet_t *s); /* NULL is a no-op */

/* The next stored row: returns 1 with *row set (borrowed until the next
 * call or close), 0 at the end of the sheet, or a negative ERR_*. Rows
 * come in file order (ascending in files Excel writes); empty rows that the
 * file does not store are skipped. */
int xlsx_read_sheet_next(xlsx_sheet_t *s, const xlsx_row_t **row, err_t *e);

/* The cell of a row at column col, or NULL when the row stores none. */
const xlsx_cell_t *xlsx_read_sheet_cell(const xlsx_row_t *r, size_t col);

#endif
