/* app_survey.h - satisfaction surveys (issue 18 item 3;
 * docs/internals/citizens.md): questionnaire versions, survey runs per unit
 * and period with a public link, one response per device or dossier, paper
 * forms imported from CSV, results under the run's rule, and the results
 * fed to the plan's satisfaction targets and to the PAR campaign's
 * survey-sourced criteria.
 *
 * Rights (actor NULL = the local operator): importing a form needs the
 * admin or standing role; creating, changing or importing into a run needs
 * ACCESS_WRITE on its unit; reading a run and its results ACCESS_READ;
 * feeding targets needs ACCESS_WRITE (app_targets_measure's rule) and
 * feeding a PAR campaign the standing agency (app_par_results_survey's).
 * Responding is public: the run's token is the link.
 *
 * Errors: ERR_INVALID "survey.form" (survey.h), "survey.answer",
 * "survey.rule", "survey.state", "survey.device" (token missing or
 * malformed), "survey.period" (a bad period code), "survey.csv" (with the
 * rows' problems), "survey.dossier_unit", "survey.feed" (nothing to feed);
 * ERR_CONFLICT "survey.duplicate", "survey.device", "survey.dossier",
 * "survey.closed", "survey.form_version", "survey.par_off" (the campaign
 * holds no survey), "survey.par_year" (the run's period is not of the
 * campaign's year), "survey.no_data", "survey.open" (feeding a run that
 * is not closed);
 * ERR_NOTFOUND "survey.not_found", "survey.form_not_found",
 * "unit.not_found", "dossier.not_found"; ERR_FORBIDDEN "auth.forbidden". */
#ifndef CCHC_APP_SURVEY_H
#define CCHC_APP_SURVEY_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/survey.h"
#include "store/store_survey.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define APP_SURVEY_FORM_MAX (256u << 10) /* bytes of a form file */
#define APP_SURVEY_ROWS_MAX 100000       /* paper forms in one CSV */

/* Imports a form (the JSON bytes): validated, stored once per content. */
int app_survey_form_import(app_t *a, const user_t *actor, const char *text, size_t n, int64_t *id,
                           bool *created, err_t *e);
/* {"items":[{"id","code","version","title","sha256","imported_at","imported_by"}]} */
int app_survey_forms(app_t *a, json_t **out, err_t *e);

typedef struct app_survey_in {
    int64_t form;
    const char *unit;
    const char *period; /* "2025", "2025Q2", "2025S1", "2025-06"… */
    const char *rule;   /* NULL = the form's */
} app_survey_in_t;
int app_survey_create(app_t *a, const user_t *actor, const app_survey_in_t *in, int64_t *id,
                      err_t *e);
/* The runs the actor may read, of unit when not NULL:
 * {"items":[{"id","form":{"id","code","version","title"},"unit","unit_name","period","from",
 * "to","token","rule","state","responses","created_at","created_by"}]} */
int app_survey_list(app_t *a, const user_t *actor, const char *unit, json_t **out, err_t *e);
/* Opens or closes a run ("open" | "closed") and/or changes its rule (NULL keeps). */
int app_survey_set(app_t *a, const user_t *actor, int64_t id, const char *state, const char *rule,
                   err_t *e);

/* A run with its form, loaded. */
typedef struct app_survey {
    store_survey_row_t run;
    store_survey_form_row_t form_row; /* body: the form's JSON */
    survey_form_t *form;              /* parsed */
    char unit_name[256];
} app_survey_t;
/* By id (token NULL; needs `act` on the unit unless actor is NULL) or by
 * public token (id 0, no rights). Release with app_survey_release. */
int app_survey_load(app_t *a, const user_t *actor, access_action_t act, int64_t id,
                    const char *token, app_survey_t *out, err_t *e);
void app_survey_release(app_survey_t *s);

typedef struct app_survey_answer {
    const char *code, *value; /* an item and "1".."points", or a question and an option code */
} app_survey_answer_t;

typedef struct app_survey_response_in {
    const app_survey_answer_t *v;
    size_t n;
    const char *device;  /* the browser's random token, 16..128 of [A-Za-z0-9_-] */
    const char *dossier; /* optional: the dossier code the response is about */
} app_survey_response_in_t;
/* A citizen's response through the public link (open runs only). */
int app_survey_respond(app_t *a, const char *token, const app_survey_response_in_t *in, err_t *e);

/* Paper forms: a CSV's header cells and rows (cells[i] under cols[i]):
 * columns named by item codes (scores), demographic codes (options),
 * MaHoSo (dossier, optional); other columns ignored. All or nothing: on a
 * problem nothing is stored, ERR_INVALID "survey.csv" and *report gets
 * {"errors":[{"line","field","code","message","message_en"}]}; on success
 * {"rows":N}. */
typedef struct app_survey_row {
    long line;
    const char *const *cells;
} app_survey_row_t;
int app_survey_import(app_t *a, const user_t *actor, int64_t id, const char *const *cols,
                      size_t ncols, const app_survey_row_t *rows, size_t nrows, const char *batch,
                      json_t **report, err_t *e);

/* Tally and indices of a run under `rule` (NULL = the run's). s is loaded
 * (release it in every case); t and r are large: allocate them. */
int app_survey_results(app_t *a, const user_t *actor, int64_t id, const char *rule, app_survey_t *s,
                       survey_tally_t *t, survey_result_t *r, err_t *e);

/* Feeds the results: with targets, a hand measurement (value = the overall
 * index) of every target of the unit's own plans of the period's year that
 * is measured by hand, in percent, and about satisfaction ("hài lòng", not
 * "không/chưa hài lòng": the share of dissatisfied is another figure);
 * with campaign > 0, the form's "par" mappings as survey ratios of that
 * PAR campaign for the unit (refused when the campaign holds no survey or
 * evaluates another year than the run's period). ERR_INVALID survey.feed
 * when neither is asked.
 * Only a closed run is fed (ERR_CONFLICT survey.open otherwise: an open
 * run's figures still change).
 * All or nothing: the targets' write right and the campaign (standing
 * agency, every mapped criterion a survey-sourced leaf of the unit) are
 * checked before anything is written; the campaign is fed first, then the
 * targets, all of them in one transaction (app_targets_measure_in). The
 * note of a target's measurement names the survey, its period, the number
 * of responses and the rule. A target fed again for the same period gets a
 * newer measurement, which counts (history kept).
 * *report: {"targets":[{"id","text","value"}],"par":{"rows","units"}|null};
 * on ERR_INVALID par.survey (a mapping the campaign refuses) *report gets
 * {"errors":[{"line","field","code","message","message_en"}]} (line = the
 * mapping's position in the form), else NULL on error. Caller decrefs. */
int app_survey_feed(app_t *a, const user_t *actor, int64_t id, bool targets, int64_t campaign,
                    json_t **report, err_t *e);

#endif
