/* report_phrase_lex.c - tokens, matching and dates of reporting phrases. */
#include "domain/report_phrase_int.h"

#include "base/mem.h"
#include "base/text.h"

#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

/* ---- tokens ------------------------------------------------------------ */

static char punct_of(utf8proc_int32_t cp)
{
    switch (cp) {
    case '/':
    case ',':
    case ';':
    case ':':
    case '.':
    case '(':
    case ')':
        return (char)cp;
    case '-':
    case 0x2013:
    case 0x2014:
        return '-';
    case 0xFF0F:
    case 0x2044:
        return '/';
    default:
        return 0;
    }
}

/* 1 ASCII digit, 2 letter or mark, 0 separator (superscript footnote marks
 * such as ⁽¹⁾ and ¹ are separators: category No / Ps / Pe, not ASCII). */
static int char_class(utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= '0' && cp <= '9')
            return 1;
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? 2 : 0;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ? 2 : 0;
}

static int push(ps_t *p, const tok_t *t)
{
    if (MEM_GROW(p->t, p->cap, p->n + 1) != 0)
        return ERR_NOMEM;
    p->t[p->n++] = *t;
    return 0;
}

/* A word or number run [off, end): folded with text_key. */
static int push_run(ps_t *p, size_t off, size_t end, bool digits)
{
    tok_t t;
    memset(&t, 0, sizeof t);
    t.off = off;
    t.end = end;
    if (digits) {
        t.type = T_NUM;
        t.ndig = (int)(end - off);
        t.num = t.ndig > 9 ? -1 : 0;
        for (size_t i = off; i < end && t.ndig <= 9; i++)
            t.num = t.num * 10 + (p->text[i] - '0');
        return push(p, &t);
    }
    int rc = 0;
    char *key = text_key(p->text + off, end - off, &rc);
    if (!key)
        return rc == ERR_NOMEM ? ERR_NOMEM : 0;
    t.type = T_WORD;
    if (strlen(key) < KEY_MAX && !strchr(key, ' '))
        memcpy(t.key, key, strlen(key) + 1);
    mem_free(key);
    return push(p, &t);
}

/* "202 4", "20 24": digit groups split by spaces that form a year. */
static void join_years(ps_t *p)
{
    size_t w = 0;
    for (size_t i = 0; i < p->n; i++) {
        tok_t t = p->t[i];
        size_t j = i + 1;
        if (t.type == T_NUM && t.ndig < 4 && t.num >= 1 && j < p->n && p->t[j].type == T_NUM &&
            t.ndig + p->t[j].ndig == 4) {
            long v = t.num;
            for (int d = 0; d < p->t[j].ndig; d++)
                v *= 10;
            v += p->t[j].num;
            if (v >= REPORT_KIND_YEAR_MIN && v <= REPORT_KIND_YEAR_MAX) {
                t.num = v;
                t.ndig = 4;
                t.end = p->t[j].end;
                i = j;
            }
        }
        p->t[w++] = t;
    }
    p->n = w;
}

int report_phrase_lex_run(ps_t *p, size_t n)
{
    size_t i = 0, run = 0;
    int cls_run = 0, rc = 0;
    while (i <= n && !rc) {
        utf8proc_int32_t cp = ' ';
        utf8proc_ssize_t k = 1;
        if (i < n)
            k = utf8proc_iterate((const utf8proc_uint8_t *)p->text + i, (utf8proc_ssize_t)(n - i),
                                 &cp);
        if (k <= 0)
            return ERR_INVALID;
        char pc = punct_of(cp);
        int cls = pc ? 0 : char_class(cp);
        if (cls != cls_run && cls_run != 0)
            rc = push_run(p, run, i, cls_run == 1);
        if (cls != cls_run)
            run = i;
        cls_run = cls;
        if (pc && !rc) {
            tok_t t;
            memset(&t, 0, sizeof t);
            t.type = T_PUNCT;
            t.punct = pc;
            t.off = i;
            t.end = i + (size_t)k;
            rc = push(p, &t);
        }
        i += (size_t)k;
    }
    if (!rc)
        join_years(p);
    return rc;
}

/* ---- matching ----------------------------------------------------------- */

const tok_t *report_phrase_lex_at(const ps_t *p, size_t j)
{
    return j < p->n ? &p->t[j] : NULL;
}

bool report_phrase_lex_punct(const ps_t *p, size_t j, char c)
{
    const tok_t *t = report_phrase_lex_at(p, j);
    return t && t->type == T_PUNCT && t->punct == c;
}

/* Matches the space-separated folded words of `words` at token j. */
bool report_phrase_lex_kw(const ps_t *p, size_t j, const char *words, size_t *next)
{
    const char *w = words;
    while (*w) {
        const char *sp = strchr(w, ' ');
        size_t len = sp ? (size_t)(sp - w) : strlen(w);
        const tok_t *t = report_phrase_lex_at(p, j);
        if (!t || t->type != T_WORD || strlen(t->key) != len || memcmp(t->key, w, len) != 0)
            return false;
        j++;
        w += len;
        while (*w == ' ')
            w++;
    }
    if (next)
        *next = j;
    return true;
}

/* Matches one of a NULL-terminated list of alternatives. */
bool report_phrase_lex_kw_any(const ps_t *p, size_t j, const char *const *alts, size_t *next)
{
    for (size_t a = 0; alts[a]; a++)
        if (report_phrase_lex_kw(p, j, alts[a], next))
            return true;
    return false;
}

bool report_phrase_lex_num(const ps_t *p, size_t j, long lo, long hi, int *v)
{
    const tok_t *t = report_phrase_lex_at(p, j);
    if (!t || t->type != T_NUM || t->num < lo || t->num > hi)
        return false;
    *v = (int)t->num;
    return true;
}

int report_phrase_lex_roman(const char *k)
{
    static const char *const r[] = {"i", "ii", "iii", "iv"};
    for (int i = 0; i < 4; i++)
        if (strcmp(k, r[i]) == 0)
            return i + 1;
    return 0;
}

void report_phrase_lex_unclear(ps_t *p, unsigned flag, size_t a, size_t b)
{
    if (!p->out->unclear && p->n > 0) {
        size_t first = a < p->n ? a : p->n - 1;
        size_t last = b > p->n ? p->n - 1 : (b > first ? b - 1 : first);
        p->out->unclear_off = p->t[first].off;
        p->out->unclear_end = p->t[last].end;
    }
    p->out->unclear |= flag;
}

void report_phrase_lex_event(ps_t *p, const event_t *ev)
{
    if (p->nev < EVENT_MAX)
        p->ev[p->nev++] = *ev;
    else
        p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
}

/* ---- dates --------------------------------------------------------------- */

bool report_phrase_lex_year(const ps_t *p, size_t j, int *y)
{
    const tok_t *t = report_phrase_lex_at(p, j);
    return t && t->type == T_NUM && t->ndig == 4 &&
           report_phrase_lex_num(p, j, REPORT_KIND_YEAR_MIN, REPORT_KIND_YEAR_MAX, y);
}

bool report_phrase_lex_sep(const ps_t *p, size_t j)
{
    return report_phrase_lex_punct(p, j, '/') || report_phrase_lex_punct(p, j, '-') ||
           report_phrase_lex_punct(p, j, '.');
}

/* "15/12[/2023]", "15-12-2023", "15 tháng 12 [năm 2023]" at j (the day).
 * *y = 0 when no year is written. */
bool report_phrase_lex_day_month(const ps_t *p, size_t j, int *d, int *m, int *y, size_t *next)
{
    size_t k;
    *y = 0;
    if (!report_phrase_lex_num(p, j, 1, 31, d))
        return false;
    if (report_phrase_lex_sep(p, j + 1) && report_phrase_lex_num(p, j + 2, 1, 12, m)) {
        k = j + 3;
        if (report_phrase_lex_sep(p, k) && report_phrase_lex_year(p, k + 1, y))
            k += 2;
    } else if (report_phrase_lex_kw(p, j + 1, "thang", &k) &&
               report_phrase_lex_num(p, k, 1, 12, m)) {
        k++;
        size_t k2;
        if (report_phrase_lex_kw(p, k, "nam", &k2) && report_phrase_lex_year(p, k2, y))
            k = k2 + 1;
    } else {
        return false;
    }
    *next = k;
    return true;
}
