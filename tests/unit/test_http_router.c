/* Unit tests of src/http/router: pattern checks, matching, path checks,
 * and the static content-type table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "http/http_router.h"
#include "http/http_static.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Route rows give method, pattern, handler and flags only. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static int h_a(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    (void)resp;
    return 0;
}

static int h_b(http_req_t *req, http_resp_t *resp)
{
    (void)req;
    (void)resp;
    return 1;
}

static const http_route_t routes[] = {
    {"GET", "/", h_a, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/v1/units/{code}", h_a, 0},
    {"GET", "/api/v1/units", h_a, 0},
    {"POST", "/api/v1/units", h_b, 0},
    {"GET", "/api/v1/units/tree", h_b, 0},
    {"DELETE", "/api/v1/units/{code}", h_b, 0},
    {"GET", "/api/v1/units/{code}/children/{child}", h_a, 0},
    {"GET", "/api/v1/{kind}/tree", h_a, 0},
    {"PATCH", "/api/v1/plans/{plan}/tasks/{task}", h_b, 0},
    {0},
};

/* Matches method + path (copied) and returns the result; m filled. */
static int match(const http_router_t *r, const char *method, const char *path, char *buf,
                 http_match_t *m)
{
    snprintf(buf, 256, "%s", path);
    return http_router_match(r, method, buf, m);
}

static const char *param(const http_match_t *m, const char *name)
{
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return m->params[i].value;
    return NULL;
}

static void matches_exactly_per_segment(void **state)
{
    (void)state;
    err_t e;
    http_router_t *r = http_router_new(routes, &e);
    assert_non_null(r);
    http_match_t m;
    char buf[256];

    assert_int_equal(match(r, "GET", "/api/v1/units", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[2]);
    assert_int_equal(m.nparams, 0);
    assert_int_equal(match(r, "GET", "/api/v1/units/", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[2]);
    assert_int_equal(match(r, "POST", "/api/v1/units", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[3]);
    assert_int_equal(match(r, "GET", "/api/v1/unitsx", buf, &m), HTTP_MATCH_NOT_FOUND);
    assert_int_equal(match(r, "GET", "/api/v1/unit", buf, &m), HTTP_MATCH_NOT_FOUND);
    assert_int_equal(match(r, "GET", "/api/v1/Units", buf, &m), HTTP_MATCH_NOT_FOUND);
    assert_int_equal(match(r, "GET", "/api/v1/units/a/b", buf, &m), HTTP_MATCH_NOT_FOUND);
    assert_int_equal(match(r, "GET", "/api/v1", buf, &m), HTTP_MATCH_NOT_FOUND);
    assert_int_equal(match(r, "GET", "/", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[0]);

    assert_int_equal(match(r, "GET", "/api/v1/units/X01", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[1]);
    assert_string_equal(param(&m, "code"), "X01");
    assert_null(param(&m, "cod"));

    assert_int_equal(match(r, "GET", "/api/v1/units/X01/children/Y-2/", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[6]);
    assert_int_equal(m.nparams, 2);
    assert_string_equal(param(&m, "code"), "X01");
    assert_string_equal(param(&m, "child"), "Y-2");

    assert_int_equal(match(r, "PATCH", "/api/v1/plans/7/tasks/12", buf, &m), HTTP_MATCH_OK);
    assert_string_equal(param(&m, "plan"), "7");
    assert_string_equal(param(&m, "task"), "12");
    http_router_free(r);
}

static void literal_beats_parameter(void **state)
{
    (void)state;
    err_t e;
    http_router_t *r = http_router_new(routes, &e);
    assert_non_null(r);
    http_match_t m;
    char buf[256];
    /* "/api/v1/units/tree" matches {code} (listed first), {kind}/tree and the literal. */
    assert_int_equal(match(r, "GET", "/api/v1/units/tree", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[4]);
    assert_int_equal(m.nparams, 0);
    /* "/api/v1/plans/tree": only {kind}/tree. */
    assert_int_equal(match(r, "GET", "/api/v1/plans/tree", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[7]);
    assert_string_equal(param(&m, "kind"), "plans");
    /* DELETE on the literal path falls to the DELETE {code} route. */
    assert_int_equal(match(r, "DELETE", "/api/v1/units/tree", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[5]);
    assert_string_equal(param(&m, "code"), "tree");
    http_router_free(r);
}

static void methods_and_allow(void **state)
{
    (void)state;
    err_t e;
    http_router_t *r = http_router_new(routes, &e);
    assert_non_null(r);
    http_match_t m;
    char buf[256];
    assert_int_equal(match(r, "HEAD", "/api/v1/units", buf, &m), HTTP_MATCH_OK);
    assert_ptr_equal(m.route, &routes[2]);
    assert_int_equal(match(r, "PUT", "/api/v1/units", buf, &m), HTTP_MATCH_METHOD);
    assert_string_equal(m.allow, "GET, HEAD, POST");
    assert_int_equal(match(r, "PATCH", "/api/v1/units/X", buf, &m), HTTP_MATCH_METHOD);
    assert_string_equal(m.allow, "GET, HEAD, DELETE");
    assert_int_equal(match(r, "OPTIONS", "/api/v1/plans/1/tasks/2", buf, &m), HTTP_MATCH_METHOD);
    assert_string_equal(m.allow, "PATCH");
    assert_int_equal(match(r, "get", "/api/v1/units", buf, &m), HTTP_MATCH_METHOD);
    http_router_free(r);
}

static void bad_tables_are_refused(void **state)
{
    (void)state;
    static const struct {
        http_route_t route;
        const char *code;
    } bad[] = {
        {{"GET", "api/x", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api/x/", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api//x", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api/{}", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api/{a-b}", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api/x{a}", h_a, 0}, "http.route_pattern"},
        {{"GET", "/api/{a}/{a}", h_a, 0}, "http.route_pattern"},
        {{"GET", "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", h_a, 0}, "http.route_pattern"},
        {{"GET", "/{abcdefghijabcdefghijabcdefghij12}", h_a, 0}, "http.route_pattern"},
        {{"GET", NULL, h_a, 0}, "http.route_pattern"},
        {{"FETCH", "/x", h_a, 0}, "http.route_method"},
        {{"HEAD", "/x", h_a, 0}, "http.route_method"},
        {{"GET", "/x", NULL, 0}, "http.route_handler"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        http_route_t table[2] = {bad[i].route, {0}};
        err_t e;
        err_clear(&e);
        assert_null(http_router_new(table, &e));
        assert_string_equal(e.code, bad[i].code);
        assert_true(strlen(e.vi) > 0 && strlen(e.en) > 0);
    }
    static const http_route_t dup[] = {
        {"GET", "/a/{x}", h_a, 0}, {"POST", "/a/{x}", h_a, 0}, {"GET", "/a/{y}", h_b, 0}, {0}};
    err_t e;
    assert_null(http_router_new(dup, &e));
    assert_string_equal(e.code, "http.route_duplicate");
    static const http_route_t empty[] = {{0}};
    http_router_t *r = http_router_new(empty, &e);
    assert_non_null(r);
    http_match_t m;
    char buf[256];
    assert_int_equal(match(r, "GET", "/", buf, &m), HTTP_MATCH_NOT_FOUND);
    http_router_free(r);
    http_router_free(NULL);
}

static void router_survives_alloc_failure(void **state)
{
    (void)state;
    for (long n = 1; n <= 2; n++) {
        err_t e;
        mem_fail_after(n);
        http_router_t *r = http_router_new(routes, &e);
        mem_fail_after(-1);
        assert_null(r);
        assert_int_equal(e.status, ERR_NOMEM);
    }
}

static void path_checks(void **state)
{
    (void)state;
    static const char *good[] = {"/",      "/a",     "/a/",    "/a/b.c", "/Sở Nội vụ/x",
                                 "/.well", "/a/..b", "/a/b..", "/~x/",   "/a%2e"};
    static const char *bad[] = {"",      "a",      "//",      "/a//b", "/a/b//", "/.",
                                "/..",   "/a/./b", "/a/../b", "/a/..", "/a\x01", "/a\x7f",
                                "/\xff", "/\xc3",  "/a\tb",   "../x"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (http_router_path_check(good[i], NULL) != 0)
            fail_msg("refused good path '%s'", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_t e;
        if (http_router_path_check(bad[i], &e) != ERR_INVALID)
            fail_msg("accepted bad path '%s'", bad[i]);
        assert_string_equal(e.code, "http.bad_path");
    }
    assert_int_equal(http_router_path_check(NULL, NULL), ERR_INVALID);
    assert_true(http_router_path_is_api("/api"));
    assert_true(http_router_path_is_api("/api/"));
    assert_true(http_router_path_is_api("/api/v1/x"));
    assert_false(http_router_path_is_api("/apix"));
    assert_false(http_router_path_is_api("/ap"));
    assert_false(http_router_path_is_api("/"));
    assert_false(http_router_path_is_api("/web/api/x"));
}

static void content_types(void **state)
{
    (void)state;
    assert_string_equal(http_static_content_type("/index.html"), "text/html; charset=utf-8");
    assert_string_equal(http_static_content_type("a.CSS"), "text/css; charset=utf-8");
    assert_string_equal(http_static_content_type("/x/app.mjs"), "text/javascript; charset=utf-8");
    assert_string_equal(http_static_content_type("/app.js.map"), "application/json; charset=utf-8");
    assert_string_equal(http_static_content_type("/i.png"), "image/png");
    assert_string_equal(http_static_content_type("/i.jpg"), "image/jpeg");
    assert_string_equal(http_static_content_type("/favicon.ico"), "image/x-icon");
    assert_string_equal(http_static_content_type("/f.woff2"), "font/woff2");
    assert_string_equal(http_static_content_type("/README"), "application/octet-stream");
    assert_string_equal(http_static_content_type("/dir.v2/README"), "application/octet-stream");
    assert_string_equal(http_static_content_type("/x.exe"), "application/octet-stream");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_exactly_per_segment),
        cmocka_unit_test(literal_beats_parameter),
        cmocka_unit_test(methods_and_allow),
        cmocka_unit_test(bad_tables_are_refused),
        cmocka_unit_test(router_survives_alloc_failure),
        cmocka_unit_test(path_checks),
        cmocka_unit_test(content_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
