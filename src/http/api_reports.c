/* api_reports.c - periodic reports (API.md "Reports"): calendar, create,
 * read, sections, submit / return / accept, compare, the receiver's matrix,
 * reminders, quoting, documents; and the user's notices. */
#include "app/app_notice.h"
#include "app/app_report.h"
#include "app/evidence.h"
#include "base/file.h"
#include "base/mem.h"
#include "http/api.h"
#include "io/report_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define EXPORT_MAX ((size_t)64 << 20)

static int answer(http_resp_t *resp, int rc, const err_t *e, json_t *out, int status)
{
    if (rc)
        return http_resp_error(resp, e);
    return http_resp_json(resp, status, out);
}

/* The user's unit when the query names none. */
static const char *unit_param(http_req_t *req)
{
    const char *u = http_req_query(req, "unit");
    const user_t *me = api_user(req);
    return u && *u ? u : me && me->unit_code[0] ? me->unit_code : NULL;
}

static bool year_param(http_req_t *req, http_resp_t *resp, int *year)
{
    long long y = 0;
    if (!api_query_int(req, resp, "year", 1990, 2199, &y))
        return false;
    *year = y ? (int)y : date_year(dtime_date(dtime_now()));
    return true;
}

static bool report_id(http_req_t *req, http_resp_t *resp, int64_t *id)
{
    return api_path_id(req, resp, "report.not_found", "Không tìm thấy báo cáo", "Report not found",
                       id);
}

typedef int (*unit_year_fn)(app_t *a, const user_t *actor, const char *unit, int year, json_t **out,
                            err_t *e);

/* A GET of a unit (default: the user's) and a year (default: this one). */
static int unit_year(http_req_t *req, http_resp_t *resp, unit_year_fn fn)
{
    int year;
    const char *unit = unit_param(req);
    if (!year_param(req, resp, &year))
        return 0;
    if (!unit)
        return http_resp_errorf(resp, ERR_INVALID, "http.param_missing", "Thiếu tham số unit",
                                "Missing parameter unit");
    json_t *out = NULL;
    err_t e;
    int rc = fn(api_app(req), api_user(req), unit, year, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_report_calendar(http_req_t *req, http_resp_t *resp)
{
    return unit_year(req, resp, app_report_calendar);
}

int api_reports_list(http_req_t *req, http_resp_t *resp)
{
    return unit_year(req, resp, app_report_list);
}

int api_report_create(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_report_create_in_t in = {0};
    in.unit = api_body_str(&b, "unit", true);
    in.kind = api_body_str(&b, "kind", true);
    in.year = (int)api_body_int(&b, "year", 0, 1990, 2199);
    in.adhoc_id = api_body_str(&b, "id", false);
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    int rc = app_report_create(api_app(req), api_user(req), &in, &out, &e);
    return answer(resp, rc, &e, out, 201);
}

int api_report_get(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!report_id(req, resp, &id))
        return 0;
    json_t *out = NULL;
    err_t e;
    int rc = app_report_get(api_app(req), api_user(req), id, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_report_section(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    api_body_t b;
    if (!report_id(req, resp, &id) || !api_body_open(req, resp, &b))
        return 0;
    const char *body = api_body_str(&b, "body", false);
    long long version = api_body_int(&b, "version", 0, 0, 1LL << 53);
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    int rc = app_report_save_section(api_app(req), api_user(req), id, http_req_param(req, "code"),
                                     body ? body : "", version, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

static int step(http_req_t *req, http_resp_t *resp, int which)
{
    int64_t id;
    if (!report_id(req, resp, &id))
        return 0;
    json_t *out = NULL;
    err_t e;
    int rc;
    if (which == 1) {
        api_body_t b;
        if (!api_body_open(req, resp, &b))
            return 0;
        const char *reason = api_body_str(&b, "reason", true);
        if (b.field)
            return api_body_error(resp, &b);
        rc = app_report_return(api_app(req), api_user(req), id, reason, DTIME_NONE, &out, &e);
    } else if (which == 2) {
        rc = app_report_accept(api_app(req), api_user(req), id, DTIME_NONE, &out, &e);
    } else {
        rc = app_report_submit(api_app(req), api_user(req), id, DTIME_NONE, &out, &e);
    }
    return answer(resp, rc, &e, out, 200);
}

int api_report_submit(http_req_t *req, http_resp_t *resp)
{
    return step(req, resp, 0);
}

int api_report_return(http_req_t *req, http_resp_t *resp)
{
    return step(req, resp, 1);
}

int api_report_accept(http_req_t *req, http_resp_t *resp)
{
    return step(req, resp, 2);
}

int api_report_compare(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!report_id(req, resp, &id))
        return 0;
    json_t *out = NULL;
    err_t e;
    int rc = app_report_compare(api_app(req), api_user(req), id, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_report_matrix(http_req_t *req, http_resp_t *resp)
{
    int year;
    const char *receiver = http_req_query(req, "receiver");
    const user_t *me = api_user(req);
    if (!receiver || !*receiver)
        receiver = me && me->unit_code[0] ? me->unit_code : NULL;
    if (!year_param(req, resp, &year))
        return 0;
    if (!receiver)
        return http_resp_errorf(resp, ERR_INVALID, "http.param_missing", "Thiếu tham số receiver",
                                "Missing parameter receiver");
    json_t *out = NULL;
    err_t e;
    int rc = app_report_matrix(api_app(req), api_user(req), receiver, year, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_report_remind(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *unit = api_body_str(&b, "unit", true), *kind = api_body_str(&b, "kind", true);
    int year = (int)api_body_int(&b, "year", 0, 1990, 2199);
    const char *ref = api_body_str(&b, "ref", false);
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    int rc = app_report_remind(api_app(req), api_user(req), unit, kind, year, ref, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_report_quote(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    api_body_t b;
    if (!report_id(req, resp, &id) || !api_body_open(req, resp, &b))
        return 0;
    long long from = api_body_int(&b, "from", 0, 1, 1LL << 53);
    const char *code = api_body_str(&b, "code", true);
    long long version = api_body_int(&b, "version", 0, 0, 1LL << 53);
    api_body_require(&b, "from");
    if (b.field)
        return api_body_error(resp, &b);
    json_t *out = NULL;
    err_t e;
    int rc = app_report_quote(api_app(req), api_user(req), id, from, code, version, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

/* A temporary file for an export (removed by the caller). */
static int temp_path(char *path, size_t cap, err_t *e)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, cap, "%s/cchc-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(e, ERR_IO, "report.export", "Không tạo được tệp tạm",
                       "Cannot create a temporary file");
    close(fd);
    return 0;
}

/* Answers with the file at path as an attachment named name (shown in the
 * browser when inline: the editor's preview), or the error rc of making it;
 * removes the file either way. */
static int send_file(http_resp_t *resp, int rc, const char *path, const char *mime,
                     const char *name, bool inline_view, err_t *e)
{
    char *data = NULL;
    size_t len = 0;
    if (!rc)
        rc = file_read_all(path, EXPORT_MAX, &data, &len, e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, e);
    char *cd = evidence_content_disposition(name);
    char view[600];
    const char *disp = cd;
    if (cd && inline_view && strncmp(cd, "attachment", 10) == 0) {
        snprintf(view, sizeof view, "inline%s", cd + 10);
        disp = view;
    }
    rc = http_resp_bytes(resp, 200, mime, data, len);
    if (!rc && disp)
        rc = http_resp_header(resp, "Content-Disposition", disp);
    mem_free(cd);
    mem_free(data);
    return rc;
}

int api_report_export(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!report_id(req, resp, &id))
        return 0;
    report_export_format_t f;
    err_t e;
    if (report_export_format_parse(http_req_query(req, "format"), &f, &e))
        return api_error_field(resp, &e, "format");
    char path[512], name[96];
    if (temp_path(path, sizeof path, &e))
        return http_resp_error(resp, &e);
    int rc = report_export_write(api_app(req), api_user(req), id, f, path, &e);
    snprintf(name, sizeof name, "bao-cao-cchc-%lld%s", (long long)id, report_export_ext(f));
    const char *iv = http_req_query(req, "inline");
    bool inline_view = f == REPORT_EXPORT_PDF && iv && strcmp(iv, "1") == 0;
    return send_file(resp, rc, path, report_export_mime(f), name, inline_view, &e);
}

int api_report_matrix_export(http_req_t *req, http_resp_t *resp)
{
    const char *receiver = http_req_query(req, "receiver"), *kind = http_req_query(req, "kind");
    long long year = 0;
    if (!api_query_int(req, resp, "year", 1990, 2199, &year))
        return 0;
    if (!receiver || !kind)
        return http_resp_errorf(resp, ERR_INVALID, "http.param_missing",
                                "Thiếu tham số receiver hoặc kind",
                                "Missing parameter receiver or kind");
    report_export_format_t f = REPORT_EXPORT_PDF;
    err_t e;
    const char *fs = http_req_query(req, "format");
    if (fs && report_export_format_parse(fs, &f, &e))
        return api_error_field(resp, &e, "format");
    char path[512], name[160];
    if (temp_path(path, sizeof path, &e))
        return http_resp_error(resp, &e);
    size_t n = 0;
    int rc = report_export_bundle(api_app(req), api_user(req), receiver, (int)year, kind, f, path,
                                  &n, &e);
    snprintf(name, sizeof name, "bao-cao-%s-%s-%lld.zip", receiver, kind, year);
    return send_file(resp, rc, path, "application/zip", name, false, &e);
}

int api_notices_list(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    int rc = app_notice_list(api_app(req), api_user(req), &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_notice_read(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!api_path_id(req, resp, "notice.not_found", "Không tìm thấy thông báo", "Notice not found",
                     &id))
        return 0;
    err_t e;
    if (app_notice_read(api_app(req), api_user(req), id, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:b}", "read", 1));
}
