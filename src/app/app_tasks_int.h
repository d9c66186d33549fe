/* app_tasks_int.h - helpers shared by app_tasks*.c (not a public API). */
#ifndef CCHC_APP_TASKS_INT_H
#define CCHC_APP_TASKS_INT_H

#include "app/app_tasks.h"
#include "domain/agencycal.h"
#include "domain/deadline.h"
#include "domain/task_status.h"
#include "domain/unit.h"
#include "store/store_task.h"

/* Due date of an assignment; the parsed schedule is cached per task (rows
 * arrive grouped by task). Zero-initialise, release with
 * app_tasks_due_release. */
typedef struct app_tasks_due {
    int64_t task_id;
    deadline_schedule_t *sched;
    task_status_status_t status; /* one-off: the assignment's; periodic: the current occurrence's */
    int progress;                /* likewise */
    date_t due;                  /* likewise */
    bool overdue;                /* periodic: missed > 0 or the current occurrence past due */
    int workdays;                /* working days until due (negative when past) */
    /* periodic tasks (nocc > 0): the occurrences so far, the last current */
    task_status_occurrence_t occ[TASK_STATUS_MAX_OCCURRENCES];
    task_status_status_t occ_status[TASK_STATUS_MAX_OCCURRENCES];
    int occ_progress[TASK_STATUS_MAX_OCCURRENCES];
    size_t nocc;
    int missed;   /* earlier occurrences (before the current) past due, not completed */
    date_t today; /* the day the flags were computed for */
} app_tasks_due_t;

/* Computes the due date and flags of assignment r on `today`; for a periodic
 * task reads its occurrences from s. */
int app_tasks_due(app_tasks_due_t *c, store_t *s, const store_task_row_t *r, date_t today,
                  const agencycal_t *cal, err_t *e);
/* The index in c->occ of period (NULL = the current one), or -1. */
int app_tasks_occurrence(const app_tasks_due_t *c, const char *period);
void app_tasks_due_release(app_tasks_due_t *c);

date_t app_tasks_today(date_t today); /* DATE_NONE -> the current local date */
bool app_tasks_may_read(const user_t *actor, const unit_set_t *units, const char *unit,
                        const char *plan_unit);
bool app_tasks_may_write(const user_t *actor, const unit_set_t *units, const char *unit);

/* {"code","name"} of a unit (null for ""); NULL when out of memory. */
json_t *app_tasks_unit_json(const unit_set_t *units, const char *code);
/* The list item of one assignment (API.md "Tasks"). */
json_t *app_tasks_item_json(const store_task_row_t *r, const app_tasks_due_t *d,
                            const agencycal_t *cal, const unit_set_t *units, date_t today,
                            int soon_days);

/* Calls pick for every assignment matching f that actor may read, with its
 * due date computed; loads the registry into units (initialised by the
 * caller, released by the caller) and sets *today. */
typedef int (*app_tasks_pick_fn)(void *ctx, const store_task_row_t *r, const app_tasks_due_t *d,
                                 err_t *e);
int app_tasks_scan(app_t *a, const user_t *actor, const app_tasks_filter_t *f, unit_set_t *units,
                   app_tasks_pick_fn pick, void *pick_ctx, date_t *today, err_t *e);

/* One assignment row with its strings copied. */
typedef struct app_tasks_one {
    store_task_row_t row;
    char *copy[16];
    bool found;
} app_tasks_one_t;

/* Loads assignment id into o (released with app_tasks_row_release, also
 * after a failure): ERR_NOTFOUND task.not_found when absent. */
int app_tasks_load_row(store_t *s, int64_t id, app_tasks_one_t *o, err_t *e);
void app_tasks_row_release(app_tasks_one_t *o);

#endif
