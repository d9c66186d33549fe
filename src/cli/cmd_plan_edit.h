/* cmd_plan_edit.h - the plan-edit parts of `cchc plan` (cmd_plan.c):
 * --edits FILE for parse and import, `cchc plan edit ID --edits FILE`
 * (edit a stored plan) and `cchc plan edits ID` (its recorded edits). */
#ifndef CCHC_CMD_PLAN_EDIT_H
#define CCHC_CMD_PLAN_EDIT_H

#include "cli/cmd.h"
#include "domain/planedit.h"
#include "domain/planparse.h"

#include <jansson.h>

/* Reads the edits file at path into l (caller planedit_list_release, also
 * on error) and *json (its canonical JSON text, caller free). */
int cmd_plan_edit_load(const char *path, planedit_list_t *l, char **json, err_t *e);

/* The preview review of p: JSON (new reference, NULL on ERR_NOMEM) / text
 * on stdout. */
json_t *cmd_plan_edit_review_json(const planparse_plan_t *p);
void cmd_plan_edit_print_review(const planparse_plan_t *p);

/* `cchc plan edit ID --edits FILE [--json]` and `cchc plan edits ID
 * [--json]`; exit status. */
int cmd_plan_edit_run(cli_ctx_t *ctx, int argc, char **argv);
int cmd_plan_edit_show(cli_ctx_t *ctx, int argc, char **argv);

#endif
