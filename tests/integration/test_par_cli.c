/* Integration test of `cchc par` (the file and CLI contract of the PAR
 * issue): framework check (exit status, every problem as file, code,
 * reason), import --json -> {"id":N}, campaign create --json, score,
 * appraise, bonus, penalty, survey import, results --json with the contract
 * fields, and the documents written by export. Runs the binary
 * ($CCHC_BIN) with a temporary database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/cli_run.h"
#include "support/testdir.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define END ((const char *)NULL) /* ends the argument list of cchc() */

typedef cli_run_fx_t fixture_t;

/* Runs cchc with the arguments (ending with END) and input on stdin. */
#define cchc(f, input, ...) cli_run((f)->env, input, __VA_ARGS__)

/* The JSON output of a run that must succeed; frees r. */
static json_t *json_of(run_result_t *r)
{
    cli_run_expect_status(r, 0);
    json_t *j = cli_run_json(r);
    run_result_free(r);
    return j;
}

static int setup(void **state)
{
    /* SQLite: scripts/runtests.sh leaves this program out of the
     * PostgreSQL run (its source does not include testdb.h) */
    *state = cli_run_fx_open("c.db", CLI_RUN_SHIPPED_DATA | CLI_RUN_QUIET);
    return 0;
}

static void check_reports_every_problem(void **state)
{
    fixture_t *f = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/par/so-2024.json", testdir_root());
    run_result_t r = cchc(f, NULL, "par", "framework", "check", path, END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    char *bad = testdir_file(f->dir, "bad.json",
                             "{\"name\":\"x\",\"year\":2024,\"unit_kind\":\"so\",\"nodes\":["
                             "{\"code\":\"1\",\"name\":\"A\",\"max\":3},"
                             "{\"code\":\"1.1\",\"name\":\"B\",\"max\":1,\"method\":\"levels\","
                             "\"levels\":[{\"label\":\"x\",\"points\":2}]},"
                             "{\"code\":\"1.2\",\"name\":\"C\",\"max\":1}]}");
    r = cchc(f, NULL, "par", "framework", "check", bad, END);
    assert_int_not_equal(r.status, 0);
    /* one line per problem: file, code, node (field), reason */
    assert_non_null(strstr(r.err, "bad.json: par.max_sum: 1 (max)"));
    assert_non_null(strstr(r.err, "bad.json: par.level_max: 1.1"));
    assert_non_null(strstr(r.err, "bad.json: par.method_missing: 1.2"));
    run_result_free(&r);
    free(bad);
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static void campaign_contract(void **state)
{
    fixture_t *f = *state;
    char path[1024], units[1024], units25[1024], links[1024];
    snprintf(units, sizeof units, "%s/data/units/vinhlong_2024.csv", testdir_root());
    snprintf(units25, sizeof units25, "%s/data/units/vinhlong_2025.csv", testdir_root());
    snprintf(links, sizeof links, "%s/data/units/vinhlong_links.csv", testdir_root());
    run_result_t r = cchc(f, NULL, "unit", "import", units, units25, links, END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    snprintf(path, sizeof path, "%s/data/par/so-2024.json", testdir_root());
    r = cchc(f, NULL, "par", "framework", "import", path, "--json", END);
    json_t *j = json_of(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 1);
    json_decref(j);
    r = cchc(f, NULL, "par", "campaign", "create", "--year", "2024", "--framework", "1",
             "--bonus-max", "3", "--penalty-max", "5", "--opens", "2024-12-02", "--scope", "VLG",
             "--json", END);
    j = json_of(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 1);
    json_decref(j);
    /* a cap removed with none, then set again; a bad one is a usage error */
    r = cchc(f, NULL, "par", "campaign", "update", "1", "--penalty-max", "none", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    r = cchc(f, NULL, "par", "campaign", "show", "1", "--json", END);
    j = json_of(&r);
    assert_true(json_is_null(json_object_get(j, "penalty_max")));
    json_decref(j);
    r = cchc(f, NULL, "par", "campaign", "update", "1", "--penalty-max", "-", END);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    r = cchc(f, NULL, "par", "campaign", "update", "1", "--penalty-max", "5", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    /* 1.1.1 late (0.5), 2.1.1 appraised 1 of 2, bonus 1, penalty 0.5, 8.1 survey 80 % of its max */
    r = cchc(f, NULL, "par", "score", "--campaign", "1", "--unit", "VLG.SYT", "--criterion",
             "1.1.1", "--points", "0,5", "--note", "Ban hành chậm", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    r = cchc(f, NULL, "par", "score", "--campaign", "1", "--unit", "VLG.SYT", "--criterion",
             "1.1.1", "--points", "0.7", END);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "1; 0,5; 0"));
    run_result_free(&r);
    r = cchc(f, NULL, "par", "appraise", "--campaign", "1", "--unit", "VLG.SYT", "--criterion",
             "2.1.1", "--points", "1", END);
    assert_int_equal(r.status, 2); /* --reason is required */
    run_result_free(&r);
    r = cchc(f, NULL, "par", "appraise", "--campaign", "1", "--unit", "VLG.SYT", "--criterion",
             "2.1.1", "--points", "1", "--reason", "Thiếu văn bản", "--round", "1", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    r = cchc(f, NULL, "par", "bonus", "--campaign", "1", "--unit", "VLG.SYT", "--points", "1",
             "--reason", "Sáng kiến", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    r = cchc(f, NULL, "par", "penalty", "--campaign", "1", "--unit", "VLG.SYT", "--points", "0.5",
             "--reason", "Báo cáo chậm", END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    char *csv = testdir_file(f->dir, "xhh.csv", "MaDonVi,TieuChi,Diem\nVLG.SYT,8.1,80%\n");
    r = cchc(f, NULL, "par", "survey", "import", "--campaign", "1", csv, END);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    char *bad = testdir_file(f->dir, "bad.csv", "MaDonVi,TieuChi,Diem\nVLG.SYT,1.1.1,1\n");
    r = cchc(f, NULL, "par", "survey", "import", "--campaign", "1", bad, END);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "bad.csv:2: TieuChi: par.not_survey"));
    run_result_free(&r);
    free(csv);
    free(bad);

    r = cchc(f, NULL, "par", "results", "--campaign", "1", "--json", END);
    j = json_of(&r);
    json_t *u = json_array_get(json_object_get(j, "units"), 0);
    assert_string_equal(json_string_value(json_object_get(u, "unit")), "VLG.SYT");
    /* the survey is held: 8.1 counts 80 % of its maximum, read from the file */
    json_error_t je;
    json_t *fw = json_load_file(path, 0, &je);
    assert_non_null(fw);
    double max81 = 0;
    size_t i;
    json_t *nd;
    json_array_foreach(json_object_get(fw, "nodes"), i, nd)
    {
        if (strcmp(json_string_value(json_object_get(nd, "code")), "8.1") == 0)
            max81 = num(nd, "max");
    }
    json_decref(fw);
    double total = 0.5 + 1 + 0.8 * max81 + 1 - 0.5; /* leaves + survey + bonus - penalty */
    assert_true(fabs(num(u, "total") - total) < 0.0001);
    assert_int_equal(json_integer_value(json_object_get(u, "rank")), 1);
    assert_non_null(json_object_get(u, "band"));
    double index = round(num(u, "total") / num(u, "max") * 10000.0) / 100.0;
    assert_true(fabs(num(u, "index") - index) < 0.0001);
    json_t *a = json_array_get(json_object_get(u, "areas"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "code")), "1");
    assert_true(fabs(num(a, "points") - 0.5) < 0.0001);
    assert_non_null(json_object_get(a, "max"));
    assert_non_null(json_object_get(a, "index"));
    json_decref(j);

    char *out = testdir_join(f->dir, "bc.pdf");
    r = cchc(f, NULL, "par", "export", "--campaign", "1", "--unit", "VLG.SYT", "--format", "pdf",
             "--out", out, END);
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    assert_true(testdir_exists(out));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check_reports_every_problem, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(campaign_contract, setup, cli_run_fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
