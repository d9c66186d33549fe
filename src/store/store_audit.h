/* store_audit.h - the audit trail: one entry per state change, chained by
 * hash (issue 16 item 11; docs/internals/hardening.md).
 *
 * An entry says who (actor), when (at, UTC "YYYY-MM-DD HH:MM:SS"), what
 * (action such as "task.update" and object such as "task:12"), a short
 * detail, and the state before and after the change as JSON text (NULL when
 * not recorded). Entries are numbered 1, 2, 3... (seq) and each carries the
 * hash of the one before it and its own hash:
 *   hash = SHA-256( prev_hash, seq, at, actor, action, object, detail,
 *                   before, after )   (each field length-prefixed, NULL marked)
 * The last seq and hash are kept in audit_head, updated by every append in
 * the same transaction, so that a deleted last entry is found too.
 *
 * Appends run inside the caller's write transaction (store_begin), which
 * serialises them on both engines; an append outside a transaction opens
 * and commits its own. Rows inserted without the chain (before migration
 * 0028, or by a migration) have no seq yet: the next append seals them,
 * oldest first, before its own entry (store_audit_seal does it on demand). */
#ifndef CCHC_STORE_AUDIT_H
#define CCHC_STORE_AUDIT_H

#include "store/store.h"

#include <stdint.h>

#define STORE_AUDIT_HASH_LEN 64 /* hex digits of a SHA-256 */

/* Appends an entry without before/after; actor NULL = "system", object and
 * detail may be NULL. */
MUST_CHECK int store_audit_append(store_t *s, const char *actor, const char *action,
                                  const char *object, const char *detail, err_t *e);
/* Appends an entry with the state before and after the change (JSON text,
 * each may be NULL: a creation has no before, a deletion no after). */
MUST_CHECK int store_audit_change(store_t *s, const char *actor, const char *action,
                                  const char *object, const char *detail, const char *before,
                                  const char *after, err_t *e);
/* Chains every row that has no seq yet (own transaction when outside one).
 * *sealed (may be NULL) gets how many. */
MUST_CHECK int store_audit_seal(store_t *s, int64_t *sealed, err_t *e);

/* One entry as read; strings borrowed until the callback returns
 * (before/after NULL when not recorded). */
typedef struct store_audit_row {
    int64_t seq;
    const char *at, *actor, *action, *object, *detail, *before, *after;
    const char *prev_hash, *hash;
} store_audit_row_t;

typedef struct store_audit_filter {
    int64_t before_seq; /* only entries with seq < before_seq; 0 = from the newest */
    int limit;          /* 1..1000; 0 = 100 */
    const char *actor;  /* exact login, NULL = any */
    const char *action; /* prefix ("user." or "task.update"), NULL = any */
    const char *object; /* exact ("plan:3"), NULL = any */
} store_audit_filter_t;

typedef int (*store_audit_cb)(void *ctx, const store_audit_row_t *r, err_t *e);
/* Chained entries matching f, newest first (scan contract of store.h). */
MUST_CHECK int store_audit_list(store_t *s, const store_audit_filter_t *f, store_audit_cb cb,
                                void *ctx, err_t *e);

typedef struct store_audit_check {
    int64_t checked;  /* chained entries read */
    int64_t unsealed; /* rows without a seq yet (not an error) */
    int64_t head_seq; /* what audit_head says */
    char head_hash[STORE_AUDIT_HASH_LEN + 1];
    int64_t bad_seq; /* the first position found wrong; 0 when intact */
} store_audit_check_t;

/* Walks the whole chain (streaming, constant memory): 0 when intact;
 * ERR_CONFLICT "audit.broken" naming the first problem - an entry edited
 * (its hash or the next one's prev_hash differs), deleted (a gap in seq),
 * the last entries deleted or the head rewritten (audit_head differs from
 * the last entry). out is filled in both cases. */
MUST_CHECK int store_audit_verify(store_t *s, store_audit_check_t *out, err_t *e);

#endif
