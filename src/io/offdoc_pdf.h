/* offdoc_pdf.h - an official document (domain/offdoc.h) as PDF, laid out
 * by Nghị định 30/2020 Appendix I with cairo + Pango (HarfBuzz shaping, so
 * stacked Vietnamese marks sit right).
 *
 * A4 portrait (595.276 x 841.89 pt), margins top/bottom 20 mm, left 30 mm,
 * right 15 mm; Liberation Serif (Times New Roman metrics) from cchc's own
 * font configuration (io/offdoc_style.h), the only font embedded for
 * normal Vietnamese text; page numbers centred in the top margin from page
 * 2; body justified with a 1.27 cm first-line indent and 6 pt before each
 * paragraph; paragraphs break across pages (at least two lines stay
 * together), long words and URLs wrap between characters; tables repeat
 * their header rows on every page and keep rows whole; headings stay with
 * the next lines; the closing (Nơi nhận + signature) is kept on one page.
 * Details and figures: docs/internals/offdoc.md.
 *
 * The file is written atomically (io/outfile.h): on any error nothing is
 * left at path. Errors: ERR_INVALID "offdoc.incomplete" (offdoc_check),
 * ERR_INTERNAL "offdoc.fonts" (Liberation Serif missing), ERR_IO
 * "offdoc.pdf_write" or "outfile.io" with the reason, ERR_NOMEM.
 * Thread-safe: each call has its own font map and surface. */
#ifndef CCHC_OFFDOC_PDF_H
#define CCHC_OFFDOC_PDF_H

#include "base/err.h"
#include "domain/offdoc.h"

int offdoc_pdf_write(const offdoc_t *d, const char *path, err_t *e);

#endif
