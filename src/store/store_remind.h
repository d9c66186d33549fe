/* store_remind.h - reminders per recipient (migrations 0023 and 0024): the
 * notices recorded for each user (UNIQUE per user, deadline occurrence and
 * stage: the idempotency key of the scheduler), the scheduler's runs and the
 * users' notification preferences (the e-mail outbox: store_remind_mail.h;
 * calendar feeds: store_remind_feed.h).
 * Writes run inside the caller's transaction unless said otherwise.
 * Strings handed to callbacks are borrowed for the call. Errors: store.h's. */
#ifndef CCHC_STORE_REMIND_H
#define CCHC_STORE_REMIND_H

#include "base/dtime.h"
#include "domain/access.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_REMIND_EMAIL_MAX 254

/* ---- preferences ------------------------------------------------------------ */

typedef struct store_remind_pref {
    char email[STORE_REMIND_EMAIL_MAX + 1];
    bool email_on, digest_on, leader;
    int digest_minute;  /* -1 = the rules' default */
    unsigned kinds_off; /* bit set of remind_kind_t */
    bool stored;        /* false: no row (the defaults) */
} store_remind_pref_t;

/* The defaults of a user without a row: digest on at the rules' time,
 * no e-mail, everything subscribed, not leader. */
void store_remind_pref_default(store_remind_pref_t *p);

/* One user (enabled or not) with their preferences. */
typedef int (*store_remind_user_fn)(void *ctx, const user_t *u, const store_remind_pref_t *p,
                                    err_t *e);
/* Every user (id order) with their preferences, for the scheduler. */
MUST_CHECK int store_remind_users(store_t *s, store_remind_user_fn fn, void *ctx, err_t *e);
/* The preferences of user_id (the defaults when it has no row). */
MUST_CHECK int store_remind_pref_get(store_t *s, int64_t user_id, store_remind_pref_t *out,
                                     err_t *e);
/* Writes the whole row (insert or update). */
MUST_CHECK int store_remind_pref_set(store_t *s, int64_t user_id, const store_remind_pref_t *p,
                                     dtime_t at, const char *by, err_t *e);

/* ---- notices ---------------------------------------------------------------- */

typedef struct store_remind_notice {
    int64_t id, user_id;
    const char *dkey, *stage, *kind, *role, *unit, *title, *body, *link;
    date_t due;     /* DATE_NONE when none */
    int days;       /* working days to due (negative overdue); meaningful with due */
    date_t run_day; /* the scheduler's day */
    dtime_t created_at, read_at;
} store_remind_notice_t;

/* Records n unless (user, dkey, stage) exists: STORE_INSERTED (and *id, may
 * be NULL), or 0 when it was there (nothing written). */
MUST_CHECK int store_remind_notice_add(store_t *s, const store_remind_notice_t *n, int64_t *id,
                                       err_t *e);
typedef int (*store_remind_notice_fn)(void *ctx, const store_remind_notice_t *n, err_t *e);
/* The notices of a user, newest first, at most limit (unread only when
 * asked), skipping `offset`. */
MUST_CHECK int store_remind_notice_list(store_t *s, int64_t user_id, bool unread, size_t limit,
                                        size_t offset, store_remind_notice_fn fn, void *ctx,
                                        err_t *e);
/* Notices of a user recorded on run_day (any order by id), for digests. */
MUST_CHECK int store_remind_notice_day(store_t *s, int64_t user_id, date_t run_day,
                                       store_remind_notice_fn fn, void *ctx, err_t *e);
/* How many unread and in all. */
MUST_CHECK int store_remind_notice_count(store_t *s, int64_t user_id, int64_t *unread,
                                         int64_t *total, err_t *e);
/* Marks one notice of the user read: STORE_FOUND, or 0 when it is not
 * theirs. id 0 marks all of them (STORE_FOUND). */
MUST_CHECK int store_remind_notice_read(store_t *s, int64_t user_id, int64_t id, dtime_t at,
                                        err_t *e);
/* Copies the unit notices (table notice) of unit into user_id's notices
 * (dkey "unit:<id>", stage "unit", kind "unit"; read when the unit notice
 * was), created at or after since; *added gets how many were new. */
MUST_CHECK int store_remind_fanout(store_t *s, int64_t user_id, const char *unit, dtime_t since,
                                   int64_t *added, err_t *e);

/* Records that user_id's digest of day was made (items may be 0):
 * STORE_INSERTED, or 0 when it had been (nothing written). */
MUST_CHECK int store_remind_digest_add(store_t *s, int64_t user_id, date_t day, int64_t items,
                                       dtime_t at, err_t *e);
/* Whether user_id's digest of day was made. */
MUST_CHECK int store_remind_digest_done(store_t *s, int64_t user_id, date_t day, bool *done,
                                        err_t *e);

/* ---- runs ------------------------------------------------------------------- */

typedef struct store_remind_run {
    date_t day;
    dtime_t started_at, finished_at;
    const char *host, *rules, *error;
    int64_t deadlines, notices;
} store_remind_run_t;
/* Appends a run row. */
MUST_CHECK int store_remind_run_add(store_t *s, const store_remind_run_t *r, err_t *e);
/* The latest runs, newest first. */
typedef int (*store_remind_run_fn)(void *ctx, const store_remind_run_t *r, err_t *e);
MUST_CHECK int store_remind_run_list(store_t *s, size_t limit, store_remind_run_fn fn, void *ctx,
                                     err_t *e);

#endif
