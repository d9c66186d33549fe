#include "dtime.h"

#include "err.h"
#include "sv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "banned.h"

static void skip_spaces(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
        (*i)++;
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
    int h = date_scan_digits(s, n, i, 1, 2);
    if (h < 0 || *i >= n || s[*i] != ':')
        return ERR_INVALID;
    (*i)++;
    int mi = date_scan_digits(s, n, i, 2, 2);
    if (mi < 0)
        return ERR_INVALID;
    int sec = 0;
    if (*i < n && s[*i] == ':') {
        (*i)++;
        sec = date_scan_digits(s, n, i, 2, 2);
        if (sec < 0)
            return ERR_INVALID;
        if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
            (*i)++;
            if (date_scan_digits(s, n, i, 1, 9) < 0)
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
    int hh = date_scan_digits(s, n, i, 2, 2);
    if (hh < 0)
        return ERR_INVALID;
    int mm = 0;
    if (*i < n && s[*i] == ':')
        (*i)++;
    if (*i < n && (s[*i] >= '0' && s[*i] <= '9')) {
        mm = date_scan_digits(s, n, i, 2, 2);
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
    sv_t v = sv_trim(sv_make(s, n));
    s = v.p;
    n = v.n;
    size_t i = 0;
    date_t d;
    int rc = date_scan(s, n, &i, &d);
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
