/* remind_config.h - the settings of reminders delivery, read from the
 * configuration file (JSON; `cchc serve --config FILE`, `cchc remind
 * --config FILE`, or $CCHC_CONFIG):
 *
 *   {"base_url": "https://cchc.tinh.gov.vn",
 *    "scheduler": {"enabled": true, "time": "07:00", "tick_seconds": 60},
 *    "mail": {"url": "smtp://mail.tinh.gov.vn:587", "tls": "starttls",
 *             "user": "cchc", "password_file": "/etc/cchc/smtp-password",
 *             "from": "cchc@tinh.gov.vn", "from_name": "Hệ thống CCHC",
 *             "timeout_seconds": 20, "batch": 50, "ca_file": "",
 *             "insecure_skip_verify": false}}
 *
 * tls: "none" (plain; only for a relay on the same host), "try" (STARTTLS
 * when offered), "starttls" (required: the message is not sent without
 * it); an "smtps://" URL is TLS from the first byte. The password comes
 * from "password", "password_file" (first line) or $CCHC_SMTP_PASSWORD,
 * which wins; it is never printed (remind_config_describe masks it) and a
 * URL with credentials in it is refused. Without "mail" (or without
 * "mail.url") no e-mail is sent: messages wait in the outbox. Without
 * "scheduler" the scheduler of `cchc serve` is off.
 *
 * Errors: ERR_INVALID "config.*" with the file name and the reason; ERR_IO
 * when a file cannot be read; ERR_NOMEM. */
#ifndef CCHC_REMIND_CONFIG_H
#define CCHC_REMIND_CONFIG_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum remind_tls { REMIND_TLS_NONE = 0, REMIND_TLS_TRY, REMIND_TLS_REQUIRED } remind_tls_t;

typedef struct remind_config {
    char base_url[256]; /* links in e-mails and the feed's URL; "" = relative */
    bool sched_on;
    int sched_minute; /* minute of the day of the daily run */
    int tick_s;       /* how often the scheduler wakes up */
    bool mail_on;     /* a mail URL is set */
    char url[256];
    remind_tls_t tls;
    char user[128];
    char password[256];
    char from[256];
    char from_name[128];
    char ca_file[512];
    bool insecure;
    int timeout_s;
    int batch; /* messages per scheduler tick */
} remind_config_t;

/* The defaults: scheduler off (07:00, 60 s when enabled), no mail, tls
 * "starttls", timeout 20 s, batch 50. */
void remind_config_defaults(remind_config_t *c);
/* Reads path (NULL or "": the defaults). */
int remind_config_load(const char *path, remind_config_t *c, err_t *e);
/* Parses JSON text; source names it in messages. */
int remind_config_parse(const char *text, size_t n, const char *source, remind_config_t *c,
                        err_t *e);
/* One line describing the settings without the password ("mail smtp://…
 * tls=starttls user=cchc password=***"). */
void remind_config_describe(const remind_config_t *c, char *out, size_t cap);

#endif
