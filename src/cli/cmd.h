/* cmd.h - the subcommands of cchc (one file each: cmd_<name>.c). */
#ifndef CCHC_CLI_CMD_H
#define CCHC_CLI_CMD_H

#include "cli.h"

struct cmd_entry {
    const char *name;
    cli_fn fn;
    const char *summary_vi;
    const char *summary_en;
};

/* One prototype per subcommand. */
int cmd_version(cli_ctx_t *ctx, int argc, char **argv);
int cmd_audit(cli_ctx_t *ctx, int argc, char **argv);
int cmd_db(cli_ctx_t *ctx, int argc, char **argv);
int cmd_unit(cli_ctx_t *ctx, int argc, char **argv);
int cmd_user(cli_ctx_t *ctx, int argc, char **argv);
int cmd_ingest(cli_ctx_t *ctx, int argc, char **argv);
int cmd_gen(cli_ctx_t *ctx, int argc, char **argv);
int cmd_kpi(cli_ctx_t *ctx, int argc, char **argv);
int cmd_index766(cli_ctx_t *ctx, int argc, char **argv);
int cmd_serve(cli_ctx_t *ctx, int argc, char **argv);
int cmd_target(cli_ctx_t *ctx, int argc, char **argv);
int cmd_task(cli_ctx_t *ctx, int argc, char **argv);
int cmd_calendar(cli_ctx_t *ctx, int argc, char **argv);
int cmd_doc(cli_ctx_t *ctx, int argc, char **argv);
int cmd_deadline(cli_ctx_t *ctx, int argc, char **argv);
int cmd_period(cli_ctx_t *ctx, int argc, char **argv);
int cmd_report(cli_ctx_t *ctx, int argc, char **argv);
/* `cchc report rule …` (cmd_report_rule.c), dispatched by cmd_report. */
int cmd_report_rule(cli_ctx_t *ctx, int argc, char **argv);
int cmd_plan(cli_ctx_t *ctx, int argc, char **argv);
/* cchc plan supersede | delete | restore (cmd_plan_life.c; argv[1] is the subcommand). */
int cmd_plan_life(cli_ctx_t *ctx, int argc, char **argv);
int cmd_feedback(cli_ctx_t *ctx, int argc, char **argv);
int cmd_survey(cli_ctx_t *ctx, int argc, char **argv);
int cmd_rating(cli_ctx_t *ctx, int argc, char **argv);
int cmd_par(cli_ctx_t *ctx, int argc, char **argv);
int cmd_remind(cli_ctx_t *ctx, int argc, char **argv);

/* Terminated by an entry with name NULL. */
extern const struct cmd_entry cmd_table[];

#endif
