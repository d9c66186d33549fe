/* app_par_results.c - campaign results, ranks and lost points
 * (app_par_results.h; survey import: app_par_survey.c). */
#include "app/app_par_results.h"

#include "app/app_par_int.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/rank.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct scored {
    const unit_t *u;
    const char *province; /* shown and ordered by: unit_set_province_of, "" when unknown */
    const char *scope;    /* ranked within: unit_set_rank_scope (NULL = nationally) */
    par_result_t r;
    int rank, of;
    store_par_state_t state;
} scored_t;

typedef struct board {
    app_par_camp_t c;
    scored_t *v;
    size_t n;
} board_t;

static void board_release(board_t *b)
{
    for (size_t i = 0; b->v && i < b->n; i++)
        par_score_release(&b->v[i].r);
    mem_free(b->v);
    app_par_camp_release(&b->c);
    b->v = NULL;
    b->n = 0;
}

/* Ranks by index with the one rule of cchc (domain/rank.h): among the
 * units of the same kind in the same province, ties sharing a rank. */
static int rank_all(board_t *b, err_t *e)
{
    rank_item_t *x = mem_calloc(b->n ? b->n : 1, sizeof *x);
    if (!x)
        return err_nomem(e);
    for (size_t i = 0; i < b->n; i++)
        x[i] = (rank_item_t){.scope = b->v[i].scope,
                             .kind = (int)b->v[i].u->kind,
                             .value = (double)b->v[i].r.index,
                             .has_value = b->v[i].r.has_index,
                             .key = b->v[i].u->code};
    int rc = rank_assign(x, b->n, false, e);
    for (size_t i = 0; !rc && i < b->n; i++) {
        b->v[i].rank = x[i].rank;
        b->v[i].of = x[i].of;
    }
    mem_free(x);
    return rc;
}

/* Loads campaign id and scores every unit that takes part. */
static int board_load(app_t *a, store_t *s, int64_t id, board_t *b, err_t *e)
{
    memset(b, 0, sizeof *b);
    const unit_t **units = NULL;
    int rc = app_par_camp_load(a, s, id, &b->c, e);
    if (!rc)
        rc = app_par_units(&b->c, &units, &b->n, e);
    if (!rc) {
        b->v = mem_calloc(b->n ? b->n : 1, sizeof *b->v);
        rc = b->v ? 0 : err_nomem(e);
    }
    for (size_t i = 0; !rc && i < b->n; i++) {
        app_par_sheet_t sh;
        scored_t *x = &b->v[i];
        const char *prov = unit_set_province_of(&b->c.units, units[i]->code, b->c.on);
        x->u = units[i];
        x->province = prov ? prov : "";
        x->scope = unit_set_rank_scope(&b->c.units, units[i]->code, b->c.on);
        rc = app_par_sheet_data(s, &b->c, units[i]->code, false, &sh, e);
        if (!rc)
            rc = app_par_score(&b->c, units[i], &sh, &x->r, e);
        x->state = sh.state;
        app_par_sheet_data_release(&sh);
    }
    if (!rc)
        rc = rank_all(b, e);
    mem_free(units);
    if (rc) {
        for (size_t i = 0; b->v && i < b->n; i++)
            par_score_release(&b->v[i].r);
        mem_free(b->v);
        b->v = NULL;
        b->n = 0;
    }
    return rc;
}

typedef struct prev_ctx {
    const store_par_campaign_t *cur;
    int64_t id;
    bool published;
} prev_ctx_t;

static int on_prev(void *ctx, const store_par_campaign_t *c, err_t *e)
{
    (void)e;
    prev_ctx_t *p = ctx;
    if (strcmp(c->unit_kind, p->cur->unit_kind) || strcmp(c->scope_code, p->cur->scope_code))
        return 0;
    bool pub = c->published_at[0] != '\0';
    if (!p->id || (pub && !p->published)) {
        p->id = c->id;
        p->published = pub;
    }
    return 0;
}

/* The previous year's campaign of the same kind and scope (published
 * preferred): its id or 0. */
static int previous(store_t *s, const store_par_campaign_t *cur, int64_t *id, err_t *e)
{
    prev_ctx_t p = {cur, 0, false};
    int rc = store_par_campaign_list(s, cur->year - 1, on_prev, &p, e);
    *id = rc ? 0 : p.id;
    return rc;
}

static const scored_t *find(const board_t *b, const char *unit)
{
    for (size_t i = 0; b && i < b->n; i++)
        if (strcmp(b->v[i].u->code, unit) == 0)
            return &b->v[i];
    return NULL;
}

static int may_see(const board_t *b, const user_t *actor, err_t *e)
{
    if (b->c.published ||
        app_par_is_standing(&b->c, actor, b->c.c.scope_code[0] ? b->c.c.scope_code : NULL))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "par.not_published", "Kết quả chưa được công bố",
                   "The results are not published yet");
}

/* ---- results ------------------------------------------------------------- */

static json_t *areas_json(const board_t *b, const par_result_t *r)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < r->nareas; k++) {
        const par_area_result_t *ar = &r->areas[k];
        const par_node_t *nd = &b->c.fw->nodes[ar->node];
        if (json_array_append_new(a, json_pack("{s:s,s:s,s:o,s:o,s:o}", "code", nd->code, "name",
                                               nd->name, "points", app_par_num(ar->points), "max",
                                               app_par_num(ar->max), "index",
                                               app_par_index(ar->has_index, ar->index)))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *unit_json(const board_t *b, const scored_t *x, const board_t *prev)
{
    const par_result_t *r = &x->r;
    const scored_t *p = find(prev, x->u->code);
    json_t *o = json_object();
    int rc = o ? 0 : -1;
    rc |= jsonx_set_str(o, "unit", x->u->code);
    rc |= jsonx_set_str(o, "name", x->u->name);
    rc |= jsonx_set_str(o, "kind", unit_kind_code(x->u->kind));
    rc |= jsonx_set_str(o, "province", x->province);
    rc |= jsonx_set_str(o, "state", x->state == STORE_PAR_SUBMITTED ? "submitted" : "draft");
    rc |= jsonx_set_new(o, "points", app_par_num(r->points));
    rc |= jsonx_set_new(o, "bonus", app_par_num(r->bonus));
    rc |= jsonx_set_new(o, "penalty", app_par_num(r->penalty));
    rc |= jsonx_set_new(o, "total", app_par_num(r->total));
    rc |= jsonx_set_new(o, "max", app_par_num(r->max));
    rc |= jsonx_set_new(o, "index", app_par_index(r->has_index, r->index));
    rc |= jsonx_set_int(o, "rank", x->rank);
    rc |= jsonx_set_int(o, "of", x->of);
    rc |= jsonx_set_str(o, "band", r->grade);
    rc |= jsonx_set_int(o, "missing", (long long)r->missing);
    rc |=
        jsonx_set_new(o, "prev_index", p ? app_par_index(p->r.has_index, p->r.index) : json_null());
    rc |= jsonx_set_new(o, "areas", areas_json(b, r));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int order_cmp(const void *pa, const void *pb)
{
    const scored_t *a = *(const scored_t *const *)pa, *b = *(const scored_t *const *)pb;
    int c = strcmp(a->province, b->province);
    if (c)
        return c;
    int ra = a->rank ? a->rank : 1 << 30, rb = b->rank ? b->rank : 1 << 30;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(a->u->code, b->u->code);
}

static int results_json(const board_t *b, const board_t *prev, json_t **out, err_t *e)
{
    const scored_t **order = mem_calloc(b->n ? b->n : 1, sizeof *order);
    json_t *units = json_array();
    int rc = order && units ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < b->n; i++)
        order[i] = &b->v[i];
    if (!rc)
        qsort(order, b->n, sizeof *order, order_cmp);
    for (size_t i = 0; !rc && i < b->n; i++)
        if (json_array_append_new(units, unit_json(b, order[i], prev)))
            rc = err_nomem(e);
    mem_free(order);
    if (!rc) {
        *out = json_pack("{s:{s:I,s:s,s:i,s:s,s:b,s:s?},s:b,s:o}", "campaign", "id",
                         (json_int_t)b->c.c.id, "name", b->c.c.name, "year", b->c.c.year,
                         "unit_kind", b->c.c.unit_kind, "published", b->c.published, "published_at",
                         b->c.published ? b->c.c.published_at : NULL, "survey_held",
                         b->c.survey_held, "units", units);
        units = NULL;
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(units);
    return rc;
}

int app_par_results_get(app_t *a, const user_t *actor, int64_t campaign, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    board_t b, p;
    memset(&b, 0, sizeof b);
    memset(&p, 0, sizeof p);
    int64_t prev = 0;
    bool has_prev = false;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = board_load(a, s, campaign, &b, e);
    if (!rc)
        rc = may_see(&b, actor, e);
    if (!rc)
        rc = previous(s, &b.c.c, &prev, e);
    if (!rc && prev) {
        err_t pe;
        has_prev = board_load(a, s, prev, &p, &pe) == 0; /* a broken old campaign: no comparison */
    }
    if (!rc)
        rc = results_json(&b, has_prev ? &p : NULL, out, e);
    board_release(&p);
    board_release(&b);
    return rc;
}

/* ---- lost points --------------------------------------------------------- */

static int unit_losses(const board_t *b, const board_t *prev, const scored_t *x, json_t **out,
                       err_t *e)
{
    const scored_t *p = find(prev, x->u->code);
    par_loss_t *v = NULL;
    size_t n = 0;
    int rc = par_score_losses(b->c.fw, &x->r, p ? prev->c.fw : NULL, p ? &p->r : NULL, &v, &n, e);
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++) {
        const par_node_t *nd = &b->c.fw->nodes[v[i].node];
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "code", v[i].code, "name", nd->name, "area",
                      b->c.fw->nodes[nd->area].code, "points", app_par_num(v[i].points), "max",
                      app_par_num(v[i].max), "lost", app_par_num(v[i].lost), "prev_lost",
                      v[i].has_prev ? app_par_num(v[i].prev_lost) : json_null());
        if (json_array_append_new(items, o))
            rc = err_nomem(e);
    }
    mem_free(v);
    if (!rc) {
        *out = json_pack("{s:s,s:o,s:o}", "unit", x->u->code, "previous_campaign",
                         prev ? json_integer(prev->c.c.id) : json_null(), "items", items);
        items = NULL;
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    return rc;
}

static int province_losses(const board_t *b, json_t **out, err_t *e)
{
    const par_result_t **rs = mem_calloc(b->n ? b->n : 1, sizeof *rs);
    par_loss_sum_t *v = NULL;
    size_t n = 0;
    int rc = rs ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < b->n; i++)
        rs[i] = &b->v[i].r;
    if (!rc)
        rc = par_score_losses_province(b->c.fw, rs, b->n, &v, &n, e);
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++) {
        json_t *o = json_pack("{s:s,s:s,s:i,s:i,s:o}", "code", v[i].code, "name",
                              b->c.fw->nodes[v[i].node].name, "units", (int)v[i].units,
                              "units_lost", (int)v[i].units_lost, "lost", app_par_num(v[i].lost));
        if (json_array_append_new(items, o))
            rc = err_nomem(e);
    }
    mem_free(v);
    mem_free(rs);
    if (!rc) {
        *out = app_par_wrap("items", items);
        items = NULL;
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    return rc;
}

int app_par_results_losses(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                           json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    board_t b, p;
    memset(&b, 0, sizeof b);
    memset(&p, 0, sizeof p);
    int64_t prev = 0;
    bool has_prev = false;
    const scored_t *x = NULL;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = board_load(a, s, campaign, &b, e);
    if (!rc && unit) {
        x = find(&b, unit);
        if (!x)
            rc = err_set(e, ERR_INVALID, "par.unit_not_in_campaign",
                         "Đơn vị %s không thuộc đợt chấm điểm này",
                         "Unit %s does not take part in this campaign", unit);
    }
    bool own = x && actor && access_allows(actor, ACCESS_READ, unit, &b.c.units, b.c.on);
    if (!rc && !own)
        rc = may_see(&b, actor, e);
    if (!rc && x)
        rc = previous(s, &b.c.c, &prev, e);
    if (!rc && prev) {
        err_t pe;
        has_prev = board_load(a, s, prev, &p, &pe) == 0;
    }
    if (!rc)
        rc = x ? unit_losses(&b, has_prev ? &p : NULL, x, out, e) : province_losses(&b, out, e);
    board_release(&p);
    board_release(&b);
    return rc;
}
