#include "app/throttle.h"

#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define SLOTS     1024
#define KEY_MAX   96
#define WINDOW    900 /* failures older than 15 min are forgotten */
#define DELAY_MIN 60  /* first block: 1 min */
#define DELAY_MAX 900 /* longest block: 15 min */

struct slot {
    char key[KEY_MAX];
    int fails;
    int64_t last;
    int64_t blocked_until;
};

struct throttle {
    pthread_mutex_t mu;
    struct slot slots[SLOTS];
};

throttle_t *throttle_new(void)
{
    throttle_t *t = mem_calloc(1, sizeof *t);
    if (t && pthread_mutex_init(&t->mu, NULL) != 0) {
        mem_free(t);
        return NULL;
    }
    return t;
}

void throttle_free(throttle_t *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->mu);
    mem_free(t);
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of key (claimed when absent, recycling the occupant). */
static struct slot *find(throttle_t *t, const char *key, bool claim)
{
    struct slot *sl = &t->slots[hash(key) % SLOTS];
    if (strncmp(sl->key, key, KEY_MAX - 1) == 0 && sl->key[0])
        return sl;
    if (!claim)
        return NULL;
    memset(sl, 0, sizeof *sl);
    snprintf(sl->key, sizeof sl->key, "%s", key);
    return sl;
}

int64_t throttle_wait(throttle_t *t, const char *key, int64_t now)
{
    pthread_mutex_lock(&t->mu);
    struct slot *sl = find(t, key, false);
    int64_t wait = sl && sl->blocked_until > now ? sl->blocked_until - now : 0;
    pthread_mutex_unlock(&t->mu);
    return wait;
}

void throttle_fail(throttle_t *t, const char *key, int threshold, int64_t now)
{
    pthread_mutex_lock(&t->mu);
    struct slot *sl = find(t, key, true);
    if (now - sl->last > WINDOW)
        sl->fails = 0;
    sl->fails++;
    sl->last = now;
    if (sl->fails >= threshold) {
        int extra = sl->fails - threshold;
        int64_t delay = DELAY_MIN << (extra < 4 ? extra : 4);
        sl->blocked_until = now + (delay < DELAY_MAX ? delay : DELAY_MAX);
    }
    pthread_mutex_unlock(&t->mu);
}

void throttle_reset(throttle_t *t, const char *key)
{
    pthread_mutex_lock(&t->mu);
    struct slot *sl = find(t, key, false);
    if (sl)
        memset(sl, 0, sizeof *sl);
    pthread_mutex_unlock(&t->mu);
}
