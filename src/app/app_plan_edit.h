/* app_plan_edit.h - corrections to plans (issue 14 items 3-4): the edits of
 * an import preview (applied by app_plans_parse / app_plans_import through
 * app_plan_opts_t.edits and recorded with the plan), the same editor on a
 * stored plan (saved in place: task, target and assignment ids kept, so
 * tracking history stays), and the record of a plan's edits.
 *
 * Roles: as import - admin, or standing / officer with the plan's unit in
 * their write scope (actor NULL = the trusted local operator). Every save
 * is one transaction with an audit entry ("plan.edit", before and after
 * states of the tasks and targets touched) and a plan_edit batch. */
#ifndef CCHC_APP_PLAN_EDIT_H
#define CCHC_APP_PLAN_EDIT_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/planedit.h"
#include "domain/unit.h"
#include "store/store.h"

#include <jansson.h>

/* What produced the parse the import edits apply to (plan_edit.parser). */
#define APP_PLAN_EDIT_PARSER "cchc-planparse/1"

/* Applies l to *p (replaced by the edited plan on success; untouched on
 * error). Unit codes chosen in the edits must be in units (NULL: not
 * checked, for a preview without a database): else ERR_INVALID
 * "planedit.unit_unknown". Errors of planedit_apply. */
int app_plan_edit_apply(const unit_set_t *units, const planedit_list_t *l, planparse_plan_t **p,
                        err_t *e);

/* Records the import batch of a new plan inside the import's transaction:
 * the document hash, APP_PLAN_EDIT_PARSER and the edits (json: the list as
 * JSON text, "[]" when NULL). */
int app_plan_edit_record_import(store_t *s, int64_t plan_id, const char *hash, const char *by,
                                const char *at, const planedit_list_t *l, const char *json,
                                err_t *e);

/* Edits stored plan id in place with l (json: the same list as JSON text,
 * stored in the plan's edits). Deleting a task with tracking data is refused
 * (ERR_CONFLICT "plan_edit.task_tracked": supersede the plan instead), as is
 * removing a unit that reported on a task ("plan_edit.assignment_tracked")
 * and deleting a measured target ("plan_edit.target_measured"). Errors of
 * planedit_apply (nothing saved), ERR_NOTFOUND, ERR_FORBIDDEN. *out (may
 * be NULL) gets the plan as saved (caller planparse_plan_free). */
int app_plan_edit_stored(app_t *a, const user_t *actor, int64_t id, const planedit_list_t *l,
                         const char *json, planparse_plan_t **out, err_t *e);

/* The edits of plan id (read access as app_plans_get): {"plan_id",
 * "doc_hash","parser","batches":[store_plan_edit_list rows],"edits":[every
 * batch's operations in order]}. Caller json_decref. */
int app_plan_edit_list(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e);

#endif
