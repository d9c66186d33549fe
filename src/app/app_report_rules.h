/* app_report_rules.h - the reporting calendar rows an imported plan sets
 * (its "chế độ báo cáo" clauses read by report_clause.h) kept in the
 * database (table report_rule, plan_id set), so that the senders of the
 * plan's issuer get its windows and due dates (app_report_cal_load reads
 * them after data/reports/calendar.csv). */
#ifndef CCHC_APP_REPORT_RULES_H
#define CCHC_APP_REPORT_RULES_H

#include "base/dtime.h"
#include "domain/report_clause.h"
#include "store/store.h"

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

#endif
