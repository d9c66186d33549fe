/* app_ledger_chunk.c - reading, checking, timing and sorting one chunk of
 * dossier records for the bulk ingest. */
#include "app/app_ledger_chunk.h"

#include "base/mem.h"
#include "domain/dossier_class.h"
#include "store/store_ledger_bulk.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int reason_of(const char *code)
{
    static const struct {
        const char *code;
        int reason;
    } map[] = {{"dossier.columns", LREJ_COLUMNS},    {"dossier.truncated", LREJ_TRUNCATED},
               {"dossier.csv", LREJ_FORMAT},         {"dossier.json", LREJ_FORMAT},
               {"dossier.date", LREJ_DATE},          {"dossier.value", LREJ_VALUE},
               {"dossier.status", LREJ_STATUS},      {"dossier.channel", LREJ_STATUS},
               {"dossier.order", LREJ_ORDER},        {"dossier.missing", LREJ_ORDER},
               {"ingest.unit", LREJ_UNIT},           {"ingest.procedure", LREJ_PROCEDURE},
               {"ingest.duplicate", LREJ_DUPLICATE}, {"dossier.rating", LREJ_VALUE},
               {"dossier.supplements", LREJ_VALUE},  {"dossier.code", LREJ_VALUE},
               {"dossier.future", LREJ_DATE},        {"dossier.nul", LREJ_FORMAT}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, code) == 0)
            return map[i].reason;
    return LREJ_VALUE;
}

void app_ledger_chunk_rejects_init(rejects_t *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->text, APP_LEDGER_CHUNK_REJ_MAX);
}

void app_ledger_chunk_init(batch_t *b)
{
    memset(b, 0, sizeof *b);
    buf_init(&b->raw, APP_LEDGER_CHUNK_RAW_MAX);
    app_ledger_chunk_rejects_init(&b->rej);
}

void app_ledger_chunk_rejects_reset(rejects_t *r)
{
    r->n = 0;
    buf_reset(&r->text);
    memset(r->reasons, 0, sizeof r->reasons);
    r->first_line = 0;
}

void app_ledger_chunk_rejects_release(rejects_t *r)
{
    mem_free(r->items);
    buf_release(&r->text);
}

int app_ledger_chunk_rejects_add(rejects_t *r, int line, const err_t *why, const char *raw,
                                 size_t rawlen)
{
    if (MEM_GROW(r->items, r->cap, r->n + 1))
        return ERR_NOMEM;
    int reason = reason_of(why->code);
    size_t start = r->text.len;
    int rc = buf_printf(&r->text, "%d,%s,", line, app_ledger_reject_name(reason));
    if (!rc)
        rc = buf_put_csv_field(&r->text, why->vi, strlen(why->vi));
    if (!rc)
        rc = buf_putc(&r->text, ',');
    if (!rc)
        rc = buf_append(&r->text, raw, rawlen);
    if (!rc)
        rc = buf_putc(&r->text, '\n');
    if (rc)
        return ERR_NOMEM;
    r->items[r->n++] = (brej_t){line, (uint32_t)start, (uint32_t)(r->text.len - start)};
    r->reasons[reason]++;
    if (!r->first_line || line < r->first_line) {
        r->first_line = line;
        r->first = *why;
    }
    return 0;
}

static int cmp_rej(const void *a, const void *b)
{
    int x = ((const brej_t *)a)->line, y = ((const brej_t *)b)->line;
    return (x > y) - (x < y);
}

int app_ledger_chunk_rejects_merge(rejects_t *a, rejects_t *b, buf_t *out, int64_t *rejected,
                                   int64_t *reasons)
{
    if (b->n > 1) /* a is in line order already */
        qsort(b->items, b->n, sizeof *b->items, cmp_rej);
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        bool take_a = j >= b->n || (i < a->n && a->items[i].line <= b->items[j].line);
        const rejects_t *r = take_a ? a : b;
        const brej_t *x = &r->items[take_a ? i++ : j++];
        if (buf_append(out, r->text.data + x->off, x->len))
            return ERR_NOMEM;
    }
    *rejected += (int64_t)(a->n + b->n);
    for (int k = 0; k < LREJ_COUNT; k++)
        reasons[k] += a->reasons[k] + b->reasons[k];
    return 0;
}

static void batch_reset(batch_t *b)
{
    b->nrecs = 0;
    buf_reset(&b->raw);
    app_ledger_chunk_rejects_reset(&b->rej);
    b->rows = b->skipped = 0;
    b->processed = 0;
    b->last_line = 0;
    b->eof = false;
    b->fatal = 0;
    err_clear(&b->err);
}

void app_ledger_chunk_release(batch_t *b)
{
    mem_free(b->recs);
    mem_free(b->order);
    buf_release(&b->raw);
    app_ledger_chunk_rejects_release(&b->rej);
}

static int fatal(batch_t *b, int rc, const err_t *why)
{
    b->fatal = rc < 0 ? rc : ERR_INTERNAL;
    b->err = *why;
    if (!b->err.status)
        err_set(&b->err, b->fatal, "ingest.read", "lỗi đọc dữ liệu", "reading failed");
    return b->fatal;
}

static int raw_reject(const chunk_reader_t *g, batch_t *b, int line, const err_t *why)
{
    size_t start = b->raw.len;
    int rc = g->rd->raw(g->src, &b->raw);
    if (!rc)
        rc = app_ledger_chunk_rejects_add(&b->rej, line, why, b->raw.data + start,
                                          b->raw.len - start);
    b->raw.len = start;
    return rc;
}

/* Reads, checks and times one record into the next slot. */
static int read_one(const chunk_reader_t *g, batch_t *b, int *done)
{
    if (MEM_GROW(b->recs, b->cap, b->nrecs + 1))
        return ERR_NOMEM;
    brec_t *r = &b->recs[b->nrecs];
    err_t why;
    err_clear(&why);
    int x = g->rd->next(g->src, &r->d, &why);
    if (x == 0) {
        b->eof = true;
        *done = 1;
        return 0;
    }
    if (x < 0) {
        *done = 1;
        return fatal(b, x, &why);
    }
    b->rows++;
    int line = g->rd->line(g->src);
    b->last_line = line;
    if (line <= g->resume_line) {
        b->skipped++;
        return 0;
    }
    *done = 2; /* a processed row */
    if (x == APP_LEDGER_REJECT)
        return raw_reject(g, b, line, &why);
    int rc = app_ledger_prepare_record(g->lc, &r->d, &why);
    if (rc == ERR_INVALID)
        return raw_reject(g, b, line, &why);
    if (rc) {
        *done = 1;
        return fatal(b, rc, &why);
    }
    r->line = line;
    r->cls = (int)dossier_class_of(&r->d, g->now, &g->lc->rules);
    dossier_keymap_get(&g->lc->unit_index, r->d.unit, &r->unit);
    r->proc = (uint32_t)procedure_set_find(&g->lc->procs, r->d.procedure);
    r->raw_off = (uint32_t)b->raw.len;
    if (g->rd->raw(g->src, &b->raw))
        return ERR_NOMEM;
    r->raw_len = (uint32_t)(b->raw.len - r->raw_off);
    /* The events of a new dossier, as stored (an update recomputes them). */
    dossier_event_t ev[DOSSIER_MAX_RECORD_EVENTS];
    size_t n = dossier_to_events(&r->d, ev);
    if (buf_reserve(&b->raw, STORE_BULK_EVENTS_MAX))
        return ERR_NOMEM;
    r->ev_off = (uint32_t)b->raw.len;
    b->raw.len += store_ledger_bulk_events_text(ev, n, b->raw.data + b->raw.len) + 1;
    b->nrecs++;
    return 0;
}

/* Sort key of a record: the first 24 bytes of its code, big-endian (the
 * order of strcmp on them), then the rest of the code, then the line. */
typedef struct rkey {
    uint64_t w[3];
    uint32_t at;
    int line;
    const char *code;
} rkey_t;

static uint64_t be64(const char *s, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++)
        v = (v << 8) | (i < n ? (unsigned char)s[i] : 0);
    return v;
}

static int cmp_key(const void *a, const void *b)
{
    const rkey_t *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x->w[i] != y->w[i])
            return x->w[i] < y->w[i] ? -1 : 1;
    /* Equal first 24 bytes: the rest decides when either code is longer. */
    int c = strnlen(x->code, 25) > 24 || strnlen(y->code, 25) > 24
                ? strcmp(x->code + 24, y->code + 24)
                : 0;
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int sort_batch(batch_t *b)
{
    rkey_t *keys = mem_alloc((b->nrecs + 1) * sizeof *keys);
    mem_free(b->order);
    b->order = mem_alloc((b->nrecs + 1) * sizeof *b->order);
    if (!keys || !b->order) {
        mem_free(keys);
        return ERR_NOMEM;
    }
    for (size_t i = 0; i < b->nrecs; i++) {
        const char *c = b->recs[i].d.code;
        size_t n = strnlen(c, 24);
        keys[i] = (rkey_t){
            {be64(c, n), n > 8 ? be64(c + 8, n - 8) : 0, n > 16 ? be64(c + 16, n - 16) : 0},
            (uint32_t)i,
            b->recs[i].line,
            c};
    }
    qsort(keys, b->nrecs, sizeof *keys, cmp_key);
    for (size_t i = 0; i < b->nrecs; i++)
        b->order[i] = keys[i].at;
    mem_free(keys);
    /* Moves the records into that order (cycle by cycle, in place), so
     * that the writer walks them sequentially. */
    for (size_t i = 0; i < b->nrecs; i++) {
        if (b->order[i] == i)
            continue;
        brec_t tmp = b->recs[i];
        size_t j = i;
        while (b->order[j] != i) {
            size_t k = b->order[j];
            b->recs[j] = b->recs[k];
            b->order[j] = (uint32_t)j;
            j = k;
        }
        b->recs[j] = tmp;
        b->order[j] = (uint32_t)j;
    }
    return 0;
}

void app_ledger_chunk_fill(const chunk_reader_t *g, batch_t *b)
{
    batch_reset(b);
    while (b->processed < g->chunk) {
        if ((b->rows & 1023) == 0 && atomic_load(g->quit))
            break;
        int done = 0;
        int rc = read_one(g, b, &done);
        if (rc && !b->fatal) {
            err_t why;
            err_nomem(&why);
            fatal(b, rc, &why);
        }
        if (b->fatal || done == 1)
            break;
        b->processed += done == 2;
    }
    b->offset = g->rd->offset(g->src);
    if (!b->fatal && sort_batch(b)) {
        err_t why;
        err_nomem(&why);
        fatal(b, ERR_NOMEM, &why);
    }
}
