/* worktime.c - working-time arithmetic. Every computation maps moments to
 * a "working position" (office seconds elapsed since the start of the
 * calendar range) and back, using the calendar's working-day index:
 *   pos(t) = ordinal(day) * day_seconds + office seconds of the day before t
 * pos is continuous and non-decreasing; the inverse picks the earliest moment
 * with a given position. */
#include "domain/worktime.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define DAY_SECONDS 86400

int worktime_unit_parse(const char *s, worktime_unit_t *out, err_t *e)
{
    static const char *const names[] = {"working_days", "working_hours", "days"};
    for (int i = 0; i < 3; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *out = (worktime_unit_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "worktime.unit",
                   "Đơn vị thời gian không hợp lệ '%s' (dùng working_days, working_hours, days)",
                   "Unknown time unit '%s' (use working_days, working_hours, days)", s ? s : "");
}

const char *worktime_unit_name(worktime_unit_t u)
{
    switch (u) {
    case WORKTIME_WORKING_DAYS:
        return "working_days";
    case WORKTIME_WORKING_HOURS:
        return "working_hours";
    case WORKTIME_DAYS:
        return "days";
    }
    return "?";
}

static int range_error(dtime_t t, err_t *e)
{
    char s[DTIME_ISO_LEN];
    dtime_format_min(t, s);
    return err_set(e, ERR_RANGE, "worktime.range",
                   "Thời điểm %s nằm ngoài phạm vi lịch làm việc (%d–%d)",
                   "Moment %s is outside the working calendar range (%d-%d)", s, AGENCYCAL_YEAR_MIN,
                   AGENCYCAL_YEAR_MAX);
}

static int result_range_error(err_t *e)
{
    return err_set(e, ERR_RANGE, "worktime.range", "Kết quả vượt quá phạm vi lịch làm việc (%d–%d)",
                   "The result lies beyond the working calendar range (%d-%d)", AGENCYCAL_YEAR_MIN,
                   AGENCYCAL_YEAR_MAX);
}

static int negative_error(int64_t n, err_t *e)
{
    return err_set(e, ERR_INVALID, "worktime.negative",
                   "Số lượng thời gian phải không âm (nhận được %lld)",
                   "The amount of time must not be negative (got %lld)", (long long)n);
}

static bool in_range(const agencycal_t *c, dtime_t t)
{
    date_t d = dtime_date(t);
    return d >= agencycal_first(c) && d <= agencycal_last(c);
}

bool worktime_is_working_day(const agencycal_t *c, date_t d)
{
    return agencycal_is_working_day(c, d);
}

static int sec_of_day(dtime_t t)
{
    return (int)(t - (dtime_t)dtime_date(t) * DAY_SECONDS);
}

bool worktime_in_office_hours(const agencycal_t *c, dtime_t t)
{
    if (!in_range(c, t) || !agencycal_is_working_day(c, dtime_date(t)))
        return false;
    int n, s = sec_of_day(t);
    const agencycal_period_t *p = agencycal_periods(c, &n);
    for (int i = 0; i < n; i++)
        if (s >= p[i].start * 60 && s < p[i].end * 60)
            return true;
    return false;
}

/* Start of the first period of working day number k (k may be count). */
static int day_start(const agencycal_t *c, int32_t k, dtime_t *out, err_t *e)
{
    if (k < 0 || k >= agencycal_workday_count(c))
        return result_range_error(e);
    int n;
    const agencycal_period_t *p = agencycal_periods(c, &n);
    *out = (dtime_t)agencycal_nth(c, k) * DAY_SECONDS + p[0].start * 60;
    return 0;
}

int worktime_next_working_moment(const agencycal_t *c, dtime_t t, dtime_t *out, err_t *e)
{
    if (!in_range(c, t))
        return range_error(t, e);
    date_t d = dtime_date(t);
    int32_t k = agencycal_ordinal(c, d);
    if (agencycal_is_working_day(c, d)) {
        int n, s = sec_of_day(t);
        const agencycal_period_t *p = agencycal_periods(c, &n);
        for (int i = 0; i < n; i++) {
            if (s < p[i].start * 60) {
                *out = (dtime_t)d * DAY_SECONDS + p[i].start * 60;
                return 0;
            }
            if (s < p[i].end * 60) {
                *out = t;
                return 0;
            }
        }
        k++; /* after the last period: next working day */
    }
    return day_start(c, k, out, e);
}

int worktime_start(const agencycal_t *c, dtime_t receipt, const worktime_rule_t *rule, dtime_t *out,
                   err_t *e)
{
    if (!in_range(c, receipt))
        return range_error(receipt, e);
    date_t d = dtime_date(receipt);
    if (rule && rule->cutoff_minute >= 0 && agencycal_is_working_day(c, d) &&
        sec_of_day(receipt) > rule->cutoff_minute * 60)
        return day_start(c, agencycal_ordinal(c, d) + 1, out, e);
    return worktime_next_working_moment(c, receipt, out, e);
}

int worktime_add_working_days(const agencycal_t *c, dtime_t start, int64_t n, dtime_t *out,
                              err_t *e)
{
    if (n < 0)
        return negative_error(n, e);
    dtime_t s;
    int rc = worktime_next_working_moment(c, start, &s, e);
    if (rc)
        return rc;
    date_t d = dtime_date(s);
    if (n >= agencycal_workday_count(c))
        return result_range_error(e);
    int64_t k = (int64_t)agencycal_ordinal(c, d) + n;
    if (k >= agencycal_workday_count(c))
        return result_range_error(e);
    *out = (dtime_t)agencycal_nth(c, (int32_t)k) * DAY_SECONDS + (s - (dtime_t)d * DAY_SECONDS);
    return 0;
}

/* Office seconds of a working day before second-of-day s. */
static int64_t office_before(const agencycal_t *c, int s)
{
    int n;
    const agencycal_period_t *p = agencycal_periods(c, &n);
    int64_t acc = 0;
    for (int i = 0; i < n; i++) {
        int a = p[i].start * 60, b = p[i].end * 60;
        if (s <= a)
            break;
        acc += (s < b ? s : b) - a;
    }
    return acc;
}

/* Working position of t (t in range). */
static int64_t position(const agencycal_t *c, dtime_t t)
{
    date_t d = dtime_date(t);
    int64_t pos = (int64_t)agencycal_ordinal(c, d) * agencycal_day_minutes(c) * 60;
    if (agencycal_is_working_day(c, d))
        pos += office_before(c, sec_of_day(t));
    return pos;
}

/* Earliest moment with working position pos (0 <= pos). */
static int from_position(const agencycal_t *c, int64_t pos, dtime_t *out, err_t *e)
{
    int64_t day = (int64_t)agencycal_day_minutes(c) * 60;
    int64_t k = pos / day, r = pos % day;
    int n;
    const agencycal_period_t *p = agencycal_periods(c, &n);
    if (r == 0 && k > 0) {
        k--;
        r = day;
    }
    if (k >= agencycal_workday_count(c))
        return result_range_error(e);
    int64_t acc = 0;
    int i = 0;
    while (i < n - 1 && acc + (p[i].end - p[i].start) * 60 < r) {
        acc += (p[i].end - p[i].start) * 60;
        i++;
    }
    *out = (dtime_t)agencycal_nth(c, (int32_t)k) * DAY_SECONDS + p[i].start * 60 + (r - acc);
    return 0;
}

int worktime_add_working_minutes(const agencycal_t *c, dtime_t start, int64_t minutes, dtime_t *out,
                                 err_t *e)
{
    if (minutes < 0)
        return negative_error(minutes, e);
    dtime_t s;
    int rc = worktime_next_working_moment(c, start, &s, e);
    if (rc || minutes == 0) {
        if (!rc)
            *out = s;
        return rc;
    }
    int64_t limit = (int64_t)agencycal_workday_count(c) * agencycal_day_minutes(c);
    if (minutes > limit)
        return result_range_error(e);
    return from_position(c, position(c, s) + minutes * 60, out, e);
}

int worktime_add_days(const agencycal_t *c, dtime_t start, int64_t n, dtime_t *out, err_t *e)
{
    if (n < 0)
        return negative_error(n, e);
    if (!in_range(c, start))
        return range_error(start, e);
    if (n > (int64_t)(agencycal_last(c) - agencycal_first(c)) + 1)
        return result_range_error(e);
    dtime_t t = start + n * DAY_SECONDS;
    if (!in_range(c, t))
        return result_range_error(e);
    *out = t;
    return 0;
}

int worktime_due(const agencycal_t *c, dtime_t receipt, int64_t n, worktime_unit_t unit,
                 const worktime_rule_t *rule, dtime_t *out, err_t *e)
{
    if (n < 0)
        return negative_error(n, e);
    if (unit == WORKTIME_DAYS)
        return worktime_add_days(c, receipt, n, out, e);
    if (unit != WORKTIME_WORKING_DAYS && unit != WORKTIME_WORKING_HOURS)
        return err_set(e, ERR_INVALID, "worktime.unit", "Đơn vị thời gian không hợp lệ (%d)",
                       "Unknown time unit (%d)", (int)unit);
    dtime_t s;
    int rc = worktime_start(c, receipt, rule, &s, e);
    if (rc)
        return rc;
    if (unit == WORKTIME_WORKING_DAYS)
        return worktime_add_working_days(c, s, n, out, e);
    if (n > INT64_MAX / 60)
        return result_range_error(e);
    return worktime_add_working_minutes(c, s, n * 60, out, e);
}

static int cmp_interval(const void *a, const void *b)
{
    dtime_t x = ((const worktime_interval_t *)a)->from, y = ((const worktime_interval_t *)b)->from;
    return x < y ? -1 : x > y;
}

/* Office seconds inside the union of the pauses, clipped to [from, to]. */
static int paused(const agencycal_t *c, dtime_t from, dtime_t to, const worktime_interval_t *pauses,
                  size_t np, int64_t *out, err_t *e)
{
    *out = 0;
    if (np == 0)
        return 0;
    worktime_interval_t *v = mem_alloc(np * sizeof *v);
    if (!v)
        return err_nomem(e);
    size_t m = 0;
    for (size_t i = 0; i < np; i++) {
        if (pauses[i].to < pauses[i].from) {
            mem_free(v);
            return err_set(e, ERR_INVALID, "worktime.pause",
                           "Khoảng tạm dừng thứ %zu kết thúc trước khi bắt đầu",
                           "Pause %zu ends before it starts", i + 1);
        }
        dtime_t a = pauses[i].from < from ? from : pauses[i].from;
        dtime_t b = pauses[i].to > to ? to : pauses[i].to;
        if (a < b)
            v[m++] = (worktime_interval_t){a, b};
    }
    qsort(v, m, sizeof *v, cmp_interval);
    dtime_t a = 0, b = 0;
    for (size_t i = 0; i <= m; i++) {
        if (i < m && i > 0 && v[i].from <= b) {
            if (v[i].to > b)
                b = v[i].to;
            continue;
        }
        if (i > 0)
            *out += position(c, b) - position(c, a);
        if (i < m) {
            a = v[i].from;
            b = v[i].to;
        }
    }
    mem_free(v);
    return 0;
}

int worktime_between(const agencycal_t *c, dtime_t from, dtime_t to,
                     const worktime_interval_t *pauses, size_t npauses, worktime_span_t *out,
                     err_t *e)
{
    if (!in_range(c, from))
        return range_error(from, e);
    if (!in_range(c, to))
        return range_error(to, e);
    if (to < from)
        return err_set(e, ERR_INVALID, "worktime.order",
                       "Thời điểm kết thúc đứng trước thời điểm bắt đầu",
                       "The end moment is before the start moment");
    int64_t p;
    int rc = paused(c, from, to, pauses, npauses, &p, e);
    if (rc)
        return rc;
    out->working_seconds = position(c, to) - position(c, from) - p;
    out->working_minutes = out->working_seconds / 60;
    out->day_minutes = agencycal_day_minutes(c);
    out->working_days = (double)out->working_seconds / ((double)out->day_minutes * 60.0);
    return 0;
}
