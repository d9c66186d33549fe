/* fixture_doc.h - test-only generators of plan documents: DOCX packages
 * (libzip) and PDFs (cairo + pango, Liberation Serif, A4), built from the
 * document model of a text plan or from hand-written WordprocessingML.
 *
 * Fixtures are written to a fresh temporary directory (fxdoc_tmpdir); set
 * CCHC_KEEP_FIXTURES=DIR to write them to DIR and keep them for inspection
 * (e.g. `cchc doc dump DIR/002.docx`). Functions return 0 or -1. */
#ifndef CCHC_TESTS_FIXTURE_DOC_H
#define CCHC_TESTS_FIXTURE_DOC_H

#include "domain/doc.h"

#include <stddef.h>

/* The three shared sample plans (copies in data/plans/ of ../shared/plans/). */
extern const char *const fxdoc_plans[3];

/* Temporary directory (testdir_new, or the CCHC_KEEP_FIXTURES directory);
 * fxdoc_rmtree removes it unless it is the CCHC_KEEP_FIXTURES directory.
 * Paths inside: testdir_join. */
char *fxdoc_tmpdir(void);
void fxdoc_rmtree(char *dir); /* also frees dir */

/* Whole file into a malloc'd buffer (NUL-terminated). */
int fxdoc_read(const char *path, char **data, size_t *n);
int fxdoc_write(const char *path, const void *data, size_t n);

/* Reads a shared plan by file name (ROOT/data/plans/<name>, ROOT the
 * repository root of testdir_root) as text. */
int fxdoc_load_plan(const char *name, doc_t **out);
/* The path of a shared sample plan: ROOT/../shared/plans/<name> when that
 * file exists, else ROOT/data/plans/<name> (the copies) when it does; NULL
 * when neither. malloc'd. */
char *fxdoc_plan_path(const char *name);

/* A zip with the given entries (deflated). */
int fxdoc_zip(const char *path, const char *const *names, const char *const *contents,
              const size_t *lens, size_t n);
/* A .docx whose w:body holds body_xml (namespace prefix w: declared, also
 * mc:, wps:, v: for text boxes); styles_xml (NULL: none) is
 * word/styles.xml's content inside <w:styles>; footnotes_xml (NULL: none)
 * the content of word/footnotes.xml's <w:footnotes>. */
int fxdoc_docx_body(const char *path, const char *body_xml, const char *styles_xml,
                    const char *footnotes_xml);
/* A .docx rendering d: paragraphs as w:p, tables as real w:tbl with a grid
 * of the table's column count (a short row's last cell spans the rest);
 * a cell's lines are separate paragraphs. */
int fxdoc_docx_from_doc(const doc_t *d, const char *path);

/* A PDF rendering d on A4 pages in Liberation Serif 13 pt, wrapped to the
 * text width; table cells are rendered as indented paragraphs in reading
 * order. *pages gets the page count (may be NULL). */
int fxdoc_pdf_from_doc(const doc_t *d, const char *path, int *pages);
/* A PDF with one page per string (lines split at '\n', drawn from the top);
 * footers[i] (NULL array or entry: none) drawn at the page bottom. */
int fxdoc_pdf_pages(const char *path, const char *const *pages, const char *const *footers,
                    size_t n);
/* A one-page PDF holding only a filled rectangle (a "scan" without text). */
int fxdoc_pdf_blank(const char *path);

#endif
