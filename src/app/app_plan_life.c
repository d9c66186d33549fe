/* app_plan_life.c - duplicates, supersede, delete and restore of plans
 * (app_plan_life.h). */
#include "app/app_plan_life.h"

#include "app/app_tasks.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/plan_match.h"
#include "store/store_audit.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- duplicates ------------------------------------------------------------ */

static bool key_eq(const char *a, const char *b)
{
    return a && b && *a && *b && text_key_eq(a, b);
}

/* Same decision: number, issuer (by code when both resolved) and year. */
static bool same_decision(const planparse_docinfo_t *d, const store_plan_life_info_t *i)
{
    if (!d->number || !*d->number || !key_eq(d->number, i->number))
        return false;
    if (d->year <= 0 || d->year != i->year)
        return false;
    if (d->issuer_unit && *d->issuer_unit && i->issuer_code[0])
        return strcmp(d->issuer_unit, i->issuer_code) == 0;
    return key_eq(d->issuer, i->issuer);
}

/* Same decision between two stored plans (the rule of same_decision). */
static bool info_same_decision(const store_plan_life_info_t *a, const store_plan_life_info_t *b)
{
    if (!key_eq(a->number, b->number) || a->year <= 0 || a->year != b->year)
        return false;
    if (a->issuer_code[0] && b->issuer_code[0])
        return strcmp(a->issuer_code, b->issuer_code) == 0;
    return key_eq(a->issuer, b->issuer);
}

typedef struct dup_ctx {
    const planparse_plan_t *p;
    const char *hash;
    app_plan_dup_t *out;
} dup_ctx_t;

static int dup_row(void *ctx, const store_plan_life_info_t *info, err_t *e)
{
    (void)e;
    dup_ctx_t *c = ctx;
    bool hash = c->hash && strcmp(c->hash, info->hash) == 0;
    bool dec = c->p && same_decision(&c->p->doc, info);
    if (!hash && (!dec || c->out->plan_id))
        return 0; /* a hash match wins over an earlier decision match */
    c->out->plan_id = info->id;
    c->out->reason = hash ? "hash" : "decision";
    c->out->info = *info;
    return hash ? STORE_STOP : 0;
}

int app_plan_life_find_dup(store_t *s, const planparse_plan_t *p, const char *hash,
                           app_plan_dup_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    dup_ctx_t c = {p, hash, out};
    return store_plan_life_current(s, dup_row, &c, e);
}

json_t *app_plan_life_dup_json(const app_plan_dup_t *d)
{
    const store_plan_life_info_t *i = &d->info;
    return json_pack("{s:I,s:s,s:s?,s:s?,s:i,s:s,s:s}", "plan_id", (json_int_t)d->plan_id, "reason",
                     d->reason ? d->reason : "decision", "number", i->number[0] ? i->number : NULL,
                     "issuer", i->issuer[0] ? i->issuer : NULL, "year", i->year, "title", i->title,
                     "status", i->status);
}

/* ---- authorisation ------------------------------------------------------------ */

static const char *plan_unit(const store_plan_life_info_t *i)
{
    return i->unit_code[0] ? i->unit_code : i->issuer_code[0] ? i->issuer_code : NULL;
}

/* roles: may the actor's role do it at all; then ACCESS_WRITE on the
 * plan's unit (a plan without a unit: admin only). */
int app_plan_life_check(store_t *s, const user_t *actor, const store_plan_life_info_t *i,
                        bool officer_too, err_t *e)
{
    if (!actor || actor->role == ACCESS_ROLE_ADMIN)
        return 0;
    bool role =
        actor->role == ACCESS_ROLE_STANDING || (officer_too && actor->role == ACCESS_ROLE_OFFICER);
    const char *unit = plan_unit(i);
    unit_set_t units;
    unit_set_init(&units);
    int rc = role && unit ? store_unit_load(s, &units, e) : 0;
    bool ok = !rc && role && unit && access_allows(actor, ACCESS_WRITE, unit, &units, DATE_NONE);
    unit_set_release(&units);
    if (rc)
        return rc;
    if (ok)
        return 0;
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Bạn không có quyền thay đổi kế hoạch #%lld (đơn vị %s)",
                   "You may not change plan #%lld (unit %s)", (long long)i->id, unit ? unit : "?");
}

static void now_iso(char out[DTIME_ISO_LEN])
{
    dtime_format(dtime_now(), out);
}

static int not_current(const store_plan_life_info_t *i, err_t *e)
{
    return err_set(e, ERR_CONFLICT, "plan.not_current",
                   "Kế hoạch #%lld không còn hiệu lực (trạng thái: %s)",
                   "Plan #%lld is not current (status: %s)", (long long)i->id, i->status);
}

/* The audit entry of a status change. */
static int audit_status(store_t *s, const char *actor, const char *action,
                        const store_plan_life_info_t *before, json_t *after, const char *detail,
                        err_t *e)
{
    char object[48];
    snprintf(object, sizeof object, "plan:%lld", (long long)before->id);
    json_t *b = json_pack("{s:I,s:s,s:s,s:s?}", "id", (json_int_t)before->id, "status",
                          before->status, "title", before->title, "unit", plan_unit(before));
    char *bs = b ? jsonx_dump(b) : NULL;
    char *as = after ? jsonx_dump(after) : NULL;
    int rc =
        bs && as ? store_audit_change(s, actor, action, object, detail, bs, as, e) : err_nomem(e);
    free(bs);
    free(as);
    json_decref(b);
    return rc;
}

/* ---- supersede ---------------------------------------------------------------- */

/* The tasks of one plan (owned copies). */
typedef struct task_list {
    int64_t *id;
    plan_match_task_t *t; /* text and area owned */
    size_t n, cap, idcap;
} task_list_t;

static void tasks_release(task_list_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        mem_free((char *)l->t[i].text);
        mem_free((char *)l->t[i].area);
    }
    mem_free(l->id);
    mem_free(l->t);
    memset(l, 0, sizeof *l);
}

static int task_row(void *ctx, int64_t id, const char *area, const char *title, err_t *e)
{
    task_list_t *l = ctx;
    if (MEM_GROW(l->t, l->cap, l->n + 1) || MEM_GROW(l->id, l->idcap, l->n + 1))
        return err_nomem(e);
    char *t = mem_strdup(title ? title : "");
    char *a = area ? mem_strdup(area) : NULL;
    if (!t || (area && !a)) {
        mem_free(t);
        mem_free(a);
        return err_nomem(e);
    }
    l->id[l->n] = id;
    l->t[l->n++] = (plan_match_task_t){t, a};
    return 0;
}

static json_t *task_json(const task_list_t *l, size_t i)
{
    return json_pack("{s:I,s:s}", "task_id", (json_int_t)l->id[i], "title", l->t[i].text);
}

static int unmatched_json(json_t *out, const char *key, const task_list_t *l, const size_t *idx,
                          size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, task_json(l, idx[i]))) {
            json_decref(arr);
            arr = NULL;
        }
    return arr ? jsonx_set_new(out, key, arr) : -1;
}

/* Carries the matched pairs over and lists them in matched. */
static int carry_pairs(store_t *s, const char *actor, const task_list_t *o, const task_list_t *n,
                       const plan_match_t *m, json_t *matched, err_t *e)
{
    char at[DTIME_ISO_LEN];
    now_iso(at);
    int rc = 0;
    for (size_t k = 0; !rc && k < m->npairs; k++) {
        const plan_match_pair_t *pr = &m->pairs[k];
        store_plan_life_carried_t c;
        rc = store_plan_life_carry(s, o->id[pr->old_idx], n->id[pr->new_idx], pr->score, actor, at,
                                   &c, e);
        if (rc)
            break;
        json_t *j =
            json_pack("{s:I,s:I,s:s,s:s,s:f,s:i,s:i,s:i}", "old_task",
                      (json_int_t)o->id[pr->old_idx], "new_task", (json_int_t)n->id[pr->new_idx],
                      "old_title", o->t[pr->old_idx].text, "new_title", n->t[pr->new_idx].text,
                      "score", (double)(long)(pr->score * 1000 + 0.5) / 1000, "assignments",
                      c.assignments, "updates", c.updates, "decisions", c.decisions);
        if (json_array_append_new(matched, j))
            rc = err_nomem(e);
    }
    return rc;
}

static int match_and_carry(store_t *s, const char *actor, int64_t old_id, int64_t new_id,
                           json_t *out, err_t *e)
{
    task_list_t o = {0}, n = {0};
    plan_match_t m = {0};
    json_t *matched = json_array();
    int rc = matched ? 0 : err_nomem(e);
    if (!rc)
        rc = store_plan_life_tasks(s, old_id, task_row, &o, e);
    if (!rc)
        rc = store_plan_life_tasks(s, new_id, task_row, &n, e);
    if (!rc)
        rc = plan_match_run(o.t, o.n, n.t, n.n, 0, &m, e);
    if (!rc)
        rc = carry_pairs(s, actor, &o, &n, &m, matched, e);
    if (!rc && (jsonx_set_new(out, "matched", json_incref(matched)) ||
                unmatched_json(out, "unmatched_old", &o, m.old_unmatched, m.nold_unmatched) ||
                unmatched_json(out, "unmatched_new", &n, m.new_unmatched, m.nnew_unmatched)))
        rc = err_nomem(e);
    json_decref(matched);
    plan_match_release(&m);
    tasks_release(&o);
    tasks_release(&n);
    return rc;
}

int app_plan_life_supersede_in(store_t *s, const char *actor, int64_t old_id, int64_t new_id,
                               json_t **out, err_t *e)
{
    *out = NULL;
    if (old_id == new_id)
        return err_set(e, ERR_INVALID, "plan.supersede_self",
                       "Kế hoạch không thể thay thế chính nó", "A plan cannot supersede itself");
    store_plan_life_info_t oi, ni;
    int rc = store_plan_life_get(s, old_id, &oi, e);
    if (!rc)
        rc = store_plan_life_get(s, new_id, &ni, e);
    if (!rc && strcmp(oi.status, STORE_PLAN_CURRENT) != 0)
        rc = not_current(&oi, e);
    if (!rc && strcmp(ni.status, STORE_PLAN_CURRENT) != 0)
        rc = not_current(&ni, e);
    if (!rc) /* both plans' assignments exist per unit before history moves */
        rc = app_tasks_tracking_in(s, old_id, e);
    if (!rc)
        rc = app_tasks_tracking_in(s, new_id, e);
    json_t *o = rc ? NULL
                   : json_pack("{s:I,s:I}", "plan_id", (json_int_t)old_id, "superseded_by",
                               (json_int_t)new_id);
    if (!rc && !o)
        rc = err_nomem(e);
    if (!rc)
        rc = match_and_carry(s, actor, old_id, new_id, o, e);
    json_t *targets = NULL;
    if (!rc)
        rc = app_plan_life_targets_carry(s, old_id, new_id, &targets, e);
    if (!rc && jsonx_set_new(o, "targets", targets))
        rc = err_nomem(e);
    char at[DTIME_ISO_LEN];
    now_iso(at);
    if (!rc)
        rc = store_plan_life_set(s, old_id, STORE_PLAN_SUPERSEDED, new_id, actor, at, NULL, e);
    if (!rc) {
        char detail[160];
        json_t *tg = json_object_get(o, "targets");
        snprintf(detail, sizeof detail,
                 "superseded by plan %lld: %zu tasks matched, %zu targets matched",
                 (long long)new_id, json_array_size(json_object_get(o, "matched")),
                 json_array_size(json_object_get(tg, "matched")));
        json_t *after = json_pack(
            "{s:I,s:s,s:I,s:O,s:I,s:I,s:O}", "id", (json_int_t)old_id, "status",
            STORE_PLAN_SUPERSEDED, "superseded_by", (json_int_t)new_id, "matched",
            json_object_get(o, "matched"), "unmatched_old",
            (json_int_t)json_array_size(json_object_get(o, "unmatched_old")), "unmatched_new",
            (json_int_t)json_array_size(json_object_get(o, "unmatched_new")), "targets", tg);
        rc = after ? audit_status(s, actor, "plan.supersede", &oi, after, detail, e) : err_nomem(e);
        json_decref(after);
    }
    if (rc)
        json_decref(o);
    else
        *out = o;
    return rc;
}

static const char *login_of(const user_t *u)
{
    return u ? u->login : "cli";
}

int app_plan_life_supersede(app_t *a, const user_t *actor, int64_t old_id, int64_t new_id,
                            json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_plan_life_info_t oi, ni;
    rc = store_plan_life_get(s, old_id, &oi, e);
    if (!rc)
        rc = store_plan_life_get(s, new_id, &ni, e);
    if (!rc)
        rc = app_plan_life_check(s, actor, &oi, true, e);
    if (!rc)
        rc = app_plan_life_check(s, actor, &ni, true, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = app_plan_life_supersede_in(s, login_of(actor), old_id, new_id, out, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- delete and restore --------------------------------------------------------- */

static json_t *rows_json(const store_plan_life_rows_t *r)
{
    return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "tasks", (json_int_t)r->tasks, "assignments",
                     (json_int_t)r->assignments, "updates", (json_int_t)r->updates,
                     "evidence_links", (json_int_t)r->evidence_links, "occurrences",
                     (json_int_t)r->occurrences, "decisions", (json_int_t)r->decisions);
}

/* Changes plan id's status under the write lock: from must match (NULL:
 * anything but to). */
typedef struct change {
    const char *action, *to, *from, *reason;
} change_t;

typedef struct twin_ctx {
    const store_plan_life_info_t *plan;
    store_plan_life_info_t twin; /* id 0 = none */
} twin_ctx_t;

static int twin_row(void *ctx, const store_plan_life_info_t *info, err_t *e)
{
    (void)e;
    twin_ctx_t *t = ctx;
    if (info->id == t->plan->id || !info_same_decision(t->plan, info))
        return 0;
    t->twin = *info;
    return STORE_STOP;
}

/* A plan made current again must not duplicate another current plan's
 * decision: ERR_CONFLICT plan.duplicate_decision naming that plan. */
static int no_current_twin(store_t *s, const store_plan_life_info_t *i, err_t *e)
{
    twin_ctx_t t = {.plan = i};
    int rc = store_plan_life_current(s, twin_row, &t, e);
    if (rc || !t.twin.id)
        return rc;
    return err_set(e, ERR_CONFLICT, "plan.duplicate_decision",
                   "Kế hoạch #%lld (%s) đang hiệu lực có cùng quyết định số %s năm %d; hãy xóa "
                   "hoặc thay thế kế hoạch đó trước khi khôi phục kế hoạch #%lld",
                   "Current plan #%lld (%s) has the same decision %s of %d; delete or supersede "
                   "it before restoring plan #%lld",
                   (long long)t.twin.id, t.twin.title, i->number, i->year, (long long)i->id);
}

static int change_in(store_t *s, const user_t *actor, int64_t id, const change_t *c, json_t **out,
                     err_t *e)
{
    store_plan_life_info_t i;
    store_plan_life_rows_t rows;
    int rc = store_plan_life_get(s, id, &i, e); /* re-read under the write lock */
    if (!rc && (c->from ? strcmp(i.status, c->from) != 0 : strcmp(i.status, c->to) == 0))
        rc = not_current(&i, e);
    if (!rc && strcmp(c->to, STORE_PLAN_CURRENT) == 0)
        rc = no_current_twin(s, &i, e);
    if (!rc)
        rc = store_plan_life_rows(s, id, &rows, e);
    char at[DTIME_ISO_LEN];
    now_iso(at);
    if (!rc)
        rc = store_plan_life_set(s, id, c->to, 0, login_of(actor), at, c->reason, e);
    json_t *o =
        rc ? NULL
           : json_pack("{s:I,s:s,s:s?,s:o}", "id", (json_int_t)id, "status", c->to, "reason",
                       c->reason && *c->reason ? c->reason : NULL, "kept", rows_json(&rows));
    if (!rc && !o)
        rc = err_nomem(e);
    if (!rc) {
        char detail[APP_PLAN_REASON_MAX + 64];
        snprintf(detail, sizeof detail, "%s -> %s%s%s", i.status, c->to,
                 c->reason && *c->reason ? ": " : "", c->reason ? c->reason : "");
        rc = audit_status(s, login_of(actor), c->action, &i, o, detail, e);
    }
    if (rc)
        json_decref(o);
    else
        *out = o;
    return rc;
}

static int change_status(app_t *a, const user_t *actor, int64_t id, const change_t *c, json_t **out,
                         err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_plan_life_info_t i;
    rc = store_plan_life_get(s, id, &i, e);
    if (!rc)
        rc = app_plan_life_check(s, actor, &i, false, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = change_in(s, actor, id, c, out, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int app_plan_life_delete(app_t *a, const user_t *actor, int64_t id, const char *reason,
                         json_t **out, err_t *e)
{
    *out = NULL;
    if (reason && strlen(reason) > APP_PLAN_REASON_MAX)
        return err_set(e, ERR_INVALID, "plan.reason_too_long", "Lý do xóa dài quá %d byte",
                       "The reason is longer than %d bytes", APP_PLAN_REASON_MAX);
    change_t c = {"plan.delete", STORE_PLAN_DELETED, NULL, reason};
    return change_status(a, actor, id, &c, out, e);
}

int app_plan_life_restore(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e)
{
    change_t c = {"plan.restore", STORE_PLAN_CURRENT, STORE_PLAN_DELETED, NULL};
    return change_status(a, actor, id, &c, out, e);
}

int app_plan_life_status(app_t *a, int64_t id, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    store_plan_life_info_t i;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_plan_life_get(s, id, &i, e);
    if (rc)
        return rc;
    json_t *o = json_pack("{s:s}", "status", i.status);
    int bad = !o;
    if (o && i.superseded_by)
        bad |= jsonx_set_int(o, "superseded_by", i.superseded_by);
    if (o && i.status_at[0])
        bad |= jsonx_set_str(o, "status_at", i.status_at) |
               jsonx_set_str(o, "status_by", i.status_by) |
               jsonx_set_str(o, "status_reason", i.reason[0] ? i.reason : NULL);
    if (bad) {
        json_decref(o);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}
