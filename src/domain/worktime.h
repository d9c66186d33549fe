/* worktime.h - working-time arithmetic over an agency calendar.
 *
 * Definitions (docs/internals/calendar.md has the full text and examples):
 * - Office time: the calendar's office-hour intervals [start, end) on working
 *   days. A moment is "in office hours" when it lies inside one of them.
 * - Next working moment of t: t itself when in office hours, otherwise the
 *   start of the next office-hour interval (same day or a later working day).
 * - Receipt rule (worktime_start): a receipt counts from its next working moment;
 *   with a cutoff (per-procedure "after 15:00 counts from the next working
 *   day"), a receipt on a working day strictly after the cutoff counts from
 *   the start of the next working day.
 * - N working days: from the start moment s, the due moment is the same
 *   clock time on the N-th working day after s's day (s is normalised to its
 *   next working moment first). 0 days -> s.
 * - N working hours/minutes: added through office time only; the due moment
 *   is the earliest moment at which that much office time has elapsed, so a
 *   sum ending exactly at a period end lands on the period end (11:30), not
 *   at the start of the next (13:30).
 * - N calendar days: the receipt moment plus N x 24 h, no rule applied.
 * - Working time between a and b: the length of office time inside [a, b],
 *   minus office time inside the pause intervals (clipped to [a, b];
 *   overlapping pauses count once). Reported in seconds and whole minutes,
 *   and as working days = minutes / agencycal_day_minutes() (a fraction).
 *
 * All functions are O(1) (O(p log p) in the number of pauses) thanks to the
 * calendar's precomputed working-day index, read-only on the calendar and
 * thread-safe. Errors: ERR_INVALID with codes "worktime.negative" (negative
 * count), "worktime.unit" (unknown unit), "worktime.order" (from after to),
 * "worktime.pause" (pause ends before it starts); ERR_RANGE "worktime.range"
 * when a date or the result lies outside the calendar's range. */
#ifndef CCHC_WORKTIME_H
#define CCHC_WORKTIME_H

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "domain/agencycal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum worktime_unit {
    WORKTIME_WORKING_DAYS = 0,
    WORKTIME_WORKING_HOURS,
    WORKTIME_DAYS /* calendar days */
} worktime_unit_t;

/* Per-procedure parameters of the receipt rule. */
typedef struct worktime_rule {
    int cutoff_minute; /* minute of day (900 = 15:00); < 0 = no cutoff */
} worktime_rule_t;

#define WORKTIME_RULE_DEFAULT ((worktime_rule_t){-1})

typedef struct worktime_interval {
    dtime_t from, to;
} worktime_interval_t;

typedef struct worktime_span {
    int64_t working_seconds;
    int64_t working_minutes; /* working_seconds / 60, rounded down */
    int day_minutes;         /* office minutes of one working day */
    double working_days;     /* working_seconds / (day_minutes * 60) */
} worktime_span_t;

/* "working_days", "working_hours", "days" <-> unit. */
int worktime_unit_parse(const char *s, worktime_unit_t *out, err_t *e);
const char *worktime_unit_name(worktime_unit_t u);

bool worktime_is_working_day(const agencycal_t *c, date_t d);
/* The n-th working day after `from` (n = 0: from itself), on the calendar
 * cal (an agencycal_t, passed as void * to fit period_add_workdays_fn):
 * 0, or ERR_RANGE outside the calendar's years. */
int worktime_add_workdays_date(void *cal, date_t from, int n, date_t *out);
/* Whether t lies inside office hours of a working day. */
bool worktime_in_office_hours(const agencycal_t *c, dtime_t t);

int worktime_next_working_moment(const agencycal_t *c, dtime_t t, dtime_t *out, err_t *e);
/* The receipt rule; rule may be NULL (no cutoff). */
int worktime_start(const agencycal_t *c, dtime_t receipt, const worktime_rule_t *rule, dtime_t *out,
                   err_t *e);

/* Additions from a start moment (no receipt rule beyond the normalisation
 * described above). n >= 0. */
int worktime_add_working_days(const agencycal_t *c, dtime_t start, int64_t n, dtime_t *out,
                              err_t *e);
int worktime_add_working_minutes(const agencycal_t *c, dtime_t start, int64_t minutes, dtime_t *out,
                                 err_t *e);
int worktime_add_days(const agencycal_t *c, dtime_t start, int64_t n, dtime_t *out, err_t *e);

/* Due moment of a time allowance of n units received at receipt: the
 * receipt rule (working units only), then the addition. rule may be NULL. */
int worktime_due(const agencycal_t *c, dtime_t receipt, int64_t n, worktime_unit_t unit,
                 const worktime_rule_t *rule, dtime_t *out, err_t *e);

/* Working time between from and to (from <= to) minus the pauses (may be
 * NULL when npauses is 0). */
int worktime_between(const agencycal_t *c, dtime_t from, dtime_t to,
                     const worktime_interval_t *pauses, size_t npauses, worktime_span_t *out,
                     err_t *e);

#endif
