/* app_plans.h - use cases on plans read from issued documents: preview
 * (parse with the unit registry for resolution, nothing written), import
 * (plan, tasks, assignments, targets in one transaction; a document already
 * imported — same SHA-256 of its bytes — is recognised, not duplicated),
 * list and show.
 *
 * Documents arrive already read into the document model (io/docread); the
 * bytes are passed too, for the content hash. Authorisation (actor NULL =
 * the trusted local operator): import needs role admin, or standing or
 * officer with the plan's unit (--unit, else the resolved issuer) in its
 * scope - checked before parsing when the unit is given; list and show
 * return what the actor may read (admin: everything; every other role,
 * the standing agency included, plans of units in its scope: its
 * province's tree for the standing agency). */
#ifndef CCHC_APP_PLANS_H
#define CCHC_APP_PLANS_H

#include "app/app.h"
#include "app/app_plan_life.h"
#include "domain/access.h"
#include "domain/planedit.h"
#include "domain/planparse.h"
#include "domain/report_clause.h"
#include "store/store_plan.h"

#include <jansson.h>
#include <stdbool.h>

typedef struct app_plan_opts {
    int year;              /* > 0 overrides the plan year */
    const char *unit_code; /* owning unit (import) / default issuer unit; NULL = the issuer */
    const planparse_unit_fix_t *fixes; /* units chosen by hand for unresolved names (may be NULL):
                                   each code must be in the registry, else ERR_INVALID
                                   plan.unit_fix_invalid */
    size_t nfixes;
    /* Optional: polled while parsing (planparse_options_t.cancel); a non-zero
     * return stops with ERR_BUSY "plan.cancelled" (a server stopping, a
     * request over its time budget). */
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
    /* Corrections applied after parsing (and the fixes), app_plan_edit.h;
     * may be NULL. edits_json: the same list as JSON text, stored with the
     * plan on import. */
    const planedit_list_t *edits;
    const char *edits_json;
    /* Import only (may be NULL): replace a same-decision plan, add the
     * suggested units (app_plan_life.h). */
    const app_plan_life_opts_t *life;
} app_plan_opts_t;

typedef struct app_plan_source {
    const void *data; /* the document's bytes (hashed) */
    size_t len;
    const doc_t *doc; /* the same document read into the model */
    const char *name; /* file name for the record and for messages */
} app_plan_source_t;

typedef struct app_plan_import_result {
    int64_t id;
    bool duplicate; /* the document was imported before: id is that plan */
    size_t tasks, targets, warnings;
    report_clauses_t *reporting; /* the reporting clauses read (owned; NULL on a duplicate) */
    size_t report_rules;         /* calendar rows stored from them */
    app_plan_life_result_t life; /* duplicate replaced, units added (owned) */
} app_plan_import_result_t;

/* Frees what an import result owns (reporting, life). */
void app_plans_import_result_release(app_plan_import_result_t *res);

/* The reporting clauses of doc ("chế độ báo cáo", report_clause.h) read as
 * calendar rules for the plan's receiver: unit when given, else the
 * resolved issuer; without either they are read for "?" (shown, never
 * stored). Year: the plan's. *out: caller report_clause_free. */
int app_plans_reporting(const planparse_plan_t *p, const doc_t *doc, const char *unit,
                        report_clauses_t **out, err_t *e);

/* Parses doc, resolving units through the registry of the database. */
int app_plans_parse(app_t *a, const doc_t *doc, const app_plan_opts_t *o, planparse_plan_t **out,
                    err_t *e);

/* Loads the unit registry of the database at db_path without migrating or
 * creating anything: ERR_NOTFOUND when there is no such database or it has
 * no unit table. For `cchc plan parse`, which must not touch the database. */
int app_plans_units_readonly(const char *db_path, unit_set_t *out, err_t *e);

/* Parses and stores, in one transaction: the plan, its tasks and targets,
 * and the calendar rows of its reporting clauses (app_report_rules.h; only
 * when the plan has an owning unit). On a parse error nothing is stored.
 * *parsed (may be NULL) gets the parsed plan (caller planparse_plan_free) on
 * success; res owns the clauses read (app_plans_import_result_release).
 * A current plan of the same decision (number, issuer, year) refuses the
 * import with ERR_CONFLICT plan.duplicate_decision unless o->life->replace,
 * which supersedes it by the new plan in the same transaction. */
int app_plans_import(app_t *a, const user_t *actor, const app_plan_source_t *src,
                     const app_plan_opts_t *o, app_plan_import_result_t *res,
                     planparse_plan_t **parsed, err_t *e);

/* Summaries visible to the actor (see store_plan_list): the current plans,
 * or with_archived every plan, superseded and deleted ones too (status).
 * Caller json_decref. */
int app_plans_list(app_t *a, const user_t *actor, bool with_archived, json_t **out, err_t *e);

/* One plan (ERR_NOTFOUND; ERR_FORBIDDEN outside the actor's scope). */
int app_plans_get(app_t *a, const user_t *actor, int64_t id, planparse_plan_t **out,
                  store_plan_meta_t *meta, err_t *e);

/* SHA-256 of data as 64 lower-case hex digits (+ NUL). */
void app_plans_hash(const void *data, size_t len, char out[65]);

#endif
