/* http_dispatch.c - what the server decides for a request: early checks
 * when the headers arrive (Host, route, rate limit, gate), then routing,
 * authentication, the handler (here or on a pool) and the answer's
 * standard headers (http_int.h, docs/internals/http.md). */
#include "http/http_int.h"

#include "http/http_csrf.h"
#include "http/http_host.h"

#include "base/log.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

void http_dispatch_error(http_exchange_t *x, bool json, const err_t *e)
{
    if (json) {
        http_resp_error(&x->resp, e);
        return;
    }
    int status = err_http_status(e->status);
    char text[2 * ERR_MSG_MAX + 16];
    snprintf(text, sizeof text, "%d %s / %s\n", status, e->vi, e->en);
    http_resp_text(&x->resp, status, text);
}

static void answer_405(http_exchange_t *x, bool json, const char *allow)
{
    err_t e;
    err_set(&e, ERR_METHOD, "http.method_not_allowed",
            "Phương thức %s không dùng được cho đường dẫn này", "Method %s is not allowed here",
            x->method);
    http_dispatch_error(x, json, &e);
    http_resp_add_header(&x->resp, "Allow", allow);
}

/* 421 Misdirected Request: not a status of ERR_MAP, built here. */
static void answer_bad_host(http_exchange_t *x, const err_t *e)
{
    bool api = http_router_path_is_api(x->path);
    json_t *o = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", e->code, "message", e->vi,
                          "message_en", e->en);
    if (api) {
        http_resp_json(&x->resp, 421, o);
        return;
    }
    json_decref(o);
    char text[2 * ERR_MSG_MAX + 16];
    snprintf(text, sizeof text, "421 %s / %s\n", e->vi, e->en);
    http_resp_text(&x->resp, 421, text);
}

static void answer_retry(http_exchange_t *x, const err_t *e, unsigned seconds)
{
    char ra[16];
    snprintf(ra, sizeof ra, "%u", seconds ? seconds : 1);
    http_dispatch_error(x, http_router_path_is_api(x->path) || x->match.route, e);
    http_resp_add_header(&x->resp, "Retry-After", ra);
}

/* Matches the route once (the router cuts route_path in place). */
static void route_once(http_exchange_t *x)
{
    if (x->routed)
        return;
    x->routed = true;
    x->matched = http_router_match(x->srv->router, x->method, x->route_path, &x->match);
}

/* CSRF, then the session for non-public routes; false with an answer set. */
static bool admit(http_exchange_t *x)
{
    http_server_t *s = x->srv;
    const http_route_t *rt = x->match.route;
    err_t e;
    err_clear(&e);
    if (http_csrf_check(x->method, http_req_header(&x->req, "Host"),
                        http_req_header(&x->req, "Origin"),
                        http_req_header(&x->req, "Sec-Fetch-Site"), s->allowed_origins, &e)) {
        http_dispatch_error(x, true, &e);
        return false;
    }
    if ((rt->flags & HTTP_ROUTE_PUBLIC) || x->authed)
        return true;
    const char *token = http_req_cookie(&x->req, HTTP_SESSION_COOKIE);
    int rc = ERR_UNAUTH;
    void *user = NULL;
    if (s->hooks.authenticate)
        rc = s->hooks.authenticate(s->app, token, &user, &e);
    if (rc) {
        if (e.status == 0 || (e.status == ERR_UNAUTH && !e.code[0]))
            err_set(&e, ERR_UNAUTH, "auth.required", "Bạn cần đăng nhập để tiếp tục",
                    "Please log in to continue");
        http_dispatch_error(x, true, &e);
        return false;
    }
    x->authed = true;
    x->user = user;
    x->req.user = user;
    return true;
}

bool http_dispatch_early(http_exchange_t *x)
{
    http_server_t *s = x->srv;
    err_t e;
    if (http_host_check(http_req_header(&x->req, "Host"), s->server_names, &e)) {
        log_sub("http", LOG_DEBUG, "refused Host '%s' (not a configured server name)",
                http_req_header(&x->req, "Host"));
        answer_bad_host(x, &e);
        return true;
    }
    x->path_ok = !x->raw_nul && http_router_path_check(x->path, &e) == 0;
    if (!x->path_ok)
        return false; /* answered once the body is in, as before */
    route_once(x);
    const http_route_t *rt = x->matched == HTTP_MATCH_OK ? x->match.route : NULL;
    if (!rt)
        return false;
    unsigned wait = 0;
    if (rt->limit && http_ratelimit_take(s->limits, rt->limit, x->client, http_server_now_ms(),
                                         &wait) == ERR_TOOMANY) {
        http_ratelimit_error(wait, &e);
        answer_retry(x, &e, wait);
        return true;
    }
    if (!rt->gate)
        return false;
    if (!admit(x))
        return true;
    rt->gate(&x->req, &x->resp);
    return x->resp.status != 0;
}

void http_dispatch_handler(http_exchange_t *x)
{
    err_t e;
    int rc = x->match.route->fn(&x->req, &x->resp);
    if (rc && x->resp.status == 0) {
        err_set_generic(&e, rc);
        http_resp_error(&x->resp, &e);
    } else if (!rc && x->resp.status == 0 && !x->resp.body) {
        http_resp_empty(&x->resp, 204);
    }
}

/* Runs a matched route here or hands it to a pool; true when handed. */
static bool run_route(http_exchange_t *x)
{
    if (!admit(x))
        return false;
    if (x->match.route->flags & (HTTP_ROUTE_WORK | HTTP_ROUTE_HASH))
        return http_job_submit(x);
    http_dispatch_handler(x);
    return false;
}

bool http_dispatch(http_exchange_t *x)
{
    http_server_t *s = x->srv;
    bool api = http_router_path_is_api(x->path);
    err_t e;
    if (!x->path_ok) {
        if (api)
            err_set(&e, ERR_INVALID, "http.bad_path", "Đường dẫn không hợp lệ",
                    "Invalid request path");
        else
            err_set_generic(&e, ERR_NOTFOUND);
        http_dispatch_error(x, api, &e);
        return false;
    }
    if (x->too_large) {
        err_set(&e, ERR_TOOLARGE, "http.too_large", "Nội dung gửi lên quá lớn (tối đa %zu byte)",
                "Request body too large (at most %zu bytes)", s->cfg.max_body);
        http_dispatch_error(x, api, &e);
        return false;
    }
    x->req.body = buf_cstr(&x->body);
    x->req.body_len = x->body.len;
    route_once(x);
    if (x->matched == HTTP_MATCH_OK)
        return run_route(x);
    if (x->matched == HTTP_MATCH_METHOD) {
        answer_405(x, true, x->match.allow);
    } else if (api || !s->st) {
        err_set(&e, ERR_NOTFOUND, "http.not_found", "Không tìm thấy đường dẫn %s",
                "No such path: %s", x->path);
        http_dispatch_error(x, api, &e);
    } else if (strcmp(x->method, "GET") != 0 && strcmp(x->method, "HEAD") != 0) {
        answer_405(x, false, "GET, HEAD");
    } else {
        http_static_serve(s->st, &x->req, &x->resp);
    }
    return false;
}

static void add_standard_headers(http_exchange_t *x)
{
    http_resp_t *r = &x->resp;
    bool api = http_router_path_is_api(x->path) || x->match.route;
    char id[32];
    snprintf(id, sizeof id, "%lu", x->req.id);
    http_resp_add_header(r, "X-Content-Type-Options", "nosniff");
    http_resp_add_header(r, "Referrer-Policy", "same-origin");
    http_resp_add_header(r, "X-Frame-Options", "DENY");
    http_resp_add_header(r, "X-Request-Id", id);
    if (api) {
        http_resp_add_header(r, "Content-Security-Policy",
                             "default-src 'none'; frame-ancestors 'none'");
        if (!http_resp_get_header(r, "Cache-Control"))
            http_resp_add_header(r, "Cache-Control", "no-store");
    } else {
        http_resp_add_header(r, "Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                             "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    }
    if (atomic_load(&x->srv->draining))
        http_resp_add_header(r, "Connection", "close");
}

enum MHD_Result http_dispatch_queue(http_exchange_t *x)
{
    static const char oom[] = "500 Lỗi hệ thống / Internal server error\n";
    struct MHD_Response *m = NULL;
    if (x->resp.status == 0) {
        err_t e;
        err_set_generic(&e, ERR_INTERNAL);
        http_dispatch_error(x, http_router_path_is_api(x->path), &e);
    }
    x->status = x->resp.status;
    x->bytes = strcmp(x->method ? x->method : "", "HEAD") == 0 ? 0 : http_resp_size(&x->resp);
    if (x->status) {
        add_standard_headers(x);
        m = http_resp_to_mhd(&x->resp);
    }
    if (!m) {
        x->status = 500;
        x->bytes = sizeof oom - 1;
        m = MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
        if (!m)
            return MHD_NO;
    }
    enum MHD_Result q = MHD_queue_response(x->conn, (unsigned)x->status, m);
    MHD_destroy_response(m);
    x->responded = true;
    return q;
}
