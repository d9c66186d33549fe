/* deadline_dates.c - spans of time, date lists and bounds of deadline texts. */
#include "deadline_int.h"

#include <string.h>

#include "base/banned.h"

/* ---- spans: one named stretch of time ------------------------------ */

static bool accept_sep(ps_t *p)
{
    return deadline_lex_accept_punct(p, '/') || deadline_lex_accept_punct(p, '-') ||
           deadline_lex_accept_punct(p, '.');
}

/* After D/M: an optional /Y (or /YY, taken as 20YY with a warning). */
static void dmy_year(ps_t *p, span_t *sp)
{
    size_t save = p->i;
    int y;
    if (!accept_sep(p) && !deadline_lex_accept(p, "nam")) {
        sp->year = deadline_lex_accept_year(p, &y) ? y : -1;
        return;
    }
    const tok_t *t = deadline_lex_at(p, p->i);
    if (deadline_lex_accept_year(p, &y)) {
        sp->year = y;
    } else if (t && t->type == T_NUM && t->ndig == 2) {
        sp->year = 2000 + (int)t->num;
        sp->short_year = true;
        p->i++;
    } else {
        p->i = save;
    }
}

/* After "ngày": D/M[/Y], D tháng M [năm Y], D (của) (các) tháng M. */
static bool day_form(ps_t *p, list_ctx_t *lc, span_t *sp)
{
    int d, m;
    if (!deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &d))
        return false;
    p->i++;
    sp->unit = U_DAY;
    sp->a = d;
    size_t save = p->i;
    if (accept_sep(p)) {
        if (!deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &m))
            return false;
        p->i++;
        sp->m = m;
        dmy_year(p, sp);
        return true;
    }
    p->i = save;
    bool of = deadline_lex_accept(p, "cua");
    of = deadline_lex_accept(p, "cac") || of;
    if (!deadline_lex_accept(p, "thang") ||
        !deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &m))
        return false;
    p->i++;
    sp->m = m;
    sp->year = deadline_lex_year_part(p);
    if (of)
        lc->carry_day = d;
    return true;
}

/* A span starting with a number: D/M/Y, D/M, M/Y, "6 tháng đầu năm",
 * a year, or a bare number continuing a list ("tháng 3, 9/2024"). */
static bool num_form(ps_t *p, const list_ctx_t *lc, span_t *sp)
{
    const tok_t *t = deadline_lex_at(p, p->i);
    int a = (int)t->num, b, y;
    if (deadline_lex_year_tok(t, &y) && !deadline_lex_is_punct(deadline_lex_at(p, p->i + 1), '/')) {
        p->i++;
        sp->unit = U_YEAR;
        sp->year = y;
        return true;
    }
    if (t->ndig > 2)
        return false;
    p->i++;
    size_t save = p->i;
    if (accept_sep(p)) {
        const tok_t *u = deadline_lex_at(p, p->i);
        if (deadline_lex_year_tok(u, &y)) {
            p->i++;
            sp->unit = lc->hint == U_QUARTER ? U_QUARTER : U_MONTH;
            sp->a = a;
            sp->year = y;
            return true;
        }
        if (deadline_lex_small_num(u, 2, &b)) {
            p->i++;
            sp->unit = U_DAY;
            sp->a = a;
            sp->m = b;
            dmy_year(p, sp);
            return true;
        }
        p->i = save;
    }
    if (deadline_lex_accept(p, "thang")) {
        bool first = deadline_lex_accept(p, "dau");
        if (!first && !deadline_lex_accept(p, "cuoi"))
            return false;
        if (!deadline_lex_accept(p, "nam"))
            return false;
        sp->unit = first ? U_FIRST : U_LAST;
        sp->a = a;
        if (deadline_lex_accept_punct(p, '/') && !deadline_lex_accept_year(p, &sp->year))
            return false;
        if (sp->year < 0)
            sp->year = deadline_lex_accept_year(p, &y) ? y : -1;
        return true;
    }
    if (lc->hint == U_MONTH || (lc->hint == U_DAY && lc->carry_day)) {
        sp->unit = U_MONTH;
        sp->a = a;
        sp->year = deadline_lex_year_part(p);
        return true;
    }
    if (lc->hint == U_QUARTER && a >= 1 && a <= 4) {
        sp->unit = U_QUARTER;
        sp->a = a;
        sp->year = deadline_lex_year_part(p);
        return true;
    }
    return false;
}

/* "năm" without a year: only at the end of an item ("Trong năm"). */
static bool ends_item(const ps_t *p)
{
    const tok_t *t = deadline_lex_at(p, p->i);
    return !t || (t->type == T_PUNCT && t->punct != '/') || deadline_lex_is_kw(t, "va") ||
           deadline_lex_is_kw(t, "hoac");
}

bool deadline_lex_parse_span(ps_t *p, list_ctx_t *lc, span_t *sp)
{
    size_t save = p->i;
    memset(sp, 0, sizeof *sp);
    sp->year = -1;
    sp->t0 = p->i;
    while (deadline_lex_accept(p, "cuoi"))
        ;
    const tok_t *t = deadline_lex_at(p, p->i);
    int y, m;
    bool ok = false;
    if (deadline_lex_accept(p, "quy") || deadline_lex_accept(p, "q")) {
        sp->a = deadline_lex_quarter_no(p);
        sp->unit = U_QUARTER;
        ok = sp->a > 0;
        if (ok)
            sp->year = deadline_lex_year_part(p);
    } else if (deadline_lex_accept(p, "thang")) {
        ok = deadline_lex_small_num(deadline_lex_at(p, p->i), 2, &m);
        if (ok) {
            p->i++;
            sp->unit = U_MONTH;
            sp->a = m;
            sp->year = deadline_lex_year_part(p);
        }
    } else if (deadline_lex_accept(p, "ngay")) {
        ok = day_form(p, lc, sp);
    } else if (deadline_lex_accept(p, "nam")) {
        sp->unit = U_YEAR;
        if (deadline_lex_accept_year(p, &y)) {
            sp->year = y;
            ok = true;
        } else {
            ok = ends_item(p);
        }
    } else if (t && t->type == T_NUM) {
        ok = num_form(p, lc, sp);
    } else if (t && t->type == T_WORD && lc->hint == U_QUARTER &&
               deadline_lex_roman_value(t->key)) {
        sp->unit = U_QUARTER;
        sp->a = deadline_lex_quarter_no(p);
        sp->year = deadline_lex_year_part(p);
        ok = true;
    }
    if (!ok) {
        p->i = save;
        return false;
    }
    if (lc->carry_day && sp->unit == U_MONTH) {
        sp->unit = U_DAY;
        sp->m = sp->a;
        sp->a = lc->carry_day;
    }
    sp->t1 = p->i;
    return true;
}

/* Calendar range of a span in `year`; false when it does not exist. */
static bool span_range(const span_t *sp, int year, date_t *start, date_t *end)
{
    int first = 1, last = 12;
    switch (sp->unit) {
    case U_DAY:
        if (!date_valid_ymd(year, sp->m, sp->a))
            return false;
        *start = *end = date_from_ymd(year, sp->m, sp->a);
        return true;
    case U_MONTH:
        first = last = sp->a;
        break;
    case U_QUARTER:
        first = 3 * sp->a - 2;
        last = 3 * sp->a;
        break;
    case U_FIRST:
        last = sp->a;
        break;
    case U_LAST:
        first = 13 - sp->a;
        break;
    case U_YEAR:
        break;
    default:
        return false;
    }
    if (first < 1 || first > 12 || last < 1 || last > 12)
        return false;
    *start = date_from_ymd(year, first, 1);
    *end = date_from_ymd(year, last, date_days_in_month(year, last));
    return true;
}

static void bad_span(ps_t *p, const span_t *sp)
{
    char sn[SNIPPET_MAX];
    deadline_lex_snippet(p, sp->t0, sp->t1, sn);
    deadline_lex_warn(p, "deadline.bad_date", "Thời hạn không tồn tại: '%s'", "No such date: '%s'",
                      sn);
}

/* Resolves a span with a year (-1: the context year); false + warning when
 * impossible. */
bool deadline_lex_resolve(ps_t *p, const span_t *sp, int year, date_t *start, date_t *end)
{
    if (year < 0)
        year = p->year;
    if (year < DEADLINE_YEAR_MIN || year > DEADLINE_YEAR_MAX) {
        char sn[SNIPPET_MAX];
        deadline_lex_snippet(p, sp->t0, sp->t1, sn);
        deadline_lex_warn(p, "deadline.no_year", "Không xác định được năm của '%s'",
                          "Cannot tell the year of '%s'", sn);
        return false;
    }
    if (sp->short_year) {
        char sn[SNIPPET_MAX];
        deadline_lex_snippet(p, sp->t0, sp->t1, sn);
        deadline_lex_warn(p, "deadline.short_year", "Năm viết tắt trong '%s' được hiểu là %d",
                          "The short year in '%s' is read as %d", sn, year);
    }
    if (!span_range(sp, year, start, end)) {
        bad_span(p, sp);
        return false;
    }
    return true;
}

/* ---- bounds: "trong năm 2024", "và những năm tiếp theo" ------------ */

void deadline_lex_year_bounds(bounds_t *b, int y)
{
    b->from = date_from_ymd(y, 1, 1);
    b->until = date_from_ymd(y, 12, 31);
}

bool deadline_lex_open_ended(ps_t *p)
{
    size_t save = p->i;
    bool va = deadline_lex_accept(p, "va");
    if (deadline_lex_accept(p, "nhung nam tiep theo") ||
        deadline_lex_accept(p, "cac nam tiep theo") || deadline_lex_accept(p, "nam tiep theo"))
        return true;
    if (!va && (deadline_lex_accept(p, "tro di") || deadline_lex_accept(p, "tro ve sau")))
        return true;
    p->i = save;
    return false;
}

bool deadline_lex_parse_bounds_one(ps_t *p, bounds_t *b)
{
    size_t save = p->i;
    int y;
    list_ctx_t lc = {U_NONE, 0};
    span_t sp;
    date_t s0, e0;
    if (deadline_lex_accept(p, "trong nam") || deadline_lex_accept(p, "trong") ||
        deadline_lex_accept(p, "nam")) {
        if (deadline_lex_accept_year(p, &y)) {
            deadline_lex_year_bounds(b, y);
            return true;
        }
        if (deadline_lex_is_kw(deadline_lex_at(p, p->i - 1), "nam") && (p->i - save) == 2 &&
            p->year > 0) {
            deadline_lex_year_bounds(b, p->year);
            return true;
        }
        p->i = save;
        return false;
    }
    if (deadline_lex_accept_year(p, &y)) {
        deadline_lex_year_bounds(b, y);
        return true;
    }
    if (deadline_lex_open_ended(p)) {
        if (b->from == DATE_NONE && p->year > 0)
            b->from = date_from_ymd(p->year, 1, 1);
        b->until = DATE_NONE;
        return true;
    }
    bool from = deadline_lex_accept(p, "tu");
    if (from || deadline_lex_accept(p, "den") || deadline_lex_accept(p, "toi")) {
        deadline_lex_accept(p, "het");
        if (deadline_lex_parse_span(p, &lc, &sp) &&
            deadline_lex_resolve(p, &sp, sp.year, &s0, &e0)) {
            if (from)
                b->from = s0;
            else
                b->until = e0;
            return true;
        }
    }
    p->i = save;
    return false;
}

/* ---- date lists: "Quý II, Quý IV/2024", "Từ tháng 3 đến tháng 6/2024" */

#define ITEMS_MAX DEADLINE_DATES_MAX

typedef struct item {
    span_t sp;
    bool before;      /* "trước": due the day before the span starts */
    bool range_start; /* "từ X" / "X - Y": X only sets `from` */
} item_t;

/* Item prefixes; `before` is sticky along the list. */
static void item_prefixes(ps_t *p, size_t n, bool *before, bool *from)
{
    for (;;) {
        if (deadline_lex_accept(p, "truoc")) {
            *before = true;
        } else if (deadline_lex_accept(p, "cham nhat") || deadline_lex_accept(p, "muon nhat")) {
            *before = false;
            deadline_lex_accept(p, "la");
        } else if (deadline_lex_accept(p, "hoan thanh") || deadline_lex_accept(p, "trong") ||
                   deadline_lex_accept(p, "vao") || deadline_lex_accept(p, "thuc hien") ||
                   deadline_lex_accept(p, "het")) {
            /* no meaning of their own */
        } else if (n == 0 && (deadline_lex_accept(p, "den") || deadline_lex_accept(p, "toi"))) {
            *before = false;
        } else if (n == 0 &&
                   (deadline_lex_accept(p, "tu") || deadline_lex_accept(p, "giai doan"))) {
            *from = true;
        } else {
            return;
        }
    }
}

/* A note after an item, dropped: "(đợt 1)" (short, without time words) or
 * ": dự thảo" up to the next ';' ("Quý I/2024: dự thảo; Quý II/2024: …"). */
static void skip_note(ps_t *p)
{
    static const char *const time_words[] = {"quy",  "thang", "ngay", "nam", "truoc",
                                             "cham", "sau",   "khi",  "q",   "tu"};
    size_t j = p->i, k = j + 1;
    if (deadline_lex_is_punct(deadline_lex_at(p, j), '(')) {
        for (; k < p->hi && k < j + 12 && !deadline_lex_is_punct(&p->t[k], ')'); k++) {
            if (p->t[k].type == T_PUNCT && p->t[k].punct != ',')
                return;
            for (size_t w = 0; w < sizeof time_words / sizeof time_words[0]; w++)
                if (deadline_lex_is_kw(&p->t[k], time_words[w]))
                    return;
        }
        if (deadline_lex_is_punct(deadline_lex_at(p, k), ')'))
            p->i = k + 1;
    } else if (deadline_lex_is_punct(deadline_lex_at(p, j), ':')) {
        while (k < p->hi && !deadline_lex_is_punct(&p->t[k], ';'))
            k++;
        if (k > j + 1)
            p->i = k;
    }
}

static size_t parse_items(ps_t *p, item_t *items)
{
    list_ctx_t lc = {U_NONE, 0};
    size_t n = 0, before_conn = p->i;
    bool before = false, from = false, pending_range = false;
    for (;;) {
        item_prefixes(p, n, &before, &from);
        span_t sp;
        if (!deadline_lex_parse_span(p, &lc, &sp)) {
            p->i = before_conn;
            if (pending_range && n)
                items[n - 1].range_start = false;
            break;
        }
        if (n < ITEMS_MAX) {
            items[n].sp = sp;
            items[n].before = before;
            items[n].range_start = from && n == 0;
            n++;
        }
        lc.hint = sp.unit == U_DAY && lc.carry_day ? U_MONTH : sp.unit;
        skip_note(p);
        before_conn = p->i;
        pending_range = false;
        if (deadline_lex_accept_punct(p, '-') || deadline_lex_accept(p, "den") ||
            deadline_lex_accept(p, "toi")) {
            pending_range = true;
            items[n - 1].range_start = true;
            continue;
        }
        bool comma = deadline_lex_accept_punct(p, ',') || deadline_lex_accept_punct(p, ';');
        if (!(deadline_lex_accept(p, "va") || deadline_lex_accept(p, "hoac")) && !comma)
            break;
    }
    /* A year written once at the end applies to the items before it. */
    int next_year = -1;
    for (size_t k = n; k-- > 0;) {
        if (items[k].sp.year < 0)
            items[k].sp.year = next_year;
        else
            next_year = items[k].sp.year;
    }
    return n;
}

/* Combined forms after a date list: "và theo định kỳ", "và những năm tiếp
 * theo", "hằng năm". */
static void date_tail(ps_t *p, date_t first_start)
{
    deadline_schedule_t *s = p->s;
    for (;;) {
        size_t save = p->i;
        deadline_lex_accept_punct(p, ',');
        bool conj = deadline_lex_accept(p, "va") || deadline_lex_accept(p, "hoac");
        (void)conj;
        if (deadline_lex_accept(p, "theo dinh ky") || deadline_lex_accept(p, "dinh ky")) {
            s->recurrence = DEADLINE_REC_REPORT_PERIODS;
            if (deadline_lex_accept(p, "theo bao cao"))
                (void)(deadline_lex_accept(p, "cchc") ||
                       deadline_lex_accept(p, "cai cach hanh chinh"));
        } else if (deadline_lex_open_ended(p) || deadline_lex_accept(p, "hang nam") ||
                   deadline_lex_accept(p, "moi nam")) {
            s->recurrence = DEADLINE_REC_ANNUAL;
            if (first_start != DATE_NONE)
                s->from = date_from_ymd(date_year(first_start), 1, 1);
        } else if (deadline_lex_accept(p, "hang quy") || deadline_lex_accept(p, "moi quy")) {
            s->recurrence = DEADLINE_REC_QUARTERLY;
        } else if (deadline_lex_accept(p, "hang thang") || deadline_lex_accept(p, "moi thang")) {
            s->recurrence = DEADLINE_REC_MONTHLY;
        } else {
            p->i = save;
            return;
        }
    }
}

size_t deadline_lex_date_items(ps_t *p, date_t *first_start)
{
    item_t items[ITEMS_MAX];
    size_t n = parse_items(p, items);
    deadline_schedule_t *s = p->s;
    *first_start = DATE_NONE;
    for (size_t k = 0; k < n && !p->rc; k++) {
        date_t st, en;
        if (!deadline_lex_resolve(p, &items[k].sp, items[k].sp.year, &st, &en))
            continue;
        if (items[k].range_start) {
            if (s->from == DATE_NONE || st < s->from)
                s->from = st;
            continue;
        }
        if (*first_start == DATE_NONE || st < *first_start)
            *first_start = st;
        deadline_lex_add_date(p, items[k].before ? st - 1 : en);
    }
    return n;
}

bool deadline_lex_try_dates(ps_t *p)
{
    date_t first_start;
    if (deadline_lex_date_items(p, &first_start) == 0)
        return false;
    deadline_schedule_t *s = p->s;
    date_tail(p, first_start);
    deadline_lex_sort_dates(s);
    if (s->ndates > 0)
        s->kind = s->ndates == 1 ? DEADLINE_DATE : DEADLINE_DATES;
    else if (s->from != DATE_NONE)
        s->kind = DEADLINE_CONTINUOUS; /* "Từ Quý II/2024": ongoing from then */
    else
        s->kind = DEADLINE_UNSPECIFIED; /* every date was impossible: warned */
    return true;
}
