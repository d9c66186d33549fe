/* app_par_sheet_view.c - a PAR score sheet and its history as JSON
 * (app_par_sheet_get, app_par_sheet_history; shapes in app_par_sheet.h). */
#include "app/app_par_sheet.h"

#include "app/app_par_int.h"
#include "app/evidence.h"
#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct view {
    app_t *a;
    store_t *s;
    const user_t *actor;
    app_par_camp_t c;
    const unit_t *unit;
    app_par_sheet_t sh;
    par_result_t r;
    bool all;       /* the actor sees every node */
    bool *included; /* per node */
    buf_t *ev;      /* per node: comma-separated evidence ids */
    buf_t bonus_ev, penalty_ev, report_ev;
    date_t today;
    int round; /* the appraisal round open today (app_par_round_open) */
} view_t;

static int forbidden(const char *unit, err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Bạn không có quyền xem phiếu chấm điểm của đơn vị %s",
                   "You may not see the score sheet of unit %s", unit);
}

/* Which nodes the actor sees: everything (its unit, the standing agency,
 * the operator) or the leaves it appraises with their ancestors. */
static int visibility(view_t *v, err_t *e)
{
    const user_t *u = v->actor;
    v->all = !u || app_par_is_standing(&v->c, u, v->unit->code) ||
             access_allows(u, ACCESS_READ, v->unit->code, &v->c.units, v->c.on);
    size_t n = v->c.fw->n;
    v->included = mem_calloc(n ? n : 1, sizeof *v->included);
    if (!v->included)
        return err_nomem(e);
    bool any = false;
    for (size_t i = n; i-- > 0;) {
        const par_node_t *nd = &v->c.fw->nodes[i];
        if (v->all || (par_framework_is_leaf(v->c.fw, i) && app_par_may_appraise(&v->c, u, i)))
            v->included[i] = true;
        if (v->included[i] && nd->parent != PAR_NOPARENT)
            v->included[nd->parent] = true;
        any |= v->included[i];
    }
    return any ? 0 : forbidden(v->unit->code, e);
}

static int add_id(buf_t *b, int64_t id)
{
    return buf_printf(b, "%s%lld", b->len ? "," : "", (long long)id);
}

static int on_link(void *ctx, const char *code, const char *purpose, int64_t id, err_t *e)
{
    view_t *v = ctx;
    buf_t *b = NULL;
    if (!code[0])
        b = strcmp(purpose, "bonus") == 0     ? &v->bonus_ev
            : strcmp(purpose, "penalty") == 0 ? &v->penalty_ev
                                              : &v->report_ev;
    else {
        size_t i = par_framework_find(v->c.fw, code);
        b = i == PAR_NOPARENT ? NULL : &v->ev[i];
    }
    if (b && add_id(b, id))
        return err_nomem(e);
    return 0;
}

static int load(view_t *v, app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                err_t *e)
{
    memset(v, 0, sizeof *v);
    unit_set_init(&v->c.units);
    v->a = a;
    v->actor = actor;
    v->today = dtime_date(dtime_now());
    buf_init(&v->bonus_ev, 4096);
    buf_init(&v->penalty_ev, 4096);
    buf_init(&v->report_ev, 4096);
    int rc = app_store(a, &v->s, e);
    if (!rc)
        rc = app_par_camp_load(a, v->s, campaign, &v->c, e);
    if (rc)
        return rc;
    v->unit = unit ? unit_set_find(&v->c.units, unit, v->c.on) : NULL;
    if (!v->unit && unit)
        v->unit = unit_set_find(&v->c.units, unit, DATE_NONE);
    if (!v->unit)
        return err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                       "No unit '%s' in the registry", unit ? unit : "");
    rc = visibility(v, e);
    if (!rc)
        rc = app_par_sheet_data(v->s, &v->c, v->unit->code, true, &v->sh, e);
    if (!rc)
        rc = app_par_score(&v->c, v->unit, &v->sh, &v->r, e);
    if (!rc) {
        v->ev = mem_calloc(v->c.fw->n ? v->c.fw->n : 1, sizeof *v->ev);
        rc = v->ev ? 0 : err_nomem(e);
        for (size_t i = 0; !rc && i < v->c.fw->n; i++)
            buf_init(&v->ev[i], 4096);
    }
    if (!rc)
        rc = store_par_sheet_links(v->s, campaign, v->unit->code, on_link, v, e);
    return rc;
}

static void release(view_t *v)
{
    for (size_t i = 0; v->ev && i < v->c.fw->n; i++)
        buf_release(&v->ev[i]);
    mem_free(v->ev);
    mem_free(v->included);
    buf_release(&v->bonus_ev);
    buf_release(&v->penalty_ev);
    buf_release(&v->report_ev);
    par_score_release(&v->r);
    app_par_sheet_data_release(&v->sh);
    app_par_camp_release(&v->c);
}

/* ---- nodes --------------------------------------------------------------- */

static json_t *levels_json(const par_node_t *nd)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < nd->nlevels; i++)
        if (json_array_append_new(a, json_pack("{s:s,s:o}", "label", nd->levels[i].label, "points",
                                               app_par_num(nd->levels[i].points)))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *bands_json(const par_node_t *nd)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < nd->nbands; i++) {
        const par_band_t *b = &nd->bands[i];
        json_t *o = json_pack("{s:o,s:b,s:o}", "lo", app_par_num(b->lo), "lo_excl",
                              b->lo_kind == PAR_BOUND_EXCL, "points", app_par_num(b->points));
        if (o && b->hi_kind != PAR_BOUND_NONE)
            jsonx_set_new(o, "hi", app_par_num(b->hi));
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *measured_json(const app_par_leaf_t *l)
{
    if (l->measured == PAR_NONE)
        return json_null();
    return json_pack("{s:o,s:s,s:s}", "value", app_par_num(l->measured), "period",
                     l->measured_period ? l->measured_period : "", "link",
                     l->measured_link ? l->measured_link : "");
}

static json_t *explain_json(const app_par_leaf_t *l)
{
    if (!l->explain_state || !l->explain_state[0])
        return json_null();
    return json_pack("{s:s,s:i,s:s,s:s}", "state", l->explain_state, "round", l->explain_round,
                     "request", l->explain_request, "answer", l->explain_answer);
}

static const char *str(const char *s)
{
    return s ? s : "";
}

static int leaf_fields(view_t *v, size_t i, json_t *o)
{
    const par_node_t *nd = &v->c.fw->nodes[i];
    const app_par_leaf_t *l = &v->sh.leaf[i];
    const par_node_result_t *nr = &v->r.nodes[i];
    int64_t band = PAR_NONE;
    if (nd->method == PAR_METHOD_BANDS && l->measured != PAR_NONE &&
        par_score_band(v->c.fw, i, l->measured, &band, NULL))
        band = PAR_NONE;
    const char *role = NULL;
    const char *unit = app_par_node_appraiser(&v->c, i, &role);
    int x = jsonx_set_str(o, "method", par_framework_method_name(nd->method));
    x |= jsonx_set_new(o, "levels", levels_json(nd));
    x |= jsonx_set_new(o, "bands", bands_json(nd));
    x |= jsonx_set_str(o, "source", par_framework_source_name(nd->source));
    x |= jsonx_set_str(o, "indicator", nd->indicator);
    x |= jsonx_set_new(o, "appraiser",
                       json_pack("{s:s?,s:s?}", "role", role, "unit", unit[0] ? unit : NULL));
    x |= jsonx_set_bool(o, "may_appraise", app_par_may_appraise(&v->c, v->actor, i));
    x |= jsonx_set_new(o, "self", app_par_num(l->self));
    x |= jsonx_set_str(o, "self_note", str(l->self_note));
    x |= jsonx_set_str(o, "self_origin", str(l->self_origin));
    x |= jsonx_set_new(o, "measured", measured_json(l));
    x |= jsonx_set_new(o, "suggested", app_par_num(band));
    x |= jsonx_set_new(o, "round1", app_par_num(l->round1));
    x |= jsonx_set_str(o, "round1_reason", str(l->round1_reason));
    x |= jsonx_set_new(o, "round2", app_par_num(l->round2));
    x |= jsonx_set_str(o, "round2_reason", str(l->round2_reason));
    x |= jsonx_set_new(o, "final", app_par_num(l->final));
    x |= jsonx_set_str(o, "final_reason", str(l->final_reason));
    x |= jsonx_set_new(o, "survey", app_par_num(l->survey));
    x |= jsonx_set_new(o, "survey_ratio", app_par_num(l->survey_ratio));
    x |= jsonx_set_bool(o, "not_applicable", l->na);
    x |= jsonx_set_str(o, "na_reason", str(l->na_reason));
    x |= jsonx_set_str(o, "from", par_score_from_name(nr->from));
    x |= jsonx_set_new(o, "explain", explain_json(l));
    x |= jsonx_set_new(o, "evidence", evidence_ids_json(v->s, buf_cstr(&v->ev[i])));
    return x;
}

static json_t *node_json(view_t *v, size_t i)
{
    const par_node_t *nd = &v->c.fw->nodes[i];
    const par_node_result_t *nr = &v->r.nodes[i];
    bool leaf = par_framework_is_leaf(v->c.fw, i);
    json_t *o = json_object();
    int x = o ? 0 : -1;
    x |= jsonx_set_str(o, "code", nd->code);
    x |= jsonx_set_str(o, "name", nd->name);
    x |= jsonx_set_int(o, "depth", nd->depth);
    x |= jsonx_set_bool(o, "leaf", leaf);
    x |= jsonx_set_str(o, "kind", par_framework_kind_name(nd->kind));
    x |= jsonx_set_new(o, "max", app_par_num(nd->max));
    x |= jsonx_set_str(o, "evidence_required", nd->evidence);
    x |= jsonx_set_str(o, "note", nd->note);
    x |= jsonx_set_bool(o, "applies", nr->applicable);
    x |= jsonx_set_new(o, "points", app_par_num(nr->points));
    x |= jsonx_set_new(o, "applicable_max", app_par_num(nr->max));
    if (leaf && !x)
        x = leaf_fields(v, i, o);
    if (x) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- sheet --------------------------------------------------------------- */

static int step_json(view_t *v, json_t *d, app_par_step_t st, err_t *e)
{
    date_t due = DATE_NONE;
    bool ext = false;
    int rc = app_par_due(v->s, &v->c, v->unit->code, st, &due, &ext, e);
    if (rc)
        return rc;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format(due, a);
    date_format(app_par_last_day(&v->c, due), b);
    bool open = v->today >= v->c.on && v->today <= app_par_last_day(&v->c, due);
    json_t *o =
        json_pack("{s:s,s:s,s:b,s:b}", "due", a, "last_day", b, "extended", ext, "open", open);
    return jsonx_set_new(d, app_par_step_name(st), o) ? err_nomem(e) : 0;
}

static json_t *can_json(view_t *v, json_t *deadlines)
{
    const user_t *u = v->actor;
    bool write = app_par_may_write(&v->c, u, v->unit->code);
    bool standing = app_par_is_standing(&v->c, u, v->unit->code);
    bool live = !v->c.published && !v->c.finalised;
    bool self_open = jsonx_bool(json_object_get(deadlines, "self"), "open", false);
    bool explain_open = jsonx_bool(json_object_get(deadlines, "explain"), "open", false);
    bool self = write && live && v->sh.state == STORE_PAR_DRAFT && (!u || self_open);
    bool appraise = false;
    for (size_t i = 0; i < v->c.fw->n && !appraise; i++)
        appraise = v->included[i] && par_framework_is_leaf(v->c.fw, i) &&
                   app_par_may_appraise(&v->c, u, i);
    /* an appraiser writes only in an open round; the standing agency and
       the operator also set final values (app_par_appraise.c) */
    appraise = appraise && (!u || standing || v->round != 0);
    return json_pack("{s:b,s:b,s:b,s:b,s:b,s:b,s:b,s:b}", "self", self, "submit", self, "reopen",
                     standing && !v->c.published && v->sh.state == STORE_PAR_SUBMITTED, "answer",
                     write && !v->c.published && (!u || explain_open), "appraise",
                     appraise && !v->c.published, "bonus", self || (standing && !v->c.published),
                     "penalty", standing && !v->c.published, "final", standing);
}

static json_t *adjust_json(view_t *v, int64_t points, const char *reason, const buf_t *ev)
{
    return json_pack("{s:o,s:s,s:o}", "points", app_par_num(points), "reason", str(reason),
                     "evidence", evidence_ids_json(v->s, buf_cstr(ev)));
}

static json_t *progress_json(view_t *v)
{
    int leaves = 0, scored = 0, appraised = 0, evidence = 0;
    for (size_t i = 0; i < v->c.fw->n; i++) {
        const app_par_leaf_t *l = &v->sh.leaf[i];
        if (!v->included[i] || !app_par_appraised_leaf(&v->c, &v->r, i))
            continue;
        leaves++;
        scored += l->self != PAR_NONE ||
                  (v->c.fw->nodes[i].method == PAR_METHOD_BANDS && l->measured != PAR_NONE);
        appraised += l->round1 != PAR_NONE || l->round2 != PAR_NONE || l->final != PAR_NONE;
        evidence += v->ev[i].len > 0;
    }
    return json_pack("{s:i,s:i,s:i,s:i}", "leaves", leaves, "scored", scored, "appraised",
                     appraised, "evidence", evidence);
}

static json_t *result_json(view_t *v)
{
    const par_result_t *r = &v->r;
    json_t *areas = json_array();
    for (size_t k = 0; areas && k < r->nareas; k++) {
        const par_area_result_t *ar = &r->areas[k];
        json_t *o =
            json_pack("{s:s,s:s,s:o,s:o,s:o}", "code", v->c.fw->nodes[ar->node].code, "name",
                      v->c.fw->nodes[ar->node].name, "points", app_par_num(ar->points), "max",
                      app_par_num(ar->max), "index", app_par_index(ar->has_index, ar->index));
        if (json_array_append_new(areas, o)) {
            json_decref(areas);
            areas = NULL;
        }
    }
    return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:s?,s:i,s:o}", "points", app_par_num(r->points),
                     "max", app_par_num(r->max), "bonus", app_par_num(r->bonus), "penalty",
                     app_par_num(r->penalty), "total", app_par_num(r->total), "index",
                     app_par_index(r->has_index, r->index), "grade", r->grade, "missing",
                     (int)r->missing, "areas", areas);
}

static int sheet_json(view_t *v, json_t **out, err_t *e)
{
    json_t *o = json_object(), *nodes = json_array(), *dl = json_object();
    int rc = o && nodes && dl ? 0 : err_nomem(e);
    for (int st = 0; !rc && st < APP_PAR_STEP_COUNT; st++)
        rc = step_json(v, dl, (app_par_step_t)st, e);
    if (!rc)
        rc = app_par_round_open(v->s, &v->c, v->unit->code, v->sh.state, v->today, &v->round, e);
    for (size_t i = 0; !rc && i < v->c.fw->n; i++)
        if (v->included[i] && json_array_append_new(nodes, node_json(v, i)))
            rc = err_nomem(e);
    int x = rc;
    if (!rc) {
        x |= jsonx_set_new(o, "campaign",
                           json_pack("{s:I,s:s,s:i,s:b,s:b}", "id", (json_int_t)v->c.c.id, "name",
                                     v->c.c.name, "year", v->c.c.year, "published", v->c.published,
                                     "finalised", v->c.finalised));
        x |= jsonx_set_new(o, "unit",
                           json_pack("{s:s,s:s,s:s}", "code", v->unit->code, "name", v->unit->name,
                                     "kind", unit_kind_code(v->unit->kind)));
        x |= jsonx_set_str(o, "state", v->sh.state == STORE_PAR_SUBMITTED ? "submitted" : "draft");
        x |= jsonx_set_str(o, "submitted_at", v->sh.submitted_at[0] ? v->sh.submitted_at : NULL);
        x |= jsonx_set_str(o, "submitted_by", v->sh.submitted_by[0] ? v->sh.submitted_by : NULL);
        x |= jsonx_set_bool(o, "full", v->all);
        x |= jsonx_set_new(o, "can", can_json(v, dl));
        x |= jsonx_set_new(o, "deadlines", json_incref(dl));
        x |= jsonx_set_new(o, "appraisal_round", v->round ? json_integer(v->round) : json_null());
        x |= jsonx_set_new(o, "bonus",
                           adjust_json(v, v->sh.bonus, v->sh.bonus_reason, &v->bonus_ev));
        x |= jsonx_set_new(o, "penalty",
                           adjust_json(v, v->sh.penalty, v->sh.penalty_reason, &v->penalty_ev));
        x |= jsonx_set_new(o, "report_evidence", evidence_ids_json(v->s, buf_cstr(&v->report_ev)));
        x |= jsonx_set_str(o, "difficulties", str(v->sh.difficulties));
        x |= jsonx_set_new(o, "progress", progress_json(v));
        x |= jsonx_set_new(o, "result", v->all ? result_json(v) : json_null());
        x |= jsonx_set_new(o, "nodes", nodes);
        nodes = NULL;
    }
    json_decref(dl);
    json_decref(nodes);
    if (x) {
        json_decref(o);
        return rc ? rc : err_nomem(e);
    }
    *out = o;
    return 0;
}

int app_par_sheet_get(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                      json_t **out, err_t *e)
{
    view_t v;
    *out = NULL;
    int rc = load(&v, a, actor, campaign, unit, e);
    if (!rc)
        rc = sheet_json(&v, out, e);
    release(&v);
    return rc;
}

/* ---- history ------------------------------------------------------------- */

typedef struct hist {
    view_t *v;
    json_t *items;
} hist_t;

static json_t *change_value(const char *field, int64_t v)
{
    if (v == PAR_NONE)
        return json_null();
    if (strcmp(field, "state") == 0)
        return json_string(v ? "submitted" : "draft");
    if (strcmp(field, "not_applicable") == 0)
        return json_boolean(v != 0);
    if (strncmp(field, "explain_", 8) == 0)
        return json_integer(v);
    return app_par_num(v);
}

static int on_change(void *ctx, const store_par_change_t *c, err_t *e)
{
    hist_t *h = ctx;
    if (c->code[0]) {
        size_t i = par_framework_find(h->v->c.fw, c->code);
        if (i == PAR_NOPARENT || !h->v->included[i])
            return 0;
    } else if (!h->v->all) {
        return 0;
    }
    json_t *o =
        json_pack("{s:s,s:s,s:o,s:o,s:s,s:s,s:s}", "code", c->code, "field", c->field, "old",
                  change_value(c->field, c->old_value), "new", change_value(c->field, c->new_value),
                  "reason", c->reason, "author", c->author, "at", c->at);
    if (!o || json_array_append_new(h->items, o))
        return err_nomem(e);
    return 0;
}

int app_par_sheet_history(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                          const char *code, json_t **out, err_t *e)
{
    view_t v;
    *out = NULL;
    int rc = load(&v, a, actor, campaign, unit, e);
    hist_t h = {&v, rc ? NULL : json_array()};
    if (!rc && !h.items)
        rc = err_nomem(e);
    if (!rc)
        rc = store_par_sheet_changes(v.s, campaign, v.unit->code, code, on_change, &h, e);
    release(&v);
    if (rc) {
        json_decref(h.items);
        return rc;
    }
    *out = app_par_wrap("items", h.items);
    return *out ? 0 : err_nomem(e);
}
