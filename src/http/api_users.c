/* api_users.c - user administration for the web UI (API.md "Users"):
 * list, create, change, disable, reset a password; change one's own
 * password. Rules and rights: app/app_users.h. */
#include "app/app_auth.h"
#include "app/app_users.h"
#include "base/jsonx.h"
#include "http/api.h"

#include <sodium.h>
#include <string.h>

#include "base/banned.h"

static const char *field_of(const err_t *e)
{
    if (strncmp(e->code, "user.password", 13) == 0)
        return "password";
    if (strncmp(e->code, "user.unit", 9) == 0)
        return "unit";
    if (strcmp(e->code, "user.login_invalid") == 0 || strcmp(e->code, "user.exists") == 0)
        return "login";
    if (strcmp(e->code, "user.role") == 0 || strcmp(e->code, "user.self") == 0)
        return "role";
    if (strncmp(e->code, "user.name", 9) == 0)
        return "full_name";
    return NULL;
}

int api_users_list(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    if (app_users_list(api_app(req), api_user(req), &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* POST /api/v1/users {"login","full_name","role","unit","password"?}: without
 * a password one is generated and answered once. */
int api_users_create(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *login = api_body_str(&b, "login", true);
    const char *role = api_body_str(&b, "role", true);
    const char *unit = api_body_str(&b, "unit", false);
    const char *name = api_body_str(&b, "full_name", false);
    const char *password = api_body_str(&b, "password", false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    access_role_t r;
    if (access_role_parse(role, &r)) {
        err_set(&e, ERR_INVALID, "user.role", "Vai trò không hợp lệ: '%s'", "Invalid role '%s'",
                role);
        return api_error_field(resp, &e, "role");
    }
    char generated[17] = "";
    if (!password) {
        app_auth_random_password(generated, 16, login);
        password = generated;
    }
    int rc = app_auth_user_add(api_app(req), api_user(req), login, password, r, unit, name, &e);
    json_t *out =
        rc ? NULL
           : json_pack("{s:s,s:s?}", "login", login, "password", generated[0] ? generated : NULL);
    sodium_memzero(generated, sizeof generated);
    if (rc)
        return api_error_field(resp, &e, field_of(&e));
    return http_resp_json(resp, 201, out);
}

/* POST /api/v1/users/{login} {"role"?,"unit"?,"full_name"?,"disabled"?} */
int api_users_update(http_req_t *req, http_resp_t *resp)
{
    const char *login = http_req_param(req, "login");
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_users_change_t ch = {api_body_str(&b, "role", false), NULL,
                             api_body_str(&b, "full_name", false)};
    json_t *unit = json_object_get(b.o, "unit");
    if (json_is_string(unit) || json_is_null(unit))
        ch.unit = json_is_string(unit) ? json_string_value(unit) : "";
    json_t *disabled = json_object_get(b.o, "disabled");
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    int rc = 0;
    if (ch.role || ch.unit || ch.full_name)
        rc = app_users_update(api_app(req), api_user(req), login, &ch, &e);
    if (!rc && json_is_boolean(disabled))
        rc = app_auth_user_set_disabled(api_app(req), api_user(req), login, json_is_true(disabled),
                                        &e);
    if (rc)
        return api_error_field(resp, &e, field_of(&e));
    return http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

/* POST /api/v1/users/{login}/password: a generated password, answered once. */
int api_users_reset_password(http_req_t *req, http_resp_t *resp)
{
    char pw[17];
    err_t e;
    if (app_users_reset_password(api_app(req), api_user(req), http_req_param(req, "login"), pw, &e))
        return http_resp_error(resp, &e);
    json_t *out = json_pack("{s:s}", "password", pw);
    sodium_memzero(pw, sizeof pw);
    return http_resp_json(resp, 200, out);
}

/* POST /api/v1/me/password {"current","password"}: sessions end (log in
 * again). */
int api_me_password(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *current = api_body_str(&b, "current", true);
    const char *password = api_body_str(&b, "password", true);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    if (app_users_change_password(api_app(req), api_user(req), current, password, &e))
        return api_error_field(
            resp, &e, strcmp(e.code, "user.password_wrong") == 0 ? "current" : field_of(&e));
    http_resp_cookie_clear_session(resp);
    return http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
}
