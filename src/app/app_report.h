/* app_report.h - periodic CCHC reports (docs/internals/reports.md): the
 * reporting calendar of a unit, reports filled from live figures and frozen
 * at submission, the return/accept workflow, the receiver's matrix,
 * consolidation, reminders, and the official document of a report.
 *
 * Who reports to whom: a unit reports to its parent on the unit tree at the
 * end of the report's window (a department and a district to the province,
 * a commune to its district); a province reports to the ministry
 * (APP_REPORT_NATIONAL). The receiver's calendar (data/reports/calendar.csv,
 * the rows read from the receiver's plans and those set by hand) gives the
 * windows and due dates (src/domain/report_cal.h).
 *
 * Authorisation (actor NULL = the local operator, who may do everything):
 *   read      ACCESS_READ on the sender (a receiver reads its senders' reports);
 *   edit, submit   the sender's own users (unit_code = the sender) with
 *             ACCESS_WRITE, or an admin;
 *   return, accept, remind   the receiver's own users with ACCESS_WRITE, the
 *             standing agency of the receiver's province, or an admin.
 * Errors: ERR_NOTFOUND report.not_found / unit.not_found, ERR_FORBIDDEN
 * auth.forbidden, ERR_CONFLICT report.exists / report.locked /
 * report.not_submitted / report.already_submitted / report.changed,
 * ERR_INVALID report.kind / report.section / report.reason / report.period
 * (and the calendar's report_cal.* codes), ERR_DB, ERR_NOMEM. JSON results
 * belong to the caller. */
#ifndef CCHC_APP_REPORT_H
#define CCHC_APP_REPORT_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/offdoc.h"

#include <jansson.h>
#include <stdint.h>

#define APP_REPORT_NATIONAL "BNV" /* the receiver of a province: Bộ Nội vụ */

/* {"unit","year","receiver","receiver_name","reports":[{"kind","label","period","id","title",
 *  "from","to","due","receiver","origin","source","explain","explain_en","days_left",
 *  "report_id","status"}],"warnings":[{"code","message","message_en","kind"}]} - the reports
 * the unit owes in the year, with the cascade check against its receiver's own due dates. */
int app_report_calendar(app_t *a, const user_t *actor, const char *unit, int year, json_t **out,
                        err_t *e);

typedef struct app_report_create_in {
    const char *unit; /* the sender */
    const char *kind; /* quy1, 6thang, quy3, 9thang, nam, dot_xuat */
    int year;
    const char *adhoc_id; /* dot_xuat: the ad hoc report's id */
    dtime_t at;           /* when it happened (<= 0: now; see below) */
} app_report_create_in_t;

/* Creates the draft report (window and due date from the calendar) or, when
 * it exists, returns it: *out as app_report_get. */
int app_report_create(app_t *a, const user_t *actor, const app_report_create_in_t *in, json_t **out,
                      err_t *e);

/* A report: {"id","unit":{code,name},"receiver":{code,name},"kind","label","year","period",
 * "title","window":{"from","to"},"due","status","status_label","status_label_en",
 * "provisional","frozen","as_of","submitted_at","days_late","submissions","decided_at",
 * "return_reason","doc_number","onestop":{…},"figures":{…},"sections":[{"code","title",
 * "title_en","depth","facts","draft","body","version","updated_at","updated_by"}],
 * "appendices":[…],"events":[…],"can":{"edit","submit","return","accept"}}. */
int app_report_get(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e);

/* Reports of a unit in a year: {"unit","year","items":[{id,kind,label,period,status,…}]}. */
int app_report_list(app_t *a, const user_t *actor, const char *unit, int year, json_t **out,
                    err_t *e);

/* Saves a section's text when its version is still `version` (the one the
 * editor loaded; 0 for a section never saved). *out: {"code","version"}. */
int app_report_save_section(app_t *a, const user_t *actor, int64_t id, const char *code,
                            const char *body, int64_t version, json_t **out, err_t *e);

/* The workflow (report_flow.h). Submitting freezes the figures with their
 * as-of time and records how late it is in working days. *out as
 * app_report_get (may be NULL).
 * `at` is the moment of the action: <= 0 (DTIME_NONE) for now, as the API
 * always passes; the command line passes an earlier moment to load a past
 * cycle (cchc report submit --at), and the figures are then frozen as of it. */
int app_report_submit(app_t *a, const user_t *actor, int64_t id, dtime_t at, json_t **out,
                      err_t *e);
int app_report_return(app_t *a, const user_t *actor, int64_t id, const char *reason, dtime_t at,
                      json_t **out, err_t *e);
int app_report_accept(app_t *a, const user_t *actor, int64_t id, dtime_t at, json_t **out,
                      err_t *e);

/* The frozen figures of a submitted report beside the figures recomputed
 * now: {"id","frozen_at","as_of","changed":N,"lines":[{"key","label","frozen","now",
 * "changed"}]}. */
int app_report_compare(app_t *a, const user_t *actor, int64_t id, json_t **out, err_t *e);

/* The receiver's matrix: its senders × the reports of the year:
 * {"receiver","year","kinds":[{kind,label,period,due}],"senders":[{"unit":{code,name},
 *  "reports":[{"kind","period","id","status","status_label","submitted_at","days_late",
 *  "due","overdue"}]}],"summary":{…}}. */
int app_report_matrix(app_t *a, const user_t *actor, const char *receiver, int year, json_t **out,
                      err_t *e);

/* Reminds the sender of report (unit, kind, year, ref) that it is due: an
 * in-app notice to the sender's officers (one per day and report). *out:
 * {"notice":true|false} (false: already reminded today). */
int app_report_remind(app_t *a, const user_t *actor, const char *unit, const char *kind, int year,
                      const char *ref, json_t **out, err_t *e);

/* Consolidation: appends the text of section `code` of a sender's report
 * (from_id, submitted or accepted, whose receiver is report id's unit) to
 * the same section of report id, with the sender named. *out as
 * app_report_save_section. */
int app_report_quote(app_t *a, const user_t *actor, int64_t id, int64_t from_id, const char *code,
                     int64_t version, json_t **out, err_t *e);

/* The official document of a report (ND 30 layout): the body with its
 * sections, appendices, Nơi nhận and signature. *out: caller offdoc_free.
 * The edge renders it (io/offdoc_{docx,pdf,xlsx}.h). */
int app_report_document(app_t *a, const user_t *actor, int64_t id, offdoc_t **out, err_t *e);

/* For the PAR criterion "báo cáo định kỳ đúng hạn": of the periodic reports
 * the unit owes in year with a due date on or before upto, how many (*due)
 * and how many were sent (submitted or accepted) not late (*on_time; a
 * resubmission counts as of its own date). Read as the local operator. */
int app_report_on_time(app_t *a, const char *unit, int year, date_t upto, int64_t *on_time,
                       int64_t *due, err_t *e);

#endif
