/* migrations.h - the numbered SQL migrations compiled into the binary
 * (generated from src/store/migrations/NNNN_name.sql by scripts/embed_sql.sh).
 * SQL is kept to the subset SQLite and PostgreSQL share. */
#ifndef CCHC_STORE_MIGRATIONS_H
#define CCHC_STORE_MIGRATIONS_H

struct store_migration {
    int version;      /* NNNN */
    const char *name; /* "0001_init" */
    const char *sql;  /* statements separated by ';' at line ends */
};

extern const struct store_migration store_migrations[];
extern const int store_migration_count;

#endif
