/* offdoc_docx.h - an official document (domain/offdoc.h) as a Word .docx
 * (libzip + libxml2 xmlTextWriter, so every text is escaped), laid out by
 * Nghị định 30/2020 Appendix I like the PDF renderer (io/offdoc_pdf.h).
 *
 * Parts: [Content_Types].xml, _rels/.rels, word/document.xml,
 * word/_rels/document.xml.rels, word/styles.xml (named styles: Normal =
 * Times New Roman 14 pt; Body Text justified, first-line indent 1.27 cm,
 * 6 pt before, line spacing 1.1; heading 1-3; Table Grid; cchc Centred,
 * Table Text, Recipients, Rule, Space; header), word/settings.xml,
 * word/header1.xml (centred PAGE field) and word/header2.xml (empty, for
 * page 1 through w:titlePg), docProps/core.xml and app.xml. A4 portrait,
 * margins top/bottom 20 mm, left 30 mm, right 15 mm. The two-column header
 * and the closing (Nơi nhận | signature) are borderless tables that do not
 * split; short rules are paragraph borders sized from Liberation Serif
 * metrics (equal to Times New Roman's). Data tables have borders, repeated
 * header rows (w:tblHeader), rows that do not split, merged cells
 * (w:gridSpan, w:vMerge). Details: docs/internals/offdoc.md.
 *
 * Written atomically (io/outfile.h): nothing is left at path on error.
 * Errors: ERR_INVALID "offdoc.incomplete", ERR_INTERNAL "offdoc.fonts" or
 * "offdoc.docx_xml", ERR_IO "offdoc.docx_write" or "outfile.io",
 * ERR_NOMEM. Thread-safe. */
#ifndef CCHC_OFFDOC_DOCX_H
#define CCHC_OFFDOC_DOCX_H

#include "base/err.h"
#include "domain/offdoc.h"

int offdoc_docx_write(const offdoc_t *d, const char *path, err_t *e);

#endif
