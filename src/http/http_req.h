/* request.h - what a handler sees of an HTTP request.
 *
 * The server owns every http_req_t and everything reachable from it; all
 * strings returned here are borrowed and stay valid until the handler
 * returns (the request completes right after). Handlers may read the public
 * fields and set `user` only through the authentication hook.
 *
 * Accessors are safe to call from the handler's thread only (the one MHD
 * polling thread that runs the request). */
#ifndef CCHC_HTTP_REQ_H
#define CCHC_HTTP_REQ_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct http_req {
    const char *method;      /* "GET", "HEAD", "POST", ... as sent */
    const char *path;        /* percent-decoded, checked by http_router_path_check; a trailing
                                slash is kept as sent; no query string */
    const char *body;        /* the whole request body, NUL-terminated ("" when empty);
                                at most the server's max_body bytes */
    size_t body_len;         /* bytes in body (not counting the NUL) */
    unsigned long id;        /* request id, also shown in log lines and X-Request-Id */
    const char *client_addr; /* "127.0.0.1", "::1", ...: the socket peer, or the client named
                                by X-Forwarded-For when the peer is a trusted proxy */
    void *app;               /* the app context given to http_server_new */
    void *user;              /* set by the authenticate hook; NULL on public routes */
} http_req_t;

/* Value of path parameter name captured by the router ("{code}"), or NULL. */
const char *http_req_param(const http_req_t *req, const char *name);

/* Value of query parameter name (percent-decoded), or NULL when absent or
 * given without '=' ("?flag"). The first occurrence wins. */
const char *http_req_query(const http_req_t *req, const char *name);

/* Value of cookie name, or NULL. */
const char *http_req_cookie(const http_req_t *req, const char *name);

/* Value of request header name (case-insensitive), or NULL. */
const char *http_req_header(const http_req_t *req, const char *name);

/* Largest JSON body http_req_json parses, whatever the server's max_body
 * (which is larger for file uploads). */
#define HTTP_MAX_JSON_BODY (1024 * 1024)

/* The body parsed as JSON, parsed once and cached: borrowed, do not
 * json_decref it (json_incref what you keep). Requires a Content-Type of
 * application/json (parameters such as charset allowed): otherwise NULL
 * with ERR_INVALID "http.content_type". A body over HTTP_MAX_JSON_BODY gives
 * NULL with ERR_TOOLARGE "http.too_large" (413). An empty or malformed body
 * gives NULL with ERR_INVALID "json.malformed" (the message says where). Any
 * JSON value is accepted; check the type you need. */
json_t *http_req_json(http_req_t *req, err_t *e);

/* Whether the handler should stop its work now: the server is stopping
 * (SIGTERM), or the request runs on the work pool (HTTP_ROUTE_WORK) and its
 * time budget is spent. Cheap; safe to call from long loops (the plan
 * parser's cancel hook). Whatever error the handler then returns, a 5xx
 * answer is replaced by one that says why (http.shutting_down 503,
 * http.work_timeout 413). */
bool http_req_cancelled(const http_req_t *req);

#endif
