#include "store/store_ledger_bulk.h"

#include "base/buf.h"
#include "store/store_int.h"
#include "store/store_pg_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* PostgreSQL: new dossiers and event rows go through COPY (store_pg_int.h),
 * after one look-up of the chunk's codes (store_ledger_bulk_prefetch). */
enum { SLOT_DOSSIER = 0, SLOT_EVENT = STORE_PG_SLOT_SIDE };
static const char COPY_DOSSIER[] =
    "COPY dossier (id, code, unit_code, procedure_code, channel, full_online, received_at, "
    "due_base, due_at, ended_at, returned_at, pause_from, pause_to, status, supplements, "
    "paid_online, digitized, e_result, rating, rated_at, class, fresh_at, job_id, closed_at, "
    "apologies) FROM STDIN (FORMAT binary)";
static const char COPY_EVENT[] =
    "COPY dossier_event (id, dossier_id, batch, rev, job_id, events) FROM STDIN (FORMAT binary)";

static bool pg(store_t *s)
{
    return store_dialect(s) == STORE_PG;
}

int store_ledger_bulk_sync(store_t *s, err_t *e)
{
    return pg(s) ? store_pg_copy_sync(s, e) : 0;
}

int store_ledger_bulk_checkpoint(store_t *s, err_t *e)
{
    if (strcmp(store_engine(s), "sqlite") != 0)
        return 0;
    return store_exec(s, "PRAGMA wal_checkpoint(PASSIVE)", e);
}

void store_ledger_bulk_yield(store_t *s)
{
    if (store_dialect(s) == STORE_SQLITE)
        store_sqlite_yield(s);
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

int store_ledger_bulk_prefetch(store_t *s, const char *const *codes, size_t n, err_t *e)
{
    if (!pg(s))
        return 0; /* SQLite: INSERT ... ON CONFLICT answers row by row for free */
    int rc = store_pg_keys_complete(s, false, e);
    if (rc)
        return rc < 0 ? rc : 0;
    rc = store_ledger_bulk_ledger_empty(s, e);
    if (rc == 1) /* nothing to look up, now or (unless others write) later */
        rc = store_pg_keys_complete(s, true, e);
    if (rc)
        return rc < 0 ? rc : 0;
    /* The codes as one text, a line each, joined with the index: a plan that
     * stays one index probe per code whatever the plan cache decides (a
     * generic "= ANY ($1)" plan may scan the table against the whole list). */
    buf_t list;
    buf_init(&list, 64u << 20);
    for (size_t i = 0; i < n && !rc; i++) {
        if (strchr(codes[i], '\n')) { /* not expressible: this chunk asks row by row */
            buf_release(&list);
            return 0;
        }
        rc = i ? buf_putc(&list, '\n') : 0;
        rc = rc ? rc : buf_puts(&list, codes[i]);
    }
    store_stmt_t *st = NULL;
    if (rc)
        rc = rc == ERR_NOMEM ? err_nomem(e) : err_set_generic(e, rc);
    else
        rc = store_prepare(s,
                           "SELECT d.code FROM unnest(string_to_array(?1, chr(10))) AS u(c) "
                           "JOIN dossier d ON d.code = u.c",
                           &st, e);
    if (!rc) {
        store_pg_keys_reset(s);
        store_bind_text_static(st, 1, list.data ? list.data : "");
        while (!rc && store_next(st, &rc, e))
            rc = store_pg_keys_add(s, store_col_text(st, 0), e);
        store_stmt_done(st);
    }
    buf_release(&list);
    return rc;
}

/* One COPY row of dossier: the columns and values of store_ledger.c's
 * bind_state, in its order, after the id and the code. */
static int copy_dossier(buf_t *b, int64_t id, const dossier_t *d, int cls, int64_t job_id)
{
    const dtime_t none = DTIME_NONE;
    int rc = store_pg_copy_tuple(b, 25);
    rc = rc ? rc : store_pg_copy_int(b, id, false);
    rc = rc ? rc : store_pg_copy_text(b, d->code);
    rc = rc ? rc : store_pg_copy_text(b, d->unit);
    rc = rc ? rc : store_pg_copy_text(b, d->procedure);
    const struct {
        int64_t v;
        bool null;
    } f[] = {
        {d->channel, false},
        {(d->flags & DFLAG_FULL_ONLINE) != 0, false},
        {d->received, d->received == none},
        {d->due_base, d->due_base == none},
        {d->due, d->due == none},
        {d->ended, d->ended == none},
        {d->returned, d->returned == none},
        {d->supp_requested, d->supp_requested == none},
        {d->supp_supplied, d->supp_supplied == none},
        {d->status, false},
        {d->supplements, false},
        {(d->flags & DFLAG_PAID_ONLINE) != 0, false},
        {(d->flags & DFLAG_DIGITIZED) != 0, false},
        {(d->flags & DFLAG_E_RESULT) != 0, false},
        {d->rating, false},
        {d->rated_at, d->rated_at == none},
        {cls, false},
        {dossier_freshness(d), false},
        {job_id, job_id == 0},
        {d->closed, d->closed == none},
        {d->apologies, false},
    };
    for (size_t i = 0; !rc && i < sizeof f / sizeof f[0]; i++)
        rc = store_pg_copy_int(b, f[i].v, f[i].null);
    return rc;
}

/* PostgreSQL, after store_ledger_bulk_prefetch in this transaction. */
static int pg_insert(store_t *s, const dossier_t *d, int cls, int64_t job_id, int64_t *id, err_t *e)
{
    if (store_pg_keys_has(s, d->code))
        return 0; /* in the table, or added earlier in this transaction */
    int rc = store_pg_next_id(s, id, e);
    if (!rc)
        rc = store_pg_keys_add(s, d->code, e);
    buf_t *b = rc ? NULL : store_pg_copy_buf(s, SLOT_DOSSIER, COPY_DOSSIER, e);
    if (!b)
        return rc ? rc : ERR_DB;
    size_t mark = b->len;
    rc = copy_dossier(b, *id, d, cls, job_id);
    if (rc) {
        b->len = mark;
        return rc == ERR_NOMEM ? err_nomem(e) : err_set_generic(e, rc);
    }
    rc = store_pg_copy_row_done(s, SLOT_DOSSIER, e);
    return rc ? rc : STORE_INSERTED;
}

int store_ledger_bulk_dossier_insert(store_t *s, const dossier_t *d, int cls, int64_t job_id,
                                     int64_t *id, err_t *e)
{
    if (pg(s) && store_pg_keys_valid(s))
        return pg_insert(s, d, cls, job_id, id, e);
    if (pg(s)) { /* no look-up for this chunk: one statement per row */
        *id = 0;
        int rc = store_ledger_dossier_insert(s, d, cls, job_id, id, e);
        return rc ? rc : (*id ? STORE_INSERTED : 0);
    }
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
    if (pg(s)) {
        buf_t *b = store_pg_copy_buf(s, SLOT_EVENT, COPY_EVENT, e);
        if (!b)
            return ERR_DB;
        size_t mark = b->len;
        int rc = store_pg_copy_tuple(b, 6);
        rc = rc ? rc : store_pg_copy_int(b, id * STORE_EVENT_MAX_BATCH + batch, false);
        rc = rc ? rc : store_pg_copy_int(b, id, false);
        rc = rc ? rc : store_pg_copy_int(b, batch, false);
        rc = rc ? rc : store_pg_copy_int(b, rev, false);
        rc = rc ? rc : store_pg_copy_int(b, job_id, job_id == 0);
        rc = rc ? rc : store_pg_copy_text(b, text);
        if (rc) {
            b->len = mark;
            return rc == ERR_NOMEM ? err_nomem(e) : err_set_generic(e, rc);
        }
        return store_pg_copy_row_done(s, SLOT_EVENT, e);
    }
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
