/* store_audit.c - the audit trail as a hash chain (store_audit.h). */
#include "store/store_audit.h"

#include "base/mem.h"
#include "store/store_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

#define HLEN (STORE_AUDIT_HASH_LEN + 1)

/* The fields an entry's hash covers. */
typedef struct entry {
    int64_t seq;
    const char *at, *actor, *action, *object, *detail, *before, *after;
} entry_t;

/* A field as "<length>:<bytes>", NULL as "-", so that no two different
 * entries hash the same bytes. */
static void hash_field(crypto_hash_sha256_state *h, const char *v)
{
    char len[32];
    int n = v ? snprintf(len, sizeof len, "%zu:", strlen(v)) : snprintf(len, sizeof len, "-");
    crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)n);
    if (v)
        crypto_hash_sha256_update(h, (const unsigned char *)v, strlen(v));
}

static void entry_hash(const char *prev, const entry_t *x, char out[HLEN])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    char seq[32];
    snprintf(seq, sizeof seq, "%lld", (long long)x->seq);
    const char *fields[] = {"cchc-audit-1", prev,      seq,       x->at,     x->actor,
                            x->action,      x->object, x->detail, x->before, x->after};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        hash_field(&h, fields[i]);
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, d);
    sodium_bin2hex(out, HLEN, d, sizeof d);
}

static void utc_now(char out[24])
{
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm))
        snprintf(out, 24, "1970-01-01 00:00:00");
}

static int read_head(store_t *s, int64_t *seq, char hash[HLEN], err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT seq, hash FROM audit_head WHERE id = 1", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *seq = store_col_int(st, 0);
        snprintf(hash, HLEN, "%s", store_col_text(st, 1) ? store_col_text(st, 1) : "");
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_DB, "audit.head", "Thiếu đầu chuỗi nhật ký kiểm toán (audit_head)",
                     "The audit chain head (audit_head) is missing");
    }
    store_stmt_done(st);
    return rc;
}

static int write_head(store_t *s, int64_t seq, const char *hash, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, seq);
    store_bind_text(st, 2, hash);
    return store_run(st, e);
}

/* Inserts x as the next entry of the chain (x->seq is filled). */
static int chain_insert(store_t *s, entry_t *x, err_t *e)
{
    int64_t last;
    char prev[HLEN], hash[HLEN];
    int rc = read_head(s, &last, prev, e);
    if (rc)
        return rc;
    x->seq = last + 1;
    entry_hash(prev, x, hash);
    store_stmt_t *st;
    rc = store_prepare(s,
                       "INSERT INTO audit_event (at, actor, action, object, detail, before_json, "
                       "after_json, seq, prev_hash, hash) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                       &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, x->at);
    store_bind_text(st, 2, x->actor);
    store_bind_text(st, 3, x->action);
    store_bind_text(st, 4, x->object);
    store_bind_text(st, 5, x->detail);
    store_bind_text(st, 6, x->before);
    store_bind_text(st, 7, x->after);
    store_bind_int(st, 8, x->seq);
    store_bind_text(st, 9, prev);
    store_bind_text(st, 10, hash);
    rc = store_run(st, e);
    return rc ? rc : write_head(s, x->seq, hash, e);
}

/* Gives the row `id` (read without the chain) the next place in it. */
static int chain_existing(store_t *s, int64_t id, entry_t *x, err_t *e)
{
    int64_t last;
    char prev[HLEN], hash[HLEN];
    int rc = read_head(s, &last, prev, e);
    if (rc)
        return rc;
    x->seq = last + 1;
    entry_hash(prev, x, hash);
    store_stmt_t *st;
    rc = store_prepare(
        s, "UPDATE audit_event SET seq = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, x->seq);
    store_bind_text(st, 3, prev);
    store_bind_text(st, 4, hash);
    rc = store_run(st, e);
    return rc ? rc : write_head(s, x->seq, hash, e);
}

/* The oldest row without a seq, copied (its strings are freed by the
 * caller with free_entry): STORE_FOUND, 0 when there is none, or < 0. */
static int oldest_unsealed(store_t *s, int64_t *id, entry_t *x, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, at, actor, action, object, detail, before_json, after_json "
                           "FROM audit_event WHERE seq IS NULL ORDER BY id LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        const char **f[] = {&x->at,     &x->actor,  &x->action, &x->object,
                            &x->detail, &x->before, &x->after};
        rc = STORE_FOUND;
        for (int i = 0; i < 7; i++) {
            const char *v = store_col_text(st, i + 1);
            *f[i] = v ? mem_strdup(v) : NULL;
            if (v && !*f[i])
                rc = err_nomem(e);
        }
    }
    store_stmt_done(st);
    return rc;
}

static void free_entry(entry_t *x)
{
    mem_free((char *)x->at);
    mem_free((char *)x->actor);
    mem_free((char *)x->action);
    mem_free((char *)x->object);
    mem_free((char *)x->detail);
    mem_free((char *)x->before);
    mem_free((char *)x->after);
    memset(x, 0, sizeof *x);
}

/* Seals every row without a seq, inside the caller's transaction. */
static int seal_pending(store_t *s, int64_t *sealed, err_t *e)
{
    for (;;) {
        entry_t x = {0};
        int64_t id = 0;
        int rc = oldest_unsealed(s, &id, &x, e);
        if (rc == STORE_FOUND)
            rc = chain_existing(s, id, &x, e);
        else if (rc == 0) {
            free_entry(&x);
            return 0;
        }
        free_entry(&x);
        if (rc)
            return rc;
        if (sealed)
            (*sealed)++;
    }
}

/* Runs fn inside the caller's transaction, or inside one of its own. */
static int in_tx(store_t *s, int (*fn)(store_t *, void *, err_t *), void *arg, err_t *e)
{
    if (s->in_tx)
        return fn(s, arg, e);
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = fn(s, arg, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

static int do_append(store_t *s, void *arg, err_t *e)
{
    int rc = seal_pending(s, NULL, e);
    return rc ? rc : chain_insert(s, arg, e);
}

int store_audit_change(store_t *s, const char *actor, const char *action, const char *object,
                       const char *detail, const char *before, const char *after, err_t *e)
{
    char at[24];
    utc_now(at);
    entry_t x = {.at = at,
                 .actor = actor ? actor : "system",
                 .action = action,
                 .object = object ? object : "",
                 .detail = detail ? detail : "",
                 .before = before,
                 .after = after};
    return in_tx(s, do_append, &x, e);
}

int store_audit_append(store_t *s, const char *actor, const char *action, const char *object,
                       const char *detail, err_t *e)
{
    return store_audit_change(s, actor, action, object, detail, NULL, NULL, e);
}

static int do_seal(store_t *s, void *arg, err_t *e)
{
    return seal_pending(s, arg, e);
}

int store_audit_seal(store_t *s, int64_t *sealed, err_t *e)
{
    if (sealed)
        *sealed = 0;
    int64_t n = 0;
    int rc = store_query_int(s, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL", &n, e);
    if (rc || n == 0)
        return rc;
    return in_tx(s, do_seal, sealed, e);
}

static void read_row(store_stmt_t *st, store_audit_row_t *r)
{
    r->seq = store_col_int(st, 0);
    r->at = store_col_text(st, 1);
    r->actor = store_col_text(st, 2);
    r->action = store_col_text(st, 3);
    r->object = store_col_text(st, 4);
    r->detail = store_col_text(st, 5);
    r->before = store_col_text(st, 6);
    r->after = store_col_text(st, 7);
    r->prev_hash = store_col_text(st, 8);
    r->hash = store_col_text(st, 9);
}

#define ROW_COLS "seq, at, actor, action, object, detail, before_json, after_json, prev_hash, hash "

int store_audit_list(store_t *s, const store_audit_filter_t *f, store_audit_cb cb, void *ctx,
                     err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " ROW_COLS "FROM audit_event WHERE seq IS NOT NULL "
                           "AND (?1 = 0 OR seq < ?1) "
                           "AND (CAST(?2 AS TEXT) IS NULL OR actor = ?2) "
                           "AND (CAST(?3 AS TEXT) IS NULL OR substr(action, 1, ?4) = ?3) "
                           "AND (CAST(?5 AS TEXT) IS NULL OR object = ?5) "
                           "ORDER BY seq DESC LIMIT ?6",
                           &st, e);
    if (rc)
        return rc;
    int limit = f->limit > 0 && f->limit <= 1000 ? f->limit : 100;
    store_bind_int(st, 1, f->before_seq > 0 ? f->before_seq : 0);
    store_bind_text(st, 2, f->actor);
    store_bind_text(st, 3, f->action);
    store_bind_int(st, 4, f->action ? (int64_t)strlen(f->action) : 0);
    store_bind_text(st, 5, f->object);
    store_bind_int(st, 6, limit);
    while (store_next(st, &rc, e)) {
        store_audit_row_t r;
        read_row(st, &r);
        int c = cb(ctx, &r, e);
        if (c) {
            rc = c == STORE_STOP ? 0 : c;
            break;
        }
    }
    store_stmt_done(st);
    return rc;
}

static int broken(store_audit_check_t *out, int64_t seq, const char *vi, const char *en, err_t *e)
{
    out->bad_seq = seq;
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "Nhật ký kiểm toán đã bị thay đổi: mục %lld %s", (long long)seq, vi);
    snprintf(n, sizeof n, "The audit log was tampered with: entry %lld %s", (long long)seq, en);
    return err_set_pair(e, ERR_CONFLICT, "audit.broken", v, n);
}

/* One chained row against the running chain: 0 or the problem. */
static int check_row(const store_audit_row_t *r, int64_t want, const char *prev,
                     store_audit_check_t *out, err_t *e)
{
    char vi[96], en[96];
    if (r->seq != want) {
        snprintf(vi, sizeof vi, "đến %lld bị xóa", (long long)r->seq - 1);
        snprintf(en, sizeof en, "to %lld were deleted", (long long)r->seq - 1);
        return broken(out, want, vi, en, e);
    }
    entry_t x = {r->seq, r->at, r->actor, r->action, r->object, r->detail, r->before, r->after};
    char hash[HLEN];
    entry_hash(prev, &x, hash);
    if (!r->prev_hash || strcmp(r->prev_hash, prev) != 0)
        return broken(out, want, "không nối với mục trước (mục trước bị sửa hoặc xóa)",
                      "does not follow the previous one (edited or deleted)", e);
    if (!r->hash || strcmp(r->hash, hash) != 0)
        return broken(out, want, "bị sửa (mã băm không khớp)", "was edited (hash mismatch)", e);
    return 0;
}

typedef struct walk {
    int64_t want;
    char prev[HLEN];
    store_audit_check_t *out;
} walk_t;

/* The head must name the last entry: otherwise the last entries were
 * deleted (head ahead) or the head was rewritten. */
static int check_head(const walk_t *w, err_t *e)
{
    store_audit_check_t *out = w->out;
    int64_t last = w->want - 1;
    if (out->head_seq > last)
        return broken(out, last + 1, "và các mục sau bị xóa (đầu chuỗi ghi tới mục sau hơn)",
                      "and the entries after it were deleted (the head names a later entry)", e);
    if (out->head_seq < last || strcmp(out->head_hash, w->prev) != 0)
        return broken(out, out->head_seq, "không khớp với đầu chuỗi (audit_head bị sửa)",
                      "does not match the chain head (audit_head was rewritten)", e);
    return 0;
}

int store_audit_verify(store_t *s, store_audit_check_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    walk_t w = {.want = 1, .out = out};
    memset(w.prev, '0', STORE_AUDIT_HASH_LEN);
    w.prev[STORE_AUDIT_HASH_LEN] = '\0';
    int rc = read_head(s, &out->head_seq, out->head_hash, e);
    if (!rc)
        rc = store_query_int(s, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL",
                             &out->unsealed, e);
    store_stmt_t *st = NULL;
    if (!rc)
        rc = store_prepare(
            s, "SELECT " ROW_COLS "FROM audit_event WHERE seq IS NOT NULL ORDER BY seq", &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        store_audit_row_t r;
        read_row(st, &r);
        rc = check_row(&r, w.want, w.prev, out, e);
        if (rc)
            break;
        snprintf(w.prev, sizeof w.prev, "%s", r.hash);
        w.want++;
        out->checked++;
    }
    store_stmt_done(st);
    return rc ? rc : check_head(&w, e);
}
