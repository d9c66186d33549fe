/* testdb.h - the database a test runs against, on either engine.
 *
 * Without $CCHC_TEST_DB the location is a SQLite file dir/name (removed with
 * the directory). With CCHC_TEST_DB=postgresql://... (the superuser URL of
 * a throwaway cluster started by scripts/pg_cluster.sh) each call creates a
 * fresh database t_<pid>_<n>_<random> on that cluster and returns its URL;
 * testdb_free drops it, and sets $CCHC_CACHE_DIR to dir (store_cache_path:
 * the KPI image goes there). The same test binaries thus run on both engines
 * (make check runs them twice). Uses plain malloc; failures to create a
 * database abort the test program (environment problems). */
#ifndef CCHC_TEST_TESTDB_H
#define CCHC_TEST_TESTDB_H

#include <stdbool.h>
#include <stddef.h>

/* A new empty database location; caller frees it with testdb_free (or
 * free(): a PostgreSQL database not dropped by testdb_free is dropped when
 * the test program exits). */
char *testdb_new(const char *dir, const char *name);
/* The same into out (cap bytes), for fixtures holding arrays. */
void testdb_path(char *out, size_t cap, const char *dir, const char *name);
/* Drops a PostgreSQL test database (closing its sessions), then frees loc.
 * NULL is a no-op. */
void testdb_free(char *loc);
/* Whether tests run against PostgreSQL ($CCHC_TEST_DB set). */
bool testdb_is_pg(void);
/* The name of the database of a location made by testdb_new (borrowed from
 * loc; "" for SQLite). */
const char *testdb_name(const char *loc);

#endif
