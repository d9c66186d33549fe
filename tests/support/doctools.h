/* doctools.h - the external tools tests use to look at documents as a
 * reader does: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and
 * LibreOffice. A missing tool skips the calling test with a message, unless
 * CI=true: then it fails. cmocka assertions inside: call from tests only.
 * Returned strings: caller frees with free(). */
#ifndef CCHC_TEST_DOCTOOLS_H
#define CCHC_TEST_DOCTOOLS_H

#include <stddef.h>

/* Full path of a program on PATH, or NULL. */
char *doctools_tool_path(const char *name);
/* The tool's path, or skip (fail when CI=true). */
char *doctools_need_tool(const char *name, const char *package);
/* Runs a tool with args (NULL-terminated), asserts success, returns its
 * standard output. */
char *doctools_run_tool(const char *name, const char *package, const char **args, int timeout);
/* The text of a PDF (page 0 = all pages), in layout mode. */
char *doctools_pdftotext(const char *pdf, int page);
int doctools_pdf_pages(const char *pdf);
/* Asserts that each needle occurs in hay after the previous one. */
void doctools_in_order(const char *hay, const char *const *needles, size_t n);
/* build/screenshots under $CCHC_ROOT (made when absent). */
char *doctools_screenshot_dir(void);
/* Page `page` of pdf as build/screenshots/<name>.png at 60 dpi. */
void doctools_screenshot(const char *pdf, int page, const char *name);
/* A part of a zip package (DOCX, XLSX), NUL-terminated; *len its size
 * (len may be NULL). Fails the test when the part is missing. */
char *doctools_zip_part(const char *docx, const char *name, size_t *len);
/* The same from a package in memory (n bytes at data, e.g. a response
 * body). */
char *doctools_zip_mem_part(const void *data, size_t n, const char *name, size_t *len);
/* LibreOffice headless converts doc (DOCX, XLSX) to PDF in dir/lo with a
 * private profile; returns the PDF's path. */
char *doctools_lo_to_pdf(const char *doc, const char *dir);

#endif
