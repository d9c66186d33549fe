/* app_par_int.h - what the PAR use-case modules (app_par_*.c) share: a
 * campaign loaded with its framework, registry, grades and appraiser units;
 * deadlines and locks; who may appraise a leaf; a unit's score sheet read
 * into per-leaf inputs; the scoring of one unit. Private to src/app
 * (docs/internals/par_campaign.md). */
#ifndef CCHC_APP_PAR_INT_H
#define CCHC_APP_PAR_INT_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/agencycal.h"
#include "domain/par_score.h"
#include "domain/unit.h"
#include "store/store_par.h"
#include "store/store_par_sheet.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_PAR_TEXT_MAX 4000 /* bytes of a note, reason or explanation */

typedef enum app_par_step {
    APP_PAR_STEP_SELF = 0, /* self-assessment by the unit */
    APP_PAR_STEP_EXPLAIN,  /* the unit's answers to explanation requests */
    APP_PAR_STEP_ROUND1,   /* appraisal round 1 */
    APP_PAR_STEP_ROUND2,   /* appraisal round 2 */
    APP_PAR_STEP_COUNT
} app_par_step_t;

typedef struct app_par_role {
    char role[32];
    char unit[STORE_PAR_UNIT];
} app_par_role_t;

/* A campaign with everything its use cases need. */
typedef struct app_par_camp {
    store_par_campaign_t c;
    par_framework_t *fw;
    unit_set_t units;    /* the registry */
    date_t on;           /* the tree date: the opening day */
    par_grade_t *grades; /* the campaign's own grades (labels owned); none = the framework's */
    size_t ngrades, gradecap;
    app_par_role_t *roles; /* appraiser role -> unit */
    size_t nroles, rolecap;
    const agencycal_t *cal; /* borrowed from the app; NULL when it cannot be loaded */
    bool survey_held;       /* by the survey mode and the data */
    bool published, finalised;
} app_par_camp_t;

/* Loads campaign id (ERR_NOTFOUND par.campaign_not_found). Release with
 * app_par_camp_release (also after a failure). */
int app_par_camp_load(app_t *a, store_t *s, int64_t id, app_par_camp_t *c, err_t *e);
void app_par_camp_release(app_par_camp_t *c);

/* "self", "explain", "round1", "round2"; parse: 0 or ERR_INVALID. */
const char *app_par_step_name(app_par_step_t st);
int app_par_step_parse(const char *s, app_par_step_t *out);
/* The campaign's due date of a step. */
const char *app_par_step_due(const app_par_camp_t *c, app_par_step_t st);

/* The due date of a step for a unit (the newest extension, else the
 * campaign's) into *due; *extended tells which. */
int app_par_due(store_t *s, const app_par_camp_t *c, const char *unit, app_par_step_t st,
                date_t *due, bool *extended, err_t *e);
/* The last day a step accepts input: the due date, moved to the next
 * working day when it is not one (agency calendar). */
date_t app_par_last_day(const app_par_camp_t *c, date_t due);
/* Whether the step is open for the unit today (opening day reached, last
 * day not passed). */
int app_par_step_open(store_t *s, const app_par_camp_t *c, const char *unit, app_par_step_t st,
                      date_t today, bool *open, err_t *e);

/* The appraising unit of leaf (or any node) i: the node's appraiser unit,
 * else the unit mapped to its role; "" when the role has no unit. *role
 * gets the role (NULL when the node names a unit). */
const char *app_par_node_appraiser(const app_par_camp_t *c, size_t i, const char **role);
/* The appraisal round open for the unit on `today` by the dates: 1 while
 * round 1 is open (from the opening day to round 1's last day, once the
 * sheet is submitted or the self-assessment is over), else 2 while round 2
 * is (after round 1 to its last day), else 0 (published or finalised
 * campaign, before round 1 can open, after round 2). state is the sheet's
 * (STORE_PAR_DRAFT when it has none). Fails only on a store error. */
int app_par_round_open(store_t *s, const app_par_camp_t *c, const char *unit,
                       store_par_state_t state, date_t today, int *round, err_t *e);
/* Whether leaf i is appraised in the unit whose score is r: a criterion
 * leaf that applies to it (r->nodes[i].applicable) and is not fed by the
 * survey (whose points come from the survey or a final value). */
bool app_par_appraised_leaf(const app_par_camp_t *c, const par_result_t *r, size_t i);
/* Whether user u appraises node i: standing and admin everything in their
 * scope, an appraiser the nodes whose appraising unit is its unit or lies
 * below it; NULL u = the local operator (everything). */
bool app_par_may_appraise(const app_par_camp_t *c, const user_t *u, size_t i);
/* Whether u is the standing agency (standing or admin, scope covering the
 * unit) or the local operator. */
bool app_par_is_standing(const app_par_camp_t *c, const user_t *u, const char *unit);

/* The unit's sheet read into per-node inputs (numbers always; texts when
 * asked). */
typedef struct app_par_leaf {
    bool has_row;
    int64_t score_id;
    int64_t self, measured, round1, round2, final, survey, survey_ratio;
    bool na;
    int explain_round;
    char *texts; /* owned: NUL-separated texts below point into it */
    const char *self_note, *self_origin, *measured_period, *measured_link, *round1_reason;
    const char *round2_reason, *final_reason, *na_reason, *explain_state, *explain_request;
    const char *explain_answer, *survey_source, *updated_at;
} app_par_leaf_t;

typedef struct app_par_sheet {
    char unit[STORE_PAR_UNIT];
    int64_t id; /* 0 when the unit has no sheet yet */
    store_par_state_t state;
    int64_t bonus, penalty;
    char submitted_at[STORE_PAR_AT], submitted_by[STORE_PAR_WHO];
    char *bonus_reason, *penalty_reason, *difficulties; /* owned; "" when none */
    app_par_leaf_t *leaf;                               /* one per framework node */
    size_t nleaf;
} app_par_sheet_t;

/* Reads the sheet of unit (an empty one when absent). Release with
 * app_par_sheet_data_release (also after a failure). */
int app_par_sheet_data(store_t *s, const app_par_camp_t *c, const char *unit, bool texts,
                       app_par_sheet_t *out, err_t *e);
void app_par_sheet_data_release(app_par_sheet_t *sh);

/* Scores one unit from its sheet data (par_score_compute with the
 * campaign's caps, grades and survey rule). out: release with
 * par_score_release. */
int app_par_score(const app_par_camp_t *c, const unit_t *u, const app_par_sheet_t *sh,
                  par_result_t *out, err_t *e);

/* The units that take part: of the campaign's kind, valid on its opening
 * day, within its scope; codes borrowed from c->units, registry order.
 * *out: caller mem_free. */
int app_par_units(const app_par_camp_t *c, const unit_t ***out, size_t *n, err_t *e);

/* One write use case on a unit's sheet: the campaign loaded, the unit
 * checked (it takes part: par.unit_not_in_campaign), this thread's
 * connection, the write transaction begun and the sheet ensured. */
typedef struct app_par_op {
    app_t *a;
    store_t *s;
    const user_t *actor;
    app_par_camp_t c;
    const unit_t *unit;
    int64_t sheet;
    store_par_state_t state;
    date_t today;
    char at[STORE_PAR_AT];
    bool began;
    char before[256], after[256]; /* the audit entry's states (JSON; "" = none) */
} app_par_op_t;

/* Starts op (release with app_par_op_end whatever it returns). */
int app_par_op_begin(app_par_op_t *op, app_t *a, const user_t *actor, int64_t campaign,
                     const char *unit, err_t *e);
/* Ends op: on rc == 0 appends the audit event (action, object
 * "par_sheet:<id>", detail) and commits; otherwise rolls back. Returns the
 * final status. Releases everything. */
int app_par_op_end(app_par_op_t *op, int rc, const char *action, const char *detail, err_t *e);
/* Records a leaf value before and after the change for the audit entry
 * ({"code","field","millipoints"}, null points when absent). */
void app_par_op_values(app_par_op_t *op, const char *code, const char *field, int64_t before,
                       int64_t after);
/* Records a sheet state before and after ({"state": ...}). */
void app_par_op_states(app_par_op_t *op, const char *before, const char *after);
/* Whether u may write the unit's own sheet (officer, standing, admin with
 * ACCESS_WRITE on it; the operator). */
bool app_par_may_write(const app_par_camp_t *c, const user_t *u, const char *unit);
/* The framework node of a code that is a leaf applying to the unit:
 * ERR_NOTFOUND par.criterion_unknown / ERR_INVALID par.criterion_not_leaf /
 * par.criterion_not_applicable. */
int app_par_leaf(const app_par_camp_t *c, const unit_t *u, const char *code, size_t *i, err_t *e);

/* Millipoints as a JSON number (integer when whole); PAR_NONE -> null. */
json_t *app_par_num(int64_t milli);
/* An index in hundredths as a JSON real with 2 decimals. */
json_t *app_par_index(bool has, int64_t index);
/* {"<key>": v}, stealing v (also on failure: then NULL). */
json_t *app_par_wrap(const char *key, json_t *v);
/* Now as "YYYY-MM-DDTHH:MM:SS". */
void app_par_now(char out[STORE_PAR_AT]);
/* The actor's login, "cli" for the local operator. */
const char *app_par_who(const user_t *u);
/* Checks a free text: NFC-clean UTF-8 of at most APP_PAR_TEXT_MAX bytes;
 * required = non-blank. ERR_INVALID par.<field>_required / par.text. */
int app_par_text(const char *t, const char *field, bool required, err_t *e);

#endif
