/* Integration tests of the plan API: POST /api/v1/plans/parse (JSON with
 * base64 content, or raw bytes), POST /api/v1/plans (import, de-duplicated,
 * authorised by unit scope), GET /api/v1/plans and /api/v1/plans/{id}, on a
 * real server over a fresh temporary database with the sample units. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/api.h"
#include "support/api_fixture.h"
#include "support/http_client.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

#define P002 "002_f2f413426d7afbab.txt"
#define P004 "004_9a23d4ea0e0477f2.txt"

typedef struct fixture {
    apifx_t *f;
    uint16_t port;
    char admin[160];
    char officer[160];
} fixture_t;

/* Contents of a shared plan (malloc'd), or skip when absent. */
static char *read_plan(const char *name, size_t *len)
{
    return apifx_read_plan(name, len);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->f = apifx_open(4 << 20);
    f->port = f->f->port;
    apifx_user(f->f, "admin", ACCESS_ROLE_ADMIN, NULL, f->admin, sizeof f->admin);
    apifx_user(f->f, "canbo", ACCESS_ROLE_OFFICER, "VLG.SNV", f->officer, sizeof f->officer);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    apifx_close(f->f);
    free(f);
    return 0;
}

/* Sends body with the given content type; returns the parsed JSON answer. */
static json_t *send(fixture_t *f, const char *method, const char *path, const char *cookie,
                    const char *ctype, const char *body, size_t len, int want)
{
    return apifx_send(f->f, method, path, cookie, ctype, body, len, want);
}

/* {"filename":name,"content_base64":…} plus extra members (may be ""). */
static char *upload_json(const char *name, const char *data, size_t len, const char *extra)
{
    size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    sodium_bin2base64(b64, cap, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
    size_t n = cap + strlen(name) + strlen(extra) + 128;
    char *body = malloc(n);
    snprintf(body, n, "{\"filename\":\"%s\",\"content_base64\":\"%s\"%s}", name, b64, extra);
    free(b64);
    return body;
}

static const char *error_code(json_t *j)
{
    return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

static void parse_preview(void **state)
{
    fixture_t *f = *state;
    size_t n;
    char *doc = read_plan(P004, &n);
    char *body = upload_json("004.txt", doc, n, "");
    json_t *j = send(f, "POST", "/api/v1/plans/parse", f->officer, "application/json", body,
                     strlen(body), 200);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 10);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "document"), "number")),
        "341/KH-UBND");
    json_decref(j);
    free(body);
    free(doc);

    /* raw bytes with a non-JSON content type */
    doc = read_plan(P002, &n);
    j = send(f, "POST", "/api/v1/plans/parse?filename=002.txt", f->officer,
             "text/plain; charset=utf-8", doc, n, 200);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 66);
    json_t *lead =
        json_array_get(json_object_get(json_array_get(json_object_get(j, "tasks"), 0), "lead"), 0);
    assert_string_equal(json_string_value(json_object_get(lead, "unit")), "VLG.SNV");
    json_decref(j);
    free(doc);

    /* nothing stored by a preview */
    j = send(f, "GET", "/api/v1/plans", f->admin, NULL, NULL, 0, 200);
    assert_int_equal(json_array_size(json_object_get(j, "plans")), 0);
    json_decref(j);
}

static void parse_errors(void **state)
{
    fixture_t *f = *state;
    json_t *j = send(f, "POST", "/api/v1/plans/parse", NULL, "text/plain", "x", 1, 401);
    json_decref(j);
    const char *bad64 = "{\"filename\":\"a.txt\",\"content_base64\":\"!!!not base64!!!\"}";
    j = send(f, "POST", "/api/v1/plans/parse", f->admin, "application/json", bad64, strlen(bad64),
             400);
    assert_string_equal(error_code(j), "plan.upload_base64");
    json_decref(j);
    const char *none = "{\"filename\":\"a.txt\"}";
    j = send(f, "POST", "/api/v1/plans/parse", f->admin, "application/json", none, strlen(none),
             400);
    assert_string_equal(error_code(j), "plan.upload_empty");
    json_decref(j);
    const char *letter = "Kính gửi anh chị.\nXin mời họp.\n";
    j = send(f, "POST", "/api/v1/plans/parse", f->admin, "text/plain", letter, strlen(letter), 400);
    assert_string_equal(error_code(j), "plan.no_content");
    json_decref(j);
    j = send(f, "POST", "/api/v1/plans/parse", f->admin, "application/octet-stream",
             "\x00\x01\x02\x03", 4, 400);
    assert_string_equal(error_code(j), "docread.binary");
    json_decref(j);
}

static void import_authorised_and_deduplicated(void **state)
{
    fixture_t *f = *state;
    size_t n;
    char *doc = read_plan(P002, &n);
    char *body = upload_json("002.txt", doc, n, "");
    /* the plan belongs to the province (its issuer): outside the officer's scope */
    json_t *j =
        send(f, "POST", "/api/v1/plans", f->officer, "application/json", body, strlen(body), 403);
    assert_string_equal(error_code(j), "auth.forbidden");
    json_decref(j);
    j = send(f, "POST", "/api/v1/plans", f->admin, "application/json", body, strlen(body), 201);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 1);
    assert_true(json_is_false(json_object_get(j, "duplicate")));
    assert_int_equal(json_integer_value(json_object_get(j, "tasks")), 66);
    json_decref(j);
    /* the same document again */
    j = send(f, "POST", "/api/v1/plans", f->admin, "application/json", body, strlen(body), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 1);
    assert_true(json_is_true(json_object_get(j, "duplicate")));
    json_decref(j);
    free(body);
    free(doc);

    /* an officer imports a plan of a unit in scope */
    doc = read_plan(P004, &n);
    body = upload_json("004.txt", doc, n, ",\"unit\":\"VLG.SNV\"");
    j = send(f, "POST", "/api/v1/plans", f->officer, "application/json", body, strlen(body), 201);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 2);
    assert_true(json_array_size(json_object_get(j, "warnings")) > 0);
    json_decref(j);
    free(body);
    free(doc);

    j = send(f, "GET", "/api/v1/plans", f->admin, NULL, NULL, 0, 200);
    assert_int_equal(json_array_size(json_object_get(j, "plans")), 2);
    json_decref(j);
    /* the officer's own plan, and the province plan that assigns tasks to
     * its unit (issue 10 item 8) */
    j = send(f, "GET", "/api/v1/plans", f->officer, NULL, NULL, 0, 200);
    json_t *plans = json_object_get(j, "plans");
    assert_int_equal(json_array_size(plans), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(plans, 0), "unit_code")),
                        "VLG.SNV");
    assert_true(json_is_true(json_object_get(json_array_get(plans, 1), "via_tasks")));
    json_decref(j);

    j = send(f, "GET", "/api/v1/plans/1", f->admin, NULL, NULL, 0, 200);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 66);
    assert_string_equal(json_string_value(json_object_get(j, "unit_code")), "VLG");
    assert_string_equal(json_string_value(json_object_get(j, "source_name")), "002.txt");
    json_decref(j);
    j = send(f, "GET", "/api/v1/plans/1", f->officer, NULL, NULL, 0, 200);
    json_decref(j);
    j = send(f, "GET", "/api/v1/plans/2", f->officer, NULL, NULL, 0, 200);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 10);
    json_decref(j);
    j = send(f, "GET", "/api/v1/plans/99", f->admin, NULL, NULL, 0, 404);
    json_decref(j);
    j = send(f, "GET", "/api/v1/plans/abc", f->admin, NULL, NULL, 0, 404);
    json_decref(j);
}

/* Units chosen by hand for names the registry did not resolve. */
static void import_with_unit_fixes(void **state)
{
    fixture_t *f = *state;
    size_t n;
    char *doc = read_plan(P004, &n);
    char *body = upload_json("004.txt", doc, n, ",\"unit_fixes\":{\"Phòng Nội vụ\":\"KHONG.CO\"}");
    json_t *j =
        send(f, "POST", "/api/v1/plans", f->admin, "application/json", body, strlen(body), 400);
    assert_string_equal(error_code(j), "plan.unit_fix_invalid");
    json_decref(j);
    free(body);
    body = upload_json("004.txt", doc, n,
                       ",\"unit_fixes\":{\"phong noi vu\":\"VLG.SNV\",\"Thanh tra huyện\":"
                       "\"VLG.TTRA\"}");
    j = send(f, "POST", "/api/v1/plans", f->admin, "application/json", body, strlen(body), 400);
    json_decref(j); /* VLG.TTRA is not a unit of the sample registry */
    free(body);
    body = upload_json("004.txt", doc, n, ",\"unit_fixes\":{\"phong noi vu\":\"VLG.SNV\"}");
    j = send(f, "POST", "/api/v1/plans/parse", f->admin, "application/json", body, strlen(body),
             200);
    size_t i, fixed = 0;
    json_t *tk, *p;
    json_array_foreach(json_object_get(j, "tasks"), i, tk)
    {
        size_t k;
        json_array_foreach(json_object_get(tk, "lead"), k, p)
        {
            if (strcmp(json_string_value(json_object_get(p, "text")), "Phòng Nội vụ") == 0) {
                assert_string_equal(json_string_value(json_object_get(p, "unit")), "VLG.SNV");
                fixed++;
            }
        }
    }
    assert_true(fixed > 0);
    json_array_foreach(json_object_get(j, "warnings"), i, p)
        assert_null(strstr(json_string_value(json_object_get(p, "message_en")), "'Phòng Nội vụ'"));
    json_decref(j);
    j = send(f, "POST", "/api/v1/plans", f->admin, "application/json", body, strlen(body), 201);
    json_decref(j);
    free(body);
    free(doc);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(parse_preview, setup, teardown),
        cmocka_unit_test_setup_teardown(parse_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(import_authorised_and_deduplicated, setup, teardown),
        cmocka_unit_test_setup_teardown(import_with_unit_fixes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
