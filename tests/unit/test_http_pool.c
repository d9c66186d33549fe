/* Unit tests of src/http/http_pool: jobs run on the workers, a full queue
 * refuses (ERR_BUSY), a stop runs what was queued with `stopping` set and
 * joins the threads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/http_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

typedef struct gate {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool open;
    atomic_int ran, ran_stopping;
    atomic_llong waited;
} gate_t;

static void job(void *arg, int64_t waited_ms, bool stopping)
{
    gate_t *g = arg;
    pthread_mutex_lock(&g->mu);
    while (!g->open)
        pthread_cond_wait(&g->cv, &g->mu);
    pthread_mutex_unlock(&g->mu);
    atomic_fetch_add(&g->ran, 1);
    if (stopping)
        atomic_fetch_add(&g->ran_stopping, 1);
    if (waited_ms > atomic_load(&g->waited))
        atomic_store(&g->waited, waited_ms);
}

static void open_gate(gate_t *g)
{
    pthread_mutex_lock(&g->mu);
    g->open = true;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

static void *opener(void *arg)
{
    open_gate(arg);
    return NULL;
}

static void bounded_queue(void **state)
{
    (void)state;
    gate_t g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0, 0, 0};
    err_t e;
    http_pool_t *p = http_pool_new("t-pool", 1, 2, 5, &e);
    assert_non_null(p);
    /* One running (blocked on the gate), two waiting, the fourth refused. */
    assert_int_equal(http_pool_submit(p, job, &g), 0);
    struct timespec pause = {0, 100 * 1000000}; /* the worker takes it off the queue */
    nanosleep(&pause, NULL);
    assert_int_equal(http_pool_submit(p, job, &g), 0);
    assert_int_equal(http_pool_submit(p, job, &g), 0);
    assert_int_equal(http_pool_submit(p, job, &g), ERR_BUSY);
    assert_int_equal(http_pool_load(p), 3);
    struct timespec ts = {0, 30 * 1000000};
    nanosleep(&ts, NULL);
    open_gate(&g);
    http_pool_stop(p);
    assert_int_equal(atomic_load(&g.ran), 3);
    assert_true(atomic_load(&g.waited) >= 25); /* the queued ones waited for the gate */
    assert_int_equal(http_pool_submit(p, job, &g), ERR_INVALID);
    http_pool_stop(p); /* idempotent */
    http_pool_free(p);
    http_pool_free(NULL);
}

static void stop_runs_queued_jobs_as_stopping(void **state)
{
    (void)state;
    gate_t g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0, 0, 0};
    http_pool_t *p = http_pool_new("t-pool", 1, 8, 0, NULL);
    for (int i = 0; i < 5; i++)
        assert_int_equal(http_pool_submit(p, job, &g), 0);
    pthread_t th;
    /* The gate opens only after the stop began: queued jobs see it. */
    struct timespec ts = {0, 20 * 1000000};
    nanosleep(&ts, NULL);
    assert_int_equal(pthread_create(&th, NULL, opener, &g), 0);
    http_pool_free(p);
    pthread_join(th, NULL);
    assert_int_equal(atomic_load(&g.ran), 5);
    assert_true(atomic_load(&g.ran_stopping) >= 3);
}

static void bad_settings(void **state)
{
    (void)state;
    err_t e;
    assert_null(http_pool_new("x", 0, 1, 0, &e));
    assert_string_equal(e.code, "http.pool");
    assert_null(http_pool_new("x", 1, 0, 0, &e));
    assert_null(http_pool_new("x", 1, 1, 20, &e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bounded_queue),
        cmocka_unit_test(stop_runs_queued_jobs_as_stopping),
        cmocka_unit_test(bad_settings),
    };
    return cmocka_run_group_tests_name("http_pool", tests, NULL, NULL);
}
