/* cmd_plan_life.h - the plan life's part of `cchc plan` (cmd_plan_life.c):
 * the subcommands supersede | delete | restore (cmd_plan_life in cmd.h) and
 * the small printers cmd_plan.c calls for parse, import and list. */
#ifndef CCHC_CMD_PLAN_LIFE_H
#define CCHC_CMD_PLAN_LIFE_H

#include "app/app_plan_life.h"

#include <jansson.h>
#include <stddef.h>

/* The duplicate and suggested units of p (read from the file at path; unit:
 * --unit or NULL) against the database at db_path, read as it is:
 * {"duplicate","suggested_units"}, or NULL when there is no database (or
 * it cannot tell). Caller json_decref. */
json_t *cmd_plan_life_preview(const char *db_path, const char *path, const char *unit,
                              const planparse_plan_t *p);

/* Prints the preview's warning and suggested units (life may be NULL). */
void cmd_plan_life_print_preview(const json_t *life);

/* Prints what an import did to an older plan and to the registry. */
void cmd_plan_life_print_import(const app_plan_life_result_t *l);

/* " [đã xóa / deleted]", " [đã thay thế bởi / superseded by #N]" or "" for
 * a plan of the list, in buf (cap bytes); returns buf. */
const char *cmd_plan_life_tag(const json_t *plan, char *buf, size_t cap);

/* Prints the status line of `cchc plan show` from app_plan_life_status's
 * answer: current, superseded by #N or deleted, with when, by whom and why. */
void cmd_plan_life_print_status(const json_t *st);

#endif
