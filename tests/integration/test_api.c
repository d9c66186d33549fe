/* Integration tests of the JSON API: a real server on 127.0.0.1 (ephemeral
 * port) over a fresh temporary database with the sample units, spoken to
 * over plain sockets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_auth.h"
#include "app/app_units.h"
#include "http/api.h"
#include "io/unit_io.h"
#include "support/testdb.h"
#include "support/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

typedef struct fixture {
    char dir[64];
    char db[128];
    app_t *app;
    http_server_t *srv;
    uint16_t port;
    char admin_cookie[128];
} fixture_t;

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r ? r : ".";
}

static void import_samples(app_t *a)
{
    static const char *files[] = {"vinhlong_2024.csv", "vinhlong_2025.csv", "vinhlong_links.csv"};
    unit_set_t in;
    unit_set_init(&in);
    err_t e;
    for (int i = 0; i < 3; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/data/units/%s", root(), files[i]);
        assert_int_equal(unit_io_read_file(path, &in, &e), 0);
    }
    app_unit_import_report_t rep;
    assert_int_equal(app_units_import(a, NULL, &in, "samples", &rep, &e), 0);
    unit_set_release(&in);
}

static void login_cookie(uint16_t port, const char *login, const char *pw, char *cookie, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", login, pw);
    tc_response_t r;
    assert_int_equal(tc_request(port, "POST", "/api/v1/login", "Content-Type: application/json\r\n",
                                body, strlen(body), &r),
                     0);
    assert_int_equal(r.status, 200);
    const char *sc = tc_header(&r, "Set-Cookie");
    assert_non_null(sc);
    assert_non_null(strstr(sc, "HttpOnly"));
    assert_non_null(strstr(sc, "SameSite=Strict"));
    size_t n = strcspn(sc, ";");
    snprintf(cookie, cap, "Cookie: %.*s\r\n", (int)n, sc);
    tc_response_free(&r);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/cchc-api-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    testdb_path(f->db, sizeof f->db, f->dir, "t.db");
    err_t e;
    app_config_t cfg = {.db_path = f->db, .data_dir = "data"};
    assert_int_equal(app_open(&cfg, &f->app, &e), 0);
    import_samples(f->app);
    assert_int_equal(app_auth_user_add(f->app, NULL, "admin", "quan-tri-he-thong",
                                       ACCESS_ROLE_ADMIN, NULL, "Quản trị", &e),
                     0);
    assert_int_equal(app_auth_user_add(f->app, NULL, "canbo", "officer-password",
                                       ACCESS_ROLE_OFFICER, "VLG.SNV", "Cán bộ", &e),
                     0);
    http_config_t hc = {0};
    hc.listen = "127.0.0.1:0";
    hc.max_body = 4096;
    f->srv = http_server_new(&hc, api_routes, &api_hooks, f->app, &e);
    assert_non_null(f->srv);
    assert_int_equal(http_server_start(f->srv, &e), 0);
    f->port = http_server_port(f->srv);
    login_cookie(f->port, "admin", "quan-tri-he-thong", f->admin_cookie, sizeof f->admin_cookie);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    http_server_stop(f->srv);
    http_server_free(f->srv);
    app_close(f->app);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Sends a request and returns the parsed JSON body (caller decrefs). */
static json_t *call(fixture_t *f, const char *method, const char *path, const char *headers,
                    const char *body, int expect_status)
{
    tc_response_t r;
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%s%s", headers ? headers : "",
             body ? "Content-Type: application/json\r\n" : "");
    assert_int_equal(tc_request(f->port, method, path, hdr, body, body ? strlen(body) : 0, &r), 0);
    if (r.status != expect_status)
        fprintf(stderr, "%s %s -> %d: %s\n", method, path, r.status, r.body);
    assert_int_equal(r.status, expect_status);
    json_error_t je;
    json_t *j = json_loadb(r.body, r.body_len, 0, &je);
    tc_response_free(&r);
    return j;
}

static void health_is_public(void **state)
{
    json_t *j = call(*state, "GET", "/api/v1/health", NULL, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    json_decref(j);
}

static void login_failures_are_uniform(void **state)
{
    json_t *a = call(*state, "POST", "/api/v1/login", NULL,
                     "{\"login\":\"admin\",\"password\":\"wrong-pass\"}", 401);
    json_t *b = call(*state, "POST", "/api/v1/login", NULL,
                     "{\"login\":\"nobody\",\"password\":\"wrong-pass\"}", 401);
    const char *ca = json_string_value(json_object_get(json_object_get(a, "error"), "code"));
    const char *cb = json_string_value(json_object_get(json_object_get(b, "error"), "code"));
    assert_string_equal(ca, "auth.login_failed");
    assert_string_equal(ca, cb);
    json_decref(a);
    json_decref(b);
    json_t *c = call(*state, "POST", "/api/v1/login", NULL, "{\"login\":5}", 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(c, "error"), "code")),
                        "json.field_type");
    json_decref(c);
    json_t *d = call(*state, "POST", "/api/v1/login", NULL, "{\"login\":", 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(d, "error"), "code")),
                        "json.malformed");
    json_decref(d);
}

static void session_required(void **state)
{
    fixture_t *f = *state;
    json_t *j = call(f, "GET", "/api/v1/units", NULL, NULL, 401);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "auth.required");
    json_decref(j);
    j = call(f, "GET", "/api/v1/me", "Cookie: cchc_session=0123\r\n", NULL, 401);
    json_decref(j);
    j = call(f, "GET", "/api/v1/me", f->admin_cookie, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "login")), "admin");
    assert_string_equal(json_string_value(json_object_get(j, "role")), "admin");
    json_decref(j);
}

static void units_list_the_sample_tree(void **state)
{
    fixture_t *f = *state;
    json_t *j = call(f, "GET", "/api/v1/units?at=2024-06-01", f->admin_cookie, NULL, 200);
    json_t *units = json_object_get(j, "units");
    assert_true(json_array_size(units) >= 40);
    bool found = false;
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "code")), "VLG.SNV") == 0) {
            found = true;
            assert_string_equal(json_string_value(json_object_get(u, "name")), "Sở Nội vụ");
            assert_true(json_is_true(json_object_get(u, "in_scope")));
        }
        /* Only units valid on 2024-06-01. */
        assert_true(strncmp(json_string_value(json_object_get(u, "code")), "VL25", 4) != 0);
    }
    assert_true(found);
    json_decref(j);
    j = call(f, "GET", "/api/v1/units?at=2024-13-01", f->admin_cookie, NULL, 400);
    json_decref(j);
}

static void unit_detail_and_resolve(void **state)
{
    fixture_t *f = *state;
    json_t *j = call(f, "GET", "/api/v1/units/VLG?at=2024-06-01", f->admin_cookie, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "unit"), "kind")),
                        "tinh");
    assert_true(json_array_size(json_object_get(j, "children")) > 10);
    json_decref(j);
    j = call(f, "GET", "/api/v1/units/NOPE", f->admin_cookie, NULL, 404);
    json_decref(j);
    j = call(f, "GET", "/api/v1/unit-resolve?name=SO%20NOI%20VU&at=2024-06-01", f->admin_cookie,
             NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "unit");
    json_decref(j);
    j = call(f, "GET", "/api/v1/unit-resolve?name=UBND%20c%E1%BA%A5p%20huy%E1%BB%87n&at=2024-06-01",
             f->admin_cookie, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "group");
    assert_int_equal(json_array_size(json_object_get(j, "units")), 8);
    json_decref(j);
}

static void import_checks_role_and_validates(void **state)
{
    fixture_t *f = *state;
    char officer[128];
    login_cookie(f->port, "canbo", "officer-password", officer, sizeof officer);
    const char *good = "{\"units\":[{\"code\":\"VLG.SNV.PX\",\"name\":\"Phòng Xây dựng chính "
                       "quyền\",\"kind\":\"phong\",\"parent\":\"VLG.SNV\",\"valid_from\":"
                       "\"2024-01-01\",\"valid_to\":\"2025-06-30\"}]}";
    json_t *j = call(f, "POST", "/api/v1/units", officer, good, 403);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "auth.forbidden");
    json_decref(j);
    const char *bad = "{\"units\":[{\"code\":\"X1\",\"name\":\"X\",\"kind\":\"so\",\"parent\":"
                      "\"MISSING\"}]}";
    j = call(f, "POST", "/api/v1/units", f->admin_cookie, bad, 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "unit.parent_unknown");
    json_decref(j);
    j = call(f, "GET", "/api/v1/units/X1", f->admin_cookie, NULL, 404);
    json_decref(j);
    j = call(f, "POST", "/api/v1/units", f->admin_cookie, good, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "units")), 1);
    json_decref(j);
    j = call(f, "GET", "/api/v1/units/VLG.SNV.PX?at=2024-06-01", officer, NULL, 200);
    assert_true(json_is_true(json_object_get(j, "in_scope")));
    json_decref(j);
    j = call(f, "GET", "/api/v1/units/VLG.STP?at=2024-06-01", officer, NULL, 200);
    assert_false(json_is_true(json_object_get(j, "in_scope")));
    json_decref(j);
}

static void oversized_and_unknown(void **state)
{
    fixture_t *f = *state;
    char *big = malloc(8192);
    memset(big, ' ', 8191);
    big[0] = '{';
    big[8190] = '}';
    big[8191] = '\0';
    json_t *j = call(f, "POST", "/api/v1/units", f->admin_cookie, big, 413);
    json_decref(j);
    free(big);
    j = call(f, "GET", "/api/v1/nothing", f->admin_cookie, NULL, 404);
    json_decref(j);
    j = call(f, "DELETE", "/api/v1/units", f->admin_cookie, NULL, 405);
    json_decref(j);
}

static void logout_ends_the_session(void **state)
{
    fixture_t *f = *state;
    char cookie[128];
    login_cookie(f->port, "admin", "quan-tri-he-thong", cookie, sizeof cookie);
    json_t *j = call(f, "POST", "/api/v1/logout", cookie, "{}", 200);
    json_decref(j);
    j = call(f, "GET", "/api/v1/me", cookie, NULL, 401);
    json_decref(j);
}

/* State-changing requests sent from another site are refused before anything runs. */
static void cross_site_requests_refused(void **state)
{
    fixture_t *f = *state;
    char cookie[128];
    login_cookie(f->port, "admin", "quan-tri-he-thong", cookie, sizeof cookie);
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%sOrigin: http://evil.example\r\n", cookie);
    json_t *j = call(f, "POST", "/api/v1/logout", hdr, "{}", 403);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "http.cross_site");
    json_decref(j);
    snprintf(hdr, sizeof hdr, "%sSec-Fetch-Site: cross-site\r\n", cookie);
    j = call(f, "POST", "/api/v1/logout", hdr, "{}", 403);
    json_decref(j);
    j = call(f, "POST", "/api/v1/login", "Origin: null\r\n",
             "{\"login\":\"admin\",\"password\":\"quan-tri-he-thong\"}", 403);
    json_decref(j);
    /* the session survived the forged logouts; a same-origin one works */
    j = call(f, "GET", "/api/v1/me", cookie, NULL, 200);
    json_decref(j);
    /* the test client sends "Host: 127.0.0.1" */
    snprintf(hdr, sizeof hdr, "%sOrigin: http://127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n",
             cookie);
    j = call(f, "POST", "/api/v1/logout", hdr, "{}", 200);
    json_decref(j);
    j = call(f, "GET", "/api/v1/me", cookie, NULL, 401);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(health_is_public),
        cmocka_unit_test(login_failures_are_uniform),
        cmocka_unit_test(session_required),
        cmocka_unit_test(units_list_the_sample_tree),
        cmocka_unit_test(unit_detail_and_resolve),
        cmocka_unit_test(import_checks_role_and_validates),
        cmocka_unit_test(oversized_and_unknown),
        cmocka_unit_test(logout_ends_the_session),
        cmocka_unit_test(cross_site_requests_refused),
    };
    return cmocka_run_group_tests_name("api", tests, setup, teardown);
}
