/* store_task.c - task tracking rows in SQL. */
#include "store/store_task.h"

#include <stdio.h>

#include "base/banned.h"

int store_task_state(store_t *s, int64_t id, store_task_state_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT a.id, a.task_id, t.plan_id, a.unit_code, a.status, a.progress "
                           "FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE a.id = ?1",
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

static int run(store_stmt_t *st, err_t *e)
{
    int rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_task_update(store_t *s, const store_task_update_t *u, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO task_update (assignment_id, status, progress, note, author, "
                      "at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                      &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, u->assignment_id);
    store_bind_text(st, 2, u->status);
    store_bind_int(st, 3, u->progress);
    store_bind_text(st, 4, u->note ? u->note : "");
    store_bind_text(st, 5, u->author);
    store_bind_text(st, 6, u->at);
    rc = store_step(st, e);
    int64_t uid = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc : ERR_DB;
    for (size_t i = 0; i < u->nevidence; i++) {
        rc = store_prepare(s,
                           "INSERT OR IGNORE INTO task_update_evidence (update_id, evidence_id) "
                           "VALUES (?1, ?2)",
                           &st, e);
        if (rc)
            return rc;
        store_bind_int(st, 1, uid);
        store_bind_int(st, 2, u->evidence[i]);
        rc = run(st, e);
        if (rc)
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
    rc = run(st, e);
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
