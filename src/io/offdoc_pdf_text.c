/* offdoc_pdf_text.c - Pango layouts of runs and their flow across pages
 * for the PDF renderer (offdoc_pdf_int.h). Text is never parsed as
 * markup: runs are concatenated and styled with attributes, so any
 * character the model accepts is drawn as itself. */
#include "io/offdoc_pdf_int.h"

#include "base/buf.h"

#include <stdbool.h>
#include <string.h>

#include "base/banned.h"

#define LINE_SEP  "\xe2\x80\xa8" /* U+2028: a line break that keeps the paragraph */
#define ZWSP      "\xe2\x80\x8b" /* U+200B: a break opportunity */
#define LONG_WORD 24             /* bytes: longer words may break anywhere */

static bool is_space(char c)
{
    return c == ' ' || c == '\n';
}

/* Appends run text: '\n' becomes LINE_SEP, and inside words longer than
 * LONG_WORD a ZWSP follows every character, so that a URL fills its lines
 * like words do instead of being pushed whole to the next line and leaving
 * a short line that justification would letter-space. */
static void append_text(GString *s, const char *p)
{
    while (*p) {
        size_t w = 0;
        while (p[w] && !is_space(p[w]))
            w++;
        bool split = w > LONG_WORD;
        for (size_t i = 0; i < w; i++) {
            g_string_append_c(s, p[i]);
            if (split && i + 1 < w && (p[i + 1] & 0xC0) != 0x80)
                g_string_append(s, ZWSP);
        }
        p += w;
        if (*p == '\n')
            g_string_append(s, LINE_SEP);
        else if (*p)
            g_string_append_c(s, *p);
        if (*p)
            p++;
    }
}

static void add_style(PangoAttrList *attrs, unsigned style, guint start, guint end)
{
    if (style & OFFDOC_BOLD) {
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = start;
        a->end_index = end;
        pango_attr_list_insert(attrs, a);
    }
    if (style & OFFDOC_ITALIC) {
        PangoAttribute *a = pango_attr_style_new(PANGO_STYLE_ITALIC);
        a->start_index = start;
        a->end_index = end;
        pango_attr_list_insert(attrs, a);
    }
}

PangoLayout *offdoc_pdf_text_layout(offdoc_pdf_job_t *j, const offdoc_run_t *runs, size_t n,
                                    double pt, unsigned base, int align, double width,
                                    double indent)
{
    PangoLayout *l = pango_layout_new(j->ctx);
    PangoAttrList *attrs = pango_attr_list_new();
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        guint start = (guint)s->len;
        append_text(s, runs[i].text);
        add_style(attrs, runs[i].style | base, start, (guint)s->len);
    }
    /* Pango 1.50 would print a hyphen where a word breaks between
     * characters ("ST-T", URLs): never in an official document. */
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    PangoFontDescription *fd = offdoc_style_font(pt, base);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, s->str, (int)s->len);
    pango_layout_set_attributes(l, attrs);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_line_spacing(l, (float)OFFDOC_LINE_FACTOR);
    pango_layout_set_alignment(l, align == OFFDOC_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                  : align == OFFDOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(l, align == OFFDOC_ALIGN_JUSTIFY);
    pango_attr_list_unref(attrs);
    g_string_free(s, TRUE);
    return l;
}

PangoLayout *offdoc_pdf_text_simple(offdoc_pdf_job_t *j, const char *text, double pt,
                                    unsigned style, int align, double width)
{
    offdoc_run_t run = {text, 0};
    return offdoc_pdf_text_layout(j, &run, 1, pt, style, align, width, 0);
}

double offdoc_pdf_text_height(PangoLayout *l)
{
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.height / PANGO_SCALE;
}

double offdoc_pdf_text_width(PangoLayout *l)
{
    PangoRectangle r;
    double w = 0;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        pango_layout_iter_get_line_extents(it, NULL, &r);
        if ((double)r.width / PANGO_SCALE > w)
            w = (double)r.width / PANGO_SCALE;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return w;
}

double offdoc_pdf_text_first_lines(PangoLayout *l, int lines)
{
    PangoRectangle r;
    double bottom = 0;
    int k = 0;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        pango_layout_iter_get_line_extents(it, NULL, &r);
        bottom = (double)(r.y + r.height) / PANGO_SCALE;
    } while (++k < lines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return bottom;
}

void offdoc_pdf_text_draw(offdoc_pdf_job_t *j, PangoLayout *l, double x, double y)
{
    cairo_move_to(j->cr, x, y);
    pango_cairo_show_layout(j->cr, l);
    j->fresh = false;
}

double offdoc_pdf_text_slice(offdoc_pdf_job_t *j, PangoLayout *l, double x, double y, int first,
                             double avail, bool force, int *next)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    PangoRectangle r;
    int k = 0;
    double top = 0, used = 0;
    bool any = false;
    *next = first;
    for (; k < first; k++)
        if (!pango_layout_iter_next_line(it))
            goto done;
    do {
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double ly = (double)r.y / PANGO_SCALE, lb = (double)(r.y + r.height) / PANGO_SCALE;
        if (!any)
            top = ly;
        if (lb - top > avail && (any || !force))
            break;
        double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        cairo_move_to(j->cr, x + (double)r.x / PANGO_SCALE, y + base - top);
        pango_cairo_show_layout_line(j->cr, pango_layout_iter_get_line_readonly(it));
        j->fresh = false;
        used = lb - top;
        any = true;
        *next = ++k;
    } while (pango_layout_iter_next_line(it));
done:
    pango_layout_iter_free(it);
    return used;
}

void offdoc_pdf_text_flow(offdoc_pdf_job_t *j, PangoLayout *l, double x)
{
    int lines = pango_layout_get_line_count(l), next = 0;
    while (next < lines) {
        int from = next;
        double used =
            offdoc_pdf_text_slice(j, l, x, j->y, from, PDF_BOTTOM - j->y, j->fresh, &next);
        j->y += used;
        if (next < lines)
            offdoc_pdf_new_page(j);
    }
}
