/* store_remind_feed.h - calendar-feed tokens of users (migration 0024): only
 * the SHA-256 of a token is stored; a new token revokes the earlier ones.
 * Errors: store.h's. */
#ifndef CCHC_STORE_REMIND_FEED_H
#define CCHC_STORE_REMIND_FEED_H

#include "base/dtime.h"
#include "domain/access.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- calendar feeds --------------------------------------------------------- */

/* Records a new token hash for user_id and revokes the earlier ones. */
MUST_CHECK int store_remind_feed_add(store_t *s, int64_t user_id, const char *hash, dtime_t at,
                                     err_t *e);
/* Revokes the user's tokens: *revoked gets how many were live. */
MUST_CHECK int store_remind_feed_revoke(store_t *s, int64_t user_id, dtime_t at, int64_t *revoked,
                                        err_t *e);
/* The user of a live token hash (and records its use): STORE_FOUND with
 * *user, or 0 when unknown or revoked. */
MUST_CHECK int store_remind_feed_user(store_t *s, const char *hash, dtime_t at, user_t *user,
                                      err_t *e);
/* Whether user_id has a live token, and since when. */
MUST_CHECK int store_remind_feed_status(store_t *s, int64_t user_id, bool *live, dtime_t *since,
                                        dtime_t *used, err_t *e);

#endif
