#include "date.h"

#include "err.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* Reads 1..maxd digits at s[*i]; returns -1 when none. */
static int read_num(const char *s, size_t n, size_t *i, int mind, int maxd)
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

/* Parses a date prefix; *i is advanced past it. */
static int parse_date_at(const char *s, size_t n, size_t *i, date_t *out)
{
    size_t start = *i;
    int a = read_num(s, n, i, 1, 4);
    if (a < 0 || *i >= n)
        return ERR_INVALID;
    size_t alen = *i - start;
    char sep = s[*i];
    if (alen == 4 && sep == '-') {
        (*i)++;
        int m = read_num(s, n, i, 2, 2);
        if (m < 0 || *i >= n || s[*i] != '-')
            return ERR_INVALID;
        (*i)++;
        int d = read_num(s, n, i, 2, 2);
        if (d < 0)
            return ERR_INVALID;
        return make_date(a, m, d, out);
    }
    if (alen > 2 || (sep != '/' && sep != '-' && sep != '.'))
        return ERR_INVALID;
    (*i)++;
    int m = read_num(s, n, i, 1, 2);
    if (m < 0 || *i >= n || s[*i] != sep)
        return ERR_INVALID;
    (*i)++;
    int y = read_num(s, n, i, 4, 4);
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
    int rc = parse_date_at(s, n, &i, &d);
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

dtime_t dtime_make(date_t d, int h, int mi, int s)
{
    return (dtime_t)d * 86400 + h * 3600 + mi * 60 + s;
}

date_t dtime_date(dtime_t t)
{
    dtime_t q = t / 86400;
    if (t % 86400 < 0)
        q--;
    return (date_t)q;
}

int dtime_minute_of_day(dtime_t t)
{
    return (int)((t - (dtime_t)dtime_date(t) * 86400) / 60);
}

void dtime_hms(dtime_t t, int *h, int *mi, int *s)
{
    int sec = (int)(t - (dtime_t)dtime_date(t) * 86400);
    *h = sec / 3600;
    *mi = sec / 60 % 60;
    *s = sec % 60;
}

int64_t dtime_utc(dtime_t t)
{
    return t - DATE_TZ_OFFSET;
}

dtime_t dtime_from_utc(int64_t u)
{
    return u + DATE_TZ_OFFSET;
}

dtime_t dtime_now(void)
{
    return dtime_from_utc((int64_t)time(NULL));
}

static int parse_time_at(const char *s, size_t n, size_t *i, int *secs)
{
    int h = read_num(s, n, i, 1, 2);
    if (h < 0 || *i >= n || s[*i] != ':')
        return ERR_INVALID;
    (*i)++;
    int mi = read_num(s, n, i, 2, 2);
    if (mi < 0)
        return ERR_INVALID;
    int sec = 0;
    if (*i < n && s[*i] == ':') {
        (*i)++;
        sec = read_num(s, n, i, 2, 2);
        if (sec < 0)
            return ERR_INVALID;
        if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
            (*i)++;
            if (read_num(s, n, i, 1, 9) < 0)
                return ERR_INVALID;
        }
    }
    if (h > 23 || mi > 59 || sec > 59)
        return ERR_RANGE;
    *secs = h * 3600 + mi * 60 + sec;
    return 0;
}

/* Optional zone designator: returns offset seconds east of UTC in *off. */
static int parse_zone_at(const char *s, size_t n, size_t *i, int *off, bool *has)
{
    *has = false;
    if (*i >= n)
        return 0;
    if (s[*i] == 'Z' || s[*i] == 'z') {
        (*i)++;
        *off = 0;
        *has = true;
        return 0;
    }
    if (s[*i] != '+' && s[*i] != '-')
        return 0;
    int sign = s[*i] == '-' ? -1 : 1;
    (*i)++;
    int hh = read_num(s, n, i, 2, 2);
    if (hh < 0)
        return ERR_INVALID;
    int mm = 0;
    if (*i < n && s[*i] == ':')
        (*i)++;
    if (*i < n && is_digit(s[*i])) {
        mm = read_num(s, n, i, 2, 2);
        if (mm < 0)
            return ERR_INVALID;
    }
    if (hh > 14 || mm > 59)
        return ERR_RANGE;
    *off = sign * (hh * 3600 + mm * 60);
    *has = true;
    return 0;
}

int dtime_parse(const char *s, size_t n, dtime_t *out)
{
    size_t i = 0;
    n = trim_end(s, n);
    skip_spaces(s, n, &i);
    date_t d;
    int rc = parse_date_at(s, n, &i, &d);
    if (rc)
        return rc;
    int secs = 0, off = DATE_TZ_OFFSET;
    bool has_zone = false;
    if (i < n && (s[i] == 'T' || s[i] == ' ' || s[i] == 't')) {
        i++;
        skip_spaces(s, n, &i);
        rc = parse_time_at(s, n, &i, &secs);
        if (rc)
            return rc;
        skip_spaces(s, n, &i);
        rc = parse_zone_at(s, n, &i, &off, &has_zone);
        if (rc)
            return rc;
    }
    if (i != n)
        return ERR_INVALID;
    dtime_t t = dtime_make(d, 0, 0, 0) + secs;
    if (has_zone)
        t = t - off + DATE_TZ_OFFSET;
    *out = t;
    return 0;
}

void dtime_format(dtime_t t, char out[DTIME_ISO_LEN])
{
    char d[DATE_ISO_LEN];
    int h, mi, s;
    date_format(dtime_date(t), d);
    dtime_hms(t, &h, &mi, &s);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%sT%02d:%02d:%02d", d, h, mi, s);
    memcpy(out, tmp, DTIME_ISO_LEN - 1);
    out[DTIME_ISO_LEN - 1] = '\0';
}

void dtime_format_min(dtime_t t, char out[DTIME_ISO_LEN])
{
    char d[DATE_ISO_LEN];
    int h, mi, s;
    date_format(dtime_date(t), d);
    dtime_hms(t, &h, &mi, &s);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%sT%02d:%02d", d, h, mi);
    memcpy(out, tmp, 16);
    out[16] = '\0';
}
