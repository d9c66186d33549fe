/* cmd_par_int.h - what the files of `cchc par` share: the parsed options
 * and the subcommands of cmd_par_sheet.c. */
#ifndef CCHC_CLI_CMD_PAR_INT_H
#define CCHC_CLI_CMD_PAR_INT_H

#include "app/app.h"
#include "base/date.h"
#include "cli/cli.h"

#include <stdbool.h>
#include <stdint.h>

#define CMD_PAR_MAX_FILES 16

typedef struct cmd_par_opts {
    const char *sub, *sub2; /* "campaign" "create"; "score" NULL */
    const char *arg;        /* the positional argument (FILE or ID) */
    bool json, accept, losses, ranking;
    int year;
    int64_t framework, campaign;
    const char *unit, *criterion, *note, *reason, *round, *name, *scope, *survey, *grades;
    const char *step, *role, *request, *answer, *format, *out, *state, *difficulties;
    bool has_points;
    int64_t points;                 /* millipoints */
    int64_t bonus_max, penalty_max; /* millipoints; PAR_NONE = not given */
    date_t opens, self_due, round1_due, explain_due, round2_due, publish_due, due;
    const char *files[CMD_PAR_MAX_FILES];
    int nfiles;
} cmd_par_opts_t;

/* Usage error of `cchc par`; returns 2. */
int cmd_par_bad(const char *vi, const char *en);
/* Prints out (as JSON, or a short text when !json) and frees it; 0 or 1. */
int cmd_par_show(json_t *out, bool json);

/* The sheet subcommands: score, appraise, explain, bonus, penalty, submit,
 * reopen, prefill, survey, sheet, history, results, queue, export. */
int cmd_par_sheet(app_t *a, cmd_par_opts_t *o);

#endif
