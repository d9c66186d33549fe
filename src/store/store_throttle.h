/* store_throttle.h - the login throttle's counters in the database
 * (migration 0012), shared by every server process on it. A proposal for
 * src/app/throttle.c, which keeps the policy: throttle_wait reads the
 * entry; throttle_fail reads, computes (window, threshold, doubling delay)
 * and writes it back inside one write transaction (store_begin: one writer
 * at a time on both engines, so two servers never lose a failure);
 * throttle_reset deletes it. Keys are at most STORE_THROTTLE_KEY_MAX bytes
 * (longer ones are refused: ERR_INVALID). Times are Unix seconds. Errors:
 * store.h's. */
#ifndef CCHC_STORE_THROTTLE_H
#define CCHC_STORE_THROTTLE_H

#include "store/store.h"

#define STORE_THROTTLE_KEY_MAX 200

typedef struct store_throttle_entry {
    int64_t fails;         /* failures counted in the current window */
    int64_t last_at;       /* the latest failure */
    int64_t blocked_until; /* 0, or no attempt before this time */
} store_throttle_entry_t;

/* STORE_FOUND with *out filled, 0 when the key has no entry (*out zeroed). */
MUST_CHECK int store_throttle_get(store_t *s, const char *key, store_throttle_entry_t *out,
                                  err_t *e);
/* Creates or replaces the key's entry. */
MUST_CHECK int store_throttle_put(store_t *s, const char *key, const store_throttle_entry_t *in,
                                  err_t *e);
/* Forgets the key (after a successful login); no entry is not an error. */
MUST_CHECK int store_throttle_delete(store_t *s, const char *key, err_t *e);
/* Deletes entries whose last failure is before `before` and which are no
 * longer blocked at that time; *n (may be NULL) gets how many. */
MUST_CHECK int store_throttle_purge(store_t *s, int64_t before, int64_t *n, err_t *e);

#endif
