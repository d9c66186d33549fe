/* store_plan.h - persistence of plans read from documents: plan, task,
 * task_assignment, target (migration 0003_plans). Writes must run inside
 * the caller's transaction. Dates are ISO text. */
#ifndef CCHC_STORE_PLAN_H
#define CCHC_STORE_PLAN_H

#include "domain/planparse.h"
#include "store/store.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* Bookkeeping of a stored plan (fixed buffers, no ownership). */
typedef struct store_plan_meta {
    int64_t id;
    char hash[65];         /* SHA-256 of the source document, hex */
    char source_name[256]; /* file name as uploaded */
    char unit_code[65];    /* owning unit ("" = none) */
    char imported_at[32];  /* YYYY-MM-DDTHH:MM:SS local time */
    char imported_by[65];  /* login, or "cli" */
} store_plan_meta_t;

/* The id of the plan read from the document with this hash: 0 and *id, or
 * ERR_NOTFOUND. */
MUST_CHECK int store_plan_find_hash(store_t *s, const char *hash, int64_t *id, err_t *e);

/* Inserts the plan with its tasks, assignments and targets; *id gets the
 * new plan id. ERR_CONFLICT "plan.duplicate" when the hash exists. */
MUST_CHECK int store_plan_insert(store_t *s, const planparse_plan_t *p,
                                 const store_plan_meta_t *meta, int64_t *id, err_t *e);

/* One task (with its assignments) / one target of plan `plan` at position
 * seq, as store_plan_insert writes them (used by store_plan_edit); *id_out
 * (may be NULL) gets the task's id. */
MUST_CHECK int store_plan_insert_task(store_t *s, int64_t plan, size_t seq,
                                      const planparse_task_t *t, int64_t *id_out, err_t *e);
MUST_CHECK int store_plan_insert_target(store_t *s, int64_t plan, size_t seq,
                                        const planparse_target_t *t, err_t *e);
/* Binds the stored columns of task t at position seq to the parameters
 * at .. at+10 of st, in the order seq, task_no, area, title, detail,
 * product, lead_default, deadline_text, deadline_kind, due_first,
 * deadline_json (the insert above and store_plan_edit's update). Bind
 * failures are sticky, as for every bind; ERR_NOMEM when the deadline's
 * JSON cannot be made (then nothing is bound: the caller drops st). */
MUST_CHECK int store_plan_bind_task(store_stmt_t *st, int at, size_t seq, const planparse_task_t *t,
                                    err_t *e);

/* Summaries of the current plans (all: of every plan, superseded and
 * deleted ones too), newest first: array of {"id","number","type",
 * "issuer","unit_code","date","year","title","tasks","targets",
 * "source_name","imported_at","imported_by","status" ("current",
 * "superseded", "deleted"), "superseded_by"?, "status_at"?, "status_by"?,
 * "status_reason"?}. Caller json_decref. */
MUST_CHECK int store_plan_list(store_t *s, bool all, json_t **out, err_t *e);

/* Calls fn(ctx, plan_id, unit_code) for each (plan, assignee unit) pair of
 * the task assignments (distinct); a nonzero return of fn stops. */
typedef int (*store_plan_unit_fn)(void *ctx, int64_t plan_id, const char *unit, err_t *e);
MUST_CHECK int store_plan_assignee_units(store_t *s, store_plan_unit_fn fn, void *ctx, err_t *e);

/* Loads plan id (ERR_NOTFOUND "plan.not_found") into a new planparse_plan_t
 * (caller planparse_plan_free); meta (may be NULL) gets the bookkeeping. */
MUST_CHECK int store_plan_load(store_t *s, int64_t id, planparse_plan_t **out,
                               store_plan_meta_t *meta, err_t *e);

#endif
