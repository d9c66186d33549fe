/* app_par_campaign_view.c - campaigns as JSON (app_par_campaign_get,
 * app_par_campaign_list; shapes in app_par_campaign.h). */
#include "app/app_par_campaign.h"
#include "app/app_par_int.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_par_fw.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* The phase of the campaign on today (campaign-wide deadlines). */
static const char *phase(const app_par_camp_t *c, date_t today, const char **label)
{
    date_t d[APP_PAR_STEP_COUNT];
    for (int i = 0; i < APP_PAR_STEP_COUNT; i++) {
        const char *s = app_par_step_due(c, (app_par_step_t)i);
        if (date_parse(s, strlen(s), &d[i]))
            d[i] = c->on;
        d[i] = app_par_last_day(c, d[i]);
    }
    static const char *const codes[] = {"da_cong_bo",  "da_chot",    "chua_mo",     "tu_cham",
                                        "tham_dinh_1", "giai_trinh", "tham_dinh_2", "hoan_thien"};
    static const char *const labels[] = {"Đã công bố kết quả",
                                         "Đã chốt kết quả thẩm định",
                                         "Chưa mở",
                                         "Đơn vị tự chấm điểm",
                                         "Thẩm định vòng 1",
                                         "Đơn vị giải trình",
                                         "Thẩm định vòng 2",
                                         "Tổng hợp, hoàn thiện kết quả"};
    int k = 7;
    if (c->published)
        k = 0;
    else if (c->finalised)
        k = 1;
    else if (today < c->on)
        k = 2;
    else if (today <= d[APP_PAR_STEP_SELF])
        k = 3;
    else if (today <= d[APP_PAR_STEP_ROUND1])
        k = 4;
    else if (today <= d[APP_PAR_STEP_EXPLAIN])
        k = 5;
    else if (today <= d[APP_PAR_STEP_ROUND2])
        k = 6;
    *label = labels[k];
    return codes[k];
}

static json_t *unit_ref(const app_par_camp_t *c, const char *code)
{
    if (!code || !code[0])
        return json_null();
    const unit_t *u = unit_set_find(&c->units, code, c->on);
    if (!u)
        u = unit_set_find(&c->units, code, DATE_NONE);
    return json_pack("{s:s,s:s}", "code", code, "name", u ? u->name : code);
}

static json_t *deadlines(const app_par_camp_t *c)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s}", "self", c->c.self_due, "round1", c->c.round1_due,
                     "explain", c->c.explain_due, "round2", c->c.round2_due, "publish",
                     c->c.publish_due);
}

static json_t *grades(const app_par_camp_t *c)
{
    const par_grade_t *g = c->ngrades ? c->grades : c->fw->grades;
    size_t n = c->ngrades ? c->ngrades : c->fw->ngrades;
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(
                a, json_pack("{s:s,s:o}", "label", g[i].label, "min", app_par_num(g[i].min)))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Every role the framework uses with the unit mapped to it. */
static json_t *appraisers(const app_par_camp_t *c)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < c->fw->n; i++) {
        if (c->fw->nodes[i].parent != PAR_NOPARENT)
            continue;
        const char *role = NULL;
        const char *unit = app_par_node_appraiser(c, i, &role);
        bool seen = false;
        for (size_t k = 0; k < json_array_size(a) && role; k++)
            seen |= strcmp(jsonx_str(json_array_get(a, k), "role", ""), role) == 0;
        if (seen)
            continue;
        const unit_t *u = unit[0] ? unit_set_find(&c->units, unit, DATE_NONE) : NULL;
        json_t *o = json_pack("{s:s?,s:s,s:s?,s:s?}", "role", role, "label",
                              role ? par_framework_role_label_vi(role) : (u ? u->name : unit),
                              "unit", unit[0] ? unit : NULL, "unit_name", u ? u->name : NULL);
        if (json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

typedef struct counts {
    int submitted;
} counts_t;

static int on_sheet(void *ctx, const store_par_sheet_t *sh, err_t *e)
{
    (void)e;
    counts_t *k = ctx;
    k->submitted += sh->state == STORE_PAR_SUBMITTED;
    return 0;
}

static int on_ext(void *ctx, const store_par_extension_t *x, err_t *e)
{
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "unit", x->unit_code, "step", x->step, "due",
                          x->due_on, "reason", x->reason, "author", x->author, "at", x->at);
    if (!o || json_array_append_new(ctx, o))
        return err_nomem(e);
    return 0;
}

static int campaign_json(store_t *s, const app_par_camp_t *c, bool full, json_t **out, err_t *e)
{
    const char *label = "";
    const char *ph = phase(c, dtime_date(dtime_now()), &label);
    const unit_t **units = NULL;
    size_t nunits = 0;
    counts_t k = {0};
    int rc = app_par_units(c, &units, &nunits, e);
    mem_free(units);
    if (!rc)
        rc = store_par_sheet_rows(s, c->c.id, NULL, on_sheet, &k, e);
    if (rc)
        return rc;
    json_t *o = json_object();
    int x = o ? 0 : -1;
    x |= jsonx_set_int(o, "id", c->c.id);
    x |= jsonx_set_str(o, "name", c->c.name);
    x |= jsonx_set_int(o, "year", c->c.year);
    x |= jsonx_set_str(o, "unit_kind", c->c.unit_kind);
    x |= jsonx_set_new(o, "scope", unit_ref(c, c->c.scope_code));
    x |= jsonx_set_new(o, "framework",
                       json_pack("{s:I,s:s,s:s?,s:b}", "id", (json_int_t)c->c.framework_id, "name",
                                 c->fw->name, "reference", c->fw->reference, "sample",
                                 c->fw->sample));
    x |= jsonx_set_str(o, "opens_on", c->c.opens_on);
    x |= jsonx_set_new(o, "deadlines", deadlines(c));
    x |= jsonx_set_new(o, "bonus_max", app_par_num(c->c.bonus_max));
    x |= jsonx_set_new(o, "penalty_max", app_par_num(c->c.penalty_max));
    x |= jsonx_set_str(o, "survey_mode", c->c.survey_mode);
    x |= jsonx_set_bool(o, "survey_held", c->survey_held);
    x |= jsonx_set_new(o, "grades", grades(c));
    x |= jsonx_set_new(o, "appraisers", appraisers(c));
    x |= jsonx_set_str(o, "phase", ph);
    x |= jsonx_set_str(o, "phase_label", label);
    x |= jsonx_set_str(o, "finalised_at", c->finalised ? c->c.finalised_at : NULL);
    x |= jsonx_set_str(o, "published_at", c->published ? c->c.published_at : NULL);
    x |= jsonx_set_str(o, "published_by", c->published ? c->c.published_by : NULL);
    x |= jsonx_set_str(o, "created_at", c->c.created_at);
    x |= jsonx_set_int(o, "units", (long long)nunits);
    x |= jsonx_set_int(o, "submitted", k.submitted);
    json_t *ext = full ? json_array() : NULL;
    if (full)
        x |= ext ? 0 : -1;
    if (x) {
        json_decref(ext);
        json_decref(o);
        return err_nomem(e);
    }
    rc = full ? store_par_extensions(s, c->c.id, NULL, on_ext, ext, e) : 0;
    if (!rc && full && jsonx_set_new(o, "extensions", ext))
        rc = err_nomem(e);
    else if (rc)
        json_decref(ext);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

int app_par_campaign_get(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e)
{
    (void)actor; /* any session may read a campaign's settings */
    *out = NULL;
    store_t *s;
    app_par_camp_t c;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = app_par_camp_load(a, s, id, &c, e);
    if (!rc)
        rc = campaign_json(s, &c, true, out, e);
    app_par_camp_release(&c);
    return rc;
}

typedef struct list_ctx {
    int64_t *ids;
    size_t n, cap;
} list_ctx_t;

static int on_campaign(void *ctx, const store_par_campaign_t *c, err_t *e)
{
    list_ctx_t *l = ctx;
    if (MEM_GROW(l->ids, l->cap, l->n + 1))
        return err_nomem(e);
    l->ids[l->n++] = c->id;
    return 0;
}

int app_par_campaign_list(app_t *a, const user_t *actor, int year, json_t **out, err_t *e)
{
    (void)actor;
    *out = NULL;
    store_t *s;
    list_ctx_t l = {0};
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_par_campaign_list(s, year, on_campaign, &l, e);
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < l.n; i++) {
        app_par_camp_t c;
        json_t *o = NULL;
        rc = app_par_camp_load(a, s, l.ids[i], &c, e);
        if (!rc)
            rc = campaign_json(s, &c, false, &o, e);
        app_par_camp_release(&c);
        if (!rc && json_array_append_new(items, o))
            rc = err_nomem(e);
    }
    mem_free(l.ids);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *out = app_par_wrap("items", items);
    return *out ? 0 : err_nomem(e);
}
