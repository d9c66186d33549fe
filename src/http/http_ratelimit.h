/* http_ratelimit.h - request rate limits per client address, for the
 * endpoints anyone may call without logging in (login, the public dossier
 * lookup, citizen feedback...).
 *
 * Using it: give the route a limit class name in the route table
 *
 *     {"GET", "/api/v1/public/dossiers/{code}", api_public_dossier_get,
 *      HTTP_ROUTE_PUBLIC, .limit = "lookup"},
 *
 * and the server checks the class's bucket for the request's client address
 * (http_req_t.client_addr: the socket peer, or the X-Forwarded-For client
 * when the peer is a configured proxy, see http_proxy.h) right after the
 * headers arrive, before any body is read or any handler runs. A refused
 * request gets 429 with Retry-After and the bilingual error
 * "http.rate_limited" (http_ratelimit_error). Other code (a handler with a
 * finer key, e.g. per dossier code) may call http_ratelimit_take directly.
 * The server answers nothing for a class the configuration does not name:
 * limits are opt-in per deployment (`cchc serve` sets the defaults of
 * api_rate_limits, docs/deploy.md).
 *
 * Algorithm: a token bucket per (class, key): `burst` tokens, refilled at
 * `per_minute` tokens a minute; a request takes one token or is refused
 * with the seconds until the next token. Buckets live in a fixed table of
 * HTTP_RATELIMIT_SLOTS entries per class (open addressing over a hash of the
 * key, 8 probes); when a key finds no free slot among its probes, the probed
 * bucket that is fullest (the one forgetting least) is reused. A flood of
 * distinct addresses can thus reset other addresses' buckets - it can never
 * lock anyone out - and memory stays fixed.
 *
 * Logging: the first refusal of a burst writes one WARN line (subsystem
 * "http": class, client, limit); further refusals of the same key are
 * silent until it is allowed again.
 *
 * Thread-safe (one mutex per class). Times are monotonic milliseconds. */
#ifndef CCHC_HTTP_RATELIMIT_H
#define CCHC_HTTP_RATELIMIT_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_RATELIMIT_SLOTS    4096 /* buckets per class */
#define HTTP_RATELIMIT_CLASSES  16
#define HTTP_RATELIMIT_NAME_MAX 16 /* bytes of a class name, NUL included */
#define HTTP_RATELIMIT_KEY_MAX  64 /* bytes of a key kept, NUL included; longer keys are cut */

typedef struct http_ratelimit_rule {
    const char *name;    /* class: [a-z0-9_]{1,15}; NULL ends a table */
    unsigned per_minute; /* refill rate; 0 = the class is unlimited */
    unsigned burst;      /* bucket size (>= 1; 0 = per_minute) */
} http_ratelimit_rule_t;

typedef struct http_ratelimit http_ratelimit_t;

/* Parses "name=N" or "name=N/B" (N per minute, burst B) into rule, name
 * pointing into buf (a copy of spec made by the caller, cap bytes).
 * Returns 0 or ERR_INVALID "http.rate_limit". */
int http_ratelimit_parse(const char *spec, char *buf, size_t cap, http_ratelimit_rule_t *rule,
                         err_t *e);

/* A limiter for the rules of a table ending with a {NULL} entry (may be
 * NULL: no class). A later rule of the same name replaces an earlier one.
 * Returns NULL with e filled: ERR_INVALID "http.rate_limit" (bad name, too
 * many classes), ERR_NOMEM. */
http_ratelimit_t *http_ratelimit_new(const http_ratelimit_rule_t *rules, err_t *e);
void http_ratelimit_free(http_ratelimit_t *rl); /* NULL is a no-op */

/* Whether the limiter has a (limited) class of that name. */
bool http_ratelimit_has(const http_ratelimit_t *rl, const char *cls);

/* Takes one token of cls for key at now_ms. Returns 0 (allowed; also for
 * an unknown or unlimited class), or ERR_TOOMANY with *retry_after (may be
 * NULL) set to the whole seconds until a token is available (>= 1). */
int http_ratelimit_take(http_ratelimit_t *rl, const char *cls, const char *key, int64_t now_ms,
                        unsigned *retry_after);

/* The answer to a refused request: e = ERR_TOOMANY "http.rate_limited"
 * with a Vietnamese and English message naming the wait. */
int http_ratelimit_error(unsigned retry_after, err_t *e);

#endif
