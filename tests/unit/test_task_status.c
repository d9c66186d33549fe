/* Tests of domain/task_status: transitions, progress rules, due dates for
 * every schedule kind, overdue and due-soon across Tết with the real
 * calendar, roll-ups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "app/calendar_load.h"
#include "domain/task_status.h"

#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void codes(void **state)
{
    (void)state;
    for (int i = 0; i < TASK_STATUS_COUNT; i++) {
        task_status_status_t s;
        assert_int_equal(task_status_parse(task_status_code((task_status_status_t)i), &s, NULL), 0);
        assert_int_equal(s, i);
    }
    err_t e;
    task_status_status_t s;
    assert_int_equal(task_status_parse("done", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "task.status");
    assert_string_equal(task_status_label_vi(TASK_STATUS_DONE_LATE), "Hoàn thành quá hạn");
}

static void transitions(void **state)
{
    (void)state;
    /* the full table: rows = from, columns = to */
    static const bool want[TASK_STATUS_COUNT][TASK_STATUS_COUNT] = {
        /* NS     IP     DONE   LATE   FAIL */
        {false, true, true, true, true},   /* not started */
        {false, true, true, true, true},   /* in progress */
        {false, true, true, true, false},  /* done */
        {false, true, true, true, false},  /* done late */
        {false, true, false, false, true}, /* failed */
    };
    for (int f = 0; f < TASK_STATUS_COUNT; f++)
        for (int t = 0; t < TASK_STATUS_COUNT; t++)
            assert_int_equal(
                task_status_transition_allowed((task_status_status_t)f, (task_status_status_t)t),
                want[f][t]);
}

static void apply_rules(void **state)
{
    (void)state;
    err_t e;
    task_status_status_t s;
    int p;
    task_status_change_t c = {TASK_STATUS_IN_PROGRESS, 40, "đang làm", D("2024-03-01"),
                              D("2024-06-30")};
    assert_int_equal(task_status_apply(TASK_STATUS_NOT_STARTED, 0, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_IN_PROGRESS);
    assert_int_equal(p, 40);
    c.progress = 100;
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 40, &c, &s, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "task.progress");
    c.progress = 101;
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 40, &c, &s, &p, &e), ERR_INVALID);
    /* completion on time and late */
    c = (task_status_change_t){TASK_STATUS_DONE, -1, NULL, D("2024-06-30"), D("2024-06-30")};
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 40, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_DONE);
    assert_int_equal(p, 100);
    c.on = D("2024-07-01");
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 40, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_DONE_LATE);
    c.progress = 90;
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 40, &c, &s, &p, &e), ERR_INVALID);
    /* asking for "late" is the same as asking for completion */
    c = (task_status_change_t){TASK_STATUS_DONE_LATE, 100, NULL, D("2024-01-01"), D("2024-06-30")};
    assert_int_equal(task_status_apply(TASK_STATUS_NOT_STARTED, 0, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_DONE);
    /* cannot be done needs a reason */
    c = (task_status_change_t){TASK_STATUS_FAILED, -1, "  ", D("2024-01-01"), DATE_NONE};
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 30, &c, &s, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "task.reason_required");
    c.note = "Thiếu kinh phí";
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 30, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_FAILED);
    assert_int_equal(p, 30);
    /* invalid transitions are conflicts */
    c = (task_status_change_t){TASK_STATUS_DONE, -1, NULL, D("2024-01-01"), DATE_NONE};
    assert_int_equal(task_status_apply(TASK_STATUS_FAILED, 30, &c, &s, &p, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "task.transition");
    c.status = TASK_STATUS_NOT_STARTED;
    assert_int_equal(task_status_apply(TASK_STATUS_IN_PROGRESS, 30, &c, &s, &p, &e), ERR_CONFLICT);
    /* reopening a completed task */
    c = (task_status_change_t){TASK_STATUS_IN_PROGRESS, -1, "bổ sung", D("2024-01-01"), DATE_NONE};
    assert_int_equal(task_status_apply(TASK_STATUS_DONE, 100, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_IN_PROGRESS);
    assert_int_equal(p, 99);
    /* a note on a late completion keeps it late */
    c = (task_status_change_t){TASK_STATUS_DONE, -1, "bổ sung", D("2024-01-01"), D("2024-06-30")};
    assert_int_equal(task_status_apply(TASK_STATUS_DONE_LATE, 100, &c, &s, &p, &e), 0);
    assert_int_equal(s, TASK_STATUS_DONE_LATE);
}

static date_t due_of(const char *text, const char *today, int year, const char *label)
{
    deadline_schedule_t *s;
    assert_int_equal(deadline_parse(text, strlen(text), year, &s, NULL), 0);
    date_t d = task_status_due(s, D(today), year, label);
    deadline_free(s);
    return d;
}

static void due_kinds(void **state)
{
    (void)state;
    assert_int_equal(due_of("Quý IV/2023", "2023-05-01", 2023, NULL), D("2023-12-31"));
    assert_int_equal(due_of("Quý II, Quý IV/2024", "2024-10-01", 2024, NULL), D("2024-06-30"));
    /* recurring: the current quarter (quarterly when no period named) */
    assert_int_equal(due_of("Định kỳ theo báo cáo CCHC", "2024-05-10", 2024, NULL),
                     D("2024-06-30"));
    /* clamped into the plan year */
    assert_int_equal(due_of("Định kỳ theo báo cáo CCHC", "2026-05-10", 2024, NULL),
                     D("2024-12-31"));
    /* continuous: end of the current period */
    assert_int_equal(due_of("Thường xuyên", "2024-02-10", 2024, NULL), D("2024-03-31"));
    assert_int_equal(due_of("Thường xuyên", "2023-02-10", 2024, NULL), D("2024-03-31"));
    /* event and unspecified: none */
    assert_int_equal(due_of("Sau khi có kết quả công bố", "2024-02-10", 2024, NULL), DATE_NONE);
    assert_int_equal(due_of("Theo quy định", "2024-02-10", 2024, NULL), DATE_NONE);
    assert_int_equal(task_status_due(NULL, D("2024-01-01"), 2024, NULL), DATE_NONE);
}

static void overdue_and_tet(void **state)
{
    (void)state;
    agencycal_t *c = NULL;
    err_t e;
    if (calendar_load_load("data", &c, &e) != 0)
        fail_msg("calendar: %s", e.en);
    /* Tết Ất Tỵ 2025: 27..31 January are holidays */
    assert_false(agencycal_is_working_day(c, D("2025-01-27")));
    date_t fri = D("2025-01-24"), due = D("2025-02-04");
    assert_int_equal(task_status_workdays_until(c, fri, due), 2); /* 24/1 and 3/2 */
    assert_true(task_status_due_soon(c, TASK_STATUS_IN_PROGRESS, due, fri, 2));
    assert_false(task_status_due_soon(c, TASK_STATUS_IN_PROGRESS, due, fri, 1));
    assert_false(task_status_due_soon(c, TASK_STATUS_DONE, due, fri, 5));
    /* a due date inside the holiday counts as the next working day */
    assert_true(task_status_due_soon(c, TASK_STATUS_NOT_STARTED, D("2025-01-29"), fri, 1));
    assert_false(task_status_overdue(TASK_STATUS_IN_PROGRESS, due, due));
    assert_true(task_status_overdue(TASK_STATUS_IN_PROGRESS, due, due + 1));
    assert_false(task_status_overdue(TASK_STATUS_DONE_LATE, due, due + 1));
    assert_false(task_status_overdue(TASK_STATUS_IN_PROGRESS, DATE_NONE, due));
    assert_false(task_status_due_soon(c, TASK_STATUS_IN_PROGRESS, due, due + 1, 10));
    agencycal_free(c);
}

static void rollup(void **state)
{
    (void)state;
    task_status_rollup_t r = {0};
    assert_true(task_status_rollup_rate(&r) == 0.0);
    task_status_rollup_add(&r, TASK_STATUS_DONE, 0, false);
    task_status_rollup_add(&r, TASK_STATUS_DONE_LATE, 2, false);
    task_status_rollup_add(&r, TASK_STATUS_IN_PROGRESS, 1, true);
    task_status_rollup_add(&r, TASK_STATUS_FAILED, 0, false);
    assert_int_equal(r.assigned, 4);
    assert_int_equal(r.completed, 2);
    assert_int_equal(r.late, 1);
    assert_int_equal(r.overdue, 1);
    assert_int_equal(r.failed, 1);
    assert_true(fabs(task_status_rollup_rate(&r) - 3.0 / 5.0) < 1e-6);
}

static void occurrences(void **state)
{
    (void)state;
    task_status_occurrence_t o[TASK_STATUS_MAX_OCCURRENCES];
    deadline_schedule_t *s = NULL;
    const char *q = "Định kỳ hằng quý, trước ngày 15 của tháng cuối quý";
    assert_int_equal(deadline_parse(q, strlen(q), 2024, &s, NULL), 0);
    size_t n =
        task_status_occurrences(s, 2024, D("2024-08-10"), NULL, o, TASK_STATUS_MAX_OCCURRENCES);
    assert_int_equal(n, 3); /* Q1, Q2 and the current Q3 */
    assert_string_equal(o[0].period, "2024Q1");
    assert_string_equal(o[2].period, "2024Q3");
    assert_int_equal(o[0].due, D("2024-03-14"));
    assert_int_equal(o[1].due, D("2024-06-14"));
    assert_int_equal(o[2].from, D("2024-07-01"));
    assert_int_equal(o[2].to, D("2024-09-30"));
    /* before the year: the first period; after it: the whole year */
    assert_int_equal(task_status_occurrences(s, 2024, D("2023-11-01"), NULL, o, 12), 1);
    assert_int_equal(task_status_occurrences(s, 2024, D("2026-01-01"), NULL, o, 12), 4);
    deadline_free(s);
    const char *m = "Báo cáo hằng tháng";
    assert_int_equal(deadline_parse(m, strlen(m), 2024, &s, NULL), 0);
    n = task_status_occurrences(s, 2024, D("2024-03-05"), NULL, o, 12);
    if (n) { /* when the text is read as monthly */
        assert_int_equal(n, 3);
        assert_string_equal(o[2].period, "2024M03");
    }
    deadline_free(s);
    const char *c = "Thường xuyên";
    assert_int_equal(deadline_parse(c, strlen(c), 2024, &s, NULL), 0);
    n = task_status_occurrences(s, 2024, D("2024-12-31"), NULL, o, 12);
    assert_int_equal(n, 4);
    assert_int_equal(o[3].due, D("2024-12-31")); /* continuous: checked at the period's end */
    deadline_free(s);
    const char *one = "Quý IV/2024";
    assert_int_equal(deadline_parse(one, strlen(one), 2024, &s, NULL), 0);
    assert_int_equal(task_status_occurrences(s, 2024, D("2024-12-01"), NULL, o, 12),
                     0); /* one-off */
    assert_int_equal(task_status_occurrences(NULL, 2024, D("2024-12-01"), NULL, o, 12), 0);
    deadline_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),       cmocka_unit_test(transitions),
        cmocka_unit_test(occurrences), cmocka_unit_test(apply_rules),
        cmocka_unit_test(due_kinds),   cmocka_unit_test(overdue_and_tet),
        cmocka_unit_test(rollup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
