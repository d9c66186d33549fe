/* remind_mailer.h - delivering the reminder outbox: claims the messages
 * that are due (app_remind_mail_claim, with a lease so that another
 * instance never sends them too), composes each (remind_mail), sends it
 * (remind_smtp) and records the result (app_remind_mail_result: sent, or
 * retried with back-off, or given up - what the administrator sees).
 * A bad address or a server that is down fails that message only; the
 * notice itself is already in the application. Log lines name the user,
 * the kind and the error, never the password. */
#ifndef CCHC_REMIND_MAILER_H
#define CCHC_REMIND_MAILER_H

#include "app/app.h"
#include "base/dtime.h"
#include "io/remind_config.h"

#include <stddef.h>

typedef struct remind_mailer_stats {
    size_t claimed, sent, failed, given_up;
} remind_mailer_stats_t;

/* One delivery pass at `now` (up to cfg->batch messages). Without mail
 * settings (cfg->mail_on false) nothing is claimed. Returns an error only
 * when the database or memory fails. */
int remind_mailer_run(app_t *a, const remind_config_t *cfg, dtime_t now, remind_mailer_stats_t *st,
                      err_t *e);

#endif
