/* app_cascade.h - the cascade check (docs/internals/cascade.md): for a plan
 * that assigns tasks to units (directly or through groups, expanded when
 * tracking starts), whether each assigned unit's own plan of the same year
 * covers each task it was given, matched by text similarity (textsim.h) and
 * confirmable by hand. A unit's own plans are the other plans of the year
 * whose owning unit or issuer is the unit; each of their tasks is compared
 * by its title and by its title with its detail, the better score counts.
 *
 * Per (task, unit): "covered" (best score >= APP_CASCADE_COVERED), "maybe"
 * (>= APP_CASCADE_MAYBE), "missing", or "no_plan" (the unit has imported no
 * plan of that year); the newest hand decision ("covered" / "missing", with
 * the matching task when known) overrides the automatic state.
 *
 * Authorisation (actor NULL = local operator): users who may read the plan's
 * unit see every row; others see the rows of units in their scope (403 when
 * none). Deciding needs admin, or standing with the plan's unit in scope.
 * Errors: ERR_NOTFOUND plan.not_found / task.not_found, ERR_FORBIDDEN
 * auth.forbidden, ERR_INVALID cascade.decision / cascade.row / cascade.child,
 * ERR_DB,
 * ERR_NOMEM. */
#ifndef CCHC_APP_CASCADE_H
#define CCHC_APP_CASCADE_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdint.h>

#define APP_CASCADE_COVERED 0.5
#define APP_CASCADE_MAYBE   0.3

/* {"plan_id","year","thresholds":{"covered","maybe"},"units":[{"unit":{code,name},
 *  "plans":[{"id","title"}],"covered","maybe","missing","no_plan","total"}],
 *  "rows":[{"task_id","task_no","title","role","unit":{code,name},"state","auto_state",
 *  "score","match":{"plan_id","task_id","task_no","title"}|null,"decided_by","decided_at"}]}
 * unit (may be NULL) restricts the rows to one unit. */
int app_cascade(app_t *a, const user_t *actor, int64_t plan_id, const char *unit, json_t **out,
                err_t *e);

/* Records a hand decision ("covered" | "missing") for (task of the plan,
 * unit); child_task_id (0 = none) names the matching task, only with
 * "covered", and must be a task of one of the unit's own plans of the year
 * (cascade.child otherwise). *out (may be NULL) gets the updated row. */
int app_cascade_decide(app_t *a, const user_t *actor, int64_t plan_id, int64_t task_id,
                       const char *unit, const char *decision, int64_t child_task_id, json_t **out,
                       err_t *e);

#endif
