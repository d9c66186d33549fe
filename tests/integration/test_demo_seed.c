/* The demo of `make run` lives in the year of "today" (issue 10 item 17):
 * the seed scripts (every script of scripts/seed.d, run as scripts/run.sh runs them)
 * against a temporary database with CCHC_TODAY=2026-05-20 give dossiers of
 * 2026 up to that day only and none with a later event, demo plans of 2026
 * (the real shared plans keep their own years), task updates dated in the
 * past of that day, tasks due soon and overdue, targets measured live on the
 * year so far; a malformed CCHC_TODAY stops the scripts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_targets.h"
#include "app/app_tasks.h"
#include "base/date.h"
#include "base/dtime.h"
#include "support/api_fixture.h"
#include "support/cli_run.h"
#include "support/testdir.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define TODAY "2026-05-20"

typedef struct fx {
    char *dir, *db;
    sqlite3 *sql;
} fx_t;

/* Runs `cchc --db DB --data DATA args...` (NULL-terminated); fails on error. */
static void cli(const fx_t *f, const char *const *args)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    const char *argv[16] = {"--db", f->db, "--data", data, "--log-level", "warn"};
    size_t n = 6;
    for (size_t i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    free(cli_run_ok(NULL, argv));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one seed script as scripts/run.sh does (from the repository root,
 * with CCHC_DB and CCHC_DATA set); returns its exit status. */
static int seed(const fx_t *f, const char *script, const char *today, char **log)
{
    char path[1024], db[1024], data[1024], day[64];
    snprintf(path, sizeof path, "%s/scripts/seed.d/%s", testdir_root(), script);
    snprintf(db, sizeof db, "CCHC_DB=%s", f->db);
    snprintf(data, sizeof data, "CCHC_DATA=%s/data", testdir_root());
    snprintf(day, sizeof day, "CCHC_TODAY=%s", today);
    const char *argv[] = {path, cli_run_bin(), NULL};
    const char *env[] = {db, data, day, "CCHC_DEMO_DOSSIERS=3000", "CCHC_LOG_LEVEL=warn", NULL};
    run_result_t r;
    assert_int_equal(run_cmd(argv, env, NULL, 600, &r), 0);
    int status = r.status;
    if (log)
        *log = strdup(r.err);
    else if (status != 0)
        fail_msg("%s failed (%d): %s%s", script, status, r.out, r.err);
    run_result_free(&r);
    return status;
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdir_join(f->dir, "cchc.db");
    const char *migrate[] = {"db", "migrate", NULL};
    cli(f, migrate);
    char u24[1024], u25[1024], links[1024];
    snprintf(u24, sizeof u24, "%s/data/units/vinhlong_2024.csv", testdir_root());
    snprintf(u25, sizeof u25, "%s/data/units/vinhlong_2025.csv", testdir_root());
    snprintf(links, sizeof links, "%s/data/units/vinhlong_links.csv", testdir_root());
    const char *units[] = {"unit", "import", u24, u25, links, NULL};
    cli(f, units);
    /* every executable script of seed.d, in order, as scripts/run.sh */
    char dirpath[1024];
    snprintf(dirpath, sizeof dirpath, "%s/scripts/seed.d", testdir_root());
    DIR *d = opendir(dirpath);
    assert_non_null(d);
    char *names[64] = {0};
    size_t n = 0;
    for (struct dirent *de = readdir(d); de; de = readdir(d)) {
        size_t len = strlen(de->d_name);
        if (len > 3 && strcmp(de->d_name + len - 3, ".sh") == 0 && n < 64)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    assert_true(n >= 4);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        seed(f, names[i], TODAY, NULL);
        free(names[i]);
    }
    assert_int_equal(sqlite3_open_v2(f->db, &f->sql, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    sqlite3_close(f->sql);
    free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

/* The first column of the first row of sql as text ("" for NULL). */
static void query(fx_t *f, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(f->sql, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(f->sql));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(st, 0);
    snprintf(out, cap, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
}

static long long query_int(fx_t *f, const char *sql)
{
    char v[64];
    query(f, sql, v, sizeof v);
    return strtoll(v, NULL, 10);
}

static void dossiers_up_to_today(void **state)
{
    fx_t *f = *state;
    date_t today;
    assert_int_equal(date_parse(TODAY, strlen(TODAY), &today), 0);
    long long first = dtime_make(date_from_ymd(2026, 1, 1), 0, 0, 0);
    long long cut = dtime_make(today, 23, 59, 59);
    char sql[512];
    assert_true(query_int(f, "SELECT count(*) FROM dossier") > 500);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM dossier WHERE received_at < %lld", first);
    assert_int_equal(query_int(f, sql), 0);
    /* nothing happens after today's end, and the last days have receipts */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM dossier WHERE max(received_at, coalesce(ended_at, 0), "
             "coalesce(returned_at, 0), coalesce(pause_from, 0), coalesce(pause_to, 0)) > %lld",
             cut);
    assert_int_equal(query_int(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM dossier WHERE received_at > %lld",
             cut - 7 * 86400);
    assert_true(query_int(f, sql) > 0);
    /* a year in progress: some dossiers are still being processed */
    assert_true(query_int(f, "SELECT count(*) FROM dossier WHERE ended_at IS NULL") > 0);
}

static void plans_in_their_years(void **state)
{
    fx_t *f = *state;
    assert_int_equal(query_int(f, "SELECT count(*) FROM plan WHERE unit_code IN ('T01', 'H0001') "
                                  "AND year = 2026"),
                     2);
    assert_int_equal(query_int(f, "SELECT count(*) FROM plan WHERE unit_code IN ('T01', 'H0001') "
                                  "AND year <> 2026"),
                     0);
    /* the real shared plans (data/plans) keep their own years */
    long long real = query_int(f, "SELECT count(*) FROM plan WHERE coalesce(unit_code, '') NOT IN "
                                  "('T01', 'H0001')");
    assert_true(real >= 1);
    assert_int_equal(query_int(f, "SELECT count(*) FROM plan WHERE coalesce(unit_code, '') NOT IN "
                                  "('T01', 'H0001') AND year >= 2025"),
                     0);
    char title[256];
    query(f, "SELECT title FROM plan WHERE unit_code = 'T01'", title, sizeof title);
    assert_non_null(strstr(title, "năm 2026"));
}

static void updates_in_the_past(void **state)
{
    fx_t *f = *state;
    assert_true(query_int(f, "SELECT count(*) FROM task_update") > 20);
    assert_int_equal(query_int(f, "SELECT count(*) FROM task_update WHERE at > '" TODAY "T23:59'"),
                     0);
    assert_int_equal(
        query_int(f, "SELECT count(*) FROM task_assignment WHERE completed_on > '" TODAY "'"), 0);
    /* the demo plan's history is of this year, with completions and
     * progress, and periodic tasks reported for the first quarter */
    const char *demo = "FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id "
                       "JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id "
                       "WHERE p.unit_code = 'T01' ";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) %s AND u.at < '2026-01-01'", demo);
    assert_int_equal(query_int(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) %s AND u.status = 'hoan_thanh'", demo);
    assert_true(query_int(f, sql) > 0);
    snprintf(sql, sizeof sql, "SELECT count(*) %s AND u.status = 'dang_thuc_hien'", demo);
    assert_true(query_int(f, sql) > 0);
    snprintf(sql, sizeof sql, "SELECT count(*) %s AND u.period = '2026Q1'", demo);
    assert_true(query_int(f, sql) > 0);
}

/* The demo's reporting round (scripts/seed.d/40-demo-reports.sh): the
 * quarter-I cycle done by TODAY (on time, late, returned and resubmitted,
 * one missing with a reminder, the province's report quoting a department),
 * the 6-month reports only drafted (not due yet), nothing dated after TODAY. */
static void reports_round(void **state)
{
    fx_t *f = *state;
    char v[256];
    const char *q1 = "FROM report WHERE year = 2026 AND kind = 'quy1' ";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT status || ':' || days_late %s AND unit_code = 'S0001'", q1);
    query(f, sql, v, sizeof v);
    assert_string_equal(v, "accepted:0");
    snprintf(sql, sizeof sql, "SELECT status || ':' || (days_late > 0) %s AND unit_code = 'S0002'",
             q1);
    query(f, sql, v, sizeof v);
    assert_string_equal(v, "accepted:1");
    snprintf(sql, sizeof sql, "SELECT status || ':' || submissions %s AND unit_code = 'H0001'", q1);
    query(f, sql, v, sizeof v);
    assert_string_equal(v, "accepted:2");
    assert_int_equal(query_int(f, "SELECT count(*) FROM report_event WHERE action = 'return'"), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) %s AND unit_code = 'S0003'", q1);
    assert_int_equal(query_int(f, sql), 0);
    assert_int_equal(query_int(f, "SELECT count(*) FROM notice WHERE unit_code = 'S0003' AND kind "
                                  "= 'report_reminder'"),
                     1);
    snprintf(sql, sizeof sql, "SELECT status %s AND unit_code = 'T01'", q1);
    query(f, sql, v, sizeof v);
    assert_string_equal(v, "submitted");
    assert_int_equal(query_int(f, "SELECT count(*) FROM report_section s JOIN report r ON r.id = "
                                  "s.report_id WHERE r.unit_code = 'T01' AND s.body LIKE "
                                  "'%(Trích báo cáo của Sở Tài chính 1)%'"),
                     1);
    assert_int_equal(query_int(f, "SELECT count(*) FROM report WHERE kind = '6thang' AND status "
                                  "<> 'draft'"),
                     0);
    assert_true(query_int(f, "SELECT count(*) FROM report WHERE kind = '6thang'") >= 1);
    assert_int_equal(query_int(f, "SELECT count(*) FROM report_event WHERE at > '" TODAY "T23:59'"),
                     0);
    /* the province's frozen figures list the evidence of its units' task updates */
    assert_true(query_int(f, "SELECT json_extract(figures, '$.evidence.count') FROM report WHERE "
                             "unit_code = 'T01' AND kind = 'quy1' AND year = 2026") > 0);
    assert_true(query_int(f, "SELECT count(*) FROM report WHERE figures IS NOT NULL AND "
                             "figures LIKE '%\"received\":%'") >= 4);
}

static app_t *open_app(fx_t *f)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    app_t *a = NULL;
    err_t e;
    if (app_open(&cfg, &a, &e))
        fail_msg("%s", e.en);
    return a;
}

static size_t count_tasks(app_t *a, bool overdue, int due_soon)
{
    app_tasks_filter_t t;
    app_tasks_filter_init(&t);
    t.year = 2026;
    t.overdue = overdue;
    t.due_soon = due_soon;
    assert_int_equal(date_parse(TODAY, strlen(TODAY), &t.today), 0);
    json_t *out = NULL;
    err_t e;
    if (app_tasks_list(a, NULL, &t, &out, &e))
        fail_msg("%s", e.en);
    size_t n = (size_t)json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return n;
}

static void a_year_in_progress(void **state)
{
    fx_t *f = *state;
    app_t *a = open_app(f);
    /* tasks of the year: some overdue, some due within 20 working days */
    assert_true(count_tasks(a, false, -1) > 10);
    assert_true(count_tasks(a, true, -1) > 0);
    assert_true(count_tasks(a, false, 20) > 0);
    /* the demo plan's targets measured on 2026 so far */
    long long plan = query_int(f, "SELECT id FROM plan WHERE unit_code = 'T01'");
    app_target_query_t q = {.plan_id = plan, .today = DATE_NONE};
    assert_int_equal(date_parse(TODAY, strlen(TODAY), &q.today), 0);
    json_t *out = NULL;
    err_t e;
    if (app_targets_list(a, NULL, &q, &out, &e))
        fail_msg("%s", e.en);
    assert_int_equal(json_integer_value(json_object_get(out, "year")), 2026);
    assert_string_equal(json_string_value(json_object_get(out, "to")), TODAY);
    size_t i, live = 0, manual = 0;
    json_t *it;
    json_array_foreach(json_object_get(out, "items"), i, it)
    {
        json_t *m = json_object_get(it, "measurement");
        if (json_is_true(json_object_get(it, "computed")) &&
            json_integer_value(json_object_get(m, "den")) > 0)
            live++;
        const char *src = json_string_value(json_object_get(m, "source"));
        manual += src && strcmp(src, "manual") == 0;
    }
    assert_true(live >= 5);
    assert_int_equal(manual, 1);
    json_decref(out);
    app_close(a);
}

static void bad_today_refused(void **state)
{
    fx_t *f = *state;
    char *log = NULL;
    assert_int_equal(seed(f, "20-demo-ledger.sh", "20/05/2026", &log), 2);
    assert_non_null(strstr(log, "CCHC_TODAY"));
    free(log);
    assert_int_equal(seed(f, "25-demo-plan.sh", "2026-02-30", &log), 2);
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dossiers_up_to_today), cmocka_unit_test(plans_in_their_years),
        cmocka_unit_test(updates_in_the_past),  cmocka_unit_test(a_year_in_progress),
        cmocka_unit_test(reports_round),        cmocka_unit_test(bad_today_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
