/* api_survey.c - satisfaction surveys over HTTP (docs/API.md "Surveys"):
 * the officials' forms, runs, paper import, results (JSON, XLSX) and
 * feeding; the citizens' public page, response and QR code. */
#include "http/api.h"

#include "app/evidence.h"
#include "app/app_survey.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "io/survey_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define RESPONSE_BODY_MAX (32u << 10)
#define CSV_BODY_MAX      (16u << 20)
#define XLSX_MIME         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static bool survey_id(http_req_t *req, http_resp_t *resp, int64_t *id)
{
    return api_path_id(req, resp, "survey.not_found", "Không tìm thấy đợt khảo sát",
                       "Survey not found", id);
}

int api_survey_forms(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    json_t *o;
    if (app_survey_forms(api_app(req), &o, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, o);
}

/* POST /api/v1/survey-forms: the form file (JSON) as the body. */
int api_survey_form_import(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    int64_t id = 0;
    bool created = false;
    if (app_survey_form_import(api_app(req), api_user(req), req->body, req->body_len, &id, &created,
                               &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, created ? 201 : 200,
                          json_pack("{s:I,s:b}", "id", (json_int_t)id, "created", created));
}

int api_surveys_list(http_req_t *req, http_resp_t *resp)
{
    const char *unit = http_req_query(req, "unit");
    err_t e;
    json_t *o;
    if (app_survey_list(api_app(req), api_user(req), unit && *unit ? unit : NULL, &o, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, o);
}

int api_survey_create(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_survey_in_t in = {0};
    api_body_require(&b, "form");
    in.form = api_body_int(&b, "form", 0, 1, 1LL << 53);
    in.unit = api_body_str(&b, "unit", true);
    in.period = api_body_str(&b, "period", true);
    in.rule = api_body_str(&b, "rule", false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    int64_t id = 0;
    if (app_survey_create(api_app(req), api_user(req), &in, &id, &e))
        return api_error_field(resp, &e,
                               strcmp(e.code, "survey.period") == 0 ? "period"
                               : strcmp(e.code, "survey.rule") == 0 ? "rule"
                                                                    : NULL);
    return http_resp_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_survey_update(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!survey_id(req, resp, &id))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *state = api_body_str(&b, "state", false);
    const char *rule = api_body_str(&b, "rule", false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    if (app_survey_set(api_app(req), api_user(req), id, state, rule, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

int api_survey_results(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!survey_id(req, resp, &id))
        return 0;
    app_survey_t s;
    memset(&s, 0, sizeof s);
    survey_tally_t *t = mem_alloc(sizeof *t);
    survey_result_t *r = mem_alloc(sizeof *r);
    err_t e;
    int rc = t && r ? app_survey_results(api_app(req), api_user(req), id,
                                         http_req_query(req, "rule"), &s, t, r, &e)
                    : err_nomem(&e);
    json_t *o = rc ? NULL : survey_io_results_json(&s, t, r);
    app_survey_release(&s);
    mem_free(t);
    mem_free(r);
    if (rc)
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, o);
}

static int send_file(http_resp_t *resp, const char *path, const char *mime, const char *name,
                     err_t *e)
{
    char *data = NULL;
    size_t len = 0;
    int rc = file_read_all(path, 64u << 20, &data, &len, e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, e);
    char *cd = evidence_content_disposition(name);
    rc = http_resp_bytes(resp, 200, mime, data, len);
    if (!rc && cd)
        rc = http_resp_header(resp, "Content-Disposition", cd);
    mem_free(cd);
    mem_free(data);
    return rc;
}

int api_survey_xlsx(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!survey_id(req, resp, &id))
        return 0;
    const char *lang = http_req_query(req, "lang"), *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/cchc-survey-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return http_resp_errorf(resp, ERR_IO, "survey.xlsx_write", "Không tạo được tệp tạm",
                                "Cannot create a temporary file");
    close(fd);
    app_survey_t s;
    memset(&s, 0, sizeof s);
    survey_tally_t *t = mem_alloc(sizeof *t);
    survey_result_t *r = mem_alloc(sizeof *r);
    err_t e;
    int rc = t && r ? app_survey_results(api_app(req), api_user(req), id,
                                         http_req_query(req, "rule"), &s, t, r, &e)
                    : err_nomem(&e);
    if (!rc)
        rc = survey_io_xlsx(path, &s, t, r, lang && strcmp(lang, "en") == 0, &e);
    char name[200];
    snprintf(name, sizeof name, "khao-sat-%s-%s.xlsx", s.run.unit, s.run.period);
    app_survey_release(&s);
    mem_free(t);
    mem_free(r);
    if (rc) {
        unlink(path);
        return http_resp_error(resp, &e);
    }
    return send_file(resp, path, XLSX_MIME, name, &e);
}

int api_survey_import(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!survey_id(req, resp, &id))
        return 0;
    const char *name = http_req_query(req, "filename");
    survey_io_csv_t c;
    err_t e;
    int rc = survey_io_csv_read(req->body, req->body_len, name ? name : "csv", &c, &e);
    json_t *report = NULL;
    if (!rc)
        rc = app_survey_import(api_app(req), api_user(req), id, (const char *const *)c.cols,
                               c.ncols, c.rows, c.nrows, name ? name : "csv", &report, &e);
    survey_io_csv_release(&c);
    if (!rc)
        return http_resp_json(resp, 200, report);
    json_t *o = jsonx_error(&e);
    if (o && report)
        json_object_set(json_object_get(o, "error"), "rows", json_object_get(report, "errors"));
    json_decref(report);
    return http_resp_json(resp, err_http_status(e.status), o);
}

int api_survey_feed(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!survey_id(req, resp, &id))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    bool targets = api_body_int(&b, "targets", 0, 0, 1) != 0;
    int64_t campaign = api_body_int(&b, "campaign", 0, 0, 1LL << 53);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    json_t *report = NULL;
    if (!app_survey_feed(api_app(req), api_user(req), id, targets, campaign, &report, &e))
        return http_resp_json(resp, 200, report);
    json_t *o = jsonx_error(&e);
    if (o && report) /* the rows the campaign refused (par.survey) */
        json_object_set(json_object_get(o, "error"), "rows", json_object_get(report, "errors"));
    json_decref(report);
    return http_resp_json(resp, err_http_status(e.status), o);
}

/* --- public ----------------------------------------------------------------------------- */

int api_public_survey_get(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "survey", 0))
        return 0;
    app_survey_t s;
    err_t e;
    if (app_survey_load(api_app(req), NULL, ACCESS_READ, 0, http_req_param(req, "token"), &s, &e)) {
        app_survey_release(&s);
        return http_resp_error(resp, &e);
    }
    json_t *form = json_loads(s.form_row.body, 0, NULL);
    json_t *o =
        form ? json_pack("{s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s},s:o}", "survey", "token", s.run.token,
                         "unit", s.run.unit, "unit_name", s.unit_name, "period", s.run.period,
                         "from", s.run.from, "to", s.run.to, "state", s.run.state, "form", form)
             : NULL;
    app_survey_release(&s);
    return http_resp_json(resp, 200, o);
}

/* {"answers":{"TC1":5,…,"gioi_tinh":"nu"},"device","dossier"?,"website"?} */
static bool read_answers(api_body_t *b, app_survey_answer_t *v, char (*nums)[8], size_t *n)
{
    json_t *a = b->field ? NULL : json_object_get(b->o, "answers");
    *n = 0;
    if (!json_is_object(a) || json_object_size(a) > SURVEY_ITEMS_MAX + SURVEY_DEMOS_MAX) {
        b->field = "answers";
        err_set(&b->e, ERR_INVALID, "survey.answer", "Phiếu trả lời không hợp lệ",
                "Invalid answers");
        return false;
    }
    const char *k;
    json_t *x;
    json_object_foreach(a, k, x)
    {
        v[*n].code = k;
        if (json_is_integer(x)) {
            snprintf(nums[*n], sizeof nums[0], "%lld", (long long)json_integer_value(x));
            v[*n].value = nums[*n];
        } else if (json_is_string(x)) {
            v[*n].value = json_string_value(x);
        } else if (json_is_null(x)) {
            v[*n].value = "";
        } else {
            b->field = "answers";
            err_set(&b->e, ERR_INVALID, "survey.answer", "Câu trả lời '%.40s' không hợp lệ",
                    "Invalid answer '%.40s'", k);
            return false;
        }
        (*n)++;
    }
    return true;
}

int api_public_survey_respond(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "survey", RESPONSE_BODY_MAX))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_survey_answer_t v[SURVEY_ITEMS_MAX + SURVEY_DEMOS_MAX];
    char nums[SURVEY_ITEMS_MAX + SURVEY_DEMOS_MAX][8];
    app_survey_response_in_t in = {v, 0, NULL, NULL};
    in.device = api_body_str(&b, "device", false);
    in.dossier = api_body_str(&b, "dossier", false);
    const char *trap = api_body_str(&b, API_HONEYPOT, false);
    read_answers(&b, v, nums, &in.n);
    if (b.field)
        return api_body_error(resp, &b);
    if (api_public_trap(req, "survey", trap))
        return http_resp_json(resp, 201, json_pack("{s:b}", "ok", 1));
    err_t e;
    if (app_survey_respond(api_app(req), http_req_param(req, "token"), &in, &e))
        return api_error_field(resp, &e,
                               strcmp(e.code, "survey.answer") == 0         ? "answers"
                               : strcmp(e.code, "survey.dossier_unit") == 0 ? "dossier"
                               : strcmp(e.code, "dossier.not_found") == 0   ? "dossier"
                                                                            : NULL);
    return http_resp_json(resp, 201, json_pack("{s:b}", "ok", 1));
}

/* The public link of a run: the scheme the proxy says (X-Forwarded-Proto)
 * or http, the Host header, and the page's route. */
static void public_link(http_req_t *req, const char *token, char *out, size_t cap)
{
    const char *proto = http_req_header(req, "X-Forwarded-Proto");
    const char *host = http_req_header(req, "Host");
    bool https = proto && strcmp(proto, "https") == 0;
    snprintf(out, cap, "%s://%s/#/khao-sat/%s", https ? "https" : "http",
             host && *host && !strpbrk(host, " /\\\"<>") ? host : "localhost", token);
}

int api_public_survey_qr(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "survey", 0))
        return 0;
    app_survey_t s;
    err_t e;
    int rc =
        app_survey_load(api_app(req), NULL, ACCESS_READ, 0, http_req_param(req, "token"), &s, &e);
    char link[400];
    if (!rc)
        public_link(req, s.run.token, link, sizeof link);
    app_survey_release(&s);
    if (rc)
        return http_resp_error(resp, &e);
    buf_t svg;
    buf_init(&svg, 1u << 20);
    rc = survey_io_qr_svg(link, &svg, &e);
    if (!rc)
        rc = http_resp_bytes(resp, 200, "image/svg+xml", svg.data, svg.len);
    else
        http_resp_error(resp, &e);
    if (!rc)
        rc = http_resp_header(resp, "X-Survey-Link", link);
    buf_release(&svg);
    return rc;
}
