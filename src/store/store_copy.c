/* store_copy.c - a whole database to another location (store_copy.h). */
#include "store/store_copy.h"

#include "base/buf.h"
#include "base/mem.h"
#include "store/migrations.h"
#include "store/store_copy_int.h"
#include "store/store_pg_int.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define SQL_MAX (64u << 10)

/* Tables the migrations fill: replaced, not refused, when not empty. */
static const char *const SEEDED[] = {"ledger_meta", "audit_head"};

static bool pg(store_t *s)
{
    return store_dialect(s) == STORE_PG;
}

static bool seeded(const char *table)
{
    for (size_t i = 0; i < sizeof SEEDED / sizeof SEEDED[0]; i++)
        if (strcmp(SEEDED[i], table) == 0)
            return true;
    return false;
}

static int buf_status(int rc, err_t *e)
{
    return rc == ERR_NOMEM ? err_nomem(e) : err_set_generic(e, rc);
}

/* Both at the binary's latest schema version (the destination migrated). */
static int versions(store_t *src, store_t *dst, err_t *e)
{
    int latest = store_migration_count ? store_migrations[store_migration_count - 1].version : 0;
    int v = 0, dv = 0;
    int rc = store_schema_version(src, &v, e);
    if (!rc && v != latest)
        return err_set(e, ERR_INVALID, "db.copy_version",
                       "Nguồn ở phiên bản lược đồ %d, chương trình ở %d: hãy chạy "
                       "'cchc db migrate' cho nguồn trước",
                       "The source is at schema version %d, this program at %d: run "
                       "'cchc db migrate' on the source first",
                       v, latest);
    if (!rc)
        rc = store_migrate(dst, NULL, e);
    if (!rc)
        rc = store_schema_version(dst, &dv, e);
    if (!rc && dv != latest)
        rc = err_set(e, ERR_INVALID, "db.copy_version",
                     "Đích ở phiên bản lược đồ %d, chương trình ở %d",
                     "The destination is at schema version %d, this program at %d", dv, latest);
    return rc;
}

/* One value of the current source row into the destination. */
static int put_pg(buf_t *b, store_stmt_t *st, int i, int kind, err_t *e)
{
    int rc;
    if (store_col_is_null(st, i))
        rc = store_pg_copy_int(b, 0, true);
    else if (kind == K_INT)
        rc = store_pg_copy_int(b, store_col_int(st, i), false);
    else if (kind == K_REAL)
        rc = store_pg_copy_double(b, store_col_double(st, i));
    else if (kind == K_TEXT)
        rc = store_pg_copy_text(b, store_col_text(st, i));
    else
        return err_set(e, ERR_INVALID, "db.copy_blob", "Chưa hỗ trợ sao chép cột nhị phân",
                       "Binary (BLOB) columns are not copied");
    return rc ? buf_status(rc, e) : 0;
}

static int bind_lite(store_stmt_t *ins, store_stmt_t *st, int i, int kind, err_t *e)
{
    if (store_col_is_null(st, i))
        store_bind_null(ins, i + 1);
    else if (kind == K_INT)
        store_bind_int(ins, i + 1, store_col_int(st, i));
    else if (kind == K_REAL)
        store_bind_double(ins, i + 1, store_col_double(st, i));
    else if (kind == K_TEXT)
        store_bind_text_static(ins, i + 1, store_col_text(st, i));
    else
        return err_set(e, ERR_INVALID, "db.copy_blob", "Chưa hỗ trợ sao chép cột nhị phân",
                       "Binary (BLOB) columns are not copied");
    return 0;
}

/* The destination statement: COPY (PostgreSQL, into copy_sql, which must
 * live until the commit sends the rows) or a prepared INSERT (SQLite). */
static int writer(store_t *dst, const table_t *t, buf_t *copy_sql, store_stmt_t **ins, err_t *e)
{
    buf_t sql;
    buf_init(&sql, SQL_MAX);
    buf_t *b = pg(dst) ? copy_sql : &sql;
    int rc = buf_printf(b, pg(dst) ? "COPY \"%s\" (" : "INSERT INTO \"%s\" (", t->name);
    for (size_t i = 0; !rc && i < t->ncols; i++)
        rc = buf_printf(b, "%s\"%s\"", i ? ", " : "", t->cols[i].name);
    rc = rc ? rc : buf_puts(b, pg(dst) ? ") FROM STDIN (FORMAT binary)" : ") VALUES (");
    for (size_t i = 0; !rc && !pg(dst) && i < t->ncols; i++)
        rc = buf_printf(b, "%s?%zu", i ? ", " : "", i + 1);
    rc = rc || pg(dst) ? rc : buf_putc(b, ')');
    if (rc)
        rc = buf_status(rc, e);
    else if (!pg(dst))
        rc = store_prepare_owned(dst, sql.data, ins, e);
    buf_release(&sql);
    return rc;
}

static int write_row(store_t *dst, const table_t *t, const char *copy_sql, store_stmt_t *ins,
                     store_stmt_t *st, err_t *e)
{
    int rc = 0;
    if (ins) {
        for (size_t i = 0; !rc && i < t->ncols; i++)
            rc = bind_lite(ins, st, (int)i, t->cols[i].kind, e);
        rc = rc ? rc : store_step(ins, e);
        store_stmt_reset(ins);
        return rc < 0 ? rc : 0;
    }
    buf_t *b = store_pg_copy_buf(dst, 0, copy_sql, e);
    if (!b)
        return ERR_DB;
    rc = store_pg_copy_tuple(b, (int)t->ncols);
    rc = rc ? buf_status(rc, e) : 0;
    for (size_t i = 0; !rc && i < t->ncols; i++)
        rc = put_pg(b, st, (int)i, t->cols[i].kind, e);
    return rc ? rc : store_pg_copy_row_done(dst, 0, e);
}

/* Copies t's rows in key order; *rows and *sum: the source's digest. */
static int copy_rows(store_t *src, store_t *dst, const table_t *t, buf_t *copy_sql, int64_t *rows,
                     uint64_t *sum, err_t *e)
{
    buf_t sql, scratch;
    buf_init(&sql, SQL_MAX);
    buf_init(&scratch, 1u << 30);
    store_stmt_t *st = NULL, *ins = NULL;
    *rows = 0;
    *sum = 0;
    int rc = store_copy_schema_select(&sql, t, " ORDER BY 1");
    rc = rc ? buf_status(rc, e) : writer(dst, t, copy_sql, &ins, e);
    if (!rc)
        rc = store_prepare_owned(src, sql.data, &st, e);
    while (!rc && store_next(st, &rc, e)) {
        uint64_t h = 0;
        rc = store_copy_schema_row_hash(&scratch, st, t, &h);
        rc = rc ? buf_status(rc, e) : write_row(dst, t, copy_sql->data, ins, st, e);
        *sum += h;
        ++*rows;
    }
    store_stmt_free(st);
    store_stmt_free(ins);
    buf_release(&sql);
    buf_release(&scratch);
    return rc;
}

/* PostgreSQL: each identity sequence of t past the largest copied value. */
static int move_sequences(store_t *dst, const table_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(dst,
                           "SELECT attname FROM pg_attribute WHERE attrelid = "
                           "CAST(?1 AS regclass) AND attidentity <> ''",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, t->name);
    char cols[8][STORE_COPY_NAME_MAX];
    int n = 0;
    while (!rc && store_next(st, &rc, e)) {
        const char *c = store_col_text(st, 0);
        rc = store_copy_schema_check_name(c ? c : "", e);
        if (!rc && n < 8)
            snprintf(cols[n++], sizeof cols[0], "%s", c);
    }
    store_stmt_done(st);
    for (int i = 0; !rc && i < n; i++) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%.63s', '%.63s'), "
                 "COALESCE(MAX(\"%.63s\"), 0) + 1, false) FROM \"%.63s\"",
                 t->name, cols[i], cols[i], t->name);
        rc = store_exec(dst, sql, e);
    }
    return rc;
}

static int copy_table(store_t *src, store_t *dst, const table_t *t, store_copy_table_t *out,
                      err_t *e)
{
    int64_t drows = 0, srows = 0;
    uint64_t dsum = 0, ssum = 0;
    int rc = store_copy_schema_same_shape(t, dst, e);
    if (!rc)
        rc = store_copy_schema_digest(dst, t, &drows, &dsum, e);
    if (!rc && drows) { /* a resumed copy, or data of its own */
        rc = store_copy_schema_digest(src, t, &srows, &ssum, e);
        if (!rc && srows == drows && ssum == dsum) {
            out->rows = srows;
            out->checksum = ssum;
            out->skipped = true;
            return 0;
        }
        if (!rc && !seeded(t->name))
            return err_set(e, ERR_CONFLICT, "db.copy_not_empty",
                           "Bảng %s ở đích đã có dữ liệu khác nguồn; hãy sao chép vào một cơ sở "
                           "dữ liệu mới",
                           "Table %s already holds other data in the destination; copy into a "
                           "new database",
                           t->name);
    }
    buf_t copy_sql;
    buf_init(&copy_sql, SQL_MAX);
    rc = rc ? rc : store_begin(dst, e);
    if (rc) {
        buf_release(&copy_sql);
        return rc;
    }
    if (drows) {
        char del[128];
        snprintf(del, sizeof del, "DELETE FROM \"%s\"", t->name);
        rc = store_exec(dst, del, e);
    }
    if (!rc)
        rc = copy_rows(src, dst, t, &copy_sql, &srows, &ssum, e);
    if (!rc && pg(dst))
        rc = move_sequences(dst, t, e);
    if (!rc)
        rc = store_commit(dst, e); /* sends the last COPY rows */
    else
        store_rollback(dst);
    buf_release(&copy_sql);
    if (!rc)
        rc = store_copy_schema_digest(dst, t, &drows, &dsum, e);
    if (!rc && (drows != srows || dsum != ssum))
        rc = err_set(e, ERR_DB, "db.copy_mismatch",
                     "Bảng %s: đích có %lld dòng, nguồn %lld, hoặc tổng kiểm tra khác nhau",
                     "Table %s: %lld rows in the destination, %lld in the source, or checksums "
                     "differ",
                     t->name, (long long)drows, (long long)srows);
    out->rows = srows;
    out->checksum = ssum;
    out->skipped = false;
    return rc;
}

static int copy_all(store_t *src, store_t *dst, schema_t *sc, store_copy_progress_fn fn, void *ctx,
                    err_t *e)
{
    int rc = 0;
    size_t placed = 0;
    for (table_t *t = store_copy_schema_next(sc); !rc && t; t = store_copy_schema_next(sc)) {
        t->done = true;
        placed++;
        store_copy_table_t r;
        memset(&r, 0, sizeof r);
        snprintf(r.name, sizeof r.name, "%s", t->name);
        rc = copy_table(src, dst, t, &r, e);
        if (rc)
            err_prefixf(e, "Bảng %s: ", "Table %s: ", t->name);
        else if (fn)
            fn(ctx, &r);
    }
    if (!rc && placed != sc->n)
        rc = err_set(e, ERR_INVALID, "db.copy_cycle",
                     "Các khóa ngoại tạo thành vòng; không xác định được thứ tự sao chép",
                     "Foreign keys form a cycle; no copy order exists");
    return rc;
}

int store_copy(store_t *src, store_t *dst, store_copy_progress_fn fn, void *ctx, err_t *e)
{
    schema_t sc, dsc;
    memset(&sc, 0, sizeof sc);
    memset(&dsc, 0, sizeof dsc);
    int rc = versions(src, dst, e);
    /* One snapshot of the source for every table. */
    if (!rc)
        rc = store_exec(src, pg(src) ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
                        e);
    if (!rc) {
        src->in_tx = 1;
        rc = store_copy_schema_load(src, &sc, e);
    }
    if (!rc)
        rc = store_copy_schema_load(dst, &dsc, e);
    if (!rc && dsc.n != sc.n)
        rc = err_set(e, ERR_INVALID, "db.copy_schema", "Nguồn có %zu bảng, đích có %zu",
                     "The source has %zu tables, the destination %zu", sc.n, dsc.n);
    if (!rc)
        rc = copy_all(src, dst, &sc, fn, ctx, e);
    store_rollback(src); /* ends the read snapshot */
    store_copy_schema_release(&sc);
    store_copy_schema_release(&dsc);
    return rc;
}

int store_copy_digest(store_t *s, const char *table, int64_t *rows, uint64_t *sum, err_t *e)
{
    table_t t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "%s", table);
    int rc = store_copy_schema_check_name(table, e);
    if (!rc)
        rc = store_copy_schema_columns(s, &t, e);
    if (!rc)
        rc = store_copy_schema_digest(s, &t, rows, sum, e);
    mem_free(t.cols);
    return rc;
}
