/* Unit tests of the login throttle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/throttle.h"

#include "base/banned.h"

static void blocks_after_threshold_and_doubles(void **state)
{
    (void)state;
    throttle_t *t = throttle_new();
    assert_non_null(t);
    int64_t now = 1000000;
    for (int i = 0; i < 4; i++) {
        throttle_fail(t, "anh", 5, now);
        assert_int_equal(throttle_wait(t, "anh", now), 0);
    }
    throttle_fail(t, "anh", 5, now);
    assert_int_equal(throttle_wait(t, "anh", now), 60);
    assert_int_equal(throttle_wait(t, "anh", now + 59), 1);
    assert_int_equal(throttle_wait(t, "anh", now + 60), 0);
    throttle_fail(t, "anh", 5, now + 60);
    assert_int_equal(throttle_wait(t, "anh", now + 60), 120);
    /* Capped at 15 minutes. */
    for (int i = 0; i < 10; i++)
        throttle_fail(t, "anh", 5, now + 61);
    assert_int_equal(throttle_wait(t, "anh", now + 61), 900);
    /* Other keys are unaffected; a reset clears. */
    assert_int_equal(throttle_wait(t, "binh", now), 0);
    throttle_reset(t, "anh");
    assert_int_equal(throttle_wait(t, "anh", now + 61), 0);
    throttle_free(t);
}

static void old_failures_are_forgotten(void **state)
{
    (void)state;
    throttle_t *t = throttle_new();
    int64_t now = 5000;
    for (int i = 0; i < 4; i++)
        throttle_fail(t, "ip:127.0.0.1", 5, now);
    /* After the 15-minute window the count starts again. */
    throttle_fail(t, "ip:127.0.0.1", 5, now + 901);
    assert_int_equal(throttle_wait(t, "ip:127.0.0.1", now + 901), 0);
    throttle_free(t);
    throttle_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_after_threshold_and_doubles),
        cmocka_unit_test(old_failures_are_forgotten),
    };
    return cmocka_run_group_tests_name("throttle", tests, NULL, NULL);
}
