/* offdoc_pdf_int.h - internals shared by the PDF renderer's files:
 * offdoc_pdf.c (pages, header, title, closing, blocks), offdoc_pdf_text.c
 * (Pango layouts and their flow across pages) and offdoc_pdf_table.c
 * (tables with repeated header rows). Not part of the io API. */
#ifndef CCHC_OFFDOC_PDF_INT_H
#define CCHC_OFFDOC_PDF_INT_H

#include "base/err.h"
#include "domain/offdoc.h"
#include "io/offdoc_style.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#define PDF_BOTTOM (OFFDOC_PAGE_H - OFFDOC_MARGIN_BOTTOM)

/* One rendering job. y is the top of the free space on the current page;
 * fresh is true while nothing has been drawn on the page. */
typedef struct offdoc_pdf_job {
    const offdoc_t *d;
    offdoc_fonts_t *fonts;
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *ctx;
    int page; /* 1-based */
    double y;
    bool fresh;
    int rc; /* first error (ERR_NOMEM); drawing stops at the next block */
} offdoc_pdf_job_t;

/* Ends the page and starts the next one (with its page number). */
void offdoc_pdf_new_page(offdoc_pdf_job_t *j);
/* Moves y down by dy, or to a new page when less than `need` points are
 * left below y + dy (need 0: just move, clamped to the page). Spacing is
 * dropped at the top of a fresh page. */
void offdoc_pdf_space(offdoc_pdf_job_t *j, double dy, double need);
/* A horizontal rule from x to x + w at y. */
void offdoc_pdf_rule(offdoc_pdf_job_t *j, double x, double y, double w, double width);

/* --- text (offdoc_pdf_text.c) --- */

/* A layout of runs at pt points: every run's style is OR-ed with base
 * (bold headers), '\n' is a line break inside the paragraph, long words
 * break between characters. width is the wrapping width; indent the
 * first-line indent; align an offdoc_align_t (JUSTIFY justifies all lines
 * but the last). Caller g_object_unref. */
PangoLayout *offdoc_pdf_text_layout(offdoc_pdf_job_t *j, const offdoc_run_t *runs, size_t n,
                                    double pt, unsigned base, int align, double width,
                                    double indent);
/* The same for one string. */
PangoLayout *offdoc_pdf_text_simple(offdoc_pdf_job_t *j, const char *text, double pt,
                                    unsigned style, int align, double width);
/* Height in points of a layout. */
double offdoc_pdf_text_height(PangoLayout *l);
/* Height of the first `lines` lines. */
double offdoc_pdf_text_first_lines(PangoLayout *l, int lines);
/* Width in points of the widest line (its ink may be narrower). */
double offdoc_pdf_text_width(PangoLayout *l);
/* Draws a whole layout with its top-left corner at (x, y). */
void offdoc_pdf_text_draw(offdoc_pdf_job_t *j, PangoLayout *l, double x, double y);
/* Draws the lines first, first+1, ... of a layout that fit in `avail`
 * points, the first at top y (at least one line when force); *next gets
 * the first line not drawn (the line count when all are). Returns the
 * height used. */
double offdoc_pdf_text_slice(offdoc_pdf_job_t *j, PangoLayout *l, double x, double y, int first,
                             double avail, bool force, int *next);
/* Draws a layout at x from j->y line by line, starting new pages as
 * needed; j->y ends below its last line. */
void offdoc_pdf_text_flow(offdoc_pdf_job_t *j, PangoLayout *l, double x);

/* --- tables (offdoc_pdf_table.c) --- */

/* Draws a table from j->y across as many pages as needed, repeating its
 * header rows at the top of each page; a row never splits unless it is
 * taller than a whole page. */
void offdoc_pdf_table_draw(offdoc_pdf_job_t *j, const offdoc_table_t *t);

#endif
