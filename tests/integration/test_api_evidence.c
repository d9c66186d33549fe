/* Integration tests of the evidence API: a real server on 127.0.0.1
 * (ephemeral port) over a fresh temporary database with the sample units and
 * a temporary evidence store; uploads as raw bodies, downloads by id, size
 * limits, content checks, and the role x scope table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/evidence.h"
#include "base/log.h"
#include "support/api_fixture.h"
#include "support/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define MAX_BODY (2 * 1024 * 1024) /* server limit in these tests */
#define EV_MAX   (8 * 1024)        /* evidence limit in these tests */

enum { U_ADMIN, U_STANDING, U_OFFICER, U_OTHER, U_VIEWER, U_COUNT };

static const struct {
    const char *login;
    access_role_t role;
    const char *unit;
} users[U_COUNT] = {
    {"admin", ACCESS_ROLE_ADMIN, NULL},
    {"thuongtruc", ACCESS_ROLE_STANDING, "VL25"},
    {"canbo.snv", ACCESS_ROLE_OFFICER, "VL25.SNV"},
    {"canbo.stc", ACCESS_ROLE_OFFICER, "VL25.STC"},
    {"xem.snv", ACCESS_ROLE_VIEWER, "VL25.SNV"},
};

typedef struct fixture {
    apifx_t *api; /* first member: apifx_teardown */
    char cookie[U_COUNT][128];
} fixture_t;

static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
static const unsigned char PNG[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                    'I',  'H', 'D', 'R', 0,    0,    0,    1,    0, 0, 0, 1};

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    apifx_opts_t o = {.max_body = MAX_BODY, .evidence_max = EV_MAX};
    f->api = apifx_start(&o);
    for (int i = 0; i < U_COUNT; i++)
        apifx_user(f->api, users[i].login, users[i].role, users[i].unit, f->cookie[i],
                   sizeof f->cookie[i]);
    *state = f;
    return 0;
}

/* Sends a request; returns the response (caller tc_response_free). */
static tc_response_t send_req(fixture_t *f, int user, const char *method, const char *path,
                              const char *extra_headers, const void *body, size_t len)
{
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%s%s", user >= 0 ? f->cookie[user] : "",
             extra_headers ? extra_headers : "");
    tc_response_t r;
    assert_int_equal(tc_request(f->api->port, method, path, hdr, body, len, &r), 0);
    return r;
}

static json_t *body_json(const tc_response_t *r)
{
    json_error_t je;
    json_t *j = json_loadb(r->body, r->body_len, 0, &je);
    assert_non_null(j);
    return j;
}

static void expect_error(tc_response_t *r, int status, const char *code)
{
    if (r->status != status)
        fprintf(stderr, "got %d: %s\n", r->status, r->body);
    assert_int_equal(r->status, status);
    json_t *j = body_json(r);
    const char *got = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    assert_non_null(got);
    assert_string_equal(got, code);
    assert_non_null(json_object_get(json_object_get(j, "error"), "message_en"));
    json_decref(j);
    tc_response_free(r);
}

/* Uploads data as user; returns the HTTP status and sets *id on 201. */
static int upload(fixture_t *f, int user, const char *unit, const char *filename, const void *data,
                  size_t len, int64_t *id)
{
    char path[512];
    snprintf(path, sizeof path,
             "/api/v1/evidence?unit=%s&attached_type=task_update&attached_id=7&filename=%s", unit,
             filename);
    tc_response_t r =
        send_req(f, user, "POST", path, "Content-Type: application/octet-stream\r\n", data, len);
    int status = r.status;
    if (status == 201 && id) {
        json_t *j = body_json(&r);
        *id = json_integer_value(json_object_get(json_object_get(j, "evidence"), "id"));
        json_decref(j);
    }
    tc_response_free(&r);
    return status;
}

static void upload_then_download(void **state)
{
    fixture_t *f = *state;
    /* The client's Content-Type is ignored: the content decides. */
    tc_response_t r = send_req(f, U_OFFICER, "POST",
                               "/api/v1/evidence?unit=VL25.SNV&attached_type=task_update&"
                               "attached_id=7&filename=B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20III.pdf",
                               "Content-Type: text/html\r\n", PDF, sizeof PDF - 1);
    if (r.status != 201)
        fprintf(stderr, "%s\n", r.body);
    assert_int_equal(r.status, 201);
    json_t *j = body_json(&r);
    json_t *ev = json_object_get(j, "evidence");
    json_int_t id = json_integer_value(json_object_get(ev, "id"));
    assert_true(id > 0);
    char loc[64];
    snprintf(loc, sizeof loc, "/api/v1/evidence/%lld", (long long)id);
    assert_string_equal(tc_header(&r, "Location"), loc);
    assert_string_equal(json_string_value(json_object_get(ev, "filename")), "Báo cáo quý III.pdf");
    assert_string_equal(json_string_value(json_object_get(ev, "kind")), "pdf");
    assert_string_equal(json_string_value(json_object_get(ev, "content_type")), "application/pdf");
    assert_string_equal(json_string_value(json_object_get(ev, "owner")), "canbo.snv");
    assert_string_equal(json_string_value(json_object_get(ev, "unit_code")), "VL25.SNV");
    assert_int_equal(json_integer_value(json_object_get(ev, "size")), sizeof PDF - 1);
    assert_true(json_is_false(json_object_get(ev, "duplicate")));
    assert_int_equal(strlen(json_string_value(json_object_get(ev, "sha256"))), 64);
    json_decref(j);
    tc_response_free(&r);

    /* Metadata. */
    r = send_req(f, U_VIEWER, "GET", loc, NULL, NULL, 0);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "evidence"), "id")), id);
    json_decref(j);
    tc_response_free(&r);

    /* Content, as an attachment with the stored type. */
    char content[80];
    snprintf(content, sizeof content, "%s/content", loc);
    r = send_req(f, U_VIEWER, "GET", content, NULL, NULL, 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, sizeof PDF - 1);
    assert_memory_equal(r.body, PDF, r.body_len);
    assert_string_equal(tc_header(&r, "Content-Type"), "application/pdf");
    assert_string_equal(tc_header(&r, "X-Content-Type-Options"), "nosniff");
    assert_string_equal(tc_header(&r, "Content-Disposition"),
                        "attachment; filename=\"B_o c_o qu_ III.pdf\"; "
                        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20III.pdf");
    assert_non_null(strstr(tc_header(&r, "Cache-Control"), "no-store"));
    tc_response_free(&r);
    r = send_req(f, U_VIEWER, "HEAD", content, NULL, NULL, 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    tc_response_free(&r);

    /* The same bytes again: stored once, reported as a duplicate. */
    r = send_req(f, U_ADMIN, "POST",
                 "/api/v1/evidence?unit=VL25.SNV&attached_type=task_update&attached_id=7", NULL,
                 PDF, sizeof PDF - 1);
    assert_int_equal(r.status, 201);
    j = body_json(&r);
    ev = json_object_get(j, "evidence");
    assert_true(json_is_true(json_object_get(ev, "duplicate")));
    assert_string_equal(json_string_value(json_object_get(ev, "filename")), "minh-chung.pdf");
    json_decref(j);
    tc_response_free(&r);

    /* Listed by the object they are attached to. */
    r = send_req(f, U_OFFICER, "GET", "/api/v1/evidence?attached_type=task_update&attached_id=7",
                 NULL, NULL, 0);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "evidence")), 2);
    json_decref(j);
    tc_response_free(&r);
}

static void upload_refusals(void **state)
{
    fixture_t *f = *state;
    tc_response_t r =
        send_req(f, -1, "POST", "/api/v1/evidence?unit=VL25.SNV&attached_type=t&attached_id=1",
                 NULL, PDF, sizeof PDF - 1);
    expect_error(&r, 401, "auth.required");
    r = send_req(f, U_ADMIN, "POST", "/api/v1/evidence?attached_type=t&attached_id=1", NULL, PDF,
                 sizeof PDF - 1);
    expect_error(&r, 400, "http.param_missing");
    r = send_req(f, U_ADMIN, "POST", "/api/v1/evidence?unit=VL25.SNV&attached_type=t", NULL, PDF,
                 sizeof PDF - 1);
    expect_error(&r, 400, "http.param_missing");
    r = send_req(f, U_ADMIN, "POST", "/api/v1/evidence?unit=VL25.SNV&attached_type=t&attached_id=x",
                 NULL, PDF, sizeof PDF - 1);
    expect_error(&r, 400, "http.bad_id");
    r = send_req(f, U_ADMIN, "POST",
                 "/api/v1/evidence?unit=VL25.SNV&attached_type=..%2Fx&attached_id=1", NULL, PDF,
                 sizeof PDF - 1);
    expect_error(&r, 400, "evidence.attached_invalid");
    r = send_req(f, U_ADMIN, "POST", "/api/v1/evidence?unit=NOPE&attached_type=t&attached_id=1",
                 NULL, PDF, sizeof PDF - 1);
    expect_error(&r, 404, "unit.not_found");
    /* Content checks. */
    static const unsigned char exe[] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF};
    const char *path = "/api/v1/evidence?unit=VL25.SNV&attached_type=t&attached_id=1&filename=";
    char p[256];
    snprintf(p, sizeof p, "%sbao-cao.pdf", path);
    r = send_req(f, U_ADMIN, "POST", p, "Content-Type: application/pdf\r\n", exe, sizeof exe);
    expect_error(&r, 400, "evidence.type_unsupported");
    static const char html[] = "<!doctype html><script>alert(document.cookie)</script>";
    r = send_req(f, U_ADMIN, "POST", p, NULL, html, sizeof html - 1);
    expect_error(&r, 400, "evidence.type_unsupported");
    r = send_req(f, U_ADMIN, "POST", p, NULL, PNG, sizeof PNG);
    expect_error(&r, 400, "evidence.extension_mismatch");
    r = send_req(f, U_ADMIN, "POST", p, NULL, "", 0);
    expect_error(&r, 400, "evidence.empty");
    /* Size: above the evidence limit, then above the server's body limit
     * (refused from the declared length, before the body is sent). */
    char *big = malloc(EV_MAX + 1);
    memcpy(big, PDF, sizeof PDF - 1);
    memset(big + sizeof PDF - 1, ' ', EV_MAX + 1 - (sizeof PDF - 1));
    r = send_req(f, U_ADMIN, "POST", p, NULL, big, EV_MAX + 1);
    expect_error(&r, 413, "evidence.too_large");
    assert_int_equal(upload(f, U_ADMIN, "VL25.SNV", "vua-du.pdf", big, EV_MAX, NULL), 201);
    free(big);
    char raw[512];
    int n = snprintf(raw, sizeof raw,
                     "POST %s HTTP/1.1\r\nHost: localhost\r\n%sContent-Length: %d\r\n\r\n", p,
                     f->cookie[U_ADMIN], MAX_BODY + 1);
    assert_int_equal(tc_raw(f->api->port, "POST", raw, (size_t)n, &r), 0);
    expect_error(&r, 413, "http.too_large");
}

static void json_bodies_stay_small(void **state)
{
    fixture_t *f = *state;
    /* The server reads up to MAX_BODY for uploads, but JSON is capped at 1 MiB. */
    size_t n = HTTP_MAX_JSON_BODY + 100;
    char *body = malloc(n);
    memset(body, ' ', n);
    memcpy(body, "{\"login\":\"admin\",\"password\":\"x\"}", 33);
    tc_response_t r =
        send_req(f, -1, "POST", "/api/v1/login", "Content-Type: application/json\r\n", body, n);
    expect_error(&r, 413, "http.too_large");
    free(body);
}

static void bad_ids(void **state)
{
    fixture_t *f = *state;
    tc_response_t r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence/abc", NULL, NULL, 0);
    expect_error(&r, 404, "evidence.not_found");
    r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence/-1/content", NULL, NULL, 0);
    expect_error(&r, 404, "evidence.not_found");
    r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence/999", NULL, NULL, 0);
    expect_error(&r, 404, "evidence.not_found");
    r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence/999/content", NULL, NULL, 0);
    expect_error(&r, 404, "evidence.not_found");
    r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence/1/../../units", NULL, NULL, 0);
    expect_error(&r, 400, "http.bad_path");
    r = send_req(f, U_ADMIN, "GET", "/api/v1/evidence?attached_type=task_update", NULL, NULL, 0);
    expect_error(&r, 400, "http.bad_id");
    r = send_req(f, -1, "GET", "/api/v1/evidence/1/content", NULL, NULL, 0);
    expect_error(&r, 401, "auth.required");
}

/* Role x scope: upload to VL25.SNV, read metadata and content of a VL25.SNV
 * file, and the same for VL25.STC. */
static void role_scope_table(void **state)
{
    fixture_t *f = *state;
    int64_t snv = 0, stc = 0;
    assert_int_equal(upload(f, U_ADMIN, "VL25.SNV", "snv.pdf", PDF, sizeof PDF - 1, &snv), 201);
    assert_int_equal(upload(f, U_ADMIN, "VL25.STC", "stc.png", PNG, sizeof PNG, &stc), 201);
    static const struct {
        int user;
        int up_snv, up_stc, read_snv, read_stc;
    } table[] = {
        {U_ADMIN, 201, 201, 200, 200},   {U_STANDING, 201, 201, 200, 200},
        {U_OFFICER, 201, 403, 200, 403}, {U_OTHER, 403, 201, 403, 200},
        {U_VIEWER, 403, 403, 200, 403},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int u = table[i].user;
        assert_int_equal(upload(f, u, "VL25.SNV", "a.pdf", PDF, sizeof PDF - 1, NULL),
                         table[i].up_snv);
        assert_int_equal(upload(f, u, "VL25.STC", "b.png", PNG, sizeof PNG, NULL), table[i].up_stc);
        const struct {
            int64_t id;
            int want;
        } reads[] = {{snv, table[i].read_snv}, {stc, table[i].read_stc}};
        for (size_t k = 0; k < 2; k++) {
            char path[80];
            snprintf(path, sizeof path, "/api/v1/evidence/%lld", (long long)reads[k].id);
            tc_response_t r = send_req(f, u, "GET", path, NULL, NULL, 0);
            if (r.status != reads[k].want)
                fprintf(stderr, "%s %s -> %d\n", users[u].login, path, r.status);
            assert_int_equal(r.status, reads[k].want);
            tc_response_free(&r);
            snprintf(path, sizeof path, "/api/v1/evidence/%lld/content", (long long)reads[k].id);
            r = send_req(f, u, "GET", path, NULL, NULL, 0);
            assert_int_equal(r.status, reads[k].want);
            if (r.status == 403) { /* an error, no file bytes */
                assert_string_equal(tc_header(&r, "Content-Type"),
                                    "application/json; charset=utf-8");
                assert_null(strstr(r.body, "PDF"));
            }
            tc_response_free(&r);
        }
    }
}

/* The status of GET path as user; *n gets the number of files listed and
 * first (cap) the first one's file name, on 200. */
static int list_by_unit(fixture_t *f, int user, const char *path, size_t *n, char *first,
                        size_t cap)
{
    tc_response_t r = send_req(f, user, "GET", path, NULL, NULL, 0);
    int status = r.status;
    if (status == 200) {
        json_t *j = body_json(&r);
        json_t *arr = json_object_get(j, "evidence");
        *n = json_array_size(arr);
        snprintf(first, cap, "%s",
                 *n ? json_string_value(json_object_get(json_array_get(arr, 0), "filename")) : "");
        json_decref(j);
    }
    tc_response_free(&r);
    return status;
}

/* What a unit has uploaded, newest first, for linking again (PAR sheets):
 * in scope only, with a limit. */
static void list_by_unit_for_linking(void **state)
{
    fixture_t *f = *state;
    static const char PDF2[] = "%PDF-1.4\n% second\n%%EOF\n";
    assert_int_equal(upload(f, U_OFFICER, "VL25.SNV", "cu.pdf", PDF, sizeof PDF - 1, NULL), 201);
    assert_int_equal(upload(f, U_OFFICER, "VL25.SNV", "moi.pdf", PDF2, sizeof PDF2 - 1, NULL), 201);
    assert_int_equal(upload(f, U_OTHER, "VL25.STC", "khac.png", PNG, sizeof PNG, NULL), 201);
    size_t n = 0;
    char first[64];
    assert_int_equal(
        list_by_unit(f, U_OFFICER, "/api/v1/evidence?unit=VL25.SNV", &n, first, sizeof first), 200);
    assert_int_equal(n, 2);
    assert_string_equal(first, "moi.pdf");
    assert_int_equal(list_by_unit(f, U_OFFICER, "/api/v1/evidence?unit=VL25.SNV&limit=1", &n, first,
                                  sizeof first),
                     200);
    assert_int_equal(n, 1);
    assert_int_equal(
        list_by_unit(f, U_STANDING, "/api/v1/evidence?unit=VL25.STC", &n, first, sizeof first),
        200);
    assert_int_equal(n, 1);
    assert_string_equal(first, "khac.png");
    /* another unit's officer, and a bad limit */
    assert_int_equal(
        list_by_unit(f, U_OTHER, "/api/v1/evidence?unit=VL25.SNV", &n, first, sizeof first), 403);
    assert_int_equal(list_by_unit(f, U_OFFICER, "/api/v1/evidence?unit=VL25.SNV&limit=x", &n, first,
                                  sizeof first),
                     400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(upload_then_download, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(upload_refusals, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(json_bodies_stay_small, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(bad_ids, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(role_scope_table, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(list_by_unit_for_linking, setup, apifx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
