#include "domain/access.h"

#include <string.h>

#include "base/banned.h"

static const char *codes[ACCESS_ROLE_COUNT] = {"admin", "standing", "officer", "appraiser",
                                               "viewer"};
static const char *labels[ACCESS_ROLE_COUNT] = {"Quản trị hệ thống", "Cơ quan thường trực CCHC",
                                                "Cán bộ CCHC đơn vị", "Cơ quan thẩm định",
                                                "Người xem"};

int access_role_parse(const char *s, access_role_t *out)
{
    for (int i = 0; i < ACCESS_ROLE_COUNT; i++)
        if (strcmp(s, codes[i]) == 0) {
            *out = (access_role_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *access_role_code(access_role_t r)
{
    return r < ACCESS_ROLE_COUNT ? codes[r] : "?";
}

const char *access_role_label_vi(access_role_t r)
{
    return r < ACCESS_ROLE_COUNT ? labels[r] : "?";
}

static bool in_scope(const user_t *u, const char *target, const unit_set_t *units, date_t at)
{
    if (!u->unit_code[0]) /* only an admin may lack a unit (issue 16): no scope */
        return false;
    if (!target)
        return false;
    return unit_set_within(units, target, u->unit_code, at);
}

bool access_allows(const user_t *u, access_action_t act, const char *target_unit,
                   const unit_set_t *units, date_t at)
{
    if (!u || u->disabled)
        return false;
    if (u->role == ACCESS_ROLE_ADMIN)
        return true;
    if (act == ACCESS_ADMIN)
        return false;
    bool scope = in_scope(u, target_unit, units, at);
    switch (u->role) {
    case ACCESS_ROLE_STANDING:
        return scope;
    case ACCESS_ROLE_OFFICER:
        return scope && act != ACCESS_APPRAISE;
    case ACCESS_ROLE_APPRAISER:
        return scope && (act == ACCESS_READ || act == ACCESS_APPRAISE);
    case ACCESS_ROLE_VIEWER:
        return scope && act == ACCESS_READ;
    default:
        return false;
    }
}

bool access_login_valid(const char *login)
{
    size_t n = strlen(login);
    if (n < 3 || n > USER_LOGIN_MAX || !(login[0] >= 'a' && login[0] <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}
