/* Unit tests of src/base/numfmt: Vietnamese number formats, ND 30 dates,
 * the number line and Roman numerals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "base/numfmt.h"

#include <math.h>
#include <string.h>

#include "base/banned.h"

static void integers(void **state)
{
    (void)state;
    static const struct {
        int64_t v;
        const char *s;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1.000"},
        {1884, "1.884"},
        {-1884, "-1.884"},
        {123456, "123.456"},
        {-12345678, "-12.345.678"},
        {INT64_MAX, "9.223.372.036.854.775.807"},
        {INT64_MIN, "-9.223.372.036.854.775.808"},
    };
    char out[NUMFMT_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(numfmt_int(cases[i].v, out, sizeof out), 0);
        assert_string_equal(out, cases[i].s);
    }
}

static void decimals(void **state)
{
    (void)state;
    static const struct {
        double v;
        int dec;
        unsigned flags;
        const char *s;
    } cases[] = {
        {94.111, 2, 0, "94,11"},
        {94.115, 2, 0, "94,12"},
        {0.115, 2, 0, "0,12"},
        {0.125, 2, 0, "0,13"},
        {1234.5, 1, 0, "1.234,5"},
        {1234567.891, 2, 0, "1.234.567,89"},
        {-1234.5, 0, 0, "-1.235"},
        {-2.5, 0, 0, "-3"},
        {-0.004, 2, 0, "0,00"},
        {-0.0, 1, 0, "0,0"},
        {99.995, 2, 0, "100,00"},
        {999.9996, 3, 0, "1.000,000"},
        {0.0001, 2, 0, "0,00"},
        {0.000004, 6, 0, "0,000004"},
        {5, 0, 0, "5"},
        {94.10, 2, NUMFMT_TRIM, "94,1"},
        {100.0, 2, NUMFMT_TRIM, "100"},
        {100.25, 2, NUMFMT_TRIM, "100,25"},
        {1e15, 0, 0, "1.000.000.000.000.000"},
    };
    char out[NUMFMT_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(numfmt_dec(cases[i].v, cases[i].dec, cases[i].flags, out, sizeof out), 0);
        assert_string_equal(out, cases[i].s);
    }
    assert_int_equal(numfmt_dec(9.99e29, 6, 0, out, sizeof out), 0);
    assert_true(strlen(out) < NUMFMT_MAX);
}

static void percents(void **state)
{
    (void)state;
    char out[NUMFMT_MAX];
    assert_int_equal(numfmt_pct(94.111, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "94,11%");
    assert_int_equal(numfmt_pct(100, 1, NUMFMT_TRIM, out, sizeof out), 0);
    assert_string_equal(out, "100%");
    assert_int_equal(numfmt_ratio_pct(1881, 1884, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "99,84%");
    assert_int_equal(numfmt_ratio_pct(1, 8, 1, 0, out, sizeof out), 0); /* 12.5 exactly */
    assert_string_equal(out, "12,5%");
    assert_int_equal(numfmt_ratio_pct(1, 8, 0, 0, out, sizeof out), 0); /* 12.5 -> 13 */
    assert_string_equal(out, "13%");
    assert_int_equal(numfmt_ratio_pct(-1, 8, 0, 0, out, sizeof out), 0);
    assert_string_equal(out, "-13%");
    assert_int_equal(numfmt_ratio_pct(2, 3, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "66,67%");
    assert_int_equal(numfmt_ratio_pct(9999999, 10000000, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "100,00%");
    assert_int_equal(numfmt_ratio_pct(1000000000000000LL, 1, 0, 0, out, sizeof out), 0);
    assert_string_equal(out, "100.000.000.000.000.000%");
    assert_int_equal(numfmt_ratio_pct(0, 5, 2, NUMFMT_TRIM, out, sizeof out), 0);
    assert_string_equal(out, "0%");
    assert_int_equal(numfmt_ratio_pct(1, 0, 2, 0, out, sizeof out), ERR_INVALID);
    assert_int_equal(numfmt_ratio_pct(INT64_MAX, 3, 2, 0, out, sizeof out), ERR_RANGE);
}

static void scaled(void **state)
{
    (void)state;
    char out[NUMFMT_MAX];
    assert_int_equal(numfmt_scaled(9411, 2, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "94,11");
    assert_int_equal(numfmt_scaled(94115, 3, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "94,12");
    assert_int_equal(numfmt_scaled(-94115, 3, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "-94,12");
    assert_int_equal(numfmt_scaled(5, 0, 2, 0, out, sizeof out), 0);
    assert_string_equal(out, "5,00");
    assert_int_equal(numfmt_scaled(123456789, 2, 0, 0, out, sizeof out), 0);
    assert_string_equal(out, "1.234.568");
    assert_int_equal(numfmt_scaled(-4, 2, 1, 0, out, sizeof out), 0);
    assert_string_equal(out, "0,0");
    assert_int_equal(numfmt_scaled(INT64_MIN, 6, 6, 0, out, sizeof out), 0);
    assert_string_equal(out, "-9.223.372.036.854,775808");
    assert_int_equal(numfmt_scaled(1, 7, 2, 0, out, sizeof out), ERR_INVALID);
}

static void bad_values_and_small_buffers(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(numfmt_dec(NAN, 2, 0, out, sizeof out), ERR_INVALID);
    assert_string_equal(out, "");
    assert_int_equal(numfmt_dec(INFINITY, 2, 0, out, sizeof out), ERR_INVALID);
    assert_int_equal(numfmt_dec(1.0, 7, 0, out, sizeof out), ERR_INVALID);
    assert_int_equal(numfmt_dec(1.0, -1, 0, out, sizeof out), ERR_INVALID);
    assert_int_equal(numfmt_dec(2e30, 0, 0, out, sizeof out), ERR_RANGE);
    assert_int_equal(numfmt_int(1234567, out, sizeof out), ERR_RANGE); /* "1.234.567" is 9 */
    assert_string_equal(out, "");
    assert_int_equal(numfmt_int(123456, out, sizeof out), 0); /* 7 + NUL fits */
    assert_string_equal(out, "123.456");
    assert_int_equal(numfmt_int(5, out, 0), ERR_RANGE);
    assert_int_equal(numfmt_date_nd30(date_from_ymd(2024, 1, 5), out, sizeof out), ERR_RANGE);
    assert_string_equal(out, "");
}

static void nd30_dates(void **state)
{
    (void)state;
    char out[NUMFMT_DATE_MAX];
    static const struct {
        int y, m, d;
        const char *s;
    } cases[] = {
        {2024, 1, 5, "ngày 05 tháng 01 năm 2024"},  {2024, 2, 29, "ngày 29 tháng 02 năm 2024"},
        {2024, 3, 15, "ngày 15 tháng 3 năm 2024"},  {2024, 9, 9, "ngày 09 tháng 9 năm 2024"},
        {2024, 12, 5, "ngày 05 tháng 12 năm 2024"}, {2023, 11, 30, "ngày 30 tháng 11 năm 2023"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        date_t d = date_from_ymd(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(numfmt_date_nd30(d, out, sizeof out), 0);
        assert_string_equal(out, cases[i].s);
    }
    assert_int_equal(numfmt_date_nd30(DATE_NONE, out, sizeof out), 0);
    assert_string_equal(out, "ngày    tháng    năm");
    assert_int_equal(numfmt_date_nd30_year(2025, out, sizeof out), 0);
    assert_string_equal(out, "ngày    tháng    năm 2025");
    assert_int_equal(numfmt_date_nd30_year(0, out, sizeof out), ERR_INVALID);
}

static void number_line(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(numfmt_docnum(5, "BC-UBND", out, sizeof out), 0);
    assert_string_equal(out, "Số: 05/BC-UBND");
    assert_int_equal(numfmt_docnum(12, "UBND-VX", out, sizeof out), 0);
    assert_string_equal(out, "Số: 12/UBND-VX");
    assert_int_equal(numfmt_docnum(1234, "QĐ-UBND", out, sizeof out), 0);
    assert_string_equal(out, "Số: 1234/QĐ-UBND");
    assert_int_equal(numfmt_docnum(0, "BC-UBND", out, sizeof out), 0);
    assert_string_equal(out, "Số:      /BC-UBND");
    assert_int_equal(numfmt_docnum(-3, "BC-SNV", out, sizeof out), 0);
    assert_string_equal(out, "Số:      /BC-SNV");
    assert_int_equal(numfmt_docnum(7, NULL, out, sizeof out), 0);
    assert_string_equal(out, "Số: 07");
    assert_int_equal(numfmt_docnum(7, "BC-UBND", out, 10), ERR_RANGE);
    assert_string_equal(out, "");
}

static void roman(void **state)
{
    (void)state;
    char out[24];
    static const struct {
        int v;
        const char *s;
    } cases[] = {
        {1, "I"},    {2, "II"},  {4, "IV"},    {5, "V"},         {9, "IX"},
        {14, "XIV"}, {40, "XL"}, {99, "XCIX"}, {2024, "MMXXIV"}, {3888, "MMMDCCCLXXXVIII"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(numfmt_roman(cases[i].v, out, sizeof out), 0);
        assert_string_equal(out, cases[i].s);
    }
    assert_int_equal(numfmt_roman(0, out, sizeof out), ERR_RANGE);
    assert_int_equal(numfmt_roman(4000, out, sizeof out), ERR_RANGE);
    assert_int_equal(numfmt_roman(3888, out, 4), ERR_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers),
        cmocka_unit_test(decimals),
        cmocka_unit_test(percents),
        cmocka_unit_test(scaled),
        cmocka_unit_test(bad_values_and_small_buffers),
        cmocka_unit_test(nd30_dates),
        cmocka_unit_test(number_line),
        cmocka_unit_test(roman),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
