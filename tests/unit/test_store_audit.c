/* Unit tests of src/store/store_audit: the audit trail as a hash chain
 * (issue 16 item 11) - appends, the chain verified, an edit and a deletion
 * found (in the middle and at the end), rows written without the chain
 * sealed, listing with filters and pages, concurrent appends from two
 * connections. Runs on both engines (support/testdb.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "base/log.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <pthread.h>
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

static void exec_ok(store_t *s, const char *sql)
{
    err_t e;
    if (store_exec(s, sql, &e))
        fail_msg("%s: %s", sql, e.en);
}

/* Appends n entries: task.update on task:1..n with before/after. */
static void append_n(store_t *s, int n)
{
    err_t e;
    for (int i = 1; i <= n; i++) {
        char object[32], before[64], after[64];
        snprintf(object, sizeof object, "task:%d", i);
        snprintf(before, sizeof before, "{\"progress\":%d}", i * 10 - 10);
        snprintf(after, sizeof after, "{\"progress\":%d}", i * 10);
        assert_int_equal(store_begin(s, &e), 0);
        assert_int_equal(store_audit_change(s, i % 2 ? "anh" : "binh", "task.update", object,
                                            "cập nhật", before, after, &e),
                         0);
        assert_int_equal(store_commit(s, &e), 0);
    }
}

static void expect_intact(store_t *s, int64_t n)
{
    store_audit_check_t c;
    err_t e;
    if (store_audit_verify(s, &c, &e))
        fail_msg("verify: %s", e.en);
    assert_int_equal(c.checked, n);
    assert_int_equal(c.head_seq, n);
    assert_int_equal(c.bad_seq, 0);
    assert_int_equal(strlen(c.head_hash), STORE_AUDIT_HASH_LEN);
}

static void expect_broken(store_t *s, int64_t bad, const char *what)
{
    store_audit_check_t c;
    err_t e;
    assert_int_equal(store_audit_verify(s, &c, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "audit.broken");
    if (c.bad_seq != bad || !strstr(e.en, what))
        fail_msg("bad %lld (want %lld): %s", (long long)c.bad_seq, (long long)bad, e.en);
    assert_non_null(strstr(e.vi, "Nhật ký kiểm toán đã bị thay đổi"));
}

static void chain_verifies(void **state)
{
    fixture_t *f = *state;
    expect_intact(f->s, 0); /* an empty chain */
    append_n(f->s, 5);
    /* outside a transaction the append opens its own */
    err_t e;
    assert_int_equal(store_audit_append(f->s, NULL, "unit.import", "units.csv", NULL, &e), 0);
    expect_intact(f->s, 6);
    /* each entry names the previous one's hash */
    int64_t linked = -1;
    assert_int_equal(store_query_int(f->s,
                                     "SELECT COUNT(*) FROM audit_event a JOIN audit_event b "
                                     "ON b.seq = a.seq + 1 WHERE b.prev_hash = a.hash",
                                     &linked, &e),
                     0);
    assert_int_equal(linked, 5);
}

static void an_edit_is_found(void **state)
{
    fixture_t *f = *state;
    append_n(f->s, 6);
    const char *edits[] = {
        "UPDATE audit_event SET detail = 'khác' WHERE seq = 3",
        "UPDATE audit_event SET after_json = '{\"progress\":100}' WHERE seq = 3",
        "UPDATE audit_event SET actor = 'mallory' WHERE seq = 3",
        "UPDATE audit_event SET at = '2020-01-01 00:00:00' WHERE seq = 3",
    };
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        exec_ok(f->s, "CREATE TABLE audit_copy AS SELECT * FROM audit_event");
        exec_ok(f->s, edits[i]);
        expect_broken(f->s, 3, "was edited");
        exec_ok(f->s, "DELETE FROM audit_event");
        exec_ok(f->s, "INSERT INTO audit_event SELECT * FROM audit_copy");
        exec_ok(f->s, "DROP TABLE audit_copy");
        expect_intact(f->s, 6);
    }
    /* rewriting the hash too breaks the link to the next entry */
    exec_ok(f->s, "UPDATE audit_event SET detail = 'khác', hash = 'x' WHERE seq = 3");
    expect_broken(f->s, 3, "was edited");
    exec_ok(f->s, "UPDATE audit_event SET prev_hash = 'x' WHERE seq = 4");
    expect_broken(f->s, 3, "was edited");
}

static void a_deletion_is_found(void **state)
{
    fixture_t *f = *state;
    append_n(f->s, 6);
    exec_ok(f->s, "DELETE FROM audit_event WHERE seq = 4");
    expect_broken(f->s, 4, "deleted");
}

static void deleting_the_last_entries_is_found(void **state)
{
    fixture_t *f = *state;
    append_n(f->s, 6);
    exec_ok(f->s, "DELETE FROM audit_event WHERE seq >= 5");
    expect_broken(f->s, 5, "deleted");
    /* the head rewritten to an older seq without its hash */
    exec_ok(f->s, "UPDATE audit_head SET seq = 4");
    expect_broken(f->s, 4, "head");
}

static void unsealed_rows_are_chained_first(void **state)
{
    fixture_t *f = *state;
    append_n(f->s, 2);
    exec_ok(f->s, "INSERT INTO audit_event (at, actor, action, object, detail) "
                  "VALUES ('2025-01-01 00:00:00', 'migration', 'user.disable', 'user:a', '')");
    exec_ok(f->s, "INSERT INTO audit_event (at, actor, action, object, detail) "
                  "VALUES ('2025-01-01 00:00:01', 'migration', 'user.disable', 'user:b', '')");
    store_audit_check_t c;
    err_t e;
    assert_int_equal(store_audit_verify(f->s, &c, &e), 0);
    assert_int_equal(c.unsealed, 2);
    assert_int_equal(c.checked, 2);
    int64_t n = 0;
    assert_int_equal(store_audit_seal(f->s, &n, &e), 0);
    assert_int_equal(n, 2);
    expect_intact(f->s, 4);
    assert_int_equal(store_audit_seal(f->s, &n, &e), 0);
    assert_int_equal(n, 0);
    int64_t order = 0;
    assert_int_equal(
        store_query_int(f->s, "SELECT seq FROM audit_event WHERE object = 'user:b'", &order, &e),
        0);
    assert_int_equal(order, 4); /* oldest first */
    /* and by the next append without asking */
    exec_ok(f->s, "INSERT INTO audit_event (at, actor, action, object, detail) "
                  "VALUES ('2025-01-01 00:00:02', 'migration', 'user.disable', 'user:c', '')");
    assert_int_equal(store_audit_append(f->s, "anh", "x", NULL, NULL, &e), 0);
    expect_intact(f->s, 6);
}

typedef struct collect {
    int n;
    int64_t seqs[64];
    char actors[64][16];
    int with_before;
} collect_t;

static int on_row(void *ctx, const store_audit_row_t *r, err_t *e)
{
    (void)e;
    collect_t *c = ctx;
    c->seqs[c->n] = r->seq;
    snprintf(c->actors[c->n], sizeof c->actors[0], "%s", r->actor);
    c->with_before += r->before != NULL;
    c->n++;
    return 0;
}

static collect_t list(store_t *s, store_audit_filter_t fl)
{
    collect_t c = {0};
    err_t e;
    if (store_audit_list(s, &fl, on_row, &c, &e))
        fail_msg("list: %s", e.en);
    return c;
}

static void listing(void **state)
{
    fixture_t *f = *state;
    append_n(f->s, 9);
    err_t e;
    assert_int_equal(store_audit_append(f->s, "anh", "user.add", "user:chi", NULL, &e), 0);
    collect_t c = list(f->s, (store_audit_filter_t){0});
    assert_int_equal(c.n, 10);
    assert_int_equal(c.seqs[0], 10); /* newest first */
    assert_int_equal(c.with_before, 9);
    c = list(f->s, (store_audit_filter_t){.limit = 3});
    assert_int_equal(c.n, 3);
    c = list(f->s, (store_audit_filter_t){.limit = 3, .before_seq = 8});
    assert_int_equal(c.n, 3);
    assert_int_equal(c.seqs[0], 7);
    assert_int_equal(c.seqs[2], 5);
    c = list(f->s, (store_audit_filter_t){.actor = "binh"});
    assert_int_equal(c.n, 4);
    c = list(f->s, (store_audit_filter_t){.action = "user."});
    assert_int_equal(c.n, 1);
    c = list(f->s, (store_audit_filter_t){.action = "task.update", .object = "task:3"});
    assert_int_equal(c.n, 1);
    assert_int_equal(c.seqs[0], 3);
    c = list(f->s, (store_audit_filter_t){.object = "' OR 1=1 --"});
    assert_int_equal(c.n, 0);
}

typedef struct writer {
    const char *path;
    int n;
    int failed;
} writer_t;

static void *write_many(void *arg)
{
    writer_t *w = arg;
    store_t *s;
    err_t e;
    if (store_open(w->path, &s, &e)) {
        w->failed = 1;
        return NULL;
    }
    for (int i = 0; i < w->n; i++) {
        if (store_begin(s, &e) ||
            store_audit_append(s, "thread", "test.concurrent", NULL, NULL, &e) ||
            store_commit(s, &e)) {
            store_rollback(s);
            w->failed++;
        }
    }
    store_close(s);
    return NULL;
}

/* Appends from two connections at once keep one unbroken chain. */
static void concurrent_appends(void **state)
{
    fixture_t *f = *state;
    writer_t w[2] = {{f->path, 60, 0}, {f->path, 60, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(w[0].failed + w[1].failed, 0);
    expect_intact(f->s, 120);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(chain_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(an_edit_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(a_deletion_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(deleting_the_last_entries_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(unsealed_rows_are_chained_first, setup, teardown),
        cmocka_unit_test_setup_teardown(listing, setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_appends, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
