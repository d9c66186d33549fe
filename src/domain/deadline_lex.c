/* deadline_lex.c - tokens of deadline texts and matching helpers. */
#include "deadline_int.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

/* ---- tokens --------------------------------------------------------- */

static int tok_push(toks_t *tk, const tok_t *t)
{
    if (MEM_GROW(tk->v, tk->cap, tk->n + 1))
        return ERR_NOMEM;
    tk->v[tk->n++] = *t;
    return 0;
}

/* Structural punctuation, with look-alikes mapped to their ASCII form. */
static char punct_of(utf8proc_int32_t cp)
{
    switch (cp) {
    case '/':
    case ',':
    case ';':
    case ':':
    case '-':
    case '.':
    case '(':
    case ')':
        return (char)cp;
    case '[':
        return '(';
    case ']':
        return ')';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
        return '-';
    case 0x2044:
    case 0x2215:
    case 0xFF0F:
        return '/';
    case 0xFF0C:
    case 0x3001:
        return ',';
    case 0xFF1B:
        return ';';
    case 0xFF1A:
        return ':';
    case 0xFF08:
        return '(';
    case 0xFF09:
        return ')';
    default:
        return 0;
    }
}

/* 0 separator, 1 ASCII digit, 2 other word character (letters, marks,
 * non-ASCII decimal digits, letter numbers such as Ⅳ). Superscript footnote
 * marks (category No) are separators. */
static int char_class(utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= '0' && cp <= '9')
            return 1;
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? 2 : 0;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NL) ? 2 : 0;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

static int push_piece(toks_t *tk, const char *k, size_t kn, size_t off, size_t end, bool space)
{
    tok_t t;
    memset(&t, 0, sizeof t);
    t.off = off;
    t.end = end;
    t.space = space;
    if (all_digits(k, kn)) {
        t.type = T_NUM;
        t.ndig = (int)kn;
        t.num = kn > 9 ? -1 : 0;
        for (size_t i = 0; i < kn && kn <= 9; i++)
            t.num = t.num * 10 + (k[i] - '0');
    } else {
        t.type = T_WORD;
        if (kn < KEY_MAX)
            memcpy(t.key, k, kn); /* else "" : matches nothing */
    }
    return tok_push(tk, &t);
}

/* A run of word characters: ASCII is lowered in place, anything else goes
 * through text_key (which may split it into several pieces). */
static int push_run(toks_t *tk, const char *s, size_t off, size_t end, bool space)
{
    size_t n = end - off;
    bool ascii = true;
    for (size_t i = off; i < end && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        char k[KEY_MAX];
        size_t kn = n < KEY_MAX ? n : 0;
        for (size_t i = 0; i < kn; i++)
            k[i] = (char)(s[off + i] | ((s[off + i] >= 'A' && s[off + i] <= 'Z') ? 0x20 : 0));
        if (n >= KEY_MAX && all_digits(s + off, n))
            return push_piece(tk, s + off, n, off, end, space);
        return push_piece(tk, n < KEY_MAX ? k : "", n < KEY_MAX ? kn : 0, off, end, space);
    }
    int rc = 0;
    char *key = text_key(s + off, n, &rc);
    if (!key)
        return rc == ERR_NOMEM ? ERR_NOMEM : 0;
    const char *p = key;
    while (*p && !rc) {
        const char *sp = strchr(p, ' ');
        size_t kn = sp ? (size_t)(sp - p) : strlen(p);
        rc = push_piece(tk, p, kn, off, end, space);
        p += kn;
        while (*p == ' ')
            p++;
    }
    mem_free(key);
    return rc;
}

/* "202 4", "20 24", "2 0 2 4": re-join space-separated digit groups that
 * together form a plausible four-digit year. */
static void join_split_years(toks_t *tk)
{
    size_t w = 0;
    for (size_t i = 0; i < tk->n; i++) {
        tok_t t = tk->v[i];
        if (t.type == T_NUM && t.ndig < 4) {
            size_t j = i + 1;
            int nd = t.ndig;
            long v = t.num;
            while (j < tk->n && tk->v[j].type == T_NUM && nd + tk->v[j].ndig <= 4) {
                for (int d = 0; d < tk->v[j].ndig; d++)
                    v *= 10;
                v += tk->v[j].num;
                nd += tk->v[j].ndig;
                j++;
            }
            if (j > i + 1 && nd == 4 && v >= DEADLINE_YEAR_MIN && v <= DEADLINE_YEAR_MAX) {
                t.ndig = 4;
                t.num = v;
                t.end = tk->v[j - 1].end;
                i = j - 1;
            }
        }
        tk->v[w++] = t;
    }
    tk->n = w;
}

int deadline_lex_lex(const char *s, size_t n, toks_t *tk)
{
    size_t i = 0;
    bool space = true;
    int rc = 0;
    while (i < n && !rc) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return ERR_INVALID;
        char pc = punct_of(cp);
        int cls = pc ? 0 : char_class(cp);
        if (pc) {
            tok_t t;
            memset(&t, 0, sizeof t);
            t.type = T_PUNCT;
            t.punct = pc;
            t.space = space;
            t.off = i;
            t.end = i + (size_t)k;
            rc = tok_push(tk, &t);
            space = false;
            i += (size_t)k;
            continue;
        }
        if (cls == 0) {
            space = true;
            i += (size_t)k;
            continue;
        }
        size_t j = i + (size_t)k;
        while (j < n) {
            utf8proc_int32_t c2;
            utf8proc_ssize_t k2 =
                utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &c2);
            if (k2 <= 0 || punct_of(c2) || char_class(c2) != cls)
                break;
            j += (size_t)k2;
        }
        rc = push_run(tk, s, i, j, space);
        space = false;
        i = j;
    }
    if (!rc)
        join_split_years(tk);
    return rc;
}

/* ---- token matching ------------------------------------------------ */

const tok_t *deadline_lex_at(const ps_t *p, size_t j)
{
    return j < p->hi ? &p->t[j] : NULL;
}

bool deadline_lex_is_kw(const tok_t *t, const char *k)
{
    return t && t->type == T_WORD && strcmp(t->key, k) == 0;
}

bool deadline_lex_is_punct(const tok_t *t, char c)
{
    return t && t->type == T_PUNCT && t->punct == c;
}

/* Matches the space-separated keys of `words` at token j. */
bool deadline_lex_kw_at(const ps_t *p, size_t j, const char *words, size_t *next)
{
    const char *w = words;
    while (*w) {
        const char *sp = strchr(w, ' ');
        size_t len = sp ? (size_t)(sp - w) : strlen(w);
        const tok_t *t = deadline_lex_at(p, j);
        if (!t || t->type != T_WORD || strlen(t->key) != len || memcmp(t->key, w, len) != 0)
            return false;
        j++;
        w += len;
        if (*w == ' ')
            w++;
    }
    *next = j;
    return true;
}

bool deadline_lex_accept(ps_t *p, const char *words)
{
    size_t nx;
    if (!deadline_lex_kw_at(p, p->i, words, &nx))
        return false;
    p->i = nx;
    return true;
}

bool deadline_lex_peek(const ps_t *p, const char *words)
{
    size_t nx;
    return deadline_lex_kw_at(p, p->i, words, &nx);
}

bool deadline_lex_accept_punct(ps_t *p, char c)
{
    if (!deadline_lex_is_punct(deadline_lex_at(p, p->i), c))
        return false;
    p->i++;
    return true;
}

bool deadline_lex_year_tok(const tok_t *t, int *y)
{
    if (!t || t->type != T_NUM || t->ndig != 4 || t->num < DEADLINE_YEAR_MIN ||
        t->num > DEADLINE_YEAR_MAX)
        return false;
    *y = (int)t->num;
    return true;
}

bool deadline_lex_small_num(const tok_t *t, int maxdig, int *v)
{
    if (!t || t->type != T_NUM || t->ndig > maxdig)
        return false;
    *v = (int)t->num;
    return true;
}

bool deadline_lex_accept_year(ps_t *p, int *y)
{
    if (!deadline_lex_year_tok(deadline_lex_at(p, p->i), y))
        return false;
    p->i++;
    return true;
}

/* '/' Y, '-' Y, '.' Y, "năm" Y or a bare Y; -1 when absent. */
int deadline_lex_year_part(ps_t *p)
{
    size_t save = p->i;
    int y;
    if (deadline_lex_accept_punct(p, '/') || deadline_lex_accept_punct(p, '-') ||
        deadline_lex_accept_punct(p, '.') || deadline_lex_accept(p, "nam")) {
        if (deadline_lex_accept_year(p, &y))
            return y;
        p->i = save;
        return -1;
    }
    return deadline_lex_accept_year(p, &y) ? y : -1;
}

int deadline_lex_roman_value(const char *k)
{
    static const char *const r[] = {"i", "ii", "iii", "iv"};
    for (int i = 0; i < 4; i++)
        if (strcmp(k, r[i]) == 0)
            return i + 1;
    return 0;
}

/* Quarter number: 1..4 or I..IV, also split by a space ("I V"). */
int deadline_lex_quarter_no(ps_t *p)
{
    const tok_t *t = deadline_lex_at(p, p->i);
    int v;
    if (deadline_lex_small_num(t, 1, &v) && v >= 1 && v <= 4) {
        p->i++;
        return v;
    }
    v = t && t->type == T_WORD ? deadline_lex_roman_value(t->key) : 0;
    if (!v)
        return -1;
    const tok_t *u = deadline_lex_at(p, p->i + 1);
    if (u && u->type == T_WORD && u->space && strlen(t->key) + strlen(u->key) < 5) {
        char j[2 * KEY_MAX];
        snprintf(j, sizeof j, "%s%s", t->key, u->key);
        int w = deadline_lex_roman_value(j);
        if (w &&
            (strcmp(u->key, "i") == 0 || strcmp(u->key, "v") == 0 || strcmp(u->key, "ii") == 0)) {
            p->i += 2;
            return w;
        }
    }
    p->i++;
    return v;
}
