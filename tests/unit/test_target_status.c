/* test_target_status.c - targets against measurements (domain/target_status.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/target_status.h"

#include <math.h>
#include <string.h>

#include "base/banned.h"

static void comparators(void **state)
{
    (void)state;
    assert_true(target_status_meets(PLANPARSE_OP_GE, 95, 0, 95));
    assert_false(target_status_meets(PLANPARSE_OP_GE, 95, 0, 94.99));
    assert_false(target_status_meets(PLANPARSE_OP_GT, 95, 0, 95));
    assert_true(target_status_meets(PLANPARSE_OP_GT, 95, 0, 95.01));
    assert_true(target_status_meets(PLANPARSE_OP_EQ, 100, 0, 100));
    assert_false(target_status_meets(PLANPARSE_OP_EQ, 100, 0, 99.99));
    assert_true(target_status_meets(PLANPARSE_OP_LE, 5, 0, 5));
    assert_false(target_status_meets(PLANPARSE_OP_LT, 5, 0, 5));
    assert_true(target_status_meets(PLANPARSE_OP_LT, 5, 0, 4.5));
    assert_true(target_status_meets(PLANPARSE_OP_BETWEEN, 80, 90, 80));
    assert_true(target_status_meets(PLANPARSE_OP_BETWEEN, 80, 90, 90));
    assert_false(target_status_meets(PLANPARSE_OP_BETWEEN, 80, 90, 90.5));
}

static void statuses(void **state)
{
    (void)state;
    /* no data */
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, false, 0, true, false, 0),
                     TARGET_STATUS_NO_DATA);
    /* closed year: met or not */
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 96, false, true, 80),
                     TARGET_STATUS_MET);
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 90, false, true, 99),
                     TARGET_STATUS_NOT_MET);
    /* open year: met now, projected to miss -> at risk; projection unknown -> met */
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 96, true, true, 93),
                     TARGET_STATUS_AT_RISK);
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 96, true, false, 0),
                     TARGET_STATUS_MET);
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 96, true, true, 97),
                     TARGET_STATUS_MET);
    assert_int_equal(target_status_status(PLANPARSE_OP_GE, 95, 0, true, 90, true, true, 99),
                     TARGET_STATUS_NOT_MET);
    /* lower is better */
    assert_int_equal(target_status_status(PLANPARSE_OP_LE, 5, 0, true, 4, true, true, 7),
                     TARGET_STATUS_AT_RISK);
    assert_int_equal(target_status_status(PLANPARSE_OP_LE, 5, 0, true, 4, true, true, 3),
                     TARGET_STATUS_MET);
    assert_string_equal(target_status_code(TARGET_STATUS_AT_RISK), "co_nguy_co");
    assert_string_equal(target_status_label_vi(TARGET_STATUS_NOT_MET), "Chưa đạt");
    assert_string_equal(target_status_label_vi(TARGET_STATUS_MET), "Đạt");
    assert_string_equal(target_status_label_en(TARGET_STATUS_NO_DATA), "No data");
}

static void projection(void **state)
{
    (void)state;
    double p = -1;
    /* flat 96 % for 6 months: the year ends at 96 % */
    target_status_month_t flat[6];
    for (int i = 0; i < 6; i++)
        flat[i] = (target_status_month_t){96, 100};
    assert_true(target_status_project_year(flat, 6, &p));
    assert_true(fabs(p - 96) < 1e-9);
    /* falling 2 points a month from 100: Jan..Jun 100..90, Jul..Dec 88..78;
     * equal denominators: the year's value is the mean 89 */
    target_status_month_t fall[6];
    for (int i = 0; i < 6; i++)
        fall[i] = (target_status_month_t){100 - 2 * i, 100};
    assert_true(target_status_project_year(fall, 6, &p));
    assert_true(fabs(p - 89) < 1e-9);
    /* a projection never leaves 0..100 */
    target_status_month_t rise[3] = {{60, 100}, {90, 100}, {100, 100}};
    assert_true(target_status_project_year(rise, 3, &p));
    assert_true(p <= 100 && p > 90);
    /* fewer than three months with data, or the year over: none */
    target_status_month_t sparse[4] = {{1, 1}, {0, 0}, {0, 0}, {1, 2}};
    assert_false(target_status_project_year(sparse, 4, &p));
    target_status_month_t year[12];
    for (int i = 0; i < 12; i++)
        year[i] = (target_status_month_t){1, 1};
    assert_false(target_status_project_year(year, 12, &p));
    assert_false(target_status_project_year(year, 0, &p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comparators),
        cmocka_unit_test(statuses),
        cmocka_unit_test(projection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
