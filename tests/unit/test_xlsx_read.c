/* Unit tests of src/io/xlsx_read: the streaming XLSX reader on hand-made
 * packages (every cell type, shared and inline strings, rich text, OOXML
 * escapes), on a workbook written by libxlsxwriter, and on hostile input:
 * DTDs and entities (also across read chunks), zip bombs, row/column/cell
 * caps, malformed XML, files that are not workbooks, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "io/xlsx_read.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/banned.h"

#define NS_MAIN "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char workbook_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS_MAIN " xmlns:r=\"" NS_REL "\">"
    "<sheets><sheet name=\"Tiêu chí\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Điểm\" sheetId=\"2\" r:id=\"rId3\"/></sheets></workbook>";

static const char rels_xml[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/b.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";

static const char sst_xml[] = "<?xml version=\"1.0\"?><sst " NS_MAIN ">"
                              "<si><t>Lĩnh vực</t></si>"
                              "<si><r><t xml:space=\"preserve\">Cải </t></r><r><rPr><b/></rPr>"
                              "<t>cách</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
                              "<si><t>a_x000D_b_x005F_c</t></si>"
                              "<si/></sst>";

static const char sheet_xml[] =
    "<?xml version=\"1.0\"?><worksheet " NS_MAIN "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c>"
    "<c t=\"s\"><v>2</v></c></row>"
    "<row r=\"3\"><c r=\"A3\"><v>1.5</v></c><c r=\"B3\" t=\"b\"><v>1</v></c>"
    "<c r=\"C3\" t=\"e\"><v>#N/A</v></c><c r=\"D3\" t=\"str\"><f>A3*2</f><v>3</v></c>"
    "<c r=\"E3\" t=\"inlineStr\"><is><t>&lt;x&gt; &amp; \"y\"</t></is></c>"
    "<c r=\"F3\" s=\"1\"/><c r=\"G3\"><v>-1.25E3</v></c><c r=\"AA3\" t=\"s\"><v>3</v></c>"
    "</row><row r=\"4\"/><row><c><v>7</v></c></row></sheetData></worksheet>";

static const char sheet_b_xml[] = "<?xml version=\"1.0\"?><worksheet " NS_MAIN "><sheetData/>"
                                  "</worksheet>";

typedef struct zpart {
    const char *name, *data;
    size_t len; /* 0: strlen */
} zpart_t;

/* Writes a zip of parts to dir/name; returns the path (caller frees). */
static char *make_zip(const char *dir, const char *name, const zpart_t *parts, size_t n)
{
    char *path = testdir_join(dir, name);
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(za, parts[i].data, len, 0);
        assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    return path;
}

/* The sample package with sheet1 replaced by sheet (NULL = the normal one). */
static char *sample(const char *dir, const char *sheet, size_t sheet_len)
{
    zpart_t parts[] = {{"xl/workbook.xml", workbook_xml, 0},
                       {"xl/_rels/workbook.xml.rels", rels_xml, 0},
                       {"xl/sharedStrings.xml", sst_xml, 0},
                       {"xl/worksheets/sheet1.xml", sheet ? sheet : sheet_xml, sheet_len},
                       {"xl/worksheets/b.xml", sheet_b_xml, 0}};
    return make_zip(dir, "sample.xlsx", parts, sizeof parts / sizeof parts[0]);
}

static const xlsx_row_t *next(xlsx_sheet_t *s)
{
    const xlsx_row_t *r = NULL;
    err_t e;
    int rc = xlsx_read_sheet_next(s, &r, &e);
    if (rc != 1)
        fail_msg("next: %d (%s)", rc, rc ? e.en : "end");
    return r;
}

static const xlsx_cell_t *at(const xlsx_row_t *r, size_t col, int type)
{
    const xlsx_cell_t *c = xlsx_read_sheet_cell(r, col);
    if (!c)
        fail_msg("no cell at row %zu column %zu", r->index, col);
    assert_int_equal(c->type, type);
    return c;
}

static void values(void **state)
{
    (void)state;
    char *dir = testdir_new(), *path = sample(dir, NULL, 0);
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    err_t e;
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), 0);
    assert_int_equal(xlsx_read_sheet_count(x), 2);
    assert_string_equal(xlsx_read_sheet_name(x, 0), "Tiêu chí");
    assert_string_equal(xlsx_read_sheet_name(x, 1), "Điểm");
    assert_null(xlsx_read_sheet_name(x, 2));
    assert_int_equal(xlsx_read_sheet_open(x, 0, &s, &e), 0);
    const xlsx_row_t *r = next(s);
    assert_int_equal(r->index, 0);
    assert_int_equal(r->ncells, 3);
    assert_string_equal(at(r, 0, XLSX_STRING)->text, "Lĩnh vực");
    assert_string_equal(at(r, 2, XLSX_STRING)->text, "Cải cách"); /* runs joined, rPh skipped */
    assert_string_equal(at(r, 3, XLSX_STRING)->text, "a\rb_c");   /* no r: next column */
    assert_null(xlsx_read_sheet_cell(r, 1));
    r = next(s);
    assert_int_equal(r->index, 2);
    assert_true(at(r, 0, XLSX_NUMBER)->num == 1.5);
    assert_string_equal(at(r, 0, XLSX_NUMBER)->text, "1.5");
    assert_true(at(r, 1, XLSX_BOOL)->num == 1);
    assert_string_equal(at(r, 2, XLSX_ERROR)->text, "#N/A");
    assert_string_equal(at(r, 3, XLSX_STRING)->text, "3"); /* formula result, formula skipped */
    assert_string_equal(at(r, 4, XLSX_STRING)->text, "<x> & \"y\"");
    assert_string_equal(at(r, 5, XLSX_EMPTY)->text, "");
    assert_true(at(r, 6, XLSX_NUMBER)->num == -1250);
    const xlsx_cell_t *aa = at(r, 26, XLSX_STRING);
    assert_string_equal(aa->text, "");
    assert_int_equal(aa->len, 0);
    r = next(s);
    assert_int_equal(r->index, 3);
    assert_int_equal(r->ncells, 0);
    r = next(s);
    assert_int_equal(r->index, 4); /* no r attribute: the next row */
    assert_true(at(r, 0, XLSX_NUMBER)->num == 7);
    assert_int_equal(xlsx_read_sheet_next(s, &r, &e), 0);
    assert_int_equal(xlsx_read_sheet_next(s, &r, &e), 0);
    xlsx_read_sheet_close(s);
    /* the second sheet, addressed by an absolute target, is empty */
    size_t idx = 9;
    assert_int_equal(xlsx_read_sheet_find(x, "diem", &idx, &e), 0);
    assert_int_equal(idx, 1);
    assert_int_equal(xlsx_read_sheet_find(x, "Tiêu chí", &idx, &e), 0);
    assert_int_equal(idx, 0);
    assert_int_equal(xlsx_read_sheet_find(x, "Điểm số", &idx, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "xlsx.no_sheet");
    assert_int_equal(xlsx_read_sheet_open(x, 2, &s, &e), ERR_NOTFOUND);
    assert_int_equal(xlsx_read_sheet_open(x, 1, &s, &e), 0);
    assert_int_equal(xlsx_read_sheet_next(s, &r, &e), 0);
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);
    free(path);
    testdir_remove(dir);
}

/* A workbook as libxlsxwriter writes it (shared strings, escapes). */
static char *writer_book(const char *dir)
{
    char *path = testdir_join(dir, "lxw.xlsx");
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Chỉ số");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(ws, 0, 0, "Sở Nội vụ", NULL);
    worksheet_write_string(ws, 0, 1, "ký tự\x01điều khiển", NULL);
    worksheet_write_number(ws, 0, 2, 94.11, NULL);
    worksheet_write_formula_num(ws, 0, 3, "=C1*2", NULL, 188.22);
    worksheet_write_boolean(ws, 0, 4, 0, NULL);
    lxw_rich_string_tuple a = {.format = NULL, .string = "Đúng "};
    lxw_rich_string_tuple b = {.format = bold, .string = "hạn"};
    lxw_rich_string_tuple *rich[] = {&a, &b, NULL};
    worksheet_write_rich_string(ws, 1, 0, rich, NULL);
    for (int i = 0; i < 300; i++)
        worksheet_write_number(ws, (lxw_row_t)(2 + i), 0, i, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

static void libxlsxwriter_book(void **state)
{
    (void)state;
    char *dir = testdir_new(), *path = writer_book(dir);
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    err_t e;
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), 0);
    assert_string_equal(xlsx_read_sheet_name(x, 0), "Chỉ số");
    assert_int_equal(xlsx_read_sheet_open(x, 0, &s, &e), 0);
    const xlsx_row_t *r = next(s);
    assert_string_equal(at(r, 0, XLSX_STRING)->text, "Sở Nội vụ");
    assert_string_equal(at(r, 1, XLSX_STRING)->text, "ký tự\x01điều khiển");
    assert_true(at(r, 2, XLSX_NUMBER)->num == 94.11);
    assert_true(at(r, 3, XLSX_NUMBER)->num == 188.22);
    assert_true(at(r, 4, XLSX_BOOL)->num == 0);
    r = next(s);
    assert_string_equal(at(r, 0, XLSX_STRING)->text, "Đúng hạn");
    size_t rows = 0;
    while (xlsx_read_sheet_next(s, &r, &e) == 1)
        assert_true(at(r, 0, XLSX_NUMBER)->num == (double)rows++);
    assert_int_equal(rows, 300);
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);
    free(path);
    testdir_remove(dir);
}

/* Opens path and reads every row of sheet 0; returns the first error. */
static int read_all(const char *path, const xlsx_limits_t *lim, err_t *e)
{
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    int rc = xlsx_read_open_file(path, lim, &x, e);
    if (!rc)
        rc = xlsx_read_sheet_open(x, 0, &s, e);
    const xlsx_row_t *r;
    while (!rc) {
        rc = xlsx_read_sheet_next(s, &r, e);
        if (rc == 1)
            rc = 0;
        else
            break;
    }
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);
    return rc;
}

static void dtd_refused(void **state)
{
    (void)state;
    char *dir = testdir_new();
    err_t e;
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet " NS_MAIN
                         "><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
                         "</sheetData></worksheet>";
    char *path = sample(dir, laughs, 0);
    assert_int_equal(read_all(path, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "xlsx.dtd");
    free(path);
    /* the declaration straddling every position around the 4 KiB chunk edge */
    for (size_t pad = 4060; pad < 4110; pad++) {
        size_t cap = pad + 512;
        char *doc = malloc(cap);
        int n = snprintf(doc, cap, "<?xml version=\"1.0\"?><!--");
        while ((size_t)n < pad)
            doc[n++] = 'x';
        n += snprintf(
            doc + n, cap - (size_t)n,
            "--><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><worksheet " NS_MAIN
            "><sheetData><row><c t=\"inlineStr\"><is><t>&e;</t></is></c></row>"
            "</sheetData></worksheet>");
        path = sample(dir, doc, (size_t)n);
        assert_int_equal(read_all(path, NULL, &e), ERR_INVALID);
        assert_string_equal(e.code, "xlsx.dtd");
        free(path);
        free(doc);
    }
    testdir_remove(dir);
}

static void limits(void **state)
{
    (void)state;
    char *dir = testdir_new(), *path = sample(dir, NULL, 0);
    err_t e;
    xlsx_limits_t lim;
    xlsx_read_limits_default(&lim);
    lim.max_rows = 2;
    assert_int_equal(read_all(path, &lim, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "xlsx.too_large");
    xlsx_read_limits_default(&lim);
    lim.max_cols = 3;
    assert_int_equal(read_all(path, &lim, &e), ERR_TOOLARGE);
    xlsx_read_limits_default(&lim);
    lim.max_cell = 8; /* "Lĩnh vực" is 11 bytes: the shared strings fail */
    assert_int_equal(read_all(path, &lim, &e), ERR_TOOLARGE);
    xlsx_read_limits_default(&lim);
    lim.max_file = 100;
    assert_int_equal(read_all(path, &lim, &e), ERR_TOOLARGE);
    free(path);
    /* a zip bomb: 8 MiB of white space compresses to a few KiB */
    size_t big = (size_t)8 << 20;
    char *bomb = malloc(big);
    memset(bomb, ' ', big);
    const char *head = "<?xml version=\"1.0\"?><worksheet " NS_MAIN "><sheetData>";
    memcpy(bomb, head, strlen(head));
    memcpy(bomb + big - 30, "</sheetData></worksheet>      ", 30);
    path = sample(dir, bomb, big);
    xlsx_read_limits_default(&lim);
    lim.max_part = (size_t)1 << 20;
    assert_int_equal(read_all(path, &lim, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "xlsx.too_large");
    assert_int_equal(read_all(path, NULL, &e), 0); /* under the default limit it is fine */
    free(bomb);
    free(path);
    testdir_remove(dir);
}

static void bad_files(void **state)
{
    (void)state;
    char *dir = testdir_new();
    err_t e;
    xlsx_t *x = NULL;
    char *path = sample(dir, "<?xml version=\"1.0\"?><worksheet><sheetData><row><c>", 0);
    assert_int_equal(read_all(path, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "xlsx.corrupt");
    free(path);
    path = testdir_file(dir, "plain.xlsx", "this is not a zip file at all");
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), ERR_INVALID);
    assert_string_equal(e.code, "xlsx.not_xlsx");
    free(path);
    static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    path = testdir_join(dir, "old.xls");
    testdir_write(path, (const char *)ole, sizeof ole);
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, ".xls"));
    assert_int_equal(xlsx_read_open_buffer(ole, sizeof ole, NULL, &x, &e), ERR_INVALID);
    free(path);
    zpart_t word[] = {{"word/document.xml", "<w:document/>", 0}};
    path = make_zip(dir, "doc.docx", word, 1);
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "Word"));
    free(path);
    zpart_t norels[] = {{"xl/workbook.xml", workbook_xml, 0}};
    path = make_zip(dir, "norels.xlsx", norels, 1);
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), ERR_INVALID);
    assert_string_equal(e.code, "xlsx.corrupt");
    free(path);
    path = testdir_join(dir, "missing.xlsx");
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), ERR_IO);
    assert_string_equal(e.code, "xlsx.io");
    free(path);
    assert_null(x);
    xlsx_read_close(NULL);
    xlsx_read_sheet_close(NULL);
    testdir_remove(dir);
}

static void from_buffer_and_allocation_failures(void **state)
{
    (void)state;
    char *dir = testdir_new(), *path = writer_book(dir);
    FILE *f = fopen(path, "rb");
    char *data = malloc(1 << 20);
    size_t n = fread(data, 1, 1 << 20, f);
    fclose(f);
    int failures = 0;
    for (long i = 1; i < 10000; i++) {
        xlsx_t *x = NULL;
        xlsx_sheet_t *s = NULL;
        err_t e;
        const xlsx_row_t *r;
        size_t rows = 0;
        mem_fail_after(i);
        int rc = xlsx_read_open_buffer(data, n, NULL, &x, &e);
        if (!rc)
            rc = xlsx_read_sheet_open(x, 0, &s, &e);
        while (!rc) {
            rc = xlsx_read_sheet_next(s, &r, &e);
            if (rc != 1)
                break;
            rows++;
            rc = 0;
        }
        mem_fail_after(-1);
        xlsx_read_sheet_close(s);
        xlsx_read_close(x);
        if (rc == 0) {
            assert_int_equal(rows, 302);
            break;
        }
        assert_int_equal(rc, ERR_NOMEM);
        failures++;
    }
    assert_true(failures > 5);
    free(data);
    free(path);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values),      cmocka_unit_test(libxlsxwriter_book),
        cmocka_unit_test(dtd_refused), cmocka_unit_test(limits),
        cmocka_unit_test(bad_files),   cmocka_unit_test(from_buffer_and_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
