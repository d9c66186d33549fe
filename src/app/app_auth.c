#include "app/app_auth.h"

#include "app/app_auth_password.h"
#include "app/app_units.h"
#include "app/app_users.h"
#include "app/throttle.h"
#include "base/log.h"
#include "base/text.h"
#include "store/store_audit.h"
#include "store/store_initpw.h"
#include "store/store_session.h"
#include "store/store_user.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* A full name is stored whole: cutting it to fit would split a character
 * and leave invalid UTF-8 that breaks every listing. */
static int check_full_name(const char *full_name, err_t *e)
{
    size_t n = full_name ? strlen(full_name) : 0;
    if (n > USER_NAME_MAX)
        return err_set(e, ERR_INVALID, "user.name_too_long", "Họ tên dài quá %d byte",
                       "The full name is longer than %d bytes", USER_NAME_MAX);
    if (!text_valid(full_name ? full_name : "", n))
        return err_set(e, ERR_INVALID, "user.name_invalid", "Họ tên không phải UTF-8 hợp lệ",
                       "The full name is not valid UTF-8");
    return 0;
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], err_t *e)
{
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_nomem(e);
    return 0;
}

static int check_unit(app_t *a, const char *unit_code, err_t *e)
{
    if (!unit_code || !*unit_code)
        return 0;
    unit_set_t set;
    unit_set_init(&set);
    int rc = app_units_load(a, &set, e);
    if (!rc && !unit_set_find(&set, unit_code, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "user.unit_unknown", "Không có đơn vị mã '%s'",
                     "No unit with code '%s'", unit_code);
    unit_set_release(&set);
    return rc;
}

/* Every role but admin needs a unit; the actor must manage the new user. */
static int check_new_user(app_t *a, const user_t *actor, access_role_t role, const char *unit_code,
                          err_t *e)
{
    if (access_role_needs_unit(role) && (!unit_code || !*unit_code))
        return err_set(e, ERR_INVALID, "user.unit_required", "Vai trò này cần một đơn vị công tác",
                       "This role needs the unit the user works for");
    int rc = check_unit(a, unit_code, e);
    if (rc)
        return rc;
    user_t t = {0};
    t.role = role;
    snprintf(t.unit_code, sizeof t.unit_code, "%s", unit_code ? unit_code : "");
    return app_users_may_manage(a, actor, &t, e);
}

/* The user `login` as stored (ERR_NOTFOUND user.not_found). */
static int stored_user(app_t *a, const char *login, user_t *u, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_user_by_login(s, login, u, NULL, 0, e);
    if (rc == ERR_NOTFOUND)
        rc = err_set(e, ERR_NOTFOUND, "user.not_found", "Không có người dùng '%s'", "No user '%s'",
                     login);
    return rc;
}

int app_auth_user_add(app_t *a, const user_t *actor, const char *login, const char *password,
                      access_role_t role, const char *unit_code, const char *full_name, err_t *e)
{
    if (!access_login_valid(login))
        return err_set(e, ERR_INVALID, "user.login_invalid",
                       "Tên đăng nhập '%s' không hợp lệ (3–64 ký tự a-z, 0-9, . _ -, bắt đầu bằng "
                       "chữ cái)",
                       "Invalid login '%s' (3-64 characters a-z, 0-9, . _ -, starting with a "
                       "letter)",
                       login);
    int rc = app_users_check_password(a, password, login, e);
    if (!rc)
        rc = check_full_name(full_name, e);
    if (!rc)
        rc = check_new_user(a, actor, role, unit_code, e);
    if (rc)
        return rc;
    user_t u = {0};
    snprintf(u.login, sizeof u.login, "%s", login);
    snprintf(u.full_name, sizeof u.full_name, "%s", full_name ? full_name : "");
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit_code ? unit_code : "");
    u.role = role;
    char hash[crypto_pwhash_STRBYTES];
    rc = hash_password(password, hash, e);
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_user_insert(s, &u, hash, NULL, e);
    if (!rc)
        rc = store_audit_append(s, actor ? actor->login : "cli", "user.add", login,
                                access_role_code(role), e);
    if (!rc)
        return store_commit(s, e);
    store_rollback(s);
    return rc;
}

/* Stores a new hash for login in one transaction: sessions closed, audit
 * entry, the initial password file forgotten (removed after the commit). */
static int set_password(app_t *a, const char *who, const char *login, const char *hash, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    char initial[4096];
    rc = store_user_set_password(s, login, hash, e);
    if (!rc)
        rc = store_session_delete_user(s, login, e);
    if (!rc)
        rc = app_auth_password_take_initial(s, login, initial, sizeof initial, e);
    if (!rc)
        rc = store_audit_append(s, who, "user.passwd", login, "", e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    app_auth_password_forget_file(initial);
    return 0;
}

int app_auth_user_passwd(app_t *a, const user_t *actor, const char *login, const char *password,
                         err_t *e)
{
    bool self = actor && strcmp(actor->login, login) == 0;
    user_t target;
    int rc = stored_user(a, login, &target, e);
    if (!rc && !self)
        rc = app_users_may_manage(a, actor, &target, e);
    if (!rc)
        rc = app_users_check_password(a, password, login, e);
    if (rc)
        return rc;
    char hash[crypto_pwhash_STRBYTES];
    rc = hash_password(password, hash, e);
    if (rc)
        return rc;
    return set_password(a, actor ? actor->login : "cli", login, hash, e);
}

int app_auth_user_set_disabled(app_t *a, const user_t *actor, const char *login, bool disabled,
                               err_t *e)
{
    user_t target;
    int rc = stored_user(a, login, &target, e);
    if (!rc)
        rc = app_users_may_manage(a, actor, &target, e);
    if (!rc && disabled && actor && strcmp(actor->login, login) == 0)
        rc = err_set(e, ERR_INVALID, "user.self", "Không thể tự khóa tài khoản của mình",
                     "You cannot disable your own account");
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_user_set_disabled(s, login, disabled, e);
    if (!rc && disabled)
        rc = store_session_delete_user(s, login, e);
    if (!rc)
        rc = store_audit_append(s, actor ? actor->login : "cli",
                                disabled ? "user.disable" : "user.enable", login, "", e);
    if (!rc)
        return store_commit(s, e);
    store_rollback(s);
    return rc;
}

int app_auth_user_list(app_t *a, const user_t *actor, json_t **out, err_t *e)
{
    int rc = actor && actor->role != ACCESS_ROLE_ADMIN
                 ? err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                           "Chỉ quản trị hệ thống được quản lý người dùng",
                           "Only an administrator may manage users")
                 : 0;
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    return rc ? rc : store_user_list(s, out, e);
}

int app_auth_user_count(app_t *a, int64_t *count, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    return rc ? rc : store_user_count(s, count, e);
}

static void token_hash(const char *token, char out[crypto_hash_sha256_BYTES * 2 + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

static int login_failed(err_t *e)
{
    return err_set(e, ERR_UNAUTH, "auth.login_failed", "Sai tên đăng nhập hoặc mật khẩu",
                   "Wrong login or password");
}

/* Verifies login/password; ERR_UNAUTH (same code whether or not the login
 * exists, after the same work). */
static int check_credentials(store_t *s, const char *login, const char *password, user_t *user,
                             err_t *e)
{
    char hash[256];
    err_t tmp;
    int rc = store_user_by_login(s, login, user, hash, sizeof hash, &tmp);
    if (rc == ERR_NOTFOUND) {
        char dummy[crypto_pwhash_STRBYTES];
        hash_password("not-a-password", dummy, NULL);
        return login_failed(e);
    }
    if (rc) {
        if (e)
            *e = tmp;
        return rc;
    }
    if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0 || user->disabled) {
        memset(user, 0, sizeof *user); /* nothing about the account on failure */
        return login_failed(e);
    }
    return 0;
}

static int throttled(int64_t wait, err_t *e)
{
    return err_set(e, ERR_TOOMANY, "auth.throttled",
                   "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau %lld giây",
                   "Too many failed logins; try again in %lld seconds", (long long)wait);
}

/* The throttle keys of an attempt: the account's only for a login that can
 * exist (any other cannot be guessed into, and must not fill the table),
 * the address's when the client is known. "" when none. */
typedef struct attempt_keys {
    char acct[THROTTLE_KEY_MAX];
    char addr[THROTTLE_KEY_MAX];
} attempt_keys_t;

static void attempt_keys(const char *client, const char *login, attempt_keys_t *k)
{
    k->acct[0] = k->addr[0] = '\0';
    if (access_login_valid(login))
        throttle_key(THROTTLE_ACCOUNT, login, k->acct, sizeof k->acct);
    if (client && *client)
        throttle_key(THROTTLE_ADDRESS, client, k->addr, sizeof k->addr);
}

/* ERR_TOOMANY while either key is blocked. */
static int check_throttle(app_t *a, store_t *s, const attempt_keys_t *k, int64_t now, err_t *e)
{
    int64_t wait = 0, wait2 = 0;
    int rc = 0;
    if (k->acct[0])
        rc = throttle_wait(app_throttle(a), s, k->acct, now, &wait, e);
    if (!rc && k->addr[0])
        rc = throttle_wait(app_throttle(a), s, k->addr, now, &wait2, e);
    if (rc)
        return rc;
    if (wait2 > wait)
        wait = wait2;
    return wait ? throttled(wait, e) : 0;
}

/* Counts a failure on both keys; a storage failure is logged (the answer
 * stays "wrong login or password"). */
static void count_failure(app_t *a, store_t *s, const attempt_keys_t *k, int64_t now)
{
    err_t te;
    if (k->acct[0] && throttle_fail(app_throttle(a), s, k->acct, AUTH_FAILS_ACCOUNT, now, &te))
        log_sub("auth", LOG_ERROR, "throttle: %s", te.en);
    if (k->addr[0] && throttle_fail(app_throttle(a), s, k->addr, AUTH_FAILS_ADDRESS, now, &te))
        log_sub("auth", LOG_ERROR, "throttle: %s", te.en);
}

static int open_session(app_t *a, store_t *s, const user_t *user, int64_t now, char *token,
                        err_t *e)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, AUTH_TOKEN_LEN + 1, raw, sizeof raw);
    char th[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, th);
    int rc =
        store_session_insert(s, th, user->id, now, now + (int64_t)app_session_hours(a) * 3600, e);
    if (rc)
        return rc;
    err_t ignored;
    if (store_session_purge(s, now, &ignored)) /* best effort: the login stands */
        log_sub("auth", LOG_WARN, "session purge failed: %s", ignored.en);
    return 0;
}

int app_auth_login(app_t *a, const char *client, const char *login, const char *password,
                   char *token, user_t *user, err_t *e)
{
    int64_t now = (int64_t)time(NULL);
    memset(user, 0, sizeof *user);
    attempt_keys_t k;
    attempt_keys(client, login, &k);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = check_throttle(a, s, &k, now, e);
    if (!rc)
        rc = check_credentials(s, login, password, user, e);
    if (rc == ERR_UNAUTH) {
        count_failure(a, s, &k, now);
        log_sub("auth", LOG_WARN, "failed login for '%s'%s%s", login, client ? " from " : "",
                client ? client : "");
        return rc;
    }
    if (rc)
        return rc;
    if (k.acct[0])
        rc = throttle_reset(app_throttle(a), s, k.acct, e);
    if (!rc)
        rc = open_session(a, s, user, now, token, e);
    if (!rc)
        log_sub("auth", LOG_INFO, "login %s%s%s", login, client ? " from " : "",
                client ? client : "");
    return rc;
}

int app_auth_verify_password(app_t *a, const char *login, const char *password, err_t *e)
{
    int64_t now = (int64_t)time(NULL);
    attempt_keys_t k;
    attempt_keys(NULL, login, &k);
    store_t *s;
    user_t u;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = check_throttle(a, s, &k, now, e);
    if (!rc)
        rc = check_credentials(s, login, password, &u, e);
    if (rc == ERR_UNAUTH) {
        count_failure(a, s, &k, now);
        log_sub("auth", LOG_WARN, "wrong current password given by '%s'", login);
        return err_set(e, ERR_UNAUTH, "user.password_wrong", "Mật khẩu hiện tại không đúng",
                       "The current password is wrong");
    }
    return rc;
}

static bool token_well_formed(const char *token)
{
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return false;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

int app_auth_session_user(app_t *a, const char *token, user_t *user, err_t *e)
{
    if (!token_well_formed(token))
        return err_set(e, ERR_UNAUTH, "auth.required", "Cần đăng nhập", "Login required");
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    char th[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, th);
    return store_session_user(s, th, (int64_t)time(NULL), user, e);
}

int app_auth_logout(app_t *a, const char *token, err_t *e)
{
    if (!token_well_formed(token))
        return 0;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    char th[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, th);
    return store_session_delete(s, th, e);
}

void app_auth_random_password(char *out, size_t n, const char *login)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /* A password holding the login is refused by the policy: drawn again
     * (for a 3-letter login, about once in 1,500 draws). */
    err_t e;
    do {
        for (size_t i = 0; i < n; i++)
            out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
        out[n] = '\0';
    } while (login && access_password_check(out, login, NULL, 0, &e) != 0 &&
             strcmp(e.code, "user.password_login") == 0);
}
