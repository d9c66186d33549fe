/* store_plan_life.c - plan status, duplicate candidates and the carrying
 * over of tracking history (store_plan_life.h). */
#include "store/store_plan_life.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

#define INFO_COLS                                                                                  \
    "SELECT id, status, COALESCE(superseded_by, 0), doc_hash, unit_code, issuer_code, issuer, "    \
    "number, COALESCE(year, 0), title, status_at, status_by, status_reason FROM plan "

static void read_info(store_stmt_t *st, store_plan_life_info_t *o)
{
    memset(o, 0, sizeof *o);
    o->id = store_col_int(st, 0);
    copy(o->status, sizeof o->status, store_col_text(st, 1));
    o->superseded_by = store_col_int(st, 2);
    copy(o->hash, sizeof o->hash, store_col_text(st, 3));
    copy(o->unit_code, sizeof o->unit_code, store_col_text(st, 4));
    copy(o->issuer_code, sizeof o->issuer_code, store_col_text(st, 5));
    copy(o->issuer, sizeof o->issuer, store_col_text(st, 6));
    copy(o->number, sizeof o->number, store_col_text(st, 7));
    o->year = (int)store_col_int(st, 8);
    copy(o->title, sizeof o->title, store_col_text(st, 9));
    copy(o->status_at, sizeof o->status_at, store_col_text(st, 10));
    copy(o->status_by, sizeof o->status_by, store_col_text(st, 11));
    copy(o->reason, sizeof o->reason, store_col_text(st, 12));
}

static int not_found(int64_t id, err_t *e)
{
    return err_set(e, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch số %lld", "No plan %lld",
                   (long long)id);
}

int store_plan_life_get(store_t *s, int64_t id, store_plan_life_info_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, INFO_COLS "WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        read_info(st, out);
    store_stmt_done(st);
    if (rc == STORE_DONE)
        return not_found(id, e);
    return rc == STORE_ROW ? 0 : rc;
}

int store_plan_life_current(store_t *s, store_plan_life_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, INFO_COLS "WHERE status = 'current' ORDER BY id", &st, e);
    if (rc)
        return rc;
    store_plan_life_info_t info;
    while (!rc && store_next(st, &rc, e)) {
        read_info(st, &info);
        rc = fn(ctx, &info, e);
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_plan_life_set(store_t *s, int64_t id, const char *status, int64_t superseded_by,
                        const char *actor, const char *at, const char *reason, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE plan SET status = ?2, superseded_by = ?3, status_at = ?4, "
                           "status_by = ?5, status_reason = ?6 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, status);
    if (superseded_by > 0)
        store_bind_int(st, 3, superseded_by);
    else
        store_bind_null(st, 3);
    store_bind_text(st, 4, at);
    store_bind_text(st, 5, actor);
    store_bind_text(st, 6, reason && *reason ? reason : NULL);
    rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = not_found(id, e);
    return rc;
}

int store_plan_life_tasks(store_t *s, int64_t plan_id, store_plan_life_task_fn fn, void *ctx,
                          err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT id, area, title FROM task WHERE plan_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    while (!rc && store_next(st, &rc, e))
        rc = fn(ctx, store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2), e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int count(store_t *s, const char *sql, int64_t plan_id, int64_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    rc = store_step(st, e);
    *out = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

#define ASSIGNS_OF_PLAN                                                                            \
    "FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE t.plan_id = ?1"

int store_plan_life_rows(store_t *s, int64_t plan_id, store_plan_life_rows_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    int rc = count(s, "SELECT COUNT(*) FROM task WHERE plan_id = ?1", plan_id, &out->tasks, e);
    if (!rc)
        rc = count(s, "SELECT COUNT(*) " ASSIGNS_OF_PLAN, plan_id, &out->assignments, e);
    if (!rc)
        rc = count(s,
                   "SELECT COUNT(*) FROM task_update u WHERE u.assignment_id IN (SELECT "
                   "a.id " ASSIGNS_OF_PLAN ")",
                   plan_id, &out->updates, e);
    if (!rc)
        rc = count(s,
                   "SELECT COUNT(*) FROM task_update_evidence x JOIN task_update u ON u.id = "
                   "x.update_id WHERE u.assignment_id IN (SELECT a.id " ASSIGNS_OF_PLAN ")",
                   plan_id, &out->evidence_links, e);
    if (!rc)
        rc = count(s,
                   "SELECT COUNT(*) FROM task_occurrence o WHERE o.assignment_id IN (SELECT "
                   "a.id " ASSIGNS_OF_PLAN ")",
                   plan_id, &out->occurrences, e);
    if (!rc)
        rc = count(s,
                   "SELECT COUNT(*) FROM cascade_decision d JOIN task t ON t.id = "
                   "d.parent_task_id WHERE t.plan_id = ?1",
                   plan_id, &out->decisions, e);
    return rc;
}

/* ---- carrying tracking history over --------------------------------------- */

/* An assignment of the old task with tracking to carry (owned strings). */
typedef struct carry_row {
    int64_t id;
    char role[16], unit[65], status[32];
    int64_t progress, updates;
    char *reason, *completed_on, *updated_at;
} carry_row_t;

typedef struct carry_rows {
    carry_row_t *v;
    size_t n, cap;
} carry_rows_t;

static void rows_release(carry_rows_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        mem_free(r->v[i].reason);
        mem_free(r->v[i].completed_on);
        mem_free(r->v[i].updated_at);
    }
    mem_free(r->v);
    memset(r, 0, sizeof *r);
}

/* mem_strdup of a nullable column; *ok cleared when out of memory. */
static char *dup_col(store_stmt_t *st, int col, bool *ok)
{
    const char *v = store_col_text(st, col);
    char *d = v ? mem_strdup(v) : NULL;
    if (v && !d)
        *ok = false;
    return d;
}

static int tracked_rows(store_t *s, int64_t task, carry_rows_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, role, unit_code, status, progress, updates, reason, "
                           "completed_on, updated_at FROM task_assignment WHERE task_id = ?1 AND "
                           "unit_code IS NOT NULL AND (updates > 0 OR status <> 'chua_thuc_hien') "
                           "ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task);
    while (!rc && store_next(st, &rc, e)) {
        if (MEM_GROW(out->v, out->cap, out->n + 1)) {
            rc = err_nomem(e);
            break;
        }
        carry_row_t *r = &out->v[out->n++];
        memset(r, 0, sizeof *r);
        bool ok = true;
        r->id = store_col_int(st, 0);
        copy(r->role, sizeof r->role, store_col_text(st, 1));
        copy(r->unit, sizeof r->unit, store_col_text(st, 2));
        copy(r->status, sizeof r->status, store_col_text(st, 3));
        r->progress = store_col_int(st, 4);
        r->updates = store_col_int(st, 5);
        r->reason = dup_col(st, 6, &ok);
        r->completed_on = dup_col(st, 7, &ok);
        r->updated_at = dup_col(st, 8, &ok);
        if (!ok)
            rc = err_nomem(e);
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The assignment of new_task for the old row's unit with no update of its
 * own (same role first), not already taken: *id, or 0 when none. */
static int find_target(store_t *s, int64_t new_task, const carry_row_t *r, const int64_t *taken,
                       size_t ntaken, int64_t *id, err_t *e)
{
    *id = 0;
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id FROM task_assignment WHERE task_id = ?1 AND unit_code = ?2 "
                           "AND updates = 0 ORDER BY CASE WHEN role = ?3 THEN 0 ELSE 1 END, id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, new_task);
    store_bind_text(st, 2, r->unit);
    store_bind_text(st, 3, r->role);
    while (!*id && store_next(st, &rc, e)) {
        int64_t cand = store_col_int(st, 0);
        bool used = false;
        for (size_t i = 0; i < ntaken; i++)
            used |= taken[i] == cand;
        if (!used)
            *id = cand;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int copy_state(store_t *s, int64_t to, const carry_row_t *r, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE task_assignment SET status = ?2, progress = ?3, reason = ?4, "
                           "completed_on = ?5, updated_at = ?6, updates = ?7 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, to);
    store_bind_text(st, 2, r->status);
    store_bind_int(st, 3, r->progress);
    store_bind_text(st, 4, r->reason);
    store_bind_text(st, 5, r->completed_on);
    store_bind_text(st, 6, r->updated_at);
    store_bind_int(st, 7, r->updates);
    return store_run(st, e);
}

/* The ids answered by sql (one bound key ?1), in its order (*ids caller
 * frees). */
static int ids_of(store_t *s, const char *sql, int64_t key, int64_t **ids, size_t *n, err_t *e)
{
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, key);
    while (!rc && store_next(st, &rc, e)) {
        if (MEM_GROW(*ids, cap, *n + 1))
            rc = err_nomem(e);
        else
            (*ids)[(*n)++] = store_col_int(st, 0);
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* A row copied with its evidence links: `row` inserts a copy of row ?1
 * under the parent ?2 RETURNING its id; `links` copies the links of row ?1
 * to the copy ?2. */
typedef struct copy_sql {
    const char *row, *links;
} copy_sql_t;

static const copy_sql_t UPDATE_COPY = {
    "INSERT INTO task_update (assignment_id, status, progress, note, author, at, period) "
    "SELECT CAST(?2 AS BIGINT), status, progress, note, author, at, period FROM task_update "
    "WHERE id = ?1 RETURNING id",
    "INSERT INTO task_update_evidence (update_id, evidence_id) SELECT CAST(?2 AS BIGINT), "
    "evidence_id FROM task_update_evidence WHERE update_id = ?1"};

static const copy_sql_t MEASUREMENT_COPY = {
    "INSERT INTO target_measurement (target_id, unit_code, period, period_from, period_to, "
    "value, note, author, at) SELECT CAST(?2 AS BIGINT), unit_code, period, period_from, "
    "period_to, value, note, author, at FROM target_measurement WHERE id = ?1 RETURNING id",
    "INSERT INTO target_measurement_evidence (measurement_id, evidence_id) "
    "SELECT CAST(?2 AS BIGINT), evidence_id FROM target_measurement_evidence "
    "WHERE measurement_id = ?1"};

/* Copies row `from` (q) under parent `to`, with its evidence links. */
static int copy_linked(store_t *s, const copy_sql_t *q, int64_t from, int64_t to, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, q->row, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, from);
    store_bind_int(st, 2, to);
    int64_t id = 0;
    rc = store_run_id(st, &id, e);
    if (rc)
        return rc;
    rc = store_prepare(s, q->links, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, from);
    store_bind_int(st, 2, id);
    return store_run(st, e);
}

/* Copies the rows answered by ids_sql for `from` (q) under `to`, oldest
 * first; *n gets how many. */
static int copy_all(store_t *s, const char *ids_sql, const copy_sql_t *q, int64_t from, int64_t to,
                    size_t *n, err_t *e)
{
    int64_t *ids = NULL;
    int rc = ids_of(s, ids_sql, from, &ids, n, e);
    for (size_t i = 0; !rc && i < *n; i++)
        rc = copy_linked(s, q, ids[i], to, e);
    mem_free(ids);
    return rc;
}

static int copy_occurrences(store_t *s, int64_t from, int64_t to, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO task_occurrence (assignment_id, period, status, progress, "
        "completed_on, updated_at, updates) SELECT CAST(?2 AS BIGINT), o.period, o.status, "
        "o.progress, o.completed_on, o.updated_at, o.updates FROM "
        "task_occurrence o WHERE o.assignment_id = ?1 AND NOT EXISTS (SELECT 1 "
        "FROM task_occurrence x WHERE x.assignment_id = ?2 AND x.period = "
        "o.period)",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, from);
    store_bind_int(st, 2, to);
    return store_run(st, e);
}

static int carry_row(store_t *s, const carry_row_t *r, int64_t to, int *updates, err_t *e)
{
    size_t n = 0;
    int rc = copy_state(s, to, r, e);
    if (!rc)
        rc = copy_all(s, "SELECT id FROM task_update WHERE assignment_id = ?1 ORDER BY id",
                      &UPDATE_COPY, r->id, to, &n, e);
    if (!rc)
        rc = copy_occurrences(s, r->id, to, e);
    if (!rc)
        *updates += (int)n;
    return rc;
}

static int carry_assignments(store_t *s, int64_t old_task, int64_t new_task,
                             store_plan_life_carried_t *c, err_t *e)
{
    carry_rows_t rows = {0};
    int64_t *taken = NULL;
    size_t ntaken = 0, cap = 0;
    int rc = tracked_rows(s, old_task, &rows, e);
    for (size_t i = 0; !rc && i < rows.n; i++) {
        int64_t to = 0;
        rc = find_target(s, new_task, &rows.v[i], taken, ntaken, &to, e);
        if (rc || !to)
            continue;
        if (MEM_GROW(taken, cap, ntaken + 1)) {
            rc = err_nomem(e);
            break;
        }
        taken[ntaken++] = to;
        rc = carry_row(s, &rows.v[i], to, &c->updates, e);
        c->assignments += !rc;
    }
    mem_free(taken);
    rows_release(&rows);
    return rc;
}

static int carry_decisions(store_t *s, int64_t old_task, int64_t new_task, const char *author,
                           const char *at, store_plan_life_carried_t *c, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO cascade_decision (parent_task_id, unit_code, decision, "
                      "child_task_id, author, at) SELECT CAST(?2 AS BIGINT), unit_code, decision, "
                      "child_task_id, author, at FROM cascade_decision WHERE parent_task_id "
                      "= ?1 ORDER BY id",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, old_task);
    store_bind_int(st, 2, new_task);
    rc = store_run(st, e);
    if (rc)
        return rc;
    c->decisions += (int)store_changes(s);
    rc = store_prepare(
        s,
        "INSERT INTO cascade_decision (parent_task_id, unit_code, decision, "
        "child_task_id, author, at) SELECT d.parent_task_id, d.unit_code, "
        "d.decision, CAST(?2 AS BIGINT), ?3, ?4 FROM cascade_decision d WHERE d.child_task_id = ?1 "
        "AND d.id = (SELECT MAX(x.id) FROM cascade_decision x WHERE "
        "x.parent_task_id = d.parent_task_id AND x.unit_code = d.unit_code)",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, old_task);
    store_bind_int(st, 2, new_task);
    store_bind_text(st, 3, author);
    store_bind_text(st, 4, at);
    return store_run(st, e);
}

static int record_carry(store_t *s, int64_t old_task, int64_t new_task, double score,
                        const store_plan_life_carried_t *c, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO plan_task_carry (old_task_id, new_task_id, score, "
                           "assignments, updates) VALUES (?1, ?2, ?3, ?4, ?5)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, old_task);
    store_bind_int(st, 2, new_task);
    store_bind_double(st, 3, score);
    store_bind_int(st, 4, c->assignments);
    store_bind_int(st, 5, c->updates);
    return store_run(st, e);
}

int store_plan_life_carry(store_t *s, int64_t old_task, int64_t new_task, double score,
                          const char *author, const char *at, store_plan_life_carried_t *out,
                          err_t *e)
{
    store_plan_life_carried_t c = {0};
    int rc = carry_assignments(s, old_task, new_task, &c, e);
    if (!rc)
        rc = carry_decisions(s, old_task, new_task, author, at, &c, e);
    if (!rc)
        rc = record_carry(s, old_task, new_task, score, &c, e);
    if (!rc && out)
        *out = c;
    return rc;
}

/* ---- carrying target measurements over ------------------------------------- */

int store_plan_life_targets(store_t *s, int64_t plan_id, store_plan_life_target_fn fn, void *ctx,
                            err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "SELECT id, area, indicator, source_text FROM target WHERE plan_id = ?1 ORDER BY seq",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    while (!rc && store_next(st, &rc, e))
        rc = fn(ctx, store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2),
                store_col_text(st, 3), e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_plan_life_carry_target(store_t *s, int64_t old_target, int64_t new_target, int *copied,
                                 err_t *e)
{
    if (copied)
        *copied = 0;
    int64_t own = 0;
    int rc = count(s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = ?1", new_target,
                   &own, e);
    if (rc || own)
        return rc;
    size_t n = 0;
    rc = copy_all(s, "SELECT id FROM target_measurement WHERE target_id = ?1 ORDER BY id",
                  &MEASUREMENT_COPY, old_target, new_target, &n, e);
    if (!rc && copied)
        *copied = (int)n;
    return rc;
}
