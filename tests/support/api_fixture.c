/* api_fixture.c - see api_fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/testdb.h"
#include "support/api_fixture.h"

#include "app/app_auth.h"
#include "app/app_units.h"
#include "http/api.h"
#include "support/cli_run.h"
#include "support/fixture_doc.h"
#include "support/http_client.h"
#include "support/sample_units.h"
#include "support/testdir.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

apifx_t *apifx_start(const apifx_opts_t *opts)
{
    apifx_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    err_t e;
    char *data = testdir_join(testdir_root(), "data");
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    if (opts->evidence_max) {
        f->evidence = testdir_join(f->dir, "evidence");
        cfg.evidence_dir = f->evidence;
        cfg.evidence_max = opts->evidence_max;
    }
    if (app_open(&cfg, &f->app, &e))
        fail_msg("app_open: %s", e.en);
    free(data);
    if (!opts->no_samples)
        sample_units_import(f->app);
    http_config_t hc = {0};
    hc.listen = "127.0.0.1:0";
    hc.max_body = opts->max_body;
    f->srv = http_server_new(&hc, api_routes, &api_hooks, f->app, &e);
    assert_non_null(f->srv);
    assert_int_equal(http_server_start(f->srv, &e), 0);
    f->port = http_server_port(f->srv);
    return f;
}

apifx_t *apifx_open(size_t max_body)
{
    apifx_opts_t o = {.max_body = max_body};
    return apifx_start(&o);
}

void apifx_close(apifx_t *f)
{
    if (!f)
        return;
    http_server_stop(f->srv);
    http_server_free(f->srv);
    app_close(f->app);
    testdb_free(f->db);
    free(f->evidence);
    testdir_remove(f->dir);
    free(f);
}

int apifx_teardown(void **state)
{
    /* a pointer to a struct converts to a pointer to its first member */
    apifx_t **first = *state;
    apifx_close(*first);
    free(*state);
    return 0;
}

void apifx_user(apifx_t *f, const char *login, access_role_t role, const char *unit, char *cookie,
                size_t cap)
{
    err_t e;
    char pw[64];
    /* the password rules: 10+ characters, not containing the login */
    snprintf(pw, sizeof pw, "%s", "Mk-9f3x-khong-doan-duoc");
    assert_int_equal(app_auth_user_add(f->app, NULL, login, pw, role, unit, login, &e), 0);
    assert_int_equal(apifx_login(f->port, login, pw, cookie, cap), 200);
}

int apifx_login(uint16_t port, const char *login, const char *password, char *cookie, size_t cap)
{
    char body[512];
    snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", login, password);
    tc_response_t r;
    assert_int_equal(tc_request(port, "POST", "/api/v1/login", "Content-Type: application/json\r\n",
                                body, strlen(body), &r),
                     0);
    int status = r.status;
    if (status == 200) {
        const char *sc = tc_header(&r, "Set-Cookie");
        assert_non_null(sc);
        assert_non_null(strstr(sc, "HttpOnly"));
        assert_non_null(strstr(sc, "SameSite=Strict"));
        if (cookie)
            snprintf(cookie, cap, "Cookie: %.*s\r\n", (int)strcspn(sc, ";"), sc);
    }
    tc_response_free(&r);
    return status;
}

json_t *apifx_send(apifx_t *f, const char *method, const char *path, const char *cookie,
                   const char *ctype, const void *body, size_t len, int want)
{
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%s%s%s%s", cookie ? cookie : "", ctype ? "Content-Type: " : "",
             ctype ? ctype : "", ctype ? "\r\n" : "");
    tc_response_t r;
    assert_int_equal(tc_request(f->port, method, path, hdr, body, len, &r), 0);
    if (r.status != want)
        fail_msg("%s %s -> %d (want %d): %.400s", method, path, r.status, want, r.body);
    json_error_t je;
    json_t *j = json_loadb(r.body, r.body_len, 0, &je);
    tc_response_free(&r);
    return j;
}

json_t *apifx_json(apifx_t *f, const char *method, const char *path, const char *cookie,
                   const char *body, int want)
{
    return apifx_send(f, method, path, cookie, body ? "application/json" : NULL, body,
                      body ? strlen(body) : 0, want);
}

char *apifx_read_plan(const char *name, size_t *len)
{
    char *path = fxdoc_plan_path(name), *text = NULL;
    if (!path)
        skip();
    assert_int_equal(fxdoc_read(path, &text, len), 0);
    free(path);
    return text;
}

long long apifx_import_plan(apifx_t *f, const char *cookie, const char *name)
{
    size_t n;
    char *doc = apifx_read_plan(name, &n);
    size_t cap = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    assert_non_null(b64);
    sodium_bin2base64(b64, cap, (const unsigned char *)doc, n, sodium_base64_VARIANT_ORIGINAL);
    size_t blen = cap + strlen(name) + 64;
    char *body = malloc(blen);
    assert_non_null(body);
    snprintf(body, blen, "{\"filename\":\"%s\",\"content_base64\":\"%s\"}", name, b64);
    json_t *j =
        apifx_send(f, "POST", "/api/v1/plans", cookie, "application/json", body, strlen(body), 201);
    long long id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    free(body);
    free(b64);
    free(doc);
    return id;
}

json_t *apifx_cascade_row(json_t *cascade, const char *unit, const char *task_no)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(cascade, "rows"), i, r)
    {
        const char *u = json_string_value(json_object_get(json_object_get(r, "unit"), "code"));
        const char *no = json_string_value(json_object_get(r, "task_no"));
        if (u && no && strcmp(u, unit) == 0 && strcmp(no, task_no) == 0)
            return r;
    }
    fail_msg("no cascade row %s / %s", unit, task_no);
    return NULL;
}

const char *apifx_error_code(json_t *j)
{
    const char *c = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    return c ? c : "";
}

/* The environment of apifx_cli_run into env (4 entries) and its buffers. */
static void cli_env(apifx_t *f, const char *data, const char *env[4], char *db, char *dd,
                    size_t cap)
{
    snprintf(db, cap, "CCHC_DB=%s", f->db);
    if (data)
        snprintf(dd, cap, "CCHC_DATA=%s", data);
    else
        snprintf(dd, cap, "CCHC_DATA=%s/data", testdir_root());
    env[0] = db;
    env[1] = dd;
    env[2] = "CCHC_LOG_LEVEL=warn";
    env[3] = NULL;
}

run_result_t apifx_cli_run(apifx_t *f, const char *data, const char *const *args)
{
    const char *env[4];
    char db[4200], dd[4200];
    cli_env(f, data, env, db, dd, sizeof db);
    return cli_run_argv(env, NULL, args);
}

char *apifx_cli(apifx_t *f, const char *const *args)
{
    const char *env[4];
    char db[4200], dd[4200];
    cli_env(f, NULL, env, db, dd, sizeof db);
    return cli_run_ok(env, args);
}
