/* api_body.c - field-by-field reading of JSON request bodies (see api.h). */
#include "base/dtime.h"
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

bool api_body_open(http_req_t *req, http_resp_t *resp, api_body_t *b)
{
    memset(b, 0, sizeof *b);
    b->o = http_req_json(req, &b->e);
    if (!b->o) {
        http_resp_error(resp, &b->e);
        return false;
    }
    if (!json_is_object(b->o)) {
        http_resp_errorf(resp, ERR_INVALID, "json.not_object",
                         "Nội dung phải là một đối tượng JSON", "The body must be a JSON object");
        return false;
    }
    return true;
}

/* The words a user knows for the fields of the UI's forms: internal names
 * never reach a user ("Tiến độ: …", not "Trường 'progress': …"). */
static const struct {
    const char *key, *vi, *en;
} labels[] = {
    {"progress", "Tiến độ (%)", "Progress (%)"},
    {"status", "Trạng thái", "Status"},
    {"note", "Nội dung cập nhật", "Update text"},
    {"period", "Kỳ báo cáo", "Reporting period"},
    {"on", "Ngày cập nhật", "Update date"},
    {"evidence", "Tệp minh chứng", "Evidence files"},
    {"value", "Giá trị", "Value"},
    {"unit", "Đơn vị", "Unit"},
    {"login", "Tên đăng nhập", "Login name"},
    {"password", "Mật khẩu", "Password"},
    {"current", "Mật khẩu hiện tại", "Current password"},
    {"role", "Vai trò", "Role"},
    {"full_name", "Họ và tên", "Full name"},
    {"code", "Mã hồ sơ", "Dossier code"},
    {"decision", "Kết luận", "Decision"},
};

static void fail(api_body_t *b, const char *key, const char *code, const char *vi, const char *en)
{
    if (b->field)
        return;
    b->field = key;
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(labels[i].key, key) == 0) {
            char lvi[ERR_MSG_MAX], len[ERR_MSG_MAX];
            snprintf(lvi, sizeof lvi, "%s: %s", labels[i].vi, vi);
            snprintf(len, sizeof len, "%s: %s", labels[i].en, en);
            err_set_pair(&b->e, ERR_INVALID, code, lvi, len);
            return;
        }
    err_set_pair(&b->e, ERR_INVALID, code, vi, en);
    err_prefixf(&b->e, "Trường '%s': ", "Field '%s': ", key);
}

/* The value of key, or NULL when absent, null or "". */
static json_t *get(api_body_t *b, const char *key)
{
    if (b->field)
        return NULL;
    json_t *v = json_object_get(b->o, key);
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return NULL;
    return v;
}

void api_body_require(api_body_t *b, const char *key)
{
    if (!get(b, key))
        fail(b, key, "json.field_missing", "bắt buộc", "required");
}

const char *api_body_str(api_body_t *b, const char *key, bool required)
{
    json_t *v = get(b, key);
    if (!v) {
        if (required)
            fail(b, key, "json.field_missing", "bắt buộc", "required");
        return NULL;
    }
    if (!json_is_string(v)) {
        fail(b, key, "json.field_type", "phải là chuỗi", "must be a string");
        return NULL;
    }
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        fail(b, key, "json.field_type", "chứa ký tự NUL", "contains a NUL character");
        return NULL;
    }
    return json_string_value(v);
}

long long api_body_int(api_body_t *b, const char *key, long long dflt, long long min, long long max)
{
    json_t *v = get(b, key);
    if (!v)
        return dflt;
    long long x = 0;
    bool ok = true;
    if (json_is_integer(v)) {
        x = json_integer_value(v);
    } else if (json_is_boolean(v)) {
        x = json_is_true(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        x = strtoll(s, &end, 10);
        ok = end != s && *end == '\0';
    } else {
        ok = false;
    }
    if (!ok) {
        fail(b, key, "json.field_type", "phải là số nguyên", "must be an integer");
        return dflt;
    }
    if (x < min || x > max) {
        char vi[96], en[96];
        snprintf(vi, sizeof vi, "phải từ %lld đến %lld", min, max);
        snprintf(en, sizeof en, "must be from %lld to %lld", min, max);
        fail(b, key, "json.field_range", vi, en);
        return dflt;
    }
    return x;
}

dtime_t api_body_time(api_body_t *b, const char *key)
{
    json_t *v = get(b, key);
    if (!v)
        return DTIME_NONE;
    dtime_t t;
    if (!json_is_string(v) || dtime_parse(json_string_value(v), json_string_length(v), &t)) {
        fail(b, key, "http.bad_time",
             "phải là ngày giờ (YYYY-MM-DD HH:MM[:SS], ISO 8601 hoặc dd/mm/yyyy HH:MM)",
             "must be a date-time (YYYY-MM-DD HH:MM[:SS], ISO 8601 or dd/mm/yyyy HH:MM)");
        return DTIME_NONE;
    }
    return t;
}

int api_body_error(http_resp_t *resp, const api_body_t *b)
{
    api_error_field(resp, &b->e, b->field);
    return 0;
}
