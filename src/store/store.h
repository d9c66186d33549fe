/* store.h - the one storage interface the application uses.
 *
 * A store_t is one connection, used by one thread at a time. Two engines
 * sit behind it: SQLite (embedded file, the default; store_sqlite.c) and
 * PostgreSQL (libpq; store_pg.c), chosen by the location given to
 * store_open. SQL given to store_prepare is the portable subset both
 * engines accept, with parameters written ?1, ?2 ... (the PostgreSQL
 * backend translates them to $1, $2 ... in one place, with CURRENT_TIMESTAMP
 * and group_concat(x); see docs/internals/storage.md). Engine specifics
 * (pragmas, locking, placeholder syntax) stay inside the backend; the few
 * statements that must differ are chosen with store_dialect inside
 * src/store only.
 *
 * Statements are cached per connection by SQL text pointer: pass string
 * literals (static storage) and call store_stmt_done() after use, which
 * resets the statement for reuse (or finalizes it, past the cache size). A
 * handle stays valid until its store_stmt_done, whatever else is prepared.
 *
 * Errors: functions return 0 or a negative ERR_* and fill err_t with code
 * "db.*"; every status is marked MUST_CHECK. Binding never fails on the
 * spot: the first failed bind (out of memory, a value the engine refuses,
 * an index out of range) is recorded in the statement ("sticky"), and the
 * next store_step / store_next / store_run returns it as ERR_NOMEM or
 * ERR_INVALID with code "db.bind" without running the statement.
 * store_stmt_done and store_stmt_reset clear it.
 *
 * Scans. Every store_* function that hands rows to a callback follows one
 * contract: the callback returns 0 to go on, STORE_STOP to end the scan
 * early (the scan then returns 0), or a negative ERR_* that ends the scan
 * and is returned as is (with the callback's err_t, if it filled one). A
 * caller that needs to know whether the scan was stopped records it in its
 * context. */
#ifndef CCHC_STORE_H
#define CCHC_STORE_H

#include "base/dtime.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store store_t;
typedef struct store_stmt store_stmt_t;

enum { STORE_DONE = 0, STORE_ROW = 1 };

/* A scan callback's "stop here" (see Scans above). */
#define STORE_STOP 1
/* What single-row lookups that can miss return when the row is there (0
 * when it is not, < 0 on an error). */
#define STORE_FOUND 1
/* What an insert that can meet an existing row returns when it wrote one (0
 * when the row was there already). */
#define STORE_INSERTED 1

/* Opens the database at location, which is either
 *  - a PostgreSQL URL "postgresql://user[:password]@host[:port]/dbname[?...]"
 *    (also "postgres://"; "postgresql://" alone takes everything from the
 *    PG* environment variables or a libpq service file), or a libpq
 *    connection string "host=... dbname=..." / "service=cchc": connects
 *    (ERR_DB "db.connect" with the server's reason when refused);
 *  - otherwise a SQLite file path: created if needed, with its parent
 *    directory; a new database file is made readable by its owner only (it
 *    holds password and session hashes).
 * Applies connection settings (SQLite: WAL, foreign keys, busy timeout).
 * Does not migrate. Caller frees with store_close. */
MUST_CHECK int store_open(const char *location, store_t **out, err_t *e);
/* Opens an existing database only: ERR_NOTFOUND when the SQLite file is
 * absent (for read-only tools such as `cchc db check`). */
MUST_CHECK int store_open_existing(const char *location, store_t **out, err_t *e);
void store_close(store_t *s);
const char *store_engine(const store_t *s); /* "sqlite" or "postgresql" */
enum { STORE_SQLITE = 1, STORE_PG = 2 };
/* STORE_SQLITE or STORE_PG: for the few statements that differ (inside
 * src/store only; the application never asks). */
int store_dialect(const store_t *s);
/* Whether a location names a PostgreSQL database (a postgresql:// or
 * postgres:// URL, or a libpq "key=value" connection string) rather than a
 * SQLite file. */
bool store_location_is_pg(const char *location);
/* Copies location into out (cap bytes) with any password replaced by
 * "***", for messages and logs. */
void store_location_redact(const char *location, char *out, size_t cap);
/* The path of a per-database cache file (the KPI snapshot image): for
 * SQLite "<path><suffix>" beside the database; for PostgreSQL
 * "<dir>/<dbname>-<hash><suffix>", dir being $CCHC_CACHE_DIR or var/cache
 * (created if needed), hash a digest of the location without its password,
 * so that distinct databases never share a file. 0, ERR_RANGE when out is
 * too small, ERR_IO when the directory cannot be made. */
MUST_CHECK int store_cache_path(const char *location, const char *suffix, char *out, size_t cap,
                                err_t *e);

/* Applies pending numbered migrations, each in its own transaction, and
 * records them in schema_migrations. *applied (may be NULL) gets how many. */
MUST_CHECK int store_migrate(store_t *s, int *applied, err_t *e);
/* Current schema version (0 for an empty database). */
MUST_CHECK int store_schema_version(store_t *s, int *version, err_t *e);
/* Engine integrity check plus foreign-key check; ERR_DB with details when
 * the database is damaged. */
MUST_CHECK int store_check(store_t *s, err_t *e);
/* A consistent copy of a live SQLite database into the file dest (SQLite's
 * online backup API: writers are not stopped; the copy is written beside
 * dest and renamed over it, mode 0600). PostgreSQL: ERR_INVALID
 * "db.backup_engine" (use pg_dump and WAL archiving, docs/deploy.md). */
MUST_CHECK int store_backup(store_t *s, const char *dest, err_t *e);

/* Transactions. store_begin takes the write lock at once (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: BEGIN and a transaction-level advisory lock shared
 * by every connection of every process on the database), so write
 * transactions are serialised on both engines and never fail half-way on a
 * lock. A lock not obtained within 5 s is ERR_BUSY. */
MUST_CHECK int store_begin(store_t *s, err_t *e);
MUST_CHECK int store_commit(store_t *s, err_t *e);
void store_rollback(store_t *s); /* no-op outside a transaction */

/* Executes SQL without parameters (may hold several statements). */
MUST_CHECK int store_exec(store_t *s, const char *sql, err_t *e);

MUST_CHECK int store_prepare(store_t *s, const char *sql, store_stmt_t **out, err_t *e);
/* Prepares SQL built at run time from the schema itself (table and column
 * names read from the catalog, never user text): not cached (its text
 * pointer may be reused), otherwise like a cached statement (done / reset
 * keep it); the caller frees it with store_stmt_free. */
MUST_CHECK int store_prepare_owned(store_t *s, const char *sql, store_stmt_t **out, err_t *e);
void store_stmt_free(store_stmt_t *st); /* NULL is a no-op */
/* Binds (failures are sticky, see above). Parameters count from 1. */
void store_bind_text(store_stmt_t *st, int idx, const char *v); /* NULL binds NULL */
/* Binds v without copying it: v must stay unchanged until the statement
 * is reset (store_stmt_done / store_stmt_reset). For hot loops. */
void store_bind_text_static(store_stmt_t *st, int idx, const char *v);
void store_bind_int(store_stmt_t *st, int idx, int64_t v);
void store_bind_null(store_stmt_t *st, int idx);
void store_bind_double(store_stmt_t *st, int idx, double v);
/* A local date-time as an integer; DTIME_NONE binds NULL. */
void store_bind_time(store_stmt_t *st, int idx, dtime_t t);
/* A local date-time as text "YYYY-MM-DDTHH:MM:SS" (columns typed TEXT, the
 * form most tables use); DTIME_NONE binds NULL. */
void store_bind_stamp(store_stmt_t *st, int idx, dtime_t t);
/* A civil date as "YYYY-MM-DD"; DATE_NONE binds NULL. */
void store_bind_date(store_stmt_t *st, int idx, date_t d);
/* The same for the open ends of effective periods, stored as '' (so that
 * they take part in uniqueness constraints). */
void store_bind_date_open(store_stmt_t *st, int idx, date_t d);
/* Returns STORE_ROW, STORE_DONE or a negative error (ERR_CONFLICT for a
 * uniqueness or foreign-key violation, ERR_BUSY for a lock held too long,
 * ERR_DB otherwise, or a recorded bind failure). */
MUST_CHECK int store_step(store_stmt_t *st, err_t *e);
/* Loop form of store_step: true while a row is available; when it returns
 * false, *rc is 0 (no more rows) or the negative error.
 *   while (store_next(st, &rc, e)) { ... }   */
bool store_next(store_stmt_t *st, int *rc, err_t *e);
/* Runs a statement to its end (rows, if any, are ignored) and calls
 * store_stmt_done: 0 or a negative error. */
MUST_CHECK int store_run(store_stmt_t *st, err_t *e);
/* Runs an "INSERT ... RETURNING id": *id (may be NULL) gets the first
 * column of the first row; then as store_run. */
MUST_CHECK int store_run_id(store_stmt_t *st, int64_t *id, err_t *e);
/* Column accessors: borrowed until the next step/done. NULL text -> NULL. */
const char *store_col_text(store_stmt_t *st, int col);
int64_t store_col_int(store_stmt_t *st, int col);
double store_col_double(store_stmt_t *st, int col);
bool store_col_is_null(store_stmt_t *st, int col);
/* An integer column read as a local date-time; NULL -> DTIME_NONE. */
dtime_t store_col_time(store_stmt_t *st, int col);
/* A text column read as a date-time; NULL, '' or malformed -> DTIME_NONE. */
dtime_t store_col_stamp(store_stmt_t *st, int col);
/* A text column read as a date; NULL, '' or malformed -> DATE_NONE. */
date_t store_col_date(store_stmt_t *st, int col);
/* Resets and clears bindings; the statement stays cached. */
void store_stmt_done(store_stmt_t *st);
/* Resets but keeps the bindings, for a caller that binds every parameter
 * before each step (hot loops); otherwise as store_stmt_done. */
void store_stmt_reset(store_stmt_t *st);

/* Runs a parameterless query whose first row's first column is an integer
 * (e.g. "SELECT COUNT(*) FROM unit"); *out = 0 when there is no row. */
MUST_CHECK int store_query_int(store_t *s, const char *sql, int64_t *out, err_t *e);

/* A number that changes whenever another connection commits a change to
 * the database (SQLite: PRAGMA data_version; PostgreSQL: the WAL insert
 * position, which may also change without a commit: a spurious change only
 * costs a re-check). Lets a use case validate outside the write lock and
 * re-check cheaply once it holds it. */
MUST_CHECK int store_data_version(store_t *s, int64_t *out, err_t *e);

/* Rows changed by the last INSERT/UPDATE/DELETE. */
int64_t store_changes(store_t *s);
/* The rowid / integer primary key the last successful INSERT on this
 * connection gave its row (PostgreSQL: lastval(), an extra round trip;
 * prefer INSERT ... RETURNING id). */
int64_t store_last_insert_id(store_t *s);

#endif
