/* store_report.c - periodic reports in the database (store_report.h). */
#include "store/store_report.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define COLS                                                                                       \
    "id, unit_code, receiver_code, kind, year, ref, title, window_from, window_to, due, status, "  \
    "doc_number, created_at, created_by, submitted_at, submitted_by, days_late, submissions, "     \
    "decided_at, decided_by, return_reason, frozen_at, figures, version"

void store_report_release(store_report_t *r)
{
    if (!r)
        return;
    mem_free(r->title);
    mem_free(r->return_reason);
    mem_free(r->figures);
    r->title = r->return_reason = r->figures = NULL;
}

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

/* Reads a row selected with COLS. Strings are copied (the owned ones
 * allocated): ERR_NOMEM. */
static int read_row(store_stmt_t *st, store_report_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = store_col_int(st, 0);
    copy(r->unit, sizeof r->unit, store_col_text(st, 1));
    copy(r->receiver, sizeof r->receiver, store_col_text(st, 2));
    copy(r->kind, sizeof r->kind, store_col_text(st, 3));
    r->year = (int)store_col_int(st, 4);
    copy(r->ref, sizeof r->ref, store_col_text(st, 5));
    r->title = mem_strdup(store_col_text(st, 6) ? store_col_text(st, 6) : "");
    r->from = store_col_date(st, 7);
    r->to = store_col_date(st, 8);
    r->due = store_col_date(st, 9);
    copy(r->status, sizeof r->status, store_col_text(st, 10));
    r->doc_number = (int)store_col_int(st, 11);
    r->created_at = store_col_stamp(st, 12);
    copy(r->created_by, sizeof r->created_by, store_col_text(st, 13));
    r->submitted_at = store_col_stamp(st, 14);
    copy(r->submitted_by, sizeof r->submitted_by, store_col_text(st, 15));
    r->days_late = store_col_is_null(st, 16) ? -1 : (int)store_col_int(st, 16);
    r->submissions = (int)store_col_int(st, 17);
    r->decided_at = store_col_stamp(st, 18);
    copy(r->decided_by, sizeof r->decided_by, store_col_text(st, 19));
    const char *reason = store_col_text(st, 20), *fig = store_col_text(st, 22);
    r->return_reason = reason ? mem_strdup(reason) : NULL;
    r->frozen_at = store_col_stamp(st, 21);
    r->figures = fig ? mem_strdup(fig) : NULL;
    r->version = store_col_int(st, 23);
    if (!r->title || (reason && !r->return_reason) || (fig && !r->figures)) {
        store_report_release(r);
        return ERR_NOMEM;
    }
    return 0;
}

int store_report_insert(store_t *s, const store_report_t *r, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO report (unit_code, receiver_code, kind, year, ref, title, "
                           "window_from, window_to, due, created_at, created_by) VALUES (?1, ?2, "
                           "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, r->unit);
    store_bind_text(st, 2, r->receiver);
    store_bind_text(st, 3, r->kind);
    store_bind_int(st, 4, r->year);
    store_bind_text(st, 5, r->ref);
    store_bind_text(st, 6, r->title ? r->title : "");
    store_bind_date(st, 7, r->from);
    store_bind_date(st, 8, r->to);
    store_bind_date(st, 9, r->due);
    store_bind_stamp(st, 10, r->created_at);
    store_bind_text(st, 11, r->created_by);
    rc = store_run_id(st, id, e);
    if (rc == ERR_CONFLICT)
        rc = err_set(e, ERR_CONFLICT, "report.exists", "Báo cáo này đã được tạo",
                     "This report exists already");
    return rc;
}

int store_report_get(store_t *s, int64_t id, store_report_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " COLS " FROM report WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        rc = read_row(st, out) ? err_nomem(e) : 0;
    else if (rc == STORE_DONE)
        rc = err_set(e, ERR_NOTFOUND, "report.not_found", "Không tìm thấy báo cáo #%lld",
                     "Report #%lld not found", (long long)id);
    store_stmt_done(st);
    return rc;
}

int store_report_find(store_t *s, const char *unit, const char *kind, int year, const char *ref,
                      int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id FROM report WHERE unit_code = ?1 AND kind = ?2 AND "
                           "year = ?3 AND ref = ?4",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit);
    store_bind_text(st, 2, kind);
    store_bind_int(st, 3, year);
    store_bind_text(st, 4, ref);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

static int scan(store_stmt_t *st, store_report_fn fn, void *ctx, err_t *e)
{
    int rc;
    while (store_next(st, &rc, e)) {
        store_report_t r;
        rc = read_row(st, &r) ? err_nomem(e) : fn(ctx, &r, e);
        store_report_release(&r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_report_list(store_t *s, int year, const char *const *units, size_t n,
                      const char *receiver, store_report_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc;
    if (receiver) {
        rc = store_prepare(s,
                           "SELECT " COLS " FROM report WHERE receiver_code = ?1 AND year = ?2 "
                           "ORDER BY unit_code, window_to, kind, ref",
                           &st, e);
        if (rc)
            return rc;
        store_bind_text(st, 1, receiver);
        store_bind_int(st, 2, year);
        return scan(st, fn, ctx, e);
    }
    for (size_t i = 0; i < n; i++) {
        rc = store_prepare(s,
                           "SELECT " COLS " FROM report WHERE unit_code = ?1 AND year = ?2 "
                           "ORDER BY window_to, kind, ref",
                           &st, e);
        if (rc)
            return rc;
        store_bind_text(st, 1, units[i]);
        store_bind_int(st, 2, year);
        rc = scan(st, fn, ctx, e);
        if (rc)
            return rc;
    }
    return 0;
}

int store_report_update(store_t *s, const store_report_t *r, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE report SET status = ?2, doc_number = ?3, submitted_at = ?4, "
                           "submitted_by = ?5, days_late = ?6, submissions = ?7, decided_at = ?8, "
                           "decided_by = ?9, return_reason = ?10, frozen_at = ?11, figures = ?12, "
                           "version = version + 1 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, r->id);
    store_bind_text(st, 2, r->status);
    if (r->doc_number > 0)
        store_bind_int(st, 3, r->doc_number);
    else
        store_bind_null(st, 3);
    store_bind_stamp(st, 4, r->submitted_at);
    store_bind_text(st, 5, r->submitted_by[0] ? r->submitted_by : NULL);
    if (r->days_late >= 0)
        store_bind_int(st, 6, r->days_late);
    else
        store_bind_null(st, 6);
    store_bind_int(st, 7, r->submissions);
    store_bind_stamp(st, 8, r->decided_at);
    store_bind_text(st, 9, r->decided_by[0] ? r->decided_by : NULL);
    store_bind_text(st, 10, r->return_reason);
    store_bind_stamp(st, 11, r->frozen_at);
    store_bind_text(st, 12, r->figures);
    rc = store_run(st, e);
    if (!rc && store_changes(s) != 1)
        rc = err_set(e, ERR_NOTFOUND, "report.not_found", "Không tìm thấy báo cáo #%lld",
                     "Report #%lld not found", (long long)r->id);
    return rc;
}

/* --- sections ------------------------------------------------------------------------ */

int store_report_sections(store_t *s, int64_t report_id, store_report_section_fn fn, void *ctx,
                          err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT code, body, version, updated_at, updated_by FROM "
                           "report_section WHERE report_id = ?1 ORDER BY code",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, report_id);
    while (store_next(st, &rc, e)) {
        store_report_section_t sec = {store_col_text(st, 0), store_col_text(st, 1),
                                      store_col_int(st, 2), store_col_stamp(st, 3),
                                      store_col_text(st, 4)};
        rc = fn(ctx, &sec, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_report_section_put(store_t *s, int64_t report_id, const char *code, const char *body,
                             int64_t expected, const char *by, dtime_t at, int64_t *version,
                             err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO report_section (report_id, code, body, version, updated_at, updated_by) "
        "VALUES (?1, ?2, ?3, 1, ?5, ?6) ON CONFLICT (report_id, code) DO UPDATE SET "
        "body = excluded.body, version = report_section.version + 1, updated_at = "
        "excluded.updated_at, "
        "updated_by = excluded.updated_by WHERE report_section.version = ?4 RETURNING version",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, report_id);
    store_bind_text(st, 2, code);
    store_bind_text(st, 3, body);
    store_bind_int(st, 4, expected);
    store_bind_stamp(st, 5, at);
    store_bind_text(st, 6, by);
    rc = store_step(st, e);
    int64_t v = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    /* A fresh row starts at version 1 whatever `expected` said: a first save
     * that raced another first save finds the row and conflicts below. */
    if (rc != STORE_ROW || (v == 1 && expected != 0))
        return err_set(e, ERR_CONFLICT, "report.changed",
                       "Mục %s vừa được người khác sửa; hãy tải lại để xem nội dung mới",
                       "Section %s was changed by someone else; reload to see the new text", code);
    *version = v;
    return 0;
}

/* --- events -------------------------------------------------------------------------- */

int store_report_event_add(store_t *s, int64_t report_id, dtime_t at, const char *actor,
                           const char *action, const char *note, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO report_event (report_id, at, actor, action, note) VALUES "
                           "(?1, ?2, ?3, ?4, ?5)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, report_id);
    store_bind_stamp(st, 2, at);
    store_bind_text(st, 3, actor ? actor : "system");
    store_bind_text(st, 4, action);
    store_bind_text(st, 5, note ? note : "");
    return store_run(st, e);
}

int store_report_events(store_t *s, int64_t report_id, store_report_event_fn fn, void *ctx,
                        err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT at, actor, action, note FROM report_event WHERE report_id = ?1 "
                           "ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, report_id);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_stamp(st, 0), store_col_text(st, 1), store_col_text(st, 2),
                store_col_text(st, 3), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* --- calendar rows ------------------------------------------------------------------- */

static const char *nz(const char *s)
{
    return s ? s : "";
}

int store_report_rule_add(store_t *s, const store_report_rule_t *r, dtime_t at, const char *by,
                          int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO report_rule (type, receiver, kind, years, win, due, "
                           "enabled, date_from, date_to, adhoc_id, title, note, plan_id, source, "
                           "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, r->type);
    store_bind_text(st, 2, r->receiver);
    store_bind_text(st, 3, nz(r->kind));
    store_bind_text(st, 4, nz(r->years));
    store_bind_text(st, 5, nz(r->window));
    store_bind_text(st, 6, nz(r->due));
    store_bind_int(st, 7, r->enabled);
    store_bind_text(st, 8, nz(r->date_from));
    store_bind_text(st, 9, nz(r->date_to));
    store_bind_text(st, 10, nz(r->adhoc_id));
    store_bind_text(st, 11, nz(r->title));
    store_bind_text(st, 12, nz(r->note));
    if (r->plan_id)
        store_bind_int(st, 13, r->plan_id);
    else
        store_bind_null(st, 13);
    store_bind_text(st, 14, nz(r->source));
    store_bind_stamp(st, 15, at);
    store_bind_text(st, 16, by ? by : "system");
    return store_run_id(st, id, e);
}

int store_report_rules(store_t *s, store_report_rule_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, type, receiver, kind, years, win, due, enabled, date_from, "
                           "date_to, adhoc_id, title, note, source, COALESCE(plan_id, 0) FROM "
                           "report_rule r WHERE r.plan_id IS NULL OR EXISTS (SELECT 1 FROM plan p "
                           "WHERE p.id = r.plan_id AND p.status = 'current') ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        store_report_rule_t r = {
            store_col_int(st, 0),   store_col_text(st, 1),     store_col_text(st, 2),
            store_col_text(st, 3),  store_col_text(st, 4),     store_col_text(st, 5),
            store_col_text(st, 6),  store_col_int(st, 7) != 0, store_col_text(st, 8),
            store_col_text(st, 9),  store_col_text(st, 10),    store_col_text(st, 11),
            store_col_text(st, 12), store_col_text(st, 13),    store_col_int(st, 14)};
        rc = fn(ctx, &r, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_report_rules_drop_same(store_t *s, const store_report_rule_t *r, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "DELETE FROM report_rule WHERE plan_id IS NOT NULL AND type = ?1 AND "
                           "receiver = ?2 AND kind = ?3 AND years = ?4 AND adhoc_id = ?5",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, r->type);
    store_bind_text(st, 2, r->receiver);
    store_bind_text(st, 3, nz(r->kind));
    store_bind_text(st, 4, nz(r->years));
    store_bind_text(st, 5, nz(r->adhoc_id));
    return store_run(st, e);
}

int store_report_rule_delete(store_t *s, int64_t id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "DELETE FROM report_rule WHERE id = ?1 RETURNING id", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    int64_t got = 0;
    rc = store_run_id(st, &got, e);
    return rc ? rc : got ? STORE_FOUND : 0;
}

int store_report_rules_drop_plan(store_t *s, int64_t plan_id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "DELETE FROM report_rule WHERE plan_id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    return store_run(st, e);
}

int store_report_evidence(store_t *s, const char *from, const char *to, size_t limit,
                          store_report_evidence_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT e.id, a.unit_code, 'task', t.title, e.filename, u.at FROM task_update_evidence x "
        "JOIN task_update u ON u.id = x.update_id JOIN task_assignment a ON a.id = "
        "u.assignment_id JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id JOIN "
        "evidence e ON e.id = x.evidence_id WHERE u.at >= ?1 AND u.at <= ?2 AND p.status = "
        "'current' UNION ALL SELECT e.id, m.unit_code, 'target', "
        "g.source_text, e.filename, m.at FROM target_measurement_evidence y JOIN "
        "target_measurement m ON m.id = y.measurement_id JOIN target g ON g.id = m.target_id "
        "JOIN plan q ON q.id = g.plan_id JOIN evidence e ON e.id = y.evidence_id WHERE m.at >= "
        "?1 AND m.at <= ?2 AND q.status = 'current' ORDER BY 6, 1 "
        "LIMIT ?3",
        &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    store_bind_int(st, 3, (int64_t)limit);
    while (store_next(st, &rc, e)) {
        store_report_evidence_t ev = {store_col_int(st, 0),  store_col_text(st, 1),
                                      store_col_text(st, 2), store_col_text(st, 3),
                                      store_col_text(st, 4), store_col_text(st, 5)};
        rc = fn(ctx, &ev, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc == STORE_STOP ? 0 : rc;
}
