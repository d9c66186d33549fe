/* store_int.h - what the backends of store.h share (private to src/store).
 *
 * store.c implements store.h once: it picks the backend from the location
 * (store_location_is_pg), keeps the sticky bind state and the transaction
 * flag, runs migrations and the helpers built on the primitives (typed
 * binds, store_run, store_query_int...). Each backend fills a store_ops_t
 * with its primitives and embeds store_t / store_stmt_t as the first member
 * of its own connection and statement structs.
 *
 * Primitives get arguments already checked by store.c: a bind index >= 1,
 * a statement whose sticky bind state is clean when stepped, begin only
 * outside a transaction. */
#ifndef CCHC_STORE_INT_H
#define CCHC_STORE_INT_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct store_ops {
    const char *engine; /* "sqlite", "postgresql" */
    int dialect;        /* STORE_SQLITE, STORE_PG */
    void (*close)(store_t *s);
    int (*exec)(store_t *s, const char *sql, err_t *e);
    int (*begin)(store_t *s, err_t *e);
    int (*commit)(store_t *s, err_t *e);
    void (*rollback)(store_t *s);
    /* owned: not cached, freed by stmt_free (store_prepare_owned). */
    int (*prepare)(store_t *s, const char *sql, bool owned, store_stmt_t **out, err_t *e);
    void (*stmt_free)(store_stmt_t *st);
    /* copy: the text is copied (else borrowed until the reset). */
    void (*bind_text)(store_stmt_t *st, int idx, const char *v, bool copy);
    void (*bind_int)(store_stmt_t *st, int idx, int64_t v);
    void (*bind_null)(store_stmt_t *st, int idx);
    void (*bind_double)(store_stmt_t *st, int idx, double v);
    int (*step)(store_stmt_t *st, err_t *e);
    const char *(*col_text)(store_stmt_t *st, int col);
    int64_t (*col_int)(store_stmt_t *st, int col);
    double (*col_double)(store_stmt_t *st, int col);
    bool (*col_is_null)(store_stmt_t *st, int col);
    /* Ends the current execution; clear_binds also forgets the bindings. */
    void (*stmt_done)(store_stmt_t *st, bool clear_binds);
    int (*data_version)(store_t *s, int64_t *out, err_t *e);
    int64_t (*changes)(store_t *s);
    int64_t (*last_insert_id)(store_t *s);
    int (*check)(store_t *s, err_t *e);
    int (*backup)(store_t *s, const char *dest, err_t *e);
} store_ops_t;

/* The head of every backend connection. */
struct store {
    const store_ops_t *ops;
    int in_tx;
};

/* The head of every backend statement. A failed bind is recorded here
 * (store_bind_fail) and reported by the next step. */
struct store_stmt {
    store_t *owner;
    int bind_status; /* 0 or the first failed bind's ERR_NOMEM / ERR_INVALID */
    int bind_idx;
    const char *bind_why; /* static English reason */
};

/* Records a failed bind (only the first one counts). */
void store_bind_fail(store_stmt_t *st, int idx, int status, const char *why);

/* Backends. Both open a connection (location: a file path for SQLite, a
 * libpq URL or connection string for PostgreSQL); existing_only makes a
 * missing SQLite file an ERR_NOTFOUND. */
MUST_CHECK int store_sqlite_open(const char *path, bool existing_only, store_t **out, err_t *e);
MUST_CHECK int store_pg_open(const char *conninfo, store_t **out, err_t *e);
/* The synchronous pragma of interactive SQLite connections (FULL unless
 * $CCHC_SQLITE_SYNCHRONOUS=normal); bulk ingests run NORMAL meanwhile. */
const char *store_sqlite_sync_pragma(void);
/* Between two slices of a bulk ingest: returns once every connection that
 * waited for the write lock meanwhile has got it (at most ~2 s). */
void store_sqlite_yield(store_t *s);

/* The database name of a PostgreSQL location, for file names (letters,
 * digits, '_', '-' only; "pg" when it cannot be told). */
void store_pg_cache_name(const char *location, char *out, size_t cap);

#endif
