/* app_report_json.c - a report as JSON (app_report_get's form) and the draft
 * text of its sections, drawn from the figures. */
#include "app/app_report_int.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/planparse.h"
#include "domain/report_draft.h"
#include "domain/report_kind.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* --- drafts ------------------------------------------------------------------------- */

static int64_t num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static void task_counts(const json_t *t, report_task_counts_t *c)
{
    c->total = num(t, "assigned");
    c->done = num(t, "completed");
    c->in_progress = num(t, "in_progress");
    c->not_started = num(t, "not_started");
    c->overdue = num(t, "overdue");
    c->failed = num(t, "failed");
}

static void onestop_counts(const json_t *o, report_onestop_t *os)
{
    for (int c = 0; c < REPORT_OS_COUNT; c++)
        os->c[c] = num(o, report_onestop_key((report_onestop_col_t)c));
}

static void target_counts(const json_t *t, report_target_counts_t *g)
{
    const json_t *s = json_object_get(t, "summary");
    g->total = num(s, "total");
    g->met = num(s, "dat");
    g->at_risk = num(s, "co_nguy_co");
    g->not_met = num(s, "chua_dat");
    g->no_data = num(s, "chua_co_so_lieu");
}

/* The by_area entry of an area code ("theche"). */
static const json_t *area_entry(const json_t *tasks, const char *code, const char **label)
{
    planparse_area_t a;
    if (planparse_area_parse(code, &a) || a == PLANPARSE_AREA_NONE)
        return NULL;
    *label = planparse_area_label_vi(a);
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(tasks, "by_area"), i, v)
    {
        if (num(v, "area") == (int64_t)a)
            return v;
    }
    return NULL;
}

static int senders_draft(buf_t *b, const json_t *senders)
{
    size_t i, total = json_array_size(senders), sent = 0;
    const json_t *s;
    json_array_foreach(senders, i, s)
    {
        const char *st = json_string_value(json_object_get(s, "status"));
        sent += st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0);
    }
    if (!total)
        return 0;
    int rc = buf_printf(b, "Có %zu/%zu đơn vị đã gửi báo cáo", sent, total);
    const char *sep = "; chưa gửi: ";
    json_array_foreach(senders, i, s)
    {
        const char *st = json_string_value(json_object_get(s, "status"));
        if (rc || (st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0)))
            continue;
        rc = buf_printf(b, "%s%s", sep, json_string_value(json_object_get(s, "name")));
        sep = ", ";
    }
    return rc ? rc : buf_putc(b, '.');
}

static int fact_draft(buf_t *b, const char *fact, const json_t *fig)
{
    const json_t *tasks = json_object_get(fig, "tasks");
    report_task_counts_t t = {0};
    report_target_counts_t g = {0};
    report_onestop_t os = {{0}};
    task_counts(json_object_get(tasks, "total"), &t);
    target_counts(json_object_get(fig, "targets"), &g);
    onestop_counts(json_object_get(fig, "onestop"), &os);
    if (strcmp(fact, "tasks") == 0)
        return report_draft_tasks(b, NULL, &t);
    if (strncmp(fact, "area:", 5) == 0) {
        if (!t.total) /* said once by "tasks" */
            return 0;
        const char *label = NULL;
        const json_t *a = area_entry(tasks, fact + 5, &label);
        report_task_counts_t c = {0};
        task_counts(a, &c);
        return label ? report_draft_tasks(b, label, &c) : 0;
    }
    if (strcmp(fact, "onestop") == 0)
        return report_draft_onestop(b, &os);
    if (strcmp(fact, "targets") == 0)
        return report_draft_targets(b, &g);
    if (strcmp(fact, "feedback") == 0) {
        const json_t *f = json_object_get(fig, "feedback");
        return report_draft_feedback(b, num(f, "due"), num(f, "on_time"));
    }
    if (strcmp(fact, "index766") == 0) {
        const json_t *x = json_object_get(fig, "index766");
        double total = json_number_value(json_object_get(x, "total"));
        return report_draft_index766(b, json_is_true(json_object_get(x, "has")),
                                     (int64_t)(total * 100.0 + 0.5), (int)num(x, "rank"),
                                     (int)num(x, "of"));
    }
    if (strcmp(fact, "strengths") == 0)
        return report_draft_strengths(b, &t, &g, &os);
    if (strcmp(fact, "shortcomings") == 0)
        return report_draft_shortcomings(b, &t, &g, &os);
    if (strcmp(fact, "next_tasks") == 0) {
        const json_t *nt = json_object_get(fig, "next_tasks");
        const char *titles[3];
        size_t n = 0, i;
        const json_t *it;
        json_array_foreach(json_object_get(nt, "items"), i, it)
        {
            const char *title = json_string_value(json_object_get(it, "title"));
            if (n < 3 && title) /* frozen figures of an older version may lack one */
                titles[n++] = title;
        }
        return report_draft_next(b, num(nt, "count"), titles, n);
    }
    if (strcmp(fact, "senders") == 0)
        return senders_draft(b, json_object_get(fig, "senders"));
    return 0;
}

char *app_report_draft(const report_outline_section_t *sec, const json_t *figures)
{
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    int rc = 0;
    for (size_t i = 0; !rc && i < sec->nfacts; i++) {
        size_t before = b.len;
        if (before)
            rc = buf_putc(&b, ' ');
        if (!rc)
            rc = fact_draft(&b, sec->facts[i], figures);
        if (!rc && b.len == before + (before ? 1 : 0)) /* nothing drawn: drop the space */
            b.len = before;
    }
    if (rc || !b.len) {
        buf_release(&b);
        return NULL;
    }
    b.data[b.len] = '\0';
    return buf_detach(&b);
}

/* --- the report ------------------------------------------------------------------------ */

typedef struct sec_ctx {
    json_t *bodies; /* code -> {"body","version","updated_at","updated_by"} */
} sec_ctx_t;

static int keep_section(void *ctx, const store_report_section_t *sec, err_t *e)
{
    sec_ctx_t *c = ctx;
    json_t *o = json_object();
    if (!o || jsonx_set_str(o, "body", sec->body) || jsonx_set_int(o, "version", sec->version) ||
        jsonx_set_time(o, "updated_at", sec->updated_at) ||
        jsonx_set_str(o, "updated_by", sec->updated_by) || jsonx_set_new(c->bodies, sec->code, o))
        return err_nomem(e);
    return 0;
}

static int event_json(void *ctx, dtime_t at, const char *actor, const char *action,
                      const char *note, err_t *e)
{
    json_t *arr = ctx, *o = json_object();
    if (!o || jsonx_set_time(o, "at", at) || jsonx_set_str(o, "actor", actor) ||
        jsonx_set_str(o, "action", action) || jsonx_set_str(o, "note", note) ||
        json_array_append_new(arr, o)) {
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

static json_t *sections_json(const report_outline_t *ol, const json_t *bodies, const json_t *fig)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < report_outline_count(ol); i++) {
        const report_outline_section_t *s = report_outline_at(ol, i);
        const json_t *saved = json_object_get(bodies, s->code);
        json_t *o = json_object(), *facts = json_array();
        char *draft = s->has_kids ? NULL : app_report_draft(s, fig);
        int rc = !o || !facts;
        for (size_t k = 0; !rc && k < s->nfacts; k++)
            rc = json_array_append_new(facts, json_string(s->facts[k]));
        rc = rc || jsonx_set_str(o, "code", s->code) || jsonx_set_str(o, "title", s->title) ||
             jsonx_set_str(o, "title_en", s->title_en) || jsonx_set_int(o, "depth", s->depth) ||
             jsonx_set_bool(o, "heading_only", s->has_kids) || jsonx_set_new(o, "facts", facts) ||
             jsonx_set_str(o, "draft", draft) ||
             jsonx_set(o, "body", json_object_get(saved, "body")) ||
             jsonx_set_int(o, "version", num(saved, "version")) ||
             jsonx_set(o, "updated_at", json_object_get(saved, "updated_at")) ||
             jsonx_set(o, "updated_by", json_object_get(saved, "updated_by"));
        facts = NULL;
        mem_free(draft);
        if (rc || json_array_append_new(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *appendices_json(const report_outline_t *ol)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < report_outline_appendix_count(ol); i++) {
        const report_outline_appendix_t *p = report_outline_appendix_at(ol, i);
        json_t *o = json_object();
        if (!o || jsonx_set_str(o, "code", p->code) || jsonx_set_str(o, "title", p->title) ||
            jsonx_set_str(o, "title_en", p->title_en) || jsonx_set_str(o, "table", p->table) ||
            json_array_append_new(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *unit_json(const app_report_ctx_t *x, const char *code, date_t at)
{
    json_t *o = json_object();
    if (o && (jsonx_set_str(o, "code", code) ||
              jsonx_set_str(o, "name", app_report_unit_name(&x->units, code, at)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *can_json(const app_report_ctx_t *x, const store_report_t *r, report_status_t st)
{
    json_t *o = json_object();
    static const report_action_t acts[] = {REPORT_EDIT, REPORT_SUBMIT, REPORT_RETURN,
                                           REPORT_ACCEPT};
    for (size_t i = 0; o && i < sizeof acts / sizeof acts[0]; i++) {
        bool ok = report_flow_step(st, acts[i], NULL, NULL) == 0 && app_report_may(x, r, acts[i]);
        if (jsonx_set_bool(o, report_flow_action_code(acts[i]), ok)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

int app_report_head_json(const app_report_ctx_t *x, const store_report_t *r, json_t *o)
{
    report_status_t st = REPORT_DRAFT;
    report_flow_status_parse(r->status, &st, NULL);
    report_kind_t k = REPORT_KIND_NAM;
    report_kind_parse(r->kind, strlen(r->kind), &k, NULL);
    bool adhoc = k == REPORT_KIND_DOT_XUAT;
    json_t *win = json_object();
    int rc = !win || jsonx_set_date(win, "from", r->from) || jsonx_set_date(win, "to", r->to);
    rc = rc || jsonx_set_int(o, "id", r->id) ||
         jsonx_set_new(o, "unit", unit_json(x, r->unit, r->to)) ||
         jsonx_set_new(o, "receiver", unit_json(x, r->receiver, r->to)) ||
         jsonx_set_str(o, "kind", r->kind) || jsonx_set_str(o, "label", report_kind_label_vi(k)) ||
         jsonx_set_str(o, "label_en", report_kind_label_en(k)) ||
         jsonx_set_int(o, "year", r->year) || jsonx_set_str(o, "period", adhoc ? NULL : r->ref) ||
         jsonx_set_str(o, "ref", r->ref) || jsonx_set_str(o, "title", r->title) ||
         jsonx_set_new(o, "window", win) || jsonx_set_date(o, "due", r->due) ||
         jsonx_set_str(o, "status", r->status) ||
         jsonx_set_str(o, "status_label", report_flow_status_label_vi(st)) ||
         jsonx_set_str(o, "status_label_en", report_flow_status_label_en(st)) ||
         jsonx_set_bool(o, "provisional", x->today <= r->to) ||
         jsonx_set_time(o, "submitted_at", r->submitted_at) ||
         (r->days_late >= 0 ? jsonx_set_int(o, "days_late", r->days_late)
                            : jsonx_set_str(o, "days_late", NULL)) ||
         jsonx_set_int(o, "submissions", r->submissions) ||
         jsonx_set_time(o, "decided_at", r->decided_at) ||
         jsonx_set_str(o, "return_reason", r->return_reason) ||
         (r->doc_number > 0 ? jsonx_set_int(o, "doc_number", r->doc_number)
                            : jsonx_set_str(o, "doc_number", NULL)) ||
         jsonx_set_bool(o, "frozen", r->frozen_at != DTIME_NONE) ||
         jsonx_set_new(o, "can", can_json(x, r, st));
    return rc ? ERR_NOMEM : 0;
}

int app_report_json(app_report_ctx_t *x, const store_report_t *r, json_t **out, err_t *e)
{
    *out = NULL;
    report_outline_t *ol = NULL;
    json_t *fig = NULL, *o = json_object(), *events = json_array();
    sec_ctx_t sc = {json_object()};
    int rc = o && events && sc.bodies ? 0 : err_nomem(e);
    if (!rc && r->figures) {
        fig = jsonx_parse(r->figures, strlen(r->figures), e);
        rc = fig ? 0 : ERR_DB;
    } else if (!rc) {
        rc = app_report_figures(x, r, x->now, &fig, e);
    }
    if (!rc)
        rc = app_report_outline(x->a, &ol, e);
    if (!rc)
        rc = store_report_sections(x->s, r->id, keep_section, &sc, e);
    if (!rc)
        rc = store_report_events(x->s, r->id, event_json, events, e);
    if (!rc &&
        (app_report_head_json(x, r, o) || jsonx_set(o, "as_of", json_object_get(fig, "as_of")) ||
         jsonx_set(o, "onestop", json_object_get(fig, "onestop")) ||
         jsonx_set_new(o, "sections", sections_json(ol, sc.bodies, fig)) ||
         jsonx_set_new(o, "appendices", appendices_json(ol)) || jsonx_set(o, "figures", fig) ||
         jsonx_set(o, "events", events)))
        rc = err_nomem(e);
    report_outline_free(ol);
    json_decref(fig);
    json_decref(events);
    json_decref(sc.bodies);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}
