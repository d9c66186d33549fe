/* date.h - civil (proleptic Gregorian) dates and local date-times.
 *
 * date_t counts days since 1970-01-01 (negative before). The supported range
 * for parsing is years 1000..9999. dtime_t counts seconds since
 * 1970-01-01T00:00:00 *local* time, Vietnam (UTC+7, no DST): a local
 * date-time maps 1:1 to an instant; dtime_utc()/dtime_from_utc() convert.
 * Pure functions, no allocation, no global state. */
#ifndef CCHC_DATE_H
#define CCHC_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;
typedef int64_t dtime_t;

#define DATE_NONE      INT32_MIN /* "absent" marker */
#define DTIME_NONE     INT64_MIN /* "absent" marker */
#define DATE_TZ_OFFSET (7 * 3600)
#define DATE_ISO_LEN   11 /* "YYYY-MM-DD" + NUL */
#define DTIME_ISO_LEN  20 /* "YYYY-MM-DDTHH:MM:SS" + NUL */

bool date_is_leap(int y);
int date_days_in_month(int y, int m); /* 0 for an invalid month */
bool date_valid_ymd(int y, int m, int d);
date_t date_from_ymd(int y, int m, int d); /* caller guarantees validity */
void date_to_ymd(date_t days, int *y, int *m, int *d);
int date_weekday(date_t d); /* 0 = Sunday, 1 = Monday ... 6 = Saturday */
int date_year(date_t d);

/* Parses a whole string (after trimming spaces): "YYYY-MM-DD" or
 * "d/m/yyyy", "dd/mm/yyyy" (also '-' or '.' as separators in the Vietnamese
 * form). Returns 0, ERR_INVALID (syntax) or ERR_RANGE (no such day, e.g.
 * 30/02, or year outside 1000..9999). */
int date_parse(const char *s, size_t n, date_t *out);

void date_format(date_t d, char out[DATE_ISO_LEN]);    /* YYYY-MM-DD */
void date_format_vn(date_t d, char out[DATE_ISO_LEN]); /* dd/mm/yyyy */

dtime_t dtime_make(date_t d, int h, int mi, int s);
date_t dtime_date(dtime_t t);
int dtime_minute_of_day(dtime_t t);
void dtime_hms(dtime_t t, int *h, int *mi, int *s);
int64_t dtime_utc(dtime_t t);      /* local -> Unix time */
dtime_t dtime_from_utc(int64_t u); /* Unix time -> local */
dtime_t dtime_now(void);           /* current local time */

/* Parses "YYYY-MM-DD[ T]HH:MM[:SS][.fff][Z|±HH[:MM]]" (an offset converts to
 * local UTC+7), "dd/mm/yyyy[ HH:MM[:SS]]", or a date alone (00:00).
 * Returns 0, ERR_INVALID or ERR_RANGE. */
int dtime_parse(const char *s, size_t n, dtime_t *out);

void dtime_format(dtime_t t, char out[DTIME_ISO_LEN]);     /* YYYY-MM-DDTHH:MM:SS */
void dtime_format_min(dtime_t t, char out[DTIME_ISO_LEN]); /* YYYY-MM-DDTHH:MM */

#endif
