/* app_targets.h - plan targets measured per unit and period
 * (docs/internals/targets.md).
 *
 * A target whose indicator the KPI engine knows (tthc.*, catalog.*,
 * feedback.*) is computed live from the dossier ledger for the unit with
 * its subtree, from 1 January of the plan year to the as-of day (with the
 * monthly series of the year and the year-end projection); any other
 * target is measured by hand (app_targets_measure, with evidence), the
 * newest measurement of the year counting. Status: domain/target_status.h.
 *
 * Which targets apply to a unit: all targets of the plans owned by the unit,
 * and the computed targets of the plans of its ancestors (a province plan's
 * "≥95% on time" applies to every unit beneath it, measured on that unit's
 * subtree).
 *
 * Authorisation (actor NULL = local operator): reading needs ACCESS_READ on
 * the unit; a hand measurement needs ACCESS_WRITE (officer, standing, admin
 * in scope). Errors: ERR_NOTFOUND target.not_found / plan.not_found /
 * unit.not_found, ERR_FORBIDDEN auth.forbidden, ERR_CONFLICT target.computed
 * (hand value for a computed indicator), ERR_INVALID target.value /
 * target.period / target.evidence_invalid / target.unit_required, ERR_DB,
 * ERR_NOMEM. JSON results belong to the caller. */
#ifndef CCHC_APP_TARGETS_H
#define CCHC_APP_TARGETS_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct app_target_query {
    int64_t plan_id;  /* app_targets_list: the plan */
    const char *unit; /* NULL = the plan's unit */
    int year;         /* 0 = the plan's year */
    date_t today;     /* measurement day; DATE_NONE = today (clamped into the year) */
    bool trend;       /* with the monthly series and projection of computed targets */
} app_target_query_t;

/* {"plan_id","unit":{code,name}|null,"year","from","to","items":[{"id","seq","area",
 *  "indicator","indicator_label","computed","op","value","value_max","unit","text",
 *  "measurement":{"value","num","den","source":"kpi"|"manual","period","at","author","note",
 *  "evidence":[…],"explain"}|null,"projection","status","status_label","status_label_en",
 *  "trend":[{"month","value","num","den"}]}],"summary":{…}} */
int app_targets_list(app_t *a, const user_t *actor, const app_target_query_t *q, json_t **out,
                     err_t *e);

/* The targets that apply to q->unit in q->year (see above), as
 * {"unit","year","from","to","items":[… as above, plus "plan_id","plan_title"],
 *  "summary":{"total","dat","co_nguy_co","chua_dat","chua_co_so_lieu","rate"}}. */
int app_targets_for_unit(app_t *a, const user_t *actor, const app_target_query_t *q, json_t **out,
                         err_t *e);

typedef struct app_measure_in {
    const char *unit;   /* the unit measured */
    const char *period; /* period code (kpi_period_parse: "2024", "2024Q2", "2024-06"...) */
    double value;
    const char *note;
    const int64_t *evidence; /* uploaded with attached_type "target", attached_id = target */
    size_t nevidence;
} app_measure_in_t;

/* Records a hand measurement; *out (may be NULL) gets {"id","target_id","unit","period",
 * "value"}. */
int app_targets_measure(app_t *a, const user_t *actor, int64_t target_id,
                        const app_measure_in_t *in, json_t **out, err_t *e);

/* The same on s inside the caller's write transaction (begun by the
 * caller, who commits or rolls back): the same checks, the measurement and
 * its audit entry; *id (may be NULL) gets the new row's id. Lets a caller
 * record several measurements all or nothing. */
MUST_CHECK int app_targets_measure_in(store_t *s, const user_t *actor, int64_t target_id,
                                      const app_measure_in_t *in, int64_t *id, err_t *e);

/* Monthly values of every KPI indicator for unit (with its subtree) in year,
 * up to today: {"unit","year","months":["2024-01",…],"indicators":
 * {"tthc.on_time":[97.1,null,…],…}} (null for a month without data). */
int app_targets_trend(app_t *a, const user_t *actor, const char *unit, int year, date_t today,
                      json_t **out, err_t *e);

#endif
