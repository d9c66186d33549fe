/* app_par_appraise.c - appraisal rounds, explanation requests, the
 * appraiser's work list (app_par_appraise.h). */
#include "app/app_par_appraise.h"

#include "app/app_par_int.h"
#include "base/jsonx.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

enum { ROUND_NONE = 0, ROUND_1 = 1, ROUND_2 = 2, ROUND_FINAL = 3 };

static const char *round_name(int r)
{
    return r == ROUND_1 ? "1" : r == ROUND_2 ? "2" : r == ROUND_FINAL ? "final" : "";
}

static int locked(err_t *e, const char *why_vi, const char *why_en)
{
    char vi[256], en[256];
    snprintf(vi, sizeof vi, "Không trong thời gian thẩm định: %s", why_vi);
    snprintf(en, sizeof en, "Not in an appraisal period: %s", why_en);
    return err_set_pair(e, ERR_CONFLICT, "par.locked", vi, en);
}

int app_par_round_open(store_t *s, const app_par_camp_t *c, const char *unit,
                       store_par_state_t state, date_t today, int *round, err_t *e)
{
    *round = ROUND_NONE;
    if (c->published || c->finalised)
        return 0;
    date_t r1 = DATE_NONE, r2 = DATE_NONE;
    bool ext = false, self_open = false;
    int rc = app_par_due(s, c, unit, APP_PAR_STEP_ROUND1, &r1, &ext, e);
    if (!rc)
        rc = app_par_due(s, c, unit, APP_PAR_STEP_ROUND2, &r2, &ext, e);
    if (!rc)
        rc = app_par_step_open(s, c, unit, APP_PAR_STEP_SELF, today, &self_open, e);
    if (rc)
        return rc;
    r1 = app_par_last_day(c, r1);
    r2 = app_par_last_day(c, r2);
    bool ready = state == STORE_PAR_SUBMITTED || (!self_open && today >= c->on);
    if (today >= c->on && today <= r1 && ready)
        *round = ROUND_1;
    else if (today > r1 && today <= r2)
        *round = ROUND_2;
    return 0;
}

static int parse_round(const char *s, int *r, err_t *e)
{
    if (!s || !s[0])
        *r = ROUND_NONE;
    else if (strcmp(s, "1") == 0 || strcmp(s, "round1") == 0)
        *r = ROUND_1;
    else if (strcmp(s, "2") == 0 || strcmp(s, "round2") == 0)
        *r = ROUND_2;
    else if (strcmp(s, "final") == 0)
        *r = ROUND_FINAL;
    else
        return err_set(e, ERR_INVALID, "par.round",
                       "Vòng thẩm định '%s' không hợp lệ (1, 2, final)",
                       "Unknown appraisal round '%s' (1, 2, final)", s);
    return 0;
}

/* Which round the actor writes: *round, or an error. */
static int pick_round(app_par_op_t *op, const char *asked, int *round, err_t *e)
{
    int want = ROUND_NONE, open = ROUND_NONE;
    bool standing = app_par_is_standing(&op->c, op->actor, op->unit->code);
    int rc = parse_round(asked, &want, e);
    if (!rc)
        rc = app_par_round_open(op->s, &op->c, op->unit->code, op->state, op->today, &open, e);
    if (rc)
        return rc;
    if (want == ROUND_FINAL || (want == ROUND_NONE && open == ROUND_NONE && standing)) {
        if (!standing)
            return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                           "Chỉ cơ quan thường trực được chốt điểm cuối cùng",
                           "Only the standing agency sets final values");
        *round = ROUND_FINAL;
        return 0;
    }
    if (!op->actor && want != ROUND_NONE) {
        *round = want; /* the local operator may fill any round (records, imports) */
        return 0;
    }
    if (open == ROUND_NONE)
        return op->c.published ? locked(e, "kết quả đã công bố", "results are published")
               : op->state != STORE_PAR_SUBMITTED
                   ? locked(e, "đơn vị chưa gửi phiếu chấm điểm", "the unit has not submitted")
                   : locked(e, "đã hết hạn thẩm định", "the appraisal deadlines have passed");
    if (want != ROUND_NONE && want != open)
        return locked(e, want == ROUND_1 ? "vòng 1 đã kết thúc" : "chưa đến vòng 2",
                      want == ROUND_1 ? "round 1 is over" : "round 2 has not started");
    *round = open;
    return 0;
}

int app_par_appraise_score(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                           const app_par_appraise_in_t *in, const char **round_out, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    int round = ROUND_NONE;
    int64_t old = PAR_NONE;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = app_par_leaf(&op.c, op.unit, in->code, &i, e);
    if (!rc && !app_par_may_appraise(&op.c, actor, i))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Tiêu chí %s không thuộc lĩnh vực đơn vị bạn thẩm định",
                     "Criterion %s is not in an area your unit appraises", in->code);
    if (!rc)
        rc = app_par_text(in->reason, "reason", true, e);
    if (!rc)
        rc = pick_round(&op, in->round, &round, e);
    if (!rc && in->points != PAR_NONE)
        rc = par_score_check(op.c.fw, i, in->points, e);
    if (!rc) {
        store_par_field_t f = round == ROUND_1   ? STORE_PAR_ROUND1
                              : round == ROUND_2 ? STORE_PAR_ROUND2
                                                 : STORE_PAR_FINAL;
        store_par_set_t set = {.sheet = op.sheet,
                               .code = in->code,
                               .field = f,
                               .value = in->points,
                               .text = in->reason,
                               .author = app_par_who(actor),
                               .at = op.at,
                               .old = &old};
        rc = store_par_sheet_score_set(op.s, &set, NULL, e);
        app_par_op_values(&op, in->code, store_par_sheet_field_name(f), old, in->points);
    }
    if (!rc && round_out)
        *round_out = round_name(round);
    char detail[96];
    snprintf(detail, sizeof detail, "%s round %s", in->code ? in->code : "", round_name(round));
    return app_par_op_end(&op, rc, "par.appraise", detail, e);
}

int app_par_appraise_request(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                             const char *code, const char *text, err_t *e)
{
    app_par_op_t op;
    size_t i = 0;
    int round = ROUND_NONE;
    int rc = app_par_op_begin(&op, a, actor, campaign, unit, e);
    if (!rc)
        rc = app_par_leaf(&op.c, op.unit, code, &i, e);
    if (!rc && !app_par_may_appraise(&op.c, actor, i))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Tiêu chí %s không thuộc lĩnh vực đơn vị bạn thẩm định",
                     "Criterion %s is not in an area your unit appraises", code);
    if (!rc)
        rc = app_par_text(text, "text", true, e);
    if (!rc)
        rc = app_par_round_open(op.s, &op.c, op.unit->code, op.state, op.today, &round, e);
    if (!rc && round == ROUND_NONE && actor)
        rc = locked(e, "chỉ yêu cầu giải trình trong vòng thẩm định",
                    "explanations are requested during an appraisal round");
    if (!rc)
        rc = store_par_sheet_explain(op.s, op.sheet, code, false, round ? round : ROUND_1, text,
                                     app_par_who(actor), op.at, e);
    return app_par_op_end(&op, rc, "par.explain_request", code, e);
}

/* ---- work list ----------------------------------------------------------- */

typedef struct tally {
    int leaves, appraised, changed, requested, answered;
    int64_t self_points, points;
} tally_t;

static void count_unit(const app_par_camp_t *c, const user_t *actor, const app_par_sheet_t *sh,
                       const par_result_t *r, tally_t *t)
{
    for (size_t i = 0; i < c->fw->n; i++) {
        const app_par_leaf_t *l = &sh->leaf[i];
        if (!app_par_appraised_leaf(c, r, i) || !app_par_may_appraise(c, actor, i))
            continue;
        t->leaves++;
        int64_t v = l->final != PAR_NONE ? l->final : l->round2 != PAR_NONE ? l->round2 : l->round1;
        if (v != PAR_NONE) {
            t->appraised++;
            t->changed += v != l->self;
        }
        if (l->self != PAR_NONE)
            t->self_points += l->self;
        t->points += r->nodes[i].points;
    }
}

/* Explanation states need the texts: counted separately. */
static void count_explain(const app_par_camp_t *c, const user_t *actor, const app_par_sheet_t *sh,
                          tally_t *t)
{
    t->requested = t->answered = 0;
    for (size_t i = 0; i < c->fw->n; i++) {
        const char *st = sh->leaf[i].explain_state;
        if (!st || !app_par_may_appraise(c, actor, i))
            continue;
        t->requested += strcmp(st, "requested") == 0;
        t->answered += strcmp(st, "answered") == 0;
    }
}

static bool keep(const char *filter, const app_par_sheet_t *sh, const tally_t *t)
{
    if (!filter || !filter[0])
        return true;
    if (strcmp(filter, "submitted") == 0)
        return sh->state == STORE_PAR_SUBMITTED;
    if (strcmp(filter, "draft") == 0)
        return sh->state == STORE_PAR_DRAFT;
    if (strcmp(filter, "pending") == 0)
        return t->appraised < t->leaves;
    if (strcmp(filter, "explain") == 0)
        return t->requested + t->answered > 0;
    return true;
}

static json_t *unit_row(const unit_t *u, const app_par_sheet_t *sh, const tally_t *t)
{
    json_t *o = json_object();
    int x = o ? 0 : -1;
    x |= jsonx_set_str(o, "unit", u->code);
    x |= jsonx_set_str(o, "name", u->name);
    x |= jsonx_set_str(o, "state", sh->state == STORE_PAR_SUBMITTED ? "submitted" : "draft");
    x |= jsonx_set_str(o, "submitted_at", sh->submitted_at[0] ? sh->submitted_at : NULL);
    x |= jsonx_set_int(o, "leaves", t->leaves);
    x |= jsonx_set_int(o, "appraised", t->appraised);
    x |= jsonx_set_int(o, "changed", t->changed);
    x |= jsonx_set_int(o, "explain_requested", t->requested);
    x |= jsonx_set_int(o, "explain_answered", t->answered);
    x |= jsonx_set_new(o, "self_points", app_par_num(t->self_points));
    x |= jsonx_set_new(o, "appraised_points", app_par_num(t->points));
    if (x) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int queue_unit(store_t *s, const app_par_camp_t *c, const user_t *actor, const unit_t *u,
                      const char *filter, json_t *rows, err_t *e)
{
    app_par_sheet_t sh;
    par_result_t r;
    memset(&r, 0, sizeof r);
    tally_t t = {0};
    int rc = app_par_sheet_data(s, c, u->code, true, &sh, e);
    if (!rc)
        rc = app_par_score(c, u, &sh, &r, e);
    if (!rc) {
        count_unit(c, actor, &sh, &r, &t);
        count_explain(c, actor, &sh, &t);
        if (t.leaves && keep(filter, &sh, &t) && json_array_append_new(rows, unit_row(u, &sh, &t)))
            rc = err_nomem(e);
    }
    par_score_release(&r);
    app_par_sheet_data_release(&sh);
    return rc;
}

int app_par_appraise_queue(app_t *a, const user_t *actor, int64_t campaign, const char *state,
                           json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    app_par_camp_t c;
    memset(&c, 0, sizeof c);
    unit_set_init(&c.units);
    const unit_t **units = NULL;
    size_t n = 0;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = app_par_camp_load(a, s, campaign, &c, e);
    if (!rc)
        rc = app_par_units(&c, &units, &n, e);
    json_t *rows = rc ? NULL : json_array();
    if (!rc && !rows)
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++)
        rc = queue_unit(s, &c, actor, units[i], state, rows, e);
    if (!rc) {
        *out = json_object();
        int x = *out ? 0 : -1;
        x |= jsonx_set_int(*out, "campaign", campaign);
        x |= jsonx_set_new(*out, "units", rows);
        rows = NULL;
        if (x) {
            json_decref(*out);
            *out = NULL;
            rc = err_nomem(e);
        }
    }
    json_decref(rows);
    mem_free(units);
    app_par_camp_release(&c);
    return rc;
}
