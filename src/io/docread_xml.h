/* docread_xml.h - internal to the DOCX reader: a guarded libxml2 streaming
 * reader over a part of the package, WordprocessingML element names, and
 * the paragraph/character style table of word/styles.xml. */
#ifndef CCHC_DOCREAD_XML_H
#define CCHC_DOCREAD_XML_H

#include "base/err.h"

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stddef.h>

#define DX_ID_MAX 64

/* WordprocessingML elements the readers act on (w: namespace, transitional
 * or strict), plus mc:Fallback; DX_OTHER for everything else. */
enum dx_elem {
    DX_OTHER = 0,
    DX_P,
    DX_PPR,
    DX_PSTYLE,
    DX_JC,
    DX_OUTLINE,
    DX_NUMPR,
    DX_ILVL,
    DX_NUMID,
    DX_R,
    DX_RPR,
    DX_B,
    DX_RSTYLE,
    DX_T,
    DX_TAB,
    DX_PTAB,
    DX_BR,
    DX_CR,
    DX_NBHYPHEN,
    DX_TBL,
    DX_TR,
    DX_TC,
    DX_TCPR,
    DX_GRIDSPAN,
    DX_VMERGE,
    DX_HMERGE,
    DX_STYLE,
    DX_NAME,
    DX_BASEDON,
    DX_SKIP /* subtree ignored: w:pPrChange, w:rPrChange, w:tblStylePr, mc:Fallback */
};

typedef struct dx_reader {
    xmlTextReaderPtr rd;
    char msg[200]; /* first parser error */
    int line;
} dx_reader_t;

/* Opens a reader over xml[0..n) (which must outlive it). Refuses a DTD
 * ("docread.docx_dtd"); no entity substitution, no network, default size
 * limits. part names the part in messages. */
int dx_open(dx_reader_t *x, const char *xml, size_t n, const char *part, err_t *e);
void dx_close(dx_reader_t *x);
/* Fills e for a failed xmlTextReaderRead. */
int dx_fail(const dx_reader_t *x, const char *part, err_t *e);

/* The current node as a dx_elem (element nodes only). */
int dx_elem(xmlTextReaderPtr rd);
/* The w:val (or other w:-namespace) attribute copied into out (truncated to
 * cap - 1 bytes); false when absent. */
bool dx_attr(xmlTextReaderPtr rd, const char *name, char *out, size_t cap);
/* An on/off property (w:b): on unless w:val is "0", "false", "off", "none". */
bool dx_onoff(xmlTextReaderPtr rd);
/* w:jc value -> enum doc_align (DOC_ALIGN_NONE when unknown). */
int dx_align(const char *val);
/* Small decimal attribute value, or def when absent or not a number. */
int dx_int_attr(xmlTextReaderPtr rd, const char *name, int def);

/* Resolved style properties (-1 = not set anywhere in the basedOn chain). */
typedef struct dx_props {
    int heading; /* 0 none */
    int outline; /* -1, or w:outlineLvl + 1 (10 = body text) */
    int bold;
    int align;
    int list; /* -1, 0 (numbering off) or ilvl + 1 */
} dx_props_t;

typedef struct dx_styles dx_styles_t;

/* Parses word/styles.xml; returns NULL when out of memory. Malformed XML
 * yields the styles read so far (styles are hints, never fatal). */
dx_styles_t *dx_styles_parse(const char *xml, size_t n);
void dx_styles_free(dx_styles_t *s);
/* Properties of style id (NULL: the default paragraph style), following
 * basedOn. A missing style named like "Heading3" still gives heading 3. */
dx_props_t dx_styles_props(const dx_styles_t *s, const char *id);
/* Id of the default paragraph style, or NULL. */
const char *dx_styles_default(const dx_styles_t *s);

#endif
