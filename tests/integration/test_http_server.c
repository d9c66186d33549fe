/* Integration tests of src/http: a real server on 127.0.0.1 (ephemeral
 * port) with a test route table and a test authentication hook, driven
 * over plain sockets by tests/support/http_client. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/http_server.h"
#include "http/http_static.h"
#include "support/http_client.h"
#include "support/testdir.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

/* Route rows give method, pattern, handler and flags only. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define MAX_BODY (64 * 1024)
#define SECRET   "TOP-SECRET-CONTENT"

/* ---- the test application ------------------------------------------------ */

typedef struct test_user {
    char login[32];
} test_user_t;

static atomic_int g_auth_calls;
static atomic_int g_releases;

/* The server releases a request's user when it completes, which may be just
 * after the client has read the answer: waits up to 5 s for the count. */
static void expect_releases(int want)
{
    for (int i = 0; i < 500 && atomic_load(&g_releases) < want; i++)
        usleep(10000);
    assert_int_equal(atomic_load(&g_releases), want);
}
static atomic_int g_slow_entered;
static atomic_int g_slow_release;

static int test_auth(void *app, const char *token, void **user_out, err_t *e)
{
    (void)app;
    atomic_fetch_add(&g_auth_calls, 1);
    if (!token)
        return ERR_UNAUTH; /* e left empty: the server's default message */
    if (strcmp(token, "db-down") == 0)
        return err_set(e, ERR_DB, "db.unavailable", "Cơ sở dữ liệu không sẵn sàng",
                       "Database unavailable");
    if (strcmp(token, "good-token") != 0)
        return err_set(e, ERR_UNAUTH, "auth.session_invalid", "Phiên làm việc đã hết hạn",
                       "Session expired");
    test_user_t *u = calloc(1, sizeof *u);
    if (!u)
        return err_nomem(e);
    snprintf(u->login, sizeof u->login, "alice");
    *user_out = u;
    return 0;
}

static void test_release(void *app, void *user)
{
    (void)app;
    atomic_fetch_add(&g_releases, 1);
    free(user);
}

static json_t *obj_str(const char *k, const char *v)
{
    json_t *o = json_object();
    jsonx_set_str(o, k, v);
    return o;
}

static int h_ping(http_req_t *req, http_resp_t *resp)
{
    json_t *o = json_object();
    jsonx_set_bool(o, "pong", true);
    jsonx_set_str(o, "method", req->method);
    jsonx_set_str(o, "client", req->client_addr);
    jsonx_set_int(o, "id", (long long)req->id);
    jsonx_set_bool(o, "app", req->app == &g_auth_calls);
    return http_resp_json(resp, 200, o);
}

static int h_me(http_req_t *req, http_resp_t *resp)
{
    const test_user_t *u = req->user;
    return http_resp_json(resp, 200, obj_str("login", u ? u->login : NULL));
}

static int h_item(http_req_t *req, http_resp_t *resp)
{
    json_t *o = obj_str("code", http_req_param(req, "code"));
    jsonx_set_str(o, "missing", http_req_param(req, "nope"));
    return http_resp_json(resp, 200, o);
}

static int h_item_special(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    return http_resp_json(resp, 200, obj_str("special", "yes"));
}

static int h_item_part(http_req_t *req, http_resp_t *resp)
{
    json_t *o = obj_str("code", http_req_param(req, "code"));
    jsonx_set_str(o, "n", http_req_param(req, "n"));
    return http_resp_json(resp, 200, o);
}

static int h_item_put(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    json_t *in = http_req_json(req, &e);
    if (!in)
        return http_resp_error(resp, &e);
    json_t *o = obj_str("code", http_req_param(req, "code"));
    jsonx_set_new(o, "value", json_incref(in));
    return http_resp_json(resp, 200, o);
}

static int h_item_delete(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    (void)resp;
    return 0; /* nothing set: 204 */
}

static int h_search(http_req_t *req, http_resp_t *resp)
{
    json_t *o = obj_str("q", http_req_query(req, "q"));
    jsonx_set_str(o, "at", http_req_query(req, "at"));
    jsonx_set_str(o, "cookie", http_req_cookie(req, "other"));
    jsonx_set_str(o, "header", http_req_header(req, "x-test"));
    return http_resp_json(resp, 200, o);
}

static int h_echo(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    json_t *in = http_req_json(req, &e);
    if (!in)
        return http_resp_error(resp, &e);
    json_t *again = http_req_json(req, &e); /* cached: same value */
    json_t *o = json_object();
    jsonx_set_new(o, "echo", json_incref(in));
    jsonx_set_bool(o, "cached", again == in);
    jsonx_set_int(o, "len", (long long)req->body_len);
    return http_resp_json(resp, 201, o);
}

static int h_login(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    int rc = http_resp_cookie_session(resp, "good-token", 3600);
    if (rc)
        return rc;
    /* Runs on a server thread: no cmocka asserts here, report instead. */
    bool refused = http_resp_cookie_session(resp, "bad token;", 3600) == ERR_INVALID &&
                   http_resp_cookie_session(resp, "ok", 0) == ERR_INVALID &&
                   http_resp_header(resp, "X-Bad", "a\r\nInjected: 1") == ERR_INVALID &&
                   http_resp_header(resp, "Bad Name", "1") == ERR_INVALID &&
                   http_resp_header(resp, "Content-Length", "1") == ERR_INVALID;
    json_t *o = obj_str("login", "alice");
    jsonx_set_bool(o, "refused_bad_headers", refused);
    return http_resp_json(resp, 200, o);
}

static int h_logout(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    int rc = http_resp_cookie_clear_session(resp);
    return rc ? rc : http_resp_empty(resp, 204);
}

static int h_conflict(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    err_t e;
    err_set(&e, ERR_CONFLICT, "test.conflict", "Mã đơn vị đã tồn tại: %s",
            "Unit code already exists: %s", "X01");
    return http_resp_error(resp, &e);
}

static int h_fail(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    (void)resp;
    return ERR_DB;
}

static int h_text(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    int rc = http_resp_text(resp, 200, "xin chào");
    if (rc == 0)
        rc = http_resp_header(resp, "Cache-Control", "max-age=60");
    return rc;
}

static int h_slow(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    atomic_store(&g_slow_entered, 1);
    for (int i = 0; i < 1000 && !atomic_load(&g_slow_release); i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return http_resp_json(resp, 200, obj_str("slow", "done"));
}

static const http_route_t test_routes[] = {
    {"GET", "/api/v1/ping", h_ping, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/me", h_me, 0},
    {"GET", "/api/v1/items/{code}", h_item, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/items/special", h_item_special, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/items/{code}/parts/{n}", h_item_part, HTTP_ROUTE_PUBLIC},
    {"PUT", "/api/v1/items/{code}", h_item_put, 0},
    {"DELETE", "/api/v1/items/{code}", h_item_delete, 0},
    {"GET", "/api/v1/search", h_search, HTTP_ROUTE_PUBLIC},
    {"POST", "/api/v1/echo", h_echo, HTTP_ROUTE_PUBLIC},
    {"POST", "/api/v1/login", h_login, HTTP_ROUTE_PUBLIC},
    {"POST", "/api/v1/logout", h_logout, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/conflict", h_conflict, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/fail", h_fail, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/slow", h_slow, HTTP_ROUTE_PUBLIC},
    {"GET", "/healthz", h_text, HTTP_ROUTE_PUBLIC},
    {0},
};

static const http_hooks_t test_hooks = {test_auth, test_release};

/* ---- fixture: a temporary web directory and one running server ---------- */

static char *g_tmp;
static char *g_web;
static http_server_t *g_srv;
static uint16_t g_port;

static void write_file(const char *dir, const char *name, const char *text)
{
    free(testdir_file(dir, name, text));
}

static void make_web_dir(void)
{
    g_tmp = testdir_new();
    g_web = testdir_join(g_tmp, "web");
    assert_int_equal(mkdir(g_web, 0755), 0);
    char *sub = testdir_join(g_web, "sub");
    assert_int_equal(mkdir(sub, 0755), 0);
    write_file(g_tmp, "secret.txt", SECRET "\n");
    write_file(g_web, "index.html", "<!doctype html><title>t</title>INDEX PAGE\n");
    write_file(g_web, "style.css", "body { color: #123; }\n");
    write_file(g_web, "app.js", "export const x = 1;\n");
    write_file(g_web, "data.json", "{\"a\":1}\n");
    write_file(g_web, "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    write_file(g_web, "font.woff2", "wOF2");
    write_file(g_web, ".hidden", "hidden\n");
    write_file(g_web, "empty.txt", "");
    write_file(sub, "index.html", "SUB INDEX\n");
    write_file(sub, "a.txt", "A TEXT\n");
    free(sub);
    static const char *const links[][2] = {
        {"../secret.txt", "link-out.txt"}, {"style.css", "link-in.css"}, {"/etc", "etc"}};
    for (size_t i = 0; i < 3; i++) {
        char *link = testdir_join(g_web, links[i][1]);
        assert_int_equal(symlink(links[i][0], link), 0);
        free(link);
    }
}

static int group_setup(void **state)
{
    (void)state;
    const char *lvl = getenv("CCHC_TEST_LOG"); /* e.g. CCHC_TEST_LOG=info to see request lines */
    log_set_level(lvl && log_level_parse(lvl) >= 0 ? log_level_parse(lvl) : LOG_WARN);
    make_web_dir();
    http_config_t cfg = {
        .listen = "127.0.0.1:0", .web_dir = g_web, .max_body = MAX_BODY, .threads = 2};
    err_t e;
    g_srv = http_server_new(&cfg, test_routes, &test_hooks, &g_auth_calls, &e);
    if (!g_srv) {
        fprintf(stderr, "server: %s\n", e.en);
        return -1;
    }
    if (http_server_start(g_srv, &e)) {
        fprintf(stderr, "start: %s\n", e.en);
        return -1;
    }
    g_port = http_server_port(g_srv);
    return g_port ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    http_server_free(g_srv);
    free(g_web);
    testdir_remove(g_tmp);
    return 0;
}

/* ---- helpers --------------------------------------------------------------- */

static json_t *body_json(const tc_response_t *r)
{
    json_error_t je;
    json_t *v = json_loadb(r->body, r->body_len, 0, &je);
    if (!v)
        fail_msg("not JSON (%s): %.200s", je.text, r->body);
    return v;
}

/* Asserts a JSON error answer with status and code; both messages set. */
static void assert_error(const tc_response_t *r, int status, const char *code)
{
    assert_int_equal(r->status, status);
    assert_non_null(tc_header(r, "Content-Type"));
    assert_string_equal(tc_header(r, "Content-Type"), "application/json; charset=utf-8");
    json_t *v = body_json(r);
    json_t *err = json_object_get(v, "error");
    assert_non_null(err);
    assert_string_equal(jsonx_str(err, "code", ""), code);
    assert_true(strlen(jsonx_str(err, "message", "")) > 0);
    assert_true(strlen(jsonx_str(err, "message_en", "")) > 0);
    json_decref(v);
}

static void get(const char *path, const char *headers, tc_response_t *r)
{
    assert_int_equal(tc_request(g_port, "GET", path, headers, NULL, 0, r), 0);
}

static void post_json(const char *path, const char *body, tc_response_t *r)
{
    assert_int_equal(
        tc_request(g_port, "POST", path, "Content-Type: application/json", body, strlen(body), r),
        0);
}

/* ---- tests: API ------------------------------------------------------------- */

static void json_200_with_security_headers(void **state)
{
    (void)state;
    tc_response_t r;
    get("/api/v1/ping", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(tc_header(&r, "Content-Type"), "application/json; charset=utf-8");
    assert_string_equal(tc_header(&r, "X-Content-Type-Options"), "nosniff");
    assert_string_equal(tc_header(&r, "Referrer-Policy"), "same-origin");
    assert_string_equal(tc_header(&r, "Cache-Control"), "no-store");
    assert_non_null(strstr(tc_header(&r, "Content-Security-Policy"), "default-src 'none'"));
    assert_non_null(tc_header(&r, "X-Request-Id"));
    json_t *v = body_json(&r);
    assert_true(jsonx_bool(v, "pong", false));
    assert_string_equal(jsonx_str(v, "method", ""), "GET");
    assert_string_equal(jsonx_str(v, "client", ""), "127.0.0.1");
    assert_true(jsonx_bool(v, "app", false));
    assert_int_equal(jsonx_int(v, "id", 0), strtol(tc_header(&r, "X-Request-Id"), NULL, 10));
    json_decref(v);
    tc_response_free(&r);

    /* HEAD on a GET route: headers, no body. */
    assert_int_equal(tc_request(g_port, "HEAD", "/api/v1/ping", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    tc_response_free(&r);
}

static void unknown_route_404(void **state)
{
    (void)state;
    static const char *paths[] = {"/api/v1/nope", "/api/v1/pingx", "/api/v1/ping/extra",
                                  "/api/v1/PING", "/api",          "/api/",
                                  "/api/v1/items"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        tc_response_t r;
        get(paths[i], NULL, &r);
        assert_error(&r, 404, "http.not_found");
        tc_response_free(&r);
    }
}

static void wrong_method_405(void **state)
{
    (void)state;
    tc_response_t r;
    assert_int_equal(tc_request(g_port, "POST", "/api/v1/ping", NULL, "", 0, &r), 0);
    assert_error(&r, 405, "http.method_not_allowed");
    assert_string_equal(tc_header(&r, "Allow"), "GET, HEAD");
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "PATCH", "/api/v1/items/abc", NULL, "", 0, &r), 0);
    assert_error(&r, 405, "http.method_not_allowed");
    assert_string_equal(tc_header(&r, "Allow"), "GET, HEAD, PUT, DELETE");
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "OPTIONS", "/api/v1/echo", NULL, NULL, 0, &r), 0);
    assert_error(&r, 405, "http.method_not_allowed");
    assert_string_equal(tc_header(&r, "Allow"), "POST");
    tc_response_free(&r);
}

static void trailing_slash_and_bad_paths(void **state)
{
    (void)state;
    tc_response_t r;
    get("/api/v1/ping/", NULL, &r);
    assert_int_equal(r.status, 200);
    tc_response_free(&r);
    static const char *bad[] = {"/api/v1//ping",     "/api/v1/ping//",       "/api/v1/./ping",
                                "/api/v1/items/..",  "/api/v1/items/%2e%2e", "/api/v1/items/a%00b",
                                "/api/v1/items/%01", "/api/v1/items/%ff"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        get(bad[i], NULL, &r);
        assert_error(&r, 400, "http.bad_path");
        tc_response_free(&r);
    }
}

static void path_params(void **state)
{
    (void)state;
    tc_response_t r;
    get("/api/v1/items/abc", NULL, &r);
    assert_int_equal(r.status, 200);
    json_t *v = body_json(&r);
    assert_string_equal(jsonx_str(v, "code", ""), "abc");
    assert_true(json_is_null(json_object_get(v, "missing")));
    json_decref(v);
    tc_response_free(&r);

    get("/api/v1/items/special", NULL, &r); /* literal beats {code} */
    v = body_json(&r);
    assert_string_equal(jsonx_str(v, "special", ""), "yes");
    json_decref(v);
    tc_response_free(&r);

    get("/api/v1/items/S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5", NULL, &r);
    v = body_json(&r);
    assert_string_equal(jsonx_str(v, "code", ""), "Sở Nội vụ");
    json_decref(v);
    tc_response_free(&r);

    get("/api/v1/items/X01/parts/7/", NULL, &r);
    v = body_json(&r);
    assert_string_equal(jsonx_str(v, "code", ""), "X01");
    assert_string_equal(jsonx_str(v, "n", ""), "7");
    json_decref(v);
    tc_response_free(&r);
}

static void query_cookie_header(void **state)
{
    (void)state;
    tc_response_t r;
    get("/api/v1/search?q=s%E1%BB%9F%20n%E1%BB%99i&at=2024-01-02&q=second",
        "Cookie: a=1; other=xyz\nX-Test: hello", &r);
    assert_int_equal(r.status, 200);
    json_t *v = body_json(&r);
    assert_string_equal(jsonx_str(v, "q", ""), "sở nội");
    assert_string_equal(jsonx_str(v, "at", ""), "2024-01-02");
    assert_string_equal(jsonx_str(v, "cookie", ""), "xyz");
    assert_string_equal(jsonx_str(v, "header", ""), "hello");
    json_decref(v);
    tc_response_free(&r);

    get("/api/v1/search", NULL, &r);
    v = body_json(&r);
    assert_true(json_is_null(json_object_get(v, "q")));
    json_decref(v);
    tc_response_free(&r);
}

static void post_json_echo(void **state)
{
    (void)state;
    tc_response_t r;
    post_json("/api/v1/echo", "{\"login\":\"nguyễn\",\"n\":9007199254740993}", &r);
    assert_int_equal(r.status, 201);
    json_t *v = body_json(&r);
    json_t *echo = json_object_get(v, "echo");
    assert_string_equal(jsonx_str(echo, "login", ""), "nguyễn");
    assert_int_equal(jsonx_int(echo, "n", 0), 9007199254740993LL);
    assert_true(jsonx_bool(v, "cached", false));
    json_decref(v);
    tc_response_free(&r);

    /* charset parameter accepted */
    assert_int_equal(tc_request(g_port, "POST", "/api/v1/echo",
                                "Content-Type: Application/JSON; charset=utf-8", "[1]", 3, &r),
                     0);
    assert_int_equal(r.status, 201);
    tc_response_free(&r);
}

static void malformed_json_400(void **state)
{
    (void)state;
    tc_response_t r;
    post_json("/api/v1/echo", "{\"login\": ", &r);
    assert_error(&r, 400, "json.malformed");
    tc_response_free(&r);
    post_json("/api/v1/echo", "", &r);
    assert_error(&r, 400, "json.malformed");
    tc_response_free(&r);
    post_json("/api/v1/echo", "\"\xff\xfe\"", &r); /* invalid UTF-8 */
    assert_error(&r, 400, "json.malformed");
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "POST", "/api/v1/echo",
                                "Content-Type: application/x-www-form-urlencoded", "a=1", 3, &r),
                     0);
    assert_error(&r, 400, "http.content_type");
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "POST", "/api/v1/echo", NULL, "{}", 2, &r), 0);
    assert_error(&r, 400, "http.content_type");
    tc_response_free(&r);
}

static void oversized_body_413(void **state)
{
    (void)state;
    tc_response_t r;
    /* Exactly max_body is accepted. */
    char *body = malloc(MAX_BODY + 2);
    assert_non_null(body);
    body[0] = '"';
    memset(body + 1, 'a', MAX_BODY - 2);
    body[MAX_BODY - 1] = '"';
    body[MAX_BODY] = '\0';
    post_json("/api/v1/echo", body, &r);
    assert_int_equal(r.status, 201);
    json_t *v = body_json(&r);
    assert_int_equal(jsonx_int(v, "len", 0), MAX_BODY);
    json_decref(v);
    tc_response_free(&r);

    /* One byte more is refused. */
    memset(body, ' ', MAX_BODY + 1);
    body[MAX_BODY + 1] = '\0';
    post_json("/api/v1/echo", body, &r);
    assert_error(&r, 413, "http.too_large");
    tc_response_free(&r);
    free(body);

    /* A declared length far above the limit is refused before any body is sent. */
    static const char huge[] = "POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\n"
                               "Content-Type: application/json\r\n"
                               "Content-Length: 100000000000\r\n\r\n";
    tc_conn_t *c = tc_connect(g_port);
    assert_non_null(c);
    assert_int_equal(tc_send_raw(c, "POST", huge, sizeof huge - 1, &r), 0);
    assert_error(&r, 413, "http.too_large");
    assert_true(r.closed || tc_peer_closed(c));
    tc_response_free(&r);
    tc_close(c);

    /* Same with Expect: 100-continue: no 100, straight 413. */
    static const char expect[] = "PUT /api/v1/items/x HTTP/1.1\r\nHost: localhost\r\n"
                                 "Expect: 100-continue\r\nContent-Length: 999999999\r\n\r\n";
    assert_int_equal(tc_raw(g_port, "PUT", expect, sizeof expect - 1, &r), 0);
    assert_error(&r, 413, "http.too_large");
    tc_response_free(&r);
}

static void chunked_bodies(void **state)
{
    (void)state;
    tc_response_t r;
    static const char small[] = "POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\n"
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"
                                "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
    assert_int_equal(tc_raw(g_port, "POST", small, sizeof small - 1, &r), 0);
    assert_int_equal(r.status, 201);
    tc_response_free(&r);

    /* 100 chunks of 1 KiB beyond a 64 KiB limit: read, dropped, 413. */
    tc_conn_t *c = tc_connect(g_port);
    assert_non_null(c);
    static const char head[] = "POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\n"
                               "Content-Type: application/json\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n";
    assert_int_equal(tc_write(c, head, sizeof head - 1), 0);
    char chunk[1024 + 16];
    int n = snprintf(chunk, sizeof chunk, "400\r\n");
    memset(chunk + n, ' ', 1024);
    memcpy(chunk + n + 1024, "\r\n", 2);
    for (int i = 0; i < 100; i++)
        assert_int_equal(tc_write(c, chunk, (size_t)n + 1026), 0);
    assert_int_equal(tc_write(c, "0\r\n\r\n", 5), 0);
    assert_int_equal(tc_read_response(c, "POST", &r), 0);
    assert_error(&r, 413, "http.too_large");
    tc_response_free(&r);
    tc_close(c);

    /* Endless chunked body: dropped up to max_body + 4 MiB, then the connection is cut. */
    c = tc_connect(g_port);
    assert_non_null(c);
    assert_int_equal(tc_write(c, head, sizeof head - 1), 0);
    size_t big = 64 * 1024;
    char *chunk64 = malloc(big + 16);
    assert_non_null(chunk64);
    n = snprintf(chunk64, 16, "%zx\r\n", big);
    memset(chunk64 + n, ' ', big);
    memcpy(chunk64 + n + big, "\r\n", 2);
    int sent = 0;
    while (sent < 16 * 1024 * 1024 / (int)big && tc_write(c, chunk64, (size_t)n + big + 2) == 0)
        sent++;
    free(chunk64);
    assert_true(sent < 16 * 1024 * 1024 / (int)big || tc_peer_closed(c));
    assert_int_not_equal(tc_read_response(c, "POST", &r), 0); /* no answer, just closed */
    tc_response_free(&r);
    tc_close(c);
}

static void authentication(void **state)
{
    (void)state;
    tc_response_t r;
    int releases = atomic_load(&g_releases);
    get("/api/v1/me", NULL, &r);
    assert_error(&r, 401, "auth.required");
    tc_response_free(&r);
    get("/api/v1/me", "Cookie: cchc_session=stale", &r);
    assert_error(&r, 401, "auth.session_invalid");
    tc_response_free(&r);
    get("/api/v1/me", "Cookie: cchc_session=db-down", &r);
    assert_error(&r, 500, "db.unavailable");
    tc_response_free(&r);
    assert_int_equal(atomic_load(&g_releases), releases);

    get("/api/v1/me", "Cookie: theme=dark; cchc_session=good-token", &r);
    assert_int_equal(r.status, 200);
    json_t *v = body_json(&r);
    assert_string_equal(jsonx_str(v, "login", ""), "alice");
    json_decref(v);
    tc_response_free(&r);
    expect_releases(releases + 1);

    /* Auth runs before the body is looked at, and on every protected method. */
    assert_int_equal(tc_request(g_port, "PUT", "/api/v1/items/K9", "Content-Type: application/json",
                                "{\"x\":1}", 7, &r),
                     0);
    assert_error(&r, 401, "auth.required");
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "PUT", "/api/v1/items/K9",
                                "Content-Type: application/json\nCookie: cchc_session=good-token",
                                "{\"x\":1}", 7, &r),
                     0);
    assert_int_equal(r.status, 200);
    v = body_json(&r);
    assert_int_equal(jsonx_int(json_object_get(v, "value"), "x", 0), 1);
    json_decref(v);
    tc_response_free(&r);
    assert_int_equal(tc_request(g_port, "DELETE", "/api/v1/items/K9",
                                "Cookie: cchc_session=good-token", NULL, 0, &r),
                     0);
    assert_int_equal(r.status, 204);
    tc_response_free(&r);
    expect_releases(releases + 3);
}

static void session_cookies(void **state)
{
    (void)state;
    tc_response_t r;
    post_json("/api/v1/login", "{}", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(tc_header_count(&r, "Set-Cookie"), 1);
    assert_string_equal(tc_header(&r, "Set-Cookie"),
                        "cchc_session=good-token; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
    assert_null(tc_header(&r, "X-Bad"));
    assert_null(tc_header(&r, "Injected"));
    json_t *v = body_json(&r);
    assert_true(jsonx_bool(v, "refused_bad_headers", false));
    json_decref(v);
    tc_response_free(&r);
    post_json("/api/v1/logout", "{}", &r);
    assert_int_equal(r.status, 204);
    assert_string_equal(tc_header(&r, "Set-Cookie"),
                        "cchc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    tc_response_free(&r);
}

static void handler_errors(void **state)
{
    (void)state;
    tc_response_t r;
    get("/api/v1/conflict", NULL, &r);
    assert_error(&r, 409, "test.conflict");
    json_t *v = body_json(&r);
    json_t *err = json_object_get(v, "error");
    assert_string_equal(jsonx_str(err, "message", ""), "Mã đơn vị đã tồn tại: X01");
    assert_string_equal(jsonx_str(err, "message_en", ""), "Unit code already exists: X01");
    json_decref(v);
    tc_response_free(&r);
    get("/api/v1/fail", NULL, &r);
    assert_error(&r, 500, "database");
    tc_response_free(&r);

    /* A route outside /api/: handler's own Cache-Control kept. */
    get("/healthz", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "xin chào");
    assert_string_equal(tc_header(&r, "Content-Type"), "text/plain; charset=utf-8");
    assert_string_equal(tc_header(&r, "Cache-Control"), "max-age=60");
    tc_response_free(&r);
}

static void oversized_headers_431(void **state)
{
    (void)state;
    size_t n = 100 * 1024;
    char *h = malloc(n + 32);
    assert_non_null(h);
    int k = snprintf(h, 32, "X-Big: ");
    memset(h + k, 'b', n);
    h[k + n] = '\0';
    tc_response_t r;
    get("/api/v1/ping", h, &r);
    assert_int_equal(r.status, 431);
    tc_response_free(&r);
    free(h);
}

/* ---- tests: static files ---------------------------------------------------- */

static void static_files(void **state)
{
    (void)state;
    static const struct {
        const char *path, *ctype, *body;
    } cases[] = {
        {"/", "text/html; charset=utf-8", "<!doctype html><title>t</title>INDEX PAGE\n"},
        {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>t</title>INDEX PAGE\n"},
        {"/style.css", "text/css; charset=utf-8", "body { color: #123; }\n"},
        {"/app.js", "text/javascript; charset=utf-8", "export const x = 1;\n"},
        {"/data.json", "application/json; charset=utf-8", "{\"a\":1}\n"},
        {"/logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"},
        {"/font.woff2", "font/woff2", "wOF2"},
        {"/sub/", "text/html; charset=utf-8", "SUB INDEX\n"},
        {"/sub/a.txt", "text/plain; charset=utf-8", "A TEXT\n"},
        {"/link-in.css", "text/css; charset=utf-8", "body { color: #123; }\n"},
        {"/empty.txt", "text/plain; charset=utf-8", ""},
        {"/index.html?v=3", "text/html; charset=utf-8",
         "<!doctype html><title>t</title>INDEX PAGE\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tc_response_t r;
        get(cases[i].path, NULL, &r);
        assert_int_equal(r.status, 200);
        assert_string_equal(tc_header(&r, "Content-Type"), cases[i].ctype);
        assert_string_equal(r.body, cases[i].body);
        assert_string_equal(tc_header(&r, "X-Content-Type-Options"), "nosniff");
        assert_non_null(strstr(tc_header(&r, "Content-Security-Policy"), "default-src 'self'"));
        assert_string_equal(tc_header(&r, "Cache-Control"), "no-cache");
        tc_response_free(&r);
    }
}

static void static_head_etag_missing(void **state)
{
    (void)state;
    tc_response_t r;
    assert_int_equal(tc_request(g_port, "HEAD", "/style.css", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(tc_header(&r, "Content-Length"), "22");
    assert_int_equal(r.body_len, 0);
    char etag[128];
    assert_non_null(tc_header(&r, "ETag"));
    snprintf(etag, sizeof etag, "If-None-Match: %s", tc_header(&r, "ETag"));
    tc_response_free(&r);
    get("/style.css", etag, &r);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body_len, 0);
    tc_response_free(&r);

    static const char *missing[] = {"/missing.html", "/sub",        "/.hidden",     "/sub/.x",
                                    "/link-out.txt", "/etc/passwd", "/etc/hostname"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        get(missing[i], NULL, &r);
        assert_int_equal(r.status, 404);
        assert_string_equal(tc_header(&r, "Content-Type"), "text/plain; charset=utf-8");
        assert_null(strstr(r.body, SECRET));
        tc_response_free(&r);
    }
    assert_int_equal(tc_request(g_port, "POST", "/index.html", NULL, "", 0, &r), 0);
    assert_int_equal(r.status, 405);
    assert_string_equal(tc_header(&r, "Allow"), "GET, HEAD");
    tc_response_free(&r);
}

static void path_traversal_never_escapes(void **state)
{
    (void)state;
    static const char *paths[] = {
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/a/../../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/sub/..%2f..%2fsecret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/./../secret.txt",
        "/..\\secret.txt",
        "/%00/../secret.txt",
        "/index.html%00.txt",
        "//secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/../../secret.txt",
        "/api/../secret.txt",
        "../secret.txt",
        "/link-out.txt",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char raw[256];
        int n = snprintf(raw, sizeof raw, "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n", paths[i]);
        tc_response_t r;
        assert_int_equal(tc_raw(g_port, "GET", raw, (size_t)n, &r), 0);
        if (r.status != 400 && r.status != 404)
            fail_msg("%s gave %d", paths[i], r.status);
        assert_null(strstr(r.body, SECRET));
        assert_null(strstr(r.body, "root:"));
        tc_response_free(&r);
    }
}

/* ---- tests: connections ----------------------------------------------------- */

static void keep_alive_many_requests(void **state)
{
    (void)state;
    tc_conn_t *c = tc_connect(g_port);
    assert_non_null(c);
    char last_id[32] = "";
    for (int i = 0; i < 5; i++) {
        tc_response_t r;
        assert_int_equal(tc_send(c, "GET", "/api/v1/ping", NULL, NULL, 0, &r), 0);
        assert_int_equal(r.status, 200);
        assert_false(r.closed);
        assert_string_not_equal(tc_header(&r, "X-Request-Id"), last_id);
        snprintf(last_id, sizeof last_id, "%s", tc_header(&r, "X-Request-Id"));
        tc_response_free(&r);
        assert_int_equal(tc_send(c, "POST", "/api/v1/echo", "Content-Type: application/json",
                                 "{\"i\":1}", 7, &r),
                         0);
        assert_int_equal(r.status, 201);
        tc_response_free(&r);
        assert_int_equal(tc_send(c, "GET", "/style.css", NULL, NULL, 0, &r), 0);
        assert_int_equal(r.status, 200);
        tc_response_free(&r);
        assert_int_equal(tc_send(c, "GET", "/api/v1/nope", NULL, NULL, 0, &r), 0);
        assert_int_equal(r.status, 404);
        assert_false(r.closed);
        tc_response_free(&r);
        assert_int_equal(
            tc_send(c, "GET", "/api/v1/me", "Cookie: cchc_session=good-token", NULL, 0, &r), 0);
        assert_int_equal(r.status, 200);
        tc_response_free(&r);
    }
    tc_close(c);
}

#define N_CLIENTS    4
#define N_PER_CLIENT 50

static void *client_thread(void *arg)
{
    intptr_t ok = 0;
    (void)arg;
    tc_conn_t *c = tc_connect(g_port);
    for (int i = 0; c && i < N_PER_CLIENT; i++) {
        tc_response_t r;
        char path[64];
        snprintf(path, sizeof path, "/api/v1/items/c%d", i);
        /* every third request on a fresh connection */
        int rc = i % 3 ? tc_send(c, "GET", path, NULL, NULL, 0, &r)
                       : tc_request(g_port, "GET", path, NULL, NULL, 0, &r);
        if (rc == 0 && r.status == 200 && strstr(r.body, path + strlen("/api/v1/items/")))
            ok++;
        tc_response_free(&r);
    }
    tc_close(c);
    return (void *)ok;
}

static void concurrent_clients(void **state)
{
    (void)state;
    unsigned long before = http_server_served(g_srv);
    pthread_t t[N_CLIENTS];
    for (int i = 0; i < N_CLIENTS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, client_thread, NULL), 0);
    for (int i = 0; i < N_CLIENTS; i++) {
        void *ok;
        pthread_join(t[i], &ok);
        assert_int_equal((intptr_t)ok, N_PER_CLIENT);
    }
    /* The completion callback runs just after the answer is sent: let it catch up. */
    for (int i = 0; i < 200 && http_server_served(g_srv) < before + N_CLIENTS * N_PER_CLIENT; i++) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    assert_true(http_server_served(g_srv) >= before + N_CLIENTS * N_PER_CLIENT);
}

/* ---- tests: configuration and lifecycle ---------------------------------- */

static void bad_configurations(void **state)
{
    (void)state;
    static const char *listens[] = {"nonsense",  "127.0.0.1", "127.0.0.1:99999", "::1:80",
                                    "[::1]8080", "1.2.3:80",  "127.0.0.1:-1",    "host.example:80"};
    for (size_t i = 0; i < sizeof listens / sizeof listens[0]; i++) {
        err_t e;
        err_clear(&e);
        http_config_t cfg = {.listen = listens[i]};
        assert_null(http_server_new(&cfg, test_routes, NULL, NULL, &e));
        assert_string_equal(e.code, "http.listen_invalid");
    }
    err_t e;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/no-such-dir", g_tmp);
    http_config_t cfg = {.listen = "127.0.0.1:0", .web_dir = dir};
    assert_null(http_server_new(&cfg, test_routes, NULL, NULL, &e));
    assert_string_equal(e.code, "http.web_dir");
    static const http_route_t bad_routes[] = {{"GET", "/a/{x}/b/{x}", h_ping, 0}, {0}};
    cfg.web_dir = NULL;
    assert_null(http_server_new(&cfg, bad_routes, NULL, NULL, &e));
    assert_string_equal(e.code, "http.route_pattern");

    /* Address in use. */
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", g_port);
    cfg.listen = listen;
    http_server_t *s = http_server_new(&cfg, test_routes, NULL, NULL, &e);
    assert_non_null(s);
    assert_int_equal(http_server_start(s, &e), ERR_IO);
    assert_string_equal(e.code, "http.start");
    assert_int_equal(http_server_port(s), 0);
    http_server_free(s);
}

static void allocation_failures_in_new(void **state)
{
    (void)state;
    http_config_t cfg = {.listen = "127.0.0.1:0", .web_dir = g_web};
    for (long n = 1; n < 50; n++) {
        err_t e;
        mem_fail_after(n);
        http_server_t *s = http_server_new(&cfg, test_routes, &test_hooks, NULL, &e);
        mem_fail_after(-1);
        if (s) {
            http_server_free(s);
            return;
        }
        assert_int_equal(e.status, ERR_NOMEM);
    }
    fail_msg("http_server_new never succeeded");
}

static void no_auth_hook_denies(void **state)
{
    (void)state;
    http_config_t cfg = {.listen = "127.0.0.1:0", .threads = 1};
    err_t e;
    http_server_t *s = http_server_new(&cfg, test_routes, NULL, NULL, &e);
    assert_non_null(s);
    assert_int_equal(http_server_start(s, &e), 0);
    tc_response_t r;
    assert_int_equal(tc_request(http_server_port(s), "GET", "/api/v1/me",
                                "Cookie: cchc_session=good-token", NULL, 0, &r),
                     0);
    assert_error(&r, 401, "auth.required");
    tc_response_free(&r);
    /* no web_dir: non-API paths are plain 404 */
    assert_int_equal(tc_request(http_server_port(s), "GET", "/", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 404);
    tc_response_free(&r);
    http_server_free(s);
}

static void ipv6_listen(void **state)
{
    (void)state;
    http_config_t cfg = {.listen = "[::1]:0"};
    err_t e;
    http_server_t *s = http_server_new(&cfg, test_routes, NULL, NULL, &e);
    assert_non_null(s);
    if (http_server_start(s, &e)) {
        http_server_free(s);
        skip(); /* no IPv6 loopback here */
    }
    tc_conn_t *c = tc_connect_host("::1", http_server_port(s));
    assert_non_null(c);
    tc_response_t r;
    assert_int_equal(tc_send(c, "GET", "/api/v1/ping", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    json_t *v = body_json(&r);
    assert_string_equal(jsonx_str(v, "client", ""), "::1");
    json_decref(v);
    tc_response_free(&r);
    tc_close(c);
    http_server_free(s);
}

typedef struct slow_call {
    uint16_t port;
    tc_response_t r;
    int rc;
} slow_call_t;

static void *slow_client(void *arg)
{
    slow_call_t *sc = arg;
    sc->rc = tc_request(sc->port, "GET", "/api/v1/slow", NULL, NULL, 0, &sc->r);
    return NULL;
}

static void *stopper(void *arg)
{
    http_server_stop(arg);
    return NULL;
}

static void wait_for(atomic_int *flag)
{
    for (int i = 0; i < 1000 && !atomic_load(flag); i++) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    assert_true(atomic_load(flag));
}

static void graceful_stop_finishes_in_flight(void **state)
{
    (void)state;
    http_config_t cfg = {.listen = "127.0.0.1:0", .web_dir = g_web};
    err_t e;
    http_server_t *s = http_server_new(&cfg, test_routes, &test_hooks, NULL, &e);
    assert_non_null(s);
    assert_int_equal(http_server_start(s, &e), 0);
    uint16_t port = http_server_port(s);
    tc_conn_t *idle = tc_connect(port); /* an idle keep-alive connection */
    assert_non_null(idle);
    tc_response_t r;
    assert_int_equal(tc_send(idle, "GET", "/", NULL, NULL, 0, &r), 0);
    tc_response_free(&r);

    atomic_store(&g_slow_entered, 0);
    atomic_store(&g_slow_release, 0);
    slow_call_t sc = {.port = port};
    pthread_t client, stop;
    assert_int_equal(pthread_create(&client, NULL, slow_client, &sc), 0);
    wait_for(&g_slow_entered);
    assert_int_equal(pthread_create(&stop, NULL, stopper, s), 0);
    /* Wait until the listening socket is gone: new connections fail. */
    bool refused = false;
    for (int i = 0; i < 1000 && !refused; i++) {
        tc_conn_t *c = tc_connect(port);
        refused = c == NULL;
        tc_close(c);
        if (!refused) {
            struct timespec ts = {0, 5 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    assert_true(refused);
    atomic_store(&g_slow_release, 1);
    pthread_join(client, NULL);
    pthread_join(stop, NULL);
    assert_int_equal(sc.rc, 0);
    assert_int_equal(sc.r.status, 200);
    assert_non_null(strstr(sc.r.body, "done"));
    assert_true(sc.r.closed); /* answered during the drain: Connection: close */
    tc_response_free(&sc.r);
    assert_true(tc_peer_closed(idle));
    tc_close(idle);
    assert_int_equal(http_server_port(s), 0);
    http_server_stop(s); /* second stop is a no-op */
    http_server_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_200_with_security_headers),
        cmocka_unit_test(unknown_route_404),
        cmocka_unit_test(wrong_method_405),
        cmocka_unit_test(trailing_slash_and_bad_paths),
        cmocka_unit_test(path_params),
        cmocka_unit_test(query_cookie_header),
        cmocka_unit_test(post_json_echo),
        cmocka_unit_test(malformed_json_400),
        cmocka_unit_test(oversized_body_413),
        cmocka_unit_test(chunked_bodies),
        cmocka_unit_test(authentication),
        cmocka_unit_test(session_cookies),
        cmocka_unit_test(handler_errors),
        cmocka_unit_test(oversized_headers_431),
        cmocka_unit_test(static_files),
        cmocka_unit_test(static_head_etag_missing),
        cmocka_unit_test(path_traversal_never_escapes),
        cmocka_unit_test(keep_alive_many_requests),
        cmocka_unit_test(concurrent_clients),
        cmocka_unit_test(bad_configurations),
        cmocka_unit_test(allocation_failures_in_new),
        cmocka_unit_test(no_auth_hook_denies),
        cmocka_unit_test(ipv6_listen),
        cmocka_unit_test(graceful_stop_finishes_in_flight),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
