/* Unit tests of src/app/app_auth: users, passwords, sessions. Password
 * hashing (argon2id) is slow under the sanitizers, so each test hashes only
 * a handful of times. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_auth.h"
#include "app/app_auth_password.h"
#include "app/app_units.h"
#include "app/app_users.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "domain/access.h"
#include "domain/unit.h"
#include "store/store.h"
#include "support/app_conn.h"
#include "support/app_fixture.h"
#include "support/testdir.h"
#include "support/unit_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

#define PW "mật khẩu đủ dài"

typedef app_fixture_t fixture_t;

static void add_unit(unit_set_t *s, const char *code, unit_kind_t kind, const char *parent)
{
    unit_build_add(s, code, NULL, kind, parent, NULL, NULL, NULL, 0);
}

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = app_fixture_new("cchc.db");
    /* the list of common passwords of the data directory */
    char *pwdir = testdir_join(f->dir, "passwords");
    assert_int_equal(mkdir(pwdir, 0700), 0);
    free(testdir_file(pwdir, "common.txt", "# test list\n123456\npassword123\n"));
    free(pwdir);
    app_config_t cfg = {.data_dir = f->dir, .session_hours = 0};
    app_fixture_open(f, &cfg);
    err_t e;
    /* A small registry for unit scopes. */
    unit_set_t s;
    unit_set_init(&s);
    add_unit(&s, "T01", UNIT_TINH, NULL);
    add_unit(&s, "SNV", UNIT_SO, "T01");
    int rc = app_units_import(f->a, NULL, &s, "units.csv", NULL, &e);
    unit_set_release(&s);
    if (rc) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    *state = f;
    return 0;
}

static int64_t query_int(app_t *a, const char *sql)
{
    err_t e;
    store_t *s;
    assert_int_equal(app_store(a, &s, &e), 0);
    store_stmt_t *st;
    assert_int_equal(store_prepare(s, sql, &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    int64_t v = store_col_int(st, 0);
    store_stmt_done(st);
    return v;
}

static user_t actor(const char *login, access_role_t role)
{
    user_t u = {0};
    u.id = 100;
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    return u;
}

static void expect_err(int rc, const err_t *e, int status, const char *code)
{
    if (rc != status || e->status != status || strcmp(e->code, code) != 0)
        fail_msg("got %d '%s' (%s), want %d '%s'", rc, e->code, e->en, status, code);
    assert_true(strlen(e->vi) > 0 && strlen(e->en) > 0);
}

static void add_user_validation(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    /* Bad logins. */
    static const char *logins[] = {"", "ab", "Admin", "1st", "an toàn", "a;drop table"};
    for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
        err_clear(&e);
        int rc = app_auth_user_add(a, NULL, logins[i], PW, ACCESS_ROLE_VIEWER, NULL, "", &e);
        expect_err(rc, &e, ERR_INVALID, "user.login_invalid");
    }
    /* Password length: at least 10 characters, at most 256 bytes. */
    err_clear(&e);
    expect_err(app_auth_user_add(a, NULL, "an", "1234567", ACCESS_ROLE_VIEWER, NULL, "", &e), &e,
               ERR_INVALID, "user.login_invalid");
    expect_err(app_auth_user_add(a, NULL, "anh", "1234567", ACCESS_ROLE_VIEWER, NULL, "", &e), &e,
               ERR_INVALID, "user.password_length");
    expect_err(app_auth_user_add(a, NULL, "anh", "", ACCESS_ROLE_VIEWER, NULL, "", &e), &e,
               ERR_INVALID, "user.password_length");
    char longpw[AUTH_PASSWORD_MAX + 2];
    memset(longpw, 'x', sizeof longpw);
    longpw[AUTH_PASSWORD_MAX + 1] = '\0';
    expect_err(app_auth_user_add(a, NULL, "anh", longpw, ACCESS_ROLE_VIEWER, NULL, "", &e), &e,
               ERR_INVALID, "user.password_length");
    /* Unknown unit. */
    expect_err(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_OFFICER, "S99", "", &e), &e,
               ERR_INVALID, "user.unit_unknown");
    assert_non_null(strstr(e.en, "S99"));
    /* Full names: at most USER_NAME_MAX bytes of valid UTF-8 (a longer one
     * would be cut inside a character and break every listing). */
    char longname[3 * 100 + 1];
    for (int i = 0; i < 100; i++)
        memcpy(longname + 3 * i, "ệ", 3);
    longname[300] = '\0';
    expect_err(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, NULL, longname, &e), &e,
               ERR_INVALID, "user.name_too_long");
    expect_err(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, NULL, "Tr\xe1n", &e), &e,
               ERR_INVALID, "user.name_invalid");
    /* Password rules (issue 16 item 8): not a common one, not the login. */
    expect_err(app_auth_user_add(a, NULL, "anh", "Password123", ACCESS_ROLE_OFFICER, "SNV", "", &e),
               &e, ERR_INVALID, "user.password_common");
    expect_err(
        app_auth_user_add(a, NULL, "anh", "ANH-nam-2024", ACCESS_ROLE_OFFICER, "SNV", "", &e), &e,
        ERR_INVALID, "user.password_login");
    /* every role but admin needs a unit */
    expect_err(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, NULL, "", &e), &e,
               ERR_INVALID, "user.unit_required");
    /* Only admins, and the standing agency for non-admin users of its scope,
     * manage users. */
    for (int r = ACCESS_ROLE_OFFICER; r < ACCESS_ROLE_COUNT; r++) {
        user_t u = actor("someone", (access_role_t)r);
        expect_err(app_auth_user_add(a, &u, "anh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e), &e,
                   ERR_FORBIDDEN, "auth.forbidden");
    }
    user_t snv = actor("thuongtruc", ACCESS_ROLE_STANDING);
    snprintf(snv.unit_code, sizeof snv.unit_code, "%s", "SNV");
    expect_err(app_auth_user_add(a, &snv, "anh", PW, ACCESS_ROLE_ADMIN, NULL, "", &e), &e,
               ERR_FORBIDDEN, "auth.forbidden");
    expect_err(app_auth_user_add(a, &snv, "anh", PW, ACCESS_ROLE_VIEWER, "T01", "", &e), &e,
               ERR_FORBIDDEN, "auth.forbidden");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM app_user"), 0);

    /* A good one, then the same login again. */
    assert_int_equal(
        app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_OFFICER, "SNV", "Trần Anh", &e), 0);
    expect_err(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e), &e,
               ERR_CONFLICT, "user.exists");
    /* An admin actor may add; the audit trail names the actor. */
    user_t admin = actor("boss", ACCESS_ROLE_ADMIN);
    assert_int_equal(
        app_auth_user_add(a, &admin, "binh", longpw + 2, ACCESS_ROLE_VIEWER, "SNV", NULL, &e), 0);
    int64_t count = 0;
    assert_int_equal(app_auth_user_count(a, &count, &e), 0);
    assert_int_equal(count, 2);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM audit_event WHERE action = 'user.add' "
                                  "AND actor = 'boss' AND object = 'binh'"),
                     1);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM audit_event WHERE action = 'user.add' "
                                  "AND actor = 'cli' AND object = 'anh'"),
                     1);
    /* Passwords are stored hashed (argon2id), never in clear. */
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM app_user WHERE password_hash LIKE "
                                  "'$argon2id$%'"),
                     2);

    /* The list, for admins only. */
    json_t *list = NULL;
    assert_int_equal(app_auth_user_list(a, NULL, &list, &e), 0);
    assert_int_equal(json_array_size(list), 2);
    json_t *u0 = json_array_get(list, 0);
    assert_string_equal(jsonx_str(u0, "login", ""), "anh");
    assert_string_equal(jsonx_str(u0, "role", ""), "officer");
    assert_string_equal(jsonx_str(u0, "unit_code", ""), "SNV");
    assert_string_equal(jsonx_str(u0, "full_name", ""), "Trần Anh");
    assert_null(json_object_get(u0, "password_hash"));
    assert_string_equal(jsonx_str(json_array_get(list, 1), "unit_code", ""), "SNV");
    json_decref(list);
    list = NULL;
    user_t viewer = actor("anh", ACCESS_ROLE_VIEWER);
    expect_err(app_auth_user_list(a, &viewer, &list, &e), &e, ERR_FORBIDDEN, "auth.forbidden");
    assert_null(list);
    assert_int_equal(app_auth_user_list(a, &admin, &list, &e), 0);
    json_decref(list);
}

static bool is_token(const char *t)
{
    if (strlen(t) != AUTH_TOKEN_LEN)
        return false;
    for (const char *p = t; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static void login_sessions_logout(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    assert_int_equal(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_STANDING, "SNV", "Anh", &e),
                     0);
    /* An expired session of someone else, to be purged by the next login. */
    assert_int_equal(store_exec(app_conn(a),
                                "INSERT INTO session (token_hash, user_id, created_at, expires_at)"
                                " SELECT 'old', id, 1, 2 FROM app_user WHERE login = 'anh'",
                                &e),
                     0);

    char token[AUTH_TOKEN_LEN + 1];
    user_t u;
    int rc = app_auth_login(a, NULL, "anh", PW, token, &u, &e);
    if (rc)
        fail_msg("login: %s", e.en);
    assert_true(is_token(token));
    assert_string_equal(u.login, "anh");
    assert_int_equal(u.role, ACCESS_ROLE_STANDING);
    assert_string_equal(u.unit_code, "SNV");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session"), 1);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session WHERE token_hash = 'old'"), 0);
    /* The raw token is not stored; its lifetime is the default 8 hours. */
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session WHERE length(token_hash) = 64 AND "
                                  "expires_at - created_at = 8 * 3600"),
                     1);

    user_t who;
    assert_int_equal(app_auth_session_user(a, token, &who, &e), 0);
    assert_string_equal(who.login, "anh");
    assert_int_equal(who.id, u.id);

    /* Wrong password and unknown login fail the same way. */
    char t2[AUTH_TOKEN_LEN + 1] = "";
    err_t e1, e2;
    user_t tmp;
    assert_int_equal(app_auth_login(a, NULL, "anh", "wrong password", t2, &tmp, &e1), ERR_UNAUTH);
    /* ... and a failed login hands back nothing about the account. */
    assert_string_equal(tmp.login, "");
    assert_int_equal(tmp.id, 0);
    assert_string_equal(tmp.unit_code, "");
    assert_int_equal(app_auth_login(a, NULL, "khong.co", PW, t2, &tmp, &e2), ERR_UNAUTH);
    assert_int_equal(e1.status, e2.status);
    assert_string_equal(e1.code, "auth.login_failed");
    assert_string_equal(e1.code, e2.code);
    assert_string_equal(e1.vi, e2.vi);
    assert_string_equal(e1.en, e2.en);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session"), 1);

    /* Malformed tokens never reach the database. */
    static const char *bad[] = {"",
                                "abc",
                                "XYZ",
                                "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefa",
                                "' OR 1=1 --"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&e);
        expect_err(app_auth_session_user(a, bad[i], &who, &e), &e, ERR_UNAUTH, "auth.required");
        assert_int_equal(app_auth_logout(a, bad[i], &e), 0);
    }
    expect_err(app_auth_session_user(a, NULL, &who, &e), &e, ERR_UNAUTH, "auth.required");
    /* A well-formed token nobody was given. */
    char other[AUTH_TOKEN_LEN + 1];
    memset(other, 'a', AUTH_TOKEN_LEN);
    other[AUTH_TOKEN_LEN] = '\0';
    expect_err(app_auth_session_user(a, other, &who, &e), &e, ERR_UNAUTH, "auth.session_invalid");

    /* Logout ends the session; a second logout is harmless. */
    assert_int_equal(app_auth_logout(a, token, &e), 0);
    expect_err(app_auth_session_user(a, token, &who, &e), &e, ERR_UNAUTH, "auth.session_invalid");
    assert_int_equal(app_auth_logout(a, token, &e), 0);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session"), 0);
}

static void password_change_invalidates_sessions(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    assert_int_equal(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_OFFICER, "SNV", "", &e), 0);
    char token[AUTH_TOKEN_LEN + 1];
    user_t u, who;
    assert_int_equal(app_auth_login(a, NULL, "anh", PW, token, &u, &e), 0);
    /* Someone who does not manage users cannot change it; bad lengths are
     * refused. */
    user_t other = actor("binh", ACCESS_ROLE_OFFICER);
    expect_err(app_auth_user_passwd(a, &other, "anh", "mật khẩu mới dài", &e), &e, ERR_FORBIDDEN,
               "auth.forbidden");
    expect_err(app_auth_user_passwd(a, &u, "anh", "short", &e), &e, ERR_INVALID,
               "user.password_length");
    expect_err(app_auth_user_passwd(a, &u, "anh", "aaaaaaaa", &e), &e, ERR_INVALID,
               "user.password_length");
    assert_int_equal(app_auth_session_user(a, token, &who, &e), 0);
    /* The user changes their own password: every session ends. */
    assert_int_equal(app_auth_user_passwd(a, &u, "anh", "mật khẩu mới dài", &e), 0);
    expect_err(app_auth_session_user(a, token, &who, &e), &e, ERR_UNAUTH, "auth.session_invalid");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM audit_event WHERE action = 'user.passwd' "
                                  "AND actor = 'anh' AND object = 'anh'"),
                     1);
    /* Old password out, new password in. */
    expect_err(app_auth_login(a, NULL, "anh", PW, token, &u, &e), &e, ERR_UNAUTH,
               "auth.login_failed");
    assert_int_equal(app_auth_login(a, NULL, "anh", "mật khẩu mới dài", token, &u, &e), 0);
    assert_int_equal(app_auth_session_user(a, token, &who, &e), 0);
    /* The operator resets it: sessions end again. Unknown logins are
     * reported. */
    assert_int_equal(app_auth_user_passwd(a, NULL, "anh", PW, &e), 0);
    expect_err(app_auth_session_user(a, token, &who, &e), &e, ERR_UNAUTH, "auth.session_invalid");
    expect_err(app_auth_user_passwd(a, NULL, "khong.co", PW, &e), &e, ERR_NOTFOUND,
               "user.not_found");
}

static void disable_blocks_login_and_kills_sessions(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    assert_int_equal(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e), 0);
    char token[AUTH_TOKEN_LEN + 1];
    user_t u, who;
    assert_int_equal(app_auth_login(a, NULL, "anh", PW, token, &u, &e), 0);
    /* Only those who manage users disable; nobody disables themselves. */
    expect_err(app_auth_user_set_disabled(a, &u, "anh", true, &e), &e, ERR_FORBIDDEN,
               "auth.forbidden");
    user_t officer = actor("binh", ACCESS_ROLE_OFFICER);
    expect_err(app_auth_user_set_disabled(a, &officer, "anh", true, &e), &e, ERR_FORBIDDEN,
               "auth.forbidden");
    assert_int_equal(app_auth_session_user(a, token, &who, &e), 0);

    assert_int_equal(app_auth_user_set_disabled(a, NULL, "anh", true, &e), 0);
    expect_err(app_auth_session_user(a, token, &who, &e), &e, ERR_UNAUTH, "auth.session_invalid");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session"), 0);
    /* The right password no longer opens a session, and says nothing more
     * than for a wrong one. */
    expect_err(app_auth_login(a, NULL, "anh", PW, token, &u, &e), &e, ERR_UNAUTH,
               "auth.login_failed");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM session"), 0);
    json_t *list;
    assert_int_equal(app_auth_user_list(a, NULL, &list, &e), 0);
    assert_true(json_is_true(json_object_get(json_array_get(list, 0), "disabled")));
    json_decref(list);
    /* Enabled again. */
    user_t admin = actor("boss", ACCESS_ROLE_ADMIN);
    assert_int_equal(app_auth_user_set_disabled(a, &admin, "anh", false, &e), 0);
    assert_int_equal(app_auth_login(a, NULL, "anh", PW, token, &u, &e), 0);
    assert_int_equal(app_auth_session_user(a, token, &who, &e), 0);
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM audit_event WHERE action IN "
                                  "('user.disable', 'user.enable')"),
                     2);
    expect_err(app_auth_user_set_disabled(a, NULL, "khong.co", true, &e), &e, ERR_NOTFOUND,
               "user.not_found");
}

/* The shipped lists (data/passwords) and the stem rule ("Password-2024!"
 * is "password"), through app_users_check_password. */
static void password_lists(void **state)
{
    fixture_t *f = *state;
    err_t e;
    char data[1024];
    const char *root = getenv("CCHC_ROOT");
    snprintf(data, sizeof data, "%s/data", root && *root ? root : ".");
    app_t *a;
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    assert_int_equal(app_open(&cfg, &a, &e), 0);
    /* The trial's "8 characters of one letter"; characters, not bytes. */
    expect_err(app_users_check_password(a, "aaaaaaaa", "anh", &e), &e, ERR_INVALID,
               "user.password_length");
    expect_err(app_users_check_password(a, "mật khẩu1", "anh", &e), &e, ERR_INVALID,
               "user.password_length");
    /* From the 10,000 (common-10k.txt), any case. */
    expect_err(app_users_check_password(a, "1qaz2wsx3edc", "anh", &e), &e, ERR_INVALID,
               "user.password_common");
    expect_err(app_users_check_password(a, "Qwerty12345", "anh", &e), &e, ERR_INVALID,
               "user.password_common");
    /* A common word with a suffix of digits and punctuation. */
    expect_err(app_users_check_password(a, "Password-2024!", "anh", &e), &e, ERR_INVALID,
               "user.password_common");
    expect_err(app_users_check_password(a, "sunshine123456", "anh", &e), &e, ERR_INVALID,
               "user.password_common");
    expect_err(app_users_check_password(a, "QuanTri-2024-Tinh", "quantri", &e), &e, ERR_INVALID,
               "user.password_login");
    assert_int_equal(app_users_check_password(a, "hoa sen nở giữa hè", "anh", &e), 0);
    assert_int_equal(app_users_check_password(a, "mat-khau-s1-dai", "anh", &e), 0);
    app_close(a);
}

/* A wrong current password in a change of one's own password counts as a
 * failed login: a stolen session cannot guess it faster than the form. */
static void own_password_change_is_throttled(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    assert_int_equal(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_OFFICER, "SNV", "", &e), 0);
    user_t u = actor("anh", ACCESS_ROLE_OFFICER);
    for (int i = 0; i < AUTH_FAILS_ACCOUNT; i++)
        expect_err(app_users_change_password(a, &u, "not the password", "cụm từ mới rất dài", &e),
                   &e, ERR_UNAUTH, "user.password_wrong");
    expect_err(app_users_change_password(a, &u, PW, "cụm từ mới rất dài", &e), &e, ERR_TOOMANY,
               "auth.throttled");
    char token[AUTH_TOKEN_LEN + 1];
    user_t who;
    expect_err(app_auth_login(a, NULL, "anh", PW, token, &who, &e), &e, ERR_TOOMANY,
               "auth.throttled");
}

static void initial_password_file_removed_at_first_change(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    char *path = testdir_join(f->dir, "initial-admin-password");
    assert_int_equal(app_auth_user_add(a, NULL, "admin", PW, ACCESS_ROLE_ADMIN, NULL, "", &e), 0);
    assert_int_equal(app_auth_password_initial_file(a, "admin", path, PW, &e), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    FILE *fp = fopen(path, "r");
    char line[128] = "";
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_string_equal(line, PW "\n");
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM initial_password"), 1);
    /* Another user's change leaves it; the admin's first change removes it. */
    assert_int_equal(app_auth_user_add(a, NULL, "binh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e), 0);
    assert_int_equal(app_auth_user_passwd(a, NULL, "binh", "mật khẩu khác hẳn", &e), 0);
    assert_true(testdir_exists(path));
    assert_int_equal(app_auth_user_passwd(a, NULL, "admin", "mật khẩu khác hẳn", &e), 0);
    assert_false(testdir_exists(path));
    assert_int_equal(query_int(a, "SELECT COUNT(*) FROM initial_password"), 0);
    /* A place that cannot be written: an error that does not show the path. */
    char *bad = testdir_join(f->dir, "no/such/dir/pw");
    expect_err(app_auth_password_initial_file(a, "binh", bad, PW, &e), &e, ERR_IO,
               "user.password_file");
    assert_null(strstr(e.en, f->dir));
    assert_null(strstr(e.vi, f->dir));
    free(bad);
    free(path);
}

/* A login typed as "ip:<address>" fails often: the address is not blocked
 * (the counters of accounts and addresses are separate spaces). */
static void login_name_cannot_block_an_address(void **state)
{
    fixture_t *f = *state;
    app_t *a = f->a;
    err_t e;
    assert_int_equal(app_auth_user_add(a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e), 0);
    char token[AUTH_TOKEN_LEN + 1];
    user_t u;
    for (int i = 0; i < AUTH_FAILS_ACCOUNT + 1; i++)
        assert_int_equal(app_auth_login(a, "10.0.0.1", "ip:10.0.0.9", "x", token, &u, &e),
                         ERR_UNAUTH);
    assert_int_equal(app_auth_login(a, "10.0.0.9", "anh", PW, token, &u, &e), 0);
    assert_int_equal(
        query_int(a, "SELECT COUNT(*) FROM login_throttle WHERE key LIKE '%10.0.0.9%'"), 0);
}

/* The throttle holds across a restart of the application and across two
 * instances on one database. */
static void throttle_persists(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(app_auth_user_add(f->a, NULL, "anh", PW, ACCESS_ROLE_VIEWER, "SNV", "", &e),
                     0);
    app_t *b;
    app_config_t cfg = {.db_path = f->db, .data_dir = f->dir};
    assert_int_equal(app_open(&cfg, &b, &e), 0);
    char token[AUTH_TOKEN_LEN + 1];
    user_t u;
    for (int i = 0; i < AUTH_FAILS_ACCOUNT; i++) /* split over the two instances */
        assert_int_equal(
            app_auth_login(i % 2 ? b : f->a, NULL, "anh", "sai mật khẩu rồi", token, &u, &e),
            ERR_UNAUTH);
    expect_err(app_auth_login(b, NULL, "anh", PW, token, &u, &e), &e, ERR_TOOMANY,
               "auth.throttled");
    app_close(b);
    /* Restart: the right password is still refused. */
    app_close(f->a);
    assert_int_equal(app_open(&cfg, &f->a, &e), 0);
    expect_err(app_auth_login(f->a, NULL, "anh", PW, token, &u, &e), &e, ERR_TOOMANY,
               "auth.throttled");
}

static void random_passwords(void **state)
{
    (void)state;
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char p1[17], p2[17];
    app_auth_random_password(p1, 16, NULL);
    app_auth_random_password(p2, 16, "anh");
    assert_int_equal(strlen(p1), 16);
    assert_int_equal(strspn(p1, alphabet), 16);
    assert_int_equal(strspn(p2, alphabet), 16);
    assert_string_not_equal(p1, p2);
    /* No look-alike characters. */
    char big[4001];
    app_auth_random_password(big, 4000, "xyz");
    assert_null(strpbrk(big, "0O1lI"));
}

/* A generated password passes the policy for its login: it never holds the
 * login name (before, about 1 draw in 1,500 for a 3-letter login did, and
 * `cchc user add` then failed with "must not contain the login name"). */
static void random_password_avoids_the_login(void **state)
{
    (void)state;
    char pw[17];
    for (int i = 0; i < 20000; i++) {
        app_auth_random_password(pw, 16, "anh");
        assert_int_equal(strlen(pw), 16);
        assert_int_equal(access_password_check(pw, "anh", NULL, 0, NULL), 0);
    }
    app_auth_random_password(pw, 16, NULL);
    assert_int_equal(strlen(pw), 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_password_avoids_the_login),
        cmocka_unit_test_setup_teardown(add_user_validation, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(login_sessions_logout, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(password_change_invalidates_sessions, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(disable_blocks_login_and_kills_sessions, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(password_lists, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(own_password_change_is_throttled, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(initial_password_file_removed_at_first_change, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(login_name_cannot_block_an_address, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(throttle_persists, setup, app_fixture_teardown),
        cmocka_unit_test(random_passwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
