/* app_remind_mail.c - the e-mail outbox of reminders (app_remind.h). */
#include "app/app_remind_int.h"

#include "base/jsonx.h"
#include "store/store_remind_mail.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define BACKOFF_FIRST_S 120        /* 2 minutes, doubling */
#define BACKOFF_MAX_S   (6 * 3600) /* at most 6 hours between attempts */
#define LIST_MAX        200

bool app_remind_email_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 6 || n > STORE_REMIND_EMAIL_MAX)
        return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
        return false;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || !dot[1] || !dot[2] || strstr(at + 1, ".."))
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
            return false;
    }
    return at[1] != '.' && s[n - 1] != '.';
}

typedef struct claim_ctx {
    json_t *arr;
} claim_ctx_t;

static int claimed(void *ctx, const store_remind_mail_t *m, err_t *e)
{
    claim_ctx_t *c = ctx;
    json_t *pl = jsonx_parse(m->payload, strlen(m->payload), NULL);
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:i,s:s,s:o?}", "id", (json_int_t)m->id, "to", m->to,
                          "kind", m->kind, "ref", m->ref, "attempts", m->attempts, "login",
                          m->login ? m->login : "", "payload", pl);
    if (!o || json_array_append_new(c->arr, o))
        return err_nomem(e);
    return 0;
}

int app_remind_mail_claim(app_t *a, dtime_t now, const char *by, size_t max, int lease_s,
                          json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s = NULL;
    size_t n = 0;
    claim_ctx_t c = {json_array()};
    int rc = c.arr ? app_store(a, &s, e) : err_nomem(e);
    if (!rc)
        rc = store_remind_mail_claim(s, now, now + lease_s, by, max, &n, e);
    if (!rc && n)
        rc = store_remind_mail_claimed(s, by, claimed, &c, e);
    if (rc) {
        json_decref(c.arr);
        return rc;
    }
    *out = c.arr;
    return 0;
}

int app_remind_mail_result(app_t *a, int64_t id, int attempts, bool sent, bool permanent,
                           const char *error, dtime_t now, err_t *e)
{
    store_t *s = NULL;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    dtime_t next = DTIME_NONE;
    if (!sent && !permanent && attempts < APP_REMIND_MAIL_TRIES) {
        int64_t wait = BACKOFF_FIRST_S;
        for (int i = 1; i < attempts && wait < BACKOFF_MAX_S; i++)
            wait *= 2;
        next = now + (wait < BACKOFF_MAX_S ? wait : BACKOFF_MAX_S);
    }
    return store_remind_mail_result(s, id, sent, error ? error : "", now, next, e);
}

static int mail_item(void *ctx, const store_remind_mail_t *m, err_t *e)
{
    json_t *arr = ctx;
    json_t *o = json_object();
    int rc = !o || jsonx_set_int(o, "id", m->id) || jsonx_set_str(o, "login", m->login) ||
             jsonx_set_str(o, "to", m->to) || jsonx_set_str(o, "kind", m->kind) ||
             jsonx_set_str(o, "ref", m->ref) || jsonx_set_int(o, "attempts", m->attempts) ||
             jsonx_set_time(o, "created_at", m->created_at) ||
             jsonx_set_time(o, "next_at",
                            m->sent_at == DTIME_NONE && m->failed_at == DTIME_NONE ? m->next_at
                                                                                   : DTIME_NONE) ||
             jsonx_set_time(o, "sent_at", m->sent_at) ||
             jsonx_set_time(o, "failed_at", m->failed_at) ||
             jsonx_set_str(o, "error", m->error && *m->error ? m->error : NULL);
    if (rc) {
        json_decref(o);
        return err_nomem(e);
    }
    return json_array_append_new(arr, o) ? err_nomem(e) : 0;
}

static int run_item(void *ctx, const store_remind_run_t *r, err_t *e)
{
    json_t *arr = ctx;
    json_t *o = json_object();
    int rc =
        !o || jsonx_set_date(o, "day", r->day) || jsonx_set_time(o, "started_at", r->started_at) ||
        jsonx_set_time(o, "finished_at", r->finished_at) || jsonx_set_str(o, "host", r->host) ||
        jsonx_set_str(o, "rules", r->rules) || jsonx_set_int(o, "deadlines", r->deadlines) ||
        jsonx_set_int(o, "notices", r->notices) || jsonx_set_str(o, "error", r->error);
    if (rc) {
        json_decref(o);
        return err_nomem(e);
    }
    return json_array_append_new(arr, o) ? err_nomem(e) : 0;
}

int app_remind_mail_list(app_t *a, const user_t *actor, bool pending, json_t **out, err_t *e)
{
    *out = NULL;
    if (actor && actor->role != ACCESS_ROLE_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ quản trị hệ thống xem được hộp thư gửi đi",
                       "Only the administrator sees the outbox");
    store_t *s = NULL;
    json_t *items = json_array(), *runs = json_array();
    int rc = items && runs ? app_store(a, &s, e) : err_nomem(e);
    if (!rc)
        rc = store_remind_mail_list(s, pending, LIST_MAX, mail_item, items, e);
    if (!rc)
        rc = store_remind_run_list(s, 10, run_item, runs, e);
    int64_t waiting = 0, failed = 0;
    size_t i;
    const json_t *m;
    json_array_foreach(items, i, m)
    {
        failed += json_is_string(json_object_get(m, "failed_at"));
        waiting += json_is_string(json_object_get(m, "next_at"));
    }
    if (!rc) {
        *out = json_pack("{s:I,s:I,s:O,s:O}", "pending", (json_int_t)waiting, "failed",
                         (json_int_t)failed, "items", items, "runs", runs);
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    json_decref(runs);
    return rc;
}
