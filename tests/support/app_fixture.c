/* app_fixture.c - see app_fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/app_fixture.h"

#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/banned.h"

app_fixture_t *app_fixture_new(const char *db_name)
{
    app_fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, db_name);
    return f;
}

void app_fixture_open(app_fixture_t *f, const app_config_t *cfg)
{
    app_config_t c = {0};
    if (cfg)
        c = *cfg;
    c.db_path = f->db;
    char *data = c.data_dir ? NULL : testdir_join(testdir_root(), "data");
    if (data)
        c.data_dir = data;
    err_t e;
    int rc = app_open(&c, &f->a, &e);
    free(data);
    if (rc)
        fail_msg("app_open: %s", e.en);
}

app_fixture_t *app_fixture_start(void)
{
    app_fixture_t *f = app_fixture_new("t.db");
    app_fixture_open(f, NULL);
    return f;
}

void app_fixture_free(app_fixture_t *f)
{
    if (!f)
        return;
    if (f->a)
        app_close(f->a);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
}

int app_fixture_teardown(void **state)
{
    app_fixture_free(*state);
    return 0;
}

user_t app_fixture_user(const char *unit, access_role_t role)
{
    user_t u = {0};
    u.id = 3;
    snprintf(u.login, sizeof u.login, "canbo");
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
    return u;
}
