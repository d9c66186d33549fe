/* fixture_doc.c - test-only DOCX/PDF generators (see fixture_doc.h). */
#include "support/fixture_doc.h"

#include "io/docread.h"
#include "support/strbuf.h"
#include "support/testdir.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

const char *const fxdoc_plans[3] = {"001_74e5bd43d5376be8.txt", "002_f2f413426d7afbab.txt",
                                    "004_9a23d4ea0e0477f2.txt"};

/* --- files ------------------------------------------------------------------- */

char *fxdoc_tmpdir(void)
{
    const char *keep = getenv("CCHC_KEEP_FIXTURES");
    if (keep && *keep) {
        mkdir(keep, 0755);
        return strdup(keep);
    }
    return testdir_new();
}

void fxdoc_rmtree(char *dir)
{
    const char *keep = getenv("CCHC_KEEP_FIXTURES");
    if (dir && keep && *keep && strcmp(keep, dir) == 0)
        free(dir);
    else
        testdir_remove(dir);
}

int fxdoc_read(const char *path, char **data, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16, len = 0, k;
    char *b = malloc(cap + 1);
    while (b && (k = fread(b + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!b)
        return -1;
    b[len] = '\0';
    *data = b;
    *n = len;
    return 0;
}

int fxdoc_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(data, 1, n, f) == n ? 0 : -1;
    return fclose(f) || rc ? -1 : 0;
}

int fxdoc_load_plan(const char *name, doc_t **out)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/data/plans/%s", testdir_root(), name);
    err_t e;
    return docread_file(path, out, &e) ? -1 : 0;
}

char *fxdoc_plan_path(const char *name)
{
    static const char *const dirs[] = {"../shared/plans", "data/plans"};
    for (size_t i = 0; i < 2; i++) {
        char *dir = testdir_join(testdir_root(), dirs[i]);
        char *path = testdir_join(dir, name);
        free(dir);
        if (testdir_exists(path))
            return path;
        free(path);
    }
    return NULL;
}

/* --- document XML ------------------------------------------------------------- */

/* XML-escaped text of one line (no '\n'); '\t' -> <w:tab/>. */
static void sb_run_text(strbuf_t *b, const char *s, size_t n)
{
    strbuf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            strbuf_puts(b, "&amp;");
            break;
        case '<':
            strbuf_puts(b, "&lt;");
            break;
        case '>':
            strbuf_puts(b, "&gt;");
            break;
        case '\t':
            strbuf_puts(b, "</w:t><w:tab/><w:t xml:space=\"preserve\">");
            break;
        default:
            strbuf_add(b, s + i, 1);
        }
    }
    strbuf_puts(b, "</w:t></w:r>");
}

/* --- DOCX ------------------------------------------------------------------------ */

int fxdoc_zip(const char *path, const char *const *names, const char *const *contents,
              const size_t *lens, size_t n)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t len = lens ? lens[i] : strlen(contents[i]);
        zip_source_t *src = zip_source_buffer(za, contents[i], len, 0);
        if (!src || zip_file_add(za, names[i], src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            zip_discard(za);
            return -1;
        }
    }
    return zip_close(za) == 0 ? 0 : -1;
}

#define NS_DECL                                                                                    \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                    \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "                    \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "             \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "                                                   \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "             \
    "mc:Ignorable=\"wps\""

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/footnotes.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
    "</Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
    "Target=\"footnotes.xml\"/></Relationships>";

static char *wrap(const char *head, const char *tag, const char *inner)
{
    strbuf_t b = {0};
    strbuf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:");
    strbuf_puts(&b, tag);
    strbuf_puts(&b, " " NS_DECL ">");
    strbuf_puts(&b, head);
    strbuf_puts(&b, inner);
    strbuf_puts(&b, "</w:");
    strbuf_puts(&b, strcmp(tag, "document") == 0 ? "body></w:document" : tag);
    strbuf_puts(&b, ">");
    if (b.bad) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

int fxdoc_docx_body(const char *path, const char *body_xml, const char *styles_xml,
                    const char *footnotes_xml)
{
    const char *names[6] = {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                            "word/document.xml"};
    const char *contents[6] = {content_types, root_rels, doc_rels};
    char *docxml = wrap("<w:body>", "document", body_xml);
    char *sty = styles_xml ? wrap("", "styles", styles_xml) : NULL;
    char *fn = footnotes_xml ? wrap("", "footnotes", footnotes_xml) : NULL;
    size_t n = 4;
    contents[3] = docxml;
    if (sty) {
        names[n] = "word/styles.xml";
        contents[n++] = sty;
    }
    if (fn) {
        names[n] = "word/footnotes.xml";
        contents[n++] = fn;
    }
    int rc = docxml && (!styles_xml || sty) && (!footnotes_xml || fn)
                 ? fxdoc_zip(path, names, contents, NULL, n)
                 : -1;
    free(docxml);
    free(sty);
    free(fn);
    return rc;
}

static void docx_para(strbuf_t *b, const char *s, size_t n)
{
    strbuf_puts(b, "<w:p>");
    size_t i = 0;
    while (i <= n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        if (i)
            strbuf_puts(b, "<w:r><w:br/></w:r>");
        sb_run_text(b, s + i, j - i);
        i = j + 1;
    }
    strbuf_puts(b, "</w:p>");
}

static void docx_table(strbuf_t *b, const doc_block_t *t)
{
    char tmp[128];
    int ncols = t->ncols > 0 ? t->ncols : 1;
    strbuf_puts(b,
                "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
                "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
                "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
                "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
                "</w:tblBorders></w:tblPr><w:tblGrid>");
    for (int c = 0; c < ncols; c++) {
        snprintf(tmp, sizeof tmp, "<w:gridCol w:w=\"%d\"/>", 9000 / ncols);
        strbuf_puts(b, tmp);
    }
    strbuf_puts(b, "</w:tblGrid>");
    for (size_t r = 0; r < t->nrows; r++) {
        const doc_row_t *row = &t->rows[r];
        strbuf_puts(b, "<w:tr>");
        for (size_t c = 0; c < row->ncells; c++) {
            const doc_cell_t *cell = &row->cells[c];
            int span = cell->span;
            if (c + 1 == row->ncells && cell->col + span < ncols)
                span = ncols - cell->col;
            strbuf_puts(b, "<w:tc><w:tcPr>");
            if (span > 1) {
                snprintf(tmp, sizeof tmp, "<w:gridSpan w:val=\"%d\"/>", span);
                strbuf_puts(b, tmp);
            }
            strbuf_puts(b, "</w:tcPr>");
            size_t i = 0;
            do {
                const char *nl = memchr(cell->text + i, '\n', cell->len - i);
                size_t j = nl ? (size_t)(nl - cell->text) : cell->len;
                strbuf_puts(b, "<w:p>");
                sb_run_text(b, cell->text + i, j - i);
                strbuf_puts(b, "</w:p>");
                i = j + 1;
            } while (i <= cell->len);
            strbuf_puts(b, "</w:tc>");
        }
        strbuf_puts(b, "</w:tr>");
    }
    strbuf_puts(b, "</w:tbl>");
}

int fxdoc_docx_from_doc(const doc_t *d, const char *path)
{
    strbuf_t b = {0};
    bool prev_table = false;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *k = doc_block(d, i);
        if (k->kind == DOC_PARA) {
            docx_para(&b, k->text, k->len);
        } else {
            if (prev_table) /* Word needs a paragraph between two tables */
                strbuf_puts(&b, "<w:p/>");
            docx_table(&b, k);
        }
        prev_table = k->kind == DOC_TABLE;
    }
    strbuf_puts(&b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>");
    int rc = b.bad ? -1 : fxdoc_docx_body(path, b.p, NULL, NULL);
    free(b.p);
    return rc;
}

/* --- PDF ----------------------------------------------------------------------------- */

#define A4_W     595.276
#define A4_H     841.89
#define MARGIN_L 85.0 /* 30 mm */
#define MARGIN_R 57.0 /* 20 mm */
#define MARGIN_V 57.0

typedef struct pdfw {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    double y;
    int pages;
} pdfw_t;

static int pdf_open(pdfw_t *w, const char *path)
{
    memset(w, 0, sizeof *w);
    w->surface = cairo_pdf_surface_create(path, A4_W, A4_H);
    if (cairo_surface_status(w->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(w->surface);
        return -1;
    }
    w->cr = cairo_create(w->surface);
    w->layout = pango_cairo_create_layout(w->cr);
    PangoFontDescription *fd = pango_font_description_from_string("Liberation Serif 13");
    pango_layout_set_font_description(w->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_wrap(w->layout, PANGO_WRAP_WORD_CHAR);
    w->y = MARGIN_V;
    w->pages = 1;
    return 0;
}

static void pdf_new_page(pdfw_t *w)
{
    cairo_show_page(w->cr);
    w->y = MARGIN_V;
    w->pages++;
}

/* Draws text wrapped at the text width from x, breaking pages between lines. */
static void pdf_para(pdfw_t *w, const char *s, size_t n, double indent)
{
    pango_layout_set_width(w->layout, (int)((A4_W - MARGIN_L - MARGIN_R - indent) * PANGO_SCALE));
    pango_layout_set_text(w->layout, s, (int)n);
    int count = pango_layout_get_line_count(w->layout);
    for (int i = 0; i < count; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(w->layout, i);
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        double h = (double)log.height / PANGO_SCALE, ascent = -(double)log.y / PANGO_SCALE;
        if (w->y + h > A4_H - MARGIN_V)
            pdf_new_page(w);
        cairo_move_to(w->cr, MARGIN_L + indent, w->y + ascent);
        pango_cairo_show_layout_line(w->cr, line);
        w->y += h;
    }
    w->y += 4;
}

static int pdf_close(pdfw_t *w)
{
    g_object_unref(w->layout);
    cairo_destroy(w->cr);
    cairo_surface_finish(w->surface);
    int rc = cairo_surface_status(w->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    cairo_surface_destroy(w->surface);
    return rc;
}

int fxdoc_pdf_from_doc(const doc_t *d, const char *path, int *pages)
{
    pdfw_t w;
    if (pdf_open(&w, path))
        return -1;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *k = doc_block(d, i);
        if (k->kind == DOC_PARA) {
            pdf_para(&w, k->text, k->len, 0);
            continue;
        }
        for (size_t r = 0; r < k->nrows; r++)
            for (size_t c = 0; c < k->rows[r].ncells; c++)
                pdf_para(&w, k->rows[r].cells[c].text, k->rows[r].cells[c].len, c ? 40 : 20);
    }
    if (pages)
        *pages = w.pages;
    return pdf_close(&w);
}

int fxdoc_pdf_pages(const char *path, const char *const *texts, const char *const *footers,
                    size_t n)
{
    pdfw_t w;
    if (pdf_open(&w, path))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (i)
            pdf_new_page(&w);
        pdf_para(&w, texts[i], strlen(texts[i]), 0);
        if (footers && footers[i]) {
            w.y = A4_H - MARGIN_V - 20;
            pdf_para(&w, footers[i], strlen(footers[i]), 200);
        }
    }
    return pdf_close(&w);
}

int fxdoc_pdf_blank(const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, A4_W, A4_H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_rectangle(cr, 100, 100, 300, 400);
    cairo_fill(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    cairo_surface_destroy(s);
    return rc;
}
