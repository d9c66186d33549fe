/* remind_ics.c - due dates as an iCalendar feed (remind_ics.h). */
#include "io/remind_ics.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Appends one content line, escaping the value when asked, folded at 75
 * octets without splitting a UTF-8 character. */
static int line(buf_t *b, const char *name, const char *value, bool escape)
{
    buf_t l = BUF_INIT(REMIND_ICS_MAX);
    int rc = buf_puts(&l, name) || buf_putc(&l, ':');
    for (const char *p = value ? value : ""; !rc && *p; p++) {
        if (escape && (*p == '\\' || *p == ';' || *p == ','))
            rc = buf_putc(&l, '\\') || buf_putc(&l, *p);
        else if (escape && *p == '\n')
            rc = buf_puts(&l, "\\n");
        else if (*p != '\r')
            rc = buf_putc(&l, *p);
    }
    const char *s = buf_cstr(&l);
    size_t n = l.len, off = 0, width = 75;
    while (!rc && off < n) {
        size_t k = n - off < width ? n - off : width;
        while (off + k < n && k > 1 && ((unsigned char)s[off + k] & 0xC0) == 0x80)
            k--;
        rc = (off ? buf_putc(b, ' ') : 0) || buf_append(b, s + off, k) || buf_puts(b, "\r\n");
        off += k;
        width = 74; /* continuation lines start with a space */
    }
    buf_release(&l);
    return rc;
}

static const char *sv(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int event(buf_t *b, const json_t *it, const char *base, const char *stamp)
{
    date_t due;
    const char *d = sv(it, "due");
    if (date_parse(d, strlen(d), &due))
        return 0;
    int y, m, dd, y2, m2, d2;
    date_to_ymd(due, &y, &m, &dd);
    date_to_ymd(due + 1, &y2, &m2, &d2);
    char start[16], end[16], uid[300], summary[1200], url[600], desc[2400];
    snprintf(start, sizeof start, "%04d%02d%02d", y, m, dd);
    snprintf(end, sizeof end, "%04d%02d%02d", y2, m2, d2);
    snprintf(uid, sizeof uid, "%s@cchc", sv(it, "key"));
    bool done = json_is_true(json_object_get(it, "done"));
    snprintf(summary, sizeof summary, "%s%s", done ? "✓ " : "", sv(it, "title"));
    snprintf(url, sizeof url, "%s/%s", base, sv(it, "link"));
    snprintf(desc, sizeof desc, "%s\n%s\n%s%s", sv(it, "ref"), sv(it, "unit"),
             done ? "Đã hoàn thành / done\n" : "", url);
    return line(b, "BEGIN", "VEVENT", false) || line(b, "UID", uid, true) ||
           line(b, "DTSTAMP", stamp, false) || line(b, "DTSTART;VALUE=DATE", start, false) ||
           line(b, "DTEND;VALUE=DATE", end, false) || line(b, "SUMMARY", summary, true) ||
           line(b, "DESCRIPTION", desc, true) || line(b, "URL", url, false) ||
           line(b, "CATEGORIES", sv(it, "kind"), true) || line(b, "TRANSP", "TRANSPARENT", false) ||
           line(b, "END", "VEVENT", false);
}

int remind_ics_write(const json_t *feed, const char *base_url, dtime_t now, buf_t *out, err_t *e)
{
    char stamp[32], name[200];
    int y, m, d, hh, mi, ss;
    dtime_t utc = now - DATE_TZ_OFFSET;
    date_to_ymd(dtime_date(utc), &y, &m, &d);
    dtime_hms(utc, &hh, &mi, &ss);
    snprintf(stamp, sizeof stamp, "%04d%02d%02dT%02d%02d%02dZ", y, m, d, hh, mi, ss);
    snprintf(name, sizeof name, "Hạn CCHC – %s", sv(feed, "login"));
    const char *base = base_url ? base_url : "";
    int rc = line(out, "BEGIN", "VCALENDAR", false) || line(out, "VERSION", "2.0", false) ||
             line(out, "PRODID", "-//cchc//Nhac han CCHC//VI", false) ||
             line(out, "CALSCALE", "GREGORIAN", false) || line(out, "METHOD", "PUBLISH", false) ||
             line(out, "X-WR-CALNAME", name, true) ||
             line(out, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh", false);
    size_t i;
    const json_t *it;
    json_array_foreach(json_object_get(feed, "items"), i, it)
    {
        if (rc)
            break;
        rc = event(out, it, base, stamp);
    }
    rc = rc || line(out, "END", "VCALENDAR", false);
    if (rc)
        return out->len + 1024 > out->max
                   ? err_set(e, ERR_TOOLARGE, "ics.too_large", "Lịch quá lớn", "Calendar too large")
                   : err_nomem(e);
    return 0;
}
