/* numfmt.c - Vietnamese number, date and document-number formatting
 * (numfmt.h). Every number goes through assemble(): a sign, the integer
 * digits, the fraction digits and a suffix, grouped with '.' and ','. */
#include "numfmt.h"

#include "err.h"

#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

static const uint64_t pow10u[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Writes s into out; ERR_RANGE (and "") when it does not fit. */
static int put(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap) {
        if (cap)
            out[0] = '\0';
        return ERR_RANGE;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

static int bad_value(char *out, size_t cap, int rc)
{
    if (cap)
        out[0] = '\0';
    return rc;
}

static bool all_zero(const char *s)
{
    for (; *s; s++)
        if (*s != '0')
            return false;
    return true;
}

/* neg, integer digits (no sign, at least one), fraction digits (maybe ""),
 * suffix ("" or "%"). Removes a negative sign from an all-zero value. */
static int assemble(bool neg, const char *ip, const char *fp, unsigned flags, const char *suffix,
                    char *out, size_t cap)
{
    char tmp[NUMFMT_MAX * 2];
    size_t n = 0, ni = strlen(ip), nf = strlen(fp);
    if (flags & NUMFMT_TRIM)
        while (nf && fp[nf - 1] == '0')
            nf--;
    if (ni + ni / 3 + nf + strlen(suffix) + 4 > sizeof tmp)
        return bad_value(out, cap, ERR_RANGE); /* cannot happen below NUMFMT_ABS_MAX */
    if (neg && !(all_zero(ip) && all_zero(fp)))
        tmp[n++] = '-';
    for (size_t i = 0; i < ni; i++) {
        if (i && (ni - i) % 3 == 0)
            tmp[n++] = '.';
        tmp[n++] = ip[i];
    }
    if (nf) {
        tmp[n++] = ',';
        memcpy(tmp + n, fp, nf);
        n += nf;
    }
    size_t ns = strlen(suffix);
    memcpy(tmp + n, suffix, ns);
    n += ns;
    return put(out, cap, tmp, n);
}

int numfmt_int(int64_t v, char *out, size_t cap)
{
    char ip[24];
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(ip, sizeof ip, "%llu", (unsigned long long)mag);
    return assemble(v < 0, ip, "", 0, "", out, cap);
}

/* Decimal digits of |v| rounded half away from zero at `decimals` places,
 * from its 15 significant digits (what a spreadsheet shows, so that 0.115
 * gives "0,12" in every renderer and in Excel alike). ip and fp get the
 * integer (no leading zeros but one) and fraction digits. */
static void round_decimal(double v, int decimals, char ip[40], char fp[8])
{
    char e[40];
    snprintf(e, sizeof e, "%.14e", fabs(v)); /* "d.dddddddddddddde+XX" */
    char D[15];
    D[0] = e[0];
    memcpy(D + 1, e + 2, 14);
    int point = (int)strtol(e + 17, NULL, 10) + 1; /* digits before the decimal point */
    int ni = point > 0 ? point : 1, n = ni + decimals;
    char A[48]; /* A[0] carry slot, A[1..n] places 10^(ni-1) .. 10^-decimals */
    A[0] = 0;
    for (int k = 0; k <= n; k++) {
        int i = k - ni + point; /* A[k + 1] and D[i] are the place 10^(ni-1-k) */
        int d = i >= 0 && i < 15 ? D[i] - '0' : 0;
        if (k < n)
            A[k + 1] = (char)d;
        else if (d >= 5) /* the rounding digit */
            for (int j = n; j >= 0; j--) {
                if (++A[j] < 10)
                    break;
                A[j] = 0;
            }
    }
    int start = A[0] ? 0 : 1, w = 0;
    while (start < ni && A[start] == 0) /* keep one integer digit */
        start++;
    for (int k = start; k <= ni; k++)
        ip[w++] = (char)('0' + A[k]);
    ip[w] = '\0';
    for (int k = 0; k < decimals; k++)
        fp[k] = (char)('0' + A[ni + 1 + k]);
    fp[decimals] = '\0';
}

static int format_double(double v, int decimals, unsigned flags, const char *suffix, char *out,
                         size_t cap)
{
    if (!isfinite(v) || decimals < 0 || decimals > NUMFMT_DEC_MAX)
        return bad_value(out, cap, ERR_INVALID);
    if (fabs(v) >= NUMFMT_ABS_MAX)
        return bad_value(out, cap, ERR_RANGE);
    char ip[40], fp[8];
    round_decimal(v, decimals, ip, fp);
    return assemble(signbit(v) != 0, ip, fp, flags, suffix, out, cap);
}

int numfmt_dec(double v, int decimals, unsigned flags, char *out, size_t cap)
{
    return format_double(v, decimals, flags, "", out, cap);
}

int numfmt_pct(double v, int decimals, unsigned flags, char *out, size_t cap)
{
    return format_double(v, decimals, flags, "%", out, cap);
}

/* Integer part and `decimals` fraction digits as strings. */
static void split_digits(uint64_t ip, uint64_t fp, int decimals, char ibuf[24], char fbuf[16])
{
    snprintf(ibuf, 24, "%llu", (unsigned long long)ip);
    if (decimals > 0)
        snprintf(fbuf, 16, "%0*llu", decimals, (unsigned long long)fp);
    else
        fbuf[0] = '\0';
}

int numfmt_scaled(int64_t units, int scale, int decimals, unsigned flags, char *out, size_t cap)
{
    if (scale < 0 || scale > NUMFMT_DEC_MAX || decimals < 0 || decimals > NUMFMT_DEC_MAX)
        return bad_value(out, cap, ERR_INVALID);
    uint64_t mag = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
    uint64_t ip, fp;
    if (decimals >= scale) {
        ip = mag / pow10u[scale];
        fp = (mag % pow10u[scale]) * pow10u[decimals - scale];
    } else {
        uint64_t div = pow10u[scale - decimals];
        uint64_t q = mag / div, r = mag % div;
        if (r >= div - r) /* r * 2 >= div without overflow: half away from zero */
            q++;
        ip = q / pow10u[decimals];
        fp = q % pow10u[decimals];
    }
    char ibuf[24], fbuf[16];
    split_digits(ip, fp, decimals, ibuf, fbuf);
    return assemble(units < 0, ibuf, fbuf, flags, "", out, cap);
}

#define RATIO_MAX 1000000000000000LL /* 1e15 */

int numfmt_ratio_pct(int64_t num, int64_t den, int decimals, unsigned flags, char *out, size_t cap)
{
    if (num > RATIO_MAX || num < -RATIO_MAX || den > RATIO_MAX || den < -RATIO_MAX)
        return bad_value(out, cap, ERR_RANGE);
    uint64_t a = (uint64_t)(num < 0 ? -num : num) * 100, d = (uint64_t)(den < 0 ? -den : den);
    if (d == 0 || decimals < 0 || decimals > NUMFMT_DEC_MAX)
        return bad_value(out, cap, ERR_INVALID);
    bool neg = (num < 0) != (den < 0);
    uint64_t ip = a / d, r = a % d, fp = 0;
    for (int i = 0; i < decimals; i++) {
        r *= 10;
        fp = fp * 10 + r / d;
        r %= d;
    }
    if (r >= d - r) { /* the rest is at least one half: away from zero */
        fp++;
        if (fp == pow10u[decimals]) {
            fp = 0;
            ip++;
        }
    }
    char ibuf[24], fbuf[16];
    split_digits(ip, fp, decimals, ibuf, fbuf);
    return assemble(neg, ibuf, fbuf, flags, "%", out, cap);
}

/* snprintf into out; ERR_RANGE (and "") on truncation. */
static int fmt_checked(char *out, size_t cap, int n)
{
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            out[0] = '\0';
        return ERR_RANGE;
    }
    return 0;
}

int numfmt_date_nd30(date_t d, char *out, size_t cap)
{
    if (d == DATE_NONE)
        return fmt_checked(out, cap, snprintf(out, cap, "ngày    tháng    năm"));
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (y < 1 || y > 9999)
        return bad_value(out, cap, ERR_INVALID);
    /* Months 1 and 2 are padded so that "tháng 1" cannot become "tháng 11". */
    return fmt_checked(out, cap,
                       snprintf(out, cap,
                                m < 3 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d",
                                day, m, y));
}

int numfmt_date_nd30_year(int year, char *out, size_t cap)
{
    if (year < 1 || year > 9999)
        return bad_value(out, cap, ERR_INVALID);
    return fmt_checked(out, cap, snprintf(out, cap, "ngày    tháng    năm %d", year));
}

int numfmt_docnum(int number, const char *symbol, char *out, size_t cap)
{
    const char *sym = symbol ? symbol : "";
    const char *slash = sym[0] ? "/" : "";
    if (number <= 0)
        return fmt_checked(out, cap, snprintf(out, cap, "Số:      %s%s", slash, sym));
    return fmt_checked(out, cap, snprintf(out, cap, "Số: %02d%s%s", number, slash, sym));
}

int numfmt_roman(int v, char *out, size_t cap)
{
    static const struct {
        int v;
        const char *s;
    } R[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
             {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
    if (v < 1 || v > 3999)
        return bad_value(out, cap, ERR_RANGE);
    char tmp[24];
    size_t n = 0;
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++)
        while (v >= R[i].v) {
            size_t k = strlen(R[i].s);
            memcpy(tmp + n, R[i].s, k);
            n += k;
            v -= R[i].v;
        }
    return put(out, cap, tmp, n);
}
