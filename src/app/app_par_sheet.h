/* app_par_sheet.h - a unit's PAR score sheet in a campaign: the unit's own
 * work (self scores with notes and evidence, accepting the figures cchc
 * pre-filled, bonus proposals, difficulties, submission, answers to
 * explanation requests) and the sheet as JSON (docs/internals/
 * par_campaign.md).
 *
 * Rules. A unit edits only its own sheet (officer, standing or admin with
 * write access to the unit; the local operator), only while the sheet is a
 * draft, the campaign is neither finalised nor published and the
 * self-assessment step is open for it (its deadline, or its extension); it
 * answers an explanation request while the explanation step is open. A
 * score must lie in [0, max] and be one of the leaf's allowed values
 * (levels, bands, yes/no: par_score_check names the criterion and lists
 * them). Survey-sourced leaves take no self score. The standing agency
 * marks leaves not applicable (with a reason), sets penalties and reopens a
 * submitted sheet (with a reason). Every change is kept (store_par_sheet:
 * who, when, old -> new, why) and audited.
 *
 * Errors: ERR_FORBIDDEN auth.forbidden, ERR_CONFLICT par.locked /
 * par.submitted / par.published / par.finalised, ERR_INVALID
 * par.score_range / par.score_level / par.criterion_* / par.survey_leaf /
 * par.no_figure / par.note_required / par.reason_required /
 * par.bonus_cap / par.unit_not_in_campaign / par.text / par.explain_none /
 * par.evidence_unit, ERR_NOTFOUND par.campaign_not_found / unit.not_found /
 * evidence.not_found, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_PAR_SHEET_H
#define CCHC_APP_PAR_SHEET_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct app_par_score_in {
    const char *code; /* the leaf */
    int64_t points;   /* millipoints; PAR_NONE clears the self score */
    const char *note; /* optional; required when overriding a pre-filled figure */
    bool accept;      /* take the pre-filled figure's band points (points ignored) */
} app_par_score_in_t;

/* Sets the unit's self score of a leaf. */
int app_par_sheet_score(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                        const app_par_score_in_t *in, err_t *e);

/* Marks a leaf (not) applicable to the unit, with a reason: standing agency. */
int app_par_sheet_applicable(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                             const char *code, bool applicable, const char *reason, err_t *e);

/* Sheet-level bonus (the unit while it self-assesses, or the standing
 * agency) or penalty (the standing agency) in millipoints >= 0, at most
 * the campaign's cap, with a reason. */
int app_par_sheet_adjust(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         bool penalty, int64_t points, const char *reason, err_t *e);

/* Submits the sheet (the unit; locks it) or reopens it (submit false: the
 * standing agency, reason required). */
int app_par_sheet_submit(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         bool submit, const char *reason, err_t *e);

/* The unit's answer to the explanation requested on a leaf. */
int app_par_sheet_answer(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         const char *code, const char *text, err_t *e);

/* Difficulties and recommendations (part III of the self-assessment
 * report): the unit while it self-assesses. */
int app_par_sheet_text(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       const char *difficulties, err_t *e);

/* Links evidence already stored (an upload, or the evidence of a task or a
 * target of the same unit) to a leaf (code) or to the sheet's bonus /
 * penalty / report (code NULL, purpose "bonus", "penalty", "report"). The
 * evidence must belong to the unit or a unit below it. Same rules as the
 * value it supports (self: the unit; penalty: the standing agency). */
int app_par_sheet_link(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       const char *code, const char *purpose, int64_t evidence_id, err_t *e);

/* The sheet as the actor may see it:
 * {"campaign":{"id","name","year","phase"...},"unit":{"code","name","kind"},
 *  "state","submitted_at","submitted_by","deadlines":{"self","explain","round1","round2"}
 *  (with the unit's extensions),"appraisal_round":1|2|null (app_par_round_open),
 *  "can":{"self","submit","reopen","answer","appraise" (for an appraiser only in an
 *  open round),"bonus","penalty","final"},"bonus":{"points","reason","evidence"},"penalty":{…},
 *  "difficulties","progress":{"leaves","scored","appraised","evidence"},
 *  "result":{"points","max","bonus","penalty","total","index","grade","missing"},
 *  "areas":[{"code","points","max","index"}],
 *  "nodes":[{"code","name","depth","leaf","kind","max","method","levels","bands",
 *   "source","indicator","evidence_required","applies","appraiser":{"role","unit"},
 *   "may_appraise","self","self_note","self_origin","measured":{"value","period",
 *   "link"}|null,"suggested","round1","round1_reason","round2","round2_reason","final",
 *   "final_reason","survey","survey_ratio","not_applicable","na_reason","points",
 *   "from","explain":{"state","round","request","answer"},"evidence":[…]}]}
 * An appraiser that is not in the unit's scope sees only the nodes it
 * appraises (ERR_FORBIDDEN when none). */
int app_par_sheet_get(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                      json_t **out, err_t *e);

/* The change history of the sheet (of one leaf when code is not NULL),
 * newest first: {"items":[{"code","field","old","new","reason","author","at"}]}
 * (values as points; ratios as percent). Same visibility as the sheet. */
int app_par_sheet_history(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                          const char *code, json_t **out, err_t *e);

#endif
