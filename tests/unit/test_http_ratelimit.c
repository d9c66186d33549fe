/* Unit tests of src/http/http_ratelimit: token buckets per key, classes,
 * rule parsing, the refusal's message, and a flood of keys that can never
 * lock anyone out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/log.h"
#include "http/http_ratelimit.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static void buckets_refill(void **state)
{
    (void)state;
    log_set_level(LOG_ERROR);
    const http_ratelimit_rule_t rules[] = {{"lookup", 60, 3}, {"off", 0, 5}, {NULL, 0, 0}};
    err_t e;
    http_ratelimit_t *rl = http_ratelimit_new(rules, &e);
    assert_non_null(rl);
    assert_true(http_ratelimit_has(rl, "lookup"));
    assert_false(http_ratelimit_has(rl, "off"));
    assert_false(http_ratelimit_has(rl, "other"));
    unsigned wait = 0;
    int64_t t = 1000000;
    for (int i = 0; i < 3; i++)
        assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t, &wait), 0);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t, &wait), ERR_TOOMANY);
    assert_int_equal(wait, 1); /* one token a second */
    /* Others are unaffected; unknown and unlimited classes always pass. */
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.2", t, &wait), 0);
    for (int i = 0; i < 100; i++) {
        assert_int_equal(http_ratelimit_take(rl, "off", "10.0.0.1", t, NULL), 0);
        assert_int_equal(http_ratelimit_take(rl, "other", "10.0.0.1", t, NULL), 0);
    }
    /* 999 ms later still nothing; at 1 s one token. */
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t + 999, &wait), ERR_TOOMANY);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t + 1000, &wait), 0);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t + 1000, &wait), ERR_TOOMANY);
    /* A long pause refills to the burst, not beyond. */
    for (int i = 0; i < 3; i++)
        assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t + 3600000, &wait), 0);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "10.0.0.1", t + 3600000, &wait),
                     ERR_TOOMANY);
    http_ratelimit_free(rl);
    http_ratelimit_free(NULL);
}

static void slow_rate_retry_after(void **state)
{
    (void)state;
    const http_ratelimit_rule_t rules[] = {{"feedback", 2, 1}, {NULL, 0, 0}};
    http_ratelimit_t *rl = http_ratelimit_new(rules, NULL);
    unsigned wait = 0;
    assert_int_equal(http_ratelimit_take(rl, "feedback", "a", 0, &wait), 0);
    assert_int_equal(http_ratelimit_take(rl, "feedback", "a", 0, &wait), ERR_TOOMANY);
    assert_int_equal(wait, 30);
    assert_int_equal(http_ratelimit_take(rl, "feedback", "a", 20100, &wait), ERR_TOOMANY);
    assert_int_equal(wait, 10);
    err_t e;
    assert_int_equal(http_ratelimit_error(wait, &e), ERR_TOOMANY);
    assert_string_equal(e.code, "http.rate_limited");
    assert_non_null(strstr(e.vi, "10 giây"));
    assert_non_null(strstr(e.en, "10 seconds"));
    http_ratelimit_free(rl);
}

/* 100,000 distinct addresses pass through a table of 4,096 buckets: memory
 * stays fixed, and a recycled bucket only ever gives a fresh burst. */
static void flood_of_keys(void **state)
{
    (void)state;
    const http_ratelimit_rule_t rules[] = {{"lookup", 60, 2}, {NULL, 0, 0}};
    http_ratelimit_t *rl = http_ratelimit_new(rules, NULL);
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
        assert_int_equal(http_ratelimit_take(rl, "lookup", key, 5000, NULL), 0);
    }
    /* A key spending its burst in the flood is refused while its bucket
     * lives, allowed again once it is recycled or refilled. */
    assert_int_equal(http_ratelimit_take(rl, "lookup", "victim", 5000, NULL), 0);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "victim", 5000, NULL), 0);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "victim", 5000, NULL), ERR_TOOMANY);
    assert_int_equal(http_ratelimit_take(rl, "lookup", "victim", 6000, NULL), 0);
    http_ratelimit_free(rl);
}

static void rules_parse(void **state)
{
    (void)state;
    char buf[64];
    http_ratelimit_rule_t r;
    err_t e;
    assert_int_equal(http_ratelimit_parse("login=30/20", buf, sizeof buf, &r, &e), 0);
    assert_string_equal(r.name, "login");
    assert_int_equal(r.per_minute, 30);
    assert_int_equal(r.burst, 20);
    assert_int_equal(http_ratelimit_parse("lookup=0", buf, sizeof buf, &r, &e), 0);
    assert_int_equal(r.per_minute, 0);
    const char *bad[] = {"login",     "=5",      "Login=5",  "login=-1",
                         "login=5/0", "login=x", "login=5/", "a_very_long_class_name=5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(http_ratelimit_parse(bad[i], buf, sizeof buf, &r, &e), ERR_INVALID);
        assert_string_equal(e.code, "http.rate_limit");
    }
    const http_ratelimit_rule_t bad_rules[] = {{"Bad Name", 1, 1}, {NULL, 0, 0}};
    assert_null(http_ratelimit_new(bad_rules, &e));
    /* A later rule of the same name replaces the earlier one. */
    const http_ratelimit_rule_t twice[] = {{"x", 60, 1}, {"x", 0, 0}, {NULL, 0, 0}};
    http_ratelimit_t *rl = http_ratelimit_new(twice, &e);
    assert_false(http_ratelimit_has(rl, "x"));
    http_ratelimit_free(rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buckets_refill),
        cmocka_unit_test(slow_rate_retry_after),
        cmocka_unit_test(flood_of_keys),
        cmocka_unit_test(rules_parse),
    };
    return cmocka_run_group_tests_name("http_ratelimit", tests, NULL, NULL);
}
