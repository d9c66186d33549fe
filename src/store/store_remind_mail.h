/* store_remind_mail.h - the e-mail outbox of reminders (migration 0024):
 * one message per (user, kind, ref), claimed with a lease so that two
 * instances never send it twice, retried with back-off, given up after the
 * caller's last attempt. Errors: store.h's. */
#ifndef CCHC_STORE_REMIND_MAIL_H
#define CCHC_STORE_REMIND_MAIL_H

#include "base/dtime.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- e-mail outbox ---------------------------------------------------------- */

typedef struct store_remind_mail {
    int64_t id, user_id;
    const char *kind, *ref, *to, *payload, *error;
    int attempts;
    dtime_t created_at, next_at, sent_at, failed_at;
    const char *login; /* the user's, for listings */
} store_remind_mail_t;

/* Queues a message unless (user, kind, ref) exists: STORE_INSERTED or 0. */
MUST_CHECK int store_remind_mail_queue(store_t *s, int64_t user_id, const char *kind,
                                       const char *ref, const char *to, const char *payload,
                                       dtime_t at, err_t *e);
/* Claims up to max messages due at `now` (not sent, not given up, next_at
 * <= now, no live lease): sets their lease (lease_until, and `by`, a token
 * unique to the caller) and counts the attempt; *claimed gets how many.
 * Runs its own write transaction (so two instances never claim one
 * message): call it outside any transaction. */
MUST_CHECK int store_remind_mail_claim(store_t *s, dtime_t now, dtime_t lease_until, const char *by,
                                       size_t max, size_t *claimed, err_t *e);
typedef int (*store_remind_mail_fn)(void *ctx, const store_remind_mail_t *m, err_t *e);
/* The messages whose live lease is `by`'s, in id order. */
MUST_CHECK int store_remind_mail_claimed(store_t *s, const char *by, store_remind_mail_fn fn,
                                         void *ctx, err_t *e);
/* The result of an attempt: sent (sent_at), or failed with the error and
 * either a next try (next_at) or given up (next_at DTIME_NONE: failed_at =
 * at). Clears the lease. */
MUST_CHECK int store_remind_mail_result(store_t *s, int64_t id, bool sent, const char *error,
                                        dtime_t at, dtime_t next_at, err_t *e);
/* Messages for the administrator, newest first: every one not sent
 * (waiting or given up) when pending, else every one. */
MUST_CHECK int store_remind_mail_list(store_t *s, bool pending, size_t limit,
                                      store_remind_mail_fn fn, void *ctx, err_t *e);

#endif
