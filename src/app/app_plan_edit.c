/* app_plan_edit.c - import-preview edits and the editor of stored plans
 * (app_plan_edit.h). */
#include "app/app_plan_edit.h"

#include "app/app_plans.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/planedit_apply.h"
#include "store/store_audit.h"
#include "store/store_plan.h"
#include "store/store_plan_edit.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int check_units(const unit_set_t *units, const planedit_list_t *l, err_t *e)
{
    for (size_t i = 0; i < l->n; i++)
        for (size_t f = 0; f < l->ops[i].nfields; f++)
            for (size_t k = 0; k < l->ops[i].fields[f].nparties; k++) {
                const char *u = l->ops[i].fields[f].parties[k].unit;
                if (u && units && !unit_set_find(units, u, DATE_NONE))
                    return err_set(e, ERR_INVALID, "planedit.unit_unknown",
                                   "Thao tác %zu: không có đơn vị mã '%s' trong danh mục",
                                   "Edit %zu: no unit with code '%s' in the registry", i, u);
            }
    return 0;
}

int app_plan_edit_apply(const unit_set_t *units, const planedit_list_t *l, planparse_plan_t **p,
                        err_t *e)
{
    if (!l || !l->n)
        return 0;
    int rc = check_units(units, l, e);
    planparse_plan_t *q = NULL;
    if (!rc)
        rc = planedit_apply(*p, l, &q, e);
    if (rc)
        return rc;
    planparse_plan_free(*p);
    *p = q;
    return 0;
}

int app_plan_edit_record_import(store_t *s, int64_t plan_id, const char *hash, const char *by,
                                const char *at, const planedit_list_t *l, const char *json,
                                err_t *e)
{
    store_plan_edit_batch_t b = {"import",
                                 hash,
                                 APP_PLAN_EDIT_PARSER,
                                 PLANEDIT_FORMAT,
                                 json && l && l->n ? json : "[]",
                                 l ? l->n : 0,
                                 at,
                                 by};
    return store_plan_edit_append(s, plan_id, &b, e);
}

/* The state of a task for the audit trail. */
static json_t *task_state(const planparse_task_t *t, int64_t id)
{
    json_t *lead = json_array(), *support = json_array();
    for (size_t i = 0; lead && i < t->nlead; i++)
        json_array_append_new(lead, json_string(t->lead[i].text));
    for (size_t i = 0; support && i < t->nsupport; i++)
        json_array_append_new(support, json_string(t->support[i].text));
    const char *area = planparse_area_code(t->area);
    return json_pack("{s:I,s:s,s:s?,s:s,s:o*,s:o*,s:s?,s:s?,s:s?}", "id", (json_int_t)id, "no",
                     t->no ? t->no : "", "area", area, "title", t->title ? t->title : "", "lead",
                     lead, "support", support, "deadline", t->deadline_text, "product", t->product,
                     "detail", t->detail);
}

static json_t *target_state(const planparse_target_t *t, int64_t id)
{
    return json_pack("{s:I,s:s?,s:s,s:s,s:f,s:f,s:s,s:s}", "id", (json_int_t)id, "area",
                     planparse_area_code(t->area), "indicator", t->indicator, "op",
                     planparse_op_code(t->op), "value", t->value, "value_max", t->value_max, "unit",
                     t->unit ? t->unit : "", "text", t->text ? t->text : "");
}

static const planparse_task_t *task_by_tag(const planparse_plan_t *p, const int64_t *ids,
                                           int64_t id)
{
    for (size_t i = 0; id && i < p->ntasks; i++)
        if (ids[i] == id)
            return &p->tasks[i];
    return NULL;
}

static const planparse_target_t *target_by_tag(const planparse_plan_t *p, const int64_t *ids,
                                               int64_t id)
{
    for (size_t i = 0; id && i < p->ntargets; i++)
        if (ids[i] == id)
            return &p->targets[i];
    return NULL;
}

/* Appends x to a when it differs from y (or y is NULL); steals x and y. */
static void diff_pair(json_t *before, json_t *after, json_t *x, json_t *y)
{
    if (!x || !y || !json_equal(x, y)) {
        if (x)
            json_array_append(before, x);
        if (y)
            json_array_append(after, y);
    }
    json_decref(x);
    json_decref(y);
}

typedef struct edit_state {
    const planparse_plan_t *old, *neu;
    const int64_t *old_tasks, *new_tasks, *old_targets, *new_targets;
} edit_state_t;

/* The audit states: the tasks and targets that changed, before and after. */
static int audit_states(const edit_state_t *st, char **before, char **after)
{
    json_t *b = json_pack("{s:[],s:[]}", "tasks", "targets");
    json_t *a = json_pack("{s:[],s:[]}", "tasks", "targets");
    json_t *bt = json_object_get(b, "tasks"), *at = json_object_get(a, "tasks");
    for (size_t i = 0; bt && at && i < st->old->ntasks; i++) {
        const planparse_task_t *n = task_by_tag(st->neu, st->new_tasks, st->old_tasks[i]);
        diff_pair(bt, at, task_state(&st->old->tasks[i], st->old_tasks[i]),
                  n ? task_state(n, st->old_tasks[i]) : NULL);
    }
    for (size_t i = 0; bt && at && i < st->neu->ntasks; i++)
        if (!st->new_tasks[i])
            diff_pair(bt, at, NULL, task_state(&st->neu->tasks[i], 0));
    bt = json_object_get(b, "targets");
    at = json_object_get(a, "targets");
    for (size_t i = 0; bt && at && i < st->old->ntargets; i++) {
        const planparse_target_t *n = target_by_tag(st->neu, st->new_targets, st->old_targets[i]);
        diff_pair(bt, at, target_state(&st->old->targets[i], st->old_targets[i]),
                  n ? target_state(n, st->old_targets[i]) : NULL);
    }
    for (size_t i = 0; bt && at && i < st->neu->ntargets; i++)
        if (!st->new_targets[i])
            diff_pair(bt, at, NULL, target_state(&st->neu->targets[i], 0));
    *before = b ? jsonx_dump(b) : NULL;
    *after = a ? jsonx_dump(a) : NULL;
    json_decref(b);
    json_decref(a);
    return *before && *after ? 0 : ERR_NOMEM;
}

static int audit_edit(store_t *s, const char *by, int64_t id, const edit_state_t *st, size_t ops,
                      err_t *e)
{
    char object[64], detail[160];
    snprintf(object, sizeof object, "plan:%lld", (long long)id);
    snprintf(detail, sizeof detail, "%zu edits: %zu -> %zu tasks, %zu -> %zu targets", ops,
             st->old->ntasks, st->neu->ntasks, st->old->ntargets, st->neu->ntargets);
    char *before = NULL, *after = NULL;
    int rc = audit_states(st, &before, &after) ? err_nomem(e) : 0;
    if (!rc)
        rc = store_audit_change(s, by, "plan.edit", object, detail, before, after, e);
    free(before);
    free(after);
    return rc;
}

static int may_edit(const user_t *u, const char *unit, const unit_set_t *units, err_t *e)
{
    if (!u || u->role == ACCESS_ROLE_ADMIN)
        return 0;
    if ((u->role == ACCESS_ROLE_STANDING || u->role == ACCESS_ROLE_OFFICER) && unit && *unit &&
        access_allows(u, ACCESS_WRITE, unit, units, DATE_NONE))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Bạn không có quyền sửa kế hoạch này",
                   "You may not edit this plan");
}

typedef struct edit_job {
    planparse_plan_t *old, *neu;
    int64_t *old_tasks, *old_targets, *new_tasks, *new_targets;
    size_t n_old_tasks, n_old_targets;
    store_plan_meta_t meta;
    unit_set_t units;
} edit_job_t;

static void job_release(edit_job_t *j)
{
    planparse_plan_free(j->old);
    planparse_plan_free(j->neu);
    mem_free(j->old_tasks);
    mem_free(j->old_targets);
    mem_free(j->new_tasks);
    mem_free(j->new_targets);
    unit_set_release(&j->units);
}

/* Loads, checks and applies (inside the transaction). */
static int job_prepare(store_t *s, const user_t *actor, int64_t id, const planedit_list_t *l,
                       edit_job_t *j, err_t *e)
{
    int rc = store_unit_load(s, &j->units, e);
    if (!rc)
        rc = store_plan_load(s, id, &j->old, &j->meta, e);
    if (!rc)
        rc = may_edit(actor, j->meta.unit_code, &j->units, e);
    if (!rc)
        rc = store_plan_edit_ids(s, id, false, &j->old_tasks, &j->n_old_tasks, e);
    if (!rc)
        rc = store_plan_edit_ids(s, id, true, &j->old_targets, &j->n_old_targets, e);
    if (!rc && (j->n_old_tasks != j->old->ntasks || j->n_old_targets != j->old->ntargets))
        rc =
            err_set(e, ERR_CONFLICT, "plan_edit.changed", "Kế hoạch vừa được thay đổi; hãy tải lại",
                    "The plan changed meanwhile; reload it");
    if (!rc)
        rc = check_units(&j->units, l, e);
    if (!rc)
        rc = planedit_apply_tagged(j->old, l, j->old_tasks, j->old_targets, &j->neu, &j->new_tasks,
                                   &j->new_targets, e);
    return rc;
}

static void now_iso(char *out, size_t cap)
{
    char t[DTIME_ISO_LEN];
    dtime_format(dtime_now(), t);
    snprintf(out, cap, "%s", t);
}

int app_plan_edit_stored(app_t *a, const user_t *actor, int64_t id, const planedit_list_t *l,
                         const char *json, planparse_plan_t **out, err_t *e)
{
    if (out)
        *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    edit_job_t j;
    memset(&j, 0, sizeof j);
    unit_set_init(&j.units);
    rc = store_begin(s, e);
    if (rc)
        return rc;
    const char *by = actor ? actor->login : "cli";
    rc = job_prepare(s, actor, id, l, &j, e);
    if (!rc)
        rc = store_plan_edit_save(s, id, j.neu, j.new_tasks, j.new_targets, e);
    edit_state_t st = {j.old, j.neu, j.old_tasks, j.new_tasks, j.old_targets, j.new_targets};
    if (!rc)
        rc = audit_edit(s, by, id, &st, l ? l->n : 0, e);
    char at[32];
    now_iso(at, sizeof at);
    store_plan_edit_batch_t b = {"stored",
                                 j.meta.hash,
                                 APP_PLAN_EDIT_PARSER,
                                 PLANEDIT_FORMAT,
                                 json ? json : "[]",
                                 l ? l->n : 0,
                                 at,
                                 by};
    if (!rc)
        rc = store_plan_edit_append(s, id, &b, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && out) {
        *out = j.neu;
        j.neu = NULL;
    }
    job_release(&j);
    return rc;
}

int app_plan_edit_list(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e)
{
    planparse_plan_t *p = NULL;
    store_plan_meta_t m;
    int rc = app_plans_get(a, actor, id, &p, &m, e); /* read access */
    planparse_plan_free(p);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    json_t *batches = NULL;
    if (!rc)
        rc = store_plan_edit_list(s, id, &batches, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    size_t i;
    json_t *b;
    json_array_foreach(batches, i, b)
    {
        if (all)
            json_array_extend(all, json_object_get(b, "edits"));
    }
    json_t *o =
        all ? json_pack("{s:I,s:s,s:s,s:o,s:o}", "plan_id", (json_int_t)id, "doc_hash", m.hash,
                        "parser", APP_PLAN_EDIT_PARSER, "batches", batches, "edits", all)
            : NULL;
    if (!o) {
        if (!all)
            json_decref(batches);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}
