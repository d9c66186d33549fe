/* access.h - roles, unit scopes and the authorisation rule (pure).
 *
 * A user has one role and a unit scope: the unit and all its descendants.
 * Every role but admin has a unit (enforced when users are stored); a
 * non-admin user without one is given no scope at all. Rules:
 *   admin      everything, including users and the unit registry;
 *   standing   (standing agency, CCHC office of Sở Nội vụ) reads and writes
 *              everything in scope, appraises in scope;
 *   officer    (unit CCHC officer) reads and writes within scope;
 *   appraiser  reads within scope and appraises (scores) within scope;
 *   viewer     reads within scope. */
#ifndef CCHC_ACCESS_H
#define CCHC_ACCESS_H

#include "domain/unit.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum access_role {
    ACCESS_ROLE_ADMIN = 0,
    ACCESS_ROLE_STANDING,
    ACCESS_ROLE_OFFICER,
    ACCESS_ROLE_APPRAISER,
    ACCESS_ROLE_VIEWER,
    ACCESS_ROLE_COUNT
} access_role_t;

typedef enum access_action {
    ACCESS_READ = 0, /* see data of a unit */
    ACCESS_WRITE,    /* change plans, tasks, updates, measurements of a unit */
    ACCESS_APPRAISE, /* score / appraise a unit */
    ACCESS_ADMIN     /* manage users and the unit registry */
} access_action_t;

#define USER_LOGIN_MAX 64
#define USER_NAME_MAX  160
#define USER_UNIT_MAX  64

typedef struct user {
    int64_t id;
    char login[USER_LOGIN_MAX + 1];
    char full_name[USER_NAME_MAX + 1];
    access_role_t role;
    char unit_code[USER_UNIT_MAX + 1]; /* "" only for admin (whole system) */
    bool disabled;
} user_t;

/* "admin", "standing", "officer", "appraiser", "viewer". */
int access_role_parse(const char *s, access_role_t *out);
const char *access_role_code(access_role_t r);
const char *access_role_label_vi(access_role_t r);

/* Whether u may do `act` on target_unit (NULL = a system-wide object),
 * judging scope on the unit tree valid at `at`. */
bool access_allows(const user_t *u, access_action_t act, const char *target_unit,
                   const unit_set_t *units, date_t at);

/* A login is 3..64 characters of [a-z0-9._-], starting with a letter. */
bool access_login_valid(const char *login);

#define ACCESS_PASSWORD_MIN 10  /* characters (code points) */
#define ACCESS_PASSWORD_MAX 256 /* bytes */

/* The password rules: at least ACCESS_PASSWORD_MIN characters and at most
 * ACCESS_PASSWORD_MAX bytes, not one of the common passwords `common`
 * (compared ignoring ASCII case; the list shipped in data/passwords/), and
 * not containing the login (ignoring ASCII case). ERR_INVALID
 * "user.password_length", "user.password_common" or "user.password_login". */
int access_password_check(const char *password, const char *login, const char *const *common,
                          size_t ncommon, err_t *e);

/* Every role but admin works for a unit (issue 16 item 8). */
bool access_role_needs_unit(access_role_t r);

/* Whether actor may create or change a user who has (or gets) `role` at
 * `unit`: an admin always; the standing agency for any role but admin, at a
 * unit within its scope (its province's users); nobody else. */
bool access_may_manage_user(const user_t *actor, access_role_t role, const char *unit,
                            const unit_set_t *units, date_t at);

#endif
