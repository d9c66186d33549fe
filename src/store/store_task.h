/* store_task.h - task tracking rows (migration 0006_task_tracking): the
 * current status of an assignment and its append-only update history.
 * store_task_update must run inside the caller's transaction: it appends
 * the task_update row, links its evidence and updates the assignment's
 * current columns together. */
#ifndef CCHC_STORE_TASK_H
#define CCHC_STORE_TASK_H

#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

typedef struct store_task_state {
    int64_t id; /* assignment id */
    int64_t task_id, plan_id;
    char unit_code[65]; /* "" for an unexpanded group row */
    char status[32];
    int progress;
} store_task_state_t;

/* Current state of assignment id: 0, or ERR_NOTFOUND "task.not_found". */
int store_task_state(store_t *s, int64_t id, store_task_state_t *out, err_t *e);

typedef struct store_task_update {
    int64_t assignment_id;
    const char *status;      /* code, domain/task_status.h */
    int progress;            /* 0..100 */
    const char *note;        /* "" when none */
    const char *author;      /* login or "cli" */
    const char *at;          /* YYYY-MM-DDTHH:MM:SS */
    const char *on;          /* completion day YYYY-MM-DD when completed, else NULL */
    const int64_t *evidence; /* ids to link */
    size_t nevidence;
} store_task_update_t;

/* Appends the update and sets the assignment's current columns; *id gets
 * the update id. */
int store_task_update(store_t *s, const store_task_update_t *u, int64_t *id, err_t *e);

/* Number of updates of an assignment (history length). */
int store_task_history_count(store_t *s, int64_t id, int64_t *n, err_t *e);

#endif
