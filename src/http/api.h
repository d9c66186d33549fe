/* api.h - the JSON API of cchc under /api/v1/ (see docs/API.md): the route
 * table and the authentication hooks that bind the HTTP layer to app_t.
 * Handlers translate HTTP to app use cases and back; they hold no rules. */
#ifndef CCHC_HTTP_API_H
#define CCHC_HTTP_API_H

#include "app/app.h"
#include "domain/access.h"
#include "http/server.h"

extern const http_route_t api_routes[];
extern const http_hooks_t api_hooks;

/* Handlers, grouped by file. */
int api_health(http_req_t *req, http_resp_t *resp);
int api_login(http_req_t *req, http_resp_t *resp);
int api_logout(http_req_t *req, http_resp_t *resp);
int api_me(http_req_t *req, http_resp_t *resp);
int api_units_list(http_req_t *req, http_resp_t *resp);
int api_unit_get(http_req_t *req, http_resp_t *resp);
int api_units_resolve(http_req_t *req, http_resp_t *resp);
int api_units_import(http_req_t *req, http_resp_t *resp);
int api_evidence_upload(http_req_t *req, http_resp_t *resp);
int api_evidence_list(http_req_t *req, http_resp_t *resp);
int api_evidence_get(http_req_t *req, http_resp_t *resp);
int api_evidence_content(http_req_t *req, http_resp_t *resp);
int api_plans_parse(http_req_t *req, http_resp_t *resp);
int api_plans_import(http_req_t *req, http_resp_t *resp);
int api_plans_list(http_req_t *req, http_resp_t *resp);
int api_plan_get(http_req_t *req, http_resp_t *resp);

/* Shared helpers for handlers. */
static inline app_t *api_app(const http_req_t *req)
{
    return (app_t *)req->app;
}
static inline const user_t *api_user(const http_req_t *req)
{
    return (const user_t *)req->user;
}
/* Parses the optional ?at=DATE query parameter (DATE_NONE when absent);
 * on a bad date answers 400 and returns nonzero. */
int api_query_date(http_req_t *req, http_resp_t *resp, const char *name, date_t *out);
json_t *api_user_json(const user_t *u);

#endif
