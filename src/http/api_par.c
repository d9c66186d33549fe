/* api_par.c - the PAR Index API (API.md "PAR Index"): frameworks,
 * campaigns, survey import, results, documents. Sheet routes:
 * api_par_sheet.c. Handlers translate HTTP to the app_par_* use cases. */
#include "app/app_par_campaign.h"
#include "app/app_par_framework.h"
#include "app/app_par_prefill.h"
#include "app/app_par_results.h"
#include "app/evidence.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "http/api.h"
#include "http/api_par_int.h"
#include "io/par_doc.h"
#include "io/par_framework_io.h"
#include "io/par_framework_xlsx.h"
#include "io/par_survey_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* ---- shared helpers (api_par_int.h) ---------------------------------------- */

bool api_par_id(http_req_t *req, http_resp_t *resp, const char *name, int64_t *out)
{
    const char *v = http_req_param(req, name);
    char *end = NULL;
    long long x = v ? strtoll(v, &end, 10) : 0;
    if (v && *v && !*end && x > 0) {
        *out = x;
        return true;
    }
    http_resp_errorf(resp, ERR_NOTFOUND, "par.campaign_not_found", "Không có đợt chấm điểm này",
                     "No such campaign");
    return false;
}

bool api_par_points(api_body_t *b, const char *key, bool required, int64_t *out)
{
    json_t *v = json_object_get(b->o, key);
    *out = PAR_NONE;
    if (b->field)
        return false;
    if (!v || json_is_null(v)) {
        if (required) {
            b->field = key;
            err_set(&b->e, ERR_INVALID, "json.field_missing", "Trường '%s': bắt buộc",
                    "Field '%s': required", key);
        }
        return !required;
    }
    if (json_is_number(v) && par_framework_milli(json_number_value(v), out) == 0)
        return true;
    b->field = key;
    err_set(&b->e, ERR_INVALID, "par.number",
            "Trường '%s': phải là số có tối đa 3 chữ số thập phân",
            "Field '%s': must be a number with at most 3 decimals", key);
    return false;
}

/* A campaign cap: points, or "none" to remove the cap (-1); absent or
 * null keeps it (PAR_NONE). */
static void cap_field(api_body_t *b, const char *key, int64_t *out)
{
    const char *s = json_string_value(json_object_get(b->o, key));
    if (s && strcmp(s, "none") == 0 && !b->field)
        *out = -1;
    else
        api_par_points(b, key, false, out);
}

int api_par_error(http_resp_t *resp, const err_t *e)
{
    static const struct {
        const char *prefix, *field;
    } map[] = {{"par.score_", "points"},        {"par.criterion_", "code"},
               {"par.survey_leaf", "code"},     {"par.reason_required", "reason"},
               {"par.note_required", "note"},   {"par.bonus_cap", "points"},
               {"par.penalty_cap", "points"},   {"par.text", "text"},
               {"par.campaign_dates", "dates"}, {"par.step", "step"},
               {"par.round", "round"},          {"par.explain_none", "code"},
               {"unit.not_found", "unit"},      {"par.framework_year", "year"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(e->code, map[i].prefix, strlen(map[i].prefix)) == 0)
            return api_error_field(resp, e, map[i].field);
    return http_resp_error(resp, e);
}

/* ---- frameworks ---------------------------------------------------------- */

static json_t *problems_json(const par_problems_t *p)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < p->n; i++) {
        const par_problem_t *x = &p->v[i];
        if (json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:s}", "node", x->node, "field",
                                               x->field, "code", x->code, "message", x->vi,
                                               "message_en", x->en))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* Reads the body as a framework: JSON, or XLSX with ?format=xlsx. */
static int read_body(http_req_t *req, par_framework_t **fw, par_problems_t *p, err_t *e)
{
    const char *fmt = http_req_query(req, "format");
    const char *name = http_req_query(req, "filename");
    if (fmt && strcmp(fmt, "xlsx") == 0)
        return par_framework_xlsx_read(req->body, req->body_len, name ? name : "framework.xlsx", fw,
                                       p, e);
    return par_framework_io_read(req->body, req->body_len, name ? name : "framework.json", fw, p,
                                 e);
}

static int framework_refused(http_resp_t *resp, const par_problems_t *p, const err_t *e)
{
    json_t *err = json_pack("{s:s,s:s,s:s,s:o}", "code", e->code, "message", e->vi, "message_en",
                            e->en, "problems", problems_json(p));
    return http_resp_json(resp, err_http_status(ERR_INVALID), json_pack("{s:o}", "error", err));
}

int api_par_framework_import(http_req_t *req, http_resp_t *resp)
{
    par_framework_t *fw = NULL;
    par_problems_t p;
    par_framework_problems_init(&p);
    err_t e;
    int rc = read_body(req, &fw, &p, &e);
    if (rc) {
        rc = p.n ? framework_refused(resp, &p, &e) : http_resp_error(resp, &e);
        par_framework_problems_release(&p);
        return rc;
    }
    const char *check = http_req_query(req, "check");
    int64_t id = 0;
    bool fresh = false;
    if (check && strcmp(check, "1") == 0)
        rc = http_resp_json(resp, 200, json_pack("{s:b,s:i}", "valid", 1, "nodes", (int)fw->n));
    else if (app_par_framework_import(api_app(req), api_user(req), fw,
                                      http_req_query(req, "filename"), req->body, req->body_len,
                                      &id, &fresh, &e))
        rc = http_resp_error(resp, &e);
    else
        rc = http_resp_json(resp, fresh ? 201 : 200,
                            json_pack("{s:I,s:b}", "id", (json_int_t)id, "created", fresh));
    par_framework_free(fw);
    par_framework_problems_release(&p);
    return rc;
}

int api_par_frameworks(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    if (app_par_framework_list(api_app(req), api_user(req), &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_framework_get(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    par_framework_t *fw = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    if (app_par_framework_get(api_app(req), api_user(req), id, &fw, &e))
        return http_resp_error(resp, &e);
    json_t *o = par_framework_io_to_json(fw);
    par_framework_free(fw);
    return o ? http_resp_json(resp, 200, o) : err_nomem(NULL);
}

/* ---- campaigns ----------------------------------------------------------- */

static void body_date(api_body_t *b, const char *key, date_t *out)
{
    const char *s = api_body_str(b, key, false);
    if (s && !b->field && date_parse(s, strlen(s), out)) {
        b->field = key;
        err_set(&b->e, ERR_INVALID, "par.campaign_dates", "Trường '%s': ngày không hợp lệ",
                "Field '%s': invalid date", key);
    }
}

/* Reads the campaign settings of a create / update body. */
static bool campaign_body(api_body_t *b, app_par_campaign_in_t *in, par_grade_t *g, size_t cap)
{
    app_par_campaign_in_init(in);
    in->name = api_body_str(b, "name", false);
    in->year = (int)api_body_int(b, "year", 0, 0, 2100);
    in->framework_id = api_body_int(b, "framework", 0, 0, 1LL << 53);
    in->scope = api_body_str(b, "scope", false);
    in->survey_mode = api_body_str(b, "survey_mode", false);
    body_date(b, "opens_on", &in->opens_on);
    body_date(b, "self_due", &in->self_due);
    body_date(b, "round1_due", &in->round1_due);
    body_date(b, "explain_due", &in->explain_due);
    body_date(b, "round2_due", &in->round2_due);
    body_date(b, "publish_due", &in->publish_due);
    cap_field(b, "bonus_max", &in->bonus_max);
    cap_field(b, "penalty_max", &in->penalty_max);
    json_t *grades = json_object_get(b->o, "grades");
    size_t i;
    json_t *x;
    json_array_foreach(grades, i, x)
    {
        if (i >= cap || !json_is_string(json_object_get(x, "label")) ||
            par_framework_milli(json_number_value(json_object_get(x, "min")), &g[i].min)) {
            b->field = b->field ? b->field : "grades";
            err_set(&b->e, ERR_INVALID, "par.grades", "Xếp loại không hợp lệ", "Invalid grades");
            break;
        }
        g[i].label = (char *)json_string_value(json_object_get(x, "label"));
        in->grades = g;
        in->ngrades = i + 1;
    }
    return !b->field;
}

int api_par_campaign_create(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    app_par_campaign_in_t in;
    par_grade_t g[16];
    if (!api_body_open(req, resp, &b))
        return 0;
    api_body_require(&b, "year");
    api_body_require(&b, "framework");
    if (!campaign_body(&b, &in, g, 16))
        return api_body_error(resp, &b);
    int64_t id = 0;
    err_t e;
    if (app_par_campaign_create(api_app(req), api_user(req), &in, &id, &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_par_campaign_update(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    api_body_t b;
    app_par_campaign_in_t in;
    par_grade_t g[16];
    if (!api_par_id(req, resp, "id", &id) || !api_body_open(req, resp, &b))
        return 0;
    if (!campaign_body(&b, &in, g, 16))
        return api_body_error(resp, &b);
    err_t e;
    json_t *out = NULL;
    if (app_par_campaign_update(api_app(req), api_user(req), id, &in, &e) ||
        app_par_campaign_get(api_app(req), api_user(req), id, &out, &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_campaigns(http_req_t *req, http_resp_t *resp)
{
    const char *y = http_req_query(req, "year");
    json_t *out = NULL;
    err_t e;
    if (app_par_campaign_list(api_app(req), api_user(req), y ? (int)strtol(y, NULL, 10) : 0, &out,
                              &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_campaign_get(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    if (app_par_campaign_get(api_app(req), api_user(req), id, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* POST /par/campaigns/{id}/{action}: extensions, appraisers, finalise, publish. */
int api_par_campaign_action(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    api_body_t b;
    if (!api_par_id(req, resp, "id", &id) || !api_body_open(req, resp, &b))
        return 0;
    const char *action = http_req_param(req, "action");
    app_t *a = api_app(req);
    const user_t *u = api_user(req);
    err_t e;
    int rc;
    if (strcmp(action, "extensions") == 0) {
        date_t due = DATE_NONE;
        const char *unit = api_body_str(&b, "unit", true);
        const char *step = api_body_str(&b, "step", true);
        body_date(&b, "due", &due);
        const char *reason = api_body_str(&b, "reason", false);
        if (b.field)
            return api_body_error(resp, &b);
        rc = app_par_campaign_extend(a, u, id, unit, step, due, reason, &e);
    } else if (strcmp(action, "appraisers") == 0) {
        const char *role = api_body_str(&b, "role", true);
        const char *unit = api_body_str(&b, "unit", false);
        if (b.field)
            return api_body_error(resp, &b);
        rc = app_par_campaign_appraiser(a, u, id, role, unit, &e);
    } else if (strcmp(action, "finalise") == 0) {
        rc = app_par_campaign_finalise(a, u, id, &e);
    } else if (strcmp(action, "publish") == 0) {
        json_t *p = json_object_get(b.o, "publish");
        rc = app_par_campaign_publish(a, u, id, !json_is_false(p),
                                      api_body_str(&b, "reason", false), &e);
    } else {
        return http_resp_errorf(resp, ERR_NOTFOUND, "http.not_found", "Không tìm thấy",
                                "Not found");
    }
    json_t *out = NULL;
    if (rc || app_par_campaign_get(a, u, id, &out, &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_prefill(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    api_body_t b;
    if (!api_par_id(req, resp, "id", &id) || !api_body_open(req, resp, &b))
        return 0;
    const char *unit = api_body_str(&b, "unit", false);
    json_t *out = NULL;
    err_t e;
    if (app_par_prefill_run(api_app(req), api_user(req), id, unit, &out, &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_survey(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    const char *name = http_req_query(req, "filename");
    par_survey_io_t rows;
    err_t e;
    json_t *rep = NULL;
    int rc = par_survey_io_read(req->body, req->body_len, name, &rows, &e);
    if (!rc)
        rc = app_par_results_survey(api_app(req), api_user(req), id, rows.rows, rows.n,
                                    name ? name : "survey.csv", &rep, &e);
    par_survey_io_release(&rows);
    if (rc && rep) {
        json_t *err = json_pack("{s:s,s:s,s:s,s:O}", "code", e.code, "message", e.vi, "message_en",
                                e.en, "rows", json_object_get(rep, "errors"));
        json_decref(rep);
        return http_resp_json(resp, err_http_status(rc), json_pack("{s:o}", "error", err));
    }
    if (rc)
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, rep);
}

int api_par_results(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    if (app_par_results_get(api_app(req), api_user(req), id, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_par_losses(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    err_t e;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    const char *unit = http_req_query(req, "unit");
    if (app_par_results_losses(api_app(req), api_user(req), id, unit && *unit ? unit : NULL, &out,
                               &e))
        return api_par_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* ---- documents ----------------------------------------------------------- */

int api_par_document(http_req_t *req, http_resp_t *resp, int64_t campaign, const char *unit,
                     int kind)
{
    const char *tmp = getenv("TMPDIR");
    char path[512], name[256];
    snprintf(path, sizeof path, "%s/cchc-par-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return http_resp_errorf(resp, ERR_IO, "par.doc_write", "Không tạo được tệp tạm",
                                "Cannot create a temporary file");
    close(fd);
    err_t e;
    char *data = NULL;
    size_t len = 0;
    int rc = par_doc_write_file(api_app(req), api_user(req), campaign, unit, (par_doc_kind_t)kind,
                                path, &e);
    if (!rc)
        rc = file_read_all(path, 64u << 20, &data, &len, &e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, &e);
    snprintf(name, sizeof name, "chi-so-cchc-%lld-%s%s", (long long)campaign,
             unit ? unit : "xep-hang", par_doc_ext((par_doc_kind_t)kind));
    char *cd = evidence_content_disposition(name);
    rc = http_resp_bytes(resp, 200, par_doc_mime((par_doc_kind_t)kind), data, len);
    if (!rc && cd)
        rc = http_resp_header(resp, "Content-Disposition", cd);
    mem_free(cd);
    mem_free(data);
    return rc;
}

int api_par_ranking_xlsx(http_req_t *req, http_resp_t *resp)
{
    int64_t id = 0;
    if (!api_par_id(req, resp, "id", &id))
        return 0;
    return api_par_document(req, resp, id, NULL, PAR_DOC_RANKING_XLSX);
}
