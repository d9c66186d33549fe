/* remind_mail.c - reminder e-mails as MIME messages (remind_mail.h). */
#include "io/remind_mail.h"

#include "base/jsonx.h"
#include "base/mem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *sv(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void vn_date(const char *iso, char *out, size_t cap)
{
    date_t d;
    if (iso && date_parse(iso, strlen(iso), &d) == 0) {
        char v[DATE_ISO_LEN];
        date_format_vn(d, v);
        snprintf(out, cap, "%s", v);
    } else {
        snprintf(out, cap, "%s", iso ? iso : "");
    }
}

void remind_mail_subject(const json_t *msg, char *out, size_t cap)
{
    const json_t *p = json_object_get(msg, "payload");
    if (strcmp(sv(p, "type"), "digest") == 0) {
        char day[DATE_ISO_LEN];
        vn_date(sv(p, "day"), day, sizeof day);
        snprintf(out, cap, "[CCHC] Bản tin nhắc hạn ngày %s: %lld quá hạn, %lld sắp đến hạn", day,
                 (long long)json_integer_value(json_object_get(p, "overdue")),
                 (long long)json_integer_value(json_object_get(p, "soon")));
    } else {
        snprintf(out, cap, "[CCHC] %s", sv(p, "title"));
    }
    for (char *c = out; *c; c++) /* never a line break in a header */
        if (*c == '\r' || *c == '\n')
            *c = ' ';
}

/* --- encodings ------------------------------------------------------------------------------- */

/* Appends n bytes as base64 in lines of 76 characters. */
static int put_base64(buf_t *b, const char *s, size_t n)
{
    int rc = 0;
    for (size_t off = 0; !rc && off < n; off += 57) {
        size_t k = n - off < 57 ? n - off : 57;
        char line[80];
        sodium_bin2base64(line, sizeof line, (const unsigned char *)s + off, k,
                          sodium_base64_VARIANT_ORIGINAL);
        rc = buf_puts(b, line) || buf_puts(b, "\r\n");
    }
    return rc ? ERR_NOMEM : 0;
}

/* An RFC 2047 header value: encoded words of whole UTF-8 characters, each
 * at most 45 bytes of text, folded on separate lines. */
static int put_encoded(buf_t *b, const char *s)
{
    size_t n = strlen(s), off = 0;
    int rc = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        ascii = ascii && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f;
    if (ascii && n < 900)
        return buf_puts(b, s) ? ERR_NOMEM : 0;
    while (!rc && off < n) {
        size_t k = n - off < 45 ? n - off : 45;
        while (off + k < n && ((unsigned char)s[off + k] & 0xC0) == 0x80)
            k--;
        char enc[128];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s + off, k,
                          sodium_base64_VARIANT_ORIGINAL);
        rc = buf_printf(b, "%s=?UTF-8?B?%s?=", off ? "\r\n " : "", enc);
        off += k;
    }
    return rc ? ERR_NOMEM : 0;
}

static int put_html(buf_t *b, const char *s)
{
    int rc = 0;
    for (const char *p = s; !rc && *p; p++) {
        switch (*p) {
        case '&':
            rc = buf_puts(b, "&amp;");
            break;
        case '<':
            rc = buf_puts(b, "&lt;");
            break;
        case '>':
            rc = buf_puts(b, "&gt;");
            break;
        case '"':
            rc = buf_puts(b, "&quot;");
            break;
        default:
            rc = buf_putc(b, *p);
        }
    }
    return rc;
}

static void url_of(const char *base, const char *link, char *out, size_t cap)
{
    if (!link || !*link)
        link = "#/thong-bao";
    snprintf(out, cap, "%s/%s", base ? base : "", link);
}

/* --- bodies ---------------------------------------------------------------------------------- */

typedef struct parts {
    buf_t text, html;
    const char *base;
} parts_t;

static int days_text(long long days, char *out, size_t cap)
{
    if (days < 0)
        return snprintf(out, cap, "quá hạn %lld ngày làm việc", -days);
    if (days == 0)
        return snprintf(out, cap, "đến hạn hôm nay");
    return snprintf(out, cap, "còn %lld ngày làm việc", days);
}

static int item(parts_t *p, size_t no, const json_t *it)
{
    char due[DATE_ISO_LEN], when[64], url[512];
    vn_date(sv(it, "due"), due, sizeof due);
    days_text(json_integer_value(json_object_get(it, "days")), when, sizeof when);
    url_of(p->base, sv(it, "link"), url, sizeof url);
    int rc = buf_printf(&p->text, "%zu. %s\r\n   %s · %s · Hạn: %s (%s)\r\n   %s\r\n\r\n", no,
                        sv(it, "title"), sv(it, "ref"), sv(it, "unit"), due, when, url);
    rc = rc || buf_puts(&p->html, "<li><a href=\"") || put_html(&p->html, url) ||
         buf_puts(&p->html, "\">") || put_html(&p->html, sv(it, "title")) ||
         buf_puts(&p->html, "</a><br><small>") || put_html(&p->html, sv(it, "ref")) ||
         buf_puts(&p->html, " · ") || put_html(&p->html, sv(it, "unit")) ||
         buf_printf(&p->html, " · Hạn: %s (<strong>%s</strong>)</small></li>\r\n", due, when);
    return rc;
}

static int section(parts_t *p, const json_t *items, bool overdue, const char *vi)
{
    size_t i, no = 0;
    const json_t *it;
    int rc = 0;
    json_array_foreach(items, i, it)
    {
        bool late = json_integer_value(json_object_get(it, "days")) < 0;
        if (late != overdue)
            continue;
        if (!no++)
            rc = rc || buf_printf(&p->text, "%s\r\n\r\n", vi) ||
                 buf_printf(&p->html, "<h3>%s</h3>\r\n<ol>\r\n", vi);
        rc = rc || item(p, no, it);
    }
    if (no)
        rc = rc || buf_puts(&p->html, "</ol>\r\n");
    return rc;
}

static int digest_body(parts_t *p, const json_t *pl)
{
    char day[DATE_ISO_LEN], home[512], prefs[512];
    vn_date(sv(pl, "day"), day, sizeof day);
    url_of(p->base, "#/thong-bao", home, sizeof home);
    url_of(p->base, "#/thong-bao/cai-dat", prefs, sizeof prefs);
    long long over = json_integer_value(json_object_get(pl, "overdue"));
    long long soon = json_integer_value(json_object_get(pl, "soon"));
    const char *name = *sv(pl, "name") ? sv(pl, "name") : sv(pl, "login");
    int rc = buf_printf(&p->text,
                        "Kính gửi %s,\r\n\r\nBản tin nhắc hạn ngày %s của Hệ thống theo dõi cải "
                        "cách hành chính: %lld việc quá hạn, %lld việc sắp đến hạn.\r\n\r\n",
                        name, day, over, soon);
    rc = rc || buf_puts(&p->html, "<p>Kính gửi ") || put_html(&p->html, name) ||
         buf_printf(&p->html,
                    ",</p>\r\n<p>Bản tin nhắc hạn ngày %s của Hệ thống theo dõi cải cách hành "
                    "chính: <strong>%lld</strong> việc quá hạn, <strong>%lld</strong> việc sắp "
                    "đến hạn.</p>\r\n",
                    day, over, soon);
    const json_t *items = json_object_get(pl, "items");
    rc = rc || section(p, items, true, "QUÁ HẠN") || section(p, items, false, "SẮP ĐẾN HẠN");
    size_t i;
    const json_t *n;
    json_array_foreach(json_object_get(pl, "notices"), i, n)
    {
        if (!i)
            rc = rc || buf_puts(&p->text, "THÔNG BÁO TRONG NGÀY\r\n\r\n") ||
                 buf_puts(&p->html, "<h3>THÔNG BÁO TRONG NGÀY</h3>\r\n<ul>\r\n");
        rc = rc || buf_printf(&p->text, "- %s\r\n  %s\r\n", sv(n, "title"), sv(n, "body")) ||
             buf_puts(&p->html, "<li>") || put_html(&p->html, sv(n, "title")) ||
             buf_puts(&p->html, "<br><small>") || put_html(&p->html, sv(n, "body")) ||
             buf_puts(&p->html, "</small></li>\r\n");
    }
    if (json_array_size(json_object_get(pl, "notices")))
        rc = rc || buf_puts(&p->text, "\r\n") || buf_puts(&p->html, "</ul>\r\n");
    rc = rc ||
         buf_printf(&p->text,
                    "Mở hệ thống: %s\r\nThay đổi cài đặt nhận thư: %s\r\n\r\n(English: daily "
                    "digest of the administrative-reform tracking system: %lld overdue, %lld due "
                    "soon.)\r\n",
                    home, prefs, over, soon) ||
         buf_puts(&p->html, "<p><a href=\"") || put_html(&p->html, home) ||
         buf_puts(&p->html, "\">Mở hệ thống</a> · <a href=\"") || put_html(&p->html, prefs) ||
         buf_printf(&p->html,
                    "\">Thay đổi cài đặt nhận thư</a></p>\r\n<p><small>English: daily digest "
                    "of the administrative-reform tracking system: %lld overdue, %lld due "
                    "soon.</small></p>\r\n",
                    over, soon);
    return rc;
}

static int notice_body(parts_t *p, const json_t *pl)
{
    char url[512];
    url_of(p->base, sv(pl, "link"), url, sizeof url);
    const char *name = *sv(pl, "name") ? sv(pl, "name") : sv(pl, "login");
    int rc = buf_printf(&p->text, "Kính gửi %s,\r\n\r\n%s\r\n%s\r\n\r\n%s\r\n", name,
                        sv(pl, "title"), sv(pl, "body"), url);
    rc = rc || buf_puts(&p->html, "<p>Kính gửi ") || put_html(&p->html, name) ||
         buf_puts(&p->html, ",</p>\r\n<p><strong>") || put_html(&p->html, sv(pl, "title")) ||
         buf_puts(&p->html, "</strong><br>") || put_html(&p->html, sv(pl, "body")) ||
         buf_puts(&p->html, "</p>\r\n<p><a href=\"") || put_html(&p->html, url) ||
         buf_puts(&p->html, "\">Mở trong hệ thống</a></p>\r\n");
    return rc;
}

/* --- the message ----------------------------------------------------------------------------- */

static int headers(buf_t *b, const json_t *msg, const remind_mail_from_t *f, dtime_t now,
                   const char *boundary)
{
    static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d, hh, mi, ss;
    date_to_ymd(dtime_date(now), &y, &m, &d);
    dtime_hms(now, &hh, &mi, &ss);
    char subject[1024];
    remind_mail_subject(msg, subject, sizeof subject);
    unsigned char rnd[12];
    char rhex[25];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(rhex, sizeof rhex, rnd, sizeof rnd);
    int rc = buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0700\r\nFrom: ",
                        wd[date_weekday(dtime_date(now))], d, mo[m - 1], y, hh, mi, ss);
    if (!rc && f->name && *f->name)
        rc = put_encoded(b, f->name) || buf_putc(b, ' ');
    rc = rc || buf_printf(b, "<%s>\r\nTo: <%s>\r\nSubject: ", f->address, sv(msg, "to")) ||
         put_encoded(b, subject) ||
         buf_printf(b,
                    "\r\nMessage-ID: <%s.%s@%s>\r\nMIME-Version: 1.0\r\nAuto-Submitted: "
                    "auto-generated\r\nContent-Type: multipart/alternative; "
                    "boundary=\"%s\"\r\n\r\n",
                    rhex, sv(msg, "ref"), f->msgid_host ? f->msgid_host : "cchc.local", boundary);
    return rc ? ERR_NOMEM : 0;
}

static int part(buf_t *b, const char *boundary, const char *type, const buf_t *body)
{
    int rc = buf_printf(b,
                        "--%s\r\nContent-Type: %s; charset=UTF-8\r\nContent-Transfer-Encoding: "
                        "base64\r\n\r\n",
                        boundary, type);
    return rc ? ERR_NOMEM : put_base64(b, buf_cstr(body), body->len);
}

static bool header_safe(const char *s)
{
    return s && *s && !strpbrk(s, "\r\n<>");
}

int remind_mail_compose(const json_t *msg, const remind_mail_from_t *from, dtime_t now, buf_t *out,
                        err_t *e)
{
    const json_t *pl = json_object_get(msg, "payload");
    if (!json_is_object(pl) || !header_safe(sv(msg, "to")) || !header_safe(from->address) ||
        strpbrk(sv(msg, "ref"), "\r\n<>@ "))
        return err_set(e, ERR_INVALID, "mail.payload",
                       "Thư không hợp lệ (người nhận hoặc nội dung)",
                       "Invalid message (recipient or content)");
    parts_t p = {BUF_INIT(REMIND_MAIL_MAX / 2), BUF_INIT(REMIND_MAIL_MAX / 2), from->base_url};
    int rc = strcmp(sv(pl, "type"), "digest") == 0 ? digest_body(&p, pl) : notice_body(&p, pl);
    char boundary[48];
    unsigned char rnd[12];
    randombytes_buf(rnd, sizeof rnd);
    memcpy(boundary, "cchc-", 5);
    sodium_bin2hex(boundary + 5, sizeof boundary - 5, rnd, sizeof rnd);
    if (!rc) {
        buf_t html = BUF_INIT(REMIND_MAIL_MAX / 2);
        rc = buf_puts(&html, "<!doctype html>\r\n<html lang=\"vi\"><head><meta "
                             "charset=\"utf-8\"></head><body style=\"font-family:serif\">\r\n") ||
             buf_append(&html, buf_cstr(&p.html), p.html.len) ||
             buf_puts(&html, "</body></html>\r\n");
        rc = rc ? ERR_NOMEM : headers(out, msg, from, now, boundary);
        rc = rc ? rc : part(out, boundary, "text/plain", &p.text);
        rc = rc ? rc : part(out, boundary, "text/html", &html);
        rc = rc ? rc : buf_printf(out, "--%s--\r\n", boundary) ? ERR_NOMEM : 0;
        buf_release(&html);
    }
    buf_release(&p.text);
    buf_release(&p.html);
    if (rc == ERR_TOOLARGE)
        return err_set(e, ERR_TOOLARGE, "mail.too_large", "Thư quá lớn", "Message too large");
    return rc ? err_nomem(e) : 0;
}
