/* store_remind_feed.c - calendar-feed tokens (store_remind_feed.h). */
#include "store/store_remind_feed.h"

#include "store/store_user.h"

#include "base/banned.h"

int store_remind_feed_revoke(store_t *s, int64_t user_id, dtime_t at, int64_t *revoked, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE notice_feed SET revoked_at = ?2 WHERE user_id = ?1 AND "
                           "revoked_at IS NULL",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    store_bind_stamp(st, 2, at);
    rc = store_run(st, e);
    if (!rc && revoked)
        *revoked = store_changes(s);
    return rc;
}

int store_remind_feed_add(store_t *s, int64_t user_id, const char *hash, dtime_t at, err_t *e)
{
    int rc = store_remind_feed_revoke(s, user_id, at, NULL, e);
    store_stmt_t *st;
    if (!rc)
        rc = store_prepare(s,
                           "INSERT INTO notice_feed (token_hash, user_id, created_at) VALUES (?1, "
                           "?2, ?3)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, hash);
    store_bind_int(st, 2, user_id);
    store_bind_stamp(st, 3, at);
    return store_run(st, e);
}

int store_remind_feed_user(store_t *s, const char *hash, dtime_t at, user_t *user, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " STORE_USER_COLS " FROM notice_feed AS f JOIN app_user AS u ON "
                           "u.id = f.user_id WHERE f.token_hash = ?1 AND f.revoked_at IS NULL",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, hash);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        store_user_read(st, user);
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc : 0;
    rc = store_prepare(s, "UPDATE notice_feed SET used_at = ?2 WHERE token_hash = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, hash);
    store_bind_stamp(st, 2, at);
    rc = store_run(st, e);
    return rc ? rc : STORE_FOUND;
}

int store_remind_feed_status(store_t *s, int64_t user_id, bool *live, dtime_t *since, dtime_t *used,
                             err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT created_at, used_at FROM notice_feed WHERE user_id = ?1 AND "
                           "revoked_at IS NULL ORDER BY created_at DESC LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, user_id);
    rc = store_step(st, e);
    *live = rc == STORE_ROW;
    *since = *live ? store_col_stamp(st, 0) : DTIME_NONE;
    *used = *live ? store_col_stamp(st, 1) : DTIME_NONE;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
