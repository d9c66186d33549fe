/* store_session.c - login sessions (store_session.h). */
#include "store/store_session.h"

#include "store/store_user.h"

#include "base/banned.h"

int store_session_insert(store_t *s, const char *token_hash, int64_t user_id, int64_t now,
                         int64_t expires, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO session (token_hash, user_id, created_at, expires_at) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, token_hash);
    store_bind_int(st, 2, user_id);
    store_bind_int(st, 3, now);
    store_bind_int(st, 4, expires);
    return store_run(st, e);
}

int store_session_user(store_t *s, const char *token_hash, int64_t now, user_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " STORE_USER_COLS " FROM session x JOIN app_user u "
                           "ON u.id = x.user_id WHERE x.token_hash = ?1 AND x.expires_at > ?2 "
                           "AND u.disabled = 0",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, token_hash);
    store_bind_int(st, 2, now);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        store_user_read(st, out);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_UNAUTH, "auth.session_invalid",
                     "Phiên làm việc không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại",
                     "Session invalid or expired; please log in again");
    }
    store_stmt_done(st);
    return rc;
}

int store_session_delete(store_t *s, const char *token_hash, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "DELETE FROM session WHERE token_hash = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, token_hash);
    return store_run(st, e);
}

int store_session_delete_user(store_t *s, const char *login, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "DELETE FROM session WHERE user_id IN "
                           "(SELECT id FROM app_user WHERE login = ?1)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    return store_run(st, e);
}

int store_session_purge(store_t *s, int64_t now, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "DELETE FROM session WHERE expires_at <= ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, now);
    return store_run(st, e);
}
