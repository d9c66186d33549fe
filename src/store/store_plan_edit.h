/* store_plan_edit.h - the corrections made to a plan (migration
 * 0032_plan_edits) and the in-place save of an edited stored plan. Writes
 * must run inside the caller's transaction. */
#ifndef CCHC_STORE_PLAN_EDIT_H
#define CCHC_STORE_PLAN_EDIT_H

#include "domain/planparse.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

/* One batch of edits (strings borrowed). */
typedef struct store_plan_edit_batch {
    const char *phase;    /* "import" (the preview's edits) or "stored" */
    const char *doc_hash; /* the source document's SHA-256 (hex) */
    const char *parser;   /* what produced the parse the import edits apply to */
    int format;           /* PLANEDIT_FORMAT */
    const char *edits;    /* JSON array text */
    size_t ops;           /* number of operations */
    const char *at;       /* ISO local time */
    const char *by;       /* login, or "cli" */
} store_plan_edit_batch_t;

/* Appends a batch after the plan's last one. */
MUST_CHECK int store_plan_edit_append(store_t *s, int64_t plan_id, const store_plan_edit_batch_t *b,
                                      err_t *e);

/* The batches of a plan, in order: [{"seq","phase","doc_hash","parser",
 * "format","ops","at","by","edits":[…]}] (caller json_decref; [] when none). */
MUST_CHECK int store_plan_edit_list(store_t *s, int64_t plan_id, json_t **out, err_t *e);

/* Ids of the plan's tasks (targets when `targets`) in their order (seq);
 * *ids caller mem_free (NULL when none). */
MUST_CHECK int store_plan_edit_ids(store_t *s, int64_t plan_id, bool targets, int64_t **ids,
                                   size_t *n, err_t *e);

/* Whether task id has tracking data: an assignment with an update, an
 * occurrence, a cascade decision. 0 and *has, or an error. */
MUST_CHECK int store_plan_edit_task_tracked(store_t *s, int64_t task_id, bool *has, err_t *e);

/* Saves p as the new content of stored plan plan_id, in place:
 * task_ids[i] (p->ntasks entries) is the stored id of p->tasks[i] or 0 for
 * a new task (inserted); stored tasks not listed are deleted (the caller
 * checked they have no tracking data); likewise target_ids for targets
 * (a target with measurements is refused: ERR_CONFLICT
 * "plan_edit.target_measured"). The fields of kept tasks are updated, their
 * ids stay; their assignments are kept when their party (role, label,
 * unit, group) is still there, inserted when new, deleted when gone unless
 * tracked (ERR_CONFLICT "plan_edit.assignment_tracked"). */
MUST_CHECK int store_plan_edit_save(store_t *s, int64_t plan_id, const planparse_plan_t *p,
                                    const int64_t *task_ids, const int64_t *target_ids, err_t *e);

#endif
