/* store_remind_mail.c - the e-mail outbox of reminders (store_remind_mail.h). */
#include "store/store_remind_mail.h"

#include "base/banned.h"

int store_remind_mail_queue(store_t *s, int64_t user_id, const char *kind, const char *ref,
                            const char *to, const char *payload, dtime_t at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO notice_mail (user_id, kind, ref, to_addr, payload, "
                           "created_at, next_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
                           "ON CONFLICT (user_id, kind, ref) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_text(st, 2, kind);
    store_bind_text(st, 3, ref);
    store_bind_text(st, 4, to);
    store_bind_text(st, 5, payload);
    store_bind_stamp(st, 6, at);
    rc = store_run(st, e);
    return rc ? rc : store_changes(s) == 1 ? STORE_INSERTED : 0;
}

/* Within the claim's transaction: leases the due messages, oldest first. */
static int lease(store_t *s, dtime_t now, dtime_t lease_until, const char *by, size_t max,
                 size_t *claimed, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE notice_mail SET lease_until = ?2, lease_by = ?3, attempts = "
                           "attempts + 1 WHERE id IN (SELECT id FROM notice_mail WHERE sent_at IS "
                           "NULL AND failed_at IS NULL AND next_at <= ?1 AND (lease_until IS NULL "
                           "OR lease_until < ?1) ORDER BY next_at, id LIMIT ?4)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_stamp(st, 1, now);
    store_bind_stamp(st, 2, lease_until);
    store_bind_text(st, 3, by);
    store_bind_int(st, 4, (int64_t)max);
    rc = store_run(st, e);
    if (!rc)
        *claimed = (size_t)store_changes(s);
    return rc;
}

int store_remind_mail_claim(store_t *s, dtime_t now, dtime_t lease_until, const char *by,
                            size_t max, size_t *claimed, err_t *e)
{
    *claimed = 0;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = lease(s, now, lease_until, by, max, claimed, e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc) {
        store_rollback(s);
        *claimed = 0;
    }
    return rc;
}

#define MAIL_COLS                                                                                  \
    "m.id, m.user_id, m.kind, m.ref, m.to_addr, m.payload, m.last_error, m.attempts, "             \
    "m.created_at, m.next_at, m.sent_at, m.failed_at, COALESCE(u.login, '')"

static int scan(store_stmt_t *st, store_remind_mail_fn fn, void *ctx, err_t *e)
{
    int rc = 0;
    while (store_next(st, &rc, e)) {
        store_remind_mail_t m = {
            store_col_int(st, 0),   store_col_int(st, 1),      store_col_text(st, 2),
            store_col_text(st, 3),  store_col_text(st, 4),     store_col_text(st, 5),
            store_col_text(st, 6),  (int)store_col_int(st, 7), store_col_stamp(st, 8),
            store_col_stamp(st, 9), store_col_stamp(st, 10),   store_col_stamp(st, 11),
            store_col_text(st, 12)};
        rc = fn(ctx, &m, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_remind_mail_claimed(store_t *s, const char *by, store_remind_mail_fn fn, void *ctx,
                              err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " MAIL_COLS " FROM notice_mail AS m LEFT JOIN app_user AS u ON "
                           "u.id = m.user_id WHERE m.lease_by = ?1 AND m.sent_at IS NULL AND "
                           "m.failed_at IS NULL AND m.lease_until IS NOT NULL ORDER BY m.id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, by);
    return scan(st, fn, ctx, e);
}

int store_remind_mail_result(store_t *s, int64_t id, bool sent, const char *error, dtime_t at,
                             dtime_t next_at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE notice_mail SET lease_until = NULL, lease_by = NULL, sent_at = "
                           "?2, failed_at = ?3, next_at = COALESCE(?4, next_at), last_error = ?5 "
                           "WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_stamp(st, 2, sent ? at : DTIME_NONE);
    store_bind_stamp(st, 3, !sent && next_at == DTIME_NONE ? at : DTIME_NONE);
    store_bind_stamp(st, 4, sent ? DTIME_NONE : next_at);
    store_bind_text(st, 5, sent ? NULL : error);
    return store_run(st, e);
}

int store_remind_mail_list(store_t *s, bool pending, size_t limit, store_remind_mail_fn fn,
                           void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " MAIL_COLS " FROM notice_mail AS m LEFT JOIN app_user AS u ON "
                           "u.id = m.user_id WHERE (?1 = 0 OR m.sent_at IS NULL) ORDER BY m.id "
                           "DESC LIMIT ?2",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, pending);
    store_bind_int(st, 2, (int64_t)limit);
    return scan(st, fn, ctx, e);
}
