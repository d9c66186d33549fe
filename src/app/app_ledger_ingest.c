/* app_ledger_ingest.c - bulk dossier ingest (docs/internals/ledger.md,
 * "Bulk ingest").
 *
 * Three threads. The reader (app_ledger_chunk.c) parses, checks and times
 * the records of one chunk and sorts them by dossier code, while the writer
 * (the calling thread, which owns the database connection) writes the
 * previous chunk, committing every `batch` rows. Inserting in code order
 * keeps the code index's insertions local. Rejects keep their line order
 * in the reject file: the writer's own (duplicates) are merged with the
 * reader's by line. The checkpointer, with its own connection, copies
 * committed WAL frames into the database (passive checkpoints) after each
 * commit, which the writer's commits would otherwise do themselves; the
 * ingest returns only after the last of them. */
#include "app/app_health.h"
#include "app/app_ledger.h"

#include "app/app_ledger_chunk.h"
#include "app/app_ledger_int.h"
#include "app/app_ledger_snap.h"
#include "app/app_kpi.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/dossier_class.h"
#include "store/store_ledger.h"
#include "store/store_ledger_bulk.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define DEFAULT_BATCH 250000 /* rows per transaction */
#define CHUNK_MAX     100000 /* rows the reader hands over at a time */

typedef struct ingest {
    app_t *a;
    store_t *s;
    const ledger_ingest_opts_t *o;
    ledger_ingest_report_t *rep;
    app_ledger_ctx_t lc;
    store_ledger_job_t job;
    FILE *rej;
    buf_t rejbuf;
    int64_t resume_line;
    dtime_t now;
    struct timespec t0;
    int64_t last_line;
    const user_t *actor;
    const char *path;
    size_t batch;       /* rows per transaction */
    size_t uncommitted; /* rows written since the last commit */
    int slice_ms;       /* longest transaction (ms), <= 0: no limit */
    struct timespec tx_start;
    void *src;
    rejects_t dbrej; /* the writer's rejects of the current batch */
    bool in_tx;
    app_ledger_snap_t *snap;
    /* the background checkpointer */
    pthread_t ckpt;
    bool ckpt_on;
    int ckpt_pending;
    bool ckpt_stop;
    /* the reader / writer hand-off: two batches */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch_t slots[2];
    batch_t *free[2], *full[2];
    int nfree, nfull;
    atomic_bool quit;
} ingest_t;

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Fingerprint: BLAKE2b-256 of the size and the first and last 4 MiB. */
static int fingerprint(const char *path, char out[65], err_t *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_IO, "file.open", "Không mở được tệp '%s': %s",
                       "Cannot open file '%s': %s", path, strerror(errno));
    struct stat st;
    int rc = fstat(fileno(f), &st);
    size_t chunk = 4u << 20;
    unsigned char *buf = mem_alloc(chunk);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    uint64_t size = rc == 0 ? (uint64_t)st.st_size : 0;
    crypto_generichash_update(&h, (const unsigned char *)&size, sizeof size);
    for (int part = 0; buf && rc == 0 && part < 2; part++) {
        if (part == 1) {
            if (size <= chunk)
                break;
            if (fseeko(f, (off_t)(size > 2 * chunk ? size - chunk : chunk), SEEK_SET))
                rc = -1;
        }
        size_t n = rc == 0 ? fread(buf, 1, chunk, f) : 0;
        crypto_generichash_update(&h, buf, n);
    }
    fclose(f);
    unsigned char digest[32];
    crypto_generichash_final(&h, digest, sizeof digest);
    mem_free(buf);
    if (!buf)
        return err_nomem(e);
    if (rc)
        return err_set(e, ERR_IO, "file.read", "Không đọc được tệp '%s'", "Cannot read '%s'", path);
    sodium_bin2hex(out, 65, digest, sizeof digest);
    return 0;
}

static int merge_rejects(ingest_t *g, rejects_t *a, rejects_t *b)
{
    return app_ledger_chunk_rejects_merge(a, b, &g->rejbuf, &g->rep->st.rejected,
                                          g->rep->st.reasons);
}

static int flush_rejects(ingest_t *g, err_t *e)
{
    if (!g->rejbuf.len)
        return 0;
    if (!g->rej) {
        g->rej = fopen(g->rep->rejects_path, "ab");
        if (!g->rej)
            return err_set(e, ERR_IO, "file.open", "Không ghi được tệp '%s': %s",
                           "Cannot write '%s': %s", g->rep->rejects_path, strerror(errno));
        if (ftello(g->rej) == 0)
            fprintf(g->rej, "Dong,MaLoi,LyDo,%s\n", "DuLieuGoc");
    }
    if (fwrite(g->rejbuf.data, 1, g->rejbuf.len, g->rej) != g->rejbuf.len || fflush(g->rej))
        return err_set(e, ERR_IO, "file.write", "Không ghi được tệp '%s'", "Cannot write '%s'",
                       g->rep->rejects_path);
    buf_reset(&g->rejbuf);
    g->job.rejects_bytes = (int64_t)ftello(g->rej);
    return 0;
}

/* CPU seconds of the calling thread (for the debug log). */
static double thread_cpu(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_THREAD, &ru))
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void *reader_main(void *arg)
{
    ingest_t *g = arg;
    /* small chunks when slicing: a commit can only come between chunks */
    size_t chunk = g->slice_ms > 0 ? LEDGER_INGEST_SLICE_ROWS : CHUNK_MAX;
    chunk_reader_t r = {g->o->reader,   g->src, &g->lc,
                        g->resume_line, g->now, g->batch < chunk ? g->batch : chunk,
                        &g->quit};
    for (;;) {
        pthread_mutex_lock(&g->mu);
        while (!g->nfree && !atomic_load(&g->quit))
            pthread_cond_wait(&g->cv, &g->mu);
        batch_t *b = atomic_load(&g->quit) ? NULL : g->free[--g->nfree];
        pthread_mutex_unlock(&g->mu);
        if (!b)
            break;
        app_ledger_chunk_fill(&r, b);
        pthread_mutex_lock(&g->mu);
        g->full[g->nfull++] = b;
        pthread_cond_broadcast(&g->cv);
        pthread_mutex_unlock(&g->mu);
        if (b->eof || b->fatal)
            break;
    }
    log_debug("ingest: reader thread %.2f s CPU", thread_cpu());
    return NULL;
}

static batch_t *next_full(ingest_t *g)
{
    pthread_mutex_lock(&g->mu);
    while (!g->nfull)
        pthread_cond_wait(&g->cv, &g->mu);
    batch_t *b = g->full[0];
    g->full[0] = g->full[1];
    g->nfull--;
    pthread_mutex_unlock(&g->mu);
    return b;
}

static void give_back(ingest_t *g, batch_t *b)
{
    pthread_mutex_lock(&g->mu);
    g->free[g->nfree++] = b;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

/* --- the writer ----------------------------------------------------------------------- */

static int write_rec(ingest_t *g, batch_t *b, const brec_t *r, err_t *e)
{
    const dossier_t *d = &r->d;
    int64_t id = 0;
    int rc = store_ledger_bulk_dossier_insert(g->s, d, r->cls, g->job.id, &id, e);
    if (rc == STORE_INSERTED) {
        rc = store_ledger_bulk_events_add(g->s, id, 1, 1, b->raw.data + r->ev_off, g->job.id, e);
        if (!rc) {
            g->rep->st.inserted++;
            app_ledger_snap_row(g->snap, r->unit, r->proc, id, d, false);
        }
        return rc;
    }
    if (rc < 0)
        return rc;
    /* The code exists: the fresher record wins. */
    store_ledger_dossier_meta_t m;
    rc = store_ledger_dossier_meta(g->s, d->code, &m, e);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return err_set(e, ERR_INTERNAL, "ingest.meta", "không đọc được hồ sơ %s",
                       "cannot read dossier %s", d->code);
    if (m.job_id == g->job.id) {
        err_t why;
        err_set(&why, ERR_INVALID, "ingest.duplicate", "mã hồ sơ %s lặp lại trong tệp",
                "dossier code %s appears twice in the file", d->code);
        return app_ledger_chunk_rejects_add(&g->dbrej, r->line, &why, b->raw.data + r->raw_off,
                                            r->raw_len)
                   ? err_nomem(e)
                   : 0;
    }
    if (dossier_freshness(d) < m.fresh_at) {
        g->rep->st.older++;
        return 0;
    }
    rc = store_ledger_dossier_update(g->s, m.id, d, r->cls, g->job.id, m.rev + 1, e);
    if (!rc)
        rc = app_ledger_append_record_events(g->s, m.id, m.batches + 1, m.rev + 1, d, g->job.id, e);
    if (!rc) {
        g->rep->st.updated++;
        app_ledger_snap_row(g->snap, r->unit, r->proc, m.id, d, true);
    }
    return rc;
}

/* --- the checkpointer ------------------------------------------------------------------ */

static void *ckpt_main(void *arg)
{
    ingest_t *g = arg;
    err_t e;
    store_t *s;
    if (app_store(g->a, &s, &e))
        log_warn("ingest: no connection for background checkpoints: %s", e.en);
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (!g->ckpt_pending && !g->ckpt_stop)
            pthread_cond_wait(&g->cv, &g->mu);
        bool stop = g->ckpt_stop;
        g->ckpt_pending = 0;
        pthread_mutex_unlock(&g->mu);
        if (s && store_ledger_bulk_checkpoint(s, &e))
            log_debug("ingest: background checkpoint: %s", e.en);
        pthread_mutex_lock(&g->mu);
        if (stop)
            break;
    }
    pthread_mutex_unlock(&g->mu);
    log_debug("ingest: checkpointer thread %.2f s CPU", thread_cpu());
    return NULL;
}

static void ckpt_start(ingest_t *g)
{
    if (g->o->strict || pthread_create(&g->ckpt, NULL, ckpt_main, g) != 0)
        return;
    g->ckpt_on = true;
    err_t e;
    if (store_ledger_bulk_autocheckpoint(g->s, false, &e))
        log_warn("ingest: automatic checkpoints stay on: %s", e.en);
}

static void ckpt_poke(ingest_t *g)
{
    if (!g->ckpt_on)
        return;
    pthread_mutex_lock(&g->mu);
    g->ckpt_pending = 1;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

/* Stops the checkpointer after a last checkpoint, and checkpoints here too
 * (in case its connection failed). */
static void ckpt_finish(ingest_t *g)
{
    if (!g->ckpt_on)
        return;
    pthread_mutex_lock(&g->mu);
    g->ckpt_stop = true;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    pthread_join(g->ckpt, NULL);
    g->ckpt_on = false;
    err_t e;
    if (store_ledger_bulk_autocheckpoint(g->s, true, &e) || store_ledger_bulk_checkpoint(g->s, &e))
        log_warn("ingest: final checkpoint: %s (the next commits checkpoint)", e.en);
}

static int begin_tx(ingest_t *g, err_t *e)
{
    int rc = store_begin(g->s, e);
    g->in_tx = !rc;
    clock_gettime(CLOCK_MONOTONIC, &g->tx_start);
    return rc;
}

/* Whether the open transaction has held the write lock for its slice. Past
 * half of it, the rows sent ahead are first waited for (PostgreSQL's COPY
 * streams run ahead of the server by up to a few MiB, which the commit
 * would wait for past the slice): from then on the server is at most a
 * chunk behind. */
static int slice_over(ingest_t *g, bool *over, err_t *e)
{
    *over = false;
    if (g->slice_ms <= 0 || elapsed(&g->tx_start) * 1000.0 < g->slice_ms / 2.0)
        return 0;
    int rc = store_ledger_bulk_sync(g->s, e);
    *over = elapsed(&g->tx_start) * 1000.0 >= g->slice_ms;
    return rc;
}

static int commit_batch(ingest_t *g, err_t *e)
{
    int rc = flush_rejects(g, e);
    g->job.last_line = g->last_line;
    g->job.rows_ok = g->rep->st.inserted + g->rep->st.updated + g->rep->st.older;
    g->job.rows_rejected = g->rep->st.rejected;
    if (!rc)
        rc = store_ledger_job_progress(g->s, &g->job, e);
    if (!rc) {
        app_ledger_snap_check(g->snap, g->s);
        rc = store_ledger_bump(g->s, e);
    }
    if (!rc)
        rc = store_commit(g->s, e);
    g->in_tx = false;
    if (!rc) {
        app_ledger_snap_committed(g->snap);
        ckpt_poke(g);
    }
    return rc;
}

static void report_progress(ingest_t *g, size_t offset)
{
    if (!g->o->progress)
        return;
    g->rep->st.offset = offset;
    g->rep->st.size = g->o->reader->size(g->src);
    g->rep->st.seconds = elapsed(&g->t0);
    g->o->progress(g->o->progress_ctx, &g->rep->st);
}

static int strict_abort(const err_t *why, err_t *e)
{
    err_set_pair(e, ERR_INVALID, "ingest.strict", why->vi, why->en);
    err_prefixf(e, "--strict, không nhập gì: ", "--strict, nothing imported: ");
    return ERR_INVALID;
}

/* The chunk's dossier codes looked up at once (store_ledger_bulk_prefetch). */
static int prefetch(ingest_t *g, batch_t *b, err_t *e)
{
    if (!b->nrecs)
        return 0;
    const char **codes = mem_alloc(b->nrecs * sizeof *codes);
    if (!codes)
        return err_nomem(e);
    for (size_t i = 0; i < b->nrecs; i++)
        codes[i] = b->recs[i].d.code;
    int rc = store_ledger_bulk_prefetch(g->s, codes, b->nrecs, e);
    mem_free(codes);
    return rc;
}

/* Writes one chunk of rows, and commits when a transaction's worth of rows
 * is written (never before the end with --strict). 1 = stop here. */
static int write_batch(ingest_t *g, batch_t *b, err_t *e)
{
    g->rep->st.rows += b->rows;
    g->rep->st.skipped += b->skipped;
    if (b->rows)
        g->last_line = b->last_line;
    app_ledger_chunk_rejects_reset(&g->dbrej);
    int rc = g->in_tx ? 0 : begin_tx(g, e);
    if (!rc)
        rc = prefetch(g, b, e);
    for (size_t i = 0; !rc && i < b->nrecs; i++)
        rc = write_rec(g, b, &b->recs[i], e);
    if (!rc && g->o->strict && (b->rej.n || g->dbrej.n)) {
        bool db_first = g->dbrej.n && (!b->rej.n || g->dbrej.first_line < b->rej.first_line);
        return strict_abort(db_first ? &g->dbrej.first : &b->rej.first, e);
    }
    if (!rc && merge_rejects(g, &b->rej, &g->dbrej))
        rc = err_nomem(e);
    if (!rc && b->fatal) {
        *e = b->err;
        return b->fatal;
    }
    if (!rc && g->o->progress_every)
        report_progress(g, b->offset);
    g->uncommitted += b->processed;
    bool over = false;
    if (!rc && !b->eof && !g->o->strict && g->uncommitted < g->batch)
        rc = slice_over(g, &over, e);
    if (rc || (!b->eof && (g->o->strict || (g->uncommitted < g->batch && !over))))
        return rc;
    g->uncommitted = 0;
    double held = elapsed(&g->tx_start) * 1000;
    rc = commit_batch(g, e);
    log_debug("ingest: write lock held %.1f ms, committed at %.1f ms", held,
              elapsed(&g->tx_start) * 1000);
    if (!rc && !b->eof && g->o->stop && *g->o->stop) {
        g->rep->interrupted = true;
        return 1;
    }
    if (!rc && !b->eof) {
        struct timespec y0;
        clock_gettime(CLOCK_MONOTONIC, &y0);
        store_ledger_bulk_yield(g->s); /* waiting interactive writes go first */
        log_debug("ingest: handed the lock over for %.1f ms", elapsed(&y0) * 1000);
    }
    return rc;
}

static int run_batches(ingest_t *g, const char *fp, err_t *e)
{
    int rc = 0;
    if (g->o->strict) { /* the job row commits with everything or not at all */
        rc = begin_tx(g, e);
        if (!rc)
            rc = store_ledger_job_create(g->s, "dossiers", g->path, fp, &g->job.id, e);
    }
    pthread_t reader;
    if (!rc)
        ckpt_start(g);
    if (!rc && pthread_create(&reader, NULL, reader_main, g) != 0)
        rc = err_set(e, ERR_INTERNAL, "ingest.thread", "không tạo được luồng đọc",
                     "cannot start the reader thread");
    if (rc) {
        if (g->in_tx)
            store_rollback(g->s);
        ckpt_finish(g);
        return rc;
    }
    for (;;) {
        batch_t *b = next_full(g);
        bool last = b->eof || b->fatal;
        rc = write_batch(g, b, e);
        give_back(g, b);
        if (rc || last)
            break;
    }
    atomic_store(&g->quit, true);
    pthread_mutex_lock(&g->mu);
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    pthread_join(reader, NULL);
    if (rc < 0 && g->in_tx)
        store_rollback(g->s);
    g->in_tx = false;
    ckpt_finish(g);
    if (rc == 0)
        report_progress(g, g->o->reader->offset(g->src));
    return rc < 0 ? rc : 0;
}

/* Non-strict: finds the job of this file (resume) or creates one. */
static int open_job(ingest_t *g, const char *fp, err_t *e)
{
    store_ledger_job_t old;
    int rc = store_ledger_job_find(g->s, "dossiers", fp, &old, e);
    if (rc < 0)
        return rc;
    if (rc == STORE_FOUND && strcmp(old.status, "done") == 0) {
        g->rep->already_done = true;
        g->rep->job_id = old.id;
        return 0;
    }
    if (g->o->strict)
        return 0;
    if (rc == STORE_FOUND) {
        g->job = old;
        g->resume_line = old.last_line;
        g->rep->resumed = true;
        g->rep->resumed_at = old.last_line;
        g->rep->st.rejected = old.rows_rejected;
        /* Rejects written after the last commit are dropped: they are found
         * again. */
        if (truncate(g->rep->rejects_path, (off_t)old.rejects_bytes) != 0 && errno != ENOENT)
            return err_set(e, ERR_IO, "file.write", "Không cắt được tệp '%s'",
                           "Cannot truncate '%s'", g->rep->rejects_path);
        return 0;
    }
    rc = store_begin(g->s, e);
    if (!rc)
        rc = store_ledger_job_create(g->s, "dossiers", g->path, fp, &g->job.id, e);
    if (!rc)
        rc = store_commit(g->s, e);
    else
        store_rollback(g->s);
    if (!rc && unlink(g->rep->rejects_path) != 0 && errno != ENOENT)
        rc = err_set(e, ERR_IO, "file.write", "Không xóa được tệp '%s'", "Cannot remove '%s'",
                     g->rep->rejects_path);
    return rc;
}

static int finish_job(ingest_t *g, const char *status, err_t *e)
{
    int rc = store_begin(g->s, e);
    if (!rc)
        rc = store_ledger_job_finish(g->s, g->job.id, status, e);
    if (!rc) {
        char detail[160];
        snprintf(detail, sizeof detail, "job %lld: %lld new, %lld updated, %lld rejected, %s",
                 (long long)g->job.id, (long long)g->rep->st.inserted,
                 (long long)g->rep->st.updated, (long long)g->rep->st.rejected, status);
        rc = store_audit_append(g->s, g->actor ? g->actor->login : "cli", "dossier.ingest", g->path,
                                detail, e);
    }
    if (!rc)
        rc = store_commit(g->s, e);
    else
        store_rollback(g->s);
    return rc;
}

static void ingest_release(ingest_t *g)
{
    if (g->src)
        g->o->reader->close(g->src);
    if (g->rej)
        fclose(g->rej);
    app_ledger_snap_free(g->snap);
    app_ledger_ctx_release(&g->lc);
    buf_release(&g->rejbuf);
    app_ledger_chunk_rejects_release(&g->dbrej);
    for (int i = 0; i < 2; i++)
        app_ledger_chunk_release(&g->slots[i]);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->cv);
}

static int ingest_run(app_t *a, const user_t *actor, const char *path,
                      const ledger_ingest_opts_t *o, ledger_ingest_report_t *rep, err_t *e);

int app_ledger_ingest(app_t *a, const user_t *actor, const char *path,
                      const ledger_ingest_opts_t *o, ledger_ingest_report_t *rep, err_t *e)
{
    int ticket = app_health_work_begin(a, "dossier.ingest");
    int rc = ingest_run(a, actor, path, o, rep, e);
    app_health_work_end(a, ticket);
    return rc;
}

static int ingest_run(app_t *a, const user_t *actor, const char *path,
                      const ledger_ingest_opts_t *o, ledger_ingest_report_t *rep, err_t *e)
{
    if (actor && !app_ledger_may_import(actor))
        return app_ledger_forbidden(e);
    if (!o || !o->reader)
        return err_set(e, ERR_INVALID, "ingest.reader", "Thiếu bộ đọc tệp hồ sơ",
                       "No dossier file reader given");
    ledger_ingest_opts_t defaults = {0};
    ingest_t g;
    memset(&g, 0, sizeof g);
    g.a = a;
    g.o = o ? o : &defaults;
    g.rep = rep;
    g.actor = actor;
    g.path = path;
    g.batch = g.o->batch ? g.o->batch : DEFAULT_BATCH;
    g.slice_ms = g.o->strict ? 0 : g.o->slice_ms ? g.o->slice_ms : LEDGER_INGEST_SLICE_MS;
    memset(rep, 0, sizeof *rep);
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    g.now = dtime_now();
    buf_init(&g.rejbuf, 2 * APP_LEDGER_CHUNK_REJ_MAX); /* the rejects of two batches at most */
    pthread_mutex_init(&g.mu, NULL);
    pthread_cond_init(&g.cv, NULL);
    atomic_init(&g.quit, false);
    app_ledger_chunk_rejects_init(&g.dbrej);
    for (int i = 0; i < 2; i++) {
        app_ledger_chunk_init(&g.slots[i]);
        g.free[g.nfree++] = &g.slots[i];
    }
    if (g.o->rejects_path)
        snprintf(rep->rejects_path, sizeof rep->rejects_path, "%s", g.o->rejects_path);
    else
        snprintf(rep->rejects_path, sizeof rep->rejects_path, "%s.rejects.csv", path);
    char fp[65];
    int rc = app_store(a, &g.s, e);
    if (!rc)
        rc = fingerprint(path, fp, e);
    if (!rc)
        rc = open_job(&g, fp, e);
    if (!rc && !rep->already_done)
        rc = app_ledger_ctx_load(a, &g.lc, e);
    else
        memset(&g.lc, 0, sizeof g.lc);
    if (!rc && g.o->now > 0 && g.o->now != DTIME_NONE)
        g.lc.now = g.o->now;
    if (!rc && !rep->already_done)
        rc = g.o->reader->open(path, &g.src, e);
    if (!rc && !rep->already_done && !g.o->no_snapshot)
        g.snap = app_ledger_snap_begin(a, &g.lc);
    if (!rc && !rep->already_done)
        rc = store_ledger_bulk(g.s, true, e);
    if (!rc && !rep->already_done) {
        rc = run_batches(&g, fp, e);
        err_t be;
        if (store_ledger_bulk(g.s, false, &be))
            log_warn("ingest: leaving bulk mode: %s", be.en);
        for (int i = 0; i < 2; i++) { /* not needed any more: memory for the image */
            app_ledger_chunk_release(&g.slots[i]);
            memset(&g.slots[i], 0, sizeof g.slots[i]);
        }
        if (!rc && !rep->interrupted)
            rc = finish_job(&g, "done", e);
        double t = elapsed(&g.t0);
        if (!rc)
            app_ledger_snap_finish(g.snap, a);
        log_debug("ingest: rows in %.2f s, snapshot image in %.2f s; writer thread %.2f s CPU", t,
                  elapsed(&g.t0) - t, thread_cpu());
        rep->job_id = g.job.id;
    }
    rep->st.seconds = elapsed(&g.t0);
    ingest_release(&g);
    return rc;
}
