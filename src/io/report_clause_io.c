/* report_clause_io.c - reporting clauses as JSON (see report_clause_io.h). */
#include "io/report_clause_io.h"

#include "base/date.h"
#include "base/jsonx.h"

#include <stdio.h>

#include "base/banned.h"

static int set_date(json_t *o, const char *key, date_t d)
{
    char s[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return jsonx_set_str(o, key, NULL);
    date_format(d, s);
    return jsonx_set_str(o, key, s);
}

static int set_index(json_t *o, const char *key, size_t i)
{
    return i == REPORT_CLAUSE_NONE ? jsonx_set_new(o, key, json_null())
                                   : jsonx_set_int(o, key, (long long)i);
}

static int set_pos(json_t *o, const char *key, int v)
{
    return v > 0 ? jsonx_set_int(o, key, v) : jsonx_set_new(o, key, json_null());
}

static json_t *clause_json(const report_clause_t *cl)
{
    json_t *o = json_object(), *kinds = json_array();
    int rc = o && kinds ? 0 : ERR_NOMEM;
    for (int k = 0; k < REPORT_KIND_COUNT && !rc; k++)
        if (cl->kinds & (1u << k))
            rc = json_array_append_new(kinds, json_string(report_kind_code((report_kind_t)k)));
    if (!rc)
        rc = jsonx_set_str(o, "text", cl->text);
    if (!rc)
        rc = set_pos(o, "line", cl->line);
    if (!rc)
        rc = set_pos(o, "page", cl->page);
    if (!rc)
        rc = jsonx_set_str(o, "receiver", cl->receiver[0] ? cl->receiver : NULL);
    if (!rc) {
        rc = jsonx_set_new(o, "kinds", kinds); /* steals kinds, even on error */
        kinds = NULL;
    }
    if (!rc)
        rc = jsonx_set_bool(o, "adhoc", cl->adhoc);
    json_decref(kinds);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *rule_json(const report_clause_rule_t *cr)
{
    const report_cal_rule_t *r = &cr->rule;
    char years[REPORT_CAL_YEARS_MAX], w[REPORT_KIND_RULE_MAX], d[REPORT_KIND_RULE_MAX];
    json_t *o = json_object();
    int rc = o ? 0 : ERR_NOMEM;
    report_cal_years_format(r->year_from, r->year_to, years);
    report_kind_window_format(r->kind, &r->window, w);
    report_kind_due_format(r->kind, &r->due, d);
    const char *keys[] = {"receiver", "kind", "years", "window", "due", "source"};
    const char *vals[] = {r->receiver, report_kind_code(r->kind), years, w, d, r->source};
    for (size_t i = 0; i < 6 && !rc; i++)
        rc = jsonx_set_str(o, keys[i], vals[i]);
    if (!rc)
        rc = jsonx_set_bool(o, "enabled", r->enabled);
    if (!rc)
        rc = set_index(o, "clause", cr->clause);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *override_json(const report_clause_override_t *co)
{
    const report_cal_override_t *v = &co->override;
    json_t *o = json_object();
    int rc = o ? 0 : ERR_NOMEM;
    if (!rc)
        rc = jsonx_set_str(o, "receiver", v->receiver);
    if (!rc)
        rc = jsonx_set_str(o, "kind", report_kind_code(v->kind));
    if (!rc)
        rc = jsonx_set_int(o, "year", v->year);
    if (!rc)
        rc = set_date(o, "from", v->from);
    if (!rc)
        rc = set_date(o, "to", v->to);
    if (!rc)
        rc = set_date(o, "due", v->due);
    if (!rc)
        rc = jsonx_set_str(o, "source", v->source);
    if (!rc)
        rc = set_index(o, "clause", co->clause);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *warning_json(const report_clause_warning_t *w)
{
    json_t *o = json_object();
    int rc = o ? 0 : ERR_NOMEM;
    if (!rc)
        rc = jsonx_set_str(o, "code", w->w.code);
    if (!rc)
        rc = jsonx_set_str(o, "message", w->w.vi);
    if (!rc)
        rc = jsonx_set_str(o, "message_en", w->w.en);
    if (!rc)
        rc = jsonx_set_str(o, "kind",
                           w->kind >= 0 ? report_kind_code((report_kind_t)w->kind) : NULL);
    if (!rc)
        rc = set_index(o, "clause", w->clause);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Appends make(item i) for i < n to a new array stored at key. */
static int add_array(json_t *root, const char *key, const void *items, size_t n, size_t size,
                     json_t *(*make)(const void *))
{
    json_t *arr = json_array();
    int rc = arr ? 0 : ERR_NOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *o = make((const char *)items + i * size);
        rc = o && json_array_append_new(arr, o) == 0 ? 0 : ERR_NOMEM;
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    return jsonx_set_new(root, key, arr);
}

static json_t *make_clause(const void *p)
{
    return clause_json(p);
}

static json_t *make_rule(const void *p)
{
    return rule_json(p);
}

static json_t *make_override(const void *p)
{
    return override_json(p);
}

static json_t *make_warning(const void *p)
{
    return warning_json(p);
}

json_t *report_clause_io_json(const report_clauses_t *r)
{
    json_t *root = json_object();
    int rc = root ? 0 : ERR_NOMEM;
    if (!rc)
        rc = add_array(root, "clauses", r->clauses, r->nclauses, sizeof *r->clauses, make_clause);
    if (!rc)
        rc = add_array(root, "rules", r->rules, r->nrules, sizeof *r->rules, make_rule);
    if (!rc)
        rc = add_array(root, "overrides", r->overrides, r->noverrides, sizeof *r->overrides,
                       make_override);
    if (!rc)
        rc = add_array(root, "warnings", r->warnings, r->nwarnings, sizeof *r->warnings,
                       make_warning);
    if (rc) {
        json_decref(root);
        return NULL;
    }
    return root;
}
