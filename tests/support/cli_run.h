/* cli_run.h - runs the cchc binary under test as a separate process, for
 * integration tests of the command line (cmocka assertions inside: call
 * from tests only).
 *
 * The binary is $CCHC_BIN (scripts/runtests.sh sets it), else
 * build/asan/cchc relative to the working directory. Runs go through
 * run_cmd (run_cmd.h): the current environment plus the overrides given,
 * standard input from a string, both outputs captured, a 300 s limit. A run
 * that cannot start fails the test; its exit status is the caller's to
 * check. Strings returned are plain malloc'd. */
#ifndef CCHC_TEST_CLI_RUN_H
#define CCHC_TEST_CLI_RUN_H

#include "support/run_cmd.h"

#include <jansson.h>

/* The scratch directory and database of a test's runs. */
typedef struct cli_run_fx {
    char *dir;          /* testdir_new */
    char *db;           /* testdb_new(dir, db_name) */
    const char *env[4]; /* CCHC_DB, CCHC_DATA[, CCHC_LOG_LEVEL=warn], NULL */
    char env_db[4200], env_data[4200];
} cli_run_fx_t;

enum {
    CLI_RUN_SHIPPED_DATA = 1, /* CCHC_DATA=$CCHC_ROOT/data, not the scratch directory */
    CLI_RUN_QUIET = 2,        /* CCHC_LOG_LEVEL=warn */
};

/* A new scratch directory and database dir/db_name (on PostgreSQL under
 * CCHC_TEST_DB, see testdb.h), with env set for cli_run; flags: the
 * CLI_RUN_* above. Caller frees with cli_run_fx_close. */
cli_run_fx_t *cli_run_fx_open(const char *db_name, unsigned flags);
/* Drops the database, removes the directory, frees f. NULL is a no-op. */
void cli_run_fx_close(cli_run_fx_t *f);
/* A cmocka teardown: cli_run_fx_close(*state). */
int cli_run_fx_teardown(void **state);

/* The path of the cchc binary. Borrowed. */
const char *cli_run_bin(void);
/* Runs cchc with the arguments args (NULL-terminated, without the program
 * name). env: NULL-terminated "NAME=value" overrides, or NULL; input: the
 * standard input, or NULL for none. Caller frees with run_result_free. */
run_result_t cli_run_argv(const char *const *env, const char *input, const char *const *args);
/* The same with the arguments listed after input, ending with
 * (const char *)NULL. */
run_result_t cli_run(const char *const *env, const char *input, ...);
/* Runs as cli_run_argv without input and fails the test unless cchc exits
 * with 0; returns its standard output (caller frees with free()). */
char *cli_run_ok(const char *const *env, const char *const *args);
/* Fails the test unless r exited with status, showing both outputs. */
void cli_run_expect_status(const run_result_t *r, int status);
/* Fails the test unless needle occurs in hay, showing hay. */
void cli_run_expect_in(const char *hay, const char *needle);
/* The standard output of r as JSON (caller json_decref); fails the test
 * when it is not JSON. */
json_t *cli_run_json(const run_result_t *r);

#endif
