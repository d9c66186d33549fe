/* Integration tests of the cchc binary: db, unit and user commands, run as
 * a separate process ($CCHC_BIN, default build/asan/cchc) on a fresh
 * database per test ($CCHC_DB in a scratch directory). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/migrations.h"
#include "store/store.h"
#include "support/cli_run.h"
#include "support/testdb.h"
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
    *state = cli_run_fx_open("var/cchc.db", 0);
    return 0;
}

/* Runs cchc with the arguments and `input` on stdin. */
#define run_in(f, input, ...) cli_run((f)->env, input, __VA_ARGS__)
#define run(f, ...)           cli_run((f)->env, NULL, __VA_ARGS__, (const char *)NULL)

static const char *GOOD = "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
                          "T01,Tỉnh Lâm Sơn,tinh,,,,\n"
                          "SNV,Sở Nội vụ,so,T01,,,SNV\n"
                          "STP,\"Sở Tư pháp, tỉnh Lâm Sơn\",so,T01,,,\n"
                          "H01,UBND huyện Tân Lạc,huyen,T01,,30/06/2025,\n"
                          "X01,UBND xã Mãn Đức,xa,H01,,30/06/2025,\n"
                          "X01,UBND xã Mãn Đức,xa,T01,01/07/2025,,\n";
static const char *LINKS = "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                           "H01,sap_nhap_vao,T01,01/07/2025\n";

/* Migrates and imports the good files. */
static void import_good(fixture_t *f)
{
    char *units = testdir_file(f->dir, "units.csv", GOOD);
    char *links = testdir_file(f->dir, "links.csv", LINKS);
    run_result_t r = run(f, "unit", "import", units, links);
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "imported 6 units, 1 links; registry holds 6 unit versions");
    cli_run_expect_in(r.out, "Đã nhập 6 đơn vị");
    run_result_free(&r);
    free(units);
    free(links);
}

/* Codes of `unit list --json` (at may be NULL), comma-joined in order. */
static void list_codes(fixture_t *f, const char *at, char *out, size_t cap)
{
    run_result_t r =
        at ? run(f, "unit", "list", "--at", at, "--json") : run(f, "unit", "list", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    out[0] = '\0';
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(v, "units"), i, u)
    {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", i ? "," : "",
                 json_string_value(json_object_get(u, "code")));
    }
    json_decref(v);
    run_result_free(&r);
}

static void help_texts(void **state)
{
    fixture_t *f = *state;
    run_result_t r = run(f, "--help");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "usage");
    cli_run_expect_in(r.out, "Cách dùng");
    cli_run_expect_in(r.out, "unit");
    cli_run_expect_in(r.out, "user");
    cli_run_expect_in(r.out, "db");
    run_result_free(&r);

    r = run(f, "unit", "--help");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "cchc unit import");
    cli_run_expect_in(r.out, "resolve");
    cli_run_expect_in(r.out, "--at");
    cli_run_expect_in(r.out, "MaDonVi,TenDonVi,Loai");
    run_result_free(&r);

    static const char *cmds[][2] = {
        {"db", NULL}, {"user", NULL}, {"unit", "import"}, {"unit", "list"}, {"user", "add"}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        r = cmds[i][1] ? run(f, cmds[i][0], cmds[i][1], "--help") : run(f, cmds[i][0], "-h");
        cli_run_expect_status(&r, 0);
        cli_run_expect_in(r.out, "usage");
        run_result_free(&r);
    }
    /* Help never touches the database. */
    if (!testdb_is_pg())
        assert_false(testdir_exists(f->db));
}

static void usage_errors_exit_2(void **state)
{
    fixture_t *f = *state;
    run_result_t r = run(f, "frobnicate");
    cli_run_expect_status(&r, 2);
    cli_run_expect_in(r.err, "unknown command 'frobnicate'");
    cli_run_expect_in(r.err, "lệnh không tồn tại");
    run_result_free(&r);

    r = run_in(f, NULL, (const char *)NULL);
    cli_run_expect_status(&r, 2);
    run_result_free(&r);

    static const char *cases[][4] = {
        {"unit", "frob", NULL, NULL},        {"db", "frob", NULL, NULL},
        {"unit", "import", NULL, NULL},      {"unit", "resolve", NULL, NULL},
        {"unit", "list", "--at", "hôm qua"}, {"unit", "list", "--bogus", NULL},
        {"user", "add", "anh", NULL},        {"user", "add", "anh", "--role"},
        {"user", "frob", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char **c = cases[i];
        r = run(f, c[0], c[1], c[2], c[3]);
        if (r.status != 2)
            fail_msg("%s %s %s %s: exit %d\n%s", c[0], c[1], c[2] ? c[2] : "", c[3] ? c[3] : "",
                     r.status, r.err);
        run_result_free(&r);
    }
    r = run(f, "user", "add", "anh", "--role", "boss");
    cli_run_expect_status(&r, 2);
    cli_run_expect_in(r.err, "--role");
    run_result_free(&r);
    r = run(f, "--log-level", "loud", "db", "check");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
}

static void db_migrate_and_check(void **state)
{
    fixture_t *f = *state;
    /* Checking a database that does not exist fails without creating it
     * (PostgreSQL: an empty database is not up to date). */
    run_result_t r = run(f, "db", "check", "--json");
    cli_run_expect_status(&r, 1);
    if (testdb_is_pg()) {
        cli_run_expect_in(r.out, "\"up_to_date\":false");
    } else {
        cli_run_expect_in(r.err, "No database");
        assert_false(testdir_exists(f->db));
    }
    run_result_free(&r);

    /* Counts follow the migrations compiled in (other modules add theirs). */
    char want[96];
    int latest = store_migrations[store_migration_count - 1].version;
    snprintf(want, sizeof want, "applied %d migration(s), version %d", store_migration_count,
             latest);
    r = run(f, "db", "migrate");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, want);
    run_result_free(&r);
    assert_true(testdb_is_pg() || testdir_exists(f->db));
    r = run(f, "db", "migrate");
    cli_run_expect_status(&r, 0);
    snprintf(want, sizeof want, "applied 0 migration(s), version %d", latest);
    cli_run_expect_in(r.out, want);
    run_result_free(&r);

    r = run(f, "db", "check", "--json");
    cli_run_expect_status(&r, 0);
    /* One compact line. */
    assert_non_null(strchr(r.out, '\n'));
    assert_int_equal(strchr(r.out, '\n')[1], '\0');
    json_t *v = cli_run_json(&r);
    char where[512]; /* the location as printed: without its password */
    store_location_redact(f->db, where, sizeof where);
    assert_string_equal(json_string_value(json_object_get(v, "database")), where);
    assert_int_equal(json_integer_value(json_object_get(v, "version")), latest);
    assert_int_equal(json_integer_value(json_object_get(v, "latest")), latest);
    assert_true(json_is_true(json_object_get(v, "up_to_date")));
    assert_string_equal(json_string_value(json_object_get(v, "integrity")), "ok");
    json_decref(v);
    run_result_free(&r);

    r = run(f, "db", "check");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "integrity ok");
    run_result_free(&r);

    /* --db on the command line wins over $CCHC_DB, anywhere on the line. */
    char *other = testdb_new(f->dir, "other/x.db");
    r = run(f, "db", "migrate", "--db", other);
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    assert_true(testdb_is_pg() || testdir_exists(other));
    testdb_free(other);
}

static void unit_import_list_resolve(void **state)
{
    fixture_t *f = *state;
    import_good(f);
    char codes[512];
    list_codes(f, NULL, codes, sizeof codes);
    assert_string_equal(codes, "T01,SNV,STP,H01,X01,X01");
    list_codes(f, "2025-06-30", codes, sizeof codes);
    assert_string_equal(codes, "T01,SNV,STP,H01,X01");
    /* A unit valid to 2025-06-30 is not in the tree at 2025-07-01. */
    list_codes(f, "2025-07-01", codes, sizeof codes);
    assert_string_equal(codes, "T01,SNV,STP,X01");
    list_codes(f, "01/07/2025", codes, sizeof codes);
    assert_string_equal(codes, "T01,SNV,STP,X01");

    /* The tree as text. */
    run_result_t r = run(f, "unit", "list", "--at", "2025-06-01");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "T01  Tỉnh Lâm Sơn  [tinh]\n");
    cli_run_expect_in(r.out,
                      "  H01  UBND huyện Tân Lạc  [huyen]\n    X01  UBND xã Mãn Đức  [xa]\n");
    run_result_free(&r);
    r = run(f, "unit", "list", "--at", "2025-07-01");
    cli_run_expect_status(&r, 0);
    assert_null(strstr(r.out, "H01"));
    cli_run_expect_in(r.out, "  X01  UBND xã Mãn Đức  [xa]\n");
    run_result_free(&r);

    /* Resolution. */
    r = run(f, "unit", "resolve", "SO NOI VU", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    assert_string_equal(json_string_value(json_object_get(v, "query")), "SO NOI VU");
    assert_string_equal(json_string_value(json_object_get(v, "status")), "unit");
    json_t *units = json_object_get(v, "units");
    assert_int_equal(json_array_size(units), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(units, 0), "code")),
                        "SNV");
    json_decref(v);
    run_result_free(&r);

    r = run(f, "unit", "resolve", "--at", "2025-06-30", "UBND cấp huyện", "--json");
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    assert_string_equal(json_string_value(json_object_get(v, "status")), "group");
    assert_string_equal(json_string_value(json_object_get(v, "group")), "huyen");
    assert_int_equal(json_array_size(json_object_get(v, "units")), 1);
    json_decref(v);
    run_result_free(&r);

    r = run(f, "unit", "resolve", "sở tư pháp tỉnh lâm sơn");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "STP\tSở Tư pháp, tỉnh Lâm Sơn\tso\n");
    run_result_free(&r);

    r = run(f, "unit", "resolve", "Sở Du lịch");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.out, "no unit matches");
    run_result_free(&r);

    /* Export, then import the export into another database: same registry. */
    r = run(f, "unit", "export", "--format", "csv");
    cli_run_expect_status(&r, 0);
    char *exported = testdir_file(f->dir, "export.csv", r.out);
    run_result_free(&r);
    r = run(f, "unit", "export", "--format", "links");
    cli_run_expect_status(&r, 0);
    char *exported_links = testdir_file(f->dir, "export-links.csv", r.out);
    run_result_free(&r);
    char *db2 = testdb_new(f->dir, "copy.db");
    r = run(f, "--db", db2, "unit", "import", exported, exported_links);
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "imported 6 units, 1 links");
    run_result_free(&r);
    r = run(f, "unit", "export", "--format", "json", "--db", db2);
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    assert_int_equal(json_array_size(json_object_get(v, "units")), 6);
    assert_int_equal(json_array_size(json_object_get(v, "links")), 1);
    json_decref(v);
    run_result_free(&r);
    testdb_free(db2);
    free(exported);
    free(exported_links);
}

/* Imports `text` as file `name`: expects exit 1, stderr naming every
 * fragment (NULL-terminated), and an unchanged registry. */
static void expect_bad_import(fixture_t *f, const char *name, const char *text, ...)
{
    char before[512], after[512];
    list_codes(f, NULL, before, sizeof before);
    char *path = testdir_file(f->dir, name, text);
    run_result_t r = run(f, "unit", "import", path);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "lỗi: ");
    cli_run_expect_in(r.err, "error: ");
    cli_run_expect_in(r.err, path);
    va_list ap;
    va_start(ap, text);
    for (const char *frag; (frag = va_arg(ap, const char *));)
        cli_run_expect_in(r.err, frag);
    va_end(ap);
    assert_int_equal(r.out_len, 0);
    run_result_free(&r);
    list_codes(f, NULL, after, sizeof after);
    assert_string_equal(before, after);
    free(path);
}

static void bad_imports_write_nothing(void **state)
{
    fixture_t *f = *state;
    import_good(f);
    expect_bad_import(f, "bad.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                      "S10,Sở Y tế,so,T01\n"
                      "S11,Sở Xây dựng,department,T01\n",
                      "bad.csv:3: field Loai", "bad.csv:3: cột Loai", "'department'",
                      (const char *)NULL);
    expect_bad_import(f, "parent.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                      "S10,Sở Y tế,so,T99\n",
                      "parent.csv:2:", "MaDonViCha", "T99", (const char *)NULL);
    expect_bad_import(f, "cycle.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                      "T01,Tỉnh Lâm Sơn,tinh,SNV\n",
                      "cycle.csv:2:", "MaDonViCha", (const char *)NULL);
    expect_bad_import(f, "overlap.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu\n"
                      "SNV,Sở Nội vụ mới,so,T01,2025-01-01\n",
                      "overlap.csv:2:", "SNV", "MaDonVi", (const char *)NULL);
    expect_bad_import(f, "dates.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen\n"
                      "S12,Sở Công Thương,so,T01,2025-02-30,\n",
                      "dates.csv:2: field HieuLucTu", (const char *)NULL);
    expect_bad_import(f, "quote.csv",
                      "MaDonVi,TenDonVi,Loai\n"
                      "S13,\"Sở Tài chính,so\n"
                      "S14,Sở Xây dựng,so\n",
                      "quote.csv:2:", (const char *)NULL);
    expect_bad_import(f, "links.csv",
                      "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                      "X01,gop,T01,2025-07-01\n",
                      "links.csv:2: field QuanHe", (const char *)NULL);
    expect_bad_import(f, "empty.csv", "", "empty file", (const char *)NULL);
    /* Several files in one import: the error names the right one, and the
     * good file is not written either. */
    char before[512], after[512];
    list_codes(f, NULL, before, sizeof before);
    char *good = testdir_file(f->dir, "more.csv",
                              "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                              "S50,Sở Y tế,so,T01\n");
    char *badlinks = testdir_file(f->dir, "morelinks.csv",
                                  "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                                  "S50,tach_tu,SNV,2025-07-01\n"
                                  "S50,sap_nhap_vao,S77,2025-08-01\n");
    run_result_t r = run(f, "unit", "import", good, badlinks);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "morelinks.csv:3:");
    cli_run_expect_in(r.err, "S77");
    run_result_free(&r);
    r = run(f, "unit", "import", badlinks, good);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "morelinks.csv:3:");
    run_result_free(&r);
    list_codes(f, NULL, after, sizeof after);
    assert_string_equal(before, after);
    free(good);
    free(badlinks);

    /* A missing file. */
    char *missing = testdir_join(f->dir, "missing.csv");
    r = run(f, "unit", "import", missing);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "missing.csv");
    run_result_free(&r);
    free(missing);
}

/* Issue 16 item 12, as reproduced by the trial: each is refused with
 * file:line and nothing is written. */
static void unit_import_is_as_strict_as_the_api(void **state)
{
    fixture_t *f = *state;
    import_good(f);
    expect_bad_import(f, "short.csv",
                      "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
                      "S20,Sở Y tế,so\n",
                      "short.csv:2:", "3", "7", (const char *)NULL);
    const char *codes[] = {"A/B", "TS TA", "..", "A%2FB"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        char text[256];
        snprintf(text, sizeof text, "MaDonVi,TenDonVi,Loai,MaDonViCha\n%s,Sở Y tế,so,T01\n",
                 codes[i]);
        expect_bad_import(f, "code.csv", text, "code.csv:2:", "unit code", "mã đơn vị",
                          (const char *)NULL);
    }
    static char big[5100];
    memcpy(big, "MaDonVi,TenDonVi,Loai\n", 22);
    memset(big + 22, 'Z', 5000);
    memcpy(big + 5022, ",Sở,so\n", 9);
    expect_bad_import(f, "long.csv", big, "long.csv:2:", "64", (const char *)NULL);
    /* a NUL byte inside a name */
    char *nul = testdir_join(f->dir, "nul.csv");
    static const char data[] = "MaDonVi,TenDonVi,Loai,MaDonViCha\nS21,Sở Y\0 tế,so,T01\n";
    FILE *fp = fopen(nul, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, sizeof data - 1, fp), sizeof data - 1);
    fclose(fp);
    char before[512], after[512];
    list_codes(f, NULL, before, sizeof before);
    run_result_t r = run(f, "unit", "import", nul);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "nul.csv:2:");
    cli_run_expect_in(r.err, "NUL");
    run_result_free(&r);
    list_codes(f, NULL, after, sizeof after);
    assert_string_equal(before, after);
    free(nul);
}

static bool all_in(const char *s, size_t n, const char *alphabet)
{
    return strspn(s, alphabet) == n;
}

static void users(void **state)
{
    fixture_t *f = *state;
    import_good(f);
    /* A generated password is printed once. */
    run_result_t r = run(f, "user", "add", "anh", "--role", "officer", "--unit", "SNV", "--name",
                         "Trần Thị Anh");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "created user: anh (officer)");
    const char *p = strstr(r.out, "password: ");
    assert_non_null(p);
    p += strlen("password: ");
    assert_true(all_in(p, 16, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"));
    assert_int_equal(p[16], '\n');
    run_result_free(&r);

    /* A password from standard input is not printed. */
    r = run_in(f, "một mật khẩu dài\n", "user", "add", "binh", "--role", "viewer", "--unit", "SNV",
               "--password-stdin", (const char *)NULL);
    cli_run_expect_status(&r, 0);
    assert_null(strstr(r.out, "password:"));
    run_result_free(&r);

    /* Refusals. */
    r = run(f, "user", "add", "anh", "--role", "viewer", "--unit", "SNV");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "already exists");
    run_result_free(&r);
    /* every role but admin needs a unit */
    r = run(f, "user", "add", "chi", "--role", "viewer");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "needs the unit");
    run_result_free(&r);
    r = run(f, "user", "add", "chi", "--role", "viewer", "--unit", "NOPE");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "NOPE");
    run_result_free(&r);
    r = run_in(f, "short\n", "user", "add", "chi", "--role", "viewer", "--unit", "SNV",
               "--password-stdin", (const char *)NULL);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "password");
    run_result_free(&r);
    r = run(f, "user", "add", "Chi", "--role", "viewer", "--unit", "SNV");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "Invalid login");
    run_result_free(&r);

    r = run(f, "user", "list", "--json");
    cli_run_expect_status(&r, 0);
    json_t *v = cli_run_json(&r);
    assert_int_equal(json_array_size(v), 2);
    json_t *u0 = json_array_get(v, 0), *u1 = json_array_get(v, 1);
    assert_string_equal(json_string_value(json_object_get(u0, "login")), "anh");
    assert_string_equal(json_string_value(json_object_get(u0, "role")), "officer");
    assert_string_equal(json_string_value(json_object_get(u0, "unit_code")), "SNV");
    assert_string_equal(json_string_value(json_object_get(u0, "full_name")), "Trần Thị Anh");
    assert_string_equal(json_string_value(json_object_get(u1, "login")), "binh");
    assert_string_equal(json_string_value(json_object_get(u1, "unit_code")), "SNV");
    assert_null(strstr(r.out, "argon2"));
    json_decref(v);
    run_result_free(&r);

    r = run(f, "user", "disable", "binh");
    cli_run_expect_status(&r, 0);
    run_result_free(&r);
    r = run(f, "user", "list");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "anh");
    cli_run_expect_in(r.out, "(khóa / disabled)");
    run_result_free(&r);
    r = run(f, "user", "disable", "khong.co");
    cli_run_expect_status(&r, 1);
    run_result_free(&r);

    /* moving a user to another unit */
    r = run(f, "unit", "assign-user", "anh", "H01");
    cli_run_expect_status(&r, 0);
    cli_run_expect_in(r.out, "H01");
    run_result_free(&r);
    r = run(f, "user", "list", "--json");
    v = cli_run_json(&r);
    assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "unit_code")),
                        "H01");
    json_decref(v);
    run_result_free(&r);
    /* audited with the unit before and after */
    r = run(f, "audit", "list", "--json", "--action", "user.update");
    cli_run_expect_status(&r, 0);
    v = cli_run_json(&r);
    json_t *it = json_array_get(json_object_get(v, "items"), 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(it, "before"), "unit_code")), "SNV");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(it, "after"), "unit_code")), "H01");
    json_decref(v);
    run_result_free(&r);
    r = run(f, "unit", "assign-user", "anh", "NOPE");
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "NOPE");
    run_result_free(&r);
    r = run(f, "unit", "assign-user", "khong.co", "SNV");
    cli_run_expect_status(&r, 1);
    run_result_free(&r);
    r = run(f, "unit", "assign-user", "anh");
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(help_texts, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(usage_errors_exit_2, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(db_migrate_and_check, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(unit_import_list_resolve, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(bad_imports_write_nothing, setup, cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(unit_import_is_as_strict_as_the_api, setup,
                                        cli_run_fx_teardown),
        cmocka_unit_test_setup_teardown(users, setup, cli_run_fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
