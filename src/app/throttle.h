/* throttle.h - slows down password guessing, across restarts and across
 * every server process on one database.
 *
 * Failed attempts are counted per key in the database (store_throttle.h,
 * table login_throttle), never in a per-process table: nothing is evicted,
 * so a flood of other keys cannot wipe an account's failures, and the
 * counts survive a restart and are shared by two instances behind one load
 * balancer. Accounts and client addresses live in separate key spaces
 * (throttle_key): "acct:<login>" and "addr:<address>", so a login typed as
 * "ip:1.2.3.4" or "addr:1.2.3.4" can never block that address.
 *
 * Policy: after `threshold` failures within THROTTLE_WINDOW seconds of each
 * other, the key is blocked for a delay that doubles with each further
 * failure (THROTTLE_DELAY_MIN up to THROTTLE_DELAY_MAX). A success clears
 * the account's key (throttle_reset). Entries whose last failure is older
 * than the window and which are no longer blocked are deleted now and then
 * (at most once per THROTTLE_PURGE_EVERY seconds per process).
 *
 * The read-modify-write of throttle_fail runs in one write transaction
 * (store_begin: one writer at a time on both engines), so two servers never
 * lose a failure. Errors: the store's (ERR_DB...), ERR_INVALID
 * "throttle.key" for an empty or over-long key. Thread-safe. */
#ifndef CCHC_THROTTLE_H
#define CCHC_THROTTLE_H

#include "base/err.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THROTTLE_WINDOW      900 /* failures further apart than 15 min start again */
#define THROTTLE_DELAY_MIN   60  /* first block: 1 min */
#define THROTTLE_DELAY_MAX   900 /* longest block: 15 min */
#define THROTTLE_PURGE_EVERY 600
#define THROTTLE_KEY_MAX     128 /* bytes of a key, NUL included */

typedef struct throttle throttle_t;

/* The per-process part (purge bookkeeping); NULL on no memory. */
throttle_t *throttle_new(void);
void throttle_free(throttle_t *t); /* NULL is a no-op */

enum throttle_space { THROTTLE_ACCOUNT, THROTTLE_ADDRESS };

/* Writes the key of name in a space to out (cap bytes): "acct:" or "addr:"
 * followed by name. Returns 0, or ERR_INVALID when name is empty or the
 * key does not fit. */
int throttle_key(enum throttle_space space, const char *name, char *out, size_t cap);

/* Seconds the key must still wait (0 = may try now) in *wait. */
MUST_CHECK int throttle_wait(throttle_t *t, store_t *s, const char *key, int64_t now, int64_t *wait,
                             err_t *e);
/* Counts one failure; blocks the key from the threshold-th on. */
MUST_CHECK int throttle_fail(throttle_t *t, store_t *s, const char *key, int threshold, int64_t now,
                             err_t *e);
/* Forgets the key (after a successful login). */
MUST_CHECK int throttle_reset(throttle_t *t, store_t *s, const char *key, err_t *e);

#endif
