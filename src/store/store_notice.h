/* store_notice.h - in-application notices to the officers of a unit
 * (reminders of reports now; the reminders issue builds on it), and the
 * document-number series of units ("Số: 05/BC-UBND"). Writes run inside the
 * caller's transaction. Errors: store.h's. */
#ifndef CCHC_STORE_NOTICE_H
#define CCHC_STORE_NOTICE_H

#include "base/dtime.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct store_notice {
    int64_t id;
    const char *unit, *kind, *ref, *title, *body, *link, *created_by;
    dtime_t created_at, read_at; /* read_at DTIME_NONE = unread */
} store_notice_t;

/* Records a notice unless one with the same (unit, kind, ref) exists:
 * STORE_INSERTED, or 0 when it was there already (nothing written). */
MUST_CHECK int store_notice_add(store_t *s, const store_notice_t *n, err_t *e);
/* Notices of the units[0..n) (newest first, at most limit; unread only when
 * asked); fn follows store.h's scan contract, the record borrowed. */
typedef int (*store_notice_fn)(void *ctx, const store_notice_t *n, err_t *e);
MUST_CHECK int store_notice_list(store_t *s, const char *const *units, size_t n, bool unread,
                                 size_t limit, store_notice_fn fn, void *ctx, err_t *e);
/* Marks notice id read (if it belongs to one of units[0..n)): STORE_FOUND or 0. */
MUST_CHECK int store_notice_read(store_t *s, int64_t id, const char *const *units, size_t n,
                                 dtime_t at, const char *by, err_t *e);

/* The next number of a unit's series for year and symbol ("BC"), from 1
 * each year. */
MUST_CHECK int store_notice_next_number(store_t *s, const char *unit, int year, const char *symbol,
                                        int *number, err_t *e);

#endif
