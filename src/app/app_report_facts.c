/* app_report_facts.c - the figures of a report for its window, computed from
 * what cchc holds (docs/internals/reports.md, "Figures"): the one-stop table
 * in total and per field, the KPI indicators, the 766 index, citizen
 * feedback, task completion by area, targets, the tasks of the next period
 * and, for a receiver, its senders' reports. */
#include "app/app_report_int.h"

#include "app/app_kpi.h"
#include "app/app_targets.h"
#include "app/app_tasks.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/report_onestop.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

#define TASK_ITEMS_MAX 300 /* task rows kept in the figures (the counts cover all) */
#define FIELDS_MAX     256
#define FIELD_SLOTS    8192 /* procedure field strings remembered by address (power of 2) */

/* --- one-stop ------------------------------------------------------------------------- */

typedef struct os_scan {
    bool ready;
    report_onestop_query_t oq;
    date_t from, to;
    dtime_t as_of;
    report_onestop_t total; /* the sum of per[], after the scan */
    char *names[FIELDS_MAX];
    report_onestop_t per[FIELDS_MAX];
    size_t n;
    bool nomem;
    /* The field strings of the snapshot's procedures (one per procedure,
     * stable during the scan) by address -> index in names: most rows then
     * find their field without comparing text. */
    const char *slot_key[FIELD_SLOTS];
    uint16_t slot_val[FIELD_SLOTS];
} os_scan_t;

/* The index in names of a field, added when new; SIZE_MAX when out of memory. */
static size_t field_index(os_scan_t *s, const char *field)
{
    size_t i = 0;
    while (i < s->n && strcmp(s->names[i], *field ? field : "Lĩnh vực khác") != 0)
        i++;
    if (i < s->n)
        return i;
    if (s->n == FIELDS_MAX)
        return FIELDS_MAX - 1; /* "other fields" take the rest */
    s->names[i] = mem_strdup(*field ? field : "Lĩnh vực khác");
    if (!s->names[i])
        return SIZE_MAX;
    s->n++;
    return i;
}

static void os_row(void *ctx, const kpi_row_t *row, const kpi_query_t *q, const char *field)
{
    os_scan_t *s = ctx;
    if (!s->ready) {
        report_onestop_query_init(&s->oq, q, s->from, s->to, s->as_of);
        s->ready = true;
    }
    size_t h = ((uintptr_t)field >> 3) & (FIELD_SLOTS - 1), i = SIZE_MAX;
    for (size_t probe = 0; probe < 8; probe++, h = (h + 1) & (FIELD_SLOTS - 1)) {
        if (s->slot_key[h] == field) {
            i = s->slot_val[h];
            break;
        }
        if (!s->slot_key[h]) {
            i = field_index(s, field);
            if (i != SIZE_MAX) {
                s->slot_key[h] = field;
                s->slot_val[h] = (uint16_t)i;
            }
            break;
        }
    }
    if (i == SIZE_MAX)
        i = field_index(s, field); /* a crowded neighbourhood: by text */
    if (i == SIZE_MAX) {
        s->nomem = true;
        return;
    }
    report_onestop_add_row(&s->per[i], row, &s->oq);
}

static json_t *onestop_json(const report_onestop_t *os)
{
    json_t *o = json_object();
    for (int c = 0; o && c < REPORT_OS_COUNT; c++)
        if (jsonx_set_int(o, report_onestop_key((report_onestop_col_t)c), os->c[c])) {
            json_decref(o);
            return NULL;
        }
    return o;
}

/* {"onestop":{…}} and "onestop_fields":[…] into fig. */
static int onestop(app_report_ctx_t *x, const char *unit, date_t from, date_t to, dtime_t as_of,
                   json_t *fig, report_onestop_t *total, err_t *e)
{
    os_scan_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return err_nomem(e);
    s->from = from;
    s->to = to;
    s->as_of = as_of;
    kpi_request_t r = {
        .unit = unit, .tree = true, .from = from, .to = to, .as_of = as_of, .tree_at = DATE_NONE};
    int rc = app_kpi_scan(x->a, NULL, &r, os_row, s, e);
    if (!rc && s->nomem)
        rc = err_nomem(e);
    for (size_t i = 0; i < s->n; i++)
        report_onestop_sum(&s->total, &s->per[i]);
    json_t *fields = rc ? NULL : json_array();
    for (size_t i = 0; !rc && i < s->n; i++) {
        bool any = false;
        for (int c = 0; c < REPORT_OS_COUNT; c++)
            any |= s->per[i].c[c] != 0;
        if (!any) /* a field with nothing in the window */
            continue;
        json_t *o = onestop_json(&s->per[i]);
        if (!o || jsonx_set_str(o, "field", s->names[i]) || json_array_append_new(fields, o)) {
            json_decref(o);
            rc = err_nomem(e);
        }
    }
    if (!rc && (jsonx_set_new(fig, "onestop", onestop_json(&s->total)) ||
                jsonx_set_new(fig, "onestop_fields", fields)))
        rc = err_nomem(e);
    else if (rc)
        json_decref(fields);
    *total = s->total;
    for (size_t i = 0; i < s->n; i++)
        mem_free(s->names[i]);
    mem_free(s);
    return rc;
}

/* --- indicators, feedback, 766 ---------------------------------------------------------- */

static json_t *indicators_json(const kpi_counts_t *k)
{
    json_t *o = json_object();
    for (int i = 0; o && i < KPI_INDICATOR_COUNT; i++) {
        const kpi_def_t *d = kpi_def((kpi_indicator_t)i);
        int64_t centi, num = k->c[d->num], den = k->c[d->den];
        json_t *v = json_object();
        int rc = !v || jsonx_set_int(v, "num", num) || jsonx_set_int(v, "den", den);
        rc |= kpi_value_centi(num, den, &centi)
                  ? json_object_set_new(v, "value", json_real((double)centi / 100.0))
                  : json_object_set_new(v, "value", json_null());
        if (rc || jsonx_set_new(o, d->id, v)) {
            if (!rc)
                v = NULL;
            json_decref(v);
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

/* The unit's entry of the 766 ranking of the window. */
static json_t *index766_json(app_report_ctx_t *x, const char *unit, date_t from, date_t to,
                             dtime_t as_of)
{
    kpi_request_t r = {.tree = true, .from = from, .to = to, .as_of = as_of, .tree_at = DATE_NONE};
    buf_t b = BUF_INIT(BUF_MAX_JSON);
    err_t e;
    json_t *all = NULL, *o = json_object();
    if (o && app_kpi_index766(x->a, NULL, &r, &b, &e) == 0)
        all = jsonx_parse(b.data ? b.data : "{}", b.len, &e);
    buf_release(&b);
    const json_t *units = json_object_get(all, "units"), *mine = NULL;
    size_t i;
    const json_t *u;
    json_array_foreach(units, i, u)
    {
        const char *code = json_string_value(json_object_get(u, "unit"));
        if (code && strcmp(code, unit) == 0)
            mine = u;
    }
    /* ranked among its peers (same kind, same province); none without data */
    const json_t *total = json_object_get(mine, "total");
    int rc = !o;
    if (!rc && json_is_number(total) && json_integer_value(json_object_get(mine, "rank")) > 0) {
        rc = jsonx_set_bool(o, "has", true) ||
             json_object_set_new(o, "total", json_real(json_number_value(total))) ||
             jsonx_set_int(o, "rank", json_integer_value(json_object_get(mine, "rank"))) ||
             jsonx_set_int(o, "of", json_integer_value(json_object_get(mine, "of")));
    } else if (!rc) {
        rc = jsonx_set_bool(o, "has", false);
    }
    json_decref(all);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* --- tasks and targets ---------------------------------------------------------------- */

static json_t *tasks_json(app_report_ctx_t *x, const char *unit, int year, date_t upto)
{
    app_tasks_filter_t f;
    app_tasks_filter_init(&f);
    f.unit = unit;
    f.tree = true;
    f.year = year;
    f.today = upto;
    json_t *prog = NULL, *list = NULL;
    err_t e;
    if (app_tasks_progress(x->a, NULL, &f, &prog, &e))
        return NULL;
    f.limit = TASK_ITEMS_MAX;
    if (app_tasks_list(x->a, NULL, &f, &list, &e)) {
        json_decref(prog);
        return NULL;
    }
    json_t *o = json_object();
    int rc = !o || jsonx_set(o, "total", json_object_get(prog, "total")) ||
             jsonx_set(o, "by_area", json_object_get(prog, "by_area")) ||
             jsonx_set(o, "items", json_object_get(list, "items")) ||
             jsonx_set(o, "count", json_object_get(list, "total"));
    json_decref(prog);
    json_decref(list);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Tasks due in the three months after the window, not completed. */
static json_t *next_tasks_json(app_report_ctx_t *x, const char *unit, date_t to)
{
    app_tasks_filter_t f;
    app_tasks_filter_init(&f);
    f.unit = unit;
    f.tree = true;
    f.due_from = to + 1;
    f.due_to = to + 92;
    f.today = to;
    f.limit = 50;
    json_t *list = NULL;
    err_t e;
    if (app_tasks_list(x->a, NULL, &f, &list, &e))
        return NULL;
    json_t *o = json_object(), *items = json_array();
    size_t i;
    const json_t *it;
    json_array_foreach(json_object_get(list, "items"), i, it)
    {
        const char *st = json_string_value(json_object_get(it, "status"));
        if (st && (strcmp(st, "hoan_thanh") == 0 || strcmp(st, "hoan_thanh_tre_han") == 0))
            continue;
        json_t *t = json_object();
        if (!t || jsonx_set(t, "title", json_object_get(it, "title")) ||
            jsonx_set(t, "due", json_object_get(it, "due")) || json_array_append_new(items, t))
            json_decref(t);
    }
    json_decref(list);
    if (!o || !items || jsonx_set_int(o, "count", (long long)json_array_size(items)) ||
        jsonx_set_new(o, "items", items)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *targets_json(app_report_ctx_t *x, const char *unit, int year, date_t upto)
{
    app_target_query_t q = {0, unit, year, upto, false};
    json_t *t = NULL;
    err_t e;
    if (app_targets_for_unit(x->a, NULL, &q, &t, &e))
        return json_object(); /* a unit without plans has no targets */
    json_t *o = json_object();
    if (!o || jsonx_set(o, "summary", json_object_get(t, "summary")) ||
        jsonx_set(o, "items", json_object_get(t, "items"))) {
        json_decref(o);
        o = NULL;
    }
    json_decref(t);
    return o;
}

/* --- senders (a receiver's report) ---------------------------------------------------- */

typedef struct senders_ctx {
    app_report_ctx_t *x;
    const store_report_t *r;
    json_t *arr;
    date_t from, to;
    dtime_t as_of;
} senders_ctx_t;

static int sender_json(senders_ctx_t *c, const unit_t *u, err_t *e)
{
    json_t *o = json_object();
    if (!o || jsonx_set_str(o, "unit", u->code) || jsonx_set_str(o, "name", u->name))
        goto nomem;
    int64_t id = 0;
    int rc = store_report_find(c->x->s, u->code, c->r->kind, c->r->year, c->r->ref, &id, e);
    if (rc < 0) {
        json_decref(o);
        return rc;
    }
    store_report_t sr;
    memset(&sr, 0, sizeof sr);
    if (rc == STORE_FOUND && store_report_get(c->x->s, id, &sr, e) == 0) {
        json_t *fig = sr.figures ? jsonx_parse(sr.figures, strlen(sr.figures), NULL) : NULL;
        int r2 = jsonx_set_int(o, "report_id", id) || jsonx_set_str(o, "status", sr.status);
        r2 |= sr.submitted_at != DTIME_NONE ? jsonx_set_time(o, "submitted_at", sr.submitted_at)
                                            : json_object_set_new(o, "submitted_at", json_null());
        r2 |= sr.days_late >= 0 ? jsonx_set_int(o, "days_late", sr.days_late)
                                : json_object_set_new(o, "days_late", json_null());
        r2 |= fig ? jsonx_set(o, "onestop", json_object_get(fig, "onestop")) : 0;
        r2 |= fig ? jsonx_set(o, "tasks", json_object_get(json_object_get(fig, "tasks"), "total"))
                  : 0;
        r2 |= jsonx_set_bool(o, "frozen", fig != NULL);
        json_decref(fig);
        store_report_release(&sr);
        if (r2)
            goto nomem;
    } else if (jsonx_set_str(o, "status", "missing") || jsonx_set_bool(o, "frozen", false)) {
        goto nomem;
    }
    if (!json_object_get(o, "onestop")) { /* not frozen: the live figures */
        json_t *tmp = json_object();
        report_onestop_t t;
        rc = tmp ? onestop(c->x, u->code, c->from, c->to, c->as_of, tmp, &t, e) : err_nomem(e);
        if (!rc && jsonx_set(o, "onestop", json_object_get(tmp, "onestop")))
            rc = err_nomem(e);
        json_decref(tmp);
        if (rc) {
            json_decref(o);
            return rc;
        }
    }
    if (json_array_append_new(c->arr, o))
        return err_nomem(e);
    return 0;
nomem:
    json_decref(o);
    return err_nomem(e);
}

/* The senders' entries (a new array, NULL with *rc set on failure). */
static json_t *senders_json(app_report_ctx_t *x, const store_report_t *r, dtime_t as_of, int *rc,
                            err_t *e)
{
    senders_ctx_t c = {x, r, json_array(), r->from, r->to, as_of};
    *rc = c.arr ? 0 : err_nomem(e);
    for (size_t i = 0; !*rc && i < x->units.n; i++) {
        const unit_t *u = &x->units.units[i];
        if (!u->parent || strcmp(u->parent, r->unit) != 0 || !unit_valid_at(u, r->to))
            continue;
        *rc = sender_json(&c, u, e);
    }
    if (*rc) {
        json_decref(c.arr);
        return NULL;
    }
    return c.arr;
}

/* --- the figures ------------------------------------------------------------------------ */

int app_report_figures(app_report_ctx_t *x, const store_report_t *r, dtime_t as_of, json_t **out,
                       err_t *e)
{
    *out = NULL;
    dtime_t end = dtime_make(r->to, 23, 59, 59);
    dtime_t at = as_of < end ? as_of : end;
    date_t upto = dtime_date(at);
    json_t *fig = json_object();
    if (!fig)
        return err_nomem(e);
    report_onestop_t total;
    int rc = jsonx_set_time(fig, "as_of", at) ? err_nomem(e) : 0;
    if (!rc)
        rc = onestop(x, r->unit, r->from, r->to, at, fig, &total, e);
    kpi_counts_t k;
    kpi_request_t q = {.unit = r->unit,
                       .tree = true,
                       .from = r->from,
                       .to = r->to,
                       .as_of = at,
                       .tree_at = DATE_NONE};
    if (!rc)
        rc = app_kpi_compute(x->a, NULL, &q, &k, e);
    if (!rc) {
        json_t *fb = json_object();
        rc = !fb || jsonx_set_int(fb, "due", k.c[KC_FB_DUE]) ||
             jsonx_set_int(fb, "on_time", k.c[KC_FB_ON_TIME]) ||
             jsonx_set_new(fig, "indicators", indicators_json(&k)) ||
             jsonx_set_new(fig, "feedback", fb) ||
             jsonx_set_new(fig, "index766", index766_json(x, r->unit, r->from, r->to, at)) ||
             jsonx_set_new(fig, "tasks", tasks_json(x, r->unit, r->year, upto)) ||
             jsonx_set_new(fig, "next_tasks", next_tasks_json(x, r->unit, r->to)) ||
             jsonx_set_new(fig, "targets", targets_json(x, r->unit, r->year, upto));
        if (rc)
            rc = err_nomem(e);
    }
    if (!rc) {
        json_t *s = senders_json(x, r, at, &rc, e);
        if (!rc && jsonx_set_new(fig, "senders", s))
            rc = err_nomem(e);
    }
    if (rc) {
        json_decref(fig);
        return rc;
    }
    *out = fig;
    return 0;
}
