/* http_job.c - handlers run on a worker pool while MHD keeps their
 * connection suspended (http_int.h; docs/internals/hardening.md, item 1).
 *
 * Life of a job: the polling thread authenticates the request, suspends the
 * connection and queues the exchange on the route's pool (http_job_submit);
 * a worker runs the handler with a deadline and a memory budget, rewrites a
 * cancelled or over-budget outcome into a clear answer, marks the exchange
 * done and resumes the connection; MHD then calls the access handler again
 * on the polling thread, which queues the answer (http_server.c). Between
 * submit and resume only the worker touches the exchange. */
#include "http/http_int.h"

#include "base/log.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define BUSY_RETRY_S 5 /* Retry-After of a full work queue */

static void answer_retry(http_exchange_t *x, const err_t *e, unsigned seconds)
{
    char ra[16];
    snprintf(ra, sizeof ra, "%u", seconds);
    http_resp_release(&x->resp);
    http_resp_init(&x->resp, x->srv->secure_cookies);
    http_dispatch_error(x, true, e);
    http_resp_add_header(&x->resp, "Retry-After", ra);
}

static void hash_busy(http_exchange_t *x, unsigned seconds)
{
    err_t e;
    err_set(&e, ERR_TOOMANY, "auth.busy",
            "Hệ thống đang xử lý nhiều lượt đăng nhập; vui lòng thử lại sau %u giây",
            "Many logins are being processed; please try again in %u seconds", seconds);
    answer_retry(x, &e, seconds);
}

static void work_busy(http_exchange_t *x)
{
    err_t e;
    err_set(&e, ERR_BUSY, "http.busy",
            "Hệ thống đang xử lý nhiều tài liệu; vui lòng thử lại sau %d giây",
            "The server is processing many documents; please try again in %d seconds",
            BUSY_RETRY_S);
    answer_retry(x, &e, BUSY_RETRY_S);
}

static void shutting_down(http_exchange_t *x)
{
    err_t e;
    err_set(&e, ERR_BUSY, "http.shutting_down", "Máy chủ đang dừng; vui lòng gửi lại sau ít phút",
            "The server is stopping; please send this again in a few minutes");
    answer_retry(x, &e, 30);
}

/* After the handler: a cancelled or over-budget job gets an answer that
 * says why, whatever error the handler made of it. */
static void explain_outcome(http_exchange_t *x, bool over_memory)
{
    http_server_t *s = x->srv;
    int why = atomic_load(&x->cancelled);
    int status = x->resp.status;
    err_t e;
    if (why == HTTP_CANCEL_STOP && status >= 500) {
        shutting_down(x);
    } else if (why == HTTP_CANCEL_TIME && status >= 500) {
        err_set(&e, ERR_TOOLARGE, "http.work_timeout",
                "Tài liệu quá lớn hoặc quá phức tạp để xử lý trong %u giây; hãy chia nhỏ tài "
                "liệu",
                "The document is too large or complex to process within %u seconds; split it",
                s->cfg.work_seconds);
        http_resp_release(&x->resp);
        http_resp_init(&x->resp, s->secure_cookies);
        http_dispatch_error(x, true, &e);
    } else if (over_memory && status >= 500) {
        err_set(&e, ERR_TOOLARGE, "http.work_memory",
                "Tài liệu cần quá nhiều bộ nhớ để xử lý (tối đa %zu MiB); hãy chia nhỏ tài liệu",
                "The document needs too much memory to process (at most %zu MiB); split it",
                s->cfg.work_memory >> 20);
        http_resp_release(&x->resp);
        http_resp_init(&x->resp, s->secure_cookies);
        http_dispatch_error(x, true, &e);
    }
}

static void finish(http_exchange_t *x)
{
    atomic_store(&x->job_done, true);
    MHD_resume_connection(x->conn); /* x belongs to the polling thread again */
}

static void run_job(void *arg, int64_t waited_ms, bool stopping)
{
    http_exchange_t *x = arg;
    http_server_t *s = x->srv;
    const http_route_t *rt = x->match.route;
    bool work = rt->flags & HTTP_ROUTE_WORK;
    log_set_request_id(x->req.id);
    if (stopping || atomic_load(&s->draining)) {
        shutting_down(x);
    } else if (!work && waited_ms > (int64_t)s->cfg.hash_wait_ms) {
        hash_busy(x, 1 + s->cfg.hash_wait_ms / 1000);
    } else {
        bool over = false;
        if (work) {
            x->deadline_ms = http_server_now_ms() + (int64_t)s->cfg.work_seconds * 1000;
            mem_budget_begin(s->cfg.work_memory);
        }
        http_dispatch_handler(x);
        if (work) {
            size_t peak = 0;
            over = mem_budget_end(&peak);
            log_sub("http", LOG_DEBUG, "job done: %zu KiB at most, %lld ms in the queue",
                    peak >> 10, (long long)waited_ms);
        }
        explain_outcome(x, over);
    }
    log_set_request_id(0);
    finish(x);
}

bool http_job_submit(http_exchange_t *x)
{
    http_server_t *s = x->srv;
    bool work = x->match.route->flags & HTTP_ROUTE_WORK;
    http_pool_t *pool = work ? s->work : s->hash;
    if (!pool || atomic_load(&s->draining)) {
        shutting_down(x);
        return false;
    }
    /* Suspend first: the worker may finish (and resume) at once. */
    MHD_suspend_connection(x->conn);
    x->deferred = true;
    int rc = http_pool_submit(pool, run_job, x);
    if (rc == 0)
        return true;
    if (rc == ERR_BUSY && work)
        work_busy(x);
    else if (rc == ERR_BUSY)
        hash_busy(x, 1 + s->cfg.hash_wait_ms / 1000);
    else
        shutting_down(x);
    long long now = http_server_now_ms(), last = atomic_load(&s->busy_logged_ms);
    if (now - last >= 10000 && atomic_compare_exchange_strong(&s->busy_logged_ms, &last, now))
        log_sub("http", LOG_WARN, "%s pool full: refusing requests (%s)", work ? "work" : "hash",
                work ? "503 http.busy" : "429 auth.busy");
    finish(x);
    return true;
}
