/* Unit tests of src/store/store_user: every role but admin has a unit
 * (issue 16 item 6) - in store_user_insert, in the database itself
 * (migration 0029: triggers on SQLite, a CHECK constraint on PostgreSQL),
 * and what the migration does to existing accounts without one. Runs on
 * both engines (support/testdb.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "base/log.h"
#include "domain/access.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_session.h"
#include "store/store_user.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir;
    char *path;
    store_t *s;
} fixture_t;

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->path = testdb_new(f->dir, "cchc.db");
    err_t e;
    if (store_open(f->path, &f->s, &e) || store_migrate(f->s, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_close(f->s);
    testdb_free(f->path);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static int64_t query_int(store_t *s, const char *sql)
{
    int64_t v = -1;
    err_t e;
    if (store_query_int(s, sql, &v, &e))
        fail_msg("%s: %s", sql, e.en);
    return v;
}

static void exec_ok(store_t *s, const char *sql)
{
    err_t e;
    if (store_exec(s, sql, &e))
        fail_msg("%s: %s", sql, e.en);
}

static user_t make_user(const char *login, access_role_t role, const char *unit)
{
    user_t u = {0};
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit ? unit : "");
    return u;
}

static void insert_requires_a_unit(void **state)
{
    fixture_t *f = *state;
    err_t e;
    for (int r = ACCESS_ROLE_STANDING; r < ACCESS_ROLE_COUNT; r++) {
        user_t u = make_user("khong.dv", (access_role_t)r, NULL);
        assert_int_equal(store_user_insert(f->s, &u, "h", NULL, &e), ERR_INVALID);
        assert_string_equal(e.code, "user.unit_required");
        assert_non_null(strstr(e.vi, "phải thuộc một đơn vị"));
    }
    user_t admin = make_user("quantri", ACCESS_ROLE_ADMIN, NULL);
    assert_int_equal(store_user_insert(f->s, &admin, "h", NULL, &e), 0);
    user_t off = make_user("canbo", ACCESS_ROLE_OFFICER, "SNV");
    assert_int_equal(store_user_insert(f->s, &off, "h", NULL, &e), 0);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM app_user"), 2);
}

/* The database refuses what the application would not write, on both
 * engines: an enabled non-admin row without a unit. */
static void database_constraint(void **state)
{
    fixture_t *f = *state;
    err_t e;
    const char *bad[] = {
        "INSERT INTO app_user (login, password_hash, role, unit_code, disabled, created_at) "
        "VALUES ('x1', 'h', 'officer', NULL, 0, 'now')",
        "INSERT INTO app_user (login, password_hash, role, unit_code, disabled, created_at) "
        "VALUES ('x2', 'h', 'standing', '', 0, 'now')",
    };
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(store_exec(f->s, bad[i], &e), ERR_CONFLICT);
    /* allowed: an admin, and a disabled account without a unit */
    exec_ok(f->s, "INSERT INTO app_user (login, password_hash, role, unit_code, disabled, "
                  "created_at) VALUES ('x3', 'h', 'admin', NULL, 0, 'now')");
    exec_ok(f->s, "INSERT INTO app_user (login, password_hash, role, unit_code, disabled, "
                  "created_at) VALUES ('x4', 'h', 'viewer', NULL, 1, 'now')");
    exec_ok(f->s, "INSERT INTO app_user (login, password_hash, role, unit_code, disabled, "
                  "created_at) VALUES ('x5', 'h', 'officer', 'SNV', 0, 'now')");
    /* updates: removing the unit, enabling without one, demoting an admin */
    assert_int_equal(
        store_exec(f->s, "UPDATE app_user SET unit_code = NULL WHERE login = 'x5'", &e),
        ERR_CONFLICT);
    assert_int_equal(store_exec(f->s, "UPDATE app_user SET disabled = 0 WHERE login = 'x4'", &e),
                     ERR_CONFLICT);
    assert_int_equal(store_exec(f->s, "UPDATE app_user SET role = 'viewer' WHERE login = 'x3'", &e),
                     ERR_CONFLICT);
    /* through the store: a clear message instead of a constraint */
    assert_int_equal(store_user_set_disabled(f->s, "x4", false, &e), ERR_INVALID);
    assert_string_equal(e.code, "user.unit_required");
    user_t u;
    assert_int_equal(store_user_by_login(f->s, "x5", &u, NULL, 0, &e), 0);
    u.unit_code[0] = '\0';
    assert_int_equal(store_user_update(f->s, &u, &e), ERR_INVALID);
    assert_string_equal(e.code, "user.unit_required");
    assert_int_equal(store_user_by_login(f->s, "x4", &u, NULL, 0, &e), 0);
    snprintf(u.unit_code, sizeof u.unit_code, "SNV");
    assert_int_equal(store_user_update(f->s, &u, &e), 0);
    assert_int_equal(store_user_set_disabled(f->s, "x4", false, &e), 0);
    assert_int_equal(store_user_by_login(f->s, "x4", &u, NULL, 0, &e), 0);
    assert_string_equal(u.unit_code, "SNV");
    assert_false(u.disabled);
    snprintf(u.login, sizeof u.login, "khong.co");
    assert_int_equal(store_user_update(f->s, &u, &e), ERR_NOTFOUND);
}

/* Rolls step 29 back, so that accounts written before it can be made. */
static void undo_step_29(store_t *s)
{
    if (store_dialect(s) == STORE_SQLITE) {
        exec_ok(s, "DROP TRIGGER app_user_unit_insert");
        exec_ok(s, "DROP TRIGGER app_user_unit_update");
    } else {
        exec_ok(s, "ALTER TABLE app_user DROP CONSTRAINT app_user_unit_required");
    }
    exec_ok(s, "DELETE FROM schema_migrations WHERE version = 29");
}

/* What the migration does to a database with unit-less accounts: they are
 * disabled (not deleted, not given a guessed unit), their sessions end,
 * and each gets an audit entry, chained at the next append. */
static void migration_disables_unitless_accounts(void **state)
{
    fixture_t *f = *state;
    err_t e;
    undo_step_29(f->s);
    const char *rows[] = {
        "('quantri', 'admin', NULL, 0)",  "('canbo.cu', 'officer', NULL, 0)",
        "('xem.cu', 'viewer', '', 0)",    "('tt.cu', 'standing', NULL, 1)",
        "('canbo', 'officer', 'SNV', 0)",
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "INSERT INTO app_user (login, role, unit_code, disabled, password_hash, "
                 "created_at) VALUES %.*s, 'h', 'now')",
                 (int)strlen(rows[i]) - 1, rows[i]);
        exec_ok(f->s, sql);
    }
    user_t u;
    int64_t id_old = 0, id_ok = 0;
    assert_int_equal(store_user_by_login(f->s, "canbo.cu", &u, NULL, 0, &e), 0);
    id_old = u.id;
    assert_int_equal(store_user_by_login(f->s, "canbo", &u, NULL, 0, &e), 0);
    id_ok = u.id;
    assert_int_equal(store_session_insert(f->s, "tok-old", id_old, 1, 99999999999, &e), 0);
    assert_int_equal(store_session_insert(f->s, "tok-ok", id_ok, 1, 99999999999, &e), 0);
    int applied = 0;
    assert_int_equal(store_migrate(f->s, &applied, &e), 0);
    assert_int_equal(applied, 1);
    const char *want_disabled[] = {"canbo.cu", "xem.cu", "tt.cu"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(store_user_by_login(f->s, want_disabled[i], &u, NULL, 0, &e), 0);
        assert_true(u.disabled);
        assert_string_equal(u.unit_code, "");
    }
    assert_int_equal(store_user_by_login(f->s, "quantri", &u, NULL, 0, &e), 0);
    assert_false(u.disabled);
    assert_int_equal(store_user_by_login(f->s, "canbo", &u, NULL, 0, &e), 0);
    assert_false(u.disabled);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM session WHERE token_hash = 'tok-old'"),
                     0);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM session WHERE token_hash = 'tok-ok'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM audit_event WHERE actor = 'migration' "
                                     "AND action = 'user.disable' AND seq IS NULL"),
                     2);
    /* the next append chains them first; the chain verifies */
    assert_int_equal(store_audit_append(f->s, "cli", "test", NULL, NULL, &e), 0);
    store_audit_check_t c;
    assert_int_equal(store_audit_verify(f->s, &c, &e), 0);
    assert_int_equal(c.checked, 3);
    assert_int_equal(c.unsealed, 0);
    /* the constraint holds again after the step */
    assert_int_equal(
        store_exec(f->s, "UPDATE app_user SET disabled = 0 WHERE login = 'xem.cu'", &e),
        ERR_CONFLICT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(insert_requires_a_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(database_constraint, setup, teardown),
        cmocka_unit_test_setup_teardown(migration_disables_unitless_accounts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
