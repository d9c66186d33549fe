/* api_plan_life.c - the life of a stored plan over HTTP
 * (docs/internals/plan_lifecycle.md, API.md "Plans"):
 *   POST   /api/v1/plans/{id}/supersede  {"by": NEW_ID}
 *   DELETE /api/v1/plans/{id}            {"reason": "…"} or ?reason=
 *   POST   /api/v1/plans/{id}/restore
 * and the small readers api_plans.c uses for the list filter, the preview's
 * additions and the import's options. */
#include "http/api_plan_life.h"

#include "http/api.h"

#include "app/app_plan_life.h"
#include "app/app_plans.h"
#include "base/jsonx.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static bool plan_id(http_req_t *req, long long *id)
{
    const char *s = http_req_param(req, "id");
    char *end = NULL;
    *id = s && *s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && *id > 0 && *id < (1LL << 53);
}

static int no_plan(http_resp_t *resp)
{
    return http_resp_errorf(resp, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch này",
                            "No such plan");
}

int api_plan_supersede(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!plan_id(req, &id))
        return no_plan(resp);
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    long long by = api_body_int(&b, "by", 0, 1, (1LL << 53) - 1);
    api_body_require(&b, "by");
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    if (app_plan_life_supersede(api_app(req), api_user(req), id, by, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_plan_delete(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!plan_id(req, &id))
        return no_plan(resp);
    const char *reason = http_req_query(req, "reason");
    if (req->body_len) {
        api_body_t b;
        if (!api_body_open(req, resp, &b))
            return 0;
        const char *r = api_body_str(&b, "reason", false);
        if (b.field)
            return api_body_error(resp, &b);
        if (r)
            reason = r;
    }
    json_t *out = NULL;
    err_t e;
    if (app_plan_life_delete(api_app(req), api_user(req), id, reason, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_plan_restore(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!plan_id(req, &id))
        return no_plan(resp);
    json_t *out = NULL;
    err_t e;
    if (app_plan_life_restore(api_app(req), api_user(req), id, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

bool api_plan_life_all(http_req_t *req)
{
    const char *st = http_req_query(req, "status");
    return st && strcmp(st, "all") == 0;
}

void api_plan_life_opts_release(api_plan_life_opts_t *o)
{
    json_decref(o->query);
    o->query = NULL;
}

static int read_units(json_t *u, api_plan_life_opts_t *o)
{
    if (json_is_string(u) && strcmp(json_string_value(u), "all") == 0) {
        o->life.add_all_units = true;
        return 0;
    }
    if (u && !json_is_null(u) && (!json_is_array(u) || json_array_size(u) > API_PLAN_ADD_MAX))
        return ERR_INVALID;
    size_t i;
    json_t *v;
    json_array_foreach(u, i, v)
    {
        if (!json_is_string(v))
            return ERR_INVALID;
        o->names[o->life.nadd_units++] = json_string_value(v);
    }
    o->life.add_units = o->names;
    return 0;
}

/* add_units of a raw upload's query ("all" or JSON text), kept in o->query
 * (borrowed from there); text that does not parse becomes a value
 * read_units refuses. */
static json_t *query_units(http_req_t *req, api_plan_life_opts_t *o)
{
    const char *u = http_req_query(req, "add_units");
    if (!u || !*u)
        return NULL;
    json_error_t je;
    o->query = strcmp(u, "all") == 0 ? json_string("all") : json_loads(u, JSON_DECODE_ANY, &je);
    if (!o->query)
        o->query = json_integer(0);
    return o->query;
}

int api_plan_life_opts(json_t *body, http_req_t *req, api_plan_life_opts_t *o)
{
    memset(o, 0, sizeof *o);
    json_t *r = NULL, *u = NULL; /* borrowed */
    if (body) {
        r = json_object_get(body, "replace");
        u = json_object_get(body, "add_units");
    } else {
        const char *q = http_req_query(req, "replace");
        r = q && *q ? json_boolean(strcmp(q, "1") == 0 || strcmp(q, "true") == 0) : NULL;
        u = query_units(req, o);
    }
    if (r && !json_is_boolean(r) && !json_is_null(r))
        return ERR_INVALID;
    o->life.replace = json_is_true(r);
    return read_units(u, o);
}

int api_plan_life_preview(http_req_t *req, const planparse_plan_t *p, const char *unit,
                          const void *data, size_t len, json_t *answer)
{
    char hash[65];
    app_plans_hash(data, len, hash);
    json_t *extra = NULL;
    err_t e;
    int rc = app_plan_life_preview(api_app(req), p, unit, hash, &extra, &e);
    if (!rc && json_object_update(answer, extra))
        rc = ERR_NOMEM;
    json_decref(extra);
    return rc;
}

int api_plan_life_import_json(const app_plan_life_result_t *r, json_t *answer)
{
    int rc = 0;
    if (r->superseded)
        rc |= jsonx_set_int(answer, "superseded", r->superseded);
    if (r->supersede)
        rc |= jsonx_set_new(answer, "supersede", json_incref(r->supersede));
    if (r->units_added)
        rc |= jsonx_set_new(answer, "units_added", json_incref(r->units_added));
    return rc ? ERR_NOMEM : 0;
}

int api_plan_life_show(http_req_t *req, int64_t id, json_t *answer)
{
    json_t *st = NULL;
    err_t e;
    int rc = app_plan_life_status(api_app(req), id, &st, &e);
    if (!rc && json_object_update(answer, st))
        rc = ERR_NOMEM;
    json_decref(st);
    return rc;
}
