/* app_notice.c - notices of a user's unit (app_notice.h). */
#include "app/app_notice.h"

#include "base/jsonx.h"
#include "store/store_notice.h"

#include "base/banned.h"

typedef struct list_ctx {
    json_t *items;
    int64_t unread;
} list_ctx_t;

static int item(void *ctx, const store_notice_t *n, err_t *e)
{
    list_ctx_t *c = ctx;
    json_t *o = json_object();
    c->unread += n->read_at == DTIME_NONE;
    if (!o || jsonx_set_int(o, "id", n->id) || jsonx_set_str(o, "kind", n->kind) ||
        jsonx_set_str(o, "title", n->title) || jsonx_set_str(o, "body", n->body) ||
        jsonx_set_str(o, "link", n->link) || jsonx_set_time(o, "created_at", n->created_at) ||
        jsonx_set_str(o, "created_by", n->created_by) || jsonx_set_time(o, "read_at", n->read_at) ||
        json_array_append_new(c->items, o)) {
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

int app_notice_list(app_t *a, const user_t *actor, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    list_ctx_t c = {json_array(), 0};
    if (!rc && !c.items)
        rc = err_nomem(e);
    const char *units[1] = {actor ? actor->unit_code : ""};
    if (!rc && actor && *actor->unit_code)
        rc = store_notice_list(s, units, 1, false, APP_NOTICE_LIST_MAX, item, &c, e);
    if (!rc) {
        *out = json_pack("{s:I,s:o}", "unread", (json_int_t)c.unread, "items", c.items);
        c.items = NULL;
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(c.items);
    return rc;
}

int app_notice_read(app_t *a, const user_t *actor, int64_t id, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    const char *units[1] = {actor ? actor->unit_code : ""};
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_notice_read(s, id, units, actor && *actor->unit_code ? 1 : 0, dtime_now(),
                           actor ? actor->login : "local", e);
    if (rc == 0)
        rc = err_set(e, ERR_NOTFOUND, "notice.not_found", "Không tìm thấy thông báo #%lld",
                     "Notice #%lld not found", (long long)id);
    else if (rc == STORE_FOUND)
        rc = store_commit(s, e);
    if (rc)
        store_rollback(s);
    return rc;
}
