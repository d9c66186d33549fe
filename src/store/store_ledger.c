#include "store/store_ledger.h"

#include "store/store_int.h"
#include "store/store_ledger_bulk.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* --- dossiers ------------------------------------------------------------- */

int store_ledger_dossier_meta(store_t *s, const char *code, store_ledger_dossier_meta_t *m,
                              err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT d.id, COALESCE(d.job_id, 0), d.rev, d.fresh_at, "
                           "(SELECT COALESCE(MAX(batch), 0) FROM dossier_event "
                           " WHERE id > d.id * 65536 AND id < (d.id + 1) * 65536) "
                           "FROM dossier d WHERE d.code = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, code);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        m->id = store_col_int(st, 0);
        m->job_id = store_col_int(st, 1);
        m->rev = store_col_int(st, 2);
        m->fresh_at = store_col_int(st, 3);
        m->batches = store_col_int(st, 4);
        rc = 1;
    }
    store_stmt_done(st);
    return rc;
}

/* Binds the state columns ?2.. ?24 shared by insert and update. */
static void bind_state(store_stmt_t *st, const dossier_t *d, int cls, int64_t job_id)
{
    store_bind_text_static(st, 2, d->unit); /* d outlives the step in every caller */
    store_bind_text_static(st, 3, d->procedure);
    store_bind_int(st, 4, d->channel);
    store_bind_int(st, 5, (d->flags & DFLAG_FULL_ONLINE) != 0);
    store_bind_time(st, 6, d->received);
    store_bind_time(st, 7, d->due_base);
    store_bind_time(st, 8, d->due);
    store_bind_time(st, 9, d->ended != DTIME_NONE ? d->ended : DTIME_NONE);
    store_bind_time(st, 10, d->returned);
    store_bind_time(st, 11, d->supp_requested);
    store_bind_time(st, 12, d->supp_supplied);
    store_bind_int(st, 13, d->status);
    store_bind_int(st, 14, d->supplements);
    store_bind_int(st, 15, (d->flags & DFLAG_PAID_ONLINE) != 0);
    store_bind_int(st, 16, (d->flags & DFLAG_DIGITIZED) != 0);
    store_bind_int(st, 17, (d->flags & DFLAG_E_RESULT) != 0);
    store_bind_int(st, 18, d->rating);
    store_bind_time(st, 19, d->rated_at);
    store_bind_int(st, 20, cls);
    store_bind_int(st, 21, dossier_freshness(d));
    if (job_id)
        store_bind_int(st, 22, job_id);
    else
        store_bind_null(st, 22);
    store_bind_time(st, 23, d->closed);
    store_bind_int(st, 24, d->apologies);
}

void store_ledger_bulk_bind_state(store_stmt_t *st, const dossier_t *d, int cls, int64_t job_id)
{
    bind_state(st, d, cls, job_id);
}

int store_ledger_dossier_insert(store_t *s, const dossier_t *d, int cls, int64_t job_id,
                                int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO dossier (code, unit_code, procedure_code, channel, full_online, "
        "received_at, due_base, due_at, ended_at, returned_at, pause_from, pause_to, status, "
        "supplements, paid_online, digitized, e_result, rating, rated_at, class, fresh_at, "
        "job_id, closed_at, apologies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
        "ON CONFLICT (code) DO NOTHING RETURNING id",
        &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, d->code);
    bind_state(st, d, cls, job_id);
    *id = 0;
    return store_run_id(st, id, e);
}

int store_ledger_dossier_update(store_t *s, int64_t id, const dossier_t *d, int cls, int64_t job_id,
                                int64_t rev, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "UPDATE dossier SET unit_code = ?2, procedure_code = ?3, channel = ?4, full_online = ?5, "
        "received_at = ?6, due_base = ?7, due_at = ?8, ended_at = ?9, returned_at = ?10, "
        "pause_from = ?11, pause_to = ?12, status = ?13, supplements = ?14, paid_online = ?15, "
        "digitized = ?16, e_result = ?17, rating = ?18, rated_at = ?19, class = ?20, "
        "fresh_at = ?21, job_id = ?22, closed_at = ?23, apologies = ?24, rev = ?25 "
        "WHERE id = ?1",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    bind_state(st, d, cls, job_id);
    store_bind_int(st, 25, rev);
    return store_run(st, e);
}

int store_ledger_dossier_events_add(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                    const dossier_event_t *ev, size_t n, const char *actor,
                                    int64_t job_id, const char *note, err_t *e)
{
    if (batch < 1 || batch >= STORE_EVENT_MAX_BATCH)
        return err_set(e, ERR_RANGE, "dossier.event_limit",
                       "hồ sơ đã đạt giới hạn số lần ghi sự kiện",
                       "the dossier reached the limit of event appends");
    char text[DOSSIER_MAX_RECORD_EVENTS * 64];
    size_t used = 0;
    for (size_t i = 0; i < n && i < DOSSIER_MAX_RECORD_EVENTS; i++) {
        int w =
            ev[i].due == DTIME_NONE
                ? snprintf(text + used, sizeof text - used, "%s%d,%lld,%d,", i ? ";" : "",
                           (int)ev[i].kind, (long long)ev[i].at, ev[i].value)
                : snprintf(text + used, sizeof text - used, "%s%d,%lld,%d,%lld", i ? ";" : "",
                           (int)ev[i].kind, (long long)ev[i].at, ev[i].value, (long long)ev[i].due);
        if (w < 0 || (size_t)w >= sizeof text - used)
            return err_set(e, ERR_INTERNAL, "dossier.event_text", "sự kiện quá dài",
                           "event batch too long");
        used += (size_t)w;
    }
    text[used] = '\0';
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO dossier_event (id, dossier_id, batch, rev, actor, job_id, "
                           "note, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id * STORE_EVENT_MAX_BATCH + batch);
    store_bind_int(st, 2, id);
    store_bind_int(st, 3, batch);
    store_bind_int(st, 4, rev);
    store_bind_text(st, 5, actor);
    if (job_id)
        store_bind_int(st, 6, job_id);
    store_bind_text(st, 7, note);
    store_bind_text(st, 8, text);
    return store_run(st, e);
}

#define STATE_COLS                                                                                 \
    "id, unit_code, procedure_code, channel, full_online, received_at, due_base, due_at, "         \
    "ended_at, returned_at, pause_from, pause_to, status, supplements, paid_online, digitized, "   \
    "e_result, rating, rated_at, closed_at, apologies, COALESCE(job_id, 0), rev, fresh_at"

static void read_state(store_stmt_t *st, dossier_t *d)
{
    d->channel = (int)store_col_int(st, 3);
    d->flags = (store_col_int(st, 4) ? DFLAG_FULL_ONLINE : 0) |
               (store_col_int(st, 14) ? DFLAG_PAID_ONLINE : 0) |
               (store_col_int(st, 15) ? DFLAG_DIGITIZED : 0) |
               (store_col_int(st, 16) ? DFLAG_E_RESULT : 0);
    d->received = store_col_time(st, 5);
    d->due_base = store_col_time(st, 6);
    d->due = store_col_time(st, 7);
    d->ended = store_col_time(st, 8);
    d->returned = store_col_time(st, 9);
    d->supp_requested = store_col_time(st, 10);
    d->supp_supplied = store_col_time(st, 11);
    d->status = (int)store_col_int(st, 12);
    d->supplements = (int)store_col_int(st, 13);
    d->rating = (int)store_col_int(st, 17);
    d->rated_at = store_col_time(st, 18);
    d->closed = store_col_time(st, 19);
    d->apologies = (int)store_col_int(st, 20);
}

static void copy_code(char *dst, const char *src)
{
    snprintf(dst, DOSSIER_CODE_MAX + 1, "%s", src ? src : "");
}

int store_ledger_dossier_load(store_t *s, const char *code, dossier_t *d,
                              store_ledger_dossier_meta_t *m, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " STATE_COLS " FROM dossier WHERE code = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, code);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        dossier_init(d);
        copy_code(d->code, code);
        copy_code(d->unit, store_col_text(st, 1));
        copy_code(d->procedure, store_col_text(st, 2));
        read_state(st, d);
        if (m) {
            m->id = store_col_int(st, 0);
            m->job_id = store_col_int(st, 21);
            m->rev = store_col_int(st, 22);
            m->fresh_at = store_col_int(st, 23);
        }
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "dossier.not_found", "Không tìm thấy hồ sơ '%s'",
                     "Dossier '%s' not found", code);
    }
    store_stmt_done(st);
    if (!rc && m) {
        rc = store_prepare(s,
                           "SELECT COALESCE(MAX(batch), 0) FROM dossier_event WHERE id > ?1 "
                           "AND id < ?2",
                           &st, e);
        if (!rc) {
            store_bind_int(st, 1, m->id * STORE_EVENT_MAX_BATCH);
            store_bind_int(st, 2, (m->id + 1) * STORE_EVENT_MAX_BATCH);
            rc = store_step(st, e);
            m->batches = rc == STORE_ROW ? store_col_int(st, 0) : 0;
            rc = rc < 0 ? rc : 0;
            store_stmt_done(st);
        }
    }
    return rc;
}

/* Parses "kind,at,value,due" at p; returns the position after it or NULL. */
static const char *parse_event(const char *p, dossier_event_t *ev)
{
    char *end;
    long long v[4];
    for (int k = 0; k < 4; k++) {
        if (k == 3 && (*p == ';' || *p == '\0')) {
            v[3] = DTIME_NONE;
            break;
        }
        v[k] = strtoll(p, &end, 10);
        if (end == p)
            return NULL;
        p = end;
        if (k < 3) {
            if (*p != ',')
                return NULL;
            p++;
        }
    }
    ev->kind = (dossier_event_kind_t)v[0];
    ev->at = v[1];
    ev->value = (int)v[2];
    ev->due = v[3];
    return p;
}

int store_ledger_dossier_events(store_t *s, int64_t id, int64_t min_rev, store_ledger_event_fn fn,
                                void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT batch, rev, actor, note, events FROM dossier_event "
                           "WHERE id > ?1 AND id < ?2 AND rev >= ?3 ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id * STORE_EVENT_MAX_BATCH);
    store_bind_int(st, 2, (id + 1) * STORE_EVENT_MAX_BATCH);
    store_bind_int(st, 3, min_rev);
    while (store_next(st, &rc, e)) {
        store_event_row_t r = {0};
        r.batch = store_col_int(st, 0);
        r.rev = store_col_int(st, 1);
        r.actor = store_col_text(st, 2);
        r.note = store_col_text(st, 3);
        const char *p = store_col_text(st, 4);
        while (p && *p && !rc) {
            p = parse_event(p, &r.ev);
            if (!p) {
                rc = err_set(e, ERR_DB, "dossier.event_text", "nhật ký sự kiện hỏng",
                             "damaged event log");
                break;
            }
            if (*p == ';')
                p++;
            rc = fn(ctx, &r);
        }
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_ledger_dossiers_scan(store_t *s, int64_t after_id, store_ledger_dossier_fn fn, void *ctx,
                               err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s, "SELECT " STATE_COLS " FROM dossier WHERE id > ?1 ORDER BY id", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, after_id);
    while (store_next(st, &rc, e)) {
        store_ledger_dossier_row_t r;
        dossier_init(&r.d);
        r.id = store_col_int(st, 0);
        r.unit = store_col_text(st, 1);
        r.procedure = store_col_text(st, 2);
        read_state(st, &r.d);
        rc = fn(ctx, &r);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_ledger_dossiers_stats(store_t *s, int64_t *count, int64_t *max_id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM dossier", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *count = store_col_int(st, 0);
        *max_id = store_col_int(st, 1);
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

int store_ledger_dossier_code(store_t *s, int64_t id, char *code, size_t n, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT code FROM dossier WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        snprintf(code, n, "%s", store_col_text(st, 0));
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "dossier.not_found", "Không tìm thấy hồ sơ #%lld",
                     "Dossier #%lld not found", (long long)id);
    }
    store_stmt_done(st);
    return rc;
}

int store_ledger_bulk(store_t *s, bool on, err_t *e)
{
    if (strcmp(store_engine(s), "sqlite") != 0)
        return 0;
    /* A large page cache keeps the code index's working set in memory; a
     * larger WAL between checkpoints lets a page changed by several
     * batches be copied to the database once. The ingest's commits do not
     * fsync (synchronous=NORMAL): a power loss may take its last slices,
     * which a rerun resumes from the job's last durable line; interactive
     * connections keep FULL (store_sqlite_sync_pragma). */
    int rc = store_exec(s,
                        on ? "PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 16384; "
                             "PRAGMA synchronous=NORMAL"
                           : "PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000",
                        e);
    return rc || on ? rc : store_exec(s, store_sqlite_sync_pragma(), e);
}

/* --- generation ------------------------------------------------------------- */

int store_ledger_generation(store_t *s, int64_t *gen, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT value FROM ledger_meta WHERE key = 'generation'", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    *gen = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_ledger_bump(store_t *s, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "UPDATE ledger_meta SET value = value + 1 WHERE key = 'generation'",
                           &st, e);
    return rc ? rc : store_run(st, e);
}

/* --- ingest jobs -------------------------------------------------------------- */

int store_ledger_job_find(store_t *s, const char *kind, const char *fingerprint,
                          store_ledger_job_t *job, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, status, last_line, rows_ok, rows_rejected, rejects_bytes "
                           "FROM ingest_job WHERE kind = ?1 AND fingerprint = ?2 "
                           "ORDER BY id DESC LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, fingerprint);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        job->id = store_col_int(st, 0);
        snprintf(job->status, sizeof job->status, "%s", store_col_text(st, 1));
        job->last_line = store_col_int(st, 2);
        job->rows_ok = store_col_int(st, 3);
        job->rows_rejected = store_col_int(st, 4);
        job->rejects_bytes = store_col_int(st, 5);
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

int store_ledger_job_create(store_t *s, const char *kind, const char *path, const char *fingerprint,
                            int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO ingest_job (kind, path, fingerprint, status, started_at) "
                           "VALUES (?1, ?2, ?3, 'running', CURRENT_TIMESTAMP) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, path);
    store_bind_text(st, 3, fingerprint);
    return store_run_id(st, id, e);
}

int store_ledger_job_progress(store_t *s, const store_ledger_job_t *job, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE ingest_job SET last_line = ?2, rows_ok = ?3, "
                           "rows_rejected = ?4, rejects_bytes = ?5 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, job->id);
    store_bind_int(st, 2, job->last_line);
    store_bind_int(st, 3, job->rows_ok);
    store_bind_int(st, 4, job->rows_rejected);
    store_bind_int(st, 5, job->rejects_bytes);
    return store_run(st, e);
}

int store_ledger_job_finish(store_t *s, int64_t id, const char *status, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE ingest_job SET status = ?2, finished_at = CURRENT_TIMESTAMP "
                           "WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, status);
    return store_run(st, e);
}

int store_ledger_note_change(store_t *s, const char *code, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO ledger_change (generation, dossier_id) SELECT (SELECT value "
                      "FROM ledger_meta WHERE key = 'generation'), id FROM dossier WHERE "
                      "code = ?1",
                      &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, code);
    rc = store_step(st, e);
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    rc = store_prepare(s,
                       "DELETE FROM ledger_change WHERE generation < (SELECT value FROM "
                       "ledger_meta WHERE key = 'generation') - ?1",
                       &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, STORE_LEDGER_JOURNAL_KEEP);
    rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_ledger_changes(store_t *s, int64_t after, int64_t upto, store_ledger_change_fn fn,
                         void *ctx, int64_t *ngens, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT COUNT(DISTINCT generation) FROM ledger_change WHERE "
                           "generation > ?1 AND generation <= ?2",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, after);
    store_bind_int(st, 2, upto);
    rc = store_step(st, e);
    *ngens = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    if (*ngens != upto - after)
        return 0;
    rc = store_prepare(s,
                       "SELECT DISTINCT dossier_id FROM ledger_change WHERE generation > ?1 AND "
                       "generation <= ?2",
                       &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, after);
    store_bind_int(st, 2, upto);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, store_col_int(st, 0));
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
