/* api_plan_edit.c - plan edits over HTTP (docs/API.md, "Plan edits"):
 *   the "edits" array of POST /api/v1/plans/parse and POST /api/v1/plans
 *   (read here for api_plans.c), GET /api/v1/plans/{id}/edits (the plan's
 *   recorded edits), POST /api/v1/plans/{id}/edits {"edits":[…]} (the
 *   editor on a stored plan: saved in place) and GET
 *   /api/v1/deadline/parse?text=&year= (the live meaning of a deadline in
 *   the editor). */
#include "http/api_plan_edit.h"

#include "app/app_plan_edit.h"
#include "app/app_plans.h"
#include "base/jsonx.h"
#include "domain/deadline.h"
#include "domain/planparse_review.h"
#include "http/api.h"
#include "io/plan_json.h"
#include "io/planedit_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int api_plan_edit_read(const json_t *body, planedit_list_t *l, char **json, http_resp_t *resp)
{
    planedit_list_init(l);
    *json = NULL;
    const json_t *v = body ? json_object_get(body, "edits") : NULL;
    if (!v || json_is_null(v))
        return 0;
    err_t e;
    int rc = planedit_json_read(v, l, &e);
    json_t *w = rc ? NULL : planedit_json_write(l);
    if (w)
        *json = jsonx_dump(w);
    json_decref(w);
    if (!rc && !*json)
        rc = err_nomem(&e);
    if (rc)
        http_resp_error(resp, &e);
    return rc;
}

int api_plan_edit_read_query(const char *text, planedit_list_t *l, char **json, http_resp_t *resp)
{
    planedit_list_init(l);
    *json = NULL;
    if (!text || !*text)
        return 0;
    err_t e;
    json_t *v = jsonx_parse(text, strlen(text), &e);
    json_t *body = v ? json_pack("{s:o}", "edits", v) : NULL;
    int rc = body ? api_plan_edit_read(body, l, json, resp)
                  : (http_resp_errorf(resp, ERR_INVALID, "planedit.json",
                                      "Tham số edits không phải JSON hợp lệ",
                                      "Parameter edits is not valid JSON"),
                     ERR_INVALID);
    json_decref(body);
    return rc;
}

int api_plan_edit_review(json_t *j, const planparse_plan_t *p)
{
    planparse_review_t r;
    if (!j || planparse_review(p, &r))
        return ERR_NOMEM;
    json_t *rv = planedit_json_review(p, &r);
    planparse_review_release(&r);
    return rv ? jsonx_set_new(j, "review", rv) : ERR_NOMEM;
}

static int plan_id(http_req_t *req, http_resp_t *resp, long long *id)
{
    const char *ids = http_req_param(req, "id");
    char *end = NULL;
    *id = ids ? strtoll(ids, &end, 10) : 0;
    if (!ids || !*ids || *end || *id <= 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch này",
                                "No such plan"),
               ERR_NOTFOUND;
    return 0;
}

int api_plan_edits_get(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (plan_id(req, resp, &id))
        return 0;
    json_t *j = NULL;
    err_t e;
    if (app_plan_edit_list(api_app(req), api_user(req), id, &j, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, j);
}

int api_plan_edits_post(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (plan_id(req, resp, &id))
        return 0;
    err_t e;
    json_t *body = http_req_json(req, &e);
    if (!body)
        return http_resp_error(resp, &e);
    if (!json_is_array(json_object_get(body, "edits")))
        return http_resp_errorf(resp, ERR_INVALID, "planedit.json", "Cần {\"edits\": [thao tác…]}",
                                "Expected {\"edits\": [edits…]}");
    planedit_list_t l;
    char *json = NULL;
    if (api_plan_edit_read(body, &l, &json, resp)) {
        planedit_list_release(&l);
        return 0;
    }
    planparse_plan_t *p = NULL;
    int rc = app_plan_edit_stored(api_app(req), api_user(req), id, &l, json, &p, &e);
    planedit_list_release(&l);
    free(json);
    if (rc)
        return http_resp_error(resp, &e);
    json_t *j = plan_json(p);
    if (j)
        jsonx_set_int(j, "id", id);
    if (j && api_plan_edit_review(j, p)) {
        json_decref(j);
        j = NULL;
    }
    planparse_plan_free(p);
    return http_resp_json(resp, 200, j);
}

int api_deadline_parse(http_req_t *req, http_resp_t *resp)
{
    const char *text = http_req_query(req, "text");
    const char *ys = http_req_query(req, "year");
    char *end = NULL;
    long year = ys && *ys ? strtol(ys, &end, 10) : 0;
    if (ys && *ys && (*end || year < 1990 || year > 2199))
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_year", "Tham số year không hợp lệ",
                                "Parameter year is invalid");
    if (!text || !*text)
        return http_resp_json(resp, 200, json_pack("{s:n}", "deadline"));
    deadline_schedule_t *d = NULL;
    err_t e;
    if (deadline_parse(text, strlen(text), (int)year, &d, &e))
        return http_resp_error(resp, &e);
    json_t *j = json_pack("{s:o*,s:b}", "deadline", deadline_to_json(d), "understood",
                          d->kind != DEADLINE_UNSPECIFIED);
    deadline_free(d);
    return http_resp_json(resp, 200, j);
}
