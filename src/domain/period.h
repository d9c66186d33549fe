/* period.h - reporting periods, their data cut-off windows and due dates.
 *
 * A reporting regime (monthly, quarterly, 6-month, 9-month, annual) splits a
 * year into periods. Each period has
 *   - a nominal calendar range (Q1 = 1/1..31/3; the 6-month, 9-month and
 *     annual periods are cumulative from 1 January);
 *   - a data cut-off window (DOMAIN §7 default: from the 15th of the month
 *     before the period's first month to the 14th of its last month, e.g.
 *     Q1 = 15/12 of the previous year .. 14/3; annual 15/12 .. 14/12);
 *   - a submission due date given by a per-plan due rule (none by default).
 *
 * Period codes (period_parse_code / period_format_code):
 *   2024M01 .. 2024M12   monthly (always two digits)
 *   2024Q1  .. 2024Q4    quarterly
 *   2024S1               6-month (first half; the second half is covered by
 *                        the annual report, so there is no S2 period; "2024S2"
 *                        names the second half as a range: period_parse_range,
 *                        task occurrences)
 *   2024M9               9-month (one digit: "2024M09" is September)
 *   2024                 annual
 *
 * Working days are not known here: rules counting working days call a
 * period_add_workdays_fn supplied by the caller (the agency calendar).
 * Pure functions, no allocation, no global state. Years 1001..9998. */
#ifndef CCHC_PERIOD_H
#define CCHC_PERIOD_H

#include "base/date.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum period_regime {
    PERIOD_MONTHLY = 0,
    PERIOD_QUARTERLY,
    PERIOD_SEMIANNUAL, /* 6 tháng */
    PERIOD_NINEMONTH,  /* 9 tháng */
    PERIOD_ANNUAL
} period_regime_t;

#define PERIOD_REGIME_COUNT 5
#define PERIOD_MAX_PER_YEAR 12
#define PERIOD_CODE_MAX     8 /* "2024M01" + NUL */
#define PERIOD_YEAR_MIN     1001
#define PERIOD_YEAR_MAX     9998
#define PERIOD_DUE_TEXT_MAX 128
#define PERIOD_OFFSET_LIMIT 24 /* |month offsets| accepted in rules */

/* One period: regime, year and index (month 1..12, quarter 1..4, else 1). */
typedef struct period_id {
    period_regime_t regime;
    int year;
    int index;
} period_id_t;

/* Cut-off window. Days are clamped to the length of their month (31 in
 * June means 30 June). from_month counts months from the period's FIRST
 * month, to_month from its LAST month, so that one window fits every period
 * of a regime. Default: {15, -1, 14, 0}. */
typedef struct period_window {
    int from_day;
    int from_month;
    int to_day;
    int to_month;
} period_window_t;

typedef enum period_due_kind {
    PERIOD_DUE_NONE = 0,
    PERIOD_DUE_DAY_OF_MONTH,   /* day `day` of the month `month` months after the last
                                  month (0 = the last month: "ngày 15 tháng cuối kỳ";
                                  5 with 0 also gives "5/3, 5/6, 5/9, 5/12" quarterly) */
    PERIOD_DUE_WORKDAYS_AFTER, /* `n` working days after the cut-off end (needs a calendar) */
    PERIOD_DUE_DAYS_AFTER      /* `n` calendar days after the cut-off end */
} period_due_kind_t;

typedef struct period_due {
    period_due_kind_t kind;
    int day;   /* DAY_OF_MONTH: 1..31, clamped to the month */
    int month; /* DAY_OF_MONTH: offset from the period's last month */
    int n;     /* *_AFTER: 0..366 */
} period_due_t;

typedef struct period_rule {
    period_window_t window;
    period_due_t due;
} period_rule_t;

typedef struct period {
    period_id_t id;
    date_t start, end;       /* nominal calendar range, inclusive */
    date_t cut_from, cut_to; /* data cut-off window, inclusive */
    date_t due;              /* DATE_NONE when the rule has no due date */
} period_t;

/* Adds n >= 0 working days to `from` (the n-th working day after it) and
 * stores the date in *out; returns 0 or a negative ERR_*. Supplied by the
 * caller; ctx is passed through untouched. */
typedef int (*period_add_workdays_fn)(void *ctx, date_t from, int n, date_t *out);

/* The default rule: DOMAIN §7 window, no due date. */
void period_rule_default(period_rule_t *r);

/* Stable English name ("monthly", "quarterly", "semiannual", "ninemonth",
 * "annual"); "?" for an invalid value. */
const char *period_regime_name(period_regime_t r);
/* Vietnamese name ("tháng", "quý", "6 tháng", "9 tháng", "năm"). */
const char *period_regime_name_vi(period_regime_t r);
/* Parses a regime name as above (case-sensitive); 0 or ERR_INVALID. */
int period_regime_parse(const char *s, period_regime_t *out);
/* Number of periods of the regime in a year (12, 4, 1, 1, 1; 0 if invalid). */
int period_count(period_regime_t r);

/* Validates an id: regime known, year in range, index in 1..period_count.
 * ERR_RANGE / ERR_INVALID with code "period.invalid". */
int period_check(period_id_t id, err_t *e);

/* Parses a code (whole string after trimming ASCII spaces). ERR_INVALID
 * with code "period.code" when malformed or out of range. */
int period_parse_code(const char *s, size_t n, period_id_t *out, err_t *e);
/* Formats a valid id; out gets "" for an invalid one. */
void period_format_code(period_id_t id, char out[PERIOD_CODE_MAX]);

/* The calendar range a code names: every period code above, "2024S2" (the
 * second half, a range though not a reporting period) and "2024-03" (a
 * month). ERR_INVALID "kpi.period" otherwise (the code the KPI API has
 * always answered). */
int period_parse_range(const char *s, size_t n, date_t *from, date_t *to, err_t *e);

/* Nominal calendar range of a period. */
int period_nominal(period_id_t id, date_t *start, date_t *end, err_t *e);

/* Computes a period under a rule (NULL = default). add_workdays may be NULL
 * unless the due rule counts working days ("period.no_calendar"). Errors:
 * "period.invalid", "period.rule" (bad rule values), "period.window_empty"
 * (the window ends before it starts), or the callback's error. */
int period_compute(period_id_t id, const period_rule_t *rule, period_add_workdays_fn add_workdays,
                   void *ctx, period_t *out, err_t *e);

/* All periods of a regime in a year, in order; *count gets their number
 * (out must hold PERIOD_MAX_PER_YEAR entries). Errors as period_compute. */
int period_list(period_regime_t regime, int year, const period_rule_t *rule,
                period_add_workdays_fn add_workdays, void *ctx, period_t out[PERIOD_MAX_PER_YEAR],
                size_t *count, err_t *e);

/* The period of a regime whose cut-off window contains day d (with monthly
 * default windows, 20/12/2023 belongs to 2024M01). ERR_NOTFOUND when the
 * windows of the rule leave d uncovered. */
int period_for_date(period_regime_t regime, date_t d, const period_rule_t *rule, period_id_t *out,
                    err_t *e);

/* Parses a window written as it applies to the FIRST period of the year of
 * the regime: "15/12-24/11" (annual: 15/12 of the previous year to 24/11),
 * "15/12-14/3" (quarterly Q1). The start is taken in the previous year when
 * it does not come before the end within one year. Error "period.window". */
int period_window_parse(const char *s, size_t n, period_regime_t regime, period_window_t *out,
                        err_t *e);

/* Parses a due rule:
 *   "D"      day D of the period's last month
 *   "D/M"    day D of month M as it applies to the first period of the year
 *            (annual "25/11"; quarterly "5/3" = 5th of the last month)
 *   "+Nwd"   N working days after the cut-off end
 *   "+Nd"    N calendar days after the cut-off end
 *   "none"   no due date
 * Error "period.due". */
int period_due_parse(const char *s, size_t n, period_regime_t regime, period_due_t *out, err_t *e);

/* Human description of a due rule in Vietnamese and English (each
 * NUL-terminated, truncated to PERIOD_DUE_TEXT_MAX). */
void period_due_describe(const period_due_t *d, char vi[PERIOD_DUE_TEXT_MAX],
                         char en[PERIOD_DUE_TEXT_MAX]);

#endif
