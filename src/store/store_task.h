/* store_task.h - task tracking rows (migration 0006_task_tracking): the
 * current status of an assignment and its append-only update history.
 * store_task_update must run inside the caller's transaction: it appends
 * the task_update row, links its evidence and updates the assignment's
 * current columns together. */
#ifndef CCHC_STORE_TASK_H
#define CCHC_STORE_TASK_H

#include "store/store.h"

#include <stdbool.h>
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
MUST_CHECK int store_task_state(store_t *s, int64_t id, store_task_state_t *out, err_t *e);

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
    const char *period; /* periodic task: the occurrence's period code; NULL for one-off */
} store_task_update_t;

/* Appends the update and sets the current columns: of the assignment for
 * a one-off task; of the occurrence (created when needed) for a periodic
 * one (u->period), the assignment then only counting the update. *id gets
 * the update id. */
MUST_CHECK int store_task_update(store_t *s, const store_task_update_t *u, int64_t *id, err_t *e);

/* Number of updates of an assignment (history length). */
MUST_CHECK int store_task_history_count(store_t *s, int64_t id, int64_t *n, err_t *e);

/* ---- listing -------------------------------------------------------------
 * One tracked assignment (a task_assignment row with a unit) joined with its
 * task and plan. Strings are borrowed for the duration of the callback
 * (never NULL: "" when absent). */
typedef struct store_task_row {
    int64_t id, task_id, plan_id;
    int plan_year, seq, area_known;
    const char *plan_title, *plan_unit, *task_no, *area, *title, *detail, *product;
    const char *role, *unit_code, *label, *status, *reason, *deadline_text, *updated_at;
    const char *completed_on;
    int progress;
    int64_t updates;
    double weight; /* 0 when not set */
} store_task_row_t;

typedef int (*store_task_row_fn)(void *ctx, const store_task_row_t *r, err_t *e);

/* Calls fn for every tracked assignment of plan_id (0 = every plan), or of
 * the single assignment `id` when id > 0, ordered by plan, task seq, role
 * (lead first), assignment seq. A nonzero return of fn stops and is
 * returned. */
MUST_CHECK int store_task_rows(store_t *s, int64_t plan_id, int64_t id, store_task_row_fn fn,
                               void *ctx, err_t *e);

/* The other assignments of a task, tracked or not (group rows included):
 * fn gets id, role, label, unit code ("" for a group), status. */
typedef int (*store_task_peer_fn)(void *ctx, int64_t id, const char *role, const char *label,
                                  const char *unit, const char *status, err_t *e);
MUST_CHECK int store_task_peers(store_t *s, int64_t task_id, store_task_peer_fn fn, void *ctx,
                                err_t *e);

/* History of an assignment, newest first; evidence is a comma-separated
 * list of evidence ids ("" when none). */
typedef struct store_task_hist {
    int64_t id;
    const char *status, *note, *author, *at, *evidence;
    const char *period; /* "" for a one-off task */
    int progress;
} store_task_hist_t;
typedef int (*store_task_hist_fn)(void *ctx, const store_task_hist_t *h, err_t *e);
MUST_CHECK int store_task_history(store_t *s, int64_t id, store_task_hist_fn fn, void *ctx,
                                  err_t *e);

/* The occurrences recorded for an assignment (periodic tasks), by period. */
typedef struct store_task_occ {
    const char *period, *status, *completed_on, *updated_at;
    int progress;
    int64_t updates;
} store_task_occ_t;
typedef int (*store_task_occ_fn)(void *ctx, const store_task_occ_t *o, err_t *e);
MUST_CHECK int store_task_occurrences(store_t *s, int64_t id, store_task_occ_fn fn, void *ctx,
                                      err_t *e);

/* Whether evidence id is already linked to a task update. */
MUST_CHECK int store_task_evidence_linked(store_t *s, int64_t evidence_id, bool *linked, err_t *e);

/* ---- tracking start (group expansion) -------------------------------------
 * The caller holds the write transaction. */

/* plan.tracking_started of plan_id is set: *started. ERR_NOTFOUND
 * "plan.not_found" when there is no such plan. Also gives the plan's
 * owning unit, issuer code, scope code and year/issue date (borrowed
 * into the caller's buffers). */
typedef struct store_task_plan {
    bool started;
    char unit_code[65], issuer_code[65], scope_code[65], issued_on[16];
    int year;
} store_task_plan_t;
MUST_CHECK int store_task_plan(store_t *s, int64_t plan_id, store_task_plan_t *out, err_t *e);

/* Group rows of a plan (unit_code NULL, expanded_from NULL): fn gets the row
 * id, task id, role, assignment seq and label. */
typedef int (*store_task_group_fn)(void *ctx, int64_t id, int64_t task_id, const char *role,
                                   int seq, const char *label, err_t *e);
MUST_CHECK int store_task_groups(store_t *s, int64_t plan_id, store_task_group_fn fn, void *ctx,
                                 err_t *e);

/* Inserts a member row (expanded_from = group id; group_id 0 = none)
 * unless the task already has a row for this unit (a unit named as lead
 * and again through a support group stays the lead). *added tells whether
 * it was. */
MUST_CHECK int store_task_add_member(store_t *s, int64_t task_id, int64_t group_id,
                                     const char *role, int seq, const char *label, const char *unit,
                                     bool *added, err_t *e);

/* Tasks of the plan with no lead row (tracked or group): fn gets task ids. */
typedef int (*store_task_id_fn)(void *ctx, int64_t id, err_t *e);
MUST_CHECK int store_task_leadless(store_t *s, int64_t plan_id, store_task_id_fn fn, void *ctx,
                                   err_t *e);

/* Sets plan.tracking_started. */
MUST_CHECK int store_task_mark_started(store_t *s, int64_t plan_id, const char *at, err_t *e);

#endif
