/* app_kpi_cache.c - the ledger snapshot an app holds (app_kpi_int.h):
 * loading the persisted image, rebuilding from the dossier table, patching
 * in the dossiers journaled by single writes (docs/internals/ledger.md). */
#include "app/app_kpi_int.h"

#include "app/app_int.h"
#include "app/app_units.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/kpi_agg.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"

#include <stddef.h>
#include <string.h>

#include "base/banned.h"

static void cache_clear(app_kpi_cache_t *c)
{
    kpi_snap_free(c->snap);
    app_kpi_file_release(&c->file);
    mem_free(c->views);
    unit_set_release(&c->units);
    for (uint32_t i = 0; i < c->ncodes; i++)
        mem_free(c->codes[i]);
    mem_free(c->codes);
    dossier_keymap_release(&c->code_index);
    procedure_set_release(&c->procs);
    mem_free(c->proc_flags);
    mem_free(c->link_unit);
    mem_free(c->link_proc);
    mem_free(c->owned);
    size_t keep = offsetof(app_kpi_cache_t, generation);
    memset((char *)c + keep, 0, sizeof *c - keep);
}

static int unit_index(app_kpi_cache_t *c, const char *code, uint32_t *out, err_t *e)
{
    if (dossier_keymap_get(&c->code_index, code, out))
        return 0;
    if (MEM_GROW(c->codes, c->capcodes, (size_t)c->ncodes + 1))
        return err_nomem(e);
    char *copy = mem_strdup(code);
    if (!copy)
        return err_nomem(e);
    c->codes[c->ncodes] = copy;
    int rc = dossier_keymap_put(&c->code_index, copy, c->ncodes, e);
    if (rc) {
        mem_free(copy);
        return rc;
    }
    *out = c->ncodes++;
    return 0;
}

static int put_row(void *ctx, const store_ledger_dossier_row_t *r)
{
    app_kpi_cache_t *c = ctx;
    uint32_t u;
    if (unit_index(c, r->unit, &u, NULL))
        return ERR_NOMEM;
    long p = procedure_set_find(&c->procs, r->procedure);
    kpi_row_t k;
    if (r->id < 1 || r->id > UINT32_MAX ||
        kpi_snap_row_make((uint32_t)r->id, p >= 0 ? (uint32_t)p : UINT32_MAX, &r->d, &k, NULL))
        return 0; /* not representable (ids past 2^32, times outside 1932..2068): skipped */
    return kpi_snap_put(c->snap, u, &k, NULL);
}

static int load_reference(app_t *a, app_kpi_cache_t *c, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = app_units_load(a, &c->units, e);
    if (!rc)
        rc = store_procedure_load_all(s, &c->procs, e);
    for (size_t i = 0; !rc && i < c->units.n; i++) {
        uint32_t u;
        rc = unit_index(c, c->units.units[i].code, &u, e);
    }
    if (!rc)
        rc = app_kpi_file_proc_table(&c->procs, &c->proc_flags, &c->procs_sum, e);
    if (!rc) {
        c->link_unit = mem_calloc(c->procs.nlinks + 1, sizeof *c->link_unit);
        c->link_proc = mem_calloc(c->procs.nlinks + 1, sizeof *c->link_proc);
        if (!c->link_unit || !c->link_proc)
            rc = err_nomem(e);
    }
    for (size_t i = 0; !rc && i < c->procs.nlinks; i++) {
        const procedure_link_t *l = &c->procs.links[i];
        long p = procedure_set_find(&c->procs, l->procedure);
        uint32_t u;
        c->link_proc[i] = p >= 0 ? (uint32_t)p : UINT32_MAX;
        c->link_unit[i] = dossier_keymap_get(&c->code_index, l->unit, &u) ? u : UINT32_MAX;
    }
    return rc;
}

static int alloc_views(app_kpi_cache_t *c, err_t *e)
{
    c->views = mem_calloc(c->ncodes + 1, sizeof *c->views);
    c->owned = mem_calloc(c->ncodes + 1, 1);
    c->nviews = c->ncodes;
    return c->views && c->owned ? 0 : err_nomem(e);
}

/* Views over the mapped image (its units mapped to our unit indexes). */
static int use_image(app_kpi_cache_t *c, err_t *e)
{
    const kpi_image_t *img = &c->file.img;
    uint32_t *map = mem_alloc((img->h->nunits + 1) * sizeof *map);
    if (!map)
        return err_nomem(e);
    int rc = 0;
    for (uint32_t i = 0; !rc && i < img->h->nunits; i++)
        rc = unit_index(c, kpi_image_unit_code(img, i), &map[i], e);
    if (!rc)
        rc = alloc_views(c, e);
    for (uint32_t i = 0; !rc && i < img->h->nunits; i++)
        kpi_image_view(img, i, &c->views[map[i]]);
    mem_free(map);
    return rc;
}

static int finalize_one(void *ctx, size_t u)
{
    app_kpi_cache_t *c = ctx;
    return kpi_snap_finalize_unit(c->snap, (uint32_t)u, c->proc_flags, (uint32_t)c->procs.n,
                                  DOSSIER_RULES_DEFAULT.max_supplements, NULL);
}

/* Writes the finalized snapshot as the image of generation gen (best
 * effort: a failure is logged; the in-memory snapshot serves anyway). */
static void persist(app_t *a, app_kpi_cache_t *c, int64_t gen, uint64_t psum)
{
    uint64_t *nrows = mem_calloc(c->ncodes + 1, sizeof *nrows);
    app_kpi_file_writer_t *w = NULL;
    err_t e;
    err_clear(&e);
    int rc = nrows ? 0 : err_nomem(&e);
    for (uint32_t u = 0; !rc && u < c->ncodes; u++)
        nrows[u] = kpi_snap_unit_rows(c->snap, u);
    if (!rc)
        rc = app_kpi_file_writer_open(app_db_path(a), psum, (uint32_t)c->procs.n,
                                      DOSSIER_RULES_DEFAULT.max_supplements, c->ncodes,
                                      (const char *const *)c->codes, nrows, &w, &e);
    for (uint32_t u = 0; !rc && u < c->ncodes; u++)
        rc = app_kpi_file_writer_put_view(w, u, &c->views[u], &e);
    if (!rc)
        rc = app_kpi_file_writer_finish(w, c->proc_flags, (uint32_t)c->procs.n, &e);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, &e);
    if (!rc)
        rc = app_kpi_file_writer_publish(w, s, gen, &e);
    if (rc < 0)
        log_warn("kpi snapshot not persisted: %s", e.en);
    app_kpi_file_writer_free(w);
    mem_free(nrows);
}

/* Rebuilds the snapshot from the dossier table (generation gen). */
static int rebuild(app_t *a, app_kpi_cache_t *c, int64_t gen, uint64_t psum, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    c->snap = kpi_snap_new(e);
    if (!c->snap)
        return ERR_NOMEM;
    rc = store_ledger_dossiers_scan(s, 0, put_row, c, e);
    if (rc == ERR_NOMEM)
        err_nomem(e);
    if (!rc && app_kpi_file_parallel(c->ncodes, app_kpi_file_threads(), finalize_one, c))
        rc = err_nomem(e);
    if (!rc)
        rc = alloc_views(c, e);
    for (uint32_t u = 0; !rc && u < c->ncodes; u++) {
        kpi_snap_view(c->snap, u, &c->views[u]);
        c->owned[u] = 1;
    }
    if (!rc)
        persist(a, c, gen, psum);
    return rc;
}

static int build(app_t *a, app_kpi_cache_t *c, int64_t gen, err_t *e)
{
    cache_clear(c);
    unit_set_init(&c->units);
    procedure_set_init(&c->procs);
    dossier_keymap_init(&c->code_index);
    int rc = load_reference(a, c, e);
    if (rc)
        return rc;
    uint64_t psum = c->procs_sum;
    int64_t fgen;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = app_kpi_file_load(s, app_db_path(a), psum, (uint32_t)c->procs.n,
                           DOSSIER_RULES_DEFAULT.max_supplements, &fgen, &c->file, e);
    if (rc == APP_KPI_FILE_LOADED) {
        gen = fgen;
        rc = use_image(c, e);
    } else if (rc == 0) {
        rc = rebuild(a, c, gen, psum, e);
    }
    if (!rc) {
        c->generation = gen;
        c->valid = true;
        log_debug("kpi snapshot: %s, %u units, generation %lld",
                  c->file.base ? "mapped image" : "rebuilt", c->ncodes, (long long)gen);
    }
    return rc;
}

/* ---- refresh after single writes (docs/internals/ledger.md) ------------------ */

#define APP_KPI_PATCH_MAX 20000 /* changed dossiers above which a rebuild is preferred */

typedef struct patch_ctx {
    app_kpi_cache_t *c;
    int64_t *ids;
    size_t n, cap;
    int64_t want;
    uint8_t *dirty;
    bool found;
} patch_ctx_t;

static int collect_id(void *ctx, int64_t id)
{
    patch_ctx_t *p = ctx;
    if (p->n == APP_KPI_PATCH_MAX)
        return STORE_STOP; /* too many: the caller rebuilds */
    if (MEM_GROW(p->ids, p->cap, p->n + 1))
        return ERR_NOMEM;
    p->ids[p->n++] = id;
    return 0;
}

/* Makes unit u's view the snapshot's: copies the image's rows of u once. */
static int own_unit(app_kpi_cache_t *c, uint32_t u, err_t *e)
{
    if (c->owned[u])
        return 0;
    const kpi_view_t *v = &c->views[u];
    int rc = kpi_snap_reserve(c->snap, u, v->n + 1, e);
    for (size_t i = 0; !rc && i < v->n; i++)
        rc = kpi_snap_put(c->snap, u, &v->rows[i], e);
    if (!rc)
        c->owned[u] = 1;
    return rc;
}

static int patch_row(void *ctx, const store_ledger_dossier_row_t *r)
{
    patch_ctx_t *p = ctx;
    app_kpi_cache_t *c = p->c;
    uint32_t u;
    if (r->id != p->want || !dossier_keymap_get(&c->code_index, r->unit, &u) || u >= c->nviews)
        return STORE_STOP; /* not where expected: found stays false, the caller rebuilds */
    int rc = own_unit(c, u, NULL);
    if (!rc)
        rc = put_row(c, r);
    if (rc)
        return rc;
    p->dirty[u] = 1;
    p->found = true;
    return STORE_STOP; /* one row */
}

/* What patch returns when patching is not possible (a bulk ingest or too
 * many changes since the cache's generation): the caller rebuilds. */
#define PATCH_REBUILD 1

/* Brings the cache from its generation to gen by re-reading the dossiers
 * journaled in between: 0, PATCH_REBUILD, or < 0 on an error (the cache
 * must then be rebuilt too). Holds the write lock. */
static int patch(app_t *a, app_kpi_cache_t *c, int64_t gen, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    patch_ctx_t p = {.c = c};
    int64_t ngens = 0;
    rc = store_ledger_changes(s, c->generation, gen, collect_id, &p, &ngens, e);
    if (!rc && (ngens != gen - c->generation || p.n == APP_KPI_PATCH_MAX))
        rc = PATCH_REBUILD;
    if (!rc && !c->snap) {
        c->snap = kpi_snap_new(e);
        rc = c->snap ? 0 : ERR_NOMEM;
    }
    p.dirty = rc ? NULL : mem_calloc(c->nviews + 1, 1);
    if (!rc && !p.dirty)
        rc = ERR_NOMEM;
    for (size_t i = 0; !rc && i < p.n; i++) {
        p.want = p.ids[i];
        p.found = false;
        rc = store_ledger_dossiers_scan(s, p.ids[i] - 1, patch_row, &p, e);
        if (!rc && !p.found)
            rc = PATCH_REBUILD;
    }
    for (uint32_t u = 0; !rc && u < c->nviews; u++) {
        if (!p.dirty[u])
            continue;
        rc = kpi_snap_finalize_unit(c->snap, u, c->proc_flags, (uint32_t)c->procs.n,
                                    DOSSIER_RULES_DEFAULT.max_supplements, e);
        if (!rc)
            kpi_snap_view(c->snap, u, &c->views[u]);
    }
    if (!rc) {
        log_debug("kpi snapshot: patched %zu dossier(s), generation %lld -> %lld", p.n,
                  (long long)c->generation, (long long)gen);
        c->generation = gen;
        c->patches++;
    }
    mem_free(p.ids);
    mem_free(p.dirty);
    return rc;
}

uint64_t app_kpi_patches(app_t *a)
{
    app_kpi_cache_t *c = a->kpi;
    pthread_rwlock_rdlock(&c->lock);
    uint64_t n = c->patches;
    pthread_rwlock_unlock(&c->lock);
    return n;
}

int app_kpi_cache_acquire(app_t *a, app_kpi_cache_t **out, err_t *e)
{
    app_kpi_cache_t *c = a->kpi;
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    int64_t gen;
    rc = store_ledger_generation(s, &gen, e);
    if (rc)
        return rc;
    for (;;) {
        pthread_rwlock_rdlock(&c->lock);
        if (c->valid && c->generation == gen) {
            *out = c;
            return 0;
        }
        pthread_rwlock_unlock(&c->lock);
        pthread_rwlock_wrlock(&c->lock);
        if (!(c->valid && c->generation == gen)) {
            err_t pe;
            if (!(c->valid && gen > c->generation && patch(a, c, gen, &pe) == 0))
                rc = build(a, c, gen, e);
            if (rc)
                c->valid = false;
        }
        pthread_rwlock_unlock(&c->lock);
        if (rc)
            return rc;
    }
}

void app_kpi_cache_release(app_kpi_cache_t *c)
{
    pthread_rwlock_unlock(&c->lock);
}

app_kpi_cache_t *app_kpi_cache_new(void)
{
    app_kpi_cache_t *c = mem_calloc(1, sizeof *c);
    if (c && pthread_rwlock_init(&c->lock, NULL)) {
        mem_free(c);
        return NULL;
    }
    return c;
}

void app_kpi_cache_free(app_kpi_cache_t *c)
{
    if (!c)
        return;
    cache_clear(c);
    pthread_rwlock_destroy(&c->lock);
    mem_free(c);
}

void app_kpi_drop(app_t *a)
{
    app_kpi_cache_t *c = a->kpi;
    pthread_rwlock_wrlock(&c->lock);
    cache_clear(c);
    pthread_rwlock_unlock(&c->lock);
}

app_kpi_source_t app_kpi_source(app_t *a, int64_t *generation)
{
    app_kpi_cache_t *c = a->kpi;
    pthread_rwlock_rdlock(&c->lock);
    app_kpi_source_t src = !c->valid      ? APP_KPI_NONE
                           : c->file.base ? APP_KPI_MAPPED
                                          : APP_KPI_REBUILT;
    if (generation)
        *generation = c->generation;
    pthread_rwlock_unlock(&c->lock);
    return src;
}
