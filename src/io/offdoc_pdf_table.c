/* offdoc_pdf_table.c - tables in the PDF renderer (offdoc_pdf_int.h).
 *
 * Column positions come from the relative widths over the text width.
 * Each row's height is that of its tallest cell (text + padding); a header
 * cell spanning rows adds any height it lacks to the last row it spans.
 * Body rows never split across pages: a row that does not fit moves to the
 * next page, under a copy of the header rows. A row taller than a whole
 * page (below the header) is the exception: its cells continue line by
 * line on the following pages. */
#include "io/offdoc_pdf_int.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

typedef struct tjob {
    offdoc_pdf_job_t *j;
    const offdoc_table_t *t;
    double x[OFFDOC_COLS_MAX + 1]; /* column edges */
    PangoLayout ***head;           /* head[r][c]: layouts of the header cells */
    double *hh;                    /* header row heights */
    double head_h;
} tjob_t;

static double cell_width(const tjob_t *tj, const offdoc_cell_t *c)
{
    return tj->x[c->col + c->span] - tj->x[c->col];
}

static PangoLayout *cell_layout(tjob_t *tj, const offdoc_cell_t *c)
{
    double w = cell_width(tj, c) - 2 * OFFDOC_CELL_PAD_X;
    int align = c->align == OFFDOC_ALIGN_JUSTIFY ? OFFDOC_ALIGN_LEFT : c->align;
    return offdoc_pdf_text_simple(tj->j, c->text, OFFDOC_PT_TABLE, c->bold ? OFFDOC_BOLD : 0, align,
                                  w > 1 ? w : 1);
}

static double need(PangoLayout *l)
{
    return offdoc_pdf_text_height(l) + 2 * OFFDOC_CELL_PAD_Y;
}

static PangoLayout **row_layouts(tjob_t *tj, const offdoc_row_t *r)
{
    PangoLayout **ls = mem_calloc(r->ncells ? r->ncells : 1, sizeof *ls);
    for (size_t c = 0; ls && c < r->ncells; c++)
        ls[c] = cell_layout(tj, &r->cells[c]);
    return ls;
}

static void free_layouts(PangoLayout **ls, size_t n)
{
    for (size_t c = 0; ls && c < n; c++)
        if (ls[c])
            g_object_unref(ls[c]);
    mem_free(ls);
}

static int clamp_span(const tjob_t *tj, size_t r, const offdoc_cell_t *c)
{
    size_t left = tj->t->nheader - r;
    return (size_t)c->rowspan > left ? (int)left : c->rowspan;
}

/* Heights of the header rows, row spans included. */
static void header_heights(tjob_t *tj)
{
    const offdoc_table_t *t = tj->t;
    for (size_t r = 0; r < t->nheader; r++)
        for (size_t c = 0; c < t->rows[r].ncells; c++)
            if (clamp_span(tj, r, &t->rows[r].cells[c]) == 1 && need(tj->head[r][c]) > tj->hh[r])
                tj->hh[r] = need(tj->head[r][c]);
    for (size_t r = 0; r < t->nheader; r++)
        for (size_t c = 0; c < t->rows[r].ncells; c++) {
            int rs = clamp_span(tj, r, &t->rows[r].cells[c]);
            double have = 0;
            for (int k = 0; k < rs; k++)
                have += tj->hh[r + (size_t)k];
            if (rs > 1 && need(tj->head[r][c]) > have)
                tj->hh[r + (size_t)rs - 1] += need(tj->head[r][c]) - have;
        }
    tj->head_h = 0;
    for (size_t r = 0; r < t->nheader; r++)
        tj->head_h += tj->hh[r];
}

static void box(offdoc_pdf_job_t *j, double x, double y, double w, double h)
{
    cairo_set_line_width(j->cr, OFFDOC_BORDER_WIDTH);
    cairo_rectangle(j->cr, x, y, w, h);
    cairo_stroke(j->cr);
}

/* One cell: its border and its text centred vertically. */
static void draw_cell(tjob_t *tj, const offdoc_cell_t *c, PangoLayout *l, double y, double h)
{
    double x = tj->x[c->col], w = cell_width(tj, c);
    box(tj->j, x, y, w, h);
    double lh = offdoc_pdf_text_height(l);
    offdoc_pdf_text_draw(tj->j, l, x + OFFDOC_CELL_PAD_X, y + (h - lh) / 2);
}

static void draw_header(tjob_t *tj)
{
    const offdoc_table_t *t = tj->t;
    double y = tj->j->y;
    for (size_t r = 0; r < t->nheader; r++) {
        for (size_t c = 0; c < t->rows[r].ncells; c++) {
            int rs = clamp_span(tj, r, &t->rows[r].cells[c]);
            double h = 0;
            for (int k = 0; k < rs; k++)
                h += tj->hh[r + (size_t)k];
            draw_cell(tj, &t->rows[r].cells[c], tj->head[r][c], y, h);
        }
        y += tj->hh[r];
    }
    tj->j->y = y;
}

static void page_break(tjob_t *tj)
{
    offdoc_pdf_new_page(tj->j);
    draw_header(tj);
}

/* A body row taller than a page: its cells continue line by line. */
static void draw_tall_row(tjob_t *tj, const offdoc_row_t *r, PangoLayout **ls)
{
    int next[OFFDOC_COLS_MAX] = {0};
    for (;;) {
        offdoc_pdf_job_t *j = tj->j;
        double avail = PDF_BOTTOM - j->y - 2 * OFFDOC_CELL_PAD_Y, seg = 0;
        bool done = true, fresh = j->y <= OFFDOC_MARGIN_TOP + tj->head_h + 0.01;
        for (size_t c = 0; c < r->ncells; c++) {
            const offdoc_cell_t *cell = &r->cells[c];
            int from = next[c];
            double used =
                offdoc_pdf_text_slice(j, ls[c], tj->x[cell->col] + OFFDOC_CELL_PAD_X,
                                      j->y + OFFDOC_CELL_PAD_Y, from, avail, fresh, &next[c]);
            seg = used > seg ? used : seg;
            done = done && next[c] >= pango_layout_get_line_count(ls[c]);
        }
        for (size_t c = 0; c < r->ncells; c++)
            box(j, tj->x[r->cells[c].col], j->y, cell_width(tj, &r->cells[c]),
                seg + 2 * OFFDOC_CELL_PAD_Y);
        j->y += seg + 2 * OFFDOC_CELL_PAD_Y;
        if (done)
            return;
        page_break(tj);
    }
}

static void draw_body_row(tjob_t *tj, size_t ri)
{
    const offdoc_row_t *r = &tj->t->rows[ri];
    offdoc_pdf_job_t *j = tj->j;
    PangoLayout **ls = row_layouts(tj, r);
    if (!ls) {
        j->rc = ERR_NOMEM;
        return;
    }
    double h = 0;
    for (size_t c = 0; c < r->ncells; c++)
        h = need(ls[c]) > h ? need(ls[c]) : h;
    double page_room = PDF_BOTTOM - OFFDOC_MARGIN_TOP - tj->head_h;
    if (h > page_room) {
        if (PDF_BOTTOM - j->y < 3 * OFFDOC_PT_TABLE)
            page_break(tj);
        draw_tall_row(tj, r, ls);
    } else {
        if (j->y + h > PDF_BOTTOM)
            page_break(tj);
        for (size_t c = 0; c < r->ncells; c++)
            draw_cell(tj, &r->cells[c], ls[c], j->y, h);
        j->y += h;
    }
    free_layouts(ls, r->ncells);
}

static bool prepare(tjob_t *tj)
{
    const offdoc_table_t *t = tj->t;
    tj->x[0] = OFFDOC_MARGIN_LEFT;
    double acc = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        acc += t->widths[c];
        tj->x[c + 1] = OFFDOC_MARGIN_LEFT + acc * OFFDOC_TEXT_W;
    }
    tj->x[t->ncols] = OFFDOC_MARGIN_LEFT + OFFDOC_TEXT_W;
    tj->head = mem_calloc(t->nheader ? t->nheader : 1, sizeof *tj->head);
    tj->hh = mem_calloc(t->nheader ? t->nheader : 1, sizeof *tj->hh);
    if (!tj->head || !tj->hh) {
        tj->j->rc = ERR_NOMEM;
        return false;
    }
    for (size_t r = 0; r < t->nheader; r++) {
        tj->head[r] = row_layouts(tj, &t->rows[r]);
        if (!tj->head[r]) {
            tj->j->rc = ERR_NOMEM;
            return false;
        }
    }
    header_heights(tj);
    return true;
}

static void release(tjob_t *tj)
{
    for (size_t r = 0; tj->head && r < tj->t->nheader; r++)
        free_layouts(tj->head[r], tj->t->rows[r].ncells);
    mem_free(tj->head);
    mem_free(tj->hh);
}

void offdoc_pdf_table_draw(offdoc_pdf_job_t *j, const offdoc_table_t *t)
{
    tjob_t tj;
    memset(&tj, 0, sizeof tj);
    tj.j = j;
    tj.t = t;
    if (prepare(&tj)) {
        if (t->nheader && (t->nrows == t->nheader || j->y + tj.head_h > PDF_BOTTOM))
            offdoc_pdf_space(j, 0, tj.head_h);
        if (t->nheader && t->nrows > t->nheader) {
            /* drawn with the first body row so that the two stay together */
            const offdoc_row_t *r = &t->rows[t->nheader];
            PangoLayout **ls = row_layouts(&tj, r);
            double h = 0;
            for (size_t c = 0; ls && c < r->ncells; c++)
                h = need(ls[c]) > h ? need(ls[c]) : h;
            free_layouts(ls, r->ncells);
            if (h > PDF_BOTTOM - OFFDOC_MARGIN_TOP - tj.head_h) /* a tall row: a few lines */
                h = 3 * OFFDOC_PT_TABLE * 1.25 + 2 * OFFDOC_CELL_PAD_Y;
            if (j->y + tj.head_h + h > PDF_BOTTOM && !j->fresh)
                offdoc_pdf_new_page(j);
        }
        if (t->nheader)
            draw_header(&tj);
        for (size_t r = t->nheader; r < t->nrows && !j->rc; r++)
            draw_body_row(&tj, r);
    }
    release(&tj);
}
