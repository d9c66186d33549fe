/* Integration tests of GET /api/v1/health (issue 16 item 16): 200 when fit
 * to serve; 503 naming the failing check for a full disk, a read-only
 * database and a stuck worker, without any file-system path in the answer.
 * A real server on a fresh database (support/api_fixture.h), on SQLite and
 * PostgreSQL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_health.h"
#include "store/store.h"
#include "support/api_fixture.h"
#include "support/http_client.h"
#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

static int setup(void **state)
{
    *state = apifx_open(1 << 20);
    return 0;
}

static int teardown(void **state)
{
    apifx_close(*state);
    return 0;
}

/* GET /api/v1/health: the status code and the parsed answer. */
static json_t *health(apifx_t *f, int *status)
{
    tc_response_t r;
    assert_int_equal(tc_request(f->port, "GET", "/api/v1/health", "", NULL, 0, &r), 0);
    *status = r.status;
    assert_null(strstr(r.body, f->dir)); /* never a path: the endpoint is public */
    json_t *j = json_loadb(r.body, r.body_len, 0, NULL);
    tc_response_free(&r);
    assert_non_null(j);
    return j;
}

static bool failing_has(json_t *j, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(j, "failing"), i, v)
    {
        if (strcmp(json_string_value(v), name) == 0)
            return true;
    }
    return false;
}

static void expect_ok(apifx_t *f)
{
    int status;
    json_t *j = health(f, &status);
    if (status != 200) {
        char *s = json_dumps(j, 0);
        fail_msg("health %d: %s", status, s);
    }
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    assert_int_equal(json_array_size(json_object_get(j, "failing")), 0);
    json_decref(j);
}

static void expect_failing(apifx_t *f, const char *name)
{
    int status;
    json_t *j = health(f, &status);
    assert_int_equal(status, 503);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "fail");
    if (!failing_has(j, name)) {
        char *s = json_dumps(j, 0);
        fail_msg("%s not failing: %s", name, s);
    }
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "health.fail");
    json_decref(j);
}

static void healthy(void **state)
{
    apifx_t *f = *state;
    int status;
    json_t *j = health(f, &status);
    assert_int_equal(status, 200);
    json_t *c = json_object_get(j, "checks");
    assert_true(json_is_true(json_object_get(json_object_get(c, "database"), "ok")));
    assert_true(json_is_true(json_object_get(json_object_get(c, "database_writable"), "ok")));
    assert_true(json_is_true(json_object_get(json_object_get(c, "disk"), "ok")));
    assert_true(json_array_size(json_object_get(json_object_get(c, "disk"), "dirs")) >= 2);
    assert_true(json_is_true(json_object_get(json_object_get(c, "workers"), "ok")));
    json_decref(j);
}

/* A disk with less free space than the minimum: the limit is raised above
 * what any disk has (filling a real disk is not a test). */
static void full_disk(void **state)
{
    apifx_t *f = *state;
    app_health_set_limits(f->app, (uint64_t)1 << 60, 0);
    expect_failing(f, "disk");
    int status;
    json_t *j = health(f, &status);
    json_t *dirs = json_object_get(json_object_get(json_object_get(j, "checks"), "disk"), "dirs");
    assert_true(json_is_false(json_object_get(json_array_get(dirs, 0), "ok")));
    json_decref(j);
    app_health_set_limits(f->app, 1, 0);
    expect_ok(f);
}

static void stuck_worker(void **state)
{
    apifx_t *f = *state;
    app_health_set_limits(f->app, 0, 1);
    int ticket = app_health_work_begin(f->app, "plan.parse");
    assert_true(ticket >= 0);
    /* the work counts as stuck once it has run for a second */
    int status = 0;
    json_t *j = NULL;
    for (int i = 0; i < 50 && status != 503; i++) {
        json_decref(j);
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        j = health(f, &status);
    }
    assert_int_equal(status, 503);
    assert_true(failing_has(j, "workers"));
    json_t *stuck =
        json_object_get(json_object_get(json_object_get(j, "checks"), "workers"), "stuck");
    assert_string_equal(json_string_value(json_object_get(json_array_get(stuck, 0), "kind")),
                        "plan.parse");
    json_decref(j);
    app_health_work_end(f->app, ticket);
    expect_ok(f);
}

static void exec_sql(apifx_t *f, const char *sql)
{
    store_t *s;
    err_t e;
    assert_int_equal(app_store(f->app, &s, &e), 0);
    if (store_exec(s, sql, &e))
        fail_msg("%s: %s", sql, e.en);
}

/* Ends the server's other sessions: they reconnect and take the database's
 * settings anew (a statement caught by the termination fails once: health
 * then says "database", which is right, and the next probe reconnects). */
static void reconnect_all(apifx_t *f)
{
    exec_sql(f, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    for (int i = 0; i < 20; i++) {
        int status;
        json_t *j = health(f, &status);
        bool answers = !failing_has(j, "database");
        char *text = json_dumps(json_object_get(json_object_get(j, "checks"), "database"), 0);
        json_decref(j);
        if (answers) {
            free(text);
            return;
        }
        if (i == 19)
            fail_msg("the server did not reconnect: %s", text);
        free(text);
    }
}

/* Makes the SQLite file refuse writes: not writable by its owner, or, for
 * root (whom permissions do not stop), immutable. false when this file
 * system cannot do it. */
static bool sqlite_readonly(const char *path, bool on)
{
    if (geteuid() != 0)
        return chmod(path, on ? 0400 : 0600) == 0;
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "chattr %ci '%s' 2>/dev/null", on ? '+' : '-', path);
    return system(cmd) == 0;
}

static void readonly_database(void **state)
{
    apifx_t *f = *state;
    if (testdb_is_pg()) {
        char sql[256];
        snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" SET default_transaction_read_only = on",
                 testdb_name(f->db));
        exec_sql(f, sql);
        reconnect_all(f);
        expect_failing(f, "database_writable");
        snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" RESET default_transaction_read_only",
                 testdb_name(f->db));
        exec_sql(f, sql);
        reconnect_all(f);
        expect_ok(f);
        return;
    }
    if (!sqlite_readonly(f->db, true)) {
        print_message("[  SKIP    ] cannot make the database file read-only here\n");
        return;
    }
    expect_failing(f, "database_writable");
    assert_true(sqlite_readonly(f->db, false));
    expect_ok(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(healthy, setup, teardown),
        cmocka_unit_test_setup_teardown(full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(stuck_worker, setup, teardown),
        cmocka_unit_test_setup_teardown(readonly_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
