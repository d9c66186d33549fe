/* Tests of store/store_task on a fresh migrated database: state, one
 * update moving the current columns with its history row, a bad evidence
 * id rolled back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store_task.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void update_and_history(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *db = testdb_new(dir, "t.db");
    store_t *s;
    err_t e;
    assert_int_equal(store_open(db, &s, &e), 0);
    assert_int_equal(store_migrate(s, NULL, &e), 0);
    assert_int_equal(
        store_exec(s,
                   "INSERT INTO plan (id, doc_hash, imported_at, imported_by) VALUES (1, 'h', "
                   "'2024-01-01T00:00:00', 'cli');"
                   "INSERT INTO task (id, plan_id, seq, task_no, title) VALUES (7, 1, 1, '1', 'T');"
                   "INSERT INTO task_assignment (id, task_id, role, seq, label, unit_code) VALUES "
                   "(3, 7, 'lead', 1, 'Sở Nội vụ', 'VLG.SNV');",
                   &e),
        0);
    store_task_state_t st;
    assert_int_equal(store_task_state(s, 3, &st, &e), 0);
    assert_string_equal(st.status, "chua_thuc_hien");
    assert_int_equal(st.progress, 0);
    assert_int_equal(st.plan_id, 1);
    assert_string_equal(st.unit_code, "VLG.SNV");
    assert_int_equal(store_task_state(s, 4, &st, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "task.not_found");

    store_task_update_t u = {
        3, "dang_thuc_hien", 40, "đang làm", "canbo", "2024-03-01T08:00:00", NULL, NULL, 0, NULL};
    int64_t id = 0, n = 0;
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_task_update(s, &u, &id, &e), 0);
    assert_int_equal(store_commit(s, &e), 0);
    assert_true(id > 0);
    assert_int_equal(store_task_state(s, 3, &st, &e), 0);
    assert_string_equal(st.status, "dang_thuc_hien");
    assert_int_equal(st.progress, 40);

    /* an unknown evidence id fails the whole update */
    int64_t bad[] = {999};
    store_task_update_t u2 = {
        3, "hoan_thanh", 100, "", "canbo", "2024-03-02T08:00:00", "2024-03-02", bad, 1, NULL};
    assert_int_equal(store_begin(s, &e), 0);
    assert_true(store_task_update(s, &u2, &id, &e) < 0);
    store_rollback(s);
    assert_int_equal(store_task_state(s, 3, &st, &e), 0);
    assert_string_equal(st.status, "dang_thuc_hien");
    assert_int_equal(store_task_history_count(s, 3, &n, &e), 0);
    assert_int_equal(n, 1);
    store_close(s);
    testdb_free(db);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(update_and_history)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
