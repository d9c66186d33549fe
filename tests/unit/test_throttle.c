/* Unit tests of the login throttle (src/app/throttle.c) over the database
 * counters, on both engines (support/testdb.h): the policy (threshold,
 * doubling delay, window), separate key spaces, no eviction under a flood
 * of other keys, and counters shared by two connections (two servers) and
 * kept across a reconnect (a restart). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/throttle.h"
#include "base/log.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir, *db;
    store_t *s;
    throttle_t *t;
} fixture_t;

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    f->t = throttle_new();
    err_t e;
    if (!f->t || store_open(f->db, &f->s, &e) || store_migrate(f->s, NULL, &e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_close(f->s);
    throttle_free(f->t);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static int64_t wait_of(fixture_t *f, store_t *s, const char *key, int64_t now)
{
    err_t e;
    int64_t w = -1;
    assert_int_equal(throttle_wait(f->t, s, key, now, &w, &e), 0);
    return w;
}

static void add_fail(fixture_t *f, store_t *s, const char *key, int threshold, int64_t now)
{
    err_t e;
    assert_int_equal(throttle_fail(f->t, s, key, threshold, now, &e), 0);
}

static void blocks_after_threshold_and_doubles(void **state)
{
    fixture_t *f = *state;
    int64_t now = 1000000;
    for (int i = 0; i < 4; i++) {
        add_fail(f, f->s, "acct:anh", 5, now);
        assert_int_equal(wait_of(f, f->s, "acct:anh", now), 0);
    }
    add_fail(f, f->s, "acct:anh", 5, now);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now), 60);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now + 59), 1);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now + 60), 0);
    add_fail(f, f->s, "acct:anh", 5, now + 60);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now + 60), 120);
    for (int i = 0; i < 10; i++) /* capped at 15 minutes */
        add_fail(f, f->s, "acct:anh", 5, now + 61);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now + 61), 900);
    assert_int_equal(wait_of(f, f->s, "acct:binh", now), 0);
    err_t e;
    assert_int_equal(throttle_reset(f->t, f->s, "acct:anh", &e), 0);
    assert_int_equal(wait_of(f, f->s, "acct:anh", now + 61), 0);
}

static void old_failures_are_forgotten(void **state)
{
    fixture_t *f = *state;
    int64_t now = 5000;
    for (int i = 0; i < 4; i++)
        add_fail(f, f->s, "addr:127.0.0.1", 5, now);
    /* After the 15-minute window the count starts again. */
    add_fail(f, f->s, "addr:127.0.0.1", 5, now + THROTTLE_WINDOW + 1);
    assert_int_equal(wait_of(f, f->s, "addr:127.0.0.1", now + THROTTLE_WINDOW + 1), 0);
}

/* The 40-guess bypass: the old in-memory table recycled a slot when another
 * key hashed to it, so failures in between wiped the count. Now 40 guesses
 * against one account interleaved with 1,000 other keys still block it. */
static void flood_of_other_keys_evicts_nothing(void **state)
{
    fixture_t *f = *state;
    int64_t now = 2000000;
    char key[64];
    for (int i = 0; i < 40; i++) {
        add_fail(f, f->s, "acct:admin", 5, now);
        for (int j = 0; j < 25; j++) {
            snprintf(key, sizeof key, "acct:x%d-%d", i, j);
            add_fail(f, f->s, key, 5, now);
        }
    }
    assert_int_equal(wait_of(f, f->s, "acct:admin", now), THROTTLE_DELAY_MAX);
}

static void key_spaces_are_separate(void **state)
{
    (void)state;
    char a[THROTTLE_KEY_MAX], b[THROTTLE_KEY_MAX];
    assert_int_equal(throttle_key(THROTTLE_ACCOUNT, "ip:1.2.3.4", a, sizeof a), 0);
    assert_int_equal(throttle_key(THROTTLE_ADDRESS, "1.2.3.4", b, sizeof b), 0);
    assert_string_equal(a, "acct:ip:1.2.3.4");
    assert_string_equal(b, "addr:1.2.3.4");
    assert_int_equal(throttle_key(THROTTLE_ACCOUNT, "addr:1.2.3.4", a, sizeof a), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(throttle_key(THROTTLE_ADDRESS, "", b, sizeof b), ERR_INVALID);
    assert_int_equal(throttle_key(THROTTLE_ADDRESS, "1.2.3.4", b, 8), ERR_INVALID);
    assert_string_equal(b, "");
}

static void shared_by_two_servers_and_kept_across_restart(void **state)
{
    fixture_t *f = *state;
    err_t e;
    int64_t now = 3000000;
    store_t *other;
    throttle_t *t2 = throttle_new();
    assert_int_equal(store_open(f->db, &other, &e), 0);
    /* Failures split between two "servers" add up. */
    for (int i = 0; i < 5; i++) {
        store_t *s = i % 2 ? other : f->s;
        assert_int_equal(throttle_fail(i % 2 ? t2 : f->t, s, "acct:chi", 5, now, &e), 0);
    }
    assert_int_equal(wait_of(f, other, "acct:chi", now), 60);
    assert_int_equal(wait_of(f, f->s, "acct:chi", now), 60);
    store_close(other);
    throttle_free(t2);
    /* A restart: a new connection and a new throttle still see the block. */
    store_close(f->s);
    throttle_free(f->t);
    f->t = throttle_new();
    assert_int_equal(store_open(f->db, &f->s, &e), 0);
    assert_int_equal(wait_of(f, f->s, "acct:chi", now + 30), 30);
}

static void bad_keys_refused(void **state)
{
    fixture_t *f = *state;
    err_t e;
    char big[300];
    memset(big, 'k', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(throttle_fail(f->t, f->s, big, 5, 1, &e), ERR_INVALID);
    assert_string_equal(e.code, "throttle.key");
    int64_t w;
    assert_int_equal(throttle_wait(f->t, f->s, "", 1, &w, &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(blocks_after_threshold_and_doubles, setup, teardown),
        cmocka_unit_test_setup_teardown(old_failures_are_forgotten, setup, teardown),
        cmocka_unit_test_setup_teardown(flood_of_other_keys_evicts_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(key_spaces_are_separate, setup, teardown),
        cmocka_unit_test_setup_teardown(shared_by_two_servers_and_kept_across_restart, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(bad_keys_refused, setup, teardown),
    };
    return cmocka_run_group_tests_name("throttle", tests, NULL, NULL);
}
