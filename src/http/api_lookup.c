/* api_lookup.c - the citizen's dossier lookup with the province's second
 * factor (app_config_t.lookup_factor, docs/deploy.md), on both routes
 * (/public/dossiers/{code} and /public/dossiers?code=): with
 * APP_LOOKUP_RECEIVED_DATE the request must also give ?received=YYYY-MM-DD,
 * the receipt date printed on the applicant's slip. A wrong date is
 * answered exactly like an unknown code (404 dossier.not_found), after the
 * same queries, so the code alone reveals nothing; a missing one is 400
 * lookup.factor_required. The answer itself is api_public_dossier_get's. */
#include "http/api.h"

#include "app/app_dossier.h"
#include "base/date.h"
#include "base/dtime.h"

#include <string.h>

#include "base/banned.h"

int api_public_lookup(http_req_t *req, http_resp_t *resp)
{
    if (app_lookup_factor(api_app(req)) != APP_LOOKUP_RECEIVED_DATE)
        return api_public_dossier_get(req, resp);
    const char *q = http_req_query(req, "received");
    date_t want = DATE_NONE;
    if (!q || !*q || date_parse(q, strlen(q), &want)) {
        err_t e;
        err_set(&e, ERR_INVALID, "lookup.factor_required",
                "Vui lòng nhập cả ngày tiếp nhận hồ sơ (ghi trên giấy tiếp nhận, dạng "
                "năm-tháng-ngày)",
                "Please also give the date the dossier was received (on the receipt slip, as "
                "YYYY-MM-DD)");
        return api_error_field(resp, &e, "received");
    }
    const char *code = http_req_param(req, "code");
    if (!code)
        code = http_req_query(req, "code");
    if (!code || !*code)
        return api_public_dossier_get(req, resp); /* its own "code missing" answer */
    err_t e;
    app_dossier_public_t p;
    int rc = app_dossier_public(api_app(req), code, &p, &e);
    if (rc)
        return http_resp_error(resp, &e);
    if (p.received == DTIME_NONE || dtime_date(p.received) != want)
        return http_resp_errorf(resp, ERR_NOTFOUND, "dossier.not_found", "Không tìm thấy hồ sơ",
                                "Dossier not found");
    return api_public_dossier_get(req, resp);
}
