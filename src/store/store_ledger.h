/* store_ledger.h - persistence of the dossier
 * ledger (current-state rows + append-only events), ingest jobs and the
 * ledger generation counter.
 *
 * Times are stored as integers (dtime_t seconds), NULL when absent. Every
 * write must run inside the caller's transaction. Errors: store.h's (code
 * "db.*"); ERR_NOTFOUND "dossier.not_found" for a missing dossier. */
#ifndef CCHC_STORE_LEDGER_H
#define CCHC_STORE_LEDGER_H

#include "domain/dossier.h"
#include "domain/procedure.h"
#include "store/store.h"

/* --- dossiers -------------------------------------------------------------- */
typedef struct store_ledger_dossier_meta {
    int64_t id;
    int64_t job_id; /* 0 = written through the API */
    int64_t rev;
    dtime_t fresh_at;
    int64_t batches; /* event batches appended so far */
} store_ledger_dossier_meta_t;

/* The bookkeeping of a dossier by code: 1 found, 0 absent, < 0 error. */
MUST_CHECK int store_ledger_dossier_meta(store_t *s, const char *code,
                                         store_ledger_dossier_meta_t *m, err_t *e);
/* Inserts a new state row (d with due times and class computed); *id gets
 * the new id, or 0 when the code already exists (nothing written). job_id
 * 0 = API. */
MUST_CHECK int store_ledger_dossier_insert(store_t *s, const dossier_t *d, int cls, int64_t job_id,
                                           int64_t *id, err_t *e);
/* Replaces the state of dossier id (rev given). */
MUST_CHECK int store_ledger_dossier_update(store_t *s, int64_t id, const dossier_t *d, int cls,
                                           int64_t job_id, int64_t rev, err_t *e);
/* Appends one batch of n events (batch number >= 1, consecutive per
 * dossier, at most STORE_EVENT_MAX_BATCH - 1) to the log of dossier id. */
#define STORE_EVENT_MAX_BATCH 65536
MUST_CHECK int store_ledger_dossier_events_add(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                               const dossier_event_t *ev, size_t n,
                                               const char *actor, int64_t job_id, const char *note,
                                               err_t *e);
/* Loads the state of a dossier by code (ERR_NOTFOUND when absent). */
MUST_CHECK int store_ledger_dossier_load(store_t *s, const char *code, dossier_t *d,
                                         store_ledger_dossier_meta_t *m, err_t *e);

typedef struct store_event_row {
    int64_t batch, rev;
    dossier_event_t ev;
    const char *actor; /* borrowed during the callback */
    const char *note;
} store_event_row_t;
typedef int (*store_ledger_event_fn)(void *ctx, const store_event_row_t *row);
/* Calls fn for each event of dossier id in log order, of revisions >=
 * min_rev. A re-imported record starts a new rev; the state derives from
 * the current rev's events. */
MUST_CHECK int store_ledger_dossier_events(store_t *s, int64_t id, int64_t min_rev,
                                           store_ledger_event_fn fn, void *ctx, err_t *e);

/* Rows for the KPI snapshot: every dossier with id > after_id, in id order. */
typedef struct store_ledger_dossier_row {
    int64_t id;
    const char *unit;      /* borrowed during the callback */
    const char *procedure; /* borrowed during the callback */
    dossier_t d;           /* code/unit/procedure buffers not filled */
} store_ledger_dossier_row_t;
typedef int (*store_ledger_dossier_fn)(void *ctx, const store_ledger_dossier_row_t *row);
MUST_CHECK int store_ledger_dossiers_scan(store_t *s, int64_t after_id, store_ledger_dossier_fn fn,
                                          void *ctx, err_t *e);
/* Number of dossier rows and highest id. */
MUST_CHECK int store_ledger_dossiers_stats(store_t *s, int64_t *count, int64_t *max_id, err_t *e);
/* Codes of dossier ids (for --explain): fn(ctx, id, code). */
MUST_CHECK int store_ledger_dossier_code(store_t *s, int64_t id, char *code, size_t n, err_t *e);

/* Bulk-load tuning on or off (SQLite: a larger page cache, and commits that
 * do not fsync - synchronous=NORMAL - until it is turned off). */
MUST_CHECK int store_ledger_bulk(store_t *s, bool on, err_t *e);

/* --- generation -------------------------------------------------------------- */
/* A counter bumped by every write to the ledger (readers refresh caches). */
MUST_CHECK int store_ledger_generation(store_t *s, int64_t *gen, err_t *e);
MUST_CHECK int store_ledger_bump(store_t *s, err_t *e);

/* Journals that the dossier `code` changed in the current generation (call
 * after store_ledger_bump, in the same transaction); prunes entries older
 * than STORE_LEDGER_JOURNAL_KEEP generations. */
#define STORE_LEDGER_JOURNAL_KEEP 10000
MUST_CHECK int store_ledger_note_change(store_t *s, const char *code, err_t *e);

/* The dossier ids journaled for generations in (after, upto]: fn per id
 * (an id may come more than once); *ngens gets how many distinct
 * generations of that range have entries (== upto - after when every write
 * of the range was journaled). */
typedef int (*store_ledger_change_fn)(void *ctx, int64_t id);
MUST_CHECK int store_ledger_changes(store_t *s, int64_t after, int64_t upto,
                                    store_ledger_change_fn fn, void *ctx, int64_t *ngens, err_t *e);

/* --- ingest jobs ------------------------------------------------------------- */
typedef struct store_ledger_job {
    int64_t id;
    char status[16]; /* "running", "done", "aborted" */
    int64_t last_line, rows_ok, rows_rejected, rejects_bytes;
} store_ledger_job_t;

/* The most recent job of kind with this fingerprint: STORE_FOUND, 0 none. */
MUST_CHECK int store_ledger_job_find(store_t *s, const char *kind, const char *fingerprint,
                                     store_ledger_job_t *job, err_t *e);
MUST_CHECK int store_ledger_job_create(store_t *s, const char *kind, const char *path,
                                       const char *fingerprint, int64_t *id, err_t *e);
/* Records progress (inside the batch's transaction). */
MUST_CHECK int store_ledger_job_progress(store_t *s, const store_ledger_job_t *job, err_t *e);
MUST_CHECK int store_ledger_job_finish(store_t *s, int64_t id, const char *status, err_t *e);

#endif
