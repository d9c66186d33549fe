/* test_csrf.c - the cross-site request guard (http/http_csrf.h). */
#include "http/http_csrf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

#include "base/banned.h"

static int check(const char *method, const char *host, const char *origin, const char *site,
                 const char *allowed)
{
    err_t e;
    err_clear(&e);
    int rc = http_csrf_check(method, host, origin, site, allowed, &e);
    if (rc) {
        assert_int_equal(e.status, ERR_FORBIDDEN);
        assert_string_equal(e.code, "http.cross_site");
    }
    return rc;
}

static void safe_methods_pass(void **state)
{
    (void)state;
    assert_false(http_csrf_unsafe("GET"));
    assert_false(http_csrf_unsafe("HEAD"));
    assert_false(http_csrf_unsafe("OPTIONS"));
    assert_true(http_csrf_unsafe("POST"));
    assert_true(http_csrf_unsafe("DELETE"));
    assert_true(http_csrf_unsafe(NULL));
    assert_int_equal(check("GET", "a:1", "https://evil.example", "cross-site", NULL), 0);
}

static void same_origin_passes(void **state)
{
    (void)state;
    assert_int_equal(check("POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", NULL),
                     0);
    assert_int_equal(check("POST", "LocalHost:8080", "http://localhost:8080", NULL, NULL), 0);
    assert_int_equal(check("POST", "127.0.0.1:8080", NULL, "none", NULL), 0);
    /* neither header: not a browser page */
    assert_int_equal(check("POST", "127.0.0.1:8080", NULL, NULL, NULL), 0);
}

static void cross_site_refused(void **state)
{
    (void)state;
    assert_int_not_equal(check("POST", "127.0.0.1:8080", "http://evil.example", NULL, NULL), 0);
    assert_int_not_equal(check("POST", "127.0.0.1:8080", "http://127.0.0.1:8081", NULL, NULL), 0);
    assert_int_not_equal(check("POST", "127.0.0.1:8080", "null", NULL, NULL), 0);
    assert_int_not_equal(check("POST", NULL, "http://127.0.0.1:8080", NULL, NULL), 0);
    assert_int_not_equal(check("POST", "127.0.0.1:8080", NULL, "cross-site", NULL), 0);
    assert_int_not_equal(check("POST", "127.0.0.1:8080", NULL, "same-site", NULL), 0);
    /* prefix tricks */
    assert_int_not_equal(
        check("POST", "127.0.0.1:8080", "http://127.0.0.1:8080.evil.example", NULL, NULL), 0);
    assert_int_not_equal(check("POST", "127.0.0.1", "http://127.0.0.1:8080", NULL, NULL), 0);
}

static void allowed_origins(void **state)
{
    (void)state;
    const char *list = "https://cchc.example.gov.vn, https://b.example:8443";
    assert_int_equal(
        check("POST", "10.0.0.5:8080", "https://cchc.example.gov.vn", "same-origin", list), 0);
    assert_int_equal(check("POST", "10.0.0.5:8080", "https://b.example:8443", NULL, list), 0);
    assert_int_not_equal(check("POST", "10.0.0.5:8080", "http://cchc.example.gov.vn", NULL, list),
                         0);
    assert_int_not_equal(check("POST", "10.0.0.5:8080", "https://cchc.example.gov", NULL, list), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(safe_methods_pass),
        cmocka_unit_test(same_origin_passes),
        cmocka_unit_test(cross_site_refused),
        cmocka_unit_test(allowed_origins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
