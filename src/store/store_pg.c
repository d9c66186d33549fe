/* store_pg.c - PostgreSQL backend of store.h through libpq: connection,
 * session settings, transactions, errors (store_pg_int.h). */
#include "store/store_pg_int.h"

#include "base/log.h"
#include "base/mem.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The advisory lock key every write transaction takes ("cchc"): one writer
 * at a time per database, as SQLite's BEGIN IMMEDIATE. */
#define WRITE_LOCK_KEY "1667458915"

static const store_ops_t pg_ops;

static pg_conn_t *PC(store_t *s)
{
    return (pg_conn_t *)s;
}

/* The server's primary message (or libpq's), on one line. */
static void message(pg_conn_t *c, const PGresult *r, char *out, size_t cap)
{
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!m && r)
        m = PQresultErrorMessage(r);
    if (!m || !*m)
        m = c && c->pg ? PQerrorMessage(c->pg) : "?";
    snprintf(out, cap, "%s", m);
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = (p[1] ? ' ' : '\0');
}

static bool starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* SQLite's wording of constraint failures, so that messages read the same
 * on both engines. */
static const char *constraint_kind(const char *state)
{
    if (strcmp(state, "23505") == 0)
        return "UNIQUE";
    if (strcmp(state, "23502") == 0)
        return "NOT NULL";
    if (strcmp(state, "23503") == 0)
        return "FOREIGN KEY";
    if (strcmp(state, "23514") == 0)
        return "CHECK";
    return "integrity";
}

int store_pg_error(pg_conn_t *c, const PGresult *r, err_t *e, const char *what)
{
    char msg[400];
    message(c, r, msg, sizeof msg);
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    bool lost = !c || !c->pg || PQstatus(c->pg) == CONNECTION_BAD || starts(state, "08") ||
                starts(state, "57P0");
    if (lost) /* 503: the request can be repeated once the server is back */
        return err_set(e, ERR_BUSY, "db.connection",
                       "Mất kết nối tới máy chủ cơ sở dữ liệu PostgreSQL (%s): %s; thao tác "
                       "không được thực hiện, hãy thử lại",
                       "Lost the connection to the PostgreSQL server (%s): %s; nothing was "
                       "applied, try again",
                       what, msg);
    if (starts(state, "23"))
        return err_set(e, ERR_CONFLICT, "db.constraint",
                       "Lỗi cơ sở dữ liệu (%s): %s constraint "
                       "failed: %s",
                       "Database error (%s): %s constraint failed: %s", what,
                       constraint_kind(state), msg);
    if (starts(state, "40001") || starts(state, "40P01") || starts(state, "55P03"))
        return err_set(e, ERR_BUSY, "db.busy", "Cơ sở dữ liệu đang bận (%s): %s",
                       "Database is busy (%s): %s", what, msg);
    return err_set(e, ERR_DB, "db.error", "Lỗi cơ sở dữ liệu (%s): %s", "Database error (%s): %s",
                   what, msg);
}

/* Notices (CREATE TABLE IF NOT EXISTS ... skipping) are not errors. */
static void on_notice(void *arg, const char *msg)
{
    (void)arg;
    log_debug("postgresql: %s", msg);
}

/* Session settings, after every (re)connection. */
static int session_setup(pg_conn_t *c, err_t *e)
{
    PQsetNoticeProcessor(c->pg, on_notice, NULL);
    PGresult *r = PQexec(c->pg, "SET client_min_messages = warning");
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = store_pg_error(c, r, e, "connect");
    PQclear(r);
    return rc;
}

/* A server that does not answer (down, starting, shutting down) is
 * ERR_BUSY, 503 for the API: try again later; one that answers and refuses
 * (password, database name) is ERR_DB, a configuration error. */
static int connect_error(pg_conn_t *c, const char *location, const char *const *keys,
                         const char *const *vals, err_t *e)
{
    char where[256], msg[400];
    store_location_redact(location, where, sizeof where);
    message(c, NULL, msg, sizeof msg);
    PGPing ping = PQpingParams(keys, vals, 1);
    int status = (ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT) ? ERR_BUSY : ERR_DB;
    return err_set(e, status, "db.connect",
                   "Không kết nối được tới cơ sở dữ liệu PostgreSQL '%s': %s",
                   "Cannot connect to the PostgreSQL database '%s': %s", where, msg);
}

int store_pg_open(const char *location, store_t **out, err_t *e)
{
    *out = NULL;
    pg_conn_t *c = mem_calloc(1, sizeof *c);
    if (!c)
        return err_nomem(e);
    c->base.ops = &pg_ops;
    c->epoch = 1;
    /* Defaults first: a later keyword wins, so the location's own settings
     * (expanded from dbname) override them. "postgresql://" alone leaves
     * everything to the PG* environment and service files. */
    const char *keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", NULL};
    const char *vals[] = {"10", "cchc", "UTF8", location, NULL};
    c->pg = PQconnectdbParams(keys, vals, 1);
    int rc = 0;
    if (!c->pg)
        rc = err_nomem(e);
    else if (PQstatus(c->pg) != CONNECTION_OK)
        rc = connect_error(c, location, keys, vals, e);
    if (!rc)
        rc = session_setup(c, e);
    if (rc) {
        PQfinish(c->pg);
        mem_free(c);
        return rc;
    }
    *out = &c->base;
    return 0;
}

static void pg_close(store_t *s)
{
    pg_conn_t *c = PC(s);
    if (c->active)
        store_pg_stmt_detach(c);
    for (int i = 0; i < c->ncache; i++) {
        pg_stmt_t *st = c->cache[i].stmt;
        store_pg_stmt_done(&st->base, true);
        store_pg_stmt_free(st);
    }
    store_pg_copy_release(c);
    PQfinish(c->pg);
    mem_free(c);
}

int store_pg_ready(pg_conn_t *c, err_t *e)
{
    if (c->active)
        store_pg_stmt_detach(c);
    if (c->base.in_tx) {
        if (PQstatus(c->pg) != CONNECTION_OK)
            return store_pg_error(c, NULL, e, "transaction");
        return c->copy_pending ? store_pg_copy_flush(c, e) : 0;
    }
    /* Reads what an idle connection received: a server that shut down or
     * terminated the session sent its goodbye and closed; reading up to the
     * end of the stream marks the connection bad. Nothing else is ever sent
     * to an idle session here (no LISTEN), so once its goodbye has been read
     * the close is waited for briefly: the server process may still be
     * exiting. */
    for (int i = 0; i < 4 && PQstatus(c->pg) == CONNECTION_OK; i++) {
        struct pollfd p = {.fd = PQsocket(c->pg), .events = POLLIN};
        if (poll(&p, 1, i ? 200 : 0) <= 0 || !PQconsumeInput(c->pg))
            break;
    }
    if (PQstatus(c->pg) == CONNECTION_OK)
        return c->copy_pending ? store_pg_copy_flush(c, e) : 0;
    store_pg_copy_discard(c); /* rows of a session that is gone */
    PQreset(c->pg);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        char msg[400];
        message(c, NULL, msg, sizeof msg);
        return err_set(e, ERR_BUSY, "db.connect",
                       "Không kết nối lại được tới cơ sở dữ liệu PostgreSQL: %s",
                       "Cannot reconnect to the PostgreSQL database: %s", msg);
    }
    c->epoch++;
    log_warn("postgresql: reconnected to the database");
    return session_setup(c, e);
}

bool store_pg_retry(pg_conn_t *c, const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (c->base.in_tx || !starts(state, "57P0"))
        return false;
    /* The session was terminated before it ran the statement (an
     * autocommit statement it was running is rolled back with it). */
    PQreset(c->pg);
    if (PQstatus(c->pg) != CONNECTION_OK || session_setup(c, NULL))
        return false;
    c->epoch++;
    log_warn("postgresql: session terminated by the server; reconnected");
    return true;
}

/* Runs SQL without parameters (maybe several statements, translated). */
static int pg_exec(store_t *s, const char *sql, err_t *e)
{
    pg_conn_t *c = PC(s);
    char *text = NULL;
    int n = 0;
    int rc = store_pg_sql_translate(sql, &text, &n, e);
    if (!rc)
        rc = store_pg_ready(c, e);
    if (rc) {
        mem_free(text);
        return rc;
    }
    PGresult *r = PQexec(c->pg, text);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && store_pg_retry(c, r)) {
        PQclear(r);
        r = PQexec(c->pg, text);
        t = PQresultStatus(r);
    }
    mem_free(text);
    if (r && (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)) {
        const char *ch = PQcmdTuples(r);
        if (ch && *ch)
            c->changes = strtoll(ch, NULL, 10);
    } else {
        rc = store_pg_error(c, r, e, "exec");
    }
    PQclear(r);
    return rc;
}

/* BEGIN and the write lock in one round trip; a lock held elsewhere for
 * more than 5 s is ERR_BUSY (as SQLite's busy timeout). */
static int pg_begin(store_t *s, err_t *e)
{
    pg_conn_t *c = PC(s);
    int rc = store_pg_ready(c, e);
    if (rc)
        return rc;
    PGresult *r = PQexec(c->pg, "BEGIN; SET LOCAL lock_timeout = '5s'; "
                                "SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY "); "
                                "SET LOCAL lock_timeout = 0");
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        rc = store_pg_error(c, r, e, "begin");
        PQclear(PQexec(c->pg, "ROLLBACK"));
    }
    PQclear(r);
    return rc;
}

static int pg_commit(store_t *s, err_t *e)
{
    pg_conn_t *c = PC(s);
    if (!s->in_tx)
        return err_set(e, ERR_DB, "db.error", "Không có giao dịch nào để xác nhận",
                       "Cannot commit: no transaction is active");
    int rc = store_pg_ready(c, e);
    if (rc)
        return rc;
    c->keys_valid = false;
    rc = store_pg_copy_commit_side(c, e);
    if (rc)
        return rc;
    PGresult *r = PQexec(c->pg, "COMMIT");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = store_pg_error(c, r, e, "commit");
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) /* "ROLLBACK": an earlier error */
        rc = err_set(e, ERR_DB, "db.error",
                     "Giao dịch đã bị hủy do một lỗi trước đó; không có thay đổi nào được lưu",
                     "The transaction was aborted by an earlier error; nothing was saved");
    PQclear(r);
    return rc;
}

static void pg_rollback(store_t *s)
{
    pg_conn_t *c = PC(s);
    store_pg_copy_discard(c);
    if (c->active)
        store_pg_stmt_detach(c);
    if (PQstatus(c->pg) == CONNECTION_OK)
        PQclear(PQexec(c->pg, "ROLLBACK"));
}

static int pg_data_version(store_t *s, int64_t *out, err_t *e)
{
    return store_query_int(s,
                           "SELECT CASE WHEN pg_is_in_recovery() "
                           "THEN pg_last_wal_replay_lsn() - '0/0' "
                           "ELSE pg_current_wal_insert_lsn() - '0/0' END",
                           out, e);
}

static int64_t pg_changes(store_t *s)
{
    return PC(s)->changes;
}

static int64_t pg_last_insert_id(store_t *s)
{
    int64_t id = 0;
    if (store_query_int(s, "SELECT lastval()", &id, NULL))
        return 0;
    return id;
}

/* One query per foreign key of the current schema, returning the child
 * table's name when a row has no parent (SQLite's foreign_key_check). The
 * queries are built from the catalog with format(%I), never from input. */
static const char fk_queries[] =
    "SELECT format('SELECT %L FROM %s c WHERE %s AND NOT EXISTS "
    "(SELECT 1 FROM %s p WHERE %s) LIMIT 1', conrelid::regclass::text, conrelid::regclass, "
    "(SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') FROM unnest(conkey) k "
    " JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k), confrelid::regclass, "
    "(SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ') "
    " FROM unnest(conkey, confkey) AS u(ck, fk) "
    " JOIN pg_attribute ca ON ca.attrelid = conrelid AND ca.attnum = u.ck "
    " JOIN pg_attribute pa ON pa.attrelid = confrelid AND pa.attnum = u.fk)) "
    "FROM pg_constraint WHERE contype = 'f' "
    "AND connamespace = current_schema()::regnamespace ORDER BY conname";

/* Runs query (one text column); *found gets a copy of the first value. */
static int first_value(pg_conn_t *c, const char *query, char *found, size_t cap, err_t *e)
{
    found[0] = '\0';
    PGresult *r = PQexec(c->pg, query);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = store_pg_error(c, r, e, "check");
    else if (PQntuples(r) > 0)
        snprintf(found, cap, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return rc;
}

/* Integrity as far as PostgreSQL can be damaged from outside the server:
 * every foreign key validated and holding (a violation can slip in with
 * triggers disabled or a constraint added NOT VALID), every index valid (an
 * interrupted CREATE INDEX CONCURRENTLY leaves one invalid). Page-level
 * checks belong to the server (amcheck, data checksums). */
static int pg_check(store_t *s, err_t *e)
{
    pg_conn_t *c = PC(s);
    char bad[256] = "";
    int rc = store_pg_ready(c, e);
    if (!rc)
        rc = first_value(c,
                         "SELECT 'foreign key ' || conname || ' on ' || conrelid::regclass "
                         "FROM pg_constraint WHERE contype = 'f' AND NOT convalidated "
                         "AND connamespace = current_schema()::regnamespace "
                         "UNION ALL SELECT 'index ' || indexrelid::regclass FROM pg_index "
                         "JOIN pg_class ON pg_class.oid = indexrelid WHERE NOT indisvalid "
                         "AND relnamespace = current_schema()::regnamespace",
                         bad, sizeof bad, e);
    if (!rc && bad[0])
        return err_set(e, ERR_DB, "db.corrupt", "Cơ sở dữ liệu không nhất quán: %s không hợp lệ",
                       "Database is inconsistent: %s is not valid", bad);
    PGresult *q = rc ? NULL : PQexec(c->pg, fk_queries);
    if (!rc && PQresultStatus(q) != PGRES_TUPLES_OK)
        rc = store_pg_error(c, q, e, "check");
    for (int i = 0; !rc && i < PQntuples(q) && !bad[0]; i++)
        rc = first_value(c, PQgetvalue(q, i, 0), bad, sizeof bad, e);
    PQclear(q);
    if (!rc && bad[0])
        rc = err_set(e, ERR_DB, "db.foreign_key", "Vi phạm khóa ngoại trong bảng %s",
                     "Foreign-key violation in table %s", bad);
    return rc;
}

void store_pg_cache_name(const char *location, char *out, size_t cap)
{
    snprintf(out, cap, "pg");
    PQconninfoOption *opts = PQconninfoParse(location, NULL);
    const char *db = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, "dbname") == 0 && o->val && *o->val)
            db = o->val;
    if (!db)
        db = getenv("PGDATABASE");
    if (db && *db && cap > 3) {
        size_t i = 0;
        for (; db[i] && i + 1 < cap && i < 64; i++) {
            char ch = db[i];
            bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
            out[i] = ok ? ch : '_';
        }
        out[i] = '\0';
    }
    PQconninfoFree(opts);
}

static int pg_backup(store_t *s, const char *dest, err_t *e)
{
    (void)s;
    (void)dest;
    return err_set(e, ERR_INVALID, "db.backup_engine",
                   "Sao lưu PostgreSQL bằng pg_dump và lưu trữ WAL (xem docs/deploy.md)",
                   "Back PostgreSQL up with pg_dump and WAL archiving (see docs/deploy.md)");
}

static const store_ops_t pg_ops = {
    .engine = "postgresql",
    .dialect = STORE_PG,
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = store_pg_stmt_prepare,
    .stmt_free = store_pg_stmt_release,
    .bind_text = store_pg_stmt_bind_text,
    .bind_int = store_pg_stmt_bind_int,
    .bind_null = store_pg_stmt_bind_null,
    .bind_double = store_pg_stmt_bind_double,
    .step = store_pg_stmt_step,
    .col_text = store_pg_stmt_col_text,
    .col_int = store_pg_stmt_col_int,
    .col_double = store_pg_stmt_col_double,
    .col_is_null = store_pg_stmt_col_is_null,
    .stmt_done = store_pg_stmt_done,
    .data_version = pg_data_version,
    .changes = pg_changes,
    .last_insert_id = pg_last_insert_id,
    .check = pg_check,
    .backup = pg_backup,
};
