/* remind_smtp.h - sending one message through SMTP with libcurl (STARTTLS
 * as configured, authentication when a user is set). The password goes to
 * libcurl only (CURLOPT_PASSWORD) and never into a message or a log line;
 * the URL never holds credentials (remind_config refuses them).
 *
 * Errors: 0 when the server accepted the message; otherwise ERR_IO with
 * code "smtp.send" and a message naming what failed (curl's text and the
 * server's reply code), *permanent (may be NULL) set when retrying cannot
 * help (a 5xx reply, refused authentication, a malformed address). Thread-
 * safe once remind_smtp_init has run (call it before starting threads). */
#ifndef CCHC_REMIND_SMTP_H
#define CCHC_REMIND_SMTP_H

#include "base/err.h"
#include "io/remind_config.h"

#include <stdbool.h>
#include <stddef.h>

/* curl_global_init, once per process (later calls do nothing). */
int remind_smtp_init(err_t *e);

/* Sends msg[0..n) from cfg->from to `to`. */
int remind_smtp_send(const remind_config_t *cfg, const char *to, const char *msg, size_t n,
                     bool *permanent, err_t *e);

#endif
