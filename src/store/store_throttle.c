/* store_throttle.c - login throttle counters (store_throttle.h). */
#include "store/store_throttle.h"

#include <string.h>

#include "base/banned.h"

static int check_key(const char *key, err_t *e)
{
    if (!key || !*key || strlen(key) > STORE_THROTTLE_KEY_MAX)
        return err_set(e, ERR_INVALID, "throttle.key", "Khóa giới hạn đăng nhập không hợp lệ",
                       "Invalid login throttle key");
    return 0;
}

int store_throttle_get(store_t *s, const char *key, store_throttle_entry_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    int rc = check_key(key, e);
    store_stmt_t *st;
    if (!rc)
        rc = store_prepare(s,
                           "SELECT fails, last_at, blocked_until FROM login_throttle "
                           "WHERE key = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, key);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        out->fails = store_col_int(st, 0);
        out->last_at = store_col_int(st, 1);
        out->blocked_until = store_col_int(st, 2);
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

int store_throttle_put(store_t *s, const char *key, const store_throttle_entry_t *in, err_t *e)
{
    int rc = check_key(key, e);
    store_stmt_t *st;
    if (!rc)
        rc = store_prepare(s,
                           "INSERT INTO login_throttle (key, fails, last_at, blocked_until) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET "
                           "fails = excluded.fails, last_at = excluded.last_at, "
                           "blocked_until = excluded.blocked_until",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, key);
    store_bind_int(st, 2, in->fails);
    store_bind_int(st, 3, in->last_at);
    store_bind_int(st, 4, in->blocked_until);
    return store_run(st, e);
}

int store_throttle_delete(store_t *s, const char *key, err_t *e)
{
    int rc = check_key(key, e);
    store_stmt_t *st;
    if (!rc)
        rc = store_prepare(s, "DELETE FROM login_throttle WHERE key = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, key);
    return store_run(st, e);
}

int store_throttle_purge(store_t *s, int64_t before, int64_t *n, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "DELETE FROM login_throttle WHERE last_at < ?1 AND blocked_until < ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, before);
    rc = store_run(st, e);
    if (!rc && n)
        *n = store_changes(s);
    return rc;
}
