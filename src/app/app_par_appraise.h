/* app_par_appraise.h - appraisal of PAR score sheets (docs/internals/
 * par_campaign.md).
 *
 * Each appraising unit sees and scores, per unit of the campaign, only the
 * leaves of the areas assigned to it (the framework's appraiser role mapped
 * to a unit of the registry, or a unit named on the node): an appraiser
 * user whose unit is that unit or lies above it. The standing agency
 * (standing or admin in scope) appraises everything and alone sets final
 * values.
 *
 * Rounds: round 1 is open from the opening day to its last day for a
 * submitted sheet (or once the unit's self-assessment deadline passed);
 * round 2 after round 1 until its last day; explanation requests may be
 * made while a round is open and are answered by the unit until the
 * explanation deadline. After round 2, after finalisation, and after
 * publication, only the standing agency changes values, as "final" values
 * (published results only with a reason, which every appraisal needs
 * anyway). A value must lie in [0, max] and be one of the leaf's allowed
 * values. Every change is kept with its author, time and reason.
 *
 * Errors: ERR_FORBIDDEN auth.forbidden, ERR_CONFLICT par.locked,
 * ERR_INVALID par.round / par.reason_required / par.score_range /
 * par.score_level / par.criterion_* / par.text, ERR_NOTFOUND
 * par.campaign_not_found / unit.not_found, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_PAR_APPRAISE_H
#define CCHC_APP_PAR_APPRAISE_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct app_par_appraise_in {
    const char *code;   /* the leaf */
    int64_t points;     /* millipoints; PAR_NONE clears the value of that round */
    const char *reason; /* required */
    const char *round;  /* "1", "2", "final"; NULL = by date (final for the standing
                           agency once the rounds are over) */
} app_par_appraise_in_t;

/* Records an appraised value; *round_out (may be NULL) gets the round
 * written ("1", "2", "final"). */
int app_par_appraise_score(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                           const app_par_appraise_in_t *in, const char **round_out, err_t *e);

/* Asks the unit to explain a leaf (text required) in the current round. */
int app_par_appraise_request(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                             const char *code, const char *text, err_t *e);

/* The appraiser's work list: per unit of the campaign, the leaves the
 * actor appraises with their states:
 * {"campaign","round":"1"|"2"|"final"|null,"units":[{"unit","name","state",
 *  "submitted_at","leaves","appraised","changed","explain_requested","explain_answered",
 *  "self_points","appraised_points"}]}
 * state filter (NULL = all): "submitted", "draft", "pending" (leaves not yet
 * appraised), "explain" (requests open or answered). */
int app_par_appraise_queue(app_t *a, const user_t *actor, int64_t campaign, const char *state,
                           json_t **out, err_t *e);

#endif
