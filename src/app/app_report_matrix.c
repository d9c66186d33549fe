/* app_report_matrix.c - what a unit owes (its calendar), what a receiver
 * gets (the matrix of its senders), reminders, and frozen versus live
 * figures (app_report.h). */
#include "app/app_report_int.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/kpi.h"
#include "domain/report_kind.h"
#include "domain/report_onestop.h"
#include "store/store_notice.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Working days from today to due (negative when past); 0 without a due date. */
static int64_t days_left(app_report_ctx_t *x, date_t due)
{
    if (due == DATE_NONE)
        return 0;
    int days = 0;
    if (due >= x->today) {
        if (report_flow_days_late(x->today, due, app_report_workdays, x, &days, NULL))
            days = (int)(due - x->today);
        return days;
    }
    if (report_flow_days_late(due, x->today, app_report_workdays, x, &days, NULL))
        days = (int)(x->today - due);
    return -days;
}

static void entry_ref(const report_cal_entry_t *en, char out[STORE_REPORT_CODE_MAX])
{
    if (en->has_period)
        period_format_code(en->period, out);
    else
        snprintf(out, STORE_REPORT_CODE_MAX, "%s", en->id);
}

static json_t *entry_json(app_report_ctx_t *x, const char *unit, int year,
                          const report_cal_entry_t *en, err_t *e)
{
    char ref[STORE_REPORT_CODE_MAX], vi[ERR_MSG_MAX], eng[ERR_MSG_MAX];
    entry_ref(en, ref);
    report_cal_entry_explain(en, vi, eng);
    json_t *o = json_object();
    int rc = !o || jsonx_set_str(o, "kind", report_kind_code(en->kind)) ||
             jsonx_set_str(o, "label", report_kind_label_vi(en->kind)) ||
             jsonx_set_str(o, "label_en", report_kind_label_en(en->kind)) ||
             jsonx_set_str(o, "period", en->has_period ? ref : NULL) ||
             jsonx_set_str(o, "id", en->id) || jsonx_set_str(o, "title", en->title) ||
             jsonx_set_date(o, "from", en->from) || jsonx_set_date(o, "to", en->to) ||
             jsonx_set_date(o, "due", en->due) || jsonx_set_str(o, "receiver", en->receiver) ||
             jsonx_set_str(o, "origin", report_cal_origin_name(en->origin)) ||
             jsonx_set_str(o, "source", *en->source ? en->source : NULL) ||
             jsonx_set_str(o, "explain", vi) || jsonx_set_str(o, "explain_en", eng);
    rc = rc || (en->due != DATE_NONE ? jsonx_set_int(o, "days_left", days_left(x, en->due))
                                     : jsonx_set_str(o, "days_left", NULL));
    int64_t id = 0;
    store_report_t r;
    int f = rc ? 0 : store_report_find(x->s, unit, report_kind_code(en->kind), year, ref, &id, e);
    if (f == STORE_FOUND && store_report_get(x->s, id, &r, e) == 0) {
        bool sent = r.submitted_at != DTIME_NONE;
        rc = jsonx_set_int(o, "report_id", id) || jsonx_set_str(o, "status", r.status) ||
             (sent ? jsonx_set_int(o, "days_late", r.days_late)
                   : jsonx_set_str(o, "days_late", NULL));
        store_report_release(&r);
    } else if (!rc) {
        rc = jsonx_set_str(o, "report_id", NULL) || jsonx_set_str(o, "status", NULL) ||
             jsonx_set_str(o, "days_late", NULL);
    }
    if (rc || f < 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *warnings_json(const report_cal_warnings_t *w)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < w->n; i++) {
        json_t *o = json_object();
        if (!o || jsonx_set_str(o, "code", w->v[i].w.code) ||
            jsonx_set_str(o, "message", w->v[i].w.vi) ||
            jsonx_set_str(o, "message_en", w->v[i].w.en) ||
            jsonx_set_str(o, "kind", report_kind_code(w->v[i].kind)) ||
            json_array_append_new(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

int app_report_calendar(app_t *a, const user_t *actor, const char *unit, int year, json_t **out,
                        err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    report_cal_t *cal = NULL;
    report_cal_list_t l, up;
    report_cal_warnings_t w;
    report_cal_list_init(&l);
    report_cal_list_init(&up);
    report_cal_warnings_init(&w);
    const char *receiver = NULL, *upper = NULL;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc && !unit_set_find(&x.units, unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", unit);
    if (!rc && !app_report_may_read(&x, unit, date_from_ymd(year, 12, 31)))
        rc = app_report_forbidden(e);
    if (!rc)
        rc = app_report_cal_load(&x, &cal, e);
    if (!rc)
        rc = app_report_resolve(&x, cal, unit, year, &l, &receiver, e);
    /* The cascade: what the receiver itself owes upward. */
    if (!rc && strcmp(receiver, APP_REPORT_NATIONAL) != 0)
        rc = app_report_resolve(&x, cal, receiver, year, &up, &upper, e);
    if (!rc && up.n)
        rc = report_cal_cascade(&l, &up, &w, e);
    json_t *o = rc ? NULL : json_object(), *reports = rc ? NULL : json_array();
    if (!rc && (!o || !reports))
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < l.n; i++) {
        json_t *en = entry_json(&x, unit, year, &l.v[i], e);
        if (!en || json_array_append_new(reports, en))
            rc = err_nomem(e);
    }
    if (!rc &&
        (jsonx_set_str(o, "unit", unit) || jsonx_set_int(o, "year", year) ||
         jsonx_set_str(o, "receiver", receiver) ||
         jsonx_set_str(o, "receiver_name",
                       app_report_unit_name(&x.units, receiver, date_from_ymd(year, 12, 31))) ||
         jsonx_set(o, "reports", reports) || jsonx_set_new(o, "warnings", warnings_json(&w))))
        rc = err_nomem(e);
    json_decref(reports);
    report_cal_warnings_release(&w);
    report_cal_list_release(&l);
    report_cal_list_release(&up);
    report_cal_free(cal);
    app_report_ctx_close(&x);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* --- the receiver's matrix ------------------------------------------------------------ */

typedef struct matrix_ctx {
    app_report_ctx_t *x;
    const report_cal_list_t *cols;
    json_t *senders; /* code -> {"unit","reports":{ref: row}} while collecting */
} matrix_ctx_t;

static int collect(void *ctx, const store_report_t *r, err_t *e)
{
    matrix_ctx_t *c = ctx;
    json_t *s = json_object_get(c->senders, r->unit);
    if (!s)
        return 0; /* not a sender of the year (moved away) */
    json_t *o = json_object();
    if (!o || app_report_head_json(c->x, r, o) ||
        jsonx_set_new(json_object_get(s, "by_ref"), r->ref, o))
        return err_nomem(e);
    return 0;
}

static json_t *sender_row(app_report_ctx_t *x, const unit_t *u, const report_cal_list_t *cols,
                          const json_t *by_ref)
{
    json_t *o = json_object(), *reps = json_array(), *unit = json_object();
    int rc = !o || !reps || !unit || jsonx_set_str(unit, "code", u->code) ||
             jsonx_set_str(unit, "name", u->name) || jsonx_set_new(o, "unit", unit);
    unit = NULL;
    for (size_t i = 0; !rc && i < cols->n; i++) {
        char ref[STORE_REPORT_CODE_MAX];
        entry_ref(&cols->v[i], ref);
        const json_t *rep = json_object_get(by_ref, ref);
        json_t *cell = json_object();
        const char *st = rep ? json_string_value(json_object_get(rep, "status")) : NULL;
        bool sent = st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0);
        rc = !cell || jsonx_set_str(cell, "kind", report_kind_code(cols->v[i].kind)) ||
             jsonx_set_str(cell, "ref", ref) ||
             jsonx_set(cell, "id", rep ? json_object_get(rep, "id") : NULL) ||
             jsonx_set_str(cell, "status", st ? st : "missing") ||
             jsonx_set(cell, "status_label", rep ? json_object_get(rep, "status_label") : NULL) ||
             jsonx_set(cell, "submitted_at", rep ? json_object_get(rep, "submitted_at") : NULL) ||
             jsonx_set(cell, "days_late", rep ? json_object_get(rep, "days_late") : NULL) ||
             jsonx_set_date(cell, "due", cols->v[i].due) ||
             jsonx_set_bool(cell, "overdue",
                            !sent && cols->v[i].due != DATE_NONE && cols->v[i].due < x->today);
        if (rc || json_array_append_new(reps, cell)) {
            json_decref(cell);
            rc = 1;
        }
    }
    if (rc || jsonx_set(o, "reports", reps)) {
        json_decref(reps);
        json_decref(o);
        return NULL;
    }
    json_decref(reps);
    return o;
}

int app_report_matrix(app_t *a, const user_t *actor, const char *receiver, int year, json_t **out,
                      err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    report_cal_t *cal = NULL;
    report_cal_list_t cols;
    report_cal_list_init(&cols);
    date_t end = date_from_ymd(year, 12, 31);
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc && !app_report_may_read(&x, receiver, end))
        rc = app_report_forbidden(e);
    if (!rc)
        rc = app_report_cal_load(&x, &cal, e);
    if (!rc)
        rc = report_cal_resolve(cal, receiver, year, app_report_workdays, &x, &cols, e);
    matrix_ctx_t c = {&x, &cols, json_object()};
    for (size_t i = 0; !rc && i < x.units.n; i++) {
        const unit_t *u = &x.units.units[i];
        if (!u->parent || strcmp(u->parent, receiver) != 0 || !unit_valid_at(u, end) ||
            json_object_get(c.senders, u->code))
            continue;
        json_t *s = json_pack("{s:o}", "by_ref", json_object());
        if (!s || jsonx_set_new(c.senders, u->code, s))
            rc = err_nomem(e);
    }
    if (!rc)
        rc = store_report_list(x.s, year, NULL, 0, receiver, collect, &c, e);
    json_t *o = json_object(), *rows = json_array(), *kinds = json_array();
    if (!rc && (!o || !rows || !kinds))
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < cols.n; i++) {
        json_t *k = entry_json(&x, receiver, year, &cols.v[i], e);
        if (!k || json_array_append_new(kinds, k))
            rc = err_nomem(e);
    }
    for (size_t i = 0; !rc && i < x.units.n; i++) {
        const unit_t *u = &x.units.units[i];
        const json_t *s = json_object_get(c.senders, u->code);
        if (!s || !unit_valid_at(u, end))
            continue;
        json_t *row = sender_row(&x, u, &cols, json_object_get(s, "by_ref"));
        if (!row || json_array_append_new(rows, row))
            rc = err_nomem(e);
        json_object_del(c.senders, u->code); /* one row per code */
    }
    if (!rc && (jsonx_set_str(o, "receiver", receiver) ||
                jsonx_set_str(o, "receiver_name", app_report_unit_name(&x.units, receiver, end)) ||
                jsonx_set_int(o, "year", year) || jsonx_set(o, "kinds", kinds) ||
                jsonx_set(o, "senders", rows)))
        rc = err_nomem(e);
    json_decref(rows);
    json_decref(kinds);
    json_decref(c.senders);
    report_cal_list_release(&cols);
    report_cal_free(cal);
    app_report_ctx_close(&x);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* --- reminders ------------------------------------------------------------------------------ */

int app_report_remind(app_t *a, const user_t *actor, const char *unit, const char *kind, int year,
                      const char *ref, json_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    report_kind_t k = REPORT_KIND_NAM;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = report_kind_parse(kind ? kind : "", kind ? strlen(kind) : 0, &k, e);
    if (!rc && !unit_set_find(&x.units, unit ? unit : "", DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", unit ? unit : "");
    store_report_t probe;
    memset(&probe, 0, sizeof probe);
    if (!rc) { /* the receiver side may remind */
        snprintf(probe.unit, sizeof probe.unit, "%s", unit);
        snprintf(probe.receiver, sizeof probe.receiver, "%s",
                 app_report_receiver_of(&x.units, unit, date_from_ymd(year, 12, 31)));
        probe.to = date_from_ymd(year, 12, 31);
        if (!app_report_may(&x, &probe, REPORT_RETURN))
            rc = app_report_forbidden(e);
    }
    char title[256], ref_key[192], day[DATE_ISO_LEN], link[128];
    date_format(x.today, day);
    snprintf(title, sizeof title, "Nhắc gửi %s năm %d (%s)", report_kind_label_vi(k), year,
             ref ? ref : "");
    snprintf(ref_key, sizeof ref_key, "report:%s:%s:%d:%s:%s", unit ? unit : "",
             report_kind_code(k), year, ref ? ref : "", day);
    snprintf(link, sizeof link, "#/bao-cao?nam=%d", year);
    store_notice_t n = {0,
                        unit,
                        "report_reminder",
                        ref_key,
                        title,
                        "Đơn vị nhận báo cáo đề nghị gửi báo cáo đúng hạn.",
                        link,
                        x.actor ? x.actor->login : "local",
                        x.now,
                        DTIME_NONE};
    int added = 0;
    if (!rc)
        rc = store_begin(x.s, e);
    if (!rc) {
        added = store_notice_add(x.s, &n, e);
        rc = added < 0 ? added : store_commit(x.s, e);
        if (rc)
            store_rollback(x.s);
    }
    app_report_ctx_close(&x);
    if (rc)
        return rc;
    *out = json_pack("{s:b}", "notice", added == STORE_INSERTED);
    return *out ? 0 : err_nomem(e);
}

/* --- frozen versus now --------------------------------------------------------------------- */

static int add_line(json_t *lines, const char *key, const char *label, const json_t *then,
                    const json_t *now, int *changed)
{
    bool same = json_equal(then ? then : json_null(), now ? now : json_null());
    *changed += !same;
    json_t *o = json_object();
    if (!o || jsonx_set_str(o, "key", key) || jsonx_set_str(o, "label", label) ||
        jsonx_set(o, "frozen", (json_t *)then) || jsonx_set(o, "now", (json_t *)now) ||
        jsonx_set_bool(o, "changed", !same) || json_array_append_new(lines, o)) {
        json_decref(o);
        return ERR_NOMEM;
    }
    return 0;
}

static int compare_lines(const json_t *f, const json_t *n, json_t *lines, int *changed)
{
    int rc = 0;
    const json_t *fo = json_object_get(f, "onestop"), *no = json_object_get(n, "onestop");
    for (int c = 0; !rc && c < REPORT_OS_COUNT; c++) {
        const char *k = report_onestop_key((report_onestop_col_t)c);
        char key[64];
        snprintf(key, sizeof key, "onestop.%s", k);
        rc = add_line(lines, key, report_onestop_label_vi((report_onestop_col_t)c),
                      json_object_get(fo, k), json_object_get(no, k), changed);
    }
    const json_t *fi = json_object_get(f, "indicators"), *ni = json_object_get(n, "indicators");
    for (int i = 0; !rc && i < KPI_INDICATOR_COUNT; i++) {
        const kpi_def_t *d = kpi_def((kpi_indicator_t)i);
        rc = add_line(lines, d->id, d->label_vi,
                      json_object_get(json_object_get(fi, d->id), "value"),
                      json_object_get(json_object_get(ni, d->id), "value"), changed);
    }
    static const char *const tk[] = {"assigned", "completed", "overdue"};
    static const char *const tl[] = {"Nhiệm vụ được giao", "Nhiệm vụ đã hoàn thành",
                                     "Nhiệm vụ quá hạn"};
    const json_t *ft = json_object_get(json_object_get(f, "tasks"), "total");
    const json_t *nt = json_object_get(json_object_get(n, "tasks"), "total");
    for (int i = 0; !rc && i < 3; i++) {
        char key[48];
        snprintf(key, sizeof key, "tasks.%s", tk[i]);
        rc = add_line(lines, key, tl[i], json_object_get(ft, tk[i]), json_object_get(nt, tk[i]),
                      changed);
    }
    const json_t *f7 = json_object_get(f, "index766"), *n7 = json_object_get(n, "index766");
    if (!rc)
        rc = add_line(lines, "index766.total", "Điểm Chỉ số 766", json_object_get(f7, "total"),
                      json_object_get(n7, "total"), changed);
    return rc;
}

int app_report_compare(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    store_report_t r;
    memset(&r, 0, sizeof r);
    json_t *frozen = NULL, *now = NULL, *lines = json_array(), *o = json_object();
    int changed = 0;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = app_report_load(&x, id, &r, e);
    if (!rc && !r.figures)
        rc = err_set(e, ERR_CONFLICT, "report.not_frozen",
                     "Báo cáo chưa gửi nên chưa có số liệu chốt để so sánh",
                     "The report was never submitted: it has no frozen figures to compare");
    if (!rc) {
        frozen = jsonx_parse(r.figures, strlen(r.figures), e);
        rc = frozen ? 0 : ERR_DB;
    }
    if (!rc) /* as of now, for the same window */
        rc = app_report_figures(&x, &r, x.now, &now, e);
    if (!rc && (!lines || !o || compare_lines(frozen, now, lines, &changed)))
        rc = err_nomem(e);
    if (!rc && (jsonx_set_int(o, "id", id) || jsonx_set_time(o, "frozen_at", r.frozen_at) ||
                jsonx_set(o, "as_of", json_object_get(now, "as_of")) ||
                jsonx_set_int(o, "changed", changed) || jsonx_set(o, "lines", lines)))
        rc = err_nomem(e);
    json_decref(lines);
    json_decref(frozen);
    json_decref(now);
    store_report_release(&r);
    app_report_ctx_close(&x);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

int app_report_on_time(app_t *a, const char *unit, int year, date_t upto, int64_t *on_time,
                       int64_t *due, err_t *e)
{
    *on_time = *due = 0;
    json_t *cal = NULL;
    int rc = app_report_calendar(a, NULL, unit, year, &cal, e);
    size_t i;
    json_t *en;
    json_array_foreach(json_object_get(cal, "reports"), i, en)
    {
        const char *d = json_string_value(json_object_get(en, "due"));
        date_t day = DATE_NONE;
        if (!d || date_parse(d, strlen(d), &day) || day > upto)
            continue;
        (*due)++;
        const char *st = json_string_value(json_object_get(en, "status"));
        json_t *late = json_object_get(en, "days_late");
        if (st && (!strcmp(st, "submitted") || !strcmp(st, "accepted")) && json_is_integer(late) &&
            json_integer_value(late) == 0)
            (*on_time)++;
    }
    json_decref(cal);
    return rc;
}
