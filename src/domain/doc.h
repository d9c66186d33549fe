/* doc.h - the document model of a plan file: an ordered sequence of blocks,
 * each a paragraph or a table, built by the readers (io/docread*) from plain
 * text, DOCX or PDF and consumed by the plan parser.
 *
 * Pure: no I/O, no globals. Everything is allocated through mem.h and owned
 * by the doc_t; doc_free releases it all. Blocks, rows and cells returned by
 * the accessors are borrowed until the doc is modified or freed.
 *
 * Text invariants (enforced by doc_add_para / doc_add_cell): valid UTF-8,
 * NFC, no NUL, no C0 control characters other than '\n' and '\t', and no
 * leading or trailing white space (ASCII, NBSP, U+2000..U+200B, U+3000,
 * U+FEFF). A paragraph is one line unless the source forced a line break
 * (DOCX w:br). A cell's paragraphs are joined with '\n'; blank ones dropped.
 *
 * Positions: `line` is the 1-based source line for text (for PDF, the line
 * within its page), `page` the 1-based PDF page; 0 = unknown. They exist for
 * warnings ("dòng 12", "trang 3"), not for layout. */
#ifndef CCHC_DOC_H
#define CCHC_DOC_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct doc doc_t;

/* Largest text (a paragraph, a cell, a rendering) the model holds. */
#define DOC_MAX_TEXT ((size_t)128 << 20)

enum doc_kind { DOC_PARA = 1, DOC_TABLE = 2 };
enum doc_format { DOC_FMT_TEXT = 0, DOC_FMT_DOCX = 1, DOC_FMT_PDF = 2 };
enum doc_align {
    DOC_ALIGN_NONE = 0, /* unknown / inherited */
    DOC_ALIGN_LEFT,
    DOC_ALIGN_CENTER,
    DOC_ALIGN_RIGHT,
    DOC_ALIGN_JUSTIFY
};

typedef struct doc_pos {
    int line;
    int page;
} doc_pos_t;

/* Style hints; all zero when unknown (always so for text and PDF). */
typedef struct doc_style {
    const char *style_id; /* DOCX paragraph style id ("Heading1", "u1"), NULL if none */
    int heading;          /* 1..9 from a "heading N" style, else 0 */
    int outline;          /* 1..9 outline level (w:outlineLvl + 1), else 0 */
    int list_level;       /* 1..9 for a numbered/bulleted item (w:numPr, ilvl + 1), else 0 */
    bool bold;            /* every visible character of the paragraph is bold */
    int align;            /* enum doc_align */
} doc_style_t;

typedef struct doc_cell {
    char *text; /* NFC; paragraphs joined with '\n'; "" for an empty cell */
    size_t len;
    int col;      /* 0-based grid column (sum of the spans before it) */
    int span;     /* grid columns covered (>= 1; DOCX w:gridSpan) */
    bool vmerged; /* continuation of a vertically merged cell: text copied from above */
} doc_cell_t;

typedef struct doc_row {
    doc_cell_t *cells;
    size_t ncells;
    size_t cap; /* private */
    doc_pos_t pos;
} doc_row_t;

typedef struct doc_block {
    int kind; /* enum doc_kind */
    doc_pos_t pos;
    /* DOC_PARA */
    char *text;
    size_t len;
    doc_style_t style; /* style_id owned by the doc */
    /* DOC_TABLE */
    doc_row_t *rows;
    size_t nrows;
    size_t rows_cap; /* private */
    int ncols;       /* widest row, in grid columns */
} doc_block_t;

/* A new empty document of the given format; NULL when out of memory. */
doc_t *doc_new(int format);
void doc_free(doc_t *d); /* NULL is a no-op */

int doc_format(const doc_t *d);
const char *doc_format_name(int format); /* "text", "docx", "pdf" */

size_t doc_count(const doc_t *d);
/* Block i (0-based) or NULL when out of range; borrowed. */
const doc_block_t *doc_block(const doc_t *d, size_t i);

/* Appends a paragraph: validates UTF-8 (ERR_INVALID "doc.invalid_utf8"),
 * normalises to NFC and cleans it as described above. A paragraph that is
 * blank after cleaning is not added (returns 0). style may be NULL; its
 * style_id is copied. */
int doc_add_para(doc_t *d, const char *utf8, size_t n, doc_pos_t pos, const doc_style_t *style,
                 err_t *e);

/* Starts a new (empty) table block; rows and cells go to the last block. */
int doc_add_table(doc_t *d, doc_pos_t pos, err_t *e);
/* Appends a row to the last block, which must be a table (ERR_INVALID). */
int doc_add_row(doc_t *d, doc_pos_t pos, err_t *e);
/* Appends a cell to the last row of the last table (ERR_INVALID if none).
 * Text cleaned line by line (blank lines dropped); span < 1 is taken as 1. */
int doc_add_cell(doc_t *d, const char *utf8, size_t n, int span, bool vmerged, err_t *e);

/* Page furniture (running titles, page numbers; domain/doc_layout.h) the
 * reader dropped: the number of lines, and *sample (may be NULL) the first
 * such line that is not a bare page number (NULL when none), borrowed. */
size_t doc_furniture(const doc_t *d, const char **sample);
/* Records count more dropped lines; the first sample given is kept (NUL-free
 * UTF-8, at most n bytes copied). ERR_NOMEM. */
int doc_note_furniture(doc_t *d, size_t count, const char *sample, size_t n);

/* Parses the plain-text form (UTF-8, optional BOM; "\n", "\r\n" or "\r"
 * line ends; form feeds count as spaces):
 *  - every non-blank line is a paragraph with its line number;
 *  - a line holding '|' and something else is a table row, cells split at
 *    '|' (a leading and a trailing '|' are optional); consecutive row lines,
 *    blank lines between them allowed, form one table; rows are kept as
 *    written even when their cell counts differ;
 *  - a line holding only '|' ends a table cell (the form PDF/Word-to-text
 *    converters leave): the lines since the previous such line are the cell.
 *    Runs of cells are grouped into rows; see docs/internals/documents.md;
 *  - a line holding at least two tabs between text is a table row too
 *    (a Word table copied as text), cells split at tabs;
 *  - page furniture (domain/doc_layout.h) is dropped first, and counted
 *    (doc_furniture).
 * Fails with ERR_INVALID "doc.invalid_utf8" (message gives the line) or
 * "doc.nul" (binary data), ERR_NOMEM. *out is set only on success. */
int doc_from_text(const char *utf8, size_t n, doc_t **out, err_t *e);

/* Offset of the first byte of s[0..n) that is not valid UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are invalid), or n when all is
 * valid; *line (may be NULL) gets its 1-based line number. */
size_t doc_text_invalid_at(const char *s, size_t n, int *line);

/* Plain-text rendering: one line per paragraph, one line per table row with
 * cells joined by " | " and their line breaks replaced by spaces. Caller
 * frees with mem_free; NULL when out of memory. */
char *doc_text(const doc_t *d);

/* Debug/export form:
 * {"format":"docx","blocks":[{"type":"paragraph","text":..,"line":..,"page":..,
 *   "style":..,"heading":..,"outline":..,"list_level":..,"bold":true,"align":"center"},
 *  {"type":"table","line":..,"page":..,"columns":6,"rows":[{"line":..,"page":..,
 *   "cells":["text", {"text":..,"span":2,"vmerged":true}]}]}]}
 * Position and style members appear only when known/set; a cell is a plain
 * string unless it spans columns or is a vertical-merge continuation.
 * Caller json_decref; NULL when out of memory. */
json_t *doc_to_json(const doc_t *d);

#endif
