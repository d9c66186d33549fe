/* http_pool.h - a small pool of worker threads with a bounded queue, for
 * request handlers that must not run on the server's polling threads
 * (document parsing, password hashing, exports).
 *
 * Jobs run in submission order. The queue holds at most queue_max jobs
 * waiting; http_pool_submit refuses more (ERR_BUSY), so memory and waiting
 * stay bounded whatever the load: the caller answers 503 or 429 at once.
 * Workers lower their own scheduling priority (nice, Linux per-thread) so
 * that the polling threads, which answer everything else, win the CPU.
 *
 * http_pool_stop refuses new jobs, lets the queued ones run (they see
 * their `stopping` argument true and should answer quickly) and joins the
 * workers. Thread-safe. */
#ifndef CCHC_HTTP_POOL_H
#define CCHC_HTTP_POOL_H

#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct http_pool http_pool_t;

/* A job: arg as submitted; waited_ms: time spent in the queue; stopping:
 * the pool is being stopped. */
typedef void (*http_pool_fn)(void *arg, int64_t waited_ms, bool stopping);

/* Starts threads workers (1..64) at niceness `nice` (0..19, relative to the
 * process) with a queue of queue_max (>= 1) waiting jobs. name (<= 15
 * bytes) names the threads ("cchc-work"). NULL with e filled on failure. */
http_pool_t *http_pool_new(const char *name, unsigned threads, unsigned queue_max, int nice,
                           err_t *e);

/* Queues a job. 0, or ERR_BUSY (queue full), or ERR_INVALID (stopping). */
int http_pool_submit(http_pool_t *p, http_pool_fn fn, void *arg);

/* Jobs waiting plus jobs running. */
unsigned http_pool_load(http_pool_t *p);

/* Refuses new jobs, runs the queued ones with stopping = true, joins the
 * threads. Idempotent. */
void http_pool_stop(http_pool_t *p);

/* Stops if needed and frees. NULL is a no-op. */
void http_pool_free(http_pool_t *p);

#endif
