/* xlsx_read_sheet.c - rows and cells of one worksheet, streamed out of
 * its part (xlsx_read.h). Only the current row is held: its cells and, in
 * one buffer, their texts (each NUL-terminated; pointers are fixed when the
 * row is complete because the buffer may move while it grows). */
#include "io/xlsx_read.h"
#include "io/xlsx_read_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct xlsx_sheet {
    xlsx_t *x;
    xlsx_part_t p;
    xlsx_row_t row;
    xlsx_cell_t *cells;
    size_t *toff; /* text offset of each cell in text */
    size_t n, ccap, tcap;
    buf_t text, val;
    size_t rows, next_row, next_col;
    /* the open cell */
    char type[16];
    size_t col;
    bool in_v, in_is;
    xlsx_rich_t rich;
};

static int too_large(xlsx_sheet_t *s, err_t *e, const char *what_vi, const char *what_en,
                     size_t max)
{
    return err_set(e, ERR_TOOLARGE, "xlsx.too_large",
                   "Trang tính %s có quá nhiều %s%.0s (trên %zu)",
                   "Sheet %s has too many %.0s%s (over %zu)", s->p.name, what_vi, what_en, max);
}

int xlsx_read_sheet_open(xlsx_t *x, size_t i, xlsx_sheet_t **out, err_t *e)
{
    const char *path = xlsx_read_sheet_path(x, i);
    if (!path)
        return err_set(e, ERR_NOTFOUND, "xlsx.no_sheet", "Không có trang tính số %zu",
                       "There is no sheet number %zu", i + 1);
    xlsx_sheet_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return err_nomem(e);
    s->x = x;
    buf_init(&s->text, x->lim.max_part);
    buf_init(&s->val, x->lim.max_cell);
    bool found = false;
    int rc = xlsx_read_part_open(x, path, &s->p, &found, e);
    if (!rc && !found)
        rc = xlsx_read_corrupt(e, path, "missing");
    if (rc) {
        xlsx_read_sheet_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void xlsx_read_sheet_close(xlsx_sheet_t *s)
{
    if (!s)
        return;
    xlsx_read_part_close(&s->p);
    buf_release(&s->text);
    buf_release(&s->val);
    mem_free(s->cells);
    mem_free(s->toff);
    mem_free(s);
}

const xlsx_cell_t *xlsx_read_sheet_cell(const xlsx_row_t *r, size_t col)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].col == col)
            return &r->cells[i];
    return NULL;
}

/* "AB12" -> column 27, row 11 (0-based); false when malformed. */
static bool parse_ref(const char *ref, size_t *col, size_t *row)
{
    size_t c = 0, r = 0, k = 0;
    for (; ref[k] >= 'A' && ref[k] <= 'Z' && k < 3; k++)
        c = c * 26 + (size_t)(ref[k] - 'A' + 1);
    if (k == 0 || ref[k] < '1' || ref[k] > '9')
        return false;
    for (; ref[k] >= '0' && ref[k] <= '9' && r < 10000000; k++)
        r = r * 10 + (size_t)(ref[k] - '0');
    if (ref[k])
        return false;
    *col = c - 1;
    *row = r - 1;
    return true;
}

static int start_row(xlsx_sheet_t *s, err_t *e)
{
    char ref[32];
    if (s->rows >= s->x->lim.max_rows)
        return too_large(s, e, "dòng", "rows", s->x->lim.max_rows);
    xlsx_read_part_attr(&s->p, "r", ref, sizeof ref);
    long r = ref[0] ? strtol(ref, NULL, 10) : 0;
    s->row.index = r > 0 ? (size_t)r - 1 : s->next_row;
    s->next_row = s->row.index + 1;
    s->next_col = 0;
    s->n = 0;
    buf_reset(&s->text);
    s->rows++;
    return 0;
}

static void start_cell(xlsx_sheet_t *s)
{
    char ref[32];
    size_t col = 0, row = 0;
    xlsx_read_part_attr(&s->p, "r", ref, sizeof ref);
    xlsx_read_part_attr(&s->p, "t", s->type, sizeof s->type);
    s->col = ref[0] && parse_ref(ref, &col, &row) ? col : s->next_col;
    s->next_col = s->col + 1;
    s->in_v = s->in_is = false;
    s->rich = (xlsx_rich_t){0, false};
    buf_reset(&s->val);
}

/* Type, text and number of the open cell; *text points into val or the
 * shared strings. */
static int classify(xlsx_sheet_t *s, xlsx_cell_t *c, const char **text, err_t *e)
{
    const char *v = buf_cstr(&s->val), *t = s->type;
    size_t n = s->val.len;
    char *end = NULL;
    c->num = 0;
    c->len = n;
    *text = v;
    if (!strcmp(t, "s")) {
        long i = strtol(v, &end, 10);
        *text = n && *end == '\0' && i >= 0 ? xlsx_read_shared(s->x, (size_t)i, &c->len) : NULL;
        if (!*text)
            return xlsx_read_corrupt(e, s->p.name, "shared string index");
        c->type = XLSX_STRING;
    } else if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "d")) {
        c->type = XLSX_STRING;
    } else if (!strcmp(t, "b")) {
        c->type = XLSX_BOOL;
        c->num = strcmp(v, "1") == 0;
    } else if (!strcmp(t, "e")) {
        c->type = XLSX_ERROR;
    } else if (n == 0) {
        c->type = XLSX_EMPTY;
    } else {
        double d = strtod(v, &end);
        c->type = *end == '\0' ? XLSX_NUMBER : XLSX_STRING;
        c->num = c->type == XLSX_NUMBER ? d : 0;
    }
    return 0;
}

static int end_cell(xlsx_sheet_t *s, err_t *e)
{
    if (s->n >= s->x->lim.max_cols)
        return too_large(s, e, "ô trong một dòng", "cells in a row", s->x->lim.max_cols);
    if (s->val.len && (!strcmp(s->type, "inlineStr") || !strcmp(s->type, "str")))
        s->val.len = xlsx_read_unescape(s->val.data, s->val.len);
    xlsx_cell_t c = {s->col, XLSX_EMPTY, NULL, 0, 0};
    const char *text = NULL;
    int rc = classify(s, &c, &text, e);
    if (rc)
        return rc;
    if (MEM_GROW(s->cells, s->ccap, s->n + 1) || MEM_GROW(s->toff, s->tcap, s->n + 1))
        return err_nomem(e);
    s->toff[s->n] = s->text.len;
    rc = buf_append(&s->text, text, c.len);
    if (!rc)
        rc = buf_putc(&s->text, '\0');
    if (rc)
        return rc == ERR_NOMEM ? err_nomem(e) : too_large(s, e, "dữ liệu", "data", s->text.max);
    s->cells[s->n++] = c;
    return 0;
}

static void end_row(xlsx_sheet_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        s->cells[i].text = s->text.data ? s->text.data + s->toff[i] : "";
    s->row.cells = s->cells;
    s->row.ncells = s->n;
}

/* Handles one node inside a row; *row_done when the row ended. */
static int row_node(xlsx_sheet_t *s, bool *row_done, err_t *e)
{
    xlsx_part_t *p = &s->p;
    int rc = 0;
    bool empty = xmlTextReaderIsEmptyElement(p->rd) == 1;
    if (xlsx_read_part_start(p, "c")) {
        start_cell(s);
        if (empty)
            rc = end_cell(s, e);
    } else if (xlsx_read_part_start(p, "v")) {
        s->in_v = !empty;
    } else if (xlsx_read_part_end(p, "v")) {
        s->in_v = false;
    } else if (xlsx_read_part_start(p, "is")) {
        s->in_is = !empty;
    } else if (xlsx_read_part_end(p, "is")) {
        s->in_is = false;
    } else if (xlsx_read_part_end(p, "c")) {
        rc = end_cell(s, e);
    } else if (xlsx_read_part_end(p, "row")) {
        *row_done = true;
    } else if (s->in_is || (s->in_v && xlsx_read_part_text(p))) {
        rc = s->in_is ? xlsx_read_rich(p, &s->rich, &s->val)
                      : buf_puts(&s->val, (const char *)xmlTextReaderConstValue(p->rd));
        if (rc == ERR_TOOLARGE)
            rc = xlsx_read_cell_too_large(e, p->name, s->val.max);
        else if (rc)
            rc = err_nomem(e);
    }
    return rc;
}

int xlsx_read_sheet_next(xlsx_sheet_t *s, const xlsx_row_t **row, err_t *e)
{
    bool in_row = false, done = false;
    int r;
    for (r = xlsx_read_part_next(&s->p, e); r == 1; r = xlsx_read_part_next(&s->p, e)) {
        int rc = 0;
        if (!in_row && xlsx_read_part_start(&s->p, "row")) {
            rc = start_row(s, e);
            in_row = true;
            done = xmlTextReaderIsEmptyElement(s->p.rd) == 1;
        } else if (in_row) {
            rc = row_node(s, &done, e);
        }
        if (rc)
            return rc;
        if (in_row && done) {
            end_row(s);
            *row = &s->row;
            return 1;
        }
    }
    return r;
}
