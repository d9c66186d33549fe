/* store_par_sheet.c - PAR score sheets, leaf scores, evidence links and the
 * change history in SQL (store_par_sheet.h). */
#include "store/store_par_sheet.h"
#include "store/store_par_int.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *or_empty(const char *v)
{
    return v ? v : "";
}

/* Appends one history row. */
static int log_change(store_t *s, int64_t sheet, const char *code, const char *field,
                      int64_t old_value, int64_t new_value, const char *reason, const char *author,
                      const char *at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_change (sheet_id, code, field, old_value, new_value, "
                           "reason, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, code);
    store_bind_text(st, 3, field);
    store_par_bind_opt(st, 4, old_value);
    store_par_bind_opt(st, 5, new_value);
    store_bind_text(st, 6, or_empty(reason));
    store_bind_text(st, 7, author);
    store_bind_text(st, 8, at);
    return store_run(st, e);
}

/* ---- sheets -------------------------------------------------------------- */

int store_par_sheet_ensure(store_t *s, int64_t campaign, const char *unit, const char *at,
                           int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_sheet (campaign_id, unit_code, updated_at) VALUES "
                           "(?1, ?2, ?3) ON CONFLICT (campaign_id, unit_code) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    store_bind_text(st, 3, at);
    rc = store_run(st, e);
    if (rc)
        return rc;
    rc = store_prepare(s, "SELECT id FROM par_sheet WHERE campaign_id = ?1 AND unit_code = ?2", &st,
                       e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    *id = 0;
    return store_run_id(st, id, e);
}

int store_par_sheet_rows(store_t *s, int64_t campaign, const char *unit, store_par_sheet_fn fn,
                         void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, campaign_id, unit_code, state, submitted_at, submitted_by, "
                           "bonus, penalty, bonus_reason, penalty_reason, difficulties, updated_at "
                           "FROM par_sheet WHERE campaign_id = ?1 AND "
                           "(CAST(?2 AS TEXT) IS NULL OR unit_code = ?2) ORDER BY unit_code",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    while (store_next(st, &rc, e)) {
        store_par_sheet_t sh = {.id = store_col_int(st, 0),
                                .campaign_id = store_col_int(st, 1),
                                .unit_code = store_par_col_txt(st, 2),
                                .state = strcmp(store_par_col_txt(st, 3), "submitted") == 0
                                             ? STORE_PAR_SUBMITTED
                                             : STORE_PAR_DRAFT,
                                .submitted_at = store_par_col_txt(st, 4),
                                .submitted_by = store_par_col_txt(st, 5),
                                .bonus = store_col_int(st, 6),
                                .penalty = store_col_int(st, 7),
                                .bonus_reason = store_par_col_txt(st, 8),
                                .penalty_reason = store_par_col_txt(st, 9),
                                .difficulties = store_par_col_txt(st, 10),
                                .updated_at = store_par_col_txt(st, 11)};
        rc = fn(ctx, &sh, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_par_sheet_state(store_t *s, int64_t id, store_par_state_t *state, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT state FROM par_sheet WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *state = strcmp(store_par_col_txt(st, 0), "submitted") == 0 ? STORE_PAR_SUBMITTED
                                                                    : STORE_PAR_DRAFT;
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

int store_par_sheet_set_state(store_t *s, int64_t sheet, store_par_state_t state,
                              const char *reason, const char *author, const char *at, err_t *e)
{
    store_par_state_t old = STORE_PAR_DRAFT;
    int rc = store_par_sheet_state(s, sheet, &old, e);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return err_set(e, ERR_NOTFOUND, "par.sheet_not_found", "Không có phiếu chấm điểm số %lld",
                       "No score sheet %lld", (long long)sheet);
    bool sub = state == STORE_PAR_SUBMITTED;
    store_stmt_t *st;
    rc = store_prepare(s,
                       "UPDATE par_sheet SET state = ?2, submitted_at = ?3, submitted_by = ?4, "
                       "updated_at = ?5 WHERE id = ?1",
                       &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, sub ? "submitted" : "draft");
    store_bind_text(st, 3, sub ? at : NULL);
    store_bind_text(st, 4, sub ? author : NULL);
    store_bind_text(st, 5, at);
    rc = store_run(st, e);
    if (rc)
        return rc;
    return log_change(s, sheet, "", "state", (int64_t)old, (int64_t)state, reason, author, at, e);
}

/* Current bonus or penalty of a sheet into *v. */
static int sheet_adjust_value(store_t *s, int64_t sheet, store_par_adjust_t which, int64_t *v,
                              err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT bonus, penalty FROM par_sheet WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        *v = store_col_int(st, which == STORE_PAR_BONUS ? 0 : 1);
    else if (rc == STORE_DONE)
        rc = err_set(e, ERR_NOTFOUND, "par.sheet_not_found", "Không có phiếu chấm điểm số %lld",
                     "No score sheet %lld", (long long)sheet);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_par_sheet_adjust(store_t *s, int64_t sheet, store_par_adjust_t which, int64_t points,
                           const char *reason, const char *author, const char *at, err_t *e)
{
    int64_t old = 0;
    int rc = sheet_adjust_value(s, sheet, which, &old, e);
    if (rc)
        return rc;
    store_stmt_t *st;
    if (which == STORE_PAR_BONUS)
        rc = store_prepare(
            s, "UPDATE par_sheet SET bonus = ?2, bonus_reason = ?3, updated_at = ?4 WHERE id = ?1",
            &st, e);
    else
        rc = store_prepare(s,
                           "UPDATE par_sheet SET penalty = ?2, penalty_reason = ?3, "
                           "updated_at = ?4 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_int(st, 2, points);
    store_bind_text(st, 3, or_empty(reason));
    store_bind_text(st, 4, at);
    rc = store_run(st, e);
    if (rc)
        return rc;
    return log_change(s, sheet, "", which == STORE_PAR_BONUS ? "bonus" : "penalty", old, points,
                      reason, author, at, e);
}

int store_par_sheet_set_text(store_t *s, int64_t sheet, const char *difficulties, const char *at,
                             err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "UPDATE par_sheet SET difficulties = ?2, updated_at = ?3 WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, or_empty(difficulties));
    store_bind_text(st, 3, at);
    return store_run(st, e);
}

/* ---- leaf scores --------------------------------------------------------- */

const char *store_par_sheet_field_name(store_par_field_t f)
{
    static const char *const names[STORE_PAR_FIELD_COUNT] = {
        "self",   "round1",       "round2",   "final",
        "survey", "survey_ratio", "measured", "not_applicable"};
    return (unsigned)f < STORE_PAR_FIELD_COUNT ? names[f] : "";
}

int store_par_sheet_score_id(store_t *s, int64_t sheet, const char *code, const char *at,
                             int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_score (sheet_id, code, updated_at) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (sheet_id, code) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, code);
    store_bind_text(st, 3, at);
    rc = store_run(st, e);
    if (rc)
        return rc;
    rc = store_prepare(s, "SELECT id FROM par_score WHERE sheet_id = ?1 AND code = ?2", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, code);
    *id = 0;
    return store_run_id(st, id, e);
}

/* The current value of field f of score id, and the measured period. */
static int score_value(store_t *s, int64_t id, store_par_field_t f, int64_t *v, char *period,
                       size_t cap, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT self_points, round1, round2, final_points, survey, "
                           "survey_ratio, measured, not_applicable, measured_period "
                           "FROM par_score WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *v = store_par_col_opt(st, (int)f);
        snprintf(period, cap, "%s", store_par_col_txt(st, 8));
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The UPDATE of one field; every statement takes ?1 id, ?2 value, ?3 text,
 * ?4 at, and SELF / MEASURED a fifth (origin / link). */
static const char *field_sql(store_par_field_t f)
{
    switch (f) {
    case STORE_PAR_SELF:
        return "UPDATE par_score SET self_points = ?2, self_note = ?3, updated_at = ?4, "
               "self_origin = ?5 WHERE id = ?1";
    case STORE_PAR_ROUND1:
        return "UPDATE par_score SET round1 = ?2, round1_reason = ?3, updated_at = ?4 WHERE id = "
               "?1";
    case STORE_PAR_ROUND2:
        return "UPDATE par_score SET round2 = ?2, round2_reason = ?3, updated_at = ?4 WHERE id = "
               "?1";
    case STORE_PAR_FINAL:
        return "UPDATE par_score SET final_points = ?2, final_reason = ?3, updated_at = ?4 "
               "WHERE id = ?1";
    case STORE_PAR_SURVEY:
        return "UPDATE par_score SET survey = ?2, survey_source = ?3, updated_at = ?4 WHERE id = "
               "?1";
    case STORE_PAR_SURVEY_RATIO:
        return "UPDATE par_score SET survey_ratio = ?2, survey_source = ?3, updated_at = ?4 "
               "WHERE id = ?1";
    case STORE_PAR_MEASURED:
        return "UPDATE par_score SET measured = ?2, measured_period = ?3, updated_at = ?4, "
               "measured_link = ?5 WHERE id = ?1";
    case STORE_PAR_NA:
        return "UPDATE par_score SET not_applicable = COALESCE(CAST(?2 AS BIGINT), 0), na_reason = "
               "?3, "
               "updated_at = ?4 WHERE id = ?1";
    default:
        return NULL;
    }
}

static int score_write(store_t *s, int64_t id, const store_par_set_t *in, err_t *e)
{
    const char *sql = field_sql(in->field);
    if (!sql)
        return err_set(e, ERR_INVALID, "par.field", "Trường điểm không hợp lệ",
                       "Invalid score field");
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_par_bind_opt(st, 2, in->value);
    store_bind_text(st, 3, or_empty(in->field == STORE_PAR_MEASURED ? in->period : in->text));
    store_bind_text(st, 4, in->at);
    if (in->field == STORE_PAR_SELF)
        store_bind_text(st, 5, in->value == PAR_NONE ? "" : or_empty(in->origin));
    else if (in->field == STORE_PAR_MEASURED)
        store_bind_text(st, 5, or_empty(in->link));
    return store_run(st, e);
}

int store_par_sheet_score_set(store_t *s, const store_par_set_t *in, int64_t *score_id, err_t *e)
{
    int64_t id = 0, old = PAR_NONE;
    char period[64] = "";
    int rc = store_par_sheet_score_id(s, in->sheet, in->code, in->at, &id, e);
    if (!rc)
        rc = score_value(s, id, in->field, &old, period, sizeof period, e);
    if (!rc)
        rc = score_write(s, id, in, e);
    if (rc)
        return rc;
    bool same = old == in->value &&
                (in->field != STORE_PAR_MEASURED || strcmp(period, or_empty(in->period)) == 0);
    if (!(in->field == STORE_PAR_MEASURED && same)) {
        const char *why = in->field == STORE_PAR_MEASURED ? in->period : in->text;
        rc = log_change(s, in->sheet, in->code, store_par_sheet_field_name(in->field), old,
                        in->value, why, in->author, in->at, e);
    }
    if (!rc && score_id)
        *score_id = id;
    if (!rc && in->old)
        *in->old = old;
    return rc;
}

int store_par_sheet_explain(store_t *s, int64_t sheet, const char *code, bool answer, int round,
                            const char *text, const char *author, const char *at, err_t *e)
{
    int64_t id = 0;
    int rc = store_par_sheet_score_id(s, sheet, code, at, &id, e);
    if (rc)
        return rc;
    store_stmt_t *st;
    if (answer)
        rc = store_prepare(s,
                           "UPDATE par_score SET explain_state = 'answered', explain_answer = ?2, "
                           "updated_at = ?3 WHERE id = ?1",
                           &st, e);
    else
        rc = store_prepare(s,
                           "UPDATE par_score SET explain_state = 'requested', explain_round = ?4, "
                           "explain_request = ?2, explain_answer = '', updated_at = ?3 "
                           "WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, or_empty(text));
    store_bind_text(st, 3, at);
    if (!answer)
        store_bind_int(st, 4, round);
    rc = store_run(st, e);
    if (rc)
        return rc;
    return log_change(s, sheet, code, answer ? "explain_answer" : "explain_request", round, round,
                      text, author, at, e);
}

#define SCORE_COLS                                                                                 \
    "c.id, c.sheet_id, h.unit_code, c.code, c.self_points, c.measured, c.round1, c.round2, "       \
    "c.final_points, c.survey, c.survey_ratio, c.self_note, c.self_origin, c.measured_period, "    \
    "c.measured_link, c.round1_reason, c.round2_reason, c.final_reason, c.not_applicable, "        \
    "c.explain_state, c.explain_round, c.explain_request, c.explain_answer, c.updated_at, "        \
    "c.na_reason, c.survey_source"

static void read_score(store_stmt_t *st, store_par_score_t *r)
{
    *r = (store_par_score_t){.id = store_col_int(st, 0),
                             .sheet_id = store_col_int(st, 1),
                             .unit_code = store_par_col_txt(st, 2),
                             .code = store_par_col_txt(st, 3),
                             .self = store_par_col_opt(st, 4),
                             .measured = store_par_col_opt(st, 5),
                             .round1 = store_par_col_opt(st, 6),
                             .round2 = store_par_col_opt(st, 7),
                             .final = store_par_col_opt(st, 8),
                             .survey = store_par_col_opt(st, 9),
                             .survey_ratio = store_par_col_opt(st, 10),
                             .self_note = store_par_col_txt(st, 11),
                             .self_origin = store_par_col_txt(st, 12),
                             .measured_period = store_par_col_txt(st, 13),
                             .measured_link = store_par_col_txt(st, 14),
                             .round1_reason = store_par_col_txt(st, 15),
                             .round2_reason = store_par_col_txt(st, 16),
                             .final_reason = store_par_col_txt(st, 17),
                             .not_applicable = store_col_int(st, 18) != 0,
                             .explain_state = store_par_col_txt(st, 19),
                             .explain_round = (int)store_col_int(st, 20),
                             .explain_request = store_par_col_txt(st, 21),
                             .explain_answer = store_par_col_txt(st, 22),
                             .updated_at = store_par_col_txt(st, 23),
                             .na_reason = store_par_col_txt(st, 24),
                             .survey_source = store_par_col_txt(st, 25)};
}

int store_par_sheet_scores(store_t *s, int64_t campaign, const char *unit, store_par_score_fn fn,
                           void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "SELECT " SCORE_COLS " FROM par_score c JOIN par_sheet h ON "
                      "h.id = c.sheet_id WHERE h.campaign_id = ?1 AND "
                      "(CAST(?2 AS TEXT) IS NULL OR h.unit_code = ?2) ORDER BY h.unit_code, c.code",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    while (store_next(st, &rc, e)) {
        store_par_score_t r;
        read_score(st, &r);
        rc = fn(ctx, &r, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_par_sheet_survey_held(store_t *s, int64_t campaign, bool *held, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT 1 FROM par_score c JOIN par_sheet h ON h.id = c.sheet_id "
                           "WHERE h.campaign_id = ?1 AND (c.survey IS NOT NULL OR "
                           "c.survey_ratio IS NOT NULL) LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    rc = store_step(st, e);
    *held = rc == STORE_ROW;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- evidence links ------------------------------------------------------ */

int store_par_sheet_score_link(store_t *s, int64_t score_id, int64_t evidence_id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_score_evidence (score_id, evidence_id) VALUES (?1, ?2) "
                           "ON CONFLICT (score_id, evidence_id) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, score_id);
    store_bind_int(st, 2, evidence_id);
    return store_run(st, e);
}

int store_par_sheet_link(store_t *s, int64_t sheet, const char *purpose, int64_t evidence_id,
                         err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_sheet_evidence (sheet_id, purpose, evidence_id) VALUES "
                           "(?1, ?2, ?3) ON CONFLICT (sheet_id, purpose, evidence_id) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, sheet);
    store_bind_text(st, 2, purpose);
    store_bind_int(st, 3, evidence_id);
    return store_run(st, e);
}

int store_par_sheet_score_unlink(store_t *s, int64_t score_id, int64_t evidence_id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "DELETE FROM par_score_evidence WHERE score_id = ?1 AND evidence_id = ?2", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, score_id);
    store_bind_int(st, 2, evidence_id);
    return store_run(st, e);
}

int store_par_sheet_links(store_t *s, int64_t campaign, const char *unit, store_par_link_fn fn,
                          void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT c.code, '', x.evidence_id FROM par_score_evidence x JOIN par_score c ON "
        "c.id = x.score_id JOIN par_sheet h ON h.id = c.sheet_id WHERE h.campaign_id = ?1 AND "
        "h.unit_code = ?2 UNION ALL SELECT '', y.purpose, y.evidence_id FROM par_sheet_evidence y "
        "JOIN par_sheet h2 ON h2.id = y.sheet_id WHERE h2.campaign_id = ?1 AND h2.unit_code = ?2 "
        "ORDER BY 1, 2, 3",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_par_col_txt(st, 0), store_par_col_txt(st, 1), store_col_int(st, 2), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- history ------------------------------------------------------------- */

int store_par_sheet_changes(store_t *s, int64_t campaign, const char *unit, const char *code,
                            store_par_change_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT g.id, h.unit_code, g.code, g.field, g.old_value, g.new_value, "
                           "g.reason, g.author, g.at FROM par_change g JOIN par_sheet h ON "
                           "h.id = g.sheet_id WHERE h.campaign_id = ?1 AND h.unit_code = ?2 AND "
                           "(CAST(?3 AS TEXT) IS NULL OR g.code = ?3) ORDER BY g.id DESC",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    store_bind_text(st, 3, code);
    while (store_next(st, &rc, e)) {
        store_par_change_t c = {.id = store_col_int(st, 0),
                                .unit_code = store_par_col_txt(st, 1),
                                .code = store_par_col_txt(st, 2),
                                .field = store_par_col_txt(st, 3),
                                .old_value = store_par_col_opt(st, 4),
                                .new_value = store_par_col_opt(st, 5),
                                .reason = store_par_col_txt(st, 6),
                                .author = store_par_col_txt(st, 7),
                                .at = store_par_col_txt(st, 8)};
        rc = fn(ctx, &c, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
