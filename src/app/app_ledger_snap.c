/* app_ledger_snap.c - the KPI snapshot image kept current by the ingest. */
#include "app/app_ledger_snap.h"

#include "app/app_kpi_file.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/store_ledger.h"
#include "store/store_ledger_bulk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define SPILL_BUF (1u << 20)

typedef struct spilled {
    uint32_t unit; /* ledger-context unit index */
    kpi_row_t row;
} spilled_t;

struct app_ledger_snap {
    bool on;
    int64_t gen; /* the generation the ledger must be at */
    const app_ledger_ctx_t *lc;
    char db_path[PATH_MAX];
    app_kpi_file_t base; /* base.base NULL: the ledger was empty */
    uint8_t *proc_flags;
    uint64_t procs_sum;
    int fd; /* spill file (already unlinked) */
    unsigned char *buf;
    size_t used;
    uint64_t *delta; /* rows spilled per ledger-context unit */
    uint64_t *replaced;
    size_t nreplaced; /* words */
    bool any_replaced;
};

static void stop(app_ledger_snap_t *sn, const char *why)
{
    if (sn->on)
        log_info("kpi snapshot not maintained by this ingest (%s); the next computation "
                 "rebuilds it",
                 why);
    sn->on = false;
}

void app_ledger_snap_free(app_ledger_snap_t *sn)
{
    if (!sn)
        return;
    if (sn->fd >= 0)
        close(sn->fd);
    app_kpi_file_release(&sn->base);
    mem_free(sn->proc_flags);
    mem_free(sn->buf);
    mem_free(sn->delta);
    mem_free(sn->replaced);
    mem_free(sn);
}

static int open_spill(app_ledger_snap_t *sn)
{
    static atomic_uint seq;
    char path[PATH_MAX + 48], suffix[48];
    snprintf(suffix, sizeof suffix, ".kpi.spill-%ld-%u", (long)getpid(), atomic_fetch_add(&seq, 1));
    if (store_cache_path(sn->db_path, suffix, path, sizeof path, NULL))
        return -1;
    sn->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (sn->fd < 0)
        return -1;
    unlink(path); /* anonymous from now on: nothing left behind after a crash */
    return 0;
}

app_ledger_snap_t *app_ledger_snap_begin(app_t *a, const app_ledger_ctx_t *lc)
{
    app_ledger_snap_t *sn = mem_calloc(1, sizeof *sn);
    if (!sn)
        return NULL;
    sn->fd = -1;
    sn->lc = lc;
    sn->on = true;
    err_t e;
    store_t *s;
    int src = app_store(a, &s, &e);
    snprintf(sn->db_path, sizeof sn->db_path, "%s", app_db_path(a));
    sn->buf = mem_alloc(SPILL_BUF);
    sn->delta = mem_calloc(lc->units.n + 1, sizeof *sn->delta);
    if (src || !sn->buf || !sn->delta ||
        app_kpi_file_proc_table(&lc->procs, &sn->proc_flags, &sn->procs_sum, &e)) {
        stop(sn, "out of memory");
        app_ledger_snap_free(sn);
        return NULL;
    }
    int64_t gen;
    int rc = app_kpi_file_load(s, sn->db_path, sn->procs_sum, (uint32_t)lc->procs.n,
                               DOSSIER_RULES_DEFAULT.max_supplements, &gen, &sn->base, &e);
    if (rc == 0) {
        /* No valid image: only an empty ledger can do without. The
         * generation is read first: a write in between is caught by the
         * first batch's check. */
        rc = store_ledger_generation(s, &gen, &e);
        int empty = rc ? rc : store_ledger_bulk_ledger_empty(s, &e);
        rc = empty < 0 ? empty : 0;
        if (!empty) {
            stop(sn, "no valid snapshot image of the existing ledger");
            app_ledger_snap_free(sn);
            return NULL;
        }
    } else if (rc == APP_KPI_FILE_LOADED) {
        rc = 0;
        /* Not needed until the end: out of this process's memory. */
        app_kpi_file_drop(&sn->base, sn->base.base, sn->base.len);
    }
    if (rc || open_spill(sn)) {
        stop(sn, rc ? e.en : "cannot create the spill file");
        app_ledger_snap_free(sn);
        return NULL;
    }
    sn->gen = gen;
    return sn;
}

static bool flush(app_ledger_snap_t *sn)
{
    const unsigned char *p = sn->buf;
    size_t n = sn->used;
    while (n) {
        ssize_t k = write(sn->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            stop(sn, "cannot write the spill file");
            return false;
        }
        p += k;
        n -= (size_t)k;
    }
    sn->used = 0;
    return true;
}

static void mark_replaced(app_ledger_snap_t *sn, uint32_t id)
{
    size_t w = id / 64;
    if (MEM_GROW_ZERO(sn->replaced, sn->nreplaced, w + 1)) {
        stop(sn, "out of memory");
        return;
    }
    sn->replaced[w] |= 1ULL << (id % 64);
    sn->any_replaced = true;
}

static bool is_replaced(const app_ledger_snap_t *sn, uint32_t id)
{
    size_t w = id / 64;
    return w < sn->nreplaced && (sn->replaced[w] >> (id % 64)) & 1;
}

void app_ledger_snap_row(app_ledger_snap_t *sn, uint32_t unit, uint32_t proc, int64_t id,
                         const dossier_t *d, bool replaces)
{
    if (!sn || !sn->on)
        return;
    if (id < 1 || id > UINT32_MAX || unit >= sn->lc->units.n) {
        stop(sn, "dossier id out of range");
        return;
    }
    if (replaces)
        mark_replaced(sn, (uint32_t)id);
    spilled_t r = {unit, {0}};
    if (kpi_snap_row_make((uint32_t)id, proc, d, &r.row, NULL))
        return; /* not representable: the rebuild skips it too */
    if (sn->used + sizeof r > SPILL_BUF && !flush(sn))
        return;
    memcpy(sn->buf + sn->used, &r, sizeof r);
    sn->used += sizeof r;
    sn->delta[unit]++;
}

void app_ledger_snap_check(app_ledger_snap_t *sn, store_t *s)
{
    if (!sn || !sn->on)
        return;
    int64_t gen;
    if (store_ledger_generation(s, &gen, NULL) || gen != sn->gen)
        stop(sn, "another writer changed the ledger");
}

void app_ledger_snap_committed(app_ledger_snap_t *sn)
{
    if (sn && sn->on)
        sn->gen++;
}

/* --- the final image ------------------------------------------------------------ */

typedef struct final_units {
    dossier_keymap_t index; /* code -> final unit */
    const char **codes;
    uint64_t *nrows;
    uint32_t n;
    size_t capcodes, caprows;
    uint32_t *of_base; /* base image unit -> final unit */
    uint32_t *of_ctx;  /* ledger-context unit -> final unit */
} final_units_t;

static int final_unit(final_units_t *f, const char *code, uint32_t *out)
{
    if (dossier_keymap_get(&f->index, code, out))
        return 0;
    if (MEM_GROW(f->codes, f->capcodes, (size_t)f->n + 1) ||
        MEM_GROW(f->nrows, f->caprows, (size_t)f->n + 1))
        return ERR_NOMEM;
    f->codes[f->n] = code;
    f->nrows[f->n] = 0;
    int rc = dossier_keymap_put(&f->index, code, f->n, NULL);
    if (!rc)
        *out = f->n++;
    return rc;
}

static void final_release(final_units_t *f)
{
    dossier_keymap_release(&f->index);
    mem_free(f->codes);
    mem_free(f->nrows);
    mem_free(f->of_base);
    mem_free(f->of_ctx);
}

static int plan_units(app_ledger_snap_t *sn, final_units_t *f)
{
    const kpi_image_t *img = &sn->base.img;
    uint32_t nb = sn->base.base ? img->h->nunits : 0;
    uint32_t nc = (uint32_t)sn->lc->units.n;
    f->of_base = mem_calloc(nb + 1, sizeof *f->of_base);
    f->of_ctx = mem_calloc(nc + 1, sizeof *f->of_ctx);
    if (!f->of_base || !f->of_ctx)
        return ERR_NOMEM;
    int rc = 0;
    for (uint32_t i = 0; !rc && i < nb; i++) {
        rc = final_unit(f, kpi_image_unit_code(img, i), &f->of_base[i]);
        kpi_view_t v;
        kpi_image_view(img, i, &v);
        uint64_t keep = v.n;
        for (size_t k = 0; sn->any_replaced && k < v.n; k++)
            keep -= is_replaced(sn, v.rows[k].id);
        app_kpi_file_drop(&sn->base, v.rows, v.n * sizeof *v.rows);
        if (!rc)
            f->nrows[f->of_base[i]] += keep;
    }
    for (uint32_t j = 0; !rc && j < nc; j++) {
        if (!sn->delta[j])
            continue;
        rc = final_unit(f, sn->lc->units.units[j].code, &f->of_ctx[j]);
        if (!rc)
            f->nrows[f->of_ctx[j]] += sn->delta[j];
    }
    return rc;
}

static int scatter_all(app_ledger_snap_t *sn, final_units_t *f, app_kpi_file_writer_t *w, err_t *e)
{
    int rc = 0;
    const kpi_image_t *img = &sn->base.img;
    uint32_t nb = sn->base.base ? img->h->nunits : 0;
    for (uint32_t i = 0; !rc && i < nb; i++) {
        kpi_view_t v;
        kpi_image_view(img, i, &v);
        for (size_t k = 0; !rc && k < v.n; k++)
            if (!sn->any_replaced || !is_replaced(sn, v.rows[k].id))
                rc = app_kpi_file_writer_scatter(w, f->of_base[i], &v.rows[k], e);
        app_kpi_file_drop(&sn->base, v.rows, v.n * sizeof *v.rows);
    }
    off_t at = 0;
    while (!rc) {
        ssize_t got = pread(sn->fd, sn->buf, SPILL_BUF - SPILL_BUF % sizeof(spilled_t), at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || got % (ssize_t)sizeof(spilled_t))
            return err_set(e, ERR_IO, "kpi.file", "lỗi đọc tệp tạm", "cannot read the spill file");
        if (got == 0)
            break;
        at += got;
        for (size_t k = 0; !rc && k < (size_t)got / sizeof(spilled_t); k++) {
            spilled_t r;
            memcpy(&r, sn->buf + k * sizeof r, sizeof r);
            rc = app_kpi_file_writer_scatter(w, f->of_ctx[r.unit], &r.row, e);
        }
    }
    return rc;
}

void app_ledger_snap_finish(app_ledger_snap_t *sn, app_t *a)
{
    if (!sn || !sn->on || !flush(sn))
        return;
    final_units_t f = {0};
    dossier_keymap_init(&f.index);
    app_kpi_file_writer_t *w = NULL;
    err_t e;
    err_clear(&e);
    int rc = plan_units(sn, &f);
    if (rc)
        err_nomem(&e);
    if (!rc)
        rc = app_kpi_file_writer_open(sn->db_path, sn->procs_sum, (uint32_t)sn->lc->procs.n,
                                      DOSSIER_RULES_DEFAULT.max_supplements, f.n, f.codes, f.nrows,
                                      &w, &e);
    if (!rc)
        rc = scatter_all(sn, &f, w, &e);
    if (!rc)
        rc = app_kpi_file_writer_finish(w, sn->proc_flags, (uint32_t)sn->lc->procs.n, &e);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, &e);
    if (!rc)
        rc = app_kpi_file_writer_publish(w, s, sn->gen, &e);
    if (rc < 0)
        log_warn("kpi snapshot not written after the ingest: %s", e.en);
    app_kpi_file_writer_free(w);
    final_release(&f);
}
