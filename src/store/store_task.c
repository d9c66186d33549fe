/* store_task.c - task tracking rows in SQL. */
#include "store/store_task.h"

#include <stdio.h>

#include "base/banned.h"

int store_task_state(store_t *s, int64_t id, store_task_state_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT a.id, a.task_id, t.plan_id, a.unit_code, a.status, a.progress "
        "FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = "
        "t.plan_id WHERE a.id = ?1 AND p.status = 'current'",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        out->id = store_col_int(st, 0);
        out->task_id = store_col_int(st, 1);
        out->plan_id = store_col_int(st, 2);
        const char *u = store_col_text(st, 3);
        snprintf(out->unit_code, sizeof out->unit_code, "%s", u ? u : "");
        const char *stt = store_col_text(st, 4);
        snprintf(out->status, sizeof out->status, "%s", stt ? stt : "");
        out->progress = (int)store_col_int(st, 5);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "task.not_found", "Không có phân công nhiệm vụ số %lld",
                     "No task assignment %lld", (long long)id);
    }
    store_stmt_done(st);
    return rc;
}

int store_task_update(store_t *s, const store_task_update_t *u, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO task_update (assignment_id, status, progress, note, author, "
                      "at, period) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, u->assignment_id);
    store_bind_text(st, 2, u->status);
    store_bind_int(st, 3, u->progress);
    store_bind_text(st, 4, u->note ? u->note : "");
    store_bind_text(st, 5, u->author);
    store_bind_text(st, 6, u->at);
    store_bind_text(st, 7, u->period);
    rc = store_step(st, e);
    int64_t uid = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc : ERR_DB;
    for (size_t i = 0; i < u->nevidence; i++) {
        rc = store_prepare(s,
                           "INSERT INTO task_update_evidence (update_id, evidence_id) "
                           "VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                           &st, e);
        if (rc)
            return rc;
        store_bind_int(st, 1, uid);
        store_bind_int(st, 2, u->evidence[i]);
        rc = store_run(st, e);
        if (rc)
            return rc;
    }
    if (u->period) {
        rc = store_prepare(s,
                           "INSERT INTO task_occurrence (assignment_id, period, status, progress, "
                           "completed_on, updated_at, updates) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1) "
                           "ON CONFLICT (assignment_id, period) DO UPDATE SET status = ?3, "
                           "progress = ?4, completed_on = ?5, updated_at = ?6, "
                           "updates = task_occurrence.updates + 1",
                           &st, e);
        if (rc)
            return rc;
        store_bind_int(st, 1, u->assignment_id);
        store_bind_text(st, 2, u->period);
        store_bind_text(st, 3, u->status);
        store_bind_int(st, 4, u->progress);
        store_bind_text(st, 5, u->on);
        store_bind_text(st, 6, u->at);
        rc = store_run(st, e);
        if (rc)
            return rc;
        rc = store_prepare(s,
                           "UPDATE task_assignment SET updated_at = ?2, updates = updates + 1 "
                           "WHERE id = ?1",
                           &st, e);
        if (rc)
            return rc;
        store_bind_int(st, 1, u->assignment_id);
        store_bind_text(st, 2, u->at);
        rc = store_run(st, e);
        if (!rc && id)
            *id = uid;
        return rc;
    }
    rc = store_prepare(s,
                       "UPDATE task_assignment SET status = ?2, progress = ?3, reason = CASE WHEN "
                       "?2 = 'khong_thuc_hien_duoc' THEN ?4 ELSE NULL END, completed_on = ?5, "
                       "updated_at = ?6, updates = updates + 1 WHERE id = ?1",
                       &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, u->assignment_id);
    store_bind_text(st, 2, u->status);
    store_bind_int(st, 3, u->progress);
    store_bind_text(st, 4, u->note ? u->note : "");
    store_bind_text(st, 5, u->on);
    store_bind_text(st, 6, u->at);
    rc = store_run(st, e);
    if (!rc && id)
        *id = uid;
    return rc;
}

int store_task_history_count(store_t *s, int64_t id, int64_t *n, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT COUNT(*) FROM task_update WHERE assignment_id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    *n = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static const char *txt(store_stmt_t *st, int col)
{
    const char *v = store_col_text(st, col);
    return v ? v : "";
}

int store_task_rows(store_t *s, int64_t plan_id, int64_t id, store_task_row_fn fn, void *ctx,
                    err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT a.id, a.task_id, t.plan_id, COALESCE(p.year, 0), t.seq, p.title, p.unit_code, "
        "t.task_no, t.area, t.title, t.detail, t.product, a.role, a.unit_code, a.label, a.status, "
        "a.reason, t.deadline_text, a.updated_at, a.completed_on, a.progress, a.updates, "
        "COALESCE(t.weight, 0) "
        "FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id "
        "WHERE a.unit_code IS NOT NULL AND p.status = 'current' AND (?1 = 0 OR t.plan_id = ?1) AND "
        "(?2 = 0 OR a.id = ?2) "
        "ORDER BY t.plan_id, t.seq, a.role, a.seq, a.id",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    store_bind_int(st, 2, id);
    while (store_next(st, &rc, e)) {
        store_task_row_t r = {
            .id = store_col_int(st, 0),
            .task_id = store_col_int(st, 1),
            .plan_id = store_col_int(st, 2),
            .plan_year = (int)store_col_int(st, 3),
            .seq = (int)store_col_int(st, 4),
            .plan_title = txt(st, 5),
            .plan_unit = txt(st, 6),
            .task_no = txt(st, 7),
            .area = txt(st, 8),
            .title = txt(st, 9),
            .detail = txt(st, 10),
            .product = txt(st, 11),
            .role = txt(st, 12),
            .unit_code = txt(st, 13),
            .label = txt(st, 14),
            .status = txt(st, 15),
            .reason = txt(st, 16),
            .deadline_text = txt(st, 17),
            .updated_at = txt(st, 18),
            .completed_on = txt(st, 19),
            .progress = (int)store_col_int(st, 20),
            .updates = store_col_int(st, 21),
            .weight = store_col_double(st, 22),
        };
        rc = fn(ctx, &r, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_peers(store_t *s, int64_t task_id, store_task_peer_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, role, label, unit_code, status FROM task_assignment "
                           "WHERE task_id = ?1 ORDER BY role, expanded_from IS NOT NULL, seq, id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task_id);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0), txt(st, 1), txt(st, 2), txt(st, 3), txt(st, 4), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_history(store_t *s, int64_t id, store_task_hist_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT u.id, u.status, u.progress, u.note, u.author, u.at, u.period, "
        "(SELECT group_concat(evidence_id) FROM (SELECT evidence_id FROM "
        "task_update_evidence x WHERE x.update_id = u.id ORDER BY evidence_id) AS ev) "
        "FROM task_update u WHERE u.assignment_id = ?1 ORDER BY u.id DESC",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        store_task_hist_t h = {.id = store_col_int(st, 0),
                               .status = txt(st, 1),
                               .progress = (int)store_col_int(st, 2),
                               .note = txt(st, 3),
                               .author = txt(st, 4),
                               .at = txt(st, 5),
                               .period = txt(st, 6),
                               .evidence = txt(st, 7)};
        rc = fn(ctx, &h, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_occurrences(store_t *s, int64_t id, store_task_occ_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT period, status, progress, completed_on, updated_at, updates "
                           "FROM task_occurrence WHERE assignment_id = ?1 ORDER BY period",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        store_task_occ_t o = {.period = txt(st, 0),
                              .status = txt(st, 1),
                              .progress = (int)store_col_int(st, 2),
                              .completed_on = txt(st, 3),
                              .updated_at = txt(st, 4),
                              .updates = store_col_int(st, 5)};
        rc = fn(ctx, &o, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_evidence_linked(store_t *s, int64_t evidence_id, bool *linked, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT 1 FROM task_update_evidence WHERE evidence_id = ?1 LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, evidence_id);
    rc = store_step(st, e);
    *linked = rc == STORE_ROW;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static void copy(char *dst, size_t cap, const char *v)
{
    snprintf(dst, cap, "%s", v ? v : "");
}

int store_task_plan(store_t *s, int64_t plan_id, store_task_plan_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT tracking_started IS NOT NULL, unit_code, issuer_code, "
                           "scope_code, issued_on, COALESCE(year, 0) FROM plan WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        out->started = store_col_int(st, 0) != 0;
        copy(out->unit_code, sizeof out->unit_code, store_col_text(st, 1));
        copy(out->issuer_code, sizeof out->issuer_code, store_col_text(st, 2));
        copy(out->scope_code, sizeof out->scope_code, store_col_text(st, 3));
        copy(out->issued_on, sizeof out->issued_on, store_col_text(st, 4));
        out->year = (int)store_col_int(st, 5);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch số %lld", "No plan %lld",
                     (long long)plan_id);
    }
    store_stmt_done(st);
    return rc;
}

int store_task_groups(store_t *s, int64_t plan_id, store_task_group_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT a.id, a.task_id, a.role, a.seq, a.label FROM task_assignment a "
                           "JOIN task t ON t.id = a.task_id WHERE t.plan_id = ?1 AND "
                           "a.unit_code IS NULL AND a.expanded_from IS NULL ORDER BY a.id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0), store_col_int(st, 1), txt(st, 2),
                (int)store_col_int(st, 3), txt(st, 4), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_add_member(store_t *s, int64_t task_id, int64_t group_id, const char *role, int seq,
                          const char *label, const char *unit, bool *added, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO task_assignment (task_id, role, seq, label, unit_code, "
                           "expanded_from) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS "
                           "(SELECT 1 FROM task_assignment WHERE task_id = ?1 AND unit_code = ?5)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task_id);
    store_bind_text(st, 2, role);
    store_bind_int(st, 3, seq);
    store_bind_text(st, 4, label);
    store_bind_text(st, 5, unit);
    if (group_id > 0)
        store_bind_int(st, 6, group_id);
    else
        store_bind_null(st, 6);
    rc = store_run(st, e);
    if (!rc && added)
        *added = store_changes(s) > 0;
    return rc;
}

int store_task_leadless(store_t *s, int64_t plan_id, store_task_id_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT t.id FROM task t WHERE t.plan_id = ?1 AND NOT EXISTS (SELECT 1 "
                           "FROM task_assignment a WHERE a.task_id = t.id AND a.role = 'lead') "
                           "ORDER BY t.seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_mark_started(store_t *s, int64_t plan_id, const char *at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "UPDATE plan SET tracking_started = ?2 WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    store_bind_text(st, 2, at);
    return store_run(st, e);
}
