/* app_report_rules.c - an imported plan's reporting clauses as calendar
 * rows (app_report_rules.h), in the grammar of data/reports/calendar.csv. */
#include "app/app_report_rules.h"

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
