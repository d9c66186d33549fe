/* api_feedback.c - citizen feedback (PAKN) over HTTP: public submission,
 * status and rating; officers' handling steps, detail and list
 * (docs/API.md, "Citizen feedback"). */
#include "http/api.h"

#include "app/app_feedback.h"
#include "base/jsonx.h"
#include "io/ledger_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* A public submission is small whatever the server's body limit. */
#define SUBMIT_BODY_MAX (32u << 10)

static const char *field_of(const err_t *e)
{
    static const struct {
        const char *code, *field;
    } map[] = {{"feedback.unit_unknown", "unit"}, {"feedback.subject", "subject"},
               {"feedback.future", "at"},         {"feedback.rating", "rating"},
               {"feedback.event", "kind"},        {"feedback.code", "code"}};
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

static int answer_view(http_req_t *req, http_resp_t *resp, int status, const char *code,
                       dtime_t as_of)
{
    err_t e;
    app_fb_view_t v;
    if (app_feedback_get(api_app(req), api_user(req), code, as_of, &v, &e))
        return http_resp_error(resp, &e);
    json_t *o = ledger_json_feedback(&v);
    app_feedback_view_release(&v);
    return http_resp_json(resp, status, o);
}

int api_feedback_submit(http_req_t *req, http_resp_t *resp)
{
    if (req->body_len > SUBMIT_BODY_MAX)
        return http_resp_errorf(resp, ERR_TOOLARGE, "feedback.too_large",
                                "Nội dung phản ánh quá lớn (tối đa 32 KiB)",
                                "The feedback is too large (32 KiB at most)");
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_fb_in_t in = {0};
    in.unit = api_body_str(&b, "unit", true);
    in.subject = api_body_str(&b, "subject", true);
    in.content = api_body_str(&b, "content", false);
    in.sender_name = api_body_str(&b, "sender_name", false);
    in.sender_contact = api_body_str(&b, "sender_contact", false);
    in.received = DTIME_NONE; /* the server's clock, never the client's */
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    char code[FB_CODE_MAX + 1];
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

static int list_item(void *ctx, const feedback_t *f, const char *subject, const fb_timeliness_t *t)
{
    json_t *items = ctx;
    char r[DTIME_ISO_LEN];
    dtime_format(f->received, r);
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "code", f->code, "unit", f->unit,
                          "subject", subject, "status", feedback_status_name(f->status),
                          "status_label", feedback_status_label_vi(f->status), "received", r,
                          "timeliness", feedback_step_state_name(t->overall));
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

int api_public_feedback_get(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    fb_status_t st;
    const char *code = http_req_param(req, "id");
    if (app_feedback_public(api_app(req), code, &st, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, public_json(code, st));
}

int api_public_feedback_rate(http_req_t *req, http_resp_t *resp)
{
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
