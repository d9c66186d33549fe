/* app_par_sheet.c - the unit's own work on its PAR score sheet
 * (app_par_sheet.h). */
#include "app/app_par_sheet.h"

#include "app/app_par_int.h"
#include "base/mem.h"
#include "store/store_evidence.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int forbidden(const app_par_op_t *op, err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Bạn không có quyền sửa phiếu chấm điểm của đơn vị %s",
                   "You may not change the score sheet of unit %s", op->unit->code);
}

static int closed(const app_par_op_t *op, err_t *e)
{
    if (op->c.published)
        return err_set(e, ERR_CONFLICT, "par.published",
                       "Kết quả đã công bố: chỉ cơ quan thường trực được điều chỉnh (có lý do)",
                       "Results are published: only the standing agency may adjust them, with a "
                       "reason");
    if (op->c.finalised)
        return err_set(e, ERR_CONFLICT, "par.finalised", "Kết quả thẩm định đã được chốt",
                       "The appraisal has been finalised");
    return 0;
}

/* The unit may change its self-assessment now. */
static int self_guard(app_par_op_t *op, err_t *e)
{
    if (!app_par_may_write(&op->c, op->actor, op->unit->code))
        return forbidden(op, e);
    int rc = closed(op, e);
    if (rc)
        return rc;
    if (op->state == STORE_PAR_SUBMITTED)
        return err_set(e, ERR_CONFLICT, "par.submitted",
                       "Phiếu chấm điểm đã gửi nên không sửa được; đề nghị cơ quan thường trực mở "
                       "lại nếu cần",
                       "The sheet was submitted and is locked; ask the standing agency to reopen "
                       "it");
    if (!op->actor)
        return 0; /* the local operator is not bound by deadlines */
    bool open = false;
    rc = app_par_step_open(op->s, &op->c, op->unit->code, APP_PAR_STEP_SELF, op->today, &open, e);
    if (!rc && !open)
        rc = err_set(e, ERR_CONFLICT, "par.locked",
                     "Ngoài thời gian tự chấm điểm (từ %s đến hết hạn %s)",
                     "Outside the self-assessment period (%s to the %s deadline)", op->c.c.opens_on,
                     op->c.c.self_due);
    return rc;
}

static int standing_guard(app_par_op_t *op, err_t *e)
{
    if (!app_par_is_standing(&op->c, op->actor, op->unit->code))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ cơ quan thường trực được thực hiện thao tác này",
                       "Only the standing agency may do this");
    return closed(op, e);
}

/* The current row of leaf i (numbers only). */
static int leaf_now(app_par_op_t *op, size_t i, app_par_leaf_t *out, err_t *e)
{
    app_par_sheet_t sh;
    int rc = app_par_sheet_data(op->s, &op->c, op->unit->code, false, &sh, e);
    if (!rc)
        *out = sh.leaf[i];
    out->texts = NULL;
    app_par_sheet_data_release(&sh);
    return rc;
}

static int score_value(app_par_op_t *op, size_t i, const app_par_score_in_t *in, int64_t *points,
                       err_t *e)
{
    const par_node_t *nd = &op->c.fw->nodes[i];
    app_par_leaf_t now;
    int rc = leaf_now(op, i, &now, e);
    if (rc)
        return rc;
    int64_t band = PAR_NONE;
    if (nd->method == PAR_METHOD_BANDS && now.measured != PAR_NONE &&
        par_score_band(op->c.fw, i, now.measured, &band, NULL))
        band = PAR_NONE;
    if (in->accept) {
        if (band == PAR_NONE)
            return err_set(e, ERR_INVALID, "par.no_figure",
                           "Tiêu chí %s chưa có số liệu cchc để chấp nhận",
                           "Criterion %s has no cchc figure to accept", nd->code);
        *points = band;
        return 0;
    }
    *points = in->points;
    if (in->points != PAR_NONE) {
        rc = par_score_check(op->c.fw, i, in->points, e);
        if (rc)
            return rc;
    }
    if (band != PAR_NONE && in->points != PAR_NONE && in->points != band &&
        (!in->note || !in->note[0]))
        return err_set(e, ERR_INVALID, "par.note_required",
                       "Tiêu chí %s: điểm khác số liệu cchc cần ghi chú lý do",
                       "Criterion %s: a score other than the cchc figure needs a note", nd->code);
    return 0;
}

int app_par_sheet_score(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                        const app_par_score_in_t *in, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    int64_t points = PAR_NONE, old = PAR_NONE;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = self_guard(&op, e);
    if (!rc)
        rc = app_par_leaf(&op.c, op.unit, in->code, &i, e);
    if (!rc && op.c.fw->nodes[i].source == PAR_SOURCE_SURVEY)
        rc = err_set(e, ERR_INVALID, "par.survey_leaf",
                     "Tiêu chí %s lấy điểm từ điều tra xã hội học, đơn vị không tự chấm",
                     "Criterion %s is scored by the survey, not by the unit", in->code);
    if (!rc)
        rc = app_par_text(in->note, "note", false, e);
    if (!rc)
        rc = score_value(&op, i, in, &points, e);
    char note[160];
    const char *text = in->note;
    if (!rc && in->accept && (!text || !text[0])) {
        snprintf(note, sizeof note, "Chấp nhận số liệu cchc");
        text = note;
    }
    if (!rc) {
        store_par_set_t set = {.sheet = op.sheet,
                               .code = in->code,
                               .field = STORE_PAR_SELF,
                               .value = points,
                               .text = text,
                               .origin = in->accept ? "accepted" : "manual",
                               .author = app_par_who(actor),
                               .at = op.at,
                               .old = &old};
        rc = store_par_sheet_score_set(op.s, &set, NULL, e);
        app_par_op_values(&op, in->code, "self", old, points);
    }
    char detail[96];
    snprintf(detail, sizeof detail, "%s self", in->code ? in->code : "");
    return app_par_op_end(&op, rc, "par.score", detail, e);
}

int app_par_sheet_applicable(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                             const char *code, bool applicable, const char *reason, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    int64_t old = PAR_NONE;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = standing_guard(&op, e);
    if (!rc)
        rc = app_par_leaf(&op.c, op.unit, code, &i, e);
    if (!rc)
        rc = app_par_text(reason, "reason", true, e);
    if (!rc) {
        store_par_set_t set = {.sheet = op.sheet,
                               .code = code,
                               .field = STORE_PAR_NA,
                               .value = applicable ? 0 : 1,
                               .text = reason,
                               .author = app_par_who(actor),
                               .at = op.at,
                               .old = &old};
        rc = store_par_sheet_score_set(op.s, &set, NULL, e);
        app_par_op_values(&op, code, "not_applicable", old, set.value);
    }
    return app_par_op_end(&op, rc, "par.applicable", code, e);
}

int app_par_sheet_adjust(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         bool penalty, int64_t points, const char *reason, err_t *e)
{
    app_par_op_t op;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    bool standing = !rc && app_par_is_standing(&op.c, actor, op.unit->code);
    if (!rc)
        rc = penalty || standing ? standing_guard(&op, e) : self_guard(&op, e);
    int64_t cap = penalty ? op.c.c.penalty_max : op.c.c.bonus_max;
    if (cap == PAR_NONE)
        cap = PAR_MAX_PTS;
    char shown[PAR_NUM_MAX];
    par_framework_format(cap, true, shown);
    if (!rc && (points < 0 || points > cap)) {
        char vi[128], en[128];
        snprintf(vi, sizeof vi, "Điểm %s phải từ 0 đến %s", penalty ? "trừ" : "thưởng", shown);
        snprintf(en, sizeof en, "The %s must be between 0 and %s", penalty ? "penalty" : "bonus",
                 shown);
        rc = err_set_pair(e, ERR_INVALID, penalty ? "par.penalty_cap" : "par.bonus_cap", vi, en);
    }
    if (!rc)
        rc = app_par_text(reason, "reason", points > 0, e);
    if (!rc)
        rc = store_par_sheet_adjust(op.s, op.sheet, penalty ? STORE_PAR_PENALTY : STORE_PAR_BONUS,
                                    points, reason, app_par_who(actor), op.at, e);
    return app_par_op_end(&op, rc, penalty ? "par.penalty" : "par.bonus", reason, e);
}

typedef struct missing {
    const app_par_camp_t *c;
    const unit_t *u;
    size_t n;
    char first[128];
} missing_t;

/* Applicable criterion leaves the unit has neither scored nor got a
 * figure for (survey leaves aside). */
static void find_missing(const app_par_camp_t *c, const unit_t *u, const app_par_sheet_t *sh,
                         missing_t *m)
{
    for (size_t i = 0; i < c->fw->n; i++) {
        const par_node_t *nd = &c->fw->nodes[i];
        const app_par_leaf_t *l = &sh->leaf[i];
        if (!par_framework_is_leaf(c->fw, i) || nd->kind != PAR_KIND_CRITERION ||
            nd->source == PAR_SOURCE_SURVEY || l->na ||
            !par_framework_applies(c->fw, i, u->code, u->kind))
            continue;
        bool figure = nd->method == PAR_METHOD_BANDS && l->measured != PAR_NONE;
        if (l->self != PAR_NONE || figure)
            continue;
        if (m->n++ < 8) {
            size_t k = strlen(m->first);
            snprintf(m->first + k, sizeof m->first - k, "%s%s", k ? ", " : "", nd->code);
        }
    }
}

int app_par_sheet_submit(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         bool submit, const char *reason, err_t *e)
{
    app_par_op_t op;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = submit ? self_guard(&op, e) : standing_guard(&op, e);
    if (!rc && !submit)
        rc = app_par_text(reason, "reason", true, e);
    if (!rc && !submit && op.state != STORE_PAR_SUBMITTED)
        rc = err_set(e, ERR_CONFLICT, "par.not_submitted", "Phiếu chấm điểm chưa được gửi",
                     "The sheet has not been submitted");
    missing_t m = {&op.c, op.unit, 0, ""};
    if (!rc && submit) {
        app_par_sheet_t sh;
        rc = app_par_sheet_data(op.s, &op.c, op.unit->code, false, &sh, e);
        if (!rc)
            find_missing(&op.c, op.unit, &sh, &m);
        app_par_sheet_data_release(&sh);
    }
    if (!rc && m.n)
        rc =
            err_set(e, ERR_INVALID, "par.sheet_incomplete", "Còn %zu tiêu chí chưa chấm điểm: %s%s",
                    "%zu criteria are not scored yet: %s%s", m.n, m.first, m.n > 8 ? "…" : "");
    if (!rc)
        rc = store_par_sheet_set_state(op.s, op.sheet,
                                       submit ? STORE_PAR_SUBMITTED : STORE_PAR_DRAFT, reason,
                                       app_par_who(actor), op.at, e);
    if (!rc)
        app_par_op_states(&op, op.state == STORE_PAR_SUBMITTED ? "submitted" : "draft",
                          submit ? "submitted" : "draft");
    return app_par_op_end(&op, rc, submit ? "par.submit" : "par.reopen", reason, e);
}

int app_par_sheet_answer(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                         const char *code, const char *text, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    app_par_leaf_t now = {0};
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc && !app_par_may_write(&op.c, actor, op.unit->code))
        rc = forbidden(&op, e);
    if (!rc)
        rc = closed(&op, e);
    if (!rc)
        rc = app_par_leaf(&op.c, op.unit, code, &i, e);
    if (!rc)
        rc = app_par_text(text, "text", true, e);
    app_par_sheet_t sh;
    bool requested = false;
    if (!rc) {
        rc = app_par_sheet_data(op.s, &op.c, op.unit->code, true, &sh, e);
        if (!rc)
            requested =
                strcmp(sh.leaf[i].explain_state ? sh.leaf[i].explain_state : "", "requested") == 0;
        now.explain_round = rc ? 0 : sh.leaf[i].explain_round;
        app_par_sheet_data_release(&sh);
    }
    if (!rc && !requested)
        rc = err_set(e, ERR_INVALID, "par.explain_none",
                     "Tiêu chí %s không có yêu cầu giải trình đang chờ",
                     "Criterion %s has no pending explanation request", code);
    bool open = !actor;
    if (!rc && actor)
        rc =
            app_par_step_open(op.s, &op.c, op.unit->code, APP_PAR_STEP_EXPLAIN, op.today, &open, e);
    if (!rc && !open)
        rc = err_set(e, ERR_CONFLICT, "par.locked", "Đã hết hạn giải trình (%s)",
                     "The explanation deadline (%s) has passed", op.c.c.explain_due);
    if (!rc)
        rc = store_par_sheet_explain(op.s, op.sheet, code, true, now.explain_round, text,
                                     app_par_who(actor), op.at, e);
    return app_par_op_end(&op, rc, "par.explain_answer", code, e);
}

int app_par_sheet_text(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       const char *difficulties, err_t *e)
{
    app_par_op_t op;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc && !app_par_may_write(&op.c, actor, op.unit->code))
        rc = forbidden(&op, e);
    if (!rc)
        rc = closed(&op, e);
    if (!rc)
        rc = app_par_text(difficulties, "difficulties", false, e);
    if (!rc)
        rc = store_par_sheet_set_text(op.s, op.sheet, difficulties, op.at, e);
    return app_par_op_end(&op, rc, "par.sheet_text", NULL, e);
}

static int evidence_guard(app_par_op_t *op, const char *code, const char *purpose, err_t *e)
{
    if (code)
        return self_guard(op, e);
    if (strcmp(purpose, "penalty") == 0)
        return standing_guard(op, e);
    if (strcmp(purpose, "bonus") == 0)
        return app_par_is_standing(&op->c, op->actor, op->unit->code) ? standing_guard(op, e)
                                                                      : self_guard(op, e);
    if (strcmp(purpose, "report") == 0) {
        if (!app_par_may_write(&op->c, op->actor, op->unit->code))
            return forbidden(op, e);
        return closed(op, e);
    }
    return err_set(e, ERR_INVALID, "par.purpose",
                   "Mục đích minh chứng phải là bonus, penalty hoặc report",
                   "The evidence purpose must be bonus, penalty or report");
}

int app_par_sheet_link(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       const char *code, const char *purpose, int64_t evidence_id, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    store_evidence_t ev;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = evidence_guard(&op, code, purpose ? purpose : "", e);
    if (!rc && code)
        rc = app_par_leaf(&op.c, op.unit, code, &i, e);
    if (!rc)
        rc = store_evidence_get(op.s, evidence_id, &ev, e);
    if (!rc && !unit_set_within(&op.c.units, ev.unit_code, op.unit->code, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "par.evidence_unit",
                     "Minh chứng số %lld thuộc đơn vị %s, không phải %s",
                     "Evidence %lld belongs to unit %s, not %s", (long long)evidence_id,
                     ev.unit_code, op.unit->code);
    int64_t score = 0;
    if (!rc && code)
        rc = store_par_sheet_score_id(op.s, op.sheet, code, op.at, &score, e);
    if (!rc)
        rc = code ? store_par_sheet_score_link(op.s, score, evidence_id, e)
                  : store_par_sheet_link(op.s, op.sheet, purpose, evidence_id, e);
    char detail[96];
    snprintf(detail, sizeof detail, "%s evidence %lld",
             code      ? code
             : purpose ? purpose
                       : "",
             (long long)evidence_id);
    return app_par_op_end(&op, rc, "par.evidence_link", detail, e);
}
