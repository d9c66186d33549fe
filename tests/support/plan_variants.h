/* plan_variants.h - test-only generator of layout variants of a plan: the
 * forms in which the same plan reaches cchc when it is not the clean text
 * the tests were written against (text layers of PDFs with page furniture,
 * re-wrapped lines, tables cut by page breaks with their header repeated,
 * Markdown and Word-like tab tables, an appendix written as prose, a plan
 * pasted as one paragraph, DOCX with a table split in two, real PDFs with
 * running titles and page numbers).
 *
 * Every variant is computed from the clean document's model (its lines and
 * table cells) - the prose appendices from the clean document's parsed
 * table rows - never from expected values: a variant test parses the clean
 * document and the variant and requires the same tasks and targets. */
#ifndef CCHC_TESTS_PLAN_VARIANTS_H
#define CCHC_TESTS_PLAN_VARIANTS_H

#include "domain/doc.h"
#include "domain/planparse.h"

#include <stddef.h>

typedef enum pv_kind {
    PV_FURNITURE,      /* a running title and a page number every ~45 lines */
    PV_WRAP,           /* every line re-wrapped at 70 columns */
    PV_WRAP_FURNITURE, /* both */
    PV_CELLS_SPLIT,    /* tables one cell per line (a PDF's text layer), pages cut
                          between rows, the header cells repeated on each page */
    PV_PIPE_SPLIT,     /* tables as '|'-terminated cells, cut the same way */
    PV_MARKDOWN_SPLIT, /* Markdown tables, header and rule repeated on each page */
    PV_TAB_SPLIT,      /* Word tables copied as text: tab-separated rows */
    PV_PROSE_INLINE,   /* the appendix table as numbered prose, parts inline */
    PV_PROSE_PARTS,    /* the same with each part on its own line */
    PV_ONE_PARAGRAPH,  /* every line of the text joined into one */
    PV_COUNT
} pv_kind_t;

const char *pv_name(pv_kind_t k);

/* The text of variant k of clean document d, whose parse is p (only the
 * prose variants read p: its table tasks). malloc'd; NULL when the variant
 * does not apply (prose of a plan without an appendix table) or on
 * allocation failure. */
char *pv_text(const doc_t *d, const planparse_plan_t *p, pv_kind_t k);

/* A PDF (A4, Liberation Serif 13 pt, cairo + pango) of d's text - tables as
 * their cells in reading order - with a running title at the top and the
 * page number at the bottom of every page. *pages (may be NULL) gets the
 * page count. Returns 0 or -1. */
int pv_pdf(const doc_t *d, const char *title, const char *path, int *pages);

/* A copy of d whose largest table is cut into two tables at its middle row,
 * the second without a header (as a PDF-to-Word conversion leaves a table
 * broken by a page); NULL on failure. */
doc_t *pv_split_table(const doc_t *d);

/* The running title used by the furniture variants, for year (0: none). */
void pv_running_title(int year, char *out, size_t cap);

#endif
