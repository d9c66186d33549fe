/* PostgreSQL faults: a session killed in the middle of a transaction, and
 * the whole server stopped and started again (scripts/pg_cluster.sh stop /
 * start, through $CCHC_TEST_PG_CTL and $CCHC_TEST_PG). Each request during
 * the outage gets a clear bilingual error and applies nothing; the same
 * connection, the same app and the same HTTP server work again once the
 * server is back. Skipped on SQLite. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/log.h"
#include "store/store.h"
#include "support/api_fixture.h"
#include "support/app_conn.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

static int64_t count(store_t *s, int *rc)
{
    int64_t n = -1;
    err_t e;
    *rc = store_query_int(s, "SELECT COUNT(*) FROM fo", &n, &e);
    return n;
}

/* Kills the server process serving s, from another connection. */
static void kill_session(const char *loc, store_t *s)
{
    int64_t pid = 0;
    err_t e;
    assert_int_equal(store_query_int(s, "SELECT pg_backend_pid()", &pid, &e), 0);
    store_t *admin;
    assert_int_equal(store_open(loc, &admin, &e), 0);
    store_stmt_t *st;
    assert_int_equal(store_prepare(admin, "SELECT pg_terminate_backend(?1)", &st, &e), 0);
    store_bind_int(st, 1, pid);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    assert_int_equal(store_col_int(st, 0), 1);
    store_stmt_done(st);
    /* Until the process is gone (its goodbye then waits on the socket). */
    for (int i = 0; i < 500; i++) {
        int64_t left = 0;
        assert_int_equal(
            store_prepare(admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?1", &st, &e),
            0);
        store_bind_int(st, 1, pid);
        assert_int_equal(store_step(st, &e), STORE_ROW);
        left = store_col_int(st, 0);
        store_stmt_done(st);
        if (!left)
            break;
        usleep(10000);
    }
    store_close(admin);
}

static void session_killed_mid_transaction(void **state)
{
    (void)state;
    if (!testdb_is_pg())
        skip();
    char *dir = testdir_new();
    char *loc = testdb_new(dir, "t.db");
    store_t *s;
    err_t e;
    assert_int_equal(store_open(loc, &s, &e), 0);
    assert_int_equal(store_exec(s, "CREATE TABLE fo (v TEXT NOT NULL)", &e), 0);
    int rc;
    assert_int_equal(count(s, &rc), 0);

    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_exec(s, "INSERT INTO fo VALUES ('a')", &e), 0);
    kill_session(loc, s);
    err_clear(&e);
    rc = store_exec(s, "INSERT INTO fo VALUES ('b')", &e);
    assert_int_equal(rc, ERR_BUSY);
    assert_string_equal(e.code, "db.connection");
    assert_non_null(strstr(e.en, "Lost the connection to the PostgreSQL server"));
    assert_non_null(strstr(e.vi, "Mất kết nối"));
    store_rollback(s);
    /* Nothing of the transaction; the connection is back, and the cached
     * statement is prepared again on the new session. */
    assert_int_equal(count(s, &rc), 0);
    assert_int_equal(rc, 0);

    /* Outside a transaction: a session killed while idle is replaced and
     * the next statement just runs (it had not run on the old session). */
    kill_session(loc, s);
    assert_int_equal(store_exec(s, "INSERT INTO fo VALUES ('c')", &e), 0);
    assert_int_equal(count(s, &rc), 1);
    store_close(s);
    testdb_free(loc);
    testdir_remove(dir);
}

static void pg_ctl(const char *what)
{
    const char *ctl = getenv("CCHC_TEST_PG_CTL"), *dir = getenv("CCHC_TEST_PG");
    if (!ctl || !dir)
        fail_msg("CCHC_TEST_PG_CTL / CCHC_TEST_PG not set (run through scripts/pg_cluster.sh)");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s '%s'", ctl, what, dir);
    assert_int_equal(system(cmd), 0);
}

static void server_restart(void **state)
{
    (void)state;
    if (!testdb_is_pg() || !getenv("CCHC_TEST_PG_CTL"))
        skip();
    log_set_level(LOG_ERROR);
    apifx_t *f = apifx_open(4096);
    char cookie[256];
    apifx_user(f, "admin", ACCESS_ROLE_ADMIN, NULL, cookie, sizeof cookie);
    json_t *j = apifx_json(f, "GET", "/api/v1/units", cookie, NULL, 200);
    size_t units = json_array_size(json_object_get(j, "units"));
    json_decref(j);

    store_t *s = app_conn(f->app);
    err_t e;
    assert_int_equal(store_exec(s, "CREATE TABLE fo (v TEXT NOT NULL)", &e), 0);

    pg_ctl("stop");
    /* Every request fails cleanly: 503 from the API, ERR_BUSY below. */
    j = apifx_json(f, "GET", "/api/v1/units", cookie, NULL, 503);
    assert_true(strcmp(apifx_error_code(j), "db.connect") == 0 ||
                strcmp(apifx_error_code(j), "db.connection") == 0);
    json_decref(j);
    int rc;
    err_clear(&e);
    int64_t n = -1;
    rc = store_query_int(s, "SELECT COUNT(*) FROM fo", &n, &e);
    assert_int_equal(rc, ERR_BUSY);
    assert_non_null(strstr(e.en, "PostgreSQL"));
    assert_non_null(strstr(e.vi, "cơ sở dữ liệu"));
    assert_int_equal(store_begin(s, &e), ERR_BUSY);

    pg_ctl("start");
    /* The same server, the same session cookie (sessions live in the
     * database), the same connection objects. */
    j = apifx_json(f, "GET", "/api/v1/units", cookie, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "units")), units);
    json_decref(j);
    assert_int_equal(count(s, &rc), 0);
    assert_int_equal(rc, 0);
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_exec(s, "INSERT INTO fo VALUES ('x')", &e), 0);
    assert_int_equal(store_commit(s, &e), 0);
    assert_int_equal(count(s, &rc), 1);
    apifx_close(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(session_killed_mid_transaction),
        cmocka_unit_test(server_restart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
