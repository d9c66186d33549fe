/* store_copy.h - copying a whole database to another location, on the same
 * engine or the other one (`cchc db copy --from A --to B`).
 *
 * Every table of the source (read from its catalog: tables added by future
 * migrations are included without any change here), parents before
 * children (foreign keys), one destination transaction per table, rows in
 * their key order with the same ids. The source is read in one snapshot;
 * the destination is migrated first and must be at the source's schema
 * version (a source behind the binary's migrations is refused: migrate it
 * first). Each table is verified afterwards: row count and an
 * order-independent checksum of every value (integers, doubles to the bit,
 * texts to the byte, NULLs), computed on each side by its own scan.
 *
 * Resumable: a table already in the destination with the same count and
 * checksum is skipped; an interrupted table was rolled back as a whole. The
 * destination must otherwise be empty (ERR_CONFLICT "db.copy_not_empty"),
 * apart from ledger_meta, whose rows the migrations seed and which is
 * replaced. On PostgreSQL rows arrive with COPY and the identity sequences
 * are moved past the copied ids. BLOB columns are refused when they hold
 * rows (none does today). */
#ifndef CCHC_STORE_COPY_H
#define CCHC_STORE_COPY_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct store_copy_table {
    char name[64];
    int64_t rows;
    uint64_t checksum;
    bool skipped; /* already in the destination, identical */
} store_copy_table_t;

/* Called after each table, verified (may be NULL). */
typedef void (*store_copy_progress_fn)(void *ctx, const store_copy_table_t *t);

MUST_CHECK int store_copy(store_t *src, store_t *dst, store_copy_progress_fn fn, void *ctx,
                          err_t *e);

/* Row count and checksum of one table of s (as store_copy computes them). */
MUST_CHECK int store_copy_digest(store_t *s, const char *table, int64_t *rows, uint64_t *sum,
                                 err_t *e);

#endif
