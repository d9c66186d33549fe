/* api_cascade.c - the cascade check of a plan (API.md "Cascade check"). */
#include "app/app_cascade.h"
#include "http/api.h"

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

int api_cascade_get(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!plan_id(req, resp, &id))
        return 0;
    json_t *out = NULL;
    err_t e;
    if (app_cascade(api_app(req), api_user(req), id, http_req_query(req, "unit"), &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
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
