/* app_remind_user.c - a user's notices, preferences and calendar feed
 * (app_remind.h). */
#include "app/app_remind_int.h"

#include "app/app_calendar.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "store/store_remind_feed.h"
#include "store/store_unit.h"
#include "store/store_user.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define FANOUT_DAYS 90 /* unit notices younger than this are copied to a user's list */

static int need_user(const user_t *actor, err_t *e)
{
    if (!actor)
        return err_set(e, ERR_UNAUTH, "auth.required", "Cần đăng nhập", "Login required");
    return 0;
}

int app_remind_user_get(app_t *a, const char *login, user_t *out, err_t *e)
{
    store_t *s = NULL;
    int rc = app_store(a, &s, e);
    return rc ? rc : store_user_by_login(s, login ? login : "", out, NULL, 0, e);
}

/* --- notices --------------------------------------------------------------------------------- */

static int item(void *ctx, const store_remind_notice_t *n, err_t *e)
{
    json_t *items = ctx;
    remind_kind_t k = REMIND_KIND_TASK;
    bool known = remind_rule_kind_parse(n->kind, &k, NULL) == 0;
    json_t *o = json_object();
    int rc = !o || jsonx_set_int(o, "id", n->id) || jsonx_set_str(o, "kind", n->kind) ||
             jsonx_set_str(o, "kind_label", known ? remind_rule_kind_label_vi(k) : n->kind) ||
             jsonx_set_str(o, "kind_label_en", known ? remind_rule_kind_label_en(k) : n->kind) ||
             jsonx_set_str(o, "stage", n->stage) || jsonx_set_str(o, "role", n->role) ||
             jsonx_set_str(o, "title", n->title) || jsonx_set_str(o, "body", n->body) ||
             jsonx_set_str(o, "link", n->link) || jsonx_set_str(o, "unit", n->unit) ||
             jsonx_set_date(o, "due", n->due) ||
             (n->due != DATE_NONE ? jsonx_set_int(o, "days", n->days)
                                  : jsonx_set_str(o, "days", NULL)) ||
             jsonx_set_time(o, "created_at", n->created_at) ||
             jsonx_set_time(o, "read_at", n->read_at);
    if (rc) {
        json_decref(o);
        return err_nomem(e);
    }
    return json_array_append_new(items, o) ? err_nomem(e) : 0;
}

int app_remind_list(app_t *a, const user_t *actor, bool unread, size_t limit, size_t offset,
                    json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s = NULL;
    int rc = need_user(actor, e);
    if (!rc)
        rc = app_store(a, &s, e);
    int64_t added = 0, nunread = 0, total = 0;
    if (!rc && *actor->unit_code)
        rc = store_remind_fanout(s, actor->id, actor->unit_code,
                                 dtime_now() - (dtime_t)FANOUT_DAYS * 86400, &added, e);
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    if (!rc)
        rc = store_remind_notice_list(s, actor->id, unread,
                                      limit && limit < APP_REMIND_LIST_MAX ? limit
                                                                           : APP_REMIND_LIST_MAX,
                                      offset, item, items, e);
    if (!rc)
        rc = store_remind_notice_count(s, actor->id, &nunread, &total, e);
    if (!rc) {
        *out = json_pack("{s:I,s:I,s:O}", "unread", (json_int_t)nunread, "total", (json_int_t)total,
                         "items", items);
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    return rc;
}

int app_remind_read(app_t *a, const user_t *actor, int64_t id, err_t *e)
{
    store_t *s = NULL;
    int rc = need_user(actor, e);
    if (!rc)
        rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_remind_notice_read(s, actor->id, id, dtime_now(), e);
    if (rc == 0)
        return err_set(e, ERR_NOTFOUND, "notice.not_found", "Không tìm thấy thông báo #%lld",
                       "Notice #%lld not found", (long long)id);
    return rc < 0 ? rc : 0;
}

/* --- preferences ----------------------------------------------------------------------------- */

/* The user whose preferences are read or set: the actor, or `login` when
 * the actor is an admin, or a standing user with the login's unit in scope. */
static int target(store_t *s, const user_t *actor, const char *login, user_t *u, err_t *e)
{
    if (!login || !*login || strcmp(login, actor->login) == 0) {
        *u = *actor;
        return 0;
    }
    int rc = store_user_by_login(s, login, u, NULL, 0, e);
    if (rc)
        return rc;
    bool may = actor->role == ACCESS_ROLE_ADMIN;
    if (actor->role == ACCESS_ROLE_STANDING && *u->unit_code) {
        unit_set_t units;
        unit_set_init(&units);
        rc = store_unit_load(s, &units, e);
        may = !rc &&
              access_allows(actor, ACCESS_WRITE, u->unit_code, &units, dtime_date(dtime_now()));
        unit_set_release(&units);
        if (rc)
            return rc;
    }
    return may ? 0
               : err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                         "Bạn không có quyền xem cài đặt thông báo của người dùng này",
                         "You may not see this user's notification settings");
}

static json_t *kinds_json(unsigned set, bool all)
{
    json_t *arr = json_array();
    for (int k = 0; arr && k < REMIND_KIND_COUNT; k++) {
        if (!all && !(set & (1u << k)))
            continue;
        json_t *v =
            all ? json_pack("{s:s,s:s,s:s}", "code", remind_rule_kind_code((remind_kind_t)k),
                            "label", remind_rule_kind_label_vi((remind_kind_t)k), "label_en",
                            remind_rule_kind_label_en((remind_kind_t)k))
                : json_string(remind_rule_kind_code((remind_kind_t)k));
        if (!v || json_array_append_new(arr, v)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static int prefs_json(app_t *a, store_t *s, const user_t *u, json_t **out, err_t *e)
{
    store_remind_pref_t p;
    remind_rules_t rules;
    bool live = false;
    dtime_t since = DTIME_NONE, used = DTIME_NONE;
    int rc = store_remind_pref_get(s, u->id, &p, e);
    if (!rc)
        rc = app_remind_rules_load(a, &rules, e);
    if (!rc)
        rc = store_remind_feed_status(s, u->id, &live, &since, &used, e);
    if (rc)
        return rc;
    char t[16] = "", def[16];
    if (p.digest_minute >= 0)
        snprintf(t, sizeof t, "%02d:%02d", p.digest_minute / 60 % 24, p.digest_minute % 60);
    snprintf(def, sizeof def, "%02d:%02d", rules.digest_minute / 60 % 24, rules.digest_minute % 60);
    json_t *feed = json_object();
    rc = !feed || jsonx_set_bool(feed, "active", live) || jsonx_set_time(feed, "since", since) ||
         jsonx_set_time(feed, "used", used);
    if (rc) {
        json_decref(feed);
        return err_nomem(e);
    }
    /* "o" steals feed, also when packing fails (jansson >= 2.11) */
    json_t *o = json_pack("{s:s,s:s,s:b,s:b,s:s,s:o*,s:b,s:o*,s:s,s:o}", "login", u->login, "email",
                          p.email, "email_on", p.email_on, "digest_on", p.digest_on, "digest_time",
                          t, "kinds_off", kinds_json(p.kinds_off, false), "leader", p.leader,
                          "kinds", kinds_json(0, true), "default_digest_time", def, "feed", feed);
    if (!o || !json_is_array(json_object_get(o, "kinds_off")) ||
        !json_is_array(json_object_get(o, "kinds"))) {
        json_decref(o);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}

int app_remind_prefs_get(app_t *a, const user_t *actor, const char *login, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s = NULL;
    user_t u;
    int rc = need_user(actor, e);
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = target(s, actor, login, &u, e);
    return rc ? rc : prefs_json(a, s, &u, out, e);
}

static int bad_field(err_t *e, const char *code, const char *vi, const char *en)
{
    return err_set_pair(e, ERR_INVALID, code, vi, en);
}

static int apply_time(const json_t *v, store_remind_pref_t *p, err_t *e)
{
    const char *t = json_string_value(v);
    if (!t)
        return bad_field(e, "remind.time", "Giờ nhận bản tin phải có dạng HH:MM",
                         "The digest time must be HH:MM");
    if (!*t) {
        p->digest_minute = -1;
        return 0;
    }
    int h = -1, m = -1;
    bool ok = strlen(t) == 5 && t[2] == ':';
    for (int i = 0; ok && i < 5; i++)
        ok = i == 2 || (t[i] >= '0' && t[i] <= '9');
    if (ok) {
        h = (t[0] - '0') * 10 + t[1] - '0';
        m = (t[3] - '0') * 10 + t[4] - '0';
    }
    if (!ok || h > 23 || m > 59)
        return bad_field(e, "remind.time", "Giờ nhận bản tin phải có dạng HH:MM",
                         "The digest time must be HH:MM");
    p->digest_minute = h * 60 + m;
    return 0;
}

static int apply_kinds(const json_t *v, store_remind_pref_t *p, err_t *e)
{
    if (!json_is_array(v))
        return bad_field(e, "remind.kind", "\"kinds_off\" phải là danh sách loại thông báo",
                         "\"kinds_off\" must be a list of notice kinds");
    unsigned set = 0;
    size_t i;
    const json_t *k;
    json_array_foreach(v, i, k)
    {
        remind_kind_t kind;
        if (!json_is_string(k) || remind_rule_kind_parse(json_string_value(k), &kind, e))
            return bad_field(e, "remind.kind", "Loại thông báo không hợp lệ",
                             "Unknown notice kind");
        set |= 1u << kind;
    }
    p->kinds_off = set;
    return 0;
}

static int apply(const user_t *actor, const json_t *in, store_remind_pref_t *p, err_t *e)
{
    const json_t *v;
    int rc = 0;
    v = json_object_get(in, "email");
    if (v && (!json_is_string(v) ||
              (*json_string_value(v) && !app_remind_email_valid(json_string_value(v)))))
        return bad_field(e, "remind.email", "Địa chỉ thư điện tử không hợp lệ",
                         "Invalid e-mail address");
    if (v)
        snprintf(p->email, sizeof p->email, "%s", json_string_value(v));
    v = json_object_get(in, "email_on");
    if (json_is_boolean(v))
        p->email_on = json_is_true(v);
    v = json_object_get(in, "digest_on");
    if (json_is_boolean(v))
        p->digest_on = json_is_true(v);
    v = json_object_get(in, "digest_time");
    if (!rc && v)
        rc = apply_time(v, p, e);
    v = json_object_get(in, "kinds_off");
    if (!rc && v)
        rc = apply_kinds(v, p, e);
    v = json_object_get(in, "leader");
    if (!rc && v && actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING)
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Chỉ quản trị hoặc cơ quan thường trực mới đánh dấu lãnh đạo đơn vị",
                     "Only an administrator or the standing agency marks a unit's leader");
    if (!rc && v)
        p->leader = json_is_true(v);
    if (!rc && p->email_on && !app_remind_email_valid(p->email))
        rc = bad_field(e, "remind.email", "Cần địa chỉ thư điện tử hợp lệ để nhận thư",
                       "A valid e-mail address is needed to receive e-mail");
    return rc;
}

int app_remind_prefs_set(app_t *a, const user_t *actor, const char *login, const json_t *in,
                         json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s = NULL;
    user_t u;
    store_remind_pref_t p;
    int rc = need_user(actor, e);
    if (!rc && !json_is_object(in))
        rc = bad_field(e, "json.type", "Cần một đối tượng JSON", "A JSON object is required");
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = target(s, actor, login, &u, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_remind_pref_get(s, u.id, &p, e);
    if (!rc)
        rc = apply(actor, in, &p, e);
    if (!rc)
        rc = store_remind_pref_set(s, u.id, &p, dtime_now(), actor->login, e);
    if (!rc)
        rc = store_audit_append(s, actor->login, "notice.prefs", u.login, NULL, e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return prefs_json(a, s, &u, out, e);
}

/* --- calendar feed --------------------------------------------------------------------------- */

static void token_hash(const char *token, char out[crypto_hash_sha256_BYTES * 2 + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

int app_remind_feed_new(app_t *a, const user_t *actor, char *token, err_t *e)
{
    store_t *s = NULL;
    int rc = need_user(actor, e);
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = sodium_init() < 0 ? err_set(e, ERR_INTERNAL, "crypto.init", "Lỗi thư viện mã hóa",
                                         "Crypto library failed")
                               : 0;
    if (rc)
        return rc;
    unsigned char raw[APP_REMIND_TOKEN_LEN / 2];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, APP_REMIND_TOKEN_LEN + 1, raw, sizeof raw);
    char th[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, th);
    rc = store_begin(s, e);
    if (!rc)
        rc = store_remind_feed_add(s, actor->id, th, dtime_now(), e);
    if (!rc)
        rc = store_audit_append(s, actor->login, "notice.feed_new", actor->login, NULL, e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc)
        store_rollback(s);
    return rc;
}

int app_remind_feed_revoke(app_t *a, const user_t *actor, err_t *e)
{
    store_t *s = NULL;
    int64_t n = 0;
    int rc = need_user(actor, e);
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_remind_feed_revoke(s, actor->id, dtime_now(), &n, e);
    if (!rc)
        rc = store_audit_append(s, actor->login, "notice.feed_revoke", actor->login, NULL, e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc)
        store_rollback(s);
    return rc;
}

static int feed_items(app_t *a, store_t *s, const user_t *u, json_t *items, err_t *e)
{
    remind_rules_t rules;
    const agencycal_t *cal;
    unit_set_t units;
    unit_set_init(&units);
    app_remind_src_t src;
    memset(&src, 0, sizeof src);
    store_remind_pref_t p;
    date_t day = dtime_date(dtime_now());
    int rc = app_remind_rules_load(a, &rules, e);
    rc = rc ? rc : app_calendar(a, &cal, e);
    rc = rc ? rc : store_unit_load(s, &units, e);
    rc = rc ? rc : store_remind_pref_get(s, u->id, &p, e);
    rc = rc ? rc : app_remind_src_collect(a, s, &units, &rules, day, &src, e);
    remind_user_t ru = {u, p.leader, p.kinds_off};
    remind_plan_in_t in = {&rules, cal, &units, src.v, src.n, &ru, 1, day};
    size_t *idx = NULL, n = 0;
    rc = rc ? rc : remind_plan_scope(&in, &ru, false, &idx, &n, e);
    for (size_t i = 0; !rc && i < n; i++) {
        const remind_deadline_t *dl = &src.v[idx[i]];
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "key", dl->key, "kind",
                              remind_rule_kind_code(dl->kind), "title", dl->title, "ref", dl->ref,
                              "unit", app_remind_unit_name(&units, dl->unit, day), "due", "",
                              "done", dl->done, "link", dl->link);
        if (!o || jsonx_set_date(o, "due", dl->due) || json_array_append_new(items, o))
            rc = err_nomem(e);
    }
    mem_free(idx);
    app_remind_src_release(&src);
    unit_set_release(&units);
    return rc;
}

int app_remind_feed_items(app_t *a, const char *token, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s = NULL;
    user_t u;
    char th[crypto_hash_sha256_BYTES * 2 + 1];
    size_t len = token ? strlen(token) : 0;
    bool hex = len == APP_REMIND_TOKEN_LEN;
    for (size_t i = 0; hex && i < len; i++)
        hex = (token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f');
    int rc = hex ? app_store(a, &s, e) : ERR_NOTFOUND;
    if (!rc) {
        token_hash(token, th);
        rc = store_remind_feed_user(s, th, dtime_now(), &u, e);
        rc = rc == STORE_FOUND && !u.disabled ? 0 : rc < 0 ? rc : ERR_NOTFOUND;
    }
    if (rc == ERR_NOTFOUND)
        return err_set(e, ERR_NOTFOUND, "feed.not_found",
                       "Liên kết lịch không tồn tại hoặc đã bị thu hồi",
                       "Unknown or revoked calendar link");
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    if (!rc)
        rc = feed_items(a, s, &u, items, e);
    if (!rc) {
        *out = json_pack("{s:s,s:s,s:O}", "login", u.login, "name", u.full_name, "items", items);
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    return rc;
}
