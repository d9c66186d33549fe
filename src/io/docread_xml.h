/* docread_xml.h - internal to the DOCX reader: a guarded libxml2 streaming
 * reader over a part of the package, WordprocessingML element names, and
 * the paragraph/character style table of word/styles.xml. */
#ifndef CCHC_DOCREAD_XML_H
#define CCHC_DOCREAD_XML_H

#include "base/err.h"

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stddef.h>

#define DOCREAD_XML_ID_MAX 64

/* WordprocessingML elements the readers act on (w: namespace, transitional
 * or strict), plus mc:Fallback; DOCREAD_XML_OTHER for everything else. */
enum docread_xml_elem {
    DOCREAD_XML_OTHER = 0,
    DOCREAD_XML_P,
    DOCREAD_XML_PPR,
    DOCREAD_XML_PSTYLE,
    DOCREAD_XML_JC,
    DOCREAD_XML_OUTLINE,
    DOCREAD_XML_NUMPR,
    DOCREAD_XML_ILVL,
    DOCREAD_XML_NUMID,
    DOCREAD_XML_R,
    DOCREAD_XML_RPR,
    DOCREAD_XML_B,
    DOCREAD_XML_RSTYLE,
    DOCREAD_XML_T,
    DOCREAD_XML_TAB,
    DOCREAD_XML_PTAB,
    DOCREAD_XML_BR,
    DOCREAD_XML_CR,
    DOCREAD_XML_NBHYPHEN,
    DOCREAD_XML_TBL,
    DOCREAD_XML_TR,
    DOCREAD_XML_TC,
    DOCREAD_XML_TCPR,
    DOCREAD_XML_GRIDSPAN,
    DOCREAD_XML_VMERGE,
    DOCREAD_XML_HMERGE,
    DOCREAD_XML_STYLE,
    DOCREAD_XML_NAME,
    DOCREAD_XML_BASEDON,
    DOCREAD_XML_SKIP /* subtree ignored: w:pPrChange, w:rPrChange, w:tblStylePr, mc:Fallback */
};

typedef struct docread_xml_reader {
    xmlTextReaderPtr rd;
    char msg[200]; /* first parser error */
    int line;
} docread_xml_reader_t;

/* Opens a reader over xml[0..n) (which must outlive it). Refuses a DTD
 * ("docread.docx_dtd"); no entity substitution, no network, default size
 * limits. part names the part in messages. */
int docread_xml_open(docread_xml_reader_t *x, const char *xml, size_t n, const char *part,
                     err_t *e);
void docread_xml_close(docread_xml_reader_t *x);
/* Fills e for a failed xmlTextReaderRead. */
int docread_xml_fail(const docread_xml_reader_t *x, const char *part, err_t *e);

/* The current node as a docread_xml_elem (element nodes only). */
int docread_xml_elem(xmlTextReaderPtr rd);
/* The w:val (or other w:-namespace) attribute copied into out (truncated to
 * cap - 1 bytes); false when absent. */
bool docread_xml_attr(xmlTextReaderPtr rd, const char *name, char *out, size_t cap);
/* An on/off property (w:b): on unless w:val is "0", "false", "off", "none". */
bool docread_xml_onoff(xmlTextReaderPtr rd);
/* w:jc value -> enum doc_align (DOC_ALIGN_NONE when unknown). */
int docread_xml_align(const char *val);
/* Small decimal attribute value, or def when absent or not a number. */
int docread_xml_int_attr(xmlTextReaderPtr rd, const char *name, int def);

/* Resolved style properties (-1 = not set anywhere in the basedOn chain). */
typedef struct docread_xml_props {
    int heading; /* 0 none */
    int outline; /* -1, or w:outlineLvl + 1 (10 = body text) */
    int bold;
    int align;
    int list; /* -1, 0 (numbering off) or ilvl + 1 */
} docread_xml_props_t;

typedef struct docread_xml_styles docread_xml_styles_t;

/* Parses word/styles.xml; returns NULL when out of memory. Malformed XML
 * yields the styles read so far (styles are hints, never fatal). */
docread_xml_styles_t *docread_xml_styles_parse(const char *xml, size_t n);
void docread_xml_styles_free(docread_xml_styles_t *s);
/* Properties of style id (NULL: the default paragraph style), following
 * basedOn. A missing style named like "Heading3" still gives heading 3. */
docread_xml_props_t docread_xml_styles_props(const docread_xml_styles_t *s, const char *id);
/* Id of the default paragraph style, or NULL. */
const char *docread_xml_styles_default(const docread_xml_styles_t *s);

#endif
