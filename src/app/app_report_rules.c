/* app_report_rules.c - an imported plan's reporting clauses as calendar
 * rows (app_report_rules.h), in the grammar of data/reports/calendar.csv. */
#include "app/app_report_rules.h"

#include "app/app_report_int.h"
#include "base/jsonx.h"
#include "domain/report_cal_csv.h"
#include "store/store_audit.h"

#include "domain/report_kind.h"
#include "store/store_report.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Stores row in place of an older plan's row with the same key. */
static int replace(store_t *s, const store_report_rule_t *row, const char *by, dtime_t at, err_t *e)
{
    int64_t id = 0;
    int rc = store_report_rules_drop_same(s, row, e);
    return rc ? rc : store_report_rule_add(s, row, at, by, &id, e);
}

static const char *clause_note(const report_clauses_t *c, size_t i)
{
    return i < c->nclauses && c->clauses[i].text ? c->clauses[i].text : "";
}

static int store_rule(store_t *s, int64_t plan_id, const report_clauses_t *c,
                      const report_clause_rule_t *cr, const char *by, dtime_t at, err_t *e)
{
    const report_cal_rule_t *r = &cr->rule;
    char years[REPORT_CAL_YEARS_MAX], w[REPORT_KIND_RULE_MAX], d[REPORT_KIND_RULE_MAX];
    report_cal_years_format(r->year_from, r->year_to, years);
    report_kind_window_format(r->kind, &r->window, w);
    report_kind_due_format(r->kind, &r->due, d);
    store_report_rule_t row = {
        0,  "rule", r->receiver, report_kind_code(r->kind),  years,     w,      d, r->enabled, "",
        "", "",     "",          clause_note(c, cr->clause), r->source, plan_id};
    return replace(s, &row, by, at, e);
}

static void iso_or_empty(date_t d, char out[DATE_ISO_LEN])
{
    out[0] = '\0';
    if (d != DATE_NONE)
        date_format(d, out);
}

static int store_override(store_t *s, int64_t plan_id, const report_clauses_t *c,
                          const report_clause_override_t *co, const char *by, dtime_t at, err_t *e)
{
    const report_cal_override_t *o = &co->override;
    char years[REPORT_CAL_YEARS_MAX], from[DATE_ISO_LEN], to[DATE_ISO_LEN], due[DATE_ISO_LEN];
    report_cal_years_format(o->year, o->year, years);
    iso_or_empty(o->from, from);
    iso_or_empty(o->to, to);
    iso_or_empty(o->due, due);
    store_report_rule_t row = {
        0,  "override", o->receiver, report_kind_code(o->kind),  years,     "",     due, true, from,
        to, "",         "",          clause_note(c, co->clause), o->source, plan_id};
    return replace(s, &row, by, at, e);
}

/* Whether a rule says more than "this kind is asked": a due date, a window
 * of its own, or the kind switched off. One that does not is not stored: it
 * would replace a due date set in the calendar by none. */
static bool informative(const report_cal_rule_t *r)
{
    report_cal_rule_t def;
    report_cal_rule_init(&def, r->receiver, r->kind);
    return r->due.kind != PERIOD_DUE_NONE || !r->enabled ||
           memcmp(&r->window, &def.window, sizeof def.window) != 0;
}

int app_report_rules_store(store_t *s, int64_t plan_id, const report_clauses_t *c, const char *by,
                           dtime_t at, size_t *stored, err_t *e)
{
    *stored = 0;
    int rc = store_report_rules_drop_plan(s, plan_id, e);
    for (size_t i = 0; !rc && c && i < c->nrules; i++) {
        if (!informative(&c->rules[i].rule))
            continue;
        rc = store_rule(s, plan_id, c, &c->rules[i], by, at, e);
        *stored += !rc;
    }
    for (size_t i = 0; !rc && c && i < c->noverrides; i++) {
        rc = store_override(s, plan_id, c, &c->overrides[i], by, at, e);
        *stored += !rc;
    }
    return rc;
}

/* --- rows set by hand ------------------------------------------------------------------ */

/* Whether the actor may set the calendar of receiver (as the receiver's
 * side of a report, app_report_may). */
static bool may_configure(const app_report_ctx_t *x, const char *receiver)
{
    if (!x->actor || x->actor->role == ACCESS_ROLE_ADMIN)
        return true;
    if (strcmp(receiver, "*") == 0)
        return false;
    store_report_t probe;
    memset(&probe, 0, sizeof probe);
    snprintf(probe.receiver, sizeof probe.receiver, "%s", receiver);
    probe.to = x->today;
    return app_report_may(x, &probe, REPORT_RETURN);
}

int app_report_rules_add(app_t *a, const user_t *actor, const app_report_rule_in_t *in, int64_t *id,
                         err_t *e)
{
    *id = 0;
    app_report_ctx_t x;
    report_cal_t *cal = NULL;
    const char *receiver = in->receiver ? in->receiver : "";
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc && strcmp(receiver, "*") != 0 && strcmp(receiver, APP_REPORT_NATIONAL) != 0 &&
        !unit_set_find(&x.units, receiver, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", receiver);
    if (!rc && !may_configure(&x, receiver))
        rc = app_report_forbidden(e);
    /* checked as a row of the calendar it joins */
    const char *cells[REPORT_CAL_CSV_NCOLS] = {in->type,   in->receiver, in->kind,    in->years,
                                               in->window, in->due,      in->enabled, in->from,
                                               in->to,     in->id,       in->title,   in->note};
    if (!rc)
        rc = app_report_cal_load(&x, &cal, e);
    if (!rc)
        rc = report_cal_csv_add_row(cal, cells, "yêu cầu", 1, e);
    store_report_rule_t row = {0,
                               in->type,
                               in->receiver,
                               in->kind,
                               in->years,
                               in->window,
                               in->due,
                               !in->enabled || !*in->enabled || strchr("1yYcC", in->enabled[0]),
                               in->from,
                               in->to,
                               in->id,
                               in->title,
                               in->note,
                               "",
                               0};
    if (!rc)
        rc = store_begin(x.s, e);
    if (!rc) {
        rc = store_report_rule_add(x.s, &row, x.now, actor ? actor->login : "cli", id, e);
        char obj[48];
        snprintf(obj, sizeof obj, "report_rule:%lld", (long long)*id);
        if (!rc)
            rc = store_audit_append(x.s, actor ? actor->login : "cli", "report_rule.add", obj,
                                    receiver, e);
        rc = rc ? rc : store_commit(x.s, e);
        if (rc)
            store_rollback(x.s);
    }
    report_cal_free(cal);
    app_report_ctx_close(&x);
    return rc;
}

typedef struct list_ctx {
    const app_report_ctx_t *x;
    const char *receiver;
    json_t *arr;
} list_ctx_t;

static int list_row(void *ctx, const store_report_rule_t *r, err_t *e)
{
    list_ctx_t *c = ctx;
    if (c->receiver ? strcmp(r->receiver, c->receiver) != 0 : !may_configure(c->x, r->receiver))
        return 0;
    json_t *o = json_object();
    int bad = !o || jsonx_set_int(o, "id", r->id) || jsonx_set_str(o, "type", r->type) ||
              jsonx_set_str(o, "receiver", r->receiver) || jsonx_set_str(o, "kind", r->kind) ||
              jsonx_set_str(o, "years", r->years) || jsonx_set_str(o, "window", r->window) ||
              jsonx_set_str(o, "due", r->due) || jsonx_set_bool(o, "enabled", r->enabled) ||
              jsonx_set_str(o, "from", r->date_from) || jsonx_set_str(o, "to", r->date_to) ||
              jsonx_set_str(o, "id_adhoc", r->adhoc_id) || jsonx_set_str(o, "title", r->title) ||
              jsonx_set_str(o, "note", r->note) || jsonx_set_str(o, "source", r->source) ||
              (r->plan_id ? jsonx_set_int(o, "plan_id", r->plan_id)
                          : jsonx_set_str(o, "plan_id", NULL)) ||
              json_array_append_new(c->arr, o);
    if (bad) {
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

int app_report_rules_list(app_t *a, const user_t *actor, const char *receiver, json_t **out,
                          err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc && receiver && !app_report_may_read(&x, receiver, x.today))
        rc = app_report_forbidden(e);
    list_ctx_t c = {&x, receiver, rc ? NULL : json_array()};
    if (!rc && !c.arr)
        rc = err_nomem(e);
    if (!rc)
        rc = store_report_rules(x.s, list_row, &c, e);
    if (!rc) {
        *out = json_pack("{s:o}", "rules", c.arr);
        c.arr = NULL;
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(c.arr);
    app_report_ctx_close(&x);
    return rc;
}

typedef struct find_ctx {
    int64_t id;
    char receiver[STORE_REPORT_CODE_MAX];
    int64_t plan_id;
    bool found;
} find_ctx_t;

static int find_row(void *ctx, const store_report_rule_t *r, err_t *e)
{
    (void)e;
    find_ctx_t *f = ctx;
    if (r->id != f->id)
        return 0;
    snprintf(f->receiver, sizeof f->receiver, "%s", r->receiver);
    f->plan_id = r->plan_id;
    f->found = true;
    return STORE_STOP;
}

int app_report_rules_remove(app_t *a, const user_t *actor, int64_t id, err_t *e)
{
    app_report_ctx_t x;
    find_ctx_t f = {id, "", 0, false};
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = store_report_rules(x.s, find_row, &f, e);
    if (!rc && !f.found)
        rc = err_set(e, ERR_NOTFOUND, "report.rule_not_found", "Không có dòng lịch báo cáo #%lld",
                     "No reporting-calendar row #%lld", (long long)id);
    if (!rc && !may_configure(&x, f.receiver))
        rc = app_report_forbidden(e);
    if (!rc && f.plan_id)
        rc = err_set(e, ERR_CONFLICT, "report.rule_from_plan",
                     "Dòng này đọc từ kế hoạch #%lld; nhập kế hoạch mới để thay đổi",
                     "This row comes from plan #%lld; import a newer plan to change it",
                     (long long)f.plan_id);
    if (!rc)
        rc = store_begin(x.s, e);
    if (!rc) {
        int d = store_report_rule_delete(x.s, id, e);
        char obj[48];
        snprintf(obj, sizeof obj, "report_rule:%lld", (long long)id);
        rc = d < 0 ? d
                   : store_audit_append(x.s, actor ? actor->login : "cli", "report_rule.remove",
                                        obj, f.receiver, e);
        rc = rc ? rc : store_commit(x.s, e);
        if (rc)
            store_rollback(x.s);
    }
    app_report_ctx_close(&x);
    return rc;
}
