/* doc.c - the document model: blocks, text cleaning, JSON and plain-text
 * renderings. The plain-text reader (doc_from_text) is in doc_text.c. */
#include "domain/doc.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

struct doc {
    int format;
    doc_block_t *blocks;
    size_t n;
    size_t cap;
    size_t furniture;       /* page-furniture lines dropped by the reader */
    char *furniture_sample; /* the first one that is not a bare page number */
};

doc_t *doc_new(int format)
{
    doc_t *d = mem_calloc(1, sizeof *d);
    if (d)
        d->format = format;
    return d;
}

static void free_row(doc_row_t *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        mem_free(r->cells[i].text);
    mem_free(r->cells);
}

void doc_free(doc_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        doc_block_t *b = &d->blocks[i];
        mem_free(b->text);
        mem_free((void *)b->style.style_id);
        for (size_t r = 0; r < b->nrows; r++)
            free_row(&b->rows[r]);
        mem_free(b->rows);
    }
    mem_free(d->blocks);
    mem_free(d->furniture_sample);
    mem_free(d);
}

size_t doc_furniture(const doc_t *d, const char **sample)
{
    if (sample)
        *sample = d ? d->furniture_sample : NULL;
    return d ? d->furniture : 0;
}

int doc_note_furniture(doc_t *d, size_t count, const char *sample, size_t n)
{
    d->furniture += count;
    if (!sample || d->furniture_sample)
        return 0;
    while (n && (*sample == ' ' || *sample == '\t'))
        sample++, n--;
    while (n && (sample[n - 1] == ' ' || sample[n - 1] == '\t' || sample[n - 1] == '\r'))
        n--;
    if (n > 120) {
        n = 120;
        while (n && ((unsigned char)sample[n] & 0xC0) == 0x80)
            n--;
    }
    d->furniture_sample = mem_strndup(sample, n);
    return d->furniture_sample ? 0 : ERR_NOMEM;
}

int doc_format(const doc_t *d)
{
    return d->format;
}

const char *doc_format_name(int format)
{
    switch (format) {
    case DOC_FMT_DOCX:
        return "docx";
    case DOC_FMT_PDF:
        return "pdf";
    default:
        return "text";
    }
}

size_t doc_count(const doc_t *d)
{
    return d ? d->n : 0;
}

const doc_block_t *doc_block(const doc_t *d, size_t i)
{
    return d && i < d->n ? &d->blocks[i] : NULL;
}

/* buf_detach of a buffer that was never written returns storage without a
 * terminating NUL (base/buf.c); empty results are allocated here. */
static char *detach(buf_t *b)
{
    if (b->len == 0) {
        buf_release(b);
        return mem_strdup("");
    }
    return buf_detach(b);
}

/* --- text cleaning ------------------------------------------------------- */

/* Decodes one code point of valid UTF-8; returns its length. */
static size_t u8_decode(const unsigned char *p, size_t n, int32_t *cp)
{
    if (p[0] < 0x80 || n < 2) {
        *cp = p[0];
        return 1;
    }
    if (p[0] < 0xE0) {
        *cp = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (p[0] < 0xF0 && n >= 3) {
        *cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    if (n >= 4) {
        *cp = ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return 4;
    }
    *cp = p[0];
    return 1;
}

static bool is_space_cp(int32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Pass 1: control characters. '\r' becomes '\n', '\f' and '\v' a space;
 * other C0/C1 controls, DEL and U+FEFF are dropped. */
static int filter_controls(const char *s, size_t n, buf_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = u8_decode(p + i, n - i, &cp);
        int rc = 0;
        if (cp == '\r')
            rc = buf_putc(out, '\n');
        else if (cp == '\f' || cp == '\v')
            rc = buf_putc(out, ' ');
        else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
                 cp == 0xFEFF)
            rc = 0;
        else
            rc = buf_append(out, s + i, k);
        if (rc)
            return rc;
        i += k;
    }
    return 0;
}

/* Pass 2: trims every line, drops blank lines, joins with '\n'. */
static int trim_lines(const char *s, size_t n, buf_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t ls = 0;
    while (ls <= n) {
        const char *nl = memchr(s + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - s) : n;
        size_t a = ls, b = ls; /* [a, b): trimmed content */
        bool seen = false;
        for (size_t i = ls; i < le;) {
            int32_t cp;
            size_t k = u8_decode(p + i, le - i, &cp);
            if (!is_space_cp(cp)) {
                if (!seen)
                    a = i;
                seen = true;
                b = i + k;
            }
            i += k;
        }
        if (seen) {
            if (out->len && buf_putc(out, '\n'))
                return ERR_NOMEM;
            if (buf_append(out, s + a, b - a))
                return ERR_NOMEM;
        }
        ls = le + 1;
    }
    return 0;
}

/* Whether valid UTF-8 s[0..n) is certainly NFC already: every code point
 * is below U+0300 or in Latin Extended Additional (U+1E00..U+1EFF, the
 * precomposed Vietnamese letters) or General Punctuation (U+2010..U+205E).
 * None of these decomposes or combines with what precedes it, so the text
 * is its own NFC form and the (costly) normalisation can be skipped. */
static bool quick_nfc(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        i += u8_decode(p + i, n - i, &cp);
        if (!(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x205E)))
            return false;
    }
    return true;
}

/* Validates and cleans utf8[0..n) into a new string *out (caller frees). */
static int clean_text(const char *utf8, size_t n, char **out, size_t *len, err_t *e)
{
    if (!text_valid(utf8, n))
        return err_set(e, ERR_INVALID, "doc.invalid_utf8", "Văn bản không phải UTF-8 hợp lệ",
                       "Text is not valid UTF-8");
    if (memchr(utf8, '\0', n))
        return err_set(e, ERR_INVALID, "doc.nul", "Văn bản chứa ký tự NUL (dữ liệu nhị phân)",
                       "Text contains a NUL character (binary data)");
    buf_t f, t;
    buf_init(&f, DOC_MAX_TEXT);
    buf_init(&t, DOC_MAX_TEXT);
    char *nfc = NULL, *res = NULL;
    int rc = filter_controls(utf8, n, &f);
    if (!rc && quick_nfc(f.data ? f.data : "", f.len))
        nfc = mem_strndup(f.data ? f.data : "", f.len);
    else if (!rc)
        nfc = text_nfc(f.data ? f.data : "", f.len, &rc);
    if (!rc && !nfc)
        rc = ERR_NOMEM;
    if (!rc)
        rc = trim_lines(nfc, strlen(nfc), &t);
    if (!rc) {
        *len = t.len;
        res = detach(&t);
        rc = res ? 0 : ERR_NOMEM;
    }
    if (rc == ERR_TOOLARGE)
        err_set(e, rc, "doc.too_large", "Đoạn văn bản quá dài", "A paragraph is too long");
    else if (rc)
        rc = err_nomem(e);
    mem_free(nfc);
    buf_release(&f);
    buf_release(&t);
    *out = res;
    return rc;
}

/* --- building ------------------------------------------------------------ */

static doc_block_t *push_block(doc_t *d, int kind, doc_pos_t pos, err_t *e)
{
    if (MEM_GROW(d->blocks, d->cap, d->n + 1)) {
        err_nomem(e);
        return NULL;
    }
    doc_block_t *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->pos = pos;
    return b;
}

int doc_add_para(doc_t *d, const char *utf8, size_t n, doc_pos_t pos, const doc_style_t *style,
                 err_t *e)
{
    size_t len = 0;
    char *text = NULL;
    int rc = clean_text(utf8 ? utf8 : "", utf8 ? n : 0, &text, &len, e);
    if (rc)
        return rc;
    if (len == 0) {
        mem_free(text);
        return 0;
    }
    char *sid = NULL;
    if (style && style->style_id) {
        sid = mem_strdup(style->style_id);
        if (!sid) {
            mem_free(text);
            return err_nomem(e);
        }
    }
    doc_block_t *b = push_block(d, DOC_PARA, pos, e);
    if (!b) {
        mem_free(text);
        mem_free(sid);
        return ERR_NOMEM;
    }
    b->text = text;
    b->len = len;
    if (style)
        b->style = *style;
    b->style.style_id = sid;
    return 0;
}

int doc_add_table(doc_t *d, doc_pos_t pos, err_t *e)
{
    return push_block(d, DOC_TABLE, pos, e) ? 0 : ERR_NOMEM;
}

static doc_block_t *last_table(doc_t *d, err_t *e)
{
    doc_block_t *b = d->n ? &d->blocks[d->n - 1] : NULL;
    if (!b || b->kind != DOC_TABLE) {
        err_set(e, ERR_INVALID, "doc.no_table", "Chưa có bảng để thêm dòng/ô",
                "No table to add a row or cell to");
        return NULL;
    }
    return b;
}

int doc_add_row(doc_t *d, doc_pos_t pos, err_t *e)
{
    doc_block_t *b = last_table(d, e);
    if (!b)
        return ERR_INVALID;
    if (MEM_GROW(b->rows, b->rows_cap, b->nrows + 1))
        return err_nomem(e);
    doc_row_t *r = &b->rows[b->nrows++];
    memset(r, 0, sizeof *r);
    r->pos = pos;
    return 0;
}

int doc_add_cell(doc_t *d, const char *utf8, size_t n, int span, bool vmerged, err_t *e)
{
    doc_block_t *b = last_table(d, e);
    if (!b)
        return ERR_INVALID;
    if (!b->nrows)
        return err_set(e, ERR_INVALID, "doc.no_row", "Chưa có dòng để thêm ô",
                       "No row to add a cell to");
    doc_row_t *r = &b->rows[b->nrows - 1];
    if (MEM_GROW(r->cells, r->cap, r->ncells + 1))
        return err_nomem(e);
    size_t len = 0;
    char *text = NULL;
    int rc = clean_text(utf8 ? utf8 : "", utf8 ? n : 0, &text, &len, e);
    if (rc)
        return rc;
    if (span < 1)
        span = 1;
    int col = 0;
    if (r->ncells) {
        const doc_cell_t *prev = &r->cells[r->ncells - 1];
        col = prev->col + prev->span;
    }
    r->cells[r->ncells++] = (doc_cell_t){text, len, col, span, vmerged};
    if (col + span > b->ncols)
        b->ncols = col + span;
    return 0;
}

/* --- renderings ---------------------------------------------------------- */

static int put_flat(buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (buf_putc(b, s[i] == '\n' ? ' ' : s[i]))
            return ERR_NOMEM;
    return 0;
}

char *doc_text(const doc_t *d)
{
    buf_t b;
    buf_init(&b, DOC_MAX_TEXT);
    int rc = 0;
    for (size_t i = 0; !rc && i < d->n; i++) {
        const doc_block_t *k = &d->blocks[i];
        if (k->kind == DOC_PARA) {
            rc = put_flat(&b, k->text, k->len);
            if (!rc)
                rc = buf_putc(&b, '\n');
            continue;
        }
        for (size_t r = 0; !rc && r < k->nrows; r++) {
            const doc_row_t *row = &k->rows[r];
            for (size_t c = 0; !rc && c < row->ncells; c++) {
                if (c)
                    rc = buf_puts(&b, " | ");
                if (!rc)
                    rc = put_flat(&b, row->cells[c].text, row->cells[c].len);
            }
            if (!rc)
                rc = buf_putc(&b, '\n');
        }
    }
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    return detach(&b);
}

static int put(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0 ? 0 : -1;
}

static int put_pos(json_t *o, doc_pos_t pos)
{
    if (pos.line && put(o, "line", json_integer(pos.line)))
        return -1;
    if (pos.page && put(o, "page", json_integer(pos.page)))
        return -1;
    return 0;
}

static const char *align_name(int a)
{
    switch (a) {
    case DOC_ALIGN_LEFT:
        return "left";
    case DOC_ALIGN_CENTER:
        return "center";
    case DOC_ALIGN_RIGHT:
        return "right";
    case DOC_ALIGN_JUSTIFY:
        return "justify";
    default:
        return NULL;
    }
}

static json_t *para_json(const doc_block_t *k)
{
    json_t *o = json_object();
    const doc_style_t *s = &k->style;
    int bad = !o || put(o, "type", json_string("paragraph")) ||
              put(o, "text", json_stringn(k->text, k->len)) || put_pos(o, k->pos);
    if (!bad && s->style_id)
        bad = put(o, "style", json_string(s->style_id));
    if (!bad && s->heading)
        bad = put(o, "heading", json_integer(s->heading));
    if (!bad && s->outline)
        bad = put(o, "outline", json_integer(s->outline));
    if (!bad && s->list_level)
        bad = put(o, "list_level", json_integer(s->list_level));
    if (!bad && s->bold)
        bad = put(o, "bold", json_true());
    if (!bad && align_name(s->align))
        bad = put(o, "align", json_string(align_name(s->align)));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *cell_json(const doc_cell_t *c)
{
    json_t *t = json_stringn(c->text, c->len);
    if (!t || (c->span == 1 && !c->vmerged))
        return t;
    json_t *o = json_object();
    if (!o) {
        json_decref(t);
        return NULL;
    }
    int bad = put(o, "text", t); /* steals t */
    if (!bad && c->span > 1)
        bad = put(o, "span", json_integer(c->span));
    if (!bad && c->vmerged)
        bad = put(o, "vmerged", json_true());
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *row_json(const doc_row_t *r)
{
    json_t *o = json_object(), *cells = json_array();
    int bad = !o || !cells || put_pos(o, r->pos);
    for (size_t c = 0; !bad && c < r->ncells; c++) {
        json_t *cj = cell_json(&r->cells[c]);
        bad = !cj || json_array_append_new(cells, cj);
    }
    if (!bad) {
        bad = put(o, "cells", cells);
        cells = NULL;
    }
    json_decref(cells);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *table_json(const doc_block_t *k)
{
    json_t *o = json_object(), *rows = json_array();
    int bad = !o || !rows || put(o, "type", json_string("table")) || put_pos(o, k->pos) ||
              put(o, "columns", json_integer(k->ncols));
    for (size_t r = 0; !bad && r < k->nrows; r++) {
        json_t *rj = row_json(&k->rows[r]);
        bad = !rj || json_array_append_new(rows, rj);
    }
    if (!bad) {
        bad = put(o, "rows", rows);
        rows = NULL;
    }
    json_decref(rows);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *doc_to_json(const doc_t *d)
{
    json_t *o = json_object(), *blocks = json_array();
    int bad = !o || !blocks || put(o, "format", json_string(doc_format_name(d->format)));
    for (size_t i = 0; !bad && i < d->n; i++) {
        const doc_block_t *k = &d->blocks[i];
        json_t *bj = k->kind == DOC_PARA ? para_json(k) : table_json(k);
        bad = !bj || json_array_append_new(blocks, bj);
    }
    if (!bad) {
        bad = put(o, "blocks", blocks);
        blocks = NULL;
    }
    json_decref(blocks);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}
