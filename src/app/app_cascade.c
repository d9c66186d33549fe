/* app_cascade.c - the cascade check (app_cascade.h). */
#include "base/dtime.h"
#include "app/app_cascade_int.h"

#include "app/app_tasks.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/planparse.h"
#include "domain/textsim.h"
#include "store/store_cascade.h"
#include "store/store_task.h"
#include "store/store_unit.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct ctask {
    int64_t plan_id, task_id;
    char *plan_title, *no, *title;
    textsim_doc_t *doc, *full; /* the title; title + detail (NULL without detail) */
} ctask_t;

typedef struct cunit {
    char code[65];
    const char *name; /* borrowed from the unit set */
    char *key;        /* folded name (owned) */
    ctask_t *t;
    size_t n, cap;
    json_t *plans;
    long count[4]; /* covered, maybe, missing, no_plan */
    long total;
} cunit_t;

typedef struct cctx {
    store_t *s;
    const user_t *actor;
    const unit_set_t *units;
    const app_cascade_filter_t *f;
    int year;
    int64_t plan_id;
    bool full; /* the actor may read the plan's unit */
    cunit_t *u;
    size_t nu, capu;
    app_cascade_row_t *rows;
    size_t nr, capr;
    char *plan_title;
    json_t *decisions;
    int64_t want_id;     /* the task whose text want holds */
    textsim_doc_t *want; /* rows arrive grouped by task: prepared once per task */
} cctx_t;

static void ctask_release(ctask_t *t)
{
    mem_free(t->plan_title);
    mem_free(t->no);
    mem_free(t->title);
    textsim_doc_free(t->doc);
    textsim_doc_free(t->full);
}

/* Prepares the texts of a unit's task: the title alone and, when the task
 * has a detail (the bullets under a heading of a narrative plan), the title
 * with it; the better of the two scores counts. */
static int prepare(ctask_t *t, const char *title, const char *detail, err_t *e)
{
    int rc = textsim_doc_new(title, &t->doc, e);
    if (rc || !*detail)
        return rc;
    size_t lt = strlen(title), ld = strlen(detail);
    char *both = mem_alloc(lt + ld + 2);
    if (!both)
        return err_nomem(e);
    memcpy(both, title, lt);
    both[lt] = '\n';
    memcpy(both + lt + 1, detail, ld + 1);
    rc = textsim_doc_new(both, &t->full, e);
    mem_free(both);
    return rc;
}

static int keep_task(void *ctx, int64_t plan_id, const char *plan_title, int64_t task_id,
                     const char *no, const char *title, const char *detail, err_t *e)
{
    cunit_t *u = ctx;
    if (MEM_GROW(u->t, u->cap, u->n + 1))
        return err_nomem(e);
    ctask_t *t = &u->t[u->n];
    memset(t, 0, sizeof *t);
    t->plan_id = plan_id;
    t->task_id = task_id;
    t->plan_title = mem_strdup(plan_title);
    t->no = mem_strdup(no);
    t->title = mem_strdup(title);
    int rc = !t->plan_title || !t->no || !t->title ? err_nomem(e) : prepare(t, title, detail, e);
    if (rc) {
        ctask_release(t);
        return rc;
    }
    u->n++;
    bool seen = false;
    for (size_t i = 0; i < json_array_size(u->plans); i++)
        seen |= json_integer_value(json_object_get(json_array_get(u->plans, i), "id")) == plan_id;
    if (!seen && json_array_append_new(u->plans, json_pack("{s:I,s:s}", "id", (json_int_t)plan_id,
                                                           "title", plan_title)))
        return err_nomem(e);
    return 0;
}

static cunit_t *unit_of(cctx_t *c, const char *code, err_t *e, int *rc)
{
    for (size_t i = 0; i < c->nu; i++)
        if (strcmp(c->u[i].code, code) == 0)
            return &c->u[i];
    if (MEM_GROW(c->u, c->capu, c->nu + 1)) {
        *rc = err_nomem(e);
        return NULL;
    }
    cunit_t *u = &c->u[c->nu++];
    memset(u, 0, sizeof *u);
    snprintf(u->code, sizeof u->code, "%s", code);
    const unit_t *reg = unit_set_find(c->units, code, DATE_NONE);
    u->name = reg ? reg->name : u->code;
    u->key = text_key(u->name, strlen(u->name), NULL);
    u->plans = json_array();
    *rc = u->plans && u->key
              ? store_cascade_unit_tasks(c->s, code, c->year, c->plan_id, keep_task, u, e)
              : err_nomem(e);
    return *rc ? NULL : u;
}

static void units_release(cctx_t *c)
{
    for (size_t i = 0; i < c->nu; i++) {
        for (size_t j = 0; j < c->u[i].n; j++)
            ctask_release(&c->u[i].t[j]);
        mem_free(c->u[i].t);
        mem_free(c->u[i].key);
        json_decref(c->u[i].plans);
    }
    mem_free(c->u);
    for (size_t i = 0; i < c->nr; i++)
        json_decref(c->rows[i].json);
    mem_free(c->rows);
    mem_free(c->plan_title);
}

static json_t *unit_json(const cunit_t *u)
{
    return json_pack("{s:s,s:s}", "code", u->code, "name", u->name);
}

static json_t *match_json(const ctask_t *t)
{
    if (!t)
        return json_null();
    return json_pack("{s:I,s:s,s:I,s:s,s:s}", "plan_id", (json_int_t)t->plan_id, "plan_title",
                     t->plan_title, "task_id", (json_int_t)t->task_id, "task_no", t->no, "title",
                     t->title);
}

static const ctask_t *find_task(const cunit_t *u, int64_t id)
{
    for (size_t i = 0; i < u->n; i++)
        if (u->t[i].task_id == id)
            return &u->t[i];
    return NULL;
}

/* Whether the assignment's unit is among those asked for and the actor's. */
static bool wanted(const cctx_t *c, const store_task_row_t *r)
{
    const char *only = c->f->unit;
    if (only && *only &&
        (c->f->tree ? !unit_set_within(c->units, r->unit_code, only, DATE_NONE)
                    : strcmp(r->unit_code, only) != 0))
        return false;
    if (!c->full && !access_allows(c->actor, ACCESS_READ, r->unit_code, c->units, DATE_NONE))
        return false;
    return strcmp(r->unit_code, r->plan_unit) != 0; /* not the plan's own unit */
}

/* The best of the unit's tasks for the assigned task (c->want). */
static const ctask_t *best_match(const cunit_t *u, const textsim_doc_t *want, double *score)
{
    const ctask_t *best = NULL;
    *score = 0;
    for (size_t i = 0; i < u->n; i++) {
        double s = textsim_doc_score(want, u->t[i].doc);
        if (u->t[i].full) {
            double f = textsim_doc_score(want, u->t[i].full);
            s = f > s ? f : s;
        }
        if (s > *score) {
            *score = s;
            best = &u->t[i];
        }
    }
    return best;
}

static int keep_row(cctx_t *c, const store_task_row_t *r, const cunit_t *u, json_t *o, int st,
                    double score, err_t *e)
{
    planparse_area_t area = PLANPARSE_AREA_NONE;
    bool has_area = *r->area && planparse_area_parse(r->area, &area) == 0;
    if (!o || jsonx_set_new(o, "area", has_area ? json_integer((int)area) : json_null()) ||
        MEM_GROW(c->rows, c->capr, c->nr + 1)) {
        json_decref(o);
        return err_nomem(e);
    }
    c->rows[c->nr] = (app_cascade_row_t){.json = o,
                                         .ord = c->nr,
                                         .state = st,
                                         .area = has_area ? (int)area : 99,
                                         .score = score,
                                         .name_key = u->key,
                                         .unit_name = u->name};
    c->nr++;
    if (!c->plan_title) {
        c->plan_title = mem_strdup(r->plan_title);
        if (!c->plan_title)
            return err_nomem(e);
    }
    return 0;
}

static int on_row(void *ctx, const store_task_row_t *r, err_t *e)
{
    cctx_t *c = ctx;
    if (!wanted(c, r))
        return 0;
    int rc = 0;
    cunit_t *u = unit_of(c, r->unit_code, e, &rc);
    if (!u)
        return rc;
    if (c->want_id != r->task_id || !c->want) {
        textsim_doc_free(c->want);
        rc = textsim_doc_new(r->title, &c->want, e);
        if (rc)
            return rc;
        c->want_id = r->task_id;
    }
    double score;
    const ctask_t *best = best_match(u, c->want, &score);
    int st = !u->n ? 3 : score >= APP_CASCADE_COVERED ? 0 : score >= APP_CASCADE_MAYBE ? 1 : 2;
    int auto_st = st;
    char key[96];
    snprintf(key, sizeof key, "%lld/%s", (long long)r->task_id, r->unit_code);
    json_t *d = json_object_get(c->decisions, key);
    const char *state = app_cascade_states[st];
    const ctask_t *match = st <= 1 ? best : NULL;
    if (d) {
        state = json_string_value(json_object_get(d, "decision"));
        int64_t child = json_integer_value(json_object_get(d, "child"));
        /* a confirmed match, else the automatic one when it was plausible */
        match = child                                           ? find_task(u, child)
                : strcmp(state, "covered") == 0 && auto_st <= 1 ? best
                                                                : NULL;
        st = strcmp(state, "covered") == 0 ? 0 : 2;
    }
    u->count[st]++;
    u->total++;
    json_t *o = json_pack(
        "{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:f,s:o,s:O,s:O}", "task_id", (json_int_t)r->task_id,
        "task_no", r->task_no, "title", r->title, "role", r->role, "unit", unit_json(u), "state",
        state, "auto_state", app_cascade_states[auto_st], "score", round(score * 1000.0) / 1000.0,
        "match", match_json(match), "decided_by", d ? json_object_get(d, "author") : json_null(),
        "decided_at", d ? json_object_get(d, "at") : json_null());
    return keep_row(c, r, u, o, st, score, e);
}

static int on_decision(void *ctx, int64_t task_id, const char *unit, const char *decision,
                       int64_t child, const char *author, const char *at, err_t *e)
{
    cctx_t *c = ctx;
    char key[96];
    snprintf(key, sizeof key, "%lld/%s", (long long)task_id, unit);
    json_t *d = json_pack("{s:s,s:I,s:s,s:s}", "decision", decision, "child", (json_int_t)child,
                          "author", author, "at", at);
    if (!d || json_object_set_new(c->decisions, key, d))
        return err_nomem(e);
    return 0;
}

static json_t *units_json(const cctx_t *c)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < c->nu; i++) {
        const cunit_t *u = &c->u[i];
        json_t *o =
            json_pack("{s:o,s:O,s:i,s:i,s:i,s:i,s:i}", "unit", unit_json(u), "plans", u->plans,
                      "covered", (int)u->count[0], "maybe", (int)u->count[1], "missing",
                      (int)u->count[2], "no_plan", (int)u->count[3], "total", (int)u->total);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The answer around the page of rows (app_cascade_page). */
static int answer(cctx_t *c, const app_cascade_filter_t *f, json_t **out, err_t *e)
{
    *out = json_pack("{s:I,s:s?,s:i,s:{s:f,s:f},s:o}", "plan_id", (json_int_t)c->plan_id,
                     "plan_title", c->plan_title, "year", c->year, "thresholds", "covered",
                     APP_CASCADE_COVERED, "maybe", APP_CASCADE_MAYBE, "units", units_json(c));
    int rc = *out ? app_cascade_page(f, c->rows, c->nr, *out, e) : err_nomem(e);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int app_cascade(app_t *a, const user_t *actor, int64_t plan_id, const app_cascade_filter_t *f,
                json_t **out, err_t *e)
{
    *out = NULL;
    app_cascade_filter_t all;
    app_cascade_filter_init(&all);
    if (!f)
        f = &all;
    store_t *s;
    int rc = app_cascade_state_check(f->state, e);
    if (!rc && f->area && (f->area < 1 || f->area > 8))
        rc = err_set(e, ERR_INVALID, "http.bad_param", "Lĩnh vực phải từ 1 đến 8",
                     "The area must be from 1 to 8");
    if (!rc)
        rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = app_tasks_ensure_tracking(a, plan_id, NULL, NULL, e);
    store_task_plan_t p;
    memset(&p, 0, sizeof p);
    unit_set_t units;
    unit_set_init(&units);
    if (!rc)
        rc = store_task_plan(s, plan_id, &p, e);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    cctx_t c = {.s = s,
                .actor = actor,
                .units = &units,
                .f = f,
                .plan_id = plan_id,
                .decisions = json_object()};
    if (!rc && !c.decisions)
        rc = err_nomem(e);
    if (!rc) {
        c.year = p.year;
        c.full =
            !actor || actor->role == ACCESS_ROLE_ADMIN ||
            (p.unit_code[0] && access_allows(actor, ACCESS_READ, p.unit_code, &units, DATE_NONE));
        rc = store_cascade_decisions(s, plan_id, on_decision, &c, e);
    }
    if (!rc)
        rc = store_task_rows(s, plan_id, 0, on_row, &c, e);
    if (!rc && !c.full && c.nu == 0)
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Bạn không có quyền xem kết quả rà soát của kế hoạch này",
                     "You may not see the cascade check of this plan");
    if (!rc)
        rc = answer(&c, f, out, e);
    json_decref(c.decisions);
    textsim_doc_free(c.want);
    units_release(&c);
    unit_set_release(&units);
    return rc;
}

/* The row of task_id in a cascade result (borrowed), or NULL. */
static json_t *find_row(json_t *result, int64_t task_id)
{
    json_t *rows = json_object_get(result, "rows");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i);
        if (json_integer_value(json_object_get(r, "task_id")) == task_id)
            return r;
    }
    return NULL;
}

typedef struct child_find {
    int64_t id;
    bool found;
} child_find_t;

static int find_child(void *ctx, int64_t plan_id, const char *plan_title, int64_t task_id,
                      const char *no, const char *title, const char *detail, err_t *e)
{
    (void)plan_id, (void)plan_title, (void)no, (void)title, (void)detail, (void)e;
    child_find_t *f = ctx;
    f->found |= task_id == f->id;
    return 0;
}

/* The matching task named with a decision must be a task of one of the
 * unit's own plans of the year, and only with "covered". */
static int check_child(store_t *s, const store_task_plan_t *p, int64_t plan_id, const char *unit,
                       const char *decision, int64_t child, err_t *e)
{
    if (child <= 0)
        return 0;
    if (strcmp(decision, "covered") != 0)
        return err_set(e, ERR_INVALID, "cascade.child",
                       "Chỉ ghi nhiệm vụ tương ứng khi xác nhận 'đã có'",
                       "A matching task goes only with the decision 'covered'");
    child_find_t f = {.id = child};
    int rc = store_cascade_unit_tasks(s, unit, p->year, plan_id, find_child, &f, e);
    if (!rc && !f.found)
        rc = err_set(e, ERR_INVALID, "cascade.child",
                     "Nhiệm vụ %lld không thuộc kế hoạch năm %d của đơn vị %s",
                     "Task %lld is not in a %d plan of unit %s", (long long)child, p->year, unit);
    return rc;
}

/* The audit entry of a decision: the row's state before, the decision after. */
static int audit_decision(store_t *s, const char *author, const char *object, const char *unit,
                          json_t *row, const char *decision, int64_t child, err_t *e)
{
    json_t *b = json_pack("{s:s,s:O}", "unit", unit, "state", json_object_get(row, "state"));
    json_t *a =
        json_pack("{s:s,s:s,s:I}", "unit", unit, "state", decision, "child", (json_int_t)child);
    char *bt = b ? jsonx_dump(b) : NULL, *at = a ? jsonx_dump(a) : NULL;
    int rc = !bt || !at
                 ? err_nomem(e)
                 : store_audit_change(s, author, "cascade.decide", object, decision, bt, at, e);
    free(bt);
    free(at);
    json_decref(b);
    json_decref(a);
    return rc;
}

int app_cascade_decide(app_t *a, const user_t *actor, int64_t plan_id, int64_t task_id,
                       const char *unit, const char *decision, int64_t child_task_id, json_t **out,
                       err_t *e)
{
    if (out)
        *out = NULL;
    if (!decision || (strcmp(decision, "covered") && strcmp(decision, "missing")))
        return err_set(e, ERR_INVALID, "cascade.decision",
                       "Quyết định phải là 'covered' (đã có) hoặc 'missing' (chưa có)",
                       "The decision must be 'covered' or 'missing'");
    if (!unit || !*unit)
        return err_set(e, ERR_INVALID, "cascade.row", "Thiếu mã đơn vị", "The unit is missing");
    json_t *all = NULL;
    app_cascade_filter_t f;
    app_cascade_filter_init(&f);
    f.unit = unit;
    int rc = app_cascade(a, actor, plan_id, &f, &all, e);
    if (rc)
        return rc;
    store_task_plan_t p;
    memset(&p, 0, sizeof p);
    store_t *s;
    unit_set_t units;
    unit_set_init(&units);
    rc = app_store(a, &s, e);
    if (!rc)
        rc = store_task_plan(s, plan_id, &p, e);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    if (!rc && actor && actor->role != ACCESS_ROLE_ADMIN &&
        !(actor->role == ACCESS_ROLE_STANDING && p.unit_code[0] &&
          access_allows(actor, ACCESS_WRITE, p.unit_code, &units, DATE_NONE)))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Chỉ cơ quan thường trực mới xác nhận kết quả rà soát",
                     "Only the standing agency confirms the cascade check");
    unit_set_release(&units);
    json_t *row = rc ? NULL : find_row(all, task_id);
    if (!rc && !row)
        rc = err_set(e, ERR_INVALID, "cascade.row",
                     "Nhiệm vụ %lld không được giao cho đơn vị %s trong kế hoạch này",
                     "Task %lld is not assigned to unit %s in this plan", (long long)task_id,
                     unit ? unit : "");
    if (!rc)
        rc = check_child(s, &p, plan_id, unit, decision, child_task_id, e);
    char at[DTIME_ISO_LEN];
    dtime_format(dtime_now(), at);
    const char *author = actor ? actor->login : "cli";
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = store_cascade_decide(s, task_id, unit, decision, child_task_id, author, at, e);
        char object[64];
        snprintf(object, sizeof object, "task:%lld", (long long)task_id);
        if (!rc)
            rc = audit_decision(s, author, object, unit, row, decision, child_task_id, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    json_decref(all);
    if (!rc && out) {
        json_t *now = NULL;
        rc = app_cascade(a, actor, plan_id, &f, &now, e);
        if (!rc)
            *out = json_incref(find_row(now, task_id));
        json_decref(now);
    }
    return rc;
}
