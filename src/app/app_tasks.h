/* app_tasks.h - execution tracking of plan tasks (docs/internals/tasks.md):
 * the assignments (task x unit) of imported plans with their status,
 * progress, due date, overdue / due-soon flags and update history; updates
 * with evidence; progress roll-ups by area, plan and unit.
 *
 * Tracking of a plan starts the first time any use case touches it
 * (app_tasks_ensure_tracking): group assignments ("UBND cấp huyện") are
 * expanded into one row per member unit and tasks with no lead written get
 * a lead row for the plan's unit, in one transaction.
 *
 * Due dates come from the task's deadline text, parsed with the plan year.
 * One-off tasks have one status (on the assignment). Periodic tasks
 * (recurring "Định kỳ hằng quý", continuous "Thường xuyên") have one
 * occurrence per reporting period of the plan year (task_status_occurrences), each
 * with its own due date and status. The current occurrence (the last one up
 * to today) gives the assignment's status, progress and due date in lists,
 * the detail, the peers of the detail, roll-ups and the dashboard alike;
 * "missed" counts the earlier occurrences not completed by their due date
 * (never the current one), and the assignment is overdue while one of them
 * is missed or the current one is past due. Overdue and due-soon use the
 * agency calendar's working days.
 *
 * Results are JSON objects (the API's shapes, API.md "Tasks"); the caller
 * owns them (json_decref).
 *
 * Authorisation (actor NULL = the trusted local operator): reading an
 * assignment needs ACCESS_READ on its unit or on the plan's unit; lists
 * silently leave out what the actor may not read. Updating needs
 * ACCESS_WRITE on the assignment's unit (admin and standing within their
 * scope too). Errors: ERR_NOTFOUND task.not_found / plan.not_found,
 * ERR_FORBIDDEN auth.forbidden, ERR_INVALID task.status / task.progress /
 * task.reason_required / task.evidence_invalid / task.note_too_long /
 * task.period,
 * ERR_CONFLICT task.transition, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_TASKS_H
#define CCHC_APP_TASKS_H

#include "app/app.h"
#include "base/dtime.h"
#include "domain/access.h"
#include "domain/task_status.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_TASK_NOTE_MAX     4000 /* characters of an update's note (4 bytes each at most) */
#define APP_TASK_LIST_DEFAULT 100
#define APP_TASK_LIST_MAX     5000
#define APP_TASK_SOON_DEFAULT 5 /* working days of "due soon" when not given */

/* Starts tracking of plan_id if it has not started. *expanded (may be NULL)
 * gets the rows added by this call (0 when tracking had started);
 * *unexpanded (may be NULL) gets a new JSON array of the group labels that
 * have no member units ("các cơ quan liên quan"), caller decrefs. */
int app_tasks_ensure_tracking(app_t *a, int64_t plan_id, int *expanded, json_t **unexpanded,
                              err_t *e);

/* The same inside the caller's write transaction on s (store_begin): starts
 * tracking of plan_id unless it has started (used when a plan supersedes
 * another, app_plan_life.h). */
int app_tasks_tracking_in(store_t *s, int64_t plan_id, err_t *e);

/* Explicit start for the API / CLI: needs ACCESS_WRITE on the plan's unit. */
int app_tasks_start(app_t *a, const user_t *actor, int64_t plan_id, json_t **out, err_t *e);

typedef enum app_tasks_sort {
    APP_TASKS_SORT_DUE = 0, /* due date, none last */
    APP_TASKS_SORT_STATUS, /* chưa thực hiện, đang thực hiện, hoàn thành, …, then due */
    APP_TASKS_SORT_UNIT,   /* unit name (accent-insensitive), then due */
    APP_TASKS_SORT_AREA    /* reform area 1..8 (none last), then due */
} app_tasks_sort_t;

/* "due", "status", "unit", "area" -> *out; ERR_INVALID "task.sort". */
int app_tasks_sort_parse(const char *s, app_tasks_sort_t *out, err_t *e);

typedef struct app_tasks_filter {
    int64_t plan_id;         /* 0 = every plan */
    const char *unit;        /* assignee unit; NULL = any */
    bool tree;               /* with the unit's descendants */
    const char *status;      /* status code; NULL = any */
    int area;                /* 1..8; 0 = any */
    const char *role;        /* "lead" | "support"; NULL = any */
    const char *q;           /* text search in title / number / product (accent-insensitive) */
    bool overdue;            /* only overdue */
    int due_soon;            /* >= 0: only due within so many working days; -1 = no filter */
    date_t due_from, due_to; /* due date range; DATE_NONE = open */
    int due_quarter;         /* 1..4: due in that quarter of the task's plan year; 0 = any */
    app_tasks_sort_t sort;   /* list order (app_tasks_list); ties by due date, plan, task */
    bool desc;               /* reverse the sort key */
    int year;                /* plan year; 0 = any */
    date_t today;            /* DATE_NONE = today */
    size_t limit, offset;    /* limit 0 = APP_TASK_LIST_DEFAULT */
} app_tasks_filter_t;

/* Sets f to "everything": no filters, due_soon -1, dates DATE_NONE. */
void app_tasks_filter_init(app_tasks_filter_t *f);

/* {"today","total","items":[...]} sorted by due date (none last), plan,
 * task order. */
int app_tasks_list(app_t *a, const user_t *actor, const app_tasks_filter_t *f, json_t **out,
                   err_t *e);

/* One assignment with its task, the task's other assignments, its history
 * (newest first, evidence metadata included), the statuses allowed next and
 * whether the actor may update it. */
int app_tasks_get(app_t *a, const user_t *actor, int64_t id, date_t today, json_t **out, err_t *e);

typedef struct app_tasks_update_in {
    const char *status;      /* code (domain/task_status.h) */
    int progress;            /* 0..100, -1 = keep / derived */
    const char *note;        /* may be NULL; required for khong_thuc_hien_duoc */
    const int64_t *evidence; /* ids uploaded with attached_type "task_assignment" */
    size_t nevidence;
    date_t on;          /* the day of the update; DATE_NONE = today */
    const char *period; /* periodic task: the period reported ("2024Q1"); NULL = current */
    dtime_t at;         /* the time recorded in the history; <= 0 (or DTIME_NONE) = now. Set by the
                         * trusted CLI (--at) to load past updates, e.g. the demo's history. */
    bool dry_run;       /* check everything, write nothing (before uploading files) */
    size_t evidence_pending; /* dry run: files still to be uploaded with the update */
} app_tasks_update_in_t;

/* What a completion ("Hoàn thành") must come with, from
 * DATA_DIR/tasks/rules.json {"completion_proof": "evidence_or_note" |
 * "evidence" | "note" | "none"}; default evidence or note. */
typedef enum app_tasks_proof {
    APP_TASKS_PROOF_EVIDENCE_OR_NOTE = 0,
    APP_TASKS_PROOF_EVIDENCE,
    APP_TASKS_PROOF_NOTE,
    APP_TASKS_PROOF_NONE
} app_tasks_proof_t;

/* Records an update (history row + current state) in one transaction
 * (with in->dry_run: checks it and writes nothing, *out left NULL). A
 * completion needs the proof of the rule above (ERR_INVALID
 * task.completion_proof); a note is at most APP_TASK_NOTE_MAX characters
 * (task.note_too_long):
 * concurrent updates of one assignment are serialised, each is kept in the
 * history, the later one sets the state. *out (may be NULL) gets the
 * assignment as app_tasks_get. */
int app_tasks_update(app_t *a, const user_t *actor, int64_t id, const app_tasks_update_in_t *in,
                     json_t **out, err_t *e);

/* Roll-up of the assignments matching f (limit/offset ignored):
 * {"today","total":R,"by_area":[...],"by_plan":[...],"by_unit":[...]}. */
int app_tasks_progress(app_t *a, const user_t *actor, const app_tasks_filter_t *f, json_t **out,
                       err_t *e);

/* Roll-up of the assignments matching f for each of codes[0..n) with its
 * subtree (on the registry's parent links), in one scan: out[i] for
 * codes[i]. */
int app_tasks_rollup_units(app_t *a, const user_t *actor, const app_tasks_filter_t *f,
                           const char *const *codes, size_t n, task_status_rollup_t *out, err_t *e);

#endif
