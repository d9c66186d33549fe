/* api_cascade.c - the cascade check of a plan (API.md "Cascade check"):
 * the filtered, sorted page of rows, the whole filtered list as XLSX, and
 * hand decisions. */
#include "app/app_cascade.h"
#include "http/api.h"
#include "io/cascade_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static bool plan_id(http_req_t *req, http_resp_t *resp, long long *id)
{
    const char *s = http_req_param(req, "id");
    char *end = NULL;
    *id = s ? strtoll(s, &end, 10) : 0;
    if (s && *s && !*end && *id > 0)
        return true;
    http_resp_errorf(resp, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch này", "No such plan");
    return false;
}

static bool flag(http_req_t *req, const char *name)
{
    const char *v = http_req_query(req, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* Fills f from the query (unit, tree, state, area, q, sort, desc, offset,
 * limit); false with the answer set on a bad parameter. */
static bool read_filter(http_req_t *req, http_resp_t *resp, app_cascade_filter_t *f)
{
    app_cascade_filter_init(f);
    long long area = 0, offset = 0, limit = 0;
    if (!api_query_int(req, resp, "area", 0, 8, &area) ||
        !api_query_int(req, resp, "offset", 0, 1LL << 31, &offset) ||
        !api_query_int(req, resp, "limit", 0, APP_CASCADE_LIST_MAX, &limit))
        return false;
    f->area = (int)area;
    f->offset = (size_t)offset;
    f->limit = (size_t)limit;
    f->unit = http_req_query(req, "unit");
    f->tree = flag(req, "tree");
    f->state = http_req_query(req, "state");
    f->q = http_req_query(req, "q");
    f->desc = flag(req, "desc");
    err_t e;
    const char *sort = http_req_query(req, "sort");
    if (sort && *sort && app_cascade_sort_parse(sort, &f->sort, &e)) {
        api_error_field(resp, &e, "sort");
        return false;
    }
    if (app_cascade_state_check(f->state, &e)) {
        api_error_field(resp, &e, "state");
        return false;
    }
    return true;
}

int api_cascade_get(http_req_t *req, http_resp_t *resp)
{
    long long id;
    app_cascade_filter_t f;
    if (!plan_id(req, resp, &id) || !read_filter(req, resp, &f))
        return 0;
    json_t *out = NULL;
    err_t e;
    if (app_cascade(api_app(req), api_user(req), id, &f, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* GET /api/v1/plans/{id}/cascade/export.xlsx: every filtered row, in the
 * order asked for (offset and limit ignored). */
int api_cascade_export(http_req_t *req, http_resp_t *resp)
{
    long long id;
    app_cascade_filter_t f;
    if (!plan_id(req, resp, &id) || !read_filter(req, resp, &f))
        return 0;
    f.offset = 0;
    f.limit = 0;
    const char *lang = http_req_query(req, "lang");
    json_t *out = NULL;
    err_t e;
    char path[512], name[96];
    int rc = app_cascade(api_app(req), api_user(req), id, &f, &out, &e);
    if (rc)
        return http_resp_error(resp, &e);
    rc = api_temp_file(path, sizeof path, &e);
    if (rc) {
        json_decref(out);
        return http_resp_error(resp, &e);
    }
    rc = cascade_xlsx_write(path, out, lang && strcmp(lang, "en") == 0, &e);
    json_decref(out);
    snprintf(name, sizeof name, "ra-soat-ke-hoach-%lld.xlsx", id);
    return api_send_file(resp, rc, path, API_XLSX_MIME, name, &e);
}

int api_cascade_decide(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!plan_id(req, resp, &id))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    api_body_require(&b, "task_id");
    long long task = api_body_int(&b, "task_id", 0, 1, 1LL << 53);
    const char *unit = api_body_str(&b, "unit", true);
    const char *decision = api_body_str(&b, "decision", true);
    long long child = api_body_int(&b, "child_task_id", 0, 0, 1LL << 53);
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    if (app_cascade_decide(api_app(req), api_user(req), id, task, unit, decision, child, &out, &e))
        return api_error_field(resp, &e,
                               strcmp(e.code, "cascade.decision") == 0 ? "decision"
                               : strcmp(e.code, "cascade.child") == 0  ? "child_task_id"
                                                                       : NULL);
    return http_resp_json(resp, 200, out);
}
