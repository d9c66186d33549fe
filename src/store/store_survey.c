/* store_survey.c - survey forms, runs and responses (see store_survey.h). */
#include "store/store_survey.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

void store_survey_form_row_release(store_survey_form_row_t *r)
{
    if (!r)
        return;
    mem_free(r->title);
    mem_free(r->body);
    r->title = r->body = NULL;
}

static void copy(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s ? s : "");
}

static int form_by_sha(store_t *s, const char *sha, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT id FROM survey_form WHERE sha256 = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, sha);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

int store_survey_form_insert(store_t *s, const store_survey_form_row_t *in, int64_t *id,
                             bool *created, err_t *e)
{
    *created = false;
    int rc = form_by_sha(s, in->sha256, id, e);
    if (rc)
        return rc < 0 ? rc : 0;
    store_stmt_t *st;
    rc = store_prepare(s,
                       "INSERT INTO survey_form (code, version, title, body, sha256, imported_at, "
                       "imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                       "ON CONFLICT (code, version) DO NOTHING RETURNING id",
                       &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, in->code);
    store_bind_text(st, 2, in->version);
    store_bind_text(st, 3, in->title);
    store_bind_text(st, 4, in->body);
    store_bind_text(st, 5, in->sha256);
    store_bind_text(st, 6, in->imported_at);
    store_bind_text(st, 7, in->imported_by);
    *id = 0;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = store_step(st, e);
    }
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!*id)
        return err_set(e, ERR_CONFLICT, "survey.form_version",
                       "Đã có phiếu %s phiên bản %s với nội dung khác: hãy đổi số phiên bản",
                       "Form %s version %s exists with other content: change the version", in->code,
                       in->version);
    *created = true;
    return 0;
}

static int read_form(store_stmt_t *st, store_survey_form_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = store_col_int(st, 0);
    copy(r->code, sizeof r->code, store_col_text(st, 1));
    copy(r->version, sizeof r->version, store_col_text(st, 2));
    r->title = mem_strdup(store_col_text(st, 3) ? store_col_text(st, 3) : "");
    r->body = mem_strdup(store_col_text(st, 4) ? store_col_text(st, 4) : "");
    copy(r->sha256, sizeof r->sha256, store_col_text(st, 5));
    copy(r->imported_at, sizeof r->imported_at, store_col_text(st, 6));
    copy(r->imported_by, sizeof r->imported_by, store_col_text(st, 7));
    if (r->title && r->body)
        return 0;
    store_survey_form_row_release(r);
    return ERR_NOMEM;
}

int store_survey_form_get(store_t *s, int64_t id, store_survey_form_row_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    static const char *sql = "SELECT id, code, version, title, body, sha256, imported_at, "
                             "imported_by FROM survey_form WHERE id = ?1";
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        rc = read_form(st, out) ? err_nomem(e) : 0;
    else if (rc == STORE_DONE)
        rc = err_set(e, ERR_NOTFOUND, "survey.form_not_found", "Không có phiếu khảo sát số %lld",
                     "No survey form %lld", (long long)id);
    store_stmt_done(st);
    return rc;
}

int store_survey_forms(store_t *s, store_survey_form_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, code, version, title, body, sha256, imported_at, "
                           "imported_by FROM survey_form ORDER BY id DESC",
                           &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        store_survey_form_row_t r;
        if (read_form(st, &r)) {
            rc = err_nomem(e);
            break;
        }
        rc = fn(ctx, &r);
        store_survey_form_row_release(&r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_survey_insert(store_t *s, const store_survey_row_t *in, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO survey (form_id, unit_code, period, period_from, period_to, "
                      "token, rule, state, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, "
                      "?6, ?7, ?8, ?9, ?10) ON CONFLICT (form_id, unit_code, period) DO "
                      "NOTHING RETURNING id",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, in->form_id);
    store_bind_text(st, 2, in->unit);
    store_bind_text(st, 3, in->period);
    store_bind_text(st, 4, in->from);
    store_bind_text(st, 5, in->to);
    store_bind_text(st, 6, in->token);
    store_bind_text(st, 7, in->rule);
    store_bind_text(st, 8, in->state);
    store_bind_text(st, 9, in->created_at);
    store_bind_text(st, 10, in->created_by);
    *id = 0;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = store_step(st, e);
    }
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!*id)
        return err_set(e, ERR_CONFLICT, "survey.duplicate",
                       "Đơn vị %s đã có đợt khảo sát kỳ %s với phiếu này",
                       "Unit %s already has a survey of this form for %s", in->unit, in->period);
    return 0;
}

#define SURVEY_COLS                                                                                \
    "SELECT s.id, s.form_id, s.unit_code, s.period, s.period_from, s.period_to, s.token, s.rule, " \
    "s.state, s.created_at, s.created_by, (SELECT COUNT(*) FROM survey_response r WHERE "          \
    "r.survey_id = s.id) FROM survey s "

static void read_survey(store_stmt_t *st, store_survey_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = store_col_int(st, 0);
    r->form_id = store_col_int(st, 1);
    copy(r->unit, sizeof r->unit, store_col_text(st, 2));
    copy(r->period, sizeof r->period, store_col_text(st, 3));
    copy(r->from, sizeof r->from, store_col_text(st, 4));
    copy(r->to, sizeof r->to, store_col_text(st, 5));
    copy(r->token, sizeof r->token, store_col_text(st, 6));
    copy(r->rule, sizeof r->rule, store_col_text(st, 7));
    copy(r->state, sizeof r->state, store_col_text(st, 8));
    copy(r->created_at, sizeof r->created_at, store_col_text(st, 9));
    copy(r->created_by, sizeof r->created_by, store_col_text(st, 10));
    r->responses = store_col_int(st, 11);
}

int store_survey_get(store_t *s, int64_t id, const char *token, store_survey_row_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, SURVEY_COLS "WHERE s.id = ?1 OR s.token = ?2", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, token ? -1 : id);
    store_bind_text(st, 2, token ? token : "");
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        read_survey(st, out);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "survey.not_found", "Không tìm thấy đợt khảo sát",
                     "Survey not found");
    }
    store_stmt_done(st);
    return rc;
}

int store_survey_list(store_t *s, const char *unit, store_survey_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           SURVEY_COLS "WHERE CAST(?1 AS TEXT) IS NULL OR s.unit_code = ?1 "
                                       "ORDER BY s.id DESC",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit);
    while (store_next(st, &rc, e)) {
        store_survey_row_t r;
        read_survey(st, &r);
        rc = fn(ctx, &r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_survey_set(store_t *s, int64_t id, const char *state, const char *rule, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE survey SET state = COALESCE(?2, state), rule = COALESCE(?3, "
                           "rule) WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, state);
    store_bind_text(st, 3, rule);
    return store_run(st, e);
}

/* Whether a response of survey has column = value. */
static int taken(store_t *s, int64_t survey, bool device, const char *value, bool *out, err_t *e)
{
    *out = false;
    if (!value)
        return 0;
    store_stmt_t *st;
    int rc = store_prepare(s,
                           device ? "SELECT 1 FROM survey_response WHERE survey_id = ?1 AND "
                                    "device = ?2"
                                  : "SELECT 1 FROM survey_response WHERE survey_id = ?1 AND "
                                    "dossier_code = ?2",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, survey);
    store_bind_text(st, 2, value);
    rc = store_step(st, e);
    *out = rc == STORE_ROW;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_survey_response_add(store_t *s, int64_t survey, const store_survey_response_t *r,
                              err_t *e)
{
    bool dev = false, dos = false;
    int rc = taken(s, survey, true, r->device, &dev, e);
    if (!rc)
        rc = taken(s, survey, false, r->dossier, &dos, e);
    if (!rc && dev)
        return err_set(e, ERR_CONFLICT, "survey.device",
                       "Thiết bị này đã gửi phiếu cho đợt khảo sát. Cảm ơn anh/chị!",
                       "This device has already answered this survey. Thank you!");
    if (!rc && dos)
        return err_set(e, ERR_CONFLICT, "survey.dossier",
                       "Hồ sơ %s đã có phiếu khảo sát trong đợt này",
                       "Dossier %s already has a response in this survey", r->dossier);
    store_stmt_t *st;
    if (!rc)
        rc = store_prepare(s,
                           "INSERT INTO survey_response (survey_id, source, device, dossier_code, "
                           "batch, answers, demo, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                           "?8)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, survey);
    store_bind_text(st, 2, r->source);
    store_bind_text(st, 3, r->device);
    store_bind_text(st, 4, r->dossier);
    store_bind_text(st, 5, r->batch);
    store_bind_text(st, 6, r->answers);
    store_bind_text(st, 7, r->demo ? r->demo : "");
    store_bind_int(st, 8, r->at);
    return store_run(st, e);
}

int store_survey_responses(store_t *s, int64_t survey, store_survey_response_fn fn, void *ctx,
                           err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "SELECT answers, demo FROM survey_response WHERE survey_id = ?1 ORDER BY id", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, survey);
    while (store_next(st, &rc, e)) {
        const char *a = store_col_text(st, 0), *d = store_col_text(st, 1);
        rc = fn(ctx, a ? a : "", d ? d : "");
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
