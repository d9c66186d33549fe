/* store_followup.h - follow-up letters (công văn đôn đốc) and the overdue
 * task occurrences each one listed (migration 0025), so that the next
 * letter knows how many times a task was followed up. Writes run inside
 * the caller's transaction. Errors: store.h's. */
#ifndef CCHC_STORE_FOLLOWUP_H
#define CCHC_STORE_FOLLOWUP_H

#include "base/dtime.h"
#include "store/store.h"

#include <stdint.h>

typedef struct store_followup_letter {
    int64_t id;
    const char *issuer, *symbol, *units, *created_by;
    int year, number;
    date_t issued_on, reply_by;
    dtime_t created_at;
} store_followup_letter_t;

typedef struct store_followup_item {
    int64_t letter_id, assignment_id;
    const char *period; /* "" for a one-off task */
    const char *unit;
    date_t due;
    int days_late, round;
} store_followup_item_t;

/* How many letters already listed (assignment, period). */
MUST_CHECK int store_followup_rounds(store_t *s, int64_t assignment_id, const char *period,
                                     int *rounds, err_t *e);
/* Records a letter: *id gets its id. ERR_CONFLICT when the number is taken. */
MUST_CHECK int store_followup_add(store_t *s, const store_followup_letter_t *l, int64_t *id,
                                  err_t *e);
MUST_CHECK int store_followup_add_item(store_t *s, const store_followup_item_t *it, err_t *e);

/* The letters, newest first (at most limit); strings borrowed for the call. */
typedef int (*store_followup_fn)(void *ctx, const store_followup_letter_t *l, int64_t items,
                                 err_t *e);
MUST_CHECK int store_followup_list(store_t *s, size_t limit, store_followup_fn fn, void *ctx,
                                   err_t *e);

#endif
