/* http_pool.c - worker threads with a bounded queue (http_pool.h). */
#include "http/http_pool.h"

#include "base/log.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

struct job {
    http_pool_fn fn;
    void *arg;
    int64_t queued_ms;
};

struct http_pool {
    char name[16];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *ring; /* queue_max slots */
    unsigned queue_max, head, count, running;
    bool stopping, stopped;
    int nice;
    pthread_t *threads;
    unsigned nthreads, started;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *worker(void *arg)
{
    http_pool_t *p = arg;
    pthread_setname_np(pthread_self(), p->name);
    /* Linux: the niceness of one thread (its tid as a process id). */
    if (p->nice > 0 && setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), p->nice) != 0)
        log_sub("http", LOG_DEBUG, "%s: cannot lower the thread priority", p->name);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->count == 0 && !p->stopping)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->count == 0 && p->stopping)
            break;
        struct job j = p->ring[p->head];
        p->head = (p->head + 1) % p->queue_max;
        p->count--;
        p->running++;
        bool stopping = p->stopping;
        pthread_mutex_unlock(&p->mu);
        j.fn(j.arg, now_ms() - j.queued_ms, stopping);
        pthread_mutex_lock(&p->mu);
        p->running--;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

http_pool_t *http_pool_new(const char *name, unsigned threads, unsigned queue_max, int nice,
                           err_t *e)
{
    if (threads < 1 || threads > 64 || queue_max < 1 || nice < 0 || nice > 19) {
        err_set(e, ERR_INVALID, "http.pool", "Cấu hình nhóm luồng xử lý không hợp lệ",
                "Invalid worker pool settings");
        return NULL;
    }
    http_pool_t *p = mem_calloc(1, sizeof *p);
    if (!p) {
        err_nomem(e);
        return NULL;
    }
    snprintf(p->name, sizeof p->name, "%s", name ? name : "cchc-pool");
    p->queue_max = queue_max;
    p->nice = nice;
    p->ring = mem_calloc(queue_max, sizeof *p->ring);
    p->threads = mem_calloc(threads, sizeof *p->threads);
    if (!p->ring || !p->threads || pthread_mutex_init(&p->mu, NULL) != 0) {
        mem_free(p->ring);
        mem_free(p->threads);
        mem_free(p);
        err_nomem(e);
        return NULL;
    }
    if (pthread_cond_init(&p->cv, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        mem_free(p->ring);
        mem_free(p->threads);
        mem_free(p);
        err_nomem(e);
        return NULL;
    }
    p->nthreads = threads;
    for (unsigned i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            err_set(e, ERR_INTERNAL, "http.pool", "Không tạo được luồng xử lý",
                    "Cannot start a worker thread");
            http_pool_free(p);
            return NULL;
        }
        p->started++;
    }
    return p;
}

int http_pool_submit(http_pool_t *p, http_pool_fn fn, void *arg)
{
    pthread_mutex_lock(&p->mu);
    int rc = 0;
    if (p->stopping)
        rc = ERR_INVALID;
    else if (p->count >= p->queue_max)
        rc = ERR_BUSY;
    if (!rc) {
        p->ring[(p->head + p->count) % p->queue_max] = (struct job){fn, arg, now_ms()};
        p->count++;
        pthread_cond_signal(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

unsigned http_pool_load(http_pool_t *p)
{
    pthread_mutex_lock(&p->mu);
    unsigned n = p->count + p->running;
    pthread_mutex_unlock(&p->mu);
    return n;
}

void http_pool_stop(http_pool_t *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    bool join = !p->stopped;
    p->stopping = true;
    p->stopped = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; join && i < p->started; i++)
        pthread_join(p->threads[i], NULL);
}

void http_pool_free(http_pool_t *p)
{
    if (!p)
        return;
    http_pool_stop(p);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    mem_free(p->ring);
    mem_free(p->threads);
    mem_free(p);
}
