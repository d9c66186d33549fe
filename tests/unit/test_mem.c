/* Unit tests of the per-thread allocation budget of src/base/mem (the
 * memory cap of one job on the server's work pool). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "base/mem.h"

#include <pthread.h>
#include <string.h>

#include "base/banned.h"

static void budget_caps_live_bytes(void **state)
{
    (void)state;
    mem_budget_begin(64 * 1024);
    void *a = mem_alloc(40 * 1024);
    assert_non_null(a);
    assert_null(mem_alloc(40 * 1024)); /* would hold ~80 KiB */
    assert_true(mem_budget_exceeded());
    mem_free(a);
    void *b = mem_calloc(10, 4 * 1024); /* freed memory counts again */
    assert_non_null(b);
    mem_free(b);
    /* Growing (mem_grow reallocates): up to the budget, not past it. */
    char *c = NULL;
    size_t cap = 0;
    assert_int_equal(MEM_GROW(c, cap, 60 * 1024), 0);
    assert_int_equal(MEM_GROW(c, cap, 200 * 1024), ERR_NOMEM);
    assert_true(cap >= 60 * 1024 && cap < 200 * 1024); /* c unchanged, still owned */
    char *s = mem_strdup("xin chào");
    assert_non_null(s);
    size_t peak = 0;
    assert_true(mem_budget_end(&peak));
    assert_true(peak >= 60 * 1024 && peak <= 64 * 1024 + 64);
    assert_false(mem_budget_exceeded());
    /* Without a budget nothing is refused. */
    void *big = mem_alloc(1 << 20);
    assert_non_null(big);
    mem_free(big);
    mem_free(c);
    mem_free(s);
    mem_budget_begin(1024);
    assert_false(mem_budget_end(NULL));
}

static void *other_thread(void *arg)
{
    (void)arg;
    void *p = mem_alloc(1 << 20); /* another thread has no budget */
    mem_free(p);
    return p ? (void *)1 : NULL;
}

static void budget_is_per_thread(void **state)
{
    (void)state;
    mem_budget_begin(1024);
    pthread_t t;
    void *ok = NULL;
    assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
    pthread_join(t, &ok);
    assert_non_null(ok);
    assert_null(mem_alloc(4096));
    assert_true(mem_budget_end(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(budget_caps_live_bytes),
        cmocka_unit_test(budget_is_per_thread),
    };
    return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
