/* api_units.c - the organisation-unit registry over HTTP. */
#include "http/api.h"

#include "app/app_units.h"
#include "base/jsonx.h"
#include "io/unit_io.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int load(http_req_t *req, http_resp_t *resp, unit_set_t *set)
{
    err_t e;
    unit_set_init(set);
    if (app_units_load(api_app(req), set, &e) == 0)
        return 0;
    unit_set_release(set);
    http_resp_error(resp, &e);
    return -1;
}

/* Marks each unit object with in_scope for the current user. */
static void mark_scope(json_t *units, const unit_set_t *set, const user_t *u, date_t at)
{
    size_t i;
    json_t *o;
    json_array_foreach(units, i, o)
    {
        const char *code = jsonx_str(o, "code", "");
        jsonx_set_bool(o, "in_scope", access_allows(u, ACCESS_READ, code, set, at));
    }
}

int api_units_list(http_req_t *req, http_resp_t *resp)
{
    date_t at;
    unit_set_t set;
    if (api_query_date(req, resp, "at", &at) || load(req, resp, &set))
        return 0;
    json_t *o = unit_io_set_json(&set, at);
    if (o)
        mark_scope(json_object_get(o, "units"), &set, api_user(req), at);
    unit_set_release(&set);
    return http_resp_json(resp, 200, o);
}

static json_t *children_json(const unit_set_t *set, const char *code, date_t at)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < set->n; i++) {
        const unit_t *c = &set->units[i];
        if (c->parent && strcmp(c->parent, code) == 0 && unit_valid_at(c, at))
            json_array_append_new(arr, unit_io_unit_json(c));
    }
    return arr;
}

static json_t *links_json(const unit_set_t *set, const char *code)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < set->nlinks; i++) {
        const unit_link_t *l = &set->links[i];
        if (strcmp(l->from, code) != 0 && strcmp(l->to, code) != 0)
            continue;
        char d[DATE_ISO_LEN];
        date_format(l->on, d);
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "from", l->from, "to", l->to,
                                             "kind", unit_link_kind_code(l->kind), "date", d));
    }
    return arr;
}

int api_unit_get(http_req_t *req, http_resp_t *resp)
{
    date_t at;
    unit_set_t set;
    if (api_query_date(req, resp, "at", &at) || load(req, resp, &set))
        return 0;
    const char *code = http_req_param(req, "code");
    const unit_t *u = unit_set_find(&set, code, at);
    if (!u) {
        unit_set_release(&set);
        return http_resp_errorf(resp, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị",
                                "Unit not found");
    }
    json_t *o = json_object();
    jsonx_set_new(o, "unit", unit_io_unit_json(u));
    jsonx_set_new(o, "children", children_json(&set, u->code, at));
    jsonx_set_new(o, "links", links_json(&set, u->code));
    jsonx_set_bool(o, "in_scope", access_allows(api_user(req), ACCESS_READ, u->code, &set, at));
    unit_set_release(&set);
    return http_resp_json(resp, 200, o);
}

int api_units_resolve(http_req_t *req, http_resp_t *resp)
{
    date_t at;
    unit_set_t set;
    const char *name = http_req_query(req, "name");
    if (!name || !*name)
        return http_resp_errorf(resp, ERR_INVALID, "http.param_missing", "Thiếu tham số name",
                                "Missing parameter name");
    if (api_query_date(req, resp, "at", &at) || load(req, resp, &set))
        return 0;
    err_t e;
    unit_resolver_t *r = unit_resolve_new(&set, &e);
    unit_match_t m;
    int rc = r ? unit_resolve(r, name, at, &m, &e) : ERR_NOMEM;
    json_t *o = rc ? NULL : unit_io_match_json(name, &m);
    if (!rc)
        unit_resolve_match_release(&m);
    unit_resolve_free(r);
    unit_set_release(&set);
    return rc ? http_resp_error(resp, &e) : http_resp_json(resp, 200, o);
}

int api_units_import(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    json_t *body = http_req_json(req, &e);
    if (!body)
        return http_resp_error(resp, &e);
    unit_set_t in;
    unit_set_init(&in);
    app_unit_import_report_t rep;
    int rc = unit_io_read_json(body, "request", &in, &e);
    /* "change": what the edit does in words (the unit page's forms), kept in
     * the audit trail with who and when */
    char source[200];
    const char *change = json_string_value(json_object_get(body, "change"));
    size_t n = change ? strlen(change) : 0;
    if (n > 180) /* cut on a character boundary */
        for (n = 180; n > 0 && ((unsigned char)change[n] & 0xC0) == 0x80; n--)
            ;
    snprintf(source, sizeof source, "%s%.*s", change ? "web: " : "api", (int)n,
             change ? change : "");
    if (!rc)
        rc = app_units_import(api_app(req), api_user(req), &in, source, &rep, &e);
    unit_set_release(&in);
    if (rc)
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200,
                          json_pack("{s:I,s:I,s:I}", "units", (json_int_t)rep.units, "links",
                                    (json_int_t)rep.links, "total", (json_int_t)rep.total));
}
