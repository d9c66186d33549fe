/* report_draft.h - the draft sentences a periodic report starts from,
 * generated from its figures in Vietnamese with Vietnamese number formatting
 * ("Trong kỳ, đơn vị tiếp nhận 1.884 hồ sơ; đã giải quyết 1.773 hồ sơ, trong
 * đó trước và đúng hạn đạt 94,11%…"). The officer edits them; they are never
 * sent without the officer's hand.
 * Pure: appends to a buf_t (0, ERR_NOMEM or ERR_TOOLARGE). */
#ifndef CCHC_REPORT_DRAFT_H
#define CCHC_REPORT_DRAFT_H

#include "base/buf.h"
#include "domain/report_onestop.h"

#include <stdbool.h>
#include <stdint.h>

/* Task counts of one area or of the whole plan (statuses as of the window's
 * end; overdue = due on or before it and not completed). */
typedef struct report_task_counts {
    int64_t total, done, in_progress, not_started, overdue, failed;
} report_task_counts_t;

typedef struct report_target_counts {
    int64_t total, met, at_risk, not_met, no_data;
} report_target_counts_t;

/* One-stop results: "Trong kỳ, đơn vị tiếp nhận …". */
int report_draft_onestop(buf_t *b, const report_onestop_t *os);
/* Tasks of an area ("về cải cách thể chế"), or of the plan when area is NULL. */
int report_draft_tasks(buf_t *b, const char *area_label, const report_task_counts_t *t);
/* Targets: "Có 8/10 chỉ tiêu đạt…". */
int report_draft_targets(buf_t *b, const report_target_counts_t *t);
/* The 766 index (score in hundredths; rank 0 = none). has false: "chưa có dữ liệu". */
int report_draft_index766(buf_t *b, bool has, int64_t score_centi, int rank, int of);
/* Citizen feedback handled on time. */
int report_draft_feedback(buf_t *b, int64_t due, int64_t on_time);
/* Strengths and shortcomings drawn from the figures (overall task completion,
 * targets, one-stop on-time rate: a strength when it reads 95,00% or more). */
int report_draft_strengths(buf_t *b, const report_task_counts_t *t, const report_target_counts_t *g,
                           const report_onestop_t *os);
int report_draft_shortcomings(buf_t *b, const report_task_counts_t *t,
                              const report_target_counts_t *g, const report_onestop_t *os);
/* Next period: n tasks due, with up to three titles quoted. */
int report_draft_next(buf_t *b, int64_t n, const char *const *titles, size_t ntitles);

#endif
