/* agencycal.h - the public-sector working-day calendar (lịch làm việc của cơ
 * quan hành chính nhà nước).
 *
 * A calendar is versioned data, parsed from JSON text (format described in
 * docs/internals/calendar.md): weekly rest days, office hours, statutory
 * holiday rules with the years they are in force, yearly official decisions
 * (days off and rest days worked, each with its legal reference), and
 * optionally a province overlay (own office hours, days off, worked days)
 * merged on top. Years without a decision are projected from the rules and
 * flagged provisional.
 *
 * Building resolves every day of AGENCYCAL_YEAR_MIN..AGENCYCAL_YEAR_MAX once into a
 * per-day table plus a prefix count of working days, so that the questions
 * "is d a working day", "how many working days before d" and "which date is
 * the k-th working day" are O(1) (see worktime.h for the arithmetic).
 *
 * Ownership and threads: agencycal_parse returns a calendar the caller frees with
 * agencycal_free. agencycal_merge mutates it and must happen before the calendar is
 * shared; afterwards every agencycal_* function is a read of immutable data and is
 * safe from any number of threads. Strings returned are borrowed from the
 * calendar and live until agencycal_free. Pure: no I/O, no globals.
 *
 * Errors: ERR_INVALID with code "calendar.json" (malformed JSON, message
 * with line and column), "calendar.schema" (unknown key, wrong type, missing
 * field: message names the JSON path, e.g. decisions[2].days_off[3], and the
 * line where it can be located), "calendar.date" (a date that does not
 * exist or lies outside its year), "calendar.rule" (inconsistent rules);
 * ERR_RANGE "calendar.range" for a date or year outside the supported range;
 * ERR_NOMEM. */
#ifndef CCHC_AGENCYCAL_H
#define CCHC_AGENCYCAL_H

#include "base/date.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AGENCYCAL_YEAR_MIN       2000
#define AGENCYCAL_YEAR_MAX       2199
#define AGENCYCAL_MAX_PERIODS    8 /* office-hour intervals per day */
#define AGENCYCAL_FORMAT         "cchc-calendar/1"
#define AGENCYCAL_OVERLAY_FORMAT "cchc-calendar-overlay/1"

typedef struct agencycal agencycal_t;

/* Why a day has its status. */
typedef enum agencycal_reason {
    AGENCYCAL_R_WORK = 0,      /* ordinary working day */
    AGENCYCAL_R_REST,          /* weekly rest day */
    AGENCYCAL_R_HOLIDAY,       /* statutory holiday projected from the rules */
    AGENCYCAL_R_COMPENSATION,  /* day off in lieu of a holiday that fell on a rest day */
    AGENCYCAL_R_DECISION_OFF,  /* day off fixed by an official decision */
    AGENCYCAL_R_DECISION_WORK, /* rest day worked by an official decision */
    AGENCYCAL_R_PROVINCE_OFF,  /* day off added by the province overlay */
    AGENCYCAL_R_PROVINCE_WORK  /* rest day worked by the province overlay */
} agencycal_reason_t;

typedef struct agencycal_day {
    date_t date;
    bool working;
    bool provisional; /* set by a projection, not by a decision */
    agencycal_reason_t reason;
    const char *name;      /* holiday / decision entry name; NULL for plain days */
    const char *reference; /* legal reference of the rule or decision; may be NULL */
} agencycal_day_t;

/* An office-hours interval, minutes of the day, [start, end). */
typedef struct agencycal_period {
    int start;
    int end;
} agencycal_period_t;

/* Parses and builds a base calendar (format AGENCYCAL_FORMAT). */
int agencycal_parse(const char *text, size_t n, agencycal_t **out, err_t *e);

/* Merges a province overlay (format AGENCYCAL_OVERLAY_FORMAT) and rebuilds. On
 * error the calendar is unchanged. */
int agencycal_merge(agencycal_t *c, const char *text, size_t n, err_t *e);

void agencycal_free(agencycal_t *c); /* NULL is a no-op */

/* Identification: "vn", "2025.1", or "2025.1+vinhlong-2025.1" after a merge. */
const char *agencycal_id(const agencycal_t *c);
const char *agencycal_version(const agencycal_t *c);
const char *agencycal_name(const agencycal_t *c);

/* Office hours of every working day, sorted, disjoint; *n gets the count. */
const agencycal_period_t *agencycal_periods(const agencycal_t *c, int *n);
/* Sum of the office-hour intervals, minutes (450 for 07:30-11:30, 13:30-17:00). */
int agencycal_day_minutes(const agencycal_t *c);

/* Whether the day is a working day; false outside the supported range. */
bool agencycal_is_working_day(const agencycal_t *c, date_t d);
/* Full explanation of a day. ERR_RANGE outside the range. */
int agencycal_day(const agencycal_t *c, date_t d, agencycal_day_t *out, err_t *e);

/* 1 when the year is (partly) projected rather than decided, 0 when fully
 * decided, ERR_RANGE outside the range. */
int agencycal_year_provisional(const agencycal_t *c, int year);
/* The references of the year's decisions joined with "; ", or NULL. */
const char *agencycal_year_reference(const agencycal_t *c, int year);

/* Weekday name used in the data files: 0 -> "sun" ... 6 -> "sat". */
const char *agencycal_weekday_name(int wd);
/* Stable name of a reason: "work", "rest", "holiday", "compensation",
 * "decision", "decision_work", "province", "province_work". */
const char *agencycal_reason_name(agencycal_reason_t r);

/* --- the precomputed index (used by worktime.c) ---------------------------
 * Dates first..last of the range; working days are numbered 0..count-1 in
 * date order. agencycal_ordinal(d) is the number of working days strictly before d
 * (so d's own number when d is a working day); valid for first..last+1.
 * agencycal_nth(k) is the date of working day k, 0 <= k < count. Both O(1); the
 * caller checks the range. */
date_t agencycal_first(const agencycal_t *c);
date_t agencycal_last(const agencycal_t *c);
int32_t agencycal_workday_count(const agencycal_t *c);
int32_t agencycal_ordinal(const agencycal_t *c, date_t d);
date_t agencycal_nth(const agencycal_t *c, int32_t k);

#endif
