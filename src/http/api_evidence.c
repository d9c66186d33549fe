/* api_evidence.c - evidence files over HTTP (docs/API.md, "Evidence").
 * Uploads arrive as the raw request body; the client's Content-Type is
 * ignored (the content decides, app/evidence.h). Downloads are by id only. */
#include "http/api.h"

#include "app/evidence.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

static json_t *evidence_json(const evidence_t *ev)
{
    char created[DTIME_ISO_LEN], url[64];
    dtime_format(dtime_from_utc(ev->created_at), created);
    snprintf(url, sizeof url, "/api/v1/evidence/%lld/content", (long long)ev->id);
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_int(o, "id", ev->id);
    rc |= jsonx_set_str(o, "filename", ev->filename);
    rc |= jsonx_set_int(o, "size", ev->size);
    rc |= jsonx_set_str(o, "kind", ev->kind);
    rc |= jsonx_set_str(o, "content_type", ev->content_type);
    rc |= jsonx_set_str(o, "sha256", ev->sha256);
    rc |= jsonx_set_str(o, "unit_code", ev->unit_code);
    rc |= jsonx_set_str(o, "owner", ev->owner_login[0] ? ev->owner_login : NULL);
    rc |= jsonx_set_str(o, "attached_type", ev->attached_type);
    rc |= jsonx_set_int(o, "attached_id", ev->attached_id);
    rc |= jsonx_set_str(o, "created_at", created);
    rc |= jsonx_set_str(o, "content_url", url);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int param_missing(http_resp_t *resp, const char *name)
{
    err_t e;
    err_set(&e, ERR_INVALID, "http.param_missing", "Thiếu tham số %s", "Missing parameter %s",
            name);
    return http_resp_error(resp, &e);
}

/* A positive integer from a string; false otherwise. */
static bool parse_id(const char *s, int64_t *out)
{
    long v;
    if (!s || !sv_to_long(sv_from(s), &v) || v <= 0)
        return false;
    *out = v;
    return true;
}

static int bad_id(http_resp_t *resp, const char *name)
{
    err_t e;
    err_set(&e, ERR_INVALID, "http.bad_id", "Tham số %s phải là số nguyên dương",
            "Parameter %s must be a positive integer", name);
    return http_resp_error(resp, &e);
}

int api_evidence_upload(http_req_t *req, http_resp_t *resp)
{
    static const char *required[] = {"unit", "attached_type", "attached_id"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *v = http_req_query(req, required[i]);
        if (!v || !*v)
            return param_missing(resp, required[i]);
    }
    evidence_upload_t in = {
        .unit_code = http_req_query(req, "unit"),
        .attached_type = http_req_query(req, "attached_type"),
        .filename = http_req_query(req, "filename"),
        .data = req->body,
        .len = req->body_len,
    };
    if (!parse_id(http_req_query(req, "attached_id"), &in.attached_id))
        return bad_id(resp, "attached_id");
    evidence_t ev;
    bool dup = false;
    err_t e;
    if (evidence_upload(api_app(req), api_user(req), &in, &ev, &dup, &e))
        return http_resp_error(resp, &e);
    char location[64];
    snprintf(location, sizeof location, "/api/v1/evidence/%lld", (long long)ev.id);
    int rc = http_resp_header(resp, "Location", location);
    if (rc)
        return rc;
    json_t *o = evidence_json(&ev);
    if (o && jsonx_set_bool(o, "duplicate", dup)) {
        json_decref(o);
        o = NULL;
    }
    return http_resp_json(resp, 201, json_pack("{s:o}", "evidence", o));
}

static int path_id(http_req_t *req, http_resp_t *resp, int64_t *id)
{
    if (parse_id(http_req_param(req, "id"), id))
        return 0;
    http_resp_errorf(resp, ERR_NOTFOUND, "evidence.not_found", "Không có hồ sơ minh chứng này",
                     "No such evidence file");
    return ERR_NOTFOUND;
}

int api_evidence_get(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (path_id(req, resp, &id))
        return 0;
    evidence_t ev;
    err_t e;
    if (evidence_get(api_app(req), api_user(req), id, &ev, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:o}", "evidence", evidence_json(&ev)));
}

int api_evidence_content(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (path_id(req, resp, &id))
        return 0;
    evidence_t ev;
    err_t e;
    int fd;
    if (evidence_open(api_app(req), api_user(req), id, &ev, &fd, &e))
        return http_resp_error(resp, &e);
    char *disp = evidence_content_disposition(ev.filename);
    int rc = disp ? http_resp_fd(resp, 200, ev.content_type, fd, (uint64_t)ev.size) : ERR_NOMEM;
    if (!disp)
        close(fd);
    if (!rc)
        rc = http_resp_header(resp, "Content-Disposition", disp);
    if (!rc)
        rc = http_resp_header(resp, "Cache-Control", "private, no-store");
    mem_free(disp);
    return rc;
}

/* GET /api/v1/evidence?unit=CODE[&limit=N]: what the unit has uploaded.
 * false when an error answer was made (*answered: its handler result). */
static bool list_unit(http_req_t *req, http_resp_t *resp, const char *unit, evidence_t **rows,
                      size_t *n, int *answered)
{
    int64_t limit = EVIDENCE_LIST_MAX;
    const char *l = http_req_query(req, "limit");
    if (l && !parse_id(l, &limit)) {
        *answered = bad_id(resp, "limit");
        return false;
    }
    err_t e;
    if (evidence_list_unit(api_app(req), api_user(req), unit,
                           limit > EVIDENCE_LIST_MAX ? EVIDENCE_LIST_MAX : (int)limit, rows, n,
                           &e)) {
        *answered = http_resp_error(resp, &e);
        return false;
    }
    return true;
}

int api_evidence_list(http_req_t *req, http_resp_t *resp)
{
    const char *type = http_req_query(req, "attached_type");
    const char *unit = http_req_query(req, "unit");
    evidence_t *rows;
    size_t n;
    err_t e;
    if ((!type || !*type) && unit && *unit) {
        int answered = 0;
        if (!list_unit(req, resp, unit, &rows, &n, &answered))
            return answered;
    } else {
        int64_t id;
        if (!type || !*type)
            return param_missing(resp, "attached_type");
        if (!parse_id(http_req_query(req, "attached_id"), &id))
            return bad_id(resp, "attached_id");
        if (evidence_list(api_app(req), api_user(req), type, id, &rows, &n, &e))
            return http_resp_error(resp, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, evidence_json(&rows[i]))) {
            json_decref(arr);
            arr = NULL;
        }
    mem_free(rows);
    return http_resp_json(resp, 200, json_pack("{s:o}", "evidence", arr));
}
