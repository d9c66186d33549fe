/* app_units.h - use cases on the organisation-unit registry. */
#ifndef CCHC_APP_UNITS_H
#define CCHC_APP_UNITS_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/unit.h"
#include "domain/unit_resolve.h"

typedef struct app_unit_import_report {
    size_t units; /* unit versions written */
    size_t links; /* links written */
    size_t total; /* unit versions in the registry after the import */
} app_unit_import_report_t;

/* Imports units and links: merges them with the registry (same code and
 * valid_from = update), validates the merged tree (parents, cycles,
 * overlaps), and writes everything in one transaction — or nothing. The
 * ledger generation is bumped with it, so that cached KPI snapshots take the
 * new tree on their next computation.
 * actor NULL = local operator; otherwise needs ACCESS_ADMIN. */
int app_units_import(app_t *a, const user_t *actor, const unit_set_t *in, const char *source,
                     app_unit_import_report_t *rep, err_t *e);

/* Loads the registry into an initialised set (caller releases). */
int app_units_load(app_t *a, unit_set_t *out, err_t *e);

#endif
