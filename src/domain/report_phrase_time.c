/* report_phrase_time.c - due and window forms of reporting phrases. */
#include "domain/report_phrase_int.h"

#include <string.h>

#include "base/banned.h"

/* ---- dues ------------------------------------------------------------------ */

/* Month list "[các] tháng 3, tháng 6, 9 và 12" at j. */
static bool month_list(const ps_t *p, size_t j, unsigned *months, size_t *next)
{
    static const char *const seps[] = {"va", "hoac", NULL};
    int m;
    report_phrase_lex_kw(p, j, "cac", &j);
    if (!report_phrase_lex_kw(p, j, "thang", &j) || !report_phrase_lex_num(p, j, 1, 12, &m))
        return false;
    *months = 1u << m;
    j++;
    for (;;) {
        size_t k = j;
        if (report_phrase_lex_punct(p, k, ',') || report_phrase_lex_punct(p, k, ';'))
            k++;
        else if (!report_phrase_lex_kw_any(p, k, seps, &k))
            break;
        report_phrase_lex_kw(p, k, "thang", &k);
        if (!report_phrase_lex_num(p, k, 1, 12, &m))
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
    if (!report_phrase_lex_kw(p, j, "thang", &j))
        return false;
    if (report_phrase_lex_kw(p, j, "cuoi", &j)) {
        report_phrase_lex_kw(p, j, "cua", &j);
        report_phrase_lex_kw_any(p, j, periods, &j);
        *off = 0;
    } else if (report_phrase_lex_kw(p, j, "dau", &j)) {
        report_phrase_lex_kw(p, j, "cua", &j);
        if (!report_phrase_lex_kw_any(p, j, periods, &j) ||
            !report_phrase_lex_kw_any(p, j, after, &j))
            return false;
        *off = 1;
    } else if (report_phrase_lex_kw_any(p, j, after, &j)) {
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
    report_phrase_lex_kw(p, j, "cua", &j);
    if (month_list(p, j, &d->months, next)) {
        size_t k;
        int y, m = 0;
        for (int i = 1; i <= 12; i++)
            if (d->months == 1u << i)
                m = i;
        if (m && report_phrase_lex_kw(p, *next, "nam", &k) && report_phrase_lex_year(p, k, &y)) {
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
    if (!report_phrase_lex_kw(p, j, "ngay", &j) || !report_phrase_lex_num(p, j, 1, 31, &day))
        return false;
    d->day = day;
    if (report_phrase_lex_sep(p, j + 1) && report_phrase_lex_num(p, j + 2, 1, 12, &m)) {
        *next = j + 3;
        if (report_phrase_lex_sep(p, j + 3) && report_phrase_lex_year(p, j + 4, &y))
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
    if (report_phrase_lex_kw(p, i, "cham nhat", &j)) {
        report_phrase_lex_kw_any(p, j, tails, &j);
        *exclusive = report_phrase_lex_kw(p, j, "truoc", &j);
    } else if (report_phrase_lex_kw(p, i, "truoc", &j)) {
        *exclusive = true;
    } else if (report_phrase_lex_kw_any(p, i, han, &j)) {
        report_phrase_lex_kw(p, j, "bao cao", &j);
        report_phrase_lex_kw_any(p, j, tails, &j);
    } else if (!report_phrase_lex_kw(p, i, "vao", &j)) {
        return false;
    }
    if (!report_phrase_lex_kw(p, j, "ngay", NULL))
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
    report_phrase_lex_kw_any(p, j, pre, &j);
    if (!report_phrase_lex_num(p, j, 0, 366, &n) || !report_phrase_lex_kw(p, j + 1, "ngay", &k))
        return false;
    bool work = report_phrase_lex_kw(p, k, "lam viec", &k);
    if (!report_phrase_lex_kw_any(p, k, from, &k))
        return false;
    report_phrase_lex_kw_any(p, k, moment, &k);
    if (!report_phrase_lex_kw_any(p, k, cut, &k)) {
        report_phrase_lex_unclear(p, REPORT_PHRASE_UNCLEAR_AFTER, i, k + 1);
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
    if (report_phrase_lex_kw(p, j, "tu", &j)) {
        report_phrase_lex_kw(p, j, "ngay", &j);
        if (!report_phrase_lex_day_month(p, j, &w->from_day, &w->from_month, &w->from_year, &j))
            return false;
    }
    if (!report_phrase_lex_kw(p, j, "den", &j))
        return false;
    report_phrase_lex_kw(p, j, "het", &j);
    report_phrase_lex_kw(p, j, "ngay", &j);
    if (!report_phrase_lex_day_month(p, j, &w->to_day, &w->to_month, &w->to_year, &j))
        return false;
    if ((w->from_year && !date_valid_ymd(w->from_year, w->from_month, w->from_day)) ||
        (w->to_year && !date_valid_ymd(w->to_year, w->to_month, w->to_day)))
        return false;
    w->set = true;
    *next = j;
    return true;
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
    report_phrase_lex_event(p, &ev);
}

static void set_span(ps_t *p, size_t a, size_t b, size_t *off, size_t *end)
{
    *off = p->t[a].off;
    *end = p->t[(b > a ? b : a + 1) - 1].end;
}

/* Tries the timing forms at i; *next after what was read. */
bool report_phrase_time_at(ps_t *p, size_t i, bool data_cue, size_t *next)
{
    report_phrase_due_t d;
    report_phrase_window_t w;
    bool excl;
    size_t j;
    if (due_intro(p, i, &excl, &j)) {
        if (!due_day(p, j, excl, &d, next)) {
            report_phrase_lex_unclear(p, REPORT_PHRASE_UNCLEAR_DUE, i, j + 3);
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
    if (report_phrase_lex_kw(p, i, "tu ngay", &j) || report_phrase_lex_kw(p, i, "den ngay", &j)) {
        report_phrase_lex_unclear(p, REPORT_PHRASE_UNCLEAR_WINDOW, i, j + 3);
        *next = j;
        return true;
    }
    return false;
}
