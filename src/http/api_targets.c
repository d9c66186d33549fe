/* api_targets.c - plan targets and their live measurements, hand
 * measurements, monthly trends and the 766 index ranking (API.md
 * "Targets"). */
#include "domain/period.h"
#include "app/app_kpi.h"
#include "app/app_overview.h"
#include "app/app_targets.h"
#include "app/app_units.h"
#include "base/jsonx.h"
#include "http/api.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static bool num_param(http_req_t *req, http_resp_t *resp, const char *name, long long min,
                      long long max, long long *out)
{
    const char *v = http_req_query(req, name);
    if (!v || !*v)
        return true;
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (!*end && x >= min && x <= max) {
        *out = x;
        return true;
    }
    err_t e;
    err_set(&e, ERR_INVALID, "http.bad_param", "Tham số %s không hợp lệ: '%s'",
            "Invalid parameter %s: '%s'", name, v);
    api_error_field(resp, &e, name);
    return false;
}

static bool read_query(http_req_t *req, http_resp_t *resp, app_target_query_t *q)
{
    memset(q, 0, sizeof *q);
    long long plan = 0, year = 0;
    if (!num_param(req, resp, "plan", 0, 1LL << 53, &plan) ||
        !num_param(req, resp, "year", 0, 9999, &year))
        return false;
    q->plan_id = plan;
    q->year = (int)year;
    q->unit = http_req_query(req, "unit");
    const char *trend = http_req_query(req, "trend");
    q->trend = !trend || strcmp(trend, "0") != 0;
    return api_query_date(req, resp, "today", &q->today) == 0;
}

int api_targets_list(http_req_t *req, http_resp_t *resp)
{
    app_target_query_t q;
    if (!read_query(req, resp, &q))
        return 0;
    if (!q.plan_id)
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_param", "Cần tham số plan",
                                "The plan parameter is required");
    json_t *out = NULL;
    err_t e;
    if (app_targets_list(api_app(req), api_user(req), &q, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* unit defaults to the user's unit */
static const char *unit_or_mine(http_req_t *req, const char *unit)
{
    const user_t *u = api_user(req);
    if (unit && *unit)
        return unit;
    return u && u->unit_code[0] ? u->unit_code : NULL;
}

int api_targets_summary(http_req_t *req, http_resp_t *resp)
{
    app_target_query_t q;
    if (!read_query(req, resp, &q))
        return 0;
    q.unit = unit_or_mine(req, q.unit);
    json_t *out = NULL;
    err_t e;
    if (app_targets_for_unit(api_app(req), api_user(req), &q, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_kpi_trend(http_req_t *req, http_resp_t *resp)
{
    app_target_query_t q;
    if (!read_query(req, resp, &q))
        return 0;
    json_t *out = NULL;
    err_t e;
    if (app_targets_trend(api_app(req), api_user(req), unit_or_mine(req, q.unit), q.year, q.today,
                          &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

static bool evidence_ids(http_resp_t *resp, json_t *body, int64_t *ids, size_t cap, size_t *n)
{
    json_t *arr = json_object_get(body, "evidence");
    *n = 0;
    size_t i;
    json_t *v;
    if (!arr || json_is_null(arr))
        return true;
    if (json_is_array(arr) && json_array_size(arr) <= cap) {
        json_array_foreach(arr, i, v)
        {
            if (!json_is_integer(v) || json_integer_value(v) <= 0)
                break;
            ids[(*n)++] = json_integer_value(v);
        }
        if (*n == json_array_size(arr))
            return true;
    }
    err_t e;
    err_set(&e, ERR_INVALID, "target.evidence_invalid",
            "\"evidence\" phải là danh sách mã tệp minh chứng",
            "\"evidence\" must be a list of evidence ids");
    api_error_field(resp, &e, "evidence");
    return false;
}

int api_target_measure(http_req_t *req, http_resp_t *resp)
{
    const char *ids = http_req_param(req, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    if (!ids || !*ids || *end || id <= 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "target.not_found", "Không có chỉ tiêu này",
                                "No such target");
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_measure_in_t in = {0};
    in.unit = api_body_str(&b, "unit", true);
    in.period = api_body_str(&b, "period", true);
    in.note = api_body_str(&b, "note", false);
    api_body_require(&b, "value");
    if (b.field)
        return api_body_error(resp, &b);
    json_t *v = json_object_get(b.o, "value");
    if (!json_is_number(v)) {
        err_t e;
        err_set(&e, ERR_INVALID, "target.value", "Giá trị phải là một số",
                "The value must be a number");
        return api_error_field(resp, &e, "value");
    }
    in.value = json_number_value(v);
    int64_t ev[16];
    if (!evidence_ids(resp, b.o, ev, 16, &in.nevidence))
        return 0;
    in.evidence = ev;
    json_t *out = NULL;
    err_t e;
    if (app_targets_measure(api_app(req), api_user(req), id, &in, &out, &e)) {
        const char *field = strncmp(e.code, "target.value", 12) == 0         ? "value"
                            : strcmp(e.code, "target.period") == 0           ? "period"
                            : strcmp(e.code, "target.unit_required") == 0    ? "unit"
                            : strcmp(e.code, "target.evidence_invalid") == 0 ? "evidence"
                                                                             : NULL;
        return api_error_field(resp, &e, field);
    }
    return http_resp_json(resp, 201, out);
}

/* Adds "unit_rank" for unit: {"unit","name","has_data","rank","of","total",
 * "kind","kind_code","province","province_name","no_data"} (rank, of and
 * total null without data); rank and of are among the units of the same
 * kind in the same province (peer_rank and peers repeat them). */
static void add_rank(http_req_t *req, json_t *o, const char *unit)
{
    unit_set_t units;
    unit_set_init(&units);
    err_t e;
    if (app_units_load(api_app(req), &units, &e))
        return;
    const unit_t *me = unit_set_find(&units, unit, DATE_NONE);
    size_t i;
    json_t *it, *mine = NULL;
    json_array_foreach(json_object_get(o, "units"), i, it)
    {
        const char *code = json_string_value(json_object_get(it, "unit"));
        if (code && strcmp(code, unit) == 0)
            mine = it;
    }
    if (mine && me) {
        const char *prov = json_string_value(json_object_get(mine, "province"));
        const unit_t *pu = prov ? unit_set_find(&units, prov, DATE_NONE) : NULL;
        json_t *rank = json_object_get(mine, "rank"), *of = json_object_get(mine, "of");
        json_t *r = json_pack(
            "{s:s,s:s,s:b,s:O,s:O,s:O,s:O,s:O,s:s,s:s,s:s?,s:s?,s:O}", "unit", unit, "name",
            me->name, "has_data", json_is_integer(rank), "rank", rank, "of", of, "peer_rank", rank,
            "peers", of, "total", json_object_get(mine, "total"), "kind",
            unit_kind_label_vi(me->kind), "kind_code", unit_kind_code(me->kind), "province", prov,
            "province_name", pu ? pu->name : NULL, "no_data", json_object_get(mine, "no_data"));
        if (r)
            json_object_set_new(o, "unit_rank", r);
    }
    unit_set_release(&units);
}

int api_index766(http_req_t *req, http_resp_t *resp)
{
    const char *period = http_req_query(req, "period");
    kpi_request_t r = {0};
    r.tree_at = DATE_NONE;
    r.as_of = dtime_now();
    r.tree = true;
    const char *national = http_req_query(req, "national");
    r.national = national && strcmp(national, "1") == 0;
    err_t e;
    if (!period || period_parse_range(period, strlen(period), &r.from, &r.to, &e)) {
        err_set(&e, ERR_INVALID, "kpi.period", "Kỳ không hợp lệ: '%s' (ví dụ 2024, 2024Q1)",
                "Invalid period '%s' (e.g. 2024, 2024Q1)", period ? period : "");
        return api_error_field(resp, &e, "period");
    }
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    if (app_kpi_index766(api_app(req), api_user(req), &r, &out, &e)) {
        buf_release(&out);
        return http_resp_error(resp, &e);
    }
    json_error_t je;
    json_t *o = json_loads(buf_cstr(&out), 0, &je);
    buf_release(&out);
    if (!o)
        return http_resp_errorf(resp, ERR_NOMEM, "http.internal", "Lỗi hệ thống", "Internal error");
    const char *unit = unit_or_mine(req, http_req_query(req, "unit"));
    if (unit)
        add_rank(req, o, unit);
    return http_resp_json(resp, 200, o);
}

int api_overview(http_req_t *req, http_resp_t *resp)
{
    long long year = 0;
    if (!num_param(req, resp, "year", 1900, 9999, &year))
        return 0;
    date_t today;
    if (api_query_date(req, resp, "today", &today))
        return 0;
    if (!year)
        year = date_year(dtime_date(dtime_now()));
    json_t *out = NULL;
    err_t e;
    if (app_overview(api_app(req), api_user(req), (int)year, http_req_query(req, "kind"),
                     http_req_query(req, "parent"), today, &out, &e))
        return api_error_field(resp, &e, strcmp(e.code, "overview.kind") == 0 ? "kind" : NULL);
    return http_resp_json(resp, 200, out);
}
