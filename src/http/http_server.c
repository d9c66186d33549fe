/* server.c - libmicrohttpd glue: configuration, lifecycle, the access
 * handler state machine and dispatch (server.h, docs/internals/http.md).
 *
 * MHD calls, per request: on_uri (we allocate the exchange), on_access
 * once with the headers (we copy method and path and may refuse a declared
 * oversize body at once), on_access once per body chunk (we buffer it),
 * on_access a last time with no data (we route, run the handler and queue
 * the answer), and finally on_completed (we log and free). */
#include "http/http_server.h"

#include "http/http_int.h"
#include "http/http_host.h"
#include "http/http_static.h"

#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* Body bytes read and dropped past max_body on a chunked upload before the
 * connection is cut (a declared Content-Length is refused before reading). */
#define DISCARD_MAX (4u * 1024 * 1024)

/* ---- configuration ------------------------------------------------------ */

static int bad_listen(err_t *e, const char *spec)
{
    return err_set(e, ERR_INVALID, "http.listen_invalid",
                   "Địa chỉ lắng nghe không hợp lệ '%s' (ví dụ 127.0.0.1:8080 hoặc [::1]:8080)",
                   "Invalid listen address '%s' (e.g. 127.0.0.1:8080 or [::1]:8080)", spec);
}

static int parse_listen(http_server_t *s, const char *spec, err_t *e)
{
    char host[64];
    const char *port_s;
    size_t hlen;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            return bad_listen(e, spec);
        hlen = (size_t)(close - spec - 1);
        memcpy(host, spec + 1, hlen < sizeof host ? hlen : 0);
        port_s = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || memchr(spec, ':', (size_t)(colon - spec)))
            return bad_listen(e, spec);
        hlen = (size_t)(colon - spec);
        memcpy(host, spec, hlen < sizeof host ? hlen : 0);
        port_s = colon + 1;
    }
    long port;
    if (hlen >= sizeof host || !sv_to_long(sv_from(port_s), &port) || port > 65535)
        return bad_listen(e, spec);
    host[hlen] = '\0';
    if (hlen == 0 || strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    s->cfg_port = (uint16_t)port;
    memset(&s->addr, 0, sizeof s->addr);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&s->addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&s->addr;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(s->cfg_port);
        s->ipv6 = false;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(s->cfg_port);
        s->ipv6 = true;
    } else {
        return bad_listen(e, spec);
    }
    return 0;
}

static void apply_defaults(http_config_t *c)
{
    if (!c->max_body)
        c->max_body = HTTP_DEFAULT_MAX_BODY;
    if (!c->threads)
        c->threads = HTTP_DEFAULT_THREADS;
    if (!c->conn_limit)
        c->conn_limit = HTTP_DEFAULT_CONN_LIMIT;
    if (!c->conn_timeout)
        c->conn_timeout = HTTP_DEFAULT_CONN_TIMEOUT;
    if (!c->conn_memory)
        c->conn_memory = HTTP_DEFAULT_CONN_MEMORY;
    if (!c->grace_ms)
        c->grace_ms = HTTP_DEFAULT_GRACE_MS;
    if (!c->work_threads)
        c->work_threads = HTTP_DEFAULT_WORK_THREADS;
    if (!c->work_queue)
        c->work_queue = HTTP_DEFAULT_WORK_QUEUE;
    if (!c->work_seconds)
        c->work_seconds = HTTP_DEFAULT_WORK_SECONDS;
    if (!c->work_memory)
        c->work_memory = HTTP_DEFAULT_WORK_MEMORY;
    if (!c->hash_threads) { /* half the cores: the other half keeps answering */
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        c->hash_threads = cpus >= 4 ? (unsigned)(cpus / 2 < 8 ? cpus / 2 : 8) : 1;
    }
    if (!c->hash_queue)
        c->hash_queue = HTTP_DEFAULT_HASH_QUEUE;
    if (!c->hash_wait_ms)
        c->hash_wait_ms = HTTP_DEFAULT_HASH_WAIT_MS;
}

int64_t http_server_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int bad_names(err_t *e, const char *names)
{
    return err_set(e, ERR_INVALID, "http.server_name",
                   "Tên máy chủ không hợp lệ '%s' (tên miền, không có cổng)",
                   "Invalid server name '%s' (a DNS name without a port)", names);
}

/* Owned copies of the configuration strings, proxies, limits, cookies. */
static int configure(http_server_t *s, const http_config_t *cfg, err_t *e)
{
    s->listen = mem_strdup(s->cfg.listen ? s->cfg.listen : HTTP_DEFAULT_LISTEN);
    s->web_dir = s->cfg.web_dir ? mem_strdup(s->cfg.web_dir) : NULL;
    s->allowed_origins = s->cfg.allowed_origins ? mem_strdup(s->cfg.allowed_origins) : NULL;
    s->server_names = s->cfg.server_names ? mem_strdup(s->cfg.server_names) : NULL;
    if (!s->listen || (s->cfg.web_dir && !s->web_dir) ||
        (cfg && cfg->allowed_origins && !s->allowed_origins) ||
        (cfg && cfg->server_names && !s->server_names))
        return err_nomem(e);
    s->cfg.listen = s->listen;
    s->cfg.web_dir = s->web_dir;
    s->cfg.allowed_origins = s->allowed_origins;
    s->cfg.server_names = s->server_names;
    s->cfg.rate_limits = NULL; /* copied into s->limits */
    if (!http_host_names_valid(s->server_names))
        return bad_names(e, s->server_names);
    s->proxies = http_proxy_new(s->cfg.trusted_proxies, e);
    s->cfg.trusted_proxies = NULL;
    if (!s->proxies)
        return ERR_INVALID;
    s->limits = http_ratelimit_new(cfg ? cfg->rate_limits : NULL, e);
    if (!s->limits)
        return ERR_INVALID;
    s->secure_cookies = s->cfg.secure_cookies ||
                        (!s->cfg.insecure_cookies && !http_host_listen_is_loopback(s->listen));
    return 0;
}

http_server_t *http_server_new(const http_config_t *cfg, const http_route_t *routes,
                               const http_hooks_t *hooks, void *app, err_t *e)
{
    http_server_t *s = mem_calloc(1, sizeof *s);
    if (!s) {
        err_nomem(e);
        return NULL;
    }
    if (cfg)
        s->cfg = *cfg;
    apply_defaults(&s->cfg);
    if (configure(s, cfg, e))
        goto fail;
    if (parse_listen(s, s->listen, e))
        goto fail;
    if (s->web_dir) {
        s->st = http_static_new(s->web_dir, e);
        if (!s->st)
            goto fail;
    }
    s->router = http_router_new(routes, e);
    if (!s->router)
        goto fail;
    if (hooks)
        s->hooks = *hooks;
    s->app = app;
    atomic_init(&s->next_id, 1);
    atomic_init(&s->in_flight, 0);
    atomic_init(&s->served, 0);
    atomic_init(&s->draining, false);
    atomic_init(&s->busy_logged_ms, 0);
    return s;
fail:
    http_server_free(s);
    return NULL;
}

/* ---- MHD callbacks ------------------------------------------------------ */

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_sub("http", LOG_WARN, "mhd: %s", msg);
}

static bool raw_path_has_nul(const char *uri)
{
    for (const char *p = uri; *p && *p != '?'; p++)
        if (p[0] == '%' && p[1] == '0' && p[2] == '0')
            return true;
    return false;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t cap)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, cap, "?");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)cap);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    http_server_t *s = cls;
    http_exchange_t *x = mem_calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->srv = s;
    x->conn = conn;
    clock_gettime(CLOCK_MONOTONIC, &x->start);
    x->req.id = atomic_fetch_add(&s->next_id, 1);
    x->req.app = s->app;
    x->req.body = "";
    x->req.client_addr = x->client;
    client_address(conn, x->peer, sizeof x->peer);
    snprintf(x->client, sizeof x->client, "%s", x->peer);
    x->raw_nul = raw_path_has_nul(uri);
    x->path = mem_strndup(uri, strcspn(uri, "?")); /* raw, for the log until decoded */
    http_resp_init(&x->resp, s->secure_cookies);
    buf_init(&x->body, s->cfg.max_body);
    atomic_fetch_add(&s->in_flight, 1);
    return x;
}

static enum MHD_Result begin(http_exchange_t *x, const char *url, const char *method)
{
    x->started = true;
    char *m = mem_strdup(method);
    char *p = mem_strdup(url);
    char *rp = mem_strdup(url);
    if (!m || !p || !rp) {
        mem_free(m);
        mem_free(p);
        mem_free(rp);
        return MHD_NO;
    }
    mem_free(x->path);
    x->method = m;
    x->path = p;
    x->route_path = rp;
    x->req.method = m;
    x->req.path = p;
    http_proxy_client(x->srv->proxies, x->peer,
                      MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, "X-Forwarded-For"),
                      x->client, sizeof x->client);
    /* Refusals decided on the headers alone are answered before the body is
     * read: MHD sends no 100 Continue and closes the connection after the
     * answer, as the body stays unread. */
    log_set_request_id(x->req.id);
    bool now = http_dispatch_early(x);
    const char *cl = MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, "Content-Length");
    long n = 0;
    if (!now && cl && (!sv_to_long(sv_trim(sv_from(cl)), &n) || (size_t)n > x->srv->cfg.max_body)) {
        x->too_large = true;
        now = !http_dispatch(x);
    }
    enum MHD_Result r = MHD_YES;
    if (now)
        r = http_dispatch_queue(x);
    else if (n > 0)
        buf_reserve(&x->body, (size_t)n); /* a failure shows again on append */
    log_set_request_id(0);
    return r;
}

static enum MHD_Result consume(http_exchange_t *x, const char *data, size_t n)
{
    x->received += n;
    if (!x->too_large) {
        int rc = buf_append(&x->body, data, n);
        if (rc == ERR_TOOLARGE) {
            x->too_large = true;
            buf_release(&x->body);
        } else if (rc) {
            return MHD_NO;
        }
    }
    if (x->too_large && x->received > (uint64_t)x->srv->cfg.max_body + DISCARD_MAX) {
        log_sub("http", LOG_WARN, "request %lu: body far above the limit, closing the connection",
                x->req.id);
        return MHD_NO;
    }
    return MHD_YES;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)conn;
    (void)version;
    http_exchange_t *x = *con_cls;
    if (!x)
        return MHD_NO; /* on_uri ran out of memory */
    if (!x->started)
        return begin(x, url, method);
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        return x->responded ? MHD_YES : consume(x, upload, n);
    }
    if (x->responded)
        return MHD_YES;
    if (x->deferred) /* called again after the job resumed the connection */
        return atomic_load(&x->job_done) ? http_dispatch_queue(x) : MHD_YES;
    log_set_request_id(x->req.id);
    enum MHD_Result r = MHD_YES;
    if (!http_dispatch(x))
        r = http_dispatch_queue(x);
    log_set_request_id(0);
    return r;
}

/* Copies client-supplied text for a log line: truncated on a UTF-8 boundary,
 * control characters (and any byte of invalid UTF-8) replaced by '?'. */
static void log_clean(char *out, size_t cap, const char *in)
{
    char *t = text_truncate(in ? in : "?", cap - 1);
    snprintf(out, cap, "%s", t ? t : "?");
    mem_free(t);
    bool utf8 = text_valid(out, strlen(out));
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || (!utf8 && (unsigned char)*p >= 0x80))
            *p = '?';
}

static void log_request(const http_exchange_t *x, enum MHD_RequestTerminationCode toe)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - x->start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - x->start.tv_nsec) / 1e6;
    char path[256], method[24];
    log_clean(path, sizeof path, x->path);
    log_clean(method, sizeof method, x->method);
    log_set_request_id(x->req.id);
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        log_sub("access", LOG_INFO, "%s %s %d %lluB %.1fms %s", method, path, x->status,
                (unsigned long long)x->bytes, ms, x->client);
    else
        log_sub("access", LOG_INFO, "%s %s %d %lluB %.1fms %s aborted (%d)", method, path,
                x->status, (unsigned long long)x->bytes, ms, x->client, (int)toe);
    log_set_request_id(0);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    http_server_t *s = cls;
    http_exchange_t *x = *con_cls;
    if (!x)
        return;
    *con_cls = NULL;
    log_request(x, toe);
    if (x->authed && s->hooks.release_user)
        s->hooks.release_user(s->app, x->user);
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        atomic_fetch_add(&s->served, 1);
    json_decref(x->json);
    buf_release(&x->body);
    http_resp_release(&x->resp);
    mem_free(x->method);
    mem_free(x->path);
    mem_free(x->route_path);
    mem_free(x);
    atomic_fetch_sub(&s->in_flight, 1);
}

/* ---- lifecycle -------------------------------------------------------------- */

/* Stops the pools: queued jobs answer "shutting down", running ones end
 * (the parser notices the draining flag) and resume their connections. */
static void stop_pools(http_server_t *s)
{
    http_pool_free(s->work);
    http_pool_free(s->hash);
    s->work = s->hash = NULL;
}

/* Waits up to ms for the requests in flight; returns the time waited. */
static unsigned wait_in_flight(http_server_t *s, unsigned ms)
{
    unsigned waited = 0;
    while (atomic_load(&s->in_flight) > 0 && waited < ms) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
        waited += 5;
    }
    return waited;
}

int http_server_start(http_server_t *s, err_t *e)
{
    if (s->daemon)
        return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME | (s->ipv6 ? MHD_USE_IPv6 : 0);
    s->work = http_pool_new("cchc-work", s->cfg.work_threads, s->cfg.work_queue, HTTP_WORK_NICE, e);
    s->hash = s->work ? http_pool_new("cchc-hash", s->cfg.hash_threads, s->cfg.hash_queue,
                                      HTTP_HASH_NICE, e)
                      : NULL;
    if (!s->hash) {
        http_pool_free(s->work);
        s->work = NULL;
        return ERR_INTERNAL;
    }
    struct MHD_OptionItem pool[] = {
        {s->cfg.threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, s->cfg.threads, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    atomic_store(&s->draining, false);
    s->daemon = MHD_start_daemon(
        flags, s->cfg_port, NULL, NULL, on_access, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&s->addr, MHD_OPTION_ARRAY, pool,
        MHD_OPTION_CONNECTION_LIMIT, s->cfg.conn_limit, MHD_OPTION_CONNECTION_TIMEOUT,
        s->cfg.conn_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->cfg.conn_memory,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_END);
    if (!s->daemon) {
        stop_pools(s);
        return err_set(e, ERR_IO, "http.start", "Không khởi động được máy chủ HTTP trên %s",
                       "Cannot start the HTTP server on %s", s->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di && di->port ? di->port : s->cfg_port;
    log_sub("http", LOG_INFO,
            "listening on %s port %u (%u threads, %u workers, %u hashing, max body %zu bytes, "
            "%s cookies%s%s)",
            s->listen, s->port, s->cfg.threads, s->cfg.work_threads, s->cfg.hash_threads,
            s->cfg.max_body, s->secure_cookies ? "Secure" : "plain", s->st ? ", web " : "",
            s->st ? http_static_root(s->st) : "");
    return 0;
}

bool http_server_secure_cookies(const http_server_t *s)
{
    return s->secure_cookies;
}

uint16_t http_server_port(const http_server_t *s)
{
    return s && s->daemon ? s->port : 0;
}

unsigned long http_server_served(const http_server_t *s)
{
    return atomic_load(&s->served);
}

void http_server_stop(http_server_t *s)
{
    if (!s || !s->daemon)
        return;
    atomic_store(&s->draining, true);
    MHD_socket ls = MHD_quiesce_daemon(s->daemon);
    /* MHD no longer polls the listening socket but it stays open until
     * MHD_stop_daemon; shutting it down makes the kernel refuse new
     * connections now instead of queueing them in the backlog. */
    if (ls != MHD_INVALID_SOCKET)
        shutdown(ls, SHUT_RDWR);
    unsigned waited = wait_in_flight(s, s->cfg.grace_ms);
    /* Jobs still running past the grace are waited for (a suspended
     * connection must be resumed before MHD_stop_daemon); their answers
     * get a last moment to leave. */
    stop_pools(s);
    waited += wait_in_flight(s, 1000);
    long cut = atomic_load(&s->in_flight);
    MHD_stop_daemon(s->daemon);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    s->daemon = NULL;
    if (cut > 0)
        log_sub("http", LOG_WARN,
                "stopped after %u ms with %ld requests still in flight (cut short)", waited, cut);
    log_sub("http", LOG_INFO, "stopped (%lu requests served)", atomic_load(&s->served));
}

void http_server_free(http_server_t *s)
{
    if (!s)
        return;
    http_server_stop(s);
    stop_pools(s);
    http_router_free(s->router);
    http_static_free(s->st);
    http_proxy_free(s->proxies);
    http_ratelimit_free(s->limits);
    mem_free(s->listen);
    mem_free(s->web_dir);
    mem_free(s->allowed_origins);
    mem_free(s->server_names);
    mem_free(s);
}

/* ---- signals ------------------------------------------------------------- */

static int g_sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t g_signal;

static void on_signal(int sig)
{
    int saved = errno;
    g_signal = sig;
    ssize_t w = write(g_sig_pipe[1], "s", 1);
    (void)w;
    errno = saved;
}

int http_server_run_until_signal(http_server_t *s)
{
    if (pipe2(g_sig_pipe, O_CLOEXEC) != 0)
        return ERR_IO;
    fcntl(g_sig_pipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    char c;
    ssize_t n;
    do
        n = read(g_sig_pipe[0], &c, 1);
    while (n < 0 && errno == EINTR);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    close(g_sig_pipe[0]);
    close(g_sig_pipe[1]);
    g_sig_pipe[0] = g_sig_pipe[1] = -1;
    log_sub("http", LOG_INFO, "%s received, stopping", g_signal == SIGTERM ? "SIGTERM" : "SIGINT");
    http_server_stop(s);
    return 0;
}
