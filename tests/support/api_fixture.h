/* api_fixture.h - a real API server over a fresh temporary database with the
 * sample unit registry, for integration tests (cmocka assertions inside:
 * call from tests only).
 *
 * apifx_open makes the directory, opens the app over the shipped data
 * ($CCHC_ROOT/data), imports the sample units (data/units, sample_units.h),
 * starts the server on 127.0.0.1 with an ephemeral port (apifx_start: with
 * options); apifx_user adds a user and logs in, filling a
 * "Cookie: ...\r\n" header line; apifx_send sends a request and returns
 * the parsed JSON answer (NULL when the body is not JSON), failing the test
 * when the status is not the one wanted. */
#ifndef CCHC_TEST_API_FIXTURE_H
#define CCHC_TEST_API_FIXTURE_H

#include "app/app.h"
#include "domain/access.h"
#include "http/http_server.h"
#include "support/run_cmd.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct apifx {
    char *dir;
    char *db;
    char *evidence; /* dir/evidence with opts.evidence_max, else NULL */
    app_t *app;
    http_server_t *srv;
    uint16_t port;
} apifx_t;

/* What apifx_start sets up; zero fields are apifx_open's defaults. */
typedef struct apifx_opts {
    size_t max_body;     /* the server's request body limit (0: the server's default) */
    bool no_samples;     /* leave the unit registry empty */
    size_t evidence_max; /* non-zero: an evidence store with this file size limit */
} apifx_opts_t;

apifx_t *apifx_start(const apifx_opts_t *opts);
/* apifx_start with the sample units and max_body. */
apifx_t *apifx_open(size_t max_body);
void apifx_close(apifx_t *f);
/* A cmocka teardown for a state that is a malloc'd struct whose first
 * member is its apifx_t *: closes the fixture, frees the struct. */
int apifx_teardown(void **state);
/* Logs in on the API server at 127.0.0.1:port; returns the HTTP status.
 * On 200 the session cookie must be HttpOnly and SameSite=Strict, and
 * cookie (may be NULL) gets its "Cookie: ...\r\n" header line. */
int apifx_login(uint16_t port, const char *login, const char *password, char *cookie, size_t cap);
/* Adds a user (unit NULL = whole system) and logs in: cookie gets the
 * header line. */
void apifx_user(apifx_t *f, const char *login, access_role_t role, const char *unit, char *cookie,
                size_t cap);
json_t *apifx_send(apifx_t *f, const char *method, const char *path, const char *cookie,
                   const char *ctype, const void *body, size_t len, int want);
/* As apifx_send with a JSON body (NULL = none). */
json_t *apifx_json(apifx_t *f, const char *method, const char *path, const char *cookie,
                   const char *body, int want);
/* Contents of a plan from ../shared/plans or data/plans (malloc'd), or skip
 * the test when absent. */
char *apifx_read_plan(const char *name, size_t *len);
/* Imports a plan file through POST /api/v1/plans as cookie; returns its id. */
long long apifx_import_plan(apifx_t *f, const char *cookie, const char *name);
/* Runs the cchc binary (cli_run.h) on the fixture's database: CCHC_DB,
 * CCHC_DATA = data (NULL: $CCHC_ROOT/data), CCHC_LOG_LEVEL=warn; args
 * NULL-terminated. Caller frees with run_result_free. */
run_result_t apifx_cli_run(apifx_t *f, const char *data, const char *const *args);
/* The same with the shipped data; fails the test unless cchc exits with 0.
 * Returns the standard output (caller frees with free()). */
char *apifx_cli(apifx_t *f, const char *const *args);
/* The row of unit's task task_no in an answer of GET
 * /api/v1/plans/{id}/cascade (borrowed from cascade); fails the test when
 * there is none. */
json_t *apifx_cascade_row(json_t *cascade, const char *unit, const char *task_no);
/* The error code of an error answer ("" when none). */
const char *apifx_error_code(json_t *j);

#endif
