/* app_auth.h - users, passwords (argon2id via libsodium), sessions.
 *
 * Session tokens are 32 random bytes shown to the client as 64 hex
 * characters; the database keeps only their SHA-256. Passwords: the rules
 * of access_password_check (at least 10 characters, not a common password,
 * not containing the login; app_users_check_password). Every role but admin
 * needs a unit. Who may add, change or disable a user:
 * access_may_manage_user (actor NULL = the local operator). Logins: see
 * access_login_valid. Login failures do not reveal whether the login
 * exists.
 *
 * Every function here that verifies or sets a password computes one or two
 * argon2id hashes (~0.1 s and 64 MiB each): the HTTP server runs them on
 * its small hashing pool, never on the threads that serve other requests
 * (docs/internals/hardening.md). */
#ifndef CCHC_APP_AUTH_H
#define CCHC_APP_AUTH_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>

#define AUTH_TOKEN_LEN     64
#define AUTH_PASSWORD_MIN  ACCESS_PASSWORD_MIN
#define AUTH_PASSWORD_MAX  ACCESS_PASSWORD_MAX
#define AUTH_FAILS_ACCOUNT 5  /* failures of one account before it is blocked */
#define AUTH_FAILS_ADDRESS 20 /* failures from one client address before it is blocked */

/* Creates a user. unit_code must exist; it may be NULL/"" (whole system)
 * for an admin only;
 * full_name (may be NULL) is valid UTF-8 of at most USER_NAME_MAX bytes. */
int app_auth_user_add(app_t *a, const user_t *actor, const char *login, const char *password,
                      access_role_t role, const char *unit_code, const char *full_name, err_t *e);
int app_auth_user_passwd(app_t *a, const user_t *actor, const char *login, const char *password,
                         err_t *e);
int app_auth_user_set_disabled(app_t *a, const user_t *actor, const char *login, bool disabled,
                               err_t *e);
int app_auth_user_list(app_t *a, const user_t *actor, json_t **out, err_t *e);
int app_auth_user_count(app_t *a, int64_t *count, err_t *e);

/* Verifies the password and opens a session: token gets the raw token
 * (AUTH_TOKEN_LEN + 1 bytes), user the account. ERR_UNAUTH on failure
 * (user then holds nothing about the account). Repeated failures for an
 * account (AUTH_FAILS_ACCOUNT) or from a client address (AUTH_FAILS_ADDRESS,
 * when client is not NULL) block further attempts for 1 to 15 minutes:
 * ERR_TOOMANY "auth.throttled". The counters live in the database
 * (throttle.h): they hold across restarts and across server instances. A
 * success clears the account's counter, never the address's. */
int app_auth_login(app_t *a, const char *client, const char *login, const char *password,
                   char *token, user_t *user, err_t *e);

/* Checks login's password again (a change of one's own password asks for
 * the current one): 0, ERR_UNAUTH "user.password_wrong", or ERR_TOOMANY
 * "auth.throttled". A wrong password counts as a failed login of the
 * account (throttle.h), so a stolen session cannot guess it faster than
 * the login form. */
int app_auth_verify_password(app_t *a, const char *login, const char *password, err_t *e);

/* The user of a live session token; ERR_UNAUTH when invalid/expired. */
int app_auth_session_user(app_t *a, const char *token, user_t *user, err_t *e);
int app_auth_logout(app_t *a, const char *token, err_t *e);

/* A random password of n (>= 12) readable characters into out[n+1] that
 * passes the password policy for login (may be NULL): it never holds the
 * login name. */
void app_auth_random_password(char *out, size_t n, const char *login);

#endif
