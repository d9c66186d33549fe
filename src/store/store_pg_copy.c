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

#define COPY_FLUSH (8u << 20) /* bytes buffered per table before sending */
#define COPY_MAX   (64u << 20)
#define KEYS_MAX   (1u << 22)
#define ID_BLOCK   4096

static pg_conn_t *PC(store_t *s)
{
    return (pg_conn_t *)s;
}

/* --- COPY buffers ---------------------------------------------------------- */

static int send_one(pg_conn_t *c, struct pg_copy *cp, err_t *e)
{
    PGresult *r = PQexec(c->pg, cp->sql);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        rc = store_pg_error(c, r, e, "copy");
        PQclear(r);
        return rc;
    }
    PQclear(r);
    const char *p = cp->data.data;
    size_t left = cp->data.len;
    while (left && !rc) {
        int n = left > (1u << 20) ? (1 << 20) : (int)left;
        if (PQputCopyData(c->pg, p, n) != 1)
            rc = store_pg_error(c, NULL, e, "copy");
        p += n;
        left -= (size_t)n;
    }
    if (PQputCopyEnd(c->pg, rc ? "cchc: copy aborted" : NULL) != 1 && !rc)
        rc = store_pg_error(c, NULL, e, "copy");
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
        if (cp->data.len && !rc)
            rc = send_one(c, cp, e);
        buf_reset(&cp->data);
    }
    c->copy_pending = false;
    return rc;
}

void store_pg_copy_discard(pg_conn_t *c)
{
    for (int i = 0; i < STORE_PG_COPY_SLOTS; i++)
        buf_reset(&c->copy[i].data);
    c->copy_pending = false;
    c->keys_valid = false;
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
    mem_free(c->ids);
    c->ids = NULL;
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
    if (c->copy[slot].data.len < COPY_FLUSH)
        return 0;
    return store_pg_copy_flush(c, e);
}

int store_pg_copy_text(buf_t *b, const char *v)
{
    if (!v)
        return buf_append(b, "\\N", 2);
    int rc = 0;
    for (const char *p = v; *p && !rc; p++) {
        switch (*p) {
        case '\\':
            rc = buf_append(b, "\\\\", 2);
            break;
        case '\t':
            rc = buf_append(b, "\\t", 2);
            break;
        case '\n':
            rc = buf_append(b, "\\n", 2);
            break;
        case '\r':
            rc = buf_append(b, "\\r", 2);
            break;
        default:
            rc = buf_putc(b, *p);
        }
    }
    return rc;
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
    if (c->idpos < c->nids) {
        *id = c->ids[c->idpos++];
        return 0;
    }
    if (!c->ids) {
        c->ids = mem_calloc(ID_BLOCK, sizeof *c->ids);
        if (!c->ids)
            return err_nomem(e);
    }
    /* A block of the identity sequence: one round trip per ID_BLOCK rows.
     * Values a rolled-back batch took are gaps, as with any sequence. */
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT nextval(pg_get_serial_sequence('dossier', 'id')) "
                           "FROM generate_series(1, ?1)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, ID_BLOCK);
    c->nids = c->idpos = 0;
    while (store_next(st, &rc, e))
        if (c->nids < ID_BLOCK)
            c->ids[c->nids++] = store_col_int(st, 0);
    store_stmt_done(st);
    if (rc)
        return rc;
    if (!c->nids)
        return err_set(e, ERR_DB, "db.sequence", "Không cấp được định danh hồ sơ",
                       "No dossier id could be reserved");
    *id = c->ids[c->idpos++];
    return 0;
}
