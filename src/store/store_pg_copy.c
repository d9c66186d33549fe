/* store_pg_copy.c - bulk writes of the PostgreSQL backend: COPY ... FROM
 * STDIN buffers sent before the connection's next statement, a set of keys
 * known to exist (looked up once per chunk), and id reservation from an
 * identity sequence (store_pg_int.h, docs/internals/storage.md). */
#include "store/store_pg_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define COPY_FLUSH  (8u << 20)   /* bytes buffered for a table before everything is sent */
#define COPY_STREAM (256u << 10) /* slot 0: bytes gathered before a send */
#define COPY_MAX    (64u << 20)
#define KEYS_MAX    (1u << 22)
#define ID_BLOCK    16384

static pg_conn_t *PC(store_t *s)
{
    return (pg_conn_t *)s;
}

/* --- COPY buffers ---------------------------------------------------------- */

/* The binary COPY stream's signature, flags and header extension. */
static const char BIN_HEADER[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
static const char BIN_TRAILER[2] = {'\377', '\377'};

/* Puts the connection in COPY IN mode for cp's table. */
static int copy_start(pg_conn_t *c, struct pg_copy *cp, err_t *e)
{
    PGresult *r = PQexec(c->pg, cp->sql);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COPY_IN)
        rc = store_pg_error(c, r, e, "copy");
    PQclear(r);
    if (!rc && PQputCopyData(c->pg, BIN_HEADER, (int)sizeof BIN_HEADER) != 1)
        rc = store_pg_error(c, NULL, e, "copy");
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
        if (PQputCopyData(c->pg, p, n) != 1)
            rc = store_pg_error(c, NULL, e, "copy");
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
    if (!rc && PQputCopyData(c->pg, BIN_TRAILER, (int)sizeof BIN_TRAILER) != 1)
        rc = store_pg_error(c, NULL, e, "copy");
    if (PQputCopyEnd(c->pg, rc ? "cchc: copy aborted" : NULL) != 1 && !rc)
        rc = store_pg_error(c, NULL, e, "copy");
    PGresult *r;
    for (r = PQgetResult(c->pg); r; r = PQgetResult(c->pg)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc)
            rc = store_pg_error(c, r, e, "copy");
        PQclear(r);
    }
    return rc;
}

int store_pg_copy_flush(pg_conn_t *c, err_t *e)
{
    int rc = 0;
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++) {
        struct pg_copy *cp = &c->copy[i];
        if (!rc && !cp->open && cp->data.len)
            rc = copy_start(c, cp, e);
        if (!rc && cp->data.len)
            rc = copy_put(c, cp, e);
        if (cp->open)
            rc = copy_end(c, cp, rc, e);
        buf_reset(&cp->data);
    }
    c->copy_pending = false;
    return rc;
}

void store_pg_copy_discard(pg_conn_t *c)
{
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++) {
        if (c->copy[i].open && PQstatus(c->pg) == CONNECTION_OK)
            (void)copy_end(c, &c->copy[i], ERR_DB, NULL);
        c->copy[i].open = false;
        buf_reset(&c->copy[i].data);
    }
    c->copy_pending = false;
    c->keys_valid = false;
    c->keys_complete = false; /* it may hold codes of rows never written */
}

void store_pg_copy_release(pg_conn_t *c)
{
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++)
        buf_release(&c->copy[i].data);
    for (size_t i = 0; i < c->keycap; i++)
        mem_free(c->keys[i]);
    mem_free(c->keys);
    c->keys = NULL;
    c->nkeys = c->keycap = 0;
}

buf_t *store_pg_copy_buf(store_t *s, int slot, const char *copy_sql, err_t *e)
{
    pg_conn_t *c = PC(s);
    struct pg_copy *cp = &c->copy[slot];
    if (cp->data.len && cp->sql != copy_sql && store_pg_copy_flush(c, e))
        return NULL;
    if (!cp->data.max)
        buf_init(&cp->data, COPY_MAX);
    cp->sql = copy_sql;
    c->copy_pending = true;
    return &cp->data;
}

int store_pg_copy_row_done(store_t *s, int slot, err_t *e)
{
    pg_conn_t *c = PC(s);
    struct pg_copy *cp = &c->copy[slot];
    if (slot == 0 && cp->data.len >= COPY_STREAM) {
        /* Slot 0 streams: its COPY stays open and the server works on the
         * rows while the next ones are made; the other slots wait in
         * memory for the flush, as one connection carries one COPY. */
        int rc = cp->open ? 0 : copy_start(c, cp, e);
        return rc ? rc : copy_put(c, cp, e);
    }
    if (cp->data.len < COPY_FLUSH)
        return 0;
    return store_pg_copy_flush(c, e);
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

static uint64_t hash(const char *k)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static int keys_grow(pg_conn_t *c, err_t *e)
{
    size_t cap = c->keycap ? c->keycap * 2 : 1024;
    if (cap > KEYS_MAX)
        return err_set(e, ERR_TOOLARGE, "db.keys", "Quá nhiều khóa trong một lô",
                       "Too many keys in one batch");
    char **old = c->keys;
    size_t oldcap = c->keycap;
    char **keys = mem_calloc(cap, sizeof *keys);
    if (!keys)
        return err_nomem(e);
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i])
            continue;
        size_t j = hash(old[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = old[i];
    }
    mem_free(old);
    c->keys = keys;
    c->keycap = cap;
    return 0;
}

void store_pg_keys_reset(store_t *s)
{
    pg_conn_t *c = PC(s);
    for (size_t i = 0; i < c->keycap; i++) {
        mem_free(c->keys[i]);
        c->keys[i] = NULL;
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
    for (size_t j = hash(key) & (c->keycap - 1); c->keys[j]; j = (j + 1) & (c->keycap - 1))
        if (strcmp(c->keys[j], key) == 0)
            return true;
    return false;
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
    size_t j = hash(key) & (c->keycap - 1);
    while (c->keys[j]) {
        if (strcmp(c->keys[j], key) == 0)
            return 0;
        j = (j + 1) & (c->keycap - 1);
    }
    c->keys[j] = mem_strdup(key);
    if (!c->keys[j]) {
        c->keys_valid = false;
        return err_nomem(e);
    }
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
    /* A block of ID_BLOCK values of the identity sequence in one call. The
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
    store_bind_int(st, 1, ID_BLOCK - 1);
    rc = store_step(st, e);
    int64_t last = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc
                      : err_set(e, ERR_DB, "db.sequence", "Không cấp được định danh",
                                "No id could be reserved");
    c->id_next = last - ID_BLOCK + 2;
    c->id_end = last + 1;
    *id = last - ID_BLOCK + 1;
    return 0;
}
