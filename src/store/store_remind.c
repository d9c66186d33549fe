/* store_remind.c - reminders per recipient (store_remind.h). */
#include "store/store_remind.h"

#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* ---- preferences ------------------------------------------------------------ */

void store_remind_pref_default(store_remind_pref_t *p)
{
    memset(p, 0, sizeof *p);
    p->digest_on = true;
    p->digest_minute = -1;
}

static int parse_minute(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h >= 0 && h < 24 && m >= 0 && m < 60 ? h * 60 + m : -1;
}

static unsigned parse_kinds(const char *s)
{
    /* the codes of remind_kind_t in order; the store keeps them as text */
    static const char *const codes[] = {"task",    "report", "target", "campaign",
                                        "summary", "unit",   "digest"};
    unsigned set = 0;
    for (size_t k = 0; s && k < sizeof codes / sizeof codes[0]; k++) {
        size_t n = strlen(codes[k]);
        for (const char *p = strstr(s, codes[k]); p; p = strstr(p + 1, codes[k]))
            if ((p == s || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
                set |= 1u << k;
    }
    return set;
}

static void format_kinds(unsigned set, char *out, size_t cap)
{
    static const char *const codes[] = {"task",    "report", "target", "campaign",
                                        "summary", "unit",   "digest"};
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
        if (!(set & (1u << k)))
            continue;
        int w = snprintf(out + len, cap - len, "%s%s", len ? "," : "", codes[k]);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
}

/* Columns 0..6 of a pref row: stored flag, email, email_on, digest_on,
 * digest_time, kinds_off, leader. */
static void read_pref(store_stmt_t *st, int c, store_remind_pref_t *p)
{
    store_remind_pref_default(p);
    if (store_col_is_null(st, c))
        return;
    p->stored = true;
    const char *email = store_col_text(st, c + 1);
    snprintf(p->email, sizeof p->email, "%s", email ? email : "");
    p->email_on = store_col_int(st, c + 2) != 0;
    p->digest_on = store_col_int(st, c + 3) != 0;
    p->digest_minute = parse_minute(store_col_text(st, c + 4));
    p->kinds_off = parse_kinds(store_col_text(st, c + 5));
    p->leader = store_col_int(st, c + 6) != 0;
}

int store_remind_users(store_t *s, store_remind_user_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " STORE_USER_COLS ", p.user_id, p.email, p.email_on, "
                           "p.digest_on, p.digest_time, p.kinds_off, p.leader FROM app_user AS u "
                           "LEFT JOIN notice_pref AS p ON p.user_id = u.id ORDER BY u.id",
                           &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        user_t u;
        store_remind_pref_t p;
        store_user_read(st, &u);
        read_pref(st, 6, &p);
        rc = fn(ctx, &u, &p, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_remind_pref_get(store_t *s, int64_t user_id, store_remind_pref_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT user_id, email, email_on, digest_on, digest_time, kinds_off, "
                           "leader FROM notice_pref WHERE user_id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_remind_pref_default(out);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        read_pref(st, 0, out);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_remind_pref_set(store_t *s, int64_t user_id, const store_remind_pref_t *p, dtime_t at,
                          const char *by, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO notice_pref (user_id, email, email_on, digest_on, digest_time, kinds_off, "
        "leader, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, email_on = excluded.email_on, "
        "digest_on = excluded.digest_on, digest_time = excluded.digest_time, kinds_off = "
        "excluded.kinds_off, leader = excluded.leader, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        &st, e);
    if (rc)
        return rc;
    char hhmm[8] = "", kinds[128];
    if (p->digest_minute >= 0)
        snprintf(hhmm, sizeof hhmm, "%02d:%02d", p->digest_minute / 60 % 24, p->digest_minute % 60);
    format_kinds(p->kinds_off, kinds, sizeof kinds);
    store_bind_int(st, 1, user_id);
    store_bind_text(st, 2, p->email);
    store_bind_int(st, 3, p->email_on);
    store_bind_int(st, 4, p->digest_on);
    store_bind_text(st, 5, hhmm);
    store_bind_text(st, 6, kinds);
    store_bind_int(st, 7, p->leader);
    store_bind_stamp(st, 8, at);
    store_bind_text(st, 9, by ? by : "");
    return store_run(st, e);
}

/* ---- notices ---------------------------------------------------------------- */

int store_remind_notice_add(store_t *s, const store_remind_notice_t *n, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO notice_item (user_id, dkey, stage, kind, role, unit_code, "
                           "title, body, link, due, days, run_day, created_at) VALUES (?1, ?2, "
                           "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (user_id, "
                           "dkey, stage) DO NOTHING RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, n->user_id);
    store_bind_text(st, 2, n->dkey);
    store_bind_text(st, 3, n->stage);
    store_bind_text(st, 4, n->kind);
    store_bind_text(st, 5, n->role ? n->role : "");
    store_bind_text(st, 6, n->unit ? n->unit : "");
    store_bind_text(st, 7, n->title);
    store_bind_text(st, 8, n->body ? n->body : "");
    store_bind_text(st, 9, n->link ? n->link : "");
    store_bind_date(st, 10, n->due);
    if (n->due == DATE_NONE)
        store_bind_null(st, 11);
    else
        store_bind_int(st, 11, n->days);
    store_bind_date(st, 12, n->run_day);
    store_bind_stamp(st, 13, n->created_at);
    int64_t got = 0;
    rc = store_run_id(st, &got, e);
    if (rc)
        return rc;
    if (id)
        *id = got;
    return got > 0 ? STORE_INSERTED : 0;
}

#define NOTICE_COLS                                                                                \
    "id, user_id, dkey, stage, kind, role, unit_code, title, body, link, due, days, run_day, "     \
    "created_at, read_at"

static void read_notice(store_stmt_t *st, store_remind_notice_t *n)
{
    memset(n, 0, sizeof *n);
    n->id = store_col_int(st, 0);
    n->user_id = store_col_int(st, 1);
    n->dkey = store_col_text(st, 2);
    n->stage = store_col_text(st, 3);
    n->kind = store_col_text(st, 4);
    n->role = store_col_text(st, 5);
    n->unit = store_col_text(st, 6);
    n->title = store_col_text(st, 7);
    n->body = store_col_text(st, 8);
    n->link = store_col_text(st, 9);
    n->due = store_col_date(st, 10);
    n->days = (int)store_col_int(st, 11);
    n->run_day = store_col_date(st, 12);
    n->created_at = store_col_stamp(st, 13);
    n->read_at = store_col_stamp(st, 14);
}

static int scan_notices(store_stmt_t *st, store_remind_notice_fn fn, void *ctx, err_t *e)
{
    int rc = 0;
    while (store_next(st, &rc, e)) {
        store_remind_notice_t n;
        read_notice(st, &n);
        rc = fn(ctx, &n, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_remind_notice_list(store_t *s, int64_t user_id, bool unread, size_t limit, size_t offset,
                             store_remind_notice_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " NOTICE_COLS " FROM notice_item WHERE user_id = ?1 AND (?2 = 0 "
                           "OR read_at IS NULL) ORDER BY id DESC LIMIT ?3 OFFSET ?4",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_int(st, 2, unread);
    store_bind_int(st, 3, (int64_t)limit);
    store_bind_int(st, 4, (int64_t)offset);
    return scan_notices(st, fn, ctx, e);
}

int store_remind_notice_day(store_t *s, int64_t user_id, date_t run_day, store_remind_notice_fn fn,
                            void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " NOTICE_COLS " FROM notice_item WHERE user_id = ?1 AND "
                           "run_day = ?2 ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_date(st, 2, run_day);
    return scan_notices(st, fn, ctx, e);
}

int store_remind_notice_count(store_t *s, int64_t user_id, int64_t *unread, int64_t *total,
                              err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 "
                           "END), 0) FROM notice_item WHERE user_id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    rc = store_step(st, e);
    *total = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    *unread = rc == STORE_ROW ? store_col_int(st, 1) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_remind_notice_read(store_t *s, int64_t user_id, int64_t id, dtime_t at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE notice_item SET read_at = COALESCE(read_at, ?3) WHERE user_id = "
                           "?1 AND (?2 = 0 OR id = ?2)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_int(st, 2, id);
    store_bind_stamp(st, 3, at);
    rc = store_run(st, e);
    if (rc)
        return rc;
    return id == 0 || store_changes(s) == 1 ? STORE_FOUND : 0;
}

int store_remind_fanout(store_t *s, int64_t user_id, const char *unit, dtime_t since,
                        int64_t *added, err_t *e)
{
    store_stmt_t *st;
    *added = 0;
    int rc = store_prepare(
        s,
        "INSERT INTO notice_item (user_id, dkey, stage, kind, role, unit_code, title, body, link, "
        "run_day, created_at, read_at) SELECT ?1, 'unit:' || n.id, 'unit', 'unit', 'assignee', "
        "n.unit_code, n.title, n.body, n.link, SUBSTR(n.created_at, 1, 10), n.created_at, "
        "n.read_at FROM notice AS n WHERE n.unit_code = ?2 AND n.created_at >= ?3 "
        "ON CONFLICT (user_id, dkey, stage) DO NOTHING",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_text(st, 2, unit);
    store_bind_stamp(st, 3, since);
    rc = store_run(st, e);
    if (!rc)
        *added = store_changes(s);
    return rc;
}

int store_remind_digest_add(store_t *s, int64_t user_id, date_t day, int64_t items, dtime_t at,
                            err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO notice_digest (user_id, day, items, created_at) VALUES "
                           "(?1, ?2, ?3, ?4) ON CONFLICT (user_id, day) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_date(st, 2, day);
    store_bind_int(st, 3, items);
    store_bind_stamp(st, 4, at);
    rc = store_run(st, e);
    return rc ? rc : store_changes(s) == 1 ? STORE_INSERTED : 0;
}

int store_remind_digest_done(store_t *s, int64_t user_id, date_t day, bool *done, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s, "SELECT 1 FROM notice_digest WHERE user_id = ?1 AND day = ?2", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_date(st, 2, day);
    rc = store_step(st, e);
    *done = rc == STORE_ROW;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- runs ------------------------------------------------------------------- */

int store_remind_run_add(store_t *s, const store_remind_run_t *r, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO remind_run (day, started_at, finished_at, host, rules, "
                           "deadlines, notices, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_date(st, 1, r->day);
    store_bind_stamp(st, 2, r->started_at);
    store_bind_stamp(st, 3, r->finished_at);
    store_bind_text(st, 4, r->host ? r->host : "");
    store_bind_text(st, 5, r->rules ? r->rules : "");
    store_bind_int(st, 6, r->deadlines);
    store_bind_int(st, 7, r->notices);
    store_bind_text(st, 8, r->error);
    return store_run(st, e);
}

int store_remind_run_list(store_t *s, size_t limit, store_remind_run_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT day, started_at, finished_at, host, rules, deadlines, notices, "
                           "error FROM remind_run ORDER BY started_at DESC, id DESC LIMIT ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, (int64_t)limit);
    while (store_next(st, &rc, e)) {
        store_remind_run_t r = {store_col_date(st, 0),  store_col_stamp(st, 1),
                                store_col_stamp(st, 2), store_col_text(st, 3),
                                store_col_text(st, 4),  store_col_text(st, 7),
                                store_col_int(st, 5),   store_col_int(st, 6)};
        rc = fn(ctx, &r, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
