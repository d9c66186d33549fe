/* deadline_dates.c - spans of time, date lists and bounds of deadline texts. */
#include "deadline_int.h"

#include <string.h>

/* ---- spans: one named stretch of time ------------------------------ */

static bool accept_sep(ps_t *p)
{
    return dlx_accept_punct(p, '/') || dlx_accept_punct(p, '-') || dlx_accept_punct(p, '.');
}

/* After D/M: an optional /Y (or /YY, taken as 20YY with a warning). */
static void dmy_year(ps_t *p, span_t *sp)
{
    size_t save = p->i;
    int y;
    if (!accept_sep(p) && !dlx_accept(p, "nam")) {
        sp->year = dlx_accept_year(p, &y) ? y : -1;
        return;
    }
    const tok_t *t = dlx_at(p, p->i);
    if (dlx_accept_year(p, &y)) {
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
    if (!dlx_small_num(dlx_at(p, p->i), 2, &d))
        return false;
    p->i++;
    sp->unit = U_DAY;
    sp->a = d;
    size_t save = p->i;
    if (accept_sep(p)) {
        if (!dlx_small_num(dlx_at(p, p->i), 2, &m))
            return false;
        p->i++;
        sp->m = m;
        dmy_year(p, sp);
        return true;
    }
    p->i = save;
    bool of = dlx_accept(p, "cua");
    of = dlx_accept(p, "cac") || of;
    if (!dlx_accept(p, "thang") || !dlx_small_num(dlx_at(p, p->i), 2, &m))
        return false;
    p->i++;
    sp->m = m;
    sp->year = dlx_year_part(p);
    if (of)
        lc->carry_day = d;
    return true;
}

/* A span starting with a number: D/M/Y, D/M, M/Y, "6 tháng đầu năm",
 * a year, or a bare number continuing a list ("tháng 3, 9/2024"). */
static bool num_form(ps_t *p, const list_ctx_t *lc, span_t *sp)
{
    const tok_t *t = dlx_at(p, p->i);
    int a = (int)t->num, b, y;
    if (dlx_year_tok(t, &y) && !dlx_is_punct(dlx_at(p, p->i + 1), '/')) {
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
        const tok_t *u = dlx_at(p, p->i);
        if (dlx_year_tok(u, &y)) {
            p->i++;
            sp->unit = lc->hint == U_QUARTER ? U_QUARTER : U_MONTH;
            sp->a = a;
            sp->year = y;
            return true;
        }
        if (dlx_small_num(u, 2, &b)) {
            p->i++;
            sp->unit = U_DAY;
            sp->a = a;
            sp->m = b;
            dmy_year(p, sp);
            return true;
        }
        p->i = save;
    }
    if (dlx_accept(p, "thang")) {
        bool first = dlx_accept(p, "dau");
        if (!first && !dlx_accept(p, "cuoi"))
            return false;
        if (!dlx_accept(p, "nam"))
            return false;
        sp->unit = first ? U_FIRST : U_LAST;
        sp->a = a;
        if (dlx_accept_punct(p, '/') && !dlx_accept_year(p, &sp->year))
            return false;
        if (sp->year < 0)
            sp->year = dlx_accept_year(p, &y) ? y : -1;
        return true;
    }
    if (lc->hint == U_MONTH || (lc->hint == U_DAY && lc->carry_day)) {
        sp->unit = U_MONTH;
        sp->a = a;
        sp->year = dlx_year_part(p);
        return true;
    }
    if (lc->hint == U_QUARTER && a >= 1 && a <= 4) {
        sp->unit = U_QUARTER;
        sp->a = a;
        sp->year = dlx_year_part(p);
        return true;
    }
    return false;
}

/* "năm" without a year: only at the end of an item ("Trong năm"). */
static bool ends_item(const ps_t *p)
{
    const tok_t *t = dlx_at(p, p->i);
    return !t || (t->type == T_PUNCT && t->punct != '/') || dlx_is_kw(t, "va") ||
           dlx_is_kw(t, "hoac");
}

bool dlx_parse_span(ps_t *p, list_ctx_t *lc, span_t *sp)
{
    size_t save = p->i;
    memset(sp, 0, sizeof *sp);
    sp->year = -1;
    sp->t0 = p->i;
    while (dlx_accept(p, "cuoi"))
        ;
    const tok_t *t = dlx_at(p, p->i);
    int y, m;
    bool ok = false;
    if (dlx_accept(p, "quy") || dlx_accept(p, "q")) {
        sp->a = dlx_quarter_no(p);
        sp->unit = U_QUARTER;
        ok = sp->a > 0;
        if (ok)
            sp->year = dlx_year_part(p);
    } else if (dlx_accept(p, "thang")) {
        ok = dlx_small_num(dlx_at(p, p->i), 2, &m);
        if (ok) {
            p->i++;
            sp->unit = U_MONTH;
            sp->a = m;
            sp->year = dlx_year_part(p);
        }
    } else if (dlx_accept(p, "ngay")) {
        ok = day_form(p, lc, sp);
    } else if (dlx_accept(p, "nam")) {
        sp->unit = U_YEAR;
        if (dlx_accept_year(p, &y)) {
            sp->year = y;
            ok = true;
        } else {
            ok = ends_item(p);
        }
    } else if (t && t->type == T_NUM) {
        ok = num_form(p, lc, sp);
    } else if (t && t->type == T_WORD && lc->hint == U_QUARTER && dlx_roman_value(t->key)) {
        sp->unit = U_QUARTER;
        sp->a = dlx_quarter_no(p);
        sp->year = dlx_year_part(p);
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
    dlx_snippet(p, sp->t0, sp->t1, sn);
    dlx_warn(p, "deadline.bad_date", "Thời hạn không tồn tại: '%s'", "No such date: '%s'", sn);
}

/* Resolves a span with a year (-1: the context year); false + warning when
 * impossible. */
bool dlx_resolve(ps_t *p, const span_t *sp, int year, date_t *start, date_t *end)
{
    if (year < 0)
        year = p->year;
    if (year < DL_YEAR_MIN || year > DL_YEAR_MAX) {
        char sn[SNIPPET_MAX];
        dlx_snippet(p, sp->t0, sp->t1, sn);
        dlx_warn(p, "deadline.no_year", "Không xác định được năm của '%s'",
                 "Cannot tell the year of '%s'", sn);
        return false;
    }
    if (sp->short_year) {
        char sn[SNIPPET_MAX];
        dlx_snippet(p, sp->t0, sp->t1, sn);
        dlx_warn(p, "deadline.short_year", "Năm viết tắt trong '%s' được hiểu là %d",
                 "The short year in '%s' is read as %d", sn, year);
    }
    if (!span_range(sp, year, start, end)) {
        bad_span(p, sp);
        return false;
    }
    return true;
}

/* ---- bounds: "trong năm 2024", "và những năm tiếp theo" ------------ */

void dlx_year_bounds(bounds_t *b, int y)
{
    b->from = date_from_ymd(y, 1, 1);
    b->until = date_from_ymd(y, 12, 31);
}

bool dlx_open_ended(ps_t *p)
{
    size_t save = p->i;
    bool va = dlx_accept(p, "va");
    if (dlx_accept(p, "nhung nam tiep theo") || dlx_accept(p, "cac nam tiep theo") ||
        dlx_accept(p, "nam tiep theo"))
        return true;
    if (!va && (dlx_accept(p, "tro di") || dlx_accept(p, "tro ve sau")))
        return true;
    p->i = save;
    return false;
}

bool dlx_parse_bounds_one(ps_t *p, bounds_t *b)
{
    size_t save = p->i;
    int y;
    list_ctx_t lc = {U_NONE, 0};
    span_t sp;
    date_t s0, e0;
    if (dlx_accept(p, "trong nam") || dlx_accept(p, "trong") || dlx_accept(p, "nam")) {
        if (dlx_accept_year(p, &y)) {
            dlx_year_bounds(b, y);
            return true;
        }
        if (dlx_is_kw(dlx_at(p, p->i - 1), "nam") && (p->i - save) == 2 && p->year > 0) {
            dlx_year_bounds(b, p->year);
            return true;
        }
        p->i = save;
        return false;
    }
    if (dlx_accept_year(p, &y)) {
        dlx_year_bounds(b, y);
        return true;
    }
    if (dlx_open_ended(p)) {
        if (b->from == DATE_NONE && p->year > 0)
            b->from = date_from_ymd(p->year, 1, 1);
        b->until = DATE_NONE;
        return true;
    }
    bool from = dlx_accept(p, "tu");
    if (from || dlx_accept(p, "den") || dlx_accept(p, "toi")) {
        dlx_accept(p, "het");
        if (dlx_parse_span(p, &lc, &sp) && dlx_resolve(p, &sp, sp.year, &s0, &e0)) {
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

#define ITEMS_MAX DL_DATES_MAX

typedef struct item {
    span_t sp;
    bool before;      /* "trước": due the day before the span starts */
    bool range_start; /* "từ X" / "X - Y": X only sets `from` */
} item_t;

/* Item prefixes; `before` is sticky along the list. */
static void item_prefixes(ps_t *p, size_t n, bool *before, bool *from)
{
    for (;;) {
        if (dlx_accept(p, "truoc")) {
            *before = true;
        } else if (dlx_accept(p, "cham nhat") || dlx_accept(p, "muon nhat")) {
            *before = false;
            dlx_accept(p, "la");
        } else if (dlx_accept(p, "hoan thanh") || dlx_accept(p, "trong") || dlx_accept(p, "vao") ||
                   dlx_accept(p, "thuc hien") || dlx_accept(p, "het")) {
            /* no meaning of their own */
        } else if (n == 0 && (dlx_accept(p, "den") || dlx_accept(p, "toi"))) {
            *before = false;
        } else if (n == 0 && (dlx_accept(p, "tu") || dlx_accept(p, "giai doan"))) {
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
    if (dlx_is_punct(dlx_at(p, j), '(')) {
        for (; k < p->hi && k < j + 12 && !dlx_is_punct(&p->t[k], ')'); k++) {
            if (p->t[k].type == T_PUNCT && p->t[k].punct != ',')
                return;
            for (size_t w = 0; w < sizeof time_words / sizeof time_words[0]; w++)
                if (dlx_is_kw(&p->t[k], time_words[w]))
                    return;
        }
        if (dlx_is_punct(dlx_at(p, k), ')'))
            p->i = k + 1;
    } else if (dlx_is_punct(dlx_at(p, j), ':')) {
        while (k < p->hi && !dlx_is_punct(&p->t[k], ';'))
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
        if (!dlx_parse_span(p, &lc, &sp)) {
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
        if (dlx_accept_punct(p, '-') || dlx_accept(p, "den") || dlx_accept(p, "toi")) {
            pending_range = true;
            items[n - 1].range_start = true;
            continue;
        }
        bool comma = dlx_accept_punct(p, ',') || dlx_accept_punct(p, ';');
        if (!(dlx_accept(p, "va") || dlx_accept(p, "hoac")) && !comma)
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
    dl_schedule_t *s = p->s;
    for (;;) {
        size_t save = p->i;
        dlx_accept_punct(p, ',');
        bool conj = dlx_accept(p, "va") || dlx_accept(p, "hoac");
        (void)conj;
        if (dlx_accept(p, "theo dinh ky") || dlx_accept(p, "dinh ky")) {
            s->recurrence = DL_REC_REPORT_PERIODS;
            if (dlx_accept(p, "theo bao cao"))
                (void)(dlx_accept(p, "cchc") || dlx_accept(p, "cai cach hanh chinh"));
        } else if (dlx_open_ended(p) || dlx_accept(p, "hang nam") || dlx_accept(p, "moi nam")) {
            s->recurrence = DL_REC_ANNUAL;
            if (first_start != DATE_NONE)
                s->from = date_from_ymd(date_year(first_start), 1, 1);
        } else if (dlx_accept(p, "hang quy") || dlx_accept(p, "moi quy")) {
            s->recurrence = DL_REC_QUARTERLY;
        } else if (dlx_accept(p, "hang thang") || dlx_accept(p, "moi thang")) {
            s->recurrence = DL_REC_MONTHLY;
        } else {
            p->i = save;
            return;
        }
    }
}

size_t dlx_date_items(ps_t *p, date_t *first_start)
{
    item_t items[ITEMS_MAX];
    size_t n = parse_items(p, items);
    dl_schedule_t *s = p->s;
    *first_start = DATE_NONE;
    for (size_t k = 0; k < n && !p->rc; k++) {
        date_t st, en;
        if (!dlx_resolve(p, &items[k].sp, items[k].sp.year, &st, &en))
            continue;
        if (items[k].range_start) {
            if (s->from == DATE_NONE || st < s->from)
                s->from = st;
            continue;
        }
        if (*first_start == DATE_NONE || st < *first_start)
            *first_start = st;
        dlx_add_date(p, items[k].before ? st - 1 : en);
    }
    return n;
}

bool dlx_try_dates(ps_t *p)
{
    date_t first_start;
    if (dlx_date_items(p, &first_start) == 0)
        return false;
    dl_schedule_t *s = p->s;
    date_tail(p, first_start);
    dlx_sort_dates(s);
    if (s->ndates > 0)
        s->kind = s->ndates == 1 ? DL_DATE : DL_DATES;
    else if (s->from != DATE_NONE)
        s->kind = DL_CONTINUOUS; /* "Từ Quý II/2024": ongoing from then */
    else
        s->kind = DL_UNSPECIFIED; /* every date was impossible: warned */
    return true;
}
