/* Unit tests of src/http/http_host: Host header check (DNS rebinding),
 * loopback listen addresses, server-name lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/http_host.h"

#include <string.h>

#include "base/banned.h"

static void host_values(void **state)
{
    (void)state;
    const char *names = "cchc.tinh.gov.vn, dichvucong.tinh.gov.vn";
    const char *ok[] = {NULL,
                        "cchc.tinh.gov.vn",
                        "CCHC.Tinh.Gov.VN:443",
                        "cchc.tinh.gov.vn.",
                        "dichvucong.tinh.gov.vn:8080",
                        "localhost",
                        "LOCALHOST:8080",
                        "127.0.0.1:8080",
                        "10.20.30.40",
                        "[::1]:8080",
                        "[2001:db8::1]"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (http_host_check(ok[i], names, NULL) != 0)
            fail_msg("refused: %s", ok[i]);
    const char *bad[] = {"evil.example",
                         "cchc.tinh.gov.vn.evil.example",
                         "evil.cchc.tinh.gov.vn",
                         "localhost.evil.example",
                         "1.2.3.4.nip.io",
                         "::1",
                         "[::1",
                         "",
                         ":80",
                         "cchc.tinh.gov.vn:80:80"};
    err_t e;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (http_host_check(bad[i], names, &e) != ERR_INVALID)
            fail_msg("accepted: %s", bad[i]);
        assert_string_equal(e.code, "http.bad_host");
    }
    /* No names configured: IP literals and localhost only. */
    assert_int_equal(http_host_check("127.0.0.1", NULL, NULL), 0);
    assert_int_equal(http_host_check("cchc.tinh.gov.vn", NULL, NULL), ERR_INVALID);
}

static void loopback(void **state)
{
    (void)state;
    assert_true(http_host_listen_is_loopback(NULL));
    assert_true(http_host_listen_is_loopback("127.0.0.1:8080"));
    assert_true(http_host_listen_is_loopback("127.8.0.1:0"));
    assert_true(http_host_listen_is_loopback("localhost:8080"));
    assert_true(http_host_listen_is_loopback("[::1]:8080"));
    assert_false(http_host_listen_is_loopback("0.0.0.0:80"));
    assert_false(http_host_listen_is_loopback("10.0.0.5:8080"));
    assert_false(http_host_listen_is_loopback("[::]:8080"));
    assert_false(http_host_listen_is_loopback(":8080"));
}

static void name_lists(void **state)
{
    (void)state;
    assert_true(http_host_names_valid(NULL));
    assert_true(http_host_names_valid("cchc.tinh.gov.vn,a-b.example"));
    assert_false(http_host_names_valid("cchc.tinh.gov.vn:443"));
    assert_false(http_host_names_valid("-bad.example"));
    assert_false(http_host_names_valid("a..b"));
    assert_false(http_host_names_valid("hạ.example"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_values),
        cmocka_unit_test(loopback),
        cmocka_unit_test(name_lists),
    };
    return cmocka_run_group_tests_name("http_host", tests, NULL, NULL);
}
