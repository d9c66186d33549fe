/* store_user.h - persistence of users, sessions and the audit trail.
 * Passwords arrive already hashed; session tokens arrive hashed (the raw
 * token never reaches the database). Times are Unix seconds. */
#ifndef CCHC_STORE_USER_H
#define CCHC_STORE_USER_H

#include "domain/access.h"
#include "store/store.h"

#include <jansson.h>

/* ERR_CONFLICT when the login exists. *id (may be NULL) gets the new id. */
int store_user_insert(store_t *s, const user_t *u, const char *password_hash, int64_t *id,
                      err_t *e);
/* ERR_NOTFOUND when absent. hash_out (may be NULL, size >= 256) gets the hash. */
int store_user_by_login(store_t *s, const char *login, user_t *out, char *hash_out, size_t hash_cap,
                        err_t *e);
int store_user_set_password(store_t *s, const char *login, const char *password_hash, err_t *e);
int store_user_set_disabled(store_t *s, const char *login, bool disabled, err_t *e);
/* Array of user objects (no hashes). Caller json_decref. */
int store_user_list(store_t *s, json_t **out, err_t *e);
int store_user_count(store_t *s, int64_t *count, err_t *e);

int store_session_insert(store_t *s, const char *token_hash, int64_t user_id, int64_t now,
                         int64_t expires, err_t *e);
/* The user of a live session (ERR_UNAUTH when absent or expired). */
int store_session_user(store_t *s, const char *token_hash, int64_t now, user_t *out, err_t *e);
int store_session_delete(store_t *s, const char *token_hash, err_t *e);
/* Deletes every session of a user (after a password change or disable). */
int store_session_delete_user(store_t *s, const char *login, err_t *e);
int store_session_purge(store_t *s, int64_t now, err_t *e);

int store_audit(store_t *s, const char *actor, const char *action, const char *object,
                const char *detail, err_t *e);

#endif
