/* date.h - civil (proleptic Gregorian) dates (date-times: dtime.h).
 *
 * date_t counts days since 1970-01-01 (negative before). The supported range
 * for parsing is years 1000..9999.
 * Pure functions, no allocation, no global state. */
#ifndef CCHC_DATE_H
#define CCHC_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;

#define DATE_NONE      INT32_MIN /* "absent" marker */
#define DATE_TZ_OFFSET (7 * 3600)
#define DATE_ISO_LEN   11 /* "YYYY-MM-DD" + NUL */

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

/* Scanning helpers (shared with dtime.c): date_scan parses a date at s[*i]
 * in either form above and advances *i past it (0, ERR_INVALID, ERR_RANGE);
 * date_scan_digits reads mind..maxd decimal digits at s[*i], advancing *i,
 * and returns their value or -1 when fewer than mind are there. */
int date_scan(const char *s, size_t n, size_t *i, date_t *out);
int date_scan_digits(const char *s, size_t n, size_t *i, int mind, int maxd);

#endif
