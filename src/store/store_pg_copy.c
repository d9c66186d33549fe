/* store_pg_copy.c - bulk writes of the PostgreSQL backend: binary COPY ...
 * FROM STDIN streams (on the main connection, sent before its next
 * statement; or on a side connection committed just before the main one),
 * a set of keys known to exist, and id reservation from an identity
 * sequence (store_pg_int.h, docs/internals/storage.md). */
#include "store/store_pg_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define COPY_FLUSH   (8u << 20)   /* bytes buffered for a table before everything is sent */
#define COPY_STREAM  (256u << 10) /* slot 0: bytes gathered before a send */
#define COPY_MAX     (64u << 20)
#define KEYS_MAX     (1u << 22)
#define ID_BLOCK     16384  /* the first reservation of a connection */
#define ID_BLOCK_MAX 262144 /* reservations double up to this */

static pg_conn_t *PC(store_t *s)
{
    return (pg_conn_t *)s;
}

/* --- COPY buffers ---------------------------------------------------------- */

/* The binary COPY stream's signature, flags and header extension. */
static const char BIN_HEADER[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
static const char BIN_TRAILER[2] = {'\377', '\377'};

/* An error on connection pg, which may be the side connection. */
static int copy_error(pg_conn_t *c, PGconn *pg, const PGresult *r, err_t *e)
{
    if (pg == c->pg)
        return store_pg_error(c, r, e, "copy");
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    return err_set(e, ERR_DB, "db.error", "Lỗi cơ sở dữ liệu (copy, kết nối phụ): %s",
                   "Database error (copy, side connection): %s", m ? m : PQerrorMessage(pg));
}

/* Runs a command without rows on pg. */
static int command(pg_conn_t *c, PGconn *pg, const char *sql, err_t *e)
{
    PGresult *r = PQexec(pg, sql);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : copy_error(c, pg, r, e);
    PQclear(r);
    return rc;
}

/* The side connection: the main one's parameters, opened on first use; NULL
 * when it cannot be had (the slot then rides the main connection). */
static PGconn *side(pg_conn_t *c)
{
    if (c->side || c->side_failed)
        return c->side;
    PQconninfoOption *opts = PQconninfo(c->pg);
    const char *keys[64], *vals[64];
    int n = 0;
    for (PQconninfoOption *o = opts; o && o->keyword && n < 63; o++)
        if (o->val && *o->val) {
            keys[n] = o->keyword;
            vals[n++] = o->val;
        }
    keys[n] = vals[n] = NULL;
    c->side = PQconnectdbParams(keys, vals, 0);
    PQconninfoFree(opts);
    if (PQstatus(c->side) != CONNECTION_OK ||
        command(c, c->side, "SET client_min_messages = warning", NULL)) {
        PQfinish(c->side);
        c->side = NULL;
        c->side_failed = true;
    }
    return c->side;
}

/* Puts cp's connection in COPY IN mode for cp's table (on the side
 * connection, inside its transaction). */
static int copy_start(pg_conn_t *c, struct pg_copy *cp, err_t *e)
{
    int rc = 0;
    if (cp->conn == c->side && !c->side_tx) {
        rc = command(c, c->side, "BEGIN", e);
        c->side_tx = !rc;
    }
    PGresult *r = rc ? NULL : PQexec(cp->conn, cp->sql);
    if (!rc && PQresultStatus(r) != PGRES_COPY_IN)
        rc = copy_error(c, cp->conn, r, e);
    PQclear(r);
    if (!rc && PQputCopyData(cp->conn, BIN_HEADER, (int)sizeof BIN_HEADER) != 1)
        rc = copy_error(c, cp->conn, NULL, e);
    cp->open = !rc;
    return rc;
}

/* Sends what cp holds (the server parses it while we go on). */
static int copy_put(pg_conn_t *c, struct pg_copy *cp, err_t *e)
{
    const char *p = cp->data.data;
    size_t left = cp->data.len;
    int rc = 0;
    while (left && !rc) {
        int n = left > (1u << 20) ? (1 << 20) : (int)left;
        if (PQputCopyData(cp->conn, p, n) != 1)
            rc = copy_error(c, cp->conn, NULL, e);
        p += n;
        left -= (size_t)n;
    }
    buf_reset(&cp->data);
    return rc;
}

/* Ends the COPY: the server's verdict on every row sent. */
static int copy_end(pg_conn_t *c, struct pg_copy *cp, int rc, err_t *e)
{
    cp->open = false;
    if (!rc && PQputCopyData(cp->conn, BIN_TRAILER, (int)sizeof BIN_TRAILER) != 1)
        rc = copy_error(c, cp->conn, NULL, e);
    if (PQputCopyEnd(cp->conn, rc ? "cchc: copy aborted" : NULL) != 1 && !rc)
        rc = copy_error(c, cp->conn, NULL, e);
    PGresult *r;
    for (r = PQgetResult(cp->conn); r; r = PQgetResult(cp->conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc)
            rc = copy_error(c, cp->conn, r, e);
        PQclear(r);
    }
    return rc;
}

/* Sends and ends the slots riding connection pg (NULL: every slot). */
static int flush_on(pg_conn_t *c, PGconn *pg, err_t *e)
{
    int rc = 0;
    bool left = false;
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++) {
        struct pg_copy *cp = &c->copy[i];
        if (!cp->conn || (pg && cp->conn != pg)) {
            left = left || cp->conn;
            continue;
        }
        if (!rc && !cp->open && cp->data.len)
            rc = copy_start(c, cp, e);
        if (!rc && cp->data.len)
            rc = copy_put(c, cp, e);
        if (cp->open)
            rc = copy_end(c, cp, rc, e);
        buf_reset(&cp->data);
        cp->conn = NULL;
    }
    c->copy_pending = left;
    return rc;
}

int store_pg_copy_flush(pg_conn_t *c, err_t *e)
{
    return flush_on(c, c->pg, e);
}

int store_pg_copy_sync(store_t *s, err_t *e)
{
    return flush_on(PC(s), NULL, e);
}

int store_pg_copy_commit_side(pg_conn_t *c, err_t *e)
{
    int rc = flush_on(c, NULL, e);
    if (c->side_tx) {
        c->side_tx = false;
        if (!rc)
            rc = command(c, c->side, "COMMIT", e);
        else
            (void)command(c, c->side, "ROLLBACK", NULL);
    }
    return rc;
}

void store_pg_copy_discard(pg_conn_t *c)
{
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++) {
        struct pg_copy *cp = &c->copy[i];
        if (cp->open && PQstatus(cp->conn) == CONNECTION_OK)
            (void)copy_end(c, cp, ERR_DB, NULL);
        cp->open = false;
        cp->conn = NULL;
        buf_reset(&cp->data);
    }
    if (c->side_tx && PQstatus(c->side) == CONNECTION_OK)
        (void)command(c, c->side, "ROLLBACK", NULL);
    c->side_tx = false;
    c->copy_pending = false;
    c->keys_valid = false;
    c->keys_complete = false; /* it may hold codes of rows never written */
}

void store_pg_copy_release(pg_conn_t *c)
{
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++)
        buf_release(&c->copy[i].data);
    for (size_t i = 0; i < c->keycap; i++)
        mem_free(c->keys[i].key);
    mem_free(c->keys);
    c->keys = NULL;
    c->nkeys = c->keycap = 0;
    PQfinish(c->side);
    c->side = NULL;
}

buf_t *store_pg_copy_buf(store_t *s, int slot, const char *copy_sql, err_t *e)
{
    pg_conn_t *c = PC(s);
    struct pg_copy *cp = &c->copy[slot];
    if (cp->conn && cp->sql != copy_sql && flush_on(c, cp->conn, e))
        return NULL;
    if (!cp->data.max)
        buf_init(&cp->data, COPY_MAX);
    if (!cp->conn) {
        PGconn *sc = slot == STORE_PG_SLOT_SIDE && s->in_tx ? side(c) : NULL;
        cp->conn = sc ? sc : c->pg;
    }
    cp->sql = copy_sql;
    c->copy_pending = c->copy_pending || cp->conn == c->pg;
    return &cp->data;
}

int store_pg_copy_row_done(store_t *s, int slot, err_t *e)
{
    pg_conn_t *c = PC(s);
    struct pg_copy *cp = &c->copy[slot];
    /* A slot streams when it has its connection's COPY to itself: slot 0
     * on the main connection, the side slot on the side connection. The
     * server then works on the rows while the next ones are made. */
    bool streams = slot == 0 || cp->conn != c->pg;
    if (streams && cp->data.len >= COPY_STREAM) {
        int rc = cp->open ? 0 : copy_start(c, cp, e);
        return rc ? rc : copy_put(c, cp, e);
    }
    if (cp->data.len < COPY_FLUSH)
        return 0;
    return flush_on(c, cp->conn, e);
}

static char *room(buf_t *b, size_t n)
{
    if (buf_reserve(b, n))
        return NULL;
    char *p = b->data + b->len;
    b->len += n;
    b->data[b->len] = '\0';
    return p;
}

static void be32(char *p, uint32_t v)
{
    p[0] = (char)(v >> 24);
    p[1] = (char)(v >> 16);
    p[2] = (char)(v >> 8);
    p[3] = (char)v;
}

int store_pg_copy_tuple(buf_t *b, int nfields)
{
    char *p = room(b, 2);
    if (!p)
        return ERR_NOMEM;
    p[0] = (char)(nfields >> 8);
    p[1] = (char)nfields;
    return 0;
}

int store_pg_copy_int(buf_t *b, int64_t v, bool null)
{
    char *p = room(b, null ? 4 : 12);
    if (!p)
        return ERR_NOMEM;
    if (null) {
        be32(p, 0xffffffffu);
        return 0;
    }
    be32(p, 8);
    be32(p + 4, (uint32_t)((uint64_t)v >> 32));
    be32(p + 8, (uint32_t)v);
    return 0;
}

int store_pg_copy_double(buf_t *b, double v)
{
    char *p = room(b, 12);
    if (!p)
        return ERR_NOMEM;
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    be32(p, 8);
    be32(p + 4, (uint32_t)(u >> 32));
    be32(p + 8, (uint32_t)u);
    return 0;
}

int store_pg_copy_text(buf_t *b, const char *v)
{
    if (!v)
        return store_pg_copy_int(b, 0, true);
    size_t n = strlen(v);
    if (n > (1u << 30))
        return ERR_TOOLARGE;
    char *p = room(b, 4 + n);
    if (!p)
        return ERR_NOMEM;
    be32(p, (uint32_t)n);
    memcpy(p + 4, v, n);
    return 0;
}

/* --- keys known to exist ------------------------------------------------------ */

/* FNV-1a with a final mix: the slot is taken from the low bits. */
static uint64_t hash(const char *k)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static int keys_grow(pg_conn_t *c, err_t *e)
{
    size_t cap = c->keycap ? c->keycap * 2 : 1024;
    if (cap > KEYS_MAX)
        return err_set(e, ERR_TOOLARGE, "db.keys", "Quá nhiều khóa trong một lô",
                       "Too many keys in one batch");
    struct pg_key *old = c->keys;
    size_t oldcap = c->keycap;
    struct pg_key *keys = mem_calloc(cap, sizeof *keys);
    if (!keys)
        return err_nomem(e);
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key)
            continue;
        size_t j = old[i].hash & (cap - 1);
        while (keys[j].key)
            j = (j + 1) & (cap - 1);
        keys[j] = old[i];
    }
    mem_free(old);
    c->keys = keys;
    c->keycap = cap;
    return 0;
}

/* The slot of key (hash h), or the empty slot where it would go. */
static size_t keys_slot(const pg_conn_t *c, const char *key, uint64_t h)
{
    size_t j = h & (c->keycap - 1);
    while (c->keys[j].key && (c->keys[j].hash != h || strcmp(c->keys[j].key, key) != 0))
        j = (j + 1) & (c->keycap - 1);
    return j;
}

void store_pg_keys_reset(store_t *s)
{
    pg_conn_t *c = PC(s);
    for (size_t i = 0; i < c->keycap; i++) {
        mem_free(c->keys[i].key);
        c->keys[i].key = NULL;
    }
    c->nkeys = 0;
    c->keys_valid = true;
}

#define KEYS_COMPLETE_MAX (2u << 20) /* codes kept across transactions */

int store_pg_keys_complete(store_t *s, bool empty_now, err_t *e)
{
    pg_conn_t *c = PC(s);
    if (empty_now) {
        store_pg_keys_reset(s);
        c->keys_complete = true;
        return 1;
    }
    /* Checked already in this transaction, which holds the write lock: no
     * one else can have taken an id since. Asking again would end the
     * COPY streaming on the connection (a statement is sent only after it). */
    if (c->keys_complete && c->keys_valid && s->in_tx)
        return 1;
    if (!c->keys_complete || c->nkeys > KEYS_COMPLETE_MAX) {
        c->keys_complete = false;
        return 0;
    }
    /* Nobody else took a dossier id since our last reservation: the set
     * still holds every code of the table (dossiers are only added with
     * ids from the sequence, inside write transactions). */
    int64_t last = -1;
    int rc = store_query_int(s,
                             "SELECT COALESCE(pg_sequence_last_value("
                             "CAST(pg_get_serial_sequence('dossier', 'id') AS regclass)), 0)",
                             &last, e);
    if (rc)
        return rc;
    c->keys_complete = last == (c->id_end ? c->id_end - 1 : 0);
    c->keys_valid = c->keys_complete;
    return c->keys_complete;
}

bool store_pg_keys_valid(store_t *s)
{
    return PC(s)->keys_valid;
}

bool store_pg_keys_has(store_t *s, const char *key)
{
    pg_conn_t *c = PC(s);
    if (!c->keycap)
        return false;
    return c->keys[keys_slot(c, key, hash(key))].key != NULL;
}

int store_pg_keys_add(store_t *s, const char *key, err_t *e)
{
    pg_conn_t *c = PC(s);
    if ((c->nkeys + 1) * 2 > c->keycap) {
        int rc = keys_grow(c, e);
        if (rc) {
            c->keys_valid = false;
            return rc;
        }
    }
    uint64_t h = hash(key);
    size_t j = keys_slot(c, key, h);
    if (c->keys[j].key)
        return 0;
    c->keys[j].key = mem_strdup(key);
    if (!c->keys[j].key) {
        c->keys_valid = false;
        return err_nomem(e);
    }
    c->keys[j].hash = h;
    c->nkeys++;
    return 0;
}

/* --- ids ------------------------------------------------------------------------ */

int store_pg_next_id(store_t *s, int64_t *id, err_t *e)
{
    pg_conn_t *c = PC(s);
    if (c->id_next && c->id_next < c->id_end) {
        *id = c->id_next++;
        return 0;
    }
    /* A block of values of the identity sequence in one call: ID_BLOCK,
     * doubling at each reservation up to ID_BLOCK_MAX, so that a large
     * ingest asks a few times (each statement ends the COPY streaming on
     * the connection) and a small one leaves a small gap. The
     * nextval and setval could interleave with another session's nextval:
     * every dossier is written inside a write transaction, which holds the
     * write lock, as this one does. Values left unused are gaps, as with
     * any sequence. */
    if (!s->in_tx)
        return err_set(e, ERR_INTERNAL, "db.sequence", "Cấp định danh ngoài giao dịch ghi",
                       "Ids reserved outside a write transaction");
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT setval(pg_get_serial_sequence('dossier', 'id'), "
                           "nextval(pg_get_serial_sequence('dossier', 'id')) + ?1)",
                           &st, e);
    if (rc)
        return rc;
    int64_t block = c->id_block ? c->id_block : ID_BLOCK;
    store_bind_int(st, 1, block - 1);
    rc = store_step(st, e);
    int64_t last = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc
                      : err_set(e, ERR_DB, "db.sequence", "Không cấp được định danh",
                                "No id could be reserved");
    c->id_next = last - block + 2;
    c->id_end = last + 1;
    c->id_block = block * 2 > ID_BLOCK_MAX ? ID_BLOCK_MAX : block * 2;
    *id = last - block + 1;
    return 0;
}
