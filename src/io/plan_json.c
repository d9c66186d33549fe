/* plan_json.c - JSON rendering of a parsed plan (see plan_json.h). */
#include "io/plan_json.h"

#include "base/jsonx.h"

#include <math.h>
#include <stdio.h>

#include "base/banned.h"

json_t *plan_json_number(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

void plan_json_where(planparse_pos_t pos, char *out, size_t cap)
{
    if (pos.page > 0 && pos.line > 0)
        snprintf(out, cap, "trang %d, dòng %d", pos.page, pos.line);
    else if (pos.page > 0)
        snprintf(out, cap, "trang %d", pos.page);
    else if (pos.line > 0)
        snprintf(out, cap, "dòng %d", pos.line);
    else
        snprintf(out, cap, "tài liệu");
}

static int set_pos(json_t *o, planparse_pos_t pos)
{
    int rc = 0;
    rc |= jsonx_set_new(o, "line", pos.line > 0 ? json_integer(pos.line) : json_null());
    rc |= jsonx_set_new(o, "page", pos.page > 0 ? json_integer(pos.page) : json_null());
    return rc;
}

static json_t *document_json(const planparse_docinfo_t *d)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    char date[DATE_ISO_LEN];
    if (d->date != DATE_NONE)
        date_format(d->date, date);
    int rc = jsonx_set_str(o, "number", d->number);
    rc |= jsonx_set_str(o, "type", d->type);
    rc |= jsonx_set_str(o, "issuer", d->issuer);
    rc |= jsonx_set_str(o, "place", d->place);
    rc |= jsonx_set_str(o, "date", d->date != DATE_NONE ? date : NULL);
    rc |= jsonx_set_new(o, "year", d->year > 0 ? json_integer(d->year) : json_null());
    rc |= jsonx_set_str(o, "title", d->title);
    rc |= jsonx_set_str(o, "issuer_unit", d->issuer_unit);
    rc |= jsonx_set_str(o, "scope", d->scope);
    if (d->decision_title || d->decision_number) {
        json_t *dec = json_object();
        rc |= dec ? 0 : -1;
        if (dec) {
            rc |= jsonx_set_str(dec, "number", d->decision_number);
            rc |= jsonx_set_str(dec, "title", d->decision_title);
            rc |= jsonx_set_new(o, "decision", dec);
        }
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *parties_json(const planparse_party_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++) {
        json_t *o = json_object();
        int rc = o ? 0 : -1;
        if (o) {
            rc |= jsonx_set_str(o, "text", v[i].text);
            rc |= jsonx_set_str(o, "unit", v[i].unit);
            if (v[i].group)
                rc |= jsonx_set_str(o, "group", v[i].group);
            rc |= json_array_append_new(a, o);
        }
        if (rc) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *task_json(const planparse_task_t *t)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "no", t->no);
    rc |= jsonx_set_str(o, "area", planparse_area_code(t->area));
    rc |= jsonx_set_str(o, "title", t->title);
    rc |= jsonx_set_new(o, "lead", parties_json(t->lead, t->nlead));
    rc |= jsonx_set_new(o, "support", parties_json(t->support, t->nsupport));
    rc |= jsonx_set_str(o, "product", t->product);
    rc |= jsonx_set_new(o, "deadline",
                        t->deadline        ? deadline_to_json(t->deadline)
                        : t->deadline_text ? json_pack("{s:s,s:s,s:[]}", "text", t->deadline_text,
                                                       "kind", "unspecified", "dates")
                                           : json_null());
    if (t->detail)
        rc |= jsonx_set_str(o, "detail", t->detail);
    rc |= jsonx_set_bool(o, "lead_default", t->lead_default);
    rc |= set_pos(o, t->pos);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *target_json(const planparse_target_t *t)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "area", planparse_area_code(t->area));
    rc |= jsonx_set_str(o, "indicator", t->indicator);
    rc |= jsonx_set_str(o, "op", planparse_op_code(t->op));
    rc |= jsonx_set_new(o, "value", plan_json_number(t->value));
    rc |=
        jsonx_set_new(o, "value_max",
                      t->op == PLANPARSE_OP_BETWEEN ? plan_json_number(t->value_max) : json_null());
    rc |= jsonx_set_str(o, "unit", t->unit ? t->unit : "");
    rc |= jsonx_set_str(o, "text", t->text);
    rc |= set_pos(o, t->pos);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *warning_json(const planparse_warning_t *w)
{
    char where[64];
    plan_json_where(w->pos, where, sizeof where);
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "where", where);
    rc |= jsonx_set_str(o, "message", w->err.vi);
    rc |= jsonx_set_str(o, "message_en", w->err.en);
    rc |= jsonx_set_str(o, "code", w->err.code);
    rc |= set_pos(o, w->pos);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *plan_json(const planparse_plan_t *p)
{
    json_t *o = json_object(), *targets = json_array(), *tasks = json_array(),
           *warnings = json_array();
    int rc = o && targets && tasks && warnings ? 0 : -1;
    for (size_t i = 0; !rc && i < p->ntargets; i++) {
        json_t *t = target_json(&p->targets[i]);
        rc = t ? json_array_append_new(targets, t) : -1;
    }
    for (size_t i = 0; !rc && i < p->ntasks; i++) {
        json_t *t = task_json(&p->tasks[i]);
        rc = t ? json_array_append_new(tasks, t) : -1;
    }
    for (size_t i = 0; !rc && i < p->nwarnings; i++) {
        json_t *t = warning_json(&p->warnings[i]);
        rc = t ? json_array_append_new(warnings, t) : -1;
    }
    if (rc) {
        json_decref(o);
        json_decref(targets);
        json_decref(tasks);
        json_decref(warnings);
        return NULL;
    }
    const char *src = p->task_source == PLANPARSE_SRC_TABLE       ? "table"
                      : p->task_source == PLANPARSE_SRC_NARRATIVE ? "narrative"
                                                                  : NULL;
    rc |= jsonx_set_new(o, "document", document_json(&p->doc));
    rc |= jsonx_set_str(o, "task_source", src);
    rc |= jsonx_set_new(o, "targets", targets);
    rc |= jsonx_set_new(o, "tasks", tasks);
    rc |= jsonx_set_new(o, "warnings", warnings);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}
