/* app_users.h - user administration for the web UI (issue 10 item 6) on top
 * of app_auth.h: the password rules with the shipped list of common
 * passwords, the list of the users an actor manages, changes of role, unit
 * and name, a password reset that returns a generated password, and the
 * change of one's own password.
 *
 * Who manages whom: access_may_manage_user (an admin everyone; the standing
 * agency the non-admin users of units in its scope); actor NULL is the local
 * operator (CLI). Every role but admin needs a unit. Every change is
 * recorded with store_audit_append. Errors: ERR_FORBIDDEN auth.forbidden,
 * ERR_NOTFOUND user.not_found, ERR_INVALID user.password_length /
 * user.password_common / user.password_login / user.unit_required /
 * user.unit_unknown / user.role / user.self, ERR_UNAUTH
 * user.password_wrong, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_USERS_H
#define CCHC_APP_USERS_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>

/* The password rules (access_password_check) with the common passwords of
 * DATA_DIR/passwords/common.txt (no list when the file is missing). */
int app_users_check_password(app_t *a, const char *password, const char *login, err_t *e);

/* Whether actor may manage the user `target` as it is now (actor NULL: yes). */
int app_users_may_manage(app_t *a, const user_t *actor, const user_t *target, err_t *e);

/* {"users":[{"login","full_name","role","role_label","unit_code","unit_name","disabled"}],
 *  "roles":[{"code","label"}]} - the users the actor manages, by login, and
 * the roles it may give. Caller json_decref. */
int app_users_list(app_t *a, const user_t *actor, json_t **out, err_t *e);

typedef struct app_users_change {
    const char *role;      /* NULL = keep */
    const char *unit;      /* NULL = keep; "" = none (admin only) */
    const char *full_name; /* NULL = keep */
} app_users_change_t;

/* Changes role, unit and name of `login`: the actor must manage the user as
 * it is and as it will be. */
int app_users_update(app_t *a, const user_t *actor, const char *login, const app_users_change_t *ch,
                     err_t *e);

/* Sets a generated password (16 characters, into out[17]) for `login` and
 * ends its sessions. */
int app_users_reset_password(app_t *a, const user_t *actor, const char *login, char out[17],
                             err_t *e);

/* The actor's own password, after checking the current one. */
int app_users_change_password(app_t *a, const user_t *actor, const char *current,
                              const char *password, err_t *e);

#endif
