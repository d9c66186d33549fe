/* docread.h - reading officials' plan files (Word .docx, PDF with a text
 * layer, plain text) into the document model of domain/doc.h.
 *
 * The format is recognised by content, never by file name:
 *   "%PDF-" in the first KiB                 -> PDF (poppler)
 *   zip holding word/document.xml             -> DOCX (libzip + libxml2)
 *   other zip                                 -> error (xlsx/odt/... named when recognised)
 *   OLE2 compound file                        -> error: legacy .doc, save as .docx
 *   "{\rtf"                                   -> error: RTF, save as .docx
 *   PNG, JPEG, TIFF, GIF                       -> error: a scan, no OCR
 *   HTML, MHT, XML (after BOM/white space)     -> error: web page / Word XML, save as .docx
 *   UTF-16 LE/BE with BOM                     -> converted to UTF-8, then text
 *   UTF-8 with or without BOM                 -> text (doc_from_text)
 *   anything else                             -> error: not UTF-8 (legacy TCVN3/VNI/
 *                                                Windows-1258 text) or binary
 *
 * All functions return 0 and set *out (caller doc_free) or a negative
 * ERR_* with e filled (stable code "docread.*", Vietnamese and English
 * messages); *out is untouched on failure. Thread-safe: no shared state
 * except the one-time libxml2 initialisation.
 *
 * Limits: files above DOCREAD_MAX_FILE bytes, a word/document.xml
 * expanding above DOCREAD_MAX_XML bytes, a PDF of more than
 * DOCREAD_MAX_PAGES pages or DOCREAD_MAX_TEXT bytes of text are refused
 * (ERR_TOOLARGE, "docread.docx_too_large", "docread.pdf_too_many_pages",
 * "docread.pdf_too_much_text"); XML with a DTD is refused, entities are
 * never substituted, no network. */
#ifndef CCHC_DOCREAD_H
#define CCHC_DOCREAD_H

#include "base/err.h"
#include "domain/doc.h"

#include <stddef.h>

#define DOCREAD_MAX_FILE  ((size_t)128 << 20)
#define DOCREAD_MAX_XML   ((size_t)64 << 20)
#define DOCREAD_MAX_TEXT  ((size_t)32 << 20) /* text taken out of a PDF */
#define DOCREAD_MAX_PAGES 2000               /* pages of a PDF */

enum docread_kind {
    DOCREAD_EMPTY = 0,
    DOCREAD_TEXT,    /* UTF-8 candidate (validity checked when read) */
    DOCREAD_UTF16LE, /* with BOM */
    DOCREAD_UTF16BE, /* with BOM */
    DOCREAD_UTF32,   /* with BOM: refused */
    DOCREAD_PDF,
    DOCREAD_ZIP,   /* DOCX when it holds word/document.xml */
    DOCREAD_OLE,   /* legacy Office 97-2003 (.doc/.xls): refused */
    DOCREAD_RTF,   /* refused */
    DOCREAD_IMAGE, /* PNG/JPEG/TIFF/GIF: a scan, refused */
    DOCREAD_MARKUP /* HTML, MHT or Word 2003 XML saved as ".doc": refused */
};

/* Recognises the container format from the first bytes. */
int docread_sniff(const void *data, size_t n);

/* Reads a file (at most DOCREAD_MAX_FILE bytes). Errors are prefixed with
 * the file's base name. */
int docread_file(const char *path, doc_t **out, err_t *e);

/* Reads an in-memory upload. name_hint (may be NULL) prefixes messages. */
int docread_buffer(const void *data, size_t n, const char *name_hint, doc_t **out, err_t *e);

/* Format-specific readers (no sniffing). docread_text accepts UTF-8 (BOM
 * optional) and UTF-16 with a BOM. */
int docread_text(const void *data, size_t n, doc_t **out, err_t *e);
int docread_docx(const void *data, size_t n, doc_t **out, err_t *e);
int docread_pdf(const void *data, size_t n, doc_t **out, err_t *e);

#endif
