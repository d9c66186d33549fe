/* api_rating.c - rating a dossier from the public lookup over HTTP, and
 * the officials' side (receipt code, phone factor, summary); docs/API.md
 * "Rating a dossier". */
#include "http/api.h"

#include "app/app_rating.h"
#include "base/jsonx.h"

#include <string.h>

#include "base/banned.h"

#define RATING_BODY_MAX (16u << 10)

static json_t *criteria_json(const rating_rules_t *r)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < r->ncriteria; i++) {
        json_t *o = json_pack("{s:s,s:s,s:s}", "code", r->criteria[i].code, "label",
                              r->criteria[i].label, "label_en", r->criteria[i].label_en);
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *status_json(const app_rating_status_t *st, const rating_rules_t *r)
{
    json_t *o = json_pack("{s:s,s:b,s:b,s:b,s:i,s:s,s:s,s:s,s:i}", "code", st->code, "returned",
                          st->returned, "rated", st->rated, "can_rate", st->can_rate, "level",
                          st->level, "level_label", rating_level_label_vi(st->level),
                          "level_label_en", rating_level_label_en(st->level), "factor",
                          rating_factor_name(r->factor), "comment_max", r->comment_max);
    if (o && jsonx_set_new(o, "criteria", criteria_json(r))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int answer_status(http_req_t *req, http_resp_t *resp, int status, const char *code)
{
    err_t e;
    rating_rules_t r;
    app_rating_status_t st;
    if (app_rating_rules(api_app(req), &r, &e) ||
        app_rating_public_status(api_app(req), code, &st, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, status, status_json(&st, &r));
}

/* GET /api/v1/public/rating?code=… */
int api_public_rating_get(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "rating", 0))
        return 0;
    const char *code = http_req_query(req, "code");
    if (!code || !*code)
        return http_resp_errorf(resp, ERR_INVALID, "dossier.code_missing", "Vui lòng nhập mã hồ sơ",
                                "Please enter the dossier code");
    return answer_status(req, resp, 200, code);
}

static const char *field_of(const err_t *e)
{
    static const struct {
        const char *code, *field;
    } map[] = {{"rating.factor", "factor"},
               {"rating.level", "rating"},
               {"rating.criterion", "criteria"},
               {"rating.comment", "comment"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, e->code) == 0)
            return map[i].field;
    return NULL;
}

/* The criteria object {"code": level, …} into in. */
static bool read_criteria(api_body_t *b, rating_in_t *in)
{
    json_t *c = b->field ? NULL : json_object_get(b->o, "criteria");
    if (!c || json_is_null(c))
        return true;
    if (!json_is_object(c) || json_object_size(c) > RATING_CRITERIA_MAX) {
        b->field = "criteria";
        err_set(&b->e, ERR_INVALID, "rating.criterion", "Tiêu chí đánh giá không hợp lệ",
                "Invalid rating criteria");
        return false;
    }
    const char *k;
    json_t *v;
    json_object_foreach(c, k, v)
    {
        if (!json_is_integer(v)) {
            b->field = "criteria";
            err_set(&b->e, ERR_INVALID, "rating.level", "Mức đánh giá phải là số 1, 2 hoặc 3",
                    "A rating level is 1, 2 or 3");
            return false;
        }
        in->codes[in->n] = k;
        in->levels[in->n++] = (int)json_integer_value(v);
    }
    return true;
}

/* POST /api/v1/public/rating {"code","factor","rating","criteria"?,"comment"?} */
int api_public_rating_post(http_req_t *req, http_resp_t *resp)
{
    if (!api_public_guard(req, resp, "rating", RATING_BODY_MAX))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *code = api_body_str(&b, "code", true);
    const char *factor = api_body_str(&b, "factor", false);
    api_body_require(&b, "rating");
    rating_in_t in = {0};
    in.level = (int)api_body_int(&b, "rating", 0, 1, 3);
    in.comment = api_body_str(&b, "comment", false);
    const char *trap = api_body_str(&b, API_HONEYPOT, false);
    read_criteria(&b, &in);
    if (b.field)
        return api_body_error(resp, &b);
    if (api_public_trap(req, "rating", trap))
        return http_resp_json(resp, 200, json_pack("{s:s,s:b}", "code", code, "rated", 1));
    err_t e;
    if (app_rating_submit(api_app(req), code, factor, &in, &e))
        return api_error_field(resp, &e, field_of(&e));
    return answer_status(req, resp, 201, code);
}

/* GET /api/v1/dossiers/{code}/receipt */
int api_dossier_receipt(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    char receipt[RATING_RECEIPT_LEN + 1];
    const char *code = http_req_param(req, "code");
    if (app_rating_receipt(api_app(req), api_user(req), code, receipt, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:s,s:s}", "code", code, "receipt", receipt));
}

/* POST /api/v1/dossiers/{code}/phone {"phone"} */
int api_dossier_phone(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *phone = api_body_str(&b, "phone", true);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    if (app_rating_set_phone(api_app(req), api_user(req), http_req_param(req, "code"), phone, &e))
        return api_error_field(resp, &e, strcmp(e.code, "rating.phone") ? NULL : "phone");
    return http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

/* GET /api/v1/ratings/summary?unit=U&from=D&to=D */
int api_ratings_summary(http_req_t *req, http_resp_t *resp)
{
    const char *unit = http_req_query(req, "unit");
    date_t from, to;
    if (api_query_date(req, resp, "from", &from) || api_query_date(req, resp, "to", &to))
        return 0;
    if (!unit || !*unit || from == DATE_NONE || to == DATE_NONE || to < from)
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_param",
                                "Cần tham số unit, from và to (from ≤ to)",
                                "Parameters unit, from and to are required (from <= to)");
    err_t e;
    json_t *o;
    if (app_rating_summary(api_app(req), api_user(req), unit, from, to, &o, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, o);
}
