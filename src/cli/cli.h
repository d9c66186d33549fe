/* cli.h - shared pieces of the command-line front end.
 *
 * Each subcommand lives in src/cli/cmd_<name>.c and exposes
 *   int cmd_<name>(cli_ctx_t *ctx, int argc, char **argv);
 * where argv[0] is the subcommand name. It returns the process exit code:
 * 0 success, 1 failure (message printed), 2 usage error. Global options
 * (--db, --data, --log-level) are removed from argv by main before dispatch,
 * so every command accepts them anywhere on the line. */
#ifndef CCHC_CLI_H
#define CCHC_CLI_H

#include "base/err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cli_ctx {
    const char *db_path;  /* --db, $CCHC_DB, default var/cchc.db */
    const char *data_dir; /* --data, $CCHC_DATA, default data */
    const char *web_dir;  /* --web, $CCHC_WEB, default web */
} cli_ctx_t;

typedef int (*cli_fn)(cli_ctx_t *ctx, int argc, char **argv);

/* Prints an error as "lỗi: <vi>\nerror: <en>" on stderr; returns 1. */
int cli_error(const err_t *e);
/* Prints a usage error and a hint to --help; returns 2. */
int cli_usage_error(const char *cmd, const char *vi, const char *en);
/* true when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);
/* Prints v as indented JSON followed by a newline on stdout; returns 0 or 1. */
int cli_print_json(json_t *v);
/* Prints v as one compact JSON line. */
int cli_print_json_line(json_t *v);
/* Reads a whole file (max bytes) into a NUL-terminated buffer; caller frees. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len, err_t *e);

struct app;
/* Stores each file of paths[0..n) as evidence of unit attached to
 * (type, id) through evidence_upload (content checks and size limit
 * apply), writing the new ids to ids. Prints the error and returns 1 on
 * the first failure. */
int cli_upload_evidence(struct app *a, const char *const *paths, size_t n, const char *unit,
                        const char *type, int64_t id, int64_t *ids);

#endif
