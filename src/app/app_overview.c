/* app_overview.c - units ranked by task completion, target attainment and
 * 766 score, filtered, sorted and paged (app_overview.h). */
#include "app/app_overview.h"

#include "app/app_kpi.h"
#include "app/app_targets.h"
#include "app/app_tasks.h"
#include "app/app_units.h"
#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/rank.h"
#include "domain/unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct row {
    const unit_t *u;
    const char *province; /* rank scope, borrowed from the unit set (NULL: national) */
    const char *home;     /* the province shown (unit_set_province_of), borrowed */
    char *key;            /* folded name (owned) */
    task_status_rollup_t tasks;
    json_t *targets; /* summary object (owned) */
    double task_rate, target_rate;
    bool has_tasks, has_targets;
    rank_item_t by_tasks, by_targets;
    json_t *s766; /* {"total","rank","of"} of app_kpi_index766 (borrowed), NULL */
} row_t;

void app_overview_query_init(app_overview_query_t *q)
{
    memset(q, 0, sizeof *q);
    q->today = DATE_NONE;
}

int app_overview_sort_parse(const char *s, app_overview_sort_t *out, err_t *e)
{
    static const char *const names[] = {"tasks", "targets", "766", "unit"};
    for (size_t i = 0; s && i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (app_overview_sort_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "overview.sort",
                   "Cách sắp xếp không hợp lệ: '%s' (tasks, targets, 766, unit)",
                   "Invalid sort '%s' (tasks, targets, 766, unit)", s ? s : "");
}

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

static int rank_of(const row_t *r, app_overview_sort_t s)
{
    if (s == APP_OVERVIEW_SORT_TASKS)
        return r->by_tasks.rank;
    if (s == APP_OVERVIEW_SORT_TARGETS)
        return r->by_targets.rank;
    return (int)json_integer_value(json_object_get(r->s766, "rank"));
}

typedef struct order {
    app_overview_sort_t sort;
    bool desc;
} order_t;

/* Province, then kind and rank (unranked last) or the name, then code. */
static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const row_t *a = pa, *b = pb;
    const order_t *o = ctx;
    int c = strcmp(a->home ? a->home : "", b->home ? b->home : "");
    if (!c && o->sort == APP_OVERVIEW_SORT_UNIT) {
        c = strcmp(a->key, b->key);
        c = o->desc ? -c : c;
    } else if (!c) {
        c = (a->u->kind > b->u->kind) - (a->u->kind < b->u->kind);
        int ra = rank_of(a, o->sort), rb = rank_of(b, o->sort);
        if (!c)
            c = (ra == 0) - (rb == 0);
        if (!c)
            c = o->desc ? (ra < rb) - (ra > rb) : (ra > rb) - (ra < rb);
    }
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
    return rc;
}

/* 766 of every unit for the year: an object code -> {"total","rank","of"}. */
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
                json_object_set_new(
                    map, code,
                    json_pack("{s:O,s:O,s:O}", "total", json_object_get(it, "total"), "rank",
                              json_object_get(it, "rank"), "of", json_object_get(it, "of")));
        }
        json_decref(o);
    }
    buf_release(&out);
    return map;
}

static int measure(app_t *a, row_t *rows, size_t n, int year, date_t today, err_t *e)
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
    mem_free(codes);
    mem_free(roll);
    return rc;
}

static json_t *rank_json(int rank)
{
    return rank ? json_integer(rank) : json_null();
}

static json_t *row_json(const row_t *r, const unit_set_t *units)
{
    json_t *tasks = json_pack("{s:I,s:I,s:I,s:I}", "assigned", (json_int_t)r->tasks.assigned,
                              "completed", (json_int_t)r->tasks.completed, "overdue",
                              (json_int_t)r->tasks.overdue, "late", (json_int_t)r->tasks.late);
    if (tasks)
        json_object_set_new(tasks, "rate",
                            r->has_tasks ? json_real(round(r->task_rate * 10000.0) / 100.0)
                                         : json_null());
    const rank_item_t *rt = &r->by_tasks, *rg = &r->by_targets;
    const unit_t *home = r->home ? unit_set_find(units, r->home, DATE_NONE) : NULL;
    json_t *total = json_object_get(r->s766, "total");
    return json_pack(
        "{s:{s:s,s:s,s:s},s:s?,s:s?,s:o,s:O,s:o,s:o,s:o,s:o,s:O,s:O,s:O}", "unit", "code",
        r->u->code, "name", r->u->name, "kind", unit_kind_code(r->u->kind), "province", r->home,
        "province_name", home ? home->name : NULL, "tasks", tasks ? tasks : json_null(), "targets",
        r->targets ? r->targets : json_null(), "rank_tasks", rank_json(rt->rank), "of_tasks",
        rank_json(rt->rank ? rt->of : 0), "rank_targets", rank_json(rg->rank), "of_targets",
        rank_json(rg->rank ? rg->of : 0), "index766", total ? total : json_null(), "rank_766",
        r->s766 ? json_object_get(r->s766, "rank") : json_null(), "of_766",
        r->s766 ? json_object_get(r->s766, "of") : json_null());
}

/* The units chosen, each with its rank scope, shown province and folded
 * name. */
static int pick(const user_t *actor, const unit_set_t *units, const app_overview_query_t *q,
                int kind, row_t *rows, size_t *n, err_t *e)
{
    date_t from = date_from_ymd(q->year, 1, 1), to = date_from_ymd(q->year, 12, 31);
    *n = 0;
    for (size_t i = 0; i < units->n; i++) {
        const unit_t *u = &units->units[i];
        bool dup = false;
        for (size_t j = 0; j < *n && !dup; j++)
            dup = strcmp(rows[j].u->code, u->code) == 0;
        if (dup || !chosen(actor, units, u, kind, q->parent, from, to))
            continue;
        row_t *r = &rows[(*n)++];
        r->u = u;
        r->province = unit_set_rank_scope(units, u->code, to);
        r->home = unit_set_province_of(units, u->code, to);
        r->key = text_key(u->name, strlen(u->name), NULL);
        if (!r->key)
            return err_nomem(e);
    }
    return 0;
}

/* Moves the rows whose name or code holds q to the front; *kept. */
static int filter(row_t *rows, size_t n, const char *q, size_t *kept, err_t *e)
{
    *kept = n;
    if (!q || !*q)
        return 0;
    int trc = 0;
    char *qk = text_key(q, strlen(q), &trc);
    if (!qk)
        return trc == ERR_NOMEM ? err_nomem(e)
                                : err_set(e, ERR_INVALID, "http.bad_param",
                                          "Nội dung tìm kiếm không hợp lệ", "Invalid search text");
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        char *ck = text_key(rows[i].u->code, strlen(rows[i].u->code), &trc);
        if (!ck) {
            rc = err_nomem(e);
            break;
        }
        if (strstr(rows[i].key, qk) || strstr(ck, qk)) {
            row_t t = rows[k];
            rows[k++] = rows[i];
            rows[i] = t;
        }
        mem_free(ck);
    }
    mem_free(qk);
    *kept = k;
    return rc;
}

/* Sorts the kept rows and answers the page. */
static int page(const app_overview_query_t *q, row_t *rows, size_t n, const unit_set_t *units,
                json_t **out, err_t *e)
{
    order_t o = {q->sort, q->desc};
    if (n > 1)
        qsort_r(rows, n, sizeof *rows, cmp_rows, &o);
    static const char *const sorts[] = {"tasks", "targets", "766", "unit"};
    json_t *list = json_array();
    int rc = list ? 0 : err_nomem(e);
    size_t end = q->limit && q->offset + q->limit < n ? q->offset + q->limit : n;
    for (size_t i = q->offset; !rc && i < end; i++) {
        json_t *j = row_json(&rows[i], units);
        if (!j || json_array_append_new(list, j))
            rc = err_nomem(e);
    }
    if (!rc) {
        *out = json_pack("{s:i,s:s?,s:s?,s:s,s:b,s:I,s:I,s:I,s:o}", "year", q->year, "kind",
                         q->kind && *q->kind ? q->kind : NULL, "parent",
                         q->parent && *q->parent ? q->parent : NULL, "sort", sorts[q->sort], "desc",
                         q->desc, "total", (json_int_t)n, "offset", (json_int_t)q->offset, "limit",
                         (json_int_t)q->limit, "units", list);
        list = NULL;
        if (!*out)
            rc = err_nomem(e);
    }
    json_decref(list);
    return rc;
}

int app_overview(app_t *a, const user_t *actor, const app_overview_query_t *q, json_t **out,
                 err_t *e)
{
    *out = NULL;
    unit_kind_t k = UNIT_TINH;
    if (q->kind && *q->kind && unit_kind_parse(q->kind, &k))
        return err_set(e, ERR_INVALID, "overview.kind",
                       "Loại đơn vị không hợp lệ: '%s' (so, huyen, xa, dvsn)",
                       "Invalid kind of unit '%s' (so, huyen, xa, dvsn)", q->kind);
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    row_t *rows = rc ? NULL : mem_calloc(units.n ? units.n : 1, sizeof *rows);
    if (!rc && !rows)
        rc = err_nomem(e);
    size_t n = 0, kept = 0;
    if (!rc)
        rc = pick(actor, &units, q, q->kind && *q->kind ? (int)k : -1, rows, &n, e);
    if (!rc)
        rc = measure(a, rows, n, q->year, q->today, e);
    json_t *scores = rc ? NULL : scores_766(a, actor, q->year);
    for (size_t i = 0; !rc && i < n; i++)
        rows[i].s766 = json_object_get(scores, rows[i].u->code);
    if (!rc)
        rc = rank_rows(rows, n, e);
    if (!rc)
        rc = filter(rows, n, q->q, &kept, e);
    if (!rc)
        rc = page(q, rows, kept, &units, out, e);
    for (size_t i = 0; rows && i < n; i++) {
        json_decref(rows[i].targets);
        mem_free(rows[i].key);
    }
    mem_free(rows);
    json_decref(scores);
    unit_set_release(&units);
    return rc;
}
