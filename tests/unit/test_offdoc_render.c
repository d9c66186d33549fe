/* Tests of the official-document renderers (io/offdoc_pdf, offdoc_docx,
 * offdoc_xlsx) checked as a reader sees them: the PDF through poppler's
 * pdftotext/pdfinfo/pdffonts, the DOCX through libxml2 and a LibreOffice
 * conversion, the XLSX through io/xlsx_read. Page images go to
 * build/screenshots/ (offdoc-report-p1.png, -p2.png, offdoc-docx-p1.png).
 *
 * A missing external tool (poppler-utils, libreoffice-writer-nogui) skips
 * the test with a message, unless CI=true: then it fails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/numfmt.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/offdoc_style.h"
#include "io/offdoc_xlsx.h"
#include "io/xlsx_read.h"
#include "support/offdoc_sample.h"
#include "support/doctools.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir;
    offdoc_t *d;
    offdoc_sample_facts_t f;
    char *pdf, *docx, *xlsx;
} fixture_t;

/* --- helpers --------------------------------------------------------------------- */

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    err_t e;
    fx->dir = testdir_new();
    if (offdoc_sample_report(&fx->d, &fx->f, &e))
        fail_msg("sample: %s", e.en);
    fx->pdf = testdir_join(fx->dir, "report.pdf");
    fx->docx = testdir_join(fx->dir, "report.docx");
    fx->xlsx = testdir_join(fx->dir, "report.xlsx");
    if (offdoc_pdf_write(fx->d, fx->pdf, &e))
        fail_msg("pdf: %s", e.en);
    if (offdoc_docx_write(fx->d, fx->docx, &e))
        fail_msg("docx: %s", e.en);
    if (offdoc_xlsx_write(fx->d, fx->xlsx, &e))
        fail_msg("xlsx: %s", e.en);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    offdoc_free(fx->d);
    free(fx->pdf);
    free(fx->docx);
    free(fx->xlsx);
    testdir_remove(fx->dir);
    free(fx);
    return 0;
}

/* --- PDF --------------------------------------------------------------------------- */

static void pdf_reads_in_order(void **state)
{
    fixture_t *fx = *state;
    char *text = doctools_pdftotext(fx->pdf, 0);
    char total[NUMFMT_MAX], pct[NUMFMT_MAX], first[NUMFMT_MAX];
    numfmt_int(fx->f.total_received, total, sizeof total);
    numfmt_pct(fx->f.total_pct, 2, 0, pct, sizeof pct);
    numfmt_int(fx->f.received[0], first, sizeof first);
    const char *const want[] = {"ỦY BAN NHÂN DÂN",
                                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "Độc lập - Tự do - Hạnh phúc",
                                "Số: 05/BC-UBND",
                                "Vĩnh Long, ngày 05 tháng 01 năm 2024",
                                "BÁO CÁO",
                                "Kết quả thực hiện công tác cải cách hành chính năm 2023",
                                "Kính gửi: Bộ Nội vụ.",
                                "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
                                "a) Công tác tuyên truyền",
                                "<CCHC> &",
                                "II. KẾT QUẢ THỰC HIỆN",
                                "Hộ tịch (cấp tỉnh)",
                                first,
                                "Tổng cộng",
                                total,
                                pct,
                                "V. ĐỀ XUẤT, KIẾN NGHỊ",
                                "Nơi nhận:",
                                "TM. ỦY BAN NHÂN DÂN",
                                "PHÓ CHỦ TỊCH",
                                "- Lưu: VT, NC.",
                                "Nguyễn Văn Hoàng",
                                "PHỤ LỤC I",
                                "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
                                "95,50%",
                                "PHỤ LỤC II"};
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    /* the hostile cell is printed as text, and the URL wraps without hyphens */
    assert_non_null(strstr(text, "<w:t>Ô</w:t> & ]]>"));
    assert_null(strstr(text, "ST-"));
    free(text);
}

static void pdf_pages_and_numbers(void **state)
{
    fixture_t *fx = *state;
    int pages = doctools_pdf_pages(fx->pdf);
    assert_in_range(pages, 8, 14);
    int table_pages = 0;
    for (int p = 1; p <= pages; p++) {
        char *t = doctools_pdftotext(fx->pdf, p);
        char *s = t;
        while (*s == ' ' || *s == '\n')
            s++;
        long first = strtol(s, NULL, 10);
        if (p == 1)
            assert_true(strncmp(s, "ỦY BAN", 7) == 0); /* no number on page 1 */
        else
            assert_int_equal(first, p);
        /* the one-stop table's header rows are repeated on every page it spans */
        if (strstr(t, "(cấp huyện)") || strstr(t, "(cấp xã)")) {
            assert_non_null(strstr(t, "Tiếp nhận"));
            assert_non_null(strstr(t, "Đã giải quyết"));
            table_pages++;
        }
        free(t);
    }
    assert_true(table_pages >= 2);
}

static void pdf_fonts(void **state)
{
    fixture_t *fx = *state;
    const char *args[] = {fx->pdf, NULL};
    char *out = doctools_run_tool("pdffonts", "poppler-utils", args, 60);
    int faces = 0;
    char *save = NULL;
    for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (!strncmp(l, "name", 4) || !strncmp(l, "----", 4))
            continue;
        if (!strstr(l, "+LiberationSerif"))
            fail_msg("unexpected font in the report: %s", l);
        faces++;
    }
    assert_true(faces >= 4); /* regular, bold, italic, bold italic */
    free(out);
}

static void pdf_screenshots(void **state)
{
    fixture_t *fx = *state;
    doctools_screenshot(fx->pdf, 1, "offdoc-report-p1");
    doctools_screenshot(fx->pdf, 2, "offdoc-report-p2");
}

static void pdf_letter_and_fallback(void **state)
{
    fixture_t *fx = *state;
    offdoc_t *d = NULL;
    err_t e;
    assert_int_equal(offdoc_sample_letter(&d, &e), 0);
    assert_int_equal(offdoc_add_para(d, "Mức độ hài lòng: 😀 rất tốt ✔", 0, &e), 0);
    char *pdf = testdir_join(fx->dir, "letter.pdf");
    assert_int_equal(offdoc_pdf_write(d, pdf, &e), 0);
    char *text = doctools_pdftotext(pdf, 0);
    const char *const want[] = {"UBND TỈNH VĨNH LONG",
                                "SỞ NỘI VỤ",
                                "/SNV-CCHC",
                                "Vĩnh Long, ngày",
                                "tháng",
                                "năm 2024",
                                "V/v đôn đốc gửi báo cáo",
                                "Kính gửi:",
                                "- Các sở, ban, ngành tỉnh;",
                                "- UBND các huyện, thị xã, thành phố.",
                                "KT. GIÁM ĐỐC",
                                "Trần Thị Mai"};
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    assert_null(strstr(text, "BÁO CÁO"));
    free(text);
    assert_int_equal(doctools_pdf_pages(pdf), 1);
    /* the emoji falls back to DejaVu Sans (data/fonts/fonts.conf) */
    const char *args[] = {pdf, NULL};
    char *fonts = doctools_run_tool("pdffonts", "poppler-utils", args, 60);
    assert_non_null(strstr(fonts, "LiberationSerif"));
    assert_non_null(strstr(fonts, "DejaVu"));
    free(fonts);
    doctools_screenshot(pdf, 1, "offdoc-letter-p1");
    free(pdf);
    offdoc_free(d);
}

/* A row taller than a page continues line by line under repeated headers. */
static void pdf_tall_row(void **state)
{
    fixture_t *fx = *state;
    offdoc_t *d = offdoc_new(OFFDOC_PLAN);
    err_t e;
    assert_int_equal(offdoc_set_bodies(d, NULL, "Sở Nội vụ", &e), 0);
    assert_int_equal(offdoc_set_summary(d, "Cải cách hành chính năm 2025", &e), 0);
    static const double w[2] = {1, 4};
    assert_int_equal(offdoc_add_table(d, 2, w, &e), 0);
    assert_int_equal(offdoc_add_row(d, OFFDOC_ROW_HEADER, &e), 0);
    assert_int_equal(offdoc_cell_text(d, "Mục", &e), 0);
    assert_int_equal(offdoc_cell_text(d, "Nội dung chi tiết", &e), 0);
    assert_int_equal(offdoc_add_row(d, 0, &e), 0);
    assert_int_equal(offdoc_cell_text(d, "1", &e), 0);
    size_t cap = 40000, n = 0;
    char *text = malloc(cap);
    for (int i = 0; n + 100 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, "câu thứ %d của ô rất dài; ", i);
    snprintf(text + n, cap - n, "KẾT THÚC Ô");
    assert_int_equal(offdoc_cell_text(d, text, &e), 0);
    free(text);
    assert_int_equal(offdoc_add_para(d, "Đoạn sau bảng.", 0, &e), 0);
    char *pdf = testdir_join(fx->dir, "tall.pdf");
    assert_int_equal(offdoc_pdf_write(d, pdf, &e), 0);
    int pages = doctools_pdf_pages(pdf);
    assert_true(pages >= 4);
    for (int p = 2; p <= pages; p++) {
        char *t = doctools_pdftotext(pdf, p);
        if (p < pages || strstr(t, "câu thứ"))
            assert_non_null(strstr(t, "Nội dung chi tiết"));
        free(t);
    }
    char *all = doctools_pdftotext(pdf, 0);
    const char *const want[] = {"câu thứ 0 của", "câu thứ 500 của", "KẾT THÚC Ô", "Đoạn sau bảng."};
    doctools_in_order(all, want, sizeof want / sizeof want[0]);
    free(all);
    free(pdf);
    offdoc_free(d);
}

/* No partial file is ever left at the destination, nor a temporary. */
static void atomic_writes(void **state)
{
    fixture_t *fx = *state;
    err_t e;
    char *sub = testdir_join(fx->dir, "atomic");
    mkdir(sub, 0755);
    char *path = testdir_join(sub, "out.pdf");
    char *missing = testdir_join(sub, "no/such/dir/out.pdf");
    assert_int_equal(offdoc_pdf_write(fx->d, missing, &e), ERR_IO);
    assert_int_equal(offdoc_docx_write(fx->d, missing, &e), ERR_IO);
    assert_int_equal(offdoc_xlsx_write(fx->d, missing, &e), ERR_IO);
    assert_string_equal(e.code, "outfile.io");
    testdir_write(path, "previous", 8);
    offdoc_t *bad = offdoc_new(OFFDOC_REPORT); /* no issuing body */
    assert_int_equal(offdoc_pdf_write(bad, path, &e), ERR_INVALID);
    assert_int_equal(offdoc_docx_write(bad, path, &e), ERR_INVALID);
    assert_int_equal(offdoc_xlsx_write(bad, path, &e), ERR_INVALID); /* no table */
    assert_string_equal(e.code, "offdoc.xlsx_select");
    size_t sel[1] = {7};
    assert_int_equal(offdoc_xlsx_write_tables(fx->d, sel, 1, path, &e), ERR_INVALID);
    offdoc_free(bad);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 8); /* untouched */
    assert_int_equal(offdoc_pdf_write(fx->d, path, &e), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    DIR *dir = opendir(sub);
    int entries = 0;
    for (struct dirent *de = readdir(dir); de; de = readdir(dir))
        entries += de->d_name[0] != '.' || strncmp(de->d_name, ".out", 4) == 0;
    closedir(dir);
    assert_int_equal(entries, 1); /* out.pdf only: no temporary left */
    free(path);
    free(missing);
    free(sub);
}

/* --- DOCX ----------------------------------------------------------------------------- */

static void docx_parts(void **state)
{
    fixture_t *fx = *state;
    static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels",
                                        "word/document.xml",   "word/_rels/document.xml.rels",
                                        "word/styles.xml",     "word/settings.xml",
                                        "word/header1.xml",    "word/header2.xml",
                                        "docProps/core.xml",   "docProps/app.xml"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t n;
        char *xml = doctools_zip_part(fx->docx, parts[i], &n);
        xmlDocPtr doc = xmlReadMemory(xml, (int)n, parts[i], NULL, XML_PARSE_NONET);
        if (!doc)
            fail_msg("%s is not well-formed XML", parts[i]);
        xmlFreeDoc(doc);
        if (!strcmp(parts[i], "word/document.xml")) {
            assert_non_null(strstr(xml, "<w:tblHeader/>"));
            assert_non_null(strstr(xml, "<w:titlePg/>"));
            assert_non_null(strstr(xml, "w:vMerge w:val=\"restart\""));
            assert_non_null(strstr(xml, "&lt;CCHC&gt; &amp; 'một cửa'"));
            assert_non_null(strstr(xml, "&lt;w:t&gt;Ô&lt;/w:t&gt; &amp; ]]&gt;"));
            assert_non_null(strstr(xml, "w:w=\"11906\" w:h=\"16838\""));
            assert_non_null(strstr(xml, "w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" "
                                        "w:left=\"1701\""));
        }
        if (!strcmp(parts[i], "word/styles.xml")) {
            assert_non_null(strstr(xml, "w:ascii=\"Times New Roman\""));
            assert_non_null(strstr(xml, "<w:sz w:val=\"28\"/>"));
            assert_non_null(strstr(xml, "w:firstLine=\"720\""));
            assert_non_null(strstr(xml, "w:styleId=\"Heading1\""));
            assert_non_null(strstr(xml, "w:styleId=\"TableGrid\""));
        }
        if (!strcmp(parts[i], "word/header1.xml"))
            assert_non_null(strstr(xml, " PAGE "));
        free(xml);
    }
}

static void docx_libreoffice(void **state)
{
    fixture_t *fx = *state;
    char *pdf = doctools_lo_to_pdf(fx->docx, fx->dir);
    char *text = doctools_pdftotext(pdf, 0);
    char total[NUMFMT_MAX];
    numfmt_int(fx->f.total_received, total, sizeof total);
    const char *const want[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "Số: 05/BC-UBND",
                                "Vĩnh Long, ngày 05 tháng 01 năm 2024",
                                "BÁO CÁO",
                                "Kính gửi: Bộ Nội vụ.",
                                "I. CÔNG TÁC CHỈ ĐẠO",
                                "<CCHC> &",
                                "Tổng cộng",
                                total,
                                "Nơi nhận:",
                                "Nguyễn Văn Hoàng",
                                "PHỤ LỤC I",
                                "PHỤ LỤC II"};
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    free(text);
    int pages = doctools_pdf_pages(pdf);
    assert_in_range(pages, 8, 16);
    char *p2 = doctools_pdftotext(pdf, 2); /* the PAGE field from page 2 */
    char *s = p2;
    while (*s == ' ' || *s == '\n')
        s++;
    assert_int_equal(strtol(s, NULL, 10), 2);
    free(p2);
    doctools_screenshot(pdf, 1, "offdoc-docx-p1");
    free(pdf);
}

/* --- XLSX ------------------------------------------------------------------------------ */

static const xlsx_row_t *next_row(xlsx_sheet_t *s)
{
    const xlsx_row_t *r = NULL;
    err_t e;
    int rc = xlsx_read_sheet_next(s, &r, &e);
    if (rc != 1)
        fail_msg("row: %d %s", rc, rc ? e.en : "end");
    return r;
}

static const xlsx_cell_t *cell(const xlsx_row_t *r, size_t col, int type)
{
    const xlsx_cell_t *c = xlsx_read_sheet_cell(r, col);
    if (!c)
        fail_msg("row %zu: no cell in column %zu", r->index, col);
    assert_int_equal(c->type, type);
    return c;
}

static void xlsx_read_back(void **state)
{
    fixture_t *fx = *state;
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    err_t e;
    assert_int_equal(xlsx_read_open_file(fx->xlsx, NULL, &x, &e), 0);
    assert_int_equal(xlsx_read_sheet_count(x), 3);
    assert_string_equal(xlsx_read_sheet_name(x, 0), "Kết quả một cửa");
    assert_string_equal(xlsx_read_sheet_name(x, 1), "Chỉ số CCHC sở, ban, ngành _202");
    assert_string_equal(xlsx_read_sheet_name(x, 2), "Bảng 3");
    assert_int_equal(xlsx_read_sheet_open(x, 0, &s, &e), 0);
    const xlsx_row_t *r = next_row(s);
    assert_string_equal(cell(r, 0, XLSX_STRING)->text, "STT");
    assert_string_equal(cell(r, 2, XLSX_STRING)->text, "Tiếp nhận");
    assert_string_equal(cell(r, 4, XLSX_STRING)->text, "Đã giải quyết");
    r = next_row(s);
    assert_string_equal(cell(r, 2, XLSX_STRING)->text, "Tổng số");
    for (int i = 0; i < OFFDOC_SAMPLE_ROWS; i++) {
        r = next_row(s);
        assert_int_equal(r->index, (size_t)i + 2);
        assert_true(cell(r, 0, XLSX_NUMBER)->num == i + 1);
        assert_true(cell(r, 2, XLSX_NUMBER)->num == (double)fx->f.received[i]);
        assert_true(cell(r, 5, XLSX_NUMBER)->num == (double)fx->f.ontime[i]);
        double pct = cell(r, 7, XLSX_NUMBER)->num;
        assert_true(pct > 90 && pct <= 100);
        if (i == 7)
            assert_string_equal(cell(r, 1, XLSX_STRING)->text, fx->f.cell_hostile);
    }
    r = next_row(s);
    assert_string_equal(cell(r, 0, XLSX_STRING)->text, "Tổng cộng");
    assert_true(cell(r, 2, XLSX_NUMBER)->num == (double)fx->f.total_received);
    assert_true(fabs(cell(r, 7, XLSX_NUMBER)->num - fx->f.total_pct) < 1e-9);
    const xlsx_row_t *end = NULL;
    assert_int_equal(xlsx_read_sheet_next(s, &end, &e), 0);
    xlsx_read_sheet_close(s);
    assert_int_equal(xlsx_read_sheet_open(x, 1, &s, &e), 0);
    next_row(s);
    r = next_row(s);
    assert_string_equal(cell(r, 1, XLSX_STRING)->text, "Sở Nội vụ");
    assert_true(cell(r, 3, XLSX_NUMBER)->num == 95.5);
    assert_true(cell(r, 4, XLSX_NUMBER)->num == 95.5);
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);

    /* a subset, in the order asked */
    char *sub = testdir_join(fx->dir, "subset.xlsx");
    size_t sel[2] = {2, 0};
    assert_int_equal(offdoc_xlsx_write_tables(fx->d, sel, 2, sub, &e), 0);
    assert_int_equal(xlsx_read_open_file(sub, NULL, &x, &e), 0);
    assert_int_equal(xlsx_read_sheet_count(x), 2);
    assert_string_equal(xlsx_read_sheet_name(x, 0), "Bảng 3");
    assert_string_equal(xlsx_read_sheet_name(x, 1), "Kết quả một cửa");
    xlsx_read_close(x);
    free(sub);
}

static void sheet_names(void **state)
{
    (void)state;
    char out[OFFDOC_XLSX_NAME_MAX];
    offdoc_xlsx_sheet_name("  'Báo cáo: quý I/2024' ", "Bảng 1", out);
    assert_string_equal(out, "Báo cáo_ quý I_2024");
    offdoc_xlsx_sheet_name("", "Bảng 1", out);
    assert_string_equal(out, "Bảng 1");
    offdoc_xlsx_sheet_name("history", "Bảng 2", out);
    assert_string_equal(out, "Bảng 2");
    offdoc_xlsx_sheet_name("Đánh giá chỉ số cải cách hành chính năm 2024", "x", out);
    assert_string_equal(out, "Đánh giá chỉ số cải cách hành c"); /* 31 characters */
    offdoc_xlsx_sheet_name("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "x", out);        /* 2 units each */
    assert_int_equal(strlen(out), 15 * 4);
    offdoc_xlsx_sheet_name("a\nb", "x", out);
    assert_string_equal(out, "a b");
}

/* Duplicate sheet names get " (2)", " (3)" within 31 characters. */
static void unique_sheets(void **state)
{
    fixture_t *fx = *state;
    offdoc_t *d = offdoc_new(OFFDOC_REPORT);
    err_t e;
    const char *long_name = "Một tên trang tính rất dài vượt quá giới hạn";
    for (int i = 0; i < 3; i++) {
        assert_int_equal(offdoc_add_table(d, 1, NULL, &e), 0);
        assert_int_equal(
            offdoc_set_sheet(d, i == 2 ? "MỘT TÊN TRANG TÍNH RẤT DÀI VƯỢT" : long_name, &e), 0);
        assert_int_equal(offdoc_add_row(d, 0, &e), 0);
        assert_int_equal(offdoc_cell_int(d, i, &e), 0);
    }
    char *path = testdir_join(fx->dir, "unique.xlsx");
    assert_int_equal(offdoc_xlsx_write(d, path, &e), 0);
    xlsx_t *x = NULL;
    assert_int_equal(xlsx_read_open_file(path, NULL, &x, &e), 0);
    assert_string_equal(xlsx_read_sheet_name(x, 0), "Một tên trang tính rất dài vượt");
    assert_string_equal(xlsx_read_sheet_name(x, 1), "Một tên trang tính rất dài (2)");
    assert_string_equal(xlsx_read_sheet_name(x, 2), "MỘT TÊN TRANG TÍNH RẤT DÀI (3)");
    xlsx_read_close(x);
    free(path);
    offdoc_free(d);
}

/* The compiled-in font configuration is the shipped data/fonts/fonts.conf. */
static void fonts_conf_matches(void **state)
{
    (void)state;
    char *path = testdir_join(testdir_root(), "data/fonts/fonts.conf");
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, offdoc_style_fonts_conf);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pdf_reads_in_order),
        cmocka_unit_test(pdf_pages_and_numbers),
        cmocka_unit_test(pdf_fonts),
        cmocka_unit_test(pdf_screenshots),
        cmocka_unit_test(pdf_letter_and_fallback),
        cmocka_unit_test(pdf_tall_row),
        cmocka_unit_test(atomic_writes),
        cmocka_unit_test(docx_parts),
        cmocka_unit_test(docx_libreoffice),
        cmocka_unit_test(xlsx_read_back),
        cmocka_unit_test(sheet_names),
        cmocka_unit_test(unique_sheets),
        cmocka_unit_test(fonts_conf_matches),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
