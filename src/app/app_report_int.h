/* app_report_int.h - private to the reports use cases (app_report*.c): the
 * context every call opens, permissions, the calendar, figures, JSON. */
#ifndef CCHC_APP_REPORT_INT_H
#define CCHC_APP_REPORT_INT_H

#include "app/app_report.h"
#include "domain/agencycal.h"
#include "domain/report_cal.h"
#include "domain/report_flow.h"
#include "domain/report_outline.h"
#include "domain/unit.h"
#include "store/store_report.h"

#include <stdbool.h>

typedef struct app_report_ctx {
    app_t *a;
    const user_t *actor; /* NULL = local operator */
    store_t *s;
    unit_set_t units;
    const agencycal_t *cal; /* NULL when the agency calendar cannot be loaded */
    dtime_t now;
    date_t today;
} app_report_ctx_t;

/* Opens the context (connection, registry, agency calendar); close it even
 * on failure. */
int app_report_ctx_open(app_report_ctx_t *x, app_t *a, const user_t *actor, err_t *e);
/* Sets the moment of the action (now and today) when at > 0. */
void app_report_ctx_at(app_report_ctx_t *x, dtime_t at);
void app_report_ctx_close(app_report_ctx_t *x);
/* Working days for the domain callbacks (ctx = the context); NULL calendar:
 * calendar days. */
int app_report_workdays(void *ctx, date_t from, int n, date_t *out);

/* The receiver of unit on the tree at `at`: its parent, or
 * APP_REPORT_NATIONAL for a unit without one. Borrowed from the registry. */
const char *app_report_receiver_of(const unit_set_t *units, const char *unit, date_t at);
/* The unit's name at `at` (its code when unknown). */
const char *app_report_unit_name(const unit_set_t *units, const char *code, date_t at);

/* Whether the actor may take action act on r (report_flow.h; EDIT and
 * SUBMIT: the sender's side), or read it. */
bool app_report_may(const app_report_ctx_t *x, const store_report_t *r, report_action_t act);
bool app_report_may_read(const app_report_ctx_t *x, const char *unit, date_t at);
int app_report_forbidden(err_t *e);

/* The calendar for the receivers: data/reports/calendar.csv plus the rows
 * kept in the database. Caller report_cal_free. */
int app_report_cal_load(app_report_ctx_t *x, report_cal_t **out, err_t *e);
/* The reports unit owes in year (its receiver's calendar); *receiver gets
 * the receiver code (borrowed). */
int app_report_resolve(app_report_ctx_t *x, const report_cal_t *cal, const char *unit, int year,
                       report_cal_list_t *out, const char **receiver, err_t *e);

/* The outline of data/reports/outline.json. Caller report_outline_free. */
int app_report_outline(app_t *a, report_outline_t **out, err_t *e);

/* Computes the figures of report r as of `as_of`: a new JSON object
 * (figures form of docs/internals/reports.md). */
int app_report_figures(app_report_ctx_t *x, const store_report_t *r, dtime_t as_of, json_t **out,
                       err_t *e);
/* Loads report id and checks the actor may read it. */
int app_report_load(app_report_ctx_t *x, int64_t id, store_report_t *r, err_t *e);
/* The header fields of a report into o (also the rows of lists and
 * matrices): 0 or ERR_NOMEM. */
int app_report_head_json(const app_report_ctx_t *x, const store_report_t *r, json_t *o);
/* The JSON of a report (app_report_get's form) with live or frozen figures. */
int app_report_json(app_report_ctx_t *x, const store_report_t *r, json_t **out, err_t *e);
/* The drafts of an outline section from the figures: a new string (caller
 * mem_free), NULL for a section without facts to draw from. */
char *app_report_draft(const report_outline_section_t *sec, const json_t *figures);

#endif
