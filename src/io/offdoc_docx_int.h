/* offdoc_docx_int.h - internals shared by the DOCX renderer's files:
 * offdoc_docx.c (package, static parts, XML writing helpers) and
 * offdoc_docx_body.c (word/document.xml). Not part of the io API. */
#ifndef CCHC_OFFDOC_DOCX_INT_H
#define CCHC_OFFDOC_DOCX_INT_H

#include "domain/offdoc.h"
#include "io/offdoc_style.h"

#include <libxml/xmlwriter.h>
#include <stdbool.h>

#define DX_TWIPS(pt) ((long)((pt)*20.0 + 0.5)) /* points -> twentieths of a point */
#define DX_HALF(pt)  ((long)((pt)*2.0 + 0.5))  /* points -> half-points (w:sz) */

/* An XML part being written. Writer failures are sticky in err, so that
 * callers check once at the end. */
typedef struct offdoc_dx {
    xmlTextWriterPtr w;
    int err;
    const offdoc_t *d;
    offdoc_fonts_t *fonts;
} offdoc_dx_t;

/* <name ...> and </name>. */
void offdoc_docx_open(offdoc_dx_t *x, const char *name);
void offdoc_docx_close(offdoc_dx_t *x);
/* An attribute of the open element (escaped by libxml2). */
void offdoc_docx_attr(offdoc_dx_t *x, const char *name, const char *value);
void offdoc_docx_attr_int(offdoc_dx_t *x, const char *name, long v);
/* <name w:val="val"/>, or <name/> when val is NULL. */
void offdoc_docx_val(offdoc_dx_t *x, const char *name, const char *val);
void offdoc_docx_val_int(offdoc_dx_t *x, const char *name, long v);
/* A run of text: bold/italic from style (enum offdoc_style), size pt (0 =
 * the paragraph style's); '\n' becomes <w:br/>. Text is escaped. */
void offdoc_docx_run(offdoc_dx_t *x, const char *text, unsigned style, double pt);
/* <w:p> with style id (may be NULL), alignment ("center", "both", NULL),
 * spacing before in points (< 0: the style's) - left open for runs. */
void offdoc_docx_para_open(offdoc_dx_t *x, const char *style, const char *jc, double before);

/* Writes word/document.xml (offdoc_docx_body.c). */
void offdoc_docx_body_document(offdoc_dx_t *x);

#endif
