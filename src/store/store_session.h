/* store_session.h - persistence of login sessions. Session tokens arrive
 * hashed (the raw token never reaches the database). Times are Unix seconds. */
#ifndef CCHC_STORE_SESSION_H
#define CCHC_STORE_SESSION_H

#include "domain/access.h"
#include "store/store.h"

MUST_CHECK int store_session_insert(store_t *s, const char *token_hash, int64_t user_id,
                                    int64_t now, int64_t expires, err_t *e);
/* The user of a live session (ERR_UNAUTH when absent or expired). */
MUST_CHECK int store_session_user(store_t *s, const char *token_hash, int64_t now, user_t *out,
                                  err_t *e);
MUST_CHECK int store_session_delete(store_t *s, const char *token_hash, err_t *e);
/* Deletes every session of a user (after a password change or disable). */
MUST_CHECK int store_session_delete_user(store_t *s, const char *login, err_t *e);
MUST_CHECK int store_session_purge(store_t *s, int64_t now, err_t *e);

#endif
