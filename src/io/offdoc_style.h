/* offdoc_style.h - what the DOCX and PDF renderers of an official document
 * (domain/offdoc.h) share: the Nghị định 30/2020 page geometry and type
 * sizes (DOMAIN §10), and a private Pango font map built on cchc's own
 * fontconfig configuration, for measuring and drawing text.
 *
 * Units are points (1/72 inch); A4 is 595.276 x 841.89 pt. The font map
 * never touches the process-wide fontconfig configuration or FONTCONFIG_FILE:
 * it loads, in order, $CCHC_FONTS_CONF, $CCHC_ROOT/data/fonts/fonts.conf,
 * ./data/fonts/fonts.conf, or else the same configuration compiled in
 * (offdoc_style_fonts_conf; a test keeps the two identical). That
 * configuration knows only Liberation Serif (fonts-liberation2, metric-
 * compatible with Times New Roman) and DejaVu Sans as the fallback for
 * characters Liberation Serif lacks (emoji, rare symbols).
 *
 * A font map is not thread-safe: one per rendering job. */
#ifndef CCHC_OFFDOC_STYLE_H
#define CCHC_OFFDOC_STYLE_H

#include "base/err.h"

#include <pango/pango.h>
#include <stdbool.h>

#define OFFDOC_MM            (72.0 / 25.4)
#define OFFDOC_PAGE_W        595.276
#define OFFDOC_PAGE_H        841.89
#define OFFDOC_MARGIN_TOP    (20 * OFFDOC_MM)
#define OFFDOC_MARGIN_BOTTOM (20 * OFFDOC_MM)
#define OFFDOC_MARGIN_LEFT   (30 * OFFDOC_MM)
#define OFFDOC_MARGIN_RIGHT  (15 * OFFDOC_MM)
#define OFFDOC_TEXT_W        (OFFDOC_PAGE_W - OFFDOC_MARGIN_LEFT - OFFDOC_MARGIN_RIGHT)
#define OFFDOC_PAGE_NUM_Y    (10 * OFFDOC_MM) /* top of the page number line */

/* Type sizes (pt), within the ranges of ND 30 Appendix I. */
#define OFFDOC_PT_BODY     14.0 /* body, title, summary, date line, signature */
#define OFFDOC_PT_BODIES   13.0 /* superior and issuing bodies, number line */
#define OFFDOC_PT_NATIONAL 13.0 /* Quốc hiệu */
#define OFFDOC_PT_MOTTO    14.0 /* Tiêu ngữ */
#define OFFDOC_PT_VV       12.0 /* "V/v …" of a letter */
#define OFFDOC_PT_TABLE    12.0
#define OFFDOC_PT_CC_LABEL 12.0 /* "Nơi nhận:" */
#define OFFDOC_PT_CC       11.0
#define OFFDOC_PT_PAGE     13.0

#define OFFDOC_INDENT       36.0 /* first-line indent, 1.27 cm */
#define OFFDOC_PARA_SPACE   6.0  /* before each body paragraph */
#define OFFDOC_LINE_FACTOR  1.1  /* line height / the font's single line height */
#define OFFDOC_HEAD_LEFT    0.40 /* header: share of the text width for the left column */
#define OFFDOC_CLOSE_LEFT   0.45 /* closing: share for "Nơi nhận" */
#define OFFDOC_SIGN_SPACE   (25 * OFFDOC_MM) /* space left to sign */
#define OFFDOC_CELL_PAD_X   3.0
#define OFFDOC_CELL_PAD_Y   2.0
#define OFFDOC_RULE_WIDTH   0.6 /* rules under the issuing body, the motto and the title */
#define OFFDOC_BORDER_WIDTH 0.5 /* table borders */

#define OFFDOC_FAMILY_PDF  "Liberation Serif"
#define OFFDOC_FAMILY_DOCX "Times New Roman"

/* The compiled-in copy of data/fonts/fonts.conf. */
extern const char offdoc_style_fonts_conf[];

typedef struct offdoc_fonts offdoc_fonts_t;

/* A font map on cchc's configuration, with hinting off so that measured
 * widths are the font's design widths at any size. ERR_INTERNAL
 * "offdoc.fonts" when the configuration cannot be loaded or Liberation
 * Serif is not installed (fonts-liberation2); ERR_NOMEM. */
int offdoc_style_fonts_new(offdoc_fonts_t **out, err_t *e);
void offdoc_style_fonts_free(offdoc_fonts_t *f); /* NULL is a no-op */

/* A new Pango context on the font map (caller g_object_unref). */
PangoContext *offdoc_style_context(offdoc_fonts_t *f);

/* A font description of Liberation Serif at pt points (absolute size, so
 * independent of any resolution) with enum offdoc_style bits; caller
 * pango_font_description_free. */
PangoFontDescription *offdoc_style_font(double pt, unsigned style);

/* Width in points of text set on one line (no wrapping). */
double offdoc_style_text_width(offdoc_fonts_t *f, const char *text, double pt, unsigned style);

/* The path of the configuration file in use, or "(built-in)". Borrowed
 * until offdoc_style_fonts_free. */
const char *offdoc_style_conf_path(const offdoc_fonts_t *f);

#endif
