/* app_ledger.c - procedure catalogue import and bulk dossier ingest. */
#include "app/app_ledger.h"

#include "app/app_ledger_internal.h"
#include "app/app_kpi.h"
#include "app/app_units.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/dossier_class.h"
#include "domain/dossier_keymap.h"
#include "io/dossier_io.h"
#include "store/store_ledger.h"
#include "store/store_user.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *reject_names[LREJ_COUNT] = {"columns",   "truncated", "format", "date",
                                               "value",     "status",    "order",  "unit",
                                               "procedure", "duplicate"};

const char *ledger_reject_name(int reason)
{
    return reason >= 0 && reason < LREJ_COUNT ? reject_names[reason] : "?";
}

static int forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Chỉ quản trị hoặc cơ quan thường trực được nhập dữ liệu hồ sơ",
                   "Only an administrator or the standing agency may import ledger data");
}

static bool may_import(const user_t *actor)
{
    return !actor || actor->role == ROLE_ADMIN ||
           (actor->role == ROLE_STANDING && !actor->unit_code[0]);
}

/* --- procedures ------------------------------------------------------------- */

int app_ledger_load_procedures(app_t *a, procedure_set_t *out, err_t *e)
{
    store_t *s = app_store(a, e);
    if (!s)
        return e ? e->status : ERR_DB;
    return store_procedures_load(s, out, e);
}

int app_ledger_import_procedures(app_t *a, const user_t *actor, const procedure_set_t *in,
                                 const char *source, size_t *count, err_t *e)
{
    if (actor && !may_import(actor))
        return forbidden(e);
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    for (size_t i = 0; !rc && i < in->nlinks; i++)
        if (!unit_set_find(&units, in->links[i].unit, DATE_NONE))
            rc = err_set(e, ERR_INVALID, "procedure.unit_unknown",
                         "%s: thủ tục %s gắn với đơn vị không tồn tại '%s'",
                         "%s: procedure %s names an unknown unit '%s'", source,
                         in->links[i].procedure, in->links[i].unit);
    unit_set_release(&units);
    if (rc)
        return rc;
    store_t *s = app_store(a, e);
    if (!s)
        return e ? e->status : ERR_DB;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_procedures_save(s, in, e);
    if (!rc)
        rc = store_ledger_bump(s, e);
    if (!rc) {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu procedures, %zu links", in->n, in->nlinks);
        rc = store_audit(s, actor ? actor->login : "cli", "procedure.import", source, detail, e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && count)
        *count = in->n;
    return rc;
}

/* --- dossier ingest ----------------------------------------------------------- */

typedef struct ingest {
    app_t *a;
    store_t *s;
    const ledger_ingest_opts_t *o;
    ledger_ingest_report_t *rep;
    ledger_ctx_t lc; /* units, procedures, calendar */
    store_job_t job;
    FILE *rej;
    buf_t rejbuf;
    int64_t resume_line;
    dtime_t now;
    struct timespec t0;
    int64_t last_line;
    const user_t *actor;
    const char *path;
} ingest_t;

static const char *src_path(const ingest_t *g)
{
    return g->path;
}

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
               {"dossier.supplements", LREJ_VALUE},  {"dossier.code", LREJ_VALUE}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, code) == 0)
            return map[i].reason;
    return LREJ_VALUE;
}

static int add_reject(ingest_t *g, dossier_src_t *src, const err_t *why, err_t *e)
{
    int reason = reason_of(why->code);
    g->rep->st.rejected++;
    g->rep->st.reasons[reason]++;
    if (g->o->strict)
        return err_set(e, ERR_INVALID, "ingest.strict",
                       "%s (--strict: không nhập gì / nothing imported)%.0s",
                       "%.0s%s (--strict: nothing imported)", why->vi, why->en);
    int rc = buf_printf(&g->rejbuf, "%d,%s,", dossier_src_line(src), ledger_reject_name(reason));
    if (!rc)
        rc = dossier_io_csv_field(&g->rejbuf, why->vi);
    if (!rc)
        rc = buf_putc(&g->rejbuf, ',');
    if (!rc)
        rc = dossier_src_raw(src, &g->rejbuf);
    if (!rc)
        rc = buf_putc(&g->rejbuf, '\n');
    return rc ? err_nomem(e) : 0;
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
    buf_clear(&g->rejbuf);
    g->job.rejects_bytes = (int64_t)ftello(g->rej);
    return 0;
}

static int ingest_row(ingest_t *g, dossier_src_t *src, dossier_t *d, err_t *e)
{
    err_t why;
    err_clear(&why);
    int rc = ledger_prepare_record(&g->lc, d, &why);
    if (rc == ERR_INVALID)
        return add_reject(g, src, &why, e);
    if (rc)
        return err_set(e, why.status, why.code, "%s%.0s", "%.0s%s", why.vi, why.en);
    int cls = (int)dossier_classify(d, g->now, &g->lc.rules);
    int64_t id;
    rc = store_dossier_insert(g->s, d, cls, g->job.id, &id, e);
    if (!rc && id) {
        rc = ledger_append_record_events(g->s, id, 1, 1, d, g->job.id, e);
        if (!rc)
            g->rep->st.inserted++;
        return rc;
    }
    if (rc)
        return rc;
    /* The code exists: the fresher record wins. */
    store_dossier_meta_t m;
    rc = store_dossier_meta(g->s, d->code, &m, e);
    if (rc < 0)
        return rc;
    if (m.job_id == g->job.id) {
        err_set(&why, ERR_INVALID, "ingest.duplicate", "mã hồ sơ %s lặp lại trong tệp",
                "dossier code %s appears twice in the file", d->code);
        return add_reject(g, src, &why, e);
    }
    if (dossier_freshness(d) < m.fresh_at) {
        g->rep->st.older++;
        return 0;
    }
    rc = store_dossier_update(g->s, m.id, d, cls, g->job.id, m.rev + 1, e);
    if (!rc)
        rc = ledger_append_record_events(g->s, m.id, m.batches + 1, m.rev + 1, d, g->job.id, e);
    if (!rc)
        g->rep->st.updated++;
    return rc;
}

static int commit_batch(ingest_t *g, err_t *e)
{
    int rc = flush_rejects(g, e);
    g->job.last_line = g->last_line;
    g->job.rows_ok = g->rep->st.inserted + g->rep->st.updated + g->rep->st.older;
    g->job.rows_rejected = g->rep->st.rejected;
    if (!rc)
        rc = store_job_progress(g->s, &g->job, e);
    if (!rc)
        rc = store_ledger_bump(g->s, e);
    if (!rc)
        rc = store_commit(g->s, e);
    return rc;
}

static void report_progress(ingest_t *g, dossier_src_t *src)
{
    if (!g->o->progress)
        return;
    g->rep->st.offset = dossier_src_offset(src);
    g->rep->st.size = dossier_src_size(src);
    g->rep->st.seconds = elapsed(&g->t0);
    g->o->progress(g->o->progress_ctx, &g->rep->st);
}

static int run_rows(ingest_t *g, dossier_src_t *src, const char *fp, err_t *e)
{
    size_t batch = g->o->batch ? g->o->batch : 50000, in_batch = 0;
    size_t every = g->o->progress_every;
    int rc = store_begin(g->s, e);
    if (!rc && g->o->strict) /* the job row commits with everything or not at all */
        rc = store_job_create(g->s, "dossiers", src_path(g), fp, &g->job.id, e);
    dossier_t d;
    while (!rc) {
        err_t why;
        err_clear(&why);
        int r = dossier_src_next(src, &d, &why);
        if (r == 0)
            break;
        if (r < 0) {
            rc = err_set(e, why.status, why.code, "%s%.0s", "%.0s%s", why.vi, why.en);
            break;
        }
        g->rep->st.rows++;
        g->last_line = dossier_src_line(src);
        if (g->last_line <= g->resume_line) {
            g->rep->st.skipped++;
            continue;
        }
        rc = r == DOSSIER_IO_REJECT ? add_reject(g, src, &why, e) : ingest_row(g, src, &d, e);
        if (rc)
            break;
        if (every && g->rep->st.rows % (int64_t)every == 0)
            report_progress(g, src);
        if (!g->o->strict && ++in_batch >= batch) {
            in_batch = 0;
            rc = commit_batch(g, e);
            if (!rc && g->o->stop && *g->o->stop) {
                g->rep->interrupted = true;
                return 0;
            }
            if (!rc)
                rc = store_begin(g->s, e);
        }
    }
    if (rc) {
        store_rollback(g->s);
        return rc;
    }
    report_progress(g, src);
    return commit_batch(g, e);
}

/* Non-strict: finds the job of this file (resume) or creates one. */
static int open_job(ingest_t *g, const char *fp, err_t *e)
{
    store_job_t old;
    int rc = store_job_find(g->s, "dossiers", fp, &old, e);
    if (rc < 0)
        return rc;
    if (rc == 1 && strcmp(old.status, "done") == 0) {
        g->rep->already_done = true;
        g->rep->job_id = old.id;
        return 0;
    }
    if (g->o->strict)
        return 0;
    if (rc == 1) {
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
        rc = store_job_create(g->s, "dossiers", src_path(g), fp, &g->job.id, e);
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
        rc = store_job_finish(g->s, g->job.id, status, e);
    if (!rc) {
        char detail[160];
        snprintf(detail, sizeof detail, "job %lld: %lld new, %lld updated, %lld rejected, %s",
                 (long long)g->job.id, (long long)g->rep->st.inserted,
                 (long long)g->rep->st.updated, (long long)g->rep->st.rejected, status);
        rc = store_audit(g->s, g->actor ? g->actor->login : "cli", "dossier.ingest", g->path,
                         detail, e);
    }
    if (!rc)
        rc = store_commit(g->s, e);
    else
        store_rollback(g->s);
    return rc;
}

int app_ledger_ingest(app_t *a, const user_t *actor, const char *path,
                      const ledger_ingest_opts_t *o, ledger_ingest_report_t *rep, err_t *e)
{
    if (actor && !may_import(actor))
        return forbidden(e);
    ledger_ingest_opts_t defaults = {0};
    ingest_t g = {0};
    g.a = a;
    g.o = o ? o : &defaults;
    g.rep = rep;
    g.actor = actor;
    g.path = path;
    memset(rep, 0, sizeof *rep);
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    g.now = dtime_now();
    buf_init(&g.rejbuf, 0);
    if (g.o->rejects_path)
        snprintf(rep->rejects_path, sizeof rep->rejects_path, "%s", g.o->rejects_path);
    else
        snprintf(rep->rejects_path, sizeof rep->rejects_path, "%s.rejects.csv", path);
    g.s = app_store(a, e);
    if (!g.s)
        return e ? e->status : ERR_DB;
    char fp[65];
    int rc = fingerprint(path, fp, e);
    if (!rc)
        rc = open_job(&g, fp, e);
    if (rc || rep->already_done)
        return rc;
    rc = ledger_ctx_load(a, &g.lc, e);
    dossier_src_t *src = NULL;
    if (!rc) {
        src = dossier_src_open(path, e);
        rc = src ? 0 : (e ? e->status : ERR_IO);
    }
    if (!rc)
        rc = store_ledger_bulk(g.s, true, e);
    if (!rc)
        rc = run_rows(&g, src, fp, e);
    store_ledger_bulk(g.s, false, NULL);
    dossier_src_close(src);
    if (g.rej)
        fclose(g.rej);
    if (!rc && !rep->interrupted)
        rc = finish_job(&g, "done", e);
    if (!rc && !g.o->no_snapshot)
        rc = app_kpi_after_ingest(a, e);
    rep->job_id = g.job.id;
    rep->st.seconds = elapsed(&g.t0);
    ledger_ctx_release(&g.lc);
    buf_release(&g.rejbuf);
    return rc;
}
