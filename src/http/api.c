/* api.c - route table, session hooks and shared handler helpers. */
#include "http/api.h"

#include "http/api_notices.h"

#include "app/app_auth.h"
#include "base/jsonx.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

HTTP_ROUTES_BEGIN
/* Flags: HTTP_ROUTE_WORK moves a handler that may read, parse or render a
 * large document off the polling threads; HTTP_ROUTE_HASH does the same for
 * password hashing (a small pool bounds concurrent argon2 hashes). `.limit`
 * names the rate-limit class of an anonymous route (api_rate_limits);
 * health has none, so a load balancer is never refused. */
const http_route_t api_routes[] = {
    {"GET", "/api/v1/health", api_health, HTTP_ROUTE_PUBLIC},
    {"POST", "/api/v1/login", api_login, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_HASH, .limit = "login"},
    {"POST", "/api/v1/logout", api_logout, HTTP_ROUTE_PUBLIC, .limit = "login"},
    {"GET", "/api/v1/me", api_me, 0},
    {"GET", "/api/v1/units", api_units_list, 0},
    {"POST", "/api/v1/units", api_units_import, 0},
    {"GET", "/api/v1/units/{code}", api_unit_get, 0},
    {"GET", "/api/v1/unit-resolve", api_units_resolve, 0},
    {"GET", "/api/v1/audit", api_audit_list, 0},
    {"POST", "/api/v1/evidence", api_evidence_upload, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/evidence", api_evidence_list, 0},
    {"GET", "/api/v1/evidence/{id}", api_evidence_get, 0},
    {"GET", "/api/v1/evidence/{id}/content", api_evidence_content, 0},
    {"POST", "/api/v1/plans/parse", api_plans_parse, HTTP_ROUTE_WORK, .gate = api_plans_gate},
    {"POST", "/api/v1/plans", api_plans_import, HTTP_ROUTE_WORK, .gate = api_plans_gate},
    {"GET", "/api/v1/plans", api_plans_list, 0},
    {"GET", "/api/v1/plans/{id}", api_plan_get, 0},
    {"GET", "/api/v1/plans/{id}/edits", api_plan_edits_get, 0},
    {"POST", "/api/v1/plans/{id}/edits", api_plan_edits_post, HTTP_ROUTE_WORK,
     .gate = api_plans_gate},
    {"GET", "/api/v1/deadline/parse", api_deadline_parse, 0},
    {"DELETE", "/api/v1/plans/{id}", api_plan_delete, 0},
    {"POST", "/api/v1/plans/{id}/supersede", api_plan_supersede, 0},
    {"POST", "/api/v1/plans/{id}/restore", api_plan_restore, 0},
    /* dossier ledger (api_dossiers.c) */
    {"POST", "/api/v1/dossiers", api_dossier_create, 0},
    {"GET", "/api/v1/dossiers/{code}", api_dossier_get, 0},
    {"POST", "/api/v1/dossiers/{code}/events", api_dossier_event, 0},
    {"GET", "/api/v1/public/dossiers/{code}", api_public_lookup, HTTP_ROUTE_PUBLIC,
     .limit = "lookup"},
    {"GET", "/api/v1/public/dossiers", api_public_lookup, HTTP_ROUTE_PUBLIC, .limit = "lookup"},
    {"GET", "/api/v1/public/units", api_public_units, HTTP_ROUTE_PUBLIC, .limit = "lookup"},
    /* rating a dossier (api_rating.c) */
    {"GET", "/api/v1/public/rating", api_public_rating_get, HTTP_ROUTE_PUBLIC, .limit = "lookup"},
    {"POST", "/api/v1/public/rating", api_public_rating_post, HTTP_ROUTE_PUBLIC,
     .limit = "feedback"},
    {"GET", "/api/v1/dossiers/{code}/receipt", api_dossier_receipt, 0},
    {"POST", "/api/v1/dossiers/{code}/phone", api_dossier_phone, 0},
    {"GET", "/api/v1/ratings/summary", api_ratings_summary, 0},
    /* satisfaction surveys (api_survey.c) */
    {"GET", "/api/v1/survey-forms", api_survey_forms, 0},
    {"POST", "/api/v1/survey-forms", api_survey_form_import, 0},
    {"GET", "/api/v1/surveys", api_surveys_list, 0},
    {"POST", "/api/v1/surveys", api_survey_create, 0},
    {"POST", "/api/v1/surveys/{id}", api_survey_update, 0},
    {"GET", "/api/v1/surveys/{id}/results", api_survey_results, 0},
    {"GET", "/api/v1/surveys/{id}/results.xlsx", api_survey_xlsx, 0},
    {"POST", "/api/v1/surveys/{id}/import", api_survey_import, 0},
    {"POST", "/api/v1/surveys/{id}/feed", api_survey_feed, 0},
    {"GET", "/api/v1/public/surveys/{token}", api_public_survey_get, HTTP_ROUTE_PUBLIC,
     .limit = "lookup"},
    {"POST", "/api/v1/public/surveys/{token}/responses", api_public_survey_respond,
     HTTP_ROUTE_PUBLIC, .limit = "feedback"},
    {"GET", "/api/v1/public/surveys/{token}/qr.svg", api_public_survey_qr, HTTP_ROUTE_PUBLIC,
     .limit = "lookup"},
    /* indicators (api_kpi.c) */
    {"GET", "/api/v1/kpi", api_kpi_get, 0},
    {"GET", "/api/v1/kpi/explain", api_kpi_explain, 0},
    /* citizen feedback (api_feedback.c) */
    {"POST", "/api/v1/feedback", api_feedback_submit, HTTP_ROUTE_PUBLIC, .limit = "feedback"},
    {"GET", "/api/v1/feedback", api_feedback_list, 0},
    {"GET", "/api/v1/feedback/{id}", api_feedback_get, 0},
    {"POST", "/api/v1/feedback/{id}/events", api_feedback_event, 0},
    {"GET", "/api/v1/public/feedback/{id}", api_public_feedback_get, HTTP_ROUTE_PUBLIC,
     .limit = "lookup"},
    {"POST", "/api/v1/public/feedback/{id}/rating", api_public_feedback_rate, HTTP_ROUTE_PUBLIC,
     .limit = "feedback"},
    {"POST", "/api/v1/public/feedback/{id}/info", api_public_feedback_info, HTTP_ROUTE_PUBLIC,
     .limit = "feedback"},
    {"POST", "/api/v1/public/feedback/{id}/attachments", api_public_feedback_attach,
     HTTP_ROUTE_PUBLIC, .limit = "feedback"},
    /* task tracking (api_tasks.c) */
    {"GET", "/api/v1/tasks", api_tasks_list, 0},
    {"GET", "/api/v1/tasks/overdue", api_tasks_overdue, 0},
    {"GET", "/api/v1/tasks/due-soon", api_tasks_due_soon, 0},
    {"GET", "/api/v1/tasks/export.xlsx", api_tasks_export, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/tasks/{id}", api_task_get, 0},
    {"POST", "/api/v1/tasks/{id}/updates", api_task_update, 0},
    {"GET", "/api/v1/progress", api_tasks_progress, 0},
    {"POST", "/api/v1/plans/{id}/tracking", api_plan_tracking, 0},
    /* targets, trends, 766 ranking (api_targets.c) */
    {"GET", "/api/v1/targets", api_targets_list, 0},
    {"GET", "/api/v1/targets/summary", api_targets_summary, 0},
    {"POST", "/api/v1/targets/{id}/measurements", api_target_measure, 0},
    {"GET", "/api/v1/kpi/trend", api_kpi_trend, 0},
    {"GET", "/api/v1/index766", api_index766, 0},
    {"GET", "/api/v1/overview", api_overview, 0},
    {"GET", "/api/v1/overview/export.xlsx", api_overview_export, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/kpi/export.xlsx", api_kpi_export, HTTP_ROUTE_WORK},
    /* user administration (api_users.c); password work on the hashing pool */
    {"GET", "/api/v1/users", api_users_list, 0},
    {"POST", "/api/v1/users", api_users_create, HTTP_ROUTE_HASH},
    {"POST", "/api/v1/users/{login}", api_users_update, 0},
    {"POST", "/api/v1/users/{login}/password", api_users_reset_password, HTTP_ROUTE_HASH},
    {"POST", "/api/v1/me/password", api_me_password, HTTP_ROUTE_HASH},
    /* cascade check (api_cascade.c) */
    {"GET", "/api/v1/plans/{id}/cascade", api_cascade_get, 0},
    {"GET", "/api/v1/plans/{id}/cascade/export.xlsx", api_cascade_export, HTTP_ROUTE_WORK},
    {"POST", "/api/v1/plans/{id}/cascade", api_cascade_decide, 0},
    /* periodic reports (api_reports.c) */
    {"GET", "/api/v1/reports/calendar", api_report_calendar, 0},
    {"GET", "/api/v1/reports/matrix", api_report_matrix, 0},
    {"GET", "/api/v1/reports/matrix/export", api_report_matrix_export, HTTP_ROUTE_WORK},
    {"POST", "/api/v1/reports/remind", api_report_remind, 0},
    {"GET", "/api/v1/reports/rules", api_report_rules_list, 0},
    {"POST", "/api/v1/reports/rules", api_report_rules_add, 0},
    {"DELETE", "/api/v1/reports/rules/{id}", api_report_rules_remove, 0},
    {"GET", "/api/v1/reports", api_reports_list, 0},
    {"POST", "/api/v1/reports", api_report_create, 0},
    {"GET", "/api/v1/reports/{id}", api_report_get, 0},
    {"PUT", "/api/v1/reports/{id}/sections/{code}", api_report_section, 0},
    {"POST", "/api/v1/reports/{id}/submit", api_report_submit, 0},
    {"POST", "/api/v1/reports/{id}/return", api_report_return, 0},
    {"POST", "/api/v1/reports/{id}/accept", api_report_accept, 0},
    {"POST", "/api/v1/reports/{id}/quote", api_report_quote, 0},
    {"GET", "/api/v1/reports/{id}/compare", api_report_compare, 0},
    {"GET", "/api/v1/reports/{id}/export", api_report_export, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/notices", api_notices_list, 0},
    {"POST", "/api/v1/notices/{id}/read", api_notice_read, 0},
    /* PAR Index (api_par.c, api_par_sheet.c) */
    {"GET", "/api/v1/par/frameworks", api_par_frameworks, 0},
    {"POST", "/api/v1/par/frameworks", api_par_framework_import, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/par/frameworks/{id}", api_par_framework_get, 0},
    {"GET", "/api/v1/par/campaigns", api_par_campaigns, 0},
    {"POST", "/api/v1/par/campaigns", api_par_campaign_create, 0},
    {"GET", "/api/v1/par/campaigns/{id}", api_par_campaign_get, 0},
    {"POST", "/api/v1/par/campaigns/{id}", api_par_campaign_update, 0},
    {"POST", "/api/v1/par/campaigns/{id}/prefill", api_par_prefill, 0},
    {"POST", "/api/v1/par/campaigns/{id}/survey", api_par_survey, 0},
    {"POST", "/api/v1/par/campaigns/{id}/{action}", api_par_campaign_action, 0},
    {"GET", "/api/v1/par/campaigns/{id}/results", api_par_results, 0},
    {"GET", "/api/v1/par/campaigns/{id}/losses", api_par_losses, 0},
    {"GET", "/api/v1/par/campaigns/{id}/ranking.xlsx", api_par_ranking_xlsx, HTTP_ROUTE_WORK},
    {"GET", "/api/v1/par/campaigns/{id}/queue", api_par_queue, 0},
    {"GET", "/api/v1/par/campaigns/{id}/sheets/{unit}", api_par_sheet_get, 0},
    {"GET", "/api/v1/par/campaigns/{id}/sheets/{unit}/history", api_par_sheet_history, 0},
    {"POST", "/api/v1/par/campaigns/{id}/sheets/{unit}/{action}", api_par_sheet_action, 0},
    {"GET", "/api/v1/par/campaigns/{id}/sheets/{unit}/{doc}", api_par_sheet_document,
     HTTP_ROUTE_WORK},
    /* notices per user, settings, feeds, reminders, follow-up letters (api_notices.c) */
    {"GET", "/api/v1/me/notices", api_notices_mine, 0},
    {"POST", "/api/v1/me/notices/read-all", api_notices_mine_read_all, 0},
    {"POST", "/api/v1/me/notices/{id}/read", api_notices_mine_read, 0},
    {"GET", "/api/v1/me/notice-prefs", api_notices_prefs_get, 0},
    {"PUT", "/api/v1/me/notice-prefs", api_notices_prefs_put, 0},
    {"POST", "/api/v1/me/feed", api_notices_feed_new, 0},
    {"DELETE", "/api/v1/me/feed", api_notices_feed_revoke, 0},
    {"GET", "/api/v1/feeds/{token}", api_notices_feed_ics, HTTP_ROUTE_PUBLIC, .limit = "lookup"},
    {"POST", "/api/v1/remind/run", api_notices_run, 0},
    {"GET", "/api/v1/remind/outbox", api_notices_outbox, 0},
    {"GET", "/api/v1/remind/letters", api_notices_letters, 0},
    {"POST", "/api/v1/remind/letters", api_notices_letter, 0},
    {NULL, NULL, NULL, 0},
};
HTTP_ROUTES_END

/* Requests a minute per client address, and bursts (docs/deploy.md). */
const http_ratelimit_rule_t api_rate_limits[] = {
    {"login", 30, 20},   /* login and logout: an office behind one address logs in at 8:00 */
    {"lookup", 30, 10},  /* a citizen looking up a dossier or a feedback */
    {"feedback", 10, 5}, /* a citizen sending feedback or a rating */
    {NULL, 0, 0},
};

static int authenticate(void *app, const char *token, void **user_out, err_t *e)
{
    if (!token)
        return err_set(e, ERR_UNAUTH, "auth.required", "Cần đăng nhập", "Login required");
    user_t *u = mem_alloc(sizeof *u);
    if (!u)
        return err_nomem(e);
    int rc = app_auth_session_user(app, token, u, e);
    if (rc) {
        mem_free(u);
        return rc;
    }
    *user_out = u;
    return 0;
}

static void release_user(void *app, void *user)
{
    (void)app;
    mem_free(user);
}

const http_hooks_t api_hooks = {authenticate, release_user};

int api_query_date(http_req_t *req, http_resp_t *resp, const char *name, date_t *out)
{
    const char *s = http_req_query(req, name);
    *out = DATE_NONE;
    if (!s || !*s)
        return 0;
    if (date_parse(s, strlen(s), out) == 0)
        return 0;
    err_t e;
    err_set(&e, ERR_INVALID, "http.bad_date", "Tham số %s không phải ngày hợp lệ: '%s'",
            "Parameter %s is not a valid date: '%s'", name, s);
    http_resp_error(resp, &e);
    return ERR_INVALID;
}

bool api_query_int(http_req_t *req, http_resp_t *resp, const char *name, long long min,
                   long long max, long long *out)
{
    const char *v = http_req_query(req, name);
    if (!v || !*v)
        return true;
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (!*end && x >= min && x <= max) {
        *out = x;
        return true;
    }
    err_t e;
    err_set(&e, ERR_INVALID, "http.bad_param", "Tham số %s không hợp lệ: '%s'",
            "Invalid parameter %s: '%s'", name, v);
    api_error_field(resp, &e, name);
    return false;
}

bool api_path_id(http_req_t *req, http_resp_t *resp, const char *code, const char *vi,
                 const char *en, int64_t *id)
{
    const char *v = http_req_param(req, "id");
    char *end = NULL;
    long long x = v && *v ? strtoll(v, &end, 10) : 0;
    if (v && *v && !*end && x > 0 && x <= (1LL << 53)) {
        *id = x;
        return true;
    }
    http_resp_errorf(resp, ERR_NOTFOUND, code, vi, en);
    return false;
}

json_t *api_user_json(const user_t *u)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "login", u->login);
    rc |= jsonx_set_str(o, "full_name", u->full_name);
    rc |= jsonx_set_str(o, "role", access_role_code(u->role));
    rc |= jsonx_set_str(o, "role_label", access_role_label_vi(u->role));
    rc |= jsonx_set_str(o, "unit_code", u->unit_code[0] ? u->unit_code : NULL);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int api_error_field(http_resp_t *resp, const err_t *e, const char *field)
{
    int status = err_http_status(e->status);
    if (!field || status < 400 || status >= 500)
        return http_resp_error(resp, e);
    json_t *o = jsonx_error(e);
    if (o)
        jsonx_set_str(json_object_get(o, "error"), "field", field);
    return http_resp_json(resp, status, o);
}
