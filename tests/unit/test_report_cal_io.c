/* Unit tests of src/io/report_cal_io: the calendar CSV (shipped defaults,
 * every row type, errors with file and line), the CSV writer and the JSON
 * of a resolved list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/report_cal_csv.h"
#include "io/report_cal_io.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

#define HEADER "type,receiver,kind,years,window,due,enabled,from,to,id,title,note\n"

static report_cal_t *read_ok(const char *csv)
{
    report_cal_t *c = report_cal_new();
    err_t e;
    if (report_cal_csv_read(csv, strlen(csv), "cal.csv", c, &e) != 0)
        fail_msg("read: %s %s", e.code, e.en);
    return c;
}

static void expect_error(const char *csv, const char *code, const char *where)
{
    report_cal_t *c = report_cal_new();
    err_t e;
    assert_true(report_cal_csv_read(csv, strlen(csv), "cal.csv", c, &e) < 0);
    if (strcmp(e.code, code) != 0 || !strstr(e.vi, where) || !strstr(e.en, where))
        fail_msg("got %s '%s' / '%s', want %s at %s", e.code, e.vi, e.en, code, where);
    report_cal_free(c);
}

static void shipped_defaults(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/reports/calendar.csv", testdir_root());
    report_cal_t *c = report_cal_new();
    err_t e;
    int rc = report_cal_io_read_file(path, c, &e);
    if (rc == ERR_IO || rc == ERR_NOTFOUND) {
        report_cal_free(c);
        skip();
    }
    if (rc)
        fail_msg("%s", e.en);
    assert_int_equal(report_cal_rule_count(c), 9);
    assert_string_equal(report_cal_rule_at(c, 0)->source, "calendar.csv:6");
    report_cal_list_t l, def;
    report_cal_list_init(&l);
    report_cal_list_init(&def);
    assert_int_equal(report_cal_resolve(c, "S01", 2024, NULL, NULL, &l, &e), 0);
    assert_int_equal(report_cal_resolve(NULL, "S01", 2024, NULL, NULL, &def, &e), 0);
    /* The shipped file has the built-in windows, due the day after the cut-off
     * (the 15th of the period's last month) */
    assert_int_equal(l.n, 4);
    assert_int_equal(def.n, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(l.v[i].kind, def.v[i].kind);
        assert_int_equal(l.v[i].from, def.v[i].from);
        assert_int_equal(l.v[i].to, def.v[i].to);
        assert_int_equal(l.v[i].due, l.v[i].to + 1);
        assert_int_equal(l.v[i].origin, REPORT_ORIGIN_RULE_ANY);
    }
    assert_int_equal(l.v[0].from, D(2023, 12, 15));
    assert_int_equal(l.v[0].to, D(2024, 3, 14));
    assert_int_equal(l.v[0].due, D(2024, 3, 15));
    assert_int_equal(l.v[2].from, D(2024, 6, 15));
    report_cal_list_release(&l);
    /* the provinces' own reports to the ministry: by the 20th */
    report_cal_list_init(&l);
    assert_int_equal(report_cal_resolve(c, "BNV", 2024, NULL, NULL, &l, &e), 0);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.v[0].due, D(2024, 3, 20));
    assert_int_equal(l.v[3].due, D(2024, 12, 20));
    report_cal_list_release(&l);
    report_cal_list_release(&def);
    report_cal_free(c);
}

static void every_row_type(void **state)
{
    (void)state;
    report_cal_t *c = read_ok(
        "\xEF\xBB\xBF# a comment before the header\n" HEADER "rule,*,nam,,15/12-14/12,,1,,,,,\n"
        "rule, S01 ,quy3,2024-,15/6-10/9,+2wd,,,,,,Sở Nội vụ\n"
        "rule,S01,9thang,2023-2025,,20,có,,,,,\n"
        "rule,S01,quy1,-2023,,,không,,,,,\n"
        "# a comment, with a comma\n"
        "\n"
        "override,S01,nam,2024,,25/11/2024,,15/12/2023,2024-11-24,,,\"theo KH 12, năm 2024\"\n"
        "adhoc,S01,,,,2024-05-10,,,,kt-2024,\"Báo cáo kiểm tra, 2024\",\n");
    assert_int_equal(report_cal_rule_count(c), 4);
    const report_cal_rule_t *r = report_cal_rule_at(c, 1);
    assert_string_equal(r->receiver, "S01");
    assert_int_equal(r->year_from, 2024);
    assert_int_equal(r->year_to, 0);
    assert_int_equal(r->window.to_day, 10);
    assert_int_equal(r->due.kind, PERIOD_DUE_WORKDAYS_AFTER);
    assert_true(r->enabled);
    assert_string_equal(r->source, "cal.csv:4");
    assert_false(report_cal_rule_at(c, 3)->enabled);
    assert_int_equal(report_cal_rule_at(c, 3)->year_to, 2023);
    assert_int_equal(report_cal_override_count(c), 1);
    const report_cal_override_t *o = report_cal_override_at(c, 0);
    assert_int_equal(o->to, D(2024, 11, 24));
    assert_int_equal(o->due, D(2024, 11, 25));
    assert_string_equal(o->source, "cal.csv:9");
    const report_cal_adhoc_t *a = report_cal_adhoc_at(c, 0);
    assert_string_equal(a->title, "Báo cáo kiểm tra, 2024");
    assert_int_equal(a->from, DATE_NONE);

    report_cal_list_t l;
    report_cal_list_init(&l);
    /* quy3 of S01 counts working days: no calendar given, so it fails. */
    assert_int_equal(report_cal_resolve(c, "S01", 2024, NULL, NULL, &l, NULL), ERR_INVALID);
    report_cal_free(c);
    report_cal_list_release(&l);
}

static void errors_with_lines(void **state)
{
    (void)state;
    expect_error("", "report_cal_io.header", "cal.csv");
    expect_error("kind,years\nrule,*\n", "report_cal_io.header", "cal.csv:1");
    expect_error(HEADER "rule,*,quy1,,15/12-14/3,,,,,,,\nrule,*,quy2,,,,,,,,,\n",
                 "report_cal_io.field", "cal.csv:3");
    expect_error(HEADER "rule,*,quy1,,15/12-14/13,,,,,,,\n", "report_cal_io.field", "cal.csv:2: c");
    expect_error(HEADER "rule,*,quy1,,,5,,,,,,\n", "report_cal.due_early", "cal.csv:2: ");
    expect_error(HEADER "rule,*,quy1,,,x5,,,,,,\n", "report_cal_io.field", "due");
    expect_error(HEADER "rule,*,quy1,20x4,,,,,,,,\n", "report_cal_io.field", "years");
    expect_error(HEADER "rule,*,quy1,1800,,,,,,,,\n", "report_cal.year", "cal.csv:2: ");
    expect_error(HEADER "rule,*,quy1,,,,maybe,,,,,\n", "report_cal_io.field", "enabled");
    expect_error(HEADER "rule,*,quy1,,,,,2024-01-01,,,,\n", "report_cal_io.field", "from");
    expect_error(HEADER "rule,,quy1,,,,,,,,,\n", "report_cal.receiver", "cal.csv:2: ");
    expect_error(HEADER "rule,*,nam,,,,,,,,,\nrule,*,nam,2024,,20,,,,,,\n", "report_cal.overlap",
                 "cal.csv:3: ");
    expect_error(HEADER "holiday,*,nam,,,,,,,,,\n", "report_cal_io.field", "type");
    /* Overrides: a broken date, a window ending before it starts, a due
     * before the cut-off, more than one year. */
    expect_error(HEADER "override,S01,nam,2024,,,,15/12/2023,31/02/2024,,,\n",
                 "report_cal_io.field", "31/02/2024");
    expect_error(HEADER "override,S01,nam,2024,,,,2024-11-24,2023-12-15,,,\n", "report_cal.window",
                 "cal.csv:2: ");
    expect_error(HEADER "override,S01,nam,2024,,2024-11-20,,2023-12-15,2024-11-24,,,\n",
                 "report_cal.due_early", "cal.csv:2: ");
    expect_error(HEADER "override,S01,nam,2024-2025,,,,2023-12-15,2024-11-24,,,\n",
                 "report_cal_io.field", "years");
    expect_error(HEADER "adhoc,S01,,,,,,,,x,y,\n", "report_cal.date", "cal.csv:2: ");
    expect_error(HEADER "adhoc,S01,,,,2024-01-01,,,,,y,\n", "report_cal.id", "cal.csv:2: ");
    expect_error(HEADER "rule,*,nam,,,,,,,,,\"open\n", "csv.quote", "cal.csv");
    report_cal_t *c = report_cal_new();
    err_t e;
    int rc = report_cal_io_read_file("/nonexistent/cal.csv", c, &e);
    assert_true(rc < 0);
    assert_int_equal(rc, e.status);
    report_cal_free(c);
}

static void write_read_back(void **state)
{
    (void)state;
    const char *csv =
        HEADER "rule,*,nam,,15/12-24/11,25/11,1,,,,,\n"
               "rule,S01,quy3,2024-2026,15/6-14/9,+2wd,0,,,,,\n"
               "rule,S02,quy1,-2023,,none,1,,,,,\n"
               "override,S01,nam,2024,,2024-11-25,,2023-12-15,2024-11-24,,,\n"
               "adhoc,*,,,,2024-05-10,,2024-01-01,2024-04-30,k,\"Tên, có dấu phẩy\",\n";
    report_cal_t *c = read_ok(csv);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(report_cal_io_write_csv(f, c), 0);
    fclose(f);
    report_cal_t *c2 = read_ok(buf);
    assert_int_equal(report_cal_rule_count(c2), 3);
    for (size_t i = 0; i < 3; i++) {
        const report_cal_rule_t *a = report_cal_rule_at(c, i), *b = report_cal_rule_at(c2, i);
        assert_memory_equal(&a->window, &b->window, sizeof a->window);
        assert_memory_equal(&a->due, &b->due, sizeof a->due);
        assert_int_equal(a->year_from, b->year_from);
        assert_int_equal(a->year_to, b->year_to);
        assert_int_equal(a->enabled, b->enabled);
    }
    assert_int_equal(report_cal_override_at(c2, 0)->due, D(2024, 11, 25));
    assert_string_equal(report_cal_adhoc_at(c2, 0)->title, "Tên, có dấu phẩy");
    assert_non_null(strstr(buf, "rule,*,nam,,15/12-24/11,25/11,1,"));
    free(buf);
    report_cal_free(c);
    report_cal_free(c2);
}

static void list_json(void **state)
{
    (void)state;
    report_cal_t *c =
        read_ok(HEADER "override,S01,nam,2024,,2024-11-25,,2023-12-15,2024-11-24,,,\n");
    report_cal_list_t l;
    report_cal_list_init(&l);
    assert_int_equal(report_cal_resolve(c, "P", 2024, NULL, NULL, &l, NULL), 0);
    json_t *j = report_cal_io_list_json("S01", 2024, &l);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_COMPACT);
    assert_non_null(strstr(s, "{\"unit\":\"S01\",\"year\":2024,\"reports\":[{\"kind\":\"quy1\","
                              "\"label\":\"Báo cáo quý I\",\"period\":\"2024Q1\""));
    assert_non_null(strstr(s, "\"from\":\"2023-12-15\",\"to\":\"2024-03-14\",\"due\":null,"
                              "\"receiver\":\"P\",\"origin\":\"default\",\"source\":null"));
    free(s);
    json_decref(j);
    assert_int_equal(report_cal_resolve(c, "S01", 2024, NULL, NULL, &l, NULL), 0);
    j = report_cal_io_list_json("S02", 2024, &l);
    s = json_dumps(j, JSON_COMPACT);
    assert_non_null(strstr(s, "\"to\":\"2024-11-24\",\"due\":\"2024-11-25\",\"receiver\":\"S01\","
                              "\"origin\":\"override\",\"source\":\"cal.csv:2\""));
    free(s);
    json_decref(j);
    report_cal_list_release(&l);
    report_cal_free(c);
}

static void alloc_failures(void **state)
{
    (void)state;
    const char *csv = HEADER "rule,*,nam,,15/12-24/11,25/11,1,,,,,\n"
                             "override,S01,nam,2024,,2024-11-25,,2023-12-15,2024-11-24,,,\n"
                             "adhoc,*,,,,2024-05-10,,,,k,t,\n";
    for (long n = 1; n < 60; n++) {
        report_cal_t *c = report_cal_new();
        assert_non_null(c);
        mem_fail_after(n);
        int rc = report_cal_csv_read(csv, strlen(csv), "x.csv", c, NULL);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
        report_cal_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_defaults),  cmocka_unit_test(every_row_type),
        cmocka_unit_test(errors_with_lines), cmocka_unit_test(write_read_back),
        cmocka_unit_test(list_json),         cmocka_unit_test(alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
