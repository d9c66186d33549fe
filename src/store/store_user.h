/* store_user.h - persistence of users (sessions: store_session.h; the audit
 * trail: store_audit.h). Passwords arrive already hashed. */
#ifndef CCHC_STORE_USER_H
#define CCHC_STORE_USER_H

#include "domain/access.h"
#include "store/store.h"

#include <jansson.h>

/* ERR_CONFLICT when the login exists; ERR_INVALID "user.unit_required" for
 * any role but admin without a unit (issue 16 item 6; the database refuses
 * it too: migration 0029). *id (may be NULL) gets the new id. */
MUST_CHECK int store_user_insert(store_t *s, const user_t *u, const char *password_hash,
                                 int64_t *id, err_t *e);
/* ERR_NOTFOUND when absent. hash_out (may be NULL, size >= 256) gets the hash. */
MUST_CHECK int store_user_by_login(store_t *s, const char *login, user_t *out, char *hash_out,
                                   size_t hash_cap, err_t *e);
MUST_CHECK int store_user_set_password(store_t *s, const char *login, const char *password_hash,
                                       err_t *e);
/* Enabling a user of a role other than admin that has no unit is
 * ERR_INVALID "user.unit_required" (give it a unit first). */
MUST_CHECK int store_user_set_disabled(store_t *s, const char *login, bool disabled, err_t *e);
/* Sets role, unit ("" = none) and full name; ERR_NOTFOUND when absent;
 * "user.unit_required" for an enabled non-admin without a unit (u->disabled
 * says whether the account is disabled). */
MUST_CHECK int store_user_update(store_t *s, const user_t *u, err_t *e);
/* Array of user objects (no hashes). Caller json_decref. */
MUST_CHECK int store_user_list(store_t *s, json_t **out, err_t *e);
MUST_CHECK int store_user_count(store_t *s, int64_t *count, err_t *e);

/* The columns store_user_read expects, for queries joining app_user AS u. */
#define STORE_USER_COLS "u.id, u.login, u.full_name, u.role, u.unit_code, u.disabled"
/* Reads a user from a row selected with STORE_USER_COLS first. */
void store_user_read(store_stmt_t *st, user_t *out);

#endif
