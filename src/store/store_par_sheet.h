/* store_par_sheet.h - PAR score sheets, leaf scores, their evidence links
 * and the change history (migration 0016_par_score;
 * docs/internals/par_campaign.md).
 *
 * One sheet per (campaign, unit); one score row per (sheet, leaf code),
 * created on the first value written. Every function that changes a value
 * appends a par_change row (who, when, field, old -> new, why) in the same
 * statement sequence, so the history is complete by construction; callers
 * hold the write transaction. Values are millipoints (survey_ratio and
 * measured: millipercent); PAR_NONE is SQL NULL (not entered). Moments are
 * "YYYY-MM-DDTHH:MM:SS" given by the caller. Row strings handed to
 * callbacks are borrowed for the callback (never NULL); scans follow
 * store.h. No authorisation or range checks here: that is the app's. */
#ifndef CCHC_STORE_PAR_SHEET_H
#define CCHC_STORE_PAR_SHEET_H

#include "store/store_par.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- sheets -------------------------------------------------------------- */

typedef enum store_par_state {
    STORE_PAR_DRAFT = 0, /* the unit may edit (before its deadline) */
    STORE_PAR_SUBMITTED  /* locked for the unit */
} store_par_state_t;

typedef struct store_par_sheet {
    int64_t id, campaign_id;
    const char *unit_code;
    store_par_state_t state;
    const char *submitted_at, *submitted_by; /* "" when draft */
    int64_t bonus, penalty;                  /* millipoints, >= 0 */
    const char *bonus_reason, *penalty_reason, *difficulties, *updated_at;
} store_par_sheet_t;

typedef int (*store_par_sheet_fn)(void *ctx, const store_par_sheet_t *sh, err_t *e);

/* The sheet of (campaign, unit), created as a draft when absent: *id. */
MUST_CHECK int store_par_sheet_ensure(store_t *s, int64_t campaign, const char *unit,
                                      const char *at, int64_t *id, err_t *e);
/* Sheets of a campaign (only unit's when unit is not NULL) in unit code
 * order. */
MUST_CHECK int store_par_sheet_rows(store_t *s, int64_t campaign, const char *unit,
                                    store_par_sheet_fn fn, void *ctx, err_t *e);
/* Sheet id's state: STORE_FOUND, or 0 when there is no such sheet. */
MUST_CHECK int store_par_sheet_state(store_t *s, int64_t id, store_par_state_t *state, err_t *e);

/* Moves the sheet to state (submitted: at/by recorded; draft: cleared) and
 * logs field "state" 0/1 with reason. */
MUST_CHECK int store_par_sheet_set_state(store_t *s, int64_t sheet, store_par_state_t state,
                                         const char *reason, const char *author, const char *at,
                                         err_t *e);

typedef enum store_par_adjust { STORE_PAR_BONUS = 0, STORE_PAR_PENALTY } store_par_adjust_t;

/* Sets the sheet-level bonus or penalty (millipoints >= 0) with its reason
 * and logs it ("bonus" / "penalty"). */
MUST_CHECK int store_par_sheet_adjust(store_t *s, int64_t sheet, store_par_adjust_t which,
                                      int64_t points, const char *reason, const char *author,
                                      const char *at, err_t *e);
/* Difficulties and recommendations (the self-assessment report's part III);
 * not a score, so only updated_at moves. */
MUST_CHECK int store_par_sheet_set_text(store_t *s, int64_t sheet, const char *difficulties,
                                        const char *at, err_t *e);

/* ---- leaf scores --------------------------------------------------------- */

typedef enum store_par_field {
    STORE_PAR_SELF = 0,     /* self points; text = note; origin manual/accepted */
    STORE_PAR_ROUND1,       /* appraisal round 1; text = reason */
    STORE_PAR_ROUND2,       /* appraisal round 2; text = reason */
    STORE_PAR_FINAL,        /* the standing agency's final value; text = reason */
    STORE_PAR_SURVEY,       /* survey points; text = the source (file name) */
    STORE_PAR_SURVEY_RATIO, /* survey ratio (millipercent); text = the source */
    STORE_PAR_MEASURED,     /* pre-filled figure (millipercent); period + link */
    STORE_PAR_NA,           /* not applicable to the unit: 1 / 0; text = reason */
    STORE_PAR_FIELD_COUNT
} store_par_field_t;

/* "self", "round1", "round2", "final", "survey", "survey_ratio",
 * "measured", "not_applicable". */
const char *store_par_sheet_field_name(store_par_field_t f);

typedef struct store_par_set {
    int64_t sheet;
    const char *code; /* the leaf */
    store_par_field_t field;
    int64_t value;      /* PAR_NONE clears (NA: 0 or 1) */
    const char *text;   /* note / reason (NULL = "") */
    const char *origin; /* SELF: "manual" or "accepted"; else ignored */
    const char *period; /* MEASURED: the figure's period; else ignored */
    const char *link;   /* MEASURED: where it comes from; else ignored */
    const char *author, *at;
    int64_t *old; /* may be NULL: gets the value before the write (PAR_NONE: none) */
} store_par_set_t;

/* Writes one value of a leaf score (creating the row), and logs the change
 * (measured figures are logged only when they change). *score_id (may be
 * NULL) gets the row id. */
MUST_CHECK int store_par_sheet_score_set(store_t *s, const store_par_set_t *in, int64_t *score_id,
                                         err_t *e);

/* Explanation of a leaf: a request (by an appraiser, in round `round`) or
 * the unit's answer. Logged as "explain_request" / "explain_answer" with
 * the round as old/new value and the text as reason. */
MUST_CHECK int store_par_sheet_explain(store_t *s, int64_t sheet, const char *code, bool answer,
                                       int round, const char *text, const char *author,
                                       const char *at, err_t *e);

typedef struct store_par_score {
    int64_t id, sheet_id;
    const char *unit_code, *code;
    int64_t self, measured, round1, round2, final, survey, survey_ratio; /* PAR_NONE = none */
    const char *self_note, *self_origin, *measured_period, *measured_link;
    const char *na_reason, *survey_source;
    const char *round1_reason, *round2_reason, *final_reason;
    bool not_applicable;
    const char *explain_state; /* "", "requested", "answered" */
    int explain_round;
    const char *explain_request, *explain_answer, *updated_at;
} store_par_score_t;

typedef int (*store_par_score_fn)(void *ctx, const store_par_score_t *r, err_t *e);

/* Score rows of a campaign (of one unit when unit is not NULL), by unit
 * code then leaf code (text order). */
MUST_CHECK int store_par_sheet_scores(store_t *s, int64_t campaign, const char *unit,
                                      store_par_score_fn fn, void *ctx, err_t *e);
/* The id of the score row (sheet, code), created empty when absent. */
MUST_CHECK int store_par_sheet_score_id(store_t *s, int64_t sheet, const char *code, const char *at,
                                        int64_t *id, err_t *e);
/* Whether any score of the campaign holds survey points or a ratio. */
MUST_CHECK int store_par_sheet_survey_held(store_t *s, int64_t campaign, bool *held, err_t *e);

/* ---- evidence links ------------------------------------------------------ */

/* Links evidence to a score row / a sheet (purpose "bonus", "penalty",
 * "report"); linking twice is a no-op. ERR_CONFLICT when the evidence or
 * the row does not exist. */
MUST_CHECK int store_par_sheet_score_link(store_t *s, int64_t score_id, int64_t evidence_id,
                                          err_t *e);
MUST_CHECK int store_par_sheet_link(store_t *s, int64_t sheet, const char *purpose,
                                    int64_t evidence_id, err_t *e);
/* Removes a link (0 whether it was there or not). */
MUST_CHECK int store_par_sheet_score_unlink(store_t *s, int64_t score_id, int64_t evidence_id,
                                            err_t *e);

/* Evidence linked to the scores of (campaign, unit): fn gets the leaf code
 * and the evidence id, by code then evidence id. Sheet-level links come with
 * code "" and their purpose; leaf links with purpose "". */
typedef int (*store_par_link_fn)(void *ctx, const char *code, const char *purpose,
                                 int64_t evidence_id, err_t *e);
MUST_CHECK int store_par_sheet_links(store_t *s, int64_t campaign, const char *unit,
                                     store_par_link_fn fn, void *ctx, err_t *e);

/* ---- history ------------------------------------------------------------- */

typedef struct store_par_change {
    int64_t id;
    const char *unit_code, *code, *field; /* code "" = the sheet */
    int64_t old_value, new_value;         /* PAR_NONE = none */
    const char *reason, *author, *at;
} store_par_change_t;

typedef int (*store_par_change_fn)(void *ctx, const store_par_change_t *c, err_t *e);

/* Changes of (campaign, unit), of one leaf when code is not NULL, newest
 * first. */
MUST_CHECK int store_par_sheet_changes(store_t *s, int64_t campaign, const char *unit,
                                       const char *code, store_par_change_fn fn, void *ctx,
                                       err_t *e);

#endif
