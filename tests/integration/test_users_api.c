/* User administration over HTTP (issue 10 item 6, API.md "Users"): an admin
 * creates users (a generated password answered once), the password rules
 * and the unit rule refuse in place with the field at fault, the standing
 * agency manages only its province's non-admin users, role and unit
 * changes and disabling are audited, a password reset and the change of
 * one's own password end the sessions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"
#include "support/app_conn.h"
#include "support/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct tfx {
    apifx_t *f;
    char admin[160], standing[160], officer[160];
} tfx_t;

static int setup(void **state)
{
    tfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(1 << 20);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VLG", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo.stc", ACCESS_ROLE_OFFICER, "VLG.STC", t->officer, sizeof t->officer);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tfx_t *t = *state;
    apifx_close(t->f);
    free(t);
    return 0;
}

/* Logs in; returns the HTTP status and fills cookie on success. */
static int login(tfx_t *t, const char *user, const char *password, char *cookie, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", user, password);
    tc_response_t r;
    assert_int_equal(tc_request(t->f->port, "POST", "/api/v1/login",
                                "Content-Type: application/json\r\n", body, strlen(body), &r),
                     0);
    int status = r.status;
    const char *sc = tc_header(&r, "Set-Cookie");
    if (status == 200 && sc && cookie)
        snprintf(cookie, cap, "Cookie: %.*s\r\n", (int)strcspn(sc, ";"), sc);
    tc_response_free(&r);
    return status;
}

static void expect_field(json_t *j, const char *code, const char *field)
{
    json_t *err = json_object_get(j, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), code);
    assert_string_equal(json_string_value(json_object_get(err, "field")), field);
    json_decref(j);
}

static json_t *find(json_t *list, const char *login)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(list, "users"), i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "login")), login) == 0)
            return u;
    }
    return NULL;
}

static void admin_creates_and_rules_refuse(void **state)
{
    tfx_t *t = *state;
    json_t *j = apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                           "{\"login\":\"nguyen.an\",\"full_name\":\"Nguyễn An\","
                           "\"role\":\"officer\",\"unit\":\"VLG.SNV\"}",
                           201);
    const char *pw = json_string_value(json_object_get(j, "password"));
    assert_non_null(pw);
    assert_int_equal(strlen(pw), 16);
    char cookie[160];
    assert_int_equal(login(t, "nguyen.an", pw, cookie, sizeof cookie), 200);
    json_decref(j);
    /* the list shows role labels and unit names */
    j = apifx_json(t->f, "GET", "/api/v1/users", t->admin, NULL, 200);
    json_t *u = find(j, "nguyen.an");
    assert_non_null(u);
    assert_string_equal(json_string_value(json_object_get(u, "role_label")), "Cán bộ CCHC đơn vị");
    assert_string_equal(json_string_value(json_object_get(u, "unit_name")), "Sở Nội vụ");
    assert_int_equal(json_array_size(json_object_get(j, "roles")), 5);
    json_decref(j);
    /* the rules, with the field at fault */
    expect_field(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                            "{\"login\":\"tran.binh\",\"role\":\"viewer\",\"unit\":\"VLG.SNV\","
                            "\"password\":\"ngan-qua\"}",
                            400),
                 "user.password_length", "password");
    expect_field(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                            "{\"login\":\"tran.binh\",\"role\":\"viewer\",\"unit\":\"VLG.SNV\","
                            "\"password\":\"Password123\"}",
                            400),
                 "user.password_common", "password");
    expect_field(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                            "{\"login\":\"tran.binh\",\"role\":\"viewer\",\"unit\":\"VLG.SNV\","
                            "\"password\":\"tran.binh.2024\"}",
                            400),
                 "user.password_login", "password");
    expect_field(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                            "{\"login\":\"tran.binh\",\"role\":\"viewer\"}", 400),
                 "user.unit_required", "unit");
    expect_field(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                            "{\"login\":\"tran.binh\",\"role\":\"chef\",\"unit\":\"VLG.SNV\"}",
                            400),
                 "user.role", "role");
    /* an officer manages nobody */
    json_decref(apifx_json(t->f, "GET", "/api/v1/users", t->officer, NULL, 403));
}

static void standing_manages_its_province(void **state)
{
    tfx_t *t = *state;
    json_decref(apifx_json(t->f, "POST", "/api/v1/users", t->standing,
                           "{\"login\":\"le.cuong\",\"role\":\"viewer\",\"unit\":\"VLG.STC\"}",
                           201));
    json_decref(apifx_json(t->f, "POST", "/api/v1/users", t->standing,
                           "{\"login\":\"le.dung\",\"role\":\"admin\",\"unit\":\"VLG\"}", 403));
    json_decref(apifx_json(t->f, "POST", "/api/v1/users", t->standing,
                           "{\"login\":\"le.dung\",\"role\":\"viewer\",\"unit\":\"VL25.STC\"}",
                           403));
    /* its list: its province's users only, and no admin role to give */
    json_t *j = apifx_json(t->f, "GET", "/api/v1/users", t->standing, NULL, 200);
    assert_non_null(find(j, "le.cuong"));
    assert_non_null(find(j, "canbo.stc"));
    assert_null(find(j, "admin"));
    assert_int_equal(json_array_size(json_object_get(j, "roles")), 4);
    json_decref(j);
    /* it cannot promote to admin nor move a user out of its province */
    json_decref(apifx_json(t->f, "POST", "/api/v1/users/le.cuong", t->standing,
                           "{\"role\":\"admin\"}", 403));
    json_decref(apifx_json(t->f, "POST", "/api/v1/users/le.cuong", t->standing,
                           "{\"unit\":\"VL25.SNV\"}", 403));
    json_decref(
        apifx_json(t->f, "POST", "/api/v1/users/admin", t->standing, "{\"full_name\":\"X\"}", 403));
}

static void changes_disable_reset_and_own_password(void **state)
{
    tfx_t *t = *state;
    json_decref(apifx_json(t->f, "POST", "/api/v1/users", t->admin,
                           "{\"login\":\"pham.giang\",\"role\":\"viewer\",\"unit\":\"VLG.SNV\","
                           "\"password\":\"cay-xanh-la-do-99\"}",
                           201));
    json_decref(apifx_json(
        t->f, "POST", "/api/v1/users/pham.giang", t->admin,
        "{\"role\":\"officer\",\"unit\":\"VLG.STP\",\"full_name\":\"Phạm Giang\"}", 200));
    json_t *j = apifx_json(t->f, "GET", "/api/v1/users", t->admin, NULL, 200);
    json_t *u = find(j, "pham.giang");
    assert_string_equal(json_string_value(json_object_get(u, "role")), "officer");
    assert_string_equal(json_string_value(json_object_get(u, "unit_code")), "VLG.STP");
    json_decref(j);
    store_t *s = app_conn(t->f->app);
    int64_t n = 0;
    err_t e;
    assert_int_equal(store_query_int(s,
                                     "SELECT COUNT(*) FROM audit_event WHERE action = "
                                     "'user.update' AND object = 'pham.giang' AND actor = 'admin'",
                                     &n, &e),
                     0);
    assert_int_equal(n, 1);
    /* disabled: no login; enabled again */
    json_decref(
        apifx_json(t->f, "POST", "/api/v1/users/pham.giang", t->admin, "{\"disabled\":true}", 200));
    assert_int_equal(login(t, "pham.giang", "cay-xanh-la-do-99", NULL, 0), 401);
    json_decref(apifx_json(t->f, "POST", "/api/v1/users/pham.giang", t->admin,
                           "{\"disabled\":false}", 200));
    /* nobody disables themselves */
    json_decref(
        apifx_json(t->f, "POST", "/api/v1/users/admin", t->admin, "{\"disabled\":true}", 400));
    /* a reset gives a new password once */
    j = apifx_json(t->f, "POST", "/api/v1/users/pham.giang/password", t->admin, "{}", 200);
    char pw[32];
    snprintf(pw, sizeof pw, "%s", json_string_value(json_object_get(j, "password")));
    json_decref(j);
    assert_int_equal(login(t, "pham.giang", "cay-xanh-la-do-99", NULL, 0), 401);
    char cookie[160];
    assert_int_equal(login(t, "pham.giang", pw, cookie, sizeof cookie), 200);
    /* one's own password: the current one is checked, the rules apply */
    char body[160];
    snprintf(body, sizeof body, "{\"current\":\"sai-mat-khau-cu\",\"password\":\"mat-troi-moc\"}");
    expect_field(apifx_json(t->f, "POST", "/api/v1/me/password", cookie, body, 401),
                 "user.password_wrong", "current");
    snprintf(body, sizeof body, "{\"current\":\"%s\",\"password\":\"ngan\"}", pw);
    expect_field(apifx_json(t->f, "POST", "/api/v1/me/password", cookie, body, 400),
                 "user.password_length", "password");
    snprintf(body, sizeof body, "{\"current\":\"%s\",\"password\":\"mat-troi-moc-dang-dong\"}", pw);
    json_decref(apifx_json(t->f, "POST", "/api/v1/me/password", cookie, body, 200));
    json_decref(apifx_json(t->f, "GET", "/api/v1/me", cookie, NULL, 401));
    assert_int_equal(login(t, "pham.giang", "mat-troi-moc-dang-dong", NULL, 0), 200);
}

/* Editing the registry from the unit page (issue 10 item 7): the import
 * path and rules, recorded with who, when and what. */
static void unit_edits_are_audited(void **state)
{
    tfx_t *t = *state;
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->admin,
                           "{\"units\":[{\"code\":\"VL25.SNV.PCCHC\",\"name\":\"Phòng CCHC\","
                           "\"kind\":\"phong\",\"parent\":\"VL25.SNV\",\"valid_from\":"
                           "\"2025-07-01\"}],\"change\":\"thêm Phòng CCHC trực thuộc Sở Nội vụ\"}",
                           200));
    store_t *s = app_conn(t->f->app);
    int64_t n = 0;
    err_t e;
    assert_int_equal(store_query_int(s,
                                     "SELECT COUNT(*) FROM audit_event WHERE action = "
                                     "'unit.import' AND actor = 'admin' AND object = "
                                     "'web: thêm Phòng CCHC trực thuộc Sở Nội vụ'",
                                     &n, &e),
                     0);
    assert_int_equal(n, 1);
    /* the rules of a file import: a parent that does not exist is refused */
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->admin,
                           "{\"units\":[{\"code\":\"VL25.X\",\"name\":\"X\",\"kind\":"
                           "\"phong\",\"parent\":\"KHONG.CO\"}],\"change\":\"thêm X\"}",
                           400));
    /* only an administrator edits the registry */
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->standing,
                           "{\"units\":[{\"code\":\"VLG.Y\",\"name\":\"Y\",\"kind\":"
                           "\"phong\",\"parent\":\"VLG.SNV\"}]}",
                           403));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(admin_creates_and_rules_refuse),
        cmocka_unit_test(standing_manages_its_province),
        cmocka_unit_test(changes_disable_reset_and_own_password),
        cmocka_unit_test(unit_edits_are_audited),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
