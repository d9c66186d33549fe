/* offdoc_xlsx.h - the tables of an official document (domain/offdoc.h) as
 * an Excel workbook, one sheet per table (libxlsxwriter, constant_memory
 * mode: rows stream to disk, memory stays flat for large tables).
 *
 * Numbers are real numeric cells: integers with "#,##0", decimals with
 * "#,##0.00" (as many zeros as the cell's decimals), percentages as their
 * value in percent units with "0.00" (94.11, like the PDF's "94,11%");
 * Excel shows them in the reader's locale. Header rows are bold, centred,
 * wrapped and frozen; totals rows (OFFDOC_ROW_BOLD) bold; cell alignment
 * as in the model; merged cells for column and row spans; column widths
 * from the relative widths.
 *
 * Sheet names: the table's sheet name, or "Bảng N" (N = the table's
 * position in the document, from 1), made valid for Excel by
 * offdoc_xlsx_sheet_name and unique (case-insensitively) by appending
 * " (2)", " (3)"… within the 31-character limit.
 *
 * Written atomically (io/outfile.h). Errors: ERR_INVALID
 * "offdoc.xlsx_select" (an index beyond the tables, or no table at all),
 * ERR_TOOLARGE "offdoc.too_large" (a table longer than Excel's 1,048,576
 * rows), ERR_IO "offdoc.xlsx_write" / "outfile.io", ERR_NOMEM. */
#ifndef CCHC_OFFDOC_XLSX_H
#define CCHC_OFFDOC_XLSX_H

#include "base/err.h"
#include "domain/offdoc.h"

#include <stddef.h>

#define OFFDOC_XLSX_NAME_MAX 128 /* bytes: 31 UTF-16 units of UTF-8, and a NUL */

/* Every table of the document, in order. */
int offdoc_xlsx_write(const offdoc_t *d, const char *path, err_t *e);

/* The tables number sel[0..n) (0-based, counting tables only, in document
 * order), in that order. */
int offdoc_xlsx_write_tables(const offdoc_t *d, const size_t *sel, size_t n, const char *path,
                             err_t *e);

/* A valid Excel sheet name from any text: each of [ ] : * ? / \ becomes
 * '_', line breaks become spaces, leading and trailing spaces and
 * apostrophes are removed, the result is cut to 31 UTF-16 code units on a
 * character boundary; "" or the reserved "History" give fallback (which
 * must itself be valid). */
void offdoc_xlsx_sheet_name(const char *given, const char *fallback,
                            char out[OFFDOC_XLSX_NAME_MAX]);

#endif
