/* lunar.h - the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
 *
 * Derived from astronomical rules: a month starts on the local day of a new
 * moon; the month containing the winter solstice is month 11; in a year
 * (from month 11 to the next month 11) with 13 months, the first month that
 * contains no major solar term (trung khí) is the leap month, numbered like
 * the month before it. Supported range: solar 1900-01-01 .. 2199-12-31.
 * Pure functions; any tables are computed once, lazily and thread-safely,
 * or at compile time. No I/O. */
#ifndef CCHC_LUNAR_H
#define CCHC_LUNAR_H

#include "base/date.h"

#include <stdbool.h>

typedef struct lunar_date {
    int day;   /* 1..30 */
    int month; /* 1..12 */
    int year;  /* lunar year number, e.g. 2024 for Giáp Thìn */
    bool leap; /* true for the leap (nhuận) month */
} lunar_date_t;

#define LUNAR_MIN_SOLAR     "1900-01-01"
#define LUNAR_MAX_SOLAR     "2199-12-31"
#define LUNAR_YEAR_NAME_MAX 32

/* Solar -> lunar. ERR_RANGE outside the supported range. */
int lunar_from_solar(date_t solar, lunar_date_t *out);

/* Lunar -> solar. ERR_RANGE outside the range; ERR_INVALID when the lunar
 * date does not exist (day 30 of a 29-day month, a leap flag on a month that
 * is not leap that year, month outside 1..12). */
int lunar_to_solar(const lunar_date_t *l, date_t *out);

/* Length (29 or 30) of a lunar month, or a negative error as above. */
int lunar_month_length(int year, int month, bool leap);

/* The leap month of a lunar year (1..12), 0 when none, negative on range error. */
int lunar_leap_month(int year);

/* Can-chi name of a lunar year in Vietnamese, e.g. 2024 -> "Giáp Thìn".
 * Writes into out (NUL-terminated) and returns out. */
const char *lunar_year_name(int year, char out[LUNAR_YEAR_NAME_MAX]);

/* --- Astronomy underlying the calendar (exposed for tests and tools). ---
 * Times are Julian Days; "JDE" is in Terrestrial Time, "UT" in Universal
 * Time; JDE = UT + lunar_delta_t(year) / 86400. */

/* Delta T = TT - UT in seconds for a decimal year (Espenak-Meeus
 * polynomials; an extrapolation after 2005, uncertain by minutes by 2200). */
double lunar_delta_t(double year);

/* JDE of new moon number k (k = 0: 2000-01-06, k < 0 before), accurate to
 * well under a minute over 1900..2200. */
double lunar_new_moon_jde(int k);

/* Apparent geocentric ecliptic longitude of the Sun in degrees, [0, 360),
 * at a JDE; accurate to about one arcsecond over 1900..2200. */
double lunar_sun_longitude(double jde);

#endif
