/* throttle.h - slows down password guessing.
 *
 * Counts failed attempts per key (a login, or "ip:" + a client address)
 * in a fixed-size in-memory table (old entries are recycled). After
 * `threshold` failures within the window, the key is blocked for a delay
 * that doubles with each further failure (1 min up to 15 min). A success
 * clears the key. Thread-safe. */
#ifndef CCHC_THROTTLE_H
#define CCHC_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct throttle throttle_t;

throttle_t *throttle_new(void);
void throttle_free(throttle_t *t);
/* Seconds the key must still wait (0 = may try now). */
int64_t throttle_wait(throttle_t *t, const char *key, int64_t now);
void throttle_fail(throttle_t *t, const char *key, int threshold, int64_t now);
void throttle_reset(throttle_t *t, const char *key);

#endif
