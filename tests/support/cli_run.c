/* cli_run.c - see cli_run.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/cli_run.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

enum { CLI_RUN_MAX_ARGS = 64, CLI_RUN_TIMEOUT_S = 300 };

const char *cli_run_bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b && *b ? b : "build/asan/cchc";
}

run_result_t cli_run_argv(const char *const *env, const char *input, const char *const *args)
{
    const char *argv[CLI_RUN_MAX_ARGS + 2] = {cli_run_bin()};
    size_t n = 1;
    for (; args && args[n - 1]; n++) {
        if (n > CLI_RUN_MAX_ARGS)
            fail_msg("cli_run: more than %d arguments", CLI_RUN_MAX_ARGS);
        argv[n] = args[n - 1];
    }
    argv[n] = NULL;
    run_result_t r;
    if (run_cmd(argv, env, input, CLI_RUN_TIMEOUT_S, &r) != 0)
        fail_msg("cannot run %s", argv[0]);
    return r;
}

run_result_t cli_run(const char *const *env, const char *input, ...)
{
    const char *args[CLI_RUN_MAX_ARGS + 1];
    size_t n = 0;
    va_list ap;
    va_start(ap, input);
    for (const char *a = va_arg(ap, const char *); a; a = va_arg(ap, const char *)) {
        if (n == CLI_RUN_MAX_ARGS)
            fail_msg("cli_run: more than %d arguments", CLI_RUN_MAX_ARGS);
        args[n++] = a;
    }
    va_end(ap);
    args[n] = NULL;
    return cli_run_argv(env, input, args);
}

char *cli_run_ok(const char *const *env, const char *const *args)
{
    run_result_t r = cli_run_argv(env, NULL, args);
    if (r.status != 0)
        fail_msg("cchc %s %s: exit %d\n--- stdout\n%s--- stderr\n%s", args[0],
                 args[0] && args[1] ? args[1] : "", r.status, r.out, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

void cli_run_expect_status(const run_result_t *r, int status)
{
    if (r->status != status)
        fail_msg("exit %d, want %d\n--- stdout\n%s--- stderr\n%s", r->status, status, r->out,
                 r->err);
}

void cli_run_expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("'%s' not in:\n%s", needle, hay);
}

json_t *cli_run_json(const run_result_t *r)
{
    json_error_t je;
    json_t *v = json_loads(r->out, 0, &je);
    if (!v)
        fail_msg("not JSON (%s):\n%s", je.text, r->out);
    return v;
}

cli_run_fx_t *cli_run_fx_open(const char *db_name, unsigned flags)
{
    cli_run_fx_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, db_name);
    snprintf(f->env_db, sizeof f->env_db, "CCHC_DB=%s", f->db);
    if (flags & CLI_RUN_SHIPPED_DATA)
        snprintf(f->env_data, sizeof f->env_data, "CCHC_DATA=%s/data", testdir_root());
    else
        snprintf(f->env_data, sizeof f->env_data, "CCHC_DATA=%s", f->dir);
    f->env[0] = f->env_db;
    f->env[1] = f->env_data;
    f->env[2] = flags & CLI_RUN_QUIET ? "CCHC_LOG_LEVEL=warn" : NULL;
    return f;
}

void cli_run_fx_close(cli_run_fx_t *f)
{
    if (!f)
        return;
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
}

int cli_run_fx_teardown(void **state)
{
    cli_run_fx_close(*state);
    return 0;
}
