/* Unit tests of store_throttle (migration 0012) on both engines
 * (support/testdb.h): entries round-trip, are replaced, deleted and purged;
 * bad keys are refused; two connections share the counters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/log.h"
#include "store/store_throttle.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir, *db;
    store_t *s;
} fixture_t;

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    err_t e;
    if (store_open(f->db, &f->s, &e) || store_migrate(f->s, NULL, &e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_close(f->s);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static void entries_round_trip(void **state)
{
    fixture_t *f = *state;
    err_t e;
    store_throttle_entry_t got = {9, 9, 9};
    assert_int_equal(store_throttle_get(f->s, "an", &got, &e), 0);
    assert_int_equal(got.fails + got.last_at + got.blocked_until, 0);
    store_throttle_entry_t a = {1, 1000, 0};
    assert_int_equal(store_throttle_put(f->s, "an", &a, &e), 0);
    assert_int_equal(store_throttle_get(f->s, "an", &got, &e), STORE_FOUND);
    assert_memory_equal(&got, &a, sizeof a);
    /* Replaced, not added; keys are exact (case, accents). */
    store_throttle_entry_t b = {5, 1100, 1160};
    assert_int_equal(store_throttle_put(f->s, "an", &b, &e), 0);
    assert_int_equal(store_throttle_put(f->s, "ip:10.0.0.1", &a, &e), 0);
    assert_int_equal(store_throttle_put(f->s, "Ân", &a, &e), 0);
    assert_int_equal(store_throttle_get(f->s, "an", &got, &e), STORE_FOUND);
    assert_memory_equal(&got, &b, sizeof b);
    assert_int_equal(store_throttle_get(f->s, "Ân", &got, &e), STORE_FOUND);
    assert_int_equal(got.fails, 1);
    /* Another connection (another server) sees the same counters. */
    store_t *other;
    assert_int_equal(store_open(f->db, &other, &e), 0);
    assert_int_equal(store_throttle_get(other, "an", &got, &e), STORE_FOUND);
    assert_int_equal(got.blocked_until, 1160);
    assert_int_equal(store_throttle_delete(other, "an", &e), 0);
    assert_int_equal(store_throttle_delete(other, "an", &e), 0); /* idempotent */
    store_close(other);
    assert_int_equal(store_throttle_get(f->s, "an", &got, &e), 0);
}

static void purge_keeps_blocked_and_recent(void **state)
{
    fixture_t *f = *state;
    err_t e;
    store_throttle_entry_t old = {2, 100, 0}, blocked = {9, 100, 5000}, recent = {1, 4000, 0};
    assert_int_equal(store_throttle_put(f->s, "old", &old, &e), 0);
    assert_int_equal(store_throttle_put(f->s, "blocked", &blocked, &e), 0);
    assert_int_equal(store_throttle_put(f->s, "recent", &recent, &e), 0);
    int64_t n = -1;
    assert_int_equal(store_throttle_purge(f->s, 3000, &n, &e), 0);
    assert_int_equal(n, 1);
    store_throttle_entry_t got;
    assert_int_equal(store_throttle_get(f->s, "old", &got, &e), 0);
    assert_int_equal(store_throttle_get(f->s, "blocked", &got, &e), STORE_FOUND);
    assert_int_equal(store_throttle_get(f->s, "recent", &got, &e), STORE_FOUND);
}

static void bad_keys_are_refused(void **state)
{
    fixture_t *f = *state;
    err_t e;
    store_throttle_entry_t x = {1, 1, 0};
    char longkey[STORE_THROTTLE_KEY_MAX + 2];
    memset(longkey, 'k', sizeof longkey - 1);
    longkey[sizeof longkey - 1] = '\0';
    assert_int_equal(store_throttle_put(f->s, longkey, &x, &e), ERR_INVALID);
    assert_string_equal(e.code, "throttle.key");
    assert_int_equal(store_throttle_put(f->s, "", &x, &e), ERR_INVALID);
    assert_int_equal(store_throttle_get(f->s, NULL, &x, &e), ERR_INVALID);
    assert_int_equal(store_throttle_delete(f->s, longkey, &e), ERR_INVALID);
    /* A key that looks like SQL is just a key. */
    assert_int_equal(store_throttle_put(f->s, "x' OR '1'='1", &x, &e), 0);
    assert_int_equal(store_throttle_get(f->s, "x' OR '1'='1", &x, &e), STORE_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(entries_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(purge_keeps_blocked_and_recent, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_keys_are_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
