/* app_ledger_chunk.h - the reader side of the bulk dossier ingest: chunks
 * of parsed, checked, timed records sorted by dossier code, and the
 * rejected rows with their reject-file lines (docs/internals/ledger.md,
 * "Bulk ingest"). Not a public interface: used by app_ledger_ingest.c.
 *
 * A chunk is filled by one thread (the reader) and then handed over whole
 * to another (the writer); nothing in it is shared while it is filled. */
#ifndef CCHC_APP_LEDGER_CHUNK_H
#define CCHC_APP_LEDGER_CHUNK_H

#include "app/app_ledger.h"
#include "app/app_ledger_int.h"
#include "base/buf.h"

#include <stdatomic.h>

/* A parsed, checked and timed record, with what the writer needs ready. */
typedef struct brec {
    dossier_t d;
    int line, cls;
    uint32_t unit, proc;
    uint32_t raw_off, raw_len; /* its row as a reject-file field, in batch.raw */
    uint32_t ev_off;           /* its events' stored text, in batch.raw */
} brec_t;

/* A rejected row: its reject-file line is text[off, off + len). */
typedef struct brej {
    int line;
    uint32_t off, len;
} brej_t;

typedef struct rejects {
    brej_t *items;
    size_t n, cap;
    buf_t text;
    err_t first; /* the one with the smallest line (for --strict) */
    int first_line;
    int64_t reasons[LREJ_COUNT];
} rejects_t;

/* Sizes: a batch's raw lines and its rejects' text. */
#define APP_LEDGER_CHUNK_RAW_MAX ((size_t)512 << 20)
#define APP_LEDGER_CHUNK_REJ_MAX ((size_t)256 << 20)

typedef struct batch {
    brec_t *recs;
    size_t nrecs, cap;
    uint32_t *order; /* scratch: the sort of recs by (code, line) */
    buf_t raw;
    rejects_t rej;
    int64_t rows, skipped;
    size_t processed; /* rows past the resume point: records + rejects */
    int last_line;
    size_t offset;
    bool eof;
    int fatal; /* < 0: reading failed (err) */
    err_t err;
} batch_t;

/* What a reader needs (borrowed for the whole ingest). */
typedef struct chunk_reader {
    const app_ledger_reader_t *rd;
    void *src;
    const app_ledger_ctx_t *lc;
    int64_t resume_line; /* rows up to this line are skipped (resume) */
    dtime_t now;         /* the stored class is computed as of now */
    size_t chunk;        /* rows past the resume point per chunk */
    atomic_bool *quit;   /* set: stop filling early (the chunk is abandoned) */
} chunk_reader_t;

/* Fills b with the next chunk: records sorted by (code, line), rejects in
 * line order; b->eof at the end of the file; b->fatal (< 0, b->err) when
 * reading failed or memory ran out. */
void app_ledger_chunk_fill(const chunk_reader_t *r, batch_t *b);
/* An empty batch with its buffers' maxima set (before first use). */
void app_ledger_chunk_init(batch_t *b);
/* An empty rejects list (its text's maximum set). */
void app_ledger_chunk_rejects_init(rejects_t *r);
void app_ledger_chunk_release(batch_t *b);

/* Records a rejected row: "line,reason,message,row" where raw is the row
 * already as reject-file fields. ERR_NOMEM. */
int app_ledger_chunk_rejects_add(rejects_t *r, int line, const err_t *why, const char *raw,
                                 size_t rawlen);
void app_ledger_chunk_rejects_reset(rejects_t *r);
void app_ledger_chunk_rejects_release(rejects_t *r);
/* Appends the lines of a (in line order) and b (any order; sorted here)
 * to out in line order, and adds their counts to *rejected and
 * reasons[LREJ_COUNT]. ERR_NOMEM. */
int app_ledger_chunk_rejects_merge(rejects_t *a, rejects_t *b, buf_t *out, int64_t *rejected,
                                   int64_t *reasons);

#endif
