/* doc_layout.c - page furniture (running titles and footers, page numbers)
 * found among the lines of a document's text; see doc_layout.h. */
#include "domain/doc_layout.h"

#include "base/err.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define MAX_PAGE_NO  9999
#define MAX_PAGE_GAP 400 /* lines between two page numbers at most */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_blank(**s))
        (*s)++, (*n)--;
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
}

/* A number of at most 4 digits at s[0..n); its value or -1. */
static long number(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool eat(const char **s, size_t *n, const char *w)
{
    size_t l = strlen(w);
    if (*n < l || strncmp(*s, w, l) != 0)
        return false;
    *s += l;
    *n -= l;
    trim(s, n);
    return true;
}

/* Page number forms; *value gets the number, *bare is set for a bare
 * number (which may as well be a table's row number). */
static bool page_number(const char *s, size_t n, long *value, bool *bare)
{
    trim(&s, &n);
    *bare = false;
    *value = number(s, n);
    if (*value > 0) {
        *bare = true;
        return true;
    }
    /* "- 12 -", "– 12 –" */
    static const char *const dashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94"};
    for (size_t k = 0; k < 3; k++) {
        size_t l = strlen(dashes[k]);
        if (n > 2 * l && strncmp(s, dashes[k], l) == 0 && strncmp(s + n - l, dashes[k], l) == 0) {
            const char *t = s + l;
            size_t tn = n - 2 * l;
            trim(&t, &tn);
            *value = number(t, tn);
            return *value > 0;
        }
    }
    /* "Trang 12", "Trang 12/30", "Page 12", "12/30" */
    bool word = eat(&s, &n, "Trang") || eat(&s, &n, "trang") || eat(&s, &n, "TRANG") ||
                eat(&s, &n, "Page") || eat(&s, &n, "page");
    const char *slash = memchr(s, '/', n);
    size_t first = slash ? (size_t)(slash - s) : n;
    const char *a = s;
    size_t an = first;
    trim(&a, &an);
    *value = number(a, an);
    if (*value <= 0)
        return false;
    if (slash) {
        const char *b = slash + 1;
        size_t bn = n - first - 1;
        trim(&b, &bn);
        long total = number(b, bn);
        return total >= *value;
    }
    return word;
}

/* ---- keys: trimmed, white space collapsed, digits masked ------------------ */

typedef struct item {
    size_t line;
    const char *key; /* the set's copy: equal keys are the same pointer */
} item_t;

static int cmp_item(const void *a, const void *b)
{
    const item_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Writes the key of a line into out (at least n + 1 bytes); false when the
 * line is too long or has no letter to be a running title. */
static bool mask_key(const char *s, size_t n, char *out)
{
    trim(&s, &n);
    if (n == 0 || n > DOC_LAYOUT_MAX_LINE)
        return false;
    size_t w = 0;
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (is_blank(ch)) {
            if (w && out[w - 1] != ' ')
                out[w++] = ' ';
            continue;
        }
        if (is_digit(ch))
            ch = '#';
        else if ((unsigned char)ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            letter = true;
        out[w++] = ch;
    }
    out[w] = '\0';
    return letter;
}

/* At least three letters and no lower-case ASCII or Vietnamese lower-case
 * lead byte pattern: a cheap "written in capitals" for running titles. */
static bool caps_line(const char *k)
{
    size_t upper = 0;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            return false;
        upper += *p >= 'A' && *p <= 'Z';
    }
    return upper >= 3;
}

/* ---- page numbers in plain text --------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Pages hold about the same number of lines: every gap between two page
 * numbers of the run is within a factor 2.5 of the median gap (the last
 * page may be shorter). */
static bool regular_chain(const size_t *cand, const long *prev, long last)
{
    size_t n = 0;
    for (long c = last; prev[c] >= 0; c = prev[c])
        n++;
    if (n == 0)
        return false;
    size_t *g = mem_alloc(n * sizeof *g);
    if (!g)
        return false;
    size_t k = 0;
    for (long c = last; prev[c] >= 0; c = prev[c])
        g[k++] = cand[c] - cand[prev[c]];
    qsort(g, n, sizeof *g, cmp_size);
    size_t med = g[n / 2];
    bool ok = true;
    for (long c = last; ok && prev[c] >= 0; c = prev[c]) {
        size_t gap = cand[c] - cand[prev[c]];
        bool final = c == last;
        ok = gap * 2 <= med * 5 && (final || gap * 5 >= med * 2);
    }
    mem_free(g);
    return ok;
}

/* The longest run of bare numbers k, k+1, … at regular intervals of at
 * least DOC_LAYOUT_MIN_PAGE lines; marks them in pn. */
static int bare_chain(const doc_layout_line_t *L, size_t n, size_t min_len, bool *pn)
{
    size_t *cand = mem_alloc((n + 1) * sizeof *cand);
    size_t *len = mem_alloc((n + 1) * sizeof *len);
    long *prev = mem_alloc((n + 1) * sizeof *prev);
    long *last = mem_alloc((MAX_PAGE_NO + 2) * sizeof *last);
    int rc = cand && len && prev && last ? 0 : ERR_NOMEM;
    size_t nc = 0, best = 0;
    long best_c = -1;
    for (size_t v = 0; !rc && v <= MAX_PAGE_NO + 1; v++)
        last[v] = -1;
    for (size_t i = 0; !rc && i < n; i++) {
        long v;
        bool bare;
        if (!page_number(L[i].s, L[i].n, &v, &bare) || !bare)
            continue;
        size_t c = nc++;
        cand[c] = i;
        len[c] = 1;
        prev[c] = -1;
        long p = last[v - 1];
        if (p >= 0 && i - cand[p] >= DOC_LAYOUT_MIN_PAGE && i - cand[p] <= MAX_PAGE_GAP) {
            len[c] = len[p] + 1;
            prev[c] = p;
        }
        if (last[v] < 0 || len[c] >= len[last[v]])
            last[v] = (long)c;
        if (len[c] > best) {
            best = len[c];
            best_c = (long)c;
        }
    }
    if (!rc && best >= min_len && regular_chain(cand, prev, best_c))
        for (long c = best_c; c >= 0; c = prev[c])
            pn[cand[c]] = true;
    mem_free(cand);
    mem_free(len);
    mem_free(prev);
    mem_free(last);
    return rc;
}

/* Page numbers: explicit forms (when repeated), bare runs, or, with pages
 * known, numbers among the first and last two lines of a page. */
static int page_numbers(const doc_layout_line_t *L, size_t n, bool paged, size_t min_chain,
                        const bool *edge, bool *pn)
{
    size_t explicit_forms = 0;
    for (size_t i = 0; i < n; i++) {
        long v;
        bool bare;
        if (!page_number(L[i].s, L[i].n, &v, &bare))
            continue;
        if (paged) /* a row number at the top of a page is not the page's */
            pn[i] = edge[i] && v >= L[i].page - 3 && v <= L[i].page + 3;
        else if (!bare)
            explicit_forms++;
    }
    if (paged)
        return 0;
    for (size_t i = 0; explicit_forms >= 2 && i < n; i++) {
        long v;
        bool bare;
        pn[i] = page_number(L[i].s, L[i].n, &v, &bare) && !bare;
    }
    return bare_chain(L, n, min_chain, pn);
}

/* ---- running titles ------------------------------------------------------------ */

/* Groups the candidate lines by key and marks the running ones. */
static void running(const item_t *it, size_t m, size_t n, const bool *edge, bool any_edge,
                    size_t pages, bool *drop)
{
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && it[a].key == it[b].key)
            b++;
        size_t at_edge = 0;
        for (size_t k = a; k < b; k++)
            at_edge += edge[it[k].line];
        size_t count = b - a;
        bool yes = false;
        if (any_edge) {
            yes = at_edge >= 2 && at_edge * 10 >= count * 6 && at_edge * 4 >= pages;
        } else if (count >= 3 && count * 100 >= n && caps_line(it[a].key) &&
                   strchr(it[a].key, ' ')) {
            size_t gmin = (size_t)-1, gmax = 0;
            for (size_t k = a + 1; k < b; k++) {
                size_t g = it[k].line - it[k - 1].line;
                gmin = g < gmin ? g : gmin;
                gmax = g > gmax ? g : gmax;
            }
            yes = gmin >= DOC_LAYOUT_MIN_PAGE && gmax <= 3 * gmin;
        }
        for (size_t k = a; yes && k < b; k++)
            if (!any_edge || edge[it[k].line])
                drop[it[k].line] = true;
        a = b;
    }
}

/* Lines next to a page boundary, pages known: the first and last two of a
 * page. Returns the number of pages. */
static size_t mark_page_edges(const doc_layout_line_t *L, size_t n, bool *edge)
{
    size_t pages = 0;
    for (size_t i = 0; i < n; i++) {
        bool first = i == 0 || L[i - 1].page != L[i].page;
        bool second = i >= 1 && (i == 1 || L[i - 2].page != L[i].page);
        bool last = i + 1 == n || L[i + 1].page != L[i].page;
        bool before_last = i + 2 >= n || L[i + 2].page != L[i].page;
        edge[i] = first || second || last || before_last;
        pages += first;
    }
    return pages;
}

/* Lines next to a page boundary in plain text: within two lines of a page
 * number. */
static void mark_number_edges(const bool *pn, size_t n, bool *edge)
{
    for (size_t i = 0; i < n; i++)
        if (pn[i])
            for (size_t k = i >= 2 ? i - 2 : 0; k <= i + 2 && k < n; k++)
                edge[k] = true;
}

/* A set of keys (open addressing, FNV-1a). */
typedef struct keyset {
    char **v;
    size_t cap;
} keyset_t;

static size_t key_hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

/* The set's copy of k, or NULL. */
static char *keyset_find(const keyset_t *ks, const char *k)
{
    for (size_t i = key_hash(k) & (ks->cap - 1); ks->v[i]; i = (i + 1) & (ks->cap - 1))
        if (strcmp(ks->v[i], k) == 0)
            return ks->v[i];
    return NULL;
}

static int keyset_add(keyset_t *ks, const char *k)
{
    size_t i = key_hash(k) & (ks->cap - 1);
    while (ks->v[i] && strcmp(ks->v[i], k) != 0)
        i = (i + 1) & (ks->cap - 1);
    if (ks->v[i])
        return 0;
    ks->v[i] = mem_strdup(k);
    return ks->v[i] ? 0 : ERR_NOMEM;
}

/* The candidate lines: those whose key is the key of a line at a page
 * boundary (any_edge), else the lines in capitals. Items point into ks. */
static int candidates(const doc_layout_line_t *L, size_t n, const bool *pn, const bool *edge,
                      bool any_edge, keyset_t *ks, item_t *it, size_t *m)
{
    char k[DOC_LAYOUT_MAX_LINE + 1];
    size_t nedge = 0;
    for (size_t i = 0; i < n; i++)
        nedge += any_edge ? edge[i] : 1;
    ks->cap = 16;
    while (ks->cap < 2 * nedge + 2)
        ks->cap *= 2;
    ks->v = mem_calloc(ks->cap, sizeof *ks->v);
    if (!ks->v)
        return ERR_NOMEM;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++)
        if (!pn[i] && (any_edge ? edge[i] : true) && mask_key(L[i].s, L[i].n, k) &&
            (any_edge || caps_line(k)))
            rc = keyset_add(ks, k);
    *m = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        char *found = !pn[i] && mask_key(L[i].s, L[i].n, k) ? keyset_find(ks, k) : NULL;
        if (found)
            it[(*m)++] = (item_t){i, found};
    }
    return rc;
}

/* One pass with runs of at least min_chain bare page numbers. */
static int detect(const doc_layout_line_t *L, size_t n, bool paged, size_t min_chain, bool *drop,
                  size_t *running_lines)
{
    bool *pn = mem_calloc(n, sizeof *pn);
    bool *edge = mem_calloc(n, sizeof *edge);
    item_t *it = mem_alloc(n * sizeof *it);
    keyset_t ks = {NULL, 0};
    int rc = pn && edge && it ? 0 : ERR_NOMEM;
    size_t pages = 0, m = 0;
    if (!rc && paged)
        pages = mark_page_edges(L, n, edge);
    if (!rc)
        rc = page_numbers(L, n, paged, min_chain, edge, pn);
    if (!rc && !paged)
        mark_number_edges(pn, n, edge);
    bool any_edge = false;
    for (size_t i = 0; !rc && i < n; i++)
        any_edge |= edge[i];
    if (!rc)
        rc = candidates(L, n, pn, edge, any_edge, &ks, it, &m);
    *running_lines = 0;
    if (!rc) {
        qsort(it, m, sizeof *it, cmp_item);
        if (!paged)
            for (size_t i = 0; i < n; i++)
                pages += pn[i];
        running(it, m, n, edge, any_edge, pages, drop);
        for (size_t i = 0; i < n; i++) {
            *running_lines += drop[i];
            drop[i] |= pn[i];
        }
    }
    for (size_t i = 0; ks.v && i < ks.cap; i++)
        mem_free(ks.v[i]);
    mem_free(ks.v);
    mem_free(pn);
    mem_free(edge);
    mem_free(it);
    return rc;
}

int doc_layout_furniture(const doc_layout_line_t *L, size_t n, bool *drop, size_t *dropped)
{
    memset(drop, 0, n * sizeof *drop);
    if (dropped)
        *dropped = 0;
    if (n == 0)
        return 0;
    bool paged = false;
    for (size_t i = 0; i < n && !paged; i++)
        paged = L[i].page > 0;
    size_t run = 0, count = 0;
    int rc = detect(L, n, paged, 3, drop, &run);
    for (size_t i = 0; !rc && i < n; i++)
        count += drop[i];
    if (!rc && !paged && count == 0) {
        /* a two-page text: two page numbers count only when a running
           title confirms them, or when the second ends the text */
        rc = detect(L, n, false, 2, drop, &run);
        if (!rc && run == 0 && !drop[n - 1])
            memset(drop, 0, n * sizeof *drop);
        for (size_t i = 0; !rc && i < n; i++)
            count += drop[i];
    }
    if (dropped)
        *dropped = count;
    return rc;
}
