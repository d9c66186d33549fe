/* task_status.h - execution status of plan task assignments (pure).
 *
 * An assignment (task x unit) has a status and a progress percentage:
 *   chua_thuc_hien       not started                progress 0
 *   dang_thuc_hien       in progress                progress 0..99
 *   hoan_thanh           completed on time          progress 100
 *   hoan_thanh_qua_han   completed after the due    progress 100 (derived, never requested)
 *   khong_thuc_hien_duoc cannot be done (reason)    progress 0..99 (kept)
 * Transitions (task_status_transition_allowed): not started -> in progress,
 * completed, cannot; in progress -> in progress, completed, cannot;
 * cannot -> in progress, cannot; completed (either) -> in progress (reopen),
 * completed (note or evidence added). A status to itself is allowed only as
 * listed (not started -> not started is refused: there is nothing to say).
 *
 * Due dates (task_status_due) come from the task's deadline schedule (deadline.h):
 * see the function. Overdue and due-soon use the agency calendar's
 * working-day ordinals. Roll-up: completed weight / assigned weight.
 * No I/O, no globals, no allocation. */
#ifndef CCHC_TASK_STATUS_H
#define CCHC_TASK_STATUS_H

#include "base/date.h"
#include "base/err.h"
#include "domain/agencycal.h"
#include "domain/deadline.h"

#include <stdbool.h>

typedef enum task_status_status {
    TASK_STATUS_NOT_STARTED = 0,
    TASK_STATUS_IN_PROGRESS,
    TASK_STATUS_DONE,
    TASK_STATUS_DONE_LATE,
    TASK_STATUS_FAILED,
    TASK_STATUS_COUNT
} task_status_status_t;

/* Stable codes ("chua_thuc_hien"...), Vietnamese and English labels. */
const char *task_status_code(task_status_status_t s);
const char *task_status_label_vi(task_status_status_t s);
const char *task_status_label_en(task_status_status_t s);
/* Parses a code: 0, or ERR_INVALID "task.status" with e filled. */
int task_status_parse(const char *code, task_status_status_t *out, err_t *e);

bool task_status_is_completed(
    task_status_status_t s); /* TASK_STATUS_DONE or TASK_STATUS_DONE_LATE */

/* Whether `to` may follow `from` (to = TASK_STATUS_DONE_LATE counts as TASK_STATUS_DONE). */
bool task_status_transition_allowed(task_status_status_t from, task_status_status_t to);

/* One requested change, checked against the current state. */
typedef struct task_status_change {
    task_status_status_t
        status;       /* requested; TASK_STATUS_DONE_LATE is treated as TASK_STATUS_DONE */
    int progress;     /* 0..100, or -1 = keep (adjusted to the status) */
    const char *note; /* may be NULL; required (the reason) for TASK_STATUS_FAILED */
    date_t on;        /* the day of the update */
    date_t due;       /* the assignment's due date, DATE_NONE = none */
} task_status_change_t;

/* Validates the change from (cur, cur_progress) and computes the resulting
 * status (completed after `due` -> TASK_STATUS_DONE_LATE) and progress (completed:
 * 100; not started: 0; otherwise the requested or current progress).
 * Errors: ERR_CONFLICT "task.transition" (transition not allowed);
 * ERR_INVALID "task.progress" (out of 0..100, 100 without completion, or
 * not 100 with completion; not 0 when not started), "task.reason_required"
 * (cannot be done without a note). */
int task_status_apply(task_status_status_t cur, int cur_progress, const task_status_change_t *c,
                      task_status_status_t *status, int *progress, err_t *e);

/* The due date of an assignment on day `today`, for a task of a plan of
 * `year` (0 = unknown) and the assignee label (for per-assignee schedules):
 *   date, dates          the first due date; with a recurrence, once it has
 *                        passed, as recurring;
 *   recurring            the due date of the current reporting period: the
 *                        finest period the text names (quarterly when none),
 *                        due on the rule's day (day N of the last month, or N
 *                        days after the end) or else at the period's end;
 *   continuous           the end of the current period (as recurring);
 *   per_assignee         the sub-schedule whose text equals the label
 *                        (accent- and case-insensitive), else the earliest;
 *   event, unspecified   none (DATE_NONE).
 * "Current" is taken with today clamped into the plan's year (and into the
 * schedule's from/until bounds). s NULL -> DATE_NONE. */
date_t task_status_due(const deadline_schedule_t *s, date_t today, int year, const char *label);

/* One reporting-period occurrence of a periodic task. */
typedef struct task_status_occurrence {
    char period[16]; /* "2024Q1", "2024M03", "2024H1", "2024" */
    date_t from, to; /* the period */
    date_t due;      /* its due date (the rule's day, else the period's end) */
} task_status_occurrence_t;

#define TASK_STATUS_MAX_OCCURRENCES 12

/* The occurrences of a periodic task (recurring or continuous schedule, or
 * such a sub-schedule for `label` of a per-assignee one) in the plan `year`:
 * the periods of its regime (month, quarter, half year, year; quarter when
 * the text names none) that have started on `today` (clamped into the year
 * and the schedule's bounds), at least the first, in order; the last is the
 * current one. Returns how many were written to out (<= cap), 0 for a
 * one-off task or year <= 0. */
size_t task_status_occurrences(const deadline_schedule_t *s, int year, date_t today,
                               const char *label, task_status_occurrence_t *out, size_t cap);

/* Not completed and due < today. */
bool task_status_overdue(task_status_status_t s, date_t due, date_t today);

/* Not completed, today <= due, and due is at most `days` working days after
 * today: agencycal_ordinal(due) - agencycal_ordinal(today) <= days (so a due date on a
 * holiday counts as the next working day). Dates outside the calendar's
 * range fall back to calendar days. */
bool task_status_due_soon(const agencycal_t *c, task_status_status_t s, date_t due, date_t today,
                          int days);

/* Working days from today to due (negative when due is past), as above. */
int task_status_workdays_until(const agencycal_t *c, date_t today, date_t due);

/* Roll-up of assignments: counts and weights (weight <= 0 counts as 1). */
typedef struct task_status_rollup {
    long assigned, completed, late, overdue, failed, in_progress;
    double weight, weight_done;
} task_status_rollup_t;

void task_status_rollup_add(task_status_rollup_t *r, task_status_status_t s, double weight,
                            bool overdue);
/* completed weight / assigned weight, in 0..1; 0 when nothing is assigned. */
double task_status_rollup_rate(const task_status_rollup_t *r);

#endif
