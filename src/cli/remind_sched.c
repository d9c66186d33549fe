/* remind_sched.c - the reminder scheduler thread (remind_sched.h). */
#include "cli/remind_sched.h"

#include "app/app_remind.h"
#include "base/log.h"
#include "base/mem.h"
#include "io/remind_mailer.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

struct remind_sched {
    app_t *a;
    remind_config_t cfg;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
    date_t last_day; /* the day whose notices this process recorded */
};

int remind_sched_pass(app_t *a, const remind_config_t *cfg, dtime_t now, bool daily, err_t *e)
{
    char host[80] = "", hostpid[128];
    if (gethostname(host, sizeof host - 1))
        snprintf(host, sizeof host, "host");
    snprintf(hostpid, sizeof hostpid, "%.60s:%ld", host, (long)getpid());
    app_remind_opts_t o = {now, daily, true, false, hostpid};
    json_t *out = NULL;
    int rc = app_remind_run(a, NULL, &o, &out, e);
    if (!rc && (daily || json_integer_value(json_object_get(out, "recorded"))))
        log_msg(LOG_INFO, "remind: %s: %lld deadlines, %lld notices recorded, %zu digests",
                json_string_value(json_object_get(out, "day")),
                (long long)json_integer_value(json_object_get(out, "deadlines")),
                (long long)json_integer_value(json_object_get(out, "recorded")),
                json_array_size(json_object_get(out, "digests")));
    json_decref(out);
    remind_mailer_stats_t st;
    err_t me;
    int mrc = remind_mailer_run(a, cfg, now, &st, &me);
    if (mrc)
        log_msg(LOG_WARN, "remind: outbox: %s", me.en);
    else if (st.claimed)
        log_msg(LOG_INFO, "remind: outbox: %zu sent, %zu failed (%zu given up)", st.sent, st.failed,
                st.given_up);
    return rc;
}

static void *loop(void *arg)
{
    remind_sched_t *s = arg;
    pthread_mutex_lock(&s->mu);
    while (!s->stop) {
        pthread_mutex_unlock(&s->mu);
        dtime_t now = dtime_now();
        date_t today = dtime_date(now);
        bool daily = s->last_day != today && dtime_minute_of_day(now) >= s->cfg.sched_minute;
        err_t e;
        if (remind_sched_pass(s->a, &s->cfg, now, daily, &e))
            log_msg(LOG_WARN, "remind: pass failed (%s): %s", e.code, e.en);
        else if (daily)
            s->last_day = today;
        pthread_mutex_lock(&s->mu);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += s->cfg.tick_s;
        while (!s->stop && pthread_cond_timedwait(&s->cv, &s->mu, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int remind_sched_start(app_t *a, const remind_config_t *cfg, remind_sched_t **out, err_t *e)
{
    *out = NULL;
    remind_sched_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return err_nomem(e);
    s->a = a;
    s->cfg = *cfg;
    s->last_day = DATE_NONE;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    if (pthread_create(&s->thread, NULL, loop, s)) {
        pthread_mutex_destroy(&s->mu);
        pthread_cond_destroy(&s->cv);
        mem_free(s);
        return err_set(e, ERR_INTERNAL, "remind.thread",
                       "Không khởi động được bộ lập lịch nhắc hạn",
                       "Cannot start the reminder scheduler");
    }
    char desc[1024];
    remind_config_describe(cfg, desc, sizeof desc);
    log_msg(LOG_INFO, "remind: scheduler started (%s)", desc);
    *out = s;
    return 0;
}

void remind_sched_stop(remind_sched_t *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stop = true;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    mem_free(s);
}
