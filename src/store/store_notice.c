/* store_notice.c - notices and document numbers (store_notice.h). */
#include "store/store_notice.h"

#include "base/banned.h"

int store_notice_add(store_t *s, const store_notice_t *n, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO notice (unit_code, kind, ref, title, body, link, "
                           "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                           "ON CONFLICT (unit_code, kind, ref) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, n->unit);
    store_bind_text(st, 2, n->kind);
    store_bind_text(st, 3, n->ref);
    store_bind_text(st, 4, n->title);
    store_bind_text(st, 5, n->body ? n->body : "");
    store_bind_text(st, 6, n->link ? n->link : "");
    store_bind_stamp(st, 7, n->created_at);
    store_bind_text(st, 8, n->created_by ? n->created_by : "");
    rc = store_run(st, e);
    return rc ? rc : store_changes(s) == 1 ? STORE_INSERTED : 0;
}

int store_notice_list(store_t *s, const char *const *units, size_t n, bool unread, size_t limit,
                      store_notice_fn fn, void *ctx, err_t *e)
{
    int rc = 0;
    size_t seen = 0;
    for (size_t i = 0; !rc && i < n && seen < limit; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "SELECT id, unit_code, kind, ref, title, body, link, created_by, "
                           "created_at, read_at FROM notice WHERE unit_code = ?1 AND "
                           "(?2 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?3",
                           &st, e);
        if (rc)
            return rc;
        store_bind_text(st, 1, units[i]);
        store_bind_int(st, 2, unread);
        store_bind_int(st, 3, (int64_t)(limit - seen));
        while (store_next(st, &rc, e)) {
            store_notice_t x = {store_col_int(st, 0),   store_col_text(st, 1),
                                store_col_text(st, 2),  store_col_text(st, 3),
                                store_col_text(st, 4),  store_col_text(st, 5),
                                store_col_text(st, 6),  store_col_text(st, 7),
                                store_col_stamp(st, 8), store_col_stamp(st, 9)};
            seen++;
            rc = fn(ctx, &x, e);
            if (rc)
                break;
        }
        store_stmt_done(st);
    }
    return rc < 0 ? rc : 0;
}

int store_notice_read(store_t *s, int64_t id, const char *const *units, size_t n, dtime_t at,
                      const char *by, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        store_stmt_t *st;
        int rc = store_prepare(s,
                               "UPDATE notice SET read_at = COALESCE(read_at, ?3), read_by = "
                               "COALESCE(read_by, ?4) WHERE id = ?1 AND unit_code = ?2",
                               &st, e);
        if (rc)
            return rc;
        store_bind_int(st, 1, id);
        store_bind_text(st, 2, units[i]);
        store_bind_stamp(st, 3, at);
        store_bind_text(st, 4, by);
        rc = store_run(st, e);
        if (rc)
            return rc;
        if (store_changes(s) == 1)
            return STORE_FOUND;
    }
    return 0;
}

int store_notice_next_number(store_t *s, const char *unit, int year, const char *symbol,
                             int *number, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO doc_series (unit_code, year, symbol, last) VALUES (?1, ?2, "
                           "?3, 1) ON CONFLICT (unit_code, year, symbol) DO UPDATE SET last = "
                           "doc_series.last + 1 RETURNING last",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit);
    store_bind_int(st, 2, year);
    store_bind_text(st, 3, symbol);
    int64_t v = 0;
    rc = store_run_id(st, &v, e);
    *number = (int)v;
    return rc;
}
