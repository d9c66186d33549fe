/* store_plan_edit.c - stored plan edits and the in-place save of an edited
 * plan (store_plan_edit.h). */
#include "store/store_plan_edit.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int store_plan_edit_append(store_t *s, int64_t plan_id, const store_plan_edit_batch_t *b, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO plan_edit (plan_id, seq, phase, doc_hash, parser, format, "
                           "edits, ops, at, by_login) VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + "
                           "1 FROM plan_edit WHERE plan_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    store_bind_text(st, 2, b->phase);
    store_bind_text(st, 3, b->doc_hash ? b->doc_hash : "");
    store_bind_text(st, 4, b->parser ? b->parser : "");
    store_bind_int(st, 5, b->format);
    store_bind_text(st, 6, b->edits ? b->edits : "[]");
    store_bind_int(st, 7, (int64_t)b->ops);
    store_bind_text(st, 8, b->at ? b->at : "");
    store_bind_text(st, 9, b->by ? b->by : "");
    return store_run(st, e);
}

static json_t *row_json(store_stmt_t *st)
{
    const char *text = store_col_text(st, 6);
    json_t *edits = text ? json_loads(text, 0, NULL) : NULL;
    return json_pack(
        "{s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:o}", "seq", (json_int_t)store_col_int(st, 0), "phase",
        store_col_text(st, 1), "doc_hash", store_col_text(st, 2), "parser", store_col_text(st, 3),
        "format", (json_int_t)store_col_int(st, 4), "ops", (json_int_t)store_col_int(st, 7), "at",
        store_col_text(st, 8), "by", store_col_text(st, 9), "edits", edits ? edits : json_array());
}

int store_plan_edit_list(store_t *s, int64_t plan_id, json_t **out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT seq, phase, doc_hash, parser, format, plan_id, edits, ops, at, "
                           "by_login FROM plan_edit WHERE plan_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    json_t *a = json_array();
    while (a && store_next(st, &rc, e))
        if (json_array_append_new(a, row_json(st))) {
            json_decref(a);
            a = NULL;
        }
    store_stmt_done(st);
    if (!rc && !a)
        rc = err_nomem(e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    *out = a;
    return 0;
}

int store_plan_edit_ids(store_t *s, int64_t plan_id, bool targets, int64_t **ids, size_t *n,
                        err_t *e)
{
    *ids = NULL;
    *n = 0;
    store_stmt_t *st;
    int rc = store_prepare(s,
                           targets ? "SELECT id FROM target WHERE plan_id = ?1 ORDER BY seq"
                                   : "SELECT id FROM task WHERE plan_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    size_t cap = 0;
    while (!rc && store_next(st, &rc, e)) {
        if (MEM_GROW(*ids, cap, *n + 1)) {
            rc = err_nomem(e);
            break;
        }
        (*ids)[(*n)++] = store_col_int(st, 0);
    }
    store_stmt_done(st);
    if (rc) {
        mem_free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

/* The first integer column of a one-parameter query. */
static int query_id(store_t *s, const char *sql, int64_t arg, int64_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, arg);
    rc = store_step(st, e);
    *out = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_plan_edit_task_tracked(store_t *s, int64_t task_id, bool *has, err_t *e)
{
    int64_t n = 0;
    int rc = query_id(s,
                      "SELECT (SELECT COUNT(*) FROM task_update u JOIN task_assignment a ON "
                      "a.id = u.assignment_id WHERE a.task_id = ?1) + (SELECT COUNT(*) FROM "
                      "cascade_decision WHERE parent_task_id = ?1 OR child_task_id = ?1)",
                      task_id, &n, e);
    *has = n > 0;
    return rc;
}

static int run_id(store_t *s, const char *sql, int64_t id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    return store_run(st, e);
}

static bool listed(const int64_t *v, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == id)
            return true;
    return false;
}

/* Deletes the stored tasks (targets) of the plan that p no longer lists. */
static int delete_gone(store_t *s, int64_t plan_id, bool targets, const int64_t *keep, size_t n,
                       err_t *e)
{
    int64_t *ids;
    size_t nids;
    int rc = store_plan_edit_ids(s, plan_id, targets, &ids, &nids, e);
    for (size_t i = 0; !rc && i < nids; i++) {
        if (listed(keep, n, ids[i]))
            continue;
        bool tracked = false;
        int64_t measured = 0;
        if (targets)
            rc = query_id(s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = ?1", ids[i],
                          &measured, e);
        else
            rc = store_plan_edit_task_tracked(s, ids[i], &tracked, e);
        if (!rc && tracked)
            rc = err_set(e, ERR_CONFLICT, "plan_edit.task_tracked",
                         "Nhiệm vụ đã có dữ liệu theo dõi, không thể xóa; hãy thay thế kế hoạch",
                         "The task has tracking data and cannot be deleted; supersede the plan");
        if (!rc && measured)
            rc = err_set(e, ERR_CONFLICT, "plan_edit.target_measured",
                         "Chỉ tiêu đã có số liệu đo, không thể xóa; hãy thay thế kế hoạch",
                         "The target has measurements and cannot be deleted; supersede the plan");
        if (!rc)
            rc = run_id(
                s, targets ? "DELETE FROM target WHERE id = ?1" : "DELETE FROM task WHERE id = ?1",
                ids[i], e);
    }
    mem_free(ids);
    return rc;
}

static int update_task_row(store_t *s, int64_t plan_id, int64_t id, size_t seq,
                           const planparse_task_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "UPDATE task SET seq = ?3, task_no = ?4, area = ?5, title = ?6, detail = "
                      "?7, product = ?8, lead_default = ?9, deadline_text = ?10, "
                      "deadline_kind = ?11, due_first = ?12, deadline_json = ?13 WHERE id = ?1 "
                      "AND plan_id = ?2",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, plan_id);
    rc = store_plan_bind_task(st, 3, seq, t, e);
    if (rc)
        store_stmt_done(st);
    else
        rc = store_run(st, e);
    if (!rc && store_changes(s) != 1)
        rc = err_set(e, ERR_NOTFOUND, "plan_edit.task_gone", "Nhiệm vụ %lld không thuộc kế hoạch",
                     "Task %lld is not in the plan", (long long)id);
    return rc;
}

/* A stored assignment of a task (imported rows only, not expansions). */
typedef struct arow {
    int64_t id;
    char role[16];
    char *label, *unit, *group;
    bool matched;
} arow_t;

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void arows_free(arow_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mem_free(v[i].label);
        mem_free(v[i].unit);
        mem_free(v[i].group);
    }
    mem_free(v);
}

static char *dup_col(store_stmt_t *st, int col, int *rc)
{
    const char *t = store_col_text(st, col);
    char *d = t ? mem_strdup(t) : NULL;
    if (t && !d)
        *rc = ERR_NOMEM;
    return d;
}

static int load_arows(store_t *s, int64_t task, arow_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, role, label, unit_code, group_id FROM task_assignment WHERE "
                           "task_id = ?1 AND expanded_from IS NULL AND seq > 0 ORDER BY role, seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task);
    size_t cap = 0;
    while (!rc && store_next(st, &rc, e)) {
        if (MEM_GROW(*out, cap, *n + 1)) {
            rc = err_nomem(e);
            break;
        }
        arow_t *r = &(*out)[(*n)++];
        memset(r, 0, sizeof *r);
        r->id = store_col_int(st, 0);
        snprintf(r->role, sizeof r->role, "%s", store_col_text(st, 1));
        int nm = 0;
        r->label = dup_col(st, 2, &nm);
        r->unit = dup_col(st, 3, &nm);
        r->group = dup_col(st, 4, &nm);
        if (nm)
            rc = err_nomem(e);
    }
    store_stmt_done(st);
    return rc;
}

static int reseq_or_insert(store_t *s, int64_t task, const char *role, const planparse_party_t *v,
                           size_t n, arow_t *rows, size_t nrows, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        arow_t *hit = NULL;
        for (size_t k = 0; !hit && k < nrows; k++)
            if (!rows[k].matched && strcmp(rows[k].role, role) == 0 &&
                same(rows[k].label, v[i].text) && same(rows[k].unit, v[i].unit) &&
                same(rows[k].group, v[i].group))
                hit = &rows[k];
        store_stmt_t *st;
        rc = store_prepare(s,
                           hit ? "UPDATE task_assignment SET seq = ?2 WHERE id = ?1"
                               : "INSERT INTO task_assignment (task_id, seq, role, label, "
                                 "unit_code, group_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, hit ? hit->id : task);
        store_bind_int(st, 2, (int64_t)i + 1);
        if (!hit) {
            store_bind_text(st, 3, role);
            store_bind_text(st, 4, v[i].text ? v[i].text : "");
            store_bind_text(st, 5, v[i].unit);
            store_bind_text(st, 6, v[i].group);
        } else {
            hit->matched = true;
        }
        rc = store_run(st, e);
    }
    return rc;
}

/* Brings the assignments of a kept task in line with t. */
static int sync_parties(store_t *s, int64_t task, const planparse_task_t *t, err_t *e)
{
    arow_t *rows;
    size_t n;
    int rc = load_arows(s, task, &rows, &n, e);
    if (!rc)
        rc = reseq_or_insert(s, task, "lead", t->lead, t->nlead, rows, n, e);
    if (!rc)
        rc = reseq_or_insert(s, task, "support", t->support, t->nsupport, rows, n, e);
    for (size_t k = 0; !rc && k < n; k++) {
        if (rows[k].matched)
            continue;
        int64_t updates = 0;
        rc = query_id(s,
                      "SELECT COUNT(*) FROM task_update u JOIN task_assignment a ON a.id = "
                      "u.assignment_id WHERE a.id = ?1 OR a.expanded_from = ?1",
                      rows[k].id, &updates, e);
        if (!rc && updates)
            rc = err_set(e, ERR_CONFLICT, "plan_edit.assignment_tracked",
                         "Đơn vị '%s' đã báo cáo tiến độ nhiệm vụ, không thể bỏ khỏi nhiệm vụ",
                         "Unit '%s' has reported progress on the task and cannot be removed",
                         rows[k].label ? rows[k].label : "");
        if (!rc)
            rc = run_id(s, "DELETE FROM task_assignment WHERE id = ?1", rows[k].id, e);
    }
    arows_free(rows, n);
    return rc;
}

static int update_target_row(store_t *s, int64_t plan_id, int64_t id, size_t seq,
                             const planparse_target_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "UPDATE target SET seq = ?3, area = ?4, indicator = ?5, op = ?6, value = "
                      "?7, value_max = ?8, unit = ?9, source_text = ?10 WHERE id = ?1 AND "
                      "plan_id = ?2",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, plan_id);
    store_bind_int(st, 3, (int64_t)seq);
    store_bind_text(st, 4, planparse_area_code(t->area));
    store_bind_text(st, 5, t->indicator);
    store_bind_text(st, 6, planparse_op_code(t->op));
    store_bind_double(st, 7, t->value);
    if (t->op == PLANPARSE_OP_BETWEEN)
        store_bind_double(st, 8, t->value_max);
    else
        store_bind_null(st, 8);
    store_bind_text(st, 9, t->unit ? t->unit : "");
    store_bind_text(st, 10, t->text ? t->text : "");
    rc = store_run(st, e);
    if (!rc && store_changes(s) != 1)
        rc = err_set(e, ERR_NOTFOUND, "plan_edit.target_gone", "Chỉ tiêu %lld không thuộc kế hoạch",
                     "Target %lld is not in the plan", (long long)id);
    return rc;
}

int store_plan_edit_save(store_t *s, int64_t plan_id, const planparse_plan_t *p,
                         const int64_t *task_ids, const int64_t *target_ids, err_t *e)
{
    int rc = delete_gone(s, plan_id, false, task_ids, p->ntasks, e);
    if (!rc)
        rc = delete_gone(s, plan_id, true, target_ids, p->ntargets, e);
    /* positions are rewritten: move the kept rows out of the way first */
    if (!rc)
        rc = run_id(s, "UPDATE task SET seq = -seq WHERE plan_id = ?1", plan_id, e);
    if (!rc)
        rc = run_id(s, "UPDATE target SET seq = -seq WHERE plan_id = ?1", plan_id, e);
    for (size_t i = 0; !rc && i < p->ntasks; i++) {
        if (!task_ids[i]) {
            rc = store_plan_insert_task(s, plan_id, i + 1, &p->tasks[i], NULL, e);
            continue;
        }
        rc = update_task_row(s, plan_id, task_ids[i], i + 1, &p->tasks[i], e);
        if (!rc)
            rc = sync_parties(s, task_ids[i], &p->tasks[i], e);
    }
    for (size_t i = 0; !rc && i < p->ntargets; i++)
        rc = target_ids[i] ? update_target_row(s, plan_id, target_ids[i], i + 1, &p->targets[i], e)
                           : store_plan_insert_target(s, plan_id, i + 1, &p->targets[i], e);
    return rc;
}
