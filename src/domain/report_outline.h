/* report_outline.h - the outline of a periodic report as data
 * (data/reports/outline.json): numbered sections, each with the figures cchc
 * fills in (facts) and a narrative the officer writes, and the appendix
 * tables.
 *
 * JSON: {"name","name_en","version","sections":[{"code":"I","title",
 * "title_en","facts":["plan","area:chidao",…],"children":[…]}],
 * "appendices":[{"code":"PL1","title","title_en","table":"onestop_fields"}]}
 * Section codes are unique ("I", "II.1"); depth at most 2. Facts and tables
 * are from fixed lists (report_outline_fact_valid); "sections", "facts",
 * "children" and "appendices" are arrays. A malformed outline is refused
 * with "report_outline.*" codes naming the section.
 * Pure (parses text handed in); the outline owns its strings. */
#ifndef CCHC_REPORT_OUTLINE_H
#define CCHC_REPORT_OUTLINE_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_OUTLINE_FACTS_MAX 8

typedef struct report_outline_section {
    const char *code, *title, *title_en;
    const char *facts[REPORT_OUTLINE_FACTS_MAX];
    size_t nfacts;
    int depth;     /* 1 for I, II…; 2 for II.1 */
    long parent;   /* index of the parent section, -1 at the top */
    bool has_kids; /* a section with children has no text of its own */
} report_outline_section_t;

typedef struct report_outline_appendix {
    const char *code, *title, *title_en, *table;
} report_outline_appendix_t;

typedef struct report_outline report_outline_t;

/* Parses and validates outline JSON text into *out (caller frees with
 * report_outline_free): 0, ERR_INVALID ("report_outline.json",
 * "report_outline.section", "report_outline.fact", "report_outline.code",
 * "report_outline.table") or ERR_NOMEM. */
int report_outline_parse(const char *text, size_t n, report_outline_t **out, err_t *e);
void report_outline_free(report_outline_t *o);

const char *report_outline_name(const report_outline_t *o);
int report_outline_version(const report_outline_t *o);
/* Sections in document order (parents before their children). */
size_t report_outline_count(const report_outline_t *o);
const report_outline_section_t *report_outline_at(const report_outline_t *o, size_t i);
/* By code; NULL when absent. */
const report_outline_section_t *report_outline_find(const report_outline_t *o, const char *code);
size_t report_outline_appendix_count(const report_outline_t *o);
const report_outline_appendix_t *report_outline_appendix_at(const report_outline_t *o, size_t i);

/* Whether a fact or appendix table name is known: plan, tasks, area:<code of
 * planparse_area>, onestop, indicators, index766, feedback, targets,
 * next_tasks, evidence, senders, strengths, shortcomings; tables
 * onestop_fields, tasks, targets, senders. */
bool report_outline_fact_valid(const char *fact);
bool report_outline_table_valid(const char *table);

#endif
