/* numfmt.h - Vietnamese number, date and document-number formatting.
 *
 * Vietnamese conventions (TCVN, as used in every official document):
 *   - thousands separator '.', decimal separator ',':  1.884   -12.345.678   94,11
 *   - a percentage is the number followed by '%' without a space: 94,11%
 *   - ND 30/2020 dates: "ngày 05 tháng 01 năm 2024" - day below 10 and the
 *     months 1 and 2 padded with a zero, months 3..12 not padded
 *     ("ngày 15 tháng 3 năm 2024", "ngày 05 tháng 12 năm 2024");
 *   - the number line "Số: 05/BC-UBND" (number padded to two digits); a
 *     number still to be assigned by the clerk prints as blanks
 *     "Số:      /BC-UBND" (six spaces).
 *
 * Every function writes a NUL-terminated string into the caller's buffer
 * (no allocation, no global state, thread-safe) and returns 0, or
 *   ERR_RANGE   the buffer is too small (out gets "" when cap > 0);
 *   ERR_INVALID NaN/infinite value, decimals outside 0..NUMFMT_DEC_MAX, an
 *               invalid date.
 * A buffer of NUMFMT_MAX bytes always suffices for the number functions;
 * NUMFMT_DATE_MAX for the date; the number line needs 16 + strlen(symbol).
 * Rounding: half away from zero on the decimal value a spreadsheet shows
 * (a double's 15 significant digits), so 0.115 -> "0,12", 94.115 -> "94,12",
 * -2.5 -> "-3" exactly as Excel displays the same number;
 * scaled integers (numfmt_scaled) round exactly, half away from zero. */
#ifndef CCHC_NUMFMT_H
#define CCHC_NUMFMT_H

#include "date.h"

#include <stddef.h>
#include <stdint.h>

#define NUMFMT_MAX      96 /* any finite double below 1e30 with 6 decimals, any int64 */
#define NUMFMT_DEC_MAX  6
#define NUMFMT_DATE_MAX 48   /* "ngày 05 tháng 01 năm 2024" is 29 bytes */
#define NUMFMT_ABS_MAX  1e30 /* |v| above it: ERR_RANGE (no exponent notation) */

/* Flags for the decimal functions. */
enum numfmt_flags {
    NUMFMT_TRIM = 1 /* drop trailing zeros of the fraction, and the ',' if none is left:
                       94,10 -> "94,1", 100,00 -> "100" */
};

/* Integer with '.' thousands: 1884 -> "1.884", -12345678 -> "-12.345.678",
 * INT64_MIN handled. */
int numfmt_int(int64_t v, char *out, size_t cap);

/* Fixed decimals with ',' and '.' thousands: (94.111, 2) -> "94,11",
 * (1234.5, 1) -> "1.234,5", (-0.004, 2) -> "0,00" (no negative zero). */
int numfmt_dec(double v, int decimals, unsigned flags, char *out, size_t cap);

/* Percentage of a value already in percent units: (94.111, 2) -> "94,11%". */
int numfmt_pct(double v, int decimals, unsigned flags, char *out, size_t cap);

/* Exact fixed point: units / 10^scale shown with `decimals` decimals
 * (scale, decimals in 0..NUMFMT_DEC_MAX): (9411, 2, 2) -> "94,11",
 * (94115, 3, 2) -> "94,12" (half away from zero), (5, 0, 2) -> "5,00".
 * Meant for values kept as integers (KPI centi-percent, scores x 100). */
int numfmt_scaled(int64_t units, int scale, int decimals, unsigned flags, char *out, size_t cap);

/* num / den * 100 with `decimals` decimals and '%', rounded exactly (half
 * away from zero) in integer arithmetic: (1881, 1884, 2) -> "99,84%".
 * den == 0 -> ERR_INVALID; |num| and den up to 1e15. */
int numfmt_ratio_pct(int64_t num, int64_t den, int decimals, unsigned flags, char *out, size_t cap);

/* ND 30 date: "ngày 05 tháng 01 năm 2024". DATE_NONE gives the blank form
 * left for a handwritten date: "ngày    tháng    năm" (the year unknown). */
int numfmt_date_nd30(date_t d, char *out, size_t cap);

/* The blank ND 30 date with the year filled: "ngày    tháng    năm 2024". */
int numfmt_date_nd30_year(int year, char *out, size_t cap);

/* "Số: 05/BC-UBND"; number <= 0 -> "Số:      /BC-UBND". symbol is copied
 * as given (offdoc validates and upper-cases it); NULL or "" gives
 * "Số: 05". */
int numfmt_docnum(int number, const char *symbol, char *out, size_t cap);

/* Roman numeral for 1..3999 ("I", "IV", "XII"); ERR_RANGE otherwise. */
int numfmt_roman(int v, char *out, size_t cap);

#endif
