/* store_target.h - plan targets and their hand-entered measurements
 * (migration 0007_measurements). */
#ifndef CCHC_STORE_TARGET_H
#define CCHC_STORE_TARGET_H

#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One target row joined with its plan; strings borrowed for the callback. */
typedef struct store_target_row {
    int64_t id, plan_id;
    int seq, plan_year;
    const char *plan_title, *plan_unit, *area, *indicator, *op, *unit, *text;
    double value, value_max; /* value_max 0 when not a range */
} store_target_row_t;

typedef int (*store_target_fn)(void *ctx, const store_target_row_t *r, err_t *e);

/* Targets of plan_id (0 = of every plan of `year`, year 0 = any), or the
 * single target `id` when id > 0, in plan and source order. */
MUST_CHECK int store_target_rows(store_t *s, int64_t plan_id, int year, int64_t id,
                                 store_target_fn fn, void *ctx, err_t *e);

/* The newest measurement of (target, unit) whose period ends on or before
 * `to` (YYYY-MM-DD) and not before `from`: *found false when none. Strings
 * copied into the caller's buffers. */
typedef struct store_measurement {
    int64_t id;
    double value;
    char period[16], period_from[11], period_to[11], author[65], at[20];
    char note[1024];
    char evidence[256]; /* comma-separated evidence ids */
} store_measurement_t;
MUST_CHECK int store_target_measurement(store_t *s, int64_t target_id, const char *unit,
                                        const char *from, const char *to, store_measurement_t *out,
                                        bool *found, err_t *e);

/* Appends a measurement (caller's transaction) and links its evidence. */
typedef struct store_measurement_in {
    int64_t target_id;
    const char *unit, *period, *from, *to, *note, *author, *at;
    double value;
    const int64_t *evidence;
    size_t nevidence;
} store_measurement_in_t;
MUST_CHECK int store_target_measure(store_t *s, const store_measurement_in_t *in, int64_t *id,
                                    err_t *e);

/* Whether evidence id is already linked to a measurement. */
MUST_CHECK int store_target_evidence_linked(store_t *s, int64_t evidence_id, bool *linked,
                                            err_t *e);

#endif
