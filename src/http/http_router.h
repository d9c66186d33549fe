/* router.h - the route table of the HTTP server and request-path checks.
 *
 * A route table is a plain array of http_route_t terminated by a zero entry
 * ({0}), usually a static const array in the application:
 *
 *     static const http_route_t routes[] = {
 *         {"POST", "/api/v1/login", api_login, HTTP_ROUTE_PUBLIC},
 *         {"GET", "/api/v1/units", api_units_list, 0},
 *         {"GET", "/api/v1/units/{code}", api_units_get, 0},
 *         {0},
 *     };
 *
 * Patterns are absolute paths made of literal segments and parameter
 * segments "{name}" (a whole segment; name is [A-Za-z0-9_]{1,31}). Matching is
 * exact per segment and case-sensitive: "/api/v1/units" never matches
 * "/api/v1/unitsx" or "/api/v1/units/x". A parameter matches any one
 * non-empty segment. When several routes match a path, the most specific
 * wins whatever the table order: at the first segment where they differ, a
 * literal beats a parameter ("/units/tree" before "/units/{code}").
 *
 * Trailing slash: patterns never end with '/'; a request path with one
 * trailing slash matches as if it had none ("/api/v1/units/" is
 * "/api/v1/units"). Empty segments inside a path ("//") are invalid and
 * rejected by http_router_path_check before routing.
 *
 * Methods: GET, POST, PUT, PATCH, DELETE. A HEAD request matches the GET
 * route of the path (the server drops the body). A path that matches some
 * route but not for the request method gives HTTP_MATCH_METHOD and the list
 * of allowed methods for the Allow header.
 *
 * The router borrows the route table (patterns included): the table must
 * outlive it. A router is immutable after http_router_new and may be used
 * from any number of threads at once. */
#ifndef CCHC_HTTP_ROUTER_H
#define CCHC_HTTP_ROUTER_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_PARAMS     8  /* parameters per pattern */
#define HTTP_MAX_SEGMENTS   32 /* segments per pattern or path */
#define HTTP_PARAM_NAME_MAX 31

/* Route flags. */
enum http_route_flags {
    HTTP_ROUTE_PUBLIC = 1u << 0, /* no session needed: the auth hook is not called */
    HTTP_ROUTE_WORK = 1u << 1,   /* runs on the work pool with a time and memory budget
                                    (document parsing, imports, exports) */
    HTTP_ROUTE_HASH = 1u << 2    /* runs on the hashing pool (password checks) */
};

typedef struct http_req http_req_t;   /* request.h */
typedef struct http_resp http_resp_t; /* response.h */

/* A handler fills resp (http_resp_json, http_resp_error...) and returns 0.
 * If it returns a negative ERR_* without having set a response, the server
 * answers with the matching status and a generic bilingual message; if it
 * returns 0 without setting anything, the answer is 204 No Content.
 * Handlers run on the server's polling threads: keep them short. */
typedef int (*http_handler_fn)(http_req_t *req, http_resp_t *resp);

typedef struct http_route {
    const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE"; NULL ends the table */
    const char *pattern; /* "/api/v1/units/{code}" */
    http_handler_fn fn;
    unsigned flags; /* enum http_route_flags */
    /* Optional: runs as soon as the headers arrived (after authentication
     * for non-public routes; req->body is still empty). Answering anything
     * refuses the request before its body is read (e.g. 403 for a role
     * that may not upload); answering nothing lets it go on. */
    http_handler_fn gate;
    /* Optional rate limit class charged per client address before the
     * body is read (http_ratelimit.h), e.g. "login", "lookup". */
    const char *limit;
} http_route_t;

/* Rows may stop after the flags (gate and limit are then NULL); with
 * -Wextra such rows need the table between these two lines:
 *     HTTP_ROUTES_BEGIN
 *     static const http_route_t routes[] = {...};
 *     HTTP_ROUTES_END */
#define HTTP_ROUTES_BEGIN                                                                          \
    _Pragma("GCC diagnostic push")                                                                 \
        _Pragma("GCC diagnostic ignored \"-Wmissing-field-initializers\"")
#define HTTP_ROUTES_END _Pragma("GCC diagnostic pop")

typedef struct http_router http_router_t;

/* Compiles and checks a route table. Fails (NULL, e filled) on an unknown
 * method ("http.route_method"), a malformed pattern ("http.route_pattern":
 * not starting with '/', trailing or double slash, bad parameter name,
 * braces inside a literal, too many segments or parameters, duplicate
 * parameter name), a missing handler ("http.route_handler"), two routes with
 * the same method and the same shape ("http.route_duplicate"), or no memory.
 * An empty table ({0}) is valid. */
http_router_t *http_router_new(const http_route_t *routes, err_t *e);
void http_router_free(http_router_t *r); /* NULL is a no-op */

typedef struct http_param {
    const char *name;  /* borrowed from the router */
    const char *value; /* borrowed from the path buffer given to the match */
} http_param_t;

typedef struct http_match {
    const http_route_t *route; /* the chosen route (HTTP_MATCH_OK) */
    size_t nparams;
    http_param_t params[HTTP_MAX_PARAMS];
    char allow[64]; /* HTTP_MATCH_METHOD: "GET, HEAD, POST" for the Allow header */
} http_match_t;

enum http_match_result {
    HTTP_MATCH_OK = 0,        /* m->route and m->params are set */
    HTTP_MATCH_NOT_FOUND = 1, /* no route has this path: 404 */
    HTTP_MATCH_METHOD = 2     /* the path exists for other methods: 405, m->allow */
};

/* Finds the route for method and path. path must have passed
 * http_router_path_check; it is modified in place (parameter values are cut out of
 * it with NUL bytes), so pass a private copy and do not use it as a path
 * afterwards. Parameter values stay valid as long as that buffer. */
int http_router_match(const http_router_t *r, const char *method, char *path, http_match_t *m);

/* Checks a percent-decoded request path: it must start with '/', be valid
 * UTF-8, contain no control characters (so no NUL survives), no "." or ".."
 * segment and no empty segment except one trailing slash. Returns 0, or
 * ERR_INVALID with e filled ("http.bad_path"). */
int http_router_path_check(const char *path, err_t *e);

/* true for "/api" and anything under "/api/". */
bool http_router_path_is_api(const char *path);

#endif
