/* http_ratelimit.c - token buckets per client address (http_ratelimit.h). */
#include "http/http_ratelimit.h"

#include "base/log.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define PROBES 8
#define MILLI  1000 /* tokens are counted in thousandths */

struct bucket {
    char key[HTTP_RATELIMIT_KEY_MAX];
    int64_t tokens;  /* thousandths of a token */
    int64_t last_ms; /* when tokens was computed */
    bool used;
    bool logged; /* a refusal of the current burst was logged */
};

struct rl_class {
    char name[HTTP_RATELIMIT_NAME_MAX];
    unsigned per_minute, burst;
    pthread_mutex_t mu;
    struct bucket *slots; /* HTTP_RATELIMIT_SLOTS */
};

struct http_ratelimit {
    struct rl_class cls[HTTP_RATELIMIT_CLASSES];
    size_t n;
};

static int bad_rule(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "http.rate_limit",
                   "Giới hạn tần suất không hợp lệ '%s' (dạng tên=N hoặc tên=N/B: N yêu cầu mỗi "
                   "phút, B yêu cầu liên tiếp)",
                   "Invalid rate limit '%s' (name=N or name=N/B: N requests a minute, bursts of B)",
                   what);
}

static bool name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= HTTP_RATELIMIT_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end = NULL;
    if (!s || *s < '0' || *s > '9')
        return false;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max)
        return false;
    *out = (unsigned)v;
    return true;
}

int http_ratelimit_parse(const char *spec, char *buf, size_t cap, http_ratelimit_rule_t *rule,
                         err_t *e)
{
    memset(rule, 0, sizeof *rule);
    if (!spec || strlen(spec) >= cap)
        return bad_rule(e, spec ? spec : "");
    snprintf(buf, cap, "%s", spec);
    char *eq = strchr(buf, '=');
    if (!eq)
        return bad_rule(e, spec);
    *eq = '\0';
    char *slash = strchr(eq + 1, '/');
    if (slash)
        *slash = '\0';
    if (!name_ok(buf) || !parse_uint(eq + 1, 1000000, &rule->per_minute) ||
        (slash && (!parse_uint(slash + 1, 1000000, &rule->burst) || rule->burst == 0)))
        return bad_rule(e, spec);
    rule->name = buf;
    return 0;
}

static struct rl_class *find_class(const http_ratelimit_t *rl, const char *name)
{
    for (size_t i = 0; rl && name && i < rl->n; i++)
        if (strcmp(rl->cls[i].name, name) == 0)
            return (struct rl_class *)&rl->cls[i];
    return NULL;
}

static int add_rule(http_ratelimit_t *rl, const http_ratelimit_rule_t *r, err_t *e)
{
    if (!name_ok(r->name))
        return bad_rule(e, r->name ? r->name : "");
    struct rl_class *c = find_class(rl, r->name);
    if (!c) {
        if (rl->n >= HTTP_RATELIMIT_CLASSES)
            return bad_rule(e, r->name);
        c = &rl->cls[rl->n];
        c->slots = mem_calloc(HTTP_RATELIMIT_SLOTS, sizeof *c->slots);
        if (!c->slots)
            return err_nomem(e);
        if (pthread_mutex_init(&c->mu, NULL) != 0) {
            mem_free(c->slots);
            c->slots = NULL;
            return err_nomem(e);
        }
        rl->n++;
        snprintf(c->name, sizeof c->name, "%s", r->name);
    }
    c->per_minute = r->per_minute;
    c->burst = r->burst ? r->burst : r->per_minute;
    if (c->burst == 0)
        c->burst = 1;
    return 0;
}

http_ratelimit_t *http_ratelimit_new(const http_ratelimit_rule_t *rules, err_t *e)
{
    http_ratelimit_t *rl = mem_calloc(1, sizeof *rl);
    if (!rl) {
        err_nomem(e);
        return NULL;
    }
    for (const http_ratelimit_rule_t *r = rules; r && r->name; r++)
        if (add_rule(rl, r, e)) {
            http_ratelimit_free(rl);
            return NULL;
        }
    return rl;
}

void http_ratelimit_free(http_ratelimit_t *rl)
{
    if (!rl)
        return;
    for (size_t i = 0; i < rl->n; i++) {
        pthread_mutex_destroy(&rl->cls[i].mu);
        mem_free(rl->cls[i].slots);
    }
    mem_free(rl);
}

bool http_ratelimit_has(const http_ratelimit_t *rl, const char *cls)
{
    const struct rl_class *c = find_class(rl, cls);
    return c && c->per_minute > 0;
}

static uint32_t hash_key(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Brings b's tokens up to now (capped at the burst). */
static void refill(const struct rl_class *c, struct bucket *b, int64_t now_ms)
{
    int64_t cap = (int64_t)c->burst * MILLI;
    int64_t elapsed = now_ms - b->last_ms;
    if (elapsed > 0) {
        /* per_minute tokens a minute = per_minute thousandths per 60 ms */
        int64_t add = elapsed > 3600000 ? cap : elapsed * (int64_t)c->per_minute / 60;
        b->tokens = b->tokens + add > cap ? cap : b->tokens + add;
        b->last_ms = now_ms;
    }
}

/* The bucket of key: its own, a free slot, or the fullest probed one. */
static struct bucket *slot_for(struct rl_class *c, const char *key, int64_t now_ms)
{
    uint32_t h = hash_key(key);
    struct bucket *victim = NULL;
    for (uint32_t i = 0; i < PROBES; i++) {
        struct bucket *b = &c->slots[(h + i) % HTTP_RATELIMIT_SLOTS];
        if (b->used && strcmp(b->key, key) == 0)
            return b;
        if (!b->used) {
            victim = b;
            break;
        }
        refill(c, b, now_ms);
        if (!victim || b->tokens > victim->tokens)
            victim = b;
    }
    memset(victim, 0, sizeof *victim);
    victim->used = true;
    snprintf(victim->key, sizeof victim->key, "%s", key);
    victim->tokens = (int64_t)c->burst * MILLI;
    victim->last_ms = now_ms;
    return victim;
}

int http_ratelimit_take(http_ratelimit_t *rl, const char *cls, const char *key, int64_t now_ms,
                        unsigned *retry_after)
{
    struct rl_class *c = find_class(rl, cls);
    if (!c || c->per_minute == 0)
        return 0;
    char k[HTTP_RATELIMIT_KEY_MAX];
    snprintf(k, sizeof k, "%s", key && *key ? key : "?");
    pthread_mutex_lock(&c->mu);
    struct bucket *b = slot_for(c, k, now_ms);
    refill(c, b, now_ms);
    int rc = 0;
    bool log_it = false;
    unsigned wait = 0;
    if (b->tokens >= MILLI) {
        b->tokens -= MILLI;
        b->logged = false;
    } else {
        int64_t ms = ((MILLI - b->tokens) * 60 + c->per_minute - 1) / c->per_minute;
        wait = (unsigned)((ms + 999) / 1000);
        if (wait == 0)
            wait = 1;
        log_it = !b->logged;
        b->logged = true;
        rc = ERR_TOOMANY;
    }
    unsigned per_minute = c->per_minute, burst = c->burst;
    pthread_mutex_unlock(&c->mu);
    if (log_it)
        log_sub("http", LOG_WARN,
                "rate limit: client %s exceeds '%s' (%u a minute, bursts of %u); refusing for "
                "now",
                k, cls, per_minute, burst);
    if (retry_after)
        *retry_after = wait;
    return rc;
}

int http_ratelimit_error(unsigned retry_after, err_t *e)
{
    return err_set(e, ERR_TOOMANY, "http.rate_limited",
                   "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại sau %u "
                   "giây",
                   "Too many requests in a short time; please try again in %u seconds",
                   retry_after);
}
