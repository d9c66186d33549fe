/* request.c - request accessors (request.h). */
#include "http/http_int.h"

#include "base/jsonx.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

const char *http_req_param(const http_req_t *req, const char *name)
{
    const http_exchange_t *x = http_exchange_of(req);
    for (size_t i = 0; i < x->match.nparams; i++)
        if (strcmp(x->match.params[i].name, name) == 0)
            return x->match.params[i].value;
    return NULL;
}

static const char *lookup(const http_req_t *req, enum MHD_ValueKind kind, const char *name)
{
    const http_exchange_t *x = http_exchange_of(req);
    return x->conn ? MHD_lookup_connection_value(x->conn, kind, name) : NULL;
}

const char *http_req_query(const http_req_t *req, const char *name)
{
    return lookup(req, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_req_cookie(const http_req_t *req, const char *name)
{
    return lookup(req, MHD_COOKIE_KIND, name);
}

const char *http_req_header(const http_req_t *req, const char *name)
{
    return lookup(req, MHD_HEADER_KIND, name);
}

/* "application/json", optionally followed by parameters; case-insensitive. */
static bool is_json_type(const char *ct)
{
    static const char want[] = "application/json";
    if (!ct)
        return false;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (strncasecmp(ct, want, sizeof want - 1) != 0)
        return false;
    char next = ct[sizeof want - 1];
    return next == '\0' || next == ';' || next == ' ' || next == '\t';
}

json_t *http_req_json(http_req_t *req, err_t *e)
{
    http_exchange_t *x = http_exchange_of(req);
    if (x->json)
        return x->json;
    if (!is_json_type(http_req_header(req, "Content-Type"))) {
        err_set(e, ERR_INVALID, "http.content_type",
                "Nội dung gửi lên phải là JSON (Content-Type: application/json)",
                "The request body must be JSON (Content-Type: application/json)");
        return NULL;
    }
    if (req->body_len > HTTP_MAX_JSON_BODY) {
        err_set(e, ERR_TOOLARGE, "http.too_large",
                "Nội dung JSON quá lớn: %zu byte (tối đa %d byte)",
                "The JSON body is too large: %zu bytes (at most %d)", req->body_len,
                HTTP_MAX_JSON_BODY);
        return NULL;
    }
    if (req->body_len == 0) {
        err_set(e, ERR_INVALID, "json.malformed", "Thiếu nội dung JSON",
                "The JSON request body is empty");
        return NULL;
    }
    x->json = jsonx_parse(req->body, req->body_len, e);
    return x->json;
}

bool http_req_cancelled(const http_req_t *req)
{
    http_exchange_t *x = http_exchange_of(req);
    int why = HTTP_CANCEL_NONE;
    if (atomic_load(&x->srv->draining))
        why = HTTP_CANCEL_STOP;
    else if (x->deadline_ms && http_server_now_ms() > x->deadline_ms)
        why = HTTP_CANCEL_TIME;
    if (why == HTTP_CANCEL_NONE)
        return false;
    int none = HTTP_CANCEL_NONE;
    atomic_compare_exchange_strong(&x->cancelled, &none, why);
    return true;
}
