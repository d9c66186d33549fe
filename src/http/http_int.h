/* internal.h - private structures shared by server.c, request.c,
 * response.c and static.c. Not for handlers: use request.h and response.h.
 *
 * One http_exchange_t lives per HTTP request: created by the URI callback
 * (the first thing MHD tells us about a request), handed back by MHD as the
 * request's context on every access-handler call, and freed by the
 * completion callback, which MHD calls exactly once per request it reported
 * (including requests it aborts itself, e.g. 431 or a client hang-up). */
#ifndef CCHC_HTTP_INT_H
#define CCHC_HTTP_INT_H

#include "base/buf.h"
#include "http/http_pool.h"
#include "http/http_proxy.h"
#include "http/http_ratelimit.h"
#include "http/http_req.h"
#include "http/http_resp.h"
#include "http/http_router.h"
#include "http/http_server.h"
#include "http/http_static.h"

#include <stdarg.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct http_server {
    http_config_t cfg;
    char *listen;
    char *allowed_origins; /* owned copies of the configuration strings */
    char *server_names;
    char *web_dir;
    struct sockaddr_storage addr;
    bool ipv6;
    bool secure_cookies; /* effective: forced, or by default off loopback */
    uint16_t cfg_port;   /* from the listen address; 0 = ephemeral */
    uint16_t port;       /* bound, while running */
    http_router_t *router;
    http_hooks_t hooks;
    void *app;
    http_static_t *st;
    http_proxy_t *proxies;
    http_ratelimit_t *limits;
    http_pool_t *work; /* HTTP_ROUTE_WORK handlers (started with the server) */
    http_pool_t *hash; /* HTTP_ROUTE_HASH handlers */
    struct MHD_Daemon *daemon;
    atomic_ulong next_id;
    atomic_long in_flight;
    atomic_ulong served;
    atomic_bool draining;
    atomic_llong busy_logged_ms; /* last "pool full" warning (one per 10 s) */
};

typedef struct http_hdr {
    char *name;
    char *value;
} http_hdr_t;

struct http_resp {
    int status; /* 0 = nothing set yet */
    char *body; /* owned; freed with body_free */
    size_t body_len;
    void (*body_free)(void *);
    int fd; /* file body (static), owned, -1 when none */
    uint64_t fd_size;
    http_hdr_t *hdrs;
    size_t nhdrs, cap;
    bool secure_cookies;
};

void http_resp_init(http_resp_t *r, bool secure_cookies);
void http_resp_release(http_resp_t *r); /* frees body, fd, headers */
/* Value of a header already set (case-insensitive), or NULL. */
const char *http_resp_get_header(const http_resp_t *r, const char *name);
/* Adds a header without the checks of http_resp_header (server headers). */
int http_resp_add_header(http_resp_t *r, const char *name, const char *value);
/* Builds the MHD response, moving the body or fd into it. NULL on failure
 * (r's body is then still owned by r). */
struct MHD_Response *http_resp_to_mhd(http_resp_t *r);
/* Bytes of body the response will carry. */
uint64_t http_resp_size(const http_resp_t *r);

typedef struct http_exchange {
    http_req_t req; /* the public part handed to handlers */
    http_resp_t resp;
    struct http_server *srv;
    struct MHD_Connection *conn;
    char *method;                /* owned copies */
    char *path;                  /* decoded path as sent (req.path) */
    char *route_path;            /* scratch copy cut up by the router */
    char peer[INET6_ADDRSTRLEN]; /* the socket peer */
    char client[HTTP_ADDR_MAX];  /* the client: peer, or X-Forwarded-For from a trusted proxy */
    buf_t body;
    json_t *json; /* cached http_req_json result */
    http_match_t match;
    struct timespec start;
    uint64_t received; /* body bytes seen, including discarded ones */
    int status;        /* status queued, 0 if none */
    uint64_t bytes;    /* body bytes queued */
    bool started;      /* the first access-handler call happened */
    bool responded;    /* a response was queued */
    bool raw_nul;      /* the raw URI path held %00 */
    bool too_large;    /* body above max_body: being discarded */
    int matched;       /* http_router_match result, once routed */
    bool routed;       /* matched is set (the router cut route_path) */
    bool path_ok;      /* the decoded path passed http_router_path_check */
    bool authed;       /* user came from hooks.authenticate; release_user pending */
    void *user;
    /* Jobs (HTTP_ROUTE_WORK / HTTP_ROUTE_HASH): the handler runs on a pool
     * worker while MHD keeps the connection suspended. */
    bool deferred;        /* handed to a pool; the answer is queued when it is done */
    atomic_bool job_done; /* the worker finished and resumed the connection */
    int64_t deadline_ms;  /* monotonic ms after which the job is cancelled (0 = none) */
    atomic_int cancelled; /* why http_req_cancelled first said yes (enum http_cancel) */
} http_exchange_t;

enum http_cancel { HTTP_CANCEL_NONE = 0, HTTP_CANCEL_STOP, HTTP_CANCEL_TIME };

/* Monotonic milliseconds. */
int64_t http_server_now_ms(void);

/* http_dispatch.c: the decisions taken when the headers arrived (Host,
 * route, rate limit, gate); true when an answer was set and must be queued
 * now, before the body is read. */
bool http_dispatch_early(http_exchange_t *x);
/* Routes and runs the request once the body is in; true when it was handed
 * to a worker (answer queued later), false when x->resp holds the answer. */
bool http_dispatch(http_exchange_t *x);
/* Queues x->resp on the connection (standard headers added). */
enum MHD_Result http_dispatch_queue(http_exchange_t *x);
/* JSON error for API paths and routes, a bilingual text page otherwise. */
void http_dispatch_error(http_exchange_t *x, bool json, const err_t *e);
/* Runs the route's handler with the usual outcome rules (204, generic error). */
void http_dispatch_handler(http_exchange_t *x);

/* http_job.c: hands x to the route's pool and suspends the connection;
 * false (x->resp set: 503/429) when the pool refused it. */
bool http_job_submit(http_exchange_t *x);

/* The exchange that holds req. */
static inline http_exchange_t *http_exchange_of(const http_req_t *req)
{
    return (http_exchange_t *)((char *)(uintptr_t)req - offsetof(http_exchange_t, req));
}

#endif
