/* Issue 16 items 3, 5, 8, 9 and 10 against a real server:
 *   3  rate limits per client address on anonymous routes (429 +
 *      Retry-After + a Vietnamese message, one log line per burst),
 *      X-Forwarded-For honoured from trusted proxies only, the public lookup's
 *      second factor;
 *   5  the 40-guess bypass fails, also across a restart; a login typed as
 *      "ip:<address>" blocks no address;
 *   8  `cchc user add --password-file` and its removal at the first change;
 *   9  Host checked against the configured names (421), Secure cookies by
 *      default off loopback;
 *  10  a login name with a newline writes one log line; an evidence store
 *      failure shows no file-system path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_auth.h"
#include "base/log.h"
#include "http/api.h"
#include "support/http_client.h"
#include "support/ledger_fixture.h"
#include "support/run_cmd.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

#define PW "mat-khau-kiem-thu"

typedef struct fixture {
    char *dir, *db;
    app_t *app;
    http_server_t *srv;
    uint16_t port;
    app_config_t ac;
    http_config_t hc;
    char data[1024];
} fixture_t;

static void start(fixture_t *f)
{
    err_t e;
    f->srv = http_server_new(&f->hc, api_routes, &api_hooks, f->app, &e);
    if (!f->srv)
        fail_msg("server: %s", e.en);
    assert_int_equal(http_server_start(f->srv, &e), 0);
    f->port = http_server_port(f->srv);
}

static void stop(fixture_t *f)
{
    http_server_stop(f->srv);
    http_server_free(f->srv);
    f->srv = NULL;
}

/* The ledger fixture (dossier D1 received 2024-02-07), an admin and an
 * officer; hc and ac (may be NULL) tune the server and the app. */
static fixture_t *open_fx(const http_config_t *hc, const app_config_t *ac)
{
    log_configure("warn,access=error", NULL);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    snprintf(f->data, sizeof f->data, "%s/data", testdir_root());
    if (ac)
        f->ac = *ac;
    f->ac.db_path = f->db;
    f->ac.data_dir = f->data;
    err_t e;
    assert_int_equal(app_open(&f->ac, &f->app, &e), 0);
    ledger_fixture_load(f->app, f->dir);
    assert_int_equal(
        app_auth_user_add(f->app, NULL, "quantri", PW, ACCESS_ROLE_ADMIN, NULL, NULL, &e), 0);
    assert_int_equal(
        app_auth_user_add(f->app, NULL, "canbo", PW, ACCESS_ROLE_OFFICER, "X1", NULL, &e), 0);
    if (hc)
        f->hc = *hc;
    if (!f->hc.listen)
        f->hc.listen = "127.0.0.1:0";
    start(f);
    return f;
}

static void close_fx(fixture_t *f)
{
    if (f->srv)
        stop(f);
    app_close(f->app);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
}

static int get(fixture_t *f, const char *path, const char *headers, tc_response_t *r)
{
    assert_int_equal(tc_request(f->port, "GET", path, headers, NULL, 0, r), 0);
    return r->status;
}

static int post_login(fixture_t *f, const char *headers, const char *login, const char *pw,
                      tc_response_t *r)
{
    json_t *b = json_pack("{s:s,s:s}", "login", login, "password", pw);
    char *body = json_dumps(b, JSON_COMPACT);
    char hdr[512];
    snprintf(hdr, sizeof hdr, "Content-Type: application/json\r\n%s", headers ? headers : "");
    assert_int_equal(tc_request(f->port, "POST", "/api/v1/login", hdr, body, strlen(body), r), 0);
    free(body);
    json_decref(b);
    return r->status;
}

static void expect_code(const tc_response_t *r, int status, const char *code)
{
    if (r->status != status)
        fail_msg("got %d, want %d: %.300s", r->status, status, r->body);
    json_error_t je;
    json_t *j = json_loadb(r->body, r->body_len, 0, &je);
    assert_non_null(j);
    const char *c = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    assert_non_null(c);
    assert_string_equal(c, code);
    json_decref(j);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- item 3 ------------------------------------------------------------------ */

static const http_ratelimit_rule_t small_limits[] = {
    {"lookup", 6, 3}, {"login", 60, 30}, {"feedback", 6, 2}, {NULL, 0, 0}};

static void anonymous_routes_are_rate_limited(void **state)
{
    (void)state;
    http_config_t hc = {.rate_limits = small_limits};
    fixture_t *f = open_fx(&hc, NULL);
    char *logpath = testdir_join(f->dir, "cchc.log");
    err_t e;
    assert_int_equal(log_open_file(logpath, 1 << 20, 1, &e), 0);
    tc_response_t r;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(get(f, "/api/v1/public/dossiers/KHONG-CO", NULL, &r), 404);
        tc_response_free(&r);
    }
    for (int i = 0; i < 4; i++) { /* a burst of refusals */
        get(f, "/api/v1/public/dossiers?code=KHONG-CO", NULL, &r);
        expect_code(&r, 429, "http.rate_limited");
        const char *ra = tc_header(&r, "Retry-After");
        assert_non_null(ra);
        long wait = strtol(ra, NULL, 10);
        assert_true(wait >= 1 && wait <= 20); /* one token every 10 s */
        assert_non_null(strstr(r.body, "quá nhiều yêu cầu"));
        tc_response_free(&r);
    }
    /* Another class has its own bucket; health has none. */
    assert_int_equal(get(f, "/api/v1/public/feedback/1", NULL, &r), 429);
    tc_response_free(&r);
    for (int i = 0; i < 20; i++) {
        assert_int_equal(get(f, "/api/v1/health", NULL, &r), 200);
        tc_response_free(&r);
    }
    /* feedback posts: 2, then refused before the body is read */
    const char *fb = "{\"content\":\"x\"}";
    int seen429 = 0;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(tc_request(f->port, "POST", "/api/v1/feedback",
                                    "Content-Type: application/json\r\n", fb, strlen(fb), &r),
                         0);
        seen429 += r.status == 429;
        tc_response_free(&r);
    }
    assert_int_equal(seen429, 2);
    log_close_file();
    char *log = slurp(logpath);
    /* one line per burst and class: lookup (the public feedback get shares it), feedback */
    assert_int_equal(count(log, "rate limit: client 127.0.0.1 exceeds 'lookup'"), 1);
    assert_int_equal(count(log, "rate limit: client 127.0.0.1 exceeds 'feedback'"), 1);
    free(log);
    free(logpath);
    close_fx(f);
}

static void forwarded_for_only_from_trusted_proxies(void **state)
{
    (void)state;
    /* Without trusted proxies the header is ignored: no way out of the bucket. */
    http_config_t hc = {.rate_limits = small_limits};
    fixture_t *f = open_fx(&hc, NULL);
    tc_response_t r;
    for (int i = 0; i < 3; i++) {
        get(f, "/api/v1/public/dossiers/KHONG-CO", "X-Forwarded-For: 203.0.113.1\r\n", &r);
        tc_response_free(&r);
    }
    assert_int_equal(
        get(f, "/api/v1/public/dossiers/KHONG-CO", "X-Forwarded-For: 203.0.113.2\r\n", &r), 429);
    tc_response_free(&r);
    close_fx(f);
    /* Behind a trusted proxy, each client has its own bucket; what a client
     * wrote to the left of the proxy's entry proves nothing. */
    hc.trusted_proxies = "127.0.0.1, 10.0.0.0/8";
    f = open_fx(&hc, NULL);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(
            get(f, "/api/v1/public/dossiers/KHONG-CO", "X-Forwarded-For: 203.0.113.1\r\n", &r),
            404);
        tc_response_free(&r);
    }
    assert_int_equal(get(f, "/api/v1/public/dossiers/KHONG-CO",
                         "X-Forwarded-For: 198.51.100.9, 203.0.113.1, 10.1.2.3\r\n", &r),
                     429);
    tc_response_free(&r);
    assert_int_equal(
        get(f, "/api/v1/public/dossiers/KHONG-CO", "X-Forwarded-For: 203.0.113.2\r\n", &r), 404);
    tc_response_free(&r);
    close_fx(f);
}

static void lookup_second_factor(void **state)
{
    (void)state;
    app_config_t ac = {.lookup_factor = APP_LOOKUP_RECEIVED_DATE};
    fixture_t *f = open_fx(NULL, &ac);
    tc_response_t r;
    get(f, "/api/v1/public/dossiers/D1", NULL, &r);
    expect_code(&r, 400, "lookup.factor_required");
    assert_non_null(strstr(r.body, "ngày tiếp nhận"));
    tc_response_free(&r);
    /* A wrong date says no more than an unknown code. */
    get(f, "/api/v1/public/dossiers/D1?received=2024-02-08", NULL, &r);
    expect_code(&r, 404, "dossier.not_found");
    tc_response_free(&r);
    get(f, "/api/v1/public/dossiers/KHONG-CO?received=2024-02-07", NULL, &r);
    expect_code(&r, 404, "dossier.not_found");
    tc_response_free(&r);
    assert_int_equal(get(f, "/api/v1/public/dossiers/D1?received=2024-02-07", NULL, &r), 200);
    assert_non_null(strstr(r.body, "\"code\":\"D1\""));
    tc_response_free(&r);
    assert_int_equal(get(f, "/api/v1/public/dossiers?code=D1&received=2024-02-07", NULL, &r), 200);
    tc_response_free(&r);
    close_fx(f);
    /* Without the setting the code alone answers. */
    f = open_fx(NULL, NULL);
    assert_int_equal(get(f, "/api/v1/public/dossiers/D1", NULL, &r), 200);
    tc_response_free(&r);
    close_fx(f);
}

/* ---- item 5 ------------------------------------------------------------------ */

/* The trial: 40 wrong guesses, then the right password accepted. Guesses
 * come from 40 addresses (a botnet behind the trusted proxy), each followed
 * by a failed login under another name (which filled and recycled the old
 * in-memory table). The right password must still be refused, and after a
 * restart of the whole application too. */
static void forty_guesses_then_restart(void **state)
{
    (void)state;
    http_config_t hc = {.trusted_proxies = "127.0.0.1"};
    fixture_t *f = open_fx(&hc, NULL);
    tc_response_t r;
    int throttled = 0;
    for (int i = 0; i < 40; i++) {
        char xff[64], other[32];
        snprintf(xff, sizeof xff, "X-Forwarded-For: 198.51.100.%d\r\n", i + 1);
        post_login(f, xff, "canbo", "doan-thu-lan-nua", &r);
        throttled += r.status == 429;
        assert_true(r.status == 401 || r.status == 429);
        tc_response_free(&r);
        snprintf(other, sizeof other, "nguoi%d", i);
        post_login(f, xff, other, "doan-thu-lan-nua", &r);
        tc_response_free(&r);
    }
    assert_true(throttled >= 35);
    post_login(f, "X-Forwarded-For: 192.0.2.50\r\n", "canbo", PW, &r);
    expect_code(&r, 429, "auth.throttled");
    tc_response_free(&r);
    /* Restart: a new application and server on the same database. */
    stop(f);
    app_close(f->app);
    err_t e;
    assert_int_equal(app_open(&f->ac, &f->app, &e), 0);
    start(f);
    post_login(f, "X-Forwarded-For: 192.0.2.51\r\n", "canbo", PW, &r);
    expect_code(&r, 429, "auth.throttled");
    tc_response_free(&r);
    close_fx(f);
}

static void login_name_cannot_lock_an_address(void **state)
{
    (void)state;
    http_config_t hc = {.trusted_proxies = "127.0.0.1"};
    fixture_t *f = open_fx(&hc, NULL);
    tc_response_t r;
    for (int i = 0; i < 8; i++) {
        post_login(f, "X-Forwarded-For: 203.0.113.66\r\n", "ip:203.0.113.77", "x", &r);
        tc_response_free(&r);
    }
    assert_int_equal(post_login(f, "X-Forwarded-For: 203.0.113.77\r\n", "canbo", PW, &r), 200);
    tc_response_free(&r);
    close_fx(f);
}

/* ---- item 9 ------------------------------------------------------------------ */

static void host_header_checked(void **state)
{
    (void)state;
    http_config_t hc = {.server_names = "cchc.tinh.gov.vn"};
    fixture_t *f = open_fx(&hc, NULL);
    tc_response_t r;
    static const char *const bad[] = {"evil.example", "cchc.tinh.gov.vn.evil.example:80",
                                      "localhost.evil.example"};
    for (size_t i = 0; i < 3; i++) {
        char raw[256];
        int n =
            snprintf(raw, sizeof raw, "GET /api/v1/health HTTP/1.1\r\nHost: %s\r\n\r\n", bad[i]);
        assert_int_equal(tc_raw(f->port, "GET", raw, (size_t)n, &r), 0);
        expect_code(&r, 421, "http.bad_host");
        tc_response_free(&r);
    }
    static const char *const good[] = {"cchc.tinh.gov.vn", "CCHC.tinh.gov.vn:443", "localhost:8080",
                                       "127.0.0.1", "[::1]:80"};
    for (size_t i = 0; i < 5; i++) {
        char raw[256];
        int n =
            snprintf(raw, sizeof raw, "GET /api/v1/health HTTP/1.1\r\nHost: %s\r\n\r\n", good[i]);
        assert_int_equal(tc_raw(f->port, "GET", raw, (size_t)n, &r), 0);
        assert_int_equal(r.status, 200);
        tc_response_free(&r);
    }
    /* An upload with a foreign Host is refused before its body is read. */
    static const char up[] = "POST /api/v1/login HTTP/1.1\r\nHost: evil.example\r\n"
                             "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    assert_int_equal(tc_raw(f->port, "POST", up, sizeof up - 1, &r), 0);
    assert_int_equal(r.status, 421);
    tc_response_free(&r);
    close_fx(f);
    /* A bad name in the configuration is refused. */
    err_t e;
    http_config_t bad_cfg = {.listen = "127.0.0.1:0", .server_names = "cchc.tinh.gov.vn:443"};
    assert_null(http_server_new(&bad_cfg, api_routes, &api_hooks, NULL, &e));
    assert_string_equal(e.code, "http.server_name");
}

static void secure_cookies_off_loopback(void **state)
{
    (void)state;
    http_config_t hc = {.listen = "0.0.0.0:0"};
    fixture_t *f = open_fx(&hc, NULL);
    assert_true(http_server_secure_cookies(f->srv));
    tc_response_t r;
    assert_int_equal(post_login(f, NULL, "canbo", PW, &r), 200);
    assert_non_null(strstr(tc_header(&r, "Set-Cookie"), "; Secure"));
    tc_response_free(&r);
    close_fx(f);
    hc.insecure_cookies = true;
    f = open_fx(&hc, NULL);
    assert_false(http_server_secure_cookies(f->srv));
    assert_int_equal(post_login(f, NULL, "canbo", PW, &r), 200);
    assert_null(strstr(tc_header(&r, "Set-Cookie"), "Secure"));
    tc_response_free(&r);
    close_fx(f);
    f = open_fx(NULL, NULL); /* loopback: plain, for http://127.0.0.1 */
    assert_false(http_server_secure_cookies(f->srv));
    close_fx(f);
}

/* ---- item 10 ----------------------------------------------------------------- */

static void forged_log_line_is_one_line(void **state)
{
    (void)state;
    fixture_t *f = open_fx(NULL, NULL);
    char *logpath = testdir_join(f->dir, "cchc.log");
    err_t e;
    log_configure("info", NULL);
    assert_int_equal(log_open_file(logpath, 1 << 20, 1, &e), 0);
    tc_response_t r;
    post_login(f, NULL, "x\n2024-01-01T08:00:00 INFO  [req 9] auth: login quantri from 10.0.0.1",
               "sai", &r);
    tc_response_free(&r);
    log_close_file();
    log_configure("warn,access=error", NULL);
    char *log = slurp(logpath);
    assert_int_equal(count(log, "failed login for 'x\\n2024-01-01T08:00:00 INFO"), 1);
    assert_null(strstr(log, "\n2024-01-01T08:00:00"));
    for (const char *p = log; *p; p = strchr(p, '\n') + 1) /* every line is a real one */
        assert_true(strncmp(p, "20", 2) == 0 && strchr(p, '\n'));
    free(log);
    free(logpath);
    close_fx(f);
}

static void evidence_failure_shows_no_path(void **state)
{
    (void)state;
    /* The evidence store lies below a regular file: every write fails. */
    char *blocker = testdir_new();
    char *file = testdir_file(blocker, "not-a-dir", "x");
    char ev[1024];
    snprintf(ev, sizeof ev, "%s/kho-minh-chung", file);
    app_config_t ac = {.evidence_dir = ev};
    fixture_t *f = open_fx(NULL, &ac);
    tc_response_t r;
    assert_int_equal(post_login(f, NULL, "quantri", PW, &r), 200);
    char hdr[256];
    snprintf(hdr, sizeof hdr, "Cookie: %.*s\r\nContent-Type: application/octet-stream\r\n",
             (int)strcspn(tc_header(&r, "Set-Cookie"), ";"), tc_header(&r, "Set-Cookie"));
    tc_response_free(&r);
    static const char pdf[] =
        "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    assert_int_equal(tc_request(f->port, "POST",
                                "/api/v1/evidence?unit=X1&attached_type=task_update&attached_id="
                                "1&filename=a.pdf",
                                hdr, pdf, sizeof pdf - 1, &r),
                     0);
    expect_code(&r, 500, "evidence.store_failed");
    assert_null(strstr(r.body, blocker));
    assert_null(strstr(r.body, "kho-minh-chung"));
    assert_null(strstr(r.body, "/"));
    tc_response_free(&r);
    close_fx(f);
    free(file);
    testdir_remove(blocker);
}

/* ---- item 8: the initial password file ------------------------------------------------ */

static const char *bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b && *b ? b : "build/asan/cchc";
}

static void initial_password_file_cli(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *db = testdb_new(dir, "t.db");
    char *pwfile = testdir_join(dir, "initial-admin-password");
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    const char *add[] = {bin(),
                         "--db",
                         db,
                         "--data",
                         data,
                         "user",
                         "add",
                         "admin",
                         "--role",
                         "admin",
                         "--password-file",
                         pwfile,
                         (const char *)NULL};
    run_result_t rr;
    assert_int_equal(run_cmd(add, NULL, NULL, 60, &rr), 0);
    if (rr.status != 0)
        fail_msg("user add: %s", rr.err);
    struct stat st;
    assert_int_equal(stat(pwfile, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    FILE *fp = fopen(pwfile, "r");
    char pw[64] = "";
    assert_non_null(fgets(pw, sizeof pw, fp));
    fclose(fp);
    pw[strcspn(pw, "\n")] = '\0';
    assert_int_equal(strlen(pw), 16);
    assert_null(strstr(rr.out, pw)); /* written, never printed */
    run_result_free(&rr);
    const char *passwd[] = {bin(),  "--db",   db,      "--data",           data,
                            "user", "passwd", "admin", "--password-stdin", (const char *)NULL};
    assert_int_equal(run_cmd(passwd, NULL, "hoa sen nở giữa mùa hè\n", 60, &rr), 0);
    if (rr.status != 0)
        fail_msg("user passwd: %s", rr.err);
    run_result_free(&rr);
    assert_false(testdir_exists(pwfile));
    free(pwfile);
    testdb_free(db);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(anonymous_routes_are_rate_limited),
        cmocka_unit_test(forwarded_for_only_from_trusted_proxies),
        cmocka_unit_test(lookup_second_factor),
        cmocka_unit_test(forty_guesses_then_restart),
        cmocka_unit_test(login_name_cannot_lock_an_address),
        cmocka_unit_test(host_header_checked),
        cmocka_unit_test(secure_cookies_off_loopback),
        cmocka_unit_test(forged_log_line_is_one_line),
        cmocka_unit_test(evidence_failure_shows_no_path),
        cmocka_unit_test(initial_password_file_cli),
    };
    return cmocka_run_group_tests_name("hardening_http", tests, NULL, NULL);
}
