/* report_cal.h - the reporting calendar of periodic CCHC reports (DOMAIN §7):
 * report kinds, per-receiver rules with effective years, per-year overrides,
 * ad hoc reports, the resolver and the cascade check.
 *
 * Vocabulary. A *sender* reports to a *receiver* (a unit code). The rules
 * are keyed by the receiver: "units reporting to Sở Nội vụ close Q1 on 14/3
 * and send it by the 15th of March". Resolving a calendar for a receiver and
 * a year gives the list of reports its senders owe that year, each with its
 * data cut-off window [from, to] and its due date.
 *
 * Kinds (quy1, 6thang, quy3, 9thang, nam, dot_xuat) and their periods are in
 * src/domain/report_kind.h.
 * With nothing configured, quy1, 6thang, quy3 and nam are asked with the
 * DOMAIN §7 windows and no due date; 9thang only when a rule enables it.
 *
 * Precedence, per receiver R, year Y and periodic kind K (the first that
 * exists wins):
 *   1. an override for (R, Y, K)          origin "override"
 *   2. an override for ("*", Y, K)        origin "override_any"
 *   3. a rule for R in force in Y for K   origin "rule"
 *   4. a "*" rule in force in Y for K     origin "rule_any"
 *   5. the built-in default               origin "default"
 * A winning rule with enabled = false removes K from the list (how a receiver
 * drops quy3, or how 9thang is switched on with enabled = true). Overrides
 * always enable their kind. Ad hoc reports of R and of "*" whose due date
 * falls in Y are appended.
 *
 * Validation (report_cal_*_check, and every report_cal_add_*):
 *   ERR_INVALID "report_cal.kind"      unknown kind, or dot_xuat in a rule or
 *                                      override (ad hoc reports are separate)
 *   ERR_RANGE   "report_cal.year"      year outside REPORT_CAL_YEAR_MIN..MAX,
 *                                      or year_from after year_to
 *   ERR_INVALID "report_cal.receiver"  empty or over-long receiver code
 *   ERR_INVALID "report_cal.rule"      window/due values out of range
 *   ERR_INVALID "report_cal.window"    the window ends before it starts
 *   ERR_INVALID "report_cal.due_early" the due date comes before the window
 *                                      ends (checked in a leap and a common
 *                                      year for rules; on the dates for
 *                                      overrides and ad hoc reports)
 *   ERR_INVALID "report_cal.date"      a date missing or absent where required
 *   ERR_INVALID "report_cal.id"        ad hoc report without an id or title
 *   ERR_CONFLICT "report_cal.overlap"  two rules for the same receiver and
 *                                      kind whose years overlap; two
 *                                      overrides for one (receiver, year,
 *                                      kind); two ad hoc reports with one id
 *                                      for one receiver
 *
 * Pure: no I/O, no globals. Working days come from a caller's callback
 * (period_add_workdays_fn). Plain value structs with fixed-size strings
 * (truncated on a UTF-8 boundary when copied in); the calendar owns copies
 * of what is added; pointers it returns are borrowed until it is modified
 * or freed. Details: docs/internals/report-calendar.md. */
#ifndef CCHC_REPORT_CAL_H
#define CCHC_REPORT_CAL_H

#include "base/date.h"
#include "base/err.h"
#include "domain/period.h"
#include "domain/report_kind.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_CAL_CODE_MAX   64  /* receiver unit code, NUL included */
#define REPORT_CAL_ID_MAX     64  /* ad hoc report id, NUL included */
#define REPORT_CAL_TITLE_MAX  256 /* ad hoc report title, NUL included */
#define REPORT_CAL_SOURCE_MAX 192 /* provenance ("calendar.csv:12", a plan number) */
#define REPORT_CAL_YEAR_MIN   REPORT_KIND_YEAR_MIN
#define REPORT_CAL_YEAR_MAX   REPORT_KIND_YEAR_MAX
#define REPORT_CAL_ANY        "*" /* receiver of a rule that applies to every receiver */

/* A rule: for senders reporting to `receiver`, in years year_from..year_to. */
typedef struct report_cal_rule {
    char receiver[REPORT_CAL_CODE_MAX]; /* unit code or "*" */
    int year_from;                      /* first year in force; 0 = open start */
    int year_to;                        /* last year in force; 0 = open end */
    report_kind_t kind;                 /* periodic kinds only */
    period_window_t window;             /* relative to the kind's period (period.h) */
    period_due_t due;                   /* PERIOD_DUE_NONE = no due date */
    bool enabled;                       /* false: the kind is not asked */
    char source[REPORT_CAL_SOURCE_MAX]; /* provenance for explanations; may be "" */
} report_cal_rule_t;

/* A per-year override with explicit dates ("annual 2024: 15/12/2023 ->
 * 24/11/2024, due 25/11/2024"). */
typedef struct report_cal_override {
    char receiver[REPORT_CAL_CODE_MAX]; /* unit code or "*" */
    int year;
    report_kind_t kind; /* periodic kinds only */
    date_t from, to;    /* the window, required */
    date_t due;         /* DATE_NONE = no due date */
    char source[REPORT_CAL_SOURCE_MAX];
} report_cal_override_t;

/* An ad hoc report (đột xuất), counted in the year of its due date. */
typedef struct report_cal_adhoc {
    char receiver[REPORT_CAL_CODE_MAX]; /* unit code or "*" */
    char id[REPORT_CAL_ID_MAX];         /* unique per receiver; required */
    char title[REPORT_CAL_TITLE_MAX];   /* required */
    date_t from, to;                    /* window; both DATE_NONE when none */
    date_t due;                         /* required */
    char source[REPORT_CAL_SOURCE_MAX];
} report_cal_adhoc_t;

/* Initialisers: zero the struct and copy receiver (truncated); a rule gets
 * all years, the DOMAIN §7 window, no due date and enabled = true; an
 * override and an ad hoc report get DATE_NONE dates. receiver NULL = "*". */
#define REPORT_CAL_YEARS_MAX 16 /* the years column, NUL included */
/* The years column of the calendar grammar (data/reports/README.md): "" (all
 * years, from = to = 0), "2024", "2024-2026", "2024-" (to 0), "-2023" (from 0). */
void report_cal_years_format(int from, int to, char out[REPORT_CAL_YEARS_MAX]);

void report_cal_rule_init(report_cal_rule_t *r, const char *receiver, report_kind_t kind);
void report_cal_override_init(report_cal_override_t *o, const char *receiver, int year,
                              report_kind_t kind);
void report_cal_adhoc_init(report_cal_adhoc_t *a, const char *receiver, const char *id);
/* Copies s into a fixed-size field of cap bytes, truncated on a UTF-8
 * boundary (NULL -> ""). */
void report_cal_copy(char *dst, size_t cap, const char *s);

/* Stand-alone validation (codes above; overlap is checked on add). */
int report_cal_rule_check(const report_cal_rule_t *r, err_t *e);
int report_cal_override_check(const report_cal_override_t *o, err_t *e);
int report_cal_adhoc_check(const report_cal_adhoc_t *a, err_t *e);

typedef struct report_cal report_cal_t;

/* A new empty calendar (only built-in defaults apply); NULL when out of memory. */
report_cal_t *report_cal_new(void);
void report_cal_free(report_cal_t *c); /* NULL is a no-op */

/* Validate and copy in. On error the calendar is unchanged. Also ERR_NOMEM. */
int report_cal_add_rule(report_cal_t *c, const report_cal_rule_t *r, err_t *e);
int report_cal_add_override(report_cal_t *c, const report_cal_override_t *o, err_t *e);
int report_cal_add_adhoc(report_cal_t *c, const report_cal_adhoc_t *a, err_t *e);

/* Contents in insertion order; _at returns NULL out of range (borrowed). */
size_t report_cal_rule_count(const report_cal_t *c);
const report_cal_rule_t *report_cal_rule_at(const report_cal_t *c, size_t i);
size_t report_cal_override_count(const report_cal_t *c);
const report_cal_override_t *report_cal_override_at(const report_cal_t *c, size_t i);
size_t report_cal_adhoc_count(const report_cal_t *c);
const report_cal_adhoc_t *report_cal_adhoc_at(const report_cal_t *c, size_t i);

/* Where a resolved entry comes from. */
typedef enum report_cal_origin {
    REPORT_ORIGIN_DEFAULT = 0,
    REPORT_ORIGIN_RULE_ANY,
    REPORT_ORIGIN_RULE,
    REPORT_ORIGIN_OVERRIDE_ANY,
    REPORT_ORIGIN_OVERRIDE,
    REPORT_ORIGIN_ADHOC
} report_cal_origin_t;

/* "default", "rule_any", "rule", "override_any", "override", "adhoc". */
const char *report_cal_origin_name(report_cal_origin_t o);

/* One report owed to the receiver. */
typedef struct report_cal_entry {
    report_kind_t kind;
    bool has_period;                  /* false for dot_xuat */
    period_id_t period;               /* valid when has_period */
    char id[REPORT_CAL_ID_MAX];       /* ad hoc: its id; else the kind code */
    char title[REPORT_CAL_TITLE_MAX]; /* ad hoc: its title; else the Vietnamese label */
    date_t from, to;                  /* cut-off window; DATE_NONE for an ad hoc without one */
    date_t due;                       /* DATE_NONE when there is none */
    period_due_t due_rule;            /* the rule that gave `due` (NONE for explicit dates) */
    char receiver[REPORT_CAL_CODE_MAX];
    report_cal_origin_t origin;
    long index; /* index of the rule/override/ad hoc report in the calendar; -1 for default */
    char source[REPORT_CAL_SOURCE_MAX];
} report_cal_entry_t;

typedef struct report_cal_list {
    report_cal_entry_t *v;
    size_t n, cap;
} report_cal_list_t;

void report_cal_list_init(report_cal_list_t *l);
void report_cal_list_release(report_cal_list_t *l); /* frees v, back to empty */

/* The reports owed to `receiver` (not "*") in `year`: periodic kinds in kind
 * order, then ad hoc reports by due date and id. c may be NULL (defaults
 * only). add_workdays may be NULL unless a winning rule counts working days
 * ("period.no_calendar"); a callback error fails the call ("period.calendar",
 * message prefixed with the kind). `out` is emptied first and owned by the
 * caller (report_cal_list_release). Errors: "report_cal.receiver",
 * "report_cal.year", ERR_NOMEM. */
int report_cal_resolve(const report_cal_t *c, const char *receiver, int year,
                       period_add_workdays_fn add_workdays, void *ctx, report_cal_list_t *out,
                       err_t *e);

/* Bilingual one-line explanation of an entry ("quy tắc riêng của đơn vị
 * nhận S01 (calendar.csv:12)" / "rule of receiver S01 (calendar.csv:12)"). */
void report_cal_entry_explain(const report_cal_entry_t *en, char vi[ERR_MSG_MAX],
                              char en_out[ERR_MSG_MAX]);

/* A cascade warning: codes "report_cal.cascade_due" (the sender's due date
 * is after its receiver's own due date) and "report_cal.cascade_window" (the
 * sender's window ends after the receiver's). */
typedef struct report_cal_warning {
    report_kind_t kind;
    int year;
    char id[REPORT_CAL_ID_MAX]; /* the entry id (kind code or ad hoc id) */
    err_t w;                    /* status 0, code, vi, en */
} report_cal_warning_t;

typedef struct report_cal_warnings {
    report_cal_warning_t *v;
    size_t n, cap;
} report_cal_warnings_t;

void report_cal_warnings_init(report_cal_warnings_t *w);
void report_cal_warnings_release(report_cal_warnings_t *w);

/* Cascade check. `sender` is the list a sender owes its receiver R
 * (report_cal_resolve for R); `upper` is the list R itself owes upward
 * (report_cal_resolve for R's own receiver). Entries are paired by kind and
 * period (ad hoc reports by id); for each pair a warning is appended to
 * `out` when the sender's due is after the upper due (both present) and
 * when the sender's window ends after the upper window. Returns 0 or
 * ERR_NOMEM; the number of warnings added is out->n growth. */
int report_cal_cascade(const report_cal_list_t *sender, const report_cal_list_t *upper,
                       report_cal_warnings_t *out, err_t *e);

#endif
