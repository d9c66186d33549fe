/* Integration tests of the audit trail (issue 16 item 11): state changes
 * through the API are appended with who, what and before -> after; GET
 * /api/v1/audit is for administrators only; `cchc audit verify` finds an
 * edited and a deleted entry, `cchc audit list` shows the newest. A real
 * server on a fresh database (support/api_fixture.h), the real binary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store.h"
#include "support/api_fixture.h"
#include "support/http_client.h"
#include "support/cli_run.h"
#include "support/run_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct afx {
    apifx_t *f;
    char admin[160], off[160], st[160];
} afx_t;

static int setup(void **state)
{
    afx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(1 << 20);
    apifx_user(t->f, "quantri", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "canbo", ACCESS_ROLE_OFFICER, "VLG.SNV", t->off, sizeof t->off);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VLG", t->st, sizeof t->st);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    afx_t *t = *state;
    apifx_close(t->f);
    free(t);
    return 0;
}

/* Runs cchc on the fixture's database (up to 4 arguments, NULL ends). */
static run_result_t cchc(afx_t *t, const char *a1, const char *a2, const char *a3, const char *a4)
{
    return apifx_cli_run(t->f, NULL, (const char *const[]){a1, a2, a3, a4, NULL});
}

static void exec_sql(afx_t *t, const char *sql)
{
    store_t *s;
    err_t e;
    assert_int_equal(app_store(t->f->app, &s, &e), 0);
    if (store_exec(s, sql, &e))
        fail_msg("%s: %s", sql, e.en);
}

static json_t *item(json_t *page, const char *action, const char *object)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(page, "items"), i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "action")), action) == 0 &&
            (!object || strcmp(json_string_value(json_object_get(o, "object")), object) == 0))
            return o;
    }
    fail_msg("no %s %s", action, object ? object : "");
    return NULL;
}

static void changes_are_recorded_and_admin_only(void **state)
{
    afx_t *t = *state;
    /* a unit created, then renamed, through the API */
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->admin,
                           "{\"units\":[{\"code\":\"VLG.SMOI\",\"name\":\"Sở Mới\","
                           "\"kind\":\"so\",\"parent\":\"VL25\",\"valid_from\":\"2025-07-01\"}]}",
                           200));
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->admin,
                           "{\"units\":[{\"code\":\"VLG.SMOI\",\"name\":\"Sở Mới Đổi Tên\","
                           "\"kind\":\"so\",\"parent\":\"VL25\",\"valid_from\":\"2025-07-01\"}]}",
                           200));
    /* only an administrator reads the log */
    json_decref(apifx_json(t->f, "GET", "/api/v1/audit", t->off, NULL, 403));
    json_decref(apifx_json(t->f, "GET", "/api/v1/audit", t->st, NULL, 403));
    json_decref(apifx_json(t->f, "GET", "/api/v1/audit", "", NULL, 401));
    json_t *p = apifx_json(t->f, "GET", "/api/v1/audit?object=unit:VLG.SMOI", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(p, "items")), 2);
    json_t *upd = item(p, "unit.update", "unit:VLG.SMOI");
    assert_string_equal(json_string_value(json_object_get(upd, "actor")), "quantri");
    assert_string_equal(json_string_value(json_object_get(json_object_get(upd, "before"), "name")),
                        "Sở Mới");
    assert_string_equal(json_string_value(json_object_get(json_object_get(upd, "after"), "name")),
                        "Sở Mới Đổi Tên");
    json_t *cre = item(p, "unit.create", NULL);
    assert_true(json_is_null(json_object_get(cre, "before")));
    /* newest first */
    assert_true(json_integer_value(json_object_get(upd, "seq")) >
                json_integer_value(json_object_get(cre, "seq")));
    json_decref(p);
    /* pages and filters */
    p = apifx_json(t->f, "GET", "/api/v1/audit?limit=1&action=unit.", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(p, "items")), 1);
    long long next = json_integer_value(json_object_get(p, "next_before"));
    assert_true(next > 1);
    json_decref(p);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/audit?limit=1&action=unit.&before=%lld", next);
    p = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    assert_true(json_integer_value(
                    json_object_get(json_array_get(json_object_get(p, "items"), 0), "seq")) < next);
    json_decref(p);
    json_t *bad = apifx_json(t->f, "GET", "/api/v1/audit?limit=0", t->admin, NULL, 400);
    json_decref(bad);
    /* refused changes leave no entry */
    json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->off,
                           "{\"units\":[{\"code\":\"VLG.X\",\"name\":\"X\",\"kind\":\"so\"}]}",
                           403));
    p = apifx_json(t->f, "GET", "/api/v1/audit?actor=canbo", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(p, "items")), 0);
    json_decref(p);
}

static void verify_finds_edits_and_deletions(void **state)
{
    afx_t *t = *state;
    for (int i = 0; i < 3; i++) {
        char body[160];
        snprintf(body, sizeof body,
                 "{\"units\":[{\"code\":\"VLG.S%d\",\"name\":\"Sở %d\",\"kind\":\"so\","
                 "\"parent\":\"VL25\",\"valid_from\":\"2025-07-01\"}]}",
                 i, i);
        json_decref(apifx_json(t->f, "POST", "/api/v1/units", t->admin, body, 200));
    }
    run_result_t r = cchc(t, "audit", "verify", NULL, NULL);
    assert_int_equal(r.status, 0);
    cli_run_expect_in(r.out, "audit log intact");
    run_result_free(&r);
    r = cchc(t, "audit", "list", "--limit", "2");
    assert_int_equal(r.status, 0);
    cli_run_expect_in(r.out, "unit.create");
    run_result_free(&r);
    /* an edit */
    exec_sql(t, "UPDATE audit_event SET detail = 'Sở khác' WHERE action = 'unit.create' AND "
                "object = 'unit:VLG.S1'");
    r = cchc(t, "audit", "verify", NULL, NULL);
    assert_int_equal(r.status, 1);
    cli_run_expect_in(r.err, "was edited");
    cli_run_expect_in(r.err, "đã bị thay đổi");
    run_result_free(&r);
    exec_sql(t, "UPDATE audit_event SET detail = 'Sở 1' WHERE action = 'unit.create' AND "
                "object = 'unit:VLG.S1'");
    r = cchc(t, "audit", "verify", NULL, NULL);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    /* a deletion */
    exec_sql(t, "DELETE FROM audit_event WHERE action = 'unit.create' AND object = 'unit:VLG.S1'");
    r = cchc(t, "audit", "verify", NULL, NULL);
    assert_int_equal(r.status, 1);
    cli_run_expect_in(r.err, "deleted");
    run_result_free(&r);
    r = cchc(t, "audit", "bogus", NULL, NULL);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(changes_are_recorded_and_admin_only, setup, teardown),
        cmocka_unit_test_setup_teardown(verify_finds_edits_and_deletions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
