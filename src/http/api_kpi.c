/* api_kpi.c - the KPI engine over HTTP: the `cchc kpi --json` object and
 * the paged list of dossiers (or feedback items) behind a figure. */
#include "http/api.h"

#include "domain/period.h"
#include "app/app_kpi.h"
#include "base/buf.h"
#include "base/jsonx.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define EXPLAIN_LIMIT_DEFAULT 100
#define EXPLAIN_LIMIT_MAX     1000

static int bad_param(http_resp_t *resp, const char *name, const char *why_vi, const char *why_en)
{
    err_t e;
    err_set_pair(&e, ERR_INVALID, "http.bad_param", why_vi, why_en);
    err_prefixf(&e, "Tham số %s không hợp lệ: ", "Invalid parameter %s: ", name);
    api_error_field(resp, &e, name);
    return ERR_INVALID; /* the answer is set */
}

static bool flag(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0);
}

/* Fills r from the query: unit, tree, period | from + to, as_of, tree_at,
 * procedure, field. Answers 400 and returns nonzero on a bad parameter. */
int api_kpi_request(http_req_t *req, http_resp_t *resp, kpi_request_t *r)
{
    memset(r, 0, sizeof *r);
    r->from = r->to = r->tree_at = DATE_NONE;
    r->as_of = DTIME_NONE;
    r->unit = http_req_query(req, "unit");
    if (!r->unit || !*r->unit)
        return bad_param(resp, "unit", "bắt buộc", "required");
    r->tree = flag(http_req_query(req, "tree"));
    const char *period = http_req_query(req, "period");
    if (period && *period) {
        err_t e;
        if (period_parse_range(period, strlen(period), &r->from, &r->to, &e)) {
            api_error_field(resp, &e, "period");
            return ERR_INVALID;
        }
    } else if (api_query_date(req, resp, "from", &r->from) ||
               api_query_date(req, resp, "to", &r->to)) {
        return ERR_INVALID;
    }
    if (r->from == DATE_NONE || r->to == DATE_NONE)
        return bad_param(resp, "period", "cần period hoặc from và to",
                         "period, or from and to, are required");
    if (r->to < r->from)
        return bad_param(resp, "to", "trước from", "before from");
    if (api_query_date(req, resp, "tree_at", &r->tree_at))
        return ERR_INVALID;
    const char *as_of = http_req_query(req, "as_of");
    if (as_of && *as_of && dtime_parse(as_of, strlen(as_of), &r->as_of))
        return bad_param(resp, "as_of", "không phải ngày giờ", "not a date-time");
    if (r->as_of == DTIME_NONE)
        r->as_of = dtime_now();
    const char *p = http_req_query(req, "procedure"), *f = http_req_query(req, "field");
    r->procedure = p && *p ? p : NULL;
    r->field = f && *f ? f : NULL;
    return 0;
}

int api_kpi_get(http_req_t *req, http_resp_t *resp)
{
    kpi_request_t r;
    if (api_kpi_request(req, resp, &r))
        return 0;
    err_t e;
    kpi_counts_t k;
    if (app_kpi_compute(api_app(req), api_user(req), &r, &k, &e))
        return http_resp_error(resp, &e);
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    int rc = kpi_json(&out, r.unit, r.from, r.to, r.as_of, &k);
    if (!rc) /* sent as produced: the same text as `cchc kpi --json` */
        rc = http_resp_bytes(resp, 200, "application/json; charset=utf-8", buf_cstr(&out), out.len);
    buf_release(&out);
    return rc;
}

static int size_param(http_req_t *req, http_resp_t *resp, const char *name, size_t dflt, size_t max,
                      size_t *out)
{
    const char *s = http_req_query(req, name);
    *out = dflt;
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0 || (unsigned long long)v > max) {
        bad_param(resp, name, "số nguyên ngoài phạm vi", "integer out of range");
        return ERR_INVALID;
    }
    *out = (size_t)v;
    return 0;
}

/* {"unit","indicator","value","num","den","total","offset","limit","dossiers":[page]} */
static int page(const json_t *all, size_t offset, size_t limit, buf_t *out)
{
    const json_t *items = json_object_get(all, "dossiers");
    /* dossier indicators come paged by the engine (with their total); the
     * feedback items whole */
    const json_t *tj = json_object_get(all, "total");
    bool paged = json_is_integer(tj);
    size_t total = paged ? (size_t)json_integer_value(tj) : json_array_size(items);
    size_t first = paged ? 0 : offset, nitems = json_array_size(items);
    long long num = json_integer_value(json_object_get(all, "num"));
    long long den = json_integer_value(json_object_get(all, "den"));
    const char *unit = json_string_value(json_object_get(all, "unit"));
    const char *ind = json_string_value(json_object_get(all, "indicator"));
    int64_t centi;
    int rc = buf_puts(out, "{\"unit\":");
    if (!rc)
        rc = buf_put_json_str(out, unit ? unit : "", unit ? strlen(unit) : 0);
    if (!rc)
        rc = buf_puts(out, ",\"indicator\":");
    if (!rc)
        rc = buf_put_json_str(out, ind ? ind : "", ind ? strlen(ind) : 0);
    if (!rc && kpi_value_centi(num, den, &centi))
        rc = buf_printf(out, ",\"value\":%lld.%02lld", (long long)(centi / 100),
                        (long long)(centi % 100));
    else if (!rc)
        rc = buf_puts(out, ",\"value\":null");
    if (!rc)
        rc = buf_printf(out,
                        ",\"num\":%lld,\"den\":%lld,\"total\":%zu,\"offset\":%zu,"
                        "\"limit\":%zu,\"dossiers\":[",
                        num, den, total, offset, limit);
    for (size_t i = first; !rc && i < nitems && i < first + limit; i++) {
        char *s = jsonx_dump(json_array_get(items, i));
        rc = s ? buf_printf(out, "%s%s", i > first ? "," : "", s) : ERR_NOMEM;
        free(s);
    }
    if (!rc)
        rc = buf_puts(out, "]}");
    return rc;
}

int api_kpi_explain(http_req_t *req, http_resp_t *resp)
{
    kpi_request_t r;
    if (api_kpi_request(req, resp, &r))
        return 0;
    const char *indicator = http_req_query(req, "indicator");
    if (!indicator || !*indicator) {
        bad_param(resp, "indicator", "bắt buộc", "required");
        return 0;
    }
    size_t limit, offset;
    if (size_param(req, resp, "limit", EXPLAIN_LIMIT_DEFAULT, EXPLAIN_LIMIT_MAX, &limit) ||
        size_param(req, resp, "offset", 0, (size_t)1 << 40, &offset))
        return 0;
    err_t e;
    buf_t all = BUF_INIT(BUF_MAX_JSON);
    if (app_kpi_explain_page(api_app(req), api_user(req), &r, indicator, offset, limit, &all, &e)) {
        buf_release(&all);
        return api_error_field(resp, &e, strcmp(e.code, "kpi.indicator") ? NULL : "indicator");
    }
    json_t *v = jsonx_parse(buf_cstr(&all), all.len, &e);
    buf_release(&all);
    if (!v)
        return http_resp_error(resp, &e);
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    int rc = page(v, offset, limit, &out);
    json_decref(v);
    if (!rc)
        rc = http_resp_bytes(resp, 200, "application/json; charset=utf-8", buf_cstr(&out), out.len);
    buf_release(&out);
    return rc;
}
