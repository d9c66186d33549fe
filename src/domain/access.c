#include "domain/access.h"

#include <strings.h>
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

/* Whether needle occurs in hay, ignoring ASCII case. */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return false;
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return true;
    return false;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int access_password_check(const char *password, const char *login, const char *const *common,
                          size_t ncommon, err_t *e)
{
    if (code_points(password) < ACCESS_PASSWORD_MIN || strlen(password) > ACCESS_PASSWORD_MAX)
        return err_set(e, ERR_INVALID, "user.password_length",
                       "Mật khẩu phải có ít nhất %d ký tự (tối đa %d byte)",
                       "The password must have at least %d characters (at most %d bytes)",
                       ACCESS_PASSWORD_MIN, ACCESS_PASSWORD_MAX);
    /* "Password-2024!" is "password" with a suffix: compared without its
     * trailing digits, punctuation and spaces too */
    size_t len = strlen(password), stem = len;
    while (stem > 0 && (unsigned char)password[stem - 1] < 0x80 &&
           !((password[stem - 1] | 0x20) >= 'a' && (password[stem - 1] | 0x20) <= 'z'))
        stem--;
    for (size_t i = 0; i < ncommon; i++)
        if (common[i] && (strcasecmp(password, common[i]) == 0 ||
                          (stem >= 4 && stem < len && strlen(common[i]) == stem &&
                           strncasecmp(password, common[i], stem) == 0)))
            return err_set(e, ERR_INVALID, "user.password_common",
                           "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác",
                           "This password is too common and easy to guess; choose another");
    if (login && strlen(login) >= 3 && contains_nocase(password, login))
        return err_set(e, ERR_INVALID, "user.password_login",
                       "Mật khẩu không được chứa tên đăng nhập",
                       "The password must not contain the login name");
    return 0;
}

bool access_role_needs_unit(access_role_t r)
{
    return r != ACCESS_ROLE_ADMIN;
}

bool access_may_manage_user(const user_t *actor, access_role_t role, const char *unit,
                            const unit_set_t *units, date_t at)
{
    if (!actor || actor->disabled)
        return false;
    if (actor->role == ACCESS_ROLE_ADMIN)
        return true;
    if (actor->role != ACCESS_ROLE_STANDING || role == ACCESS_ROLE_ADMIN || !unit || !*unit)
        return false;
    return in_scope(actor, unit, units, at);
}
