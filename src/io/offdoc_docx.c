/* offdoc_docx.c - the DOCX renderer of official documents (offdoc_docx.h):
 * XML writing helpers, the static parts (content types, relationships,
 * styles, settings, page-number headers, properties) and the zip package.
 * word/document.xml is written by offdoc_docx_body.c. */
#include "io/offdoc_docx.h"
#include "io/offdoc_docx_int.h"

#include "base/dtime.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/mem.h"
#include "io/outfile.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "base/banned.h"

#define PART_MAX ((size_t)256 << 20)

/* --- XML helpers ---------------------------------------------------------------- */

static void check(offdoc_dx_t *x, int rc)
{
    if (rc < 0 && !x->err)
        x->err = ERR_INTERNAL;
}

void offdoc_docx_open(offdoc_dx_t *x, const char *name)
{
    check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void offdoc_docx_close(offdoc_dx_t *x)
{
    check(x, xmlTextWriterEndElement(x->w));
}

void offdoc_docx_attr(offdoc_dx_t *x, const char *name, const char *value)
{
    check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

void offdoc_docx_attr_int(offdoc_dx_t *x, const char *name, long v)
{
    char s[32];
    snprintf(s, sizeof s, "%ld", v);
    offdoc_docx_attr(x, name, s);
}

void offdoc_docx_val(offdoc_dx_t *x, const char *name, const char *val)
{
    offdoc_docx_open(x, name);
    if (val)
        offdoc_docx_attr(x, "w:val", val);
    offdoc_docx_close(x);
}

void offdoc_docx_val_int(offdoc_dx_t *x, const char *name, long v)
{
    char s[32];
    snprintf(s, sizeof s, "%ld", v);
    offdoc_docx_val(x, name, s);
}

static void text_piece(offdoc_dx_t *x, const char *s, size_t n)
{
    offdoc_docx_open(x, "w:t");
    offdoc_docx_attr(x, "xml:space", "preserve");
    check(x, xmlTextWriterWriteFormatString(x->w, "%.*s", (int)n, s));
    offdoc_docx_close(x);
}

void offdoc_docx_run(offdoc_dx_t *x, const char *text, unsigned style, double pt)
{
    offdoc_docx_open(x, "w:r");
    if (style || pt > 0) {
        offdoc_docx_open(x, "w:rPr");
        if (style & OFFDOC_BOLD) {
            offdoc_docx_val(x, "w:b", NULL);
            offdoc_docx_val(x, "w:bCs", NULL);
        }
        if (style & OFFDOC_ITALIC) {
            offdoc_docx_val(x, "w:i", NULL);
            offdoc_docx_val(x, "w:iCs", NULL);
        }
        if (pt > 0) {
            offdoc_docx_val_int(x, "w:sz", DX_HALF(pt));
            offdoc_docx_val_int(x, "w:szCs", DX_HALF(pt));
        }
        offdoc_docx_close(x);
    }
    for (;;) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        if (n)
            text_piece(x, text, n);
        if (!nl)
            break;
        offdoc_docx_val(x, "w:br", NULL);
        text = nl + 1;
    }
    offdoc_docx_close(x);
}

void offdoc_docx_para_open(offdoc_dx_t *x, const char *style, const char *jc, double before)
{
    offdoc_docx_open(x, "w:p");
    if (!style && !jc && before < 0)
        return;
    offdoc_docx_open(x, "w:pPr");
    if (style)
        offdoc_docx_val(x, "w:pStyle", style);
    if (before >= 0) {
        offdoc_docx_open(x, "w:spacing");
        offdoc_docx_attr_int(x, "w:before", DX_TWIPS(before));
        offdoc_docx_close(x);
    }
    if (jc)
        offdoc_docx_val(x, "w:jc", jc);
    offdoc_docx_close(x);
}

/* --- static parts ----------------------------------------------------------------- */

#define W_NS     "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define CT_W     "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_W "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_W "styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_W "settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_W "header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" ContentType=\"" CT_W "header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char package_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS "extended-properties\" "
    "Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char document_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" Type=\"" REL_NS "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" Type=\"" REL_NS "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdHeaderDefault\" Type=\"" REL_NS "header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rIdHeaderFirst\" Type=\"" REL_NS "header\" Target=\"header2.xml\"/>"
    "</Relationships>";

static const char settings[] =
    XML_DECL "<w:settings " W_NS ">"
             "<w:zoom w:percent=\"100\"/>"
             "<w:defaultTabStop w:val=\"720\"/>"
             "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
             "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
             "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
             "<w:themeFontLang w:val=\"vi-VN\"/>"
             "</w:settings>";

/* The page number, centred, as a PAGE field (Word and LibreOffice update it). */
static const char header_default[] =
    XML_DECL "<w:hdr " W_NS ">"
             "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
             "<w:r><w:t>2</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
             "</w:p></w:hdr>";

/* Page 1 carries no number (w:titlePg selects this empty header). */
static const char header_first[] =
    XML_DECL "<w:hdr " W_NS "><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>";

static const char app_props[] =
    XML_DECL "<Properties "
             "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
             "<Application>cchc</Application></Properties>";

/* word/styles.xml from the shared geometry (offdoc_style.h). */
static int styles(buf_t *b)
{
    long body = DX_HALF(OFFDOC_PT_BODY), line = (long)(240 * OFFDOC_LINE_FACTOR + 0.5);
    long space = DX_TWIPS(OFFDOC_PARA_SPACE), indent = DX_TWIPS(OFFDOC_INDENT);
    long pad = DX_TWIPS(OFFDOC_CELL_PAD_X);
    int rc = buf_printf(
        b,
        XML_DECL "<w:styles " W_NS ">"
                 "<w:docDefaults><w:rPrDefault><w:rPr>"
                 "<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\"/>"
                 "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>"
                 "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
                 "</w:rPr></w:rPrDefault>"
                 "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
                 "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        OFFDOC_FAMILY_DOCX, OFFDOC_FAMILY_DOCX, OFFDOC_FAMILY_DOCX, OFFDOC_FAMILY_DOCX, body, body);
    if (!rc)
        rc = buf_printf(
            b,
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
            "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
            "<w:semiHidden/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>"
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>"
            "<w:spacing w:before=\"%ld\" w:after=\"0\" w:line=\"%ld\" w:lineRule=\"auto\"/>"
            "<w:ind w:firstLine=\"%ld\"/><w:jc w:val=\"both\"/></w:pPr></w:style>",
            space, line, indent);
    static const char *const heading_rpr[3] = {"<w:b/><w:bCs/>", "<w:b/><w:bCs/>",
                                               "<w:b/><w:bCs/><w:i/><w:iCs/>"};
    for (int i = 1; !rc && i <= 3; i++)
        rc = buf_printf(b,
                        "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\">"
                        "<w:name w:val=\"heading %d\"/><w:basedOn w:val=\"BodyText\"/>"
                        "<w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/>"
                        "<w:keepLines/><w:outlineLvl w:val=\"%d\"/></w:pPr>"
                        "<w:rPr>%s</w:rPr></w:style>",
                        i, i, i - 1, heading_rpr[i - 1]);
    if (!rc)
        rc = buf_printf(
            b,
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"OdCenter\">"
            "<w:name w:val=\"cchc Centred\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"OdRule\">"
            "<w:name w:val=\"cchc Rule\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:spacing w:line=\"40\" w:lineRule=\"exact\"/></w:pPr>"
            "<w:rPr><w:sz w:val=\"4\"/><w:szCs w:val=\"4\"/></w:rPr></w:style>"
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"OdTable\">"
            "<w:name w:val=\"cchc Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
            "<w:rPr><w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr></w:style>"
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"OdAfterTable\">"
            "<w:name w:val=\"cchc Space\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"OdCc\">"
            "<w:name w:val=\"cchc Recipients\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:ind w:left=\"113\" w:hanging=\"113\"/></w:pPr>"
            "<w:rPr><w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
            "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
            "<w:rPr><w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr></w:style>",
            DX_HALF(OFFDOC_PT_TABLE), DX_HALF(OFFDOC_PT_TABLE), DX_TWIPS(OFFDOC_PARA_SPACE * 2),
            DX_HALF(OFFDOC_PT_CC), DX_HALF(OFFDOC_PT_CC), DX_HALF(OFFDOC_PT_PAGE),
            DX_HALF(OFFDOC_PT_PAGE));
    if (!rc)
        rc = buf_printf(
            b,
            "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
            "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
            "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
            "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
            "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
            "</w:tblCellMar></w:tblPr></w:style>"
            "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
            "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
            "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            "</w:tblBorders><w:tblCellMar><w:top w:w=\"%ld\" w:type=\"dxa\"/>"
            "<w:left w:w=\"%ld\" w:type=\"dxa\"/><w:bottom w:w=\"%ld\" w:type=\"dxa\"/>"
            "<w:right w:w=\"%ld\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"OdLayout\">"
            "<w:name w:val=\"cchc Layout Table\"/><w:basedOn w:val=\"TableNormal\"/>"
            "<w:tblPr><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
            "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            "</w:styles>",
            DX_TWIPS(OFFDOC_CELL_PAD_Y), pad, DX_TWIPS(OFFDOC_CELL_PAD_Y), pad);
    return rc;
}

/* --- dynamic parts ------------------------------------------------------------------ */

static int writer_new(offdoc_dx_t *x, xmlBufferPtr *xb)
{
    *xb = xmlBufferCreate();
    x->w = *xb ? xmlNewTextWriterMemory(*xb, 0) : NULL;
    if (!x->w) {
        if (*xb)
            xmlBufferFree(*xb);
        *xb = NULL;
        return ERR_NOMEM;
    }
    check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes"));
    return 0;
}

/* Ends the document and moves the text into out. */
static int writer_done(offdoc_dx_t *x, xmlBufferPtr xb, buf_t *out)
{
    check(x, xmlTextWriterEndDocument(x->w));
    xmlFreeTextWriter(x->w);
    x->w = NULL;
    int rc = x->err ? x->err : buf_append(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    return rc;
}

static void core_props(offdoc_dx_t *x)
{
    const offdoc_head_t *h = offdoc_head(x->d);
    const char *type = offdoc_kind_title((offdoc_kind_t)h->kind);
    char now[DTIME_ISO_LEN + 1];
    /* a Unix time formatted as a "local" date-time is the UTC wall time */
    dtime_format((dtime_t)dtime_utc(dtime_now()), now);
    strncat(now, "Z", 2);
    offdoc_docx_open(x, "cp:coreProperties");
    offdoc_docx_attr(x, "xmlns:cp",
                     "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    offdoc_docx_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    offdoc_docx_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    offdoc_docx_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    offdoc_docx_open(x, "dc:title");
    check(x, xmlTextWriterWriteFormatString(x->w, "%s%s%s", type[0] ? type : "V/v",
                                            h->summary ? " " : "", h->summary ? h->summary : ""));
    offdoc_docx_close(x);
    offdoc_docx_open(x, "dc:creator");
    check(x, xmlTextWriterWriteString(x->w, BAD_CAST h->issuer));
    offdoc_docx_close(x);
    offdoc_docx_open(x, "dc:language");
    check(x, xmlTextWriterWriteString(x->w, BAD_CAST "vi-VN"));
    offdoc_docx_close(x);
    offdoc_docx_open(x, "dcterms:created");
    offdoc_docx_attr(x, "xsi:type", "dcterms:W3CDTF");
    check(x, xmlTextWriterWriteString(x->w, BAD_CAST now));
    offdoc_docx_close(x);
    offdoc_docx_close(x);
}

typedef struct part {
    const char *name;
    buf_t data;
} part_t;

enum {
    P_TYPES,
    P_RELS,
    P_DOC,
    P_DOCRELS,
    P_STYLES,
    P_SETTINGS,
    P_HDR1,
    P_HDR2,
    P_CORE,
    P_APP,
    P_COUNT
};

static int build_parts(const offdoc_t *d, offdoc_fonts_t *fonts, part_t *p, err_t *e)
{
    static const char *const names[P_COUNT] = {
        "[Content_Types].xml", "_rels/.rels",
        "word/document.xml",   "word/_rels/document.xml.rels",
        "word/styles.xml",     "word/settings.xml",
        "word/header1.xml",    "word/header2.xml",
        "docProps/core.xml",   "docProps/app.xml"};
    const char *fixed[P_COUNT] = {content_types,  package_rels, NULL, document_rels, NULL, settings,
                                  header_default, header_first, NULL, app_props};
    int rc = 0;
    for (int i = 0; i < P_COUNT; i++) {
        p[i].name = names[i];
        buf_init(&p[i].data, PART_MAX);
    }
    for (int i = 0; !rc && i < P_COUNT; i++)
        if (fixed[i])
            rc = buf_puts(&p[i].data, fixed[i]);
    if (!rc)
        rc = styles(&p[P_STYLES].data);
    offdoc_dx_t x = {NULL, 0, d, fonts};
    xmlBufferPtr xb = NULL;
    if (!rc)
        rc = writer_new(&x, &xb);
    if (!rc) {
        offdoc_docx_body_document(&x);
        rc = writer_done(&x, xb, &p[P_DOC].data);
    }
    if (!rc)
        rc = writer_new(&x, &xb);
    if (!rc) {
        core_props(&x);
        rc = writer_done(&x, xb, &p[P_CORE].data);
    }
    if (rc == ERR_NOMEM)
        return err_nomem(e);
    if (rc == ERR_TOOLARGE)
        return err_set(e, rc, "offdoc.too_large", "Văn bản quá lớn để xuất DOCX",
                       "The document is too large for DOCX");
    if (rc)
        return err_set(e, ERR_INTERNAL, "offdoc.docx_xml", "Lỗi khi tạo XML của tệp DOCX",
                       "Failed to produce the DOCX XML");
    return 0;
}

static int zip_error(err_t *e, const char *what)
{
    return err_set(e, ERR_IO, "offdoc.docx_write", "Không ghi được tệp DOCX: %s",
                   "Cannot write the DOCX file: %s", what);
}

static int write_zip(const char *tmp, part_t *p, err_t *e)
{
    int zerr = 0;
    zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        int rc = zip_error(e, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    for (int i = 0; i < P_COUNT; i++) {
        zip_source_t *src = zip_source_buffer(za, buf_cstr(&p[i].data), p[i].data.len, 0);
        if (!src || zip_file_add(za, p[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            int rc = zip_error(e, zip_strerror(za));
            zip_discard(za);
            return rc;
        }
    }
    if (zip_close(za) != 0) {
        int rc = zip_error(e, zip_strerror(za));
        zip_discard(za);
        return rc;
    }
    return 0;
}

int offdoc_docx_write(const offdoc_t *d, const char *path, err_t *e)
{
    outfile_t of = {0};
    offdoc_fonts_t *fonts = NULL;
    part_t parts[P_COUNT];
    memset(parts, 0, sizeof parts);
    int rc = offdoc_check(d, e);
    if (!rc)
        rc = offdoc_style_fonts_new(&fonts, e);
    if (!rc)
        rc = build_parts(d, fonts, parts, e);
    if (!rc)
        rc = outfile_open(&of, path, e);
    if (!rc)
        rc = write_zip(of.tmp, parts, e);
    if (!rc)
        rc = outfile_commit(&of, e);
    else
        outfile_abort(&of);
    for (int i = 0; i < P_COUNT; i++)
        buf_release(&parts[i].data);
    offdoc_style_fonts_free(fonts);
    return rc;
}
