/* Unit tests of src/domain/report_kind: codes, labels, periods, window and
 * due texts written for one kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/report_kind.h"

#include <string.h>

#include "base/banned.h"

static void codes_and_labels(void **state)
{
    (void)state;
    static const char *codes[] = {"quy1", "6thang", "quy3", "9thang", "nam", "dot_xuat"};
    for (int k = 0; k < REPORT_KIND_COUNT; k++) {
        report_kind_t out;
        assert_string_equal(report_kind_code((report_kind_t)k), codes[k]);
        assert_int_equal(report_kind_parse(codes[k], strlen(codes[k]), &out, NULL), 0);
        assert_int_equal(out, k);
    }
    assert_string_equal(report_kind_label_vi(REPORT_KIND_QUY1), "Báo cáo quý I");
    assert_string_equal(report_kind_label_vi(REPORT_KIND_6THANG), "Báo cáo 6 tháng");
    assert_string_equal(report_kind_label_vi(REPORT_KIND_QUY3), "Báo cáo quý III");
    assert_string_equal(report_kind_label_vi(REPORT_KIND_DOT_XUAT), "Báo cáo đột xuất");
    assert_string_equal(report_kind_label_en(REPORT_KIND_NAM), "Annual report");
    assert_string_equal(report_kind_code((report_kind_t)42), "?");
    assert_string_equal(report_kind_label_vi((report_kind_t)-1), "?");
    report_kind_t k;
    assert_int_equal(report_kind_parse(" NAM ", 5, &k, NULL), 0);
    assert_int_equal(k, REPORT_KIND_NAM);
    err_t e;
    assert_int_equal(report_kind_parse("quy2", 4, &k, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.kind");
    assert_int_equal(report_kind_parse(NULL, 0, &k, &e), ERR_INVALID);
    assert_true(report_kind_default(REPORT_KIND_QUY1));
    assert_true(report_kind_default(REPORT_KIND_QUY3));
    assert_false(report_kind_default(REPORT_KIND_9THANG));
    assert_false(report_kind_default(REPORT_KIND_DOT_XUAT));
}

static void periods(void **state)
{
    (void)state;
    period_id_t id;
    assert_int_equal(report_kind_period(REPORT_KIND_QUY3, 2024, &id, NULL), 0);
    assert_int_equal(id.regime, PERIOD_QUARTERLY);
    assert_int_equal(id.index, 3);
    assert_int_equal(id.year, 2024);
    assert_int_equal(report_kind_period(REPORT_KIND_6THANG, 2024, &id, NULL), 0);
    assert_int_equal(id.regime, PERIOD_SEMIANNUAL);
    assert_int_equal(report_kind_period(REPORT_KIND_9THANG, 2024, &id, NULL), 0);
    assert_int_equal(id.regime, PERIOD_NINEMONTH);
    err_t e;
    assert_int_equal(report_kind_period(REPORT_KIND_DOT_XUAT, 2024, &id, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.kind");
    assert_int_equal(report_kind_period(REPORT_KIND_NAM, 1800, &id, &e), ERR_RANGE);
    assert_string_equal(e.code, "report_cal.year");

    report_kind_t k;
    period_id_t q1 = {PERIOD_QUARTERLY, 2024, 1}, q2 = {PERIOD_QUARTERLY, 2024, 2};
    period_id_t y = {PERIOD_ANNUAL, 2024, 1}, m = {PERIOD_MONTHLY, 2024, 3};
    assert_int_equal(report_kind_of_period(q1, &k), 0);
    assert_int_equal(k, REPORT_KIND_QUY1);
    assert_int_equal(report_kind_of_period(y, &k), 0);
    assert_int_equal(k, REPORT_KIND_NAM);
    assert_int_equal(report_kind_of_period(q2, &k), ERR_NOTFOUND);
    assert_int_equal(report_kind_of_period(m, &k), ERR_NOTFOUND);
    int first, last;
    assert_int_equal(report_kind_months(REPORT_KIND_QUY3, &first, &last), 0);
    assert_int_equal(first, 7);
    assert_int_equal(last, 9);
    assert_int_equal(report_kind_months(REPORT_KIND_DOT_XUAT, &first, &last), ERR_INVALID);
}

static void check_window(report_kind_t k, const char *s, int fd, int fm, int td, int tm)
{
    period_window_t w;
    err_t e;
    char back[REPORT_KIND_RULE_MAX];
    if (report_kind_window_parse(k, s, strlen(s), &w, &e) != 0)
        fail_msg("%s: %s", s, e.en);
    assert_int_equal(w.from_day, fd);
    assert_int_equal(w.from_month, fm);
    assert_int_equal(w.to_day, td);
    assert_int_equal(w.to_month, tm);
    report_kind_window_format(k, &w, back);
    assert_string_equal(back, s);
}

static void windows(void **state)
{
    (void)state;
    check_window(REPORT_KIND_QUY1, "15/12-14/3", 15, -1, 14, 0);
    check_window(REPORT_KIND_QUY3, "15/6-14/9", 15, -1, 14, 0);
    check_window(REPORT_KIND_6THANG, "15/12-14/6", 15, -1, 14, 0);
    check_window(REPORT_KIND_NAM, "15/12-24/11", 15, -1, 24, -1);
    check_window(REPORT_KIND_NAM, "1/1-31/12", 1, 0, 31, 0);
    /* Start day after the end day in the same month: a year earlier. */
    check_window(REPORT_KIND_NAM, "15/12-14/12", 15, -1, 14, 0);
    period_window_t w;
    err_t e;
    const char *bad[] = {"", "15/12", "15/13-14/3", "0/12-14/3", "15/12-14/3/2024", "a-b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(report_kind_window_parse(REPORT_KIND_QUY1, bad[i], strlen(bad[i]), &w, &e),
                         ERR_INVALID);
        assert_string_equal(e.code, "report_cal.window");
    }
    assert_int_equal(report_kind_window_parse(REPORT_KIND_DOT_XUAT, "15/12-14/3", 10, &w, &e),
                     ERR_INVALID);
}

static void check_due(report_kind_t k, const char *s, period_due_kind_t kind, int day, int month,
                      int n, const char *canon)
{
    period_due_t d;
    err_t e;
    char back[REPORT_KIND_RULE_MAX];
    if (report_kind_due_parse(k, s, strlen(s), &d, &e) != 0)
        fail_msg("%s: %s", s, e.en);
    assert_int_equal(d.kind, kind);
    assert_int_equal(d.day, day);
    assert_int_equal(d.month, month);
    assert_int_equal(d.n, n);
    report_kind_due_format(k, &d, back);
    assert_string_equal(back, canon);
}

static void dues(void **state)
{
    (void)state;
    check_due(REPORT_KIND_QUY1, "14", PERIOD_DUE_DAY_OF_MONTH, 14, 0, 0, "14");
    check_due(REPORT_KIND_QUY1, "5/3", PERIOD_DUE_DAY_OF_MONTH, 5, 0, 0, "5");
    check_due(REPORT_KIND_QUY3, "5/9", PERIOD_DUE_DAY_OF_MONTH, 5, 0, 0, "5");
    check_due(REPORT_KIND_QUY3, "5/10", PERIOD_DUE_DAY_OF_MONTH, 5, 1, 0, "5/10");
    check_due(REPORT_KIND_NAM, "25/11", PERIOD_DUE_DAY_OF_MONTH, 25, -1, 0, "25/11");
    check_due(REPORT_KIND_NAM, "10/1", PERIOD_DUE_DAY_OF_MONTH, 10, 1, 0, "10/1");
    check_due(REPORT_KIND_6THANG, "+2wd", PERIOD_DUE_WORKDAYS_AFTER, 0, 0, 2, "+2wd");
    check_due(REPORT_KIND_6THANG, " +5d ", PERIOD_DUE_DAYS_AFTER, 0, 0, 5, "+5d");
    check_due(REPORT_KIND_NAM, "none", PERIOD_DUE_NONE, 0, 0, 0, "none");
    check_due(REPORT_KIND_NAM, "", PERIOD_DUE_NONE, 0, 0, 0, "none");
    period_due_t d;
    err_t e;
    const char *bad[] = {"0", "32", "+2w", "+400d", "25/13", "ngày 15", "-2wd"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(report_kind_due_parse(REPORT_KIND_NAM, bad[i], strlen(bad[i]), &d, &e),
                         ERR_INVALID);
        assert_string_equal(e.code, "report_cal.due");
    }
    assert_int_equal(report_kind_due_parse(REPORT_KIND_DOT_XUAT, "15", 2, &d, &e), ERR_INVALID);
    char out[REPORT_KIND_RULE_MAX];
    report_kind_due_format(REPORT_KIND_DOT_XUAT, &d, out);
    assert_string_equal(out, "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_and_labels),
        cmocka_unit_test(periods),
        cmocka_unit_test(windows),
        cmocka_unit_test(dues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
