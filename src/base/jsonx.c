#include "jsonx.h"

#include "text.h"

#include <string.h>

#include "banned.h"

const char *jsonx_str(const json_t *obj, const char *key, const char *def)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : def;
}

long long jsonx_int(const json_t *obj, const char *key, long long def)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? json_integer_value(v) : def;
}

bool jsonx_bool(const json_t *obj, const char *key, bool def)
{
    json_t *v = json_object_get(obj, key);
    return json_is_boolean(v) ? json_is_true(v) : def;
}

static int missing(const char *key, err_t *e)
{
    return err_set(e, ERR_INVALID, "json.field_missing", "Thiếu trường '%s'", "Missing field '%s'",
                   key);
}

int jsonx_req_str(const json_t *obj, const char *key, const char **out, err_t *e)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return missing(key, e);
    if (!json_is_string(v))
        return err_set(e, ERR_INVALID, "json.field_type", "Trường '%s' phải là chuỗi",
                       "Field '%s' must be a string", key);
    *out = json_string_value(v);
    return 0;
}

int jsonx_req_int(const json_t *obj, const char *key, long long *out, err_t *e)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return missing(key, e);
    if (!json_is_integer(v))
        return err_set(e, ERR_INVALID, "json.field_type", "Trường '%s' phải là số nguyên",
                       "Field '%s' must be an integer", key);
    *out = json_integer_value(v);
    return 0;
}

int jsonx_set_new(json_t *obj, const char *key, json_t *val)
{
    if (!val)
        return ERR_NOMEM;
    return json_object_set_new(obj, key, val) ? ERR_NOMEM : 0;
}

int jsonx_set_str(json_t *obj, const char *key, const char *val)
{
    return jsonx_set_new(obj, key, val ? json_string(val) : json_null());
}

int jsonx_set_int(json_t *obj, const char *key, long long val)
{
    return jsonx_set_new(obj, key, json_integer(val));
}

int jsonx_set_bool(json_t *obj, const char *key, bool val)
{
    return jsonx_set_new(obj, key, json_boolean(val));
}

json_t *jsonx_parse(const char *text, size_t n, err_t *e)
{
    json_error_t je;
    json_t *v = json_loadb(text, n, JSON_DECODE_ANY, &je);
    if (!v)
        err_set(e, ERR_INVALID, "json.malformed", "JSON không hợp lệ (dòng %d, cột %d): %s",
                "Malformed JSON (line %d, column %d): %s", je.line, je.column, je.text);
    return v;
}

char *jsonx_dump(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
}

json_t *jsonx_error(const err_t *e)
{
    json_t *inner = json_object();
    json_t *outer = json_object();
    if (!inner || !outer) {
        json_decref(inner);
        json_decref(outer);
        return NULL;
    }
    /* Messages may quote client input: never let invalid UTF-8 lose the error. */
    const char *vi = text_valid(e->vi, strlen(e->vi)) ? e->vi : "Lỗi (thông điệp không hợp lệ)";
    const char *en = text_valid(e->en, strlen(e->en)) ? e->en : "Error (invalid message text)";
    int rc = jsonx_set_str(inner, "code", e->code[0] ? e->code : err_status_name(e->status));
    rc |= jsonx_set_str(inner, "message", vi);
    rc |= jsonx_set_str(inner, "message_en", en);
    rc |= jsonx_set_new(outer, "error", inner);
    if (rc) {
        json_decref(outer);
        return NULL;
    }
    return outer;
}

int jsonx_set(json_t *obj, const char *key, json_t *val)
{
    return json_object_set_new(obj, key, val ? json_incref(val) : json_null()) ? ERR_NOMEM : 0;
}

int jsonx_set_time(json_t *obj, const char *key, dtime_t t)
{
    char buf[DTIME_ISO_LEN];
    if (t == DTIME_NONE)
        return jsonx_set_str(obj, key, NULL);
    dtime_format(t, buf);
    return jsonx_set_str(obj, key, buf);
}

int jsonx_set_date(json_t *obj, const char *key, date_t d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return jsonx_set_str(obj, key, NULL);
    date_format(d, buf);
    return jsonx_set_str(obj, key, buf);
}
