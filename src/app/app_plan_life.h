/* app_plan_life.h - plans as living records (docs/internals/plan_lifecycle.md):
 * the duplicate check of a new document, superseding a plan by an amended
 * one (tasks matched by text, tracking history carried over), deleting
 * (archiving) and restoring a plan, and the units a district's or commune's
 * plan names that the registry lacks.
 *
 * Status: a plan is "current", "superseded" (by another plan) or "deleted".
 * Every list and roll-up reads current plans only; nothing of a superseded
 * or deleted plan is removed (store_plan_life.h).
 *
 * Authorisation (actor NULL = the trusted local operator):
 *  - delete and restore: admin, or the standing agency with ACCESS_WRITE
 *    on the plan's unit (its province's tree); every other role gets
 *    ERR_FORBIDDEN auth.forbidden;
 *  - supersede: admin, or a standing agency or officer with ACCESS_WRITE on
 *    the old plan's unit and on the new plan's unit (as for an import).
 * Status changes are recorded in the audit trail with the state before and
 * after (store_audit_change): plan.supersede, plan.delete, plan.restore.
 *
 * Errors: ERR_NOTFOUND plan.not_found, ERR_FORBIDDEN auth.forbidden,
 * ERR_CONFLICT plan.not_current (the plan is not in a status that allows
 * the change) / plan.duplicate_decision (an import of a decision a current
 * plan holds, without replace; a restore while another current plan holds
 * the same decision), ERR_INVALID plan.supersede_self /
 * plan.reason_too_long / plan.add_unit_invalid, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_PLAN_LIFE_H
#define CCHC_APP_PLAN_LIFE_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/planparse.h"
#include "domain/unit.h"
#include "store/store_plan_life.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define APP_PLAN_REASON_MAX 500 /* bytes of a deletion reason */

/* A current plan a new document duplicates. */
typedef struct app_plan_dup {
    int64_t plan_id;    /* 0 = no duplicate */
    const char *reason; /* "hash" (the same file) or "decision" (number + issuer + year) */
    store_plan_life_info_t info;
} app_plan_dup_t;

/* The current plan that p (read from a document with SHA-256 hash; may be
 * NULL) duplicates: the same file first, else the same decision (number,
 * issuer and year equal after text_key; the issuer compared by its resolved
 * code when both have one). out->plan_id = 0 when none. On s (no
 * transaction needed). */
MUST_CHECK int app_plan_life_find_dup(store_t *s, const planparse_plan_t *p, const char *hash,
                                      app_plan_dup_t *out, err_t *e);

/* {"plan_id","reason","number","issuer","year","title","status"}; NULL
 * when out of memory. Caller json_decref. */
json_t *app_plan_life_dup_json(const app_plan_dup_t *d);

/* The preview's additions for p (read from the bytes with that hash; unit:
 * the owning unit asked for, NULL = the issuer): {"duplicate": {...} |
 * null, "suggested_units": [...]} (see app_plan_life_suggest_units). *out
 * caller json_decref. */
MUST_CHECK int app_plan_life_preview(app_t *a, const planparse_plan_t *p, const char *unit,
                                     const char *hash, json_t **out, err_t *e);

/* The same on the database at db_path opened as it is, for `cchc plan
 * parse`, which must not create or migrate anything: ERR_NOTFOUND when
 * there is no such database; a database without the plan tables (or older
 * than migration 0033) gives ERR_DB, which the caller ignores. */
MUST_CHECK int app_plan_life_preview_db(const char *db_path, const planparse_plan_t *p,
                                        const char *unit, const char *hash, json_t **out, err_t *e);

/* A unit the plan names that the registry lacks, proposed as a child of
 * the plan's issuer. */
typedef struct app_plan_unit_sugg {
    char name[256];   /* as written in the plan (NFC, trimmed) */
    char code[65];    /* proposed: issuer code + "." + ASCII slug, unit_code_check-valid */
    char parent[65];  /* the issuer's code */
    unit_kind_t kind; /* UNIT_PHONG */
} app_plan_unit_sugg_t;

/* The unresolved lead/support names of p that read as divisions of the
 * issuer ("Phòng …", "Văn phòng …", "Ban …", "công chức …", "Đội …",
 * "Trung tâm …", "Bộ phận …") when p's issuer (or unit, when given) is a
 * district or commune of units (kinds huyện / xã): at most 64, in order of
 * first appearance, distinct codes (a clash gets "-2", "-3"…, and a code
 * already in the registry is skipped). *out caller mem_free. */
MUST_CHECK int app_plan_life_suggest_units(const planparse_plan_t *p, const char *unit,
                                           const unit_set_t *units, app_plan_unit_sugg_t **out,
                                           size_t *n, err_t *e);

/* JSON array of suggestions [{"name","code","parent","kind"}]; NULL when out
 * of memory. */
json_t *app_plan_life_sugg_json(const app_plan_unit_sugg_t *v, size_t n);

/* What the import asks of the plan's life (app_plan_opts_t.life). */
typedef struct app_plan_life_opts {
    bool replace;                 /* a same-decision current plan is superseded by the new one */
    bool add_all_units;           /* create every suggested unit */
    const char *const *add_units; /* or these (names as written or proposed codes) */
    size_t nadd_units;
} app_plan_life_opts_t;

/* What the import did about it (app_plan_import_result_t.life). */
typedef struct app_plan_life_result {
    app_plan_dup_t dup;  /* the duplicate found (plan_id 0 = none) */
    int64_t superseded;  /* the plan the import superseded (0 = none) */
    json_t *supersede;   /* the supersede answer (owned; NULL when none) */
    json_t *units_added; /* [{"code","name","parent"}] (owned; NULL when none) */
} app_plan_life_result_t;

void app_plan_life_result_release(app_plan_life_result_t *r);

/* Inside the import's transaction, before the plan is stored: refuses a
 * same-decision duplicate (ERR_CONFLICT plan.duplicate_decision, naming the
 * plan) unless o->replace (then the actor needs the right to supersede it,
 * ERR_FORBIDDEN otherwise); creates the units asked for as children of the
 * issuer (recorded in the audit trail as unit.import) and adds them to
 * units and to p's unresolved parties of that name. */
MUST_CHECK int app_plan_life_before_insert(store_t *s, const user_t *actor, planparse_plan_t *p,
                                           const char *hash, const char *unit, unit_set_t *units,
                                           const app_plan_life_opts_t *o, app_plan_life_result_t *r,
                                           err_t *e);

/* Inside the import's transaction, after the plan new_id is stored: when
 * before_insert found a duplicate to replace, supersedes it by new_id. */
MUST_CHECK int app_plan_life_after_insert(store_t *s, const user_t *actor, int64_t new_id,
                                          app_plan_life_result_t *r, err_t *e);

/* May actor change plan i (the rules above: officer_too for supersede)?
 * 0 or ERR_FORBIDDEN auth.forbidden. */
MUST_CHECK int app_plan_life_check(store_t *s, const user_t *actor, const store_plan_life_info_t *i,
                                   bool officer_too, err_t *e);

/* Supersedes plan old_id by new_id in one transaction. *out (caller
 * json_decref): {"plan_id","superseded_by","matched":[{"old_task",
 * "new_task","old_title","new_title","score","assignments","updates"}],
 * "unmatched_old":[{"task_id","title"}],"unmatched_new":[…],"targets":{…}}
 * ("targets": app_plan_life_targets_carry's answer). */
MUST_CHECK int app_plan_life_supersede(app_t *a, const user_t *actor, int64_t old_id,
                                       int64_t new_id, json_t **out, err_t *e);

/* The targets part of a supersede, on s inside the caller's transaction:
 * the targets of plan old_id matched one to one with those of new_id
 * (first the same specific indicator — not "other" — and the same area,
 * the closest text among several; then the rest by text with plan_match),
 * and each pair's measurements copied with their evidence links
 * (store_plan_life_carry_target; the old rows stay). *out (caller
 * json_decref): {"matched":[{"old_target","new_target","indicator",
 * "old_text","new_text","by":"indicator"|"text","score","measurements"}],
 * "unmatched_old":[{"target_id","indicator","text"}],"unmatched_new":[…]}. */
MUST_CHECK int app_plan_life_targets_carry(store_t *s, int64_t old_id, int64_t new_id, json_t **out,
                                           err_t *e);

/* The same on s inside the caller's transaction (no authorisation). */
MUST_CHECK int app_plan_life_supersede_in(store_t *s, const char *actor, int64_t old_id,
                                          int64_t new_id, json_t **out, err_t *e);

/* Deletes (archives) plan id with an optional reason: {"id","status",
 * "reason","kept":{"tasks","assignments","updates","evidence_links",
 * "occurrences","decisions"}}. A deleted plan: ERR_CONFLICT plan.not_current. */
MUST_CHECK int app_plan_life_delete(app_t *a, const user_t *actor, int64_t id, const char *reason,
                                    json_t **out, err_t *e);

/* Plan id's status fields: {"status","superseded_by"?,"status_at"?,
 * "status_by"?,"status_reason"?} (no authorisation: for a plan the caller
 * has already shown). *out caller json_decref. */
MUST_CHECK int app_plan_life_status(app_t *a, int64_t id, json_t **out, err_t *e);

/* Makes a deleted plan current again: {"id","status"}. Refused with
 * ERR_CONFLICT plan.duplicate_decision (naming it) while another current
 * plan has the same decision (number, issuer and year): that one must be
 * deleted or superseded first. */
MUST_CHECK int app_plan_life_restore(app_t *a, const user_t *actor, int64_t id, json_t **out,
                                     err_t *e);

#endif
