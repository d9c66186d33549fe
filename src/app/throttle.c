/* throttle.c - login throttle policy over the database counters
 * (throttle.h, store_throttle.h). */
#include "app/throttle.h"

#include "base/log.h"
#include "base/mem.h"
#include "store/store_throttle.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

struct throttle {
    atomic_llong next_purge; /* Unix time of the next purge */
};

throttle_t *throttle_new(void)
{
    throttle_t *t = mem_calloc(1, sizeof *t);
    if (t)
        atomic_init(&t->next_purge, 0);
    return t;
}

void throttle_free(throttle_t *t)
{
    mem_free(t);
}

int throttle_key(enum throttle_space space, const char *name, char *out, size_t cap)
{
    const char *prefix = space == THROTTLE_ACCOUNT ? "acct:" : "addr:";
    if (!name || !*name || cap == 0)
        return ERR_INVALID;
    int n = snprintf(out, cap, "%s%s", prefix, name);
    if (n < 0 || (size_t)n >= cap || (size_t)n > STORE_THROTTLE_KEY_MAX) {
        out[0] = '\0';
        return ERR_INVALID;
    }
    return 0;
}

int throttle_wait(throttle_t *t, store_t *s, const char *key, int64_t now, int64_t *wait, err_t *e)
{
    (void)t;
    *wait = 0;
    store_throttle_entry_t en;
    int rc = store_throttle_get(s, key, &en, e);
    if (rc < 0)
        return rc;
    if (rc == STORE_FOUND && en.blocked_until > now)
        *wait = en.blocked_until - now;
    return 0;
}

/* Deletes stale entries now and then; failures only logged (the login
 * itself stands). Outside any transaction. */
static void maybe_purge(throttle_t *t, store_t *s, int64_t now)
{
    long long due = atomic_load(&t->next_purge);
    if (now < due || !atomic_compare_exchange_strong(&t->next_purge, &due,
                                                     (long long)now + THROTTLE_PURGE_EVERY))
        return;
    err_t e;
    int64_t n = 0;
    if (store_throttle_purge(s, now - THROTTLE_WINDOW, &n, &e))
        log_sub("auth", LOG_WARN, "throttle purge failed: %s", e.en);
    else if (n)
        log_sub("auth", LOG_DEBUG, "throttle: %lld stale entries purged", (long long)n);
}

static void count_failure(store_throttle_entry_t *en, int threshold, int64_t now)
{
    if (now - en->last_at > THROTTLE_WINDOW)
        en->fails = 0;
    en->fails++;
    en->last_at = now;
    if (en->fails >= threshold) {
        int64_t extra = en->fails - threshold;
        int64_t delay = (int64_t)THROTTLE_DELAY_MIN << (extra < 4 ? extra : 4);
        int64_t until = now + (delay < THROTTLE_DELAY_MAX ? delay : THROTTLE_DELAY_MAX);
        if (until > en->blocked_until)
            en->blocked_until = until;
    }
}

int throttle_fail(throttle_t *t, store_t *s, const char *key, int threshold, int64_t now, err_t *e)
{
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    store_throttle_entry_t en;
    rc = store_throttle_get(s, key, &en, e);
    if (rc >= 0) {
        count_failure(&en, threshold, now);
        rc = store_throttle_put(s, key, &en, e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc)
        maybe_purge(t, s, now);
    return rc;
}

int throttle_reset(throttle_t *t, store_t *s, const char *key, err_t *e)
{
    (void)t;
    return store_throttle_delete(s, key, e);
}
