/* Unit tests of src/domain/report_cal: DOMAIN §7 defaults, overrides,
 * precedence, working-day dues, validation, ad hoc reports, cascade. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/report_cal.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* Test calendar: Monday..Friday are working days, plus one holiday
 * (2024-03-18) to show that the callback decides. */
static int workdays(void *ctx, date_t from, int n, date_t *out)
{
    int *calls = ctx;
    if (calls)
        (*calls)++;
    date_t d = from;
    while (n > 0) {
        d++;
        int w = date_weekday(d);
        if (w != 0 && w != 6 && d != D(2024, 3, 18))
            n--;
    }
    *out = d;
    return 0;
}

static int no_days(void *ctx, date_t from, int n, date_t *out)
{
    (void)ctx;
    (void)from;
    (void)n;
    (void)out;
    return ERR_RANGE;
}

static void resolve(const report_cal_t *c, const char *rcv, int year, report_cal_list_t *l)
{
    err_t e;
    if (report_cal_resolve(c, rcv, year, workdays, NULL, l, &e) != 0)
        fail_msg("resolve: %s %s", e.code, e.en);
}

static const report_cal_entry_t *find(const report_cal_list_t *l, report_kind_t k)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].kind == k)
            return &l->v[i];
    return NULL;
}

static void add_rule(report_cal_t *c, const char *rcv, report_kind_t k, const char *window,
                     const char *due, int from, int to)
{
    report_cal_rule_t r;
    err_t e;
    report_cal_rule_init(&r, rcv, k);
    if (window && report_kind_window_parse(k, window, strlen(window), &r.window, &e) != 0)
        fail_msg("window %s: %s", window, e.en);
    if (due && report_kind_due_parse(k, due, strlen(due), &r.due, &e) != 0)
        fail_msg("due %s: %s", due, e.en);
    r.year_from = from;
    r.year_to = to;
    snprintf(r.source, sizeof r.source, "test:%s:%s", rcv, report_kind_code(k));
    if (report_cal_add_rule(c, &r, &e) != 0)
        fail_msg("add_rule: %s %s", e.code, e.en);
}

static void defaults_2024(void **state)
{
    (void)state;
    report_cal_list_t l;
    report_cal_list_init(&l);
    resolve(NULL, "S01", 2024, &l);
    assert_int_equal(l.n, 4);
    static const report_kind_t kinds[] = {REPORT_KIND_QUY1, REPORT_KIND_6THANG, REPORT_KIND_QUY3,
                                          REPORT_KIND_NAM};
    date_t from[] = {D(2023, 12, 15), D(2023, 12, 15), D(2024, 6, 15), D(2023, 12, 15)};
    date_t to[] = {D(2024, 3, 14), D(2024, 6, 14), D(2024, 9, 14), D(2024, 12, 14)};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(l.v[i].kind, kinds[i]);
        assert_true(l.v[i].has_period);
        assert_int_equal(l.v[i].period.year, 2024);
        assert_int_equal(l.v[i].from, from[i]);
        assert_int_equal(l.v[i].to, to[i]);
        assert_int_equal(l.v[i].due, DATE_NONE);
        assert_int_equal(l.v[i].origin, REPORT_ORIGIN_DEFAULT);
        assert_int_equal(l.v[i].index, -1);
        assert_string_equal(l.v[i].receiver, "S01");
        assert_string_equal(l.v[i].id, report_kind_code(kinds[i]));
    }
    assert_int_equal(l.v[2].period.index, 3);
    assert_string_equal(l.v[0].title, "Báo cáo quý I");
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    report_cal_entry_explain(&l.v[0], vi, en);
    assert_non_null(strstr(vi, "mặc định"));
    assert_non_null(strstr(en, "default"));
    /* An empty calendar is the same as none. */
    report_cal_t *c = report_cal_new();
    assert_non_null(c);
    resolve(c, "S01", 2025, &l);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.v[0].from, D(2024, 12, 15));
    report_cal_free(c);
    report_cal_list_release(&l);
    assert_null(l.v);
}

/* The real plan: the annual report closes on 24/11 and is due on 25/11. */
static void annual_override(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    report_cal_override_t o;
    err_t e;
    report_cal_override_init(&o, "S01", 2024, REPORT_KIND_NAM);
    o.from = D(2023, 12, 15);
    o.to = D(2024, 11, 24);
    o.due = D(2024, 11, 25);
    snprintf(o.source, sizeof o.source, "KH 12/KH-UBND");
    assert_int_equal(report_cal_add_override(c, &o, &e), 0);
    report_cal_list_t l;
    report_cal_list_init(&l);
    resolve(c, "S01", 2024, &l);
    const report_cal_entry_t *nam = find(&l, REPORT_KIND_NAM);
    assert_non_null(nam);
    assert_int_equal(nam->from, D(2023, 12, 15));
    assert_int_equal(nam->to, D(2024, 11, 24));
    assert_int_equal(nam->due, D(2024, 11, 25));
    assert_int_equal(nam->origin, REPORT_ORIGIN_OVERRIDE);
    assert_int_equal(nam->index, 0);
    assert_string_equal(nam->source, "KH 12/KH-UBND");
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    report_cal_entry_explain(nam, vi, en);
    assert_non_null(strstr(vi, "KH 12/KH-UBND"));
    assert_non_null(strstr(en, "2024 override of receiver S01"));
    /* Other kinds and other years, other receivers keep the defaults. */
    assert_int_equal(find(&l, REPORT_KIND_QUY1)->origin, REPORT_ORIGIN_DEFAULT);
    resolve(c, "S01", 2025, &l);
    assert_int_equal(find(&l, REPORT_KIND_NAM)->to, D(2025, 12, 14));
    resolve(c, "S02", 2024, &l);
    assert_int_equal(find(&l, REPORT_KIND_NAM)->to, D(2024, 12, 14));
    /* The same as a rule: window 15/12-24/11, due 25/11. */
    add_rule(c, "S02", REPORT_KIND_NAM, "15/12-24/11", "25/11", 2024, 0);
    resolve(c, "S02", 2026, &l);
    nam = find(&l, REPORT_KIND_NAM);
    assert_int_equal(nam->from, D(2025, 12, 15));
    assert_int_equal(nam->to, D(2026, 11, 24));
    assert_int_equal(nam->due, D(2026, 11, 25));
    assert_int_equal(nam->origin, REPORT_ORIGIN_RULE);
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void workday_due(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    add_rule(c, "*", REPORT_KIND_QUY1, NULL, "+2wd", 0, 0);
    report_cal_list_t l;
    report_cal_list_init(&l);
    int calls = 0;
    err_t e;
    assert_int_equal(report_cal_resolve(c, "P", 2024, workdays, &calls, &l, &e), 0);
    assert_int_equal(calls, 1);
    /* Cut-off Thursday 14/3/2024; Friday 15 is the first working day, Monday
     * 18 is a holiday of the test calendar, so the second is Tuesday 19. */
    const report_cal_entry_t *q1 = find(&l, REPORT_KIND_QUY1);
    assert_int_equal(q1->due, D(2024, 3, 19));
    assert_int_equal(q1->due_rule.kind, PERIOD_DUE_WORKDAYS_AFTER);
    assert_int_equal(q1->origin, REPORT_ORIGIN_RULE_ANY);
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    report_cal_entry_explain(q1, vi, en);
    assert_non_null(strstr(vi, "2 ngày làm việc sau ngày chốt số liệu"));
    /* No calendar, or a calendar that cannot answer: the call fails. */
    assert_int_equal(report_cal_resolve(c, "P", 2024, NULL, NULL, &l, &e), ERR_INVALID);
    assert_string_equal(e.code, "period.no_calendar");
    assert_non_null(strstr(e.en, "quy1 2024: "));
    assert_int_equal(l.n, 0);
    assert_int_equal(report_cal_resolve(c, "P", 2024, no_days, NULL, &l, &e), ERR_RANGE);
    assert_string_equal(e.code, "period.calendar");
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void precedence(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    add_rule(c, "*", REPORT_KIND_QUY3, NULL, "20", 0, 0);
    add_rule(c, "S01", REPORT_KIND_QUY3, NULL, "15", 2024, 2024);
    report_cal_override_t o;
    err_t e;
    report_cal_override_init(&o, "*", 2025, REPORT_KIND_QUY3);
    o.from = D(2025, 6, 15);
    o.to = D(2025, 9, 10);
    o.due = D(2025, 9, 12);
    assert_int_equal(report_cal_add_override(c, &o, &e), 0);
    report_cal_override_init(&o, "S01", 2026, REPORT_KIND_QUY3);
    o.from = D(2026, 6, 15);
    o.to = D(2026, 9, 8);
    assert_int_equal(report_cal_add_override(c, &o, &e), 0);
    add_rule(c, "S01", REPORT_KIND_QUY3, NULL, "16", 2025, 0);

    report_cal_list_t l;
    report_cal_list_init(&l);
    resolve(c, "S01", 2024, &l); /* receiver rule beats "*" rule */
    const report_cal_entry_t *q3 = find(&l, REPORT_KIND_QUY3);
    assert_int_equal(q3->due, D(2024, 9, 15));
    assert_int_equal(q3->origin, REPORT_ORIGIN_RULE);
    assert_int_equal(q3->index, 1);
    resolve(c, "S02", 2024, &l); /* "*" rule */
    q3 = find(&l, REPORT_KIND_QUY3);
    assert_int_equal(q3->due, D(2024, 9, 20));
    assert_int_equal(q3->origin, REPORT_ORIGIN_RULE_ANY);
    resolve(c, "S01", 2025, &l); /* "*" override beats receiver rule */
    q3 = find(&l, REPORT_KIND_QUY3);
    assert_int_equal(q3->due, D(2025, 9, 12));
    assert_int_equal(q3->origin, REPORT_ORIGIN_OVERRIDE_ANY);
    resolve(c, "S01", 2026, &l); /* receiver override, no due */
    q3 = find(&l, REPORT_KIND_QUY3);
    assert_int_equal(q3->to, D(2026, 9, 8));
    assert_int_equal(q3->due, DATE_NONE);
    assert_int_equal(q3->origin, REPORT_ORIGIN_OVERRIDE);
    resolve(c, "S01", 2027, &l); /* open-ended receiver rule */
    q3 = find(&l, REPORT_KIND_QUY3);
    assert_int_equal(q3->due, D(2027, 9, 16));
    assert_int_equal(q3->origin, REPORT_ORIGIN_RULE);
    /* Other kinds untouched. */
    assert_int_equal(find(&l, REPORT_KIND_QUY1)->origin, REPORT_ORIGIN_DEFAULT);
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void enable_disable(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    add_rule(c, "*", REPORT_KIND_9THANG, NULL, "20", 0, 0);
    report_cal_rule_t r;
    err_t e;
    report_cal_rule_init(&r, "S01", REPORT_KIND_QUY3);
    r.enabled = false;
    assert_int_equal(report_cal_add_rule(c, &r, &e), 0);
    report_cal_list_t l;
    report_cal_list_init(&l);
    resolve(c, "S01", 2024, &l);
    assert_int_equal(l.n, 4);
    assert_null(find(&l, REPORT_KIND_QUY3));
    const report_cal_entry_t *m9 = find(&l, REPORT_KIND_9THANG);
    assert_non_null(m9);
    assert_int_equal(m9->from, D(2023, 12, 15));
    assert_int_equal(m9->to, D(2024, 9, 14));
    assert_int_equal(m9->due, D(2024, 9, 20));
    /* Order: quy1, 6thang, 9thang, nam. */
    assert_int_equal(l.v[0].kind, REPORT_KIND_QUY1);
    assert_int_equal(l.v[1].kind, REPORT_KIND_6THANG);
    assert_int_equal(l.v[2].kind, REPORT_KIND_9THANG);
    assert_int_equal(l.v[3].kind, REPORT_KIND_NAM);
    resolve(c, "S02", 2024, &l);
    assert_int_equal(l.n, 5);
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void expect_rule_error(const report_cal_rule_t *r, int status, const char *code)
{
    err_t e;
    report_cal_t *c = report_cal_new();
    assert_int_equal(report_cal_rule_check(r, &e), status);
    assert_string_equal(e.code, code);
    assert_int_equal(report_cal_add_rule(c, r, &e), status);
    assert_int_equal(report_cal_rule_count(c), 0);
    report_cal_free(c);
}

static void rule_validation(void **state)
{
    (void)state;
    report_cal_rule_t r;
    report_cal_rule_init(&r, "P", REPORT_KIND_QUY1);
    assert_int_equal(report_cal_rule_check(&r, NULL), 0);
    r.window.to_month = -2; /* 15 January .. 14 January */
    r.window.from_month = 0;
    expect_rule_error(&r, ERR_INVALID, "report_cal.window");
    report_cal_rule_init(&r, "P", REPORT_KIND_QUY1);
    r.due.kind = PERIOD_DUE_DAY_OF_MONTH;
    r.due.day = 5; /* 5/3 while the window ends on 14/3 */
    expect_rule_error(&r, ERR_INVALID, "report_cal.due_early");
    r.due.day = 14;
    assert_int_equal(report_cal_rule_check(&r, NULL), 0);
    /* 29/2 window end with a due on the 28th: early in leap years only. */
    report_cal_rule_init(&r, "P", REPORT_KIND_QUY1);
    r.window.to_day = 29;
    r.window.to_month = -1;
    r.due.kind = PERIOD_DUE_DAY_OF_MONTH;
    r.due.day = 28;
    r.due.month = -1;
    expect_rule_error(&r, ERR_INVALID, "report_cal.due_early");
    report_cal_rule_init(&r, "P", REPORT_KIND_DOT_XUAT);
    expect_rule_error(&r, ERR_INVALID, "report_cal.kind");
    report_cal_rule_init(&r, "P", (report_kind_t)9);
    expect_rule_error(&r, ERR_INVALID, "report_cal.kind");
    report_cal_rule_init(&r, "P", REPORT_KIND_NAM);
    r.year_from = 1800;
    expect_rule_error(&r, ERR_RANGE, "report_cal.year");
    r.year_from = 2025;
    r.year_to = 2024;
    expect_rule_error(&r, ERR_RANGE, "report_cal.year");
    r.year_from = 0;
    r.year_to = 3000;
    expect_rule_error(&r, ERR_RANGE, "report_cal.year");
    report_cal_rule_init(&r, "", REPORT_KIND_NAM);
    expect_rule_error(&r, ERR_INVALID, "report_cal.receiver");
    report_cal_rule_init(&r, "P", REPORT_KIND_NAM);
    r.window.from_day = 0;
    expect_rule_error(&r, ERR_INVALID, "report_cal.rule");
    report_cal_rule_init(&r, "P", REPORT_KIND_NAM);
    r.due.kind = PERIOD_DUE_WORKDAYS_AFTER;
    r.due.n = 400;
    expect_rule_error(&r, ERR_INVALID, "report_cal.rule");
    /* A receiver code longer than the field is truncated on a UTF-8 boundary. */
    char big[200];
    memset(big, 'a', sizeof big);
    memcpy(big + 61, "ữ", strlen("ữ"));
    big[199] = '\0';
    report_cal_rule_init(&r, big, REPORT_KIND_NAM);
    assert_int_equal(strlen(r.receiver), 61);
}

static void conflicts(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    add_rule(c, "P", REPORT_KIND_NAM, NULL, "20", 2020, 2024);
    add_rule(c, "P", REPORT_KIND_NAM, NULL, "18", 2025, 0);
    add_rule(c, "Q", REPORT_KIND_NAM, NULL, "18", 2022, 2022);
    report_cal_rule_t r;
    err_t e;
    report_cal_rule_init(&r, "P", REPORT_KIND_NAM);
    r.year_from = 2024;
    r.year_to = 2024;
    assert_int_equal(report_cal_add_rule(c, &r, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "report_cal.overlap");
    r.year_from = 0;
    r.year_to = 2019;
    assert_int_equal(report_cal_add_rule(c, &r, &e), 0);
    assert_int_equal(report_cal_rule_count(c), 4);
    assert_string_equal(report_cal_rule_at(c, 3)->receiver, "P");
    assert_null(report_cal_rule_at(c, 4));
    report_cal_override_t o;
    report_cal_override_init(&o, "P", 2024, REPORT_KIND_NAM);
    o.from = D(2023, 12, 15);
    o.to = D(2024, 11, 24);
    assert_int_equal(report_cal_add_override(c, &o, &e), 0);
    assert_int_equal(report_cal_add_override(c, &o, &e), ERR_CONFLICT);
    assert_int_equal(report_cal_override_count(c), 1);
    report_cal_adhoc_t a;
    report_cal_adhoc_init(&a, "P", "kt-2024");
    snprintf(a.title, sizeof a.title, "Báo cáo kiểm tra CCHC");
    a.due = D(2024, 5, 10);
    assert_int_equal(report_cal_add_adhoc(c, &a, &e), 0);
    assert_int_equal(report_cal_add_adhoc(c, &a, &e), ERR_CONFLICT);
    report_cal_copy(a.receiver, sizeof a.receiver, "Q");
    assert_int_equal(report_cal_add_adhoc(c, &a, &e), 0);
    assert_int_equal(report_cal_adhoc_count(c), 2);
    assert_string_equal(report_cal_adhoc_at(c, 1)->receiver, "Q");
    assert_null(report_cal_adhoc_at(c, 2));
    assert_null(report_cal_override_at(c, 1));
    report_cal_free(c);
    report_cal_free(NULL);
}

static void override_validation(void **state)
{
    (void)state;
    report_cal_override_t o;
    err_t e;
    report_cal_override_init(&o, "P", 2024, REPORT_KIND_NAM);
    assert_int_equal(report_cal_override_check(&o, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.date");
    o.from = D(2024, 11, 24);
    o.to = D(2023, 12, 15);
    assert_int_equal(report_cal_override_check(&o, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.window");
    o.from = D(2023, 12, 15);
    o.to = D(2024, 11, 24);
    o.due = D(2024, 11, 23);
    assert_int_equal(report_cal_override_check(&o, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.due_early");
    assert_non_null(strstr(e.vi, "23/11/2024"));
    assert_non_null(strstr(e.en, "Annual report"));
    o.due = D(2024, 11, 24); /* due on the cut-off day itself is allowed */
    assert_int_equal(report_cal_override_check(&o, &e), 0);
    o.to = D(2042, 11, 24);
    o.due = DATE_NONE;
    assert_int_equal(report_cal_override_check(&o, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.date");
    report_cal_override_init(&o, "P", 2024, REPORT_KIND_DOT_XUAT);
    assert_int_equal(report_cal_override_check(&o, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.kind");
    report_cal_override_init(&o, "P", 12024, REPORT_KIND_NAM);
    assert_int_equal(report_cal_override_check(&o, &e), ERR_RANGE);

    report_cal_adhoc_t a;
    report_cal_adhoc_init(&a, "P", "");
    assert_int_equal(report_cal_adhoc_check(&a, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.id");
    report_cal_adhoc_init(&a, "P", "x");
    snprintf(a.title, sizeof a.title, "Báo cáo nhanh");
    assert_int_equal(report_cal_adhoc_check(&a, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.date");
    a.due = D(2024, 4, 1);
    a.from = D(2024, 1, 1);
    assert_int_equal(report_cal_adhoc_check(&a, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.date");
    a.to = D(2024, 4, 2);
    assert_int_equal(report_cal_adhoc_check(&a, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.due_early");
    a.to = D(2024, 3, 31);
    assert_int_equal(report_cal_adhoc_check(&a, &e), 0);
}

static void adhoc_listing(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    const struct {
        const char *rcv, *id;
        date_t due;
    } items[] = {{"P", "b", D(2024, 8, 1)},
                 {"*", "a", D(2024, 5, 2)},
                 {"Q", "c", D(2024, 1, 9)},
                 {"P", "d", D(2025, 1, 3)},
                 {"P", "a2", D(2024, 5, 2)}};
    err_t e;
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        report_cal_adhoc_t a;
        report_cal_adhoc_init(&a, items[i].rcv, items[i].id);
        snprintf(a.title, sizeof a.title, "Báo cáo %s", items[i].id);
        a.due = items[i].due;
        assert_int_equal(report_cal_add_adhoc(c, &a, &e), 0);
    }
    report_cal_list_t l;
    report_cal_list_init(&l);
    resolve(c, "P", 2024, &l);
    assert_int_equal(l.n, 7);
    assert_string_equal(l.v[4].id, "a");
    assert_string_equal(l.v[5].id, "a2");
    assert_string_equal(l.v[6].id, "b");
    assert_int_equal(l.v[6].kind, REPORT_KIND_DOT_XUAT);
    assert_false(l.v[6].has_period);
    assert_int_equal(l.v[6].origin, REPORT_ORIGIN_ADHOC);
    assert_int_equal(l.v[6].index, 0);
    assert_int_equal(l.v[6].from, DATE_NONE);
    assert_string_equal(l.v[6].title, "Báo cáo b");
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    report_cal_entry_explain(&l.v[6], vi, en);
    assert_non_null(strstr(vi, "đột xuất"));
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void bad_receiver(void **state)
{
    (void)state;
    report_cal_list_t l;
    report_cal_list_init(&l);
    err_t e;
    assert_int_equal(report_cal_resolve(NULL, "*", 2024, NULL, NULL, &l, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_cal.receiver");
    assert_int_equal(report_cal_resolve(NULL, "", 2024, NULL, NULL, &l, &e), ERR_INVALID);
    assert_int_equal(report_cal_resolve(NULL, NULL, 2024, NULL, NULL, &l, &e), ERR_INVALID);
    assert_int_equal(report_cal_resolve(NULL, "P", 1900, NULL, NULL, &l, &e), ERR_RANGE);
    assert_string_equal(e.code, "report_cal.year");
    report_cal_list_release(&l);
}

static void lists(report_cal_t *c, const char *rcv, report_cal_list_t *l)
{
    resolve(c, rcv, 2024, l);
}

static void cascade(void **state)
{
    (void)state;
    report_cal_t *c = report_cal_new();
    /* Departments report to the standing agency SNV by the 15th; SNV reports
     * to the province P by the 10th: every periodic report breaks the rule. */
    add_rule(c, "SNV", REPORT_KIND_QUY1, NULL, "15", 0, 0);
    add_rule(c, "SNV", REPORT_KIND_6THANG, NULL, "14", 0, 0);
    add_rule(c, "P", REPORT_KIND_QUY1, NULL, "14", 0, 0);
    add_rule(c, "P", REPORT_KIND_6THANG, NULL, "16", 0, 0);
    add_rule(c, "P", REPORT_KIND_NAM, "15/12-24/11", "25/11", 0, 0);
    report_cal_adhoc_t a;
    err_t e;
    report_cal_adhoc_init(&a, "SNV", "kt");
    snprintf(a.title, sizeof a.title, "Báo cáo kiểm tra");
    a.due = D(2024, 5, 10);
    assert_int_equal(report_cal_add_adhoc(c, &a, &e), 0);
    report_cal_copy(a.receiver, sizeof a.receiver, "P");
    a.due = D(2024, 5, 8);
    assert_int_equal(report_cal_add_adhoc(c, &a, &e), 0);

    report_cal_list_t snd, up;
    report_cal_list_init(&snd);
    report_cal_list_init(&up);
    lists(c, "SNV", &snd);
    lists(c, "P", &up);
    report_cal_warnings_t w;
    report_cal_warnings_init(&w);
    assert_int_equal(report_cal_cascade(&snd, &up, &w, &e), 0);
    /* quy1: 15/3 > 14/3 (due); nam: window 14/12 > 24/11; ad hoc 10/5 > 8/5.
     * 6thang: 14/6 <= 16/6 is fine; quy3 has no due on either side. */
    assert_int_equal(w.n, 3);
    assert_string_equal(w.v[0].w.code, "report_cal.cascade_due");
    assert_int_equal(w.v[0].kind, REPORT_KIND_QUY1);
    assert_int_equal(w.v[0].year, 2024);
    assert_int_equal(w.v[0].w.status, 0);
    assert_non_null(strstr(w.v[0].w.vi, "Báo cáo quý I 2024"));
    assert_non_null(strstr(w.v[0].w.vi, "15/03/2024"));
    assert_non_null(strstr(w.v[0].w.en, "Quarter I report 2024"));
    assert_string_equal(w.v[1].w.code, "report_cal.cascade_window");
    assert_int_equal(w.v[1].kind, REPORT_KIND_NAM);
    assert_string_equal(w.v[2].w.code, "report_cal.cascade_due");
    assert_string_equal(w.v[2].id, "kt");
    /* Consistent configuration: nothing to say. */
    report_cal_warnings_release(&w);
    assert_int_equal(report_cal_cascade(&up, &up, &w, &e), 0);
    assert_int_equal(w.n, 0);
    report_cal_warnings_release(&w);
    report_cal_list_release(&snd);
    report_cal_list_release(&up);
    report_cal_free(c);
}

static void alloc_failures(void **state)
{
    (void)state;
    for (long n = 1; n < 20; n++) {
        report_cal_t *c = NULL;
        report_cal_list_t l;
        report_cal_warnings_t w;
        report_cal_list_init(&l);
        report_cal_warnings_init(&w);
        mem_fail_after(n);
        c = report_cal_new();
        int rc = c ? 0 : ERR_NOMEM;
        report_cal_rule_t r;
        report_cal_adhoc_t a;
        report_cal_rule_init(&r, "*", REPORT_KIND_9THANG);
        report_cal_adhoc_init(&a, "P", "x");
        snprintf(a.title, sizeof a.title, "x");
        a.due = D(2024, 2, 2);
        if (!rc)
            rc = report_cal_add_rule(c, &r, NULL);
        if (!rc)
            rc = report_cal_add_adhoc(c, &a, NULL);
        if (!rc)
            rc = report_cal_resolve(c, "P", 2024, NULL, NULL, &l, NULL);
        if (!rc) {
            l.v[0].due = D(2024, 12, 31);
            rc = report_cal_cascade(&l, &l, &w, NULL);
        }
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
        if (rc == 0)
            assert_int_equal(l.n, 6);
        report_cal_warnings_release(&w);
        report_cal_list_release(&l);
        report_cal_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_2024),  cmocka_unit_test(annual_override),
        cmocka_unit_test(workday_due),    cmocka_unit_test(precedence),
        cmocka_unit_test(enable_disable), cmocka_unit_test(rule_validation),
        cmocka_unit_test(conflicts),      cmocka_unit_test(override_validation),
        cmocka_unit_test(adhoc_listing),  cmocka_unit_test(bad_receiver),
        cmocka_unit_test(cascade),        cmocka_unit_test(alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
