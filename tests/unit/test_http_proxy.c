/* Unit tests of src/http/http_proxy: trusted-proxy lists and the client
 * address read from X-Forwarded-For. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/http_proxy.h"

#include <string.h>

#include "base/banned.h"

static const char *client(const http_proxy_t *p, const char *peer, const char *xff)
{
    static char out[HTTP_ADDR_MAX];
    http_proxy_client(p, peer, xff, out, sizeof out);
    return out;
}

static void lists(void **state)
{
    (void)state;
    err_t e;
    http_proxy_t *p = http_proxy_new("10.0.0.5, 192.168.0.0/16 ::1,2001:db8::/32", &e);
    assert_non_null(p);
    assert_false(http_proxy_empty(p));
    assert_true(http_proxy_trusts(p, "10.0.0.5"));
    assert_false(http_proxy_trusts(p, "10.0.0.6"));
    assert_true(http_proxy_trusts(p, "192.168.40.1"));
    assert_false(http_proxy_trusts(p, "192.169.0.1"));
    assert_true(http_proxy_trusts(p, "::1"));
    assert_true(http_proxy_trusts(p, "2001:db8:1::7"));
    assert_true(http_proxy_trusts(p, "::ffff:10.0.0.5")); /* IPv4-mapped */
    assert_false(http_proxy_trusts(p, "localhost"));
    assert_false(http_proxy_trusts(p, NULL));
    http_proxy_free(p);
    p = http_proxy_new(NULL, &e);
    assert_true(http_proxy_empty(p));
    http_proxy_free(p);
    const char *bad[] = {"10.0.0.300",   "10.0.0.0/33", "::1/129",
                         "host.example", "10.0.0.0/",   "10.0.0.1/x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(http_proxy_new(bad[i], &e));
        assert_string_equal(e.code, "http.trusted_proxy");
    }
    http_proxy_free(NULL);
}

static void forwarded_for(void **state)
{
    (void)state;
    http_proxy_t *none = http_proxy_new("", NULL);
    http_proxy_t *p = http_proxy_new("10.0.0.5, 10.1.0.0/16", NULL);
    /* Not from a proxy: the header is ignored. */
    assert_string_equal(client(none, "127.0.0.1", "203.0.113.9"), "127.0.0.1");
    assert_string_equal(client(p, "203.0.113.1", "198.51.100.7"), "203.0.113.1");
    /* From a proxy: the rightmost address that is not a proxy. */
    assert_string_equal(client(p, "10.0.0.5", "203.0.113.9"), "203.0.113.9");
    assert_string_equal(client(p, "10.0.0.5", " 1.2.3.4 , 203.0.113.9 , 10.1.4.4"), "203.0.113.9");
    assert_string_equal(client(p, "10.0.0.5", "2001:db8::9"), "2001:db8::9");
    /* Every hop a proxy: the leftmost. */
    assert_string_equal(client(p, "10.0.0.5", "10.1.0.1, 10.1.0.2"), "10.1.0.1");
    /* A forged entry that is no address: the hop that wrote it. */
    assert_string_equal(client(p, "10.0.0.5", "203.0.113.9, evil\r\n"), "10.0.0.5");
    assert_string_equal(client(p, "10.0.0.5", "x, 10.1.0.9"), "10.1.0.9");
    assert_string_equal(client(p, "10.0.0.5", NULL), "10.0.0.5");
    assert_string_equal(client(p, "10.0.0.5", ""), "10.0.0.5");
    http_proxy_free(p);
    http_proxy_free(none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists),
        cmocka_unit_test(forwarded_for),
    };
    return cmocka_run_group_tests_name("http_proxy", tests, NULL, NULL);
}
