/* offdoc_docx_body.c - word/document.xml of an official document
 * (offdoc_docx_int.h): the two-column header as a borderless table, the
 * title, "Kính gửi", body blocks in named styles, tables with repeated
 * header rows and merged cells, the closing as a borderless table, the
 * appendices and the section properties (A4, ND 30 margins, page number
 * header from page 2).
 *
 * Short rules (under the issuing body, the motto and the summary) are the
 * bottom border of a tiny empty paragraph whose left and right indents
 * centre a border of the measured length (Liberation Serif metrics equal
 * Times New Roman's, so the lengths hold in Word). */
#include "io/offdoc_docx_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define W_TEXT      DX_TWIPS(OFFDOC_TEXT_W)
#define RULE_SHARE  0.4
#define SUMMARY_MAX 0.8

/* --- small pieces -------------------------------------------------------------- */

static void ppr_open(offdoc_dx_t *x, const char *style)
{
    offdoc_docx_open(x, "w:p");
    offdoc_docx_open(x, "w:pPr");
    if (style)
        offdoc_docx_val(x, "w:pStyle", style);
}

static void spacing(offdoc_dx_t *x, double before, double after)
{
    offdoc_docx_open(x, "w:spacing");
    offdoc_docx_attr_int(x, "w:before", DX_TWIPS(before));
    offdoc_docx_attr_int(x, "w:after", DX_TWIPS(after));
    offdoc_docx_close(x);
}

static void ind(offdoc_dx_t *x, long left, long right, long first, long hanging)
{
    offdoc_docx_open(x, "w:ind");
    offdoc_docx_attr_int(x, "w:left", left);
    offdoc_docx_attr_int(x, "w:right", right);
    if (hanging)
        offdoc_docx_attr_int(x, "w:hanging", hanging);
    else
        offdoc_docx_attr_int(x, "w:firstLine", first);
    offdoc_docx_close(x);
}

/* A centred single-style paragraph. */
static void centred(offdoc_dx_t *x, const char *text, double pt, unsigned style, double before)
{
    offdoc_docx_para_open(x, "OdCenter", NULL, before);
    offdoc_docx_run(x, text, style, pt);
    offdoc_docx_close(x);
}

/* The widest line of text (lines split at '\n'), in points. */
static double widest(offdoc_dx_t *x, const char *text, double pt, unsigned style)
{
    double w = 0;
    char *copy = mem_strdup(text);
    if (!copy) {
        x->err = ERR_NOMEM;
        return 0;
    }
    char *line = copy;
    for (;;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        double lw = offdoc_style_text_width(x->fonts, line, pt, style);
        w = lw > w ? lw : w;
        if (!nl)
            break;
        line = nl + 1;
    }
    mem_free(copy);
    return w;
}

/* A rule of length len (pt) centred in a box of width box (twips). */
static void rule(offdoc_dx_t *x, double len, long box)
{
    long side = (box - DX_TWIPS(len)) / 2;
    ppr_open(x, "OdRule");
    offdoc_docx_open(x, "w:pBdr");
    offdoc_docx_open(x, "w:bottom");
    offdoc_docx_attr(x, "w:val", "single");
    offdoc_docx_attr_int(x, "w:sz", 6); /* eighths of a point: 0.75 pt */
    offdoc_docx_attr_int(x, "w:space", 1);
    offdoc_docx_attr(x, "w:color", "000000");
    offdoc_docx_close(x);
    offdoc_docx_close(x);
    ind(x, side > 0 ? side : 0, side > 0 ? side : 0, 0, 0);
    offdoc_docx_close(x); /* pPr */
    offdoc_docx_close(x); /* p */
}

static void cell_open(offdoc_dx_t *x, long width, int span, const char *vmerge, bool center_v)
{
    offdoc_docx_open(x, "w:tc");
    offdoc_docx_open(x, "w:tcPr");
    offdoc_docx_open(x, "w:tcW");
    offdoc_docx_attr_int(x, "w:w", width);
    offdoc_docx_attr(x, "w:type", "dxa");
    offdoc_docx_close(x);
    if (span > 1)
        offdoc_docx_val_int(x, "w:gridSpan", span);
    if (vmerge)
        offdoc_docx_val(x, "w:vMerge", vmerge[0] ? vmerge : NULL);
    if (center_v)
        offdoc_docx_val(x, "w:vAlign", "center");
    offdoc_docx_close(x);
}

/* <w:tbl> with its properties and grid; style NULL: borderless, no cell
 * margins (layout tables). */
static void table_open(offdoc_dx_t *x, const char *style, const long *cols, size_t n)
{
    offdoc_docx_open(x, "w:tbl");
    offdoc_docx_open(x, "w:tblPr");
    offdoc_docx_val(x, "w:tblStyle", style ? style : "OdLayout");
    offdoc_docx_open(x, "w:tblW");
    offdoc_docx_attr_int(x, "w:w", W_TEXT);
    offdoc_docx_attr(x, "w:type", "dxa");
    offdoc_docx_close(x);
    offdoc_docx_open(x, "w:tblLayout");
    offdoc_docx_attr(x, "w:type", "fixed");
    offdoc_docx_close(x);
    offdoc_docx_close(x);
    offdoc_docx_open(x, "w:tblGrid");
    for (size_t i = 0; i < n; i++) {
        offdoc_docx_open(x, "w:gridCol");
        offdoc_docx_attr_int(x, "w:w", cols[i]);
        offdoc_docx_close(x);
    }
    offdoc_docx_close(x);
}

static void row_open(offdoc_dx_t *x, bool header, bool cant_split)
{
    offdoc_docx_open(x, "w:tr");
    if (header || cant_split) {
        offdoc_docx_open(x, "w:trPr");
        if (cant_split)
            offdoc_docx_val(x, "w:cantSplit", NULL);
        if (header)
            offdoc_docx_val(x, "w:tblHeader", NULL);
        offdoc_docx_close(x);
    }
}

/* --- header, title, recipients ---------------------------------------------------- */

static void header(offdoc_dx_t *x)
{
    const offdoc_head_t *h = offdoc_head(x->d);
    long cols[2] = {DX_TWIPS(OFFDOC_TEXT_W * OFFDOC_HEAD_LEFT), 0};
    cols[1] = W_TEXT - cols[0];
    char line[OFFDOC_LINE_MAX];
    table_open(x, NULL, cols, 2);
    row_open(x, false, true);
    cell_open(x, cols[0], 1, NULL, false);
    if (h->superior)
        centred(x, h->superior, OFFDOC_PT_BODIES, 0, -1);
    centred(x, h->issuer, OFFDOC_PT_BODIES, OFFDOC_BOLD, -1);
    rule(x, widest(x, h->issuer, OFFDOC_PT_BODIES, OFFDOC_BOLD) * RULE_SHARE, cols[0]);
    offdoc_docx_close(x);
    cell_open(x, cols[1], 1, NULL, false);
    centred(x, offdoc_national_title, OFFDOC_PT_NATIONAL, OFFDOC_BOLD, -1);
    centred(x, offdoc_motto, OFFDOC_PT_MOTTO, OFFDOC_BOLD, -1);
    rule(x, offdoc_style_text_width(x->fonts, offdoc_motto, OFFDOC_PT_MOTTO, OFFDOC_BOLD), cols[1]);
    offdoc_docx_close(x);
    offdoc_docx_close(x); /* tr */
    row_open(x, false, true);
    cell_open(x, cols[0], 1, NULL, false);
    offdoc_number_line(x->d, line);
    centred(x, line, OFFDOC_PT_BODIES, 0, 6);
    if (h->kind == OFFDOC_LETTER && h->summary) {
        offdoc_docx_para_open(x, "OdCenter", NULL, 2);
        offdoc_docx_run(x, "V/v ", 0, OFFDOC_PT_VV);
        offdoc_docx_run(x, h->summary, 0, OFFDOC_PT_VV);
        offdoc_docx_close(x);
    }
    offdoc_docx_close(x);
    cell_open(x, cols[1], 1, NULL, false);
    offdoc_date_line(x->d, line);
    centred(x, line, OFFDOC_PT_BODY, OFFDOC_ITALIC, 6);
    offdoc_docx_close(x);
    offdoc_docx_close(x); /* tr */
    offdoc_docx_close(x); /* tbl */
}

static void title(offdoc_dx_t *x)
{
    const offdoc_head_t *h = offdoc_head(x->d);
    const char *type = offdoc_kind_title((offdoc_kind_t)h->kind);
    if (!type[0])
        return;
    centred(x, type, OFFDOC_PT_BODY, OFFDOC_BOLD, 18);
    if (!h->summary)
        return;
    long side = DX_TWIPS(OFFDOC_TEXT_W * (1 - SUMMARY_MAX) / 2);
    ppr_open(x, "OdCenter");
    ind(x, side, side, 0, 0);
    offdoc_docx_close(x);
    offdoc_docx_run(x, h->summary, OFFDOC_BOLD, OFFDOC_PT_BODY);
    offdoc_docx_close(x);
    double sw = widest(x, h->summary, OFFDOC_PT_BODY, OFFDOC_BOLD);
    if (sw > OFFDOC_TEXT_W * SUMMARY_MAX)
        sw = OFFDOC_TEXT_W * SUMMARY_MAX;
    rule(x, sw * RULE_SHARE, W_TEXT);
}

static void recipients(offdoc_dx_t *x)
{
    const offdoc_head_t *h = offdoc_head(x->d);
    double before = h->kind == OFFDOC_LETTER ? 18 : 12;
    if (h->nto == 1) {
        char *s = mem_alloc(strlen(h->to[0]) + 32);
        if (!s) {
            x->err = ERR_NOMEM;
            return;
        }
        snprintf(s, strlen(h->to[0]) + 32, "Kính gửi: %s.", h->to[0]);
        centred(x, s, OFFDOC_PT_BODY, 0, before);
        mem_free(s);
        return;
    }
    double lw = offdoc_style_text_width(x->fonts, "Kính gửi:", OFFDOC_PT_BODY, 0);
    long x0 = DX_TWIPS(OFFDOC_TEXT_W * 0.15), x1 = x0 + DX_TWIPS(lw + 6);
    for (size_t i = 0; i < h->nto; i++) {
        ppr_open(x, NULL);
        if (i == 0) {
            offdoc_docx_open(x, "w:tabs");
            offdoc_docx_open(x, "w:tab");
            offdoc_docx_attr(x, "w:val", "left");
            offdoc_docx_attr_int(x, "w:pos", x1);
            offdoc_docx_close(x);
            offdoc_docx_close(x);
        }
        spacing(x, i == 0 ? before : 0, 0);
        ind(x, x1, 0, 0, i == 0 ? x1 - x0 : 0);
        offdoc_docx_close(x);
        if (i == 0) {
            offdoc_docx_run(x, "Kính gửi:", 0, 0);
            offdoc_docx_open(x, "w:r");
            offdoc_docx_val(x, "w:tab", NULL);
            offdoc_docx_close(x);
        }
        offdoc_docx_run(x, "- ", 0, 0);
        offdoc_docx_run(x, h->to[i], 0, 0);
        offdoc_docx_run(x, i + 1 < h->nto ? ";" : ".", 0, 0);
        offdoc_docx_close(x);
    }
}

/* --- body blocks ------------------------------------------------------------------- */

static void heading(offdoc_dx_t *x, const offdoc_block_t *b)
{
    static const char *const ids[4] = {"", "Heading1", "Heading2", "Heading3"};
    offdoc_docx_para_open(x, ids[b->level], NULL, -1);
    if (b->label[0]) {
        offdoc_docx_run(x, b->label, 0, 0);
        offdoc_docx_run(x, " ", 0, 0);
    }
    offdoc_docx_run(x, b->text, 0, 0);
    offdoc_docx_close(x);
}

static void paragraph(offdoc_dx_t *x, const offdoc_block_t *b)
{
    ppr_open(x, "BodyText");
    if (b->align == OFFDOC_ALIGN_CENTER || b->align == OFFDOC_ALIGN_RIGHT) {
        ind(x, 0, 0, 0, 0);
        offdoc_docx_val(x, "w:jc", b->align == OFFDOC_ALIGN_CENTER ? "center" : "right");
    } else if (b->align == OFFDOC_ALIGN_LEFT) {
        offdoc_docx_val(x, "w:jc", "left");
    }
    offdoc_docx_close(x);
    if (b->kind == OFFDOC_B_DASH)
        offdoc_docx_run(x, "- ", 0, 0);
    for (size_t i = 0; i < b->nruns; i++)
        offdoc_docx_run(x, b->runs[i].text, b->runs[i].style, 0);
    offdoc_docx_close(x);
}

static const char *jc_of(int align)
{
    switch (align) {
    case OFFDOC_ALIGN_CENTER:
        return "center";
    case OFFDOC_ALIGN_RIGHT:
        return "right";
    case OFFDOC_ALIGN_JUSTIFY:
        return "both";
    default:
        return "left";
    }
}

static void cell(offdoc_dx_t *x, const offdoc_cell_t *c, const long *cols, const char *vmerge)
{
    long w = 0;
    for (int k = 0; k < c->span; k++)
        w += cols[c->col + k];
    cell_open(x, w, c->span, vmerge, true);
    offdoc_docx_para_open(x, "OdTable", jc_of(c->align), -1);
    offdoc_docx_run(x, c->text, c->bold ? OFFDOC_BOLD : 0, 0);
    offdoc_docx_close(x);
    offdoc_docx_close(x);
}

/* A continuation of a cell merged from above (w:vMerge without a value). */
static void merged(offdoc_dx_t *x, const offdoc_cell_t *above, const long *cols)
{
    offdoc_cell_t c = *above;
    c.text = "";
    cell(x, &c, cols, "");
}

static void table(offdoc_dx_t *x, const offdoc_table_t *t)
{
    long cols[OFFDOC_COLS_MAX];
    const offdoc_cell_t *from[OFFDOC_COLS_MAX] = {0}; /* cell spanning rows into column c */
    int left[OFFDOC_COLS_MAX] = {0};                  /* rows it still covers */
    long used = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        cols[c] = c + 1 < t->ncols ? (long)(t->widths[c] * (double)W_TEXT) : W_TEXT - used;
        used += cols[c];
    }
    table_open(x, "TableGrid", cols, t->ncols);
    for (size_t r = 0; r < t->nrows; r++) {
        const offdoc_row_t *row = &t->rows[r];
        row_open(x, r < t->nheader, true);
        size_t k = 0;
        for (size_t c = 0; c < t->ncols;) {
            if (left[c] > 0) {
                merged(x, from[c], cols);
                left[c]--;
                c += (size_t)from[c]->span;
            } else if (k < row->ncells && (size_t)row->cells[k].col == c) {
                const offdoc_cell_t *cl = &row->cells[k++];
                int rs = (size_t)cl->rowspan > t->nheader - r && r < t->nheader
                             ? (int)(t->nheader - r)
                             : cl->rowspan;
                cell(x, cl, cols, rs > 1 ? "restart" : NULL);
                from[c] = cl;
                left[c] = rs - 1;
                c += (size_t)cl->span;
            } else {
                c++; /* cannot happen: rows are complete */
            }
        }
        offdoc_docx_close(x);
    }
    offdoc_docx_close(x);
    /* Word needs a paragraph between two tables; it also spaces the next block */
    offdoc_docx_para_open(x, "OdAfterTable", NULL, -1);
    offdoc_docx_close(x);
}

static void appendix(offdoc_dx_t *x, const offdoc_block_t *b)
{
    ppr_open(x, "OdCenter");
    offdoc_docx_val(x, "w:pageBreakBefore", NULL);
    offdoc_docx_close(x);
    offdoc_docx_run(x, b->label, OFFDOC_BOLD, OFFDOC_PT_BODY);
    offdoc_docx_close(x);
    centred(x, b->text, OFFDOC_PT_BODY, OFFDOC_BOLD, -1);
    if (b->subtitle)
        centred(x, b->subtitle, OFFDOC_PT_BODY, OFFDOC_ITALIC, -1);
    offdoc_docx_para_open(x, "OdAfterTable", NULL, -1);
    offdoc_docx_close(x);
}

static void block(offdoc_dx_t *x, const offdoc_block_t *b)
{
    switch (b->kind) {
    case OFFDOC_B_HEADING:
        heading(x, b);
        break;
    case OFFDOC_B_PARA:
    case OFFDOC_B_DASH:
        paragraph(x, b);
        break;
    case OFFDOC_B_TABLE:
        table(x, b->tab);
        break;
    case OFFDOC_B_PAGEBREAK:
        offdoc_docx_open(x, "w:p");
        offdoc_docx_open(x, "w:r");
        offdoc_docx_open(x, "w:br");
        offdoc_docx_attr(x, "w:type", "page");
        offdoc_docx_close(x);
        offdoc_docx_close(x);
        offdoc_docx_close(x);
        break;
    case OFFDOC_B_APPENDIX:
        appendix(x, b);
        break;
    default:
        break;
    }
}

/* --- closing ------------------------------------------------------------------------ */

static void cc_line(offdoc_dx_t *x, const char *a, const char *b, const char *c)
{
    ppr_open(x, "OdCc");
    offdoc_docx_close(x);
    offdoc_docx_run(x, a, 0, 0);
    offdoc_docx_run(x, b, 0, 0);
    offdoc_docx_run(x, c, 0, 0);
    offdoc_docx_close(x);
}

static void closing(offdoc_dx_t *x)
{
    const offdoc_head_t *h = offdoc_head(x->d);
    long cols[2] = {DX_TWIPS(OFFDOC_TEXT_W * OFFDOC_CLOSE_LEFT), 0};
    cols[1] = W_TEXT - cols[0];
    offdoc_docx_para_open(x, "OdAfterTable", NULL, -1);
    offdoc_docx_close(x);
    table_open(x, NULL, cols, 2);
    row_open(x, false, true);
    cell_open(x, cols[0], 1, NULL, false);
    offdoc_docx_para_open(x, NULL, NULL, -1);
    offdoc_docx_run(x, "Nơi nhận:", OFFDOC_BOLD | OFFDOC_ITALIC, OFFDOC_PT_CC_LABEL);
    offdoc_docx_close(x);
    for (size_t i = 0; i < h->ncc; i++)
        cc_line(x, "- ", h->cc[i], ";");
    cc_line(x, "- Lưu: ", h->archive, ".");
    offdoc_docx_close(x);
    cell_open(x, cols[1], 1, NULL, false);
    if (h->authority)
        centred(x, h->authority, OFFDOC_PT_BODY, OFFDOC_BOLD, -1);
    if (h->title)
        centred(x, h->title, OFFDOC_PT_BODY, OFFDOC_BOLD, -1);
    offdoc_docx_para_open(x, "OdCenter", NULL, OFFDOC_SIGN_SPACE);
    if (h->signer)
        offdoc_docx_run(x, h->signer, OFFDOC_BOLD, OFFDOC_PT_BODY);
    offdoc_docx_close(x);
    offdoc_docx_close(x); /* tc */
    offdoc_docx_close(x); /* tr */
    offdoc_docx_close(x); /* tbl */
}

/* --- document ------------------------------------------------------------------------ */

static void section(offdoc_dx_t *x)
{
    offdoc_docx_open(x, "w:sectPr");
    static const char *const refs[2][2] = {{"default", "rIdHeaderDefault"},
                                           {"first", "rIdHeaderFirst"}};
    for (int i = 0; i < 2; i++) {
        offdoc_docx_open(x, "w:headerReference");
        offdoc_docx_attr(x, "w:type", refs[i][0]);
        offdoc_docx_attr(x, "r:id", refs[i][1]);
        offdoc_docx_close(x);
    }
    offdoc_docx_open(x, "w:pgSz");
    offdoc_docx_attr_int(x, "w:w", DX_TWIPS(OFFDOC_PAGE_W));
    offdoc_docx_attr_int(x, "w:h", DX_TWIPS(OFFDOC_PAGE_H));
    offdoc_docx_close(x);
    offdoc_docx_open(x, "w:pgMar");
    offdoc_docx_attr_int(x, "w:top", DX_TWIPS(OFFDOC_MARGIN_TOP));
    offdoc_docx_attr_int(x, "w:right", DX_TWIPS(OFFDOC_MARGIN_RIGHT));
    offdoc_docx_attr_int(x, "w:bottom", DX_TWIPS(OFFDOC_MARGIN_BOTTOM));
    offdoc_docx_attr_int(x, "w:left", DX_TWIPS(OFFDOC_MARGIN_LEFT));
    offdoc_docx_attr_int(x, "w:header", DX_TWIPS(OFFDOC_PAGE_NUM_Y));
    offdoc_docx_attr_int(x, "w:footer", DX_TWIPS(OFFDOC_PAGE_NUM_Y));
    offdoc_docx_attr_int(x, "w:gutter", 0);
    offdoc_docx_close(x);
    offdoc_docx_val(x, "w:titlePg", NULL);
    offdoc_docx_close(x);
}

void offdoc_docx_body_document(offdoc_dx_t *x)
{
    size_t n = offdoc_count(x->d), at = offdoc_closing_at(x->d);
    offdoc_docx_open(x, "w:document");
    offdoc_docx_attr(x, "xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
    offdoc_docx_attr(x, "xmlns:r",
                     "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
    offdoc_docx_open(x, "w:body");
    header(x);
    title(x);
    recipients(x);
    for (size_t i = 0; i < at && !x->err; i++)
        block(x, offdoc_block(x->d, i));
    closing(x);
    for (size_t i = at; i < n && !x->err; i++)
        block(x, offdoc_block(x->d, i));
    section(x);
    offdoc_docx_close(x);
    offdoc_docx_close(x);
}
