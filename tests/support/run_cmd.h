/* run_cmd.h - run a program and capture what it prints, for integration
 * tests of the cchc binary.
 *
 * The program runs with the current environment plus overrides, gets
 * `input` on its standard input (then end of file), and its standard
 * output, standard error and exit status are returned. Uses plain malloc. */
#ifndef CCHC_TEST_RUN_CMD_H
#define CCHC_TEST_RUN_CMD_H

#include <stddef.h>

typedef struct run_result {
    int status; /* exit code; 128 + signal number when killed by a signal */
    char *out;  /* captured standard output, NUL-terminated (caller: run_result_free) */
    char *err;  /* captured standard error, NUL-terminated */
    size_t out_len, err_len;
} run_result_t;

/* argv[0] is the program path; argv ends with NULL. env (may be NULL) is a
 * NULL-terminated list of "NAME=value" entries that replace or add to the
 * environment. input may be NULL (empty standard input). The program is
 * killed after timeout_s seconds (0 = 120). Returns 0 when the program ran
 * (see r->status), -1 when it could not be started. */
int run_cmd(const char *const *argv, const char *const *env, const char *input, int timeout_s,
            run_result_t *r);
void run_result_free(run_result_t *r);

#endif
