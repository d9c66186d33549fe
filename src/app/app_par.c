/* app_par.c - what the PAR use cases share (app_par_int.h): the loaded
 * campaign, deadlines and locks, appraiser rights, sheet data, scoring of
 * one unit, participants, numbers. */
#include "app/app_par_int.h"

#include "app/app_calendar.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/worktime.h"
#include "store/store_audit.h"
#include "store/store_par_fw.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- the campaign -------------------------------------------------------- */

static int on_grade(void *ctx, const char *label, int64_t min, err_t *e)
{
    app_par_camp_t *c = ctx;
    char *l = mem_strdup(label);
    if (!l || MEM_GROW(c->grades, c->gradecap, c->ngrades + 1)) {
        mem_free(l);
        return err_nomem(e);
    }
    c->grades[c->ngrades++] = (par_grade_t){.label = l, .min = min};
    return 0;
}

static int on_role(void *ctx, const char *role, const char *unit, err_t *e)
{
    app_par_camp_t *c = ctx;
    if (MEM_GROW(c->roles, c->rolecap, c->nroles + 1))
        return err_nomem(e);
    app_par_role_t *r = &c->roles[c->nroles++];
    snprintf(r->role, sizeof r->role, "%s", role);
    snprintf(r->unit, sizeof r->unit, "%s", unit);
    return 0;
}

static int survey_rule(store_t *s, app_par_camp_t *c, err_t *e)
{
    if (strcmp(c->c.survey_mode, "held") == 0) {
        c->survey_held = true;
        return 0;
    }
    if (strcmp(c->c.survey_mode, "none") == 0) {
        c->survey_held = false;
        return 0;
    }
    return store_par_sheet_survey_held(s, c->c.id, &c->survey_held, e);
}

int app_par_camp_load(app_t *a, store_t *s, int64_t id, app_par_camp_t *c, err_t *e)
{
    memset(c, 0, sizeof *c);
    unit_set_init(&c->units);
    int rc = store_par_campaign_get(s, id, &c->c, e);
    if (!rc)
        rc = store_par_fw_load(s, c->c.framework_id, &c->fw, e);
    if (!rc)
        rc = store_unit_load(s, &c->units, e);
    if (!rc)
        rc = store_par_grades(s, id, on_grade, c, e);
    if (!rc)
        rc = store_par_appraisers(s, id, on_role, c, e);
    if (!rc)
        rc = survey_rule(s, c, e);
    if (rc)
        return rc;
    if (date_parse(c->c.opens_on, strlen(c->c.opens_on), &c->on))
        c->on = date_from_ymd(c->c.year, 12, 31);
    c->published = c->c.published_at[0] != '\0';
    c->finalised = c->c.finalised_at[0] != '\0';
    err_t ce;
    if (app_calendar(a, &c->cal, &ce))
        c->cal = NULL; /* deadlines are then taken as written */
    return 0;
}

void app_par_camp_release(app_par_camp_t *c)
{
    par_framework_free(c->fw);
    unit_set_release(&c->units);
    for (size_t i = 0; i < c->ngrades; i++)
        mem_free(c->grades[i].label);
    mem_free(c->grades);
    mem_free(c->roles);
    memset(c, 0, sizeof *c);
}

/* ---- steps and deadlines ------------------------------------------------- */

static const char *const step_names[APP_PAR_STEP_COUNT] = {"self", "explain", "round1", "round2"};

const char *app_par_step_name(app_par_step_t st)
{
    return (unsigned)st < APP_PAR_STEP_COUNT ? step_names[st] : "";
}

int app_par_step_parse(const char *s, app_par_step_t *out)
{
    for (int i = 0; s && i < APP_PAR_STEP_COUNT; i++)
        if (strcmp(s, step_names[i]) == 0) {
            *out = (app_par_step_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *app_par_step_due(const app_par_camp_t *c, app_par_step_t st)
{
    switch (st) {
    case APP_PAR_STEP_SELF:
        return c->c.self_due;
    case APP_PAR_STEP_EXPLAIN:
        return c->c.explain_due;
    case APP_PAR_STEP_ROUND1:
        return c->c.round1_due;
    default:
        return c->c.round2_due;
    }
}

int app_par_due(store_t *s, const app_par_camp_t *c, const char *unit, app_par_step_t st,
                date_t *due, bool *extended, err_t *e)
{
    char ext[STORE_PAR_DATE] = "";
    int rc = unit ? store_par_extension_due(s, c->c.id, unit, app_par_step_name(st), ext, e) : 0;
    if (rc < 0)
        return rc;
    *extended = rc == STORE_FOUND;
    const char *d = *extended ? ext : app_par_step_due(c, st);
    if (date_parse(d, strlen(d), due))
        *due = c->on;
    return 0;
}

date_t app_par_last_day(const app_par_camp_t *c, date_t due)
{
    if (!c->cal)
        return due;
    for (int i = 0; i < 30 && !worktime_is_working_day(c->cal, due); i++)
        due++;
    return due;
}

int app_par_step_open(store_t *s, const app_par_camp_t *c, const char *unit, app_par_step_t st,
                      date_t today, bool *open, err_t *e)
{
    date_t due = DATE_NONE;
    bool ext = false;
    int rc = app_par_due(s, c, unit, st, &due, &ext, e);
    if (rc)
        return rc;
    *open = today >= c->on && today <= app_par_last_day(c, due);
    return 0;
}

/* ---- appraisers ---------------------------------------------------------- */

const char *app_par_node_appraiser(const app_par_camp_t *c, size_t i, const char **role)
{
    bool is_role = false;
    const char *who = par_framework_appraiser(c->fw, i, &is_role);
    *role = is_role ? who : NULL;
    if (!is_role)
        return who;
    for (size_t k = 0; k < c->nroles; k++)
        if (strcmp(c->roles[k].role, who) == 0)
            return c->roles[k].unit;
    return "";
}

bool app_par_appraised_leaf(const app_par_camp_t *c, const par_result_t *r, size_t i)
{
    const par_node_t *nd = &c->fw->nodes[i];
    return par_framework_is_leaf(c->fw, i) && r->nodes[i].applicable &&
           nd->kind == PAR_KIND_CRITERION && nd->source != PAR_SOURCE_SURVEY;
}

bool app_par_may_appraise(const app_par_camp_t *c, const user_t *u, size_t i)
{
    if (!u)
        return true;
    if (u->disabled)
        return false;
    if (u->role == ACCESS_ROLE_ADMIN)
        return true;
    if (u->role == ACCESS_ROLE_STANDING)
        return u->unit_code[0] && c->c.scope_code[0] &&
               unit_set_within(&c->units, c->c.scope_code, u->unit_code, c->on);
    if (u->role != ACCESS_ROLE_APPRAISER || !u->unit_code[0])
        return false;
    const char *role = NULL;
    const char *unit = app_par_node_appraiser(c, i, &role);
    return unit[0] && unit_set_within(&c->units, unit, u->unit_code, c->on);
}

bool app_par_is_standing(const app_par_camp_t *c, const user_t *u, const char *unit)
{
    if (!u)
        return true;
    if (u->disabled)
        return false;
    if (u->role == ACCESS_ROLE_ADMIN)
        return true;
    return u->role == ACCESS_ROLE_STANDING &&
           access_allows(u, ACCESS_APPRAISE, unit, &c->units, c->on);
}

/* ---- sheet data ---------------------------------------------------------- */

typedef struct rows_ctx {
    const app_par_camp_t *c;
    app_par_sheet_t *sh;
    bool texts;
} rows_ctx_t;

/* Copies the row's texts into one owned block. */
static int leaf_texts(app_par_leaf_t *l, const store_par_score_t *r, err_t *e)
{
    const char *src[] = {r->self_note,     r->self_origin,     r->measured_period, r->measured_link,
                         r->round1_reason, r->round2_reason,   r->final_reason,    r->na_reason,
                         r->explain_state, r->explain_request, r->explain_answer,  r->survey_source,
                         r->updated_at};
    const char **dst[] = {&l->self_note,       &l->self_origin,    &l->measured_period,
                          &l->measured_link,   &l->round1_reason,  &l->round2_reason,
                          &l->final_reason,    &l->na_reason,      &l->explain_state,
                          &l->explain_request, &l->explain_answer, &l->survey_source,
                          &l->updated_at};
    size_t n = sizeof src / sizeof src[0], total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(src[i]) + 1;
    l->texts = mem_alloc(total);
    if (!l->texts)
        return err_nomem(e);
    char *p = l->texts;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(src[i]) + 1;
        memcpy(p, src[i], k);
        *dst[i] = p;
        p += k;
    }
    return 0;
}

static int on_score(void *ctx, const store_par_score_t *r, err_t *e)
{
    rows_ctx_t *x = ctx;
    size_t i = par_framework_find(x->c->fw, r->code);
    if (i == PAR_NOPARENT)
        return 0; /* a code the framework does not have (cannot be written) */
    app_par_leaf_t *l = &x->sh->leaf[i];
    if (l->has_row)
        return 0;
    l->has_row = true;
    l->score_id = r->id;
    l->self = r->self;
    l->measured = r->measured;
    l->round1 = r->round1;
    l->round2 = r->round2;
    l->final = r->final;
    l->survey = r->survey;
    l->survey_ratio = r->survey_ratio;
    l->na = r->not_applicable;
    l->explain_round = r->explain_round;
    return x->texts ? leaf_texts(l, r, e) : 0;
}

static int on_sheet(void *ctx, const store_par_sheet_t *r, err_t *e)
{
    app_par_sheet_t *sh = ctx;
    sh->id = r->id;
    sh->state = r->state;
    sh->bonus = r->bonus;
    sh->penalty = r->penalty;
    snprintf(sh->submitted_at, sizeof sh->submitted_at, "%s", r->submitted_at);
    snprintf(sh->submitted_by, sizeof sh->submitted_by, "%s", r->submitted_by);
    mem_free(sh->bonus_reason);
    mem_free(sh->penalty_reason);
    mem_free(sh->difficulties);
    sh->bonus_reason = mem_strdup(r->bonus_reason);
    sh->penalty_reason = mem_strdup(r->penalty_reason);
    sh->difficulties = mem_strdup(r->difficulties);
    if (!sh->bonus_reason || !sh->penalty_reason || !sh->difficulties)
        return err_nomem(e);
    return 0;
}

int app_par_sheet_data(store_t *s, const app_par_camp_t *c, const char *unit, bool texts,
                       app_par_sheet_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    snprintf(out->unit, sizeof out->unit, "%s", unit);
    out->leaf = mem_calloc(c->fw->n ? c->fw->n : 1, sizeof *out->leaf);
    if (!out->leaf)
        return err_nomem(e);
    out->nleaf = c->fw->n;
    for (size_t i = 0; i < c->fw->n; i++) {
        app_par_leaf_t *l = &out->leaf[i];
        l->self = l->measured = l->round1 = l->round2 = l->final = PAR_NONE;
        l->survey = l->survey_ratio = PAR_NONE;
    }
    int rc = store_par_sheet_rows(s, c->c.id, unit, on_sheet, out, e);
    rows_ctx_t x = {c, out, texts};
    if (!rc)
        rc = store_par_sheet_scores(s, c->c.id, unit, on_score, &x, e);
    return rc;
}

void app_par_sheet_data_release(app_par_sheet_t *sh)
{
    if (!sh)
        return;
    for (size_t i = 0; sh->leaf && i < sh->nleaf; i++)
        mem_free(sh->leaf[i].texts);
    mem_free(sh->leaf);
    sh->leaf = NULL;
    sh->nleaf = 0;
    mem_free(sh->bonus_reason);
    mem_free(sh->penalty_reason);
    mem_free(sh->difficulties);
    sh->bonus_reason = sh->penalty_reason = sh->difficulties = NULL;
}

/* ---- scoring ------------------------------------------------------------- */

int app_par_score(const app_par_camp_t *c, const unit_t *u, const app_par_sheet_t *sh,
                  par_result_t *out, err_t *e)
{
    const par_framework_t *fw = c->fw;
    par_input_t *in = mem_calloc(fw->n ? fw->n : 1, sizeof *in);
    if (!in)
        return err_nomem(e);
    size_t n = 0;
    for (size_t i = 0; i < fw->n; i++) {
        const app_par_leaf_t *l = &sh->leaf[i];
        if (!l->has_row || !par_framework_is_leaf(fw, i))
            continue;
        par_input_t *p = &in[n++];
        par_score_input_init(p, fw->nodes[i].code);
        p->not_applicable = l->na;
        p->self = l->self;
        p->round1 = l->round1;
        p->round2 = l->round2;
        p->final = l->final;
        p->survey = l->survey;
        p->survey_ratio = l->survey_ratio;
        p->measured = l->measured;
    }
    par_campaign_t pc;
    par_score_campaign_init(&pc);
    pc.survey_held = c->survey_held;
    pc.bonus_cap = c->c.bonus_max;
    pc.penalty_cap = c->c.penalty_max;
    pc.grades = c->ngrades ? c->grades : NULL;
    pc.ngrades = c->ngrades;
    par_unit_t pu = {.code = u->code,
                     .kind = u->kind,
                     .inputs = in,
                     .ninputs = n,
                     .bonus = sh->bonus,
                     .penalty = sh->penalty};
    int rc = par_score_compute(fw, &pc, &pu, out, e);
    mem_free(in);
    return rc;
}

/* ---- participants -------------------------------------------------------- */

int app_par_units(const app_par_camp_t *c, const unit_t ***out, size_t *n, err_t *e)
{
    unit_kind_t kind = UNIT_SO;
    *out = NULL;
    *n = 0;
    if (unit_kind_parse(c->c.unit_kind, &kind))
        return 0;
    const unit_t **v = mem_calloc(c->units.n ? c->units.n : 1, sizeof *v);
    if (!v)
        return err_nomem(e);
    for (size_t i = 0; i < c->units.n; i++) {
        const unit_t *u = &c->units.units[i];
        if (u->kind != kind || !unit_valid_at(u, c->on))
            continue;
        if (c->c.scope_code[0] && !unit_set_within(&c->units, u->code, c->c.scope_code, c->on))
            continue;
        v[(*n)++] = u;
    }
    *out = v;
    return 0;
}

/* ---- small helpers ------------------------------------------------------- */

json_t *app_par_num(int64_t milli)
{
    if (milli == PAR_NONE || milli == PAR_INVALID)
        return json_null();
    if (milli % PAR_MILLI == 0)
        return json_integer(milli / PAR_MILLI);
    return json_real((double)milli / PAR_MILLI);
}

json_t *app_par_index(bool has, int64_t index)
{
    return has ? json_real((double)index / 100.0) : json_null();
}

json_t *app_par_wrap(const char *key, json_t *v)
{
    json_t *o = json_object();
    if (!o || jsonx_set_new(o, key, v)) {
        json_decref(o);
        if (!o)
            json_decref(v);
        return NULL;
    }
    return o;
}

void app_par_now(char out[STORE_PAR_AT])
{
    dtime_format(dtime_now(), out);
}

const char *app_par_who(const user_t *u)
{
    return u ? u->login : "cli";
}

int app_par_text(const char *t, const char *field, bool required, err_t *e)
{
    size_t n = t ? strlen(t) : 0;
    if (n > APP_PAR_TEXT_MAX || (n && !text_valid(t, n)))
        return err_set(e, ERR_INVALID, "par.text",
                       "Nội dung '%s' không hợp lệ (UTF-8, tối đa %d byte)",
                       "Text '%s' is invalid (UTF-8, at most %d bytes)", field, APP_PAR_TEXT_MAX);
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
    if (required && blank) {
        char code[ERR_CODE_MAX], vi[128], en[128];
        snprintf(code, sizeof code, "par.%s_required", field);
        snprintf(vi, sizeof vi, "Cần nhập %s", strcmp(field, "reason") == 0 ? "lý do" : field);
        snprintf(en, sizeof en, "%s is required", field);
        return err_set_pair(e, ERR_INVALID, code, vi, en);
    }
    return 0;
}

/* ---- write operations ---------------------------------------------------- */

static bool takes_part(const app_par_camp_t *c, const unit_t *u)
{
    unit_kind_t kind = UNIT_SO;
    if (unit_kind_parse(c->c.unit_kind, &kind) || u->kind != kind)
        return false;
    return !c->c.scope_code[0] || unit_set_within(&c->units, u->code, c->c.scope_code, c->on);
}

int app_par_op_begin(app_par_op_t *op, app_t *a, const user_t *actor, int64_t campaign,
                     const char *unit, err_t *e)
{
    memset(op, 0, sizeof *op);
    unit_set_init(&op->c.units);
    op->a = a;
    op->actor = actor;
    op->today = dtime_date(dtime_now());
    app_par_now(op->at);
    op->before[0] = op->after[0] = '\0';
    int rc = app_store(a, &op->s, e);
    if (!rc)
        rc = app_par_camp_load(a, op->s, campaign, &op->c, e);
    if (rc)
        return rc;
    op->unit = unit ? unit_set_find(&op->c.units, unit, op->c.on) : NULL;
    if (!op->unit && unit)
        op->unit = unit_set_find(&op->c.units, unit, DATE_NONE);
    if (!op->unit)
        return err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                       "No unit '%s' in the registry", unit ? unit : "");
    if (!takes_part(&op->c, op->unit))
        return err_set(e, ERR_INVALID, "par.unit_not_in_campaign",
                       "Đơn vị %s không thuộc đợt chấm điểm này",
                       "Unit %s does not take part in this campaign", op->unit->code);
    rc = store_begin(op->s, e);
    if (rc)
        return rc;
    op->began = true;
    rc = store_par_sheet_ensure(op->s, campaign, op->unit->code, op->at, &op->sheet, e);
    if (!rc) {
        rc = store_par_sheet_state(op->s, op->sheet, &op->state, e);
        rc = rc < 0 ? rc : 0;
    }
    return rc;
}

int app_par_op_end(app_par_op_t *op, int rc, const char *action, const char *detail, err_t *e)
{
    if (!rc && op->began) {
        char object[48];
        snprintf(object, sizeof object, "par_sheet:%lld", (long long)op->sheet);
        rc = store_audit_change(op->s, app_par_who(op->actor), action, object, detail,
                                op->before[0] ? op->before : NULL, op->after[0] ? op->after : NULL,
                                e);
        if (!rc)
            rc = store_commit(op->s, e);
    }
    if (rc && op->began)
        store_rollback(op->s);
    app_par_camp_release(&op->c);
    return rc;
}

/* JSON text of o into out (cap bytes); "" when it does not fit. */
static void op_json(json_t *o, char *out, size_t cap)
{
    char *text = o ? jsonx_dump(o) : NULL;
    snprintf(out, cap, "%s", text && strlen(text) < cap ? text : "");
    free(text);
    json_decref(o);
}

static json_t *points_json(int64_t v)
{
    return v == PAR_NONE ? json_null() : json_integer(v);
}

void app_par_op_values(app_par_op_t *op, const char *code, const char *field, int64_t before,
                       int64_t after)
{
    op_json(json_pack("{s:s,s:s,s:o}", "code", code ? code : "", "field", field, "millipoints",
                      points_json(before)),
            op->before, sizeof op->before);
    op_json(json_pack("{s:s,s:s,s:o}", "code", code ? code : "", "field", field, "millipoints",
                      points_json(after)),
            op->after, sizeof op->after);
}

void app_par_op_states(app_par_op_t *op, const char *before, const char *after)
{
    op_json(json_pack("{s:s}", "state", before), op->before, sizeof op->before);
    op_json(json_pack("{s:s}", "state", after), op->after, sizeof op->after);
}

bool app_par_may_write(const app_par_camp_t *c, const user_t *u, const char *unit)
{
    if (!u)
        return true;
    if (u->role == ACCESS_ROLE_APPRAISER || u->role == ACCESS_ROLE_VIEWER)
        return false;
    return access_allows(u, ACCESS_WRITE, unit, &c->units, c->on);
}

int app_par_leaf(const app_par_camp_t *c, const unit_t *u, const char *code, size_t *i, err_t *e)
{
    *i = code ? par_framework_find(c->fw, code) : PAR_NOPARENT;
    if (*i == PAR_NOPARENT)
        return err_set(e, ERR_NOTFOUND, "par.criterion_unknown",
                       "Bộ tiêu chí không có tiêu chí '%s'", "The framework has no criterion '%s'",
                       code ? code : "");
    if (!par_framework_is_leaf(c->fw, *i))
        return err_set(
            e, ERR_INVALID, "par.criterion_not_leaf",
            "Tiêu chí %s gồm các tiêu chí thành phần: chấm điểm từng tiêu chí thành phần",
            "Criterion %s has sub-criteria: score each of them", code);
    if (!par_framework_applies(c->fw, *i, u->code, u->kind))
        return err_set(e, ERR_INVALID, "par.criterion_not_applicable",
                       "Tiêu chí %s không áp dụng cho đơn vị %s",
                       "Criterion %s does not apply to unit %s", code, u->code);
    return 0;
}
