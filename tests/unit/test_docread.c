/* Unit tests of io/docread: DOCX (libzip + libxml2) and PDF (poppler)
 * readers, against fixtures generated from the shared sample plans and
 * hand-written WordprocessingML. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/doc.h"
#include "io/docread.h"
#include "support/fixture_doc.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static char *tmp; /* fixture directory of this run */

static int setup(void **state)
{
    (void)state;
    tmp = fxdoc_tmpdir();
    return tmp ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fxdoc_rmtree(tmp);
    return 0;
}

static const doc_block_t *blk(const doc_t *d, size_t i)
{
    const doc_block_t *b = doc_block(d, i);
    assert_non_null(b);
    return b;
}

static doc_t *read_ok(const char *path)
{
    doc_t *d = NULL;
    err_t e;
    if (docread_file(path, &d, &e))
        fail_msg("%s: %s (%s)", path, e.en, e.code);
    return d;
}

static const char *read_err(const char *path)
{
    static err_t e;
    doc_t *d = NULL;
    int rc = docread_file(path, &d, &e);
    assert_int_not_equal(rc, 0);
    assert_null(d);
    assert_true(e.vi[0] && e.en[0]);
    return e.code;
}

/* Writes a .docx with the given body (and styles) under name; returns the
 * path (malloc'd). */
static char *docx(const char *name, const char *body, const char *styles, const char *notes)
{
    char *path = testdir_join(tmp, name);
    assert_int_equal(fxdoc_docx_body(path, body, styles, notes), 0);
    return path;
}

/* Reads a one-part body and returns the doc. */
static doc_t *docx_doc(const char *name, const char *body, const char *styles)
{
    char *path = docx(name, body, styles, NULL);
    doc_t *d = read_ok(path);
    free(path);
    return d;
}

/* --- shared plans: text vs DOCX vs PDF --------------------------------------- */

static void assert_same_blocks(const doc_t *a, const doc_t *b)
{
    assert_int_equal(doc_count(a), doc_count(b));
    for (size_t i = 0; i < doc_count(a); i++) {
        const doc_block_t *x = blk(a, i), *y = blk(b, i);
        assert_int_equal(x->kind, y->kind);
        if (x->kind == DOC_PARA) {
            assert_string_equal(x->text, y->text);
            continue;
        }
        assert_int_equal(x->nrows, y->nrows);
        for (size_t r = 0; r < x->nrows; r++) {
            assert_int_equal(x->rows[r].ncells, y->rows[r].ncells);
            for (size_t c = 0; c < x->rows[r].ncells; c++)
                assert_string_equal(x->rows[r].cells[c].text, y->rows[r].cells[c].text);
        }
    }
}

static void docx_of_shared_plans_matches_text(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++) {
        doc_t *txt = NULL;
        assert_int_equal(fxdoc_load_plan(fxdoc_plans[k], &txt), 0);
        char name[64];
        snprintf(name, sizeof name, "%.3s.docx", fxdoc_plans[k]);
        char *path = testdir_join(tmp, name);
        assert_int_equal(fxdoc_docx_from_doc(txt, path), 0);
        doc_t *d = read_ok(path);
        assert_int_equal(doc_format(d), DOC_FMT_DOCX);
        assert_same_blocks(txt, d);
        if (k == 1) { /* the appendix is a real 6-column Word table */
            const doc_block_t *t = NULL;
            for (size_t i = 0; i < doc_count(d); i++)
                if (blk(d, i)->kind == DOC_TABLE && blk(d, i)->nrows > 50)
                    t = blk(d, i);
            assert_non_null(t);
            assert_int_equal(t->ncols, 6);
            static const char *head[] = {"STT",
                                         "Nhiệm vụ",
                                         "Cơ quan chủ trì",
                                         "Cơ quan phối hợp",
                                         "Sản phẩm",
                                         "Thời gian hoàn thành"};
            for (int c = 0; c < 6; c++)
                assert_string_equal(t->rows[0].cells[c].text, head[c]);
            assert_int_equal(t->rows[1].ncells, 1);
            assert_int_equal(t->rows[1].cells[0].span, 6);
            assert_string_equal(t->rows[1].cells[0].text, "I. CÔNG\nTÁC CHỈ ĐẠO ĐIỀU HÀNH");
            assert_string_equal(t->rows[2].cells[2].text, "Cơ quan thường trực BCĐ CCHC\ntỉnh");
            assert_int_equal(t->rows[2].cells[5].col, 5);
        }
        doc_free(d);
        doc_free(txt);
        free(path);
    }
}

/* All non-space characters of the paragraphs and cells, in order. */
static char *squeezed(const doc_t *d)
{
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = blk(d, i);
        for (size_t r = 0; r < (b->kind == DOC_PARA ? 1 : b->nrows); r++) {
            size_t ncells = b->kind == DOC_PARA ? 1 : b->rows[r].ncells;
            for (size_t c = 0; c < ncells; c++) {
                const char *s = b->kind == DOC_PARA ? b->text : b->rows[r].cells[c].text;
                for (; *s; s++) {
                    if (*s == ' ' || *s == '\n' || *s == '\t')
                        continue;
                    if (n + 2 > cap) {
                        char *grown = realloc(out, cap *= 2);
                        assert_non_null(grown);
                        out = grown;
                    }
                    out[n++] = *s;
                }
            }
        }
    }
    out[n] = '\0';
    return out;
}

static void pdf_of_shared_plans_matches_text(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++) {
        doc_t *txt = NULL;
        assert_int_equal(fxdoc_load_plan(fxdoc_plans[k], &txt), 0);
        char name[64];
        snprintf(name, sizeof name, "%.3s.pdf", fxdoc_plans[k]);
        char *path = testdir_join(tmp, name);
        int pages = 0;
        assert_int_equal(fxdoc_pdf_from_doc(txt, path, &pages), 0);
        assert_true(pages >= 4);
        doc_t *d = read_ok(path);
        assert_int_equal(doc_format(d), DOC_FMT_PDF);
        char *a = squeezed(txt), *b = squeezed(d);
        assert_string_equal(a, b);
        int page = 1;
        for (size_t i = 0; i < doc_count(d); i++) {
            const doc_block_t *p = blk(d, i);
            assert_int_equal(p->kind, DOC_PARA);
            assert_true(p->pos.page == page || p->pos.page == page + 1);
            assert_true(p->pos.line >= 1);
            page = p->pos.page;
        }
        assert_int_equal(page, pages);
        free(a);
        free(b);
        doc_free(d);
        doc_free(txt);
        free(path);
    }
}

/* --- DOCX details ---------------------------------------------------------------- */

static void docx_paragraph_runs(void **state)
{
    (void)state;
    doc_t *d = docx_doc("runs.docx",
                        "<w:p><w:r><w:t>Kế </w:t></w:r><w:r><w:t xml:space=\"preserve\">hoạch "
                        "</w:t></w:r><w:r><w:t>số 12</w:t><w:tab/><w:t>A&amp;B &lt;C&gt;</w:t>"
                        "<w:br/><w:t>dòng hai</w:t></w:r></w:p>"
                        "<w:p/><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
                        "</w:pPr><w:r><w:t>Ngày</w:t></w:r><w:r><w:noBreakHyphen/><w:t>tháng"
                        "</w:t><w:softHyphen/></w:r></w:p>"
                        /* field: instruction dropped, result kept */
                        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> "
                        "PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
                        "</w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/>"
                        "</w:r></w:p>"
                        /* tracked changes: insertion kept, deletion dropped */
                        "<w:p><w:r><w:t>Quý </w:t></w:r><w:del><w:r><w:delText>III</w:delText>"
                        "</w:r></w:del><w:ins><w:r><w:t>IV</w:t></w:r></w:ins></w:p>",
                        NULL);
    assert_int_equal(doc_count(d), 4);
    assert_string_equal(blk(d, 0)->text, "Kế hoạch số 12\tA&B <C>\ndòng hai");
    assert_string_equal(blk(d, 1)->text, "Ngày-tháng");
    assert_string_equal(blk(d, 2)->text, "7");
    assert_string_equal(blk(d, 3)->text, "Quý IV");
    assert_int_equal(blk(d, 0)->pos.line, 0);
    assert_int_equal(blk(d, 0)->pos.page, 0);
    doc_free(d);
}

static const char styles_xml[] =
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"u1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>"
    "</w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Tieude2\"><w:name w:val=\"Tieu de 2\"/>"
    "<w:basedOn w:val=\"u1\"/><w:pPr><w:jc w:val=\"left\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListItem\"><w:name w:val=\"List Item\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
    "<w:tblStylePr w:type=\"firstRow\"><w:pPr><w:jc w:val=\"right\"/></w:pPr></w:tblStylePr>"
    "</w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/>"
    "<w:rPr><w:b/></w:rPr></w:style>";

static void docx_style_hints(void **state)
{
    (void)state;
    doc_t *d = docx_doc(
        "styles.docx",
        /* 0: localised heading style id resolved through styles.xml */
        "<w:p><w:pPr><w:pStyle w:val=\"u1\"/></w:pPr><w:r><w:t>I. MỤC ĐÍCH</w:t></w:r></w:p>"
        /* 1: based on u1: heading 1 and bold inherited, alignment overridden */
        "<w:p><w:pPr><w:pStyle w:val=\"Tieude2\"/></w:pPr><w:r><w:t>1. Mục đích</w:t></w:r></w:p>"
        /* 2: unknown style id named like a built-in heading */
        "<w:p><w:pPr><w:pStyle w:val=\"Heading3\"/><w:outlineLvl w:val=\"2\"/></w:pPr>"
        "<w:r><w:t>a) Chi tiết</w:t></w:r></w:p>"
        /* 3: bold runs (direct and via character style), spaces not bold */
        "<w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:b w:val=\"0\"/></w:rPr></w:pPr>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r><w:r><w:t xml:space=\"preserve\"> "
        "</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>CCHC</w:t></w:r></w:p>"
        /* 4: partly bold; w:b w:val=\"false\" */
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Đậm</w:t></w:r><w:r><w:rPr><w:b w:val=\"false\"/>"
        "</w:rPr><w:t> thường</w:t></w:r></w:p>"
        /* 5, 6: numbered items, direct and through the style; 7: numbering removed */
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr>"
        "<w:r><w:t>Mục con</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"ListItem\"/></w:pPr><w:r><w:t>Mục</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"ListItem\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
        "</w:pPr><w:r><w:t>Không đánh số</w:t></w:r></w:p>"
        /* 8: tracked paragraph-property change: the old properties are ignored */
        "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:jc w:val=\"right\"/></w:pPr>"
        "</w:pPrChange></w:pPr><w:r><w:t>Thường</w:t></w:r></w:p>",
        styles_xml);
    assert_int_equal(doc_count(d), 9);
    const doc_style_t *s = &blk(d, 0)->style;
    assert_string_equal(s->style_id, "u1");
    assert_int_equal(s->heading, 1);
    assert_int_equal(s->outline, 1);
    assert_true(s->bold);
    assert_int_equal(s->align, DOC_ALIGN_CENTER);
    s = &blk(d, 1)->style;
    assert_int_equal(s->heading, 1);
    assert_true(s->bold);
    assert_int_equal(s->align, DOC_ALIGN_LEFT);
    s = &blk(d, 2)->style;
    assert_string_equal(s->style_id, "Heading3");
    assert_int_equal(s->heading, 3);
    assert_int_equal(s->outline, 3);
    assert_false(s->bold);
    s = &blk(d, 3)->style;
    assert_string_equal(blk(d, 3)->text, "KẾ HOẠCH CCHC");
    assert_true(s->bold);
    assert_int_equal(s->align, DOC_ALIGN_CENTER);
    assert_null(s->style_id);
    assert_int_equal(s->heading, 0);
    assert_false(blk(d, 4)->style.bold);
    assert_int_equal(blk(d, 5)->style.list_level, 2);
    assert_int_equal(blk(d, 6)->style.list_level, 1);
    assert_int_equal(blk(d, 7)->style.list_level, 0);
    assert_int_equal(blk(d, 8)->style.align, DOC_ALIGN_NONE);
    assert_int_equal(blk(d, 0)->style.list_level, 0);
    doc_free(d);
}

static void docx_footnote_references_dropped(void **state)
{
    (void)state;
    char *path = docx("notes.docx",
                      "<w:p><w:r><w:t>thời gian qua</w:t></w:r><w:r><w:rPr><w:rStyle "
                      "w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/></w:rPr>"
                      "<w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"
                      "<w:p><w:r><w:t>Kết thúc</w:t><w:endnoteReference w:id=\"2\"/></w:r></w:p>",
                      NULL,
                      "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Một bộ "
                      "phận cán bộ chưa nhận thức đầy đủ</w:t></w:r></w:p></w:footnote>");
    doc_t *d = read_ok(path);
    assert_int_equal(doc_count(d), 2);
    assert_string_equal(blk(d, 0)->text, "thời gian qua.");
    assert_string_equal(blk(d, 1)->text, "Kết thúc");
    doc_free(d);
    free(path);
}

static void docx_tables_and_merged_cells(void **state)
{
    (void)state;
    doc_t *d = docx_doc(
        "table.docx",
        "<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr><w:jc w:val=\"center\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/>"
        "<w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Nhiệm vụ</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Cơ quan chủ trì</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>I. CÔNG TÁC "
        "CHỈ ĐẠO</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Việc A</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>(tiếp)</w:t></w:r>"
        "</w:p></w:tc>"
        "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Sở Nội vụ</w:t>"
        "</w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>2.</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Việc B</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>3.</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Việc C</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b"
        "</w:t></w:r></w:p><w:p><w:r><w:t>b2</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>d</w:t>"
        "</w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>4.</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:hMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Việc D</w:t></w:r>"
        "</w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr>"
        "</w:tbl>"
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>Hết</w:t></w:r></w:p>",
        NULL);
    assert_int_equal(doc_count(d), 4);
    assert_string_equal(blk(d, 0)->text, "PHỤ LỤC");
    const doc_block_t *t = blk(d, 1);
    assert_int_equal(t->kind, DOC_TABLE);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->nrows, 6);
    assert_int_equal(t->rows[1].ncells, 1);
    assert_int_equal(t->rows[1].cells[0].span, 3);
    assert_string_equal(t->rows[1].cells[0].text, "I. CÔNG TÁC CHỈ ĐẠO");
    assert_string_equal(t->rows[2].cells[1].text, "Việc A\n(tiếp)");
    assert_false(t->rows[2].cells[2].vmerged);
    assert_string_equal(t->rows[3].cells[2].text, "Sở Nội vụ");
    assert_true(t->rows[3].cells[2].vmerged);
    assert_int_equal(t->rows[3].cells[2].col, 2);
    assert_string_equal(t->rows[4].cells[1].text, "Việc C\na | b b2\nc | d");
    assert_string_equal(t->rows[4].cells[2].text, "Sở Nội vụ");
    assert_true(t->rows[4].cells[2].vmerged);
    assert_int_equal(t->rows[5].ncells, 2);
    assert_string_equal(t->rows[5].cells[1].text, "Việc D");
    assert_int_equal(t->rows[5].cells[1].span, 2);
    /* a table of one empty cell is still a table */
    assert_int_equal(blk(d, 2)->kind, DOC_TABLE);
    assert_string_equal(blk(d, 2)->rows[0].cells[0].text, "");
    assert_string_equal(blk(d, 3)->text, "Hết");
    doc_free(d);
}

static void docx_text_boxes_once(void **state)
{
    (void)state;
    doc_t *d = docx_doc(
        "textbox.docx",
        "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
        "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> sau</w:t>"
        "</w:r></w:p>",
        NULL);
    assert_int_equal(doc_count(d), 2);
    assert_string_equal(blk(d, 0)->text, "Trong khung");
    assert_string_equal(blk(d, 1)->text, "Trước sau");
    doc_free(d);
}

static void docx_strict_namespace(void **state)
{
    (void)state;
    char *path = testdir_join(tmp, "strict.docx");
    const char *names[] = {"word/document.xml"};
    const char *xml[] = {"<?xml version=\"1.0\"?><w:document "
                         "xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
                         "<w:p><w:r><w:t>Strict</w:t></w:r></w:p></w:body></w:document>"};
    assert_int_equal(fxdoc_zip(path, names, xml, NULL, 1), 0);
    doc_t *d = read_ok(path);
    assert_int_equal(doc_count(d), 1);
    assert_string_equal(blk(d, 0)->text, "Strict");
    doc_free(d);
    free(path);
}

/* --- DOCX failures ------------------------------------------------------------------ */

static char *write_bytes(const char *name, const void *data, size_t n)
{
    char *path = testdir_join(tmp, name);
    assert_int_equal(fxdoc_write(path, data, n), 0);
    return path;
}

static void docx_errors(void **state)
{
    (void)state;
    /* corrupt: zip magic then junk */
    char *p = write_bytes("corrupt.docx", "PK\x03\x04garbage garbage garbage", 27);
    assert_string_equal(read_err(p), "docread.docx_corrupt");
    free(p);
    /* a valid zip without word/document.xml */
    p = testdir_join(tmp, "other.zip");
    const char *names[] = {"readme.txt", "xl/workbook.xml", "word/document.xml"};
    const char *contents[] = {"hello", "<workbook/>", "<w:document"};
    assert_int_equal(fxdoc_zip(p, names, contents, NULL, 1), 0);
    err_t e;
    doc_t *d = NULL;
    assert_int_equal(docread_file(p, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.not_word");
    assert_non_null(strstr(e.vi, "other.zip: "));
    assert_non_null(strstr(e.en, "not a Word document"));
    assert_int_equal(fxdoc_zip(p, names, contents, NULL, 2), 0);
    assert_int_equal(docread_file(p, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.not_word");
    assert_non_null(strstr(e.en, "Excel"));
    /* malformed XML */
    assert_int_equal(fxdoc_zip(p, names + 2, contents + 2, NULL, 1), 0);
    assert_string_equal(read_err(p), "docread.docx_xml");
    free(p);
    /* empty file, binary junk */
    p = write_bytes("empty.docx", "", 0);
    assert_string_equal(read_err(p), "docread.empty");
    free(p);
    unsigned char junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 37 + 11);
    p = write_bytes("junk.docx", junk, sizeof junk);
    assert_string_equal(read_err(p), "docread.binary");
    free(p);
    /* legacy .doc and password-protected .docx (both OLE2) */
    char ole[64] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    p = write_bytes("old.doc", ole, sizeof ole);
    assert_string_equal(read_err(p), "docread.legacy_doc");
    free(p);
    memcpy(ole + 20, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    p = write_bytes("locked.docx", ole, sizeof ole);
    assert_string_equal(read_err(p), "docread.docx_encrypted");
    free(p);
}

static void docx_truncated(void **state)
{
    (void)state;
    doc_t *txt = NULL;
    assert_int_equal(fxdoc_load_plan(fxdoc_plans[0], &txt), 0);
    char *p = testdir_join(tmp, "full.docx");
    assert_int_equal(fxdoc_docx_from_doc(txt, p), 0);
    char *data;
    size_t n;
    assert_int_equal(fxdoc_read(p, &data, &n), 0);
    free(p);
    size_t cuts[] = {n / 2, n - 30, 100};
    for (int i = 0; i < 3; i++) {
        p = write_bytes("cut.docx", data, cuts[i]);
        assert_string_equal(read_err(p), "docread.docx_corrupt");
        free(p);
    }
    /* a flipped byte in the compressed document: CRC or inflate error */
    size_t at = 0;
    for (size_t i = 0; i + 17 < n && !at; i++)
        if (memcmp(data + i, "word/document.xml", 17) == 0)
            at = i + 17 + 200;
    data[at] ^= 0x55;
    p = write_bytes("flipped.docx", data, n);
    const char *code = read_err(p);
    assert_true(strcmp(code, "docread.docx_corrupt") == 0 || strcmp(code, "docread.docx_xml") == 0);
    free(p);
    free(data);
    doc_free(txt);
}

static void docx_guards(void **state)
{
    (void)state;
    /* entity expansion ("billion laughs") refused before parsing */
    char *p = testdir_join(tmp, "laughs.docx");
    const char *names[] = {"word/document.xml"};
    const char *lol[] = {"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                         "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                         "2006/main\"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>"
                         "</w:document>"};
    assert_int_equal(fxdoc_zip(p, names, lol, NULL, 1), 0);
    assert_string_equal(read_err(p), "docread.docx_dtd");
    /* external entity / network access: also a DTD */
    const char *xxe[] = {"<?xml version=\"1.0\"?><!DOCTYPE d SYSTEM \"http://127.0.0.1:9/x.dtd\">"
                         "<d/>"};
    assert_int_equal(fxdoc_zip(p, names, xxe, NULL, 1), 0);
    assert_string_equal(read_err(p), "docread.docx_dtd");
    free(p);
    /* zip bomb: document.xml expanding beyond DOCREAD_MAX_XML */
    size_t big = DOCREAD_MAX_XML + 1024;
    char *bomb = malloc(big);
    assert_non_null(bomb);
    memset(bomb, ' ', big);
    memcpy(bomb, "<?xml version=\"1.0\"?>", 21);
    const char *bc[] = {bomb};
    size_t lens[] = {big};
    p = testdir_join(tmp, "bomb.docx");
    assert_int_equal(fxdoc_zip(p, names, bc, lens, 1), 0);
    free(bomb);
    char *data;
    size_t n;
    assert_int_equal(fxdoc_read(p, &data, &n), 0);
    assert_true(n < big / 100); /* highly compressed */
    free(data);
    err_t e;
    doc_t *d = NULL;
    assert_int_equal(docread_file(p, &d, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "docread.docx_too_large");
    free(p);
}

/* --- PDF -------------------------------------------------------------------------------- */

static void pdf_pages_lines_and_page_numbers(void **state)
{
    (void)state;
    char *p = testdir_join(tmp, "pages.pdf");
    const char *pages[] = {"KẾ HOẠCH\nCải cách hành chính năm 2024\n2024",
                           "- 2 -\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích", "Nội dung trang ba\n7"};
    const char *footers[] = {NULL, NULL, "Trang 3/3"};
    assert_int_equal(fxdoc_pdf_pages(p, pages, footers, 3), 0);
    doc_t *d = read_ok(p);
    free(p);
    static const struct {
        const char *text;
        int page, line;
    } want[] = {{"KẾ HOẠCH", 1, 1},
                {"Cải cách hành chính năm 2024", 1, 2},
                {"2024", 1, 3}, /* a number above the page index is content */
                {"I. MỤC ĐÍCH, YÊU CẦU", 2, 2},
                {"1. Mục đích", 2, 3},
                {"Nội dung trang ba", 3, 1},
                {"7", 3, 2}}; /* not the last line: "Trang 3/3" is, and is dropped */
    assert_int_equal(doc_count(d), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < doc_count(d); i++) {
        assert_string_equal(blk(d, i)->text, want[i].text);
        assert_int_equal(blk(d, i)->pos.page, want[i].page);
        assert_int_equal(blk(d, i)->pos.line, want[i].line);
    }
    doc_free(d);
}

static void pdf_without_text_layer(void **state)
{
    (void)state;
    char *p = testdir_join(tmp, "scan.pdf");
    assert_int_equal(fxdoc_pdf_blank(p), 0);
    err_t e;
    doc_t *d = NULL;
    assert_int_equal(docread_file(p, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.pdf_no_text");
    assert_non_null(strstr(e.vi, "PDF không có lớp văn bản (bản scan); cchc không nhận dạng ký tự "
                                 "(OCR)"));
    assert_non_null(strstr(e.en, "no text layer"));
    assert_null(d);
    free(p);
}

static void pdf_truncated_and_corrupt(void **state)
{
    (void)state;
    char *p = testdir_join(tmp, "whole.pdf");
    const char *pages[] = {"Một trang"};
    assert_int_equal(fxdoc_pdf_pages(p, pages, NULL, 1), 0);
    char *data;
    size_t n;
    assert_int_equal(fxdoc_read(p, &data, &n), 0);
    free(p);
    p = write_bytes("half.pdf", data, n / 2);
    assert_string_equal(read_err(p), "docread.pdf_truncated");
    free(p);
    free(data);
    const char junk[] = "%PDF-1.4\nthis is not a pdf body\n%%EOF\n";
    p = write_bytes("junk.pdf", junk, sizeof junk - 1);
    const char *code = read_err(p);
    assert_true(strcmp(code, "docread.pdf_corrupt") == 0 ||
                strcmp(code, "docread.pdf_no_text") == 0);
    free(p);
}

/* Every allocation failure of cchc's own code ends in ERR_NOMEM, no leak. */
static void readers_survive_alloc_failure(void **state)
{
    (void)state;
    const char *files[] = {"table.docx", "styles.docx", "pages.pdf"};
    for (int k = 0; k < 3; k++) {
        char *p = testdir_join(tmp, files[k]), *data;
        size_t n;
        assert_int_equal(fxdoc_read(p, &data, &n), 0);
        int failures = 0;
        for (long i = 1; i < 10000; i++) {
            doc_t *d = NULL;
            err_t e;
            mem_fail_after(i);
            int rc = docread_buffer(data, n, files[k], &d, &e);
            mem_fail_after(-1);
            if (rc == 0) {
                assert_true(doc_count(d) > 0);
                doc_free(d);
                break;
            }
            assert_int_equal(rc, ERR_NOMEM);
            assert_string_equal(e.code, "nomem");
            assert_null(d);
            failures++;
        }
        assert_true(failures > 5);
        free(data);
        free(p);
    }
}

/* A minimal PDF whose Standard security handler rejects the empty user
 * password (the /U entry matches no password). */
static size_t encrypted_pdf(char *out, size_t cap)
{
    static const char *objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        "<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
        "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20> /U <"
        "2122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F40> >>"};
    size_t n = (size_t)snprintf(out, cap, "%%PDF-1.4\n"), off[4];
    for (int i = 0; i < 4; i++) {
        off[i] = n;
        n += (size_t)snprintf(out + n, cap - n, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = n;
    n += (size_t)snprintf(out + n, cap - n, "xref\n0 5\n0000000000 65535 f \n");
    for (int i = 0; i < 4; i++)
        n += (size_t)snprintf(out + n, cap - n, "%010zu 00000 n \n", off[i]);
    n += (size_t)snprintf(out + n, cap - n,
                          "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID "
                          "[<00112233445566778899AABBCCDDEEFF><00112233445566778899AABBCCDDEEFF>] "
                          ">>\nstartxref\n%zu\n%%%%EOF\n",
                          xref);
    return n;
}

static void pdf_encrypted(void **state)
{
    (void)state;
    char pdf[2048];
    size_t n = encrypted_pdf(pdf, sizeof pdf);
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(docread_buffer(pdf, n, "locked.pdf", &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "docread.pdf_encrypted");
    assert_non_null(strstr(e.vi, "locked.pdf: Tệp PDF được bảo vệ bằng mật khẩu"));
    assert_null(d);
}

static void cli_dump_json(void **state)
{
    (void)state;
    const char *bin = getenv("CCHC_BIN");
    if (!bin || !*bin)
        skip();
    char *p = docx("cli.docx",
                   "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>"
                   "<w:t>KẾ HOẠCH</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t>"
                   "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Việc</w:t></w:r></w:p></w:tc></w:tr>"
                   "</w:tbl>",
                   NULL, NULL);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' doc dump '%s' --json", bin, p);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    char out[4096];
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    assert_int_equal(pclose(f), 0);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    assert_non_null(j);
    json_t *b = json_array_get(json_object_get(j, "blocks"), 0);
    assert_string_equal(json_string_value(json_object_get(b, "text")), "KẾ HOẠCH");
    assert_true(json_is_true(json_object_get(b, "bold")));
    assert_string_equal(json_string_value(json_object_get(b, "align")), "center");
    json_t *t = json_array_get(json_object_get(j, "blocks"), 1);
    assert_string_equal(json_string_value(json_object_get(t, "type")), "table");
    json_decref(j);
    /* plain form and errors */
    snprintf(cmd, sizeof cmd, "'%s' doc dump '%s' 2>&1", bin, p);
    f = popen(cmd, "r");
    n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    assert_int_equal(pclose(f), 0);
    assert_non_null(strstr(out, "P {bold center} KẾ HOẠCH"));
    assert_non_null(strstr(out, "R1: 1. │ Việc"));
    snprintf(cmd, sizeof cmd, "'%s' doc dump '%s/missing.docx' 2>&1", bin, tmp);
    f = popen(cmd, "r");
    n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    assert_int_not_equal(pclose(f), 0);
    assert_non_null(strstr(out, "lỗi: Không mở được tệp"));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docx_of_shared_plans_matches_text),
        cmocka_unit_test(pdf_of_shared_plans_matches_text),
        cmocka_unit_test(docx_paragraph_runs),
        cmocka_unit_test(docx_style_hints),
        cmocka_unit_test(docx_footnote_references_dropped),
        cmocka_unit_test(docx_tables_and_merged_cells),
        cmocka_unit_test(docx_text_boxes_once),
        cmocka_unit_test(docx_strict_namespace),
        cmocka_unit_test(docx_errors),
        cmocka_unit_test(docx_truncated),
        cmocka_unit_test(docx_guards),
        cmocka_unit_test(pdf_pages_lines_and_page_numbers),
        cmocka_unit_test(pdf_without_text_layer),
        cmocka_unit_test(pdf_truncated_and_corrupt),
        cmocka_unit_test(pdf_encrypted),
        cmocka_unit_test(readers_survive_alloc_failure),
        cmocka_unit_test(cli_dump_json),
    };
    return cmocka_run_group_tests_name("docread", tests, setup, teardown);
}
