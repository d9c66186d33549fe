#include "store/store_ledger_bulk.h"

#include <string.h>

#include "base/banned.h"

int store_ledger_bulk_checkpoint(store_t *s, err_t *e)
{
    if (strcmp(store_engine(s), "sqlite") != 0)
        return 0;
    return store_exec(s, "PRAGMA wal_checkpoint(PASSIVE)", e);
}

int store_ledger_bulk_autocheckpoint(store_t *s, bool on, err_t *e)
{
    if (strcmp(store_engine(s), "sqlite") != 0)
        return 0;
    return store_exec(s, on ? "PRAGMA wal_autocheckpoint = 16384" : "PRAGMA wal_autocheckpoint = 0",
                      e);
}

int store_ledger_bulk_ledger_empty(store_t *s, err_t *e)
{
    int64_t any;
    int rc = store_query_int(s, "SELECT EXISTS (SELECT 1 FROM dossier)", &any, e);
    return rc ? rc : !any;
}

int store_ledger_bulk_dossier_insert(store_t *s, const dossier_t *d, int cls, int64_t job_id,
                                     int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO dossier (code, unit_code, procedure_code, channel, full_online, "
        "received_at, due_base, due_at, ended_at, returned_at, pause_from, pause_to, status, "
        "supplements, paid_online, digitized, e_result, rating, rated_at, class, fresh_at, "
        "job_id, closed_at, apologies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
        "ON CONFLICT (code) DO NOTHING",
        &st, e);
    if (rc)
        return rc;
    /* Every parameter is bound on each call: no copies, no clearing. The
     * id is left to the engine (an append at the table's end, no search). */
    store_bind_text_static(st, 1, d->code);
    store_ledger_bulk_bind_state(st, d, cls, job_id);
    rc = store_step(st, e);
    store_stmt_reset(st);
    if (rc < 0)
        return rc;
    if (store_changes(s) != 1)
        return 0;
    *id = store_last_insert_id(s);
    return STORE_INSERTED;
}

/* Appends the decimal form of v; returns the new end. */
static char *put_int(char *p, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    return p;
}

size_t store_ledger_bulk_events_text(const dossier_event_t *ev, size_t n, char *out)
{
    char *p = out;
    for (size_t i = 0; i < n && i < DOSSIER_MAX_RECORD_EVENTS; i++) {
        if (i)
            *p++ = ';';
        p = put_int(p, (int64_t)ev[i].kind);
        *p++ = ',';
        p = put_int(p, ev[i].at);
        *p++ = ',';
        p = put_int(p, ev[i].value);
        *p++ = ',';
        if (ev[i].due != DTIME_NONE)
            p = put_int(p, ev[i].due);
    }
    *p = '\0';
    return (size_t)(p - out);
}

int store_ledger_bulk_events_add(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                 const char *text, int64_t job_id, err_t *e)
{
    if (batch < 1 || batch >= STORE_EVENT_MAX_BATCH)
        return err_set(e, ERR_RANGE, "dossier.event_limit",
                       "hồ sơ đã đạt giới hạn số lần ghi sự kiện",
                       "the dossier reached the limit of event appends");
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO dossier_event (id, dossier_id, batch, rev, job_id, events) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id * STORE_EVENT_MAX_BATCH + batch);
    store_bind_int(st, 2, id);
    store_bind_int(st, 3, batch);
    store_bind_int(st, 4, rev);
    if (job_id)
        store_bind_int(st, 5, job_id);
    else
        store_bind_null(st, 5);
    store_bind_text_static(st, 6, text);
    rc = store_step(st, e);
    store_stmt_reset(st);
    return rc < 0 ? rc : 0;
}
