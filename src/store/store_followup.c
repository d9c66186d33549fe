/* store_followup.c - follow-up letters (store_followup.h). */
#include "store/store_followup.h"

#include "base/banned.h"

int store_followup_rounds(store_t *s, int64_t assignment_id, const char *period, int *rounds,
                          err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT COUNT(*) FROM followup_item WHERE assignment_id = ?1 AND "
                           "period = ?2",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, assignment_id);
    store_bind_text(st, 2, period ? period : "");
    rc = store_step(st, e);
    *rounds = rc == STORE_ROW ? (int)store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_followup_add(store_t *s, const store_followup_letter_t *l, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO followup_letter (issuer_code, symbol, year, number, "
                           "issued_on, reply_by, units, created_at, created_by) VALUES (?1, ?2, "
                           "?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, l->issuer);
    store_bind_text(st, 2, l->symbol);
    store_bind_int(st, 3, l->year);
    store_bind_int(st, 4, l->number);
    store_bind_date(st, 5, l->issued_on);
    store_bind_date(st, 6, l->reply_by);
    store_bind_text(st, 7, l->units);
    store_bind_stamp(st, 8, l->created_at);
    store_bind_text(st, 9, l->created_by);
    return store_run_id(st, id, e);
}

int store_followup_add_item(store_t *s, const store_followup_item_t *it, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO followup_item (letter_id, assignment_id, period, "
                           "unit_code, due, days_late, round) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, it->letter_id);
    store_bind_int(st, 2, it->assignment_id);
    store_bind_text(st, 3, it->period ? it->period : "");
    store_bind_text(st, 4, it->unit);
    store_bind_date(st, 5, it->due);
    store_bind_int(st, 6, it->days_late);
    store_bind_int(st, 7, it->round);
    return store_run(st, e);
}

int store_followup_list(store_t *s, size_t limit, store_followup_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT l.id, l.issuer_code, l.symbol, l.units, l.created_by, l.year, "
                           "l.number, l.issued_on, l.reply_by, l.created_at, (SELECT COUNT(*) FROM "
                           "followup_item AS i WHERE i.letter_id = l.id) FROM followup_letter AS l "
                           "ORDER BY l.id DESC LIMIT ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, (int64_t)limit);
    while (store_next(st, &rc, e)) {
        store_followup_letter_t l = {store_col_int(st, 0),      store_col_text(st, 1),
                                     store_col_text(st, 2),     store_col_text(st, 3),
                                     store_col_text(st, 4),     (int)store_col_int(st, 5),
                                     (int)store_col_int(st, 6), store_col_date(st, 7),
                                     store_col_date(st, 8),     store_col_stamp(st, 9)};
        rc = fn(ctx, &l, store_col_int(st, 10), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
