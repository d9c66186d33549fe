/* api_health.c - GET /api/v1/health (public): 200 when the instance is fit
 * to serve, 503 naming the checks that failed (app_health.h), so that a
 * load balancer takes the instance out. No file-system path is shown. */
#include "http/api.h"

#include "app/app_health.h"
#include "base/jsonx.h"

#include <stdio.h>

#include "base/banned.h"

static json_t *check(bool ok, const char *why)
{
    json_t *o = json_pack("{s:b}", "ok", ok);
    if (o && !ok && why && *why)
        jsonx_set_str(o, "reason", why);
    return o;
}

static json_t *disks(const app_health_report_t *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->ndisks; i++)
        json_array_append_new(arr, json_pack("{s:s,s:b,s:I}", "name", r->disks[i].name, "ok",
                                             r->disks[i].ok, "free_mb",
                                             (json_int_t)(r->disks[i].free_bytes >> 20)));
    return arr;
}

static json_t *workers(const app_health_report_t *r)
{
    json_t *stuck = json_array();
    for (size_t i = 0; stuck && i < r->nstuck; i++)
        json_array_append_new(stuck, json_pack("{s:s,s:I}", "kind", r->stuck[i].kind, "seconds",
                                               (json_int_t)r->stuck[i].seconds));
    return json_pack("{s:b,s:I,s:i,s:o}", "ok", r->workers_ok, "running", (json_int_t)r->running,
                     "stuck_after_seconds", r->stuck_after, "stuck", stuck ? stuck : json_array());
}

static json_t *failing(const app_health_report_t *r)
{
    json_t *arr = json_array();
    if (arr && !r->db_ok)
        json_array_append_new(arr, json_string("database"));
    if (arr && r->db_ok && !r->db_writable)
        json_array_append_new(arr, json_string("database_writable"));
    if (arr && !r->disk_ok)
        json_array_append_new(arr, json_string("disk"));
    if (arr && !r->workers_ok)
        json_array_append_new(arr, json_string("workers"));
    return arr;
}

int api_health(http_req_t *req, http_resp_t *resp)
{
    app_health_report_t r;
    app_health_check(api_app(req), &r);
    json_t *o = json_pack(
        "{s:s,s:o,s:{s:o,s:o,s:{s:b,s:I,s:o},s:o}}", "status", r.ok ? "ok" : "fail", "failing",
        failing(&r), "checks", "database", check(r.db_ok, r.db_why), "database_writable",
        check(r.db_writable, r.ro_why), "disk", "ok", r.disk_ok, "min_free_mb",
        (json_int_t)(r.min_free >> 20), "dirs", disks(&r), "workers", workers(&r));
    if (!r.ok) {
        err_t e;
        err_set(&e, ERR_BUSY, "health.fail",
                "Máy chủ không sẵn sàng phục vụ: có kiểm tra không đạt (xem failing)",
                "The server is not fit to serve: a check failed (see failing)");
        json_t *err = jsonx_error(&e);
        if (o && err)
            jsonx_set(o, "error", json_object_get(err, "error"));
        json_decref(err);
    }
    return http_resp_json(resp, r.ok ? 200 : 503, o);
}
