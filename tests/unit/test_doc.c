/* Unit tests of domain/doc (the document model and its plain-text form) and
 * of the text path of io/docread (BOM, UTF-16, encoding errors). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/doc.h"
#include "io/docread.h"
#include "support/fixture_doc.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const doc_block_t *blk(const doc_t *d, size_t i)
{
    const doc_block_t *b = doc_block(d, i);
    assert_non_null(b);
    return b;
}

static void assert_para(const doc_t *d, size_t i, const char *text, int line)
{
    const doc_block_t *b = blk(d, i);
    assert_int_equal(b->kind, DOC_PARA);
    assert_string_equal(b->text, text);
    assert_int_equal(b->len, strlen(text));
    assert_int_equal(b->pos.line, line);
}

/* Cells of row r of table block b, joined with '|'. */
static void assert_row(const doc_block_t *b, size_t r, const char *joined)
{
    assert_int_equal(b->kind, DOC_TABLE);
    assert_true(r < b->nrows);
    char buf[1024] = "";
    size_t n = 0;
    for (size_t c = 0; c < b->rows[r].ncells; c++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", c ? "|" : "",
                              b->rows[r].cells[c].text);
    assert_string_equal(buf, joined);
}

static doc_t *parse(const char *text)
{
    doc_t *d = NULL;
    err_t e;
    int rc = doc_from_text(text, strlen(text), &d, &e);
    if (rc)
        fail_msg("doc_from_text: %s (%s)", e.en, e.code);
    return d;
}

/* --- model ------------------------------------------------------------------- */

static void model_builds_and_cleans(void **state)
{
    (void)state;
    err_t e;
    doc_t *d = doc_new(DOC_FMT_DOCX);
    assert_non_null(d);
    assert_int_equal(doc_format(d), DOC_FMT_DOCX);
    /* decomposed "Kế hoạch" with NBSP and spaces around, a stray control char */
    const char *nfd = "\xC2\xA0  Ke\xCC\x82\xCC\x81 hoa\xCC\xA3\x01"
                      "ch \t";
    doc_style_t st = {"Heading1", 1, 1, 0, true, DOC_ALIGN_CENTER};
    assert_int_equal(doc_add_para(d, nfd, strlen(nfd), (doc_pos_t){3, 0}, &st, &e), 0);
    assert_string_equal(blk(d, 0)->text, "Kế hoạch");
    assert_string_equal(blk(d, 0)->style.style_id, "Heading1");
    assert_true(blk(d, 0)->style.bold);
    /* blank after cleaning: not added */
    assert_int_equal(doc_add_para(d, " \xC2\xA0\t\n", 5, (doc_pos_t){0, 0}, NULL, &e), 0);
    assert_int_equal(doc_count(d), 1);
    /* line breaks kept, lines trimmed, blank lines dropped */
    assert_int_equal(doc_add_para(d, " a \n\n b\r\n", 9, (doc_pos_t){0, 0}, NULL, &e), 0);
    assert_string_equal(blk(d, 1)->text, "a\nb");
    assert_int_equal(doc_add_para(d, "x\xC3", 2, (doc_pos_t){0, 0}, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "doc.invalid_utf8");
    assert_int_equal(doc_add_para(d, "x\0y", 3, (doc_pos_t){0, 0}, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "doc.nul");

    assert_int_equal(doc_add_row(d, (doc_pos_t){0, 0}, &e), ERR_INVALID);
    assert_string_equal(e.code, "doc.no_table");
    assert_int_equal(doc_add_table(d, (doc_pos_t){0, 2}, &e), 0);
    assert_int_equal(doc_add_cell(d, "x", 1, 1, false, &e), ERR_INVALID);
    assert_string_equal(e.code, "doc.no_row");
    assert_int_equal(doc_add_row(d, (doc_pos_t){0, 2}, &e), 0);
    assert_int_equal(doc_add_cell(d, "STT", 3, 1, false, &e), 0);
    assert_int_equal(
        doc_add_cell(d, " Nhiệm vụ \n\n dòng 2 ", strlen(" Nhiệm vụ \n\n dòng 2 "), 2, false, &e),
        0);
    assert_int_equal(doc_add_cell(d, "", 0, 0, true, &e), 0);
    const doc_block_t *t = blk(d, 2);
    assert_int_equal(t->kind, DOC_TABLE);
    assert_int_equal(t->nrows, 1);
    assert_int_equal(t->rows[0].ncells, 3);
    assert_string_equal(t->rows[0].cells[1].text, "Nhiệm vụ\ndòng 2");
    assert_int_equal(t->rows[0].cells[1].col, 1);
    assert_int_equal(t->rows[0].cells[1].span, 2);
    assert_int_equal(t->rows[0].cells[2].col, 3);
    assert_int_equal(t->rows[0].cells[2].span, 1);
    assert_true(t->rows[0].cells[2].vmerged);
    assert_int_equal(t->ncols, 4);
    assert_null(doc_block(d, 3));

    char *txt = doc_text(d);
    assert_string_equal(txt, "Kế hoạch\na b\nSTT | Nhiệm vụ dòng 2 | \n");
    mem_free(txt);
    json_t *j = doc_to_json(d);
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(
        s, "{\"format\":\"docx\",\"blocks\":["
           "{\"type\":\"paragraph\",\"text\":\"Kế hoạch\",\"line\":3,\"style\":\"Heading1\","
           "\"heading\":1,\"outline\":1,\"bold\":true,\"align\":\"center\"},"
           "{\"type\":\"paragraph\",\"text\":\"a\\nb\"},"
           "{\"type\":\"table\",\"page\":2,\"columns\":4,\"rows\":[{\"page\":2,\"cells\":[\"STT\","
           "{\"text\":\"Nhiệm vụ\\ndòng 2\",\"span\":2},{\"text\":\"\",\"vmerged\":true}]}]}]}");
    free(s);
    json_decref(j);
    doc_free(d);
    doc_free(NULL);
}

/* --- text form: paragraphs -------------------------------------------------- */

static void text_paragraphs_keep_line_numbers(void **state)
{
    (void)state;
    doc_t *d = parse("\xEF\xBB\xBF"
                     "KẾ HOẠCH\r\n\r\n  Cải cách hành chính năm 2024  \r"
                     "\fI. MỤC ĐÍCH\n\n\n\xC2\xA0\n2. Yêu cầu");
    assert_int_equal(doc_format(d), DOC_FMT_TEXT);
    assert_int_equal(doc_count(d), 4);
    assert_para(d, 0, "KẾ HOẠCH", 1);
    assert_para(d, 1, "Cải cách hành chính năm 2024", 3);
    assert_para(d, 2, "I. MỤC ĐÍCH", 4);
    assert_para(d, 3, "2. Yêu cầu", 8);
    assert_int_equal(blk(d, 0)->pos.page, 0);
    doc_free(d);

    d = parse("");
    assert_int_equal(doc_count(d), 0);
    doc_free(d);
}

static void text_shared_plans_without_tables(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k += 2) { /* 001 and 004 have no tables */
        doc_t *d = NULL;
        assert_int_equal(fxdoc_load_plan(fxdoc_plans[k], &d), 0);
        assert_true(doc_count(d) > 80);
        for (size_t i = 0; i < doc_count(d); i++) {
            assert_int_equal(blk(d, i)->kind, DOC_PARA);
            assert_true(blk(d, i)->len > 0);
            assert_true(i == 0 || blk(d, i)->pos.line > blk(d, i - 1)->pos.line);
        }
        doc_free(d);
    }
}

/* --- text form: tables ------------------------------------------------------ */

static void text_inline_pipe_rows(void **state)
{
    (void)state;
    doc_t *d = parse("Trước bảng\n"
                     "| STT | Nhiệm vụ | Cơ quan chủ trì |\n"
                     "|-----|:--------:|-----------------|\n"
                     "| 1 | Rà soát TTHC | Sở Nội vụ |\n"
                     "\n"
                     "| 2 | Số hóa hồ sơ | Văn phòng UBND tỉnh |\n"
                     "|   | (tiếp theo) |\n"
                     "3 | Không có ống ở hai đầu | Sở Tư pháp\n"
                     "Sau bảng\n"
                     "a | b\n");
    assert_int_equal(doc_count(d), 4);
    assert_para(d, 0, "Trước bảng", 1);
    const doc_block_t *t = blk(d, 1);
    assert_int_equal(t->kind, DOC_TABLE);
    assert_int_equal(t->pos.line, 2);
    assert_int_equal(t->nrows, 5);
    assert_int_equal(t->ncols, 3);
    assert_row(t, 0, "STT|Nhiệm vụ|Cơ quan chủ trì");
    assert_row(t, 1, "1|Rà soát TTHC|Sở Nội vụ");
    assert_row(t, 2, "2|Số hóa hồ sơ|Văn phòng UBND tỉnh");
    assert_row(t, 3, "|(tiếp theo)");
    assert_row(t, 4, "3|Không có ống ở hai đầu|Sở Tư pháp");
    assert_int_equal(t->rows[1].pos.line, 4);
    assert_int_equal(t->rows[2].pos.line, 6);
    assert_para(d, 2, "Sau bảng", 9);
    assert_row(blk(d, 3), 0, "a|b");
    doc_free(d);
}

static void text_pipe_terminated_cells(void **state)
{
    (void)state;
    doc_t *d = parse("PHỤ LỤC\n"
                     "\n"
                     "STT\n|\nNhiệm vụ\n|\nSố lượng\n|\nCơ quan\n|\n"
                     "I. NHÓM MỘT\n|\n"
                     "1.\n|\nViệc một dòng một\ndòng hai\n|\n2\n|\nSở A\n|\n"
                     "2.\n|\nViệc hai\n|\n|\nSở B\n|\n"
                     "II\n|\nNHÓM HAI\n|\n"
                     "3.\n|\nViệc ba thiếu ô\n|\n"
                     "4.\n|\nViệc bốn\n|\n1\n|\nSở C\n|\n"
                     "Đoạn văn sau bảng\n");
    assert_int_equal(doc_count(d), 3);
    assert_para(d, 0, "PHỤ LỤC", 1);
    const doc_block_t *t = blk(d, 1);
    assert_int_equal(t->kind, DOC_TABLE);
    assert_int_equal(t->pos.line, 3);
    assert_int_equal(t->nrows, 7);
    assert_row(t, 0, "STT|Nhiệm vụ|Số lượng|Cơ quan");
    assert_row(t, 1, "I. NHÓM MỘT");
    assert_row(t, 2, "1.|Việc một dòng một\ndòng hai|2|Sở A");
    assert_row(t, 3, "2.|Việc hai||Sở B");
    assert_row(t, 4, "II|NHÓM HAI");
    assert_row(t, 5, "3.|Việc ba thiếu ô");
    assert_row(t, 6, "4.|Việc bốn|1|Sở C");
    assert_int_equal(t->rows[1].pos.line, 11);
    assert_int_equal(t->rows[2].pos.line, 13);
    assert_para(d, 2, "Đoạn văn sau bảng", 45);
    doc_free(d);

    /* A cell run at the start of the text takes the lines back to the start;
     * a gap longer than 12 lines ends the table. */
    d = parse("ỦY BAN NHÂN DÂN\nTỈNH X\n|\nCỘNG HÒA\n|\n"
              "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nNơi nhận\n|\nKÝ TÊN\n|\n");
    assert_int_equal(doc_count(d), 16);
    assert_row(blk(d, 0), 0, "ỦY BAN NHÂN DÂN\nTỈNH X|CỘNG HÒA");
    assert_para(d, 1, "1", 6);
    assert_para(d, 14, "14", 19);
    assert_row(blk(d, 15), 0, "Nơi nhận|KÝ TÊN");
    doc_free(d);
}

static void text_plan_002_appendix_table(void **state)
{
    (void)state;
    doc_t *d = NULL;
    assert_int_equal(fxdoc_load_plan(fxdoc_plans[1], &d), 0);
    const doc_block_t *t = NULL;
    int tables = 0;
    for (size_t i = 0; i < doc_count(d); i++)
        if (blk(d, i)->kind == DOC_TABLE) {
            tables++;
            if (blk(d, i)->ncols == 6)
                t = blk(d, i);
        }
    assert_int_equal(tables, 3); /* letterhead, signature block, appendix */
    assert_non_null(t);
    assert_int_equal(t->nrows, 1 + 8 + 66);
    assert_row(t, 0, "STT|Nhiệm vụ|Cơ quan chủ trì|Cơ quan phối hợp|Sản phẩm|Thời gian hoàn thành");
    assert_row(t, 1, "I. CÔNG\nTÁC CHỈ ĐẠO ĐIỀU HÀNH");
    assert_row(t, 2,
               "1.|Xây dựng và triển khai thực\nhiện Quyết định ban hành Kế hoạch CCHC năm "
               "2024 trên địa bàn tỉnh.|Cơ quan thường trực BCĐ CCHC\ntỉnh|Các sở, ban, "
               "ngành tỉnh; UBND\ncấp huyện; UBND cấp xã|Quyết định được ban hành|Quý IV/2023");
    int task = 0, groups = 0;
    for (size_t r = 1; r < t->nrows; r++) {
        const doc_row_t *row = &t->rows[r];
        if (row->ncells == 1) {
            groups++;
            continue;
        }
        assert_int_equal(row->ncells, 6);
        char want[16];
        snprintf(want, sizeof want, "%d.", ++task);
        assert_string_equal(row->cells[0].text, want);
        assert_true(row->pos.line > t->rows[r - 1].pos.line);
    }
    assert_int_equal(task, 66);
    assert_int_equal(groups, 8);
    assert_string_equal(t->rows[t->nrows - 1].cells[5].text, "Quý IV/2023 và theo định kỳ");
    doc_free(d);
}

/* --- encodings --------------------------------------------------------------- */

static void text_rejects_invalid_utf8_and_nul(void **state)
{
    (void)state;
    doc_t *d = NULL;
    err_t e;
    /* TCVN3 (ABC) bytes of "Cộng hòa" */
    const char *tcvn = "Dòng một\nC\xe9ng h\xdf"
                       "a\n";
    assert_int_equal(doc_from_text(tcvn, strlen(tcvn), &d, &e), ERR_INVALID);
    assert_null(d);
    assert_string_equal(e.code, "doc.invalid_utf8");
    assert_non_null(strstr(e.vi, "dòng 2"));
    assert_int_equal(docread_buffer(tcvn, strlen(tcvn), "kh.txt", &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.not_utf8");
    assert_non_null(strstr(e.vi, "kh.txt: Tệp không phải UTF-8"));
    assert_non_null(strstr(e.vi, "hãy lưu lại dưới dạng UTF-8"));
    assert_non_null(strstr(e.vi, "TCVN3"));
    assert_non_null(strstr(e.en, "save it as UTF-8"));
    assert_non_null(strstr(e.en, "line 2"));
    /* Windows-1258 "Kế hoạch" (e with circumflex + combining acute 0xEC) */
    const char *cp1258 = "K\xea\xec ho\xe1\xf2"
                         "ch";
    assert_int_equal(docread_buffer(cp1258, strlen(cp1258), NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.not_utf8");
    /* overlong, surrogate, beyond U+10FFFF, truncated sequence */
    const char *bad[] = {"a\xC0\xAF", "a\xED\xA0\x80", "a\xF4\x90\x80\x80", "a\xE1\xBA"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(doc_from_text(bad[i], strlen(bad[i]), &d, &e), ERR_INVALID);
        assert_int_equal(doc_text_invalid_at(bad[i], strlen(bad[i]), NULL), 1);
    }
    assert_int_equal(doc_from_text("a\0b", 3, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "doc.nul");
    assert_int_equal(docread_buffer("abc\0\x01\x02\x03\x04\x05", 9, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.binary");
    assert_null(d);
}

/* Encodes UTF-8 s as UTF-16 with a BOM into out; returns the byte count. */
static size_t to_utf16(const char *s, bool be, unsigned char *out)
{
    size_t n = 0;
    uint32_t units[2];
    const unsigned char *p = (const unsigned char *)s;
    out[n++] = be ? 0xFE : 0xFF;
    out[n++] = be ? 0xFF : 0xFE;
    while (*p) {
        uint32_t cp;
        if (*p < 0x80)
            cp = *p++;
        else if (*p < 0xE0)
            cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
        else if (*p < 0xF0)
            cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F),
            p += 3;
        else
            cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                 (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F),
            p += 4;
        int k = 1;
        units[0] = cp;
        if (cp >= 0x10000) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            k = 2;
        }
        for (int i = 0; i < k; i++) {
            out[n++] = (unsigned char)(be ? units[i] >> 8 : units[i] & 0xFF);
            out[n++] = (unsigned char)(be ? units[i] & 0xFF : units[i] >> 8);
        }
    }
    return n;
}

static void text_utf16_with_bom(void **state)
{
    (void)state;
    const char *src = "Kế hoạch CCHC 😀\r\n| 1 | Nhiệm vụ 𝐀 | Sở Nội vụ |\r\nỦy ban";
    unsigned char buf[512];
    for (int be = 0; be < 2; be++) {
        size_t n = to_utf16(src, be, buf);
        assert_int_equal(docread_sniff(buf, n), be ? DOCREAD_UTF16BE : DOCREAD_UTF16LE);
        doc_t *d = NULL;
        err_t e;
        assert_int_equal(docread_buffer(buf, n, "u16.txt", &d, &e), 0);
        assert_int_equal(doc_count(d), 3);
        assert_para(d, 0, "Kế hoạch CCHC 😀", 1);
        assert_row(blk(d, 1), 0, "1|Nhiệm vụ 𝐀|Sở Nội vụ");
        assert_para(d, 2, "Ủy ban", 3);
        doc_free(d);
        d = NULL;
        /* odd length, lone high surrogate, lone low surrogate */
        assert_int_equal(docread_buffer(buf, n - 1, NULL, &d, &e), ERR_INVALID);
        assert_string_equal(e.code, "docread.bad_utf16");
        unsigned char hi[] = {0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 'b', 0};
        unsigned char lo[] = {0xFF, 0xFE, 'a', 0, '\n', 0, 0x00, 0xDE};
        if (be)
            for (size_t i = 0; i < 8; i += 2) {
                unsigned char t = hi[i];
                hi[i] = hi[i + 1], hi[i + 1] = t;
                t = lo[i];
                lo[i] = lo[i + 1], lo[i + 1] = t;
            }
        assert_int_equal(docread_buffer(hi, sizeof hi, NULL, &d, &e), ERR_INVALID);
        assert_string_equal(e.code, "docread.bad_utf16");
        assert_int_equal(docread_buffer(lo, sizeof lo, NULL, &d, &e), ERR_INVALID);
        assert_string_equal(e.code, "docread.bad_utf16");
        assert_non_null(strstr(e.en, "line 2"));
        assert_null(d);
    }
    /* UTF-16 without BOM, UTF-32, NUL inside UTF-16 */
    doc_t *d = NULL;
    err_t e;
    unsigned char nobom[40];
    for (size_t i = 0; i < sizeof nobom; i += 2)
        nobom[i] = 'a', nobom[i + 1] = 0;
    assert_int_equal(docread_buffer(nobom, sizeof nobom, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.utf16_no_bom");
    assert_int_equal(docread_buffer("\xFF\xFE\0\0a\0\0\0", 8, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.utf32");
    assert_int_equal(docread_buffer("\xFF\xFE"
                                    "a\0\0\0b\0",
                                    8, NULL, &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "docread.binary");
    assert_null(d);
}

static void text_utf8_bom_and_empty(void **state)
{
    (void)state;
    doc_t *d = NULL;
    err_t e;
    const char *bom = "\xEF\xBB\xBF"
                      "Điều 1.";
    assert_int_equal(docread_buffer(bom, strlen(bom), NULL, &d, &e), 0);
    assert_int_equal(doc_count(d), 1);
    assert_para(d, 0, "Điều 1.", 1);
    doc_free(d);
    d = NULL;
    assert_int_equal(docread_buffer("", 0, "rong.txt", &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.empty");
    assert_string_equal(e.vi, "rong.txt: Tệp rỗng");
    assert_null(d);
    /* whitespace only: an empty document, not an error */
    assert_int_equal(docread_buffer(" \n\n", 3, NULL, &d, &e), 0);
    assert_int_equal(doc_count(d), 0);
    doc_free(d);
}

static void sniff_formats(void **state)
{
    (void)state;
    assert_int_equal(docread_sniff("", 0), DOCREAD_EMPTY);
    assert_int_equal(docread_sniff("%PDF-1.7\n", 9), DOCREAD_PDF);
    assert_int_equal(docread_sniff("\r\n%PDF-1.4", 10), DOCREAD_PDF);
    assert_int_equal(docread_sniff("PK\x03\x04xxxx", 8), DOCREAD_ZIP);
    assert_int_equal(docread_sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), DOCREAD_OLE);
    assert_int_equal(docread_sniff("{\\rtf1\\ansi", 11), DOCREAD_RTF);
    assert_int_equal(docread_sniff("\x89PNG\r\n", 6), DOCREAD_IMAGE);
    assert_int_equal(docread_sniff("\xFF\xD8\xFF\xE0", 4), DOCREAD_IMAGE);
    assert_int_equal(docread_sniff("Kế hoạch", strlen("Kế hoạch")), DOCREAD_TEXT);
    assert_int_equal(docread_sniff("\xEF\xBB\xBF\r\n<HTML><body>", 17), DOCREAD_MARKUP);
    assert_int_equal(docread_sniff("MIME-Version: 1.0\r\n", 19), DOCREAD_MARKUP);
    assert_int_equal(docread_sniff("<?xml version=\"1.0\"?><?mso-application", 38), DOCREAD_MARKUP);
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(docread_buffer("{\\rtf1\\ansi", 11, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.rtf");
    assert_int_equal(docread_buffer("\x89PNG\r\n\x1a\n", 8, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.image");
    assert_non_null(strstr(e.vi, "OCR"));
    assert_int_equal(docread_buffer("<html><p>Kế hoạch</p>", 25, NULL, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.markup");
}

static void text_survives_alloc_failure(void **state)
{
    (void)state;
    const char *src = "Đoạn một\n| a | b |\n| c | d |\nSTT\n|\nNhiệm vụ\n|\n1.\n|\nViệc\n|\nCuối";
    int failures = 0;
    for (long i = 1; i < 1000; i++) {
        doc_t *d = NULL;
        err_t e;
        mem_fail_after(i);
        int rc = doc_from_text(src, strlen(src), &d, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            assert_int_equal(doc_count(d), 4);
            doc_free(d);
            break;
        }
        assert_int_equal(rc, ERR_NOMEM);
        assert_null(d);
        failures++;
    }
    assert_true(failures > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_builds_and_cleans),
        cmocka_unit_test(text_paragraphs_keep_line_numbers),
        cmocka_unit_test(text_shared_plans_without_tables),
        cmocka_unit_test(text_inline_pipe_rows),
        cmocka_unit_test(text_pipe_terminated_cells),
        cmocka_unit_test(text_plan_002_appendix_table),
        cmocka_unit_test(text_rejects_invalid_utf8_and_nul),
        cmocka_unit_test(text_utf16_with_bom),
        cmocka_unit_test(text_utf8_bom_and_empty),
        cmocka_unit_test(sniff_formats),
        cmocka_unit_test(text_survives_alloc_failure),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
