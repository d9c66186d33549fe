/* store_feedback.c - feedback state rows and event log (see store_feedback.h). */
#include "store/store_feedback.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define STATE_COLS                                                                                 \
    "id, code, unit_code, status, received_at, acked_at, info_requested_at, info_supplied_at, "    \
    "answered_at, published_at, rated_at, rating, ack_due, info_due, answer_due_base, "            \
    "answer_due, publish_due, subject"

void store_feedback_text_release(store_feedback_text_t *t)
{
    if (!t)
        return;
    mem_free(t->subject);
    mem_free(t->content);
    mem_free(t->sender_name);
    mem_free(t->sender_contact);
    mem_free(t->rules_version);
    mem_free(t->kind);
    mem_free(t->about);
    mem_free(t->about_ref);
    memset(t, 0, sizeof *t);
}

/* Binds the state columns ?2..?16 shared by insert and update. */
static void bind_state(store_stmt_t *st, const feedback_t *f)
{
    store_bind_text(st, 2, feedback_status_name(f->status));
    store_bind_time(st, 3, f->received);
    store_bind_time(st, 4, f->acked);
    store_bind_time(st, 5, f->info_requested);
    store_bind_time(st, 6, f->info_supplied);
    store_bind_time(st, 7, f->answered);
    store_bind_time(st, 8, f->published);
    store_bind_time(st, 9, f->rated_at);
    store_bind_int(st, 10, f->rating);
    store_bind_time(st, 11, f->ack_due);
    store_bind_time(st, 12, f->info_due);
    store_bind_time(st, 13, f->answer_due_base);
    store_bind_time(st, 14, f->answer_due);
    store_bind_time(st, 15, f->publish_due);
}

int store_feedback_insert(store_t *s, const feedback_t *f, const store_feedback_text_t *t,
                          int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO feedback (code, status, received_at, acked_at, info_requested_at, "
        "info_supplied_at, answered_at, published_at, rated_at, rating, ack_due, info_due, "
        "answer_due_base, answer_due, publish_due, unit_code, subject, content, sender_name, "
        "sender_contact, rules_version, kind, about, about_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
        "ON CONFLICT (code) DO NOTHING RETURNING id",
        &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, f->code);
    bind_state(st, f);
    store_bind_text(st, 16, f->unit);
    store_bind_text(st, 17, t && t->subject ? t->subject : "");
    store_bind_text(st, 18, t && t->content ? t->content : "");
    store_bind_text(st, 19, t && t->sender_name ? t->sender_name : "");
    store_bind_text(st, 20, t && t->sender_contact ? t->sender_contact : "");
    store_bind_text(st, 21, t && t->rules_version ? t->rules_version : "");
    store_bind_text(st, 22, t && t->kind && *t->kind ? t->kind : "phan_anh");
    store_bind_text(st, 23, t && t->about ? t->about : "");
    store_bind_text(st, 24, t && t->about_ref ? t->about_ref : "");
    *id = 0;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = store_step(st, e);
    }
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!*id)
        return err_set(e, ERR_CONFLICT, "feedback.duplicate", "Mã phản ánh '%s' đã tồn tại",
                       "Feedback code '%s' already exists", f->code);
    return 0;
}

int store_feedback_update(store_t *s, int64_t id, const feedback_t *f, const char *rules_version,
                          err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "UPDATE feedback SET status = ?2, received_at = ?3, acked_at = ?4, "
        "info_requested_at = ?5, info_supplied_at = ?6, answered_at = ?7, published_at = ?8, "
        "rated_at = ?9, rating = ?10, ack_due = ?11, info_due = ?12, answer_due_base = ?13, "
        "answer_due = ?14, publish_due = ?15, rules_version = ?16 WHERE id = ?1",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    bind_state(st, f);
    store_bind_text(st, 16, rules_version ? rules_version : "");
    return store_run(st, e);
}

static void read_state(store_stmt_t *st, feedback_t *f)
{
    feedback_init(f);
    snprintf(f->code, sizeof f->code, "%s", store_col_text(st, 1));
    snprintf(f->unit, sizeof f->unit, "%s", store_col_text(st, 2));
    fb_status_t status = FB_NONE;
    const char *name = store_col_text(st, 3);
    if (name)
        feedback_status_parse(name, &status);
    f->status = status;
    f->received = store_col_time(st, 4);
    f->acked = store_col_time(st, 5);
    f->info_requested = store_col_time(st, 6);
    f->info_supplied = store_col_time(st, 7);
    f->answered = store_col_time(st, 8);
    f->published = store_col_time(st, 9);
    f->rated_at = store_col_time(st, 10);
    f->rating = (int)store_col_int(st, 11);
    f->ack_due = store_col_time(st, 12);
    f->info_due = store_col_time(st, 13);
    f->answer_due_base = store_col_time(st, 14);
    f->answer_due = store_col_time(st, 15);
    f->publish_due = store_col_time(st, 16);
}

static int dup(const char *s, char **out)
{
    *out = mem_strdup(s ? s : "");
    return *out ? 0 : ERR_NOMEM;
}

int store_feedback_load(store_t *s, const char *code, feedback_t *f, int64_t *id,
                        store_feedback_text_t *t, err_t *e)
{
    if (t)
        memset(t, 0, sizeof *t);
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " STATE_COLS ", content, sender_name, sender_contact, "
                           "rules_version, kind, about, about_ref FROM feedback WHERE code = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, code);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        read_state(st, f);
        if (id)
            *id = store_col_int(st, 0);
        rc = 0;
        if (t &&
            (dup(store_col_text(st, 17), &t->subject) || dup(store_col_text(st, 18), &t->content) ||
             dup(store_col_text(st, 19), &t->sender_name) ||
             dup(store_col_text(st, 20), &t->sender_contact) ||
             dup(store_col_text(st, 21), &t->rules_version) ||
             dup(store_col_text(st, 22), &t->kind) || dup(store_col_text(st, 23), &t->about) ||
             dup(store_col_text(st, 24), &t->about_ref))) {
            store_feedback_text_release(t);
            rc = err_nomem(e);
        }
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "feedback.not_found", "Không tìm thấy phản ánh '%s'",
                     "Feedback '%s' not found", code);
    }
    store_stmt_done(st);
    return rc;
}

int store_feedback_event_add(store_t *s, int64_t id, int seq, const fb_event_t *ev,
                             const char *actor, const char *note, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO feedback_event (feedback_id, seq, kind, at, value, actor, "
                           "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, seq);
    store_bind_text(st, 3, feedback_event_name(ev->kind));
    store_bind_int(st, 4, ev->at);
    store_bind_int(st, 5, ev->value);
    store_bind_text(st, 6, actor);
    store_bind_text(st, 7, note);
    return store_run(st, e);
}

int store_feedback_events(store_t *s, int64_t id, store_feedback_event_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT seq, kind, at, value, actor, note FROM feedback_event "
                           "WHERE feedback_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        store_feedback_event_row_t r = {0};
        r.seq = (int)store_col_int(st, 0);
        fb_event_kind_t k;
        const char *kind = store_col_text(st, 1);
        if (!kind || feedback_event_parse(kind, &k)) {
            rc = err_set(e, ERR_DB, "feedback.event_log", "nhật ký phản ánh hỏng",
                         "damaged feedback event log");
            break;
        }
        r.ev.kind = k;
        r.ev.at = store_col_int(st, 2);
        r.ev.value = (int)store_col_int(st, 3);
        r.actor = store_col_text(st, 4);
        r.note = store_col_text(st, 5);
        rc = fn(ctx, &r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* With an answer-time range the index on answered_at leads (the KPI scan);
 * otherwise receipt order (lists). The casts give PostgreSQL the type of a
 * parameter only tested for NULL. */
static const char *SQL_SCAN_ANSWERED =
    "SELECT " STATE_COLS " FROM feedback WHERE answered_at >= ?3 AND answered_at <= ?4 "
    "AND (CAST(?1 AS TEXT) IS NULL OR unit_code = ?1) "
    "AND (CAST(?2 AS TEXT) IS NULL OR status = ?2) ORDER BY answered_at DESC, id DESC";
static const char *SQL_SCAN_ALL =
    "SELECT " STATE_COLS " FROM feedback WHERE (CAST(?1 AS TEXT) IS NULL OR unit_code = ?1) "
    "AND (CAST(?2 AS TEXT) IS NULL OR status = ?2) ORDER BY received_at DESC, id DESC";

int store_feedback_scan(store_t *s, const store_feedback_filter_t *flt, store_feedback_fn fn,
                        void *ctx, err_t *e)
{
    bool range = flt && flt->answered_from != DTIME_NONE && flt->answered_to != DTIME_NONE;
    store_stmt_t *st;
    int rc = store_prepare(s, range ? SQL_SCAN_ANSWERED : SQL_SCAN_ALL, &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, flt && flt->unit ? flt->unit : NULL);
    store_bind_text(st, 2, flt && flt->status ? feedback_status_name(flt->status) : NULL);
    if (range) {
        store_bind_int(st, 3, flt->answered_from);
        store_bind_int(st, 4, flt->answered_to);
    }
    while (store_next(st, &rc, e)) {
        store_feedback_row_t r;
        r.id = store_col_int(st, 0);
        read_state(st, &r.f);
        r.subject = store_col_text(st, 17);
        rc = fn(ctx, &r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
