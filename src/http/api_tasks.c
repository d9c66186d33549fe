/* api_tasks.c - task tracking endpoints (API.md "Tasks"): lists with
 * filters, overdue and due-soon lists, one assignment, updates, progress
 * roll-ups and the explicit tracking start of a plan. */
#include "app/app_tasks.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "http/api.h"
#include "io/task_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#include "base/banned.h"

static bool parse_pos(const char *s, long long max, long long *out)
{
    char *end = NULL;
    if (!s || !*s)
        return false;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0 || v > max)
        return false;
    *out = v;
    return true;
}

static int bad_param(http_resp_t *resp, const char *name, const char *value)
{
    err_t e;
    err_set(&e, ERR_INVALID, "http.bad_param", "Tham số %s không hợp lệ: '%s'",
            "Invalid parameter %s: '%s'", name, value ? value : "");
    return api_error_field(resp, &e, name);
}

/* Reads an optional non-negative integer parameter; false (answer set) when
 * present but invalid. */
static bool query_num(http_req_t *req, http_resp_t *resp, const char *name, long long max,
                      long long *out)
{
    const char *v = http_req_query(req, name);
    if (!v || !*v)
        return true;
    if (parse_pos(v, max, out))
        return true;
    bad_param(resp, name, v);
    return false;
}

static bool flag(http_req_t *req, const char *name)
{
    const char *v = http_req_query(req, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* Fills f from the query; false (answer set) on a bad parameter. */
static bool read_filter(http_req_t *req, http_resp_t *resp, app_tasks_filter_t *f)
{
    app_tasks_filter_init(f);
    long long plan = 0, area = 0, year = 0, limit = 0, offset = 0, soon = -1, quarter = 0;
    if (!query_num(req, resp, "plan", 1LL << 53, &plan) ||
        !query_num(req, resp, "area", 8, &area) || !query_num(req, resp, "year", 9999, &year) ||
        !query_num(req, resp, "limit", APP_TASK_LIST_MAX, &limit) ||
        !query_num(req, resp, "offset", 1LL << 31, &offset) ||
        !query_num(req, resp, "due_soon", 365, &soon) ||
        !query_num(req, resp, "due_quarter", 4, &quarter))
        return false;
    f->due_quarter = (int)quarter;
    f->plan_id = plan;
    f->area = (int)area;
    f->year = (int)year;
    f->limit = (size_t)limit;
    f->offset = (size_t)offset;
    f->due_soon = (int)soon;
    f->unit = http_req_query(req, "unit");
    f->tree = flag(req, "tree");
    f->status = http_req_query(req, "status");
    f->role = http_req_query(req, "role");
    f->q = http_req_query(req, "q");
    f->overdue = flag(req, "overdue");
    if (f->role && *f->role && strcmp(f->role, "lead") != 0 && strcmp(f->role, "support") != 0) {
        bad_param(resp, "role", f->role);
        return false;
    }
    const char *sort = http_req_query(req, "sort");
    err_t se;
    if (sort && *sort && app_tasks_sort_parse(sort, &f->sort, &se)) {
        api_error_field(resp, &se, "sort");
        return false;
    }
    f->desc = flag(req, "desc");
    if (api_query_date(req, resp, "due_from", &f->due_from) ||
        api_query_date(req, resp, "due_to", &f->due_to) ||
        api_query_date(req, resp, "today", &f->today))
        return false;
    return true;
}

static int list_with(http_req_t *req, http_resp_t *resp, int mode)
{
    app_tasks_filter_t f;
    if (!read_filter(req, resp, &f))
        return 0;
    if (mode == 1)
        f.overdue = true;
    if (mode == 2) {
        long long days = APP_TASK_SOON_DEFAULT;
        if (!query_num(req, resp, "days", 365, &days))
            return 0;
        f.due_soon = (int)days;
    }
    json_t *out = NULL;
    err_t e;
    if (app_tasks_list(api_app(req), api_user(req), &f, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_tasks_list(http_req_t *req, http_resp_t *resp)
{
    return list_with(req, resp, 0);
}

/* GET /api/v1/tasks/export.xlsx: the whole filtered list (no paging) as a
 * workbook, written to a private temporary file, read back and removed. */
int api_tasks_export(http_req_t *req, http_resp_t *resp)
{
    app_tasks_filter_t f;
    if (!read_filter(req, resp, &f))
        return 0;
    f.limit = APP_TASK_LIST_MAX;
    f.offset = 0;
    const char *lang = http_req_query(req, "lang");
    json_t *out = NULL;
    err_t e;
    if (app_tasks_list(api_app(req), api_user(req), &f, &out, &e))
        return http_resp_error(resp, &e);
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/cchc-tasks-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    int rc = fd < 0 ? err_set(&e, ERR_IO, "task.xlsx_write", "Không tạo được tệp tạm",
                              "Cannot create a temporary file")
                    : 0;
    if (fd >= 0)
        close(fd);
    if (!rc)
        rc = task_xlsx_write(path, out, lang && strcmp(lang, "en") == 0, &e);
    json_decref(out);
    char *data = NULL;
    size_t len = 0;
    if (!rc)
        rc = file_read_all(path, 64u << 20, &data, &len, &e);
    if (fd >= 0)
        unlink(path);
    if (rc)
        return http_resp_error(resp, &e);
    rc = http_resp_bytes(resp, 200, XLSX_MIME, data, len);
    if (!rc)
        rc =
            http_resp_header(resp, "Content-Disposition", "attachment; filename=\"nhiem-vu.xlsx\"");
    mem_free(data);
    return rc;
}

int api_tasks_overdue(http_req_t *req, http_resp_t *resp)
{
    return list_with(req, resp, 1);
}

int api_tasks_due_soon(http_req_t *req, http_resp_t *resp)
{
    return list_with(req, resp, 2);
}

static bool path_id(http_req_t *req, http_resp_t *resp, long long *id)
{
    if (parse_pos(http_req_param(req, "id"), 1LL << 53, id) && *id > 0)
        return true;
    http_resp_errorf(resp, ERR_NOTFOUND, "task.not_found", "Không có nhiệm vụ này", "No such task");
    return false;
}

int api_task_get(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!path_id(req, resp, &id))
        return 0;
    date_t today;
    if (api_query_date(req, resp, "today", &today))
        return 0;
    json_t *out = NULL;
    err_t e;
    if (app_tasks_get(api_app(req), api_user(req), id, today, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

/* The "evidence" array of ids; false (answer set) when malformed. */
static bool evidence_ids(http_resp_t *resp, json_t *body, int64_t *ids, size_t cap, size_t *n)
{
    json_t *arr = json_object_get(body, "evidence");
    *n = 0;
    if (!arr || json_is_null(arr))
        return true;
    size_t i;
    json_t *v;
    if (!json_is_array(arr) || json_array_size(arr) > cap)
        goto bad;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            goto bad;
        ids[(*n)++] = json_integer_value(v);
    }
    return true;
bad:;
    err_t e;
    err_set(&e, ERR_INVALID, "task.evidence_invalid",
            "\"evidence\" phải là danh sách mã tệp minh chứng (tối đa %zu)",
            "\"evidence\" must be a list of evidence ids (at most %zu)", cap);
    api_error_field(resp, &e, "evidence");
    return false;
}

int api_task_update(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!path_id(req, resp, &id))
        return 0;
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_tasks_update_in_t in = {.on = DATE_NONE};
    in.status = api_body_str(&b, "status", true);
    in.progress = (int)api_body_int(&b, "progress", -1, 0, 100);
    in.note = api_body_str(&b, "note", false);
    in.period = api_body_str(&b, "period", false);
    const char *on = api_body_str(&b, "on", false);
    in.dry_run = api_body_int(&b, "dry_run", 0, 0, 1) != 0;
    in.evidence_pending = (size_t)api_body_int(&b, "evidence_pending", 0, 0, 32);
    if (b.field)
        return api_body_error(resp, &b);
    if (on && date_parse(on, strlen(on), &in.on)) {
        err_t e;
        err_set(&e, ERR_INVALID, "http.bad_date", "Ngày cập nhật không hợp lệ: '%s'",
                "Invalid update date: '%s'", on);
        return api_error_field(resp, &e, "on");
    }
    int64_t ids[32];
    if (!evidence_ids(resp, b.o, ids, 32, &in.nevidence))
        return 0;
    in.evidence = ids;
    json_t *out = NULL;
    err_t e;
    if (app_tasks_update(api_app(req), api_user(req), id, &in, &out, &e)) {
        const char *field = strcmp(e.code, "task.progress") == 0           ? "progress"
                            : strcmp(e.code, "task.reason_required") == 0  ? "note"
                            : strcmp(e.code, "task.status") == 0           ? "status"
                            : strcmp(e.code, "task.evidence_invalid") == 0 ? "evidence"
                            : strcmp(e.code, "task.completion_proof") == 0 ? "note"
                            : strcmp(e.code, "task.note_too_long") == 0    ? "note"
                                                                           : NULL;
        return api_error_field(resp, &e, field);
    }
    if (in.dry_run)
        return http_resp_json(resp, 200, json_pack("{s:b,s:b}", "ok", 1, "dry_run", 1));
    return http_resp_json(resp, 201, out);
}

int api_tasks_progress(http_req_t *req, http_resp_t *resp)
{
    app_tasks_filter_t f;
    if (!read_filter(req, resp, &f))
        return 0;
    const user_t *u = api_user(req);
    if (!f.unit || !*f.unit)
        f.unit = u && u->unit_code[0] ? u->unit_code : NULL;
    const char *tree = http_req_query(req, "tree");
    f.tree = !tree || strcmp(tree, "0") != 0; /* subtree by default */
    json_t *out = NULL;
    err_t e;
    if (app_tasks_progress(api_app(req), u, &f, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}

int api_plan_tracking(http_req_t *req, http_resp_t *resp)
{
    long long id;
    if (!parse_pos(http_req_param(req, "id"), 1LL << 53, &id) || id <= 0)
        return http_resp_errorf(resp, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch này",
                                "No such plan");
    json_t *out = NULL;
    err_t e;
    if (app_tasks_start(api_app(req), api_user(req), id, &out, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, out);
}
