/* Integration test of `cchc plan parse|import|list|show`: runs the binary
 * ($CCHC_BIN, from $CCHC_ROOT as scripts/runtests.sh sets them) with a
 * temporary CCHC_DB and checks outputs, exit codes, de-duplication and that
 * bad input stores nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/cli_run.h"
#include "support/fixture_doc.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P001 "001_74e5bd43d5376be8.txt"
#define P002 "002_f2f413426d7afbab.txt"
#define P004 "004_9a23d4ea0e0477f2.txt"

typedef cli_run_fx_t fixture_t;

/* A shared plan: ../shared/plans, else the copies in data/plans. */
static char *plan(const char *name)
{
    char *p = fxdoc_plan_path(name);
    if (!p)
        skip();
    return p;
}

static int setup(void **state)
{
    *state = cli_run_fx_open("var/cchc.db", 0);
    return 0;
}

#define run(f, ...) cli_run((f)->env, NULL, __VA_ARGS__, (const char *)NULL)

static size_t plans_stored(fixture_t *f)
{
    run_result_t r = run(f, "plan", "list", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    size_t n = json_array_size(json_object_get(v, "plans"));
    json_decref(v);
    run_result_free(&r);
    return n;
}

static void import_units(fixture_t *f)
{
    char a[1024], b[1024], c[1024];
    snprintf(a, sizeof a, "%s/data/units/vinhlong_2024.csv", testdir_root());
    snprintf(b, sizeof b, "%s/data/units/vinhlong_2025.csv", testdir_root());
    snprintf(c, sizeof c, "%s/data/units/vinhlong_links.csv", testdir_root());
    run_result_t r = run(f, "unit", "import", a, b, c);
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
}

static void help_and_usage(void **state)
{
    fixture_t *f = *state;
    run_result_t r = run(f, "plan", "--help");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "cchc plan parse");
    cli_run_expect_in(r.out, "cchc plan import");
    run_result_free(&r);
    r = run(f, "plan", "parse", "--help");
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    r = run(f, "plan");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    r = run(f, "plan", "frob");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    r = run(f, "plan", "parse");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    r = run(f, "plan", "parse", "x.txt", "--year", "twenty");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    r = run(f, "plan", "show", "abc");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
}

static void parse_needs_no_database(void **state)
{
    fixture_t *f = *state;
    char *p = plan(P002);
    run_result_t r = run(f, "plan", "parse", p, "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    assert_int_equal(json_array_size(json_object_get(v, "tasks")), 66);
    json_t *d = json_object_get(v, "document");
    assert_string_equal(json_string_value(json_object_get(d, "number")), "2890/QĐ-UBND");
    assert_int_equal(json_integer_value(json_object_get(d, "year")), 2024);
    json_t *t = json_array_get(json_object_get(v, "tasks"), 5);
    assert_string_equal(json_string_value(json_object_get(t, "no")), "6");
    json_t *dl = json_object_get(t, "deadline");
    assert_string_equal(json_string_value(json_array_get(json_object_get(dl, "dates"), 0)),
                        "2024-01-15");
    json_decref(v);
    run_result_free(&r);
    assert_false(testdir_exists(f->db)); /* nothing created */

    /* the human form */
    char *p4 = plan(P004);
    r = run(f, "plan", "parse", p4);
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "Nhiệm vụ / tasks: 10");
    cli_run_expect_in(r.out, "chủ trì / lead: Phòng Văn hóa & Thông tin");
    run_result_free(&r);
    /* --year overrides the document */
    r = run(f, "plan", "parse", p4, "--json", "--year", "2025");
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "document"), "year")),
                     2025);
    json_decref(v);
    run_result_free(&r);
    free(p);
    free(p4);
}

static void parse_resolves_with_registry(void **state)
{
    fixture_t *f = *state;
    import_units(f);
    char *p = plan(P002);
    run_result_t r = run(f, "plan", "parse", p, "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    json_t *t = json_array_get(json_object_get(v, "tasks"), 41); /* task 42 */
    json_t *lead = json_array_get(json_object_get(t, "lead"), 0);
    assert_string_equal(json_string_value(json_object_get(lead, "unit")), "VLG.SLDTBXH");
    assert_int_equal(json_array_size(json_object_get(v, "warnings")), 0);
    json_decref(v);
    run_result_free(&r);
    assert_int_equal(plans_stored(f), 0); /* parse writes nothing */
    free(p);
}

static void import_list_show_dedup(void **state)
{
    fixture_t *f = *state;
    import_units(f);
    char *p2 = plan(P002), *p1 = plan(P001);
    run_result_t r = run(f, "plan", "import", p2, "--json");
    cli_run_expect_status(&r, 0);
    assert_string_equal(r.out, "{\"id\":1,\"duplicate\":false,\"tasks\":66,\"targets\":0,"
                               "\"warnings\":0,\"report_rules\":0}\n");
    run_result_free(&r);
    /* the same bytes again: recognised, not duplicated */
    r = run(f, "plan", "import", p2, "--json");
    cli_run_expect_status(&r, 0);
    assert_string_equal(r.out, "{\"id\":1,\"duplicate\":true,\"tasks\":66,\"targets\":0,"
                               "\"warnings\":0,\"report_rules\":0}\n");
    run_result_free(&r);
    r = run(f, "plan", "import", p1);
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "#2");
    cli_run_expect_in(r.out, "29 tasks, 22 targets");
    run_result_free(&r);
    assert_int_equal(plans_stored(f), 2);

    r = run(f, "plan", "list");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "#1  2890/QĐ-UBND  VLG  2024");
    run_result_free(&r);

    /* show gives back what parse gave */
    run_result_t a = run(f, "plan", "show", "1", "--json");
    run_result_t b = run(f, "plan", "parse", p2, "--json");
    cli_run_expect_status(&a, 0);
    cli_run_expect_status(&b, 0);
    json_t *va = cli_run_json(&a), *vb = cli_run_json(&b);
    assert_int_equal(json_integer_value(json_object_get(va, "id")), 1);
    assert_string_equal(json_string_value(json_object_get(va, "unit_code")), "VLG");
    assert_int_equal(strlen(json_string_value(json_object_get(va, "hash"))), 64);
    const char *keys[] = {"document", "tasks", "targets", "warnings", "task_source"};
    for (size_t i = 0; i < 5; i++)
        if (!json_equal(json_object_get(va, keys[i]), json_object_get(vb, keys[i])))
            fail_msg("show and parse differ in %s", keys[i]);
    json_decref(va);
    json_decref(vb);
    run_result_free(&a);
    run_result_free(&b);

    r = run(f, "plan", "show", "2");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out,
                      "tthc.on_time > 95% — Trên 95% số hồ sơ TTHC được giải quyết đúng hạn");
    run_result_free(&r);
    r = run(f, "plan", "show", "99");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "No plan 99");
    run_result_free(&r);
    free(p1);
    free(p2);
}

/* A plan with its "chế độ báo cáo": kinds and a due day, and a dated annual
 * window. */
static const char KH_REPORTING[] =
    "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\n"
    "Số: 77/KH-UBND\n"
    "Vĩnh Long, ngày 10 tháng 01 năm 2025\n\n"
    "KẾ HOẠCH\nCải cách hành chính năm 2025\n\n"
    "I. NHIỆM VỤ TRỌNG TÂM\n"
    "1. Cải cách thủ tục hành chính\n"
    "- Rà soát, đơn giản hóa thủ tục hành chính. Cơ quan chủ trì: Văn phòng UBND tỉnh. Thời "
    "gian: Quý II/2025.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "1. Các sở, ban, ngành, UBND các huyện thực hiện chế độ báo cáo định kỳ quý I, 6 tháng, quý "
    "III và năm về cải cách hành chính gửi Sở Nội vụ chậm nhất ngày %d của tháng cuối kỳ.\n"
    "2. Báo cáo năm 2025: số liệu tính từ ngày 15/12/2024 đến ngày 24/11/2025, gửi trước ngày "
    "25/11/2025.\n";

static char *write_plan(fixture_t *f, const char *name, int due_day)
{
    char *path = testdir_join(f->dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, KH_REPORTING, due_day);
    fclose(fp);
    return path;
}

static const char *cal_due(json_t *cal, const char *kind, const char *key)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(cal, "reports"), i, r)
    {
        if (!strcmp(json_string_value(json_object_get(r, "kind")), kind))
            return json_string_value(json_object_get(r, key));
    }
    fail_msg("no %s in the calendar", kind);
    return NULL;
}

/* The reporting clauses: shown by parse, stored by import as the issuer's
 * calendar (its senders get the due dates), replaced by a newer plan. */
static void reporting_clauses_set_the_calendar(void **state)
{
    fixture_t *f = *state;
    import_units(f);
    char *kh = write_plan(f, "kh77.txt", 20), *kh2 = write_plan(f, "kh77b.txt", 18);
    run_result_t r = run(f, "plan", "parse", kh, "--unit", "VLG", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    json_t *rep = json_object_get(v, "reporting");
    assert_int_equal(json_array_size(json_object_get(rep, "rules")), 4);
    assert_int_equal(json_array_size(json_object_get(rep, "overrides")), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(rep, "rules"), 0), "due")),
        "20");
    json_decref(v);
    run_result_free(&r);
    r = run(f, "plan", "parse", kh);
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out,
                      "Chế độ báo cáo / reporting: 4 quy tắc / rules, 1 điều chỉnh / overrides");
    run_result_free(&r);

    r = run(f, "plan", "import", kh, "--unit", "VLG", "--json");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "\"report_rules\":5");
    run_result_free(&r);
    r = run(f, "report", "calendar", "--unit", "VLG.SNV", "--year", "2025", "--json");
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    assert_string_equal(cal_due(v, "quy1", "due"), "2025-03-20");
    assert_string_equal(cal_due(v, "6thang", "due"), "2025-06-20");
    assert_string_equal(cal_due(v, "nam", "to"), "2025-11-24");
    json_decref(v);
    run_result_free(&r);
    /* a later text of the same decision is refused unless it replaces the
     * plan (docs/internals/plan_lifecycle.md); then it replaces the rows,
     * without a conflict */
    r = run(f, "plan", "import", kh2, "--unit", "VLG");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "--replace");
    run_result_free(&r);
    r = run(f, "plan", "import", kh2, "--unit", "VLG", "--replace");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "stored 5 reporting-calendar rows");
    cli_run_expect_in(r.out, "superseded plan #1");
    run_result_free(&r);
    r = run(f, "report", "calendar", "--unit", "VLG.SNV", "--year", "2025", "--json");
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    assert_string_equal(cal_due(v, "quy1", "due"), "2025-03-18");
    json_decref(v);
    run_result_free(&r);
    free(kh);
    free(kh2);
}

static void bad_input_stores_nothing(void **state)
{
    fixture_t *f = *state;
    import_units(f);
    struct {
        const char *name;
        const char *data;
        size_t len;
        const char *err;
    } bad[] = {
        {"empty.txt", "", 0, "empty"},
        {"binary.bin", "\x01\x02\x00\x03\xff\xfe\x00\x00\x10", 9, "binary"},
        {"cut.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", 44, "truncated"},
        {"fake.docx", "PK\x03\x04 this is not really a zip archive", 0, "zip"},
        {"letter.txt", "Kính gửi anh chị,\nXin mời họp vào thứ Hai.\n", 0, "CCHC plan"},
        {"old.txt", "K\xea ho\xb8\x63h c\xb8i c\xb8\x63h\n", 0, "UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *path = testdir_join(f->dir, bad[i].name);
        testdir_write(path, bad[i].data, bad[i].len ? bad[i].len : strlen(bad[i].data));
        run_result_t r = run(f, "plan", "import", path);
        if (r.status != 1)
            fail_msg("%s: exit %d\n%s%s", bad[i].name, r.status, r.out, r.err);
        cli_run_expect_in(r.err, "lỗi:");
        cli_run_expect_in(r.err, bad[i].name);
        cli_run_expect_in(r.err, bad[i].err);
        run_result_free(&r);
        r = run(f, "plan", "parse", path, "--json");
        if (r.status != 1)
            fail_msg("parse %s: exit %d", bad[i].name, r.status);
        run_result_free(&r);
        free(path);
    }
    char *p = plan(P004);
    run_result_t r = run(f, "plan", "import", p, "--unit", "NO.SUCH.UNIT");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "NO.SUCH.UNIT");
    run_result_free(&r);
    r = run(f, "plan", "import", testdir_exists("/nonexistent/x") ? "" : "/nonexistent/x.txt");
    cli_run_expect_status(&r, 1);
    run_result_free(&r);
    assert_int_equal(plans_stored(f), 0);
    /* with a unit given, the plan is owned by it */
    r = run(f, "plan", "import", p, "--unit", "VLG.SNV", "--json");
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    r = run(f, "plan", "show", "1", "--json");
    json_t *v = cli_run_json(&r);
    assert_string_equal(json_string_value(json_object_get(v, "unit_code")), "VLG.SNV");
    json_decref(v);
    run_result_free(&r);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(help_and_usage, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(parse_needs_no_database, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(parse_resolves_with_registry, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(import_list_show_dedup, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(bad_input_stores_nothing, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(reporting_clauses_set_the_calendar, setup,
                                        cli_run_fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
