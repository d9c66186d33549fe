/* server.h - the cchc HTTP server: libmicrohttpd with an internal pool of
 * epoll threads, our router (router.h), static files (static.h) and an
 * authentication hook supplied by the application.
 *
 * Request flow (details in docs/internals/http.md): the path is checked
 * (http_router_path_check), the body is buffered up to max_body, then the router
 * picks a route. Non-public routes first call hooks->authenticate with the
 * cchc_session cookie; the handler runs on the MHD thread that read the
 * request; release_user runs after it. GET/HEAD requests outside /api/ that
 * match no route are served from web_dir. Every answer carries the security
 * headers and one log line at INFO is written per request.
 *
 * Errors under /api/ are JSON {"error":{"code","message","message_en"}}:
 *   http.bad_path 400, json.malformed 400, http.content_type 400,
 *   auth.required 401, http.not_found 404, http.method_not_allowed 405
 *   (with Allow), http.too_large 413, internal 500.
 * Outside /api/ the same errors are short bilingual text/plain pages.
 *
 * Lifecycle: http_server_new -> http_server_start -> (requests) ->
 * http_server_stop -> http_server_free. The server does not own `app`, the
 * route table or the hooks struct's targets; the route table must outlive
 * the server. */
#ifndef CCHC_HTTP_SERVER_H
#define CCHC_HTTP_SERVER_H

#include "base/err.h"
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
    bool secure_cookies;         /* add "; Secure" to session cookies (behind HTTPS) */
    const char *allowed_origins; /* extra origins allowed to send unsafe requests, comma-separated
                                    (a reverse proxy's public origin); see csrf.h */
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

#endif
