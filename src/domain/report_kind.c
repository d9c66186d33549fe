/* report_kind.c - report kinds, their periods, window and due texts (see report_kind.h). */
#include "domain/report_kind.h"

#include "base/sv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static const char *const kind_codes[REPORT_KIND_COUNT] = {"quy1",   "6thang", "quy3",
                                                          "9thang", "nam",    "dot_xuat"};
static const char *const kind_vi[REPORT_KIND_COUNT] = {"Báo cáo quý I",   "Báo cáo 6 tháng",
                                                       "Báo cáo quý III", "Báo cáo 9 tháng",
                                                       "Báo cáo năm",     "Báo cáo đột xuất"};
static const char *const kind_en[REPORT_KIND_COUNT] = {"Quarter I report",   "Six-month report",
                                                       "Quarter III report", "Nine-month report",
                                                       "Annual report",      "Ad hoc report"};
/* Period regime, index, first and last month of each periodic kind. */
static const int kind_shape[REPORT_KIND_PERIODIC][4] = {{PERIOD_QUARTERLY, 1, 1, 3},
                                                        {PERIOD_SEMIANNUAL, 1, 1, 6},
                                                        {PERIOD_QUARTERLY, 3, 7, 9},
                                                        {PERIOD_NINEMONTH, 1, 1, 9},
                                                        {PERIOD_ANNUAL, 1, 1, 12}};

static bool kind_valid(report_kind_t k)
{
    return (int)k >= 0 && (int)k < REPORT_KIND_COUNT;
}

static bool kind_periodic(report_kind_t k)
{
    return (int)k >= 0 && (int)k < REPORT_KIND_PERIODIC;
}

const char *report_kind_code(report_kind_t k)
{
    return kind_valid(k) ? kind_codes[k] : "?";
}

const char *report_kind_label_vi(report_kind_t k)
{
    return kind_valid(k) ? kind_vi[k] : "?";
}

const char *report_kind_label_en(report_kind_t k)
{
    return kind_valid(k) ? kind_en[k] : "?";
}

int report_kind_parse(const char *s, size_t n, report_kind_t *out, err_t *e)
{
    sv_t v = sv_trim(sv_make(s ? s : "", s ? n : 0));
    for (int i = 0; i < REPORT_KIND_COUNT; i++)
        if (v.n == strlen(kind_codes[i]) && strncasecmp(v.p, kind_codes[i], v.n) == 0) {
            *out = (report_kind_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "report_cal.kind",
                   "Loại báo cáo '%.*s' không hợp lệ (quy1, 6thang, quy3, 9thang, nam, dot_xuat)",
                   "Unknown report kind '%.*s' (quy1, 6thang, quy3, 9thang, nam, dot_xuat)",
                   (int)(v.n > 40 ? 40 : v.n), v.p);
}

bool report_kind_default(report_kind_t k)
{
    return k == REPORT_KIND_QUY1 || k == REPORT_KIND_6THANG || k == REPORT_KIND_QUY3 ||
           k == REPORT_KIND_NAM;
}

static int kind_error(err_t *e, report_kind_t k)
{
    return err_set(e, ERR_INVALID, "report_cal.kind", "Loại báo cáo %s không có kỳ báo cáo định kỳ",
                   "Report kind %s has no periodic period", report_kind_code(k));
}

static bool year_ok(int y)
{
    return y >= REPORT_KIND_YEAR_MIN && y <= REPORT_KIND_YEAR_MAX;
}

static int year_error(err_t *e, int y)
{
    return err_set(e, ERR_RANGE, "report_cal.year", "Năm %d nằm ngoài phạm vi %d..%d",
                   "Year %d is outside %d..%d", y, REPORT_KIND_YEAR_MIN, REPORT_KIND_YEAR_MAX);
}

int report_kind_period(report_kind_t k, int year, period_id_t *out, err_t *e)
{
    if (!kind_periodic(k))
        return kind_error(e, k);
    if (!year_ok(year))
        return year_error(e, year);
    out->regime = (period_regime_t)kind_shape[k][0];
    out->year = year;
    out->index = kind_shape[k][1];
    return 0;
}

int report_kind_of_period(period_id_t id, report_kind_t *out)
{
    for (int k = 0; k < REPORT_KIND_PERIODIC; k++)
        if ((int)id.regime == kind_shape[k][0] && id.index == kind_shape[k][1]) {
            *out = (report_kind_t)k;
            return 0;
        }
    return ERR_NOTFOUND;
}

int report_kind_months(report_kind_t k, int *first, int *last)
{
    if (!kind_periodic(k))
        return ERR_INVALID;
    *first = kind_shape[k][2];
    *last = kind_shape[k][3];
    return 0;
}

/* ---- window and due texts -------------------------------------------- */

/* "D/M" with 1 <= D <= 31, 1 <= M <= 12 (spaces around parts allowed). */
static bool day_month(sv_t s, int *day, int *month)
{
    sv_t d;
    bool found;
    long dv, mv;
    sv_t m = sv_split(sv_trim(s), '/', &d, &found);
    if (!found || !sv_to_long(sv_trim(d), &dv) || !sv_to_long(sv_trim(m), &mv))
        return false;
    if (dv < 1 || dv > 31 || mv < 1 || mv > 12)
        return false;
    *day = (int)dv;
    *month = (int)mv;
    return true;
}

/* Offset of calendar month m from the last month, within -5..+6. */
static int near_offset(int m, int last)
{
    int d = m - last;
    if (d < -5)
        d += 12;
    if (d > 6)
        d -= 12;
    return d;
}

/* Calendar month (1..12) of an offset from a 1-based month. */
static int month_of(int base, int off)
{
    return (((base - 1 + off) % 12) + 12) % 12 + 1;
}

int report_kind_window_parse(report_kind_t k, const char *s, size_t n, period_window_t *out,
                             err_t *e)
{
    sv_t v = sv_trim(sv_make(s ? s : "", s ? n : 0)), a;
    bool found;
    sv_t b = sv_split(v, '-', &a, &found);
    int fd, fm, td, tm, first, last;
    if (!kind_periodic(k) || !found || !day_month(a, &fd, &fm) || !day_month(b, &td, &tm))
        return err_set(e, ERR_INVALID, "report_cal.window",
                       "Khoảng chốt số liệu '%.*s' không hợp lệ (dạng 15/12-14/3)",
                       "Invalid cut-off window '%.*s' (form 15/12-14/3)",
                       (int)(v.n > 64 ? 64 : v.n), v.p);
    report_kind_months(k, &first, &last);
    int to_abs = last + near_offset(tm, last);
    /* The start is the latest day fd/fm not after the end. */
    int back = (tm - fm + 12) % 12;
    if (back == 0 && fd > td)
        back = 12;
    out->from_day = fd;
    out->from_month = to_abs - back - first;
    out->to_day = td;
    out->to_month = to_abs - last;
    return 0;
}

static bool parse_after(sv_t v, const char *suffix, int *n)
{
    size_t k = strlen(suffix);
    long x;
    if (v.n < k + 2 || v.p[0] != '+' || memcmp(v.p + v.n - k, suffix, k) != 0)
        return false;
    if (!sv_to_long(sv_make(v.p + 1, v.n - 1 - k), &x) || x > 366)
        return false;
    *n = (int)x;
    return true;
}

int report_kind_due_parse(report_kind_t k, const char *s, size_t n, period_due_t *out, err_t *e)
{
    sv_t v = sv_trim(sv_make(s ? s : "", s ? n : 0));
    period_due_t d = {PERIOD_DUE_NONE, 0, 0, 0};
    long day;
    int dd, mm, first, last;
    bool ok = kind_periodic(k);
    if (!ok || v.n == 0 || sv_eq(v, "none")) {
        /* no due date (or an error for a bad kind) */
    } else if (parse_after(v, "wd", &d.n)) {
        d.kind = PERIOD_DUE_WORKDAYS_AFTER;
    } else if (parse_after(v, "d", &d.n)) {
        d.kind = PERIOD_DUE_DAYS_AFTER;
    } else if (sv_to_long(v, &day) && day >= 1 && day <= 31) {
        d.kind = PERIOD_DUE_DAY_OF_MONTH;
        d.day = (int)day;
    } else if (day_month(v, &dd, &mm)) {
        report_kind_months(k, &first, &last);
        d.kind = PERIOD_DUE_DAY_OF_MONTH;
        d.day = dd;
        d.month = near_offset(mm, last);
    } else {
        ok = false;
    }
    if (!ok)
        return err_set(e, ERR_INVALID, "report_cal.due",
                       "Hạn nộp '%.*s' không hợp lệ (dạng 15, 25/11, +2wd, +5d, none)",
                       "Invalid due rule '%.*s' (forms 15, 25/11, +2wd, +5d, none)",
                       (int)(v.n > 64 ? 64 : v.n), v.p);
    *out = d;
    return 0;
}

void report_kind_window_format(report_kind_t k, const period_window_t *w,
                               char out[REPORT_KIND_RULE_MAX])
{
    int first, last;
    if (report_kind_months(k, &first, &last) != 0) {
        snprintf(out, REPORT_KIND_RULE_MAX, "?");
        return;
    }
    snprintf(out, REPORT_KIND_RULE_MAX, "%d/%d-%d/%d", w->from_day, month_of(first, w->from_month),
             w->to_day, month_of(last, w->to_month));
}

void report_kind_due_format(report_kind_t k, const period_due_t *d, char out[REPORT_KIND_RULE_MAX])
{
    int first, last;
    if (report_kind_months(k, &first, &last) != 0) {
        snprintf(out, REPORT_KIND_RULE_MAX, "?");
        return;
    }
    switch (d->kind) {
    case PERIOD_DUE_DAY_OF_MONTH:
        if (d->month == 0)
            snprintf(out, REPORT_KIND_RULE_MAX, "%d", d->day);
        else if (d->month >= -5 && d->month <= 6)
            snprintf(out, REPORT_KIND_RULE_MAX, "%d/%d", d->day, month_of(last, d->month));
        else
            snprintf(out, REPORT_KIND_RULE_MAX, "?");
        return;
    case PERIOD_DUE_WORKDAYS_AFTER:
        snprintf(out, REPORT_KIND_RULE_MAX, "+%dwd", d->n);
        return;
    case PERIOD_DUE_DAYS_AFTER:
        snprintf(out, REPORT_KIND_RULE_MAX, "+%dd", d->n);
        return;
    case PERIOD_DUE_NONE:
    default:
        snprintf(out, REPORT_KIND_RULE_MAX, "none");
        return;
    }
}
