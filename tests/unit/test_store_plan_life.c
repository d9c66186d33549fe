/* Tests of store/store_plan_life on a fresh migrated database (either
 * engine): status get/set and the current-plan scan, the rows a plan keeps,
 * and carrying a task's tracking history over (state, updates with their
 * evidence links, period occurrences, cascade decisions as parent and as
 * covering child; an assignment with updates of its own is left alone; the
 * old rows stay) and a target's measurements with their evidence links (a
 * new target with values of its own left alone), with allocation failures
 * rolled back cleanly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store_plan_life.h"
#include "store/store_task.h"
#include "support/store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef store_fixture_t fx_t;

static const char SEED[] =
    "INSERT INTO plan (id, doc_hash, imported_at, imported_by, number, issuer, year, title) "
    "VALUES (1, 'h1', '2024-01-01T00:00:00', 'cli', '12/KH-UBND', 'UBND huyện', 2024, 'Cũ'), "
    "(2, 'h2', '2024-02-01T00:00:00', 'cli', '12/KH-UBND', 'UBND huyện', 2024, 'Mới'), "
    "(3, 'h3', '2024-01-01T00:00:00', 'cli', '5/KH-UBND', 'UBND tỉnh', 2024, 'Tỉnh');"
    "INSERT INTO task (id, plan_id, seq, task_no, title) VALUES (10, 1, 1, '1', 'Kiểm tra'), "
    "(20, 2, 1, '1', 'Kiểm tra'), (30, 3, 1, '1', 'Kiểm tra tỉnh');"
    "INSERT INTO task_assignment (id, task_id, role, seq, label, unit_code, status, progress, "
    "updates, reason, updated_at) VALUES "
    "(100, 10, 'lead', 1, 'A', 'VLG.A', 'dang_thuc_hien', 50, 2, NULL, '2024-03-02T08:00:00'), "
    "(101, 10, 'support', 1, 'B', 'VLG.B', 'chua_thuc_hien', 0, 0, NULL, NULL), "
    "(102, 10, 'lead', 2, 'C', 'VLG.C', 'dang_thuc_hien', 10, 1, NULL, '2024-03-01T08:00:00'), "
    "(200, 20, 'support', 1, 'A', 'VLG.A', 'chua_thuc_hien', 0, 0, NULL, NULL), "
    "(201, 20, 'lead', 1, 'A', 'VLG.A', 'chua_thuc_hien', 0, 0, NULL, NULL), "
    "(202, 20, 'lead', 2, 'C', 'VLG.C', 'hoan_thanh', 100, 1, NULL, '2024-04-01T08:00:00');"
    "INSERT INTO task_update (assignment_id, status, progress, note, author, at, period) VALUES "
    "(100, 'dang_thuc_hien', 20, 'u1', 'canbo', '2024-03-01T08:00:00', '2024Q1'), "
    "(100, 'dang_thuc_hien', 50, 'u2', 'canbo', '2024-03-02T08:00:00', NULL), "
    "(102, 'dang_thuc_hien', 10, 'u3', 'canbo', '2024-03-01T08:00:00', NULL), "
    "(202, 'hoan_thanh', 100, 'own', 'canbo', '2024-04-01T08:00:00', NULL);"
    "INSERT INTO evidence (sha256, size, kind, content_type, filename, unit_code, "
    "attached_type, attached_id, created_at) VALUES ('ab', 3, 'pdf', 'application/pdf', "
    "'a.pdf', 'VLG.A', 'task_assignment', 100, 0);"
    "INSERT INTO task_update_evidence (update_id, evidence_id) SELECT u.id, e.id FROM "
    "task_update u, evidence e WHERE u.note = 'u1' AND e.filename = 'a.pdf';"
    "INSERT INTO task_occurrence (assignment_id, period, status, progress, updates) VALUES "
    "(100, '2024Q1', 'hoan_thanh', 100, 1);"
    "INSERT INTO cascade_decision (parent_task_id, unit_code, decision, child_task_id, author, "
    "at) VALUES (10, 'VLG.A', 'covered', NULL, 'tt', '2024-03-01T00:00:00'), "
    "(30, 'VLG.X', 'missing', NULL, 'tt', '2024-03-01T00:00:00'), "
    "(30, 'VLG.X', 'covered', 10, 'tt', '2024-03-02T00:00:00');";

static int64_t q(store_t *s, const char *sql)
{
    return store_fixture_int(s, sql);
}

static int count_current(void *ctx, const store_plan_life_info_t *i, err_t *e)
{
    (void)e;
    int64_t *ids = ctx;
    ids[ids[0] + 1] = i->id;
    ids[0]++;
    return 0;
}

static void status_and_rows(void **state)
{
    fx_t *f = *state;
    err_t e;
    store_plan_life_info_t i;
    assert_int_equal(store_plan_life_get(f->s, 1, &i, &e), 0);
    assert_string_equal(i.status, STORE_PLAN_CURRENT);
    assert_string_equal(i.number, "12/KH-UBND");
    assert_int_equal(i.year, 2024);
    assert_int_equal(store_plan_life_get(f->s, 99, &i, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "plan.not_found");
    assert_int_equal(
        store_plan_life_set(f->s, 99, STORE_PLAN_DELETED, 0, "tt", "2024-05-01", NULL, &e),
        ERR_NOTFOUND);

    store_plan_life_rows_t r;
    assert_int_equal(store_plan_life_rows(f->s, 1, &r, &e), 0);
    assert_int_equal(r.tasks, 1);
    assert_int_equal(r.assignments, 3);
    assert_int_equal(r.updates, 3);
    assert_int_equal(r.evidence_links, 1);
    assert_int_equal(r.occurrences, 1);
    assert_int_equal(r.decisions, 1);

    assert_int_equal(
        store_plan_life_set(f->s, 3, STORE_PLAN_DELETED, 0, "tt", "2024-05-01", "nhầm", &e), 0);
    assert_int_equal(store_plan_life_get(f->s, 3, &i, &e), 0);
    assert_string_equal(i.status, STORE_PLAN_DELETED);
    assert_string_equal(i.reason, "nhầm");
    assert_string_equal(i.status_by, "tt");
    int64_t ids[8] = {0};
    assert_int_equal(store_plan_life_current(f->s, count_current, ids, &e), 0);
    assert_int_equal(ids[0], 2);
    assert_int_equal(ids[1], 1);
    assert_int_equal(ids[2], 2);
    assert_int_equal(
        store_plan_life_set(f->s, 3, STORE_PLAN_CURRENT, 0, "tt", "2024-05-02", NULL, &e), 0);
}

static int carry_task_10(store_t *s, void *ctx, err_t *e)
{
    return store_plan_life_carry(s, 10, 20, 0.9, "tester", "2024-05-01T00:00:00", ctx, e);
}

/* After a failed carry of task 10: nothing carried, 201 untouched. */
static void nothing_carried(store_t *s, void *ctx)
{
    (void)ctx;
    assert_int_equal(q(s, "SELECT COUNT(*) FROM plan_task_carry"), 0);
    assert_int_equal(q(s, "SELECT updates FROM task_assignment WHERE id = 201"), 0);
}

static void carry_history(void **state)
{
    fx_t *f = *state;
    err_t e;
    store_plan_life_carried_t c;
    /* allocation failures roll back; the first success is checked */
    store_fixture_fail_each(f->s, 100, carry_task_10, nothing_carried, &c);
    assert_int_equal(c.assignments, 1);
    assert_int_equal(c.updates, 2);
    assert_int_equal(c.decisions, 1);

    /* the lead row of the same unit took the state; the support row and
     * the row with an update of its own did not change */
    assert_int_equal(q(f->s, "SELECT progress FROM task_assignment WHERE id = 201"), 50);
    assert_int_equal(q(f->s, "SELECT updates FROM task_assignment WHERE id = 201"), 2);
    assert_int_equal(q(f->s, "SELECT progress FROM task_assignment WHERE id = 200"), 0);
    assert_int_equal(q(f->s, "SELECT progress FROM task_assignment WHERE id = 202"), 100);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM task_update WHERE assignment_id = 202"), 1);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM task_update WHERE assignment_id = 201"), 2);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM task_update_evidence x JOIN task_update u ON "
                             "u.id = x.update_id WHERE u.assignment_id = 201 AND u.note = 'u1'"),
                     1);
    assert_int_equal(q(f->s, "SELECT progress FROM task_occurrence WHERE assignment_id = 201 AND "
                             "period = '2024Q1'"),
                     100);
    /* decisions: copied as parent, and a new one naming the new child */
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM cascade_decision WHERE parent_task_id = 20"), 1);
    assert_int_equal(q(f->s, "SELECT child_task_id FROM cascade_decision WHERE parent_task_id = "
                             "30 AND id = (SELECT MAX(id) FROM cascade_decision WHERE "
                             "parent_task_id = 30)"),
                     20);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM cascade_decision WHERE parent_task_id = 30 AND "
                             "author = 'tester' AND decision = 'covered'"),
                     1);
    assert_int_equal(q(f->s, "SELECT new_task_id FROM plan_task_carry WHERE old_task_id = 10"), 20);
    /* the old rows are all still there */
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM task_update WHERE assignment_id = 100"), 2);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM task_occurrence WHERE assignment_id = 100"), 1);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM cascade_decision WHERE parent_task_id = 10"), 1);

    /* once superseded, the old assignments are out of the tracking reads */
    assert_int_equal(store_plan_life_set(f->s, 1, STORE_PLAN_SUPERSEDED, 2, "tester",
                                         "2024-05-01T00:00:00", NULL, &e),
                     0);
    store_task_state_t st;
    assert_int_equal(store_task_state(f->s, 100, &st, &e), ERR_NOTFOUND);
    assert_int_equal(store_task_state(f->s, 201, &st, &e), 0);
    assert_string_equal(st.status, "dang_thuc_hien");
    store_plan_life_info_t i;
    assert_int_equal(store_plan_life_get(f->s, 1, &i, &e), 0);
    assert_int_equal(i.superseded_by, 2);
}

/* Targets 40 (plan 1) -> 50 (plan 2, no measurement) and 41 -> 51 (51
 * has a measurement of its own). */
static const char TARGETS[] =
    "INSERT INTO target (id, plan_id, seq, area, indicator, op, value, unit, source_text) VALUES "
    "(40, 1, 1, 'tacdong', 'other', 'ge', 90, '%', 'Hài lòng đạt 90%'), "
    "(41, 1, 2, 'tthc', 'tthc.online', 'ge', 50, '%', 'Trực tuyến 50%'), "
    "(50, 2, 1, 'tacdong', 'other', 'ge', 92, '%', 'Hài lòng đạt 92%'), "
    "(51, 2, 2, 'tthc', 'tthc.online', 'ge', 60, '%', 'Trực tuyến 60%');"
    "INSERT INTO target_measurement (target_id, unit_code, period, period_from, period_to, "
    "value, note, author, at) VALUES "
    "(40, 'VLG.A', '2024Q1', '2024-01-01', '2024-03-31', 80, 'q1', 'cb', '2024-04-01T00:00:00'), "
    "(40, 'VLG.A', '2024Q2', '2024-04-01', '2024-06-30', 85, 'q2', 'cb', '2024-07-01T00:00:00'), "
    "(41, 'VLG.A', '2024', '2024-01-01', '2024-12-31', 40, '', 'cb', '2024-07-01T00:00:00'), "
    "(51, 'VLG.A', '2024', '2024-01-01', '2024-12-31', 55, 'own', 'cb', '2024-07-02T00:00:00');"
    "INSERT INTO evidence (sha256, size, kind, content_type, filename, unit_code, "
    "attached_type, attached_id, created_at) VALUES ('cd', 3, 'pdf', 'application/pdf', "
    "'m.pdf', 'VLG.A', 'target', 40, 0);"
    "INSERT INTO target_measurement_evidence (measurement_id, evidence_id) SELECT m.id, e.id "
    "FROM target_measurement m, evidence e WHERE m.note = 'q2' AND e.filename = 'm.pdf';";

typedef struct tseen {
    int n;
    int64_t id[4];
    char ind[4][32];
} tseen_t;

static int seen_target(void *ctx, int64_t id, const char *area, const char *indicator,
                       const char *text, err_t *e)
{
    (void)e;
    (void)area;
    (void)text;
    tseen_t *t = ctx;
    if (t->n < 4) {
        t->id[t->n] = id;
        snprintf(t->ind[t->n++], sizeof t->ind[0], "%s", indicator);
    }
    return 0;
}

static int carry_target_40(store_t *s, void *ctx, err_t *e)
{
    return store_plan_life_carry_target(s, 40, 50, ctx, e);
}

/* After a failed carry of target 40: nothing copied to 50. */
static void no_measurement_copied(store_t *s, void *ctx)
{
    (void)ctx;
    assert_int_equal(q(s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 50"), 0);
}

static void carry_targets(void **state)
{
    fx_t *f = *state;
    err_t e;
    assert_int_equal(store_exec(f->s, TARGETS, &e), 0);
    tseen_t t = {0};
    assert_int_equal(store_plan_life_targets(f->s, 2, seen_target, &t, &e), 0);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.id[0], 50);
    assert_string_equal(t.ind[1], "tthc.online");

    int copied = -1;
    store_fixture_fail_each(f->s, 100, carry_target_40, no_measurement_copied, &copied);
    assert_int_equal(copied, 2);
    /* copies in the same order (the newest stays the newest), with the evidence link */
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 50"), 2);
    assert_int_equal(q(f->s, "SELECT CAST(value AS BIGINT) FROM target_measurement WHERE "
                             "target_id = 50 AND id = (SELECT MAX(id) FROM target_measurement "
                             "WHERE target_id = 50)"),
                     85);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement_evidence x JOIN "
                             "target_measurement m ON m.id = x.measurement_id WHERE m.target_id = "
                             "50 AND m.note = 'q2' AND m.period = '2024Q2'"),
                     1);
    /* the old rows stay */
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 40"), 2);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement_evidence x JOIN "
                             "target_measurement m ON m.id = x.measurement_id WHERE m.target_id = "
                             "40"),
                     1);
    /* a new target with measurements of its own is left alone */
    assert_int_equal(store_plan_life_carry_target(f->s, 41, 51, &copied, &e), 0);
    assert_int_equal(copied, 0);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 51"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate_setup_teardown(status_and_rows, store_fixture_setup,
                                                 store_fixture_teardown, (void *)SEED),
        cmocka_unit_test_prestate_setup_teardown(carry_history, store_fixture_setup,
                                                 store_fixture_teardown, (void *)SEED),
        cmocka_unit_test_prestate_setup_teardown(carry_targets, store_fixture_setup,
                                                 store_fixture_teardown, (void *)SEED),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
