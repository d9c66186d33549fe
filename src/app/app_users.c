/* app_users.c - user administration (app_users.h). */
#include "app/app_users.h"

#include "app/app_auth.h"
#include "app/app_units.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define COMMON_MAX_BYTES (1u << 20)
#define COMMON_MAX_LINES 20000

/* The common passwords of the data directory: lines of text (comments and
 * blank lines skipped) pointing into *text (caller frees both). */
static int load_common(app_t *a, const char *name, char **text, const char ***list, size_t *n,
                       err_t *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/passwords/%s", app_data_dir(a), name);
    *text = NULL;
    *list = NULL;
    *n = 0;
    size_t len = 0;
    err_t ignored;
    if (file_read_all(path, COMMON_MAX_BYTES, text, &len, &ignored))
        return 0; /* no list shipped: the other rules still apply */
    size_t cap = 0;
    int rc = 0;
    for (char *line = *text; !rc && line && *line && *n < COMMON_MAX_LINES;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (l && line[0] != '#') {
            if (MEM_GROW(*list, cap, *n + 1))
                rc = err_nomem(e);
            else
                (*list)[(*n)++] = line;
        }
        line = nl ? nl + 1 : NULL;
    }
    return rc;
}

int app_users_check_password(app_t *a, const char *password, const char *login, err_t *e)
{
    /* the hand-made list, then the 10,000 most common (data/passwords/README.md) */
    static const char *const files[] = {"common.txt", "common-10k.txt"};
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof files / sizeof files[0]; i++) {
        char *text;
        const char **list;
        size_t n;
        rc = load_common(a, files[i], &text, &list, &n, e);
        if (!rc)
            rc = access_password_check(password, login, list, n, e);
        mem_free(list);
        mem_free(text);
    }
    return rc;
}

static int forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Bạn không có quyền quản lý người dùng này",
                   "You may not manage this user");
}

int app_users_may_manage(app_t *a, const user_t *actor, const user_t *target, err_t *e)
{
    if (!actor || actor->role == ACCESS_ROLE_ADMIN)
        return 0;
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    if (!rc && !access_may_manage_user(actor, target->role, target->unit_code, &units, DATE_NONE))
        rc = forbidden(e);
    unit_set_release(&units);
    return rc;
}

static json_t *roles_json(const user_t *actor)
{
    json_t *arr = json_array();
    for (int r = 0; arr && r < ACCESS_ROLE_COUNT; r++) {
        if (actor && actor->role != ACCESS_ROLE_ADMIN && r == ACCESS_ROLE_ADMIN)
            continue;
        json_t *o = json_pack("{s:s,s:s}", "code", access_role_code((access_role_t)r), "label",
                              access_role_label_vi((access_role_t)r));
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* Keeps the users the actor manages and adds role and unit labels. */
static int decorate(const user_t *actor, const unit_set_t *units, json_t *users, err_t *e)
{
    for (size_t i = json_array_size(users); i-- > 0;) {
        json_t *u = json_array_get(users, i);
        access_role_t role = ACCESS_ROLE_VIEWER;
        const char *code = json_string_value(json_object_get(u, "role"));
        const char *unit = json_string_value(json_object_get(u, "unit_code"));
        if (!code || access_role_parse(code, &role))
            role = ACCESS_ROLE_VIEWER;
        if (actor && !access_may_manage_user(actor, role, unit, units, DATE_NONE)) {
            json_array_remove(users, i);
            continue;
        }
        const unit_t *un = unit ? unit_set_find(units, unit, DATE_NONE) : NULL;
        if (json_object_set_new(u, "role_label", json_string(access_role_label_vi(role))) ||
            json_object_set_new(u, "unit_name", un ? json_string(un->name) : json_null()))
            return err_nomem(e);
    }
    return 0;
}

int app_users_list(app_t *a, const user_t *actor, json_t **out, err_t *e)
{
    *out = NULL;
    if (actor && actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING)
        return forbidden(e);
    store_t *s;
    json_t *users = NULL;
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_user_list(s, &users, e);
    if (!rc)
        rc = app_units_load(a, &units, e);
    if (!rc)
        rc = decorate(actor, &units, users, e);
    unit_set_release(&units);
    if (!rc) {
        *out = json_pack("{s:o,s:o}", "users", users, "roles", roles_json(actor));
        users = NULL;
        if (!*out)
            rc = err_nomem(e);
    }
    json_decref(users);
    return rc;
}

static int find_user(store_t *s, const char *login, user_t *u, err_t *e)
{
    int rc = store_user_by_login(s, login, u, NULL, 0, e);
    if (rc == ERR_NOTFOUND)
        rc = err_set(e, ERR_NOTFOUND, "user.not_found", "Không có người dùng '%s'", "No user '%s'",
                     login);
    return rc;
}

/* Applies ch to *u, checking the role, the unit and the actor's rights on
 * the result. */
static int apply_change(app_t *a, const user_t *actor, const app_users_change_t *ch, user_t *u,
                        err_t *e)
{
    if (ch->role && access_role_parse(ch->role, &u->role))
        return err_set(e, ERR_INVALID, "user.role", "Vai trò không hợp lệ: '%s'",
                       "Invalid role '%s'", ch->role);
    if (ch->unit)
        snprintf(u->unit_code, sizeof u->unit_code, "%s", ch->unit);
    if (ch->full_name)
        snprintf(u->full_name, sizeof u->full_name, "%s", ch->full_name);
    if (access_role_needs_unit(u->role) && !u->unit_code[0])
        return err_set(e, ERR_INVALID, "user.unit_required", "Vai trò này cần một đơn vị công tác",
                       "This role needs the unit the user works for");
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    if (!rc && u->unit_code[0] && !unit_set_find(&units, u->unit_code, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "user.unit_unknown", "Không có đơn vị mã '%s'",
                     "No unit with code '%s'", u->unit_code);
    if (!rc && actor && !access_may_manage_user(actor, u->role, u->unit_code, &units, DATE_NONE))
        rc = forbidden(e);
    unit_set_release(&units);
    return rc;
}

/* A user's role, unit and name as the audit trail records them (caller
 * free()s: jansson's allocator); NULL when out of memory. */
static char *user_state(const user_t *u)
{
    json_t *o = json_pack("{s:s,s:s?,s:s}", "role", access_role_code(u->role), "unit_code",
                          u->unit_code[0] ? u->unit_code : NULL, "full_name", u->full_name);
    char *text = o ? jsonx_dump(o) : NULL;
    json_decref(o);
    return text;
}

int app_users_update(app_t *a, const user_t *actor, const char *login, const app_users_change_t *ch,
                     err_t *e)
{
    store_t *s;
    user_t u = {0};
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = find_user(s, login, &u, e);
    if (!rc)
        rc = app_users_may_manage(a, actor, &u, e);
    user_t old = u;
    if (!rc && actor && strcmp(actor->login, login) == 0 && ch->role &&
        strcmp(ch->role, access_role_code(actor->role)) != 0)
        rc = err_set(e, ERR_INVALID, "user.self", "Không thể tự đổi vai trò của mình",
                     "You cannot change your own role");
    if (!rc)
        rc = apply_change(a, actor, ch, &u, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    char detail[200];
    snprintf(detail, sizeof detail, "%s %s", access_role_code(u.role), u.unit_code);
    char *before = user_state(&old), *after = user_state(&u);
    rc = before && after ? store_user_update(s, &u, e) : err_nomem(e);
    if (!rc)
        rc = store_audit_change(s, actor ? actor->login : "cli", "user.update", login, detail,
                                before, after, e);
    free(before);
    free(after);
    if (!rc)
        return store_commit(s, e);
    store_rollback(s);
    return rc;
}

int app_users_reset_password(app_t *a, const user_t *actor, const char *login, char out[17],
                             err_t *e)
{
    /* a generated password never contains the login nor a common one; try
     * again in the unlikely case it does */
    int rc = 0;
    err_t le;
    for (int tries = 0; tries < 5; tries++) {
        app_auth_random_password(out, 16, login);
        rc = app_auth_user_passwd(a, actor, login, out, &le);
        if (!rc || (strcmp(le.code, "user.password_login") != 0 &&
                    strcmp(le.code, "user.password_common") != 0))
            break;
    }
    if (rc) {
        sodium_memzero(out, 17);
        return err_set_pair(e, rc, le.code, le.vi, le.en);
    }
    return 0;
}

int app_users_change_password(app_t *a, const user_t *actor, const char *current,
                              const char *password, err_t *e)
{
    if (!actor)
        return forbidden(e);
    /* throttled like a login: a stolen session cannot guess the password */
    int rc = app_auth_verify_password(a, actor->login, current ? current : "", e);
    if (rc)
        return rc;
    return app_auth_user_passwd(a, actor, actor->login, password, e);
}
