/* app_cascade_list.c - filters, sorting and paging of the cascade check
 * (app_cascade.h, app_cascade_int.h). */
#include "app/app_cascade_int.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const char *const app_cascade_states[APP_CASCADE_NSTATES] = {"covered", "maybe", "missing",
                                                             "no_plan"};

void app_cascade_filter_init(app_cascade_filter_t *f)
{
    memset(f, 0, sizeof *f);
    f->sort = APP_CASCADE_SORT_TASK;
}

int app_cascade_sort_parse(const char *s, app_cascade_sort_t *out, err_t *e)
{
    static const char *const names[] = {"task", "unit", "state", "score"};
    for (size_t i = 0; s && i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (app_cascade_sort_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "cascade.sort",
                   "Cách sắp xếp không hợp lệ: '%s' (task, unit, state, score)",
                   "Invalid sort '%s' (task, unit, state, score)", s ? s : "");
}

int app_cascade_state_check(const char *s, err_t *e)
{
    if (!s || !*s)
        return 0;
    for (int i = 0; i < APP_CASCADE_NSTATES; i++)
        if (strcmp(s, app_cascade_states[i]) == 0)
            return 0;
    return err_set(e, ERR_INVALID, "cascade.state",
                   "Kết quả rà soát không hợp lệ: '%s' (covered, maybe, missing, no_plan)",
                   "Invalid state '%s' (covered, maybe, missing, no_plan)", s);
}

/* Whether the row's task number, title or unit name holds the folded
 * query qkey. */
static int text_hit(const app_cascade_row_t *r, const char *qkey, bool *hit, err_t *e)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s %s %s", json_string_value(json_object_get(r->json, "task_no")),
             json_string_value(json_object_get(r->json, "title")), r->unit_name);
    int rc = 0;
    char *k = text_key(buf, strlen(buf), &rc);
    if (!k)
        return rc == ERR_NOMEM ? err_nomem(e) : 0; /* invalid text: no hit */
    *hit = strstr(k, qkey) != NULL;
    mem_free(k);
    return 0;
}

/* The primary key of the chosen sort. */
static int cmp_key(const app_cascade_row_t *a, const app_cascade_row_t *b, app_cascade_sort_t s)
{
    switch (s) {
    case APP_CASCADE_SORT_UNIT:
        return strcmp(a->name_key, b->name_key);
    case APP_CASCADE_SORT_STATE:
        return (a->state > b->state) - (a->state < b->state);
    case APP_CASCADE_SORT_SCORE:
        return (a->score > b->score) - (a->score < b->score);
    case APP_CASCADE_SORT_TASK:
        break;
    }
    return 0;
}

typedef struct order {
    app_cascade_sort_t sort;
    bool desc;
} order_t;

/* Task sort: arrival order (tasks in plan order, then the units of a task
 * as tracked); the others break ties by task order, then unit name. */
static int cmp_row(const void *pa, const void *pb, void *ctx)
{
    const app_cascade_row_t *a = pa, *b = pb;
    const order_t *o = ctx;
    int k = cmp_key(a, b, o->sort);
    if (k)
        return o->desc ? -k : k;
    int t = (a->ord > b->ord) - (a->ord < b->ord);
    return o->sort == APP_CASCADE_SORT_TASK && o->desc ? -t : t;
}

/* Moves the rows that pass area, q (and state when with_state) to the front
 * of v; *kept gets their number; counts[] the states of those passing area
 * and q. */
static int filter(const app_cascade_filter_t *f, app_cascade_row_t *v, size_t n, size_t *kept,
                  long counts[APP_CASCADE_NSTATES], err_t *e)
{
    char *qkey = NULL;
    int rc = 0;
    if (f->q && *f->q) {
        int trc = 0;
        qkey = text_key(f->q, strlen(f->q), &trc);
        if (!qkey)
            return trc == ERR_NOMEM
                       ? err_nomem(e)
                       : err_set(e, ERR_INVALID, "http.bad_param", "Nội dung tìm kiếm không hợp lệ",
                                 "Invalid search text");
    }
    size_t k = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        bool hit = !f->area || v[i].area == f->area;
        if (hit && qkey && *qkey)
            rc = text_hit(&v[i], qkey, &hit, e);
        if (rc || !hit)
            continue;
        counts[v[i].state]++;
        if (f->state && *f->state && strcmp(app_cascade_states[v[i].state], f->state) != 0)
            continue;
        app_cascade_row_t t = v[k];
        v[k++] = v[i];
        v[i] = t;
    }
    mem_free(qkey);
    *kept = k;
    return rc;
}

int app_cascade_page(const app_cascade_filter_t *f, app_cascade_row_t *v, size_t n, json_t *out,
                     err_t *e)
{
    long counts[APP_CASCADE_NSTATES] = {0};
    size_t k = 0;
    int rc = filter(f, v, n, &k, counts, e);
    if (rc)
        return rc;
    order_t o = {f->sort, f->desc};
    if (k > 1)
        qsort_r(v, k, sizeof *v, cmp_row, &o);
    json_t *rows = json_array();
    rc = rows ? 0 : ERR_NOMEM;
    size_t end = f->limit && f->offset + f->limit < k ? f->offset + f->limit : k;
    for (size_t i = f->offset; !rc && i < end; i++)
        rc = json_array_append(rows, v[i].json) ? ERR_NOMEM : 0;
    json_t *c = rc ? NULL
                   : json_pack("{s:I,s:I,s:I,s:I}", app_cascade_states[0], (json_int_t)counts[0],
                               app_cascade_states[1], (json_int_t)counts[1], app_cascade_states[2],
                               (json_int_t)counts[2], app_cascade_states[3], (json_int_t)counts[3]);
    rc = rc ? rc : jsonx_set_new(out, "counts", c);
    rc = rc ? rc : jsonx_set_int(out, "total", (long long)k);
    rc = rc ? rc : jsonx_set_int(out, "offset", (long long)f->offset);
    rc = rc ? rc : jsonx_set_int(out, "limit", (long long)f->limit);
    if (!rc) {
        rc = jsonx_set_new(out, "rows", rows);
        rows = NULL;
    }
    json_decref(rows);
    return rc ? err_nomem(e) : 0;
}
