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
#include "io/unit_io.h"
#include "support/http_client.h"
#include "support/testdir.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const char *apifx_root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

apifx_t *apifx_open(size_t max_body)
{
    apifx_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    err_t e;
    char data[1024];
    snprintf(data, sizeof data, "%s/data", apifx_root());
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    assert_int_equal(app_open(&cfg, &f->app, &e), 0);
    unit_set_t in;
    unit_set_init(&in);
    const char *files[] = {"vinhlong_2024.csv", "vinhlong_2025.csv", "vinhlong_links.csv"};
    for (int i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/data/units/%s", apifx_root(), files[i]);
        assert_int_equal(unit_io_read_file(path, &in, &e), 0);
    }
    app_unit_import_report_t rep;
    assert_int_equal(app_units_import(f->app, NULL, &in, "samples", &rep, &e), 0);
    unit_set_release(&in);
    http_config_t hc = {0};
    hc.listen = "127.0.0.1:0";
    hc.max_body = max_body;
    f->srv = http_server_new(&hc, api_routes, &api_hooks, f->app, &e);
    assert_non_null(f->srv);
    assert_int_equal(http_server_start(f->srv, &e), 0);
    f->port = http_server_port(f->srv);
    return f;
}

void apifx_close(apifx_t *f)
{
    if (!f)
        return;
    http_server_stop(f->srv);
    http_server_free(f->srv);
    app_close(f->app);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
}

void apifx_user(apifx_t *f, const char *login, access_role_t role, const char *unit, char *cookie,
                size_t cap)
{
    err_t e;
    char pw[64];
    /* the password rules: 10+ characters, not containing the login */
    snprintf(pw, sizeof pw, "%s", "Mk-9f3x-khong-doan-duoc");
    assert_int_equal(app_auth_user_add(f->app, NULL, login, pw, role, unit, login, &e), 0);
    char body[256];
    snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", login, pw);
    tc_response_t r;
    assert_int_equal(tc_request(f->port, "POST", "/api/v1/login",
                                "Content-Type: application/json\r\n", body, strlen(body), &r),
                     0);
    assert_int_equal(r.status, 200);
    const char *sc = tc_header(&r, "Set-Cookie");
    assert_non_null(sc);
    snprintf(cookie, cap, "Cookie: %.*s\r\n", (int)strcspn(sc, ";"), sc);
    tc_response_free(&r);
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
    static const char *const dirs[] = {"%s/../shared/plans/%s", "%s/data/plans/%s"};
    for (size_t i = 0; i < 2; i++) {
        char path[1024];
        snprintf(path, sizeof path, dirs[i], apifx_root(), name);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        char *buf = malloc(1 << 20);
        assert_non_null(buf);
        *len = fread(buf, 1, (1 << 20) - 1, fp);
        buf[*len] = '\0';
        fclose(fp);
        return buf;
    }
    skip();
    return NULL;
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

const char *apifx_error_code(json_t *j)
{
    const char *c = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    return c ? c : "";
}
