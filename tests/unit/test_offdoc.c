/* Unit tests of src/domain/offdoc: the official-document model (header
 * fields, numbering, runs, tables with spans, appendices, text validation,
 * allocation failures). Rendering is tested in test_offdoc_render. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "base/numfmt.h"
#include "domain/offdoc.h"
#include "support/offdoc_sample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static offdoc_t *report(offdoc_sample_facts_t *f)
{
    offdoc_t *d = NULL;
    err_t e;
    if (offdoc_sample_report(&d, f, &e))
        fail_msg("sample report: %s", e.en);
    return d;
}

static void header_fields(void **state)
{
    (void)state;
    offdoc_t *d = report(NULL);
    const offdoc_head_t *h = offdoc_head(d);
    assert_int_equal(h->kind, OFFDOC_REPORT);
    assert_null(h->superior);
    assert_string_equal(h->issuer, "ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG");
    assert_string_equal(h->symbol, "BC-UBND");
    char line[OFFDOC_LINE_MAX];
    offdoc_number_line(d, line);
    assert_string_equal(line, "Số: 05/BC-UBND");
    offdoc_date_line(d, line);
    assert_string_equal(line, "Vĩnh Long, ngày 05 tháng 01 năm 2024");
    assert_string_equal(offdoc_kind_title(OFFDOC_REPORT), "BÁO CÁO");
    assert_int_equal(h->nto, 1);
    assert_string_equal(h->to[0], "Bộ Nội vụ");
    assert_int_equal(h->ncc, 5);
    assert_string_equal(h->cc[0], "Bộ Nội vụ");
    assert_string_equal(h->cc[1], "TT. Tỉnh ủy");
    assert_string_equal(h->archive, "VT, NC");
    assert_string_equal(h->authority, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH");
    assert_string_equal(h->title, "PHÓ CHỦ TỊCH");
    assert_string_equal(h->signer, "Nguyễn Văn Hoàng");
    assert_int_equal(offdoc_check(d, NULL), 0);
    offdoc_free(d);
}

static void letter_fields(void **state)
{
    (void)state;
    offdoc_t *d = NULL;
    err_t e;
    assert_int_equal(offdoc_sample_letter(&d, &e), 0);
    const offdoc_head_t *h = offdoc_head(d);
    assert_string_equal(h->superior, "UBND TỈNH VĨNH LONG");
    assert_string_equal(h->issuer, "SỞ NỘI VỤ");
    assert_string_equal(h->summary, "đôn đốc gửi báo cáo cải cách hành chính quý I năm 2024");
    char line[OFFDOC_LINE_MAX];
    offdoc_number_line(d, line);
    assert_string_equal(line, "Số:      /SNV-CCHC");
    offdoc_date_line(d, line);
    assert_string_equal(line, "Vĩnh Long, ngày    tháng    năm 2024");
    assert_string_equal(offdoc_kind_title(OFFDOC_LETTER), "");
    assert_int_equal(h->nto, 2);
    assert_int_equal(offdoc_closing_at(d), offdoc_count(d));
    offdoc_free(d);

    /* defaults and the incomplete checks */
    d = offdoc_new(OFFDOC_PLAN);
    assert_non_null(d);
    assert_string_equal(offdoc_head(d)->archive, "VT");
    assert_int_equal(offdoc_check(d, &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.incomplete");
    assert_int_equal(offdoc_set_bodies(d, "", "Sở Nội vụ", &e), 0);
    assert_null(offdoc_head(d)->superior);
    assert_int_equal(offdoc_check(d, &e), ERR_INVALID);
    assert_int_equal(offdoc_set_summary(d, "Cải cách hành chính năm 2025", &e), 0);
    assert_int_equal(offdoc_check(d, &e), 0);
    offdoc_date_line(d, line);
    assert_string_equal(line, "ngày    tháng    năm");
    offdoc_free(d);
    assert_null(offdoc_new((offdoc_kind_t)9));
    offdoc_free(NULL);
}

static const offdoc_block_t *find(const offdoc_t *d, int kind, size_t nth)
{
    for (size_t i = 0; i < offdoc_count(d); i++) {
        const offdoc_block_t *b = offdoc_block(d, i);
        if (b->kind == kind && nth-- == 0)
            return b;
    }
    return NULL;
}

static void heading_numbers(void **state)
{
    (void)state;
    offdoc_t *d = report(NULL);
    static const char *const want[] = {"I.", "1.",   "2.", "a)", "b)",  "II.", "1.",
                                       "2.", "III.", "1.", "2.", "IV.", "V."};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const offdoc_block_t *b = find(d, OFFDOC_B_HEADING, i);
        assert_non_null(b);
        assert_string_equal(b->label, want[i]);
    }
    const offdoc_block_t *b = find(d, OFFDOC_B_HEADING, 0);
    assert_int_equal(b->level, 1);
    assert_string_equal(b->text, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH");
    b = find(d, OFFDOC_B_HEADING, 1);
    assert_string_equal(b->text, "Về kế hoạch cải cách hành chính"); /* sections keep case */
    offdoc_free(d);

    err_t e;
    d = offdoc_new(OFFDOC_REPORT);
    assert_int_equal(offdoc_add_heading(d, 3, NULL, "x", &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.state");
    assert_int_equal(offdoc_add_heading(d, 4, NULL, "x", &e), ERR_INVALID);
    assert_int_equal(offdoc_add_heading(d, 2, NULL, "  ", &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.text");
    assert_int_equal(offdoc_add_heading(d, 2, NULL, "Một", &e), 0);
    for (int i = 0; i < 6; i++)
        assert_int_equal(offdoc_add_heading(d, 3, NULL, "Điểm", &e), 0);
    assert_string_equal(offdoc_block(d, 5)->label, "đ)"); /* a b c d đ e */
    assert_string_equal(offdoc_block(d, 6)->label, "e)");
    assert_int_equal(offdoc_add_heading(d, 2, "2.1.", "Tiểu mục", &e), 0);
    assert_string_equal(offdoc_block(d, 7)->label, "2.1.");
    assert_int_equal(offdoc_add_heading(d, 3, NULL, "Sau nhãn riêng", &e), 0);
    assert_string_equal(offdoc_block(d, 8)->label, "a)");
    assert_int_equal(offdoc_add_heading(d, 1, "", "Không số", &e), 0);
    assert_string_equal(offdoc_block(d, 9)->label, "");
    assert_int_equal(offdoc_count(d), 10);
    offdoc_free(d);
}

static void runs_and_alignment(void **state)
{
    (void)state;
    offdoc_t *d = report(NULL);
    const offdoc_block_t *b = find(d, OFFDOC_B_PARA, 1);
    assert_int_equal(b->nruns, 7);
    assert_string_equal(b->runs[0].text, "Ủy ban nhân dân tỉnh ban hành ");
    assert_int_equal(b->runs[0].style, OFFDOC_PLAIN);
    assert_int_equal(b->runs[1].style, OFFDOC_BOLD);
    assert_int_equal(b->runs[3].style, OFFDOC_BOLD | OFFDOC_ITALIC);
    assert_int_equal(b->align, OFFDOC_ALIGN_JUSTIFY);
    b = find(d, OFFDOC_B_DASH, 0);
    assert_string_equal(b->runs[0].text, "Kế hoạch tuyên truyền cải cách hành chính năm 2023;");
    offdoc_free(d);

    err_t e;
    d = offdoc_new(OFFDOC_REPORT);
    assert_int_equal(offdoc_add_run(d, "x", 0, &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.state");
    assert_int_equal(offdoc_set_align(d, OFFDOC_ALIGN_CENTER, &e), ERR_INVALID);
    assert_int_equal(offdoc_add_para(d, "", 0, &e), 0);
    assert_int_equal(offdoc_block(d, 0)->nruns, 0);
    assert_int_equal(offdoc_add_run(d, "Kết thúc./.", OFFDOC_BOLD | 8, &e), 0);
    assert_int_equal(offdoc_block(d, 0)->runs[0].style, OFFDOC_BOLD);
    assert_int_equal(offdoc_set_align(d, OFFDOC_ALIGN_RIGHT, &e), 0);
    assert_int_equal(offdoc_block(d, 0)->align, OFFDOC_ALIGN_RIGHT);
    assert_int_equal(offdoc_set_align(d, (offdoc_align_t)7, &e), ERR_INVALID);
    assert_int_equal(offdoc_add_page_break(d, &e), 0);
    assert_int_equal(offdoc_add_run(d, "x", 0, &e), ERR_INVALID);
    offdoc_free(d);
}

static void text_rules(void **state)
{
    (void)state;
    err_t e;
    offdoc_t *d = offdoc_new(OFFDOC_REPORT);
    static const char *const bad[] = {"a\xff",     "a\tb",          "a\x01",         "a\x7f",
                                      "a\xc2\x85", "a\xe2\x80\xa8", "a\xef\xbf\xbf", "\xc0\xaf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(offdoc_add_para(d, bad[i], 0, &e), ERR_INVALID);
        assert_string_equal(e.code, "offdoc.text");
    }
    assert_int_equal(offdoc_count(d), 0);
    /* decomposed input is stored composed (NFC) */
    assert_int_equal(offdoc_add_para(d, "Vie\xcc\xa3\xcc\x82t Nam\nxuống dòng", 0, &e), 0);
    assert_string_equal(offdoc_block(d, 0)->runs[0].text, "Việt Nam\nxuống dòng");
    /* single-line fields */
    assert_int_equal(offdoc_set_number(d, 5, "BC UBND", &e), ERR_INVALID);
    assert_int_equal(offdoc_set_number(d, 5, "BC-\nUBND", &e), ERR_INVALID);
    assert_int_equal(offdoc_set_number(d, -1, "BC", &e), ERR_RANGE);
    assert_string_equal(e.code, "offdoc.number");
    assert_int_equal(offdoc_set_number(d, OFFDOC_NUMBER_MAX + 1, "BC", &e), ERR_RANGE);
    assert_int_equal(offdoc_set_number(d, 3, "qđ-ubnd", &e), 0);
    assert_string_equal(offdoc_head(d)->symbol, "QĐ-UBND");
    assert_int_equal(offdoc_set_place_date(d, "Vĩnh\nLong", DATE_NONE, 0, &e), ERR_INVALID);
    char longplace[OFFDOC_PLACE_MAX + 2];
    memset(longplace, 'x', sizeof longplace - 1);
    longplace[sizeof longplace - 1] = '\0';
    assert_int_equal(offdoc_set_place_date(d, longplace, DATE_NONE, 0, &e), ERR_TOOLARGE);
    assert_int_equal(offdoc_set_place_date(d, "Huế", DATE_NONE, 10000, &e), ERR_RANGE);
    assert_int_equal(offdoc_set_bodies(d, NULL, NULL, &e), ERR_INVALID);
    assert_int_equal(offdoc_set_bodies(d, NULL, " \n ", &e), ERR_INVALID);
    assert_int_equal(offdoc_add_cc(d, " - ; ", &e), ERR_INVALID);
    /* a string above the per-string limit */
    char *big = malloc(OFFDOC_TEXT_MAX + 2);
    memset(big, 'a', OFFDOC_TEXT_MAX + 1);
    big[OFFDOC_TEXT_MAX + 1] = '\0';
    assert_int_equal(offdoc_add_para(d, big, 0, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "offdoc.too_large");
    big[OFFDOC_TEXT_MAX] = '\0';
    assert_int_equal(offdoc_add_para(d, big, 0, &e), 0);
    free(big);
    assert_int_equal(offdoc_count(d), 2);
    offdoc_free(d);
}

static void tables(void **state)
{
    (void)state;
    offdoc_sample_facts_t f;
    offdoc_t *d = report(&f);
    const offdoc_block_t *b = find(d, OFFDOC_B_TABLE, 0);
    const offdoc_table_t *t = b->tab;
    assert_int_equal(t->ncols, 8);
    assert_int_equal(t->nheader, 2);
    assert_int_equal(t->nrows, 2 + OFFDOC_SAMPLE_ROWS + 1);
    assert_string_equal(t->sheet, "Kết quả một cửa");
    double sum = 0;
    for (size_t i = 0; i < t->ncols; i++)
        sum += t->widths[i];
    assert_true(fabs(sum - 1.0) < 1e-9);
    /* first header row: STT and Lĩnh vực span two rows, groups span columns */
    const offdoc_row_t *r = &t->rows[0];
    assert_int_equal(r->ncells, 5);
    assert_int_equal(r->cells[0].rowspan, 2);
    assert_int_equal(r->cells[2].col, 2);
    assert_int_equal(r->cells[2].span, 2);
    assert_int_equal(r->cells[3].col, 4);
    assert_int_equal(r->cells[3].span, 3);
    assert_int_equal(r->cells[4].col, 7);
    assert_int_equal(r->cells[4].align, OFFDOC_ALIGN_CENTER);
    assert_true(r->cells[4].bold);
    /* second header row: the covered columns 0, 1, 7 are skipped */
    r = &t->rows[1];
    assert_int_equal(r->ncells, 5);
    assert_int_equal(r->cells[0].col, 2);
    assert_string_equal(r->cells[0].text, "Tổng số");
    assert_int_equal(r->cells[4].col, 6);
    /* body row: numbers formatted, right-aligned */
    r = &t->rows[2];
    assert_int_equal(r->ncells, 8);
    assert_int_equal(r->cells[0].align, OFFDOC_ALIGN_CENTER);
    assert_int_equal(r->cells[2].kind, OFFDOC_C_INT);
    assert_int_equal(r->cells[2].align, OFFDOC_ALIGN_RIGHT);
    assert_int_equal(r->cells[1].align, OFFDOC_ALIGN_LEFT);
    assert_false(r->cells[2].bold);
    assert_true(r->cells[2].value == (double)f.received[0]);
    assert_int_equal(r->cells[7].kind, OFFDOC_C_PCT);
    /* totals row */
    r = &t->rows[t->nrows - 1];
    assert_int_equal(r->flags, OFFDOC_ROW_BOLD);
    assert_int_equal(r->ncells, 7);
    assert_string_equal(r->cells[0].text, "Tổng cộng");
    assert_true(r->cells[1].bold);
    char want[NUMFMT_MAX];
    numfmt_int(f.total_received, want, sizeof want);
    assert_true(r->cells[1].value == (double)f.total_received);
    assert_string_equal(r->cells[1].text, want);
    assert_non_null(strchr(want, '.')); /* "4x.xxx" */
    assert_string_equal(r->cells[2].text, "");
    offdoc_free(d);
}

static void table_rules(void **state)
{
    (void)state;
    err_t e;
    offdoc_t *d = offdoc_new(OFFDOC_REPORT);
    assert_int_equal(offdoc_add_row(d, 0, &e), ERR_INVALID);
    assert_int_equal(offdoc_cell_text(d, "x", &e), ERR_INVALID);
    assert_int_equal(offdoc_set_sheet(d, "x", &e), ERR_INVALID);
    assert_int_equal(offdoc_add_table(d, 0, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.table");
    assert_int_equal(offdoc_add_table(d, OFFDOC_COLS_MAX + 1, NULL, &e), ERR_INVALID);
    double bad[2] = {1, -1}, nan2[2] = {1, NAN};
    assert_int_equal(offdoc_add_table(d, 2, bad, &e), ERR_INVALID);
    assert_int_equal(offdoc_add_table(d, 2, nan2, &e), ERR_INVALID);
    assert_int_equal(offdoc_count(d), 0);
    assert_int_equal(offdoc_add_table(d, 3, NULL, &e), 0);
    assert_int_equal(offdoc_cell_text(d, "x", &e), ERR_INVALID); /* no row yet */
    assert_int_equal(offdoc_set_sheet(d, "  ", &e), ERR_INVALID);
    assert_int_equal(offdoc_add_row(d, OFFDOC_ROW_HEADER, &e), 0);
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "A", .rowspan = 3}, &e), 0);
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "B", .span = 3}, &e),
                     ERR_INVALID); /* only two columns left */
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "B", .span = 2}, &e), 0);
    assert_int_equal(offdoc_cell_text(d, "C", &e), ERR_INVALID); /* row full */
    assert_int_equal(offdoc_add_row(d, OFFDOC_ROW_HEADER, &e), 0);
    assert_int_equal(offdoc_cell_text(d, "B1", &e), 0); /* column 1: column 0 is covered */
    /* the row span of A still covers one more row: a body row is refused */
    assert_int_equal(offdoc_add_row(d, 0, &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.table");
    assert_int_equal(offdoc_add_row(d, OFFDOC_ROW_HEADER, &e), 0);
    assert_int_equal(offdoc_add_row(d, 0, &e), 0);
    assert_int_equal(offdoc_add_row(d, OFFDOC_ROW_HEADER, &e), ERR_INVALID);
    assert_string_equal(e.code, "offdoc.state");
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "x", .rowspan = 2}, &e),
                     ERR_INVALID);
    assert_int_equal(offdoc_cell_dec(d, NAN, 2, &e), ERR_RANGE);
    assert_int_equal(offdoc_cell_dec(d, 1.5, 9, &e), ERR_RANGE);
    assert_int_equal(offdoc_cell_pct(d, INFINITY, 1, &e), ERR_RANGE);
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.kind = 9}, &e), ERR_INVALID);
    assert_int_equal(offdoc_add_cell(d, &(offdoc_cell_spec_t){.align = 9}, &e), ERR_INVALID);
    assert_int_equal(offdoc_cell_dec(d, 1234.5, 1, &e), 0);
    /* a short row stays complete: two placeholders follow */
    const offdoc_table_t *t = offdoc_block(d, 0)->tab;
    assert_int_equal(t->nheader, 3);
    assert_int_equal(t->nrows, 4);
    const offdoc_row_t *r = &t->rows[1];
    assert_int_equal(r->ncells, 2);
    assert_int_equal(r->cells[0].col, 1);
    assert_int_equal(r->cells[1].col, 2);
    assert_string_equal(r->cells[1].text, "");
    assert_true(r->cells[1].bold);
    r = &t->rows[2];
    assert_int_equal(r->ncells, 2); /* third header row: column 0 still covered */
    r = &t->rows[3];
    assert_int_equal(r->ncells, 3);
    assert_string_equal(r->cells[0].text, "1.234,5");
    assert_int_equal(r->cells[0].kind, OFFDOC_C_DEC);
    assert_int_equal(r->cells[0].decimals, 1);
    assert_string_equal(r->cells[1].text, "");
    assert_int_equal(offdoc_set_sheet(d, "Bảng [1]", &e), 0);
    assert_string_equal(t->sheet, "Bảng [1]");
    offdoc_free(d);
}

static void appendices(void **state)
{
    (void)state;
    offdoc_t *d = report(NULL);
    size_t at = offdoc_closing_at(d);
    const offdoc_block_t *b = offdoc_block(d, at);
    assert_int_equal(b->kind, OFFDOC_B_APPENDIX);
    assert_string_equal(b->label, "PHỤ LỤC I");
    assert_string_equal(b->text, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC SỞ, BAN, NGÀNH");
    assert_non_null(strstr(b->subtitle, "Kèm theo Báo cáo số 05/BC-UBND"));
    for (size_t i = 0; i < at; i++)
        assert_int_not_equal(offdoc_block(d, i)->kind, OFFDOC_B_APPENDIX);
    b = find(d, OFFDOC_B_APPENDIX, 1);
    assert_string_equal(b->label, "PHỤ LỤC II");
    assert_null(b->subtitle);
    assert_null(offdoc_block(d, offdoc_count(d)));
    offdoc_free(d);

    err_t e;
    d = offdoc_new(OFFDOC_REPORT);
    assert_int_equal(offdoc_add_appendix(d, NULL, "", NULL, &e), ERR_INVALID);
    assert_int_equal(offdoc_add_appendix(d, "", "Biểu mẫu", "", &e), 0);
    assert_string_equal(offdoc_block(d, 0)->label, "PHỤ LỤC");
    assert_null(offdoc_block(d, 0)->subtitle);
    assert_int_equal(offdoc_add_appendix(d, "Phụ lục 2a", "Biểu mẫu", NULL, &e), 0);
    assert_string_equal(offdoc_block(d, 1)->label, "PHỤ LỤC 2A");
    assert_int_equal(offdoc_closing_at(d), 0);
    offdoc_free(d);
}

/* Every allocation of the sample report fails in turn: ERR_NOMEM, no leak
 * (ASan), and the builder succeeds once allocation works again. */
static void allocation_failures(void **state)
{
    (void)state;
    int failures = 0;
    for (long i = 1; i < 100000; i += (i < 400 ? 1 : 37)) {
        offdoc_t *d = NULL;
        err_t e;
        mem_fail_after(i);
        int rc = offdoc_sample_report(&d, NULL, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            assert_non_null(d);
            offdoc_free(d);
            break;
        }
        assert_int_equal(rc, ERR_NOMEM);
        assert_null(d);
        failures++;
    }
    assert_true(failures > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_fields),       cmocka_unit_test(letter_fields),
        cmocka_unit_test(heading_numbers),     cmocka_unit_test(runs_and_alignment),
        cmocka_unit_test(text_rules),          cmocka_unit_test(tables),
        cmocka_unit_test(table_rules),         cmocka_unit_test(appendices),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
