/* app_tasks.c - task tracking: listing, one assignment, roll-ups
 * (app_tasks.h). Writes live in app_tasks_write.c. */
#include "base/dtime.h"
#include "app/app_tasks.h"

#include "app/app_calendar.h"
#include "app/app_tasks_int.h"
#include "app/evidence.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/planparse.h"
#include "domain/task_status.h"
#include "store/store_task.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void app_tasks_filter_init(app_tasks_filter_t *f)
{
    memset(f, 0, sizeof *f);
    f->due_soon = -1;
    f->due_from = DATE_NONE;
    f->due_to = DATE_NONE;
    f->today = DATE_NONE;
}

date_t app_tasks_today(date_t today)
{
    return today != DATE_NONE ? today : dtime_date(dtime_now());
}

bool app_tasks_may_read(const user_t *actor, const unit_set_t *units, const char *unit,
                        const char *plan_unit)
{
    if (!actor || actor->role == ACCESS_ROLE_ADMIN)
        return true;
    if (unit && *unit && access_allows(actor, ACCESS_READ, unit, units, DATE_NONE))
        return true;
    return plan_unit && *plan_unit &&
           access_allows(actor, ACCESS_READ, plan_unit, units, DATE_NONE);
}

bool app_tasks_may_write(const user_t *actor, const unit_set_t *units, const char *unit)
{
    if (!actor)
        return true;
    if (actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING &&
        actor->role != ACCESS_ROLE_OFFICER)
        return false;
    return access_allows(actor, ACCESS_WRITE, unit, units, DATE_NONE);
}

/* ---- due dates ------------------------------------------------------------ */

typedef struct occ_load {
    app_tasks_due_t *c;
} occ_load_t;

static int occ_row(void *ctx, const store_task_occ_t *o, err_t *e)
{
    (void)e;
    app_tasks_due_t *c = ((occ_load_t *)ctx)->c;
    int i = app_tasks_occurrence(c, o->period);
    err_t ignored;
    if (i >= 0 && task_status_parse(o->status, &c->occ_status[i], &ignored) == 0)
        c->occ_progress[i] = o->progress;
    return 0;
}

int app_tasks_occurrence(const app_tasks_due_t *c, const char *period)
{
    if (!c->nocc)
        return -1;
    if (!period || !*period)
        return (int)c->nocc - 1;
    for (size_t i = 0; i < c->nocc; i++)
        if (strcmp(c->occ[i].period, period) == 0)
            return (int)i;
    return -1;
}

int app_tasks_due(app_tasks_due_t *c, store_t *s, const store_task_row_t *r, date_t today,
                  const agencycal_t *cal, err_t *e)
{
    if (c->task_id != r->task_id) {
        deadline_free(c->sched);
        c->sched = NULL;
        c->task_id = r->task_id;
        err_t pe;
        if (*r->deadline_text && deadline_parse(r->deadline_text, strlen(r->deadline_text),
                                                r->plan_year, &c->sched, &pe))
            c->sched = NULL; /* unreadable text: no due date */
    }
    task_status_status_t st = TASK_STATUS_NOT_STARTED;
    err_t ignored;
    if (task_status_parse(r->status, &st, &ignored))
        st = TASK_STATUS_NOT_STARTED;
    c->nocc = task_status_occurrences(c->sched, r->plan_year, today, r->label, c->occ,
                                      TASK_STATUS_MAX_OCCURRENCES);
    c->missed = 0;
    if (!c->nocc) {
        c->status = st;
        c->progress = r->progress;
        c->due = task_status_due(c->sched, today, r->plan_year, r->label);
        c->overdue = task_status_overdue(st, c->due, today);
    } else {
        for (size_t i = 0; i < c->nocc; i++) {
            c->occ_status[i] = TASK_STATUS_NOT_STARTED;
            c->occ_progress[i] = 0;
        }
        occ_load_t l = {c};
        int rc = s ? store_task_occurrences(s, r->id, occ_row, &l, e) : 0;
        if (rc)
            return rc;
        /* the current occurrence is the last one; "missed" counts the
         * earlier ones left undone after their due date */
        size_t cur = c->nocc - 1;
        for (size_t i = 0; i < cur; i++)
            c->missed += task_status_overdue(c->occ_status[i], c->occ[i].due, today);
        c->status = c->occ_status[cur];
        c->progress = c->occ_progress[cur];
        c->due = c->occ[cur].due;
        c->overdue = c->missed > 0 || task_status_overdue(c->status, c->due, today);
    }
    c->workdays = c->due == DATE_NONE ? 0 : task_status_workdays_until(cal, today, c->due);
    c->today = today;
    return 0;
}

void app_tasks_due_release(app_tasks_due_t *c)
{
    deadline_free(c->sched);
    c->sched = NULL;
    c->task_id = 0;
}

/* ---- JSON ----------------------------------------------------------------- */

static int set_date(json_t *o, const char *key, date_t d)
{
    if (d == DATE_NONE)
        return json_object_set_new(o, key, json_null());
    char s[DATE_ISO_LEN];
    date_format(d, s);
    return jsonx_set_str(o, key, s);
}

json_t *app_tasks_unit_json(const unit_set_t *units, const char *code)
{
    if (!code || !*code)
        return json_null();
    json_t *o = json_object();
    if (!o)
        return NULL;
    const unit_t *u = unit_set_find(units, code, DATE_NONE);
    int rc = jsonx_set_str(o, "code", code);
    rc |= jsonx_set_str(o, "name", u ? u->name : code);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

json_t *app_tasks_item_json(const store_task_row_t *r, const app_tasks_due_t *d,
                            const agencycal_t *cal, const unit_set_t *units, date_t today,
                            int soon_days)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    planparse_area_t area = PLANPARSE_AREA_NONE;
    bool has_area = *r->area && planparse_area_parse(r->area, &area) == 0;
    int rc = jsonx_set_int(o, "id", r->id);
    rc |= jsonx_set_int(o, "task_id", r->task_id);
    rc |= jsonx_set_int(o, "plan_id", r->plan_id);
    rc |= jsonx_set_str(o, "plan_title", r->plan_title);
    rc |= r->plan_year ? jsonx_set_int(o, "plan_year", r->plan_year)
                       : json_object_set_new(o, "plan_year", json_null());
    rc |= jsonx_set_str(o, "task_no", r->task_no);
    rc |= has_area ? jsonx_set_int(o, "area", (long long)area)
                   : json_object_set_new(o, "area", json_null());
    rc |= jsonx_set_str(o, "area_label", has_area ? planparse_area_label_vi(area) : NULL);
    rc |= jsonx_set_str(o, "title", r->title);
    rc |= jsonx_set_str(o, "product", opt(r->product));
    rc |= jsonx_set_str(o, "role", r->role);
    rc |= jsonx_set_new(o, "unit", app_tasks_unit_json(units, r->unit_code));
    rc |= jsonx_set_str(o, "label", r->label);
    rc |= jsonx_set_str(o, "status", task_status_code(d->status));
    rc |= jsonx_set_str(o, "status_label", task_status_label_vi(d->status));
    rc |= jsonx_set_str(o, "status_label_en", task_status_label_en(d->status));
    rc |= jsonx_set_int(o, "progress", d->progress);
    rc |= jsonx_set_str(o, "reason", opt(r->reason));
    rc |= set_date(o, "due", d->due);
    rc |= jsonx_set_str(o, "deadline_text", opt(r->deadline_text));
    rc |= jsonx_set_str(o, "deadline_kind", d->sched ? deadline_kind_name(d->sched->kind) : NULL);
    rc |= jsonx_set_bool(o, "overdue", d->overdue);
    rc |= jsonx_set_bool(o, "due_soon",
                         task_status_due_soon(cal, d->status, d->due, today, soon_days));
    rc |= d->due == DATE_NONE ? json_object_set_new(o, "workdays_left", json_null())
                              : jsonx_set_int(o, "workdays_left", d->workdays);
    rc |= jsonx_set_str(o, "completed_on", opt(r->completed_on));
    rc |= jsonx_set_str(o, "updated_at", opt(r->updated_at));
    rc |= jsonx_set_int(o, "updates", r->updates);
    rc |= jsonx_set_str(o, "period", d->nocc ? d->occ[d->nocc - 1].period : NULL);
    rc |= jsonx_set_int(o, "missed", d->missed);
    rc |= r->weight > 0 ? json_object_set_new(o, "weight", json_real(r->weight))
                        : json_object_set_new(o, "weight", json_null());
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- listing -------------------------------------------------------------- */

typedef struct list_ctx {
    store_t *s;
    const app_tasks_filter_t *f;
    const user_t *actor;
    const unit_set_t *units;
    const agencycal_t *cal;
    date_t today;
    char *qkey;
    app_tasks_due_t due;
    app_tasks_pick_fn pick;
    void *pick_ctx;
} list_ctx_t;

static bool matches(list_ctx_t *c, const store_task_row_t *r)
{
    const app_tasks_filter_t *f = c->f;
    if (!app_tasks_may_read(c->actor, c->units, r->unit_code, r->plan_unit))
        return false;
    if (f->year && r->plan_year != f->year)
        return false;
    if (f->unit && *f->unit) {
        if (f->tree ? !unit_set_within(c->units, r->unit_code, f->unit, DATE_NONE)
                    : strcmp(r->unit_code, f->unit) != 0)
            return false;
    }
    if (f->role && *f->role && strcmp(r->role, f->role) != 0)
        return false;
    if (f->area) {
        planparse_area_t a = PLANPARSE_AREA_NONE;
        if (!*r->area || planparse_area_parse(r->area, &a) || (int)a != f->area)
            return false;
    }
    if (c->qkey && *c->qkey) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s %s %s", r->task_no, r->title, r->product);
        int rc = 0;
        char *k = text_key(buf, strlen(buf), &rc);
        bool hit = k && strstr(k, c->qkey) != NULL;
        mem_free(k);
        if (!hit)
            return false;
    }
    return true;
}

/* Whether d falls in quarter q (1..4) of year. */
static bool in_quarter(date_t d, int year, int q)
{
    int m = 3 * (q - 1) + 1;
    date_t from = date_from_ymd(year, m, 1);
    date_t to = q == 4 ? date_from_ymd(year, 12, 31) : date_from_ymd(year, m + 3, 1) - 1;
    return d != DATE_NONE && d >= from && d <= to;
}

static bool due_matches(list_ctx_t *c, const store_task_row_t *r)
{
    const app_tasks_filter_t *f = c->f;
    const app_tasks_due_t *d = &c->due;
    if (f->due_quarter && !in_quarter(d->due, r->plan_year, f->due_quarter))
        return false;
    if (f->status && *f->status && strcmp(task_status_code(d->status), f->status) != 0)
        return false;
    if (f->overdue && !d->overdue)
        return false;
    if (f->due_soon >= 0 && !task_status_due_soon(c->cal, d->status, d->due, c->today, f->due_soon))
        return false;
    if (f->due_from != DATE_NONE && (d->due == DATE_NONE || d->due < f->due_from))
        return false;
    if (f->due_to != DATE_NONE && (d->due == DATE_NONE || d->due > f->due_to))
        return false;
    return true;
}

static int on_row(void *ctx, const store_task_row_t *r, err_t *e)
{
    list_ctx_t *c = ctx;
    if (!matches(c, r))
        return 0;
    int rc = app_tasks_due(&c->due, c->s, r, c->today, c->cal, e);
    if (rc)
        return rc;
    if (!due_matches(c, r))
        return 0;
    return c->pick(c->pick_ctx, r, &c->due, e);
}

static int ensure_all(app_t *a, store_t *s, int64_t plan_id, err_t *e)
{
    if (plan_id)
        return app_tasks_ensure_tracking(a, plan_id, NULL, NULL, e);
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "SELECT id FROM plan WHERE tracking_started IS NULL AND status = 'current' "
                      "ORDER BY id",
                      &st, e);
    if (rc)
        return rc;
    int64_t ids[256];
    size_t n = 0;
    while (n < 256 && store_next(st, &rc, e))
        ids[n++] = store_col_int(st, 0);
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        rc = app_tasks_ensure_tracking(a, ids[i], NULL, NULL, e);
        if (rc)
            return rc;
    }
    return n == 256 ? ensure_all(a, s, 0, e) : 0;
}

int app_tasks_scan(app_t *a, const user_t *actor, const app_tasks_filter_t *f, unit_set_t *units,
                   app_tasks_pick_fn pick, void *pick_ctx, date_t *today, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    const agencycal_t *cal;
    rc = app_calendar(a, &cal, e);
    if (rc)
        return rc;
    rc = ensure_all(a, s, f->plan_id, e);
    if (!rc)
        rc = store_unit_load(s, units, e);
    if (rc)
        return rc;
    /* with the store: periodic rows take their current occurrence's state,
     * as app_tasks_get does (one definition for lists, roll-ups, detail) */
    list_ctx_t c = {.s = s,
                    .f = f,
                    .actor = actor,
                    .units = units,
                    .cal = cal,
                    .pick = pick,
                    .pick_ctx = pick_ctx};
    c.today = app_tasks_today(f->today);
    *today = c.today;
    if (f->q && *f->q) {
        c.qkey = text_key(f->q, strlen(f->q), &rc);
        if (!c.qkey)
            return err_set(e, ERR_INVALID, "task.query", "Từ khóa tìm kiếm không hợp lệ",
                           "Invalid search text");
    }
    rc = store_task_rows(s, f->plan_id, 0, on_row, &c, e);
    app_tasks_due_release(&c.due);
    mem_free(c.qkey);
    return rc;
}

typedef struct item {
    json_t *json;
    date_t due;
    int64_t plan_id;
    int seq;
    int64_t id;
    int status, area; /* sort keys */
    char *unit_key;   /* folded unit name (owned), for APP_TASKS_SORT_UNIT */
} item_t;

typedef struct collect {
    item_t *v;
    size_t n, cap;
    app_tasks_sort_t sort;
    const agencycal_t *cal;
    const unit_set_t *units;
    date_t today;
    int soon;
} collect_t;

static int collect_row(void *ctx, const store_task_row_t *r, const app_tasks_due_t *d, err_t *e)
{
    collect_t *c = ctx;
    if (MEM_GROW(c->v, c->cap, c->n + 1))
        return err_nomem(e);
    json_t *j = app_tasks_item_json(r, d, c->cal, c->units, c->today, c->soon);
    if (!j)
        return err_nomem(e);
    planparse_area_t area = PLANPARSE_AREA_NONE;
    bool has_area = *r->area && planparse_area_parse(r->area, &area) == 0;
    item_t it = {j,   d->due, r->plan_id, r->seq, r->id, (int)d->status, has_area ? (int)area : 99,
                 NULL};
    if (c->sort == APP_TASKS_SORT_UNIT) {
        const unit_t *u = unit_set_find(c->units, r->unit_code, DATE_NONE);
        const char *name = u ? u->name : r->label;
        int trc = 0;
        it.unit_key = text_key(name, strlen(name), &trc);
        if (!it.unit_key) {
            json_decref(j);
            return err_nomem(e);
        }
    }
    c->v[c->n++] = it;
    return 0;
}

int app_tasks_sort_parse(const char *s, app_tasks_sort_t *out, err_t *e)
{
    static const char *const names[] = {"due", "status", "unit", "area"};
    for (size_t i = 0; s && i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (app_tasks_sort_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "task.sort",
                   "Cách sắp xếp không hợp lệ: '%s' (due, status, unit, area)",
                   "Invalid sort '%s' (due, status, unit, area)", s ? s : "");
}

/* The primary key of the chosen sort (0 for the default). */
static int cmp_key(const item_t *a, const item_t *b, app_tasks_sort_t sort)
{
    if (sort == APP_TASKS_SORT_STATUS)
        return (a->status > b->status) - (a->status < b->status);
    if (sort == APP_TASKS_SORT_AREA)
        return (a->area > b->area) - (a->area < b->area);
    if (sort == APP_TASKS_SORT_UNIT)
        return strcmp(a->unit_key ? a->unit_key : "", b->unit_key ? b->unit_key : "");
    return 0;
}

typedef struct order {
    app_tasks_sort_t sort;
    bool desc;
} order_t;

static int cmp_item(const void *pa, const void *pb, void *ctx)
{
    const item_t *a = pa, *b = pb;
    const order_t *o = ctx;
    int k = cmp_key(a, b, o->sort);
    if (k)
        return o->desc ? -k : k;
    if (a->due != b->due) {
        if (o->desc && o->sort == APP_TASKS_SORT_DUE) {
            const item_t *t = a;
            a = b;
            b = t;
        }
        if (a->due == DATE_NONE)
            return 1;
        if (b->due == DATE_NONE)
            return -1;
        return a->due < b->due ? -1 : 1;
    }
    if (a->plan_id != b->plan_id)
        return a->plan_id < b->plan_id ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

int app_tasks_list(app_t *a, const user_t *actor, const app_tasks_filter_t *f, json_t **out,
                   err_t *e)
{
    *out = NULL;
    unit_set_t units;
    unit_set_init(&units);
    collect_t c = {.units = &units,
                   .sort = f->sort,
                   .soon = f->due_soon >= 0 ? f->due_soon : APP_TASK_SOON_DEFAULT};
    int rc = app_calendar(a, &c.cal, e);
    if (rc)
        return rc;
    date_t today;
    c.today = app_tasks_today(f->today);
    rc = app_tasks_scan(a, actor, f, &units, collect_row, &c, &today, e);
    json_t *items = json_array();
    json_t *o = json_object();
    if (!rc && (!items || !o))
        rc = err_nomem(e);
    if (!rc) {
        order_t ord = {f->sort, f->desc};
        if (c.n)
            qsort_r(c.v, c.n, sizeof *c.v, cmp_item, &ord);
        size_t limit = f->limit ? f->limit : APP_TASK_LIST_DEFAULT;
        for (size_t i = f->offset; !rc && i < c.n && i < f->offset + limit; i++) {
            rc = json_array_append(items, c.v[i].json) ? err_nomem(e) : 0;
        }
        rc = rc ? rc : set_date(o, "today", today) | jsonx_set_int(o, "total", (long long)c.n);
        rc = rc ? rc : jsonx_set_new(o, "items", items);
        items = NULL;
        if (rc && rc != ERR_NOMEM)
            rc = err_nomem(e);
    }
    for (size_t i = 0; i < c.n; i++) {
        json_decref(c.v[i].json);
        mem_free(c.v[i].unit_key);
    }
    mem_free(c.v);
    json_decref(items);
    unit_set_release(&units);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}
