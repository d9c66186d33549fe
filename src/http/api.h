/* api.h - the JSON API of cchc under /api/v1/ (see docs/API.md): the route
 * table and the authentication hooks that bind the HTTP layer to app_t.
 * Handlers translate HTTP to app use cases and back; they hold no rules. */
#ifndef CCHC_HTTP_API_H
#define CCHC_HTTP_API_H

#include "base/dtime.h"
#include "app/app.h"
#include "domain/access.h"
#include "http/http_server.h"

#include <stdbool.h>

extern const http_route_t api_routes[];
extern const http_hooks_t api_hooks;

/* Handlers, grouped by file. */
int api_health(http_req_t *req, http_resp_t *resp); /* api_health.c */
int api_login(http_req_t *req, http_resp_t *resp);
int api_logout(http_req_t *req, http_resp_t *resp);
int api_me(http_req_t *req, http_resp_t *resp);
/* The public dossier lookup with the province's second factor (api_public.c). */
int api_public_lookup(http_req_t *req, http_resp_t *resp);
/* Default rate-limit classes of the anonymous routes (`cchc serve`). */
extern const http_ratelimit_rule_t api_rate_limits[];
int api_units_list(http_req_t *req, http_resp_t *resp);
int api_unit_get(http_req_t *req, http_resp_t *resp);
int api_units_resolve(http_req_t *req, http_resp_t *resp);
int api_units_import(http_req_t *req, http_resp_t *resp);
int api_audit_list(http_req_t *req, http_resp_t *resp); /* api_audit.c */
int api_evidence_upload(http_req_t *req, http_resp_t *resp);
int api_evidence_list(http_req_t *req, http_resp_t *resp);
int api_evidence_get(http_req_t *req, http_resp_t *resp);
int api_evidence_content(http_req_t *req, http_resp_t *resp);
int api_plans_parse(http_req_t *req, http_resp_t *resp);
/* Route gate of parse and import: 403 for roles that may not import. */
int api_plans_gate(http_req_t *req, http_resp_t *resp);
int api_plans_import(http_req_t *req, http_resp_t *resp);
int api_plans_list(http_req_t *req, http_resp_t *resp);
int api_plan_get(http_req_t *req, http_resp_t *resp);
/* api_plan_edit.c: the editor (docs/API.md, "Plan edits"). */
int api_plan_edits_get(http_req_t *req, http_resp_t *resp);
int api_plan_edits_post(http_req_t *req, http_resp_t *resp);
int api_deadline_parse(http_req_t *req, http_resp_t *resp);
/* the life of a plan: supersede, delete, restore (api_plan_life.c) */
int api_plan_supersede(http_req_t *req, http_resp_t *resp);
int api_plan_delete(http_req_t *req, http_resp_t *resp);
int api_plan_restore(http_req_t *req, http_resp_t *resp);
int api_dossier_create(http_req_t *req, http_resp_t *resp);
int api_dossier_get(http_req_t *req, http_resp_t *resp);
int api_dossier_event(http_req_t *req, http_resp_t *resp);
int api_public_dossier_get(http_req_t *req, http_resp_t *resp);
int api_kpi_get(http_req_t *req, http_resp_t *resp);
int api_kpi_explain(http_req_t *req, http_resp_t *resp);
int api_feedback_submit(http_req_t *req, http_resp_t *resp);
int api_feedback_list(http_req_t *req, http_resp_t *resp);
int api_feedback_get(http_req_t *req, http_resp_t *resp);
int api_feedback_event(http_req_t *req, http_resp_t *resp);
int api_public_feedback_get(http_req_t *req, http_resp_t *resp);
int api_public_feedback_rate(http_req_t *req, http_resp_t *resp);
/* task tracking (api_tasks.c) */
int api_tasks_list(http_req_t *req, http_resp_t *resp);
int api_tasks_overdue(http_req_t *req, http_resp_t *resp);
int api_tasks_due_soon(http_req_t *req, http_resp_t *resp);
int api_tasks_export(http_req_t *req, http_resp_t *resp);
int api_task_get(http_req_t *req, http_resp_t *resp);
int api_task_update(http_req_t *req, http_resp_t *resp);
int api_tasks_progress(http_req_t *req, http_resp_t *resp);
int api_plan_tracking(http_req_t *req, http_resp_t *resp);
/* targets, trends, 766 ranking (api_targets.c) */
int api_targets_list(http_req_t *req, http_resp_t *resp);
int api_targets_summary(http_req_t *req, http_resp_t *resp);
int api_target_measure(http_req_t *req, http_resp_t *resp);
int api_kpi_trend(http_req_t *req, http_resp_t *resp);
int api_index766(http_req_t *req, http_resp_t *resp);
int api_overview(http_req_t *req, http_resp_t *resp);
int api_overview_export(http_req_t *req, http_resp_t *resp);
/* user administration (api_users.c) */
int api_users_list(http_req_t *req, http_resp_t *resp);
int api_users_create(http_req_t *req, http_resp_t *resp);
int api_users_update(http_req_t *req, http_resp_t *resp);
int api_users_reset_password(http_req_t *req, http_resp_t *resp);
int api_me_password(http_req_t *req, http_resp_t *resp);
/* cascade check (api_cascade.c) */
int api_cascade_get(http_req_t *req, http_resp_t *resp);
int api_cascade_decide(http_req_t *req, http_resp_t *resp);
int api_cascade_export(http_req_t *req, http_resp_t *resp);
/* periodic reports and notices (api_reports.c) */
int api_report_calendar(http_req_t *req, http_resp_t *resp);
int api_report_matrix(http_req_t *req, http_resp_t *resp);
int api_report_remind(http_req_t *req, http_resp_t *resp);
int api_reports_list(http_req_t *req, http_resp_t *resp);
int api_report_create(http_req_t *req, http_resp_t *resp);
int api_report_get(http_req_t *req, http_resp_t *resp);
int api_report_section(http_req_t *req, http_resp_t *resp);
int api_report_submit(http_req_t *req, http_resp_t *resp);
int api_report_return(http_req_t *req, http_resp_t *resp);
int api_report_accept(http_req_t *req, http_resp_t *resp);
int api_report_quote(http_req_t *req, http_resp_t *resp);
int api_report_compare(http_req_t *req, http_resp_t *resp);
int api_report_export(http_req_t *req, http_resp_t *resp);
int api_report_matrix_export(http_req_t *req, http_resp_t *resp);
int api_report_rules_list(http_req_t *req, http_resp_t *resp);
int api_report_rules_add(http_req_t *req, http_resp_t *resp);
int api_report_rules_remove(http_req_t *req, http_resp_t *resp);
int api_notices_list(http_req_t *req, http_resp_t *resp);
int api_notice_read(http_req_t *req, http_resp_t *resp);
/* KPI table to XLSX (api_kpi_export.c) */
int api_kpi_export(http_req_t *req, http_resp_t *resp);
/* PAR Index (api_par.c, api_par_sheet.c) */
int api_par_frameworks(http_req_t *req, http_resp_t *resp);
int api_par_framework_import(http_req_t *req, http_resp_t *resp);
int api_par_framework_get(http_req_t *req, http_resp_t *resp);
int api_par_campaigns(http_req_t *req, http_resp_t *resp);
int api_par_campaign_create(http_req_t *req, http_resp_t *resp);
int api_par_campaign_get(http_req_t *req, http_resp_t *resp);
int api_par_campaign_update(http_req_t *req, http_resp_t *resp);
int api_par_campaign_action(http_req_t *req, http_resp_t *resp);
int api_par_prefill(http_req_t *req, http_resp_t *resp);
int api_par_survey(http_req_t *req, http_resp_t *resp);
int api_par_results(http_req_t *req, http_resp_t *resp);
int api_par_losses(http_req_t *req, http_resp_t *resp);
int api_par_ranking_xlsx(http_req_t *req, http_resp_t *resp);
int api_par_queue(http_req_t *req, http_resp_t *resp);
int api_par_sheet_get(http_req_t *req, http_resp_t *resp);
int api_par_sheet_history(http_req_t *req, http_resp_t *resp);
int api_par_sheet_action(http_req_t *req, http_resp_t *resp);
int api_par_sheet_document(http_req_t *req, http_resp_t *resp);
/* citizens' side (api_public.c, api_rating.c, api_feedback.c, api_survey.c) */
/* The gate of every anonymous citizen endpoint: body cap (413 "<what>.too_large")
 * and the place of the per-address flood limit. false: answered, stop. */
bool api_public_guard(http_req_t *req, http_resp_t *resp, const char *what, size_t body_max);
/* The honeypot field of a public form (hidden from people): true when a
 * robot filled it (logged); the caller answers as if stored, stores nothing. */
bool api_public_trap(http_req_t *req, const char *what, const char *honeypot);
#define API_HONEYPOT "website"
int api_public_units(http_req_t *req, http_resp_t *resp);
int api_public_feedback_info(http_req_t *req, http_resp_t *resp);
int api_public_feedback_attach(http_req_t *req, http_resp_t *resp);
int api_survey_forms(http_req_t *req, http_resp_t *resp);
int api_survey_form_import(http_req_t *req, http_resp_t *resp);
int api_surveys_list(http_req_t *req, http_resp_t *resp);
int api_survey_create(http_req_t *req, http_resp_t *resp);
int api_survey_update(http_req_t *req, http_resp_t *resp);
int api_survey_results(http_req_t *req, http_resp_t *resp);
int api_survey_xlsx(http_req_t *req, http_resp_t *resp);
int api_survey_import(http_req_t *req, http_resp_t *resp);
int api_survey_feed(http_req_t *req, http_resp_t *resp);
int api_public_survey_get(http_req_t *req, http_resp_t *resp);
int api_public_survey_respond(http_req_t *req, http_resp_t *resp);
int api_public_survey_qr(http_req_t *req, http_resp_t *resp);
int api_public_rating_get(http_req_t *req, http_resp_t *resp);
int api_public_rating_post(http_req_t *req, http_resp_t *resp);
int api_dossier_receipt(http_req_t *req, http_resp_t *resp);
int api_dossier_phone(http_req_t *req, http_resp_t *resp);
int api_ratings_summary(http_req_t *req, http_resp_t *resp);
/* Reads a KPI request from the query (unit, tree, period | from + to,
 * as_of, tree_at, procedure, field); answers 400 and returns nonzero on a
 * bad parameter (api_kpi.c). */
struct kpi_request;
int api_kpi_request(http_req_t *req, http_resp_t *resp, struct kpi_request *r);

/* Shared helpers for handlers. */
static inline app_t *api_app(const http_req_t *req)
{
    return (app_t *)req->app;
}
static inline const user_t *api_user(const http_req_t *req)
{
    return (const user_t *)req->user;
}
/* Parses the optional ?at=DATE query parameter (DATE_NONE when absent);
 * on a bad date answers 400 and returns nonzero. */
int api_query_date(http_req_t *req, http_resp_t *resp, const char *name, date_t *out);
json_t *api_user_json(const user_t *u);
/* An optional integer query parameter in [min, max]: true (out unchanged
 * when absent), or false with a 400 answer set. */
bool api_query_int(http_req_t *req, http_resp_t *resp, const char *name, long long min,
                   long long max, long long *out);
/* The {id} path parameter (1..2^53): true, or false with a 404 answer set
 * (code and messages given). */
bool api_path_id(http_req_t *req, http_resp_t *resp, const char *code, const char *vi,
                 const char *en, int64_t *id);
/* Answers e like http_resp_error, with "field" (the request field at
 * fault, may be NULL) added to the error object. */
int api_error_field(http_resp_t *resp, const err_t *e, const char *field);

/* Exports (api_file.c). api_temp_file creates an empty private temporary
 * file and puts its name in path (ERR_IO "http.export"); api_send_file
 * answers with it as an attachment named name (the error of making it when
 * rc is nonzero, e holding it) and removes it either way. */
#define API_XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
int api_temp_file(char *path, size_t cap, err_t *e);
int api_send_file(http_resp_t *resp, int rc, const char *path, const char *mime, const char *name,
                  err_t *e);

/* Reading a JSON request body field by field; the first failure is kept
 * (e and the field's name) and later calls do nothing. Strings are
 * borrowed from the body. Integers accept a JSON integer, true/false or a
 * string of digits ("1"); times a string in a dtime_parse form. Absent,
 * null and "" give the default (DTIME_NONE for times, NULL for optional
 * strings). */
typedef struct api_body {
    json_t *o;         /* borrowed */
    const char *field; /* the first field at fault, NULL when none */
    err_t e;
} api_body_t;
/* Starts reading the request body; false (answer already set) when it is
 * not a JSON object. */
bool api_body_open(http_req_t *req, http_resp_t *resp, api_body_t *b);
/* Fails with json.field_missing when key is absent, null or "". */
void api_body_require(api_body_t *b, const char *key);
const char *api_body_str(api_body_t *b, const char *key, bool required);
long long api_body_int(api_body_t *b, const char *key, long long dflt, long long min,
                       long long max);
dtime_t api_body_time(api_body_t *b, const char *key);
/* Answers the kept failure (400 with "field"); returns 0. */
int api_body_error(http_resp_t *resp, const api_body_t *b);

#endif
