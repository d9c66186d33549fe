/* Unit tests of src/base: buffers, views, text keys, dates, errors, JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void buf_grows_and_limits(void **state)
{
    (void)state;
    buf_t b;
    buf_init(&b, 16);
    assert_int_equal(buf_puts(&b, "0123456789"), 0);
    assert_int_equal(buf_printf(&b, "%d", 12345), 0);
    assert_string_equal(buf_cstr(&b), "012345678912345");
    assert_int_equal(buf_puts(&b, "xx"), ERR_TOOLARGE);
    assert_string_equal(buf_cstr(&b), "012345678912345");
    buf_release(&b);
    buf_init(&b, BUF_MAX_TEXT);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(buf_printf(&b, "%04d", i), 0);
    assert_int_equal(b.len, 4000);
    buf_reset(&b);
    assert_int_equal(buf_put_json_str(&b, "a\"b\\\n\x01", 6), 0);
    assert_string_equal(buf_cstr(&b), "\"a\\\"b\\\\\\n\\u0001\"");
    char *s = buf_detach(&b);
    assert_non_null(s);
    mem_free(s);
}

/* A buffer whose maximum was never stated takes nothing (no implicit 1 GiB). */
static void buf_without_maximum_refuses(void **state)
{
    (void)state;
    buf_t z = {0};
    assert_int_equal(buf_puts(&z, "x"), ERR_TOOLARGE);
    assert_int_equal(z.len, 0);
    assert_string_equal(buf_cstr(&z), "");
    buf_release(&z);
}

static void buf_survives_alloc_failure(void **state)
{
    (void)state;
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    mem_fail_after(1);
    assert_int_equal(buf_puts(&b, "abc"), ERR_NOMEM);
    mem_fail_after(-1);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

static void mem_grow_checks_and_keeps_on_failure(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    assert_int_equal(MEM_GROW(a, cap, 1), 0);
    assert_true(cap >= 8);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(MEM_GROW(a, cap, (size_t)i + 1), 0);
        a[i] = i;
    }
    assert_true(cap >= 1000 && cap < 3000);
    size_t before = cap;
    int *keep = a;
    mem_fail_after(1);
    assert_int_equal(MEM_GROW(a, cap, cap + 1), ERR_NOMEM);
    mem_fail_after(-1);
    assert_ptr_equal(a, keep);
    assert_int_equal(cap, before);
    assert_int_equal(a[999], 999);
    assert_int_equal(MEM_GROW(a, cap, SIZE_MAX / 2), ERR_TOOLARGE);
    assert_int_equal(cap, before);
    mem_free(a);
}

static void sv_basics(void **state)
{
    (void)state;
    sv_t s = sv_trim(sv_from("  a,b  "));
    assert_true(sv_eq(s, "a,b"));
    sv_t head;
    bool found;
    sv_t rest = sv_split(s, ',', &head, &found);
    assert_true(found);
    assert_true(sv_eq(head, "a"));
    assert_true(sv_eq(rest, "b"));
    long v;
    assert_true(sv_to_long(sv_from("1234"), &v));
    assert_int_equal(v, 1234);
    assert_false(sv_to_long(sv_from("12a"), &v));
    assert_false(sv_to_long(sv_from(""), &v));
}

static void text_keys_fold_accents_case_spacing(void **state)
{
    (void)state;
    int rc;
    char *k = text_key("Sở Nội vụ", strlen("Sở Nội vụ"), &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(k, "so noi vu");
    mem_free(k);
    assert_true(text_key_eq("Sở Nội vụ", "SO NOI VU"));
    assert_true(text_key_eq("Sở Nội vụ", "  sở   nội-vụ "));
    assert_true(text_key_eq("Đảng ủy", "dang uy"));
    assert_true(text_key_eq("ĐÀ NẴNG", "Đà Nẵng"));
    assert_false(text_key_eq("Sở Nội vụ", "Sở Ngoại vụ"));
    /* Decomposed input gives the same key as precomposed. */
    assert_true(text_key_eq("So\xcc\x9b\xcc\x89", "Sở"));
}

static void text_nfc_and_invalid(void **state)
{
    (void)state;
    int rc;
    /* "ở" decomposed: o + horn + hook above */
    char *n = text_nfc("o\xcc\x9b\xcc\x89", 5, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(n, "ở");
    mem_free(n);
    assert_null(text_nfc("\xff\xfe", 2, &rc));
    assert_int_equal(rc, ERR_INVALID);
    assert_false(text_valid("\xc3", 1));
    char *u = text_upper("sở nội vụ", strlen("sở nội vụ"), &rc);
    assert_string_equal(u, "SỞ NỘI VỤ");
    mem_free(u);
    char *l = text_lower("SỞ NỘI VỤ", strlen("SỞ NỘI VỤ"), &rc);
    assert_string_equal(l, "sở nội vụ");
    mem_free(l);
    assert_int_equal(text_length("Việt", strlen("Việt")), 4);
    char *t = text_truncate("Việt", 3); /* "Vi" + first byte of ệ would split */
    assert_string_equal(t, "Vi");
    mem_free(t);
}

static void dates_civil_roundtrip(void **state)
{
    (void)state;
    assert_int_equal(date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(date_weekday(date_from_ymd(2024, 2, 10)), 6); /* Saturday */
    for (date_t d = date_from_ymd(1899, 12, 1); d < date_from_ymd(2201, 1, 1); d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        assert_true(date_valid_ymd(y, m, dd));
        assert_int_equal(date_from_ymd(y, m, dd), d);
    }
    assert_true(date_is_leap(2000));
    assert_false(date_is_leap(1900));
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2023, 13), 0);
}

static void dates_parse_forms(void **state)
{
    (void)state;
    date_t d;
    char s[DATE_ISO_LEN];
    assert_int_equal(date_parse("2024-02-10", 10, &d), 0);
    date_format(d, s);
    assert_string_equal(s, "2024-02-10");
    assert_int_equal(date_parse("1/3/2024", 8, &d), 0);
    date_format(d, s);
    assert_string_equal(s, "2024-03-01");
    date_format_vn(d, s);
    assert_string_equal(s, "01/03/2024");
    assert_int_equal(date_parse(" 16/01/2024 ", 12, &d), 0);
    assert_int_equal(date_parse("30/02/2024", 10, &d), ERR_RANGE);
    assert_int_equal(date_parse("2023-02-29", 10, &d), ERR_RANGE);
    assert_int_equal(date_parse("2024-1-5", 8, &d), ERR_INVALID);
    assert_int_equal(date_parse("abc", 3, &d), ERR_INVALID);
    assert_int_equal(date_parse("", 0, &d), ERR_INVALID);
    assert_int_equal(date_parse("12/12/99999", 11, &d), ERR_INVALID);
}

static void dtimes_parse_forms(void **state)
{
    (void)state;
    dtime_t t;
    char s[DTIME_ISO_LEN];
    assert_int_equal(dtime_parse("2024-02-07 09:00", 16, &t), 0);
    dtime_format_min(t, s);
    assert_string_equal(s, "2024-02-07T09:00");
    assert_int_equal(dtime_parse("07/02/2024 09:05:30", 19, &t), 0);
    dtime_format(t, s);
    assert_string_equal(s, "2024-02-07T09:05:30");
    /* An offset converts to local time (UTC+7). */
    assert_int_equal(dtime_parse("2024-02-07T02:00:00Z", 20, &t), 0);
    dtime_format(t, s);
    assert_string_equal(s, "2024-02-07T09:00:00");
    assert_int_equal(dtime_parse("2024-02-07T09:00:00+07:00", 25, &t), 0);
    dtime_format(t, s);
    assert_string_equal(s, "2024-02-07T09:00:00");
    assert_int_equal(dtime_parse("2024-02-07T09:00:00.123+0700", 28, &t), 0);
    assert_int_equal(dtime_parse("2024-02-07", 10, &t), 0);
    assert_int_equal(dtime_minute_of_day(t), 0);
    assert_int_equal(dtime_parse("2024-02-07 24:00", 16, &t), ERR_RANGE);
    assert_int_equal(dtime_parse("2024-02-07 9", 12, &t), ERR_INVALID);
    assert_int_equal(dtime_parse("2024-02-07 09:00 x", 18, &t), ERR_INVALID);
    /* Before 1970 works too. */
    assert_int_equal(dtime_parse("1969-12-31 23:59", 16, &t), 0);
    dtime_format_min(t, s);
    assert_string_equal(s, "1969-12-31T23:59");
    assert_int_equal(dtime_utc(dtime_from_utc(12345)), 12345);
}

static void errors_carry_code_and_messages(void **state)
{
    (void)state;
    err_t e;
    err_clear(&e);
    int rc =
        err_set(&e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy '%s'", "Not found '%s'", "X");
    assert_int_equal(rc, ERR_NOTFOUND);
    assert_string_equal(e.code, "unit.not_found");
    assert_string_equal(e.vi, "Không tìm thấy 'X'");
    assert_string_equal(e.en, "Not found 'X'");
    err_prefix(&e, "a.csv:3: ");
    assert_string_equal(e.en, "a.csv:3: Not found 'X'");
    assert_int_equal(err_http_status(ERR_NOTFOUND), 404);
    assert_int_equal(err_http_status(ERR_TOOLARGE), 413);
    assert_int_equal(err_http_status(ERR_DB), 500);
    assert_int_equal(err_set(NULL, ERR_INVALID, "x", "y", "z"), ERR_INVALID);
}

static void json_helpers(void **state)
{
    (void)state;
    err_t e;
    json_t *v = jsonx_parse("{\"a\":\"x\",\"n\":5,\"b\":true}", 24, &e);
    assert_non_null(v);
    assert_string_equal(jsonx_str(v, "a", ""), "x");
    assert_int_equal(jsonx_int(v, "n", 0), 5);
    assert_true(jsonx_bool(v, "b", false));
    assert_string_equal(jsonx_str(v, "zz", "def"), "def");
    const char *s;
    long long n;
    assert_int_equal(jsonx_req_str(v, "n", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "json.field_type");
    assert_int_equal(jsonx_req_int(v, "missing", &n, &e), ERR_INVALID);
    assert_string_equal(e.code, "json.field_missing");
    json_decref(v);
    assert_null(jsonx_parse("{\"a\":", 5, &e));
    assert_string_equal(e.code, "json.malformed");
    err_set(&e, ERR_INVALID, "c", "vi", "en");
    json_t *j = jsonx_error(&e);
    char *d = jsonx_dump(j);
    assert_string_equal(d, "{\"error\":{\"code\":\"c\",\"message\":\"vi\",\"message_en\":\"en\"}}");
    free(d);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_and_limits),
        cmocka_unit_test(buf_without_maximum_refuses),
        cmocka_unit_test(buf_survives_alloc_failure),
        cmocka_unit_test(mem_grow_checks_and_keeps_on_failure),
        cmocka_unit_test(sv_basics),
        cmocka_unit_test(text_keys_fold_accents_case_spacing),
        cmocka_unit_test(text_nfc_and_invalid),
        cmocka_unit_test(dates_civil_roundtrip),
        cmocka_unit_test(dates_parse_forms),
        cmocka_unit_test(dtimes_parse_forms),
        cmocka_unit_test(errors_carry_code_and_messages),
        cmocka_unit_test(json_helpers),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
