/* plan_variants.c - layout variants of a plan document; see plan_variants.h. */
#include "support/plan_variants.h"

#include "base/text.h"
#include "support/strbuf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define PAGE_LINES 45 /* lines of text between two page breaks */
#define WRAP_COLS  70

/* ---- the clean document as a list of lines ---------------------------------- */

enum { LN_TEXT, LN_ROW_START, LN_ROW_CONT }; /* page breaks go before TEXT and ROW_START */

typedef struct line {
    char *s;
    int kind;
    int table; /* index of the task table it belongs to, or -1 */
} line_t;

typedef struct lines {
    line_t *v;
    size_t n, cap;
    bool bad;
    /* the header row of each table as lines in the chosen style */
    char **hdr[64];
    size_t nhdr[64];
} lines_t;

static void ln_add(lines_t *L, const char *s, size_t n, int kind, int table)
{
    if (L->bad)
        return;
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 256;
        line_t *nv = realloc(L->v, cap * sizeof *nv);
        if (!nv) {
            L->bad = true;
            return;
        }
        L->v = nv;
        L->cap = cap;
    }
    char *c = strndup(s, n);
    if (!c) {
        L->bad = true;
        return;
    }
    L->v[L->n++] = (line_t){c, kind, table};
}

static void ln_free(lines_t *L)
{
    for (size_t i = 0; i < L->n; i++)
        free(L->v[i].s);
    free(L->v);
    for (size_t t = 0; t < 64; t++) {
        for (size_t i = 0; i < L->nhdr[t]; i++)
            free(L->hdr[t][i]);
        free(L->hdr[t]);
    }
}

/* Splits s at '\n' into lines of the given kind (the first one gets kind,
 * the others LN_ROW_CONT when kind is a row). */
static void ln_split(lines_t *L, const char *s, int kind, int table)
{
    bool first = true;
    for (const char *p = s;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        ln_add(L, p, n, first || kind == LN_TEXT ? kind : LN_ROW_CONT, table);
        first = false;
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* A cell's lines joined with spaces (one-line table notations). */
static char *flat_cell(const doc_cell_t *c)
{
    char *s = strdup(c->text);
    for (char *p = s; p && *p; p++)
        if (*p == '\n' || *p == '|' || *p == '\t')
            *p = ' ';
    return s;
}

enum style { ST_CELLS, ST_PIPE, ST_MARKDOWN, ST_TAB };

/* The lines of one table row in a style (appended to L, or to a header
 * copy when hdr is set). */
static void row_lines(lines_t *L, const doc_row_t *r, enum style st, int table, bool rule)
{
    if (st == ST_CELLS || st == ST_PIPE) {
        for (size_t c = 0; c < r->ncells; c++) {
            ln_split(L, r->cells[c].text, c ? LN_ROW_CONT : LN_ROW_START, table);
            if (st == ST_PIPE)
                ln_add(L, "|", 1, LN_ROW_CONT, table);
        }
        return;
    }
    strbuf_t b = {0};
    if (st == ST_TAB && r->ncells == 1) { /* a merged row copies as its text */
        char *f = flat_cell(&r->cells[0]);
        strbuf_puts(&b, f ? f : "");
        free(f);
    }
    for (size_t c = 0; !(st == ST_TAB && r->ncells == 1) && c < r->ncells; c++) {
        char *f = flat_cell(&r->cells[c]);
        if (st == ST_MARKDOWN)
            strbuf_puts(&b, c ? " | " : "| ");
        else if (c)
            strbuf_puts(&b, "\t");
        strbuf_puts(&b, f ? f : "");
        free(f);
    }
    if (st == ST_MARKDOWN)
        strbuf_puts(&b, " |");
    char *s = strbuf_done(&b);
    if (s)
        ln_add(L, s, strlen(s), LN_ROW_START, table);
    free(s);
    if (rule) {
        strbuf_t rb = {0};
        strbuf_puts(&rb, "|");
        for (size_t c = 0; c < r->ncells; c++)
            strbuf_puts(&rb, "---|");
        char *rs = strbuf_done(&rb);
        if (rs)
            ln_add(L, rs, strlen(rs), LN_ROW_CONT, table);
        free(rs);
    }
}

/* A task table: the largest table (the appendix) - a letterhead or a
 * signature block has one or two rows. */
static bool task_table(const doc_block_t *b)
{
    return b->kind == DOC_TABLE && b->nrows >= 4;
}

static void doc_lines(const doc_t *d, enum style st, lines_t *L)
{
    int t = 0;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind == DOC_PARA) {
            ln_split(L, b->text, LN_TEXT, -1);
            continue;
        }
        int table = task_table(b) && t < 64 ? t++ : -1;
        for (size_t r = 0; r < b->nrows; r++)
            row_lines(L, &b->rows[r], st, table, st == ST_MARKDOWN && r == 0);
        if (table >= 0 && b->nrows) { /* its header row, to repeat */
            lines_t H = {0};
            row_lines(&H, &b->rows[0], st, table, st == ST_MARKDOWN);
            L->hdr[table] = malloc((H.n + 1) * sizeof(char *));
            for (size_t k = 0; L->hdr[table] && k < H.n; k++) {
                L->hdr[table][k] = H.v[k].s;
                H.v[k].s = NULL;
            }
            L->nhdr[table] = L->hdr[table] ? H.n : 0;
            ln_free(&H);
        }
    }
}

/* ---- re-wrapping ------------------------------------------------------------- */

/* Cuts a line at spaces into pieces of at most WRAP_COLS code points. */
static void wrap_line(lines_t *out, const line_t *l)
{
    const char *s = l->s;
    int kind = l->kind;
    while (text_length(s, strlen(s)) > WRAP_COLS) {
        size_t cols = 0, cut = 0;
        for (size_t i = 0; s[i] && cols <= WRAP_COLS; i++) {
            if (((unsigned char)s[i] & 0xC0) != 0x80)
                cols++;
            if (s[i] == ' ' && cols <= WRAP_COLS + 1)
                cut = i;
        }
        if (cut == 0)
            break;
        ln_add(out, s, cut, kind, l->table);
        kind = kind == LN_TEXT ? LN_TEXT : LN_ROW_CONT;
        s += cut + 1;
    }
    ln_add(out, s, strlen(s), kind, l->table);
}

/* ---- pages --------------------------------------------------------------------- */

void pv_running_title(int year, char *out, size_t cap)
{
    if (year > 0)
        snprintf(out, cap, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM %d", year);
    else
        snprintf(out, cap, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH");
}

/* The lines with a page number and the running title between pages of
 * about PAGE_LINES lines (never inside a table row); with repeat, the
 * header of a task table is repeated at the top of the page. */
static char *paginate(const lines_t *L, const char *title, bool furniture, bool repeat)
{
    strbuf_t b = {0};
    size_t count = 0;
    int page = 1;
    for (size_t i = 0; i < L->n; i++) {
        const line_t *l = &L->v[i];
        if (furniture && count >= PAGE_LINES && l->kind != LN_ROW_CONT) {
            char num[16];
            snprintf(num, sizeof num, "%d\n", page++);
            strbuf_puts(&b, num);
            strbuf_puts(&b, title);
            strbuf_puts(&b, "\n");
            count = 0;
            if (repeat && l->table >= 0)
                for (size_t k = 0; k < L->nhdr[l->table]; k++) {
                    strbuf_puts(&b, L->hdr[l->table][k]);
                    strbuf_puts(&b, "\n");
                }
        }
        strbuf_puts(&b, l->s);
        strbuf_puts(&b, "\n");
        count++;
    }
    if (furniture) {
        char num[16];
        snprintf(num, sizeof num, "%d\n", page);
        strbuf_puts(&b, num);
    }
    return strbuf_done(&b);
}

/* ---- prose appendix ------------------------------------------------------------ */

static const char *const romans[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                     "VII", "VIII", "IX",  "X",  "XI", "XII"};

static void parties(strbuf_t *b, const planparse_party_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(b, i ? "; " : "");
        strbuf_puts(b, v[i].text);
    }
}

/* Every task of p's appendix table as a numbered item under its area. */
static void prose_items(strbuf_t *b, const planparse_plan_t *p, bool inline_parts)
{
    planparse_area_t area = PLANPARSE_AREA_NONE;
    size_t k = 0;
    for (size_t i = 0; i < p->ntasks; i++) {
        const planparse_task_t *t = &p->tasks[i];
        if (t->area != area && k < sizeof romans / sizeof romans[0]) {
            area = t->area;
            const char *label = planparse_area_label_vi(area);
            char *up = text_upper(label, strlen(label), NULL);
            strbuf_puts(b, romans[k++]);
            strbuf_puts(b, ". ");
            strbuf_puts(b, up ? up : label);
            strbuf_puts(b, "\n");
            free(up);
        }
        strbuf_puts(b, t->no);
        strbuf_puts(b, ". ");
        strbuf_puts(b, t->title);
        const char *sep = inline_parts ? "; " : ".\n- ";
        strbuf_puts(b, inline_parts ? " Cơ quan chủ trì: " : "\n- Cơ quan chủ trì: ");
        parties(b, t->lead, t->nlead);
        if (t->nsupport) {
            strbuf_puts(b, sep);
            strbuf_puts(b, inline_parts ? "phối hợp: " : "Cơ quan phối hợp: ");
            parties(b, t->support, t->nsupport);
        }
        if (t->product) {
            strbuf_puts(b, sep);
            strbuf_puts(b, inline_parts ? "sản phẩm: " : "Sản phẩm: ");
            strbuf_puts(b, t->product);
        }
        if (t->deadline_text) {
            strbuf_puts(b, sep);
            strbuf_puts(b, inline_parts ? "thời gian: " : "Thời gian hoàn thành: ");
            strbuf_puts(b, t->deadline_text);
        }
        strbuf_puts(b, ".\n");
    }
}

/* The document's lines with its task table replaced by prose. */
static char *prose(const doc_t *d, const planparse_plan_t *p, bool inline_parts)
{
    if (!p || p->task_source != PLANPARSE_SRC_TABLE || !p->ntasks)
        return NULL;
    strbuf_t b = {0};
    bool done = false;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *k = doc_block(d, i);
        lines_t L = {0};
        if (task_table(k) && !done) {
            prose_items(&b, p, inline_parts);
            done = true;
            continue;
        }
        if (k->kind == DOC_PARA)
            ln_split(&L, k->text, LN_TEXT, -1);
        else
            for (size_t r = 0; r < k->nrows; r++)
                row_lines(&L, &k->rows[r], ST_CELLS, -1, false);
        for (size_t j = 0; j < L.n; j++) {
            strbuf_puts(&b, L.v[j].s);
            strbuf_puts(&b, "\n");
        }
        ln_free(&L);
    }
    return strbuf_done(&b);
}

/* ---- variants ---------------------------------------------------------------- */

const char *pv_name(pv_kind_t k)
{
    static const char *const names[PV_COUNT] = {
        "furniture",      "wrap",      "wrap+furniture", "cells split", "pipe split",
        "markdown split", "tab split", "prose inline",   "prose parts", "one paragraph"};
    return k < PV_COUNT ? names[k] : "?";
}

char *pv_text(const doc_t *d, const planparse_plan_t *p, pv_kind_t k)
{
    if (k == PV_PROSE_INLINE || k == PV_PROSE_PARTS)
        return prose(d, p, k == PV_PROSE_INLINE);
    enum style st = k == PV_PIPE_SPLIT       ? ST_PIPE
                    : k == PV_MARKDOWN_SPLIT ? ST_MARKDOWN
                    : k == PV_TAB_SPLIT      ? ST_TAB
                                             : ST_CELLS;
    lines_t L = {0};
    doc_lines(d, st, &L);
    char *out = NULL;
    char title[128];
    pv_running_title(p ? p->doc.year : 0, title, sizeof title);
    if (k == PV_ONE_PARAGRAPH) {
        strbuf_t b = {0};
        for (size_t i = 0; i < L.n; i++) {
            strbuf_puts(&b, i ? " " : "");
            strbuf_puts(&b, L.v[i].s);
        }
        strbuf_puts(&b, "\n");
        out = strbuf_done(&b);
    } else if (k == PV_WRAP || k == PV_WRAP_FURNITURE) {
        lines_t W = {0};
        for (size_t i = 0; i < L.n; i++)
            wrap_line(&W, &L.v[i]);
        out = W.bad ? NULL : paginate(&W, title, k == PV_WRAP_FURNITURE, false);
        ln_free(&W);
    } else {
        out = L.bad ? NULL : paginate(&L, title, true, k != PV_FURNITURE);
    }
    ln_free(&L);
    return out;
}

/* ---- a real PDF with running titles and page numbers ------------------------------- */

#define A4_W     595.276
#define A4_H     841.89
#define MARGIN_L 85.0
#define MARGIN_R 57.0
#define MARGIN_V 57.0
#define BODY_TOP (MARGIN_V + 30)
#define BODY_END (A4_H - MARGIN_V - 30)

typedef struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    PangoLayout *furniture; /* its own layout: drawn while a paragraph's lines are */
    const char *title;
    double y;
    int page;
} pdf_t;

static void pdf_text_at(pdf_t *w, const char *s, double x, double y, double width)
{
    pango_layout_set_width(w->furniture, (int)(width * PANGO_SCALE));
    pango_layout_set_text(w->furniture, s, -1);
    cairo_move_to(w->cr, x, y);
    pango_cairo_show_layout(w->cr, w->furniture);
}

/* The running title at the top of the page, its number at the bottom. */
static void pdf_furniture(pdf_t *w)
{
    pdf_text_at(w, w->title, MARGIN_L + 60, MARGIN_V, A4_W - MARGIN_L - MARGIN_R);
    char num[16];
    snprintf(num, sizeof num, "%d", w->page);
    pdf_text_at(w, num, A4_W / 2, A4_H - MARGIN_V - 16, 60);
}

static void pdf_break(pdf_t *w)
{
    cairo_show_page(w->cr);
    w->page++;
    w->y = BODY_TOP;
    pdf_furniture(w);
}

static void pdf_para(pdf_t *w, const char *s, double indent)
{
    pango_layout_set_width(w->layout, (int)((A4_W - MARGIN_L - MARGIN_R - indent) * PANGO_SCALE));
    pango_layout_set_text(w->layout, s, -1);
    int count = pango_layout_get_line_count(w->layout);
    for (int i = 0; i < count; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(w->layout, i);
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        double h = (double)log.height / PANGO_SCALE, ascent = -(double)log.y / PANGO_SCALE;
        if (w->y + h > BODY_END)
            pdf_break(w);
        cairo_move_to(w->cr, MARGIN_L + indent, w->y + ascent);
        pango_cairo_show_layout_line(w->cr, line);
        w->y += h;
    }
    w->y += 4;
}

int pv_pdf(const doc_t *d, const char *title, const char *path, int *pages)
{
    pdf_t w = {0};
    w.surface = cairo_pdf_surface_create(path, A4_W, A4_H);
    if (cairo_surface_status(w.surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(w.surface);
        return -1;
    }
    w.cr = cairo_create(w.surface);
    w.layout = pango_cairo_create_layout(w.cr);
    PangoFontDescription *fd = pango_font_description_from_string("Liberation Serif 13");
    pango_layout_set_font_description(w.layout, fd);
    w.furniture = pango_cairo_create_layout(w.cr);
    pango_layout_set_font_description(w.furniture, fd);
    pango_font_description_free(fd);
    pango_layout_set_wrap(w.layout, PANGO_WRAP_WORD_CHAR);
    w.title = title;
    w.page = 1;
    w.y = BODY_TOP;
    pdf_furniture(&w);
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *k = doc_block(d, i);
        if (k->kind == DOC_PARA) {
            pdf_para(&w, k->text, 0);
            continue;
        }
        for (size_t r = 0; r < k->nrows; r++)
            for (size_t c = 0; c < k->rows[r].ncells; c++)
                pdf_para(&w, k->rows[r].cells[c].text, c ? 40 : 20);
    }
    if (pages)
        *pages = w.page;
    g_object_unref(w.layout);
    g_object_unref(w.furniture);
    cairo_destroy(w.cr);
    cairo_surface_finish(w.surface);
    int rc = cairo_surface_status(w.surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    cairo_surface_destroy(w.surface);
    return rc;
}

/* ---- DOCX: a table cut in two -------------------------------------------------------- */

static int copy_rows(doc_t *out, const doc_block_t *b, size_t from, size_t to)
{
    int rc = doc_add_table(out, b->pos, NULL);
    for (size_t r = from; !rc && r < to; r++) {
        rc = doc_add_row(out, b->rows[r].pos, NULL);
        for (size_t c = 0; !rc && c < b->rows[r].ncells; c++) {
            const doc_cell_t *cell = &b->rows[r].cells[c];
            rc = doc_add_cell(out, cell->text, cell->len, cell->span, cell->vmerged, NULL);
        }
    }
    return rc;
}

doc_t *pv_split_table(const doc_t *d)
{
    size_t big = (size_t)-1, rows = 0;
    for (size_t i = 0; i < doc_count(d); i++)
        if (doc_block(d, i)->kind == DOC_TABLE && doc_block(d, i)->nrows > rows) {
            rows = doc_block(d, i)->nrows;
            big = i;
        }
    doc_t *out = doc_new(doc_format(d));
    int rc = out ? 0 : -1;
    for (size_t i = 0; !rc && i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind == DOC_PARA)
            rc = doc_add_para(out, b->text, b->len, b->pos, &b->style, NULL);
        else if (i != big)
            rc = copy_rows(out, b, 0, b->nrows);
        else {
            /* the middle row, moved onto a task row (a number in the first cell) */
            size_t mid = b->nrows / 2;
            while (mid < b->nrows && (!b->rows[mid].ncells || b->rows[mid].cells[0].text[0] < '0' ||
                                      b->rows[mid].cells[0].text[0] > '9'))
                mid++;
            rc = copy_rows(out, b, 0, mid);
            if (!rc && mid < b->nrows)
                rc = copy_rows(out, b, mid, b->nrows);
        }
    }
    if (rc) {
        doc_free(out);
        return NULL;
    }
    return out;
}
