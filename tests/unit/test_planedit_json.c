/* Unit tests of src/io/planedit_json: reading every operation, the round
 * trip through planedit_json_write, errors naming the op, the review JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/jsonx.h"
#include "base/mem.h"
#include "io/planedit_json.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const char *const all_ops =
    "[{\"op\":\"set_task\",\"index\":0,\"no\":\"1\",\"set\":{\"title\":\"Rà soát\","
    "\"deadline\":\"Quý II/2024\",\"product\":null,\"lead\":[\"Sở Nội vụ\",{\"text\":\"Sở Tư "
    "pháp\",\"unit\":\"STP\"}],\"support\":[]}},"
    "{\"op\":\"set_target\",\"index\":0,\"set\":{\"indicator\":\"tthc.on_time\",\"op\":\">=\","
    "\"value\":95.5,\"value_max\":\"99\"}},"
    "{\"op\":\"split\",\"index\":1,\"no\":\"2\",\"offset\":24},"
    "{\"op\":\"split\",\"index\":1,\"titles\":[\"A\",\"B\"]},"
    "{\"op\":\"merge\",\"index\":0,\"no\":\"1\",\"with\":3,\"with_no\":\"4\"},"
    "{\"op\":\"merge\",\"index\":0},"
    "{\"op\":\"delete_task\",\"index\":2,\"no\":\"3\"},"
    "{\"op\":\"delete_target\",\"index\":0},"
    "{\"op\":\"add_task\",\"set\":{\"title\":\"Mới\"}},"
    "{\"op\":\"add_task\",\"index\":1,\"set\":{\"title\":\"Mới 2\",\"area\":\"so\"}},"
    "{\"op\":\"add_target\",\"index\":0,\"set\":{\"text\":\"x\"}},"
    "{\"op\":\"move\",\"index\":3,\"to\":5,\"no\":\"4\",\"to_no\":\"6\",\"area\":\"so\"}]";

static void reads_every_op(void **state)
{
    (void)state;
    err_t e;
    json_t *v = jsonx_parse(all_ops, strlen(all_ops), &e);
    assert_non_null(v);
    planedit_list_t l;
    assert_int_equal(planedit_json_read(v, &l, &e), 0);
    assert_int_equal(l.n, 12);
    planedit_op_t *o = &l.ops[0];
    assert_int_equal(o->kind, PLANEDIT_SET_TASK);
    assert_string_equal(o->no, "1");
    assert_int_equal(o->nfields, 5);
    assert_int_equal(o->fields[0].id, PLANEDIT_F_TITLE);
    assert_null(o->fields[2].text); /* product: null clears */
    assert_int_equal(o->fields[3].nparties, 2);
    assert_null(o->fields[3].parties[0].unit);
    assert_string_equal(o->fields[3].parties[1].unit, "STP");
    assert_string_equal(l.ops[1].fields[2].text, "95.5");
    assert_int_equal(l.ops[2].offset, 24);
    assert_int_equal(l.ops[3].ntitles, 2);
    assert_true(l.ops[4].has_index2);
    assert_int_equal(l.ops[4].index2, 3);
    assert_string_equal(l.ops[4].no2, "4");
    assert_false(l.ops[5].has_index2);
    assert_int_equal(l.ops[8].index, PLANEDIT_APPEND);
    assert_int_equal(l.ops[11].to, 5);
    assert_string_equal(l.ops[11].no2, "6");
    assert_int_equal(l.ops[11].area, PLANPARSE_AREA_SO);
    /* round trip: write, read again, write: the same JSON */
    json_t *w1 = planedit_json_write(&l);
    assert_non_null(w1);
    planedit_list_t l2;
    assert_int_equal(planedit_json_read(w1, &l2, &e), 0);
    json_t *w2 = planedit_json_write(&l2);
    assert_true(json_equal(w1, w2));
    assert_int_equal(l2.n, l.n);
    assert_string_equal(jsonx_str(json_array_get(w1, 8), "op", ""), "add_task");
    assert_null(json_object_get(json_array_get(w1, 8), "index"));
    json_decref(w1);
    json_decref(w2);
    planedit_list_release(&l2);
    planedit_list_release(&l);
    json_decref(v);
}

static void expect_bad(const char *text, const char *code, const char *needle)
{
    err_t e;
    json_t *v = jsonx_parse(text, strlen(text), &e);
    assert_non_null(v);
    planedit_list_t l;
    int rc = planedit_json_read(v, &l, &e);
    assert_true(rc == ERR_INVALID || rc == ERR_RANGE);
    assert_string_equal(e.code, code);
    if (needle && !strstr(e.en, needle))
        fail_msg("'%s' not in '%s'", needle, e.en);
    planedit_list_release(&l);
    json_decref(v);
}

static void bad_lists_name_the_op(void **state)
{
    (void)state;
    expect_bad("{}", "planedit.json", "array");
    expect_bad("[{\"op\":\"explode\",\"index\":0}]", "planedit.json", "Edit 0: ");
    expect_bad("[{\"op\":\"delete_task\",\"index\":0},{\"op\":\"delete_task\"}]", "planedit.json",
               "Edit 1: missing 'index'");
    expect_bad("[{\"op\":\"delete_task\",\"index\":-1}]", "planedit.json", "non-negative");
    expect_bad("[{\"op\":\"delete_task\",\"index\":0,\"no\":3}]", "planedit.json", "string");
    expect_bad("[{\"op\":\"set_task\",\"index\":0,\"set\":{\"colour\":\"red\"}}]", "planedit.json",
               "no field 'colour'");
    expect_bad("[{\"op\":\"set_task\",\"index\":0,\"set\":{\"title\":5}}]", "planedit.json",
               "wrong type");
    expect_bad("[{\"op\":\"set_task\",\"index\":0,\"set\":{\"lead\":\"x\"}}]", "planedit.json",
               "list of units");
    expect_bad("[{\"op\":\"set_task\",\"index\":0,\"set\":{\"lead\":[5]}}]", "planedit.json",
               "unit 1");
    expect_bad("[{\"op\":\"set_task\",\"index\":0,\"set\":[]}]", "planedit.json", "'set'");
    expect_bad("[{\"op\":\"split\",\"index\":0,\"titles\":[1]}]", "planedit.json", "titles");
    expect_bad("[{\"op\":\"move\",\"index\":0,\"to\":1}]", "planedit.json", "area");
    expect_bad("[{\"op\":\"move\",\"index\":0,\"to\":1,\"area\":\"moon\"}]", "planedit.json",
               "no area");
    expect_bad("[5]", "planedit.json", "Edit 0");
}

static void loads_a_file(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *path =
        testdir_file(dir, "edits.json", "{\"edits\":[{\"op\":\"delete_target\",\"index\":0}]}");
    planedit_list_t l;
    err_t e;
    assert_int_equal(planedit_json_load(path, &l, &e), 0);
    assert_int_equal(l.n, 1);
    planedit_list_release(&l);
    free(path);
    path = testdir_join(dir, "none.json");
    assert_int_equal(planedit_json_load(path, &l, &e), ERR_IO);
    assert_string_equal(e.code, "planedit.file");
    planedit_list_release(&l);
    free(path);
    testdir_remove(dir);
}

static void review_json(void **state)
{
    (void)state;
    planparse_plan_t *p = planparse_plan_new();
    assert_non_null(p);
    planparse_task_t t = {.no = "1", .area = PLANPARSE_AREA_TTHC, .title = "Công bố TTHC"};
    assert_int_equal(planparse_plan_add_task(p, &t), 0);
    t.no = "2";
    t.deadline_text = "Quý I/2024";
    assert_int_equal(planparse_plan_add_task(p, &t), 0);
    assert_int_equal(planparse_task_add_party(&p->tasks[1], true, "Sở Nội vụ", NULL, NULL), 0);
    planparse_review_t r;
    assert_int_equal(planparse_review(p, &r), 0);
    json_t *j = planedit_json_review(p, &r);
    assert_non_null(j);
    assert_int_equal(jsonx_int(j, "unsure", -1), 0);
    json_t *areas = json_object_get(j, "areas");
    assert_int_equal(json_array_size(areas), 1);
    assert_string_equal(jsonx_str(json_array_get(areas, 0), "area", ""), "tthc");
    assert_int_equal(jsonx_int(json_array_get(areas, 0), "tasks", 0), 2);
    assert_int_equal(jsonx_int(json_array_get(areas, 0), "no_lead", 0), 1);
    json_t *tasks = json_object_get(j, "tasks");
    assert_int_equal(json_array_size(tasks), 1); /* task 2 has no flag */
    json_t *f = json_object_get(json_array_get(tasks, 0), "flags");
    assert_string_equal(json_string_value(json_array_get(f, 0)), "no_lead");
    assert_string_equal(json_string_value(json_array_get(f, 1)), "no_deadline");
    json_decref(j);
    planparse_review_release(&r);
    planparse_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_op),
        cmocka_unit_test(bad_lists_name_the_op),
        cmocka_unit_test(loads_a_file),
        cmocka_unit_test(review_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
