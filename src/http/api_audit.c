/* api_audit.c - the audit trail over HTTP (administrators only):
 * GET /api/v1/audit?limit=&before=&actor=&action=&object= (app_audit.h). */
#include "http/api.h"

#include "app/app_audit.h"

#include "base/banned.h"

int api_audit_list(http_req_t *req, http_resp_t *resp)
{
    long long limit = 100, before = 0;
    if (!api_query_int(req, resp, "limit", 1, 1000, &limit) ||
        !api_query_int(req, resp, "before", 1, (1LL << 53), &before))
        return 0;
    const char *actor = http_req_query(req, "actor");
    const char *action = http_req_query(req, "action");
    const char *object = http_req_query(req, "object");
    store_audit_filter_t f = {.limit = (int)limit,
                              .before_seq = before,
                              .actor = actor && *actor ? actor : NULL,
                              .action = action && *action ? action : NULL,
                              .object = object && *object ? object : NULL};
    err_t e;
    json_t *out = NULL;
    if (app_audit_list(api_app(req), api_user(req), &f, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}
