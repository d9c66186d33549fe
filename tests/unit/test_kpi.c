/* The KPI engine against a hand-computed expectation (tests/fixtures/ledger).
 *
 * Due times and classes, worked out by hand with the 2024 calendar
 * (office hours 07:30-11:30, 13:30-17:00; Tết 8-14/2 off; 27/4-1/5 off,
 * Saturday 4/5 worked):
 *  D1  X1 P1 recv Wed 7/2 10:00, 3 working days across Tết: 15/2, 16/2,
 *      19/2 -> due 19/2 10:00; ended 19/2 09:00 -> ON TIME (same day). Rated 3.
 *  D2  X1 P1 recv Fri 26/4 16:00: 2/5, 3/5, Sat 4/5 (worked) -> base due
 *      4/5 16:00; pause 2/5 08:00 -> 3/5 08:00 = 7 h 30 of office time =
 *      450 min, added: 4/5 16:00-17:00 (60) + Mon 6/5 390 min -> due 6/5
 *      16:00; ended 6/5 15:00 -> ON TIME. Not rated (rating gap).
 *  D3  X2 P1 due given 7/3 09:00, ended 6/3 (a day early) but two supplement
 *      requests -> LATE. Rated 1 (not satisfied).
 *  D4  X2 P1 due 7/11 09:00, ended 8/11 -> LATE. Rated 2.
 *  D5  X3 P1 (merged into X2 on 1/7) due 15/5, ended 13/5 -> EARLY. Rated 2.
 *  D6  X2 P1 due 25/12, open at the end of 2024 -> OVERDUE in progress.
 *  D7  refused at intake, D8 withdrawn: received, excluded from rates.
 *  D9  S1 P2 recv Mon 1/7 10:00, 8 working hours: 1/7 10:00-11:30 (90) +
 *      13:30-17:00 (210) + 2/7 07:30-10:30 (180) -> due 2/7 10:30; ended
 *      2/7 10:00 -> ON TIME. Paid online, digitised, e-result, not rated.
 *  D10 S1 P2 due 5/7, ended 4/7 -> EARLY. Rated 3.
 *  D11 H1 P3 recv 30/8 10:00 + 5 calendar days -> due 4/9 10:00; stopped
 *      4/9 11:00 -> LATE.
 *  D12 received 28/12/2023, ended 2/1/2024 before its due -> EARLY; resolved
 *      in 2024 but not received in 2024.
 *  D13 received 30/12/2024, due 3/1/2025, ended 2/1/2025 -> in progress
 *      within time at the end of 2024. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/period.h"
#include "app/app_feedback.h"
#include "app/app_kpi.h"
#include "app/app_ledger.h"
#include "store/store_ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/app_fixture.h"
#include "support/ledger_fixture.h"

#include "base/banned.h"

typedef app_fixture_t fx_t;

static dtime_t T(const char *s)
{
    dtime_t t;
    assert_int_equal(dtime_parse(s, strlen(s), &t), 0);
    return t;
}

static kpi_counts_t compute(fx_t *f, const char *unit, bool tree, const char *as_of,
                            const char *tree_at)
{
    kpi_request_t r = {0};
    r.unit = unit;
    r.tree = tree;
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = T(as_of);
    r.tree_at = DATE_NONE;
    if (tree_at)
        assert_int_equal(date_parse(tree_at, strlen(tree_at), &r.tree_at), 0);
    kpi_counts_t k;
    err_t e;
    if (app_kpi_compute(f->a, NULL, &r, &k, &e))
        fail_msg("%s", e.en);
    return k;
}

static void expect(const kpi_counts_t *k, kpi_indicator_t i, int64_t num, int64_t den)
{
    const kpi_def_t *d = kpi_def(i);
    if (k->c[d->num] != num || k->c[d->den] != den)
        fail_msg("%s: got %lld/%lld, want %lld/%lld", d->id, (long long)k->c[d->num],
                 (long long)k->c[d->den], (long long)num, (long long)den);
}

static void due_times_through_the_calendar(void **state)
{
    fx_t *f = *state;
    store_t *s;
    assert_int_equal(app_store(f->a, &s, NULL), 0);
    dossier_t d;
    err_t e;
    assert_int_equal(store_ledger_dossier_load(s, "D1", &d, NULL, &e), 0);
    assert_true(d.due == T("2024-02-19 10:00"));
    assert_int_equal(store_ledger_dossier_load(s, "D2", &d, NULL, &e), 0);
    assert_true(d.due_base == T("2024-05-04 16:00"));
    assert_true(d.due == T("2024-05-06 16:00"));
    assert_int_equal(store_ledger_dossier_load(s, "D9", &d, NULL, &e), 0);
    assert_true(d.due == T("2024-07-02 10:30"));
    assert_int_equal(store_ledger_dossier_load(s, "D11", &d, NULL, &e), 0);
    assert_true(d.due == T("2024-09-04 10:00"));
}

static void province_with_subtree(void **state)
{
    fx_t *f = *state;
    kpi_counts_t k = compute(f, "T", true, "2025-01-01 00:00", NULL);
    assert_int_equal(k.c[KC_RECEIVED], 12);
    assert_int_equal(k.c[KC_RESOLVED], 9);
    assert_int_equal(k.c[KC_EARLY], 3);
    assert_int_equal(k.c[KC_ON_TIME], 3);
    assert_int_equal(k.c[KC_LATE], 3);
    assert_int_equal(k.c[KC_OVERDUE_OPEN], 1);
    assert_int_equal(k.c[KC_OPEN_IN_TIME], 1);
    expect(&k, KPI_ON_TIME, 6, 9);
    expect(&k, KPI_EARLY, 3, 9);
    expect(&k, KPI_SATISFACTION, 4, 5);
    expect(&k, KPI_ONLINE, 4, 10);
    expect(&k, KPI_FULL_ONLINE, 2, 9);
    expect(&k, KPI_ONLINE_PAYMENT, 1, 3);
    expect(&k, KPI_DIGITIZED, 3, 10);
    expect(&k, KPI_DIGITIZED_RESULT, 3, 9);
    expect(&k, KPI_CAT_ONLINE_SERVICE, 1, 2);
    expect(&k, KPI_CAT_ONLINE_PAYMENT, 1, 2);
    expect(&k, KPI_CAT_PUBLISHED, 2, 3);
    expect(&k, KPI_FEEDBACK_ON_TIME, 0, 0);
    buf_t b = BUF_INIT(BUF_MAX_JSON);
    assert_int_equal(kpi_json(&b, "T", date_from_ymd(2024, 1, 1), date_from_ymd(2024, 12, 31),
                              T("2025-01-01 00:00"), &k),
                     0);
    assert_string_equal(b.data, ledger_fixture_kpi_t_2024);
    buf_release(&b);
    /* the province alone has no dossiers */
    k = compute(f, "T", false, "2025-01-01 00:00", NULL);
    assert_int_equal(k.c[KC_RECEIVED], 0);
    expect(&k, KPI_ON_TIME, 0, 0);
}

static void merged_commune_rolls_up(void **state)
{
    fx_t *f = *state;
    /* on the tree of 31/12 X3 has been merged into X2: D5 comes along */
    kpi_counts_t k = compute(f, "X2", true, "2025-01-01 00:00", NULL);
    assert_int_equal(k.c[KC_RECEIVED], 5);
    assert_int_equal(k.c[KC_RESOLVED], 3);
    assert_int_equal(k.c[KC_EARLY], 1);
    assert_int_equal(k.c[KC_LATE], 2);
    expect(&k, KPI_ON_TIME, 1, 3);
    expect(&k, KPI_SATISFACTION, 2, 3);
    /* on the tree of 30/6 it has not */
    k = compute(f, "X2", true, "2025-01-01 00:00", "2024-06-30");
    assert_int_equal(k.c[KC_RECEIVED], 4);
    expect(&k, KPI_ON_TIME, 0, 2);
    /* the district: its communes, the merged one included */
    k = compute(f, "H1", true, "2025-01-01 00:00", NULL);
    assert_int_equal(k.c[KC_RECEIVED], 10);
    assert_int_equal(k.c[KC_RESOLVED], 7); /* D1 D2 D3 D4 D5 D11 D12 */
    expect(&k, KPI_ON_TIME, 4, 7);         /* D1 D2 D5 D12 not late */
}

static void as_of_ignores_later_events(void **state)
{
    fx_t *f = *state;
    kpi_counts_t k = compute(f, "T", true, "2024-06-30 23:59:59", NULL);
    assert_int_equal(k.c[KC_RECEIVED], 6); /* D1 D2 D3 D5 D7 D8 */
    assert_int_equal(k.c[KC_RESOLVED], 5); /* D1 D2 D3 D5 D12 */
    expect(&k, KPI_ON_TIME, 4, 5);
    expect(&k, KPI_ONLINE, 3, 4);
    /* D2 as of 3/5 10:00: paused (waiting for the supplement), not overdue;
     * as of 4/5 17:00 after the pause its extended due (6/5) holds */
    k = compute(f, "X1", false, "2024-05-03 07:00", NULL);
    assert_int_equal(k.c[KC_OVERDUE_OPEN], 0);
    k = compute(f, "X1", false, "2024-05-04 17:00", NULL);
    assert_int_equal(k.c[KC_OVERDUE_OPEN], 0);
    assert_int_equal(k.c[KC_OPEN_IN_TIME], 1);
}

static void explain_lists_the_dossiers(void **state)
{
    fx_t *f = *state;
    kpi_request_t r = {0};
    r.unit = "X2";
    r.tree = true;
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = T("2025-01-01 00:00");
    r.tree_at = DATE_NONE;
    buf_t b = BUF_INIT(BUF_MAX_JSON);
    err_t e;
    assert_int_equal(app_kpi_explain(f->a, NULL, &r, "tthc.on_time", &b, &e), 0);
    assert_non_null(strstr(b.data, "\"num\":1,\"den\":3"));
    assert_non_null(strstr(b.data, "{\"code\":\"D3\",\"in_numerator\":false,\"class\":\"late\""));
    assert_non_null(strstr(b.data, "{\"code\":\"D5\",\"in_numerator\":true,\"class\":\"early\""));
    assert_null(strstr(b.data, "\"D6\""));
    buf_release(&b);
    assert_int_equal(app_kpi_explain(f->a, NULL, &r, "tthc.nope", &b, &e), ERR_INVALID);
    buf_release(&b);
    /* --all: one line per unit valid in the period */
    r.unit = NULL;
    r.tree = false;
    assert_int_equal(app_kpi_all(f->a, NULL, &r, &b, &e), 0);
    int lines = 0;
    for (const char *p = b.data; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 6);
    assert_non_null(strstr(b.data, "{\"unit\":\"S1\",\"from\":\"2024-01-01\""));
    buf_release(&b);
    date_t from, to;
    assert_int_equal(period_parse_range("2024Q2", strlen("2024Q2"), &from, &to, NULL), 0);
    assert_true(from == date_from_ymd(2024, 4, 1) && to == date_from_ymd(2024, 6, 30));
    assert_int_equal(period_parse_range("2024-02", strlen("2024-02"), &from, &to, NULL), 0);
    assert_true(to == date_from_ymd(2024, 2, 29));
    assert_int_equal(period_parse_range("2024Q5", strlen("2024Q5"), &from, &to, NULL), ERR_INVALID);
}

/* 766 with subtrees, by hand:
 * T: transparency 18 x 2/3 = 12; progress 20 x (6 + 1 in time) / (9 + 1 + 1)
 * = 12.73; online service 6 x 0.4/0.5 + 6 x 1/2 = 7.8; payment 5 x (1/3)/0.5
 * + 5 x 1/2 = 5.83; digitisation 11 x 0.3/0.8 + 11 x (1/3)/0.8 = 8.71;
 * satisfaction 6 x 0.8/0.9 + 6 (no feedback: full) + 6 x 6/9 = 15.33;
 * total 62.40. S1: 18 + 20 + (6 + 0) + (5 + 5) + (6.875 + 6.875) + 18 = 85.75. */
static void index766_scores_and_ranks(void **state)
{
    fx_t *f = *state;
    kpi_request_t r = {0};
    r.tree = true;
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = T("2025-01-01 00:00");
    r.tree_at = DATE_NONE;
    buf_t b = BUF_INIT(BUF_MAX_JSON);
    err_t e;
    if (app_kpi_index766(f->a, NULL, &r, &b, &e))
        fail_msg("%s", e.en);
    /* X1: 18 + 20 + (6 + 6) + (5 + 5: no fee-bearing data, full) + (6.875 +
     * 4.58) + 18 = 89.46, first of the three communes of province T; X3: 18
     * + 20 + 12 + 10 + 0 + 18 = 78; ranks are among the units of one kind in
     * one province (the province, the department, the district alone) */
    if (!strstr(b.data, "{\"unit\":\"X1\",\"kind\":\"xa\",\"province\":\"T\",\"rank\":1,"
                        "\"of\":3,\"total\":89.46,") ||
        !strstr(b.data, "{\"unit\":\"S1\",\"kind\":\"so\",\"province\":\"T\",\"rank\":1,"
                        "\"of\":1,\"total\":85.75,") ||
        !strstr(b.data, "{\"unit\":\"X3\",\"kind\":\"xa\",\"province\":\"T\",\"rank\":2,"
                        "\"of\":3,\"total\":78.00,") ||
        !strstr(b.data, "{\"unit\":\"X2\",\"kind\":\"xa\",\"province\":\"T\",\"rank\":3,")) {
        fprintf(stderr, "%s\n", b.data);
        fail_msg("766 ranks");
    }
    /* the items scored by their no-data rule are named */
    assert_non_null(strstr(b.data, "\"no_data\":[{\"group\":\"online_payment\","
                                   "\"indicator\":\"tthc.online_payment\",\"rule\":\"full\"}"));
    if (!strstr(b.data, "{\"unit\":\"T\",\"kind\":\"tinh\",\"province\":null,\"rank\":1,"
                        "\"of\":1,\"total\":62.40,\"groups\":{"
                        "\"transparency\":12.00,\"progress\":12.73,"
                        "\"online_service\":7.80,\"online_payment\":5.83,"
                        "\"digitisation\":8.71,\"satisfaction\":15.33}"))
        fail_msg("%s", strstr(b.data, "{\"unit\":\"T\""));
    /* the national view ranks the communes the same here (one province) */
    buf_reset(&b);
    r.national = true;
    if (app_kpi_index766(f->a, NULL, &r, &b, &e))
        fail_msg("%s", e.en);
    assert_non_null(strstr(b.data, "\"national\":true"));
    assert_non_null(strstr(b.data, "{\"unit\":\"X1\",\"kind\":\"xa\",\"province\":null,"
                                   "\"rank\":1,\"of\":3,"));
    assert_non_null(strstr(b.data, "\"rules\":{\"version\":\"2024.1\""));
    buf_release(&b);
}

/* --- feedback.on_time ---------------------------------------------------------
 * Feedback items added to the fixture (2024 calendar; deadlines: acknowledge
 * 2, answer 15 working days from receipt, the wait for information excluded,
 * publish 2 after the answer), by hand:
 *  F1 X1 recv Wed 7/2 10:00; ack 15/2 08:00 (due 16/2 10:00); information
 *     19/2 08:00 -> 21/2 08:00 (2 working days); answered 8/3 09:00 (due
 *     6/3 10:00 + 2 days = 8/3 10:00); published 11/3 09:00 (due 12/3
 *     09:00) -> ON TIME.
 *  F2 X2 recv Mon 4/3 09:00; ack Thu 7/3 09:00 (due 6/3 09:00) -> LATE;
 *     answered 20/3.
 *  F3 X3 (merged into X2 on 1/7) recv Thu 2/5 08:00; ack 3/5; answered 10/5
 *     08:00 (due 22/5: Sat 4/5 worked); published 13/5 08:00 (due 14/5
 *     08:00) -> ON TIME.
 *  F4 S1 recv Fri 20/12 09:00; ack 23/12; answered 30/12 09:00 (due 13/1/2025,
 *     1/1 off); not published: due 2/1/2025 09:00 -> on time as of 1/1/2025,
 *     late (overdue publication) as of 10/1/2025.
 *  F5 H1 recv 4/11, acknowledged, never answered: not counted.
 *  F6 X1 recv 2/12, answered 3/1/2025: not answered in 2024.
 * feedback.on_time for 2024 as of 1/1/2025: T with subtree 3/4 (F1 F3 F4);
 * X2 with subtree 1/2 on the tree of 31/12 (F2 F3), 0/1 on the tree of
 * 30/6; H1 2/3; S1 1/1, and 0/1 as of 10/1/2025; T as of 30/6 2/3. The 766
 * satisfaction group of T: 6 x 0.8/0.9 + 6 x 0.75 + 6 x 6/9 = 13.83 (was
 * 15.33 without feedback: full), total 60.90, fifth. */
static void fb_add(fx_t *f, const char *code, const char *unit, const char *recv)
{
    app_fb_in_t in = {0};
    in.code = code;
    in.unit = unit;
    in.subject = "Phản ánh";
    in.received = T(recv);
    err_t e;
    if (app_feedback_submit(f->a, NULL, &in, NULL, &e))
        fail_msg("%s: %s", code, e.en);
}

static void fb_step(fx_t *f, const char *code, fb_event_kind_t k, const char *at)
{
    app_fb_event_in_t in = {k, T(at), 0, NULL};
    err_t e;
    if (app_feedback_event(f->a, NULL, code, &in, &e))
        fail_msg("%s %s: %s", code, feedback_event_name(k), e.en);
}

static void feedback_on_time(void **state)
{
    fx_t *f = *state;
    fb_add(f, "F1", "X1", "2024-02-07 10:00");
    fb_step(f, "F1", FBE_ACKNOWLEDGED, "2024-02-15 08:00");
    fb_step(f, "F1", FBE_INFO_REQUESTED, "2024-02-19 08:00");
    fb_step(f, "F1", FBE_INFO_SUPPLIED, "2024-02-21 08:00");
    fb_step(f, "F1", FBE_ANSWERED, "2024-03-08 09:00");
    fb_step(f, "F1", FBE_PUBLISHED, "2024-03-11 09:00");
    fb_add(f, "F2", "X2", "2024-03-04 09:00");
    fb_step(f, "F2", FBE_ACKNOWLEDGED, "2024-03-07 09:00");
    fb_step(f, "F2", FBE_ANSWERED, "2024-03-20 09:00");
    fb_add(f, "F3", "X3", "2024-05-02 08:00");
    fb_step(f, "F3", FBE_ACKNOWLEDGED, "2024-05-03 08:00");
    fb_step(f, "F3", FBE_ANSWERED, "2024-05-10 08:00");
    fb_step(f, "F3", FBE_PUBLISHED, "2024-05-13 08:00");
    fb_add(f, "F4", "S1", "2024-12-20 09:00");
    fb_step(f, "F4", FBE_ACKNOWLEDGED, "2024-12-23 09:00");
    fb_step(f, "F4", FBE_ANSWERED, "2024-12-30 09:00");
    fb_add(f, "F5", "H1", "2024-11-04 09:00");
    fb_step(f, "F5", FBE_ACKNOWLEDGED, "2024-11-05 09:00");
    fb_add(f, "F6", "X1", "2024-12-02 09:00");
    fb_step(f, "F6", FBE_ACKNOWLEDGED, "2024-12-03 09:00");
    fb_step(f, "F6", FBE_ANSWERED, "2025-01-03 09:00");
    const char *end = "2025-01-01 00:00";
    kpi_counts_t k = compute(f, "T", true, end, NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 3, 4);
    assert_int_equal(k.c[KC_RECEIVED], 12); /* dossier figures unchanged */
    k = compute(f, "X2", true, end, NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 1, 2);
    k = compute(f, "X2", true, end, "2024-06-30");
    expect(&k, KPI_FEEDBACK_ON_TIME, 0, 1);
    k = compute(f, "H1", true, end, NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 2, 3);
    k = compute(f, "S1", false, end, NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 1, 1);
    k = compute(f, "S1", false, "2025-01-10 00:00", NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 0, 1);
    k = compute(f, "T", true, "2024-06-30 23:59:59", NULL);
    expect(&k, KPI_FEEDBACK_ON_TIME, 2, 3);
    buf_t b = BUF_INIT(BUF_MAX_JSON);
    /* explain lists the feedback items */
    kpi_request_t r = {0};
    r.unit = "X2";
    r.tree = true;
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = T(end);
    r.tree_at = DATE_NONE;
    err_t e;
    assert_int_equal(app_kpi_explain(f->a, NULL, &r, "feedback.on_time", &b, &e), 0);
    assert_non_null(strstr(b.data, "\"value\":50.00,\"num\":1,\"den\":2,\"dossiers\":["));
    assert_non_null(strstr(b.data, "{\"code\":\"F2\",\"in_numerator\":false,\"class\":\"late\""));
    assert_non_null(strstr(b.data, "{\"code\":\"F3\",\"in_numerator\":true,\"class\":\"on_time\""));
    assert_null(strstr(b.data, "\"F1\""));
    buf_release(&b);
    /* with a procedure filter feedback is not counted */
    r.unit = "T";
    r.procedure = "P1";
    kpi_counts_t kf;
    assert_int_equal(app_kpi_compute(f->a, NULL, &r, &kf, &e), 0);
    expect(&kf, KPI_FEEDBACK_ON_TIME, 0, 0);
    /* --all sums per unit; the 766 satisfaction group now scores feedback */
    r.unit = NULL;
    r.procedure = NULL;
    r.tree = true;
    assert_int_equal(app_kpi_all(f->a, NULL, &r, &b, &e), 0);
    assert_non_null(strstr(b.data, "\"feedback.on_time\":{\"value\":75.00,\"num\":3,\"den\":4}"));
    buf_release(&b);
    if (app_kpi_index766(f->a, NULL, &r, &b, &e))
        fail_msg("%s", e.en);
    if (!strstr(b.data, "{\"unit\":\"T\",\"kind\":\"tinh\",\"province\":null,\"rank\":1,"
                        "\"of\":1,\"total\":60.90,\"groups\":{"
                        "\"transparency\":12.00,\"progress\":12.73,"
                        "\"online_service\":7.80,\"online_payment\":5.83,"
                        "\"digitisation\":8.71,\"satisfaction\":13.83}"))
        fail_msg("%s",
                 strstr(b.data, "{\"unit\":\"T\"") ? strstr(b.data, "{\"unit\":\"T\"") : b.data);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(due_times_through_the_calendar),
        cmocka_unit_test(province_with_subtree),
        cmocka_unit_test(merged_commune_rolls_up),
        cmocka_unit_test(as_of_ignores_later_events),
        cmocka_unit_test(explain_lists_the_dossiers),
        cmocka_unit_test(index766_scores_and_ranks),
        cmocka_unit_test(feedback_on_time), /* adds feedback: runs last */
    };
    return cmocka_run_group_tests(tests, ledger_fixture_setup, app_fixture_teardown);
}
