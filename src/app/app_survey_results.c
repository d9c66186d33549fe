/* app_survey_results.c - paper forms from CSV, results of a run, and the
 * results fed to targets and to a PAR campaign (see app_survey.h). */
#include "app/app_survey.h"

#include "app/app_par_campaign.h"
#include "app/app_par_results.h"
#include "app/app_targets.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/kpi.h"
#include "store/store_audit.h"
#include "store/store_target.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* --- paper forms --------------------------------------------------------------------- */

typedef struct paper {
    survey_answers_t *ans; /* one per row */
    char (*dossier)[65];
} paper_t;

static int problem(json_t *errors, long line, const char *field, const err_t *pe)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "line", (json_int_t)line, "field", field, "code",
                          pe->code, "message", pe->vi, "message_en", pe->en);
    return o && !json_array_append_new(errors, o) ? 0 : ERR_NOMEM;
}

/* Reads row r into p (index i); problems go to errors (the row is then skipped). */
static int paper_row(const app_survey_t *sv, const char *const *cols, size_t ncols,
                     const app_survey_row_t *r, paper_t *p, size_t i, json_t *errors)
{
    survey_answers_t *a = &p->ans[i];
    err_t pe;
    for (size_t c = 0; c < ncols; c++) {
        const char *v = r->cells[c] ? r->cells[c] : "";
        if (strcmp(cols[c], "MaHoSo") == 0) {
            snprintf(p->dossier[i], sizeof p->dossier[i], "%s", v);
            continue;
        }
        bool known =
            survey_item_find(sv->form, cols[c]) >= 0 || survey_demo_find(sv->form, cols[c]) >= 0;
        if (known && survey_answer_set(sv->form, a, cols[c], v, &pe))
            return problem(errors, r->line, cols[c], &pe);
    }
    if (survey_answers_check(sv->form, a, &pe))
        return problem(errors, r->line, "", &pe);
    return 0;
}

static int paper_store(app_t *a, const user_t *actor, const app_survey_t *sv, const paper_t *p,
                       size_t n, const char *batch, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    buf_t ab, db;
    buf_init(&ab, 8192);
    buf_init(&db, 4096);
    dtime_t now = dtime_now();
    for (size_t i = 0; !rc && i < n; i++) {
        buf_reset(&ab);
        buf_reset(&db);
        rc = survey_answers_encode(sv->form, &p->ans[i], &ab, &db) ? err_nomem(e) : 0;
        store_survey_response_t r = {
            "paper", NULL, p->dossier[i][0] ? p->dossier[i] : NULL, batch, ab.data, db.data, now};
        if (!rc)
            rc = store_survey_response_add(s, sv->run.id, &r, e);
        if (rc)
            err_prefixf(e, "Phiếu %zu: ", "Form %zu: ", i + 1);
    }
    char detail[64];
    snprintf(detail, sizeof detail, "%zu paper forms", n);
    if (!rc)
        rc = store_audit_append(s, actor ? actor->login : "cli", "survey.import", sv->run.unit,
                                detail, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    buf_release(&ab);
    buf_release(&db);
    return rc;
}

int app_survey_import(app_t *a, const user_t *actor, int64_t id, const char *const *cols,
                      size_t ncols, const app_survey_row_t *rows, size_t nrows, const char *batch,
                      json_t **report, err_t *e)
{
    if (report)
        *report = NULL;
    if (nrows > APP_SURVEY_ROWS_MAX)
        return err_set(e, ERR_TOOLARGE, "survey.csv_rows", "Tệp có quá %d phiếu",
                       "The file has more than %d forms", APP_SURVEY_ROWS_MAX);
    app_survey_t sv;
    int rc = app_survey_load(a, actor, ACCESS_WRITE, id, NULL, &sv, e);
    paper_t p = {mem_calloc(nrows ? nrows : 1, sizeof *p.ans),
                 mem_calloc(nrows ? nrows : 1, sizeof *p.dossier)};
    json_t *errors = json_array();
    if (!rc && (!p.ans || !p.dossier || !errors))
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < nrows; i++)
        rc = paper_row(&sv, cols, ncols, &rows[i], &p, i, errors) ? err_nomem(e) : 0;
    if (!rc && !nrows)
        rc =
            err_set(e, ERR_INVALID, "survey.csv", "Tệp không có phiếu nào", "The file has no form");
    if (!rc && json_array_size(errors))
        rc = err_set(e, ERR_INVALID, "survey.csv", "Tệp có %zu lỗi; chưa nhập phiếu nào",
                     "The file has %zu problems; nothing was imported", json_array_size(errors));
    if (!rc)
        rc = paper_store(a, actor, &sv, &p, nrows, batch, e);
    if (report && (!rc || json_array_size(errors)))
        *report = rc ? json_pack("{s:O}", "errors", errors)
                     : json_pack("{s:I}", "rows", (json_int_t)nrows);
    json_decref(errors);
    mem_free(p.ans);
    mem_free(p.dossier);
    app_survey_release(&sv);
    return rc;
}

/* --- results ---------------------------------------------------------------------------- */

typedef struct tally_ctx {
    const survey_form_t *f;
    survey_tally_t *t;
    err_t *e;
} tally_ctx_t;

static int tally_one(void *ctx, const char *answers, const char *demo)
{
    tally_ctx_t *x = ctx;
    survey_answers_t a;
    int rc = survey_answers_decode(x->f, answers, demo, &a, x->e);
    if (!rc)
        survey_tally_add(x->f, x->t, &a);
    return rc;
}

int app_survey_results(app_t *a, const user_t *actor, int64_t id, const char *rule, app_survey_t *s,
                       survey_tally_t *t, survey_result_t *r, err_t *e)
{
    int rc = app_survey_load(a, actor, ACCESS_READ, id, NULL, s, e);
    survey_rule_t ru = SURVEY_RULE_SHARE;
    if (!rc && survey_rule_parse(rule ? rule : s->run.rule, &ru))
        rc = err_set(e, ERR_INVALID, "survey.rule",
                     "Cách tính phải là 'share' (tỷ lệ hài lòng) hoặc 'mean' (điểm trung bình)",
                     "The rule is 'share' (share satisfied) or 'mean' (mean score)");
    store_t *st = NULL;
    if (!rc)
        rc = app_store(a, &st, e);
    survey_tally_init(t);
    tally_ctx_t x = {s->form, t, e};
    if (!rc)
        rc = store_survey_responses(st, s->run.id, tally_one, &x, e);
    if (!rc)
        survey_result_compute(s->form, t, ru, r);
    return rc;
}

/* --- feeding ------------------------------------------------------------------------------ */

typedef struct target_ctx {
    const char *unit;
    int64_t ids[64];
    char texts[64][160];
    size_t n;
} target_ctx_t;

/* Whether a text key speaks of satisfaction ("hai long") other than as its
 * negation: "tỷ lệ không hài lòng dưới 5%" measures the opposite. */
static bool about_satisfaction(const char *key)
{
    for (const char *p = strstr(key, "hai long"); p; p = strstr(p + 1, "hai long")) {
        size_t before = (size_t)(p - key);
        bool negated = (before >= 6 && strncmp(p - 6, "khong ", 6) == 0) ||
                       (before >= 5 && strncmp(p - 5, "chua ", 5) == 0);
        if (!negated)
            return true;
    }
    return false;
}

/* A hand-measured percentage target of the unit's own plans about satisfaction. */
static int pick_target(void *ctx, const store_target_row_t *r, err_t *e)
{
    target_ctx_t *x = ctx;
    if (x->n == 64 || strcmp(r->plan_unit ? r->plan_unit : "", x->unit) != 0 ||
        kpi_find(r->indicator) >= 0 || strcmp(r->unit ? r->unit : "", "%") != 0)
        return 0;
    int krc = 0;
    char *key = text_key(r->text ? r->text : "", strlen(r->text ? r->text : ""), &krc);
    if (!key)
        return krc == ERR_NOMEM ? err_nomem(e) : 0;
    bool about = about_satisfaction(key);
    mem_free(key);
    if (!about)
        return 0;
    x->ids[x->n] = r->id;
    snprintf(x->texts[x->n++], sizeof x->texts[0], "%s", r->text);
    return 0;
}

/* Every satisfaction target of the run's unit gets the value, in one
 * transaction: all or nothing, a database error included. */
static int feed_targets(app_t *a, const user_t *actor, const app_survey_t *sv, double value,
                        json_t *out, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    target_ctx_t *x = rc ? NULL : mem_calloc(1, sizeof *x);
    if (!rc && !x)
        rc = err_nomem(e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc) {
        mem_free(x);
        return rc;
    }
    int year = 0;
    x->unit = sv->run.unit;
    sscanf(sv->run.from, "%4d", &year);
    rc = store_target_rows(s, 0, year, 0, pick_target, x, e);
    bool mean = strcmp(sv->run.rule, "mean") == 0;
    char note[700];
    snprintf(note, sizeof note, "Chỉ số hài lòng chung của khảo sát %s (%s), %lld phiếu, %s",
             sv->form->title, sv->run.period, (long long)sv->run.responses,
             mean ? "điểm trung bình quy về thang 100" : "tỷ lệ câu trả lời hài lòng");
    for (size_t i = 0; !rc && i < x->n; i++) {
        app_measure_in_t m = {sv->run.unit, sv->run.period, value, note, NULL, 0};
        rc = app_targets_measure_in(s, actor, x->ids[i], &m, NULL, e);
        json_t *o = rc ? NULL
                       : json_pack("{s:I,s:s,s:f}", "id", (json_int_t)x->ids[i], "text",
                                   x->texts[i], "value", value);
        if (!rc && (!o || json_array_append_new(out, o)))
            rc = err_nomem(e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    mem_free(x);
    return rc;
}

/* The campaign holds a survey and evaluates the year of the run's period. */
static int campaign_takes(app_t *a, const user_t *actor, const app_survey_t *sv, int64_t campaign,
                          err_t *e)
{
    json_t *c = NULL;
    int rc = app_par_campaign_get(a, actor, campaign, &c, e);
    int year = 0;
    sscanf(sv->run.from, "%4d", &year);
    if (!rc && strcmp(jsonx_str(c, "survey_mode", ""), "none") == 0)
        rc = err_set(e, ERR_CONFLICT, "survey.par_off",
                     "Đợt chấm điểm không lấy điểm điều tra xã hội học (survey_mode = none)",
                     "The PAR campaign holds no survey (survey_mode = none)");
    if (!rc && jsonx_int(c, "year", 0) != year)
        rc = err_set(e, ERR_CONFLICT, "survey.par_year",
                     "Khảo sát kỳ %s không thuộc năm %lld của đợt chấm điểm",
                     "The survey of %s is not of the campaign's year %lld", sv->run.period,
                     jsonx_int(c, "year", 0));
    json_decref(c);
    return rc;
}

static int feed_par(app_t *a, const user_t *actor, const app_survey_t *sv, const survey_result_t *r,
                    int64_t campaign, json_t **out, err_t *e)
{
    int rc = campaign_takes(a, actor, sv, campaign, e);
    app_par_survey_row_t rows[SURVEY_PAR_MAX];
    char values[SURVEY_PAR_MAX][32];
    size_t n = 0;
    for (size_t i = 0; !rc && i < sv->form->npar; i++) {
        const survey_index_t *x = survey_result_index(sv->form, r, sv->form->par[i].index);
        if (!x || !x->has)
            continue;
        snprintf(values[n], sizeof values[n], "%.3f%%", x->value);
        rows[n] = (app_par_survey_row_t){sv->run.unit, sv->form->par[i].criterion, values[n],
                                         (long)i + 1};
        n++;
    }
    if (!rc && !n)
        rc = err_set(e, ERR_CONFLICT, "survey.no_data",
                     "Phiếu không gắn tiêu chí Chỉ số CCHC nào, hoặc chưa có kết quả",
                     "The form maps no PAR criterion, or there are no results yet");
    char source[160];
    snprintf(source, sizeof source, "khảo sát %s %s %s", sv->form->code, sv->run.unit,
             sv->run.period);
    if (!rc)
        rc = app_par_results_survey(a, actor, campaign, rows, n, source, out, e);
    size_t bad = rc == ERR_INVALID ? json_array_size(json_object_get(*out, "errors")) : 0;
    if (bad) /* par.survey speaks of a file: say what the feed did */
        err_set(e, ERR_INVALID, "par.survey",
                "Đợt chấm điểm không nhận %zu tiêu chí mà phiếu khảo sát gắn; chưa ghi gì",
                "The campaign refuses %zu of the criteria the form maps; nothing was written", bad);
    return rc;
}

/* The actor may enter target values for the run's unit (app_targets_measure's
 * rule): checked before anything is written. */
static int may_write(app_t *a, const user_t *actor, int64_t id, err_t *e)
{
    app_survey_t w;
    int rc = app_survey_load(a, actor, ACCESS_WRITE, id, NULL, &w, e);
    app_survey_release(&w);
    return rc;
}

int app_survey_feed(app_t *a, const user_t *actor, int64_t id, bool targets, int64_t campaign,
                    json_t **report, err_t *e)
{
    *report = NULL;
    if (!targets && campaign <= 0)
        return err_set(e, ERR_INVALID, "survey.feed",
                       "Chọn nơi nhận kết quả: chỉ tiêu kế hoạch (targets) và/hoặc đợt chấm điểm "
                       "Chỉ số CCHC (campaign)",
                       "Say what to feed: the plan targets (targets) and/or a PAR campaign "
                       "(campaign)");
    app_survey_t sv;
    memset(&sv, 0, sizeof sv);
    survey_tally_t *t = mem_alloc(sizeof *t);
    survey_result_t *r = mem_alloc(sizeof *r);
    json_t *tj = json_array(), *pj = NULL;
    int rc = t && r && tj ? app_survey_results(a, actor, id, NULL, &sv, t, r, e) : err_nomem(e);
    if (!rc && !r->overall.has)
        rc = err_set(e, ERR_CONFLICT, "survey.no_data", "Đợt khảo sát chưa có phiếu trả lời",
                     "The survey has no response yet");
    double value = rc ? 0 : (double)(int64_t)(r->overall.value * 100 + 0.5) / 100;
    /* nothing written unless every part may be: the targets' write right
     * first, then the campaign (all or nothing itself), then the targets */
    if (!rc && targets)
        rc = may_write(a, actor, id, e);
    /* an open run's figures still move: only a closed run's are final */
    if (!rc && strcmp(sv.run.state, "closed") != 0)
        rc = err_set(e, ERR_CONFLICT, "survey.open",
                     "Đợt khảo sát đang mở: hãy kết thúc đợt (đóng) trước khi cập nhật kết quả",
                     "The survey run is still open: close it before feeding its results");
    if (!rc && campaign > 0)
        rc = feed_par(a, actor, &sv, r, campaign, &pj, e);
    if (!rc && targets)
        rc = feed_targets(a, actor, &sv, value, tj, e);
    if (!rc) {
        *report = json_pack("{s:O,s:o}", "targets", tj, "par", pj ? pj : json_null());
        if (!*report)
            rc = err_nomem(e);
    } else if (json_object_get(pj, "errors")) {
        *report = pj; /* the rows the campaign refused */
    } else {
        json_decref(pj);
    }
    json_decref(tj);
    app_survey_release(&sv);
    mem_free(t);
    mem_free(r);
    return rc;
}
