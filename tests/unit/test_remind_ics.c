/* Tests of io/remind_ics: the calendar of a user's due dates, all-day
 * events with stable UIDs, escaped text, lines folded at 75 octets on
 * character boundaries, CRLF everywhere. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/remind_ics.h"

#include <string.h>

#include "base/banned.h"

static void calendar(void **state)
{
    (void)state;
    json_t *feed = json_pack(
        "{s:s,s:s,s:[{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s},{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s},"
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s}]}",
        "login", "canbo", "name", "Cán bộ", "items", "key", "task:12:2024Q1", "kind", "task",
        "title",
        "Rà soát, đơn giản hóa thủ tục hành chính; công khai kết quả trên Cổng dịch vụ công "
        "quốc gia và Hệ thống thông tin giải quyết thủ tục hành chính",
        "ref", "Nhiệm vụ 3", "unit", "Sở Tư pháp", "due", "2024-03-14", "done", 0, "link",
        "#/nhiem-vu/12", "key", "report:S1:quy1:2024Q1", "kind", "report", "title", "Báo cáo quý I",
        "ref", "Báo cáo quý I", "unit", "Sở Một", "due", "2024-12-31", "done", 1, "link",
        "#/bao-cao", "key", "x", "kind", "task", "title", "no date", "ref", "", "unit", "", "due",
        "", "done", 0, "link", "");
    assert_non_null(feed);
    buf_t b = BUF_INIT(REMIND_ICS_MAX);
    err_t e = {0};
    dtime_t now = dtime_make(date_from_ymd(2024, 3, 1), 8, 0, 0);
    assert_int_equal(remind_ics_write(feed, "https://cchc.tinh.gov.vn", now, &b, &e), 0);
    const char *s = buf_cstr(&b);
    assert_true(strncmp(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(s, "\r\nEND:VCALENDAR\r\n"));
    assert_non_null(strstr(s, "UID:task:12:2024Q1@cchc\r\n"));
    assert_non_null(strstr(s, "DTSTAMP:20240301T010000Z\r\n")); /* 08:00 in Hà Nội */
    assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20240314\r\nDTEND;VALUE=DATE:20240315\r\n"));
    assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n"));
    assert_non_null(strstr(s, "SUMMARY:✓ Báo cáo quý I\r\n"));
    assert_non_null(strstr(s, "URL:https://cchc.tinh.gov.vn/#/nhiem-vu/12\r\n"));
    assert_non_null(strstr(s, "Rà soát\\, đơn giản hóa thủ tục hành chính\\;"));
    assert_null(strstr(s, "no date")); /* no due date: no event */
    assert_int_equal((int)(strstr(s, "BEGIN:VEVENT") != NULL), 1);
    /* every line ends CRLF, is at most 75 octets, and never splits a character */
    size_t lines = 0;
    for (const char *p = s; *p;) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        assert_true(eol - p <= 75);
        if (p != s && *p == ' ')
            assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
        p = eol + 2;
        lines++;
    }
    assert_true(lines > 20);
    assert_null(strstr(s, "\n\n"));
    buf_release(&b);
    /* too large for the buffer's maximum */
    buf_t small = BUF_INIT(200);
    assert_int_equal(remind_ics_write(feed, "", now, &small, &e), ERR_TOOLARGE);
    buf_release(&small);
    json_decref(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(calendar)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
