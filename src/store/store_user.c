#include "store/store_user.h"

#include "base/jsonx.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

void store_user_read(store_stmt_t *st, user_t *u)
{
    memset(u, 0, sizeof *u);
    u->id = store_col_int(st, 0);
    copy(u->login, sizeof u->login, store_col_text(st, 1));
    copy(u->full_name, sizeof u->full_name, store_col_text(st, 2));
    if (access_role_parse(store_col_text(st, 3) ? store_col_text(st, 3) : "", &u->role))
        u->role = ACCESS_ROLE_VIEWER;
    copy(u->unit_code, sizeof u->unit_code, store_col_text(st, 4));
    u->disabled = store_col_int(st, 5) != 0;
}

static int unit_required(const char *login, access_role_t role, err_t *e)
{
    return err_set(e, ERR_INVALID, "user.unit_required",
                   "Người dùng '%s' (vai trò %s) phải thuộc một đơn vị: chỉ quản trị hệ thống "
                   "được không có đơn vị",
                   "User '%s' (role %s) needs a unit: only an administrator may have none", login,
                   access_role_code(role));
}

int store_user_insert(store_t *s, const user_t *u, const char *password_hash, int64_t *id, err_t *e)
{
    if (u->role != ACCESS_ROLE_ADMIN && !u->unit_code[0])
        return unit_required(u->login, u->role, e);
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO app_user (login, full_name, password_hash, role, "
                           "unit_code, disabled, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, 0, CURRENT_TIMESTAMP) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, u->login);
    store_bind_text(st, 2, u->full_name);
    store_bind_text(st, 3, password_hash);
    store_bind_text(st, 4, access_role_code(u->role));
    store_bind_text(st, 5, u->unit_code[0] ? u->unit_code : NULL);
    rc = store_step(st, e);
    if (rc == STORE_ROW && id)
        *id = store_col_int(st, 0);
    store_stmt_done(st);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "user.exists", "Tên đăng nhập '%s' đã tồn tại",
                       "Login '%s' already exists", u->login);
    return rc < 0 ? rc : 0;
}

int store_user_by_login(store_t *s, const char *login, user_t *out, char *hash_out, size_t hash_cap,
                        err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " STORE_USER_COLS ", u.password_hash FROM app_user u "
                           "WHERE u.login = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        store_user_read(st, out);
        if (hash_out)
            copy(hash_out, hash_cap, store_col_text(st, 6));
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "user.not_found", "Không có người dùng '%s'", "No user '%s'",
                     login);
    }
    store_stmt_done(st);
    return rc;
}

static int update_one(store_t *s, store_stmt_t *st, const char *login, err_t *e)
{
    int rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = err_set(e, ERR_NOTFOUND, "user.not_found", "Không có người dùng '%s'", "No user '%s'",
                     login);
    return rc;
}

int store_user_set_password(store_t *s, const char *login, const char *password_hash, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "UPDATE app_user SET password_hash = ?2 WHERE login = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    store_bind_text(st, 2, password_hash);
    return update_one(s, st, login, e);
}

int store_user_set_disabled(store_t *s, const char *login, bool disabled, err_t *e)
{
    store_stmt_t *st;
    user_t u;
    int rc = disabled ? 0 : store_user_by_login(s, login, &u, NULL, 0, e);
    if (rc)
        return rc;
    if (!disabled && u.role != ACCESS_ROLE_ADMIN && !u.unit_code[0])
        return unit_required(login, u.role, e);
    rc = store_prepare(s, "UPDATE app_user SET disabled = ?2 WHERE login = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    store_bind_int(st, 2, disabled ? 1 : 0);
    return update_one(s, st, login, e);
}

int store_user_update(store_t *s, const user_t *u, err_t *e)
{
    if (u->role != ACCESS_ROLE_ADMIN && !u->unit_code[0] && !u->disabled)
        return unit_required(u->login, u->role, e);
    store_stmt_t *st;
    int rc = store_prepare(
        s, "UPDATE app_user SET role = ?2, unit_code = ?3, full_name = ?4 WHERE login = ?1", &st,
        e);
    if (rc)
        return rc;
    store_bind_text(st, 1, u->login);
    store_bind_text(st, 2, access_role_code(u->role));
    if (u->unit_code[0])
        store_bind_text(st, 3, u->unit_code);
    else
        store_bind_null(st, 3);
    store_bind_text(st, 4, u->full_name);
    return update_one(s, st, u->login, e);
}

static json_t *user_json(const user_t *u)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "login", u->login);
    rc |= jsonx_set_str(o, "full_name", u->full_name);
    rc |= jsonx_set_str(o, "role", access_role_code(u->role));
    rc |= jsonx_set_str(o, "unit_code", u->unit_code[0] ? u->unit_code : NULL);
    rc |= jsonx_set_bool(o, "disabled", u->disabled);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int store_user_list(store_t *s, json_t **out, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s, "SELECT " STORE_USER_COLS " FROM app_user u ORDER BY u.login", &st, e);
    if (rc)
        return rc;
    json_t *arr = json_array();
    if (!arr) {
        store_stmt_done(st);
        return err_nomem(e);
    }
    while (store_next(st, &rc, e)) {
        user_t u;
        store_user_read(st, &u);
        if (json_array_append_new(arr, user_json(&u))) {
            rc = err_nomem(e);
            break;
        }
    }
    store_stmt_done(st);
    if (rc < 0) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

int store_user_count(store_t *s, int64_t *count, err_t *e)
{
    return store_query_int(s, "SELECT COUNT(*) FROM app_user", count, e);
}
