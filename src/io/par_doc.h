/* par_doc.h - PAR documents through the official-document engine
 * (domain/offdoc.h, io/offdoc_{docx,pdf,xlsx}.h):
 *
 *   the self-assessment report of a unit (BÁO CÁO, ND 30 layout) with its
 *   three parts: I. the score table (STT | criterion | max | self | appraised
 *   | obtained | evidence or note) with the total and index; II.
 *   explanations for the leaves without sufficient evidence (no evidence
 *   file and no cchc figure: the unit's note and its answers to explanation
 *   requests); III. difficulties and recommendations — as DOCX or PDF;
 *   the unit's score table alone as XLSX;
 *   the ranking of a campaign (rank, unit, total, max, index, grade, and the
 *   component index of each area) as XLSX.
 *
 * The content comes from the use cases (app_par_sheet_get,
 * app_par_results_get) with the actor's rights. Errors: theirs, and the
 * renderers'. */
#ifndef CCHC_IO_PAR_DOC_H
#define CCHC_IO_PAR_DOC_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/offdoc.h"

#include <stdint.h>

typedef enum par_doc_kind {
    PAR_DOC_SHEET_XLSX = 0, /* a unit's score table */
    PAR_DOC_REPORT_DOCX,    /* a unit's self-assessment report */
    PAR_DOC_REPORT_PDF,
    PAR_DOC_RANKING_XLSX /* the campaign's ranking */
} par_doc_kind_t;

/* The self-assessment report of unit as a document (caller offdoc_free). */
int par_doc_report(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                   offdoc_t **out, err_t *e);
/* The ranking as a document whose only table is the ranking. */
int par_doc_ranking(app_t *a, const user_t *actor, int64_t campaign, offdoc_t **out, err_t *e);

/* Builds and writes one document to path (unit ignored for the ranking). */
int par_doc_write_file(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       par_doc_kind_t kind, const char *path, err_t *e);

/* The MIME type and file extension (".xlsx", ".docx", ".pdf") of a kind. */
const char *par_doc_mime(par_doc_kind_t kind);
const char *par_doc_ext(par_doc_kind_t kind);

#endif
