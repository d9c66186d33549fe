/* Unit tests of src/store: the SQLite backend, migrations, units, users
 * and sessions. Each test gets a fresh database in its own directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/access.h"
#include "domain/unit.h"
#include "domain/unit_resolve.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_unit.h"
#include "store/store_audit.h"
#include "store/store_session.h"
#include "store/store_user.h"
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

static int setup_raw(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->path = testdir_join(f->dir, "var/db/cchc.db");
    *state = f;
    return 0;
}

static int setup(void **state)
{
    setup_raw(state);
    fixture_t *f = *state;
    err_t e;
    if (store_open(f->path, &f->s, &e) || store_migrate(f->s, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_close(f->s);
    free(f->path);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Runs a one-value query (a string literal). */
static int64_t query_int(store_t *s, const char *sql)
{
    store_stmt_t *st;
    err_t e;
    assert_int_equal(store_prepare(s, sql, &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    int64_t v = store_col_int(st, 0);
    store_stmt_done(st);
    return v;
}

static void open_creates_parent_directories(void **state)
{
    fixture_t *f = *state;
    char *parent = testdir_join(f->dir, "var/db");
    assert_false(testdir_exists(parent));
    err_t e;
    assert_int_equal(store_open(f->path, &f->s, &e), 0);
    assert_non_null(f->s);
    assert_true(testdir_exists(parent));
    assert_true(testdir_exists(f->path));
    assert_string_equal(store_engine(f->s), "sqlite");
    /* Foreign keys and WAL are on. */
    assert_int_equal(query_int(f->s, "PRAGMA foreign_keys"), 1);
    store_stmt_t *st;
    assert_int_equal(store_prepare(f->s, "PRAGMA journal_mode", &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    assert_string_equal(store_col_text(st, 0), "wal");
    store_stmt_done(st);
    /* An empty database is at version 0. */
    int v = -1;
    assert_int_equal(store_schema_version(f->s, &v, &e), 0);
    assert_int_equal(v, 0);
    free(parent);

    /* A parent that is a file cannot be created. */
    char *file = testdir_file(f->dir, "plain", "x");
    char *bad = testdir_join(f->dir, "plain/sub/cchc.db");
    store_t *s2 = (store_t *)1;
    err_clear(&e);
    assert_int_equal(store_open(bad, &s2, &e), ERR_IO);
    assert_null(s2);
    assert_string_equal(e.code, "db.mkdir");
    free(bad);
    free(file);
    store_close(NULL); /* a no-op */
}

static void migrate_applies_records_and_is_idempotent(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(store_open(f->path, &f->s, &e), 0);
    int applied = -1, v = -1;
    assert_int_equal(store_migrate(f->s, &applied, &e), 0);
    assert_int_equal(applied, store_migration_count);
    assert_true(store_migration_count >= 1);
    assert_int_equal(store_schema_version(f->s, &v, &e), 0);
    assert_int_equal(v, store_migrations[store_migration_count - 1].version);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM schema_migrations"),
                     store_migration_count);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM schema_migrations WHERE version = 1 "
                                     "AND name = '0001_init' AND applied_at <> ''"),
                     1);
    /* The tables of 0001 exist. */
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                     "AND name IN ('unit', 'unit_alias', 'unit_link', 'app_user', "
                                     "'session', 'audit_event')"),
                     6);
    /* Again: nothing to do, nothing recorded twice. */
    assert_int_equal(store_migrate(f->s, &applied, &e), 0);
    assert_int_equal(applied, 0);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM schema_migrations"),
                     store_migration_count);
    /* And from another connection after reopening. */
    store_close(f->s);
    assert_int_equal(store_open(f->path, &f->s, &e), 0);
    assert_int_equal(store_migrate(f->s, &applied, &e), 0);
    assert_int_equal(applied, 0);
    assert_int_equal(store_migrate(f->s, NULL, &e), 0);
}

static void check_reports_health_and_damage(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(store_check(f->s, &e), 0);
    /* A foreign-key violation slipped in with enforcement off. */
    assert_int_equal(store_exec(f->s, "PRAGMA foreign_keys=OFF", &e), 0);
    assert_int_equal(store_exec(f->s,
                                "INSERT INTO session (token_hash, user_id, created_at, expires_at) "
                                "VALUES ('t', 999, 0, 1)",
                                &e),
                     0);
    assert_int_equal(store_exec(f->s, "PRAGMA foreign_keys=ON", &e), 0);
    err_clear(&e);
    assert_int_equal(store_check(f->s, &e), ERR_DB);
    assert_string_equal(e.code, "db.foreign_key");
    assert_non_null(strstr(e.en, "session"));
    assert_int_equal(store_exec(f->s, "DELETE FROM session", &e), 0);
    assert_int_equal(store_check(f->s, &e), 0);
}

static void check_detects_a_damaged_file(void **state)
{
    fixture_t *f = *state;
    err_t e;
    /* Enough rows to fill several pages, then scribble over them. */
    assert_int_equal(store_exec(f->s,
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                "WHERE i < 2000) INSERT INTO unit (code, name, name_key, kind) "
                                "SELECT 'U' || i, 'Unit ' || i, 'unit ' || i, 'xa' FROM n",
                                &e),
                     0);
    store_close(f->s);
    f->s = NULL;
    FILE *fp = fopen(f->path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 4096 * 3, SEEK_SET), 0);
    char junk[4096 * 4];
    memset(junk, 0x5A, sizeof junk);
    assert_int_equal(fwrite(junk, 1, sizeof junk, fp), sizeof junk);
    fclose(fp);
    assert_int_equal(store_open(f->path, &f->s, &e), 0);
    err_clear(&e);
    assert_int_equal(store_check(f->s, &e), ERR_DB);
    assert_true(e.en[0] != '\0');
}

static void transactions(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    assert_int_equal(store_exec(s, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", &e), 0);
    /* Rollback discards. */
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_exec(s, "INSERT INTO t (v) VALUES ('a')", &e), 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), 1);
    store_rollback(s);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), 0);
    /* Commit keeps, and another connection sees it only after commit. */
    store_t *other;
    assert_int_equal(store_open(f->path, &other, &e), 0);
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_exec(s, "INSERT INTO t (v) VALUES ('b')", &e), 0);
    assert_int_equal(query_int(other, "SELECT COUNT(*) FROM t"), 0);
    /* Nested begin is refused and leaves the outer transaction open. */
    err_clear(&e);
    assert_int_equal(store_begin(s, &e), ERR_INTERNAL);
    assert_string_equal(e.code, "db.nested_tx");
    assert_int_equal(store_commit(s, &e), 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), 1);
    assert_int_equal(query_int(other, "SELECT COUNT(*) FROM t"), 1);
    store_close(other);
    /* Rollback outside a transaction is a no-op; commit is an error. */
    store_rollback(s);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), 1);
    err_clear(&e);
    assert_int_equal(store_commit(s, &e), ERR_DB);
    /* A transaction can start again after all that. */
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_exec(s, "DELETE FROM t", &e), 0);
    assert_int_equal(store_changes(s), 1);
    assert_int_equal(store_commit(s, &e), 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), 0);
}

static void parameters_are_stored_verbatim(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    assert_int_equal(store_exec(s,
                                "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, n INTEGER, "
                                "d REAL)",
                                &e),
                     0);
    static const char *values[] = {
        "Robert'); DROP TABLE t;--",
        "' OR '1'='1",
        "\"double\" and 'single' quotes",
        "?1 ?2 $1 :name @x",
        "%s%n%d",
        "back\\slash\ttab\nnewline",
        "Sở Nội vụ — Ủy ban nhân dân tỉnh 𝔘",
        "",
    };
    size_t nv = sizeof values / sizeof values[0];
    for (size_t i = 0; i < nv; i++) {
        store_stmt_t *st;
        assert_int_equal(store_prepare(s, "INSERT INTO t (v, n, d) VALUES (?1, ?2, ?3)", &st, &e),
                         0);
        store_bind_text(st, 1, values[i]);
        store_bind_int(st, 2, (int64_t)i - 4000000000LL);
        store_bind_double(st, 3, 0.5 + (double)i);
        assert_int_equal(store_step(st, &e), STORE_DONE);
        store_stmt_done(st);
        assert_int_equal(store_changes(s), 1);
    }
    /* NULL text binds NULL. */
    store_stmt_t *st;
    assert_int_equal(store_prepare(s, "INSERT INTO t (v, n) VALUES (?1, ?2)", &st, &e), 0);
    store_bind_text(st, 1, NULL);
    store_bind_null(st, 2);
    assert_int_equal(store_step(st, &e), STORE_DONE);
    store_stmt_done(st);

    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM t"), (int64_t)nv + 1);
    assert_int_equal(store_prepare(s, "SELECT v, n, d FROM t ORDER BY id", &st, &e), 0);
    for (size_t i = 0; i < nv; i++) {
        assert_int_equal(store_step(st, &e), STORE_ROW);
        assert_string_equal(store_col_text(st, 0), values[i]);
        assert_int_equal(store_col_int(st, 1), (int64_t)i - 4000000000LL);
        assert_true(store_col_double(st, 2) == 0.5 + (double)i);
        assert_false(store_col_is_null(st, 0));
    }
    assert_int_equal(store_step(st, &e), STORE_ROW);
    assert_true(store_col_is_null(st, 0));
    assert_null(store_col_text(st, 0));
    assert_true(store_col_is_null(st, 1));
    assert_int_equal(store_step(st, &e), STORE_DONE);
    store_stmt_done(st);
    /* Binding out of range is an error (reported by the step), not a crash. */
    assert_int_equal(store_prepare(s, "SELECT ?1", &st, &e), 0);
    store_bind_text(st, 5, "x");
    assert_int_equal(store_step(st, &e), ERR_INVALID);
    store_stmt_done(st);
}

static void constraint_violations_are_conflicts(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    static const char *ins = "INSERT INTO unit (code, name, name_key, kind, valid_from) "
                             "VALUES (?1, ?2, ?2, 'so', ?3)";
    store_stmt_t *st;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_prepare(s, ins, &st, &e), 0);
        store_bind_text(st, 1, "SNV");
        store_bind_text(st, 2, "Sở Nội vụ");
        store_bind_text(st, 3, "");
        err_clear(&e);
        int rc = store_step(st, &e);
        store_stmt_done(st);
        if (i == 0) {
            assert_int_equal(rc, STORE_DONE);
        } else {
            assert_int_equal(rc, ERR_CONFLICT);
            assert_string_equal(e.code, "db.constraint");
            assert_non_null(strstr(e.en, "UNIQUE"));
        }
    }
    /* NOT NULL. */
    assert_int_equal(store_prepare(s, ins, &st, &e), 0);
    store_bind_text(st, 1, "X");
    store_bind_text(st, 2, NULL);
    store_bind_text(st, 3, "");
    assert_int_equal(store_step(st, &e), ERR_CONFLICT);
    store_stmt_done(st);
    /* Foreign key. */
    assert_int_equal(store_prepare(s,
                                   "INSERT INTO session (token_hash, user_id, created_at, "
                                   "expires_at) VALUES ('x', 42, 0, 1)",
                                   &st, &e),
                     0);
    assert_int_equal(store_step(st, &e), ERR_CONFLICT);
    store_stmt_done(st);
    /* A syntax error is a database error at prepare time. */
    err_clear(&e);
    assert_int_equal(store_prepare(s, "SELEC nonsense", &st, &e), ERR_DB);
    assert_string_equal(e.code, "db.error");
    assert_int_equal(store_exec(s, "INSERT INTO nowhere VALUES (1)", &e), ERR_DB);
    /* The connection is still fine. */
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit"), 1);
}

static char many_sql[150][48];

/* A failed bind is sticky: the statement does not run, the step reports the
 * first failure, and a reset statement works again. */
static void bind_failures_are_sticky(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(store_exec(f->s, "CREATE TABLE t (a INTEGER, b TEXT)", &e), 0);
    store_stmt_t *st;
    assert_int_equal(store_prepare(f->s, "INSERT INTO t (a, b) VALUES (?1, ?2)", &st, &e), 0);
    store_bind_int(st, 1, 7);
    store_bind_text(st, 3, "out of range"); /* no ?3: SQLITE_RANGE */
    store_bind_text(st, 2, "later binds do not clear the failure");
    assert_int_equal(store_run(st, &e), ERR_INVALID);
    assert_string_equal(e.code, "db.bind");
    assert_non_null(strstr(e.en, "parameter 3"));
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM t"), 0);
    /* store_run called store_stmt_done: the cached statement is clean again. */
    assert_int_equal(store_prepare(f->s, "INSERT INTO t (a, b) VALUES (?1, ?2)", &st, &e), 0);
    store_bind_int(st, 1, 8);
    store_bind_time(st, 2, DTIME_NONE);
    assert_int_equal(store_run(st, &e), 0);
    assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM t WHERE a = 8 AND b IS NULL"), 1);
    /* store_next reports the failure too, and runs nothing. */
    assert_int_equal(store_prepare(f->s, "SELECT a FROM t WHERE a = ?1", &st, &e), 0);
    store_bind_int(st, 2, 1);
    int rc = 1;
    assert_false(store_next(st, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    store_stmt_done(st);
}

/* Dates and times round-trip through the typed binds and columns. */
static void typed_binds_round_trip(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(store_exec(f->s, "CREATE TABLE d (x TEXT, y TEXT, z INTEGER)", &e), 0);
    store_stmt_t *st;
    assert_int_equal(
        store_prepare(f->s, "INSERT INTO d VALUES (?1, ?2, ?3) RETURNING rowid", &st, &e), 0);
    store_bind_date(st, 1, D("2024-02-29"));
    store_bind_date_open(st, 2, DATE_NONE);
    store_bind_time(st, 3, dtime_make(D("2024-02-29"), 16, 30, 5));
    int64_t id = 0;
    assert_int_equal(store_run_id(st, &id, &e), 0);
    assert_int_equal(id, 1);
    assert_int_equal(store_prepare(f->s, "SELECT x, y, z, x IS NULL, y FROM d", &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    assert_int_equal(store_col_date(st, 0), D("2024-02-29"));
    assert_int_equal(store_col_date(st, 1), DATE_NONE);
    assert_string_equal(store_col_text(st, 4), "");
    assert_int_equal(store_col_time(st, 2), dtime_make(D("2024-02-29"), 16, 30, 5));
    store_stmt_done(st);
}

static void statement_cache_reuse(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    /* The same literal gives the same cached statement. */
    store_stmt_t *a, *b;
    assert_int_equal(store_prepare(s, "SELECT ?1 + 1", &a, &e), 0);
    store_stmt_done(a);
    assert_int_equal(store_prepare(s, "SELECT ?1 + 1", &b, &e), 0);
    assert_ptr_equal(a, b);
    store_stmt_done(b);
    /* Many calls: bindings are cleared between uses. */
    for (int i = 0; i < 2000; i++) {
        store_stmt_t *st;
        assert_int_equal(store_prepare(s, "SELECT ?1 + 1", &st, &e), 0);
        if (i % 2 == 0)
            store_bind_int(st, 1, i);
        assert_int_equal(store_step(st, &e), STORE_ROW);
        if (i % 2 == 0)
            assert_int_equal(store_col_int(st, 0), i + 1);
        else
            assert_true(store_col_is_null(st, 0)); /* NULL + 1 */
        store_stmt_done(st);
    }
    /* More distinct statements than the cache holds, while one handle is
     * held: the held handle must keep its own statement. */
    store_stmt_t *held;
    assert_int_equal(store_prepare(s, "SELECT ?1 || '!'", &held, &e), 0);
    store_bind_text(held, 1, "mine");
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 150; i++) {
            snprintf(many_sql[i], sizeof many_sql[i], "SELECT %d", i);
            store_stmt_t *st;
            assert_int_equal(store_prepare(s, many_sql[i], &st, &e), 0);
            assert_int_equal(store_step(st, &e), STORE_ROW);
            assert_int_equal(store_col_int(st, 0), i);
            store_stmt_done(st);
        }
    }
    assert_int_equal(store_step(held, &e), STORE_ROW);
    assert_string_equal(store_col_text(held, 0), "mine!");
    store_stmt_done(held);
    /* Two handles in use at once, interleaved. */
    store_stmt_t *x, *y;
    assert_int_equal(store_prepare(s, "SELECT 'x'", &x, &e), 0);
    assert_int_equal(store_prepare(s, many_sql[149], &y, &e), 0);
    assert_int_equal(store_step(x, &e), STORE_ROW);
    assert_int_equal(store_step(y, &e), STORE_ROW);
    assert_string_equal(store_col_text(x, 0), "x");
    assert_int_equal(store_col_int(y, 0), 149);
    store_stmt_done(y);
    store_stmt_done(x);
    store_stmt_done(NULL);
}

static void add_unit(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                     const char *parent, const char *from, const char *to,
                     const char *const *aliases, size_t naliases)
{
    unit_t u = {.code = (char *)code,
                .name = (char *)name,
                .kind = kind,
                .parent = (char *)parent,
                .valid_from = from ? D(from) : DATE_NONE,
                .valid_to = to ? D(to) : DATE_NONE,
                .aliases = (char **)aliases,
                .naliases = naliases};
    assert_int_equal(unit_set_add(s, &u, NULL), 0);
}

static void save_units(store_t *s, const unit_set_t *in)
{
    err_t e;
    assert_int_equal(store_begin(s, &e), 0);
    int rc = store_unit_save(s, in, &e);
    if (rc)
        fail_msg("save: %s", e.en);
    assert_int_equal(store_commit(s, &e), 0);
}

static void units_round_trip(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    unit_set_t in;
    unit_set_init(&in);
    static const char *const al[] = {"SNV", "Nội vụ"};
    add_unit(&in, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, NULL, 0);
    add_unit(&in, "SNV", "Sở Nội vụ", UNIT_SO, "T01", "2020-01-01", NULL, al, 2);
    add_unit(&in, "X01", "UBND xã Mãn Đức", UNIT_XA, "H01", NULL, "2025-06-30", NULL, 0);
    add_unit(&in, "X01", "UBND xã Mãn Đức", UNIT_XA, "T01", "2025-07-01", NULL, NULL, 0);
    add_unit(&in, "H01", "UBND huyện Tân Lạc", UNIT_HUYEN, "T01", NULL, "2025-06-30", NULL, 0);
    unit_link_t l = {
        .from = "H01", .to = "T01", .kind = UNIT_LINK_MERGED_INTO, .on = D("2025-07-01")};
    assert_int_equal(unit_set_add_link(&in, &l, NULL), 0);
    save_units(s, &in);

    int64_t n = -1;
    err_t e;
    assert_int_equal(store_unit_count(s, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit_alias"), 2);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit_alias WHERE key = 'noi vu'"), 1);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit WHERE name_key = 'so noi vu'"), 1);

    unit_set_t out;
    unit_set_init(&out);
    assert_int_equal(store_unit_load(s, &out, &e), 0);
    assert_int_equal(out.n, in.n);
    for (size_t i = 0; i < in.n; i++) {
        const unit_t *a = &in.units[i], *b = &out.units[i];
        assert_string_equal(a->code, b->code);
        assert_string_equal(a->name, b->name);
        assert_int_equal(a->kind, b->kind);
        if (a->parent)
            assert_string_equal(a->parent, b->parent);
        else
            assert_null(b->parent);
        assert_int_equal(a->valid_from, b->valid_from);
        assert_int_equal(a->valid_to, b->valid_to);
        assert_int_equal(a->naliases, b->naliases);
        for (size_t k = 0; k < a->naliases; k++)
            assert_string_equal(a->aliases[k], b->aliases[k]);
    }
    assert_int_equal(out.nlinks, 1);
    assert_string_equal(out.links[0].from, "H01");
    assert_string_equal(out.links[0].to, "T01");
    assert_int_equal(out.links[0].kind, UNIT_LINK_MERGED_INTO);
    assert_int_equal(out.links[0].on, D("2025-07-01"));
    assert_int_equal(unit_set_validate(&out, "db", &e), 0);
    unit_set_release(&out);

    /* Saving again updates by (code, valid_from): renamed, new aliases,
     * link date corrected; no duplicates. */
    unit_set_t upd;
    unit_set_init(&upd);
    static const char *const al2[] = {"Sở NV"};
    add_unit(&upd, "SNV", "Sở Nội vụ tỉnh Lâm Sơn", UNIT_SO, "T01", "2020-01-01", "2030-12-31", al2,
             1);
    l.on = D("2025-06-30");
    assert_int_equal(unit_set_add_link(&upd, &l, NULL), 0);
    save_units(s, &upd);
    assert_int_equal(store_unit_count(s, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit_alias"), 1);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit_link"), 1);
    unit_set_init(&out);
    assert_int_equal(store_unit_load(s, &out, &e), 0);
    const unit_t *snv = unit_set_find(&out, "SNV", DATE_NONE);
    assert_string_equal(snv->name, "Sở Nội vụ tỉnh Lâm Sơn");
    assert_int_equal(snv->valid_to, D("2030-12-31"));
    assert_int_equal(snv->naliases, 1);
    assert_string_equal(snv->aliases[0], "Sở NV");
    assert_int_equal(out.links[0].on, D("2025-06-30"));
    unit_set_release(&out);
    unit_set_release(&upd);
    unit_set_release(&in);

    /* Loading an empty registry gives an empty set. */
    assert_int_equal(store_exec(s, "DELETE FROM unit; DELETE FROM unit_link", &e), 0);
    unit_set_init(&out);
    assert_int_equal(store_unit_load(s, &out, &e), 0);
    assert_int_equal(out.n, 0);
    assert_int_equal(out.nlinks, 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM unit_alias"), 0); /* cascade */
    unit_set_release(&out);
}

static user_t make_user(const char *login, access_role_t role, const char *unit)
{
    user_t u = {0};
    snprintf(u.login, sizeof u.login, "%s", login);
    snprintf(u.full_name, sizeof u.full_name, "Nguyễn Văn %s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit ? unit : "");
    return u;
}

static void users(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    user_t a = make_user("an", ACCESS_ROLE_OFFICER, "SNV"),
           b = make_user("binh", ACCESS_ROLE_ADMIN, NULL);
    int64_t ida = 0, idb = 0;
    assert_int_equal(store_user_insert(s, &b, "hash-b", &idb, &e), 0);
    assert_int_equal(store_user_insert(s, &a, "hash-a", &ida, &e), 0);
    assert_true(ida > 0 && idb > 0 && ida != idb);
    /* Duplicate login. */
    err_clear(&e);
    assert_int_equal(store_user_insert(s, &a, "other", NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "user.exists");
    assert_non_null(strstr(e.en, "'an'"));
    int64_t count = 0;
    assert_int_equal(store_user_count(s, &count, &e), 0);
    assert_int_equal(count, 2);

    user_t got;
    char hash[256];
    assert_int_equal(store_user_by_login(s, "an", &got, hash, sizeof hash, &e), 0);
    assert_int_equal(got.id, ida);
    assert_string_equal(got.login, "an");
    assert_string_equal(got.full_name, "Nguyễn Văn an");
    assert_int_equal(got.role, ACCESS_ROLE_OFFICER);
    assert_string_equal(got.unit_code, "SNV");
    assert_false(got.disabled);
    assert_string_equal(hash, "hash-a");
    assert_int_equal(store_user_by_login(s, "binh", &got, NULL, 0, &e), 0);
    assert_string_equal(got.unit_code, "");
    assert_int_equal(got.role, ACCESS_ROLE_ADMIN);
    err_clear(&e);
    assert_int_equal(store_user_by_login(s, "chi", &got, NULL, 0, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "user.not_found");
    /* A login that looks like SQL is just a login that does not exist. */
    assert_int_equal(store_user_by_login(s, "' OR 1=1 --", &got, NULL, 0, &e), ERR_NOTFOUND);

    /* Password and disabled flag. */
    assert_int_equal(store_user_set_password(s, "an", "hash-a2", &e), 0);
    assert_int_equal(store_user_by_login(s, "an", &got, hash, sizeof hash, &e), 0);
    assert_string_equal(hash, "hash-a2");
    assert_int_equal(store_user_set_password(s, "chi", "x", &e), ERR_NOTFOUND);
    assert_int_equal(store_user_set_disabled(s, "an", true, &e), 0);
    assert_int_equal(store_user_by_login(s, "an", &got, NULL, 0, &e), 0);
    assert_true(got.disabled);
    assert_int_equal(store_user_set_disabled(s, "chi", true, &e), ERR_NOTFOUND);

    /* The list: sorted by login, no hashes. */
    json_t *list = NULL;
    assert_int_equal(store_user_list(s, &list, &e), 0);
    assert_int_equal(json_array_size(list), 2);
    json_t *u0 = json_array_get(list, 0), *u1 = json_array_get(list, 1);
    assert_string_equal(jsonx_str(u0, "login", ""), "an");
    assert_string_equal(jsonx_str(u0, "role", ""), "officer");
    assert_string_equal(jsonx_str(u0, "unit_code", ""), "SNV");
    assert_string_equal(jsonx_str(u0, "full_name", ""), "Nguyễn Văn an");
    assert_true(json_is_true(json_object_get(u0, "disabled")));
    assert_string_equal(jsonx_str(u1, "login", ""), "binh");
    assert_true(json_is_null(json_object_get(u1, "unit_code")));
    char *text = jsonx_dump(list);
    assert_null(strstr(text, "hash"));
    free(text);
    json_decref(list);

    /* An unknown role in the table reads as the weakest role. */
    assert_int_equal(store_exec(s, "UPDATE app_user SET role = 'root' WHERE login = 'binh'", &e),
                     0);
    assert_int_equal(store_user_by_login(s, "binh", &got, NULL, 0, &e), 0);
    assert_int_equal(got.role, ACCESS_ROLE_VIEWER);

    /* Audit rows. */
    assert_int_equal(store_audit_append(s, NULL, "user.add", "an", NULL, &e), 0);
    assert_int_equal(store_audit_append(s, "binh", "user.passwd", NULL, "x", &e), 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM audit_event WHERE actor = 'system' AND "
                                  "action = 'user.add' AND object = 'an' AND detail = ''"),
                     1);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM audit_event WHERE actor = 'binh' AND "
                                  "object = '' AND detail = 'x' AND at <> ''"),
                     1);
}

static int64_t count_sessions(store_t *s)
{
    return query_int(s, "SELECT COUNT(*) FROM session");
}

static void sessions(void **state)
{
    fixture_t *f = *state;
    store_t *s = f->s;
    err_t e;
    user_t a = make_user("an", ACCESS_ROLE_OFFICER, NULL),
           b = make_user("binh", ACCESS_ROLE_VIEWER, NULL);
    int64_t ida, idb;
    assert_int_equal(store_user_insert(s, &a, "h", &ida, &e), 0);
    assert_int_equal(store_user_insert(s, &b, "h", &idb, &e), 0);

    assert_int_equal(store_session_insert(s, "tok-a1", ida, 1000, 2000, &e), 0);
    user_t got;
    assert_int_equal(store_session_user(s, "tok-a1", 1000, &got, &e), 0);
    assert_string_equal(got.login, "an");
    assert_int_equal(got.id, ida);
    assert_int_equal(store_session_user(s, "tok-a1", 1999, &got, &e), 0);
    /* Expired at expires_at. */
    err_clear(&e);
    assert_int_equal(store_session_user(s, "tok-a1", 2000, &got, &e), ERR_UNAUTH);
    assert_string_equal(e.code, "auth.session_invalid");
    assert_int_equal(store_session_user(s, "nope", 1000, &got, &e), ERR_UNAUTH);
    /* Same token twice is a conflict; unknown user is a conflict. */
    assert_int_equal(store_session_insert(s, "tok-a1", ida, 1000, 2000, &e), ERR_CONFLICT);
    assert_int_equal(store_session_insert(s, "tok-x", 9999, 1000, 2000, &e), ERR_CONFLICT);

    /* Delete one. */
    assert_int_equal(store_session_delete(s, "tok-a1", &e), 0);
    assert_int_equal(store_session_user(s, "tok-a1", 1000, &got, &e), ERR_UNAUTH);
    assert_int_equal(store_session_delete(s, "tok-a1", &e), 0); /* idempotent */

    /* Delete all of a user's sessions, not others'. */
    assert_int_equal(store_session_insert(s, "tok-a2", ida, 1000, 5000, &e), 0);
    assert_int_equal(store_session_insert(s, "tok-a3", ida, 1000, 5000, &e), 0);
    assert_int_equal(store_session_insert(s, "tok-b1", idb, 1000, 5000, &e), 0);
    assert_int_equal(store_session_delete_user(s, "an", &e), 0);
    assert_int_equal(count_sessions(s), 1);
    assert_int_equal(store_session_user(s, "tok-b1", 1000, &got, &e), 0);
    assert_string_equal(got.login, "binh");
    assert_int_equal(store_session_delete_user(s, "nobody", &e), 0);

    /* Purge removes expired sessions only. */
    assert_int_equal(store_session_insert(s, "tok-old", ida, 100, 2500, &e), 0);
    assert_int_equal(store_session_insert(s, "tok-new", ida, 100, 4000, &e), 0);
    assert_int_equal(store_session_purge(s, 2500, &e), 0);
    assert_int_equal(count_sessions(s), 2);
    assert_int_equal(store_session_user(s, "tok-new", 2600, &got, &e), 0);
    assert_int_equal(query_int(s, "SELECT COUNT(*) FROM session WHERE token_hash = 'tok-old'"), 0);

    /* A disabled user has no session, even a live one. */
    assert_int_equal(store_user_set_disabled(s, "an", true, &e), 0);
    assert_int_equal(store_session_user(s, "tok-new", 2600, &got, &e), ERR_UNAUTH);
    assert_int_equal(store_user_set_disabled(s, "an", false, &e), 0);
    assert_int_equal(store_session_user(s, "tok-new", 2600, &got, &e), 0);

    /* Deleting the user deletes the sessions (cascade). */
    assert_int_equal(store_exec(s, "DELETE FROM app_user WHERE login = 'an'", &e), 0);
    assert_int_equal(count_sessions(s), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(open_creates_parent_directories, setup_raw, teardown),
        cmocka_unit_test_setup_teardown(migrate_applies_records_and_is_idempotent, setup_raw,
                                        teardown),
        cmocka_unit_test_setup_teardown(check_reports_health_and_damage, setup, teardown),
        cmocka_unit_test_setup_teardown(check_detects_a_damaged_file, setup, teardown),
        cmocka_unit_test_setup_teardown(transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(parameters_are_stored_verbatim, setup, teardown),
        cmocka_unit_test_setup_teardown(constraint_violations_are_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(statement_cache_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(bind_failures_are_sticky, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_binds_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(units_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(users, setup, teardown),
        cmocka_unit_test_setup_teardown(sessions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
