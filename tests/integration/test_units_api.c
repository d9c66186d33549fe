/* Integration tests of POST /api/v1/units (issue 16 item 12): the API
 * applies the one rule for unit codes and names that the CSV and JSON
 * readers apply (domain/unit.h unit_check): the reproductions of the trial
 * - codes "A/B", "TS TA", "..", 5,000 characters; a name with a NUL - are
 * refused with 400 and nothing is written, and a unit with a good code can
 * be opened afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct ufx {
    apifx_t *f;
    char admin[160];
} ufx_t;

static int setup(void **state)
{
    ufx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(1 << 20);
    apifx_user(t->f, "quantri", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    ufx_t *t = *state;
    apifx_close(t->f);
    free(t);
    return 0;
}

static void post_unit(ufx_t *t, const char *code, const char *name, int want, const char *err)
{
    char body[6000];
    snprintf(body, sizeof body,
             "{\"units\":[{\"code\":\"%s\",\"name\":\"%s\",\"kind\":\"so\",\"parent\":\"VL25\","
             "\"valid_from\":\"2025-07-01\"}]}",
             code, name);
    json_t *j = apifx_json(t->f, "POST", "/api/v1/units", t->admin, body, want);
    if (err)
        assert_string_equal(apifx_error_code(j), err);
    json_decref(j);
}

static void codes_and_names(void **state)
{
    ufx_t *t = *state;
    json_t *before = apifx_json(t->f, "GET", "/api/v1/units", t->admin, NULL, 200);
    size_t n = json_array_size(json_object_get(before, "units"));
    json_decref(before);
    const char *bad[] = {"A/B", "TS TA", "..", "VL25..X", "-X", "X%2FY", "S\\u1edf"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        post_unit(t, bad[i], "Sở thử", 400, "unit.code_invalid");
    static char big[5001];
    memset(big, 'Z', 5000);
    post_unit(t, big, "Sở thử", 400, "unit.code_invalid");
    post_unit(t, "VL25.OK", "Sở\\nhai dòng", 400, "unit.name_invalid");
    post_unit(t, "VL25.OK", "Sở\\u0000cắt", 400, NULL); /* NUL: not even valid JSON for us */
    json_t *after = apifx_json(t->f, "GET", "/api/v1/units", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(after, "units")), n);
    json_decref(after);
    /* a good one, then opened by its code */
    post_unit(t, "VL25.S-MOI_1", "Sở Mới", 200, NULL);
    json_t *u = apifx_json(t->f, "GET", "/api/v1/units/VL25.S-MOI_1", t->admin, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(u, "unit"), "name")),
                        "Sở Mới");
    json_decref(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(codes_and_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
