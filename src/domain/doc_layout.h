/* doc_layout.h - page furniture in the text of a document: the running
 * titles, running footers and page numbers that a PDF's text layer (or text
 * copied out of a PDF) repeats on every page, in the middle of sentences,
 * table rows and headings. The readers drop them before the text becomes
 * the document model (doc_from_text, docread_pdf), so that the plan parser
 * sees the text as it was written; see docs/internals/documents.md.
 *
 * Pure: no I/O, no globals. Linear in the number of lines (plus a sort of
 * the candidate lines). */
#ifndef CCHC_DOC_LAYOUT_H
#define CCHC_DOC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* One source line (not NUL-terminated, not necessarily trimmed); page is
 * the 1-based page for PDF text, 0 when pages are unknown (plain text). */
typedef struct doc_layout_line {
    const char *s;
    size_t n;
    int page;
} doc_layout_line_t;

/* Longest line (bytes, trimmed) that can be page furniture. */
#define DOC_LAYOUT_MAX_LINE 160

/* Marks the furniture among L[0..n): drop[i] is set for every line to drop
 * (drop must hold n entries; it is cleared first) and *dropped (may be
 * NULL) gets their count. Returns 0 or ERR_NOMEM.
 *
 * Page numbers: "12", "- 12 -", "Trang 12", "Trang 12/30", "12/30". With
 * pages known, a number among the first or last two lines of a page that is
 * within 3 of the page's index; in
 * plain text, bare numbers only when they form a run of consecutive values
 * at regular intervals of at least DOC_LAYOUT_MIN_PAGE lines (the numbers of
 * a table's rows do not: they come too often or too irregularly) - three at
 * least, or two when a running title repeats next to them or the second
 * ends the text - and the explicit forms when they occur at least twice.
 * Running titles and footers (compared with digits masked, so "Trang 3" and
 * "Trang 4" are the same line): lines of at most DOC_LAYOUT_MAX_LINE bytes
 * repeated at least twice next to page boundaries (the first or last two
 * lines of a page, or within two lines of a page number) on at least 60 % of
 * their occurrences - only those occurrences are dropped, so a plan's title
 * that the running title repeats stays where it is written. Without any
 * page boundary, a line in capitals repeated at least three times at regular
 * intervals of at least DOC_LAYOUT_MIN_PAGE lines. */
#define DOC_LAYOUT_MIN_PAGE 15
int doc_layout_furniture(const doc_layout_line_t *L, size_t n, bool *drop, size_t *dropped);

#endif
