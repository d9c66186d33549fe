/* app_fixture.h - an app over a fresh scratch directory and test database,
 * for unit tests of the use cases (cmocka assertions inside: call from
 * tests only).
 *
 * app_fixture_new makes the directory and names the database (testdb_new:
 * SQLite file dir/db_name, or a fresh PostgreSQL database under
 * CCHC_TEST_DB); files the app reads when it opens (a data directory of the
 * test's own) can then be written into dir before app_fixture_open.
 * app_fixture_free closes the app, drops the database and removes the
 * directory. Plain malloc. */
#ifndef CCHC_TEST_APP_FIXTURE_H
#define CCHC_TEST_APP_FIXTURE_H

#include "app/app.h"
#include "domain/access.h"

typedef struct app_fixture {
    char *dir; /* testdir_new */
    char *db;  /* testdb_new(dir, db_name) */
    app_t *a;  /* NULL until app_fixture_open */
} app_fixture_t;

/* A new directory and database name; the app is not open yet. Caller frees
 * with app_fixture_free. */
app_fixture_t *app_fixture_new(const char *db_name);
/* Opens f->a with cfg (NULL: all defaults): db_path is f->db whatever cfg
 * says, and a NULL data_dir is the shipped data ($CCHC_ROOT/data). Fails the
 * test when the app does not open. */
void app_fixture_open(app_fixture_t *f, const app_config_t *cfg);
/* app_fixture_new("t.db") then app_fixture_open(f, NULL). */
app_fixture_t *app_fixture_start(void);
/* Closes the app (when open), drops the database, removes the directory,
 * frees f. NULL is a no-op. */
void app_fixture_free(app_fixture_t *f);
/* A cmocka teardown: app_fixture_free(*state). */
int app_fixture_teardown(void **state);
/* A user for calls into the app: id 3, login "canbo", the role and the unit
 * code given (not stored in the database). */
user_t app_fixture_user(const char *unit, access_role_t role);

#endif
