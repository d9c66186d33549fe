/* api_auth.c - login, logout, me (health: api_health.c). */
#include "base/dtime.h"
#include "http/api.h"

#include "app/app_auth.h"
#include "app/app_units.h"
#include "base/jsonx.h"

#include <string.h>

#include "base/banned.h"

int api_login(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    json_t *body = http_req_json(req, &e);
    if (!body)
        return http_resp_error(resp, &e);
    const char *login, *password;
    if (jsonx_req_str(body, "login", &login, &e) || jsonx_req_str(body, "password", &password, &e))
        return http_resp_error(resp, &e);
    char token[AUTH_TOKEN_LEN + 1];
    user_t u;
    if (app_auth_login(api_app(req), req->client_addr, login, password, token, &u, &e))
        return http_resp_error(resp, &e);
    http_resp_cookie_session(resp, token, (long)app_session_hours(api_app(req)) * 3600);
    json_t *out = json_object();
    jsonx_set_new(out, "user", api_user_json(&u));
    return http_resp_json(resp, 200, out);
}

int api_logout(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    const char *token = http_req_cookie(req, HTTP_SESSION_COOKIE);
    if (token && app_auth_logout(api_app(req), token, &e))
        return http_resp_error(resp, &e);
    http_resp_cookie_clear_session(resp);
    return http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

int api_me(http_req_t *req, http_resp_t *resp)
{
    const user_t *u = api_user(req);
    json_t *o = api_user_json(u);
    if (o && u->unit_code[0]) {
        err_t e;
        unit_set_t set;
        unit_set_init(&set);
        if (app_units_load(api_app(req), &set, &e) == 0) {
            const unit_t *unit = unit_set_find(&set, u->unit_code, dtime_date(dtime_now()));
            if (!unit)
                unit = unit_set_find(&set, u->unit_code, DATE_NONE);
            jsonx_set_str(o, "unit_name", unit ? unit->name : NULL);
        }
        unit_set_release(&set);
    }
    return http_resp_json(resp, 200, o);
}
