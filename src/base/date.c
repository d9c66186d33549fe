#include "date.h"

#include "err.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && d >= 1 && d <= date_days_in_month(y, m);
}

/* Days from civil: the era-based algorithm (400-year cycles of 146097 days). */
date_t date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (date_t)(era * 146097 + doe - 719468);
}

void date_to_ymd(date_t days, int *y, int *m, int *d)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

int date_weekday(date_t d)
{
    int w = (int)((d + 4) % 7); /* 1970-01-01 was a Thursday */
    return w < 0 ? w + 7 : w;
}

int date_year(date_t d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return y;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int date_scan_digits(const char *s, size_t n, size_t *i, int mind, int maxd)
{
    int v = 0, k = 0;
    while (*i < n && k < maxd && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= mind ? v : -1;
}

static void skip_spaces(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
        (*i)++;
}

static size_t trim_end(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return n;
}

static int make_date(int y, int m, int d, date_t *out)
{
    if (y < 1000 || y > 9999 || !date_valid_ymd(y, m, d))
        return ERR_RANGE;
    *out = date_from_ymd(y, m, d);
    return 0;
}

int date_scan(const char *s, size_t n, size_t *i, date_t *out)
{
    size_t start = *i;
    int a = date_scan_digits(s, n, i, 1, 4);
    if (a < 0 || *i >= n)
        return ERR_INVALID;
    size_t alen = *i - start;
    char sep = s[*i];
    if (alen == 4 && sep == '-') {
        (*i)++;
        int m = date_scan_digits(s, n, i, 2, 2);
        if (m < 0 || *i >= n || s[*i] != '-')
            return ERR_INVALID;
        (*i)++;
        int d = date_scan_digits(s, n, i, 2, 2);
        if (d < 0)
            return ERR_INVALID;
        return make_date(a, m, d, out);
    }
    if (alen > 2 || (sep != '/' && sep != '-' && sep != '.'))
        return ERR_INVALID;
    (*i)++;
    int m = date_scan_digits(s, n, i, 1, 2);
    if (m < 0 || *i >= n || s[*i] != sep)
        return ERR_INVALID;
    (*i)++;
    int y = date_scan_digits(s, n, i, 4, 4);
    if (y < 0)
        return ERR_INVALID;
    return make_date(y, m, a, out);
}

int date_parse(const char *s, size_t n, date_t *out)
{
    size_t i = 0;
    n = trim_end(s, n);
    skip_spaces(s, n, &i);
    date_t d;
    int rc = date_scan(s, n, &i, &d);
    if (rc)
        return rc;
    if (i != n)
        return ERR_INVALID;
    *out = d;
    return 0;
}

void date_format(date_t d, char out[DATE_ISO_LEN])
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, dd);
    memcpy(out, tmp, DATE_ISO_LEN - 1);
    out[DATE_ISO_LEN - 1] = '\0';
}

void date_format_vn(date_t d, char out[DATE_ISO_LEN])
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", dd, m, y % 10000);
    memcpy(out, tmp, DATE_ISO_LEN - 1);
    out[DATE_ISO_LEN - 1] = '\0';
}
