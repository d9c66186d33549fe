/* Tests of io/remind_mail: a digest and a single notice as MIME messages:
 * headers (no line break can be injected), the subject as RFC 2047 words
 * that decode back, both parts base64 that decode to the Vietnamese text
 * and to escaped HTML with links back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/remind_mail.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const remind_mail_from_t FROM = {"cchc@tinh.gov.vn", "Hệ thống CCHC",
                                        "https://cchc.tinh.gov.vn", "tinh.gov.vn"};

static json_t *digest(const char *to)
{
    return json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s,s:i,s:i,s:[{s:s,s:s,s:s,s:s,s:s,s:i,s:s},"
                     "{s:s,s:s,s:s,s:s,s:s,s:i,s:s}],s:[{s:s,s:s,s:s}]}}",
                     "to", to, "kind", "digest", "ref", "2024-03-22", "payload", "type", "digest",
                     "login", "canbo", "name", "Nguyễn Thị Cán Bộ", "day", "2024-03-22", "overdue",
                     1, "soon", 1, "items", "title", "Rà soát <thủ tục> & công khai", "ref",
                     "Nhiệm vụ 1", "unit", "Sở Tư pháp", "due", "2024-03-15", "kind", "task",
                     "days", -5, "link", "#/nhiem-vu/11", "title", "Báo cáo quý I", "ref",
                     "Báo cáo quý I", "unit", "Sở Tư pháp", "due", "2024-03-29", "kind", "report",
                     "days", 5, "link", "#/bao-cao?nam=2024", "notices", "title",
                     "Quá hạn 5 ngày làm việc", "body", "Nhiệm vụ 1", "link", "#/nhiem-vu/11");
}

/* The decoded body of a part. */
static char *part(const char *msg, const char *type)
{
    char want[128];
    snprintf(want, sizeof want, "Content-Type: %s; charset=UTF-8", type);
    const char *p = strstr(msg, want);
    assert_non_null(p);
    p = strstr(p, "\r\n\r\n") + 4;
    const char *end = strstr(p, "\r\n--cchc-");
    unsigned char *out = calloc(1, (size_t)(end - p) + 1);
    size_t len = 0;
    assert_int_equal(sodium_base642bin(out, (size_t)(end - p), p, (size_t)(end - p), "\r\n", &len,
                                       NULL, sodium_base64_VARIANT_ORIGINAL),
                     0);
    out[len] = '\0';
    return (char *)out;
}

static void digest_message(void **state)
{
    (void)state;
    json_t *m = digest("canbo@stp.tinh.gov.vn");
    buf_t b = BUF_INIT(REMIND_MAIL_MAX);
    err_t e = {0};
    dtime_t now = dtime_make(date_from_ymd(2024, 3, 22), 8, 0, 5);
    assert_int_equal(remind_mail_compose(m, &FROM, now, &b, &e), 0);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "Date: Fri, 22 Mar 2024 08:00:05 +0700\r\n"));
    assert_non_null(strstr(s, "To: <canbo@stp.tinh.gov.vn>\r\n"));
    assert_non_null(strstr(s, "<cchc@tinh.gov.vn>\r\n"));
    assert_non_null(strstr(s, "@tinh.gov.vn>\r\nMIME-Version: 1.0\r\n"));
    assert_non_null(strstr(s, "Content-Type: multipart/alternative; boundary=\"cchc-"));
    /* the subject's words decode back to the line */
    char subject[256];
    remind_mail_subject(m, subject, sizeof subject);
    assert_string_equal(subject,
                        "[CCHC] Bản tin nhắc hạn ngày 22/03/2024: 1 quá hạn, 1 sắp đến hạn");
    const char *p = strstr(s, "Subject: ") + 9;
    char got[256] = "";
    size_t len = 0;
    for (const char *w = strstr(p, "=?UTF-8?B?"); w && w < strstr(p, "\r\nMessage-ID");
         w = strstr(w, "=?UTF-8?B?")) {
        w += 10;
        const char *q = strstr(w, "?=");
        size_t n = 0;
        assert_true(q - w <= 60);
        assert_int_equal(sodium_base642bin((unsigned char *)got + len, sizeof got - len - 1, w,
                                           (size_t)(q - w), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        len += n;
        got[len] = '\0';
        w = q;
    }
    assert_string_equal(got, subject);
    char *text = part(s, "text/plain");
    assert_non_null(strstr(text, "Kính gửi Nguyễn Thị Cán Bộ,"));
    assert_non_null(strstr(text, "QUÁ HẠN\r\n\r\n1. Rà soát <thủ tục> & công khai"));
    assert_non_null(strstr(text, "Hạn: 15/03/2024 (quá hạn 5 ngày làm việc)"));
    assert_non_null(strstr(text, "SẮP ĐẾN HẠN"));
    assert_non_null(strstr(text, "(còn 5 ngày làm việc)"));
    assert_non_null(strstr(text, "https://cchc.tinh.gov.vn/#/nhiem-vu/11"));
    assert_non_null(strstr(text, "THÔNG BÁO TRONG NGÀY"));
    free(text);
    char *html = part(s, "text/html");
    assert_non_null(strstr(html, "<html lang=\"vi\">"));
    assert_non_null(strstr(html, "Rà soát &lt;thủ tục&gt; &amp; công khai"));
    assert_non_null(strstr(html, "<a href=\"https://cchc.tinh.gov.vn/#/bao-cao?nam=2024\">"));
    free(html);
    /* base64 lines stay short */
    for (const char *l = strstr(s, "base64\r\n\r\n"); l && *l; l = strstr(l, "\r\n")) {
        l += 2;
        const char *eol = strstr(l, "\r\n");
        if (!eol)
            break;
        assert_true(eol - l <= 998);
    }
    buf_release(&b);
    json_decref(m);
}

static void refused_and_notice(void **state)
{
    (void)state;
    buf_t b = BUF_INIT(REMIND_MAIL_MAX);
    err_t e = {0};
    json_t *m = digest("a@b.vn\r\nBcc: x@evil.example");
    assert_int_equal(remind_mail_compose(m, &FROM, dtime_now(), &b, &e), ERR_INVALID);
    assert_string_equal(e.code, "mail.payload");
    json_decref(m);
    m = json_pack("{s:s,s:s,s:s}", "to", "a@b.vn", "kind", "digest", "ref", "x");
    assert_int_equal(remind_mail_compose(m, &FROM, dtime_now(), &b, &e), ERR_INVALID);
    json_decref(m);
    /* a single notice; a title with a line break stays on one header line */
    m = json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s,s:s,s:s}}", "to", "a@b.vn", "kind", "notice",
                  "ref", "7", "payload", "type", "notice", "login", "canbo", "name", "", "title",
                  "Đến hạn hôm nay:\r\nBcc: x", "body", "Nhiệm vụ 1 · Sở Tư pháp", "link",
                  "#/nhiem-vu/11");
    buf_reset(&b);
    assert_int_equal(remind_mail_compose(m, &FROM, dtime_now(), &b, &e), 0);
    assert_null(strstr(buf_cstr(&b), "\r\nBcc:"));
    char subject[256];
    remind_mail_subject(m, subject, sizeof subject);
    assert_string_equal(subject, "[CCHC] Đến hạn hôm nay:  Bcc: x");
    char *text = part(buf_cstr(&b), "text/plain");
    assert_non_null(strstr(text, "Kính gửi canbo,"));
    assert_non_null(strstr(text, "https://cchc.tinh.gov.vn/#/nhiem-vu/11"));
    free(text);
    buf_release(&b);
    json_decref(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(digest_message),
                                       cmocka_unit_test(refused_and_notice)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
