/* api_report_rules.c - reporting-calendar rows set by hand over HTTP
 * (app_report_rules.h): GET/POST /api/v1/reports/rules, DELETE
 * /api/v1/reports/rules/{id}. */
#include "app/app_report_rules.h"
#include "http/api.h"

#include <stdlib.h>

#include "base/banned.h"

int api_report_rules_list(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    if (app_report_rules_list(api_app(req), api_user(req), http_req_query(req, "receiver"), &out,
                              &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_report_rules_add(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_report_rule_in_t in = {.type = api_body_str(&b, "type", true),
                               .receiver = api_body_str(&b, "receiver", true),
                               .kind = api_body_str(&b, "kind", false),
                               .years = api_body_str(&b, "years", false),
                               .window = api_body_str(&b, "window", false),
                               .due = api_body_str(&b, "due", false),
                               .enabled = api_body_str(&b, "enabled", false),
                               .from = api_body_str(&b, "from", false),
                               .to = api_body_str(&b, "to", false),
                               .id = api_body_str(&b, "id", false),
                               .title = api_body_str(&b, "title", false),
                               .note = api_body_str(&b, "note", false)};
    if (b.field)
        return api_body_error(resp, &b);
    int64_t id = 0;
    err_t e;
    if (app_report_rules_add(api_app(req), api_user(req), &in, &id, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_report_rules_remove(http_req_t *req, http_resp_t *resp)
{
    const char *ids = http_req_param(req, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    if (!ids || !*ids || *end || id <= 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "report.rule_not_found",
                                "Không có dòng lịch báo cáo này", "No such calendar row");
    err_t e;
    if (app_report_rules_remove(api_app(req), api_user(req), id, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_object());
}
