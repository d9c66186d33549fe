/* app_overview.h - the standing agency's overview: units of a kind ranked by
 * task completion and by target attainment for a year, with their 766
 * service-quality score (docs/internals/dashboard.md).
 *
 * Units: those of `kind` (all kinds below the province when NULL) in the
 * registry, within `parent`'s subtree when given, that the actor may read.
 * Task completion: app_tasks_rollup_units over the plans of the year (each
 * unit with its subtree). Target attainment: app_targets_for_unit without
 * trends (rate = đạt / targets with data). Ranks: 1 = best; units without
 * assignments (or without measured targets) are unranked (null) and listed
 * last. Result {"year","kind","parent","units":[{"unit":{code,name,kind},
 * "tasks":{assigned,completed,overdue,rate},"targets":{total,dat,co_nguy_co,
 * chua_dat,chua_co_so_lieu,rate},"rank_tasks","rank_targets","index766"}]}
 * in the order of rank_tasks. Errors: ERR_INVALID overview.kind, ERR_DB,
 * ERR_NOMEM, and those of the use cases it calls. */
#ifndef CCHC_APP_OVERVIEW_H
#define CCHC_APP_OVERVIEW_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>

int app_overview(app_t *a, const user_t *actor, int year, const char *kind, const char *parent,
                 date_t today, json_t **out, err_t *e);

#endif
