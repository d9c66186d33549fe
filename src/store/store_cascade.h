/* store_cascade.h - the rows the cascade check reads and the decisions it
 * writes (migration 0008_cascade). Strings are borrowed for the callback. */
#ifndef CCHC_STORE_CASCADE_H
#define CCHC_STORE_CASCADE_H

#include "store/store.h"

#include <stdint.h>

/* Tasks of the plans of `unit` (plan.unit_code or plan.issuer_code) for `year`, other than plan
 * `except`, in plan and task order: fn gets plan id, plan title, task id, number, title and detail
 * ("" when none). */
typedef int (*store_cascade_task_fn)(void *ctx, int64_t plan_id, const char *plan_title,
                                     int64_t task_id, const char *no, const char *title,
                                     const char *detail, err_t *e);
MUST_CHECK int store_cascade_unit_tasks(store_t *s, const char *unit, int year, int64_t except,
                                        store_cascade_task_fn fn, void *ctx, err_t *e);

/* The newest decision of every (task of plan_id, unit): fn gets task id,
 * unit, decision, child task id (0 = none), author, time. */
typedef int (*store_cascade_decision_fn)(void *ctx, int64_t task_id, const char *unit,
                                         const char *decision, int64_t child, const char *author,
                                         const char *at, err_t *e);
MUST_CHECK int store_cascade_decisions(store_t *s, int64_t plan_id, store_cascade_decision_fn fn,
                                       void *ctx, err_t *e);

MUST_CHECK int store_cascade_decide(store_t *s, int64_t task_id, const char *unit,
                                    const char *decision, int64_t child, const char *author,
                                    const char *at, err_t *e);

#endif
