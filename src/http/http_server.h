/* server.h - the cchc HTTP server: libmicrohttpd with an internal pool of
 * epoll threads, our router (router.h), static files (static.h) and an
 * authentication hook supplied by the application.
 *
 * Request flow (details in docs/internals/http.md): when the headers arrive
 * the Host is checked (http_host.h: 421), the route is found, its rate
 * limit class is charged (http_ratelimit.h: 429) and, for routes with a
 * gate, the session is authenticated and the gate run (403 before any body
 * byte is read); then the body is buffered up to max_body and the route
 * runs. Non-public routes call hooks->authenticate with the cchc_session
 * cookie. A handler runs on the MHD thread that read the request, or, for
 * HTTP_ROUTE_WORK / HTTP_ROUTE_HASH routes, on a worker of a bounded pool
 * while the connection is suspended (the polling threads go on serving
 * everything else). GET/HEAD requests outside /api/ that match no route are
 * served from web_dir. Every answer carries the security headers and one
 * log line (subsystem "access") is written per request.
 *
 * Errors under /api/ are JSON {"error":{"code","message","message_en"}}:
 *   http.bad_path 400, json.malformed 400, http.content_type 400,
 *   auth.required 401, http.not_found 404, http.method_not_allowed 405
 *   (with Allow), http.too_large 413, http.bad_host 421, http.rate_limited
 *   429 and auth.busy 429 (with Retry-After), internal 500, http.busy 503
 *   and http.shutting_down 503 (with Retry-After); for jobs:
 *   http.work_timeout 413 and http.work_memory 413 (budget exceeded).
 * Outside /api/ the same errors are short bilingual text/plain pages.
 *
 * Lifecycle: http_server_new -> http_server_start -> (requests) ->
 * http_server_stop -> http_server_free. The server does not own `app`, the
 * route table or the hooks struct's targets; the route table must outlive
 * the server. */
#ifndef CCHC_HTTP_SERVER_H
#define CCHC_HTTP_SERVER_H

#include "base/err.h"
#include "http/http_ratelimit.h"
#include "http/http_req.h"
#include "http/http_resp.h"
#include "http/http_router.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_DEFAULT_LISTEN       "127.0.0.1:8080"
#define HTTP_DEFAULT_MAX_BODY     (1024 * 1024)
#define HTTP_DEFAULT_THREADS      2
#define HTTP_DEFAULT_CONN_LIMIT   512
#define HTTP_DEFAULT_CONN_TIMEOUT 30          /* seconds of inactivity */
#define HTTP_DEFAULT_CONN_MEMORY  (64 * 1024) /* per-connection pool: headers + read buffer */
#define HTTP_DEFAULT_GRACE_MS     10000
#define HTTP_DEFAULT_WORK_THREADS 2
#define HTTP_DEFAULT_WORK_QUEUE   8
#define HTTP_DEFAULT_WORK_SECONDS 120
#define HTTP_DEFAULT_WORK_MEMORY  ((size_t)512 << 20)
#define HTTP_DEFAULT_HASH_THREADS 0 /* 0: half the processors (1 below 4, at most 8) */
#define HTTP_DEFAULT_HASH_QUEUE   32
#define HTTP_DEFAULT_HASH_WAIT_MS 5000
#define HTTP_WORK_NICE            10 /* worker threads yield the CPU to the polling threads */
#define HTTP_HASH_NICE            5

/* Zero fields take the defaults above; the strings are copied. */
typedef struct http_config {
    const char *listen;          /* "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80", "localhost:8080";
                                    port 0 binds an ephemeral port (see http_server_port) */
    const char *web_dir;         /* static files root; NULL = no static files */
    size_t max_body;             /* larger request bodies get 413 */
    unsigned threads;            /* MHD polling threads (each one epoll loop) */
    unsigned conn_limit;         /* simultaneous connections; more are refused */
    unsigned conn_timeout;       /* seconds before an idle connection is closed */
    size_t conn_memory;          /* MHD_OPTION_CONNECTION_MEMORY_LIMIT; headers above it get 431 */
    unsigned grace_ms;           /* http_server_stop waits this long for requests in flight */
    bool secure_cookies;         /* always add "; Secure" to session cookies */
    bool insecure_cookies;       /* never add it; by default it is added unless listening on
                                    loopback (http_host.h) */
    const char *allowed_origins; /* extra origins allowed to send unsafe requests, comma-separated
                                    (a reverse proxy's public origin); see csrf.h */
    const char *server_names;    /* Host names accepted besides IP literals and localhost,
                                    comma-separated (http_host.h); others get 421 */
    const char *trusted_proxies; /* X-Forwarded-For is honoured from these (http_proxy.h) */
    const http_ratelimit_rule_t *rate_limits; /* classes routes name; NULL = no limit */
    unsigned work_threads;                    /* pool of HTTP_ROUTE_WORK handlers */
    unsigned work_queue;                      /* their jobs waiting; more get 503 http.busy */
    unsigned work_seconds;                    /* time budget of one job (http_req_cancelled) */
    size_t work_memory;                       /* memory budget of one job (mem_budget_begin) */
    unsigned hash_threads; /* pool of HTTP_ROUTE_HASH handlers: concurrent password hashes */
    unsigned hash_queue;   /* their jobs waiting; more get 429 auth.busy */
    unsigned hash_wait_ms; /* a job that waited longer is answered 429 auth.busy unrun */
} http_config_t;

typedef struct http_hooks {
    /* Called for every non-public route with the cchc_session cookie value
     * (NULL when absent). Returns 0 and sets *user_out (which becomes
     * req->user), or nonzero with e filled: the answer is then e as JSON,
     * with status 401 when e->status is ERR_UNAUTH or unset, otherwise the
     * status of e (a storage failure stays a 500). When the hook is NULL,
     * every non-public route answers 401. */
    int (*authenticate)(void *app, const char *session_token, void **user_out, err_t *e);
    /* Called after the handler when authenticate succeeded; may be NULL. */
    void (*release_user)(void *app, void *user);
} http_hooks_t;

typedef struct http_server http_server_t;

/* Checks the configuration (listen address "http.listen_invalid", web_dir
 * must be a directory "http.web_dir"), compiles the routes (router.h
 * errors) and prepares a server; binds nothing yet. hooks may be NULL.
 * Returns NULL with e filled on error. */
http_server_t *http_server_new(const http_config_t *cfg, const http_route_t *routes,
                               const http_hooks_t *hooks, void *app, err_t *e);

/* Binds and starts the polling threads. Ignores SIGPIPE process-wide
 * (broken client connections must not kill the server). Returns 0, or
 * ERR_IO "http.start" (address in use, permission...). */
int http_server_start(http_server_t *s, err_t *e);

/* The bound port after http_server_start (the real one when the
 * configuration asked for port 0); 0 when not running. */
uint16_t http_server_port(const http_server_t *s);

/* Graceful stop: closes the listening socket, lets requests in flight
 * finish (up to grace_ms; answers sent meanwhile carry Connection: close),
 * then stops the threads and closes idle connections. Logs what it did.
 * No-op when not running. Must not be called from a handler. */
void http_server_stop(http_server_t *s);

/* Stops if needed and frees. NULL is a no-op. */
void http_server_free(http_server_t *s);

/* Blocks until SIGINT or SIGTERM, then http_server_stop. Installs its own
 * handlers for the two signals while it runs and restores the previous
 * ones before returning; only one call may be active in the process.
 * Returns 0, or ERR_IO if the signal plumbing could not be set up. */
int http_server_run_until_signal(http_server_t *s);

/* Requests answered since start (for tests and the shutdown log line). */
unsigned long http_server_served(const http_server_t *s);

/* Whether session cookies carry Secure (after defaults). */
bool http_server_secure_cookies(const http_server_t *s);

#endif
