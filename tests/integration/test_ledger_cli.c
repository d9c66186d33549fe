/* Integration tests of the ledger commands of the real binary ($CCHC_BIN,
 * default build/asan/cchc), each on a fresh database in a scratch directory
 * ($CCHC_DB) with the shipped data ($CCHC_DATA = $CCHC_ROOT/data): ingest
 * procedures and dossiers (good file, rejects, --strict), kpi --json (the
 * issue's contract, exact keys), kpi --explain, index766 --json, gen
 * dossiers (deterministic by seed, and importable), feedback, and --help of
 * each command. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/cli_run.h"
#include "support/testdb.h"
#include "support/ledger_fixture.h"
#include "support/testdir.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef cli_run_fx_t fixture_t;

static int setup(void **state)
{
    *state = cli_run_fx_open("t.db", CLI_RUN_SHIPPED_DATA | CLI_RUN_QUIET);
    return 0;
}

#define run(f, ...) cli_run((f)->env, NULL, __VA_ARGS__, (const char *)NULL)

/* Runs and expects exit 0 and `needle` (may be NULL) on stdout. */
static void ok(fixture_t *f, const char *needle, const char *a1, const char *a2, const char *a3,
               const char *a4)
{
    run_result_t r = run(f, a1, a2, a3, a4);
    cli_run_expect_status(&r, 0);
    if (needle)
        cli_run_expect_in(r.out, needle);
    run_result_free(&r);
}

/* Units, links and the procedure catalogue of the fixture. */
static void catalogue(fixture_t *f)
{
    char *u = ledger_fixture_path("units.csv"), *l = ledger_fixture_path("links.csv"),
         *p = ledger_fixture_path("procedures.csv");
    ok(f, "imported 6 units, 1 links", "unit", "import", u, l);
    ok(f, "imported 3 procedures, 5 unit links", "ingest", "procedures", p, NULL);
    free(u);
    free(l);
    free(p);
}

/* A copy of the fixture's dossier file in the scratch directory. */
static char *good_file(fixture_t *f)
{
    char *src = ledger_fixture_path("dossiers.csv");
    char *path = testdir_join(f->dir, "dossiers.csv");
    testdir_copy(src, path);
    free(src);
    return path;
}

#define HDR                                                                                        \
    "MaHoSo,MaTTHC,MaDonVi,KenhThucHien,ToanTrinh,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,"        \
    "NgayTraKetQua,TrangThaiHoSo,SoLanBoSung,NgayYeuCauBoSung,NgayBoSung,"                         \
    "DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,CoKetQuaDienTu,DanhGia\n"

/* Lines: 2 good, 3 unknown unit, 4 unknown procedure, 5 end before
 * receipt, 6 unknown status, 7 duplicate of line 2, 8 wrong column count,
 * 9 bad date, 10 good (ISO with offset), 11 stops inside a quoted field. */
static const char *BAD_FILE =
    HDR "B1,P1,X1,2,1,2024-03-04 09:00,2024-03-07 09:00,2024-03-05 10:00,2024-03-05 11:00,10,0,,,0,"
        "1,1,3\n"
        "B2,P1,NOPE,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "B3,PX,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "B4,P1,X1,1,0,2024-03-04 09:00,,2024-03-01 10:00,,9,0,,,0,0,0,0\n"
        "B5,P1,X1,1,0,2024-03-04 09:00,,,,12,0,,,0,0,0,0\n"
        "B1,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "B6,P1,X1,1,0\n"
        "B7,P1,X1,1,0,2024-13-04 09:00,,,,4,0,,,0,0,0,0\n"
        "B8,P2,S1,1,0,2024-03-04T09:00:00+07:00,,,,4,0,,,0,0,0,0\n"
        "B9,P1,X2,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,\"0";

static long received(fixture_t *f, const char *unit)
{
    run_result_t r = run(f, "kpi", "--unit", unit, "--tree", "--period", "2024", "--as-of",
                         "2025-01-01 00:00", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = json_loads(r.out, 0, NULL);
    assert_non_null(v);
    long n = (long)json_integer_value(json_object_get(v, "received"));
    json_decref(v);
    run_result_free(&r);
    return n;
}

static void ingest_good_rejects_and_strict(void **state)
{
    fixture_t *f = *state;
    catalogue(f);
    char *good = good_file(f);
    ok(f, "/ new: 13;", "ingest", "dossiers", good, NULL);
    ok(f, "already imported", "ingest", "dossiers", good, NULL);
    assert_int_equal(received(f, "T"), 12);
    /* --strict on a file with rejects: nothing is written */
    char *bad = testdir_file(f->dir, "bad.csv", BAD_FILE);
    run_result_t r = run(f, "ingest", "dossiers", bad, "--strict");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "--strict");
    run_result_free(&r);
    assert_int_equal(received(f, "T"), 12);
    /* without it: the good rows in, the others in the reject file, and an
       exit status of its own (3) with a warning (issue 16 item 13) */
    r = run(f, "ingest", "dossiers", bad);
    cli_run_expect_status(&r, 3);
    cli_run_expect_in(r.err, "8 rows were rejected");
    cli_run_expect_in(r.err, "8 dòng bị loại");
    cli_run_expect_in(r.out, "/ new: 2;");
    cli_run_expect_in(r.out, "/ rejected: 8 (");
    static const char *reasons[] = {"columns", "truncated", "date",      "status",
                                    "order",   "unit",      "procedure", "duplicate"};
    for (size_t i = 0; i < 8; i++) {
        char line[64];
        snprintf(line, sizeof line, "  %-10s 1\n", reasons[i]);
        cli_run_expect_in(r.out, line);
    }
    cli_run_expect_in(r.out, "bad.csv.rejects.csv");
    run_result_free(&r);
    assert_int_equal(received(f, "T"), 14);
    char *rej = testdir_join(f->dir, "bad.csv.rejects.csv");
    FILE *rf = fopen(rej, "rb");
    assert_non_null(rf);
    char buf[8192] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, rf);
    fclose(rf);
    assert_true(n > 0);
    assert_int_equal(strncmp(buf, "Dong,MaLoi,LyDo,", 16), 0);
    cli_run_expect_in(buf, "\n3,unit,");
    cli_run_expect_in(buf, "\n4,procedure,");
    cli_run_expect_in(buf, "\n5,order,");
    cli_run_expect_in(buf, "\n6,status,");
    cli_run_expect_in(buf, "\n7,duplicate,");
    cli_run_expect_in(buf, "\n8,columns,");
    cli_run_expect_in(buf, "B6,P1,X1,1,0");
    cli_run_expect_in(buf, "\n9,date,");
    cli_run_expect_in(buf, "\n11,truncated,");
    int lines = 0;
    for (const char *p = buf; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 9); /* header + 8 */
    free(rej);
    free(bad);
    free(good);
}

/* Issue 16 item 13: the bulk ingest applies the API's rules for codes and
 * dates, and a NUL byte rejects its row instead of cutting a code short. */
static void ingest_is_as_strict_as_the_api(void **state)
{
    fixture_t *f = *state;
    catalogue(f);
    static const char rows[] =
        HDR "C1,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
            "C 2,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
            "C/3,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
            "C4,P1,X1,1,0,2099-03-04 09:00,,,,4,0,,,0,0,0,0\n"
            "C5,P1,X1,2,1,2024-03-04 09:00,2024-03-07 09:00,2099-03-05 10:00,,9,0,,,0,1,1,0\n"
            "C6\0X,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
            "C7,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n";
    char *path = testdir_join(f->dir, "strict.csv");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(rows, 1, sizeof rows - 1, fp), sizeof rows - 1);
    fclose(fp);
    run_result_t r = run(f, "ingest", "dossiers", path);
    cli_run_expect_status(&r, 3);
    cli_run_expect_in(r.out, "/ new: 2;");
    cli_run_expect_in(r.out, "/ rejected: 5 (");
    cli_run_expect_in(r.err, "5 rows were rejected");
    run_result_free(&r);
    char *rej = testdir_join(f->dir, "strict.csv.rejects.csv");
    FILE *rf = fopen(rej, "rb");
    assert_non_null(rf);
    char buf[8192] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, rf);
    fclose(rf);
    assert_true(n > 0 && strlen(buf) == n); /* no NUL written */
    cli_run_expect_in(buf, "\n3,value,");
    cli_run_expect_in(buf, "\n4,value,");
    cli_run_expect_in(buf, "\n5,date,");
    cli_run_expect_in(buf, "\n6,date,");
    cli_run_expect_in(buf, "\n7,format,");
    cli_run_expect_in(buf, "C6\\0X,P1,X1"); /* the whole row, its NUL shown as \0 */
    free(rej);
    free(path);
    /* C6 was not stored as "C6" */
    r = run(f, "kpi", "--unit", "X1", "--period", "2024", "--as-of", "2025-01-01 00:00", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = json_loads(r.out, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "received")), 2);
    json_decref(v);
    run_result_free(&r);
    /* synthetic data as of a later day names its clock */
    char *later =
        testdir_file(f->dir, "later.csv", HDR "D4,P1,X1,1,0,2099-03-04 09:00,,,,4,0,,,0,0,0,0\n");
    r = run(f, "ingest", "dossiers", later, "--now", "2099-12-31 00:00");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "/ new: 1;");
    run_result_free(&r);
    r = run(f, "ingest", "dossiers", later, "--now", "someday");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    free(later);
}

static void kpi_json_contract_and_explain(void **state)
{
    fixture_t *f = *state;
    catalogue(f);
    char *good = good_file(f);
    ok(f, "/ new: 13;", "ingest", "dossiers", good, NULL);
    free(good);
    run_result_t r = run(f, "kpi", "--unit", "T", "--tree", "--from", "2024-01-01", "--to",
                         "2024-12-31", "--as-of", "2025-01-01 00:00", "--json");
    cli_run_expect_status(&r, 0);
    const char *head = "{\"unit\":\"T\",\"from\":\"2024-01-01\",\"to\":\"2024-12-31\","
                       "\"as_of\":\"2025-01-01T00:00:00\",\"received\":12,\"resolved\":9,";
    if (strncmp(r.out, head, strlen(head)) != 0)
        fail_msg("%s", r.out);
    json_t *v = json_loads(r.out, 0, NULL);
    assert_non_null(v);
    static const char *keys[] = {"unit",     "from",         "to",        "as_of",
                                 "received", "resolved",     "early",     "on_time",
                                 "late",     "overdue_open", "indicators"};
    assert_int_equal(json_object_size(v), 11);
    for (size_t i = 0; i < 11; i++)
        if (!json_object_get(v, keys[i]))
            fail_msg("key %s missing", keys[i]);
    static const char *ind[] = {"tthc.on_time",           "tthc.early",
                                "tthc.satisfaction",      "tthc.online",
                                "tthc.full_online",       "tthc.online_payment",
                                "tthc.digitized",         "tthc.digitized_result",
                                "catalog.online_service", "catalog.online_payment",
                                "catalog.published",      "feedback.on_time"};
    json_t *inds = json_object_get(v, "indicators");
    assert_int_equal(json_object_size(inds), 12);
    for (size_t i = 0; i < 12; i++) {
        json_t *x = json_object_get(inds, ind[i]);
        if (!x || json_object_size(x) != 3 || !json_object_get(x, "value") ||
            !json_is_integer(json_object_get(x, "num")) ||
            !json_is_integer(json_object_get(x, "den")))
            fail_msg("indicator %s malformed", ind[i]);
    }
    cli_run_expect_in(r.out, "\"tthc.on_time\":{\"value\":66.67,\"num\":6,\"den\":9}");
    cli_run_expect_in(r.out, "\"feedback.on_time\":{\"value\":null,\"num\":0,\"den\":0}");
    json_decref(v);
    run_result_free(&r);
    /* one line per unit */
    r = run(f, "kpi", "--all", "--period", "2024", "--as-of", "2025-01-01", "--json");
    cli_run_expect_status(&r, 0);
    int lines = 0;
    for (const char *p = r.out; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 6);
    run_result_free(&r);
    /* explain */
    r = run(f, "kpi", "--unit", "X2", "--tree", "--period", "2024", "--as-of", "2025-01-01",
            "--explain", "tthc.on_time");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "\"indicator\":\"tthc.on_time\",\"value\":33.33,\"num\":1,\"den\":3");
    cli_run_expect_in(r.out, "{\"code\":\"D5\",\"in_numerator\":true,\"class\":\"early\"");
    cli_run_expect_in(r.out, "{\"code\":\"D3\",\"in_numerator\":false,\"class\":\"late\"");
    run_result_free(&r);
    r = run(f, "kpi", "--unit", "X2", "--period", "2024", "--explain", "nope");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "unknown indicator");
    run_result_free(&r);
    r = run(f, "kpi", "--unit", "X2");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    /* 766 */
    r = run(f, "index766", "--period", "2024", "--tree", "--as-of", "2025-01-01", "--json");
    cli_run_expect_status(&r, 0);
    v = json_loads(r.out, 0, NULL);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "rules"), "version")),
                        "2024.1");
    json_t *units = json_object_get(v, "units");
    assert_int_equal(json_array_size(units), 6);
    /* ranked among the communes of its province: X1 first of three */
    json_t *first = NULL;
    for (size_t i = 0; i < json_array_size(units); i++) {
        json_t *u = json_array_get(units, i);
        if (strcmp(json_string_value(json_object_get(u, "unit")), "X1") == 0)
            first = u;
    }
    assert_non_null(first);
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "xa");
    assert_int_equal(json_integer_value(json_object_get(first, "rank")), 1);
    assert_int_equal(json_integer_value(json_object_get(first, "of")), 3);
    assert_int_equal(json_object_size(json_object_get(first, "groups")), 6);
    json_decref(v);
    run_result_free(&r);
}

static void gen_is_deterministic_and_importable(void **state)
{
    fixture_t *f = *state;
    run_result_t a = run(f, "gen", "dossiers", "--units", "10", "--procedures", "6", "--dossiers",
                         "300", "--year", "2024", "--seed", "7");
    run_result_t b = run(f, "gen", "dossiers", "--units", "10", "--procedures", "6", "--dossiers",
                         "300", "--year", "2024", "--seed", "7");
    run_result_t c = run(f, "gen", "dossiers", "--units", "10", "--procedures", "6", "--dossiers",
                         "300", "--year", "2024", "--seed", "8");
    cli_run_expect_status(&a, 0);
    cli_run_expect_status(&b, 0);
    cli_run_expect_status(&c, 0);
    assert_int_equal(a.out_len, b.out_len);
    assert_memory_equal(a.out, b.out, a.out_len);
    assert_true(a.out_len != c.out_len || memcmp(a.out, c.out, a.out_len) != 0);
    assert_int_equal(strncmp(a.out, HDR, strlen(HDR)), 0);
    int lines = 0;
    for (const char *p = a.out; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 301);
    run_result_free(&a);
    run_result_free(&b);
    run_result_free(&c);
    /* the generated tree, catalogue and dossiers import without a reject */
    char *u = testdir_join(f->dir, "u.csv"), *l = testdir_join(f->dir, "l.csv");
    char *p = testdir_join(f->dir, "p.csv"), *d = testdir_join(f->dir, "d.csv");
    run_result_t g = run(f, "gen", "dossiers", "--units", "10", "--procedures", "6", "--dossiers",
                         "300", "--year", "2024", "--seed", "7", "--out", d, "--units-out", u,
                         "--links-out", l, "--procedures-out", p);
    cli_run_expect_status(&g, 0);
    run_result_free(&g);
    ok(f, "imported 10 units", "unit", "import", u, l);
    ok(f, "imported 6 procedures", "ingest", "procedures", p, NULL);
    ok(f, "/ rejected: 0 (", "ingest", "dossiers", d, NULL);
    ok(f, "already imported", "ingest", "dossiers", d, NULL);
    free(u);
    free(l);
    free(p);
    free(d);
    g = run(f, "gen", "dossiers", "--units", "2");
    cli_run_expect_status(&g, 2);
    run_result_free(&g);
}

static void feedback_commands(void **state)
{
    fixture_t *f = *state;
    catalogue(f);
    ok(f, "/ feedback PAKN-", "feedback", "add", "--unit=X1", "--subject=Đèn đường hỏng");
    run_result_t r = run(f, "feedback", "add", "--unit", "X1", "--subject", "Đèn đường hỏng",
                         "--code", "FB2", "--at", "2024-02-07 10:00", "--name", "Lê C");
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    ok(f, "recorded 'acknowledged'", "feedback", "event", "FB2", "acknowledge");
    r = run(f, "feedback", "event", "FB2", "answer", "--at", "2024-02-20 09:00");
    cli_run_expect_status(&r, 1); /* before the acknowledgement (now) */
    cli_run_expect_in(r.err, "feedback FB2");
    run_result_free(&r);
    r = run(f, "feedback", "event", "FB2", "rate");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    r = run(f, "feedback", "show", "FB2", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = json_loads(r.out, 0, NULL);
    assert_non_null(v);
    json_t *dl = json_object_get(v, "deadlines");
    assert_string_equal(json_string_value(json_object_get(dl, "ack")), "2024-02-16T10:00:00");
    assert_string_equal(json_string_value(json_object_get(dl, "answer")), "2024-03-06T10:00:00");
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "timeliness"), "ack")),
                        "late");
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "sender"), "name")),
                        "Lê C");
    json_decref(v);
    run_result_free(&r);
    ok(f, "Tổng / total: 1", "feedback", "list", "--status", "acknowledged");
    r = run(f, "feedback", "show", "NOPE");
    cli_run_expect_status(&r, 1);
    run_result_free(&r);
    r = run(f, "feedback", "frobnicate");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
}

static void help_of_each_command(void **state)
{
    fixture_t *f = *state;
    static const char *cmds[][3] = {
        {"ingest", "--help", NULL},   {"ingest", "dossiers", "--help"},
        {"kpi", "--help", NULL},      {"index766", "--help", NULL},
        {"gen", "--help", NULL},      {"gen", "dossiers", "--help"},
        {"feedback", "--help", NULL}, {"feedback", "add", "--help"},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        run_result_t r = run(f, cmds[i][0], cmds[i][1], cmds[i][2]);
        cli_run_expect_status(&r, 0);
        cli_run_expect_in(r.out, "Cách dùng / usage:");
        cli_run_expect_in(r.out, cmds[i][0]);
        run_result_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ingest_good_rejects_and_strict, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(ingest_is_as_strict_as_the_api, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(kpi_json_contract_and_explain, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(gen_is_deterministic_and_importable, setup,
                                        cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(feedback_commands, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(help_of_each_command, setup, cli_run_fx_teardown),
    };
    return cmocka_run_group_tests_name("ledger_cli", tests, NULL, NULL);
}
