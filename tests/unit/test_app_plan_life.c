/* Unit tests of the suggested units of src/app/app_plan_life_units.c on a
 * hand-made plan and registry (no database): only for a district's or
 * commune's plan, only unresolved names that read as divisions, one
 * suggestion per division however it is spelt ("&" / "và"), codes from the
 * issuer's code and the initials, a clash with the registry or another
 * suggestion numbered, the JSON form, and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_plan_life.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void add_unit(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                     const char *parent)
{
    unit_t u = {.code = (char *)code,
                .name = (char *)name,
                .kind = kind,
                .parent = (char *)parent,
                .valid_from = DATE_NONE,
                .valid_to = DATE_NONE};
    err_t e;
    assert_int_equal(unit_set_add(s, &u, &e), 0);
}

static void registry(unit_set_t *s)
{
    unit_set_init(s);
    add_unit(s, "VLG", "UBND tỉnh Vĩnh Long", UNIT_TINH, NULL);
    add_unit(s, "VLG.SNV", "Sở Nội vụ", UNIT_SO, "VLG");
    add_unit(s, "VLG.H.LONGHO", "UBND huyện Long Hồ", UNIT_HUYEN, "VLG");
    add_unit(s, "VLG.H.LONGHO.PTP", "Phòng Thanh tra cũ", UNIT_PHONG, "VLG.H.LONGHO");
}

static planparse_party_t party(const char *text, const char *unit)
{
    return (planparse_party_t){(char *)text, (char *)unit, NULL};
}

static void district_plan(void **state)
{
    (void)state;
    unit_set_t units;
    registry(&units);
    planparse_party_t lead1[] = {party("Phòng Nội vụ", NULL), party("Sở Nội vụ", "VLG.SNV")};
    planparse_party_t sup1[] = {party("Phòng Văn hóa & Thông tin", NULL),
                                party("Các cơ quan liên quan", NULL)};
    planparse_party_t lead2[] = {party("Phòng Văn hóa và Thông tin", NULL),
                                 party("Phòng Tư pháp", NULL), party("Phòng Tài chính", NULL)};
    planparse_party_t sup2[] = {party("công chức Tư pháp - Hộ tịch", NULL),
                                party("Báo Vĩnh Long", NULL)};
    planparse_task_t tasks[2] = {
        {.title = "A", .lead = lead1, .nlead = 2, .support = sup1, .nsupport = 2},
        {.title = "B", .lead = lead2, .nlead = 3, .support = sup2, .nsupport = 2},
    };
    planparse_plan_t p = {.tasks = tasks, .ntasks = 2};
    p.doc.issuer_unit = "VLG.H.LONGHO";
    app_plan_unit_sugg_t *v = NULL;
    size_t n = 0;
    err_t e;
    assert_int_equal(app_plan_life_suggest_units(&p, NULL, &units, &v, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_string_equal(v[0].name, "Phòng Nội vụ");
    assert_string_equal(v[0].code, "VLG.H.LONGHO.PNV");
    assert_string_equal(v[0].parent, "VLG.H.LONGHO");
    assert_int_equal(v[0].kind, UNIT_PHONG);
    assert_string_equal(v[1].name, "Phòng Văn hóa & Thông tin"); /* "và" later: the same */
    assert_string_equal(v[1].code, "VLG.H.LONGHO.PVHTT");
    assert_string_equal(v[2].code, "VLG.H.LONGHO.PTP-2"); /* PTP is in the registry */
    assert_string_equal(v[3].code, "VLG.H.LONGHO.PTC");
    assert_string_equal(v[4].name, "công chức Tư pháp - Hộ tịch");
    assert_string_equal(v[4].code, "VLG.H.LONGHO.CCTPHT");
    json_t *j = app_plan_life_sugg_json(v, n);
    assert_int_equal(json_array_size(j), 5);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "kind")), "phong");
    json_decref(j);
    mem_free(v);

    /* allocation failures: an error, nothing returned */
    int failed = 0;
    for (int k = 0; k < 200; k++) {
        mem_fail_after(k);
        int rc = app_plan_life_suggest_units(&p, NULL, &units, &v, &n, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            assert_int_equal(n, 5);
            mem_free(v);
            break;
        }
        assert_int_equal(rc, ERR_NOMEM);
        assert_null(v);
        failed++;
    }
    assert_true(failed > 0);

    /* a province's plan, or an unknown issuer: nothing suggested */
    p.doc.issuer_unit = "VLG";
    assert_int_equal(app_plan_life_suggest_units(&p, NULL, &units, &v, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(app_plan_life_suggest_units(&p, "VLG.H.LONGHO", &units, &v, &n, &e), 0);
    assert_int_equal(n, 5); /* the owning unit given decides */
    mem_free(v);
    p.doc.issuer_unit = NULL;
    assert_int_equal(app_plan_life_suggest_units(&p, NULL, &units, &v, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_null(v);
    unit_set_release(&units);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(district_plan)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
