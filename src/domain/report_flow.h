/* report_flow.h - the life of a periodic report (issue 12 §5):
 *
 *   draft ──submit──> submitted ──accept──> accepted (locked)
 *     ^                   │
 *     └──── (edit) ─── returned <──return── (with a reason)
 *                         └──submit──> submitted   (a resubmission)
 *
 * Who: the sender's officers edit (draft, returned) and submit; the receiver
 * returns (with a reason) or accepts a submitted report; nothing changes
 * after acceptance. A report of a period that has not ended is provisional
 * and may be drafted; submitting it is allowed (the receiver decides).
 * Lateness: a submission after the due date is late by the number of
 * working days from the due date to the submission day (0 when on time; a
 * report without a due date is never late).
 * Pure: no I/O; working days come from the caller's callback. */
#ifndef CCHC_REPORT_FLOW_H
#define CCHC_REPORT_FLOW_H

#include "base/date.h"
#include "base/err.h"

#include <stdbool.h>

typedef enum report_status {
    REPORT_DRAFT = 0,
    REPORT_SUBMITTED,
    REPORT_RETURNED,
    REPORT_ACCEPTED,
    REPORT_STATUS_COUNT
} report_status_t;

typedef enum report_action {
    REPORT_EDIT = 0, /* change narrative text */
    REPORT_SUBMIT,
    REPORT_RETURN,
    REPORT_ACCEPT,
    REPORT_ACTION_COUNT
} report_action_t;

/* Which side acts: the sender's officers or the receiver. */
typedef enum report_side { REPORT_SENDER = 0, REPORT_RECEIVER } report_side_t;

/* Stable codes ("draft", "submitted", "returned", "accepted") and labels
 * ("Đang soạn", "Đã gửi", "Bị trả lại", "Đã tiếp nhận" / English); NULL for
 * an invalid value. */
const char *report_flow_status_code(report_status_t s);
const char *report_flow_status_label_vi(report_status_t s);
const char *report_flow_status_label_en(report_status_t s);
/* Parses a status code. ERR_INVALID "report.status". */
int report_flow_status_parse(const char *s, report_status_t *out, err_t *e);
/* "edit", "submit", "return", "accept". */
const char *report_flow_action_code(report_action_t a);

/* The side allowed to take action a (edit and submit: sender; return and
 * accept: receiver). */
report_side_t report_flow_side(report_action_t a);

/* Whether action a is allowed in status s and, when so, the status after it
 * (*next may be NULL). ERR_CONFLICT with a stable code when not:
 * "report.locked" (accepted), "report.not_submitted" (return/accept of a
 * report not submitted), "report.already_submitted" (edit/submit of a
 * submitted report: the receiver must return it first). ERR_INVALID
 * "report.status" / "report.action" for a value outside the enums. */
int report_flow_step(report_status_t s, report_action_t a, report_status_t *next, err_t *e);

/* Adds n >= 0 working days; as period_add_workdays_fn. */
typedef int (*report_flow_workdays_fn)(void *ctx, date_t from, int n, date_t *out);
/* Counts the working days after `due` up to and including `on` (0 when on
 * <= due or due is DATE_NONE), with the callback: the smallest n such that
 * due + n working days >= on. add_workdays NULL counts calendar days. A
 * callback error is returned. */
int report_flow_days_late(date_t due, date_t on, report_flow_workdays_fn add_workdays, void *ctx,
                          int *days, err_t *e);

#endif
