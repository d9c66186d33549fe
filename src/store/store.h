/* store.h - the one storage interface the application uses.
 *
 * A store_t is one connection, used by one thread at a time. Two engines
 * sit behind it: SQLite (embedded file, the default; store_sqlite.c) and,
 * later, PostgreSQL (libpq). SQL given to store_prepare is the portable
 * subset both engines accept, with parameters written ?1, ?2 ... (the
 * backend translates to its own form in one place). Engine specifics
 * (pragmas, locking, placeholder syntax) stay inside the backend.
 *
 * Statements are cached per connection by SQL text pointer: pass string
 * literals (static storage) and call store_stmt_done() after use, which
 * resets the statement for reuse (or finalizes it, past the cache size). A
 * handle stays valid until its store_stmt_done, whatever else is prepared. Errors: functions return
 * 0 or a negative ERR_* and fill err_t with code "db.*". */
#ifndef CCHC_STORE_H
#define CCHC_STORE_H

#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct store store_t;
typedef struct store_stmt store_stmt_t;

enum { STORE_DONE = 0, STORE_ROW = 1 };

/* Opens (creating if needed, with its parent directory) the database at
 * path; a new database file is made readable by its owner only (it holds
 * password and session hashes). Applies connection settings (WAL, foreign
 * keys, busy timeout). Does not migrate. Caller frees with store_close. */
int store_open(const char *path, store_t **out, err_t *e);
/* Opens an existing database only: ERR_NOTFOUND when the file is absent
 * (for read-only tools such as `cchc db check`). */
int store_open_existing(const char *path, store_t **out, err_t *e);
void store_close(store_t *s);
const char *store_engine(const store_t *s); /* "sqlite" */

/* Applies pending numbered migrations, each in its own transaction, and
 * records them in schema_migrations. *applied (may be NULL) gets how many. */
int store_migrate(store_t *s, int *applied, err_t *e);
/* Current schema version (0 for an empty database). */
int store_schema_version(store_t *s, int *version, err_t *e);
/* Engine integrity check plus foreign-key check; ERR_DB with details when
 * the database is damaged. */
int store_check(store_t *s, err_t *e);

/* Transactions. store_begin takes the write lock at once (SQLite: BEGIN
 * IMMEDIATE), so a write transaction never fails half-way on a lock. */
int store_begin(store_t *s, err_t *e);
int store_commit(store_t *s, err_t *e);
void store_rollback(store_t *s); /* no-op outside a transaction */

/* Executes SQL without parameters (may hold several statements). */
int store_exec(store_t *s, const char *sql, err_t *e);

int store_prepare(store_t *s, const char *sql, store_stmt_t **out, err_t *e);
int store_bind_text(store_stmt_t *st, int idx, const char *v); /* NULL binds NULL */
/* Binds v without copying it: v must stay unchanged until the statement
 * is reset (store_stmt_done / store_stmt_reset). For hot loops. */
int store_bind_text_static(store_stmt_t *st, int idx, const char *v);
int store_bind_int(store_stmt_t *st, int idx, int64_t v);
int store_bind_null(store_stmt_t *st, int idx);
int store_bind_double(store_stmt_t *st, int idx, double v);
/* Returns STORE_ROW, STORE_DONE or a negative error (ERR_CONFLICT for a
 * uniqueness or foreign-key violation, ERR_DB otherwise). */
int store_step(store_stmt_t *st, err_t *e);
/* Column accessors: borrowed until the next step/done. NULL text -> NULL. */
const char *store_col_text(store_stmt_t *st, int col);
int64_t store_col_int(store_stmt_t *st, int col);
double store_col_double(store_stmt_t *st, int col);
bool store_col_is_null(store_stmt_t *st, int col);
/* Resets and clears bindings; the statement stays cached. */
void store_stmt_done(store_stmt_t *st);
/* Resets but keeps the bindings, for a caller that binds every parameter
 * before each step (hot loops); otherwise as store_stmt_done. */
void store_stmt_reset(store_stmt_t *st);

/* Runs a parameterless query whose first row's first column is an integer
 * (e.g. "SELECT COUNT(*) FROM unit"); *out = 0 when there is no row. */
int store_query_int(store_t *s, const char *sql, int64_t *out, err_t *e);

/* A number that changes whenever another connection commits a change to
 * the database (SQLite: PRAGMA data_version). Lets a use case validate
 * outside the write lock and re-check cheaply once it holds it. */
int store_data_version(store_t *s, int64_t *out, err_t *e);

/* Rows changed by the last INSERT/UPDATE/DELETE. */
int64_t store_changes(store_t *s);
/* The rowid / integer primary key the last successful INSERT on this
 * connection gave its row. */
int64_t store_last_insert_id(store_t *s);

#endif
