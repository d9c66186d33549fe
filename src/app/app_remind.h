/* app_remind.h - reminders and follow-up (issue 17; docs/internals/reminders.md).
 *
 * The scheduler (app_remind_run) collects every deadline the application
 * knows - task assignments and the occurrences of periodic tasks, the
 * reports each unit owes, hand-measured targets (and, once wired, the PAR
 * campaign's steps: see APP_REMIND_SOURCES in app_remind_src.c) - runs the
 * pure generator (domain/remind_plan.h) with the rules of
 * DATA/reminders/rules.json, and records one notice per recipient, deadline
 * occurrence and stage. The record is UNIQUE on that key, so a second run,
 * or another instance running at the same time, records (and e-mails)
 * nothing twice. The daily digest of a user is recorded once per day
 * (notice_digest) and, when the user wants e-mail, queued in the outbox;
 * the edge sends it (io/remind_mailer.h) and reports the result here.
 *
 * Authorisation: actor NULL = the local operator (CLI, scheduler).
 * app_remind_run and the outbox listing need an admin; notices,
 * preferences and feeds are the actor's own (an admin or a standing user
 * may read and set another user's preferences in their scope, and only
 * they may mark a user as their unit's leader).
 *
 * Errors: ERR_FORBIDDEN auth.forbidden, ERR_NOTFOUND notice.not_found /
 * user.not_found, ERR_INVALID remind.email / remind.time / remind.kind /
 * remind_rule.* (the rules file, with its name and the reason), ERR_RANGE
 * remind.range (a day outside the calendar), ERR_IO, ERR_DB, ERR_NOMEM.
 * JSON results belong to the caller. */
#ifndef CCHC_APP_REMIND_H
#define CCHC_APP_REMIND_H

#include "app/app.h"
#include "base/dtime.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_REMIND_LIST_MAX   200
#define APP_REMIND_TOKEN_LEN  64 /* feed tokens: 32 random bytes as hex */
#define APP_REMIND_MAIL_TRIES 8  /* attempts before a message is given up */

typedef struct app_remind_opts {
    dtime_t at;       /* the moment of the run; DTIME_NONE = now */
    bool notices;     /* the deadline notices and summaries of at's day */
    bool digests;     /* the digests whose time has come at `at` */
    bool dry_run;     /* compute and answer, record nothing */
    const char *host; /* recorded with the run (may be NULL) */
} app_remind_opts_t;

/* One scheduler pass. *out: {"day","at","rules":{"name","version"},"deadlines":N,
 * "skipped":N,"notices":[{"user","login","dkey","stage","kind","role","unit","title","due",
 * "days","new"}],"recorded":N,"digests":[{"login","items","new","mail"}],"mails":N}. */
int app_remind_run(app_t *a, const user_t *actor, const app_remind_opts_t *o, json_t **out,
                   err_t *e);

/* The actor's notices (unit notices of their unit copied in first), newest
 * first: {"unread","total","items":[{"id","kind","kind_label","kind_label_en","stage",
 * "title","body","link","unit","due","days","created_at","read_at"}]}. */
int app_remind_list(app_t *a, const user_t *actor, bool unread, size_t limit, size_t offset,
                    json_t **out, err_t *e);
/* Marks one of the actor's notices read (id 0: all of them). */
int app_remind_read(app_t *a, const user_t *actor, int64_t id, err_t *e);

/* Preferences of `login` (NULL = the actor): {"login","email","email_on","digest_on",
 * "digest_time","kinds_off":[…],"leader","kinds":[{"code","label","label_en"}],
 * "default_digest_time","feed":{"active","since","used"}}. */
int app_remind_prefs_get(app_t *a, const user_t *actor, const char *login, json_t **out, err_t *e);
/* Changes the fields present in `in` (email, email_on, digest_on,
 * digest_time "HH:MM" or "" for the default, kinds_off [codes], leader);
 * answers as app_remind_prefs_get. */
int app_remind_prefs_set(app_t *a, const user_t *actor, const char *login, const json_t *in,
                         json_t **out, err_t *e);

/* A new calendar-feed token for the actor (the earlier ones revoked): the
 * raw token in token[APP_REMIND_TOKEN_LEN + 1], shown once. */
int app_remind_feed_new(app_t *a, const user_t *actor, char *token, err_t *e);
/* Revokes the actor's feed tokens. */
int app_remind_feed_revoke(app_t *a, const user_t *actor, err_t *e);
/* The due dates of a feed token's user: {"login","name","items":[{"key","kind","title","ref",
 * "unit","due","done","link"}]} (their scope only, the kinds they keep).
 * ERR_NOTFOUND feed.not_found for an unknown or revoked token. */
int app_remind_feed_items(app_t *a, const char *token, json_t **out, err_t *e);

/* --- e-mail outbox (used by io/remind_mailer) ------------------------------------------------ */

/* Claims up to max messages due at now for `by` (a token unique to the
 * caller) with a lease of lease_s seconds: *out [{"id","to","kind","ref","attempts",
 * "login","payload":{…}}]. */
int app_remind_mail_claim(app_t *a, dtime_t now, const char *by, size_t max, int lease_s,
                          json_t **out, err_t *e);
/* Records an attempt's result: sent, or failed with error (no password
 * ever: the caller gives curl's message); failures are retried after
 * 2, 4, 8 … minutes (at most 6 h) and given up after APP_REMIND_MAIL_TRIES
 * attempts, or at once when permanent. */
int app_remind_mail_result(app_t *a, int64_t id, int attempts, bool sent, bool permanent,
                           const char *error, dtime_t now, err_t *e);
/* For the administrator: {"pending":N,"failed":N,"items":[{"id","login","to","kind","ref",
 * "attempts","created_at","next_at","sent_at","failed_at","error"}],"runs":[…]}. */
int app_remind_mail_list(app_t *a, const user_t *actor, bool pending, json_t **out, err_t *e);

/* The rules in force (DATA/reminders/rules.json): {"name","version","digest":{"soon","time"},
 * "summary_weekday","target_due","recipients":{class:[roles]},"stages":{kind:[{"id","at",
 * "every","to"}]}} ("to" joined with ','). */
int app_remind_rules(app_t *a, json_t **out, err_t *e);

/* The user `login` (for the command line, which acts for a user):
 * ERR_NOTFOUND user.not_found. */
int app_remind_user_get(app_t *a, const char *login, user_t *out, err_t *e);

/* Whether s looks like an e-mail address we can send to (local@domain.tld,
 * no spaces, controls or angle brackets, at most 254 bytes). */
bool app_remind_email_valid(const char *s);

#endif
