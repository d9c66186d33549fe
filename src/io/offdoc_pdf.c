/* offdoc_pdf.c - the PDF renderer of official documents (offdoc_pdf.h):
 * pages and page numbers, the two-column header, the title, "Kính gửi",
 * body blocks, the closing and appendices. Text layout is in
 * offdoc_pdf_text.c, tables in offdoc_pdf_table.c. */
#include "io/offdoc_pdf.h"
#include "io/offdoc_pdf_int.h"

#include "base/mem.h"
#include "io/outfile.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define HEAD_GAP    10.0 /* below the rules of the header, above the number/date row */
#define TITLE_GAP   18.0 /* between the header and the title */
#define KEEP_LINES  2    /* lines of a paragraph kept together at a page end */
#define CLOSE_GAP   12.0 /* above the closing */
#define RULE_SHARE  0.4  /* short rules: share of the text line above (ND 30: 1/3 to 1/2) */
#define SUMMARY_MAX 0.8  /* the summary wraps within this share of the text width */
#define RULE_GAP    2.5  /* between a text's logical bottom and its rule */

/* --- pages ------------------------------------------------------------------ */

static void page_number(offdoc_pdf_job_t *j)
{
    char n[16];
    snprintf(n, sizeof n, "%d", j->page);
    PangoLayout *l =
        offdoc_pdf_text_simple(j, n, OFFDOC_PT_PAGE, 0, OFFDOC_ALIGN_CENTER, OFFDOC_TEXT_W);
    offdoc_pdf_text_draw(j, l, OFFDOC_MARGIN_LEFT, OFFDOC_PAGE_NUM_Y);
    g_object_unref(l);
}

void offdoc_pdf_new_page(offdoc_pdf_job_t *j)
{
    cairo_show_page(j->cr);
    j->page++;
    j->y = OFFDOC_MARGIN_TOP;
    if (j->page >= 2)
        page_number(j);
    j->fresh = true;
}

void offdoc_pdf_space(offdoc_pdf_job_t *j, double dy, double need)
{
    if (j->fresh)
        dy = 0;
    if (need > 0 && !j->fresh && j->y + dy + need > PDF_BOTTOM) {
        offdoc_pdf_new_page(j);
        return;
    }
    j->y = j->y + dy > PDF_BOTTOM ? PDF_BOTTOM : j->y + dy;
}

void offdoc_pdf_rule(offdoc_pdf_job_t *j, double x, double y, double w, double width)
{
    cairo_set_line_width(j->cr, width);
    cairo_move_to(j->cr, x, y);
    cairo_line_to(j->cr, x + w, y);
    cairo_stroke(j->cr);
}

/* Draws text centred in [x, x + w) at y; returns the bottom. *tw (may be
 * NULL) gets the width of its widest line. */
static double centred(offdoc_pdf_job_t *j, const char *text, double pt, unsigned style, double x,
                      double w, double y, double *tw)
{
    PangoLayout *l = offdoc_pdf_text_simple(j, text, pt, style, OFFDOC_ALIGN_CENTER, w);
    offdoc_pdf_text_draw(j, l, x, y);
    double h = offdoc_pdf_text_height(l);
    if (tw)
        *tw = offdoc_pdf_text_width(l);
    g_object_unref(l);
    return y + h;
}

/* --- header, title, recipients ------------------------------------------------ */

static void header(offdoc_pdf_job_t *j)
{
    const offdoc_head_t *h = offdoc_head(j->d);
    double xl = OFFDOC_MARGIN_LEFT, wl = OFFDOC_TEXT_W * OFFDOC_HEAD_LEFT;
    double xr = xl + wl, wr = OFFDOC_TEXT_W - wl;
    double yl = OFFDOC_MARGIN_TOP, yr = OFFDOC_MARGIN_TOP, iw = 0, mw = 0;
    char line[OFFDOC_LINE_MAX];

    if (h->superior)
        yl = centred(j, h->superior, OFFDOC_PT_BODIES, 0, xl, wl, yl, NULL);
    yl = centred(j, h->issuer, OFFDOC_PT_BODIES, OFFDOC_BOLD, xl, wl, yl, &iw);
    offdoc_pdf_rule(j, xl + (wl - iw * RULE_SHARE) / 2, yl + RULE_GAP, iw * RULE_SHARE,
                    OFFDOC_RULE_WIDTH);
    yr = centred(j, offdoc_national_title, OFFDOC_PT_NATIONAL, OFFDOC_BOLD, xr, wr, yr, NULL);
    yr = centred(j, offdoc_motto, OFFDOC_PT_MOTTO, OFFDOC_BOLD, xr, wr, yr, &mw);
    offdoc_pdf_rule(j, xr + (wr - mw) / 2, yr + RULE_GAP, mw, OFFDOC_RULE_WIDTH);

    /* the number line and the date line share one row */
    double y2 = (yl > yr ? yl : yr) + HEAD_GAP;
    offdoc_number_line(j->d, line);
    yl = centred(j, line, OFFDOC_PT_BODIES, 0, xl, wl, y2, NULL);
    if (h->kind == OFFDOC_LETTER && h->summary) {
        char *vv = g_strdup_printf("V/v %s", h->summary);
        yl = centred(j, vv, OFFDOC_PT_VV, 0, xl, wl, yl + 2, NULL);
        g_free(vv);
    }
    offdoc_date_line(j->d, line);
    yr = centred(j, line, OFFDOC_PT_BODY, OFFDOC_ITALIC, xr, wr, y2, NULL);
    j->y = yl > yr ? yl : yr;
    j->fresh = false;
}

static void title(offdoc_pdf_job_t *j)
{
    const offdoc_head_t *h = offdoc_head(j->d);
    const char *type = offdoc_kind_title((offdoc_kind_t)h->kind);
    if (!type[0])
        return;
    double x = OFFDOC_MARGIN_LEFT, w = OFFDOC_TEXT_W, sw = 0;
    j->y = centred(j, type, OFFDOC_PT_BODY, OFFDOC_BOLD, x, w, j->y + TITLE_GAP, NULL);
    if (!h->summary)
        return;
    double ws = w * SUMMARY_MAX;
    j->y = centred(j, h->summary, OFFDOC_PT_BODY, OFFDOC_BOLD, x + (w - ws) / 2, ws, j->y, &sw);
    offdoc_pdf_rule(j, x + (w - sw * RULE_SHARE) / 2, j->y + RULE_GAP, sw * RULE_SHARE,
                    OFFDOC_RULE_WIDTH);
    j->y += 4;
}

/* "Kính gửi: X." centred, or the label followed by one line per recipient. */
static void recipients(offdoc_pdf_job_t *j)
{
    const offdoc_head_t *h = offdoc_head(j->d);
    if (!h->nto)
        return;
    j->y += h->kind == OFFDOC_LETTER ? TITLE_GAP : CLOSE_GAP;
    if (h->nto == 1) {
        char *s = g_strdup_printf("Kính gửi: %s.", h->to[0]);
        j->y = centred(j, s, OFFDOC_PT_BODY, 0, OFFDOC_MARGIN_LEFT, OFFDOC_TEXT_W, j->y, NULL);
        g_free(s);
        return;
    }
    const char *label = "Kính gửi:";
    double lw = offdoc_style_text_width(j->fonts, label, OFFDOC_PT_BODY, 0);
    double x0 = OFFDOC_MARGIN_LEFT + OFFDOC_TEXT_W * 0.15, x1 = x0 + lw + 6;
    PangoLayout *l = offdoc_pdf_text_simple(j, label, OFFDOC_PT_BODY, 0, OFFDOC_ALIGN_LEFT, lw + 1);
    offdoc_pdf_text_draw(j, l, x0, j->y);
    g_object_unref(l);
    for (size_t i = 0; i < h->nto; i++) {
        char *s = g_strdup_printf("- %s%s", h->to[i], i + 1 < h->nto ? ";" : ".");
        l = offdoc_pdf_text_simple(j, s, OFFDOC_PT_BODY, 0, OFFDOC_ALIGN_LEFT,
                                   OFFDOC_MARGIN_LEFT + OFFDOC_TEXT_W - x1);
        offdoc_pdf_space(j, 0, offdoc_pdf_text_height(l));
        offdoc_pdf_text_draw(j, l, x1, j->y);
        j->y += offdoc_pdf_text_height(l);
        g_object_unref(l);
        g_free(s);
    }
}

/* --- body blocks ------------------------------------------------------------ */

/* A paragraph-like layout flowed from the current position, keeping its
 * first KEEP_LINES lines (plus `keep` more points) on one page. */
static void flow(offdoc_pdf_job_t *j, PangoLayout *l, double keep)
{
    offdoc_pdf_space(j, OFFDOC_PARA_SPACE, offdoc_pdf_text_first_lines(l, KEEP_LINES) + keep);
    offdoc_pdf_text_flow(j, l, OFFDOC_MARGIN_LEFT);
}

static void heading(offdoc_pdf_job_t *j, const offdoc_block_t *b)
{
    char *s = g_strdup_printf("%s%s%s", b->label, b->label[0] ? " " : "", b->text);
    offdoc_run_t run = {s, 0};
    unsigned style = b->level == 3 ? OFFDOC_BOLD | OFFDOC_ITALIC : OFFDOC_BOLD;
    PangoLayout *l = offdoc_pdf_text_layout(j, &run, 1, OFFDOC_PT_BODY, style, OFFDOC_ALIGN_JUSTIFY,
                                            OFFDOC_TEXT_W, OFFDOC_INDENT);
    /* a heading keeps its own lines and two lines of what follows */
    double keep = offdoc_pdf_text_height(l) - offdoc_pdf_text_first_lines(l, KEEP_LINES);
    flow(j, l, keep + KEEP_LINES * OFFDOC_PT_BODY * 1.25 + OFFDOC_PARA_SPACE);
    g_object_unref(l);
    g_free(s);
}

static void paragraph(offdoc_pdf_job_t *j, const offdoc_block_t *b)
{
    size_t n = b->nruns + (b->kind == OFFDOC_B_DASH);
    offdoc_run_t *runs = mem_calloc(n ? n : 1, sizeof *runs);
    if (!runs) {
        j->rc = ERR_NOMEM;
        return;
    }
    size_t k = 0;
    if (b->kind == OFFDOC_B_DASH)
        runs[k++] = (offdoc_run_t){"- ", 0};
    for (size_t i = 0; i < b->nruns; i++)
        runs[k++] = b->runs[i];
    if (!n)
        runs[k++] = (offdoc_run_t){"", 0};
    double indent =
        b->align == OFFDOC_ALIGN_JUSTIFY || b->align == OFFDOC_ALIGN_LEFT ? OFFDOC_INDENT : 0;
    PangoLayout *l =
        offdoc_pdf_text_layout(j, runs, k, OFFDOC_PT_BODY, 0, b->align, OFFDOC_TEXT_W, indent);
    flow(j, l, 0);
    g_object_unref(l);
    mem_free(runs);
}

static void appendix(offdoc_pdf_job_t *j, const offdoc_block_t *b)
{
    if (!j->fresh)
        offdoc_pdf_new_page(j);
    double x = OFFDOC_MARGIN_LEFT, w = OFFDOC_TEXT_W;
    j->y = centred(j, b->label, OFFDOC_PT_BODY, OFFDOC_BOLD, x, w, j->y, NULL);
    j->y = centred(j, b->text, OFFDOC_PT_BODY, OFFDOC_BOLD, x, w, j->y, NULL);
    if (b->subtitle)
        j->y = centred(j, b->subtitle, OFFDOC_PT_BODY, OFFDOC_ITALIC, x, w, j->y, NULL);
    j->y += OFFDOC_PARA_SPACE;
}

static void block(offdoc_pdf_job_t *j, const offdoc_block_t *b)
{
    switch (b->kind) {
    case OFFDOC_B_HEADING:
        heading(j, b);
        break;
    case OFFDOC_B_PARA:
    case OFFDOC_B_DASH:
        paragraph(j, b);
        break;
    case OFFDOC_B_TABLE:
        offdoc_pdf_space(j, OFFDOC_PARA_SPACE, 0);
        offdoc_pdf_table_draw(j, b->tab);
        break;
    case OFFDOC_B_PAGEBREAK:
        if (!j->fresh)
            offdoc_pdf_new_page(j);
        break;
    case OFFDOC_B_APPENDIX:
        appendix(j, b);
        break;
    default:
        break;
    }
}

/* --- closing ----------------------------------------------------------------- */

typedef struct closing {
    PangoLayout *label, **cc, *auth, *title, *name;
    size_t ncc;
    double left_h, right_h;
} closing_t;

static void closing_layouts(offdoc_pdf_job_t *j, closing_t *c)
{
    const offdoc_head_t *h = offdoc_head(j->d);
    double wl = OFFDOC_TEXT_W * OFFDOC_CLOSE_LEFT, wr = OFFDOC_TEXT_W - wl;
    c->label = offdoc_pdf_text_simple(j, "Nơi nhận:", OFFDOC_PT_CC_LABEL,
                                      OFFDOC_BOLD | OFFDOC_ITALIC, OFFDOC_ALIGN_LEFT, wl);
    c->left_h = offdoc_pdf_text_height(c->label);
    c->ncc = h->ncc + 1;
    c->cc = mem_calloc(c->ncc, sizeof *c->cc);
    double dash = offdoc_style_text_width(j->fonts, "- ", OFFDOC_PT_CC, 0);
    for (size_t i = 0; c->cc && i < c->ncc; i++) {
        char *s = i < h->ncc ? g_strdup_printf("- %s;", h->cc[i])
                             : g_strdup_printf("- Lưu: %s.", h->archive);
        c->cc[i] = offdoc_pdf_text_simple(j, s, OFFDOC_PT_CC, 0, OFFDOC_ALIGN_LEFT, wl);
        pango_layout_set_indent(c->cc[i], (int)(-dash * PANGO_SCALE)); /* hanging */
        c->left_h += offdoc_pdf_text_height(c->cc[i]);
        g_free(s);
    }
    c->right_h = OFFDOC_SIGN_SPACE;
    if (h->authority) {
        c->auth = offdoc_pdf_text_simple(j, h->authority, OFFDOC_PT_BODY, OFFDOC_BOLD,
                                         OFFDOC_ALIGN_CENTER, wr);
        c->right_h += offdoc_pdf_text_height(c->auth);
    }
    if (h->title) {
        c->title = offdoc_pdf_text_simple(j, h->title, OFFDOC_PT_BODY, OFFDOC_BOLD,
                                          OFFDOC_ALIGN_CENTER, wr);
        c->right_h += offdoc_pdf_text_height(c->title);
    }
    if (h->signer) {
        c->name = offdoc_pdf_text_simple(j, h->signer, OFFDOC_PT_BODY, OFFDOC_BOLD,
                                         OFFDOC_ALIGN_CENTER, wr);
        c->right_h += offdoc_pdf_text_height(c->name);
    }
}

static void closing_free(closing_t *c)
{
    PangoLayout *ls[] = {c->label, c->auth, c->title, c->name};
    for (size_t i = 0; i < sizeof ls / sizeof ls[0]; i++)
        if (ls[i])
            g_object_unref(ls[i]);
    for (size_t i = 0; c->cc && i < c->ncc; i++)
        g_object_unref(c->cc[i]);
    mem_free(c->cc);
}

static double draw_at(offdoc_pdf_job_t *j, PangoLayout *l, double x, double y)
{
    if (!l)
        return y;
    offdoc_pdf_text_draw(j, l, x, y);
    return y + offdoc_pdf_text_height(l);
}

static void closing(offdoc_pdf_job_t *j)
{
    closing_t c;
    memset(&c, 0, sizeof c);
    closing_layouts(j, &c);
    if (!c.cc) {
        j->rc = ERR_NOMEM;
        closing_free(&c);
        return;
    }
    double h = c.left_h > c.right_h ? c.left_h : c.right_h;
    offdoc_pdf_space(j, CLOSE_GAP, h);
    double xl = OFFDOC_MARGIN_LEFT, xr = xl + OFFDOC_TEXT_W * OFFDOC_CLOSE_LEFT;
    double yl = draw_at(j, c.label, xl, j->y), yr = j->y;
    for (size_t i = 0; i < c.ncc; i++)
        yl = draw_at(j, c.cc[i], xl, yl);
    yr = draw_at(j, c.auth, xr, yr);
    yr = draw_at(j, c.title, xr, yr) + OFFDOC_SIGN_SPACE;
    yr = draw_at(j, c.name, xr, yr);
    j->y = yl > yr ? yl : yr;
    closing_free(&c);
}

/* --- document ------------------------------------------------------------------ */

static void render(offdoc_pdf_job_t *j)
{
    size_t n = offdoc_count(j->d), at = offdoc_closing_at(j->d);
    header(j);
    title(j);
    recipients(j);
    for (size_t i = 0; i < at && !j->rc; i++)
        block(j, offdoc_block(j->d, i));
    if (!j->rc)
        closing(j);
    for (size_t i = at; i < n && !j->rc; i++)
        block(j, offdoc_block(j->d, i));
}

static void metadata(cairo_surface_t *s, const offdoc_t *d)
{
    const offdoc_head_t *h = offdoc_head(d);
    const char *type = offdoc_kind_title((offdoc_kind_t)h->kind);
    char *t = g_strdup_printf("%s%s%s", type[0] ? type : "V/v", h->summary ? " " : "",
                              h->summary ? h->summary : "");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, t);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, h->issuer);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "cchc");
    g_free(t);
}

static int write_pdf(const offdoc_t *d, const char *tmp, offdoc_fonts_t *fonts, err_t *e)
{
    offdoc_pdf_job_t j;
    memset(&j, 0, sizeof j);
    j.d = d;
    j.fonts = fonts;
    j.surf = cairo_pdf_surface_create(tmp, OFFDOC_PAGE_W, OFFDOC_PAGE_H);
    metadata(j.surf, d);
    j.cr = cairo_create(j.surf);
    j.ctx = offdoc_style_context(fonts);
    pango_cairo_update_context(j.cr, j.ctx);
    cairo_set_source_rgb(j.cr, 0, 0, 0);
    j.page = 1;
    j.y = OFFDOC_MARGIN_TOP;
    j.fresh = true;
    if (cairo_surface_status(j.surf) == CAIRO_STATUS_SUCCESS)
        render(&j);
    cairo_show_page(j.cr);
    cairo_destroy(j.cr);
    g_object_unref(j.ctx);
    cairo_surface_finish(j.surf);
    cairo_status_t st = cairo_surface_status(j.surf);
    cairo_surface_destroy(j.surf);
    if (j.rc)
        return j.rc == ERR_NOMEM ? err_nomem(e) : j.rc;
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(e, ERR_IO, "offdoc.pdf_write", "Không ghi được tệp PDF: %s",
                       "Cannot write the PDF file: %s", cairo_status_to_string(st));
    return 0;
}

int offdoc_pdf_write(const offdoc_t *d, const char *path, err_t *e)
{
    outfile_t of = {0};
    offdoc_fonts_t *fonts = NULL;
    int rc = offdoc_check(d, e);
    if (!rc)
        rc = offdoc_style_fonts_new(&fonts, e);
    if (!rc)
        rc = outfile_open(&of, path, e);
    if (!rc)
        rc = write_pdf(d, of.tmp, fonts, e);
    if (!rc)
        rc = outfile_commit(&of, e);
    else
        outfile_abort(&of);
    offdoc_style_fonts_free(fonts);
    return rc;
}
