/* migrations.h - the numbered SQL migrations compiled into the binary
 * (generated from src/store/migrations/ by scripts/embed_sql.sh).
 *
 * One numbered sequence for both engines. A step is either one file
 * NNNN_name.sql in the subset SQLite and PostgreSQL share, or a pair
 * NNNN_name.sqlite.sql + NNNN_name.pg.sql when the dialects differ (integer
 * keys, floating types, blobs). The generator refuses a step written for one
 * engine only, and a shared file using a type whose meaning differs between
 * the engines. */
#ifndef CCHC_STORE_MIGRATIONS_H
#define CCHC_STORE_MIGRATIONS_H

struct store_migration {
    int version;            /* NNNN */
    const char *name;       /* "0001_init" */
    const char *sql_sqlite; /* statements separated by ';' at line ends */
    const char *sql_pg;     /* the same step for PostgreSQL */
};

extern const struct store_migration store_migrations[];
extern const int store_migration_count;

#endif
