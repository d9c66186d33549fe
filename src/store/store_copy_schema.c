/* store_copy_schema.c - what store_copy reads of a schema: tables in
 * foreign-key order, columns and their kinds, row digests (store_copy_int.h). */
#include "store/store_copy_int.h"

#include "base/mem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define SQL_MAX   (64u << 10)
#define NAME_MAX_ STORE_COPY_NAME_MAX

static bool pg(store_t *s)
{
    return store_dialect(s) == STORE_PG;
}

/* Catalog names go into SQL: letters, digits and '_' only. */
int store_copy_schema_check_name(const char *n, err_t *e)
{
    size_t len = strlen(n);
    bool ok = len > 0 && len < NAME_MAX_ && !(n[0] >= '0' && n[0] <= '9');
    for (size_t i = 0; ok && i < len; i++)
        ok = (n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
             (n[i] >= '0' && n[i] <= '9') || n[i] == '_';
    return ok ? 0
              : err_set(e, ERR_INVALID, "db.copy_name", "Tên bảng hoặc cột không hỗ trợ: '%s'",
                        "Unsupported table or column name: '%s'", n);
}

static int kind_of(const char *type)
{
    char up[64];
    size_t i = 0;
    for (; type && type[i] && i + 1 < sizeof up; i++)
        up[i] = (char)((type[i] >= 'a' && type[i] <= 'z') ? type[i] - 32 : type[i]);
    up[i] = '\0';
    if (strstr(up, "INT"))
        return K_INT;
    if (strstr(up, "REAL") || strstr(up, "DOUB") || strstr(up, "FLOA"))
        return K_REAL;
    if (strstr(up, "BLOB") || strstr(up, "BYTEA"))
        return K_BLOB;
    return K_TEXT;
}

void store_copy_schema_release(schema_t *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        mem_free(sc->t[i].cols);
        mem_free(sc->t[i].parents);
    }
    mem_free(sc->t);
    memset(sc, 0, sizeof *sc);
}

int store_copy_schema_columns(store_t *s, table_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           pg(s) ? "SELECT column_name, data_type FROM information_schema.columns "
                                   "WHERE table_schema = current_schema() AND table_name = ?1 "
                                   "ORDER BY ordinal_position"
                                 : "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, t->name);
    while (!rc && store_next(st, &rc, e)) {
        const char *name = store_col_text(st, 0);
        rc = store_copy_schema_check_name(name ? name : "", e);
        if (!rc && MEM_GROW(t->cols, t->colcap, t->ncols + 1))
            rc = err_nomem(e);
        if (!rc) {
            col_t *c = &t->cols[t->ncols++];
            snprintf(c->name, sizeof c->name, "%s", name);
            c->kind = kind_of(store_col_text(st, 1));
        }
    }
    store_stmt_done(st);
    return rc;
}

static int load_parents(store_t *s, table_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           pg(s) ? "SELECT DISTINCT CAST(CAST(confrelid AS regclass) AS TEXT) "
                                   "FROM pg_constraint WHERE contype = 'f' "
                                   "AND conrelid = CAST(?1 AS regclass)"
                                 : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, t->name);
    while (!rc && store_next(st, &rc, e)) {
        const char *p = store_col_text(st, 0);
        if (!p || strcmp(p, t->name) == 0) /* a self-reference: rows go in key order */
            continue;
        if (MEM_GROW(t->parents, t->parcap, t->nparents + 1))
            rc = err_nomem(e);
        else
            snprintf(t->parents[t->nparents++], NAME_MAX_, "%s", p);
    }
    store_stmt_done(st);
    return rc;
}

int store_copy_schema_load(store_t *s, schema_t *sc, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           pg(s) ? "SELECT tablename FROM pg_tables WHERE schemaname = "
                                   "current_schema() AND tablename <> 'schema_migrations' "
                                   "ORDER BY tablename"
                                 : "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name NOT LIKE 'sqlite%' AND name <> 'schema_migrations' "
                                   "ORDER BY name",
                           &st, e);
    if (rc)
        return rc;
    while (!rc && store_next(st, &rc, e)) {
        const char *name = store_col_text(st, 0);
        rc = store_copy_schema_check_name(name ? name : "", e);
        if (!rc && MEM_GROW(sc->t, sc->cap, sc->n + 1))
            rc = err_nomem(e);
        if (!rc) {
            table_t *t = &sc->t[sc->n++];
            memset(t, 0, sizeof *t);
            snprintf(t->name, sizeof t->name, "%s", name);
        }
    }
    store_stmt_done(st);
    for (size_t i = 0; !rc && i < sc->n; i++) {
        rc = store_copy_schema_columns(s, &sc->t[i], e);
        if (!rc)
            rc = load_parents(s, &sc->t[i], e);
    }
    return rc;
}

static table_t *find_table(schema_t *sc, const char *name)
{
    for (size_t i = 0; i < sc->n; i++)
        if (strcmp(sc->t[i].name, name) == 0)
            return &sc->t[i];
    return NULL;
}

/* The next table whose parents are all placed (NULL when none is left). */
table_t *store_copy_schema_next(schema_t *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        table_t *t = &sc->t[i];
        bool ready = !t->done;
        for (size_t p = 0; ready && p < t->nparents; p++) {
            const table_t *par = find_table(sc, t->parents[p]);
            ready = !par || par->done;
        }
        if (ready)
            return t;
    }
    return NULL;
}

/* The destination has the same tables and columns, of the same kinds. */
int store_copy_schema_same_shape(const table_t *a, store_t *dst, err_t *e)
{
    table_t b;
    memset(&b, 0, sizeof b);
    snprintf(b.name, sizeof b.name, "%s", a->name);
    int rc = store_copy_schema_columns(dst, &b, e);
    bool same = !rc && b.ncols == a->ncols;
    for (size_t i = 0; same && i < a->ncols; i++)
        same = strcmp(a->cols[i].name, b.cols[i].name) == 0 && a->cols[i].kind == b.cols[i].kind;
    mem_free(b.cols);
    if (!rc && !same)
        rc = err_set(e, ERR_INVALID, "db.copy_schema",
                     "Bảng %s ở đích khác bảng nguồn (cột hoặc kiểu)",
                     "Table %s differs in the destination (columns or types)", a->name);
    return rc;
}

/* "SELECT "c1", ... FROM "t"" plus suffix. */
int store_copy_schema_select(buf_t *b, const table_t *t, const char *suffix)
{
    int rc = buf_puts(b, "SELECT ");
    for (size_t i = 0; !rc && i < t->ncols; i++)
        rc = buf_printf(b, "%s\"%s\"", i ? ", " : "", t->cols[i].name);
    if (!rc)
        rc = buf_printf(b, " FROM \"%s\"%s", t->name, suffix);
    return rc;
}

/* Adds the canonical form of column i of the current row to b. */
static int canon(buf_t *b, store_stmt_t *st, int i, int kind)
{
    if (store_col_is_null(st, i))
        return buf_putc(b, 0);
    if (kind == K_INT)
        return buf_printf(b, "%c%lld", 1, (long long)store_col_int(st, i));
    if (kind == K_REAL)
        return buf_printf(b, "%c%.17g", 2, store_col_double(st, i));
    const char *v = store_col_text(st, i);
    size_t n = v ? strlen(v) : 0;
    int rc = buf_printf(b, "%c%zu:", 3, n);
    return rc ? rc : buf_append(b, v ? v : "", n);
}

int store_copy_schema_row_hash(buf_t *b, store_stmt_t *st, const table_t *t, uint64_t *h)
{
    buf_reset(b);
    int rc = 0;
    for (size_t i = 0; !rc && i < t->ncols; i++)
        rc = canon(b, st, (int)i, t->cols[i].kind);
    unsigned char out[8];
    if (!rc)
        crypto_generichash(out, sizeof out, (const unsigned char *)b->data, b->len, NULL, 0);
    uint64_t v = 0;
    for (int i = 0; !rc && i < 8; i++)
        v = v << 8 | out[i];
    *h = v;
    return rc;
}

int store_copy_schema_digest(store_t *s, const table_t *t, int64_t *rows, uint64_t *sum, err_t *e)
{
    buf_t sql, row;
    buf_init(&sql, SQL_MAX);
    buf_init(&row, 1u << 30);
    *rows = 0;
    *sum = 0;
    store_stmt_t *st = NULL;
    int rc = store_copy_schema_select(&sql, t, "");
    rc = rc ? err_set_generic(e, rc) : store_prepare_owned(s, sql.data, &st, e);
    while (!rc && store_next(st, &rc, e)) {
        uint64_t h = 0;
        rc = store_copy_schema_row_hash(&row, st, t, &h);
        if (rc)
            rc = err_set_generic(e, rc);
        *sum += h;
        ++*rows;
    }
    store_stmt_free(st);
    buf_release(&sql);
    buf_release(&row);
    return rc;
}
