/* api_par_sheet.c - PAR score sheets over the API (API.md "PAR Index"):
 * the sheet, its history, the unit's and the appraisers' writes, the
 * appraiser's work list and the sheet's documents. */
#include "app/app_par_appraise.h"
#include "app/app_par_sheet.h"
#include "http/api.h"
#include "http/api_par_int.h"
#include "io/par_doc.h"

#include <string.h>

#include "base/banned.h"

int api_par_sheet_get(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    if (app_par_sheet_get(api_app(req), api_user(req), id, http_req_param(req, "unit"), &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_sheet_history(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    const char *code = http_req_query(req, "code");
    if (app_par_sheet_history(api_app(req), api_user(req), id, http_req_param(req, "unit"),
                              code && *code ? code : NULL, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_queue(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    const char *state = http_req_query(req, "state");
    if (app_par_appraise_queue(api_app(req), api_user(req), id, state && *state ? state : NULL,
                               &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* The writes; 0 or the status with e filled (b's failure: ERR_INVALID with
 * *body_failed set). */
static int scores(api_body_t *b, app_t *a, const user_t *u, int64_t id, const char *unit, err_t *e)
{
    app_par_score_in_t in = {.code = api_body_str(b, "code", true),
                             .note = api_body_str(b, "note", false)};
    json_t *acc = json_object_get(b->o, "accept");
    in.accept = json_is_true(acc);
    api_par_points(b, "points", false, &in.points);
    return b->field ? ERR_INVALID : app_par_sheet_score(a, u, id, unit, &in, e);
}

static int appraisals(api_body_t *b, app_t *a, const user_t *u, int64_t id, const char *unit,
                      err_t *e)
{
    app_par_appraise_in_t in = {.code = api_body_str(b, "code", true),
                                .reason = api_body_str(b, "reason", false),
                                .round = api_body_str(b, "round", false)};
    api_par_points(b, "points", false, &in.points);
    return b->field ? ERR_INVALID : app_par_appraise_score(a, u, id, unit, &in, NULL, e);
}

static int explanations(api_body_t *b, app_t *a, const user_t *u, int64_t id, const char *unit,
                        err_t *e)
{
    const char *code = api_body_str(b, "code", true);
    const char *request = api_body_str(b, "request", false);
    const char *answer = api_body_str(b, "answer", false);
    if (b->field)
        return ERR_INVALID;
    if (request)
        return app_par_appraise_request(a, u, id, unit, code, request, e);
    return app_par_sheet_answer(a, u, id, unit, code, answer, e);
}

static int adjustments(api_body_t *b, app_t *a, const user_t *u, int64_t id, const char *unit,
                       err_t *e)
{
    const char *kind = api_body_str(b, "kind", true);
    const char *reason = api_body_str(b, "reason", false);
    int64_t points = 0;
    api_par_points(b, "points", true, &points);
    if (b->field)
        return ERR_INVALID;
    if (strcmp(kind, "bonus") && strcmp(kind, "penalty"))
        return err_set(e, ERR_INVALID, "par.kind", "kind phải là bonus hoặc penalty",
                       "kind must be bonus or penalty");
    return app_par_sheet_adjust(a, u, id, unit, strcmp(kind, "penalty") == 0, points, reason, e);
}

static int others(const char *action, api_body_t *b, app_t *a, const user_t *u, int64_t id,
                  const char *unit, err_t *e)
{
    if (strcmp(action, "submit") == 0) {
        json_t *s = json_object_get(b->o, "submit");
        return app_par_sheet_submit(a, u, id, unit, !json_is_false(s),
                                    api_body_str(b, "reason", false), e);
    }
    if (strcmp(action, "applicable") == 0) {
        const char *code = api_body_str(b, "code", true);
        return b->field
                   ? ERR_INVALID
                   : app_par_sheet_applicable(a, u, id, unit, code,
                                              !json_is_false(json_object_get(b->o, "applicable")),
                                              api_body_str(b, "reason", false), e);
    }
    if (strcmp(action, "text") == 0)
        return app_par_sheet_text(a, u, id, unit, api_body_str(b, "difficulties", false), e);
    if (strcmp(action, "evidence") == 0) {
        long long ev = api_body_int(b, "evidence_id", 0, 1, 1LL << 53);
        const char *code = api_body_str(b, "code", false);
        const char *purpose = api_body_str(b, "purpose", false);
        if (!b->field && !ev)
            api_body_require(b, "evidence_id");
        return b->field
                   ? ERR_INVALID
                   : app_par_sheet_link(a, u, id, unit, code, purpose ? purpose : "report", ev, e);
    }
    return err_set(e, ERR_NOTFOUND, "http.not_found", "Không tìm thấy", "Not found");
}

/* POST /par/campaigns/{id}/sheets/{unit}/{action}; answers the sheet. */
int api_par_sheet_action(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    api_body_t b;
    if (!api_par_id(req, resp, "id", &id) || !api_body_open(req, resp, &b))
        return 0;
    const char *unit = http_req_param(req, "unit");
    const char *action = http_req_param(req, "action");
    app_t *a = api_app(req);
    const user_t *u = api_user(req);
    err_t e;
    int rc;
    if (strcmp(action, "scores") == 0)
        rc = scores(&b, a, u, id, unit, &e);
    else if (strcmp(action, "appraisals") == 0)
        rc = appraisals(&b, a, u, id, unit, &e);
    else if (strcmp(action, "explanations") == 0)
        rc = explanations(&b, a, u, id, unit, &e);
    else if (strcmp(action, "adjustments") == 0)
        rc = adjustments(&b, a, u, id, unit, &e);
    else
        rc = others(action, &b, a, u, id, unit, &e);
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    if (rc || app_par_sheet_get(a, u, id, unit, &out, &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_sheet_document(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    const char *doc = http_req_param(req, "doc");
    int kind = strcmp(doc, "report.docx") == 0  ? PAR_DOC_REPORT_DOCX
               : strcmp(doc, "report.pdf") == 0 ? PAR_DOC_REPORT_PDF
               : strcmp(doc, "table.xlsx") == 0 ? PAR_DOC_SHEET_XLSX
                                                : -1;
    if (kind < 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "http.not_found", "Không tìm thấy",
                                "Not found");
    return api_par_document(req, resp, id, http_req_param(req, "unit"), kind);
}
