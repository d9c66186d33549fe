/* app_par_prefill.h - figures cchc already holds, pre-filled into the
 * computed criteria of PAR score sheets (docs/internals/par_campaign.md).
 *
 * For each leaf whose source is computed:<indicator> and each unit, the
 * figure of the campaign year (1 January to 31 December, or to today while
 * the year runs) is computed and stored on the sheet with its period and a
 * link to where it comes from (an API address that explains it):
 *   tthc.*, catalog.*, feedback.on_time  the KPI engine on the unit with its
 *                                        subtree (app_kpi_compute)
 *   plan.completion                      task completion rate of the unit with
 *                                        its subtree (app_tasks_rollup_units)
 *   index766                             the unit's 766 total (app_kpi_index766)
 *   report.on_time                       the share of the unit's periodic CCHC
 *                                        reports of the year due so far that
 *                                        were sent on time (app_report_on_time)
 *   office.*, staff.*, finance.*         the newest hand measurement of a plan
 *                                        target with that indicator for the unit
 * A figure without data ("chưa có số liệu") is reported in "missing" and
 * leaves the stored one unchanged. A stored figure changes only when its
 * value or period changes (each change is kept in the history). Bands
 * leaves then score the figure's band unless the unit enters a self score.
 *
 * Authorisation: the standing agency (or operator) for every unit; a unit's
 * writer for its own sheet while it may still edit it. Errors as
 * app_par_sheet.h. */
#ifndef CCHC_APP_PAR_PREFILL_H
#define CCHC_APP_PAR_PREFILL_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdint.h>

/* Pre-fills unit's sheet (NULL = every unit of the campaign):
 * {"units":N,"figures":N,"missing":[{"unit","code","indicator","reason"}]}. */
int app_par_prefill_run(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                        json_t **out, err_t *e);

#endif
