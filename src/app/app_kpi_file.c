/* app_kpi_file.c - writing, publishing and mapping the KPI snapshot image. */
#include "app/app_kpi_file.h"

#include "base/log.h"
#include "base/mem.h"
#include "domain/kpi_agg.h"
#include "store/store_kpi.h"
#include "store/store_ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

#define STAGE 128 /* rows staged per unit before a write */

/* <database>.kpi beside a SQLite file; a cache directory for PostgreSQL. */
static int image_path(const char *db_path, char *out, size_t n)
{
    return store_cache_path(db_path, ".kpi", out, n, NULL) ? -1 : 0;
}

/* --- loading ----------------------------------------------------------------------- */

void app_kpi_file_release(app_kpi_file_t *f)
{
    if (f->base)
        munmap(f->base, f->len);
    memset(f, 0, sizeof *f);
}

void app_kpi_file_drop(const app_kpi_file_t *f, const void *p, size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    if (!f->base || page <= 0)
        return;
    uintptr_t lo = (uintptr_t)p, hi = lo + n, base = (uintptr_t)f->base;
    lo = (lo + (uintptr_t)page - 1) & ~((uintptr_t)page - 1); /* whole pages inside */
    hi &= ~((uintptr_t)page - 1);
    if (lo < base)
        lo = base;
    if (hi > base + f->len)
        hi = base + f->len;
    if (hi > lo)
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

static bool matches(const kpi_image_header_t *h, const store_kpi_state_t *st, uint64_t procs_sum,
                    uint32_t nprocs, int max_supplements)
{
    return h->generation == st->generation && h->token == st->token && h->procs_sum == procs_sum &&
           h->nprocs == nprocs && h->max_supplements == max_supplements;
}

int app_kpi_file_load(store_t *s, const char *db_path, uint64_t procs_sum, uint32_t nprocs,
                      int max_supplements, int64_t *gen, app_kpi_file_t *f, err_t *e)
{
    memset(f, 0, sizeof *f);
    store_kpi_state_t st;
    int rc = store_kpi_state(s, &st, e);
    if (rc)
        return rc;
    if (!st.token || st.token_gen != st.generation) {
        log_debug("kpi snapshot: none published for generation %lld", (long long)st.generation);
        return 0;
    }
    char path[PATH_MAX];
    if (image_path(db_path, path, sizeof path))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        log_debug("kpi snapshot: %s: %s", path, strerror(errno));
        return 0;
    }
    struct stat sb;
    void *base = MAP_FAILED;
    if (fstat(fd, &sb) == 0 && sb.st_size >= (off_t)sizeof(kpi_image_header_t))
        base = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) {
        log_warn("kpi snapshot: cannot map %s", path);
        return 0;
    }
    size_t len = (size_t)sb.st_size;
    madvise(base, len, MADV_WILLNEED);
    err_t pe;
    kpi_image_t img;
    if (kpi_image_parse(base, len, &img, &pe)) {
        log_warn("kpi snapshot: ignoring %s: %s", path, pe.en);
        munmap(base, len);
        return 0;
    }
    if (!matches(img.h, &st, procs_sum, nprocs, max_supplements)) {
        log_debug("kpi snapshot: %s is not for the current ledger state", path);
        munmap(base, len);
        return 0;
    }
    f->base = base;
    f->len = len;
    f->img = img;
    *gen = st.generation;
    return APP_KPI_FILE_LOADED;
}

int app_kpi_file_proc_table(const procedure_set_t *ps, uint8_t **flags, uint64_t *sum, err_t *e)
{
    *flags = mem_calloc(ps->n + 1, 1);
    const char **codes = mem_alloc((ps->n + 1) * sizeof *codes);
    if (!*flags || !codes) {
        mem_free(*flags);
        *flags = NULL;
        mem_free(codes);
        return err_nomem(e);
    }
    for (size_t i = 0; i < ps->n; i++) {
        const procedure_t *p = &ps->items[i];
        (*flags)[i] = (uint8_t)((p->fee ? KPI_PROC_FEE : 0) |
                                (p->full_online_eligible ? KPI_PROC_ELIGIBLE : 0));
        codes[i] = p->code;
    }
    *sum = kpi_image_procs_sum(codes, ps->n);
    mem_free(codes);
    return 0;
}

/* --- parallel helper ----------------------------------------------------------------- */

typedef struct par {
    size_t n;
    atomic_size_t next;
    atomic_int rc;
    int (*fn)(void *ctx, size_t i);
    void *ctx;
} par_t;

static void *par_worker(void *arg)
{
    par_t *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n || atomic_load(&p->rc))
            break;
        int rc = p->fn(p->ctx, i);
        if (rc) {
            int zero = 0;
            atomic_compare_exchange_strong(&p->rc, &zero, rc);
        }
    }
    return NULL;
}

int app_kpi_file_parallel(size_t n, int threads, int (*fn)(void *ctx, size_t i), void *ctx)
{
    par_t p = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&p.next, 0);
    atomic_init(&p.rc, 0);
    pthread_t t[8];
    int started = 0;
    for (int i = 1; i < threads && i < 8; i++)
        if (pthread_create(&t[started], NULL, par_worker, &p) == 0)
            started++;
    par_worker(&p);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    return atomic_load(&p.rc);
}

/* --- writing -------------------------------------------------------------------------- */

typedef struct wunit {
    uint64_t row0, nrows, filled;
    kpi_row_t *stage;
    uint32_t nstage;
    bool ready; /* final rows written (put_view or finalized) */
    kpi_day_t *days;
    size_t ndays;
    uint64_t rows_sum;
    err_t err; /* of a failed finalization */
} wunit_t;

struct app_kpi_file_writer {
    char path[PATH_MAX], tmp[PATH_MAX];
    int fd;
    bool published;
    kpi_image_header_t h;
    kpi_image_unit_t *dir;
    char *names;
    wunit_t *u;
    uint32_t nunits;
    const uint8_t *proc_flags;
    uint32_t nproc;
};

static int io_err(const app_kpi_file_writer_t *w, const char *what, err_t *e)
{
    return err_set(e, ERR_IO, "kpi.file", "Không ghi được ảnh chụp chỉ tiêu '%s' (%s): %s",
                   "Cannot write the KPI snapshot '%s' (%s): %s", w->tmp, what, strerror(errno));
}

static int write_at(app_kpi_file_writer_t *w, const void *p, size_t n, uint64_t off, err_t *e)
{
    const char *b = p;
    while (n) {
        ssize_t k = pwrite(w->fd, b, n, (off_t)off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return io_err(w, "write", e);
        b += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
    return 0;
}

static int read_at(app_kpi_file_writer_t *w, void *p, size_t n, uint64_t off, err_t *e)
{
    char *b = p;
    while (n) {
        ssize_t k = pread(w->fd, b, n, (off_t)off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return io_err(w, "read", e);
        b += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
    return 0;
}

int app_kpi_file_writer_open(const char *db_path, uint64_t procs_sum, uint32_t nprocs,
                             int max_supplements, uint32_t nunits, const char *const *codes,
                             const uint64_t *nrows, app_kpi_file_writer_t **out, err_t *e)
{
    static atomic_uint seq;
    *out = NULL;
    app_kpi_file_writer_t *w = mem_calloc(1, sizeof *w);
    if (!w)
        return err_nomem(e);
    w->fd = -1;
    w->nunits = nunits;
    uint64_t names_len = 0, total = 0;
    for (uint32_t i = 0; i < nunits; i++) {
        names_len += strlen(codes[i]) + 1;
        total += nrows[i];
    }
    w->u = mem_calloc(nunits + 1, sizeof *w->u);
    w->dir = mem_calloc(nunits + 1, sizeof *w->dir);
    w->names = mem_alloc((size_t)names_len + 1);
    if (!w->u || !w->dir || !w->names) {
        app_kpi_file_writer_free(w);
        return err_nomem(e);
    }
    uint64_t token = 0;
    while (!token)
        randombytes_buf(&token, sizeof token);
    /* The generation goes into the header at app_kpi_file_writer_publish. */
    kpi_image_layout(&w->h, 0, token, max_supplements, procs_sum, nprocs, nunits, names_len, total);
    uint64_t at = 0, row0 = 0;
    for (uint32_t i = 0; i < nunits; i++) {
        size_t n = strlen(codes[i]);
        memcpy(w->names + at, codes[i], n + 1);
        w->dir[i].name_off = (uint32_t)at;
        w->dir[i].name_len = (uint32_t)n;
        at += n + 1;
        w->u[i].row0 = row0;
        w->u[i].nrows = nrows[i];
        row0 += nrows[i];
    }
    if (image_path(db_path, w->path, sizeof w->path) ||
        snprintf(w->tmp, sizeof w->tmp, "%s.tmp-%ld-%u", w->path, (long)getpid(),
                 atomic_fetch_add(&seq, 1)) >= (int)sizeof w->tmp) {
        app_kpi_file_writer_free(w);
        return err_set(e, ERR_INVALID, "kpi.file", "đường dẫn quá dài", "path too long");
    }
    w->fd = open(w->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (w->fd < 0) {
        int rc = io_err(w, "create", e);
        app_kpi_file_writer_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

static uint64_t row_off(const app_kpi_file_writer_t *w, const wunit_t *u, uint64_t k)
{
    return w->h.rows_off + (u->row0 + k) * sizeof(kpi_row_t);
}

static int flush_stage(app_kpi_file_writer_t *w, wunit_t *u, err_t *e)
{
    if (!u->nstage)
        return 0;
    int rc = write_at(w, u->stage, u->nstage * sizeof(kpi_row_t),
                      row_off(w, u, u->filled - u->nstage), e);
    u->nstage = 0;
    return rc;
}

static int writer_misuse(err_t *e)
{
    return err_set(e, ERR_INTERNAL, "kpi.writer", "ảnh chụp chỉ tiêu: số dòng không khớp",
                   "KPI snapshot: row counts do not match");
}

int app_kpi_file_writer_scatter(app_kpi_file_writer_t *w, uint32_t unit, const kpi_row_t *row,
                                err_t *e)
{
    if (unit >= w->nunits || w->u[unit].ready || w->u[unit].filled >= w->u[unit].nrows)
        return writer_misuse(e);
    wunit_t *u = &w->u[unit];
    if (!u->stage) {
        u->stage = mem_alloc(STAGE * sizeof *u->stage);
        if (!u->stage)
            return err_nomem(e);
    }
    u->stage[u->nstage++] = *row;
    u->filled++;
    return u->nstage == STAGE ? flush_stage(w, u, e) : 0;
}

int app_kpi_file_writer_put_view(app_kpi_file_writer_t *w, uint32_t unit, const kpi_view_t *v,
                                 err_t *e)
{
    /* A unit without rows has nothing to sort or aggregate. */
    if (unit >= w->nunits || (v->n && !v->has_days) || v->n != w->u[unit].nrows ||
        w->u[unit].filled)
        return writer_misuse(e);
    wunit_t *u = &w->u[unit];
    int rc = write_at(w, v->rows, v->n * sizeof(kpi_row_t), row_off(w, u, 0), e);
    if (rc)
        return rc;
    if (v->ndays) {
        u->days = mem_alloc(v->ndays * sizeof *u->days);
        if (!u->days)
            return err_nomem(e);
        memcpy(u->days, v->days, v->ndays * sizeof *u->days);
    }
    u->ndays = v->ndays;
    u->rows_sum = kpi_image_sum64(v->rows, v->n * sizeof(kpi_row_t), 0);
    u->filled = u->nrows;
    u->ready = true;
    return 0;
}

/* Sorts one scattered unit's rows, builds its days, writes the rows back. */
static int finalize_unit(void *ctx, size_t i)
{
    app_kpi_file_writer_t *w = ctx;
    wunit_t *u = &w->u[i];
    if (u->ready)
        return 0;
    size_t n = (size_t)u->nrows;
    kpi_row_t *rows = n ? mem_alloc(n * sizeof *rows) : NULL;
    if (n && !rows)
        return err_nomem(&u->err);
    int rc = n ? read_at(w, rows, n * sizeof *rows, row_off(w, u, 0), &u->err) : 0;
    if (!rc)
        rc = kpi_agg_rows_sort(rows, n, &u->err);
    if (!rc)
        rc = kpi_agg_build(rows, n, w->proc_flags, w->nproc, w->h.max_supplements, &u->days,
                           &u->ndays, &u->err);
    if (!rc && n)
        rc = write_at(w, rows, n * sizeof *rows, row_off(w, u, 0), &u->err);
    if (!rc) {
        u->rows_sum = kpi_image_sum64(rows, n * sizeof *rows, 0);
        u->ready = true;
    }
    mem_free(rows);
    return rc;
}

int app_kpi_file_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

int app_kpi_file_writer_finish(app_kpi_file_writer_t *w, const uint8_t *proc_flags, uint32_t nproc,
                               err_t *e)
{
    int rc = 0;
    for (uint32_t i = 0; !rc && i < w->nunits; i++) {
        if (w->u[i].filled != w->u[i].nrows)
            return writer_misuse(e);
        rc = flush_stage(w, &w->u[i], e);
    }
    if (rc)
        return rc;
    w->proc_flags = proc_flags;
    w->nproc = nproc;
    rc = app_kpi_file_parallel(w->nunits, app_kpi_file_threads(), finalize_unit, w);
    for (uint32_t i = 0; rc && i < w->nunits; i++)
        if (w->u[i].err.status) {
            *e = w->u[i].err;
            break;
        }
    uint64_t day0 = 0;
    for (uint32_t i = 0; !rc && i < w->nunits; i++) {
        wunit_t *u = &w->u[i];
        kpi_image_unit_t *d = &w->dir[i];
        d->row0 = u->row0;
        d->nrows = u->nrows;
        d->day0 = day0;
        d->ndays = u->ndays;
        d->rows_sum = u->rows_sum;
        d->days_sum = kpi_image_sum64(u->days, u->ndays * sizeof(kpi_day_t), 0);
        if (u->ndays)
            rc = write_at(w, u->days, u->ndays * sizeof(kpi_day_t),
                          w->h.days_off + day0 * sizeof(kpi_day_t), e);
        day0 += u->ndays;
        mem_free(u->days);
        u->days = NULL;
    }
    if (rc)
        return rc;
    kpi_image_seal(&w->h, w->dir, w->names, day0);
    rc = write_at(w, w->dir, w->nunits * sizeof *w->dir, w->h.dir_off, e);
    if (!rc)
        rc = write_at(w, w->names, (size_t)w->h.names_len, w->h.names_off, e);
    if (!rc && ftruncate(w->fd, (off_t)w->h.file_size))
        rc = io_err(w, "truncate", e);
    return rc;
}

int app_kpi_file_writer_publish(app_kpi_file_writer_t *w, store_t *s, int64_t gen, err_t *e)
{
    /* The header (with the generation) is written last: before, the file
     * has no valid header and can never be accepted. */
    w->h.generation = gen;
    kpi_image_seal(&w->h, w->dir, w->names, w->h.ndays);
    int rc = write_at(w, &w->h, sizeof w->h, 0, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    int64_t now;
    rc = store_ledger_generation(s, &now, e);
    if (!rc && now != gen) {
        store_rollback(s);
        log_debug("kpi snapshot: the ledger moved (%lld -> %lld), image discarded", (long long)gen,
                  (long long)now);
        return 0;
    }
    if (!rc && rename(w->tmp, w->path) != 0)
        rc = io_err(w, "rename", e);
    if (!rc) {
        w->published = true;
        rc = store_kpi_set_token(s, w->h.token, gen, e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc ? rc : 1;
}

void app_kpi_file_writer_free(app_kpi_file_writer_t *w)
{
    if (!w)
        return;
    if (w->fd >= 0) {
        close(w->fd);
        if (!w->published)
            unlink(w->tmp);
    }
    for (uint32_t i = 0; w->u && i < w->nunits; i++) {
        mem_free(w->u[i].stage);
        mem_free(w->u[i].days);
    }
    mem_free(w->u);
    mem_free(w->dir);
    mem_free(w->names);
    mem_free(w);
}
