/* store_ledger_bulk.h - the statements of the bulk dossier ingest
 * (docs/internals/ledger.md, "Bulk ingest"): new dossiers inserted without
 * RETURNING (whose per-statement temporary table costs more than the
 * insert: the id comes from the connection), and event rows formatted
 * without printf. On PostgreSQL new dossiers and event rows are sent with
 * COPY ... FROM STDIN (docs/internals/storage.md).
 * Same tables and formats as store_ledger.h; every call runs inside the
 * caller's write transaction. Errors: store.h's. */
#ifndef CCHC_STORE_LEDGER_BULK_H
#define CCHC_STORE_LEDGER_BULK_H

#include "store/store_ledger.h"

/* Looks up at once which of codes[0..n) are in the ledger, for the inserts
 * of a chunk that follow in the same write transaction (PostgreSQL: one
 * query, after which new dossiers and their events are sent with COPY
 * before the next statement; SQLite: nothing to do). Optional: without it
 * every insert asks the database itself. */
MUST_CHECK int store_ledger_bulk_prefetch(store_t *s, const char *const *codes, size_t n, err_t *e);

/* Inserts dossier d: STORE_INSERTED (*id = its new id), 0 its code exists
 * (nothing written), < 0 an error. On PostgreSQL after a prefetch the row
 * is buffered (see above): it is visible to the next statement. */
MUST_CHECK int store_ledger_bulk_dossier_insert(store_t *s, const dossier_t *d, int cls,
                                                int64_t job_id, int64_t *id, err_t *e);

/* The stored text of a batch of events ("kind,at,value,due;...", what
 * store_ledger_dossier_events_add writes) into out (STORE_BULK_EVENTS_MAX bytes);
 * returns its length. Pure: callable from any thread. */
#define STORE_BULK_EVENTS_MAX (DOSSIER_MAX_RECORD_EVENTS * 80)
size_t store_ledger_bulk_events_text(const dossier_event_t *ev, size_t n, char *out);

/* store_ledger_dossier_events_add with actor and note NULL, the events given as
 * their text (store_ledger_bulk_events_text). */
MUST_CHECK int store_ledger_bulk_events_add(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                            const char *text, int64_t job_id, err_t *e);

/* Whether the dossier table is empty: 1 empty, 0 not, < 0 an error. */
MUST_CHECK int store_ledger_bulk_ledger_empty(store_t *s, err_t *e);

/* Waits until the server has taken every row written so far (PostgreSQL:
 * ends the COPY streams; they run ahead of the server by up to a few MiB).
 * 0 at once on SQLite, whose rows are written by the calls themselves. */
MUST_CHECK int store_ledger_bulk_sync(store_t *s, err_t *e);

/* Copies committed WAL frames into the database without waiting for or
 * blocking anyone (SQLite: a PASSIVE checkpoint); a no-op for engines
 * without a WAL. */
MUST_CHECK int store_ledger_bulk_checkpoint(store_t *s, err_t *e);
/* Between two slices of a bulk ingest (after a commit): lets the writers
 * that wait for the write lock in before the next slice takes it. SQLite:
 * waits until each of them has the lock (store_sqlite_yield: no delay when
 * nobody waits); PostgreSQL queues lock waiters in order: nothing to do. */
void store_ledger_bulk_yield(store_t *s);
/* Automatic checkpoints by this connection's commits on or off (off while
 * another connection checkpoints in the background). */
MUST_CHECK int store_ledger_bulk_autocheckpoint(store_t *s, bool on, err_t *e);

/* Binds the state columns ?2..?24 of a dossier (store_ledger.c). */
void store_ledger_bulk_bind_state(store_stmt_t *st, const dossier_t *d, int cls, int64_t job_id);

#endif
