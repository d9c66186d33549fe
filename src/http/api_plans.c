/* api_plans.c - plans over HTTP: preview a document, import it, list and
 * show stored plans. A document is uploaded either as JSON
 * {"filename":"…","content_base64":"…","unit":"…","year":2024} or as the
 * raw bytes with any non-JSON content type (?filename=, ?unit=, ?year= in
 * the query).
 *
 * Preview and import run on the server's work pool (HTTP_ROUTE_WORK), never
 * on the polling threads, with a time and memory budget; the parser polls
 * http_req_cancelled, so a stopping server or a spent budget ends it. Only
 * roles that may import reach them: api_plans_gate refuses the others
 * before a byte of the document is read. */
#include "http/api.h"
#include "http/api_plan_life.h"

#include "app/app_plans.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "http/api_plan_edit.h"
#include "io/docread.h"
#include "io/plan_json.h"
#include "io/report_clause_io.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

typedef struct upload {
    unsigned char *owned; /* decoded base64, or NULL when the raw body is used */
    const void *data;
    size_t len;
    char name[256];
    char unit[65];
    int year;
    doc_t *doc;
    json_t *fixes_json; /* the unit_fixes object (owned reference), or NULL */
    planparse_unit_fix_t fixes[64];
    size_t nfixes;
    planedit_list_t edits; /* the "edits" array of a JSON body (api_plan_edit.c) */
    char *edits_json;
    api_plan_life_opts_t life; /* replace, add_units (api_plan_life.h) */
} upload_t;

static void upload_release(upload_t *u)
{
    doc_free(u->doc);
    mem_free(u->owned);
    json_decref(u->fixes_json);
    planedit_list_release(&u->edits);
    free(u->edits_json);
    api_plan_life_opts_release(&u->life);
}

static bool json_body(http_req_t *req)
{
    const char *ct = http_req_header(req, "Content-Type");
    while (ct && (*ct == ' ' || *ct == '\t'))
        ct++;
    return ct && strncasecmp(ct, "application/json", 16) == 0;
}

static int bad(http_resp_t *resp, const char *code, const char *vi, const char *en)
{
    http_resp_errorf(resp, ERR_INVALID, code, vi, en);
    return ERR_INVALID;
}

/* "unit_fixes": {"name as written": "UNIT_CODE", ...}, from the JSON body or
 * (raw uploads) the query parameter of that name holding the JSON text. */
static int read_fixes(http_req_t *req, json_t *body, http_resp_t *resp, upload_t *u)
{
    json_t *fx = body ? json_incref(json_object_get(body, "unit_fixes")) : NULL;
    const char *q = body ? NULL : http_req_query(req, "unit_fixes");
    if (q && *q) {
        json_error_t je;
        fx = json_loads(q, 0, &je);
    }
    u->fixes_json = fx;
    if (!fx || json_is_null(fx))
        return 0;
    const char *k;
    json_t *v;
    if (!json_is_object(fx) || json_object_size(fx) > 64)
        return bad(resp, "plan.unit_fix_invalid",
                   "unit_fixes phải là đối tượng {\"tên đơn vị\": \"mã đơn vị\"} (tối đa 64)",
                   "unit_fixes must be an object {\"unit name\": \"unit code\"} (at most 64)");
    json_object_foreach(fx, k, v)
    {
        if (!json_is_string(v))
            return bad(resp, "plan.unit_fix_invalid", "Mã đơn vị phải là chuỗi",
                       "Unit codes must be strings");
        u->fixes[u->nfixes++] = (planparse_unit_fix_t){k, json_string_value(v)};
    }
    return 0;
}

static int parse_year(const char *s, int *out)
{
    if (!s || !*s)
        return 0;
    char *end;
    long y = strtol(s, &end, 10);
    if (*end || y < 1990 || y > 2199)
        return ERR_INVALID;
    *out = (int)y;
    return 0;
}

/* Reads the upload; on failure answers and returns nonzero. */
static int read_upload(http_req_t *req, http_resp_t *resp, upload_t *u)
{
    memset(u, 0, sizeof *u);
    err_t e;
    if (json_body(req)) {
        json_t *body = http_req_json(req, &e);
        if (!body) {
            http_resp_error(resp, &e);
            return ERR_INVALID;
        }
        const char *b64 = jsonx_str(body, "content_base64", NULL);
        if (!b64 || !*b64)
            return bad(resp, "plan.upload_empty", "Thiếu nội dung tài liệu (content_base64)",
                       "Missing document content (content_base64)");
        size_t cap = strlen(b64) / 4 * 3 + 3, n = 0;
        u->owned = mem_alloc(cap);
        if (!u->owned)
            return http_resp_errorf(resp, ERR_NOMEM, "nomem", "Hết bộ nhớ", "Out of memory"),
                   ERR_NOMEM;
        if (sodium_base642bin(u->owned, cap, b64, strlen(b64), " \t\r\n", &n, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0)
            return bad(resp, "plan.upload_base64", "content_base64 không phải base64 hợp lệ",
                       "content_base64 is not valid base64");
        u->data = u->owned;
        u->len = n;
        snprintf(u->name, sizeof u->name, "%s", jsonx_str(body, "filename", "upload"));
        snprintf(u->unit, sizeof u->unit, "%s", jsonx_str(body, "unit", ""));
        u->year = (int)jsonx_int(body, "year", 0);
        if (read_fixes(req, body, resp, u) ||
            api_plan_edit_read(body, &u->edits, &u->edits_json, resp))
            return ERR_INVALID;
        if (api_plan_life_opts(body, req, &u->life))
            return bad(resp, "plan.life_options",
                       "replace phải là true/false; add_units phải là \"all\" hoặc danh sách tên",
                       "replace must be true/false; add_units must be \"all\" or a list of names");
    } else {
        u->data = req->body;
        u->len = req->body_len;
        const char *fn = http_req_query(req, "filename");
        snprintf(u->name, sizeof u->name, "%s", fn && *fn ? fn : "upload");
        const char *unit = http_req_query(req, "unit");
        snprintf(u->unit, sizeof u->unit, "%s", unit ? unit : "");
        if (parse_year(http_req_query(req, "year"), &u->year))
            return bad(resp, "http.bad_year", "Tham số year không hợp lệ",
                       "Parameter year is invalid");
        if (read_fixes(req, NULL, resp, u) ||
            api_plan_edit_read_query(http_req_query(req, "edits"), &u->edits, &u->edits_json, resp))
            return ERR_INVALID;
        if (api_plan_life_opts(NULL, req, &u->life))
            return bad(resp, "plan.life_options",
                       "replace phải là 1/0; add_units phải là \"all\" hoặc danh sách tên (JSON)",
                       "replace must be 1/0; add_units must be \"all\" or a list of names (JSON)");
    }
    if (u->year && (u->year < 1990 || u->year > 2199))
        return bad(resp, "http.bad_year", "Năm không hợp lệ", "Invalid year");
    if (u->len == 0)
        return bad(resp, "plan.upload_empty", "Tài liệu gửi lên rỗng",
                   "The uploaded document is empty");
    if (docread_buffer(u->data, u->len, u->name, &u->doc, &e)) {
        http_resp_error(resp, &e);
        return ERR_INVALID;
    }
    return 0;
}

int api_plans_gate(http_req_t *req, http_resp_t *resp)
{
    const user_t *u = api_user(req);
    if (u && (u->role == ACCESS_ROLE_ADMIN || u->role == ACCESS_ROLE_STANDING ||
              u->role == ACCESS_ROLE_OFFICER))
        return 0;
    return http_resp_errorf(resp, ERR_FORBIDDEN, "plan.forbidden_role",
                            "Vai trò của bạn không được đọc hay nhập tài liệu kế hoạch",
                            "Your role may not read or import plan documents");
}

static int cancelled(void *req)
{
    return http_req_cancelled(req);
}

static app_plan_opts_t opts_of(http_req_t *req, const upload_t *u)
{
    app_plan_opts_t o = {.year = u->year,
                         .unit_code = u->unit[0] ? u->unit : NULL,
                         .fixes = u->fixes,
                         .nfixes = u->nfixes,
                         .cancel = cancelled,
                         .cancel_arg = req,
                         .edits = &u->edits,
                         .edits_json = u->edits_json,
                         .life = &u->life.life};
    return o;
}

int api_plans_parse(http_req_t *req, http_resp_t *resp)
{
    upload_t u;
    if (read_upload(req, resp, &u)) {
        upload_release(&u);
        return 0;
    }
    app_plan_opts_t o = opts_of(req, &u);
    planparse_plan_t *p = NULL;
    err_t e;
    int rc = app_plans_parse(api_app(req), u.doc, &o, &p, &e);
    report_clauses_t *rep = NULL;
    if (!rc)
        rc = app_plans_reporting(p, u.doc, o.unit_code, &rep, &e);
    json_t *j = rc ? NULL : plan_json(p);
    if (j && api_plan_life_preview(req, p, o.unit_code, u.data, u.len,
                                   j)) /* duplicate, suggested units */
        jsonx_set_str(j, "duplicate_check", "failed");
    upload_release(&u);
    if (rc) {
        planparse_plan_free(p);
        return http_resp_error(resp, &e);
    }
    if (j)
        json_object_set_new(j, "reporting", report_clause_io_json(rep));
    if (j && api_plan_edit_review(j, p)) {
        json_decref(j);
        j = NULL;
    }
    report_clause_free(rep);
    planparse_plan_free(p);
    return http_resp_json(resp, 200, j);
}

int api_plans_import(http_req_t *req, http_resp_t *resp)
{
    upload_t u;
    if (read_upload(req, resp, &u)) {
        upload_release(&u);
        return 0;
    }
    app_plan_opts_t o = opts_of(req, &u);
    app_plan_source_t src = {u.data, u.len, u.doc, u.name};
    app_plan_import_result_t res;
    planparse_plan_t *p = NULL;
    err_t e;
    int rc = app_plans_import(api_app(req), api_user(req), &src, &o, &res, &p, &e);
    upload_release(&u);
    if (rc)
        return http_resp_error(resp, &e);
    json_t *j = json_pack("{s:I,s:b,s:I,s:I}", "id", (json_int_t)res.id, "duplicate", res.duplicate,
                          "tasks", (json_int_t)res.tasks, "targets", (json_int_t)res.targets);
    json_t *pj = p ? plan_json(p) : NULL;
    if (j && pj)
        json_object_set(j, "warnings", json_object_get(pj, "warnings"));
    json_decref(pj);
    if (j && res.reporting) {
        json_object_set_new(j, "reporting", report_clause_io_json(res.reporting));
        jsonx_set_int(j, "report_rules", (int64_t)res.report_rules);
    }
    if (j)
        (void)api_plan_life_import_json(&res.life, j);
    app_plans_import_result_release(&res);
    planparse_plan_free(p);
    return http_resp_json(resp, res.duplicate ? 200 : 201, j);
}

int api_plans_list(http_req_t *req, http_resp_t *resp)
{
    json_t *list = NULL;
    err_t e;
    bool all = api_plan_life_all(req);
    if (app_plans_list(api_app(req), api_user(req), all, &list, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:o}", "plans", list));
}

int api_plan_get(http_req_t *req, http_resp_t *resp)
{
    const char *ids = http_req_param(req, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    if (!ids || !*ids || *end || id <= 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch này",
                                "No such plan");
    planparse_plan_t *p = NULL;
    store_plan_meta_t m;
    err_t e;
    if (app_plans_get(api_app(req), api_user(req), id, &p, &m, &e))
        return http_resp_error(resp, &e);
    json_t *j = plan_json(p);
    if (j && api_plan_edit_review(j, p)) { /* for the editor (plan_editor.js) */
        json_decref(j);
        j = NULL;
    }
    planparse_plan_free(p);
    if (j) {
        jsonx_set_int(j, "id", m.id);
        jsonx_set_str(j, "hash", m.hash);
        jsonx_set_str(j, "source_name", m.source_name);
        jsonx_set_str(j, "unit_code", m.unit_code[0] ? m.unit_code : NULL);
        jsonx_set_str(j, "imported_at", m.imported_at);
        jsonx_set_str(j, "imported_by", m.imported_by);
        (void)api_plan_life_show(req, m.id, j); /* current, superseded or deleted */
    }
    return http_resp_json(resp, 200, j);
}
