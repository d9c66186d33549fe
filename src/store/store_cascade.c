/* store_cascade.c - cascade check rows in SQL (store_cascade.h). */
#include "store/store_cascade.h"

#include "base/banned.h"

static const char *txt(store_stmt_t *st, int col)
{
    const char *v = store_col_text(st, col);
    return v ? v : "";
}

int store_cascade_unit_tasks(store_t *s, const char *unit, int year, int64_t except,
                             store_cascade_task_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "SELECT p.id, p.title, t.id, t.task_no, t.title, t.detail FROM plan p "
                      "JOIN task t ON t.plan_id = p.id WHERE (p.unit_code = ?1 OR "
                      "p.issuer_code = ?1) AND p.year = ?2 AND p.id <> ?3 AND p.status = 'current' "
                      "ORDER BY p.id, t.seq",
                      &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit);
    store_bind_int(st, 2, year);
    store_bind_int(st, 3, except);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0), txt(st, 1), store_col_int(st, 2), txt(st, 3), txt(st, 4),
                txt(st, 5), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_cascade_decisions(store_t *s, int64_t plan_id, store_cascade_decision_fn fn, void *ctx,
                            err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT d.parent_task_id, d.unit_code, d.decision, COALESCE(d.child_task_id, 0), "
        "d.author, d.at FROM cascade_decision d JOIN task t ON t.id = d.parent_task_id "
        "WHERE t.plan_id = ?1 AND d.id = (SELECT MAX(x.id) FROM cascade_decision x WHERE "
        "x.parent_task_id = d.parent_task_id AND x.unit_code = d.unit_code)",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0), txt(st, 1), txt(st, 2), store_col_int(st, 3), txt(st, 4),
                txt(st, 5), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_cascade_decide(store_t *s, int64_t task_id, const char *unit, const char *decision,
                         int64_t child, const char *author, const char *at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO cascade_decision (parent_task_id, unit_code, decision, "
                           "child_task_id, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task_id);
    store_bind_text(st, 2, unit);
    store_bind_text(st, 3, decision);
    if (child > 0)
        store_bind_int(st, 4, child);
    else
        store_bind_null(st, 4);
    store_bind_text(st, 5, author);
    store_bind_text(st, 6, at);
    rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
