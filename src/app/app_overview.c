/* app_overview.c - units ranked by task completion and target attainment
 * (app_overview.h). */
#include "app/app_overview.h"

#include "app/app_kpi.h"
#include "app/app_targets.h"
#include "app/app_tasks.h"
#include "app/app_units.h"
#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/rank.h"
#include "domain/unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct row {
    const unit_t *u;
    const char *province; /* borrowed from the unit set */
    task_status_rollup_t tasks;
    json_t *targets; /* summary object (owned) */
    double task_rate, target_rate;
    bool has_tasks, has_targets;
    rank_item_t by_tasks, by_targets;
} row_t;

static bool chosen(const user_t *actor, const unit_set_t *units, const unit_t *u, int kind,
                   const char *parent, date_t from, date_t to)
{
    if (kind >= 0 ? (int)u->kind != kind : (u->kind == UNIT_TINH || u->kind == UNIT_PHONG))
        return false;
    if ((u->valid_to != DATE_NONE && u->valid_to < from) ||
        (u->valid_from != DATE_NONE && u->valid_from > to))
        return false;
    if (parent && *parent && !unit_set_within(units, u->code, parent, DATE_NONE))
        return false;
    return !actor || access_allows(actor, ACCESS_READ, u->code, units, DATE_NONE);
}

/* Output order: province, kind, task rank (unranked last), code. */
static int cmp_rows(const void *pa, const void *pb)
{
    const row_t *a = pa, *b = pb;
    int c = strcmp(a->province ? a->province : "", b->province ? b->province : "");
    if (!c)
        c = (a->u->kind > b->u->kind) - (a->u->kind < b->u->kind);
    if (!c)
        c = (a->by_tasks.rank == 0) - (b->by_tasks.rank == 0);
    if (!c)
        c = (a->by_tasks.rank > b->by_tasks.rank) - (a->by_tasks.rank < b->by_tasks.rank);
    return c ? c : strcmp(a->u->code, b->u->code);
}

/* Ranks by task completion and by target attainment among the units of the
 * same kind in the same province (domain/rank.h). */
static int rank_rows(row_t *rows, size_t n, err_t *e)
{
    rank_item_t *items = mem_alloc((n ? n : 1) * 2 * sizeof *items);
    if (!items)
        return err_nomem(e);
    for (size_t i = 0; i < n; i++) {
        rank_item_t base = {
            .scope = rows[i].province, .kind = (int)rows[i].u->kind, .key = rows[i].u->code};
        items[i] = base;
        items[i].value = rows[i].task_rate;
        items[i].has_value = rows[i].has_tasks;
        items[n + i] = base;
        items[n + i].value = rows[i].target_rate;
        items[n + i].has_value = rows[i].has_targets;
    }
    int rc = rank_assign(items, n, false, e);
    if (!rc)
        rc = rank_assign(items + n, n, false, e);
    for (size_t i = 0; !rc && i < n; i++) {
        rows[i].by_tasks = items[i];
        rows[i].by_targets = items[n + i];
    }
    mem_free(items);
    if (!rc)
        qsort(rows, n, sizeof *rows, cmp_rows);
    return rc;
}

/* 766 totals of every unit for the year: an object code -> total. */
static json_t *scores_766(app_t *a, const user_t *actor, int year)
{
    kpi_request_t r = {.tree = true,
                       .from = date_from_ymd(year, 1, 1),
                       .to = date_from_ymd(year, 12, 31),
                       .as_of = dtime_now(),
                       .tree_at = DATE_NONE};
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    err_t e;
    json_t *map = json_object();
    if (map && app_kpi_index766(a, actor, &r, &out, &e) == 0) {
        json_error_t je;
        json_t *o = json_loads(buf_cstr(&out), 0, &je);
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(o, "units"), i, it)
        {
            const char *code = json_string_value(json_object_get(it, "unit"));
            if (code)
                json_object_set(map, code, json_object_get(it, "total"));
        }
        json_decref(o);
    }
    buf_release(&out);
    return map;
}

static int measure(app_t *a, const user_t *actor, row_t *rows, size_t n, int year, date_t today,
                   err_t *e)
{
    const char **codes = mem_alloc((n ? n : 1) * sizeof *codes);
    task_status_rollup_t *roll = mem_alloc((n ? n : 1) * sizeof *roll);
    if (!codes || !roll) {
        mem_free(codes);
        mem_free(roll);
        return err_nomem(e);
    }
    for (size_t i = 0; i < n; i++)
        codes[i] = rows[i].u->code;
    app_tasks_filter_t f;
    app_tasks_filter_init(&f);
    f.year = year;
    f.today = today;
    int rc = app_tasks_rollup_units(a, NULL, &f, codes, n, roll, e);
    for (size_t i = 0; !rc && i < n; i++) {
        rows[i].tasks = roll[i];
        rows[i].has_tasks = roll[i].assigned > 0;
        rows[i].task_rate = task_status_rollup_rate(&roll[i]);
        app_target_query_t q = {.unit = codes[i], .year = year, .today = today};
        json_t *t = NULL;
        err_t te;
        if (app_targets_for_unit(a, NULL, &q, &t, &te) == 0) {
            rows[i].targets = json_incref(json_object_get(t, "summary"));
            json_t *rate = json_object_get(rows[i].targets, "rate");
            rows[i].has_targets = json_is_number(rate);
            rows[i].target_rate = json_is_number(rate) ? json_number_value(rate) : 0;
            json_decref(t);
        }
    }
    (void)actor;
    mem_free(codes);
    mem_free(roll);
    return rc;
}

static json_t *row_json(const row_t *r, json_t *scores)
{
    json_t *tasks = json_pack("{s:I,s:I,s:I,s:I}", "assigned", (json_int_t)r->tasks.assigned,
                              "completed", (json_int_t)r->tasks.completed, "overdue",
                              (json_int_t)r->tasks.overdue, "late", (json_int_t)r->tasks.late);
    if (tasks)
        json_object_set_new(tasks, "rate",
                            r->has_tasks ? json_real(round(r->task_rate * 10000.0) / 100.0)
                                         : json_null());
    json_t *score = json_object_get(scores, r->u->code);
    const rank_item_t *rt = &r->by_tasks, *rg = &r->by_targets;
    return json_pack(
        "{s:{s:s,s:s,s:s},s:s?,s:o,s:O,s:o,s:o,s:o,s:o,s:O}", "unit", "code", r->u->code, "name",
        r->u->name, "kind", unit_kind_code(r->u->kind), "province", r->province, "tasks",
        tasks ? tasks : json_null(), "targets", r->targets ? r->targets : json_null(), "rank_tasks",
        rt->rank ? json_integer(rt->rank) : json_null(), "of_tasks",
        rt->rank ? json_integer(rt->of) : json_null(), "rank_targets",
        rg->rank ? json_integer(rg->rank) : json_null(), "of_targets",
        rg->rank ? json_integer(rg->of) : json_null(), "index766", score ? score : json_null());
}

int app_overview(app_t *a, const user_t *actor, int year, const char *kind, const char *parent,
                 date_t today, json_t **out, err_t *e)
{
    *out = NULL;
    unit_kind_t k = UNIT_TINH;
    if (kind && *kind && unit_kind_parse(kind, &k))
        return err_set(e, ERR_INVALID, "overview.kind",
                       "Loại đơn vị không hợp lệ: '%s' (so, huyen, xa, dvsn)",
                       "Invalid kind of unit '%s' (so, huyen, xa, dvsn)", kind);
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    row_t *rows = rc ? NULL : mem_calloc(units.n ? units.n : 1, sizeof *rows);
    if (!rc && !rows)
        rc = err_nomem(e);
    size_t n = 0;
    date_t from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12, 31);
    for (size_t i = 0; !rc && i < units.n; i++) {
        const unit_t *u = &units.units[i];
        bool dup = false;
        for (size_t j = 0; j < n && !dup; j++)
            dup = strcmp(rows[j].u->code, u->code) == 0;
        if (!dup && chosen(actor, &units, u, kind && *kind ? (int)k : -1, parent, from, to)) {
            rows[n].u = u;
            rows[n++].province = unit_set_rank_scope(&units, u->code, to);
        }
    }
    if (!rc)
        rc = measure(a, actor, rows, n, year, today, e);
    json_t *scores = rc ? NULL : scores_766(a, actor, year);
    json_t *list = json_array();
    if (!rc)
        rc = rank_rows(rows, n, e);
    if (!rc) {
        for (size_t i = 0; list && i < n; i++) {
            json_t *o = row_json(&rows[i], scores);
            if (!o || json_array_append_new(list, o))
                rc = err_nomem(e);
        }
    }
    for (size_t i = 0; rows && i < n; i++)
        json_decref(rows[i].targets);
    mem_free(rows);
    json_decref(scores);
    if (!rc) {
        *out = json_pack("{s:i,s:s?,s:s?,s:o}", "year", year, "kind", kind && *kind ? kind : NULL,
                         "parent", parent && *parent ? parent : NULL, "units", list);
        list = NULL;
        if (!*out)
            rc = err_nomem(e);
    }
    json_decref(list);
    unit_set_release(&units);
    return rc;
}
