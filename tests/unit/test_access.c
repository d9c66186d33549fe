/* Unit tests of src/domain/access: roles, unit scopes, the rule, logins. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/access.h"
#include "domain/unit.h"
#include "support/unit_build.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void add(unit_set_t *s, const char *code, unit_kind_t kind, const char *parent,
                const char *from, const char *to)
{
    unit_build_add(s, code, NULL, kind, parent, from, to, NULL, 0);
}

/* T01 > SNV > P01; T01 > STP; T01 > H01 (until 30/6/2025) > X01, and X01
 * directly below T01 from 1/7/2025. */
static void tree(unit_set_t *s)
{
    unit_set_init(s);
    add(s, "T01", UNIT_TINH, NULL, NULL, NULL);
    add(s, "SNV", UNIT_SO, "T01", NULL, NULL);
    add(s, "P01", UNIT_PHONG, "SNV", NULL, NULL);
    add(s, "STP", UNIT_SO, "T01", NULL, NULL);
    add(s, "H01", UNIT_HUYEN, "T01", NULL, "2025-06-30");
    add(s, "X01", UNIT_XA, "H01", NULL, "2025-06-30");
    add(s, "X01", UNIT_XA, "T01", "2025-07-01", NULL);
}

static user_t user(access_role_t role, const char *unit)
{
    user_t u = {0};
    u.id = 1;
    snprintf(u.login, sizeof u.login, "u%d", (int)role);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit ? unit : "");
    return u;
}

enum { IN_SCOPE, OUT_OF_SCOPE, SYSTEM_WIDE, NTARGETS };
static const char *action_names[] = {"read", "write", "appraise", "admin"};
static const char *target_names[] = {"in-scope", "out-of-scope", "system-wide"};

/* expected[role][action][target] for a user scoped to SNV. */
static const bool scoped[ACCESS_ROLE_COUNT][4][NTARGETS] = {
    /* admin: everything, everywhere */
    [ACCESS_ROLE_ADMIN] = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
    /* standing: read, write, appraise in scope; never admin */
    [ACCESS_ROLE_STANDING] = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 0, 0}},
    /* officer: read and write in scope */
    [ACCESS_ROLE_OFFICER] = {{1, 0, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 0}},
    /* appraiser: read and appraise in scope */
    [ACCESS_ROLE_APPRAISER] = {{1, 0, 0}, {0, 0, 0}, {1, 0, 0}, {0, 0, 0}},
    /* viewer: read in scope */
    [ACCESS_ROLE_VIEWER] = {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
};

/* The same for a user without a unit: only an admin may have none (issue 16
 * item 6); any other role without one (an account from before the rule) has
 * no scope at all instead of the whole system. */
static const bool unscoped[ACCESS_ROLE_COUNT][4][NTARGETS] = {
    [ACCESS_ROLE_ADMIN] = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
    [ACCESS_ROLE_STANDING] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
    [ACCESS_ROLE_OFFICER] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
    [ACCESS_ROLE_APPRAISER] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
    [ACCESS_ROLE_VIEWER] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
};

static void every_role_action_and_scope(void **state)
{
    (void)state;
    unit_set_t s;
    tree(&s);
    date_t at = D("2025-03-01");
    /* In scope of SNV: SNV itself and P01 below it. */
    static const char *in_targets[] = {"SNV", "P01"};
    /* Out of scope: the parent, a sibling, a district, an unknown code. */
    static const char *out_targets[] = {"T01", "STP", "H01", "X01", "ZZZ"};
    for (int r = 0; r < ACCESS_ROLE_COUNT; r++) {
        for (int a = 0; a <= ACCESS_ADMIN; a++) {
            for (int scope = 0; scope < 2; scope++) {
                user_t u = user((access_role_t)r, scope ? NULL : "SNV");
                const bool(*want)[4][NTARGETS] = scope ? unscoped : scoped;
                for (int t = 0; t < NTARGETS; t++) {
                    const char *const *targets = t == IN_SCOPE       ? in_targets
                                                 : t == OUT_OF_SCOPE ? out_targets
                                                                     : NULL;
                    size_t nt = t == IN_SCOPE ? 2 : t == OUT_OF_SCOPE ? 5 : 1;
                    for (size_t k = 0; k < nt; k++) {
                        const char *target = targets ? targets[k] : NULL;
                        bool got = access_allows(&u, (access_action_t)a, target, &s, at);
                        if (got != want[r][a][t])
                            fail_msg("%s (%s) %s %s [%s]: got %d",
                                     access_role_code((access_role_t)r), scope ? "no unit" : "SNV",
                                     action_names[a], target_names[t], target ? target : "-", got);
                        /* Disabled users may do nothing at all. */
                        u.disabled = true;
                        assert_false(access_allows(&u, (access_action_t)a, target, &s, at));
                        u.disabled = false;
                    }
                }
            }
        }
    }
    assert_false(access_allows(NULL, ACCESS_READ, "SNV", &s, at));
    unit_set_release(&s);
}

static void scope_follows_the_tree_at_a_date(void **state)
{
    (void)state;
    unit_set_t s;
    tree(&s);
    user_t district = user(ACCESS_ROLE_OFFICER, "H01");
    user_t province = user(ACCESS_ROLE_VIEWER, "T01");
    date_t before = D("2025-06-30"), after = D("2025-07-01");
    /* The commune belongs to the district until 30/6/2025. */
    assert_true(access_allows(&district, ACCESS_WRITE, "X01", &s, before));
    assert_false(access_allows(&district, ACCESS_WRITE, "X01", &s, after));
    /* The province scope covers it on both trees, and everything below. */
    assert_true(access_allows(&province, ACCESS_READ, "X01", &s, before));
    assert_true(access_allows(&province, ACCESS_READ, "X01", &s, after));
    assert_true(access_allows(&province, ACCESS_READ, "P01", &s, after));
    assert_false(access_allows(&province, ACCESS_WRITE, "P01", &s, after));
    /* Without a date, the latest version of each unit decides. */
    assert_false(access_allows(&district, ACCESS_READ, "X01", &s, DATE_NONE));
    assert_true(access_allows(&province, ACCESS_READ, "X01", &s, DATE_NONE));
    /* A scoped user has nothing system-wide, even reading. */
    assert_false(access_allows(&province, ACCESS_READ, NULL, &s, before));
    unit_set_release(&s);
}

static void roles_parse_and_format(void **state)
{
    (void)state;
    static const char *codes[] = {"admin", "standing", "officer", "appraiser", "viewer"};
    for (int r = 0; r < ACCESS_ROLE_COUNT; r++) {
        access_role_t out = ACCESS_ROLE_COUNT;
        assert_int_equal(access_role_parse(codes[r], &out), 0);
        assert_int_equal(out, r);
        assert_string_equal(access_role_code((access_role_t)r), codes[r]);
        assert_true(strlen(access_role_label_vi((access_role_t)r)) > 0);
    }
    access_role_t out;
    assert_int_equal(access_role_parse("root", &out), ERR_INVALID);
    assert_int_equal(access_role_parse("", &out), ERR_INVALID);
    assert_string_equal(access_role_code(ACCESS_ROLE_COUNT), "?");
    assert_string_equal(access_role_label_vi(ACCESS_ROLE_COUNT), "?");
    assert_string_equal(access_role_label_vi(ACCESS_ROLE_ADMIN), "Quản trị hệ thống");
}

static void login_validity(void **state)
{
    (void)state;
    static const char *good[] = {"abc", "a.b", "nguyen.van.an", "user_1", "x-y-z", "a00"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!access_login_valid(good[i]))
            fail_msg("'%s' should be valid", good[i]);
    static const char *bad[] = {"",     "ab",     "1abc",  "_abc",   ".abc",   "Abc",
                                "abC",  "ab c",   "ab\tc", "nguyễn", "a@b.vn", "a/b",
                                "a'--", "a;drop", "ab\n",  "-abc"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (access_login_valid(bad[i]))
            fail_msg("'%s' should be invalid", bad[i]);
    char s[USER_LOGIN_MAX + 2];
    memset(s, 'a', sizeof s);
    s[USER_LOGIN_MAX] = '\0';
    assert_true(access_login_valid(s)); /* 64 */
    s[USER_LOGIN_MAX] = 'a';
    s[USER_LOGIN_MAX + 1] = '\0';
    assert_false(access_login_valid(s)); /* 65 */
}

/* Issue 16 item 8: 10+ characters, not a common password, not the login. */
static void password_rules(void **state)
{
    (void)state;
    const char *common[] = {"123456", "Password123", "matkhau12345"};
    err_t e;
    assert_int_equal(access_password_check("mật khẩu đủ", "anh", common, 3, &e), 0);
    assert_int_equal(access_password_check("mật khẩu", "anh", common, 3, &e), ERR_INVALID);
    assert_string_equal(e.code, "user.password_length");
    /* 9 characters of two bytes each: 18 bytes but too short */
    assert_int_equal(access_password_check("đđđđđđđđđ", "anh", common, 3, &e), ERR_INVALID);
    assert_string_equal(e.code, "user.password_length");
    char longpw[ACCESS_PASSWORD_MAX + 2];
    memset(longpw, 'x', sizeof longpw - 1);
    longpw[ACCESS_PASSWORD_MAX + 1] = '\0';
    assert_int_equal(access_password_check(longpw, "anh", common, 3, &e), ERR_INVALID);
    assert_int_equal(access_password_check("PASSWORD123", "anh", common, 3, &e), ERR_INVALID);
    assert_string_equal(e.code, "user.password_common");
    assert_int_equal(access_password_check("Tran.Binh-2024", "tran.binh", common, 3, &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "user.password_login");
    assert_int_equal(access_password_check("Tran.Binh-2024", "tran.an", NULL, 0, &e), 0);
    assert_true(access_role_needs_unit(ACCESS_ROLE_VIEWER));
    assert_false(access_role_needs_unit(ACCESS_ROLE_ADMIN));
}

/* Who manages whom: an admin everyone; the standing agency the non-admin
 * users of its scope; nobody else. */
static void managing_users(void **state)
{
    (void)state;
    unit_set_t s;
    tree(&s);
    date_t at = D("2025-03-01");
    user_t admin = user(ACCESS_ROLE_ADMIN, NULL), snv = user(ACCESS_ROLE_STANDING, "SNV");
    user_t officer = user(ACCESS_ROLE_OFFICER, "T01");
    assert_true(access_may_manage_user(&admin, ACCESS_ROLE_ADMIN, NULL, &s, at));
    assert_true(access_may_manage_user(&snv, ACCESS_ROLE_OFFICER, "P01", &s, at));
    assert_false(access_may_manage_user(&snv, ACCESS_ROLE_OFFICER, "STP", &s, at));
    assert_false(access_may_manage_user(&snv, ACCESS_ROLE_ADMIN, "P01", &s, at));
    assert_false(access_may_manage_user(&snv, ACCESS_ROLE_VIEWER, NULL, &s, at));
    assert_false(access_may_manage_user(&officer, ACCESS_ROLE_VIEWER, "STP", &s, at));
    snv.disabled = true;
    assert_false(access_may_manage_user(&snv, ACCESS_ROLE_OFFICER, "P01", &s, at));
    assert_false(access_may_manage_user(NULL, ACCESS_ROLE_OFFICER, "P01", &s, at));
    unit_set_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_role_action_and_scope),
        cmocka_unit_test(password_rules),
        cmocka_unit_test(managing_users),
        cmocka_unit_test(scope_follows_the_tree_at_a_date),
        cmocka_unit_test(roles_parse_and_format),
        cmocka_unit_test(login_validity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
