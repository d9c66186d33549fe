/* api_feedback.c - citizen feedback (PAKN) over HTTP: public submission,
 * status and rating; officers' handling steps, detail and list
 * (docs/API.md, "Citizen feedback"). */
#include "http/api.h"

#include "app/app_feedback.h"
#include "app/app_units.h"
#include "app/evidence.h"
#include "base/mem.h"
#include "base/jsonx.h"
#include "io/ledger_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* A public submission is small whatever the server's body limit. */
#define SUBMIT_BODY_MAX (32u << 10)

static const char *field_of(const err_t *e)
{
    static const struct {
        const char *code, *field;
    } map[] = {{"feedback.unit_unknown", "unit"},
               {"feedback.subject", "subject"},
               {"feedback.future", "at"},
               {"feedback.rating", "rating"},
               {"feedback.event", "kind"},
               {"feedback.code", "code"},
               {"feedback.kind", "kind"},
               {"feedback.about", "about"},
               {"feedback.procedure_unknown", "about_ref"}};
    if (e->status != ERR_INVALID)
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, e->code) == 0)
            return map[i].field;
    if (strcmp(e->code, "feedback.text") == 0) /* the message names the field */
        return "text";
    return NULL;
}

/* {"code","status","status_label"}: all a citizen sees. */
static json_t *public_json(const char *code, fb_status_t st)
{
    return json_pack("{s:s,s:s,s:s}", "code", code, "status", feedback_status_name(st),
                     "status_label", feedback_status_label_vi(st));
}

/* The files attached to item id that the user may read. */
static json_t *attachments_json(http_req_t *req, int64_t id)
{
    evidence_t *rows = NULL;
    size_t n = 0;
    err_t e;
    json_t *a = json_array();
    if (!a || evidence_list(api_app(req), api_user(req), "feedback", id, &rows, &n, &e)) {
        json_decref(a);
        return NULL;
    }
    for (size_t i = 0; a && i < n; i++) {
        json_t *o = json_pack("{s:I,s:s,s:I,s:s}", "id", (json_int_t)rows[i].id, "filename",
                              rows[i].filename, "size", (json_int_t)rows[i].size, "content_type",
                              rows[i].content_type);
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            a = NULL;
        }
    }
    mem_free(rows);
    return a;
}

static int answer_view(http_req_t *req, http_resp_t *resp, int status, const char *code,
                       dtime_t as_of)
{
    err_t e;
    app_fb_view_t v;
    if (app_feedback_get(api_app(req), api_user(req), code, as_of, &v, &e))
        return http_resp_error(resp, &e);
    json_t *o = ledger_json_feedback(&v);
    if (o) {
        int rc = jsonx_set_int(o, "id", v.id);
        rc |= jsonx_set_str(o, "kind", v.text.kind ? v.text.kind : "phan_anh");
        rc |= jsonx_set_str(o, "about", v.text.about ? v.text.about : "");
        rc |= jsonx_set_str(o, "about_ref", v.text.about_ref ? v.text.about_ref : "");
        rc |= jsonx_set_new(o, "attachments", attachments_json(req, v.id));
        if (rc) {
            json_decref(o);
            o = NULL;
        }
    }
    app_feedback_view_release(&v);
    return http_resp_json(resp, status, o);
}

int api_feedback_submit(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "feedback", SUBMIT_BODY_MAX))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_fb_in_t in = {0};
    in.unit = api_body_str(&b, "unit", true);
    in.subject = api_body_str(&b, "subject", true);
    in.content = api_body_str(&b, "content", false);
    in.sender_name = api_body_str(&b, "sender_name", false);
    in.sender_contact = api_body_str(&b, "sender_contact", false);
    in.kind = api_body_str(&b, "kind", false);
    in.about = api_body_str(&b, "about", false);
    in.about_ref = api_body_str(&b, "about_ref", false);
    in.received = DTIME_NONE; /* the server's clock, never the client's */
    const char *trap = api_body_str(&b, API_HONEYPOT, false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    char code[FB_CODE_MAX + 1];
    if (api_public_trap(req, "feedback", trap)) { /* a robot: answered as if stored */
        snprintf(code, sizeof code, "PAKN-%010lu", req->id % 10000000000ul);
        return http_resp_json(resp, 201, public_json(code, FB_RECEIVED));
    }
    if (app_feedback_submit(api_app(req), NULL, &in, code, &e))
        return api_error_field(resp, &e, field_of(&e));
    return http_resp_json(resp, 201, public_json(code, FB_RECEIVED));
}

int api_feedback_event(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_fb_event_in_t in = {0};
    const char *kind = api_body_str(&b, "kind", true);
    in.at = api_body_time(&b, "at");
    in.rating = (int)api_body_int(&b, "rating", 0, 0, 3);
    in.note = api_body_str(&b, "note", false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    if (feedback_event_parse(kind, &in.kind) || in.kind == FBE_RECEIVED) {
        err_set(&e, ERR_INVALID, "feedback.event",
                "Loại sự kiện '%s' không hợp lệ (acknowledge, request_info, supply_info, answer, "
                "publish, rate)",
                "Invalid event kind '%s' (acknowledge, request_info, supply_info, answer, "
                "publish, rate)",
                kind);
        return api_error_field(resp, &e, "kind");
    }
    const char *code = http_req_param(req, "id");
    if (app_feedback_event(api_app(req), api_user(req), code, &in, &e))
        return api_error_field(resp, &e, field_of(&e));
    return answer_view(req, resp, 201, code, DTIME_NONE);
}

int api_feedback_get(http_req_t *req, http_resp_t *resp)
{
    dtime_t as_of = DTIME_NONE;
    const char *q = http_req_query(req, "as_of");
    if (q && *q && dtime_parse(q, strlen(q), &as_of))
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_time",
                                "Tham số as_of không phải ngày giờ hợp lệ",
                                "Parameter as_of is not a valid date-time");
    return answer_view(req, resp, 200, http_req_param(req, "id"), as_of);
}

/* The step the officials owe next and its due (DTIME_NONE when none: the
 * information is awaited from the citizen, or the item is published). */
static int next_step(const feedback_t *f, const fb_timeliness_t *t, dtime_t *due)
{
    static const int order[] = {FB_STEP_ACK, FB_STEP_ANSWER, FB_STEP_PUBLISH};
    *due = DTIME_NONE;
    if (f->status == FB_INFO_REQUESTED)
        return -1;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int k = order[i];
        if (t->step[k] != FBS_PENDING && t->step[k] != FBS_OVERDUE)
            continue;
        *due = k == FB_STEP_ACK ? f->ack_due : k == FB_STEP_ANSWER ? f->answer_due : f->publish_due;
        return k;
    }
    return -1;
}

static int list_item(void *ctx, const feedback_t *f, const char *subject, const fb_timeliness_t *t)
{
    json_t *items = ctx;
    char r[DTIME_ISO_LEN];
    dtime_format(f->received, r);
    dtime_t due;
    int step = next_step(f, t, &due);
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:b}", "code", f->code, "unit",
                          f->unit, "subject", subject, "status", feedback_status_name(f->status),
                          "status_label", feedback_status_label_vi(f->status), "status_label_en",
                          feedback_status_label_en(f->status), "received", r, "timeliness",
                          feedback_step_state_name(t->overall), "next_step",
                          step >= 0 ? feedback_step_name(step) : NULL, "next_overdue",
                          step >= 0 && t->step[step] == FBS_OVERDUE);
    if (o && jsonx_set_time(o, "next_due", due)) {
        json_decref(o);
        o = NULL;
    }
    return o && !json_array_append_new(items, o) ? 0 : ERR_NOMEM;
}

static int size_query(http_req_t *req, const char *name, size_t dflt, size_t max, size_t *out)
{
    const char *s = http_req_query(req, name);
    *out = dflt;
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0 || (unsigned long long)v > max)
        return ERR_INVALID;
    *out = (size_t)v;
    return 0;
}

int api_feedback_list(http_req_t *req, http_resp_t *resp)
{
    app_fb_filter_t flt = {0};
    flt.as_of = DTIME_NONE;
    const char *unit = http_req_query(req, "unit"), *tree = http_req_query(req, "tree");
    const char *status = http_req_query(req, "status");
    flt.unit = unit && *unit ? unit : NULL;
    flt.tree = tree && (strcmp(tree, "1") == 0 || strcmp(tree, "true") == 0);
    if (status && *status && feedback_status_parse(status, &flt.status))
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_param", "Tham số status không hợp lệ",
                                "Invalid parameter status");
    if (size_query(req, "limit", 100, 1000, &flt.limit) ||
        size_query(req, "offset", 0, (size_t)1 << 40, &flt.offset))
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_param",
                                "Tham số limit/offset không hợp lệ",
                                "Invalid parameter limit/offset");
    json_t *items = json_array();
    if (!items)
        return ERR_NOMEM;
    err_t e;
    size_t total = 0;
    if (app_feedback_list(api_app(req), api_user(req), &flt, list_item, items, &total, &e)) {
        json_decref(items);
        return http_resp_error(resp, &e);
    }
    return http_resp_json(resp, 200,
                          json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "offset",
                                    (json_int_t)flt.offset, "limit", (json_int_t)flt.limit, "items",
                                    items));
}

static json_t *public_view_json(const app_fb_public_t *p)
{
    const feedback_t *f = &p->f;
    json_t *o = public_json(f->code, f->status);
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "status_label_en", feedback_status_label_en(f->status));
    rc |= jsonx_set_str(o, "subject", p->subject);
    rc |= jsonx_set_str(o, "kind", p->kind);
    rc |= jsonx_set_str(o, "about", p->about);
    rc |= jsonx_set_str(o, "about_ref", p->about_ref);
    rc |= jsonx_set_time(o, "received", f->received);
    rc |= jsonx_set_time(o, "answer_due", f->answer_due);
    rc |= jsonx_set_time(o, "published", f->published);
    rc |= jsonx_set_str(o, "info_request", p->info_request);
    rc |= jsonx_set_str(o, "answer", p->answer);
    rc |= jsonx_set_int(o, "rating", f->rating);
    rc |= jsonx_set_bool(o, "can_rate", f->answered != DTIME_NONE && !f->rating);
    rc |= jsonx_set_bool(o, "can_supply_info", f->status == FB_INFO_REQUESTED);
    rc |= jsonx_set_bool(o, "can_attach",
                         f->answered == DTIME_NONE && p->attachments < APP_FB_ATTACH_MAX);
    rc |= jsonx_set_int(o, "attachments", (long long)p->attachments);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int answer_public(http_req_t *req, http_resp_t *resp, int status, const char *code)
{
    err_t e;
    app_fb_public_t p;
    if (app_feedback_public_view(api_app(req), code, &p, &e))
        return http_resp_error(resp, &e);
    json_t *o = public_view_json(&p);
    app_feedback_public_release(&p);
    return http_resp_json(resp, status, o);
}

int api_public_feedback_get(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "feedback", 0))
        return 0;
    return answer_public(req, resp, 200, http_req_param(req, "id"));
}

/* POST /api/v1/public/feedback/{id}/info {"content"} */
int api_public_feedback_info(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "feedback", SUBMIT_BODY_MAX))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *content = api_body_str(&b, "content", true);
    const char *trap = api_body_str(&b, API_HONEYPOT, false);
    if (b.field)
        return api_body_error(resp, &b);
    const char *code = http_req_param(req, "id");
    err_t e;
    if (!api_public_trap(req, "feedback", trap) &&
        app_feedback_supply_public(api_app(req), code, content, &e))
        return api_error_field(resp, &e, e.status == ERR_INVALID ? "content" : NULL);
    return answer_public(req, resp, 200, code);
}

/* POST /api/v1/public/feedback/{id}/attachments?filename=… (the raw file) */
int api_public_feedback_attach(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "feedback", APP_FB_ATTACH_BYTES))
        return 0;
    const char *code = http_req_param(req, "id");
    err_t e;
    int64_t id = 0;
    if (app_feedback_attach_public(api_app(req), code, http_req_query(req, "filename"), req->body,
                                   req->body_len, &id, &e))
        return http_resp_error(resp, &e);
    return answer_public(req, resp, 201, code);
}

int api_public_feedback_rate(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "feedback", SUBMIT_BODY_MAX))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    api_body_require(&b, "rating");
    int rating = (int)api_body_int(&b, "rating", 0, 1, 3);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    const char *code = http_req_param(req, "id");
    if (app_feedback_rate_public(api_app(req), code, rating, &e)) {
        if (e.status == ERR_NOTFOUND) /* the same answer as the status endpoint */
            err_set(&e, ERR_NOTFOUND, "feedback.not_found", "Không tìm thấy phản ánh",
                    "Feedback not found");
        return api_error_field(resp, &e, field_of(&e));
    }
    fb_status_t st = FB_NONE;
    if (app_feedback_public(api_app(req), code, &st, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, public_json(code, st));
}

/* GET /api/v1/public/units: the units in operation today, for the public
 * forms' "agency addressed" list (names and codes only). */
int api_public_units(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "units", 0))
        return 0;
    unit_set_t units;
    unit_set_init(&units);
    err_t e;
    if (app_units_load(api_app(req), &units, &e)) {
        unit_set_release(&units);
        return http_resp_error(resp, &e);
    }
    date_t today = dtime_date(dtime_now());
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < units.n; i++) {
        const unit_t *u = &units.units[i];
        if ((u->valid_from != DATE_NONE && u->valid_from > today) ||
            (u->valid_to != DATE_NONE && u->valid_to < today))
            continue;
        json_t *o =
            json_pack("{s:s,s:s,s:s?}", "code", u->code, "name", u->name, "parent", u->parent);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            arr = NULL;
        }
    }
    unit_set_release(&units);
    return http_resp_json(resp, 200, arr ? json_pack("{s:o}", "units", arr) : NULL);
}
