/* app_par_results.h - results of a PAR campaign: totals, indices,
 * component indices, ranks, grades, lost points, survey import
 * (docs/internals/par_campaign.md; formulas: docs/internals/par.md).
 *
 * A leaf counts its final value, else round 2, else round 1 (the latest
 * appraisal), else the self score, else (computed bands leaves) the band of
 * the pre-filled figure; survey leaves their survey points or ratio.
 * total = leaves + survey + bonus − penalty (each capped), max = maxima of
 * the leaves that apply to the unit (survey leaves only when a survey is
 * held), index = total / max × 100 rounded half up to 2 decimals; rank by
 * the one ranking rule of cchc (domain/rank.h rank_assign: among the units
 * of the same kind in the same province, unit_set_rank_scope on the tree of
 * the campaign's opening day), equal indices sharing a rank (1, 1, 3), "of"
 * the number ranked there; grade from the campaign's (else the framework's)
 * list.
 *
 * Authorisation: before publication only the standing agency (and the
 * operator) sees results; after publication every session does. Survey
 * import: the standing agency, before publication. Errors: ERR_FORBIDDEN
 * auth.forbidden / par.not_published, ERR_NOTFOUND par.campaign_not_found,
 * ERR_INVALID par.survey (with the rows' problems), ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_PAR_RESULTS_H
#define CCHC_APP_PAR_RESULTS_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* {"campaign":{"id","name","year","unit_kind","published","published_at"},
 *  "survey_held",
 *  "units":[{"unit","name","kind","province","state","points","bonus","penalty","total",
 *   "max","index","rank","of","band","missing","prev_index","areas":[{"code","name",
 *   "points","max","index"}]}]}
 * in province (unit_set_province_of, "" when unknown), rank, unit order;
 * numbers in points (decimals as JSON reals), index in percent with 2
 * decimals (null without applicable maximum, rank and of 0);
 * prev_index: the unit's index in the previous year's published campaign of
 * the same kind and scope (null when none). */
int app_par_results_get(app_t *a, const user_t *actor, int64_t campaign, json_t **out, err_t *e);

/* Lost points. unit given: {"unit","previous_campaign","items":[{"code","name","area",
 * "points","max","lost","prev_lost"}]} largest loss first (prev_lost null when the
 * previous year's campaign had no such applicable leaf). unit NULL: province-wide
 * {"items":[{"code","name","units","units_lost","lost"}]}, where most is lost first.
 * A unit sees its own lost points at any time. */
int app_par_results_losses(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                           json_t **out, err_t *e);

/* One row of a survey file (CSV MaDonVi,TieuChi,Diem): value "7,5" / "7.5"
 * points, "85%" / "85,5 %" a ratio of the leaf's maximum. */
typedef struct app_par_survey_row {
    const char *unit, *criterion, *value;
    long line; /* for messages */
} app_par_survey_row_t;

/* Parses a number with at most 3 decimals ('.' or ',' as the decimal
 * mark), optionally followed by '%': *milli in thousandths, *percent set.
 * 0 or ERR_INVALID. */
int app_par_results_number(const char *s, int64_t *milli, bool *percent);

/* Imports survey values into the survey-sourced leaves, all or nothing:
 * every row is checked (unit of the campaign, survey leaf applying to it,
 * points within [0, max], ratio within [0, 100 %]); on any problem nothing
 * is written, ERR_INVALID par.survey is returned and *report (may be NULL)
 * gets {"errors":[{"line","field","code","message","message_en"}]}; on
 * success {"rows":N,"units":N}. source names the file in the history. */
int app_par_results_survey(app_t *a, const user_t *actor, int64_t campaign,
                           const app_par_survey_row_t *rows, size_t n, const char *source,
                           json_t **report, err_t *e);

#endif
