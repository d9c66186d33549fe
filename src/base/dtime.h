/* dtime.h - local date-times.
 *
 * dtime_t counts seconds since 1970-01-01T00:00:00 *local* time, Vietnam
 * (UTC+7, no DST): a local date-time maps 1:1 to an instant;
 * dtime_utc()/dtime_from_utc() convert. Pure functions (dtime_now reads the
 * clock), no allocation, no global state. */
#ifndef CCHC_DTIME_H
#define CCHC_DTIME_H

#include "date.h"

#include <stdint.h>

typedef int64_t dtime_t;

#define DTIME_NONE    INT64_MIN /* "absent" marker */
#define DTIME_ISO_LEN 20        /* "YYYY-MM-DDTHH:MM:SS" + NUL */

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
