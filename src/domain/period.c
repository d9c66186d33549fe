/* period.c - reporting periods, cut-off windows and due dates. */
#include "period.h"

#include "base/sv.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *const regime_names[PERIOD_REGIME_COUNT] = {"monthly", "quarterly", "semiannual",
                                                              "ninemonth", "annual"};
static const char *const regime_names_vi[PERIOD_REGIME_COUNT] = {"tháng", "quý", "6 tháng",
                                                                 "9 tháng", "năm"};

static bool regime_valid(period_regime_t r)
{
    return (int)r >= 0 && (int)r < PERIOD_REGIME_COUNT;
}

void period_rule_default(period_rule_t *r)
{
    r->window.from_day = 15;
    r->window.from_month = -1;
    r->window.to_day = 14;
    r->window.to_month = 0;
    r->due.kind = PERIOD_DUE_NONE;
    r->due.day = 0;
    r->due.month = 0;
    r->due.n = 0;
}

const char *period_regime_name(period_regime_t r)
{
    return regime_valid(r) ? regime_names[r] : "?";
}

const char *period_regime_name_vi(period_regime_t r)
{
    return regime_valid(r) ? regime_names_vi[r] : "?";
}

int period_regime_parse(const char *s, period_regime_t *out)
{
    for (int i = 0; s && i < PERIOD_REGIME_COUNT; i++)
        if (strcmp(s, regime_names[i]) == 0) {
            *out = (period_regime_t)i;
            return 0;
        }
    return ERR_INVALID;
}

int period_count(period_regime_t r)
{
    static const int counts[PERIOD_REGIME_COUNT] = {12, 4, 1, 1, 1};
    return regime_valid(r) ? counts[r] : 0;
}

int period_check(period_id_t id, err_t *e)
{
    if (!regime_valid(id.regime))
        return err_set(e, ERR_INVALID, "period.invalid", "Chế độ báo cáo không hợp lệ",
                       "Invalid reporting regime");
    if (id.year < PERIOD_YEAR_MIN || id.year > PERIOD_YEAR_MAX)
        return err_set(e, ERR_RANGE, "period.invalid", "Năm %d nằm ngoài phạm vi %d..%d",
                       "Year %d is outside %d..%d", id.year, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
    if (id.index < 1 || id.index > period_count(id.regime))
        return err_set(e, ERR_RANGE, "period.invalid", "Kỳ thứ %d không có trong chế độ báo cáo %s",
                       "Period %d does not exist in the %s regime", id.index,
                       period_regime_name(id.regime));
    return 0;
}

/* First and last month (1-based, in the period's year) of a valid id. */
static void period_months(period_id_t id, int *first, int *last)
{
    switch (id.regime) {
    case PERIOD_MONTHLY:
        *first = *last = id.index;
        return;
    case PERIOD_QUARTERLY:
        *first = 3 * id.index - 2;
        *last = 3 * id.index;
        return;
    case PERIOD_SEMIANNUAL:
        *first = 1;
        *last = 6;
        return;
    case PERIOD_NINEMONTH:
        *first = 1;
        *last = 9;
        return;
    case PERIOD_ANNUAL:
    default:
        *first = 1;
        *last = 12;
        return;
    }
}

/* Day `day` (clamped) of the month `month` (1-based, may fall outside
 * 1..12: 0 is December of the previous year) of `year`. */
static date_t month_day(int year, int month, int day)
{
    int abs = year * 12 + (month - 1);
    int y = abs / 12, m = abs % 12 + 1;
    int dim = date_days_in_month(y, m);
    return date_from_ymd(y, m, day > dim ? dim : day);
}

int period_parse_code(const char *s, size_t n, period_id_t *out, err_t *e)
{
    sv_t v = sv_trim(sv_make(s ? s : "", s ? n : 0));
    long year = 0;
    period_id_t id = {PERIOD_ANNUAL, 0, 1};
    bool ok = v.n >= 4 && sv_to_long(sv_make(v.p, 4), &year);
    sv_t rest = ok ? sv_make(v.p + 4, v.n - 4) : v;
    long idx = 0;
    if (!ok) {
        /* fall through to the error */
    } else if (rest.n == 0) {
        id.regime = PERIOD_ANNUAL;
    } else if (rest.n == 3 && rest.p[0] == 'M' && sv_to_long(sv_make(rest.p + 1, 2), &idx)) {
        id.regime = PERIOD_MONTHLY;
        id.index = (int)idx;
    } else if (rest.n == 2 && rest.p[0] == 'M' && rest.p[1] == '9') {
        id.regime = PERIOD_NINEMONTH;
    } else if (rest.n == 2 && rest.p[0] == 'Q' && sv_to_long(sv_make(rest.p + 1, 1), &idx)) {
        id.regime = PERIOD_QUARTERLY;
        id.index = (int)idx;
    } else if (rest.n == 2 && rest.p[0] == 'S' && rest.p[1] == '1') {
        id.regime = PERIOD_SEMIANNUAL;
    } else {
        ok = false;
    }
    id.year = (int)year;
    if (!ok || period_check(id, NULL) != 0)
        return err_set(e, ERR_INVALID, "period.code",
                       "Mã kỳ báo cáo '%.*s' không hợp lệ (dạng 2024, 2024Q1, 2024M01, "
                       "2024S1, 2024M9)",
                       "Invalid period code '%.*s' (forms 2024, 2024Q1, 2024M01, 2024S1, 2024M9)",
                       (int)(v.n > 64 ? 64 : v.n), v.p);
    *out = id;
    return 0;
}

void period_format_code(period_id_t id, char out[PERIOD_CODE_MAX])
{
    out[0] = '\0';
    if (period_check(id, NULL) != 0)
        return;
    switch (id.regime) {
    case PERIOD_MONTHLY:
        snprintf(out, PERIOD_CODE_MAX, "%04dM%02d", id.year, id.index);
        break;
    case PERIOD_QUARTERLY:
        snprintf(out, PERIOD_CODE_MAX, "%04dQ%d", id.year, id.index);
        break;
    case PERIOD_SEMIANNUAL:
        snprintf(out, PERIOD_CODE_MAX, "%04dS1", id.year);
        break;
    case PERIOD_NINEMONTH:
        snprintf(out, PERIOD_CODE_MAX, "%04dM9", id.year);
        break;
    case PERIOD_ANNUAL:
        snprintf(out, PERIOD_CODE_MAX, "%04d", id.year);
        break;
    }
}

int period_nominal(period_id_t id, date_t *start, date_t *end, err_t *e)
{
    int rc = period_check(id, e);
    if (rc)
        return rc;
    int first, last;
    period_months(id, &first, &last);
    *start = date_from_ymd(id.year, first, 1);
    *end = date_from_ymd(id.year, last, date_days_in_month(id.year, last));
    return 0;
}

static bool offset_ok(int m)
{
    return m >= -PERIOD_OFFSET_LIMIT && m <= PERIOD_OFFSET_LIMIT;
}

static int rule_check(const period_rule_t *r, err_t *e)
{
    const period_window_t *w = &r->window;
    const period_due_t *d = &r->due;
    bool ok = w->from_day >= 1 && w->from_day <= 31 && w->to_day >= 1 && w->to_day <= 31 &&
              offset_ok(w->from_month) && offset_ok(w->to_month);
    switch (d->kind) {
    case PERIOD_DUE_NONE:
        break;
    case PERIOD_DUE_DAY_OF_MONTH:
        ok = ok && d->day >= 1 && d->day <= 31 && offset_ok(d->month);
        break;
    case PERIOD_DUE_WORKDAYS_AFTER:
    case PERIOD_DUE_DAYS_AFTER:
        ok = ok && d->n >= 0 && d->n <= 366;
        break;
    default:
        ok = false;
    }
    if (!ok)
        return err_set(e, ERR_INVALID, "period.rule", "Quy tắc kỳ báo cáo không hợp lệ",
                       "Invalid reporting-period rule");
    return 0;
}

static int compute_due(const period_t *p, int last, const period_due_t *d,
                       period_add_workdays_fn add_workdays, void *ctx, date_t *out, err_t *e)
{
    *out = DATE_NONE;
    switch (d->kind) {
    case PERIOD_DUE_DAY_OF_MONTH:
        *out = month_day(p->id.year, last + d->month, d->day);
        return 0;
    case PERIOD_DUE_DAYS_AFTER:
        *out = p->cut_to + d->n;
        return 0;
    case PERIOD_DUE_WORKDAYS_AFTER: {
        if (!add_workdays)
            return err_set(e, ERR_INVALID, "period.no_calendar",
                           "Hạn nộp tính theo ngày làm việc cần lịch làm việc",
                           "A due date in working days needs a working-day calendar");
        int rc = add_workdays(ctx, p->cut_to, d->n, out);
        if (rc) {
            *out = DATE_NONE;
            return err_set(e, rc, "period.calendar", "Không tính được ngày làm việc",
                           "Cannot count working days");
        }
        return 0;
    }
    case PERIOD_DUE_NONE:
    default:
        return 0;
    }
}

int period_compute(period_id_t id, const period_rule_t *rule, period_add_workdays_fn add_workdays,
                   void *ctx, period_t *out, err_t *e)
{
    period_rule_t def;
    if (!rule) {
        period_rule_default(&def);
        rule = &def;
    }
    int rc = period_check(id, e);
    if (!rc)
        rc = rule_check(rule, e);
    if (rc)
        return rc;
    period_t p;
    p.id = id;
    int first, last;
    period_months(id, &first, &last);
    period_nominal(id, &p.start, &p.end, NULL);
    p.cut_from = month_day(id.year, first + rule->window.from_month, rule->window.from_day);
    p.cut_to = month_day(id.year, last + rule->window.to_month, rule->window.to_day);
    if (p.cut_to < p.cut_from)
        return err_set(e, ERR_INVALID, "period.window_empty",
                       "Khoảng chốt số liệu kết thúc trước khi bắt đầu",
                       "The cut-off window ends before it starts");
    rc = compute_due(&p, last, &rule->due, add_workdays, ctx, &p.due, e);
    if (rc)
        return rc;
    *out = p;
    return 0;
}

int period_list(period_regime_t regime, int year, const period_rule_t *rule,
                period_add_workdays_fn add_workdays, void *ctx, period_t out[PERIOD_MAX_PER_YEAR],
                size_t *count, err_t *e)
{
    *count = 0;
    int total = period_count(regime);
    if (total == 0)
        return err_set(e, ERR_INVALID, "period.invalid", "Chế độ báo cáo không hợp lệ",
                       "Invalid reporting regime");
    for (int i = 1; i <= total; i++) {
        period_id_t id = {regime, year, i};
        int rc = period_compute(id, rule, add_workdays, ctx, &out[i - 1], e);
        if (rc) {
            *count = 0;
            return rc;
        }
    }
    *count = (size_t)total;
    return 0;
}

int period_for_date(period_regime_t regime, date_t d, const period_rule_t *rule, period_id_t *out,
                    err_t *e)
{
    int y = date_year(d);
    /* The due rule does not matter here: compute windows only. */
    period_rule_t r;
    if (rule)
        r = *rule;
    else
        period_rule_default(&r);
    r.due.kind = PERIOD_DUE_NONE;
    for (int year = y - 2; year <= y + 2; year++) {
        for (int i = 1; i <= period_count(regime); i++) {
            period_id_t id = {regime, year, i};
            period_t p;
            if (period_check(id, NULL) != 0)
                continue;
            int rc = period_compute(id, &r, NULL, NULL, &p, e);
            if (rc)
                return rc;
            if (d >= p.cut_from && d <= p.cut_to) {
                *out = id;
                return 0;
            }
        }
    }
    return err_set(e, ERR_NOTFOUND, "period.not_found", "Không có kỳ báo cáo nào chứa ngày này",
                   "No reporting period contains this day");
}

/* "D/M" with 1 <= D <= 31, 1 <= M <= 12. */
static bool parse_day_month(sv_t s, int *day, int *month)
{
    sv_t d, m;
    bool found;
    s = sv_trim(s);
    m = sv_split(s, '/', &d, &found);
    long dv, mv;
    if (!found || !sv_to_long(sv_trim(d), &dv) || !sv_to_long(sv_trim(m), &mv))
        return false;
    if (dv < 1 || dv > 31 || mv < 1 || mv > 12)
        return false;
    *day = (int)dv;
    *month = (int)mv;
    return true;
}

static void first_period_months(period_regime_t regime, int *first, int *last)
{
    period_id_t id = {regime, 2000, 1};
    period_months(id, first, last);
}

int period_window_parse(const char *s, size_t n, period_regime_t regime, period_window_t *out,
                        err_t *e)
{
    sv_t v = sv_make(s ? s : "", s ? n : 0), a, b;
    bool found;
    b = sv_split(v, '-', &a, &found);
    int fd, fm, td, tm;
    if (!regime_valid(regime) || !found || !parse_day_month(a, &fd, &fm) ||
        !parse_day_month(b, &td, &tm))
        return err_set(e, ERR_INVALID, "period.window",
                       "Khoảng chốt số liệu '%.*s' không hợp lệ (dạng 15/12-14/3)",
                       "Invalid cut-off window '%.*s' (form 15/12-14/3)",
                       (int)(v.n > 64 ? 64 : v.n), v.p);
    int first, last;
    first_period_months(regime, &first, &last);
    /* The start lies in the same year when it comes before the end. */
    int from_abs = (fm < tm || (fm == tm && fd <= td)) ? fm : fm - 12;
    out->from_day = fd;
    out->from_month = from_abs - first;
    out->to_day = td;
    out->to_month = tm - last;
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

int period_due_parse(const char *s, size_t n, period_regime_t regime, period_due_t *out, err_t *e)
{
    sv_t v = sv_trim(sv_make(s ? s : "", s ? n : 0));
    period_due_t d = {PERIOD_DUE_NONE, 0, 0, 0};
    long day;
    int dd, mm, first, last;
    bool ok = regime_valid(regime);
    if (!ok) {
        /* error below */
    } else if (sv_eq(v, "none")) {
        /* no due date */
    } else if (parse_after(v, "wd", &d.n)) {
        d.kind = PERIOD_DUE_WORKDAYS_AFTER;
    } else if (parse_after(v, "d", &d.n)) {
        d.kind = PERIOD_DUE_DAYS_AFTER;
    } else if (sv_to_long(v, &day) && day >= 1 && day <= 31) {
        d.kind = PERIOD_DUE_DAY_OF_MONTH;
        d.day = (int)day;
    } else if (parse_day_month(v, &dd, &mm)) {
        first_period_months(regime, &first, &last);
        d.kind = PERIOD_DUE_DAY_OF_MONTH;
        d.day = dd;
        d.month = mm - last;
    } else {
        ok = false;
    }
    if (!ok)
        return err_set(e, ERR_INVALID, "period.due",
                       "Quy tắc hạn nộp '%.*s' không hợp lệ (dạng 15, 25/11, +2wd, +5d, none)",
                       "Invalid due rule '%.*s' (forms 15, 25/11, +2wd, +5d, none)",
                       (int)(v.n > 64 ? 64 : v.n), v.p);
    *out = d;
    return 0;
}

void period_due_describe(const period_due_t *d, char vi[PERIOD_DUE_TEXT_MAX],
                         char en[PERIOD_DUE_TEXT_MAX])
{
    switch (d->kind) {
    case PERIOD_DUE_DAY_OF_MONTH:
        if (d->month == 0) {
            snprintf(vi, PERIOD_DUE_TEXT_MAX, "ngày %d của tháng cuối kỳ", d->day);
            snprintf(en, PERIOD_DUE_TEXT_MAX, "day %d of the period's last month", d->day);
        } else if (d->month > 0) {
            snprintf(vi, PERIOD_DUE_TEXT_MAX, "ngày %d của tháng thứ %d sau tháng cuối kỳ", d->day,
                     d->month);
            snprintf(en, PERIOD_DUE_TEXT_MAX,
                     "day %d of the month %d month(s) after the period's last month", d->day,
                     d->month);
        } else {
            snprintf(vi, PERIOD_DUE_TEXT_MAX, "ngày %d của tháng trước tháng cuối kỳ %d tháng",
                     d->day, -d->month);
            snprintf(en, PERIOD_DUE_TEXT_MAX,
                     "day %d of the month %d month(s) before the period's last month", d->day,
                     -d->month);
        }
        return;
    case PERIOD_DUE_WORKDAYS_AFTER:
        snprintf(vi, PERIOD_DUE_TEXT_MAX, "%d ngày làm việc sau ngày chốt số liệu", d->n);
        snprintf(en, PERIOD_DUE_TEXT_MAX, "%d working day(s) after the cut-off", d->n);
        return;
    case PERIOD_DUE_DAYS_AFTER:
        snprintf(vi, PERIOD_DUE_TEXT_MAX, "%d ngày sau ngày chốt số liệu", d->n);
        snprintf(en, PERIOD_DUE_TEXT_MAX, "%d day(s) after the cut-off", d->n);
        return;
    case PERIOD_DUE_NONE:
    default:
        snprintf(vi, PERIOD_DUE_TEXT_MAX, "không quy định hạn nộp");
        snprintf(en, PERIOD_DUE_TEXT_MAX, "no due date");
        return;
    }
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int period_parse_range(const char *s, size_t n, date_t *from, date_t *to, err_t *e)
{
    period_id_t id;
    if (period_parse_code(s, n, &id, NULL) == 0 && period_nominal(id, from, to, NULL) == 0)
        return 0;
    if (n < 4 || !digits(s, 4))
        goto bad;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1000)
        goto bad;
    int m1 = 1, m2 = 12;
    const char *r = s + 4;
    char k = n > 4 ? r[0] : '\0'; /* s need not be NUL-terminated (fuzz_period) */
    if (n == 4) {
    } else if (n == 6 && (k == 'Q' || k == 'q') && r[1] >= '1' && r[1] <= '4') {
        m1 = (r[1] - '1') * 3 + 1;
        m2 = m1 + 2;
    } else if (n == 6 && (k == 'S' || k == 's') && (r[1] == '1' || r[1] == '2')) {
        m1 = r[1] == '1' ? 1 : 7;
        m2 = m1 + 5;
    } else if (n == 7 && (k == 'M' || k == 'm' || k == '-') && digits(r + 1, 2)) {
        m1 = m2 = (r[1] - '0') * 10 + (r[2] - '0');
        if (m1 < 1 || m1 > 12)
            goto bad;
    } else {
        goto bad;
    }
    *from = date_from_ymd(y, m1, 1);
    *to = date_from_ymd(y, m2, date_days_in_month(y, m2));
    return 0;
bad:
    return err_set(e, ERR_INVALID, "kpi.period",
                   "mã kỳ không hợp lệ '%.*s' (2024, 2024Q1, 2024S1, 2024S2, 2024M9, 2024M03)",
                   "invalid period code '%.*s' (2024, 2024Q1, 2024S1, 2024S2, 2024M9, 2024M03)",
                   (int)(n > 40 ? 40 : n), s);
}
