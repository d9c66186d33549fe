/* offdoc_sample.h - test-only sample official documents built through the
 * offdoc API: a realistic provincial CCHC report (header, Kính gửi, parts
 * I-V with sections and sub-headings, runs, dash lines, hostile characters,
 * a 10,000-character paragraph, a 120-row one-stop table with two header
 * rows and a totals row, an appendix table, Nơi nhận, signature) and a
 * follow-up letter (công văn đôn đốc) with a superior body.
 *
 * The builders return 0 or the first failing call's status (e filled), so
 * that allocation-failure tests can drive them; *out is set only on
 * success (caller offdoc_free). */
#ifndef CCHC_TESTS_OFFDOC_SAMPLE_H
#define CCHC_TESTS_OFFDOC_SAMPLE_H

#include "base/err.h"
#include "domain/offdoc.h"

#include <stdint.h>

#define OFFDOC_SAMPLE_ROWS     120
#define OFFDOC_SAMPLE_LONG_LEN 10000 /* bytes of the long paragraph */

/* Figures the report's tables carry, for assertions. */
typedef struct offdoc_sample_facts {
    int64_t received[OFFDOC_SAMPLE_ROWS], ontime[OFFDOC_SAMPLE_ROWS];
    int64_t total_received, total_resolved, total_ontime, total_late;
    double total_pct;         /* on-time share of resolved, percent */
    const char *hostile;      /* the paragraph text with < & " ' */
    const char *sheet_name;   /* the appendix table's sheet name as given */
    const char *cell_hostile; /* a table cell with markup-like text */
} offdoc_sample_facts_t;

/* Field name of one-stop table row i (0-based). */
void offdoc_sample_field(int i, char *out, size_t cap);
/* Received / on-time counts of row i. */
int64_t offdoc_sample_received(int i);

int offdoc_sample_report(offdoc_t **out, offdoc_sample_facts_t *facts, err_t *e);
int offdoc_sample_letter(offdoc_t **out, err_t *e);

#endif
