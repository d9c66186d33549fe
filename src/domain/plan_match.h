/* plan_match.h - which task of an amended plan continues which task of the
 * plan it supersedes (docs/internals/plan_lifecycle.md).
 *
 * Tasks are compared by text (their titles as the caller gives them):
 * the same text up to accents, case, spacing and punctuation (text_key)
 * scores 1; otherwise the score is the mean of the two directed textsim
 * scores (textsim.h: content words and word pairs, accent-insensitive), so
 * it is symmetric, in 0..1. A pair in different areas scores
 * PLAN_MATCH_AREA_FACTOR times that (same area preferred; an unknown area,
 * NULL or "", matches any). The PLAN_MATCH_TOPK best pairs of each old task
 * scoring at least the threshold are candidates (memory linear in the
 * tasks); the assignment is one-to-one and greedy: the best-scoring
 * candidate pair first (ties: lower old index, then lower new index),
 * dropping the pairs that share a task with it, and so on. Tasks left
 * without a partner are listed as unmatched on each side. Time: one score
 * per pair of tasks (1.6 s for 2000 × 2000 similar titles, -O2).
 *
 * Pure; allocation only inside (mem.h). Errors: ERR_INVALID
 * plan_match.too_many (more than PLAN_MATCH_MAX tasks on a side),
 * ERR_INVALID plan_match.utf8 (a text is not valid UTF-8), ERR_NOMEM. */
#ifndef CCHC_PLAN_MATCH_H
#define CCHC_PLAN_MATCH_H

#include "base/err.h"

#include <stddef.h>

#define PLAN_MATCH_MAX         3000 /* tasks on either side */
#define PLAN_MATCH_TOPK        8    /* candidates kept per old task */
#define PLAN_MATCH_THRESHOLD   0.5  /* default minimum score of a match */
#define PLAN_MATCH_AREA_FACTOR 0.85 /* score factor of a pair in different areas */

/* One task as compared (borrowed strings). */
typedef struct plan_match_task {
    const char *text; /* title (NULL = "") */
    const char *area; /* area code, NULL or "" = unknown */
} plan_match_task_t;

typedef struct plan_match_pair {
    size_t old_idx, new_idx; /* indices into the arrays given */
    double score;            /* 0..1, area factor applied */
} plan_match_pair_t;

/* The result (owned; plan_match_release). pairs are sorted by old_idx;
 * the unmatched index lists ascending. */
typedef struct plan_match {
    plan_match_pair_t *pairs;
    size_t npairs;
    size_t *old_unmatched;
    size_t nold_unmatched;
    size_t *new_unmatched;
    size_t nnew_unmatched;
} plan_match_t;

/* Score in 0..1 of two tasks (the rule above), or -1 when a text is not
 * valid UTF-8 or memory runs out. */
double plan_match_score(const plan_match_task_t *a, const plan_match_task_t *b);

/* Matches old[0..nold) with nw[0..nnew) at threshold (<= 0: the default).
 * *out is filled on success and zeroed on failure. */
MUST_CHECK int plan_match_run(const plan_match_task_t *old, size_t nold,
                              const plan_match_task_t *nw, size_t nnew, double threshold,
                              plan_match_t *out, err_t *e);

/* Frees what out owns and zeroes it; NULL is a no-op. */
void plan_match_release(plan_match_t *out);

#endif
