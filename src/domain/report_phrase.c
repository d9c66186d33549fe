/* report_phrase.c - reporting-clause phrases: kinds, dues, windows (see report_phrase.h). */
#include "domain/report_phrase.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

#define KEY_MAX   24
#define EVENT_MAX 32

enum { T_WORD, T_NUM, T_PUNCT };

typedef struct tok {
    int type;
    char punct;
    int ndig;
    long num;
    size_t off, end;
    char key[KEY_MAX];
} tok_t;

/* A list item, a due or a window found in the text, in token order. */
enum { EV_ITEM, EV_DUE, EV_WINDOW };

typedef struct event {
    int type;
    size_t pos;     /* first token */
    int list;       /* EV_ITEM: list number */
    unsigned kinds; /* EV_ITEM: its kinds; EV_DUE/EV_WINDOW: the kinds of the item whose
                       parenthesis holds it, else 0 */
    report_phrase_due_t due;
    report_phrase_window_t win;
} event_t;

typedef struct ps {
    const char *text;
    tok_t *t;
    size_t n, cap;
    event_t ev[EVENT_MAX];
    size_t nev;
    int lists;
    report_phrase_t *out;
    /* parentheses right after a list item: [a, b), the item's kinds and list */
    struct {
        size_t a, b;
        unsigned kinds;
        int list;
    } paren[EVENT_MAX];
    size_t nparen;
} ps_t;

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

static int lex(ps_t *p, size_t n)
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

static const tok_t *at(const ps_t *p, size_t j)
{
    return j < p->n ? &p->t[j] : NULL;
}

static bool is_punct(const ps_t *p, size_t j, char c)
{
    const tok_t *t = at(p, j);
    return t && t->type == T_PUNCT && t->punct == c;
}

/* Matches the space-separated folded words of `words` at token j. */
static bool kw(const ps_t *p, size_t j, const char *words, size_t *next)
{
    const char *w = words;
    while (*w) {
        const char *sp = strchr(w, ' ');
        size_t len = sp ? (size_t)(sp - w) : strlen(w);
        const tok_t *t = at(p, j);
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
static bool kw_any(const ps_t *p, size_t j, const char *const *alts, size_t *next)
{
    for (size_t a = 0; alts[a]; a++)
        if (kw(p, j, alts[a], next))
            return true;
    return false;
}

static bool num_at(const ps_t *p, size_t j, long lo, long hi, int *v)
{
    const tok_t *t = at(p, j);
    if (!t || t->type != T_NUM || t->num < lo || t->num > hi)
        return false;
    *v = (int)t->num;
    return true;
}

static int roman(const char *k)
{
    static const char *const r[] = {"i", "ii", "iii", "iv"};
    for (int i = 0; i < 4; i++)
        if (strcmp(k, r[i]) == 0)
            return i + 1;
    return 0;
}

static void unclear(ps_t *p, unsigned flag, size_t a, size_t b)
{
    if (!p->out->unclear) {
        p->out->unclear_off = at(p, a) ? p->t[a].off : 0;
        p->out->unclear_end = at(p, b > a ? b - 1 : a) ? p->t[b > a ? b - 1 : a].end : 0;
    }
    p->out->unclear |= flag;
}

static void add_event(ps_t *p, const event_t *ev)
{
    if (p->nev < EVENT_MAX)
        p->ev[p->nev++] = *ev;
    else
        p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
}

/* ---- dates --------------------------------------------------------------- */

static bool year_at(const ps_t *p, size_t j, int *y)
{
    const tok_t *t = at(p, j);
    return t && t->type == T_NUM && t->ndig == 4 &&
           num_at(p, j, REPORT_KIND_YEAR_MIN, REPORT_KIND_YEAR_MAX, y);
}

static bool is_sep(const ps_t *p, size_t j)
{
    return is_punct(p, j, '/') || is_punct(p, j, '-') || is_punct(p, j, '.');
}

/* "15/12[/2023]", "15-12-2023", "15 tháng 12 [năm 2023]" at j (the day).
 * *y = 0 when no year is written. */
static bool day_month_at(const ps_t *p, size_t j, int *d, int *m, int *y, size_t *next)
{
    size_t k;
    *y = 0;
    if (!num_at(p, j, 1, 31, d))
        return false;
    if (is_sep(p, j + 1) && num_at(p, j + 2, 1, 12, m)) {
        k = j + 3;
        if (is_sep(p, k) && year_at(p, k + 1, y))
            k += 2;
    } else if (kw(p, j + 1, "thang", &k) && num_at(p, k, 1, 12, m)) {
        k++;
        size_t k2;
        if (kw(p, k, "nam", &k2) && year_at(p, k2, y))
            k = k2 + 1;
    } else {
        return false;
    }
    *next = k;
    return true;
}

/* ---- dues ------------------------------------------------------------------ */

/* Month list "[các] tháng 3, tháng 6, 9 và 12" at j. */
static bool month_list(const ps_t *p, size_t j, unsigned *months, size_t *next)
{
    static const char *const seps[] = {"va", "hoac", NULL};
    int m;
    kw(p, j, "cac", &j);
    if (!kw(p, j, "thang", &j) || !num_at(p, j, 1, 12, &m))
        return false;
    *months = 1u << m;
    j++;
    for (;;) {
        size_t k = j;
        if (is_punct(p, k, ',') || is_punct(p, k, ';'))
            k++;
        else if (!kw_any(p, k, seps, &k))
            break;
        kw(p, k, "thang", &k);
        if (!num_at(p, k, 1, 12, &m))
            break;
        *months |= 1u << m;
        j = k + 1;
    }
    *next = j;
    return true;
}

/* "tháng cuối [của] [kỳ|quý|năm] [báo cáo]" -> 0, "tháng đầu [của] kỳ|quý
 * sau|tiếp theo", "tháng tiếp theo", "tháng sau" -> 1. */
static bool relative_month(const ps_t *p, size_t j, int *off, size_t *next)
{
    static const char *const periods[] = {"ky bao cao", "ky", "quy", "nam", NULL};
    static const char *const after[] = {"tiep theo", "ke tiep", "sau", NULL};
    if (!kw(p, j, "thang", &j))
        return false;
    if (kw(p, j, "cuoi", &j)) {
        kw(p, j, "cua", &j);
        kw_any(p, j, periods, &j);
        *off = 0;
    } else if (kw(p, j, "dau", &j)) {
        kw(p, j, "cua", &j);
        if (!kw_any(p, j, periods, &j) || !kw_any(p, j, after, &j))
            return false;
        *off = 1;
    } else if (kw_any(p, j, after, &j)) {
        *off = 1;
    } else {
        return false;
    }
    *next = j;
    return true;
}

/* "trước ngày 1": the last day of the previous month. */
static void shift_day_before(report_phrase_due_t *d)
{
    if (d->form == REPORT_PHRASE_DUE_DATE) {
        d->date -= 1;
        return;
    }
    if (d->day > 1) {
        d->day--;
        return;
    }
    d->day = 31; /* clamped to the month's length */
    d->month -= 1;
    unsigned m = 0;
    for (int i = 1; i <= 12; i++)
        if (d->months & (1u << i))
            m |= 1u << (i == 1 ? 12 : i - 1);
    d->months = m;
}

/* The part after the due day: "[của] [các] tháng 3, 6, 9, 12 [năm 2024]",
 * "[của] tháng cuối quý". */
static bool due_tail(ps_t *p, size_t j, report_phrase_due_t *d, size_t *next)
{
    kw(p, j, "cua", &j);
    if (month_list(p, j, &d->months, next)) {
        size_t k;
        int y, m = 0;
        for (int i = 1; i <= 12; i++)
            if (d->months == 1u << i)
                m = i;
        if (m && kw(p, *next, "nam", &k) && year_at(p, k, &y)) {
            if (!date_valid_ymd(y, m, d->day))
                return false;
            d->form = REPORT_PHRASE_DUE_DATE;
            d->date = date_from_ymd(y, m, d->day);
            d->months = 0;
            *next = k + 1;
        }
        return true;
    }
    return relative_month(p, j, &d->month, next);
}

/* "ngày D ..." at j with the introducer already read. */
static bool due_day(ps_t *p, size_t j, bool exclusive, report_phrase_due_t *d, size_t *next)
{
    int day, m, y = 0;
    memset(d, 0, sizeof *d);
    d->date = DATE_NONE;
    d->exclusive = exclusive;
    d->form = REPORT_PHRASE_DUE_DAY;
    if (!kw(p, j, "ngay", &j) || !num_at(p, j, 1, 31, &day))
        return false;
    d->day = day;
    if (is_sep(p, j + 1) && num_at(p, j + 2, 1, 12, &m)) {
        *next = j + 3;
        if (is_sep(p, j + 3) && year_at(p, j + 4, &y))
            *next = j + 5;
        if (y && !date_valid_ymd(y, m, day))
            return false;
        d->form = y ? REPORT_PHRASE_DUE_DATE : REPORT_PHRASE_DUE_DAY;
        d->months = y ? 0 : 1u << m;
        if (y)
            d->date = date_from_ymd(y, m, day);
    } else if (!due_tail(p, j + 1, d, next)) {
        return false;
    }
    if (exclusive)
        shift_day_before(d);
    return true;
}

/* A due introducer at i; *exclusive for "trước". */
static bool due_intro(const ps_t *p, size_t i, bool *exclusive, size_t *next)
{
    static const char *const tails[] = {"la", "vao", NULL};
    static const char *const han[] = {"han nop", "han gui", "han cuoi", "thoi han", "han", NULL};
    size_t j;
    *exclusive = false;
    if (kw(p, i, "cham nhat", &j)) {
        kw_any(p, j, tails, &j);
        *exclusive = kw(p, j, "truoc", &j);
    } else if (kw(p, i, "truoc", &j)) {
        *exclusive = true;
    } else if (kw_any(p, i, han, &j)) {
        kw(p, j, "bao cao", &j);
        kw_any(p, j, tails, &j);
    } else if (!kw(p, i, "vao", &j)) {
        return false;
    }
    if (!kw(p, j, "ngay", NULL))
        return false;
    *next = j;
    return true;
}

/* "[trong [vòng]] N ngày [làm việc] sau|kể từ [khi] [ngày] chốt [số liệu]". */
static bool due_after(ps_t *p, size_t i, report_phrase_due_t *d, size_t *next)
{
    static const char *const pre[] = {"trong vong", "trong", "cham nhat", "sau", NULL};
    static const char *const from[] = {"sau khi", "sau", "ke tu", "tinh tu", NULL};
    static const char *const moment[] = {"ngay", "thoi diem", NULL};
    static const char *const cut[] = {"chot so lieu", "chot", "khoa so", NULL};
    size_t j = i, k;
    int n;
    kw_any(p, j, pre, &j);
    if (!num_at(p, j, 0, 366, &n) || !kw(p, j + 1, "ngay", &k))
        return false;
    bool work = kw(p, k, "lam viec", &k);
    if (!kw_any(p, k, from, &k))
        return false;
    kw_any(p, k, moment, &k);
    if (!kw_any(p, k, cut, &k)) {
        unclear(p, REPORT_PHRASE_UNCLEAR_AFTER, i, k + 1);
        *next = k;
        return false;
    }
    memset(d, 0, sizeof *d);
    d->date = DATE_NONE;
    d->form = work ? REPORT_PHRASE_DUE_WORKDAYS : REPORT_PHRASE_DUE_DAYS;
    d->n = n;
    *next = k;
    return true;
}

/* ---- windows ---------------------------------------------------------------- */

static bool window_at(ps_t *p, size_t i, report_phrase_window_t *w, size_t *next)
{
    size_t j = i;
    memset(w, 0, sizeof *w);
    if (kw(p, j, "tu", &j)) {
        kw(p, j, "ngay", &j);
        if (!day_month_at(p, j, &w->from_day, &w->from_month, &w->from_year, &j))
            return false;
    }
    if (!kw(p, j, "den", &j))
        return false;
    kw(p, j, "het", &j);
    kw(p, j, "ngay", &j);
    if (!day_month_at(p, j, &w->to_day, &w->to_month, &w->to_year, &j))
        return false;
    if ((w->from_year && !date_valid_ymd(w->from_year, w->from_month, w->from_day)) ||
        (w->to_year && !date_valid_ymd(w->to_year, w->to_month, w->to_day)))
        return false;
    w->set = true;
    *next = j;
    return true;
}

/* ---- kinds ------------------------------------------------------------------- */

#define K(x) (1u << (x))
#define QUARTERLY                                                                                  \
    (K(REPORT_KIND_QUY1) | K(REPORT_KIND_6THANG) | K(REPORT_KIND_QUY3) | K(REPORT_KIND_NAM))

/* One list item at j: its kinds (0 for "tháng", which only sets monthly). */
static bool kind_item(ps_t *p, size_t j, unsigned *kinds, size_t *next)
{
    static const unsigned quarter[] = {0, K(REPORT_KIND_QUY1), K(REPORT_KIND_6THANG),
                                       K(REPORT_KIND_QUY3), K(REPORT_KIND_NAM)};
    static const char *const year_words[] = {"ca nam", "tong ket nam", "nam", NULL};
    int n = 0, y;
    const tok_t *t;
    kw(p, j, "hang", &j);
    if (kw(p, j, "quy", &j)) {
        t = at(p, j);
        if (t && t->type == T_WORD && roman(t->key))
            n = roman(t->key);
        else if (!(t && t->type == T_NUM && t->ndig == 1 && num_at(p, j, 1, 4, &n)))
            n = 0;
        *kinds = n ? quarter[n] : QUARTERLY;
        p->out->quarterly |= n == 0;
        *next = n ? j + 1 : j;
        return true;
    }
    if (kw(p, j, "dot xuat", next)) {
        *kinds = K(REPORT_KIND_DOT_XUAT);
        return true;
    }
    if (kw_any(p, j, year_words, next)) {
        *kinds = K(REPORT_KIND_NAM);
        if (year_at(p, *next, &y))
            (*next)++;
        return true;
    }
    if (kw(p, j, "ba thang", next) || kw(p, j, "sau thang", next) || kw(p, j, "chin thang", next))
        n = p->t[j].key[0] == 'b' ? 3 : p->t[j].key[0] == 's' ? 6 : 9;
    else if (num_at(p, j, 3, 12, &n) && kw(p, j + 1, "thang", next))
        n = (n == 3 || n == 6 || n == 9 || n == 12) ? n : 0;
    else if (kw(p, j, "thang", next))
        n = -1;
    if (n == 0)
        return false;
    if (n == -1) {
        p->out->monthly = true;
        *kinds = 0;
        return true;
    }
    *kinds = n == 3   ? K(REPORT_KIND_QUY1)
             : n == 6 ? K(REPORT_KIND_6THANG)
             : n == 9 ? K(REPORT_KIND_9THANG)
                      : K(REPORT_KIND_NAM);
    if (kw(p, *next, "dau nam", &j) || kw(p, *next, "cuoi nam", &j))
        *next = j;
    return true;
}

static size_t paren_end(const ps_t *p, size_t j)
{
    int depth = 0;
    for (; j < p->n; j++) {
        if (is_punct(p, j, '('))
            depth++;
        if (is_punct(p, j, ')') && --depth <= 0)
            return j + 1;
    }
    return p->n;
}

/* A list of items at j; adds its events, returns the token after it. */
static size_t kind_list(ps_t *p, size_t j)
{
    static const char *const seps[] = {"va", "hoac", NULL};
    unsigned kinds;
    size_t next;
    int list = ++p->lists;
    while (kind_item(p, j, &kinds, &next)) {
        event_t ev;
        memset(&ev, 0, sizeof ev);
        ev.type = EV_ITEM;
        ev.pos = j;
        ev.list = list;
        ev.kinds = kinds;
        add_event(p, &ev);
        j = next;
        if (is_punct(p, j, '(') && p->nparen < EVENT_MAX) {
            p->paren[p->nparen].a = j;
            p->paren[p->nparen].b = paren_end(p, j);
            p->paren[p->nparen].kinds = kinds;
            p->paren[p->nparen].list = list;
            j = p->paren[p->nparen++].b;
        }
        size_t k = j;
        if (is_punct(p, k, ',') || is_punct(p, k, ';') || is_punct(p, k, '/'))
            k++;
        else if (!kw_any(p, k, seps, &k))
            break;
        if (!kind_item(p, k, &kinds, &next))
            break;
        j = k;
    }
    return j;
}

/* A trigger of a kind list at i: "định kỳ", "hàng/hằng", "báo cáo [CCHC]". */
static bool list_start(ps_t *p, size_t i, size_t *j)
{
    unsigned kinds;
    size_t next;
    if (kw(p, i, "dinh ky", j)) {
        p->out->periodic = true;
        kw(p, *j, "theo", j);
        return true;
    }
    if (kw(p, i, "hang", NULL) && kind_item(p, i, &kinds, &next)) {
        *j = i;
        return true;
    }
    if (kw(p, i, "bao cao", j)) {
        kw(p, *j, "cchc", j);
        kw(p, *j, "cai cach hanh chinh", j);
        return kind_item(p, *j, &kinds, &next);
    }
    return false;
}

/* ---- scanning ------------------------------------------------------------------ */

/* A due or window event at token i, tied to the parenthesis holding it. */
static void add_timing(ps_t *p, int type, size_t i, const report_phrase_due_t *d,
                       const report_phrase_window_t *w)
{
    event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.pos = i;
    if (d)
        ev.due = *d;
    if (w)
        ev.win = *w;
    for (size_t k = 0; k < p->nparen; k++)
        if (i > p->paren[k].a && i < p->paren[k].b) {
            ev.kinds = p->paren[k].kinds;
            ev.list = p->paren[k].list;
        }
    add_event(p, &ev);
}

static void set_span(ps_t *p, size_t a, size_t b, size_t *off, size_t *end)
{
    *off = p->t[a].off;
    *end = p->t[(b > a ? b : a + 1) - 1].end;
}

/* Tries the timing forms at i; *next after what was read. */
static bool timing_at(ps_t *p, size_t i, bool data_cue, size_t *next)
{
    report_phrase_due_t d;
    report_phrase_window_t w;
    bool excl;
    size_t j;
    if (due_intro(p, i, &excl, &j)) {
        if (!due_day(p, j, excl, &d, next)) {
            unclear(p, REPORT_PHRASE_UNCLEAR_DUE, i, j + 3);
            *next = j + 1;
            return true;
        }
        set_span(p, i, *next, &d.off, &d.end);
        add_timing(p, EV_DUE, i, &d, NULL);
        return true;
    }
    if (due_after(p, i, &d, next)) {
        set_span(p, i, *next, &d.off, &d.end);
        add_timing(p, EV_DUE, i, &d, NULL);
        return true;
    }
    if (!data_cue)
        return false;
    if (window_at(p, i, &w, next)) {
        set_span(p, i, *next, &w.off, &w.end);
        add_timing(p, EV_WINDOW, i, NULL, &w);
        return true;
    }
    if (kw(p, i, "tu ngay", &j) || kw(p, i, "den ngay", &j)) {
        unclear(p, REPORT_PHRASE_UNCLEAR_WINDOW, i, j + 3);
        *next = j;
        return true;
    }
    return false;
}

static void scan(ps_t *p)
{
    static const char *const on_request[] = {"khi co yeu cau", "theo yeu cau", NULL};
    static const char *const cues[] = {"so lieu", "chot", NULL};
    size_t list_end = 0, j;
    bool data_cue = false;
    for (size_t i = 0; i < p->n;) {
        data_cue |= kw_any(p, i, cues, NULL);
        if (kw_any(p, i, on_request, NULL))
            p->out->on_request = true;
        if (i >= list_end && list_start(p, i, &j)) {
            list_end = kind_list(p, j);
            i = j > i ? j : i + 1;
            continue;
        }
        if (i >= list_end && kw(p, i, "dot xuat", NULL)) {
            list_end = kind_list(p, i);
            i = list_end;
            continue;
        }
        if (timing_at(p, i, data_cue, &j)) {
            i = j > i ? j : i + 1;
            continue;
        }
        i++;
    }
}

/* ---- assembling items ------------------------------------------------------------ */

typedef struct slot {
    size_t pos;
    int list; /* list number; 0 for a parenthesis or the orphan slot */
    report_phrase_item_t it;
} slot_t;

static bool due_same(const report_phrase_due_t *a, const report_phrase_due_t *b)
{
    return a->form == b->form && a->day == b->day && a->months == b->months &&
           a->month == b->month && a->n == b->n && a->date == b->date;
}

static bool window_same(const report_phrase_window_t *a, const report_phrase_window_t *b)
{
    return a->from_day == b->from_day && a->from_month == b->from_month &&
           a->from_year == b->from_year && a->to_day == b->to_day && a->to_month == b->to_month &&
           a->to_year == b->to_year;
}

static void slot_set(ps_t *p, slot_t *s, const event_t *ev)
{
    if (ev->type == EV_DUE) {
        if (s->it.due.form != REPORT_PHRASE_DUE_NONE && !due_same(&s->it.due, &ev->due))
            unclear(p, REPORT_PHRASE_UNCLEAR_CONFLICT, ev->pos, ev->pos + 1);
        else
            s->it.due = ev->due;
    } else {
        if (s->it.window.set && !window_same(&s->it.window, &ev->win))
            unclear(p, REPORT_PHRASE_UNCLEAR_CONFLICT, ev->pos, ev->pos + 1);
        else
            s->it.window = ev->win;
    }
}

static slot_t *new_slot(slot_t *slots, size_t *n, size_t pos, int list, unsigned kinds)
{
    if (*n >= EVENT_MAX + 1)
        return NULL;
    slot_t *s = &slots[(*n)++];
    memset(s, 0, sizeof *s);
    s->pos = pos;
    s->list = list;
    s->it.kinds = kinds;
    s->it.due.date = DATE_NONE;
    return s;
}

/* The list slot a free-standing timing event belongs to. */
static slot_t *target(slot_t *slots, size_t n, size_t pos)
{
    slot_t *before = NULL, *after = NULL;
    for (size_t i = 0; i < n; i++) {
        if (slots[i].list == 0)
            continue;
        if (slots[i].pos < pos)
            before = &slots[i];
        else if (!after)
            after = &slots[i];
    }
    return before ? before : after;
}

static void assemble(ps_t *p)
{
    slot_t slots[EVENT_MAX + 1];
    size_t ns = 0;
    for (size_t i = 0; i < p->nev; i++) { /* one slot per list */
        const event_t *ev = &p->ev[i];
        slot_t *s = NULL;
        for (size_t k = 0; k < ns && ev->type == EV_ITEM; k++)
            if (slots[k].list == ev->list)
                s = &slots[k];
        if (ev->type == EV_ITEM && !s)
            s = new_slot(slots, &ns, ev->pos, ev->list, 0);
        if (s)
            s->it.kinds |= ev->kinds;
    }
    for (size_t i = 0; i < p->nev; i++) {
        const event_t *ev = &p->ev[i];
        slot_t *s = NULL;
        if (ev->type == EV_ITEM)
            continue;
        if (ev->kinds) { /* inside the parenthesis of an item */
            for (size_t k = 0; k < ns; k++)
                if (slots[k].list == ev->list)
                    slots[k].it.kinds &= ~ev->kinds;
            for (size_t k = 0; k < ns && !s; k++)
                if (slots[k].list == 0 && slots[k].it.kinds == ev->kinds)
                    s = &slots[k];
            if (!s)
                s = new_slot(slots, &ns, ev->pos, 0, ev->kinds);
        } else {
            s = target(slots, ns, ev->pos);
            for (size_t k = 0; k < ns && !s; k++)
                if (slots[k].list == 0 && slots[k].it.kinds == 0)
                    s = &slots[k];
            if (!s)
                s = new_slot(slots, &ns, ev->pos, 0, 0);
        }
        if (s)
            slot_set(p, s, ev);
        else
            p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
    }
    /* In text order, dropping lists emptied by their parentheses. */
    for (size_t i = 1; i < ns; i++)
        for (size_t k = i; k > 0 && slots[k - 1].pos > slots[k].pos; k--) {
            slot_t tmp = slots[k];
            slots[k] = slots[k - 1];
            slots[k - 1] = tmp;
        }
    for (size_t i = 0; i < ns; i++) {
        const report_phrase_item_t *it = &slots[i].it;
        if (it->kinds == 0 && it->due.form == REPORT_PHRASE_DUE_NONE && !it->window.set)
            continue;
        if (p->out->nitems == REPORT_PHRASE_ITEMS_MAX) {
            p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
            break;
        }
        p->out->items[p->out->nitems++] = *it;
        p->out->kinds |= it->kinds;
    }
}

/* Events sorted by position (stable). */
static void sort_events(ps_t *p)
{
    for (size_t i = 1; i < p->nev; i++)
        for (size_t k = i; k > 0 && p->ev[k - 1].pos > p->ev[k].pos; k--) {
            event_t tmp = p->ev[k];
            p->ev[k] = p->ev[k - 1];
            p->ev[k - 1] = tmp;
        }
}

int report_phrase_parse(const char *s, size_t n, report_phrase_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (n > REPORT_PHRASE_TEXT_MAX)
        return err_set(e, ERR_TOOLARGE, "report_phrase.too_long", "Đoạn văn quá dài (hơn %d byte)",
                       "Text too long (over %d bytes)", REPORT_PHRASE_TEXT_MAX);
    int rc = 0;
    if (!s || n == 0)
        return 0;
    char *nfc = text_nfc(s, n, &rc);
    if (!nfc)
        return rc == ERR_NOMEM ? err_nomem(e)
                               : err_set(e, ERR_INVALID, "report_phrase.utf8",
                                         "Văn bản không phải UTF-8 hợp lệ", "Invalid UTF-8 text");
    ps_t *p = mem_calloc(1, sizeof *p);
    if (!p) {
        rc = err_nomem(e);
        goto done;
    }
    p->text = nfc;
    p->out = out;
    rc = lex(p, strlen(nfc));
    if (rc) {
        rc = rc == ERR_NOMEM ? err_nomem(e)
                             : err_set(e, ERR_INVALID, "report_phrase.utf8",
                                       "Văn bản không phải UTF-8 hợp lệ", "Invalid UTF-8 text");
        goto done;
    }
    scan(p);
    sort_events(p);
    assemble(p);
done:
    if (p)
        mem_free(p->t);
    mem_free(p);
    mem_free(nfc);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ---- rules from items ---------------------------------------------------------- */

static int popcount_periodic(unsigned kinds)
{
    int c = 0;
    for (int k = 0; k < REPORT_KIND_PERIODIC; k++)
        c += (kinds >> k) & 1u;
    return c;
}

/* Offset of calendar month m from `last`, within -5..+6. */
static int near_offset(int m, int last)
{
    int d = m - last;
    if (d < -5)
        d += 12;
    if (d > 6)
        d -= 12;
    return d;
}

int report_phrase_due_rule(const report_phrase_item_t *it, report_kind_t k, period_due_t *out)
{
    int first, last, best = 99, single = 0, count = 0;
    if (report_kind_months(k, &first, &last) != 0)
        return ERR_INVALID;
    const report_phrase_due_t *d = &it->due;
    memset(out, 0, sizeof *out);
    switch (d->form) {
    case REPORT_PHRASE_DUE_WORKDAYS:
    case REPORT_PHRASE_DUE_DAYS:
        out->kind = d->form == REPORT_PHRASE_DUE_WORKDAYS ? PERIOD_DUE_WORKDAYS_AFTER
                                                          : PERIOD_DUE_DAYS_AFTER;
        out->n = d->n;
        return 0;
    case REPORT_PHRASE_DUE_DATE:
        return ERR_INVALID;
    case REPORT_PHRASE_DUE_DAY:
        break;
    default:
        return ERR_NOTFOUND;
    }
    out->kind = PERIOD_DUE_DAY_OF_MONTH;
    out->day = d->day;
    if (d->months == 0) {
        out->month = d->month;
        return 0;
    }
    for (int m = 1; m <= 12; m++) {
        if (!(d->months & (1u << m)))
            continue;
        int off = near_offset(m, last);
        count++;
        single = off;
        if (off >= 0 && off <= 2 && off < best)
            best = off;
    }
    if (best == 99 && count == 1 && popcount_periodic(it->kinds) == 1)
        best = single;
    if (best == 99) {
        memset(out, 0, sizeof *out);
        return ERR_NOTFOUND;
    }
    out->month = best;
    return 0;
}

int report_phrase_window_rule(const report_phrase_item_t *it, report_kind_t k, period_window_t *out)
{
    const report_phrase_window_t *w = &it->window;
    char buf[48];
    period_window_t pw;
    if (!w->set)
        return ERR_NOTFOUND;
    if (w->from_year || w->to_year)
        return ERR_INVALID;
    int fd = w->from_day ? w->from_day : 1, fm = w->from_day ? w->from_month : 1;
    snprintf(buf, sizeof buf, "%d/%d-%d/%d", fd, fm, w->to_day, w->to_month);
    int rc = report_kind_window_parse(k, buf, strlen(buf), &pw, NULL);
    if (rc)
        return rc;
    if (!w->from_day) { /* keep the default start */
        period_rule_t def;
        period_rule_default(&def);
        pw.from_day = def.window.from_day;
        pw.from_month = def.window.from_month;
    }
    *out = pw;
    return 0;
}

int report_phrase_item_dates(const report_phrase_item_t *it, date_t *from, date_t *to, date_t *due)
{
    const report_phrase_window_t *w = &it->window;
    *from = *to = DATE_NONE;
    *due = it->due.form == REPORT_PHRASE_DUE_DATE ? it->due.date : DATE_NONE;
    if (!w->set || !w->to_year)
        return ERR_NOTFOUND;
    *to = date_from_ymd(w->to_year, w->to_month, w->to_day);
    if (w->from_day) {
        int fy = w->from_year;
        if (!fy)
            fy = (w->from_month < w->to_month ||
                  (w->from_month == w->to_month && w->from_day <= w->to_day))
                     ? w->to_year
                     : w->to_year - 1;
        if (!date_valid_ymd(fy, w->from_month, w->from_day))
            return ERR_NOTFOUND;
        *from = date_from_ymd(fy, w->from_month, w->from_day);
    }
    return 0;
}
