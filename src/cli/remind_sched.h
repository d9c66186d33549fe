/* remind_sched.h - the reminder scheduler of `cchc serve`: a thread that
 * wakes every cfg->tick_s seconds and
 *   - once a day, from cfg->sched_minute on, records the day's deadline
 *     notices and summaries (app_remind_run; also at start-up when that
 *     time has passed and this process has not run today);
 *   - at every tick, makes the digests whose time has come and delivers
 *     the e-mail outbox (io/remind_mailer.h).
 * Every pass is idempotent in the database, so several instances may run
 * schedulers on one database: nothing is recorded or sent twice. Failures
 * are logged and retried at the next tick; they never stop the server. */
#ifndef CCHC_REMIND_SCHED_H
#define CCHC_REMIND_SCHED_H

#include "app/app.h"
#include "io/remind_config.h"

typedef struct remind_sched remind_sched_t;

/* Starts the thread (cfg is copied). ERR_NOMEM, ERR_INTERNAL. */
int remind_sched_start(app_t *a, const remind_config_t *cfg, remind_sched_t **out, err_t *e);
/* Stops the thread (waking it at once) and frees s; NULL is a no-op. */
void remind_sched_stop(remind_sched_t *s);

/* One pass as the thread does it at `now` (for the CLI and tests):
 * notices when `daily`, then digests and mail. 0 or the first error. */
int remind_sched_pass(app_t *a, const remind_config_t *cfg, dtime_t now, bool daily, err_t *e);

#endif
