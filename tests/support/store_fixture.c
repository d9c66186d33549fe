/* store_fixture.c - see store_fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/store_fixture.h"

#include "base/mem.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdlib.h>

#include "base/banned.h"

store_fixture_t *store_fixture_new(const char *seed)
{
    store_fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    err_t e;
    if (store_open(f->db, &f->s, &e) || store_migrate(f->s, NULL, &e) ||
        (seed && store_exec(f->s, seed, &e)))
        fail_msg("store fixture: %s", e.en);
    return f;
}

void store_fixture_free(store_fixture_t *f)
{
    if (!f)
        return;
    store_close(f->s);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
}

int store_fixture_setup(void **state)
{
    *state = store_fixture_new(*state);
    return 0;
}

int store_fixture_teardown(void **state)
{
    store_fixture_free(*state);
    return 0;
}

int64_t store_fixture_int(store_t *s, const char *sql)
{
    int64_t v = -1;
    err_t e;
    assert_int_equal(store_query_int(s, sql, &v, &e), 0);
    return v;
}

int store_fixture_fail_each(store_t *s, int max, store_fixture_op_fn *op,
                            store_fixture_check_fn *rolled_back, void *ctx)
{
    err_t e;
    int failed = 0, rc = -1;
    for (int n = 0; n < max && rc != 0; n++) {
        assert_int_equal(store_begin(s, &e), 0);
        mem_fail_after(n);
        rc = op(s, ctx, &e);
        mem_fail_after(-1);
        if (rc) {
            assert_int_equal(rc, ERR_NOMEM);
            store_rollback(s);
            failed++;
            if (rolled_back)
                rolled_back(s, ctx);
        } else {
            assert_int_equal(store_commit(s, &e), 0);
        }
    }
    assert_int_equal(rc, 0);
    assert_true(failed > 0);
    return failed;
}
