/* Unit tests of src/domain/worktime: due dates in working days, working
 * hours and calendar days, the receipt rule, the after-15:00 parameter,
 * working time between moments with pauses, errors, and a cross-check of
 * the O(1) arithmetic against naive day-by-day reference implementations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/calendar_load.h"
#include "base/date.h"
#include "base/dtime.h"
#include "domain/agencycal.h"
#include "domain/worktime.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static agencycal_t *shipped;

static int setup(void **state)
{
    (void)state;
    char path[1100];
    snprintf(path, sizeof path, "%s/data/calendar/vn.json", testdir_root());
    err_t e;
    if (calendar_load_files(path, NULL, &shipped, &e)) {
        fprintf(stderr, "%s\n", e.en);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    agencycal_free(shipped);
    return 0;
}

static dtime_t T(const char *s)
{
    dtime_t t;
    if (dtime_parse(s, strlen(s), &t))
        fail_msg("bad test moment %s", s);
    return t;
}

static void expect_moment(dtime_t got, const char *want)
{
    char s[DTIME_ISO_LEN];
    dtime_format_min(got, s);
    assert_string_equal(s, want);
}

static void due_is(const char *from, int64_t n, worktime_unit_t u, int cutoff, const char *want)
{
    dtime_t out;
    err_t e;
    worktime_rule_t rule = {cutoff};
    int rc = worktime_due(shipped, T(from), n, u, &rule, &out, &e);
    if (rc)
        fail_msg("%s + %lld: %s", from, (long long)n, e.en);
    expect_moment(out, want);
}

static void working_days_same_clock_time(void **state)
{
    (void)state;
    /* the example of the brief: Tết 2024 (8-14/2) is skipped */
    due_is("2024-02-07 09:00", 3, WORKTIME_WORKING_DAYS, -1, "2024-02-19T09:00");
    due_is("2024-02-07 09:00", 0, WORKTIME_WORKING_DAYS, -1, "2024-02-07T09:00");
    due_is("2024-03-04 14:10", 5, WORKTIME_WORKING_DAYS, -1, "2024-03-11T14:10");
    /* crossing Tết 2025 (25/1-2/2) and 2026 (14-22/2) */
    due_is("2025-01-24 10:00", 1, WORKTIME_WORKING_DAYS, -1, "2025-02-03T10:00");
    due_is("2026-02-13 14:00", 2, WORKTIME_WORKING_DAYS, -1, "2026-02-24T14:00");
    /* worked Saturday 4/5/2024 and the 30/4 break with the swapped Monday */
    due_is("2024-05-03 09:00", 1, WORKTIME_WORKING_DAYS, -1, "2024-05-04T09:00");
    due_is("2024-04-26 09:00", 1, WORKTIME_WORKING_DAYS, -1, "2024-05-02T09:00");
    /* 15 working days across 30/4 2025 (26/4 worked, 30/4-4/5 off) */
    due_is("2025-04-21 08:00", 15, WORKTIME_WORKING_DAYS, -1, "2025-05-14T08:00");
}

static void receipts_outside_office_hours(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"2024-03-05 06:00", "2024-03-05T07:30"}, /* before opening */
        {"2024-03-05 07:30", "2024-03-05T07:30"}, /* opening: inside */
        {"2024-03-05 11:30", "2024-03-05T13:30"}, /* end of morning: lunch */
        {"2024-03-05 12:15", "2024-03-05T13:30"}, {"2024-03-05 16:59", "2024-03-05T16:59"},
        {"2024-03-05 17:00", "2024-03-06T07:30"}, /* closing: next day */
        {"2024-03-08 18:00", "2024-03-11T07:30"}, /* Friday evening -> Monday */
        {"2024-03-09 10:00", "2024-03-11T07:30"}, /* Saturday */
        {"2024-02-07 20:00", "2024-02-15T07:30"}, /* eve of Tết */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dtime_t out;
        assert_int_equal(worktime_start(shipped, T(cases[i].in), NULL, &out, NULL), 0);
        expect_moment(out, cases[i].out);
    }
    /* due dates count from the start of the next working period */
    due_is("2024-03-08 18:00", 1, WORKTIME_WORKING_DAYS, -1, "2024-03-12T07:30");
    due_is("2024-03-05 12:00", 2, WORKTIME_WORKING_DAYS, -1, "2024-03-07T13:30");
    assert_true(worktime_in_office_hours(shipped, T("2024-03-05 10:00")));
    assert_false(worktime_in_office_hours(shipped, T("2024-03-05 12:00")));
    assert_false(worktime_in_office_hours(shipped, T("2024-02-08 10:00")));
    assert_true(worktime_is_working_day(shipped, date_from_ymd(2024, 5, 4)));
}

static void after_cutoff_counts_from_next_working_day(void **state)
{
    (void)state;
    due_is("2024-03-05 15:00", 1, WORKTIME_WORKING_DAYS, 900, "2024-03-06T15:00"); /* not after */
    due_is("2024-03-05 15:01", 1, WORKTIME_WORKING_DAYS, 900, "2024-03-07T07:30");
    due_is("2024-03-05 15:01", 1, WORKTIME_WORKING_DAYS, -1, "2024-03-06T15:01");  /* no rule */
    due_is("2024-03-08 16:00", 2, WORKTIME_WORKING_DAYS, 900, "2024-03-13T07:30"); /* Fri -> Mon */
    due_is("2024-03-09 16:00", 1, WORKTIME_WORKING_DAYS, 900, "2024-03-12T07:30"); /* Saturday */
    due_is("2024-03-05 15:30", 4, WORKTIME_WORKING_HOURS, 900, "2024-03-06T11:30");
}

static void working_hours_through_office_hours(void **state)
{
    (void)state;
    due_is("2024-03-05 10:30", 2, WORKTIME_WORKING_HOURS, -1, "2024-03-05T14:30"); /* over lunch */
    due_is("2024-03-05 07:30", 4, WORKTIME_WORKING_HOURS, -1,
           "2024-03-05T11:30"); /* ends at 11:30 */
    due_is("2024-03-05 16:00", 2, WORKTIME_WORKING_HOURS, -1, "2024-03-06T08:30"); /* next day */
    due_is("2024-03-05 16:00", 8, WORKTIME_WORKING_HOURS, -1, "2024-03-06T16:30");
    due_is("2024-03-08 16:00", 1, WORKTIME_WORKING_HOURS, -1,
           "2024-03-08T17:00"); /* ends Fri 17:00 */
    due_is("2024-03-08 16:00", 2, WORKTIME_WORKING_HOURS, -1, "2024-03-11T08:30");
    due_is("2024-03-05 12:00", 1, WORKTIME_WORKING_HOURS, -1, "2024-03-05T14:30");
    due_is("2024-02-07 16:00", 2, WORKTIME_WORKING_HOURS, -1, "2024-02-15T08:30"); /* over Tết */
    due_is("2024-03-05 09:00", 0, WORKTIME_WORKING_HOURS, -1, "2024-03-05T09:00");
    dtime_t out;
    assert_int_equal(worktime_add_working_minutes(shipped, T("2024-03-05 07:30"), 450, &out, NULL),
                     0);
    expect_moment(out, "2024-03-05T17:00");
    assert_int_equal(worktime_add_working_minutes(shipped, T("2024-03-05 07:30"), 451, &out, NULL),
                     0);
    expect_moment(out, "2024-03-06T07:31");
    assert_int_equal(worktime_add_working_minutes(shipped, T("2024-03-05 11:45"), 0, &out, NULL),
                     0);
    expect_moment(out, "2024-03-05T13:30");
}

static void calendar_days_plainly(void **state)
{
    (void)state;
    due_is("2024-02-07 09:00", 10, WORKTIME_DAYS, -1, "2024-02-17T09:00"); /* a Saturday */
    due_is("2024-03-09 22:00", 1, WORKTIME_DAYS, 900, "2024-03-10T22:00"); /* no receipt rule */
    due_is("2024-12-31 10:00", 1, WORKTIME_DAYS, -1, "2025-01-01T10:00");
}

static void between_with_pauses(void **state)
{
    (void)state;
    worktime_span_t s;
    err_t e;
    assert_int_equal(
        worktime_between(shipped, T("2024-02-07 09:00"), T("2024-02-20 10:00"), NULL, 0, &s, &e),
        0);
    /* 7/2: 150 + 210; 15, 16, 19/2: 3 x 450; 20/2: 150 */
    assert_int_equal(s.working_minutes, 1860);
    assert_int_equal(s.day_minutes, 450);
    assert_true(s.working_days > 4.133 && s.working_days < 4.134);
    /* a due date N working days later is exactly N x 450 minutes away */
    assert_int_equal(
        worktime_between(shipped, T("2024-02-07 09:00"), T("2024-02-19 09:00"), NULL, 0, &s, NULL),
        0);
    assert_int_equal(s.working_minutes, 3 * 450);
    /* pauses: overlapping ones count once, parts outside [from, to] ignored */
    worktime_interval_t p[] = {
        {T("2024-02-16 08:00"), T("2024-02-16 09:00")},
        {T("2024-02-15 07:00"), T("2024-02-16 12:00")}, /* 450 + 240 */
        {T("2024-02-20 09:00"), T("2024-02-21 17:00")}, /* only 09:00-10:00 counts: 60 */
        {T("2024-02-10 08:00"), T("2024-02-11 17:00")}, /* during Tết: nothing */
    };
    assert_int_equal(
        worktime_between(shipped, T("2024-02-07 09:00"), T("2024-02-20 10:00"), p, 4, &s, &e), 0);
    assert_int_equal(s.working_minutes, 1860 - 690 - 60);
    /* same moment, weekend only, seconds */
    assert_int_equal(
        worktime_between(shipped, T("2024-03-09 08:00"), T("2024-03-10 18:00"), NULL, 0, &s, NULL),
        0);
    assert_int_equal(s.working_seconds, 0);
    assert_int_equal(worktime_between(shipped, T("2024-03-05 10:00:00"), T("2024-03-05 10:00:59"),
                                      NULL, 0, &s, NULL),
                     0);
    assert_int_equal(s.working_seconds, 59);
    assert_int_equal(s.working_minutes, 0);
    /* errors */
    assert_int_equal(
        worktime_between(shipped, T("2024-03-06 10:00"), T("2024-03-05 10:00"), NULL, 0, &s, &e),
        ERR_INVALID);
    assert_string_equal(e.code, "worktime.order");
    worktime_interval_t bad = {T("2024-03-05 12:00"), T("2024-03-05 11:00")};
    assert_int_equal(
        worktime_between(shipped, T("2024-03-05 10:00"), T("2024-03-06 10:00"), &bad, 1, &s, &e),
        ERR_INVALID);
    assert_string_equal(e.code, "worktime.pause");
}

static void bad_input_rejected(void **state)
{
    (void)state;
    dtime_t out;
    err_t e;
    worktime_unit_t u;
    assert_int_equal(
        worktime_due(shipped, T("2024-03-05 10:00"), -1, WORKTIME_WORKING_DAYS, NULL, &out, &e),
        ERR_INVALID);
    assert_string_equal(e.code, "worktime.negative");
    assert_int_equal(worktime_add_working_minutes(shipped, T("2024-03-05 10:00"), -5, &out, &e),
                     ERR_INVALID);
    assert_int_equal(worktime_add_days(shipped, T("2024-03-05 10:00"), -5, &out, &e), ERR_INVALID);
    assert_int_equal(worktime_unit_parse("weeks", &u, &e), ERR_INVALID);
    assert_string_equal(e.code, "worktime.unit");
    assert_non_null(strstr(e.vi, "không hợp lệ"));
    assert_int_equal(worktime_unit_parse("working_hours", &u, &e), 0);
    assert_int_equal(u, WORKTIME_WORKING_HOURS);
    assert_string_equal(worktime_unit_name(WORKTIME_DAYS), "days");
    assert_int_equal(
        worktime_due(shipped, T("2024-03-05 10:00"), 1, (worktime_unit_t)7, NULL, &out, &e),
        ERR_INVALID);
    /* range */
    assert_int_equal(
        worktime_due(shipped, T("1999-12-31 10:00"), 1, WORKTIME_WORKING_DAYS, NULL, &out, &e),
        ERR_RANGE);
    assert_string_equal(e.code, "worktime.range");
    assert_int_equal(
        worktime_due(shipped, T("2199-12-20 10:00"), 30, WORKTIME_WORKING_DAYS, NULL, &out, &e),
        ERR_RANGE);
    assert_int_equal(
        worktime_due(shipped, T("2199-12-20 10:00"), 300, WORKTIME_WORKING_HOURS, NULL, &out, &e),
        ERR_RANGE);
    assert_int_equal(
        worktime_due(shipped, T("2199-12-20 10:00"), 30, WORKTIME_DAYS, NULL, &out, &e), ERR_RANGE);
    assert_int_equal(worktime_due(shipped, T("2024-03-05 10:00"), INT64_MAX, WORKTIME_WORKING_HOURS,
                                  NULL, &out, &e),
                     ERR_RANGE);
    assert_int_equal(worktime_due(shipped, T("2024-03-05 10:00"), INT64_MAX, WORKTIME_WORKING_DAYS,
                                  NULL, &out, &e),
                     ERR_RANGE);
    assert_int_equal(
        worktime_due(shipped, T("2024-03-05 10:00"), INT64_MAX, WORKTIME_DAYS, NULL, &out, &e),
        ERR_RANGE);
    /* the last working day of the range has no next one */
    assert_int_equal(worktime_next_working_moment(shipped, T("2199-12-31 18:00"), &out, &e),
                     ERR_RANGE);
}

static void province_office_hours(void **state)
{
    (void)state;
    const char *text = "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\","
                       "\"office_hours\":[[\"07:00\",\"11:00\"],[\"13:00\",\"16:30\"]]}";
    const char *ov = "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"p\",\"version\":\"1\","
                     "\"office_hours\":[[\"08:00\",\"12:00\"],[\"13:00\",\"17:00\"]]}";
    agencycal_t *c;
    err_t e;
    assert_int_equal(agencycal_parse(text, strlen(text), &c, &e), 0);
    dtime_t out;
    assert_int_equal(worktime_start(c, T("2024-03-05 16:45"), NULL, &out, NULL), 0);
    expect_moment(out, "2024-03-06T07:00");
    assert_int_equal(agencycal_merge(c, ov, strlen(ov), &e), 0);
    assert_int_equal(worktime_start(c, T("2024-03-05 16:45"), NULL, &out, NULL), 0);
    expect_moment(out, "2024-03-05T16:45");
    assert_int_equal(
        worktime_due(c, T("2024-03-05 07:15"), 4, WORKTIME_WORKING_HOURS, NULL, &out, NULL), 0);
    expect_moment(out, "2024-03-05T12:00");
    worktime_span_t s;
    assert_int_equal(
        worktime_between(c, T("2024-03-05 00:00"), T("2024-03-06 00:00"), NULL, 0, &s, NULL), 0);
    assert_int_equal(s.working_minutes, 480);
    agencycal_free(c);
}

/* --- cross-check against naive implementations --------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static int64_t naive_office_between(const agencycal_t *c, dtime_t a, dtime_t b)
{
    int np;
    const agencycal_period_t *p = agencycal_periods(c, &np);
    int64_t total = 0;
    for (date_t d = dtime_date(a); d <= dtime_date(b); d++) {
        if (!agencycal_is_working_day(c, d))
            continue;
        for (int i = 0; i < np; i++) {
            dtime_t s = dtime_make(d, 0, p[i].start, 0), t = dtime_make(d, 0, p[i].end, 0);
            if (s < a)
                s = a;
            if (t > b)
                t = b;
            if (t > s)
                total += t - s;
        }
    }
    return total;
}

static void matches_naive_reference(void **state)
{
    (void)state;
    date_t first = date_from_ymd(2023, 1, 1);
    for (int iter = 0; iter < 3000; iter++) {
        dtime_t t =
            dtime_make(first + (date_t)(next_rand() % (5 * 365)), 0, (int)(next_rand() % 1440), 0);
        int64_t n = next_rand() % 40;
        dtime_t s, due;
        assert_int_equal(worktime_start(shipped, t, NULL, &s, NULL), 0);
        assert_true(worktime_in_office_hours(shipped, s));
        assert_true(s >= t);
        /* working days: naive walk */
        assert_int_equal(worktime_add_working_days(shipped, t, n, &due, NULL), 0);
        date_t d = dtime_date(s);
        for (int64_t k = 0; k < n;)
            k += agencycal_is_working_day(shipped, ++d);
        assert_int_equal(due, s + (dtime_t)(d - dtime_date(s)) * 86400);
        assert_int_equal(naive_office_between(shipped, s, due), n * 450 * 60);
        /* working minutes: the earliest moment with that much office time */
        int64_t m = next_rand() % 5000 + 1;
        assert_int_equal(worktime_add_working_minutes(shipped, t, m, &due, NULL), 0);
        assert_int_equal(naive_office_between(shipped, s, due), m * 60);
        assert_int_equal(naive_office_between(shipped, s, due - 1), m * 60 - 1);
        /* between */
        dtime_t b = t + (dtime_t)(next_rand() % (40 * 86400));
        worktime_span_t sp;
        assert_int_equal(worktime_between(shipped, t, b, NULL, 0, &sp, NULL), 0);
        assert_int_equal(sp.working_seconds, naive_office_between(shipped, t, b));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(working_days_same_clock_time),
        cmocka_unit_test(receipts_outside_office_hours),
        cmocka_unit_test(after_cutoff_counts_from_next_working_day),
        cmocka_unit_test(working_hours_through_office_hours),
        cmocka_unit_test(calendar_days_plainly),
        cmocka_unit_test(between_with_pauses),
        cmocka_unit_test(bad_input_rejected),
        cmocka_unit_test(province_office_hours),
        cmocka_unit_test(matches_naive_reference),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
