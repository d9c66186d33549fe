/* store_copy_int.h - the schema as store_copy sees it (store_copy_schema.c):
 * tables read from the engine's catalog, their columns and kinds, foreign-key
 * parents, and the row digest both sides compute. */
#ifndef CCHC_STORE_COPY_INT_H
#define CCHC_STORE_COPY_INT_H

#include "base/buf.h"
#include "store/store_copy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_COPY_NAME_MAX 64

/* Column kinds: what the value is read and written as. */
enum { K_INT, K_REAL, K_TEXT, K_BLOB };

typedef struct col {
    char name[STORE_COPY_NAME_MAX];
    int kind;
} col_t;

typedef struct table {
    char name[STORE_COPY_NAME_MAX];
    col_t *cols;
    size_t ncols, colcap;
    char (*parents)[STORE_COPY_NAME_MAX];
    size_t nparents, parcap;
    bool done; /* placed in the copy order */
} table_t;

typedef struct schema {
    table_t *t;
    size_t n, cap;
} schema_t;

/* Names go into SQL: letters, digits and '_' only (ERR_INVALID otherwise). */
MUST_CHECK int store_copy_schema_check_name(const char *name, err_t *e);
/* Every table but schema_migrations, with columns and parents. Caller
 * store_copy_schema_release (also after an error). */
MUST_CHECK int store_copy_schema_load(store_t *s, schema_t *sc, err_t *e);
void store_copy_schema_release(schema_t *sc);
/* The columns of t->name in s (appended to t->cols). */
MUST_CHECK int store_copy_schema_columns(store_t *s, table_t *t, err_t *e);
/* The next table whose parents are placed (the caller sets done), NULL at
 * the end; a cycle leaves tables unplaced (the caller checks). */
table_t *store_copy_schema_next(schema_t *sc);
/* dst's table of that name has the same columns, in order, of the same
 * kinds (ERR_INVALID "db.copy_schema" otherwise). */
MUST_CHECK int store_copy_schema_same_shape(const table_t *t, store_t *dst, err_t *e);
/* SELECT "c1", ... FROM "t" followed by suffix, into b: 0 or a buf status. */
int store_copy_schema_select(buf_t *b, const table_t *t, const char *suffix);
/* The hash of the current row of st (columns in t's order and kinds). */
int store_copy_schema_row_hash(buf_t *scratch, store_stmt_t *st, const table_t *t, uint64_t *h);
/* Row count and sum of row hashes of table t in s. */
MUST_CHECK int store_copy_schema_digest(store_t *s, const table_t *t, int64_t *rows, uint64_t *sum,
                                        err_t *e);

#endif
