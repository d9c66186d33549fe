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
#include "http/http_req.h"
#include "http/http_resp.h"
#include "http/http_router.h"

#include <stdarg.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct http_server;

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
    char *method;     /* owned copies */
    char *path;       /* decoded path as sent (req.path) */
    char *route_path; /* scratch copy cut up by the router */
    char client[INET6_ADDRSTRLEN];
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
} http_exchange_t;

/* The exchange that holds req. */
static inline http_exchange_t *http_exchange_of(const http_req_t *req)
{
    return (http_exchange_t *)((char *)(uintptr_t)req - offsetof(http_exchange_t, req));
}

#endif
