/* store_pg_stmt.c - statements of the PostgreSQL backend: prepared once per
 * session, parameters sent as text, rows streamed (store_pg_int.h). */
#include "store/store_pg_int.h"

#include "base/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static pg_stmt_t *PS(store_stmt_t *st)
{
    return (pg_stmt_t *)st;
}

static pg_conn_t *PC(store_t *s)
{
    return (pg_conn_t *)s;
}

static int server_prepare(pg_conn_t *c, pg_stmt_t *st, err_t *e)
{
    PGresult *r = PQprepare(c->pg, st->name, st->sql, st->nparams, NULL);
    int rc = 0;
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        rc = store_pg_error(c, r, e, "prepare");
        if (getenv("CCHC_PG_DEBUG"))
            fprintf(stderr, "postgresql: cannot prepare: %s\n", st->sql);
    }
    PQclear(r);
    if (!rc)
        st->epoch = c->epoch;
    return rc;
}

void store_pg_stmt_free(pg_stmt_t *st)
{
    if (!st)
        return;
    for (int i = 0; st->owned && i < st->nparams; i++)
        mem_free(st->owned[i]);
    mem_free(st->owned);
    mem_free(st->vals);
    mem_free(st->num);
    mem_free(st->queue);
    mem_free(st->sql);
    mem_free(st);
}

static pg_stmt_t *stmt_new(pg_conn_t *c, char *sql, int nparams)
{
    pg_stmt_t *st = mem_calloc(1, sizeof *st);
    if (!st) {
        mem_free(sql);
        return NULL;
    }
    st->sql = sql;
    st->nparams = nparams;
    st->base.owner = &c->base;
    size_t n = nparams ? (size_t)nparams : 1;
    st->vals = mem_calloc(n, sizeof *st->vals);
    st->owned = mem_calloc(n, sizeof *st->owned);
    st->num = mem_calloc(n, sizeof *st->num);
    if (!st->vals || !st->owned || !st->num) {
        store_pg_stmt_free(st);
        return NULL;
    }
    snprintf(st->name, sizeof st->name, "c%u", ++c->next_name);
    return st;
}

int store_pg_stmt_prepare(store_t *s, const char *sql, bool owned, store_stmt_t **out, err_t *e)
{
    pg_conn_t *c = PC(s);
    for (int i = 0; !owned && i < c->ncache; i++)
        if (c->cache[i].sql == sql) {
            *out = &c->cache[i].stmt->base;
            return 0;
        }
    char *text = NULL;
    int nparams = 0;
    int rc = store_pg_sql_translate(sql, &text, &nparams, e);
    if (rc)
        return rc;
    pg_stmt_t *st = stmt_new(c, text, nparams);
    if (!st)
        return err_nomem(e);
    rc = store_pg_ready(c, e);
    if (!rc)
        rc = server_prepare(c, st, e);
    if (rc) {
        store_pg_stmt_free(st);
        return rc;
    }
    if (owned) {
        st->standalone = true;
    } else if (c->ncache < STORE_PG_STMT_CACHE) {
        c->cache[c->ncache].sql = sql;
        c->cache[c->ncache++].stmt = st;
    } else {
        /* As in the SQLite backend: a one-off statement, never evicting one
         * a caller may hold. */
        st->transient = true;
    }
    *out = &st->base;
    return 0;
}

/* --- binds ------------------------------------------------------------------ */

static bool bind_slot(store_stmt_t *base, int idx)
{
    if (idx < 1 || idx > PS(base)->nparams) {
        store_bind_fail(base, idx, ERR_INVALID, "column index out of range");
        return false;
    }
    pg_stmt_t *st = PS(base);
    mem_free(st->owned[idx - 1]);
    st->owned[idx - 1] = NULL;
    return true;
}

void store_pg_stmt_bind_text(store_stmt_t *base, int idx, const char *v, bool copy)
{
    pg_stmt_t *st = PS(base);
    if (!bind_slot(base, idx))
        return;
    if (!copy) {
        st->vals[idx - 1] = v;
        return;
    }
    st->owned[idx - 1] = mem_strdup(v);
    st->vals[idx - 1] = st->owned[idx - 1];
    if (!st->owned[idx - 1])
        store_bind_fail(base, idx, ERR_NOMEM, "out of memory");
}

void store_pg_stmt_bind_int(store_stmt_t *base, int idx, int64_t v)
{
    pg_stmt_t *st = PS(base);
    if (!bind_slot(base, idx))
        return;
    snprintf(st->num[idx - 1], sizeof st->num[0], "%lld", (long long)v);
    st->vals[idx - 1] = st->num[idx - 1];
}

void store_pg_stmt_bind_null(store_stmt_t *base, int idx)
{
    if (bind_slot(base, idx))
        PS(base)->vals[idx - 1] = NULL;
}

void store_pg_stmt_bind_double(store_stmt_t *base, int idx, double v)
{
    pg_stmt_t *st = PS(base);
    if (!bind_slot(base, idx))
        return;
    /* 17 significant digits: the exact double back on the server. */
    snprintf(st->num[idx - 1], sizeof st->num[0], "%.17g", v);
    st->vals[idx - 1] = st->num[idx - 1];
}

/* --- execution ---------------------------------------------------------------- */

static void note_changes(pg_conn_t *c, const PGresult *r)
{
    const char *n = PQcmdTuples((PGresult *)r);
    if (n && *n)
        c->changes = strtoll(n, NULL, 10);
}

/* Reads and discards what is left of the connection's current query. */
static void drain(pg_conn_t *c)
{
    PGresult *r;
    for (r = PQgetResult(c->pg); r; r = PQgetResult(c->pg)) {
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK)
            note_changes(c, r);
        PQclear(r);
    }
}

void store_pg_stmt_detach(pg_conn_t *c)
{
    pg_stmt_t *st = c->active;
    if (!st)
        return;
    c->active = NULL;
    st->state = PGS_BUFFERED;
    PGresult *r;
    for (r = PQgetResult(c->pg); r; r = PQgetResult(c->pg)) {
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_SINGLE_TUPLE && !st->queue_nomem &&
            MEM_GROW(st->queue, st->qcap, st->nqueue + 1) == 0) {
            st->queue[st->nqueue++] = r;
            continue;
        }
        if (t == PGRES_SINGLE_TUPLE)
            st->queue_nomem = true;
        else if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK)
            note_changes(c, r);
        else if (!st->final_err) {
            st->final_err = r;
            continue;
        }
        PQclear(r);
    }
}

/* Starts the statement on the connection. */
static int start(pg_conn_t *c, pg_stmt_t *st, err_t *e)
{
    int rc = store_pg_ready(c, e);
    if (!rc && st->epoch != c->epoch)
        rc = server_prepare(c, st, e);
    if (rc)
        return rc;
    if (!PQsendQueryPrepared(c->pg, st->name, st->nparams, st->vals, NULL, NULL, 0))
        return store_pg_error(c, NULL, e, "send");
    if (!PQsetSingleRowMode(c->pg)) {
        drain(c);
        return store_pg_error(c, NULL, e, "single-row mode");
    }
    st->state = PGS_STREAM;
    c->active = st;
    return 0;
}

/* The next result of a streaming statement; first: its first result, when
 * a session terminated before running it can be replaced and the statement
 * sent again (store_pg_retry). */
static int fetch(pg_conn_t *c, pg_stmt_t *st, bool first, err_t *e)
{
    PGresult *r = PQgetResult(c->pg);
    ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (r && t == PGRES_SINGLE_TUPLE) {
        st->row = r;
        return STORE_ROW;
    }
    if (first && r && t == PGRES_FATAL_ERROR && store_pg_retry(c, r)) {
        PQclear(r);
        c->active = NULL;
        st->state = PGS_IDLE;
        int rc = start(c, st, e);
        return rc ? rc : fetch(c, st, false, e);
    }
    int rc = STORE_DONE;
    if (r && (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK))
        note_changes(c, r);
    else
        rc = store_pg_error(c, r, e, "step");
    PQclear(r);
    if (r)
        drain(c);
    c->active = NULL;
    st->state = PGS_DONE;
    return rc;
}

static int from_queue(pg_conn_t *c, pg_stmt_t *st, err_t *e)
{
    if (st->qhead < st->nqueue) {
        st->row = st->queue[st->qhead];
        st->queue[st->qhead++] = NULL;
        return STORE_ROW;
    }
    st->state = PGS_DONE;
    if (st->queue_nomem)
        return err_nomem(e);
    if (st->final_err) {
        int rc = store_pg_error(c, st->final_err, e, "step");
        PQclear(st->final_err);
        st->final_err = NULL;
        return rc;
    }
    return STORE_DONE;
}

int store_pg_stmt_step(store_stmt_t *base, err_t *e)
{
    pg_stmt_t *st = PS(base);
    pg_conn_t *c = PC(base->owner);
    PQclear(st->row);
    st->row = NULL;
    switch (st->state) {
    case PGS_IDLE: {
        int rc = start(c, st, e);
        return rc ? rc : fetch(c, st, true, e);
    }
    case PGS_STREAM:
        return fetch(c, st, false, e);
    case PGS_BUFFERED:
        return from_queue(c, st, e);
    default:
        return STORE_DONE;
    }
}

void store_pg_stmt_done(store_stmt_t *base, bool clear_binds)
{
    pg_stmt_t *st = PS(base);
    pg_conn_t *c = PC(base->owner);
    PQclear(st->row);
    st->row = NULL;
    if (st->state == PGS_STREAM && c->active == st) {
        drain(c);
        c->active = NULL;
    }
    for (size_t i = st->qhead; i < st->nqueue; i++)
        PQclear(st->queue[i]);
    st->nqueue = st->qhead = 0;
    PQclear(st->final_err);
    st->final_err = NULL;
    st->queue_nomem = false;
    st->state = PGS_IDLE;
    if (clear_binds || st->transient) {
        for (int i = 0; i < st->nparams; i++) {
            mem_free(st->owned[i]);
            st->owned[i] = NULL;
            st->vals[i] = NULL;
        }
    }
    if (st->transient)
        store_pg_stmt_release(&st->base);
}

void store_pg_stmt_release(store_stmt_t *base)
{
    pg_stmt_t *st = PS(base);
    pg_conn_t *c = PC(base->owner);
    if (st->state != PGS_IDLE) {
        st->transient = false;
        store_pg_stmt_done(base, true);
    }
    if (st->epoch == c->epoch && PQstatus(c->pg) == CONNECTION_OK && store_pg_ready(c, NULL) == 0) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(c->pg, sql));
    }
    store_pg_stmt_free(st);
}

/* --- columns -------------------------------------------------------------- */

static const char *value(store_stmt_t *base, int col)
{
    const PGresult *r = PS(base)->row;
    if (!r || col < 0 || col >= PQnfields(r) || PQgetisnull(r, 0, col))
        return NULL;
    return PQgetvalue(r, 0, col);
}

const char *store_pg_stmt_col_text(store_stmt_t *st, int col)
{
    return value(st, col);
}

int64_t store_pg_stmt_col_int(store_stmt_t *st, int col)
{
    const char *v = value(st, col);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1; /* boolean */
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') /* numeric, as SQLite's cast */
        return (int64_t)strtod(v, NULL);
    return n;
}

double store_pg_stmt_col_double(store_stmt_t *st, int col)
{
    const char *v = value(st, col);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1;
    return strtod(v, NULL);
}

bool store_pg_stmt_col_is_null(store_stmt_t *st, int col)
{
    return value(st, col) == NULL;
}
