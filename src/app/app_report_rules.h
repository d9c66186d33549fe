/* app_report_rules.h - reporting calendar rows kept in the database (table
 * report_rule; app_report_cal_load reads them after
 * data/reports/calendar.csv): those an imported plan sets (its "chế độ báo
 * cáo" clauses read by report_clause.h, plan_id set), and those a receiver
 * sets by hand — its own due dates, a year's override, an ad hoc report
 * (báo cáo đột xuất) it asks of its senders. */
#ifndef CCHC_APP_REPORT_RULES_H
#define CCHC_APP_REPORT_RULES_H

#include "base/dtime.h"
#include "domain/report_clause.h"
#include "app/app.h"
#include "domain/access.h"
#include "store/store.h"

#include <jansson.h>

#include <stddef.h>
#include <stdint.h>

/* Replaces the rows of plan_id by the rules and overrides of c, inside the
 * caller's transaction (by, at: who and when, for the record); a row with
 * the key of an older plan's row (type, receiver, kind, years) replaces it:
 * the latest imported plan sets the calendar, rows set by hand stay. A rule
 * that only names a kind (no due date, the default window, enabled) is not
 * stored: it would erase a due date the calendar sets.
 * *stored: the rows written. Errors: store.h's, ERR_NOMEM. */
MUST_CHECK int app_report_rules_store(store_t *s, int64_t plan_id, const report_clauses_t *c,
                                      const char *by, dtime_t at, size_t *stored, err_t *e);

/* A row set by hand, in the columns of the calendar file (NULL = empty):
 * type "rule" | "override" | "adhoc" and the cells data/reports/README.md
 * describes. */
typedef struct app_report_rule_in {
    const char *type, *receiver, *kind, *years, *window, *due, *enabled, *from, *to, *id, *title,
        *note;
} app_report_rule_in_t;

/* Adds a row for a receiver: checked as a calendar file row and against the
 * calendar it joins (ERR_INVALID with the calendar's code and reason: a
 * broken window, a due date before the cut-off, a second row for the same
 * receiver, kind and years…). Who: the receiver's side (its officers or the
 * standing agency of its province) or an administrator; receiver "*" only an
 * administrator (ERR_FORBIDDEN). *id: the row. */
int app_report_rules_add(app_t *a, const user_t *actor, const app_report_rule_in_t *in, int64_t *id,
                         err_t *e);
/* The rows of a receiver (all rows when receiver is NULL, for an
 * administrator): {"rules":[{"id","type","receiver","kind","years","window","due",
 * "enabled","from","to","id_adhoc","title","note","source","plan_id"}]}. */
int app_report_rules_list(app_t *a, const user_t *actor, const char *receiver, json_t **out,
                          err_t *e);
/* Removes a row set by hand (a plan's rows go with the plan: ERR_CONFLICT
 * "report.rule_from_plan"); ERR_NOTFOUND "report.rule_not_found". */
int app_report_rules_remove(app_t *a, const user_t *actor, int64_t id, err_t *e);

#endif
