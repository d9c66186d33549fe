/* app_overview.h - the standing agency's overview: units of a kind ranked by
 * task completion and by target attainment for a year, with their 766
 * service-quality score (docs/internals/dashboard.md).
 *
 * Units: those of `kind` (all kinds below the province when NULL) in the
 * registry, within `parent`'s subtree when given, that the actor may read.
 * Task completion: app_tasks_rollup_units over the plans of the year (each
 * unit with its subtree). Target attainment: app_targets_for_unit without
 * trends (rate = đạt / targets with data). 766: app_kpi_index766 over the
 * year. Ranks (domain/rank.h, the one rule: units of the same kind in the
 * same province, unit_set_rank_scope): 1 = best, ties share a rank; units
 * without assignments (or measured targets, or dossiers) are unranked
 * (null).
 *
 * Every unit is measured and ranked, then q filters, the sort orders and
 * offset/limit cut the page: rows always go by province (ranks live in a
 * province), then by the sort key — kind and the rank by tasks (default),
 * by targets or by 766 (unranked last whatever the direction), or the
 * unit's name —, then code. Result {"year","kind","parent","sort","desc",
 * "total","offset","limit","units":[{"unit":{code,name,kind},"province",
 * "province_name","tasks":{assigned,completed,overdue,late,rate},
 * "targets":{total,dat,co_nguy_co,chua_dat,chua_co_so_lieu,rate},
 * "rank_tasks","of_tasks","rank_targets","of_targets","index766",
 * "rank_766","of_766"}]}. Errors: ERR_INVALID overview.kind / overview.sort,
 * ERR_DB, ERR_NOMEM, and those of the use cases it calls. */
#ifndef CCHC_APP_OVERVIEW_H
#define CCHC_APP_OVERVIEW_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>

#include <stdbool.h>
#include <stddef.h>

typedef enum app_overview_sort {
    APP_OVERVIEW_SORT_TASKS = 0, /* rank by task completion */
    APP_OVERVIEW_SORT_TARGETS,   /* rank by target attainment */
    APP_OVERVIEW_SORT_766,       /* rank by the 766 score */
    APP_OVERVIEW_SORT_UNIT       /* unit name (accent-insensitive) */
} app_overview_sort_t;

#define APP_OVERVIEW_LIST_MAX 5000 /* units of one page at most (limit) */

typedef struct app_overview_query {
    int year;
    const char *kind;   /* unit kind code; NULL / "" = every kind below the province */
    const char *parent; /* only this unit's subtree; NULL / "" = all */
    date_t today;       /* DATE_NONE = today */
    const char *q;      /* text in the unit's name or code (text_key); NULL = any */
    app_overview_sort_t sort;
    bool desc;            /* reverse the sort key */
    size_t offset, limit; /* limit 0 = every unit from offset */
} app_overview_query_t;

/* year 0 (the caller sets it), everything else empty: every unit, by task rank. */
void app_overview_query_init(app_overview_query_t *q);
/* "tasks", "targets", "766", "unit" -> *out; ERR_INVALID "overview.sort". */
int app_overview_sort_parse(const char *s, app_overview_sort_t *out, err_t *e);

int app_overview(app_t *a, const user_t *actor, const app_overview_query_t *q, json_t **out,
                 err_t *e);

#endif
