/* store_pg_int.h - the PostgreSQL backend's private structures (store_pg.c:
 * connection, transactions, errors; store_pg_stmt.c: statements;
 * store_pg_sql.c: SQL translation).
 *
 * Rows stream in libpq's single-row mode, so a scan over a million dossiers
 * never holds its whole result. A connection carries one query at a time:
 * when a statement starts while another is still streaming (a nested query
 * in a scan callback), the streaming one is "detached": its remaining rows
 * are read ahead into its own queue and it goes on from there. The current
 * row of a statement stays valid until its next step or done, whatever
 * runs in between (as with SQLite).
 *
 * Reconnection: before a statement or transaction starts outside a
 * transaction, a connection found broken (server restarted, failover) is
 * reset; statements prepared on the old session are prepared again (epoch).
 * A break inside a transaction fails the statement (db.connection) and the
 * transaction is lost as a whole: PostgreSQL never applies half of one. */
#ifndef CCHC_STORE_PG_INT_H
#define CCHC_STORE_PG_INT_H

#include "base/buf.h"
#include "store/store_int.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#define STORE_PG_PARAMS_MAX 1000 /* ?1 .. ?1000 */
#define STORE_PG_STMT_CACHE 160

/* Statement states. */
enum { PGS_IDLE, PGS_STREAM, PGS_BUFFERED, PGS_DONE };

typedef struct pg_stmt {
    store_stmt_t base; /* first */
    char *sql;         /* translated ($N), owned */
    char name[24];     /* server-side prepared statement name */
    int nparams;
    const char **vals; /* per parameter: text form, NULL = SQL NULL */
    char **owned;      /* copies made by store_bind_text, freed at done */
    char (*num)[32];   /* storage of numbers bound */
    unsigned epoch;    /* connection epoch it was prepared in */
    int state;
    PGresult *row;    /* the current row (one tuple) */
    PGresult **queue; /* rows read ahead when detached */
    size_t nqueue, qhead, qcap;
    PGresult *final_err; /* an error met while reading ahead */
    bool queue_nomem;    /* a row was lost reading ahead (out of memory) */
    bool transient;      /* not cached: deallocated and freed at done */
    bool standalone;     /* not cached: freed by store_stmt_free */
} pg_stmt_t;

/* A table's pending COPY rows (text format). */
#define STORE_PG_COPY_SLOTS 2
struct pg_copy {
    const char *sql; /* "COPY t (...) FROM STDIN", static */
    buf_t data;
    PGconn *conn; /* the connection carrying it in this transaction, or NULL */
    bool open;    /* that connection is in this table's COPY */
};
#define STORE_PG_SLOT_SIDE 1 /* the slot that may ride the side connection */

typedef struct pg_conn {
    store_t base; /* first */
    PGconn *pg;
    pg_stmt_t *active; /* statement whose rows are streaming, or NULL */
    unsigned epoch;    /* bumped by every reconnect */
    unsigned next_name;
    int64_t changes;
    struct pg_copy copy[STORE_PG_COPY_SLOTS];
    bool copy_pending; /* rows for the main connection: sent before its next statement */
    PGconn *side;      /* second session for the side slot, or NULL */
    bool side_tx;      /* its transaction is open */
    bool side_failed;  /* it could not be opened: the slot rides the main one */
    struct pg_key {
        uint64_t hash;
        char *key;
    } * keys; /* open-addressing set of keys known to exist (with their hashes) */
    size_t nkeys, keycap;
    bool keys_valid;         /* the set was filled in this transaction */
    bool keys_complete;      /* it holds every code of the dossier table */
    int64_t id_next, id_end; /* reserved dossier ids [id_next, id_end) */
    int64_t id_block;        /* ids the next reservation takes (0: the first size) */
    struct {
        const char *sql;
        pg_stmt_t *stmt;
    } cache[STORE_PG_STMT_CACHE];
    int ncache;
} pg_conn_t;

/* Translates portable SQL: ?N -> $N (bare ? numbered in order),
 * CURRENT_TIMESTAMP -> SQLite's UTC text form, group_concat(x[, sep]) ->
 * string_agg, ifnull -> coalesce; string literals, quoted identifiers and
 * comments are copied untouched. *out (caller mem_free) and *nparams, the
 * highest parameter number. ERR_INVALID (db.param) for ?0 or past
 * STORE_PG_PARAMS_MAX. */
MUST_CHECK int store_pg_sql_translate(const char *sql, char **out, int *nparams, err_t *e);

/* Maps a failed result (r may be NULL: the connection's own message) to a
 * status: ERR_CONFLICT (db.constraint) for integrity violations, ERR_BUSY
 * (db.busy) for lock timeouts, serialisation failures and deadlocks, ERR_BUSY
 * (db.connection) when the server went away (HTTP 503: nothing of the
 * request was applied, it can be repeated), ERR_DB (db.error) otherwise. */
int store_pg_error(pg_conn_t *c, const PGresult *r, err_t *e, const char *what);

/* Makes the connection ready for a new query: detaches a streaming
 * statement, and outside a transaction reconnects a broken session
 * (ERR_BUSY "db.connect" while the server is still away). */
MUST_CHECK int store_pg_ready(pg_conn_t *c, err_t *e);

/* After a failed result r outside a transaction: when the server had
 * terminated the session before running the statement (SQLSTATE 57P0x, an
 * administrator command or a shutdown), reconnects and returns true: the
 * statement, which had no effect, may be sent once more. */
bool store_pg_retry(pg_conn_t *c, const PGresult *r);

/* Bulk writes (store_pg_copy.c). Rows for a table are formatted by the
 * caller into the buffer of a slot (binary COPY format: the column types
 * must be exactly BIGINT and TEXT; the stream's header and trailer are
 * added here) and
 * sent with COPY ... FROM STDIN before the next statement of any kind on
 * the connection (store_pg_ready), at commit, or when a buffer grows past a
 * few MiB; slot 0 streams (its COPY is opened at the first 256 KiB and
 * fed as rows come). Inside a transaction, slot STORE_PG_SLOT_SIDE rides a
 * second session to the same database, streaming too, in its own
 * transaction committed just before the main one: two server processes
 * work at once. Its rows are not visible to the main connection before the
 * commit, and a crash between the two commits leaves them without the main
 * rows (the caller must find that harmless: dossier events of a dossier id
 * never given). A rollback discards everything. An error of the COPY is the error of
 * the statement that sent it: the transaction fails as a whole. */
buf_t *store_pg_copy_buf(store_t *s, int slot, const char *copy_sql, err_t *e);
MUST_CHECK int store_pg_copy_row_done(store_t *s, int slot, err_t *e);
/* Binary COPY rows: a tuple header with its number of fields, then each
 * field: a BIGINT (null: SQL NULL), a DOUBLE PRECISION or a TEXT (NULL:
 * SQL NULL). */
MUST_CHECK int store_pg_copy_tuple(buf_t *b, int nfields);
MUST_CHECK int store_pg_copy_int(buf_t *b, int64_t v, bool null);
MUST_CHECK int store_pg_copy_text(buf_t *b, const char *v);
MUST_CHECK int store_pg_copy_double(buf_t *b, double v); /* DOUBLE PRECISION */
/* Sends and ends every COPY, waiting for the server's verdict on the rows
 * (the side connection's transaction stays open). */
MUST_CHECK int store_pg_copy_sync(store_t *s, err_t *e);
/* Sends and ends the COPY of the slots riding the main connection. */
MUST_CHECK int store_pg_copy_flush(pg_conn_t *c, err_t *e);
/* At commit, before the main COMMIT: ends every COPY and commits the side
 * connection's transaction (a failure fails the main commit). */
MUST_CHECK int store_pg_copy_commit_side(pg_conn_t *c, err_t *e);
void store_pg_copy_discard(pg_conn_t *c);
void store_pg_copy_release(pg_conn_t *c);
/* A per-transaction set of keys known to exist (dossier codes looked up for
 * a chunk, plus those added since); store_pg_keys_valid is false outside
 * the transaction that filled it. */
void store_pg_keys_reset(store_t *s);
/* The set as the table's complete list of codes, which spares the look-ups
 * of an ingest into an empty ledger: empty_now (the caller saw the table
 * empty in this transaction) starts it; later, 1 when it is still complete
 * (no other writer added a dossier since: the id sequence stands where our
 * last reservation left it; asked once per transaction, whose write lock
 * keeps other writers out until its end), then valid for this transaction;
 * 0 when not (the caller looks the chunk up); < 0 on error. A rollback ends
 * it. */
MUST_CHECK int store_pg_keys_complete(store_t *s, bool empty_now, err_t *e);
bool store_pg_keys_valid(store_t *s);
bool store_pg_keys_has(store_t *s, const char *key);
MUST_CHECK int store_pg_keys_add(store_t *s, const char *key, err_t *e);
/* The next reserved dossier id (blocks of the identity sequence). */
MUST_CHECK int store_pg_next_id(store_t *s, int64_t *id, err_t *e);

/* Statement primitives (store_pg_stmt.c). */
MUST_CHECK int store_pg_stmt_prepare(store_t *s, const char *sql, bool owned, store_stmt_t **out,
                                     err_t *e);
/* Deallocates and frees a statement that is not cached. */
void store_pg_stmt_release(store_stmt_t *st);
void store_pg_stmt_detach(pg_conn_t *c);
void store_pg_stmt_free(pg_stmt_t *st);
void store_pg_stmt_bind_text(store_stmt_t *st, int idx, const char *v, bool copy);
void store_pg_stmt_bind_int(store_stmt_t *st, int idx, int64_t v);
void store_pg_stmt_bind_null(store_stmt_t *st, int idx);
void store_pg_stmt_bind_double(store_stmt_t *st, int idx, double v);
MUST_CHECK int store_pg_stmt_step(store_stmt_t *st, err_t *e);
const char *store_pg_stmt_col_text(store_stmt_t *st, int col);
int64_t store_pg_stmt_col_int(store_stmt_t *st, int col);
double store_pg_stmt_col_double(store_stmt_t *st, int col);
bool store_pg_stmt_col_is_null(store_stmt_t *st, int col);
void store_pg_stmt_done(store_stmt_t *st, bool clear_binds);

#endif
