/* xlsx_head.c - a one-table workbook and the head of its sheet
 * (xlsx_head.h). */
#include "io/xlsx_head.h"

#include "base/banned.h"

/* The title format (bold 14 pt), then the head format. */
static void add_formats(xlsx_head_book_t *b)
{
    b->title = workbook_add_format(b->wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 14);
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    format_set_text_wrap(b->head);
    format_set_align(b->head, LXW_ALIGN_CENTER);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(b->head, 0xE8EEF4);
    format_set_border(b->head, LXW_BORDER_THIN);
}

int xlsx_head_open(xlsx_head_book_t *b, const char *path, const char *sheet, const char *code,
                   err_t *e)
{
    *b = (xlsx_head_book_t){0};
    b->wb = workbook_new(path);
    if (!b->wb)
        return err_set(e, ERR_IO, code, "Không tạo được tệp Excel %s",
                       "Cannot create the Excel file %s", path);
    b->ws = workbook_add_worksheet(b->wb, sheet);
    add_formats(b);
    return 0;
}

void xlsx_head_write(const xlsx_head_book_t *b, const xlsx_head_t *h)
{
    lxw_worksheet *ws = b->ws;
    for (size_t i = 0; i < h->nlines; i++)
        worksheet_write_string(ws, (lxw_row_t)i, 0, h->lines[i], i ? NULL : b->title);
    for (lxw_col_t c = 0; c < h->ncols; c++) {
        const xlsx_head_col_t *col = &h->cols[c];
        worksheet_write_string(ws, h->row, c, h->en ? col->en : col->vi, b->head);
        worksheet_set_column(ws, c, c, col->width, NULL);
    }
    worksheet_freeze_panes(ws, h->row + 1, h->freeze_cols);
    worksheet_autofilter(ws, h->row, 0, (lxw_row_t)(h->row + (h->nrows ? h->nrows : 1)),
                         (lxw_col_t)(h->ncols - 1));
}

int xlsx_head_close(xlsx_head_book_t *b, const char *code, err_t *e)
{
    lxw_error rc = workbook_close(b->wb);
    *b = (xlsx_head_book_t){0};
    if (rc != LXW_NO_ERROR)
        return err_set(e, ERR_IO, code, "Không ghi được tệp Excel: %s",
                       "Cannot write the Excel file: %s", lxw_strerror(rc));
    return 0;
}
