/* app_audit.c - reading and checking the audit trail (app_audit.h). */
#include "app/app_audit.h"

#include "base/jsonx.h"

#include <string.h>

#include "base/banned.h"

static int forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Chỉ quản trị hệ thống được xem nhật ký kiểm toán",
                   "Only an administrator may read the audit log");
}

static bool allowed(const user_t *actor)
{
    return !actor || access_allows(actor, ACCESS_ADMIN, NULL, NULL, DATE_NONE);
}

/* A recorded state as JSON: the parsed value, the text itself when it is
 * not JSON, null when nothing was recorded. */
static json_t *state_json(const char *text)
{
    if (!text)
        return json_null();
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    return v ? v : json_string(text);
}

typedef struct page {
    json_t *items;
    int64_t last;
} page_t;

static int on_row(void *ctx, const store_audit_row_t *r, err_t *e)
{
    page_t *p = ctx;
    json_t *o = json_object();
    int rc = !o;
    rc = rc || jsonx_set_int(o, "seq", r->seq);
    rc = rc || jsonx_set_str(o, "at", r->at);
    rc = rc || jsonx_set_str(o, "actor", r->actor);
    rc = rc || jsonx_set_str(o, "action", r->action);
    rc = rc || jsonx_set_str(o, "object", r->object);
    rc = rc || jsonx_set_str(o, "detail", r->detail);
    rc = rc || jsonx_set_new(o, "before", state_json(r->before));
    rc = rc || jsonx_set_new(o, "after", state_json(r->after));
    rc = rc || jsonx_set_str(o, "hash", r->hash);
    if (rc || json_array_append_new(p->items, o)) {
        if (rc)
            json_decref(o);
        return err_nomem(e);
    }
    p->last = r->seq;
    return 0;
}

int app_audit_list(app_t *a, const user_t *actor, const store_audit_filter_t *f, json_t **out,
                   err_t *e)
{
    *out = NULL;
    if (!allowed(actor))
        return forbidden(e);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_audit_seal(s, NULL, e);
    page_t p = {.items = json_array()};
    if (!rc && !p.items)
        rc = err_nomem(e);
    if (!rc)
        rc = store_audit_list(s, f, on_row, &p, e);
    int limit = f->limit > 0 && f->limit <= 1000 ? f->limit : 100;
    json_t *o = rc ? NULL : json_object();
    if (!rc && (!o || jsonx_set(o, "items", p.items) ||
                jsonx_set_new(o, "next_before",
                              json_array_size(p.items) == (size_t)limit && p.last > 1
                                  ? json_integer(p.last)
                                  : json_null())))
        rc = err_nomem(e);
    json_decref(p.items);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

int app_audit_verify(app_t *a, const user_t *actor, store_audit_check_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (!allowed(actor))
        return forbidden(e);
    store_t *s;
    int rc = app_store(a, &s, e);
    return rc ? rc : store_audit_verify(s, out, e);
}
