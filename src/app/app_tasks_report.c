/* app_tasks_report.c - one assignment with its history, and progress
 * roll-ups (app_tasks.h). */
#include "app/app_calendar.h"
#include "app/app_tasks.h"
#include "app/app_tasks_int.h"
#include "app/evidence.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/planparse.h"
#include "store/store_evidence.h"
#include "store/store_unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- one assignment ------------------------------------------------------- */

typedef struct get_ctx {
    store_t *s;
    const unit_set_t *units;
    json_t *arr;
    const char *period; /* periodic task: the current period (peers show its status) */
} get_ctx_t;

typedef struct peer_occ {
    const char *period;
    char status[32];
} peer_occ_t;

static int peer_occ_row(void *ctx, const store_task_occ_t *o, err_t *e)
{
    (void)e;
    peer_occ_t *p = ctx;
    if (strcmp(o->period, p->period) == 0)
        snprintf(p->status, sizeof p->status, "%s", o->status);
    return 0;
}

static int peer_json(void *ctx, int64_t id, const char *role, const char *label, const char *unit,
                     const char *status, err_t *e)
{
    get_ctx_t *c = ctx;
    /* a periodic peer: the status of its occurrence of the current period */
    peer_occ_t occ = {c->period, "chua_thuc_hien"};
    if (c->period && *unit) {
        int rc = store_task_occurrences(c->s, id, peer_occ_row, &occ, e);
        if (rc)
            return rc;
        status = occ.status;
    }
    json_t *o = json_object();
    if (!o)
        return err_nomem(e);
    int rc = jsonx_set_int(o, "id", id);
    rc |= jsonx_set_str(o, "role", role);
    rc |= jsonx_set_str(o, "label", label);
    rc |= jsonx_set_new(o, "unit", app_tasks_unit_json(c->units, unit));
    rc |= jsonx_set_bool(o, "tracked", *unit != '\0');
    rc |= jsonx_set_str(o, "status", *unit ? status : NULL);
    if (rc || json_array_append_new(c->arr, o)) {
        if (!rc)
            o = NULL;
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

static int hist_json(void *ctx, const store_task_hist_t *h, err_t *e)
{
    get_ctx_t *c = ctx;
    task_status_status_t st = TASK_STATUS_NOT_STARTED;
    err_t ignored;
    if (task_status_parse(h->status, &st, &ignored))
        st = TASK_STATUS_NOT_STARTED;
    json_t *o = json_object();
    if (!o)
        return err_nomem(e);
    int rc = jsonx_set_int(o, "id", h->id);
    rc |= jsonx_set_str(o, "status", h->status);
    rc |= jsonx_set_str(o, "status_label", task_status_label_vi(st));
    rc |= jsonx_set_str(o, "status_label_en", task_status_label_en(st));
    rc |= jsonx_set_int(o, "progress", h->progress);
    rc |= jsonx_set_str(o, "note", h->note);
    rc |= jsonx_set_str(o, "author", h->author);
    rc |= jsonx_set_str(o, "at", h->at);
    rc |= jsonx_set_str(o, "period", *h->period ? h->period : NULL);
    rc |= jsonx_set_new(o, "evidence", evidence_ids_json(c->s, h->evidence));
    if (rc || json_array_append_new(c->arr, o)) {
        if (!rc)
            o = NULL;
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

static json_t *allowed_json(task_status_status_t cur)
{
    json_t *arr = json_array();
    static const task_status_status_t next[] = {TASK_STATUS_NOT_STARTED, TASK_STATUS_IN_PROGRESS,
                                                TASK_STATUS_DONE, TASK_STATUS_FAILED};
    for (size_t i = 0; arr && i < sizeof next / sizeof *next; i++) {
        if (next[i] == cur && cur == TASK_STATUS_NOT_STARTED)
            continue;
        if (task_status_transition_allowed(cur, next[i]) &&
            json_array_append_new(arr, json_string(task_status_code(next[i])))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static int set_day(json_t *o, const char *k, date_t d)
{
    char v[DATE_ISO_LEN];
    date_format(d, v);
    return jsonx_set_str(o, k, v);
}

/* The occurrences of a periodic task, current last. */
static json_t *occurrences_json(const app_tasks_due_t *d, date_t today)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < d->nocc; i++) {
        json_t *o = json_object();
        int rc = !o || jsonx_set_str(o, "period", d->occ[i].period) ||
                 set_day(o, "from", d->occ[i].from) || set_day(o, "to", d->occ[i].to) ||
                 set_day(o, "due", d->occ[i].due) ||
                 jsonx_set_str(o, "status", task_status_code(d->occ_status[i])) ||
                 jsonx_set_str(o, "status_label", task_status_label_vi(d->occ_status[i])) ||
                 jsonx_set_str(o, "status_label_en", task_status_label_en(d->occ_status[i])) ||
                 jsonx_set_int(o, "progress", d->occ_progress[i]) ||
                 jsonx_set_bool(o, "overdue",
                                task_status_overdue(d->occ_status[i], d->occ[i].due, today)) ||
                 jsonx_set_new(o, "allowed", allowed_json(d->occ_status[i]));
        if (rc || json_array_append_new(arr, o)) {
            if (!rc)
                o = NULL;
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static int detail_json(store_t *s, const user_t *actor, const unit_set_t *units,
                       const app_tasks_one_t *o, const app_tasks_due_t *d, json_t *j, err_t *e)
{
    get_ctx_t c = {.s = s,
                   .units = units,
                   .arr = json_array(),
                   .period = d->nocc ? d->occ[d->nocc - 1].period : NULL};
    if (!c.arr)
        return err_nomem(e);
    int rc = store_task_peers(s, o->row.task_id, peer_json, &c, e);
    if (!rc && jsonx_set_new(j, "assignments", c.arr))
        rc = err_nomem(e);
    c.arr = rc ? c.arr : json_array();
    if (!rc && !c.arr)
        rc = err_nomem(e);
    if (!rc)
        rc = store_task_history(s, o->row.id, hist_json, &c, e);
    if (!rc && jsonx_set_new(j, "history", c.arr))
        rc = err_nomem(e);
    else if (rc)
        json_decref(c.arr);
    if (!rc) {
        int r = jsonx_set_str(j, "detail", *o->row.detail ? o->row.detail : NULL);
        r |= jsonx_set_new(j, "allowed", allowed_json(d->status));
        r |= d->nocc ? jsonx_set_new(j, "occurrences", occurrences_json(d, d->today))
                     : json_object_set_new(j, "occurrences", json_null());
        r |= jsonx_set_bool(j, "can_write", app_tasks_may_write(actor, units, o->row.unit_code));
        r |= jsonx_set_str(j, "plan_unit", *o->row.plan_unit ? o->row.plan_unit : NULL);
        if (r)
            rc = err_nomem(e);
    }
    return rc;
}

int app_tasks_get(app_t *a, const user_t *actor, int64_t id, date_t today, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    const agencycal_t *cal;
    rc = app_calendar(a, &cal, e);
    if (rc)
        return rc;
    unit_set_t units;
    unit_set_init(&units);
    app_tasks_one_t o;
    app_tasks_due_t d = {0};
    rc = store_unit_load(s, &units, e);
    if (!rc)
        rc = app_tasks_load_row(s, id, &o, e);
    else
        memset(&o, 0, sizeof o);
    if (!rc && !app_tasks_may_read(actor, &units, o.row.unit_code, o.row.plan_unit))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Bạn không có quyền xem nhiệm vụ của đơn vị %s",
                     "You may not see tasks of unit %s", o.row.unit_code);
    json_t *j = NULL;
    if (!rc) {
        today = app_tasks_today(today);
        rc = app_tasks_due(&d, s, &o.row, today, cal, e);
        if (!rc)
            j = app_tasks_item_json(&o.row, &d, cal, &units, today, APP_TASK_SOON_DEFAULT);
        rc = rc ? rc : j ? detail_json(s, actor, &units, &o, &d, j, e) : err_nomem(e);
    }
    app_tasks_due_release(&d);
    app_tasks_row_release(&o);
    unit_set_release(&units);
    if (rc) {
        json_decref(j);
        return rc;
    }
    *out = j;
    return 0;
}

/* ---- roll-ups ------------------------------------------------------------- */

typedef struct group {
    char key[96];
    char *title;
    task_status_rollup_t r;
} group_t;

typedef struct groups {
    group_t *v;
    size_t n, cap;
} groups_t;

static group_t *group_of(groups_t *g, const char *key, const char *title)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->v[i].key, key) == 0)
            return &g->v[i];
    if (MEM_GROW(g->v, g->cap, g->n + 1))
        return NULL;
    group_t *x = &g->v[g->n];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    x->title = mem_strdup(title ? title : "");
    if (!x->title)
        return NULL;
    g->n++;
    return x;
}

static void groups_release(groups_t *g)
{
    for (size_t i = 0; i < g->n; i++)
        mem_free(g->v[i].title);
    mem_free(g->v);
}

typedef struct roll_ctx {
    task_status_rollup_t total;
    groups_t area, plan, unit;
} roll_ctx_t;

static int roll_row(void *ctx, const store_task_row_t *r, const app_tasks_due_t *d, err_t *e)
{
    roll_ctx_t *c = ctx;
    double w = r->weight > 0 ? r->weight : 1;
    planparse_area_t area = PLANPARSE_AREA_NONE;
    if (*r->area && planparse_area_parse(r->area, &area))
        area = PLANPARSE_AREA_NONE;
    char key[32];
    snprintf(key, sizeof key, "%d", (int)area);
    group_t *ga = group_of(&c->area, key, planparse_area_label_vi(area));
    snprintf(key, sizeof key, "%lld", (long long)r->plan_id);
    group_t *gp = group_of(&c->plan, key, r->plan_title);
    group_t *gu = group_of(&c->unit, r->unit_code, r->unit_code);
    if (!ga || !gp || !gu)
        return err_nomem(e);
    task_status_rollup_add(&c->total, d->status, w, d->overdue);
    task_status_rollup_add(&ga->r, d->status, w, d->overdue);
    task_status_rollup_add(&gp->r, d->status, w, d->overdue);
    task_status_rollup_add(&gu->r, d->status, w, d->overdue);
    return 0;
}

static int rollup_fill(json_t *o, const task_status_rollup_t *r)
{
    int rc = jsonx_set_int(o, "assigned", r->assigned);
    rc |= jsonx_set_int(o, "completed", r->completed);
    rc |= jsonx_set_int(o, "late", r->late);
    rc |= jsonx_set_int(o, "overdue", r->overdue);
    rc |= jsonx_set_int(o, "failed", r->failed);
    rc |= jsonx_set_int(o, "in_progress", r->in_progress);
    rc |= jsonx_set_int(o, "not_started", r->assigned - r->completed - r->failed - r->in_progress);
    double rate = r->assigned ? round(task_status_rollup_rate(r) * 10000.0) / 100.0 : 0;
    rc |= r->assigned ? json_object_set_new(o, "rate", json_real(rate))
                      : json_object_set_new(o, "rate", json_null());
    return rc;
}

static int cmp_area(const void *pa, const void *pb)
{
    return strcmp(((const group_t *)pa)->key, ((const group_t *)pb)->key);
}

static json_t *groups_json(const groups_t *g, const char *kind, const unit_set_t *units)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < g->n; i++) {
        const group_t *x = &g->v[i];
        json_t *o = json_object();
        int rc = !o;
        if (!rc && strcmp(kind, "area") == 0) {
            int area = (int)strtol(x->key, NULL, 10);
            rc =
                area ? jsonx_set_int(o, "area", area) : json_object_set_new(o, "area", json_null());
            rc |= jsonx_set_str(o, "label", x->title);
        } else if (!rc && strcmp(kind, "plan") == 0) {
            rc = jsonx_set_int(o, "plan_id", strtoll(x->key, NULL, 10));
            rc |= jsonx_set_str(o, "title", x->title);
        } else if (!rc) {
            rc = jsonx_set_new(o, "unit", app_tasks_unit_json(units, x->key));
        }
        rc = rc ? rc : rollup_fill(o, &x->r);
        if (rc || json_array_append_new(arr, o)) {
            if (!rc)
                o = NULL;
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

int app_tasks_progress(app_t *a, const user_t *actor, const app_tasks_filter_t *f, json_t **out,
                       err_t *e)
{
    *out = NULL;
    unit_set_t units;
    unit_set_init(&units);
    roll_ctx_t c;
    memset(&c, 0, sizeof c);
    date_t today;
    int rc = app_tasks_scan(a, actor, f, &units, roll_row, &c, &today, e);
    json_t *o = rc ? NULL : json_object();
    if (!rc && !o)
        rc = err_nomem(e);
    if (!rc) {
        if (c.area.n)
            qsort(c.area.v, c.area.n, sizeof *c.area.v, cmp_area);
        char day[DATE_ISO_LEN];
        date_format(today, day);
        json_t *total = json_object();
        int r = jsonx_set_str(o, "today", day);
        r |= jsonx_set_new(o, "unit", app_tasks_unit_json(&units, f->unit));
        r |= f->plan_id ? jsonx_set_int(o, "plan", f->plan_id)
                        : json_object_set_new(o, "plan", json_null());
        r |= f->year ? jsonx_set_int(o, "year", f->year)
                     : json_object_set_new(o, "year", json_null());
        r |= !total || rollup_fill(total, &c.total);
        r |= jsonx_set_new(o, "total", total);
        r |= jsonx_set_new(o, "by_area", groups_json(&c.area, "area", &units));
        r |= jsonx_set_new(o, "by_plan", groups_json(&c.plan, "plan", &units));
        r |= jsonx_set_new(o, "by_unit", groups_json(&c.unit, "unit", &units));
        if (r)
            rc = err_nomem(e);
    }
    groups_release(&c.area);
    groups_release(&c.plan);
    groups_release(&c.unit);
    unit_set_release(&units);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* ---- roll-up per chosen unit (with subtree) ---------------------------------- */

typedef struct by_unit_ctx {
    const unit_set_t *units;
    const char *const *codes;
    size_t n;
    task_status_rollup_t *out;
} by_unit_ctx_t;

static int by_unit_row(void *ctx, const store_task_row_t *r, const app_tasks_due_t *d, err_t *e)
{
    (void)e;
    by_unit_ctx_t *c = ctx;
    double w = r->weight > 0 ? r->weight : 1;
    const char *code = r->unit_code;
    for (int depth = 0; code && *code && depth < 32; depth++) {
        for (size_t i = 0; i < c->n; i++)
            if (strcmp(c->codes[i], code) == 0)
                task_status_rollup_add(&c->out[i], d->status, w, d->overdue);
        const unit_t *u = unit_set_find(c->units, code, DATE_NONE);
        code = u ? u->parent : NULL;
    }
    return 0;
}

int app_tasks_rollup_units(app_t *a, const user_t *actor, const app_tasks_filter_t *f,
                           const char *const *codes, size_t n, task_status_rollup_t *out, err_t *e)
{
    memset(out, 0, n * sizeof *out);
    unit_set_t units;
    unit_set_init(&units);
    by_unit_ctx_t c = {.units = &units, .codes = codes, .n = n, .out = out};
    date_t today;
    int rc = app_tasks_scan(a, actor, f, &units, by_unit_row, &c, &today, e);
    unit_set_release(&units);
    return rc;
}
