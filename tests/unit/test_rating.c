/* Unit tests of src/domain/rating: the rules file, receipt codes as shown
 * and as typed, the phone's last four digits, and the checks of a
 * submission (bad inputs included). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/rating.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int parse(const char *json, rating_rules_t *r, err_t *e)
{
    return rating_rules_parse(json, strlen(json), r, e);
}

static void rules_defaults_and_file(void **state)
{
    (void)state;
    rating_rules_t r;
    err_t e;
    rating_rules_default(&r);
    assert_int_equal(r.factor, RATING_FACTOR_RECEIPT);
    assert_int_equal(r.ncriteria, 0);
    assert_int_equal(parse("{\"format\":\"cchc-rating/1\",\"version\":\"v2\","
                           "\"second_factor\":\"either\",\"comment_max\":20,"
                           "\"criteria\":[{\"code\":\"thai_do\",\"label\":\"Thái độ\"},"
                           "{\"code\":\"ket_qua\",\"label\":\"Kết quả\",\"label_en\":\"Result\"}]}",
                           &r, &e),
                     0);
    assert_int_equal(r.factor, RATING_FACTOR_EITHER);
    assert_int_equal(r.comment_max, 20);
    assert_int_equal(r.ncriteria, 2);
    assert_string_equal(r.criteria[0].label_en, "Thái độ"); /* English defaults to Vietnamese */
    assert_string_equal(r.criteria[1].label_en, "Result");
    assert_string_equal(r.version, "v2");
}

static void rules_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "[]",
        "{\"format\":\"other/1\"}",
        "{\"format\":\"cchc-rating/1\",\"second_factor\":\"sms\"}",
        "{\"format\":\"cchc-rating/1\",\"comment_max\":-1}",
        "{\"format\":\"cchc-rating/1\",\"comment_max\":99999}",
        "{\"format\":\"cchc-rating/1\",\"criteria\":{}}",
        "{\"format\":\"cchc-rating/1\",\"criteria\":[{\"code\":\"Bad Code\",\"label\":\"x\"}]}",
        "{\"format\":\"cchc-rating/1\",\"criteria\":[{\"code\":\"a\",\"label\":\"\"}]}",
        "{\"format\":\"cchc-rating/1\",\"criteria\":[{\"code\":\"a\",\"label\":\"x\"},"
        "{\"code\":\"a\",\"label\":\"y\"}]}",
        "{\"format\":\"cchc-rating/1\",\"criteria\":[1,2,3,4,5,6,7,8,9,10]}",
        "{\"format\":\"cchc-rating/1\",\"version\":\"0123456789012345678901234567890123456789\"}",
        "{not json",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rating_rules_t r;
        err_t e;
        assert_int_equal(parse(bad[i], &r, &e), ERR_INVALID);
        assert_int_equal(r.factor, RATING_FACTOR_RECEIPT); /* defaults kept */
        assert_int_equal(r.ncriteria, 0);
    }
}

static void receipt_codes(void **state)
{
    (void)state;
    unsigned char zero[RATING_RECEIPT_BYTES] = {0};
    unsigned char ones[RATING_RECEIPT_BYTES] = {0xff, 0xff, 0xff, 0xff, 0xff};
    unsigned char mix[RATING_RECEIPT_BYTES] = {0x12, 0x34, 0x56, 0x78, 0x9a};
    char out[RATING_RECEIPT_LEN + 1];
    rating_receipt_format(zero, out);
    assert_string_equal(out, "0000-0000");
    rating_receipt_format(ones, out);
    assert_string_equal(out, "ZZZZ-ZZZZ");
    /* 0x123456789a = 00010 01000 11010 00101 01100 11110 00100 11010 */
    rating_receipt_format(mix, out);
    assert_string_equal(out, "28T5-CY4T");
    char n[RATING_RECEIPT_SYMS + 1], m[RATING_RECEIPT_SYMS + 1];
    assert_true(rating_receipt_normalize("28t5 cy4t", n));
    assert_string_equal(n, "28T5CY4T");
    assert_true(rating_receipt_normalize(" 28T5-CY4T ", m));
    assert_true(rating_receipt_equal(n, m));
    assert_true(rating_receipt_normalize("OIL0-0000", n)); /* O -> 0, I and L -> 1 */
    assert_string_equal(n, "01100000");
    assert_false(rating_receipt_normalize("28T5-CY4", n));   /* too short */
    assert_false(rating_receipt_normalize("28T5-CY4TT", n)); /* too long */
    assert_false(rating_receipt_normalize("28T5-CY4U", n));  /* U is not a symbol */
    assert_false(rating_receipt_normalize("28T5_CY4T", n));
    assert_false(rating_receipt_normalize(NULL, n));
    assert_false(rating_receipt_equal("28T5CY4T", "28T5CY4Z"));
    assert_false(rating_receipt_equal("28T5CY4T", "28T5CY4"));
}

static void phone_digits(void **state)
{
    (void)state;
    char d[5];
    assert_true(rating_phone4("0912 345 678", d));
    assert_string_equal(d, "5678");
    assert_true(rating_phone4("+84.912-345-678", d));
    assert_string_equal(d, "5678");
    assert_true(rating_phone4("5678", d));
    assert_false(rating_phone4("678", d));
    assert_false(rating_phone4("09x2345678", d));
    assert_false(rating_phone4("", d));
    assert_false(rating_phone4("0912+345678", d)); /* + only in front */
}

static void submission_checks(void **state)
{
    (void)state;
    rating_rules_t r;
    err_t e;
    assert_int_equal(parse("{\"format\":\"cchc-rating/1\",\"comment_max\":12,\"criteria\":["
                           "{\"code\":\"a\",\"label\":\"A\"},{\"code\":\"b\",\"label\":\"B\"}]}",
                           &r, &e),
                     0);
    rating_in_t in = {0};
    in.level = 3;
    assert_int_equal(rating_check(&r, &in, &e), 0);
    in.codes[0] = "a";
    in.levels[0] = 1;
    in.codes[1] = "b";
    in.levels[1] = 2;
    in.n = 2;
    in.comment = "Tốt lắm";
    assert_int_equal(rating_check(&r, &in, &e), 0);
    in.level = 4;
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.level");
    in.level = 0;
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    in.level = 2;
    in.levels[1] = 5;
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.level");
    in.levels[1] = 2;
    in.codes[1] = "a"; /* repeated */
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.criterion");
    in.codes[1] = "z"; /* unknown */
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.criterion");
    in.n = 1;
    in.comment = "quá mười một byte";
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.comment");
    in.comment = "a\x01";
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    in.comment = "\xff\xfe";
    assert_int_equal(rating_check(&r, &in, &e), ERR_INVALID);
    in.comment = "a\nb";
    assert_int_equal(rating_check(&r, &in, &e), 0);
    assert_string_equal(rating_level_label_vi(1), "Không hài lòng");
    assert_string_equal(rating_level_label_en(3), "Very satisfied");
    assert_string_equal(rating_level_label_vi(9), "");
}

static void shipped_rules_parse(void **state)
{
    (void)state;
    FILE *f = fopen("data/citizens/rating.json", "rb");
    if (!f)
        skip();
    char buf[16384];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    rating_rules_t r;
    err_t e;
    assert_int_equal(rating_rules_parse(buf, n, &r, &e), 0);
    assert_int_equal(r.ncriteria, 9);
    assert_int_equal(r.factor, RATING_FACTOR_RECEIPT);
}

static void rules_out_of_memory(void **state)
{
    (void)state;
    const char *json =
        "{\"format\":\"cchc-rating/1\",\"criteria\":[{\"code\":\"a\",\"label\":\"A\"}]}";
    for (long k = 0; k < 40; k++) {
        rating_rules_t r;
        err_t e;
        mem_fail_after(k);
        int rc = parse(json, &r, &e);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc < 0);
        if (rc)
            assert_int_equal(r.ncriteria, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules_defaults_and_file), cmocka_unit_test(rules_refused),
        cmocka_unit_test(receipt_codes),           cmocka_unit_test(phone_digits),
        cmocka_unit_test(submission_checks),       cmocka_unit_test(shipped_rules_parse),
        cmocka_unit_test(rules_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
