/* store_initpw.c - initial password files (store_initpw.h). */
#include "store/store_initpw.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

int store_initpw_put(store_t *s, const char *login, const char *path, int64_t now, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO initial_password (login, path, created_at) "
                           "VALUES (?1, ?2, ?3) ON CONFLICT (login) DO UPDATE SET "
                           "path = excluded.path, created_at = excluded.created_at",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    store_bind_text(st, 2, path);
    store_bind_int(st, 3, now);
    return store_run(st, e);
}

int store_initpw_take(store_t *s, const char *login, char *path_out, size_t cap, err_t *e)
{
    if (cap)
        path_out[0] = '\0';
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT path FROM initial_password WHERE login = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        const char *p = store_col_text(st, 0);
        if (cap)
            snprintf(path_out, cap, "%s", p ? p : "");
    }
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc;
    rc = store_prepare(s, "DELETE FROM initial_password WHERE login = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, login);
    rc = store_run(st, e);
    return rc ? rc : STORE_FOUND;
}
