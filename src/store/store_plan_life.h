/* store_plan_life.h - the life of a stored plan in SQL (migration 0033):
 * its status (current | superseded | deleted), the plans a new document may
 * duplicate, and the carrying over of a task's tracking history to the task
 * that continues it in an amended plan (docs/internals/plan_lifecycle.md).
 *
 * Nothing here removes a row: a superseded or deleted plan keeps its tasks,
 * assignments, updates, occurrences, cascade decisions and evidence links;
 * the roll-ups read current plans only. Writes run inside the caller's
 * transaction. Errors: ERR_NOTFOUND plan.not_found, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_STORE_PLAN_LIFE_H
#define CCHC_STORE_PLAN_LIFE_H

#include "store/store.h"

#include <stdint.h>

#define STORE_PLAN_CURRENT    "current"
#define STORE_PLAN_SUPERSEDED "superseded"
#define STORE_PLAN_DELETED    "deleted"

/* What the status changes and the duplicate check need of a plan (fixed
 * buffers, longer texts cut). */
typedef struct store_plan_life_info {
    int64_t id;
    char status[16];       /* STORE_PLAN_* */
    int64_t superseded_by; /* 0 = none */
    char hash[65];
    char unit_code[65];   /* owning unit ("" = none) */
    char issuer_code[65]; /* resolved issuer ("" = none) */
    char issuer[256];
    char number[128];
    int year; /* 0 = unknown */
    char title[512];
    char status_at[32], status_by[65];
    char reason[512];
} store_plan_life_info_t;

/* Plan id's information: 0, or ERR_NOTFOUND plan.not_found. */
MUST_CHECK int store_plan_life_get(store_t *s, int64_t id, store_plan_life_info_t *out, err_t *e);

/* Calls fn for every current plan (oldest first; scan contract of
 * store.h); info is borrowed until fn returns. */
typedef int (*store_plan_life_fn)(void *ctx, const store_plan_life_info_t *info, err_t *e);
MUST_CHECK int store_plan_life_current(store_t *s, store_plan_life_fn fn, void *ctx, err_t *e);

/* Sets plan id's status (STORE_PLAN_*), superseded_by (0 = NULL), who, when
 * and why (reason may be NULL). ERR_NOTFOUND when there is no such plan. */
MUST_CHECK int store_plan_life_set(store_t *s, int64_t id, const char *status,
                                   int64_t superseded_by, const char *actor, const char *at,
                                   const char *reason, err_t *e);

/* The tasks of plan id in order: fn(ctx, task_id, area, title) with borrowed
 * strings (area may be NULL). */
typedef int (*store_plan_life_task_fn)(void *ctx, int64_t task_id, const char *area,
                                       const char *title, err_t *e);
MUST_CHECK int store_plan_life_tasks(store_t *s, int64_t plan_id, store_plan_life_task_fn fn,
                                     void *ctx, err_t *e);

/* Rows a plan holds (what its deletion keeps). */
typedef struct store_plan_life_rows {
    int64_t tasks, assignments, updates, evidence_links, occurrences, decisions;
} store_plan_life_rows_t;
MUST_CHECK int store_plan_life_rows(store_t *s, int64_t plan_id, store_plan_life_rows_t *out,
                                    err_t *e);

/* What carrying one task's history over did. */
typedef struct store_plan_life_carried {
    int assignments; /* assignments whose state was carried */
    int updates;     /* task_update rows copied (with their evidence links) */
    int decisions;   /* cascade decisions copied */
} store_plan_life_carried_t;

/* Carries the tracking history of old_task over to new_task (copies; the
 * old rows stay): for each assignment of old_task with a unit and some
 * tracking (updates or a status other than the initial one), the
 * assignment of new_task for the same unit (same role preferred) that has
 * no update of its own gets the old status, progress, reason, dates and a
 * copy of every update (with its evidence links) and period occurrence;
 * cascade decisions on old_task as the parent are copied to new_task, and
 * the newest decisions that named old_task as the covering child get a new
 * decision naming new_task (author, at). Records the pair in
 * plan_task_carry with score. *out (may be NULL) gets the counts. */
MUST_CHECK int store_plan_life_carry(store_t *s, int64_t old_task, int64_t new_task, double score,
                                     const char *author, const char *at,
                                     store_plan_life_carried_t *out, err_t *e);

/* The targets of plan id in order: fn(ctx, target_id, area, indicator,
 * text) with borrowed strings (area may be NULL; text is the target's
 * source text). */
typedef int (*store_plan_life_target_fn)(void *ctx, int64_t target_id, const char *area,
                                         const char *indicator, const char *text, err_t *e);
MUST_CHECK int store_plan_life_targets(store_t *s, int64_t plan_id, store_plan_life_target_fn fn,
                                       void *ctx, err_t *e);

/* Carries the measurements of old_target over to new_target (copies, the
 * old rows stay): every target_measurement row of old_target, oldest first
 * (so the newest stays the newest), is copied with new ids and its
 * evidence links (target_measurement_evidence), unless new_target already
 * has measurements of its own (then nothing is copied: they would bury its
 * own values). *copied (may be NULL) gets the rows copied. */
MUST_CHECK int store_plan_life_carry_target(store_t *s, int64_t old_target, int64_t new_target,
                                            int *copied, err_t *e);

#endif
