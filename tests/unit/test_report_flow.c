/* Unit tests of src/domain/report_flow: the report state machine (every
 * status x action pair), status/action codes and labels, which side acts,
 * and days late with calendar days, a Monday-Friday calendar checked
 * against a brute-force count, and a failing calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/report_flow.h"
#include "support/weekdays.h"

#include <string.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static int broken_calendar(void *ctx, date_t from, int n, date_t *out)
{
    int *calls = ctx;
    (*calls)++;
    (void)from;
    (void)n;
    (void)out;
    return ERR_RANGE;
}

/* The definition, brute force: the smallest n such that the n-th working
 * day after due is on or after `on` = 1 + the working days strictly
 * between due and on. */
static int brute_late(date_t due, date_t on)
{
    if (on <= due)
        return 0;
    int n = 1;
    for (date_t d = due + 1; d < on; d++)
        n += weekdays_is_working(d);
    return n;
}

static int late(date_t due, date_t on, report_flow_workdays_fn fn, void *ctx)
{
    int days = -1;
    err_t e;
    int rc = report_flow_days_late(due, on, fn, ctx, &days, &e);
    if (rc)
        fail_msg("report_flow_days_late: %s", e.en);
    return days;
}

/* --- state machine ----------------------------------------------------- */

static void every_status_action_pair(void **state)
{
    (void)state;
    /* expected next status, or -1 with the refusal code */
    static const struct {
        report_status_t s;
        report_action_t a;
        int next;
        const char *code;
    } cases[] = {
        {REPORT_DRAFT, REPORT_EDIT, REPORT_DRAFT, NULL},
        {REPORT_DRAFT, REPORT_SUBMIT, REPORT_SUBMITTED, NULL},
        {REPORT_DRAFT, REPORT_RETURN, -1, "report.not_submitted"},
        {REPORT_DRAFT, REPORT_ACCEPT, -1, "report.not_submitted"},
        {REPORT_SUBMITTED, REPORT_EDIT, -1, "report.already_submitted"},
        {REPORT_SUBMITTED, REPORT_SUBMIT, -1, "report.already_submitted"},
        {REPORT_SUBMITTED, REPORT_RETURN, REPORT_RETURNED, NULL},
        {REPORT_SUBMITTED, REPORT_ACCEPT, REPORT_ACCEPTED, NULL},
        {REPORT_RETURNED, REPORT_EDIT, REPORT_RETURNED, NULL},
        {REPORT_RETURNED, REPORT_SUBMIT, REPORT_SUBMITTED, NULL}, /* a resubmission */
        {REPORT_RETURNED, REPORT_RETURN, -1, "report.not_submitted"},
        {REPORT_RETURNED, REPORT_ACCEPT, -1, "report.not_submitted"},
        {REPORT_ACCEPTED, REPORT_EDIT, -1, "report.locked"},
        {REPORT_ACCEPTED, REPORT_SUBMIT, -1, "report.locked"},
        {REPORT_ACCEPTED, REPORT_RETURN, -1, "report.locked"},
        {REPORT_ACCEPTED, REPORT_ACCEPT, -1, "report.locked"},
    };
    size_t n = sizeof cases / sizeof cases[0];
    assert_int_equal(n, REPORT_STATUS_COUNT * REPORT_ACTION_COUNT);
    for (size_t i = 0; i < n; i++) {
        report_status_t next = (report_status_t)99;
        err_t e;
        err_clear(&e);
        int rc = report_flow_step(cases[i].s, cases[i].a, &next, &e);
        if (cases[i].next >= 0) {
            assert_int_equal(rc, 0);
            assert_int_equal(next, cases[i].next);
            /* next and err_t are optional */
            assert_int_equal(report_flow_step(cases[i].s, cases[i].a, NULL, NULL), 0);
        } else {
            assert_int_equal(rc, ERR_CONFLICT);
            assert_int_equal(e.status, ERR_CONFLICT);
            assert_string_equal(e.code, cases[i].code);
            assert_true(e.vi[0] && e.en[0]);
            assert_int_equal(next, 99); /* untouched on refusal */
            assert_int_equal(report_flow_step(cases[i].s, cases[i].a, NULL, NULL), ERR_CONFLICT);
        }
    }
    /* the whole cycle of the header's diagram */
    report_status_t s = REPORT_DRAFT;
    static const report_action_t cycle[] = {REPORT_EDIT, REPORT_SUBMIT, REPORT_RETURN,
                                            REPORT_EDIT, REPORT_SUBMIT, REPORT_ACCEPT};
    static const report_status_t after[] = {REPORT_DRAFT,    REPORT_SUBMITTED, REPORT_RETURNED,
                                            REPORT_RETURNED, REPORT_SUBMITTED, REPORT_ACCEPTED};
    for (size_t i = 0; i < sizeof cycle / sizeof cycle[0]; i++) {
        assert_int_equal(report_flow_step(s, cycle[i], &s, NULL), 0);
        assert_int_equal(s, after[i]);
    }
}

static void invalid_status_or_action(void **state)
{
    (void)state;
    err_t e;
    report_status_t next = REPORT_DRAFT;
    /* an action outside the enum, in every status (accepted included) */
    for (int s = 0; s < REPORT_STATUS_COUNT; s++) {
        err_clear(&e);
        assert_int_equal(report_flow_step((report_status_t)s, REPORT_ACTION_COUNT, &next, &e),
                         ERR_INVALID);
        assert_string_equal(e.code, "report.action");
        assert_int_equal(report_flow_step((report_status_t)s, (report_action_t)-1, NULL, NULL),
                         ERR_INVALID);
    }
    /* a status outside the enum is never turned into a valid one */
    for (int a = 0; a < REPORT_ACTION_COUNT; a++) {
        next = REPORT_DRAFT;
        err_clear(&e);
        assert_int_equal(report_flow_step(REPORT_STATUS_COUNT, (report_action_t)a, &next, &e),
                         ERR_INVALID);
        assert_string_equal(e.code, "report.status");
        assert_int_equal(next, REPORT_DRAFT);
        assert_int_equal(report_flow_step((report_status_t)-1, (report_action_t)a, NULL, NULL),
                         ERR_INVALID);
    }
}

static void sides(void **state)
{
    (void)state;
    assert_int_equal(report_flow_side(REPORT_EDIT), REPORT_SENDER);
    assert_int_equal(report_flow_side(REPORT_SUBMIT), REPORT_SENDER);
    assert_int_equal(report_flow_side(REPORT_RETURN), REPORT_RECEIVER);
    assert_int_equal(report_flow_side(REPORT_ACCEPT), REPORT_RECEIVER);
}

/* --- codes and labels ---------------------------------------------------- */

static void codes_and_labels(void **state)
{
    (void)state;
    static const char *const codes[] = {"draft", "submitted", "returned", "accepted"};
    static const char *const vi[] = {"Đang soạn", "Đã gửi", "Bị trả lại", "Đã tiếp nhận"};
    static const char *const en[] = {"Draft", "Submitted", "Returned", "Accepted"};
    for (int s = 0; s < REPORT_STATUS_COUNT; s++) {
        assert_string_equal(report_flow_status_code((report_status_t)s), codes[s]);
        assert_string_equal(report_flow_status_label_vi((report_status_t)s), vi[s]);
        assert_string_equal(report_flow_status_label_en((report_status_t)s), en[s]);
        report_status_t out = REPORT_STATUS_COUNT;
        assert_int_equal(report_flow_status_parse(codes[s], &out, NULL), 0);
        assert_int_equal(out, s);
    }
    assert_null(report_flow_status_code(REPORT_STATUS_COUNT));
    assert_null(report_flow_status_code((report_status_t)-1));
    assert_null(report_flow_status_label_vi(REPORT_STATUS_COUNT));
    assert_null(report_flow_status_label_en((report_status_t)-1));

    static const char *const acts[] = {"edit", "submit", "return", "accept"};
    for (int a = 0; a < REPORT_ACTION_COUNT; a++)
        assert_string_equal(report_flow_action_code((report_action_t)a), acts[a]);
    assert_null(report_flow_action_code(REPORT_ACTION_COUNT));
    assert_null(report_flow_action_code((report_action_t)-1));
}

static void parse_bad_codes(void **state)
{
    (void)state;
    static const char *const bad[] = {"",       "Draft",      "DRAFT",    " draft",
                                      "draft ", "drafted",    "submit",   "0",
                                      "đã gửi", "accepted\n", "returned,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        report_status_t out = REPORT_ACCEPTED;
        err_t e;
        err_clear(&e);
        assert_int_equal(report_flow_status_parse(bad[i], &out, &e), ERR_INVALID);
        assert_string_equal(e.code, "report.status");
        assert_int_equal(out, REPORT_ACCEPTED); /* untouched */
        assert_non_null(strstr(e.en, "Invalid report status"));
        assert_non_null(strstr(e.vi, "Trạng thái báo cáo không hợp lệ"));
    }
    /* the bad code is quoted in the message */
    err_t e;
    assert_int_equal(report_flow_status_parse("sent", &(report_status_t){0}, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "'sent'"));
    /* NULL text and NULL err_t */
    assert_int_equal(report_flow_status_parse(NULL, &(report_status_t){0}, &e), ERR_INVALID);
    assert_string_equal(e.code, "report.status");
    assert_int_equal(report_flow_status_parse("x", &(report_status_t){0}, NULL), ERR_INVALID);
}

/* --- days late ---------------------------------------------------------- */

static void days_late_calendar_days(void **state)
{
    (void)state;
    date_t due = D(2024, 3, 15);
    assert_int_equal(late(due, D(2024, 3, 16), NULL, NULL), 1);
    assert_int_equal(late(due, D(2024, 3, 20), NULL, NULL), 5);
    assert_int_equal(late(due, D(2024, 4, 15), NULL, NULL), 31);
    /* across a leap day and a year */
    assert_int_equal(late(D(2024, 2, 28), D(2024, 3, 1), NULL, NULL), 2);
    assert_int_equal(late(D(2023, 12, 31), D(2024, 12, 31), NULL, NULL), 366);
    /* on time: the due day itself or earlier */
    assert_int_equal(late(due, due, NULL, NULL), 0);
    assert_int_equal(late(due, due - 1, NULL, NULL), 0);
    assert_int_equal(late(due, D(2020, 1, 1), NULL, NULL), 0);
}

static void days_late_none(void **state)
{
    (void)state;
    int calls = 0;
    /* no due date: never late, and the calendar is not consulted */
    assert_int_equal(late(DATE_NONE, D(2024, 3, 15), NULL, NULL), 0);
    assert_int_equal(late(DATE_NONE, D(2024, 3, 15), weekdays_add, &calls), 0);
    /* no submission day */
    assert_int_equal(late(D(2024, 3, 15), DATE_NONE, weekdays_add, &calls), 0);
    assert_int_equal(late(DATE_NONE, DATE_NONE, weekdays_add, &calls), 0);
    /* on time with a calendar */
    assert_int_equal(late(D(2024, 3, 15), D(2024, 3, 15), weekdays_add, &calls), 0);
    assert_int_equal(late(D(2024, 3, 15), D(2024, 3, 1), weekdays_add, &calls), 0);
    assert_int_equal(calls, 0);
    /* *days is set to 0 even when it held something */
    int days = 42;
    assert_int_equal(report_flow_days_late(DATE_NONE, D(2024, 1, 1), NULL, NULL, &days, NULL), 0);
    assert_int_equal(days, 0);
}

static void days_late_weekends(void **state)
{
    (void)state;
    date_t fri = D(2024, 3, 8);
    assert_int_equal(date_weekday(fri), 5);
    /* due Friday: Saturday, Sunday and Monday are all one working day late */
    assert_int_equal(late(fri, fri + 1, weekdays_add, NULL), 1);
    assert_int_equal(late(fri, fri + 2, weekdays_add, NULL), 1);
    assert_int_equal(late(fri, fri + 3, weekdays_add, NULL), 1);
    assert_int_equal(late(fri, fri + 4, weekdays_add, NULL), 2);  /* Tuesday */
    assert_int_equal(late(fri, fri + 7, weekdays_add, NULL), 5);  /* next Friday */
    assert_int_equal(late(fri, fri + 8, weekdays_add, NULL), 6);  /* next Saturday */
    assert_int_equal(late(fri, fri + 10, weekdays_add, NULL), 6); /* Monday after */
    /* due Saturday (a non-working day), submitted Monday: one day late */
    assert_int_equal(late(fri + 1, fri + 3, weekdays_add, NULL), 1);
    /* due Wednesday, submitted Thursday: one day */
    assert_int_equal(late(D(2024, 3, 13), D(2024, 3, 14), weekdays_add, NULL), 1);
    /* across a year: due Tue 31/12/2024, submitted Mon 6/1/2025 -> 2, 3, 6 Jan
     * plus Wed 1/1 (no holidays in this calendar) = 4 */
    assert_int_equal(date_weekday(D(2024, 12, 31)), 2);
    assert_int_equal(late(D(2024, 12, 31), D(2025, 1, 6), weekdays_add, NULL), 4);
    /* due Fri 29/12/2023, submitted Tue 2/1/2024: Mon 1/1, Tue 2/1 */
    assert_int_equal(late(D(2023, 12, 29), D(2024, 1, 2), weekdays_add, NULL), 2);
    /* a whole year of Monday-Friday: 2024 has 262 weekdays_add; due 31/12/2023
     * (a Sunday), submitted 31/12/2024 (a Tuesday, the 262nd) */
    assert_int_equal(late(D(2023, 12, 31), D(2024, 12, 31), weekdays_add, NULL), 262);
}

static void days_late_large_gap_brute_force(void **state)
{
    (void)state;
    /* three years and more, compared with a count day by day */
    date_t due = D(2022, 1, 3), on = D(2025, 1, 10);
    int calls = 0;
    int n = late(due, on, weekdays_add, &calls);
    assert_int_equal(n, brute_late(due, on));
    /* 259 weekdays_add in 2022 after Mon 3/1, 260 in 2023, 262 in 2024, 7 in 2025
     * before Fri 10/1, then 10/1 itself */
    assert_int_equal(n, 259 + 260 + 262 + 7 + 1);
    /* bisection: about log2(1103) calls, not one per day */
    assert_true(calls > 0 && calls <= 12);
    /* every pair on a grid of due and submission days over four years */
    for (date_t d = D(2023, 12, 20); d < D(2024, 1, 20); d++)
        for (date_t o = d - 3; o < d + 1200; o += 37)
            assert_int_equal(late(d, o, weekdays_add, NULL), brute_late(d, o));
}

static void days_late_failing_calendar(void **state)
{
    (void)state;
    int calls = 0, days = 7;
    err_t e;
    err_clear(&e);
    assert_int_equal(
        report_flow_days_late(D(2024, 3, 8), D(2024, 3, 20), broken_calendar, &calls, &days, &e),
        ERR_INVALID);
    assert_string_equal(e.code, "report.calendar");
    assert_non_null(strstr(e.vi, "ngày làm việc"));
    assert_true(calls >= 1);
    assert_int_equal(days, 0);
    /* NULL err_t */
    assert_int_equal(
        report_flow_days_late(D(2024, 3, 8), D(2027, 3, 20), broken_calendar, &calls, &days, NULL),
        ERR_INVALID);
    /* on time: the calendar is not needed, so it cannot fail */
    calls = 0;
    assert_int_equal(
        report_flow_days_late(D(2024, 3, 8), D(2024, 3, 8), broken_calendar, &calls, &days, &e), 0);
    assert_int_equal(calls, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_action_pair),
        cmocka_unit_test(invalid_status_or_action),
        cmocka_unit_test(sides),
        cmocka_unit_test(codes_and_labels),
        cmocka_unit_test(parse_bad_codes),
        cmocka_unit_test(days_late_calendar_days),
        cmocka_unit_test(days_late_none),
        cmocka_unit_test(days_late_weekends),
        cmocka_unit_test(days_late_large_gap_brute_force),
        cmocka_unit_test(days_late_failing_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
