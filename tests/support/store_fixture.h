/* store_fixture.h - a migrated store over a fresh scratch directory and test
 * database, seeded by the test's own SQL, for unit tests of the store and of
 * the use cases that take a store (cmocka assertions inside: call from tests
 * only).
 *
 * store_fixture_new makes the directory and the database (testdb_new: SQLite
 * file dir/t.db, or a fresh PostgreSQL database under CCHC_TEST_DB), opens
 * and migrates it and runs the seed; store_fixture_free closes the store,
 * drops the database and removes the directory. Plain malloc. */
#ifndef CCHC_TEST_STORE_FIXTURE_H
#define CCHC_TEST_STORE_FIXTURE_H

#include "store/store.h"

#include <stdint.h>

typedef struct store_fixture {
    char *dir;  /* testdir_new */
    char *db;   /* testdb_new(dir, "t.db") */
    store_t *s; /* open and migrated */
} store_fixture_t;

/* A new migrated store with seed run on it (store_exec: several statements
 * allowed; NULL: none). Fails the test on any error. Caller frees with
 * store_fixture_free. */
store_fixture_t *store_fixture_new(const char *seed);
/* Closes the store, drops the database, removes the directory, frees f.
 * NULL is a no-op. */
void store_fixture_free(store_fixture_t *f);
/* A cmocka setup: *state = store_fixture_new(*state), the seed given as the
 * initial state (cmocka_unit_test_prestate_setup_teardown). */
int store_fixture_setup(void **state);
/* A cmocka teardown: store_fixture_free(*state). */
int store_fixture_teardown(void **state);
/* The integer answer of a one-row, one-column query (-1 when NULL); fails
 * the test when the query fails. */
int64_t store_fixture_int(store_t *s, const char *sql);

/* An operation for store_fixture_fail_each: returns 0 or a negative ERR_*. */
typedef int store_fixture_op_fn(store_t *s, void *ctx, err_t *e);
/* Checks made after a failed attempt was rolled back (that nothing stayed);
 * NULL: none. */
typedef void store_fixture_check_fn(store_t *s, void *ctx);

/* Runs op in a transaction with the nth allocation failing (mem_fail_after)
 * for n = 0, 1, ... until it succeeds, then commits. Each failure must be
 * ERR_NOMEM; it is rolled back and rolled_back(s, ctx) called. Fails the
 * test unless op succeeds within max attempts and fails at least once.
 * Returns the number of failed attempts. */
int store_fixture_fail_each(store_t *s, int max, store_fixture_op_fn *op,
                            store_fixture_check_fn *rolled_back, void *ctx);

#endif
