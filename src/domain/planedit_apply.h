/* planedit_apply.h - applying an edit list (planedit.h) to a plan. */
#ifndef CCHC_PLANEDIT_APPLY_H
#define CCHC_PLANEDIT_APPLY_H

#include "domain/planedit.h"

#include <stdint.h>

/* Applies l, in order, to a copy of in; *out (caller planparse_plan_free)
 * gets the edited plan; in is never modified. Errors (planedit.h):
 * ERR_INVALID naming the op's 0-based index, ERR_NOMEM; *out is NULL then
 * and nothing is applied. An empty list gives a plain copy. */
int planedit_apply(const planparse_plan_t *in, const planedit_list_t *l, planparse_plan_t **out,
                   err_t *e);

/* As planedit_apply, carrying a tag per task and per target (the stored
 * ids of a plan being edited in place; NULL: all 0) through the
 * operations: a kept task keeps its tag (MERGE: the task merged into),
 * split-off parts and added tasks and targets get 0, deleted ones are gone.
 * On success *task_tags_out / *target_tags_out (may be NULL; caller
 * mem_free) get one tag per task / target of *out. */
int planedit_apply_tagged(const planparse_plan_t *in, const planedit_list_t *l,
                          const int64_t *task_tags, const int64_t *target_tags,
                          planparse_plan_t **out, int64_t **task_tags_out,
                          int64_t **target_tags_out, err_t *e);

#endif
