/* app_report.c - creating, reading and editing reports; the workflow
 * (app_report.h). */
#include "app/app_report_int.h"

#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/report_kind.h"
#include "store/store_audit.h"
#include "store/store_notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define SECTION_MAX ((size_t)256 << 10) /* bytes of one section's text */
#define REASON_MAX  4000

int app_report_load(app_report_ctx_t *x, int64_t id, store_report_t *r, err_t *e)
{
    int rc = store_report_get(x->s, id, r, e);
    if (!rc && !app_report_may_read(x, r->unit, r->to) &&
        !app_report_may_read(x, r->receiver, r->to)) {
        store_report_release(r);
        return err_set(e, ERR_NOTFOUND, "report.not_found", "Không tìm thấy báo cáo #%lld",
                       "Report #%lld not found", (long long)id);
    }
    return rc;
}

static const char *actor_name(const app_report_ctx_t *x)
{
    return x->actor ? x->actor->login : "local";
}

/* --- create ------------------------------------------------------------------------ */

/* An audit entry on report:<id> whose states are the JSON of before and
 * after (each may be NULL; both are consumed). */
static int audit(app_report_ctx_t *x, int64_t id, const char *action, const char *detail,
                 json_t *before, json_t *after, err_t *e)
{
    char obj[48];
    snprintf(obj, sizeof obj, "report:%lld", (long long)id);
    char *b = before ? jsonx_dump(before) : NULL, *a = after ? jsonx_dump(after) : NULL;
    int rc = (before && !b) || (after && !a)
                 ? err_nomem(e)
                 : store_audit_change(x->s, actor_name(x), action, obj, detail, b, a, e);
    free(b);
    free(a);
    json_decref(before);
    json_decref(after);
    return rc;
}

static int find_entry(const report_cal_list_t *l, report_kind_t k, const char *adhoc_id,
                      const report_cal_entry_t **out, err_t *e)
{
    for (size_t i = 0; i < l->n; i++) {
        const report_cal_entry_t *en = &l->v[i];
        if (en->kind == k && (k != REPORT_KIND_DOT_XUAT || strcmp(en->id, adhoc_id) == 0)) {
            *out = en;
            return 0;
        }
    }
    return err_set(e, ERR_INVALID, "report.period",
                   "Lịch báo cáo không có kỳ báo cáo này cho đơn vị",
                   "The reporting calendar asks no such report of the unit");
}

static void report_title(const report_cal_entry_t *en, int year, char *out, size_t cap)
{
    static const char *const of[] = {"quý I", "6 tháng đầu năm", "quý III", "9 tháng", ""};
    if (en->kind == REPORT_KIND_DOT_XUAT)
        snprintf(out, cap, "%s", en->title);
    else if (en->kind == REPORT_KIND_NAM)
        snprintf(out, cap, "Kết quả thực hiện công tác cải cách hành chính năm %d", year);
    else
        snprintf(out, cap, "Kết quả thực hiện công tác cải cách hành chính %s năm %d", of[en->kind],
                 year);
}

static int insert_report(app_report_ctx_t *x, const app_report_create_in_t *in,
                         const report_cal_entry_t *en, const char *receiver, int64_t *id, err_t *e)
{
    char title[REPORT_CAL_TITLE_MAX + 96], ref[STORE_REPORT_CODE_MAX];
    report_title(en, in->year, title, sizeof title);
    if (en->has_period)
        period_format_code(en->period, ref);
    else
        snprintf(ref, sizeof ref, "%s", en->id);
    store_report_t r;
    memset(&r, 0, sizeof r);
    snprintf(r.unit, sizeof r.unit, "%s", in->unit);
    snprintf(r.receiver, sizeof r.receiver, "%s", receiver);
    snprintf(r.kind, sizeof r.kind, "%s", report_kind_code(en->kind));
    r.year = in->year;
    snprintf(r.ref, sizeof r.ref, "%s", ref);
    r.title = title;
    r.from = en->from != DATE_NONE ? en->from : date_from_ymd(in->year, 1, 1);
    r.to = en->to != DATE_NONE ? en->to : en->due;
    r.due = en->due;
    r.created_at = x->now;
    snprintf(r.created_by, sizeof r.created_by, "%s", actor_name(x));
    int rc = store_report_find(x->s, r.unit, r.kind, r.year, r.ref, id, e);
    if (rc)
        return rc < 0 ? rc : 0; /* STORE_FOUND: it exists */
    if (!app_report_may(x, &r, REPORT_EDIT))
        return app_report_forbidden(e);
    rc = store_begin(x->s, e);
    if (!rc)
        rc = store_report_insert(x->s, &r, id, e);
    if (!rc)
        rc = store_report_event_add(x->s, *id, x->now, actor_name(x), "create", "", e);
    if (!rc)
        rc = audit(x, *id, "report.create", r.ref, NULL,
                   json_pack("{s:s,s:i,s:s,s:s}", "unit", r.unit, "year", r.year, "ref", r.ref,
                             "status", r.status),
                   e);
    if (!rc)
        rc = store_commit(x->s, e);
    if (rc)
        store_rollback(x->s);
    return rc;
}

int app_report_create(app_t *a, const user_t *actor, const app_report_create_in_t *in, json_t **out,
                      err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    int rc = app_report_ctx_open(&x, a, actor, e);
    app_report_ctx_at(&x, in->at);
    report_kind_t k = REPORT_KIND_NAM;
    if (!rc)
        rc = report_kind_parse(in->kind ? in->kind : "", in->kind ? strlen(in->kind) : 0, &k, e);
    if (!rc && (in->year < REPORT_KIND_YEAR_MIN || in->year > REPORT_KIND_YEAR_MAX))
        rc = err_set(e, ERR_INVALID, "report.year", "Năm không hợp lệ: %d", "Invalid year: %d",
                     in->year);
    if (!rc && !unit_set_find(&x.units, in->unit ? in->unit : "", DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", in->unit ? in->unit : "");
    if (!rc && k == REPORT_KIND_DOT_XUAT && (!in->adhoc_id || !*in->adhoc_id))
        rc = err_set(e, ERR_INVALID, "report.adhoc", "Báo cáo đột xuất cần mã (--id)",
                     "An ad hoc report needs its id (--id)");
    report_cal_t *cal = NULL;
    report_cal_list_t l;
    report_cal_list_init(&l);
    const char *receiver = NULL;
    const report_cal_entry_t *en = NULL;
    int64_t id = 0;
    if (!rc)
        rc = app_report_cal_load(&x, &cal, e);
    if (!rc)
        rc = app_report_resolve(&x, cal, in->unit, in->year, &l, &receiver, e);
    if (!rc)
        rc = find_entry(&l, k, in->adhoc_id, &en, e);
    if (!rc)
        rc = insert_report(&x, in, en, receiver, &id, e);
    report_cal_list_release(&l);
    report_cal_free(cal);
    store_report_t r;
    if (!rc)
        rc = app_report_load(&x, id, &r, e);
    if (!rc) {
        rc = app_report_json(&x, &r, out, e);
        store_report_release(&r);
    }
    app_report_ctx_close(&x);
    return rc;
}

/* --- read ------------------------------------------------------------------------------ */

int app_report_get(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    int rc = app_report_ctx_open(&x, a, actor, e);
    store_report_t r;
    if (!rc)
        rc = app_report_load(&x, id, &r, e);
    if (!rc) {
        rc = app_report_json(&x, &r, out, e);
        store_report_release(&r);
    }
    app_report_ctx_close(&x);
    return rc;
}

typedef struct list_ctx {
    const app_report_ctx_t *x;
    json_t *items;
} list_ctx_t;

static int list_row(void *ctx, const store_report_t *r, err_t *e)
{
    list_ctx_t *c = ctx;
    json_t *o = json_object();
    if (!o || app_report_head_json(c->x, r, o) || json_array_append_new(c->items, o)) {
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

int app_report_list(app_t *a, const user_t *actor, const char *unit, int year, json_t **out,
                    err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc && !app_report_may_read(&x, unit, date_from_ymd(year, 12, 31)))
        rc = app_report_forbidden(e);
    json_t *o = json_object();
    list_ctx_t c = {&x, json_array()};
    if (!rc && (!o || !c.items))
        rc = err_nomem(e);
    const char *units[1] = {unit};
    if (!rc)
        rc = store_report_list(x.s, year, units, 1, NULL, list_row, &c, e);
    if (!rc && (jsonx_set_str(o, "unit", unit) || jsonx_set_int(o, "year", year) ||
                jsonx_set(o, "items", c.items)))
        rc = err_nomem(e);
    json_decref(c.items);
    app_report_ctx_close(&x);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* --- sections ---------------------------------------------------------------------------- */

static int check_section(app_t *a, const char *code, err_t *e)
{
    report_outline_t *ol = NULL;
    int rc = app_report_outline(a, &ol, e);
    const report_outline_section_t *s = rc ? NULL : report_outline_find(ol, code ? code : "");
    if (!rc && (!s || s->has_kids))
        rc = err_set(e, ERR_INVALID, "report.section", "Đề cương không có mục '%s' để viết",
                     "The outline has no section '%s' to write", code ? code : "");
    report_outline_free(ol);
    return rc;
}

/* The text as stored: valid UTF-8, NFC, within the size limit. */
static int clean_text(const char *body, char **out, err_t *e)
{
    size_t n = body ? strlen(body) : 0;
    if (n > SECTION_MAX)
        return err_set(e, ERR_TOOLARGE, "report.section_size", "Nội dung một mục dài tối đa %zu KB",
                       "A section holds at most %zu KB", SECTION_MAX >> 10);
    int rc = 0;
    *out = text_nfc(body ? body : "", n, &rc);
    if (!*out)
        return rc == ERR_NOMEM ? err_nomem(e)
                               : err_set(e, ERR_INVALID, "report.text",
                                         "Nội dung không phải văn bản UTF-8 hợp lệ",
                                         "The text is not valid UTF-8");
    return 0;
}

static int put_section(app_report_ctx_t *x, int64_t id, const char *code, const char *body,
                       int64_t version, int64_t *nv, err_t *e)
{
    store_report_t r;
    int rc = store_begin(x->s, e);
    if (!rc)
        rc = app_report_load(x, id, &r, e);
    if (rc) {
        store_rollback(x->s);
        return rc;
    }
    report_status_t st = REPORT_DRAFT;
    report_flow_status_parse(r.status, &st, NULL);
    rc = app_report_may(x, &r, REPORT_EDIT) ? report_flow_step(st, REPORT_EDIT, NULL, e)
                                            : app_report_forbidden(e);
    if (!rc)
        rc = store_report_section_put(x->s, id, code, body, version, actor_name(x), x->now, nv, e);
    if (!rc)
        rc = audit(x, id, "report.section", code,
                   json_pack("{s:s,s:I}", "section", code, "version", (json_int_t)version),
                   json_pack("{s:s,s:I}", "section", code, "version", (json_int_t)*nv), e);
    if (!rc)
        rc = store_commit(x->s, e);
    if (rc)
        store_rollback(x->s);
    store_report_release(&r);
    return rc;
}

int app_report_save_section(app_t *a, const user_t *actor, int64_t id, const char *code,
                            const char *body, int64_t version, json_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    char *text = NULL;
    int64_t nv = 0;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = check_section(a, code, e);
    if (!rc)
        rc = clean_text(body, &text, e);
    if (!rc)
        rc = put_section(&x, id, code, text, version, &nv, e);
    mem_free(text);
    app_report_ctx_close(&x);
    if (rc)
        return rc;
    *out = json_pack("{s:s,s:I}", "code", code, "version", (json_int_t)nv);
    return *out ? 0 : err_nomem(e);
}

typedef struct body_ctx {
    const char *code;
    char *body;
    int64_t version;
} body_ctx_t;

static int find_body(void *ctx, const store_report_section_t *sec, err_t *e)
{
    body_ctx_t *c = ctx;
    if (strcmp(sec->code, c->code) != 0)
        return 0;
    c->body = mem_strdup(sec->body);
    c->version = sec->version;
    return c->body ? STORE_STOP : err_nomem(e);
}

int app_report_quote(app_t *a, const user_t *actor, int64_t id, int64_t from_id, const char *code,
                     int64_t version, json_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    store_report_t mine, from;
    memset(&mine, 0, sizeof mine);
    memset(&from, 0, sizeof from);
    body_ctx_t theirs = {code, NULL, 0}, own = {code, NULL, 0};
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = check_section(a, code, e);
    if (!rc)
        rc = app_report_load(&x, id, &mine, e);
    if (!rc)
        rc = app_report_load(&x, from_id, &from, e);
    if (!rc && (strcmp(from.receiver, mine.unit) != 0 ||
                (strcmp(from.status, "submitted") != 0 && strcmp(from.status, "accepted") != 0)))
        rc = err_set(e, ERR_CONFLICT, "report.quote",
                     "Chỉ trích được báo cáo đã gửi của đơn vị báo cáo cho đơn vị mình",
                     "Only a submitted report sent to this unit can be quoted");
    if (!rc)
        rc = store_report_sections(x.s, from_id, find_body, &theirs, e);
    if (!rc)
        rc = store_report_sections(x.s, id, find_body, &own, e);
    buf_t b = BUF_INIT(2 * SECTION_MAX);
    if (!rc && theirs.body && *theirs.body) {
        const char *name = app_report_unit_name(&x.units, from.unit, from.to);
        int keep = own.body ? (int)strlen(own.body) : 0; /* without trailing space */
        while (keep > 0 && strchr(" \t\r\n", own.body[keep - 1]))
            keep--;
        rc = buf_printf(&b, "%.*s%s(Trích báo cáo của %s) %s", keep, own.body ? own.body : "",
                        keep ? "\n\n" : "", name, theirs.body)
                 ? err_set(e, ERR_TOOLARGE, "report.section_size", "Nội dung quá dài",
                           "The text is too long")
                 : 0;
    }
    int64_t nv = version;
    if (!rc && b.len)
        rc = put_section(&x, id, code, b.data, version, &nv, e);
    buf_release(&b);
    mem_free(theirs.body);
    mem_free(own.body);
    store_report_release(&mine);
    store_report_release(&from);
    app_report_ctx_close(&x);
    if (rc)
        return rc;
    *out = json_pack("{s:s,s:I}", "code", code, "version", (json_int_t)nv);
    return *out ? 0 : err_nomem(e);
}

/* --- the workflow ------------------------------------------------------------------------- */

/* Tells the other side what happened (inside step's transaction): a
 * submission to the receiver's officers, a return or an acceptance to the
 * sender's. One notice per event (the key holds the submission count). */
static int flow_notice(app_report_ctx_t *x, const store_report_t *r, report_action_t act,
                       const char *reason, err_t *e)
{
    const char *to = act == REPORT_SUBMIT ? r->receiver : r->unit;
    const char *verb = act == REPORT_SUBMIT   ? "đã gửi"
                       : act == REPORT_RETURN ? "bị trả lại"
                                              : "đã được tiếp nhận";
    const char *who = app_report_unit_name(&x->units, r->unit, r->to);
    char title[512], ref[96], link[64];
    snprintf(title, sizeof title, "%s của %s %s", r->title ? r->title : "Báo cáo", who, verb);
    snprintf(ref, sizeof ref, "report:%lld:%s:%d", (long long)r->id, report_flow_action_code(act),
             r->submissions);
    snprintf(link, sizeof link, "#/bao-cao/%lld", (long long)r->id);
    const char *body = act == REPORT_RETURN && reason ? reason
                       : act == REPORT_SUBMIT ? "Đề nghị xem xét, tiếp nhận báo cáo."
                                              : "Báo cáo đã được tiếp nhận.";
    store_notice_t n = {0,
                        to,
                        act == REPORT_SUBMIT ? "report_submitted" : "report_decided",
                        ref,
                        title,
                        body,
                        link,
                        x->actor ? x->actor->login : "local",
                        x->now,
                        DTIME_NONE};
    int rc = store_notice_add(x->s, &n, e);
    return rc < 0 ? rc : 0;
}

/* Applies action act to report id under the write lock; figures (submit
 * only) are the frozen figures computed beforehand. */
static int step(app_report_ctx_t *x, int64_t id, report_action_t act, const char *reason,
                const char *figures, dtime_t frozen_at, err_t *e)
{
    store_report_t r;
    int rc = store_begin(x->s, e);
    if (!rc)
        rc = app_report_load(x, id, &r, e);
    if (rc) {
        store_rollback(x->s);
        return rc;
    }
    report_status_t st = REPORT_DRAFT, next = REPORT_DRAFT;
    report_flow_status_parse(r.status, &st, NULL);
    rc = app_report_may(x, &r, act) ? report_flow_step(st, act, &next, e) : app_report_forbidden(e);
    if (!rc && act == REPORT_SUBMIT) {
        rc = report_flow_days_late(r.due, x->today, app_report_workdays, x, &r.days_late, e);
        if (!rc && r.doc_number <= 0)
            rc = store_notice_next_number(x->s, r.unit, r.year, "BC", &r.doc_number, e);
        r.submitted_at = x->now;
        snprintf(r.submitted_by, sizeof r.submitted_by, "%s", actor_name(x));
        r.submissions++;
        mem_free(r.figures);
        r.figures = mem_strdup(figures);
        r.frozen_at = frozen_at;
        mem_free(r.return_reason);
        r.return_reason = NULL;
        if (!r.figures && !rc)
            rc = err_nomem(e);
    } else if (!rc) {
        r.decided_at = x->now;
        snprintf(r.decided_by, sizeof r.decided_by, "%s", actor_name(x));
        mem_free(r.return_reason);
        r.return_reason = reason ? mem_strdup(reason) : NULL;
        if (reason && !r.return_reason)
            rc = err_nomem(e);
    }
    char before[32];
    snprintf(before, sizeof before, "%s", r.status);
    snprintf(r.status, sizeof r.status, "%s", report_flow_status_code(next));
    const char *what =
        act == REPORT_SUBMIT && r.submissions > 1 ? "resubmit" : report_flow_action_code(act);
    char note[64] = "";
    if (act == REPORT_SUBMIT && r.days_late > 0)
        snprintf(note, sizeof note, "trễ %d ngày làm việc", r.days_late);
    if (!rc)
        rc = store_report_update(x->s, &r, e);
    if (!rc)
        rc = store_report_event_add(x->s, id, x->now, actor_name(x), what, reason ? reason : note,
                                    e);
    char action[48];
    snprintf(action, sizeof action, "report.%s", what);
    if (!rc)
        rc = audit(x, id, action, reason ? reason : note, json_pack("{s:s}", "status", before),
                   json_pack("{s:s}", "status", r.status), e);
    if (!rc && strcmp(r.receiver, APP_REPORT_NATIONAL) != 0)
        rc = flow_notice(x, &r, act, reason, e);
    if (!rc)
        rc = store_commit(x->s, e);
    if (rc)
        store_rollback(x->s);
    store_report_release(&r);
    return rc;
}

static int act(app_t *a, const user_t *actor, int64_t id, report_action_t action,
               const char *reason, dtime_t at, json_t **out, err_t *e)
{
    if (out)
        *out = NULL;
    app_report_ctx_t x;
    int rc = app_report_ctx_open(&x, a, actor, e);
    app_report_ctx_at(&x, at);
    char *figures = NULL;
    dtime_t frozen_at = x.now;
    if (!rc && action == REPORT_SUBMIT) { /* the figures, before taking the write lock */
        store_report_t r;
        memset(&r, 0, sizeof r);
        json_t *fig = NULL;
        rc = app_report_load(&x, id, &r, e);
        if (!rc && !app_report_may(&x, &r, REPORT_SUBMIT))
            rc = app_report_forbidden(e);
        if (!rc)
            rc = app_report_figures(&x, &r, x.now, &fig, e);
        if (!rc) {
            figures = jsonx_dump(fig);
            rc = figures ? 0 : err_nomem(e);
        }
        json_decref(fig);
        store_report_release(&r);
    }
    if (!rc)
        rc = step(&x, id, action, reason, figures, frozen_at, e);
    free(figures); /* jansson's allocator */
    store_report_t r;
    if (!rc && out && app_report_load(&x, id, &r, e) == 0) {
        rc = app_report_json(&x, &r, out, e);
        store_report_release(&r);
    }
    app_report_ctx_close(&x);
    return rc;
}

int app_report_submit(app_t *a, const user_t *actor, int64_t id, dtime_t at, json_t **out, err_t *e)
{
    return act(a, actor, id, REPORT_SUBMIT, NULL, at, out, e);
}

int app_report_return(app_t *a, const user_t *actor, int64_t id, const char *reason, dtime_t at,
                      json_t **out, err_t *e)
{
    size_t n = reason ? strlen(reason) : 0;
    if (!n || n > REASON_MAX || !text_valid(reason, n))
        return err_set(
            e, ERR_INVALID, "report.reason", "Cần ghi lý do trả lại báo cáo (tối đa %d ký tự)",
            "A reason for returning the report is required (at most %d characters)", REASON_MAX);
    return act(a, actor, id, REPORT_RETURN, reason, at, out, e);
}

int app_report_accept(app_t *a, const user_t *actor, int64_t id, dtime_t at, json_t **out, err_t *e)
{
    return act(a, actor, id, REPORT_ACCEPT, NULL, at, out, e);
}
