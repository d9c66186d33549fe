/* Unit tests of src/io/unit_io: units and links in CSV and JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/unit.h"
#include "domain/unit_resolve.h"
#include "io/unit_io.h"
#include "support/testdir.h"
#include "support/unit_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Reads CSV text as file "units.csv" into a fresh set; returns the status. */
static int read_csv(const char *text, unit_set_t *s, err_t *e)
{
    unit_set_init(s);
    err_clear(e);
    return unit_io_read_csv_mem(text, strlen(text), "units.csv", s, e);
}

/* Expects text to fail with "units.csv:LINE:" and the field name in both
 * messages, and (for row errors) nothing after the bad row added. */
static void expect_row_error(const char *text, int line, const char *field, const char *code)
{
    unit_set_t s;
    err_t e;
    assert_int_equal(read_csv(text, &s, &e), ERR_INVALID);
    assert_int_equal(e.status, ERR_INVALID);
    assert_string_equal(e.code, code);
    char where[64];
    snprintf(where, sizeof where, "units.csv:%d:", line);
    if (!strstr(e.en, where) || !strstr(e.vi, where) || !strstr(e.en, field) ||
        !strstr(e.vi, field))
        fail_msg("want %s and %s in:\n  vi: %s\n  en: %s", where, field, e.vi, e.en);
    unit_set_release(&s);
}

static void reads_units_csv(void **state)
{
    (void)state;
    /* Header in another order and case; dates in both forms; aliases. */
    const char *csv = "tendonvi,LOAI,madonvi,HieuLucDen,hieuluctu,MaDonViCha,TenKhac\n"
                      "Tỉnh Lâm Sơn,tinh,T01,,,,\n"
                      "\"Sở Nội vụ\",SO,SNV,,01/01/2020,T01, SNV ; Nội vụ ;;\n"
                      "  UBND huyện Tân Lạc  , huyen ,H01,30/06/2025,,T01,\n";
    unit_set_t s;
    err_t e;
    int rc = read_csv(csv, &s, &e);
    if (rc)
        fail_msg("%s", e.en);
    assert_int_equal(s.n, 3);
    const unit_t *t = &s.units[0], *snv = &s.units[1];
    assert_string_equal(t->code, "T01");
    assert_string_equal(t->name, "Tỉnh Lâm Sơn");
    assert_int_equal(t->kind, UNIT_TINH);
    assert_null(t->parent);
    assert_int_equal(t->valid_from, DATE_NONE);
    assert_int_equal(t->valid_to, DATE_NONE);
    assert_int_equal(t->naliases, 0);
    assert_int_equal(t->line, 2);
    assert_string_equal(snv->code, "SNV");
    assert_int_equal(snv->kind, UNIT_SO);
    assert_string_equal(snv->parent, "T01");
    assert_int_equal(snv->valid_from, D("2020-01-01"));
    assert_int_equal(snv->naliases, 2);
    assert_string_equal(snv->aliases[0], "SNV");
    assert_string_equal(snv->aliases[1], "Nội vụ");
    assert_int_equal(snv->line, 3);
    assert_string_equal(snv->source, "units.csv");
    /* Every cell is trimmed, the kind too. */
    const unit_t *h = &s.units[2];
    assert_string_equal(h->name, "UBND huyện Tân Lạc");
    assert_int_equal(h->kind, UNIT_HUYEN);
    assert_int_equal(h->valid_to, D("2025-06-30"));
    assert_int_equal(h->line, 4);
    unit_set_release(&s);
}

static void reads_trimmed_and_normalised(void **state)
{
    (void)state;
    /* NFD input (decomposed marks) is stored NFC. */
    const char *csv = "MaDonVi,TenDonVi,Loai\n"
                      " X1 ,\"  So\xCC\x9B\xCC\x89 No\xCC\x82\xCC\xA3i vu\xCC\xA3  \",xa\n";
    unit_set_t s;
    err_t e;
    assert_int_equal(read_csv(csv, &s, &e), 0);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.units[0].code, "X1");
    assert_string_equal(s.units[0].name, "Sở Nội vụ");
    unit_set_release(&s);
}

static void reads_links_csv(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBFmadonvi,QUANHE,MaDonViKhac,NgayHieuLuc\r\n"
                      "H01,sap_nhap_vao,T01,01/07/2025\r\n"
                      "X03,tach_tu,X01,2025-07-01\r\n";
    unit_set_t s;
    err_t e;
    assert_int_equal(read_csv(csv, &s, &e), 0);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.nlinks, 2);
    assert_string_equal(s.links[0].from, "H01");
    assert_string_equal(s.links[0].to, "T01");
    assert_int_equal(s.links[0].kind, UNIT_LINK_MERGED_INTO);
    assert_int_equal(s.links[0].on, D("2025-07-01"));
    assert_int_equal(s.links[0].line, 2);
    assert_int_equal(s.links[1].kind, UNIT_LINK_SPLIT_FROM);
    assert_int_equal(s.links[1].line, 3);
    assert_string_equal(s.links[1].source, "units.csv");
    unit_set_release(&s);
}

static void malformed_unit_rows(void **state)
{
    (void)state;
    const char *h = "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen\n"
                    "T01,Tỉnh,tinh,,,\n";
    char buf[512];
#define ROW(row, field)                                                                            \
    do {                                                                                           \
        snprintf(buf, sizeof buf, "%s%s", h, row);                                                 \
        expect_row_error(buf, 3, field, "unit.csv_field");                                         \
    } while (0)
    ROW(",Sở Nội vụ,so,T01,,\n", "MaDonVi");
    ROW("SNV,,so,T01,,\n", "TenDonVi");
    ROW("SNV,Sở Nội vụ,department,T01,,\n", "Loai");
    ROW("SNV,Sở Nội vụ,,T01,,\n", "Loai");
    ROW("SNV,Sở Nội vụ,so,T01,2025-13-01,\n", "HieuLucTu");
    ROW("SNV,Sở Nội vụ,so,T01,hôm qua,\n", "HieuLucTu");
    ROW("SNV,Sở Nội vụ,so,T01,,31/02/2025\n", "HieuLucDen");
    ROW("SNV,Sở Nội vụ,so,T01,,2025-06-31\n", "HieuLucDen");
#undef ROW
    /* A short row is an error, not a unit with empty cells (issue 16). */
    snprintf(buf, sizeof buf, "%s%s", h, "SNV\n");
    expect_row_error(buf, 3, "", "unit.csv_columns");
    /* The bad value is quoted back. */
    unit_set_t s;
    err_t e;
    snprintf(buf, sizeof buf, "%s%s", h, "SNV,Sở Nội vụ,quận,T01,,\n");
    assert_int_equal(read_csv(buf, &s, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "'quận'"));
    unit_set_release(&s);
    /* A name spanning two lines is refused at the line it starts on. */
    expect_row_error("MaDonVi,TenDonVi,Loai\n"
                     "A,\"Tên\nhai dòng\",so\n"
                     "\n"
                     "B,Tên B,nope\n",
                     2, "", "unit.name_invalid");
}

/* The reproductions of issue 16 item 12: short rows, NUL bytes and codes that
 * could not be opened afterwards are errors with file:line. */
static void issue16_reproductions(void **state)
{
    (void)state;
    const char *h = "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
                    "T01,Tỉnh,tinh,,,,\n";
    char buf[8192];
    /* 3 of 7 columns: before, a new top-level unit */
    snprintf(buf, sizeof buf, "%sSNV,Sở Nội vụ,so\n", h);
    expect_row_error(buf, 3, "7", "unit.csv_columns");
    /* too many columns too */
    snprintf(buf, sizeof buf, "%sSNV,Sở Nội vụ,so,T01,,,,extra\n", h);
    expect_row_error(buf, 3, "8", "unit.csv_columns");
    const char *codes[] = {"A/B", "TS TA", "..", "A..B"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        snprintf(buf, sizeof buf, "%s%s,Sở,so,T01,,,\n", h, codes[i]);
        expect_row_error(buf, 3, "", "unit.code_invalid");
    }
    char big[5001];
    memset(big, 'C', 5000);
    big[5000] = '\0';
    snprintf(buf, sizeof buf, "%s%s,Sở,so,T01,,,\n", h, big);
    expect_row_error(buf, 3, "", "unit.code_invalid");
    snprintf(buf, sizeof buf, "%sSNV,Sở,so,T/01,,,\n", h);
    expect_row_error(buf, 3, "T/01", "unit.code_invalid");
    /* a NUL byte no longer cuts the name short: the row is refused */
    static const char nul[] = "MaDonVi,TenDonVi,Loai\nT01,Tỉnh,tinh\nSNV,Sở\0 Nội vụ,so\n";
    unit_set_t s;
    err_t e;
    unit_set_init(&s);
    assert_int_equal(unit_io_read_csv_mem(nul, sizeof nul - 1, "units.csv", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.nul");
    assert_non_null(strstr(e.en, "units.csv:3:"));
    assert_int_equal(s.n, 1);
    unit_set_release(&s);
    /* links: both codes follow the rule */
    expect_row_error("MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\nH 1,sap_nhap_vao,T01,2025-07-01\n", 2,
                     "", "unit.code_invalid");
    /* JSON: the same rule, with the array index */
    json_t *j =
        json_loads("{\"units\":[{\"code\":\"A/B\",\"name\":\"x\",\"kind\":\"so\"}]}", 0, NULL);
    unit_set_init(&s);
    assert_int_equal(unit_io_read_json(j, "api", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.code_invalid");
    assert_non_null(strstr(e.en, "api: units[0]"));
    unit_set_release(&s);
    json_decref(j);
    j = json_loads("{\"units\":[{\"code\":\"A\",\"name\":\"x\\ty\",\"kind\":\"so\"}]}", 0, NULL);
    unit_set_init(&s);
    assert_int_equal(unit_io_read_json(j, "api", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.name_invalid");
    unit_set_release(&s);
    json_decref(j);
    j = json_loads("{\"units\":[],\"links\":[{\"from\":\"..\",\"to\":\"T01\",\"kind\":"
                   "\"merged_into\",\"date\":\"2025-07-01\"}]}",
                   0, NULL);
    unit_set_init(&s);
    assert_int_equal(unit_io_read_json(j, "api", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.code_invalid");
    assert_non_null(strstr(e.en, "links[0]"));
    unit_set_release(&s);
    json_decref(j);
}

static void malformed_link_rows(void **state)
{
    (void)state;
    const char *h = "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                    "H01,sap_nhap_vao,T01,2025-07-01\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", h, "H02,gop_vao,T01,2025-07-01\n");
    expect_row_error(buf, 3, "QuanHe", "unit.csv_field");
    snprintf(buf, sizeof buf, "%s%s", h, "H02,sap_nhap_vao,T01,\n");
    expect_row_error(buf, 3, "NgayHieuLuc", "unit.csv_field");
    snprintf(buf, sizeof buf, "%s%s", h, "H02,sap_nhap_vao,T01,1/7\n");
    expect_row_error(buf, 3, "NgayHieuLuc", "unit.csv_field");
    snprintf(buf, sizeof buf, "%s%s", h, "H02,sap_nhap_vao,,2025-07-01\n");
    expect_row_error(buf, 3, "MaDonViKhac", "unit.csv_field");
    snprintf(buf, sizeof buf, "%s%s", h, ",sap_nhap_vao,T01,2025-07-01\n");
    expect_row_error(buf, 3, "MaDonVi", "unit.csv_field");
}

static void malformed_csv_syntax(void **state)
{
    (void)state;
    /* Errors of the CSV layer carry the source name too. */
    expect_row_error("MaDonVi,TenDonVi,Loai\nA,\"open,so\nB,x,so\n", 2, "", "csv.quote");
    expect_row_error("MaDonVi,TenDonVi,Loai\nA,\"x\"y,so\n", 2, "", "csv.quote");
    expect_row_error("MaDonVi,TenDonVi,Loai\nA,B\xff,so\n", 2, "", "csv.utf8");
}

static void header_problems(void **state)
{
    (void)state;
    unit_set_t s;
    err_t e;
    /* Missing a required column. */
    assert_int_equal(read_csv("MaDonVi,TenDonVi\nA,B\n", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.csv_header");
    assert_non_null(strstr(e.en, "units.csv:1:"));
    assert_non_null(strstr(e.en, "Loai"));
    assert_non_null(strstr(e.vi, "Loai"));
    assert_int_equal(s.n, 0);
    unit_set_release(&s);
    /* A links header missing NgayHieuLuc is neither kind. */
    assert_int_equal(read_csv("MaDonVi,QuanHe,MaDonViKhac\nA,tach_tu,B\n", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.csv_header");
    unit_set_release(&s);
    /* The header line is named even after leading blank lines. */
    assert_int_equal(read_csv("\n\nCode,Name\n", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.csv_header");
    assert_non_null(strstr(e.en, "units.csv:3:"));
    unit_set_release(&s);
    /* Empty files, BOM-only files and blank files. */
    static const char *empties[] = {"", "\xEF\xBB\xBF", "\n\r\n\n"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(read_csv(empties[i], &s, &e), ERR_INVALID);
        assert_string_equal(e.code, "unit.csv_empty");
        assert_non_null(strstr(e.en, "units.csv"));
        unit_set_release(&s);
    }
    /* A header alone is a valid, empty import. */
    assert_int_equal(read_csv("MaDonVi,TenDonVi,Loai\n", &s, &e), 0);
    assert_int_equal(s.n, 0);
    unit_set_release(&s);
}

static int read_json_text(const char *text, unit_set_t *s, err_t *e)
{
    unit_set_init(s);
    err_clear(e);
    json_t *root = jsonx_parse(text, strlen(text), e);
    assert_non_null(root);
    int rc = unit_io_read_json(root, "units.json", s, e);
    json_decref(root);
    return rc;
}

static void reads_json(void **state)
{
    (void)state;
    const char *text =
        "{\"units\":["
        "{\"code\":\"T01\",\"name\":\"Tỉnh Lâm Sơn\",\"kind\":\"tinh\"},"
        "{\"code\":\"SNV\",\"name\":\" Sở Nội vụ \",\"kind\":\"so\",\"parent\":\"T01\","
        "\"valid_from\":\"2020-01-01\",\"valid_to\":null,\"aliases\":[\"SNV\",\"Nội vụ\"]},"
        "{\"code\":\"H01\",\"name\":\"UBND huyện\",\"kind\":\"huyen\",\"parent\":\"\","
        "\"valid_to\":\"30/06/2025\"}],"
        "\"links\":[{\"from\":\"H01\",\"to\":\"T01\",\"kind\":\"merged_into\","
        "\"date\":\"2025-07-01\"}]}";
    unit_set_t s;
    err_t e;
    int rc = read_json_text(text, &s, &e);
    if (rc)
        fail_msg("%s", e.en);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.units[1].name, "Sở Nội vụ");
    assert_string_equal(s.units[1].parent, "T01");
    assert_int_equal(s.units[1].valid_from, D("2020-01-01"));
    assert_int_equal(s.units[1].valid_to, DATE_NONE);
    assert_int_equal(s.units[1].naliases, 2);
    assert_string_equal(s.units[1].aliases[1], "Nội vụ");
    assert_null(s.units[2].parent);
    assert_int_equal(s.units[2].valid_to, D("2025-06-30"));
    assert_int_equal(s.nlinks, 1);
    assert_int_equal(s.links[0].kind, UNIT_LINK_MERGED_INTO);
    assert_int_equal(s.links[0].on, D("2025-07-01"));
    unit_set_release(&s);

    /* A bare array of units. */
    assert_int_equal(read_json_text("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\"}]", &s, &e),
                     0);
    assert_int_equal(s.n, 1);
    unit_set_release(&s);
}

/* Expects JSON text to be refused with code and both messages containing
 * every fragment of the NULL-terminated list. */
static void expect_json_error(const char *text, const char *code, ...)
{
    unit_set_t s;
    err_t e;
    int rc = read_json_text(text, &s, &e);
    if (rc != ERR_INVALID)
        fail_msg("accepted: %s", text);
    assert_string_equal(e.code, code);
    va_list ap;
    va_start(ap, code);
    for (const char *frag; (frag = va_arg(ap, const char *));)
        if (!strstr(e.en, frag) || !strstr(e.vi, frag))
            fail_msg("'%s' not in:\n  vi: %s\n  en: %s", frag, e.vi, e.en);
    va_end(ap);
    unit_set_release(&s);
}

static void json_wrong_types_and_missing_fields(void **state)
{
    (void)state;
    expect_json_error("\"units\"", "unit.json_shape", "units.json", NULL);
    expect_json_error("{\"units\":{}}", "unit.json_shape", "units.json", NULL);
    expect_json_error("{\"unit\":[]}", "unit.json_shape", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\"}, 7]", "unit.json_field",
                      "units.json", "units[1]", NULL);
    expect_json_error("[{\"name\":\"B\",\"kind\":\"xa\"}]", "unit.json_field", "units[0]", "code",
                      NULL);
    expect_json_error("[{\"code\":\"A\",\"kind\":\"xa\"}]", "unit.json_field", "units[0]", "name",
                      NULL);
    expect_json_error("[{\"code\":12,\"name\":\"B\",\"kind\":\"xa\"}]", "unit.json_field",
                      "units[0]", "code", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\"}]", "unit.json_field", "units[0]", "kind",
                      NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"ward\"}]", "unit.json_field",
                      "units[0]", "kind", "ward", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"valid_from\":\"x\"}]",
                      "unit.json_field", "units[0]", "valid_from", NULL);
    expect_json_error(
        "[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"valid_to\":\"2025-02-30\"}]",
        "unit.json_field", "units[0]", "valid_to", NULL);
    /* Wrong types of optional fields are errors, not silently "absent". */
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"valid_from\":20250101}]",
                      "unit.json_field", "units[0]", "valid_from", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"valid_to\":true}]",
                      "unit.json_field", "units[0]", "valid_to", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"parent\":5}]",
                      "unit.json_field", "units[0]", "parent", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"aliases\":\"X;Y\"}]",
                      "unit.json_field", "units[0]", "aliases", NULL);
    expect_json_error("[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\",\"aliases\":[\"X\",3]}]",
                      "unit.json_field", "units[0]", "aliases", NULL);
    /* Links. */
    const char *u = "{\"units\":[{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\"}],\"links\":";
    char buf[512];
    snprintf(buf, sizeof buf, "%s[{\"from\":\"A\",\"to\":\"B\",\"kind\":\"merged_into\"}]}", u);
    expect_json_error(buf, "unit.json_field", "links[0]", NULL);
    snprintf(buf, sizeof buf,
             "%s[{\"from\":\"A\",\"kind\":\"merged_into\",\"date\":\"2025-07-01\"}]}", u);
    expect_json_error(buf, "unit.json_field", "links[0]", NULL);
    snprintf(buf, sizeof buf,
             "%s[{\"from\":\"A\",\"to\":\"B\",\"kind\":\"joined\",\"date\":\"2025-07-01\"}]}", u);
    expect_json_error(buf, "unit.json_field", "links[0]", NULL);
    snprintf(buf, sizeof buf, "%s[1]}", u);
    expect_json_error(buf, "unit.json_field", "links[0]", NULL);
    snprintf(buf, sizeof buf, "%s{}}", u);
    expect_json_error(buf, "unit.json_shape", "links", NULL);
}

/* A scratch directory per test, removed even when the test fails. */
static int make_dir(void **state)
{
    *state = testdir_new();
    return 0;
}

static int remove_dir(void **state)
{
    testdir_remove(*state);
    return 0;
}

static void reads_files_by_content(void **state)
{
    const char *dir = *state;
    unit_set_t s;
    err_t e;
    /* JSON recognised after a BOM and white space, whatever the name. */
    char *p = testdir_file(dir, "units.txt",
                           "\xEF\xBB\xBF \n [{\"code\":\"A\",\"name\":\"B\",\"kind\":\"xa\"}]");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), 0);
    assert_int_equal(s.n, 1);
    unit_set_release(&s);
    free(p);
    /* A JSON syntax error names the file. */
    p = testdir_file(dir, "broken.json", "{\"units\": [");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "broken.json"));
    assert_non_null(strstr(e.vi, "broken.json"));
    unit_set_release(&s);
    free(p);
    /* A CSV file: row and syntax errors name the path. */
    p = testdir_file(dir, "bad.csv", "MaDonVi,TenDonVi,Loai\nA,B,xa\nC,D,nope\n");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), ERR_INVALID);
    char want[600];
    snprintf(want, sizeof want, "%s:3: field Loai", p);
    assert_non_null(strstr(e.en, want));
    unit_set_release(&s);
    free(p);
    p = testdir_file(dir, "quote.csv", "MaDonVi,TenDonVi,Loai\nA,B,xa\nC,\"D,xa\n");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.quote");
    snprintf(want, sizeof want, "%s:3:", p);
    assert_non_null(strstr(e.en, want));
    unit_set_release(&s);
    free(p);
    /* An empty file and a missing file. */
    p = testdir_file(dir, "empty.csv", "");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.csv_empty");
    unit_set_release(&s);
    free(p);
    p = testdir_join(dir, "missing.csv");
    unit_set_init(&s);
    assert_int_equal(unit_io_read_file(p, &s, &e), ERR_IO);
    unit_set_release(&s);
    free(p);
}

static char *capture(int (*fn)(FILE *, const unit_set_t *), const unit_set_t *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(fn(f, s), 0);
    fclose(f);
    return text;
}

static void csv_write_read_round_trip(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    static const char *const al[] = {"SNV", "Nội vụ, tỉnh", "\"NV\""};
    unit_build_add(&s, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, NULL, 0);
    unit_build_add(&s, "SNV", "Sở Nội vụ", UNIT_SO, "T01", "2020-01-01", NULL, al, 3);
    unit_build_add(&s, "S-Q", "Sở \"Kế hoạch\", Đầu tư", UNIT_SO, "T01", NULL, "2025-02-28", NULL,
                   0);
    unit_build_add(&s, "ML", "Tên, có dấu phẩy", UNIT_DVSN, "SNV", "2021-03-04", "2024-05-06", NULL,
                   0);
    unit_link_t l = {
        .from = "S-Q", .to = "SNV", .kind = UNIT_LINK_MERGED_INTO, .on = D("2025-03-01")};
    assert_int_equal(unit_set_add_link(&s, &l, NULL), 0);
    unit_link_t l2 = {
        .from = "ML", .to = "SNV", .kind = UNIT_LINK_SPLIT_FROM, .on = D("2021-03-04")};
    assert_int_equal(unit_set_add_link(&s, &l2, NULL), 0);

    char *units = capture(unit_io_write_csv, &s);
    char *links = capture(unit_io_write_links_csv, &s);
    const char *hdr = "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n";
    assert_true(strncmp(units, hdr, strlen(hdr)) == 0);
    assert_non_null(strstr(units, "\"Sở \"\"Kế hoạch\"\", Đầu tư\""));
    assert_non_null(strstr(links, "sap_nhap_vao"));
    assert_non_null(strstr(links, "tach_tu"));

    unit_set_t r;
    unit_set_init(&r);
    err_t e;
    int rc = unit_io_read_csv_mem(units, strlen(units), "u.csv", &r, &e);
    if (rc)
        fail_msg("%s\n%s", e.en, units);
    assert_int_equal(unit_io_read_csv_mem(links, strlen(links), "l.csv", &r, &e), 0);
    assert_int_equal(r.n, s.n);
    for (size_t i = 0; i < s.n; i++) {
        const unit_t *a = &s.units[i], *b = &r.units[i];
        assert_string_equal(a->code, b->code);
        assert_string_equal(a->name, b->name);
        assert_int_equal(a->kind, b->kind);
        if (a->parent)
            assert_string_equal(a->parent, b->parent);
        else
            assert_null(b->parent);
        assert_int_equal(a->valid_from, b->valid_from);
        assert_int_equal(a->valid_to, b->valid_to);
    }
    /* Aliases survive, including one with a comma and quotes. */
    assert_int_equal(r.units[1].naliases, 3);
    assert_string_equal(r.units[1].aliases[1], "Nội vụ, tỉnh");
    assert_string_equal(r.units[1].aliases[2], "\"NV\"");
    assert_int_equal(r.nlinks, 2);
    assert_string_equal(r.links[0].from, "S-Q");
    assert_int_equal(r.links[0].kind, UNIT_LINK_MERGED_INTO);
    assert_int_equal(r.links[0].on, D("2025-03-01"));
    assert_int_equal(r.links[1].kind, UNIT_LINK_SPLIT_FROM);
    /* The round-tripped set is as valid as the original. */
    assert_int_equal(unit_set_validate(&r, "u.csv", &e), 0);
    unit_set_release(&r);
    free(units);
    free(links);
    unit_set_release(&s);
}

static void json_output_shape(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    static const char *const al[] = {"SNV"};
    unit_build_add(&s, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, NULL, 0);
    unit_build_add(&s, "SNV", "Sở Nội vụ", UNIT_SO, "T01", "2020-01-01", "2025-06-30", al, 1);
    unit_link_t l = {
        .from = "SNV", .to = "T01", .kind = UNIT_LINK_MERGED_INTO, .on = D("2025-07-01")};
    assert_int_equal(unit_set_add_link(&s, &l, NULL), 0);

    json_t *u = unit_io_unit_json(&s.units[1]);
    assert_non_null(u);
    char *text = jsonx_dump(u);
    assert_string_equal(text, "{\"code\":\"SNV\",\"name\":\"Sở Nội vụ\",\"kind\":\"so\","
                              "\"kind_label\":\"Sở, ban, ngành\",\"parent\":\"T01\","
                              "\"valid_from\":\"2020-01-01\",\"valid_to\":\"2025-06-30\","
                              "\"aliases\":[\"SNV\"]}");
    free(text);
    json_decref(u);
    u = unit_io_unit_json(&s.units[0]);
    assert_true(json_is_null(json_object_get(u, "parent")));
    assert_true(json_is_null(json_object_get(u, "valid_from")));
    assert_true(json_is_null(json_object_get(u, "valid_to")));
    assert_int_equal(json_array_size(json_object_get(u, "aliases")), 0);
    json_decref(u);

    /* The whole set at a date: SNV is gone on 1/7/2025, links stay. */
    json_t *all = unit_io_set_json(&s, DATE_NONE);
    assert_int_equal(json_array_size(json_object_get(all, "units")), 2);
    json_t *links = json_object_get(all, "links");
    assert_int_equal(json_array_size(links), 1);
    json_t *l0 = json_array_get(links, 0);
    assert_string_equal(jsonx_str(l0, "from", ""), "SNV");
    assert_string_equal(jsonx_str(l0, "to", ""), "T01");
    assert_string_equal(jsonx_str(l0, "kind", ""), "merged_into");
    assert_string_equal(jsonx_str(l0, "date", ""), "2025-07-01");
    json_decref(all);
    all = unit_io_set_json(&s, D("2025-07-01"));
    json_t *arr = json_object_get(all, "units");
    assert_int_equal(json_array_size(arr), 1);
    assert_string_equal(jsonx_str(json_array_get(arr, 0), "code", ""), "T01");
    json_decref(all);

    /* What unit_io_set_json writes, unit_io_read_json reads back. */
    all = unit_io_set_json(&s, DATE_NONE);
    unit_set_t back;
    unit_set_init(&back);
    err_t e;
    assert_int_equal(unit_io_read_json(all, "x.json", &back, &e), 0);
    assert_int_equal(back.n, 2);
    assert_int_equal(back.nlinks, 1);
    assert_int_equal(back.units[1].valid_to, D("2025-06-30"));
    assert_string_equal(back.units[1].aliases[0], "SNV");
    unit_set_release(&back);
    json_decref(all);
    unit_set_release(&s);
}

static void match_json(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    unit_build_add(&s, "SNV", "Sở Nội vụ", UNIT_SO, NULL, NULL, NULL, NULL, 0);
    unit_build_add(&s, "P1", "Phòng Tổ chức", UNIT_PHONG, "SNV", NULL, NULL, NULL, 0);
    unit_build_add(&s, "P2", "Phòng Tổ chức", UNIT_PHONG, "SNV", NULL, NULL, NULL, 0);
    err_t e;
    unit_resolver_t *r = unit_resolve_new(&s, &e);
    unit_match_t m;

    assert_int_equal(unit_resolve(r, "SO NOI VU", DATE_NONE, &m, &e), 0);
    json_t *o = unit_io_match_json("SO NOI VU", &m);
    assert_string_equal(jsonx_str(o, "query", ""), "SO NOI VU");
    assert_string_equal(jsonx_str(o, "status", ""), "unit");
    assert_true(json_is_false(json_object_get(o, "approximate")));
    assert_true(json_is_null(json_object_get(o, "group")));
    assert_true(json_is_null(json_object_get(o, "group_label")));
    assert_int_equal(json_array_size(json_object_get(o, "units")), 1);
    assert_string_equal(jsonx_str(json_array_get(json_object_get(o, "units"), 0), "code", ""),
                        "SNV");
    json_decref(o);
    unit_resolve_match_release(&m);

    assert_int_equal(unit_resolve(r, "Phòng Tổ chức", DATE_NONE, &m, &e), 0);
    o = unit_io_match_json("Phòng Tổ chức", &m);
    assert_string_equal(jsonx_str(o, "status", ""), "ambiguous");
    assert_int_equal(json_array_size(json_object_get(o, "units")), 2);
    json_decref(o);
    unit_resolve_match_release(&m);

    assert_int_equal(unit_resolve(r, "Cơ quan thường trực BCĐ CCHC tỉnh", DATE_NONE, &m, &e), 0);
    o = unit_io_match_json("Cơ quan thường trực BCĐ CCHC tỉnh", &m);
    assert_string_equal(jsonx_str(o, "status", ""), "group");
    assert_string_equal(jsonx_str(o, "group", ""), "standing");
    assert_string_equal(jsonx_str(o, "group_label", ""), "Cơ quan thường trực BCĐ CCHC tỉnh");
    assert_int_equal(json_array_size(json_object_get(o, "units")), 1);
    json_decref(o);
    unit_resolve_match_release(&m);

    assert_int_equal(unit_resolve(r, "Sở Nội", DATE_NONE, &m, &e), 0);
    o = unit_io_match_json("Sở Nội", &m);
    assert_string_equal(jsonx_str(o, "status", ""), "unit");
    assert_true(json_is_true(json_object_get(o, "approximate")));
    json_decref(o);
    unit_resolve_match_release(&m);

    assert_int_equal(unit_resolve(r, "Sở Du lịch", DATE_NONE, &m, &e), 0);
    o = unit_io_match_json("Sở Du lịch", &m);
    assert_string_equal(jsonx_str(o, "status", ""), "none");
    assert_int_equal(json_array_size(json_object_get(o, "units")), 0);
    json_decref(o);
    unit_resolve_match_release(&m);

    unit_resolve_free(r);
    unit_set_release(&s);
}

static void csv_reader_survives_allocation_failures(void **state)
{
    (void)state;
    const char *csv = "MaDonVi,TenDonVi,Loai,MaDonViCha,TenKhac\n"
                      "T01,Tỉnh,tinh,,\n"
                      "SNV,Sở Nội vụ,so,T01,SNV;Nội vụ;NV\n";
    bool ok = false;
    for (long n = 1; n < 200 && !ok; n++) {
        unit_set_t s;
        unit_set_init(&s);
        err_t e;
        err_clear(&e);
        mem_fail_after(n);
        int rc = unit_io_read_csv_mem(csv, strlen(csv), "u.csv", &s, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            ok = true;
            assert_int_equal(s.n, 2);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
        }
        unit_set_release(&s);
    }
    assert_true(ok);
}

/* A jansson allocator that fails from the n-th allocation on. */
static long json_countdown = -1;

static void *failing_malloc(size_t n)
{
    if (json_countdown >= 0 && json_countdown-- == 0) {
        json_countdown = 0;
        return NULL;
    }
    return malloc(n);
}

static void json_fail_after(long n)
{
    json_countdown = n < 0 ? -1 : n - 1;
}

static void json_output_survives_allocation_failures(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    static const char *const al[] = {"SNV", "Nội vụ"};
    unit_build_add(&s, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, NULL, 0);
    unit_build_add(&s, "SNV", "Sở Nội vụ", UNIT_SO, "T01", "2020-01-01", "2025-06-30", al, 2);
    for (int i = 0; i < 2; i++) {
        unit_link_t l = {
            .from = "SNV", .to = "T01", .kind = UNIT_LINK_MERGED_INTO, .on = D("2025-07-01")};
        assert_int_equal(unit_set_add_link(&s, &l, NULL), 0);
    }
    err_t e;
    unit_resolver_t *r = unit_resolve_new(&s, &e);
    unit_match_t m;
    assert_int_equal(unit_resolve(r, "Các sở, ban, ngành tỉnh", DATE_NONE, &m, &e), 0);

    json_set_alloc_funcs(failing_malloc, free);
    bool set_ok = false, match_ok = false;
    for (long n = 1; n < 200 && !(set_ok && match_ok); n++) {
        json_fail_after(n);
        json_t *v = unit_io_set_json(&s, DATE_NONE);
        json_fail_after(-1);
        if (v) {
            /* Whatever is returned is complete. */
            set_ok = json_array_size(json_object_get(v, "units")) == 2 &&
                     json_array_size(json_object_get(v, "links")) == 2;
            assert_true(set_ok);
            json_decref(v);
        }
        json_fail_after(n);
        v = unit_io_match_json("Các sở, ban, ngành tỉnh", &m);
        json_fail_after(-1);
        if (v) {
            match_ok = true;
            assert_int_equal(json_array_size(json_object_get(v, "units")), 1);
            json_decref(v);
        }
    }
    json_set_alloc_funcs(malloc, free);
    assert_true(set_ok && match_ok);
    unit_resolve_match_release(&m);
    unit_resolve_free(r);
    unit_set_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_units_csv),
        cmocka_unit_test(reads_trimmed_and_normalised),
        cmocka_unit_test(reads_links_csv),
        cmocka_unit_test(malformed_unit_rows),
        cmocka_unit_test(malformed_link_rows),
        cmocka_unit_test(issue16_reproductions),
        cmocka_unit_test(malformed_csv_syntax),
        cmocka_unit_test(header_problems),
        cmocka_unit_test(reads_json),
        cmocka_unit_test(json_wrong_types_and_missing_fields),
        cmocka_unit_test_setup_teardown(reads_files_by_content, make_dir, remove_dir),
        cmocka_unit_test(csv_write_read_round_trip),
        cmocka_unit_test(json_output_shape),
        cmocka_unit_test(match_json),
        cmocka_unit_test(csv_reader_survives_allocation_failures),
        cmocka_unit_test(json_output_survives_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
