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
 * auth.forbidden, ERR_INVALID cascade.decision / cascade.row / cascade.child
 * / cascade.sort / cascade.state, ERR_DB, ERR_NOMEM.
 *
 * Lists: every row is matched on each call (about 2,000 rows of the
 * province plan in 0.2 s), then filtered, sorted and cut into the page
 * asked for (docs/internals/cascade.md "Paging"). */
#ifndef CCHC_APP_CASCADE_H
#define CCHC_APP_CASCADE_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_CASCADE_COVERED 0.5
#define APP_CASCADE_MAYBE   0.3

typedef enum app_cascade_sort {
    APP_CASCADE_SORT_TASK = 0, /* the plan's task order, then unit name */
    APP_CASCADE_SORT_UNIT,     /* unit name (accent-insensitive), then task order */
    APP_CASCADE_SORT_STATE,    /* covered, maybe, missing, no_plan, then task order */
    APP_CASCADE_SORT_SCORE     /* similarity, lowest first, then task order */
} app_cascade_sort_t;

#define APP_CASCADE_LIST_MAX 5000 /* rows of one page at most (limit) */

/* What app_cascade computes and returns. The unit (with tree, its subtree)
 * restricts the work: only those units' plans are loaded and matched, and
 * the "units" summary has only them. state, area and q filter the rows;
 * "counts" are the states of the rows that pass area and q (whatever
 * state), "total" the rows that pass every filter; sort, desc, offset and
 * limit make the page of "rows". */
typedef struct app_cascade_filter {
    const char *unit;        /* NULL / "" = every unit the actor may see */
    bool tree;               /* with the unit's descendants (the registry's parent links) */
    const char *state;       /* "covered" | "maybe" | "missing" | "no_plan"; NULL / "" = any */
    int area;                /* reform area 1..8 of the task; 0 = any */
    const char *q;           /* text in the task number, title or unit name (text_key) */
    app_cascade_sort_t sort; /* ties: task order, unit name */
    bool desc;               /* reverse the sort key */
    size_t offset, limit;    /* limit 0 = every row from offset */
} app_cascade_filter_t;

/* Everything: no filter, task order, no paging. */
void app_cascade_filter_init(app_cascade_filter_t *f);
/* "task", "unit", "state", "score" -> *out; ERR_INVALID "cascade.sort". */
int app_cascade_sort_parse(const char *s, app_cascade_sort_t *out, err_t *e);
/* NULL, "" or a state name: 0; ERR_INVALID "cascade.state" otherwise. */
int app_cascade_state_check(const char *s, err_t *e);

/* {"plan_id","plan_title","year","thresholds":{"covered","maybe"},
 *  "units":[{"unit":{code,name},"plans":[{"id","title"}],"covered","maybe","missing",
 *  "no_plan","total"}],"counts":{"covered","maybe","missing","no_plan"},"total","offset",
 *  "limit","rows":[{"task_id","task_no","title","area","role","unit":{code,name},"state",
 *  "auto_state","score","match":{"plan_id","task_id","task_no","title"}|null,"decided_by",
 *  "decided_at"}]}
 * f NULL = app_cascade_filter_init. The filter's strings are read during
 * the call only. ERR_INVALID cascade.sort / cascade.state as the parsers. */
int app_cascade(app_t *a, const user_t *actor, int64_t plan_id, const app_cascade_filter_t *f,
                json_t **out, err_t *e);

/* Records a hand decision ("covered" | "missing") for (task of the plan,
 * unit); child_task_id (0 = none) names the matching task, only with
 * "covered", and must be a task of one of the unit's own plans of the year
 * (cascade.child otherwise). *out (may be NULL) gets the updated row. */
int app_cascade_decide(app_t *a, const user_t *actor, int64_t plan_id, int64_t task_id,
                       const char *unit, const char *decision, int64_t child_task_id, json_t **out,
                       err_t *e);

#endif
