/* store_evidence.c - evidence metadata rows (store_evidence.h). */
#include "store/store_evidence.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define EV_COLS                                                                                    \
    "v.id, v.sha256, v.size, v.kind, v.content_type, v.filename, v.unit_code, v.owner_id, "        \
    "u.login, v.attached_type, v.attached_id, v.created_at"
#define EV_FROM " FROM evidence v LEFT JOIN app_user u ON u.id = v.owner_id"

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static void read_row(store_stmt_t *st, store_evidence_t *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->id = store_col_int(st, 0);
    copy(ev->sha256, sizeof ev->sha256, store_col_text(st, 1));
    ev->size = store_col_int(st, 2);
    copy(ev->kind, sizeof ev->kind, store_col_text(st, 3));
    copy(ev->content_type, sizeof ev->content_type, store_col_text(st, 4));
    copy(ev->filename, sizeof ev->filename, store_col_text(st, 5));
    copy(ev->unit_code, sizeof ev->unit_code, store_col_text(st, 6));
    ev->owner_id = store_col_is_null(st, 7) ? 0 : store_col_int(st, 7);
    copy(ev->owner_login, sizeof ev->owner_login, store_col_text(st, 8));
    copy(ev->attached_type, sizeof ev->attached_type, store_col_text(st, 9));
    ev->attached_id = store_col_int(st, 10);
    ev->created_at = store_col_int(st, 11);
}

int store_evidence_insert(store_t *s, store_evidence_t *ev, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO evidence (sha256, size, kind, content_type, filename, "
                           "unit_code, owner_id, attached_type, attached_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, ev->sha256);
    store_bind_int(st, 2, ev->size);
    store_bind_text(st, 3, ev->kind);
    store_bind_text(st, 4, ev->content_type);
    store_bind_text(st, 5, ev->filename);
    store_bind_text(st, 6, ev->unit_code);
    if (ev->owner_id > 0)
        store_bind_int(st, 7, ev->owner_id);
    else
        store_bind_null(st, 7);
    store_bind_text(st, 8, ev->attached_type);
    store_bind_int(st, 9, ev->attached_id);
    store_bind_int(st, 10, ev->created_at);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        ev->id = store_col_int(st, 0);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_evidence_get(store_t *s, int64_t id, store_evidence_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " EV_COLS EV_FROM " WHERE v.id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        read_row(st, out);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "evidence.not_found", "Không có hồ sơ minh chứng số %lld",
                     "No evidence file %lld", (long long)id);
    }
    store_stmt_done(st);
    return rc;
}

/* Reads every row of st into a new array (see store_evidence_list). */
static int collect(store_stmt_t *st, store_evidence_t **out, size_t *n, err_t *e)
{
    store_evidence_t *arr = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    while (store_next(st, &rc, e)) {
        if (MEM_GROW(arr, cap, len + 1)) {
            rc = err_nomem(e);
            break;
        }
        read_row(st, &arr[len++]);
    }
    store_stmt_done(st);
    if (rc < 0) {
        mem_free(arr);
        return rc;
    }
    *out = arr;
    *n = len;
    return 0;
}

int store_evidence_list(store_t *s, const char *attached_type, int64_t attached_id,
                        store_evidence_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " EV_COLS EV_FROM
                           " WHERE v.attached_type = ?1 AND v.attached_id = ?2 ORDER BY v.id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, attached_type);
    store_bind_int(st, 2, attached_id);
    return collect(st, out, n, e);
}

int store_evidence_list_unit(store_t *s, const char *unit_code, int limit, store_evidence_t **out,
                             size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    store_stmt_t *st;
    int rc = store_prepare(
        s, "SELECT " EV_COLS EV_FROM " WHERE v.unit_code = ?1 ORDER BY v.id DESC LIMIT ?2", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit_code);
    store_bind_int(st, 2, limit);
    return collect(st, out, n, e);
}
