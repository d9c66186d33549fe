/* app_par_campaign.h - PAR scoring campaigns: one per evaluation year and
 * framework (hence per unit kind) over a province (docs/internals/
 * par_campaign.md).
 *
 * A campaign has an opening day and the last days of self-assessment, of
 * appraisal round 1, of the units' explanations, of appraisal round 2 and of
 * publication (in that order); each step accepts input up to the end of its
 * last day, moved to the next working day when it is not one (agency
 * calendar). The standing agency can move one unit's deadline with a
 * reason. Caps for bonus and penalty points, the survey rule ("auto": held
 * once survey points are imported, "held", "none") and the grades are
 * campaign settings; appraiser roles of the framework (so_tu_phap...) are
 * mapped to units of the registry, found by name at creation and changeable.
 *
 * Authorisation (actor NULL = the trusted local operator): creating and
 * changing campaigns, extensions, appraiser units, finalising and
 * publishing need the admin role or the standing role (scope covering the
 * campaign's province); reading needs a session. After publication only
 * unpublishing (with a reason) changes anything. Errors: ERR_FORBIDDEN
 * auth.forbidden, ERR_NOTFOUND par.campaign_not_found /
 * par.framework_not_found / unit.not_found, ERR_INVALID par.campaign_dates /
 * par.framework_year / par.step / par.cap / par.survey_mode / par.grades /
 * par.role / par.reason_required, ERR_CONFLICT par.published, ERR_DB,
 * ERR_NOMEM. */
#ifndef CCHC_APP_PAR_CAMPAIGN_H
#define CCHC_APP_PAR_CAMPAIGN_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/par_framework.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct app_par_campaign_in {
    const char *name; /* NULL = "Chấm điểm Chỉ số CCHC năm <year> (<kind>)" */
    int year;         /* evaluation year; 0 = keep (update) */
    int64_t framework_id;
    const char *scope; /* province code; NULL = the registry's only province, else all */
    /* DATE_NONE = default (create) or keep (update). Defaults: opening on
     * 1 December of the year (today when later), then 15, 10, 5, 5 and 10
     * working days for self, round 1, explanation, round 2, publication. */
    date_t opens_on, self_due, round1_due, explain_due, round2_due, publish_due;
    int64_t bonus_max, penalty_max; /* millipoints; PAR_NONE = default/keep; -1 = no cap */
    const char *survey_mode;        /* "auto", "held", "none"; NULL = default/keep */
    const par_grade_t *grades;      /* NULL = keep (update) / the framework's (create) */
    size_t ngrades;
} app_par_campaign_in_t;

/* Sets every field to "default / keep". */
void app_par_campaign_in_init(app_par_campaign_in_t *in);

/* Creates a campaign; *id gets its id. The framework must serve the year
 * (par.framework_year). Default caps: the maxima of the framework's bonus
 * and penalty areas (none when it has none). */
int app_par_campaign_create(app_t *a, const user_t *actor, const app_par_campaign_in_t *in,
                            int64_t *id, err_t *e);
/* Changes the given settings of campaign id (not its framework or year). */
int app_par_campaign_update(app_t *a, const user_t *actor, int64_t id,
                            const app_par_campaign_in_t *in, err_t *e);

/* {"id","name","year","unit_kind","scope":{"code","name"},"framework":{"id","name",
 *  "reference","sample"},"opens_on","deadlines":{"self","round1","explain","round2",
 *  "publish"},"bonus_max","penalty_max","survey_mode","survey_held","grades":[{"label",
 *  "min"}],"appraisers":[{"role","label","unit","unit_name"}],"phase","phase_label",
 *  "finalised_at","published_at","units","submitted","extensions":[{"unit","step",
 *  "due","reason","author","at"}]} — phase: chua_mo, tu_cham, tham_dinh_1, giai_trinh,
 * tham_dinh_2, hoan_thien, da_chot, da_cong_bo (on today). */
int app_par_campaign_get(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e);
/* {"items":[… as above without extensions …]} of a year (0 = all). */
int app_par_campaign_list(app_t *a, const user_t *actor, int year, json_t **out, err_t *e);

/* Moves unit's deadline of a step ("self", "explain", "round1", "round2")
 * to due, with a reason (required). */
int app_par_campaign_extend(app_t *a, const user_t *actor, int64_t id, const char *unit,
                            const char *step, date_t due, const char *reason, err_t *e);
/* Maps an appraiser role to a unit of the registry (NULL/"" removes it). */
int app_par_campaign_appraiser(app_t *a, const user_t *actor, int64_t id, const char *role,
                               const char *unit, err_t *e);
/* Marks the appraisal final (the council's decision); no more appraisal
 * rounds, the standing agency may still set final values. */
int app_par_campaign_finalise(app_t *a, const user_t *actor, int64_t id, err_t *e);
/* Publishes (publish true) or withdraws the publication (false: reason
 * required). */
int app_par_campaign_publish(app_t *a, const user_t *actor, int64_t id, bool publish,
                             const char *reason, err_t *e);

#endif
