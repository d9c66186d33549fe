/* offdoc_table.c - tables of the official-document model (offdoc_int.h):
 * column widths, header and body rows, column and row spans, number cells
 * formatted the Vietnamese way (base/numfmt). */
#include "domain/offdoc.h"
#include "domain/offdoc_int.h"

#include "base/mem.h"
#include "base/numfmt.h"

#include <math.h>
#include <string.h>

#include "base/banned.h"

static int table_error(err_t *e, const char *vi, const char *en)
{
    return err_set(e, ERR_INVALID, "offdoc.table", "%s%.0s", "%.0s%s", vi, en);
}

int offdoc_table_new(size_t ncols, const double *widths, offdoc_tab_t **out, err_t *e)
{
    *out = NULL;
    if (ncols < 1 || ncols > OFFDOC_COLS_MAX)
        return err_set(e, ERR_INVALID, "offdoc.table", "Bảng phải có từ 1 đến %d cột",
                       "A table must have 1 to %d columns", OFFDOC_COLS_MAX);
    double sum = 0;
    for (size_t i = 0; widths && i < ncols; i++) {
        if (!isfinite(widths[i]) || widths[i] <= 0)
            return table_error(e, "Độ rộng cột phải là số dương",
                               "Column widths must be positive numbers");
        sum += widths[i];
    }
    if (widths && !isfinite(sum))
        return table_error(e, "Độ rộng cột quá lớn", "Column widths are too large");
    offdoc_tab_t *t = mem_calloc(1, sizeof *t);
    double *w = mem_calloc(ncols, sizeof *w);
    int *cover = mem_calloc(ncols, sizeof *cover);
    if (!t || !w || !cover) {
        mem_free(t);
        mem_free(w);
        mem_free(cover);
        return err_nomem(e);
    }
    for (size_t i = 0; i < ncols; i++)
        w[i] = widths ? widths[i] / sum : 1.0 / (double)ncols;
    t->widths = w;
    t->cover = cover;
    t->pub.ncols = ncols;
    t->pub.widths = w;
    *out = t;
    return 0;
}

void offdoc_table_free(offdoc_tab_t *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->pub.nrows; r++) {
        const offdoc_row_t *row = &t->rows[r];
        for (size_t c = 0; c < row->ncells; c++)
            offdoc_free_str(row->cells[c].text);
        mem_free((void *)row->cells);
    }
    mem_free(t->rows);
    mem_free(t->widths);
    mem_free(t->cover);
    mem_free(t->sheet);
    mem_free(t);
}

static offdoc_cell_t placeholder(int col, unsigned flags)
{
    offdoc_cell_t c = {offdoc_empty, OFFDOC_C_TEXT, 0, 0, col, 1, 1, OFFDOC_ALIGN_LEFT, false};
    if (flags & OFFDOC_ROW_HEADER)
        c.align = OFFDOC_ALIGN_CENTER;
    c.bold = (flags & (OFFDOC_ROW_HEADER | OFFDOC_ROW_BOLD)) != 0;
    return c;
}

int offdoc_table_row(offdoc_tab_t *t, unsigned flags, err_t *e)
{
    bool header = flags & OFFDOC_ROW_HEADER;
    size_t ncols = t->pub.ncols, nfree = 0;
    if (header && t->body)
        return offdoc_state_error(e, "Dòng tiêu đề của bảng phải đứng trước các dòng số liệu",
                                  "Table header rows must come before the body rows");
    for (size_t c = 0; c < ncols; c++) {
        if (!header && t->cover[c] > 0)
            return table_error(e, "Ô gộp dòng vượt ra ngoài các dòng tiêu đề của bảng",
                               "A row span reaches beyond the table's header rows");
        nfree += t->cover[c] == 0;
    }
    if (MEM_GROW(t->rows, t->rcap, t->pub.nrows + 1))
        return err_nomem(e);
    offdoc_cell_t *cells = mem_calloc(nfree ? nfree : 1, sizeof *cells);
    if (!cells)
        return err_nomem(e);
    size_t k = 0;
    for (size_t c = 0; c < ncols; c++) {
        if (t->cover[c] > 0)
            t->cover[c]--;
        else
            cells[k++] = placeholder((int)c, flags);
    }
    t->rows[t->pub.nrows++] =
        (offdoc_row_t){cells, k, flags & (OFFDOC_ROW_HEADER | OFFDOC_ROW_BOLD)};
    t->pub.rows = t->rows;
    t->pub.nheader += header;
    t->body = t->body || !header;
    t->cur = cells;
    t->nreal = 0;
    return 0;
}

static int number_error(err_t *e)
{
    return err_set(e, ERR_RANGE, "offdoc.number", "Giá trị số của ô bảng không hợp lệ",
                   "Invalid numeric value in a table cell");
}

/* The display text of a cell: a validated copy of the text, or the
 * formatted number. */
static int cell_text(offdoc_t *d, const offdoc_cell_spec_t *s, offdoc_cell_t *c, err_t *e)
{
    char num[NUMFMT_MAX];
    int rc = 0;
    c->kind = s->kind;
    c->decimals = s->decimals;
    switch (s->kind) {
    case OFFDOC_C_TEXT: {
        char *t = NULL;
        if (!s->text || !s->text[0]) {
            c->text = offdoc_empty;
            return 0;
        }
        rc = offdoc_text_take(d, s->text, 0, OFFDOC_TEXT_MAX, "ô bảng", &t, e);
        c->text = t;
        return rc;
    }
    case OFFDOC_C_INT:
        c->decimals = 0;
        c->value = (double)s->ivalue;
        rc = numfmt_int(s->ivalue, num, sizeof num);
        break;
    case OFFDOC_C_DEC:
        c->value = s->value;
        rc = numfmt_dec(s->value, s->decimals, 0, num, sizeof num);
        break;
    case OFFDOC_C_PCT:
        c->value = s->value;
        rc = numfmt_pct(s->value, s->decimals, 0, num, sizeof num);
        break;
    default:
        return table_error(e, "Kiểu ô bảng không hợp lệ", "Invalid table cell kind");
    }
    if (rc)
        return number_error(e);
    char *t = mem_strdup(num);
    if (!t)
        return err_nomem(e);
    d->total += strlen(t);
    c->text = t;
    return 0;
}

static int resolve_align(const offdoc_cell_spec_t *s, bool header)
{
    if (s->align != OFFDOC_ALIGN_AUTO)
        return s->align;
    if (header)
        return OFFDOC_ALIGN_CENTER;
    return s->kind == OFFDOC_C_TEXT ? OFFDOC_ALIGN_LEFT : OFFDOC_ALIGN_RIGHT;
}

int offdoc_table_cell(offdoc_t *d, offdoc_tab_t *t, const offdoc_cell_spec_t *s, err_t *e)
{
    if (!t->pub.nrows)
        return offdoc_state_error(e, "Chưa có dòng nào trong bảng", "The table has no row yet");
    offdoc_row_t *row = &t->rows[t->pub.nrows - 1];
    bool header = row->flags & OFFDOC_ROW_HEADER;
    int span = s->span > 0 ? s->span : 1, rowspan = s->rowspan > 0 ? s->rowspan : 1;
    size_t k = t->nreal;
    if (k >= row->ncells)
        return table_error(e, "Dòng của bảng đã đủ cột", "The table row has no free column left");
    int col = t->cur[k].col;
    for (int j = 0; j < span; j++)
        if (k + (size_t)j >= row->ncells || t->cur[k + (size_t)j].col != col + j)
            return table_error(e, "Ô gộp cột vượt quá số cột còn trống của dòng",
                               "A column span goes beyond the free columns of the row");
    if (rowspan > 1 && !header)
        return table_error(e, "Chỉ ô ở dòng tiêu đề mới được gộp dòng",
                           "Only header-row cells may span rows");
    if (s->align < OFFDOC_ALIGN_AUTO || s->align > OFFDOC_ALIGN_JUSTIFY)
        return table_error(e, "Kiểu căn lề của ô không hợp lệ", "Invalid cell alignment");
    offdoc_cell_t c = {0};
    int rc = cell_text(d, s, &c, e);
    if (rc)
        return rc;
    c.col = col;
    c.span = span;
    c.rowspan = rowspan;
    c.align = resolve_align(s, header);
    c.bold = s->bold || (row->flags & (OFFDOC_ROW_HEADER | OFFDOC_ROW_BOLD));
    /* the new cell replaces the placeholders k .. k + span - 1 */
    t->cur[k] = c;
    size_t tail = row->ncells - (k + (size_t)span);
    memmove(&t->cur[k + 1], &t->cur[k + (size_t)span], tail * sizeof c);
    row->ncells -= (size_t)span - 1;
    t->nreal++;
    for (int j = 0; j < span; j++)
        t->cover[col + j] = rowspan - 1;
    return 0;
}
