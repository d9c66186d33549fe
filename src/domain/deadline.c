/* deadline.c - parser of deadline expressions (see docs/internals/deadlines.md).
 *
 * Pipeline: NFC -> tokens (words folded with text_key, numbers, structural
 * punctuation) -> per-assignee split -> one recursive-descent pass per part
 * over the tokens (event, known-unspecified, continuous, recurring, dates)
 * -> schedule. Artefact repair happens on tokens: a year split by a space
 * ("202 4") is re-joined, a Roman numeral split by a space ("I V") too. */
#include "deadline_int.h"

#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

#define WARN_MAX 16

/* ---- schedule building --------------------------------------------- */

static deadline_schedule_t *sched_new(char *text)
{
    deadline_schedule_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->text = text;
    s->from = DATE_NONE;
    s->until = DATE_NONE;
    return s;
}

void deadline_lex_warn(ps_t *p, const char *code, const char *vi, const char *en, ...)
{
    deadline_schedule_t *s = p->s;
    if (s->nwarnings >= WARN_MAX)
        return;
    if (MEM_GROW(s->warnings, s->capwarnings, s->nwarnings + 1)) {
        p->rc = ERR_NOMEM;
        return;
    }
    va_list ap;
    va_start(ap, en);
    err_vset(&s->warnings[s->nwarnings], ERR_INVALID, code, vi, en, ap);
    va_end(ap);
    s->nwarnings++;
}

void deadline_lex_add_date(ps_t *p, date_t d)
{
    deadline_schedule_t *s = p->s;
    if (s->ndates >= DEADLINE_DATES_MAX) {
        if (s->ndates == DEADLINE_DATES_MAX)
            deadline_lex_warn(p, "deadline.too_many", "Quá nhiều thời hạn, chỉ giữ %d",
                              "Too many due dates, only %d kept", DEADLINE_DATES_MAX);
        return;
    }
    if (MEM_GROW(s->dates, s->capdates, s->ndates + 1)) {
        p->rc = ERR_NOMEM;
        return;
    }
    s->dates[s->ndates++] = d;
}

static int cmp_date(const void *a, const void *b)
{
    date_t x = *(const date_t *)a, y = *(const date_t *)b;
    return (x > y) - (x < y);
}

void deadline_lex_sort_dates(deadline_schedule_t *s)
{
    if (s->ndates < 2)
        return;
    qsort(s->dates, s->ndates, sizeof *s->dates, cmp_date);
    size_t w = 1;
    for (size_t i = 1; i < s->ndates; i++)
        if (s->dates[i] != s->dates[w - 1])
            s->dates[w++] = s->dates[i];
    s->ndates = w;
}

/* Copy of text[off, end) with whitespace runs collapsed and trimmed. */
char *deadline_lex_dup_collapsed(const char *text, size_t off, size_t end)
{
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    bool pending = false;
    size_t i = off;
    int rc = buf_reserve(&b, end - off + 1);
    while (i < end && !rc) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(end - i), &cp);
        if (k <= 0)
            break;
        utf8proc_category_t c = utf8proc_category(cp);
        if (cp == ' ' || (cp >= '\t' && cp <= '\r') || c == UTF8PROC_CATEGORY_ZS ||
            c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP) {
            pending = b.len > 0;
        } else {
            if (pending)
                rc = buf_putc(&b, ' ');
            pending = false;
            if (!rc)
                rc = buf_append(&b, text + i, (size_t)k);
        }
        i += (size_t)k;
    }
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* Text of tokens [a, b) for messages, shortened. */
void deadline_lex_snippet(const ps_t *p, size_t a, size_t b, char out[SNIPPET_MAX])
{
    out[0] = '\0';
    if (a >= b)
        return;
    size_t off = p->t[a].off, n = p->t[b - 1].end - off;
    bool cut = n >= SNIPPET_MAX;
    if (cut) {
        /* Shorten on a code point boundary (the text is valid UTF-8). */
        n = SNIPPET_MAX - 4;
        while (n > 0 && ((unsigned char)p->text[off + n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(out, SNIPPET_MAX, "%.*s%s", (int)n, p->text + off, cut ? "…" : "");
}

/* ---- recurring: "Định kỳ theo báo cáo CCHC", "Hằng quý", "6 tháng, năm" */

static const struct {
    int months;
    unsigned bit;
} period_months[] = {{1, DEADLINE_PERIOD_MONTH},
                     {3, DEADLINE_PERIOD_QUARTER},
                     {6, DEADLINE_PERIOD_HALF},
                     {9, DEADLINE_PERIOD_NINE},
                     {12, DEADLINE_PERIOD_YEAR}};

/* One reporting period named without a date: "quý", "6 tháng", "năm". */
static bool period_word(ps_t *p, unsigned *bits, bool *explicit_)
{
    size_t save = p->i;
    if (deadline_lex_accept(p, "hang") || deadline_lex_accept(p, "moi") ||
        deadline_lex_accept(p, "tung"))
        *explicit_ = true;
    const tok_t *t = deadline_lex_at(p, p->i), *u = deadline_lex_at(p, p->i + 1),
                *v = deadline_lex_at(p, p->i + 2);
    int n;
    if (deadline_lex_is_kw(t, "quy") &&
        !(u && (u->type == T_NUM || (u->type == T_WORD && (deadline_lex_roman_value(u->key) ||
                                                           strcmp(u->key, "dinh") == 0))))) {
        p->i++;
        *bits |= DEADLINE_PERIOD_QUARTER;
        return true;
    }
    if (deadline_lex_small_num(t, 2, &n) && deadline_lex_is_kw(u, "thang") &&
        !(deadline_lex_is_kw(v, "dau") || deadline_lex_is_kw(v, "cuoi") ||
          (v && v->type == T_NUM))) {
        for (size_t k = 0; k < sizeof period_months / sizeof period_months[0]; k++)
            if (period_months[k].months == n) {
                p->i += 2;
                *bits |= period_months[k].bit;
                return true;
            }
    }
    if (deadline_lex_is_kw(t, "thang") && !(u && u->type == T_NUM)) {
        p->i++;
        *bits |= DEADLINE_PERIOD_MONTH;
        return true;
    }
    if (deadline_lex_is_kw(t, "nam") && !deadline_lex_is_kw(u, "tiep")) {
        p->i++;
        *bits |= DEADLINE_PERIOD_YEAR;
        return true;
    }
    p->i = save;
    return false;
}

static bool period_noun(ps_t *p)
{
    int n;
    if (deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &n) &&
        deadline_lex_is_kw(deadline_lex_at(p, p->i + 1), "thang")) {
        p->i += 2;
        return true;
    }
    return deadline_lex_accept(p, "quy") || deadline_lex_accept(p, "ky") ||
           deadline_lex_accept(p, "nam") || deadline_lex_accept(p, "thang");
}

/* "trước ngày 15 của tháng cuối quý", "chậm nhất ngày 05 của tháng cuối
 * kỳ", "chậm nhất 05 ngày sau khi kết thúc tháng". */
static bool due_rule(ps_t *p, deadline_due_kind_t *kind, int *n)
{
    size_t save = p->i;
    bool before = deadline_lex_accept(p, "truoc");
    bool latest = !before && deadline_lex_accept(p, "cham nhat");
    int d;
    if (latest)
        deadline_lex_accept(p, "la");
    if ((before || latest) && deadline_lex_accept(p, "ngay") &&
        deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &d)) {
        p->i++;
        deadline_lex_accept(p, "cua");
        if (deadline_lex_accept(p, "thang cuoi") && d >= 1 && d <= 31 && (d > 1 || !before)) {
            period_noun(p);
            *kind = DEADLINE_DUE_DAY_OF_LAST_MONTH;
            *n = before ? d - 1 : d;
            return true;
        }
    } else if (latest && deadline_lex_small_num(deadline_lex_at(p, p->i), 3, &d) &&
               deadline_lex_is_kw(deadline_lex_at(p, p->i + 1), "ngay")) {
        p->i += 2;
        (void)(deadline_lex_accept(p, "sau khi") || deadline_lex_accept(p, "sau"));
        if (deadline_lex_accept(p, "ket thuc")) {
            period_noun(p);
            *kind = DEADLINE_DUE_DAYS_AFTER_END;
            *n = d;
            return true;
        }
    }
    p->i = save;
    return false;
}

static deadline_recurrence_t recurrence_of(unsigned bits)
{
    switch (bits) {
    case DEADLINE_PERIOD_MONTH:
        return DEADLINE_REC_MONTHLY;
    case DEADLINE_PERIOD_QUARTER:
        return DEADLINE_REC_QUARTERLY;
    case DEADLINE_PERIOD_HALF:
        return DEADLINE_REC_SEMIANNUAL;
    case DEADLINE_PERIOD_YEAR:
        return DEADLINE_REC_ANNUAL;
    default:
        return DEADLINE_REC_REPORT_PERIODS;
    }
}

static bool try_recurring(ps_t *p)
{
    size_t save = p->i;
    bool started = deadline_lex_accept(p, "dinh ky"), explicit_ = started, event = false;
    unsigned bits = 0;
    int words = 0, due_n = 0;
    deadline_due_kind_t due = DEADLINE_DUE_NONE;
    date_t first;
    /* "Ngày 15 hằng tháng": the due day comes first. */
    size_t nx;
    int d;
    if (deadline_lex_is_kw(deadline_lex_at(p, p->i), "ngay") &&
        deadline_lex_small_num(deadline_lex_at(p, p->i + 1), 2, &d) && d >= 1 && d <= 31 &&
        (deadline_lex_kw_at(p, p->i + 2, "hang thang", &nx) ||
         deadline_lex_kw_at(p, p->i + 2, "moi thang", &nx))) {
        due = DEADLINE_DUE_DAY_OF_LAST_MONTH;
        due_n = d;
        p->i += 2;
    }
    bounds_t b = {DATE_NONE, DATE_NONE};
    for (;;) {
        if (deadline_lex_accept_punct(p, ',') || deadline_lex_accept_punct(p, '(') ||
            deadline_lex_accept_punct(p, ')') || deadline_lex_accept(p, "va") ||
            deadline_lex_accept(p, "hoac"))
            continue;
        if (period_word(p, &bits, &explicit_)) {
            words++;
            continue;
        }
        if (deadline_lex_accept(p, "dinh ky")) {
            explicit_ = true;
            continue;
        }
        if (!words && !started)
            break;
        if (deadline_lex_accept(p, "theo bao cao")) {
            (void)(deadline_lex_accept(p, "cchc") || deadline_lex_accept(p, "cai cach hanh chinh"));
            deadline_lex_accept(p, "dinh ky");
        } else if (deadline_lex_accept(p, "theo quy dinh") || deadline_lex_accept(p, "bao cao")) {
            /* nothing more to learn */
        } else if (deadline_lex_accept(p, "dot xuat")) {
            event = true;
            deadline_lex_accept(p, "khi co yeu cau");
        } else if (!due_rule(p, &due, &due_n) && !deadline_lex_parse_bounds_one(p, &b) &&
                   deadline_lex_date_items(p, &first) == 0) {
            break;
        }
    }
    if (!explicit_ && words < 2) {
        p->i = save;
        p->s->ndates = 0; /* dates of a rejected trial */
        p->s->from = DATE_NONE;
        return false;
    }
    /* Leave trailing separators to the leftover check. */
    while (p->i > save && deadline_lex_at(p, p->i - 1)->type == T_PUNCT &&
           deadline_lex_at(p, p->i - 1)->punct != ')')
        p->i--;
    deadline_schedule_t *s = p->s;
    s->kind = DEADLINE_RECURRING;
    s->recurrence = recurrence_of(bits);
    s->periods = bits;
    s->from = b.from;
    s->until = b.until;
    s->due_kind = due;
    s->due_n = due_n;
    if (event) {
        s->event = mem_strdup("đột xuất");
        if (!s->event)
            p->rc = ERR_NOMEM;
    }
    return true;
}

/* ---- continuous, event, known-unspecified --------------------------- */

static bool try_continuous(ps_t *p)
{
    if (!(deadline_lex_accept(p, "thuong xuyen") || deadline_lex_accept(p, "lien tuc") ||
          deadline_lex_accept(p, "hang ngay") || deadline_lex_accept(p, "moi ngay")))
        return false;
    deadline_schedule_t *s = p->s;
    bounds_t b = {DATE_NONE, DATE_NONE};
    for (;;) {
        size_t save = p->i;
        deadline_lex_accept_punct(p, ',');
        if (deadline_lex_accept(p, "lien tuc") || deadline_lex_accept(p, "thuong xuyen") ||
            deadline_lex_parse_bounds_one(p, &b))
            continue;
        (void)(deadline_lex_accept(p, "va") || deadline_lex_accept(p, "hoac"));
        if (deadline_lex_accept(p, "theo dinh ky") || deadline_lex_accept(p, "dinh ky")) {
            s->recurrence = DEADLINE_REC_REPORT_PERIODS;
            continue;
        }
        p->i = save;
        break;
    }
    s->kind = DEADLINE_CONTINUOUS;
    s->from = b.from;
    s->until = b.until;
    return true;
}

/* The last token of [a, hi) that is not punctuation, +1; a when none. */
static size_t trim_punct_end(const ps_t *p, size_t a)
{
    size_t b = p->hi;
    while (b > a && p->t[b - 1].type == T_PUNCT && p->t[b - 1].punct != ')')
        b--;
    return b;
}

static bool try_event(ps_t *p)
{
    size_t start;
    if (deadline_lex_accept(p, "ngay sau khi") || deadline_lex_accept(p, "sau khi") ||
        deadline_lex_accept(p, "ngay khi") || deadline_lex_accept(p, "khi"))
        start = p->i;
    else if (deadline_lex_peek(p, "theo yeu cau") || deadline_lex_peek(p, "dot xuat"))
        start = p->i;
    else
        return false;
    size_t end = trim_punct_end(p, start);
    deadline_schedule_t *s = p->s;
    s->kind = DEADLINE_EVENT;
    s->event = end > start ? deadline_lex_dup_collapsed(p->text, p->t[start].off, p->t[end - 1].end)
                           : mem_strdup("");
    if (!s->event)
        p->rc = ERR_NOMEM;
    p->i = p->hi;
    return true;
}

static bool try_known_unspecified(ps_t *p)
{
    static const char *const forms[] = {"theo quy dinh",  "theo ke hoach", "theo lo trinh",
                                        "theo huong dan", "theo chi dao",  "theo van ban",
                                        "theo thong bao", "theo tien do",  "chua xac dinh",
                                        "khong xac dinh", "khong thoi han"};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (deadline_lex_peek(p, forms[k])) {
            p->s->kind = DEADLINE_UNSPECIFIED;
            p->i = p->hi;
            return true;
        }
    return false;
}

/* ---- one schedule, per-assignee split, entry point ------------------ */

static void skip_label(ps_t *p)
{
    static const char *const labels[] = {
        "thoi gian thuc hien", "thoi gian hoan thanh", "thoi gian bao cao",
        "thoi gian",           "thoi han hoan thanh",  "thoi han",
        "han hoan thanh",      "tien do thuc hien",    "tien do"};
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t nx;
        if (deadline_lex_kw_at(p, p->i, labels[k], &nx) &&
            deadline_lex_is_punct(deadline_lex_at(p, nx), ':')) {
            p->i = nx + 1;
            return;
        }
    }
}

static void skip_punct(ps_t *p)
{
    while (p->i < p->hi && p->t[p->i].type == T_PUNCT)
        p->i++;
}

static void parse_single(ps_t *p)
{
    skip_punct(p);
    skip_label(p);
    skip_punct(p);
    size_t start = p->i;
    bool ok = p->i < p->hi && (try_event(p) || try_known_unspecified(p) || try_continuous(p) ||
                               try_recurring(p) || deadline_lex_try_dates(p));
    if (p->rc)
        return;
    deadline_lex_sort_dates(p->s);
    char sn[SNIPPET_MAX];
    if (!ok) {
        p->s->kind = DEADLINE_UNSPECIFIED;
        deadline_lex_snippet(p, start, p->hi, sn);
        deadline_lex_warn(p, "deadline.unknown", "Không hiểu thời hạn '%s'",
                          "Deadline not understood: '%s'", sn);
        return;
    }
    skip_punct(p);
    size_t end = p->hi;
    while (end > p->i && p->t[end - 1].type == T_PUNCT)
        end--;
    if (p->i < end) {
        deadline_lex_snippet(p, p->i, end, sn);
        deadline_lex_warn(p, "deadline.trailing", "Bỏ qua phần không hiểu: '%s'",
                          "Ignored the part not understood: '%s'", sn);
    }
}

/* A group of units before ':' ("UBND cấp xã:"), not a label or a time. */
static bool assignee_like(const ps_t *p, size_t a, size_t b)
{
    static const char *const unit_words[] = {
        "so",    "ban",    "nganh", "ubnd", "uy",   "cap",  "huyen",  "xa",     "tinh",
        "phong", "quan",   "vi",    "bo",   "hdnd", "cuc",  "truong", "phuong", "tran",
        "bcd",   "nghiep", "doan",  "hoi",  "chi",  "vien", "khoi",   "tt"};
    if (b <= a || b - a > 40)
        return false;
    size_t nx;
    if (deadline_lex_kw_at(p, a, "thoi", &nx) || deadline_lex_kw_at(p, a, "han", &nx) ||
        deadline_lex_kw_at(p, a, "tien do", &nx))
        return false;
    bool unit = false;
    for (size_t j = a; j < b; j++) {
        if (p->t[j].type == T_NUM)
            return false;
        for (size_t k = 0; !unit && k < sizeof unit_words / sizeof unit_words[0]; k++)
            unit = deadline_lex_is_kw(&p->t[j], unit_words[k]);
    }
    return unit;
}

/* Parts are separated by ';' or by a '.' that ends a sentence. */
static bool part_sep(const ps_t *p, size_t j)
{
    const tok_t *t = &p->t[j], *u = deadline_lex_at(p, j + 1);
    return deadline_lex_is_punct(t, ';') ||
           (deadline_lex_is_punct(t, '.') && (!u || u->space) && u && u->type == T_WORD);
}

static size_t colon_in(const ps_t *p, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++)
        if (deadline_lex_is_punct(&p->t[j], ':'))
            return j;
    return b;
}

typedef struct part {
    size_t name_lo, name_hi, lo, hi; /* assignee tokens, schedule tokens */
} part_t;

static int add_assignee(ps_t *p, const part_t *pt)
{
    deadline_schedule_t *s = p->s;
    if (MEM_GROW(s->assignees, s->capassignees, s->nassignees + 1))
        return ERR_NOMEM;
    deadline_assignee_t *a = &s->assignees[s->nassignees];
    a->text = pt->name_hi > pt->name_lo ? deadline_lex_dup_collapsed(p->text, p->t[pt->name_lo].off,
                                                                     p->t[pt->name_hi - 1].end)
                                        : mem_strdup("");
    char *sub_text = pt->hi > pt->lo ? deadline_lex_dup_collapsed(p->text, p->t[pt->lo].off,
                                                                  p->t[pt->hi - 1].end)
                                     : mem_strdup("");
    a->schedule = sub_text ? sched_new(sub_text) : NULL;
    if (!a->schedule)
        mem_free(sub_text);
    if (!a->text || !a->schedule) {
        mem_free(a->text);
        deadline_free(a->schedule);
        return ERR_NOMEM;
    }
    s->nassignees++;
    ps_t sub = {p->text, p->t, pt->hi, pt->lo, p->year, a->schedule, 0};
    parse_single(&sub);
    return sub.rc;
}

/* Splits "A: x; B: y" into assignee parts; returns false when no part
 * starts with an assignee. */
static bool try_assignees(ps_t *p)
{
    size_t lo = p->i, seg = lo, nparts = 0;
    part_t cur = {0, 0, 0, 0};
    bool any = false;
    for (size_t j = lo; j <= p->hi && !p->rc; j++) {
        if (j < p->hi && !part_sep(p, j))
            continue;
        size_t c = colon_in(p, seg, j);
        if (c < j && assignee_like(p, seg, c)) {
            if (nparts)
                p->rc = add_assignee(p, &cur);
            if (p->rc)
                break;
            cur = (part_t){seg, c, c + 1, j};
            nparts++;
            any = true;
        } else if (nparts) {
            cur.hi = j; /* no assignee: continues the previous part */
        } else {
            cur = (part_t){seg, seg, seg, j}; /* leading part for everyone */
            nparts++;
        }
        seg = j + 1;
    }
    if (!any) {
        /* Nothing added yet: the first assignee is added when the second
         * starts, so a failed split leaves the schedule untouched. */
        return false;
    }
    if (!p->rc)
        p->rc = add_assignee(p, &cur);
    p->s->kind = DEADLINE_PER_ASSIGNEE;
    p->i = p->hi;
    return true;
}

int deadline_parse(const char *text, size_t n, int year, deadline_schedule_t **out, err_t *e)
{
    *out = NULL;
    if (!text)
        n = 0;
    if (n > DEADLINE_TEXT_MAX)
        return err_set(e, ERR_TOOLARGE, "deadline.too_long",
                       "Thời hạn quá dài (%zu byte, tối đa %d)",
                       "Deadline text too long (%zu bytes, max %d)", n, DEADLINE_TEXT_MAX);
    if (n && !text_valid(text, n))
        return err_set(e, ERR_INVALID, "deadline.utf8", "Thời hạn không phải UTF-8 hợp lệ",
                       "Deadline text is not valid UTF-8");
    int rc = 0;
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)text[i] < 0x80;
    /* ASCII is already NFC: skip the normalisation pass. */
    char *nfc = ascii ? mem_strndup(text ? text : "", n) : text_nfc(text, n, &rc);
    if (ascii && !nfc)
        rc = ERR_NOMEM;
    if (!nfc)
        return rc == ERR_NOMEM
                   ? err_nomem(e)
                   : err_set(e, ERR_INVALID, "deadline.utf8", "Thời hạn không phải UTF-8 hợp lệ",
                             "Deadline text is not valid UTF-8");
    toks_t tk = {NULL, 0, 0};
    rc = deadline_lex_lex(nfc, strlen(nfc), &tk);
    deadline_schedule_t *s = NULL;
    if (rc == ERR_NOMEM) {
        err_nomem(e);
    } else if (rc) {
        err_set(e, rc, "deadline.utf8", "Thời hạn không phải UTF-8 hợp lệ",
                "Deadline text is not valid UTF-8");
    } else if (tk.n == 0) {
        rc = err_set(e, ERR_INVALID, "deadline.empty", "Thời hạn để trống",
                     "The deadline text is empty");
    } else {
        s = sched_new(nfc);
        rc = s ? 0 : err_nomem(e);
    }
    if (rc) {
        mem_free(tk.v);
        mem_free(nfc);
        return rc;
    }
    ps_t p = {nfc, tk.v, tk.n, 0, year, s, 0};
    skip_punct(&p);
    skip_label(&p);
    if (!try_assignees(&p) && !p.rc)
        parse_single(&p);
    mem_free(tk.v);
    if (p.rc) {
        deadline_free(s);
        return err_nomem(e);
    }
    *out = s;
    return 0;
}

void deadline_free(deadline_schedule_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nassignees; i++) {
        mem_free(s->assignees[i].text);
        deadline_free(s->assignees[i].schedule);
    }
    mem_free(s->assignees);
    mem_free(s->text);
    mem_free(s->dates);
    mem_free(s->event);
    mem_free(s->warnings);
    mem_free(s);
}

const char *deadline_kind_name(deadline_kind_t k)
{
    static const char *const names[] = {"unspecified", "date",  "dates",       "recurring",
                                        "continuous",  "event", "per_assignee"};
    return (int)k >= 0 && (size_t)k < sizeof names / sizeof names[0] ? names[k] : "unspecified";
}

const char *deadline_recurrence_name(deadline_recurrence_t r)
{
    static const char *const names[] = {NULL,         "monthly", "quarterly",
                                        "semiannual", "annual",  "report_periods"};
    return (int)r > 0 && (size_t)r < sizeof names / sizeof names[0] ? names[r] : NULL;
}

date_t deadline_first_due(const deadline_schedule_t *s)
{
    date_t best = DATE_NONE;
    if (!s)
        return best;
    if (s->ndates)
        best = s->dates[0];
    for (size_t i = 0; i < s->nassignees; i++) {
        date_t d = deadline_first_due(s->assignees[i].schedule);
        if (d != DATE_NONE && (best == DATE_NONE || d < best))
            best = d;
    }
    return best;
}

/* ---- JSON ------------------------------------------------------------ */

static int set_date(json_t *o, const char *key, date_t d)
{
    if (d == DATE_NONE)
        return 0;
    char iso[DATE_ISO_LEN];
    date_format(d, iso);
    return jsonx_set_str(o, key, iso);
}

static int json_extras(json_t *o, const deadline_schedule_t *s)
{
    static const char *const period_names[] = {"monthly", "quarterly", "semiannual", "ninemonth",
                                               "annual"};
    int rc = 0;
    if (s->recurrence != DEADLINE_REC_NONE)
        rc = jsonx_set_str(o, "recurrence", deadline_recurrence_name(s->recurrence));
    if (!rc && s->periods && s->recurrence == DEADLINE_REC_REPORT_PERIODS) {
        json_t *a = json_array();
        for (int k = 0; a && k < 5; k++)
            if (s->periods & (1u << k))
                json_array_append_new(a, json_string(period_names[k]));
        rc = a ? jsonx_set_new(o, "periods", a) : ERR_NOMEM;
    }
    if (!rc)
        rc = set_date(o, "from", s->from);
    if (!rc)
        rc = set_date(o, "until", s->until);
    if (!rc && s->due_kind != DEADLINE_DUE_NONE) {
        const char *k =
            s->due_kind == DEADLINE_DUE_DAY_OF_LAST_MONTH ? "day_of_last_month" : "days_after_end";
        json_t *d = json_object();
        if (!d || jsonx_set_int(d, k, s->due_n)) {
            json_decref(d);
            rc = ERR_NOMEM;
        } else {
            rc = jsonx_set_new(o, "due", d);
        }
    }
    if (!rc && s->event)
        rc = jsonx_set_str(o, "event", s->event);
    return rc;
}

static json_t *warnings_json(const deadline_schedule_t *s)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->nwarnings; i++) {
        json_t *w = json_object();
        int rc = w ? jsonx_set_str(w, "code", s->warnings[i].code) : ERR_NOMEM;
        if (!rc)
            rc = jsonx_set_str(w, "message", s->warnings[i].vi);
        if (!rc)
            rc = jsonx_set_str(w, "message_en", s->warnings[i].en);
        if (rc)
            json_decref(w);
        else if (json_array_append_new(a, w))
            rc = ERR_NOMEM;
        if (rc) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *deadline_to_json(const deadline_schedule_t *s)
{
    json_t *o = json_object(), *dates = json_array();
    int rc = o && dates ? 0 : ERR_NOMEM;
    if (!rc)
        rc = jsonx_set_str(o, "text", s->text);
    if (!rc)
        rc = jsonx_set_str(o, "kind", deadline_kind_name(s->kind));
    for (size_t i = 0; !rc && i < s->ndates; i++) {
        char iso[DATE_ISO_LEN];
        date_format(s->dates[i], iso);
        rc = json_array_append_new(dates, json_string(iso)) ? ERR_NOMEM : 0;
    }
    if (!rc) {
        rc = jsonx_set_new(o, "dates", dates);
        dates = NULL;
    }
    if (!rc)
        rc = json_extras(o, s);
    if (!rc && s->kind == DEADLINE_PER_ASSIGNEE) {
        json_t *a = json_array();
        for (size_t i = 0; a && i < s->nassignees; i++) {
            json_t *x = json_object();
            int r = x ? jsonx_set_str(x, "text", s->assignees[i].text) : ERR_NOMEM;
            if (!r)
                r = jsonx_set_new(x, "schedule", deadline_to_json(s->assignees[i].schedule));
            if (r)
                json_decref(x);
            else if (json_array_append_new(a, x))
                r = ERR_NOMEM;
            if (r) {
                json_decref(a);
                a = NULL;
            }
        }
        rc = a ? jsonx_set_new(o, "assignees", a) : ERR_NOMEM;
    }
    if (!rc && s->nwarnings) {
        json_t *w = warnings_json(s);
        rc = w ? jsonx_set_new(o, "warnings", w) : ERR_NOMEM;
    }
    json_decref(dates);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}
