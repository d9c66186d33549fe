/* Unit tests of src/domain/period: codes, nominal ranges, cut-off windows
 * (DOMAIN §7) and due rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/period.h"
#include "support/weekdays.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static int broken_calendar(void *ctx, date_t from, int n, date_t *out)
{
    (void)ctx;
    (void)from;
    (void)n;
    (void)out;
    return ERR_RANGE;
}

static period_t compute(period_regime_t r, int year, int index, const period_rule_t *rule)
{
    period_id_t id = {r, year, index};
    period_t p;
    err_t e;
    int rc = period_compute(id, rule, weekdays_add, NULL, &p, &e);
    if (rc)
        fail_msg("period_compute: %s", e.en);
    return p;
}

static void codes_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        period_regime_t regime;
        int index;
    } ok[] = {{"2024", PERIOD_ANNUAL, 1},      {"2024Q1", PERIOD_QUARTERLY, 1},
              {"2024Q4", PERIOD_QUARTERLY, 4}, {"2024S1", PERIOD_SEMIANNUAL, 1},
              {"2024M9", PERIOD_NINEMONTH, 1}, {"2024M01", PERIOD_MONTHLY, 1},
              {"2024M09", PERIOD_MONTHLY, 9},  {"2024M12", PERIOD_MONTHLY, 12}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        period_id_t id;
        err_t e;
        assert_int_equal(period_parse_code(ok[i].code, strlen(ok[i].code), &id, &e), 0);
        assert_int_equal(id.regime, ok[i].regime);
        assert_int_equal(id.year, 2024);
        assert_int_equal(id.index, ok[i].index);
        char out[PERIOD_CODE_MAX];
        period_format_code(id, out);
        assert_string_equal(out, ok[i].code);
    }
    /* Every period of every regime formats and parses back to itself. */
    for (int r = 0; r < PERIOD_REGIME_COUNT; r++)
        for (int i = 1; i <= period_count((period_regime_t)r); i++) {
            period_id_t id = {(period_regime_t)r, 2031, i}, back;
            char out[PERIOD_CODE_MAX];
            period_format_code(id, out);
            assert_int_equal(period_parse_code(out, strlen(out), &back, NULL), 0);
            assert_memory_equal(&id, &back, sizeof id);
        }
    const char *bad[] = {"",         "2024M1", "2024M13", "2024M00", "2024Q0", "2024Q5",
                         "2024S2",   "24Q1",   "2024q1",  "2024Y",   "0999",   "2024M9x",
                         "2024M010", "abcd",   "2024-Q1", "9999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        period_id_t id;
        err_t e;
        if (period_parse_code(bad[i], strlen(bad[i]), &id, &e) != ERR_INVALID)
            fail_msg("code '%s' accepted", bad[i]);
        assert_string_equal(e.code, "period.code");
    }
    period_id_t id;
    assert_int_equal(period_parse_code("  2024Q2 ", 9, &id, NULL), 0);
    assert_int_equal(id.index, 2);
    char out[PERIOD_CODE_MAX];
    period_id_t invalid = {PERIOD_QUARTERLY, 2024, 5};
    period_format_code(invalid, out);
    assert_string_equal(out, "");
}

static void nominal_ranges(void **state)
{
    (void)state;
    static const char *const codes[] = {"2024Q1", "2024Q4",  "2024S1", "2024M9",
                                        "2024",   "2024M02", "2023M02"};
    date_t want[][2] = {{D(2024, 1, 1), D(2024, 3, 31)},  {D(2024, 10, 1), D(2024, 12, 31)},
                        {D(2024, 1, 1), D(2024, 6, 30)},  {D(2024, 1, 1), D(2024, 9, 30)},
                        {D(2024, 1, 1), D(2024, 12, 31)}, {D(2024, 2, 1), D(2024, 2, 29)},
                        {D(2023, 2, 1), D(2023, 2, 28)}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        period_id_t id;
        date_t s, e;
        assert_int_equal(period_parse_code(codes[i], strlen(codes[i]), &id, NULL), 0);
        assert_int_equal(period_nominal(id, &s, &e, NULL), 0);
        assert_int_equal(s, want[i][0]);
        assert_int_equal(e, want[i][1]);
    }
    period_id_t bad = {PERIOD_MONTHLY, 2024, 13};
    date_t s, e;
    err_t err;
    assert_int_equal(period_nominal(bad, &s, &e, &err), ERR_RANGE);
    assert_string_equal(err.code, "period.invalid");
}

/* DOMAIN §7 default windows. */
static void default_cutoff_windows(void **state)
{
    (void)state;
    period_t p = compute(PERIOD_QUARTERLY, 2024, 1, NULL);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 3, 14));
    assert_int_equal(p.due, DATE_NONE);
    p = compute(PERIOD_QUARTERLY, 2024, 3, NULL);
    assert_int_equal(p.cut_from, D(2024, 6, 15));
    assert_int_equal(p.cut_to, D(2024, 9, 14));
    p = compute(PERIOD_SEMIANNUAL, 2024, 1, NULL);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 6, 14));
    p = compute(PERIOD_NINEMONTH, 2024, 1, NULL);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 9, 14));
    p = compute(PERIOD_ANNUAL, 2024, 1, NULL);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 12, 14));
    p = compute(PERIOD_MONTHLY, 2024, 1, NULL);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 1, 14));
    p = compute(PERIOD_MONTHLY, 2024, 3, NULL);
    assert_int_equal(p.cut_from, D(2024, 2, 15));
    assert_int_equal(p.cut_to, D(2024, 3, 14));

    /* Consecutive monthly and quarterly windows tile the year without gaps. */
    period_t ps[PERIOD_MAX_PER_YEAR];
    size_t n;
    for (int r = PERIOD_MONTHLY; r <= PERIOD_QUARTERLY; r++) {
        assert_int_equal(period_list((period_regime_t)r, 2024, NULL, NULL, NULL, ps, &n, NULL), 0);
        assert_int_equal(n, (size_t)period_count((period_regime_t)r));
        for (size_t i = 1; i < n; i++)
            assert_int_equal(ps[i].cut_from, ps[i - 1].cut_to + 1);
    }
}

static void plan_defined_window_and_due(void **state)
{
    (void)state;
    /* One seed: annual report 15/12 -> 24/11, due 25/11. */
    period_rule_t rule;
    period_rule_default(&rule);
    err_t e;
    assert_int_equal(period_window_parse("15/12-24/11", 11, PERIOD_ANNUAL, &rule.window, &e), 0);
    assert_int_equal(period_due_parse("25/11", 5, PERIOD_ANNUAL, &rule.due, &e), 0);
    period_t p = compute(PERIOD_ANNUAL, 2024, 1, &rule);
    assert_int_equal(p.cut_from, D(2023, 12, 15));
    assert_int_equal(p.cut_to, D(2024, 11, 24));
    assert_int_equal(p.due, D(2024, 11, 25));
    /* A quarterly window written for Q1 shifts to the other quarters. */
    period_rule_default(&rule);
    assert_int_equal(period_window_parse("20/12 - 19/3", 12, PERIOD_QUARTERLY, &rule.window, &e),
                     0);
    p = compute(PERIOD_QUARTERLY, 2024, 2, &rule);
    assert_int_equal(p.cut_from, D(2024, 3, 20));
    assert_int_equal(p.cut_to, D(2024, 6, 19));
    /* A window inside one year. */
    assert_int_equal(period_window_parse("01/01-31/12", 11, PERIOD_ANNUAL, &rule.window, &e), 0);
    p = compute(PERIOD_ANNUAL, 2025, 1, &rule);
    assert_int_equal(p.cut_from, D(2025, 1, 1));
    assert_int_equal(p.cut_to, D(2025, 12, 31));
    /* Days beyond the month are clamped: 31 of the last month of Q2 = 30/6. */
    assert_int_equal(period_window_parse("1/1-31/3", 8, PERIOD_QUARTERLY, &rule.window, &e), 0);
    p = compute(PERIOD_QUARTERLY, 2024, 2, &rule);
    assert_int_equal(p.cut_from, D(2024, 4, 1));
    assert_int_equal(p.cut_to, D(2024, 6, 30));
    const char *bad[] = {"", "15/12", "15/12-", "32/12-14/3", "15/13-14/3", "a/b-c/d", "15-14"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (period_window_parse(bad[i], strlen(bad[i]), PERIOD_ANNUAL, &rule.window, &e) !=
            ERR_INVALID)
            fail_msg("window '%s' accepted", bad[i]);
        assert_string_equal(e.code, "period.window");
    }
}

static void day_of_month_due_rules(void **state)
{
    (void)state;
    period_rule_t rule;
    period_rule_default(&rule);
    /* "no later than the 15th of the last month of the period" */
    assert_int_equal(period_due_parse("15", 2, PERIOD_QUARTERLY, &rule.due, NULL), 0);
    assert_int_equal(rule.due.kind, PERIOD_DUE_DAY_OF_MONTH);
    period_t ps[PERIOD_MAX_PER_YEAR];
    size_t n;
    assert_int_equal(period_list(PERIOD_QUARTERLY, 2024, &rule, NULL, NULL, ps, &n, NULL), 0);
    assert_int_equal(ps[0].due, D(2024, 3, 15));
    assert_int_equal(ps[3].due, D(2024, 12, 15));
    /* "no later than the 5th of March, June, September, December" */
    assert_int_equal(period_due_parse("5/3", 3, PERIOD_QUARTERLY, &rule.due, NULL), 0);
    assert_int_equal(rule.due.month, 0);
    assert_int_equal(period_list(PERIOD_QUARTERLY, 2023, &rule, NULL, NULL, ps, &n, NULL), 0);
    date_t want[] = {D(2023, 3, 5), D(2023, 6, 5), D(2023, 9, 5), D(2023, 12, 5)};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(ps[i].due, want[i]);
    period_t p = compute(PERIOD_NINEMONTH, 2023, 1, &rule);
    assert_int_equal(p.due, D(2023, 9, 5));
    /* The 5th of the month after the period, and clamping (31 -> 30/4). */
    rule.due.month = 1;
    p = compute(PERIOD_MONTHLY, 2024, 12, &rule);
    assert_int_equal(p.due, D(2025, 1, 5));
    rule.due.day = 31;
    p = compute(PERIOD_MONTHLY, 2024, 3, &rule);
    assert_int_equal(p.due, D(2024, 4, 30));
    /* Calendar days after the cut-off. */
    assert_int_equal(period_due_parse("+5d", 3, PERIOD_QUARTERLY, &rule.due, NULL), 0);
    p = compute(PERIOD_QUARTERLY, 2024, 1, &rule);
    assert_int_equal(p.due, D(2024, 3, 19));
    assert_int_equal(period_due_parse("none", 4, PERIOD_QUARTERLY, &rule.due, NULL), 0);
    assert_int_equal(rule.due.kind, PERIOD_DUE_NONE);
    const char *bad[] = {"", "0", "32", "+wd", "+2w", "5/13", "+999d", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_t e;
        if (period_due_parse(bad[i], strlen(bad[i]), PERIOD_ANNUAL, &rule.due, &e) != ERR_INVALID)
            fail_msg("due rule '%s' accepted", bad[i]);
        assert_string_equal(e.code, "period.due");
    }
}

static void working_day_due_rules_use_the_callback(void **state)
{
    (void)state;
    period_rule_t rule;
    period_rule_default(&rule);
    assert_int_equal(period_due_parse("+2wd", 4, PERIOD_QUARTERLY, &rule.due, NULL), 0);
    assert_int_equal(rule.due.kind, PERIOD_DUE_WORKDAYS_AFTER);
    int calls = 0;
    period_id_t q1 = {PERIOD_QUARTERLY, 2024, 1};
    period_t p;
    /* Cut-off Thursday 14/3/2024: +2 working days = Monday 18/3. */
    assert_int_equal(period_compute(q1, &rule, weekdays_add, &calls, &p, NULL), 0);
    assert_int_equal(calls, 1);
    assert_int_equal(p.due, D(2024, 3, 18));
    /* Without a calendar: a clear error, not a guess. */
    err_t e;
    assert_int_equal(period_compute(q1, &rule, NULL, NULL, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "period.no_calendar");
    /* The calendar's error is passed on. */
    assert_int_equal(period_compute(q1, &rule, broken_calendar, NULL, &p, &e), ERR_RANGE);
    assert_string_equal(e.code, "period.calendar");
    size_t n = 99;
    period_t ps[PERIOD_MAX_PER_YEAR];
    assert_int_equal(period_list(PERIOD_QUARTERLY, 2024, &rule, NULL, NULL, ps, &n, &e),
                     ERR_INVALID);
    assert_int_equal(n, 0);
}

static void invalid_rules_and_ids(void **state)
{
    (void)state;
    period_rule_t rule;
    period_rule_default(&rule);
    err_t e;
    period_id_t id = {PERIOD_MONTHLY, 2024, 5};
    period_t p;
    /* A window that ends before it starts. */
    rule.window.from_month = 0;
    rule.window.from_day = 20;
    rule.window.to_day = 10;
    assert_int_equal(period_compute(id, &rule, NULL, NULL, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "period.window_empty");
    period_rule_default(&rule);
    rule.window.to_day = 0;
    assert_int_equal(period_compute(id, &rule, NULL, NULL, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "period.rule");
    period_rule_default(&rule);
    rule.due.kind = PERIOD_DUE_DAY_OF_MONTH;
    rule.due.day = 1;
    rule.due.month = 100;
    assert_int_equal(period_compute(id, &rule, NULL, NULL, &p, &e), ERR_INVALID);
    id.year = 10000;
    assert_int_equal(period_compute(id, NULL, NULL, NULL, &p, &e), ERR_RANGE);
    id.year = 2024;
    id.regime = (period_regime_t)9;
    assert_int_equal(period_compute(id, NULL, NULL, NULL, &p, &e), ERR_INVALID);
    size_t n;
    period_t ps[PERIOD_MAX_PER_YEAR];
    assert_int_equal(period_list((period_regime_t)9, 2024, NULL, NULL, NULL, ps, &n, &e),
                     ERR_INVALID);
}

static void regimes_and_descriptions(void **state)
{
    (void)state;
    const char *names[] = {"monthly", "quarterly", "semiannual", "ninemonth", "annual"};
    int counts[] = {12, 4, 1, 1, 1};
    for (int i = 0; i < PERIOD_REGIME_COUNT; i++) {
        period_regime_t r;
        assert_int_equal(period_regime_parse(names[i], &r), 0);
        assert_int_equal(r, i);
        assert_string_equal(period_regime_name(r), names[i]);
        assert_int_equal(period_count(r), counts[i]);
    }
    period_regime_t r;
    assert_int_equal(period_regime_parse("weekly", &r), ERR_INVALID);
    assert_string_equal(period_regime_name_vi(PERIOD_QUARTERLY), "quý");
    char vi[PERIOD_DUE_TEXT_MAX], en[PERIOD_DUE_TEXT_MAX];
    period_due_t d = {PERIOD_DUE_DAY_OF_MONTH, 15, 0, 0};
    period_due_describe(&d, vi, en);
    assert_string_equal(vi, "ngày 15 của tháng cuối kỳ");
    assert_string_equal(en, "day 15 of the period's last month");
    d.kind = PERIOD_DUE_WORKDAYS_AFTER;
    d.n = 2;
    period_due_describe(&d, vi, en);
    assert_string_equal(en, "2 working day(s) after the cut-off");
}

static void period_for_date_uses_windows(void **state)
{
    (void)state;
    period_id_t id;
    assert_int_equal(period_for_date(PERIOD_MONTHLY, D(2023, 12, 20), NULL, &id, NULL), 0);
    assert_int_equal(id.year, 2024);
    assert_int_equal(id.index, 1);
    assert_int_equal(period_for_date(PERIOD_QUARTERLY, D(2024, 3, 14), NULL, &id, NULL), 0);
    assert_int_equal(id.index, 1);
    assert_int_equal(period_for_date(PERIOD_QUARTERLY, D(2024, 3, 15), NULL, &id, NULL), 0);
    assert_int_equal(id.index, 2);
    assert_int_equal(period_for_date(PERIOD_QUARTERLY, D(2024, 12, 15), NULL, &id, NULL), 0);
    assert_int_equal(id.year, 2025);
    assert_int_equal(id.index, 1);
    /* The annual seed window 15/12 -> 24/11 leaves 25/11..14/12 uncovered. */
    period_rule_t rule;
    period_rule_default(&rule);
    assert_int_equal(period_window_parse("15/12-24/11", 11, PERIOD_ANNUAL, &rule.window, NULL), 0);
    err_t e;
    assert_int_equal(period_for_date(PERIOD_ANNUAL, D(2024, 12, 1), &rule, &id, &e), ERR_NOTFOUND);
    assert_int_equal(period_for_date(PERIOD_ANNUAL, D(2024, 11, 24), &rule, &id, &e), 0);
    assert_int_equal(id.year, 2024);
}

/* Ranges named by codes: every period code, the second half (S2, a range
 * though not a reporting period) and YYYY-MM; anything else is refused. */
static void ranges_from_codes(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int y1, m1, d1, y2, m2, d2;
    } ok[] = {{"2024", 2024, 1, 1, 2024, 12, 31},   {"2024Q1", 2024, 1, 1, 2024, 3, 31},
              {"2024S1", 2024, 1, 1, 2024, 6, 30},  {"2024S2", 2024, 7, 1, 2024, 12, 31},
              {"2024M9", 2024, 1, 1, 2024, 9, 30},  {"2024M02", 2024, 2, 1, 2024, 2, 29},
              {"2023-02", 2023, 2, 1, 2023, 2, 28}, {"2024q4", 2024, 10, 1, 2024, 12, 31}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        date_t from, to;
        err_t e;
        if (period_parse_range(ok[i].code, strlen(ok[i].code), &from, &to, &e))
            fail_msg("%s: %s", ok[i].code, e.en);
        assert_int_equal(from, D(ok[i].y1, ok[i].m1, ok[i].d1));
        assert_int_equal(to, D(ok[i].y2, ok[i].m2, ok[i].d2));
    }
    static const char *bad[] = {"2024H1", "2024S3", "2024Q5", "2024-13", "24Q1", "", "2024M13"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        date_t from, to;
        err_t e;
        assert_int_equal(period_parse_range(bad[i], strlen(bad[i]), &from, &to, &e), ERR_INVALID);
        assert_string_equal(e.code, "kpi.period");
    }
    /* found by fuzz_period: a year alone in a buffer that ends right after
       it (no NUL) was read one byte past its end */
    char *four = malloc(4);
    assert_non_null(four);
    memcpy(four, "1000", 4);
    date_t from, to;
    assert_int_equal(period_parse_range(four, 4, &from, &to, NULL), 0);
    assert_int_equal(from, D(1000, 1, 1));
    free(four);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranges_from_codes),
        cmocka_unit_test(codes_round_trip),
        cmocka_unit_test(nominal_ranges),
        cmocka_unit_test(default_cutoff_windows),
        cmocka_unit_test(plan_defined_window_and_due),
        cmocka_unit_test(day_of_month_due_rules),
        cmocka_unit_test(working_day_due_rules_use_the_callback),
        cmocka_unit_test(invalid_rules_and_ids),
        cmocka_unit_test(regimes_and_descriptions),
        cmocka_unit_test(period_for_date_uses_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
