/* doc_text.c - doc_from_text: the plain-text form of a plan (see doc.h and
 * docs/internals/documents.md for the table heuristics). */
#include "domain/doc.h"

#include "base/buf.h"
#include "domain/doc_layout.h"
#include "base/mem.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

/* Most lines a '|'-terminated cell may span; a longer gap between two '|'
 * lines means the table ended and narrative text follows. */
#define CELL_MAX_LINES 12

enum { L_TEXT, L_ROW, L_TERM, L_TAB };

typedef struct tline {
    const char *p;
    size_t n;
    int lineno;
    int kind;
    bool after_blank; /* a blank line (or the start) precedes it */
} tline_t;

typedef struct chain {
    size_t start; /* first line of the first cell */
    size_t t1;    /* first '|' line */
    size_t end;   /* last '|' line */
} chain_t;

/* --- UTF-8 validation with position -------------------------------------- */

/* Offset of the first byte that is not part of valid UTF-8 (no overlongs,
 * surrogates or code points above U+10FFFF), or n. */
static size_t utf8_invalid_at(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 2, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 3, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (n - i < k)
            return i;
        for (size_t j = 1; j < k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += k;
    }
    return n;
}

static int line_of(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
            line++;
    return line;
}

/* --- line classification ------------------------------------------------- */

static bool is_blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Blank: only ASCII blanks, NBSP (C2 A0), U+2000..U+200B, U+3000, U+FEFF. */
static bool line_blank(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (is_blank_byte(p[i])) {
            i++;
        } else if (n - i >= 2 && p[i] == 0xC2 && p[i + 1] == 0xA0) {
            i += 2;
        } else if (n - i >= 3 && ((p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] <= 0x8B) ||
                                  (p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) ||
                                  (p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF))) {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

static void ascii_trim(const char **s, size_t *n)
{
    while (*n && is_blank_byte((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && is_blank_byte((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static int classify(const char *s, size_t n)
{
    const char *t = s;
    size_t tn = n;
    ascii_trim(&t, &tn);
    if (tn == 1 && t[0] == '|')
        return L_TERM;
    if (memchr(s, '|', n))
        return L_ROW;
    size_t tabs = 0;
    for (size_t i = 0; i < tn; i++)
        tabs += t[i] == '\t';
    return tabs >= 2 ? L_TAB : L_TEXT;
}

/* Splits the input into non-blank lines. */
static int split_lines(const char *s, size_t n, tline_t **out, size_t *count)
{
    size_t cap = 0, m = 0;
    tline_t *L = NULL;
    int lineno = 0;
    bool blank_before = true;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        lineno++;
        if (line_blank(s + i, j - i)) {
            blank_before = true;
        } else {
            if (MEM_GROW(L, cap, m + 1)) {
                mem_free(L);
                return ERR_NOMEM;
            }
            L[m++] = (tline_t){s + i, j - i, lineno, classify(s + i, j - i), blank_before};
            blank_before = false;
        }
        if (j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')
            j++;
        i = j + 1;
    }
    *out = L;
    *count = m;
    return 0;
}

/* --- '|'-terminated cells: chains ---------------------------------------- */

/* Where the first cell of a chain whose first '|' line is t1 starts: back to
 * the nearest paragraph boundary (blank line, start, table) when it is at
 * most CELL_MAX_LINES lines away, else only the line just before t1. */
static size_t first_cell_start(const tline_t *L, size_t lower, size_t t1)
{
    size_t s = t1;
    for (int k = 0; k < CELL_MAX_LINES; k++) {
        if (s == lower || L[s - 1].kind == L_ROW)
            return s;
        s--;
        if (L[s].after_blank)
            return s;
    }
    if (s == lower || L[s - 1].kind == L_ROW)
        return s;
    return t1 - 1;
}

static int find_chains(const tline_t *L, size_t m, chain_t **out, size_t *count)
{
    size_t cap = 0, nc = 0, lower = 0;
    chain_t *C = NULL;
    for (size_t i = 0; i < m; i++) {
        if (L[i].kind != L_TERM)
            continue;
        size_t end = i;
        for (size_t j = i + 1; j < m && j - end - 1 <= CELL_MAX_LINES; j++)
            if (L[j].kind == L_TERM)
                end = j;
        if (MEM_GROW(C, cap, nc + 1)) {
            mem_free(C);
            return ERR_NOMEM;
        }
        C[nc++] = (chain_t){first_cell_start(L, lower, i), i, end};
        lower = end + 1;
        i = end;
    }
    *out = C;
    *count = nc;
    return 0;
}

/* --- row segmentation ---------------------------------------------------- */

#define SEQ_MAX 4

/* "1", "1.", "12)", "1.2", "1.2.3." -> sequence numbers and the closing
 * character ('.', ')' or 0); false otherwise. */
static bool parse_marker(const char *s, size_t n, int *seq, int *len, char *close)
{
    ascii_trim(&s, &n);
    size_t i = 0;
    *len = 0;
    *close = 0;
    while (i < n) {
        int v = 0, digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 4)
            v = v * 10 + (s[i++] - '0'), digits++;
        if (digits == 0 || digits > 3 || *len == SEQ_MAX)
            return false;
        seq[(*len)++] = v;
        if (i == n)
            return true;
        if (s[i] == ')') {
            *close = ')';
            return i + 1 == n;
        }
        if (s[i] != '.')
            return false;
        if (++i == n) {
            *close = '.';
            return true;
        }
    }
    return false;
}

/* b plausibly follows a: restart at 1, first child, or next sibling at any
 * level ("1." -> "2.", "1." -> "1.1", "1.3" -> "2."). */
static bool seq_follows(const int *a, int na, const int *b, int nb)
{
    if (nb == 1 && b[0] == 1)
        return true;
    if (nb == na + 1 && b[nb - 1] == 1 && memcmp(a, b, (size_t)na * sizeof *a) == 0)
        return true;
    if (nb <= na && b[nb - 1] == a[nb - 1] + 1 && memcmp(a, b, (size_t)(nb - 1) * sizeof *a) == 0)
        return true;
    return false;
}

/* Length of a Roman numeral I..XXXIX at s (uppercase), 0 if none. */
static size_t roman_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == 'X')
        i++;
    if (n - i >= 2 && s[i] == 'I' && (s[i + 1] == 'X' || s[i + 1] == 'V'))
        return i + 2;
    if (i < n && s[i] == 'V')
        i++;
    for (int k = 0; k < 3 && i < n && s[i] == 'I'; k++)
        i++;
    return i;
}

/* "I", "II.", "IV) ...", "III. CÔNG TÁC ..." : a group heading row. */
static bool is_roman_heading(const char *s, size_t n)
{
    ascii_trim(&s, &n);
    size_t k = roman_len(s, n);
    if (k == 0)
        return false;
    if (k == n)
        return true;
    if (s[k] != '.' && s[k] != ')')
        return false;
    return k + 1 == n || is_blank_byte((unsigned char)s[k + 1]);
}

typedef struct rowseg {
    int ncols;  /* expected cells per row, from the first row of >= 2 cells */
    int cur;    /* cells in the current row; -1 before the first row */
    bool group; /* the current row starts with a Roman-numeral heading */
    int last[SEQ_MAX];
    int nlast; /* 0: no row marker seen yet */
    char last_close;
} rowseg_t;

/* Whether cell text s starts a new row. A full row (ncols cells) always
 * ends; before that, a Roman-numeral heading starts a row, and so does a
 * numeric marker when the layout is still unknown, after a one-cell or
 * group row, or when it continues the previous row's numbering in the same
 * style ("6." -> "7."): that resynchronises after a row that lost cells. */
static bool starts_row(const rowseg_t *g, const char *s, size_t n)
{
    if (g->cur < 0)
        return true;
    if (g->cur == 0)
        return false;
    if (g->ncols > 0 && g->cur >= g->ncols)
        return true;
    if (is_roman_heading(s, n))
        return true;
    int seq[SEQ_MAX], len;
    char close;
    if (!parse_marker(s, n, seq, &len, &close))
        return false;
    if (g->ncols == 0 || g->cur == 1 || g->group)
        return true;
    if (g->nlast == 0)
        return len == 1 && seq[0] == 1;
    return close == g->last_close && seq_follows(g->last, g->nlast, seq, len);
}

static int join_lines(const tline_t *L, size_t a, size_t b, buf_t *out)
{
    buf_reset(out);
    for (size_t i = a; i < b; i++)
        if ((i > a && buf_putc(out, '\n')) || buf_append(out, L[i].p, L[i].n))
            return ERR_NOMEM;
    return 0;
}

static int add_chain_cell(doc_t *d, rowseg_t *g, const tline_t *L, size_t a, size_t b, int lineno,
                          buf_t *cell, err_t *e)
{
    if (join_lines(L, a, b, cell))
        return err_nomem(e);
    const char *s = cell->data ? cell->data : "";
    if (starts_row(g, s, cell->len)) {
        if (g->cur >= 2 && g->ncols == 0)
            g->ncols = g->cur;
        int rc = doc_add_row(d, (doc_pos_t){a < b ? L[a].lineno : lineno, 0}, e);
        if (rc)
            return rc;
        g->cur = 0;
        g->group = is_roman_heading(s, cell->len);
    }
    int seq[SEQ_MAX], len;
    char close;
    if (g->cur == 0 && parse_marker(s, cell->len, seq, &len, &close)) {
        memcpy(g->last, seq, sizeof seq);
        g->nlast = len;
        g->last_close = close;
    }
    g->cur++;
    return doc_add_cell(d, s, cell->len, 1, false, e);
}

static int emit_chain(doc_t *d, const tline_t *L, const chain_t *c, err_t *e)
{
    rowseg_t g = {0, -1, false, {0}, 0, 0};
    buf_t cell;
    buf_init(&cell, DOC_MAX_TEXT);
    size_t from = c->start;
    int rc = doc_add_table(d, (doc_pos_t){L[c->start].lineno, 0}, e);
    for (size_t t = c->t1; !rc && t <= c->end; t++) {
        if (L[t].kind != L_TERM)
            continue;
        rc = add_chain_cell(d, &g, L, from, t, L[t].lineno, &cell, e);
        from = t + 1;
    }
    buf_release(&cell);
    return rc;
}

/* --- inline rows ---------------------------------------------------------- */

/* A Markdown rule row: every cell is dashes with optional colons. */
static bool rule_cell(const char *s, size_t n)
{
    ascii_trim(&s, &n);
    if (n && s[0] == ':')
        s++, n--;
    if (n && s[n - 1] == ':')
        n--;
    if (n < 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '-')
            return false;
    return true;
}

/* Appends the cells of an inline row line (split at '|', or at tabs for
 * a tab row; the empty piece before a leading '|' and after a trailing '|'
 * dropped) as a new row, unless it is a Markdown rule row. Opens the table
 * when *open is false. */
static int emit_inline_row(doc_t *d, const tline_t *l, bool *open, err_t *e)
{
    const char *s = l->p;
    size_t n = l->n;
    char sep = l->kind == L_TAB ? '\t' : '|';
    ascii_trim(&s, &n);
    if (n && s[0] == '|')
        s++, n--;
    if (n && s[n - 1] == '|')
        n--;
    bool rule = true;
    for (size_t i = 0; i <= n && rule;) {
        const char *bar = memchr(s + i, sep, n - i);
        size_t j = bar ? (size_t)(bar - s) : n;
        rule = rule_cell(s + i, j - i);
        i = j + 1;
    }
    if (rule)
        return 0;
    int rc = 0;
    if (!*open)
        rc = doc_add_table(d, (doc_pos_t){l->lineno, 0}, e);
    *open = true;
    if (!rc)
        rc = doc_add_row(d, (doc_pos_t){l->lineno, 0}, e);
    for (size_t i = 0; !rc && i <= n;) {
        const char *bar = memchr(s + i, sep, n - i);
        size_t j = bar ? (size_t)(bar - s) : n;
        rc = doc_add_cell(d, s + i, j - i, 1, false, e);
        i = j + 1;
    }
    return rc;
}

/* --- page furniture ---------------------------------------------------------- */

/* Drops the running titles and page numbers among the lines (compacting L)
 * and notes them in d. */
static int drop_furniture(doc_t *d, tline_t *L, size_t *m)
{
    if (*m == 0)
        return 0;
    doc_layout_line_t *v = mem_alloc(*m * sizeof *v);
    bool *drop = mem_alloc(*m * sizeof *drop);
    size_t dropped = 0;
    int rc = v && drop ? 0 : ERR_NOMEM;
    for (size_t i = 0; !rc && i < *m; i++)
        v[i] = (doc_layout_line_t){L[i].p, L[i].n, 0};
    if (!rc)
        rc = doc_layout_furniture(v, *m, drop, &dropped);
    size_t w = 0;
    for (size_t i = 0; !rc && i < *m; i++) {
        if (!drop[i]) {
            L[w++] = L[i];
            continue;
        }
        const char *t = L[i].p;
        size_t tn = L[i].n;
        ascii_trim(&t, &tn);
        bool bare = tn && strspn(t, "0123456789") == tn;
        rc = doc_note_furniture(d, 1, bare ? NULL : L[i].p, L[i].n);
    }
    if (!rc)
        *m = w;
    mem_free(v);
    mem_free(drop);
    return rc;
}

/* --- driver ---------------------------------------------------------------- */

size_t doc_text_invalid_at(const char *s, size_t n, int *line)
{
    size_t bad = utf8_invalid_at((const unsigned char *)s, n);
    if (line)
        *line = line_of(s, bad);
    return bad;
}

static int check_input(const char *s, size_t n, err_t *e)
{
    size_t bad = utf8_invalid_at((const unsigned char *)s, n);
    if (bad < n)
        return err_set(e, ERR_INVALID, "doc.invalid_utf8",
                       "Văn bản không phải UTF-8 hợp lệ (byte 0x%02X ở dòng %d)",
                       "Text is not valid UTF-8 (byte 0x%02X on line %d)",
                       (unsigned)(unsigned char)s[bad], line_of(s, bad));
    const char *nul = memchr(s, '\0', n);
    if (nul)
        return err_set(e, ERR_INVALID, "doc.nul",
                       "Văn bản chứa ký tự NUL ở dòng %d (dữ liệu nhị phân?)",
                       "Text contains a NUL character on line %d (binary data?)",
                       line_of(s, (size_t)(nul - s)));
    return 0;
}

static int build(doc_t *d, const tline_t *L, size_t m, const chain_t *C, size_t nc, err_t *e)
{
    size_t c = 0;
    bool open = false;
    int rc = 0;
    for (size_t i = 0; !rc && i < m;) {
        if (c < nc && i == C[c].start) {
            rc = emit_chain(d, L, &C[c], e);
            i = C[c++].end + 1;
            open = false;
        } else if (L[i].kind == L_ROW || L[i].kind == L_TAB) {
            rc = emit_inline_row(d, &L[i++], &open, e);
        } else if (open && i > 0 && L[i - 1].kind == L_TAB && i + 1 < m && L[i + 1].kind == L_TAB) {
            /* a merged row of a copied Word table (a section heading) has
               no tab: one cell between tab rows */
            rc = doc_add_row(d, (doc_pos_t){L[i].lineno, 0}, e);
            if (!rc)
                rc = doc_add_cell(d, L[i].p, L[i].n, 1, false, e);
            i++;
        } else {
            rc = doc_add_para(d, L[i].p, L[i].n, (doc_pos_t){L[i].lineno, 0}, NULL, e);
            i++;
            open = false;
        }
    }
    return rc;
}

int doc_from_text(const char *utf8, size_t n, doc_t **out, err_t *e)
{
    if (!utf8) {
        utf8 = "";
        n = 0;
    }
    if (n >= 3 && memcmp(utf8, "\xEF\xBB\xBF", 3) == 0)
        utf8 += 3, n -= 3;
    int rc = check_input(utf8, n, e);
    if (rc)
        return rc;
    tline_t *L = NULL;
    chain_t *C = NULL;
    size_t m = 0, nc = 0;
    doc_t *d = doc_new(DOC_FMT_TEXT);
    if (!d || split_lines(utf8, n, &L, &m) || drop_furniture(d, L, &m) ||
        find_chains(L, m, &C, &nc)) {
        rc = err_nomem(e);
        goto done;
    }
    rc = build(d, L, m, C, nc, e);
done:
    mem_free(L);
    mem_free(C);
    if (rc) {
        doc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}
