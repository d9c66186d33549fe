/* app_kpi.c - the KPI engine over the ledger snapshot.
 *
 * The snapshot (one per process, for the database of the app that built
 * it) lives in a static cache guarded by a read-write lock: computations
 * hold the read lock; a reload (when the ledger generation moved) holds the
 * write lock. A reload maps the persisted image valid for the current
 * ledger state (app_kpi_file.h) or, when there is none, rebuilds the
 * snapshot from the dossier table, finalizes it (sorted rows, day
 * aggregates) and persists it for the next process. */
#include "app/app_kpi.h"

#include "domain/period.h"

#include "app/app_feedback.h"
#include "app/app_kpi_file.h"
#include "app/app_units.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/dossier_keymap.h"
#include "domain/kpi_agg.h"
#include "domain/kpi_snap.h"
#include "domain/procedure.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct cache {
    char *db_path;
    int64_t generation;
    bool valid;
    kpi_snap_t *snap;    /* rebuilt from the database, or NULL */
    app_kpi_file_t file; /* or the mapped image */
    kpi_view_t *views;   /* by unit index: ncodes entries */
    unit_set_t units;
    char **codes; /* unit index -> code (owned) */
    uint32_t ncodes, capcodes;
    dossier_keymap_t code_index;
    procedure_set_t procs;
    uint8_t *proc_flags;
    uint64_t procs_sum;  /* kpi_image_procs_sum of procs */
    uint32_t *link_unit; /* per procedure link: unit index (UINT32_MAX = unknown) */
    uint32_t *link_proc; /* per procedure link: procedure index */
    uint32_t nviews;     /* entries of views (ncodes when allocated) */
    uint8_t *owned;      /* per unit: its view is the snapshot's (patchable), not the image's */
    uint64_t patches;    /* refreshes done by patching (diagnostics) */
} cache_t;

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static cache_t cache;

static void cache_clear(cache_t *c)
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
    mem_free(c->db_path);
    mem_free(c->owned);
    uint64_t patches = c->patches;
    memset(c, 0, sizeof *c);
    c->patches = patches;
}

static int unit_index(cache_t *c, const char *code, uint32_t *out, err_t *e)
{
    if (dossier_keymap_get(&c->code_index, code, out))
        return 0;
    if (c->ncodes == c->capcodes) {
        uint32_t cap = c->capcodes ? c->capcodes * 2 : 256;
        char **n = mem_realloc(c->codes, cap * sizeof *n);
        if (!n)
            return err_nomem(e);
        c->codes = n;
        c->capcodes = cap;
    }
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
    cache_t *c = ctx;
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

static int load_reference(app_t *a, cache_t *c, err_t *e)
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

static int alloc_views(cache_t *c, err_t *e)
{
    c->views = mem_calloc(c->ncodes + 1, sizeof *c->views);
    c->owned = mem_calloc(c->ncodes + 1, 1);
    c->nviews = c->ncodes;
    return c->views && c->owned ? 0 : err_nomem(e);
}

/* Views over the mapped image (its units mapped to our unit indexes). */
static int use_image(cache_t *c, err_t *e)
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
    cache_t *c = ctx;
    return kpi_snap_finalize_unit(c->snap, (uint32_t)u, c->proc_flags, (uint32_t)c->procs.n,
                                  DOSSIER_RULES_DEFAULT.max_supplements, NULL);
}

/* Writes the finalized snapshot as the image of generation gen (best
 * effort: a failure is logged; the in-memory snapshot serves anyway). */
static void persist(app_t *a, cache_t *c, int64_t gen, uint64_t psum)
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
static int rebuild(app_t *a, cache_t *c, int64_t gen, uint64_t psum, err_t *e)
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

static int build(app_t *a, cache_t *c, int64_t gen, err_t *e)
{
    cache_clear(c);
    unit_set_init(&c->units);
    procedure_set_init(&c->procs);
    dossier_keymap_init(&c->code_index);
    c->db_path = mem_strdup(app_db_path(a));
    if (!c->db_path)
        return err_nomem(e);
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
    if (rc == 1) {
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
    cache_t *c;
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
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        int64_t *v = mem_realloc(p->ids, cap * sizeof *v);
        if (!v)
            return ERR_NOMEM;
        p->ids = v;
        p->cap = cap;
    }
    p->ids[p->n++] = id;
    return 0;
}

/* Makes unit u's view the snapshot's: copies the image's rows of u once. */
static int own_unit(cache_t *c, uint32_t u, err_t *e)
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
    cache_t *c = p->c;
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

/* Brings the cache from its generation to gen by re-reading the dossiers
 * journaled in between; 1 when that is not possible (a bulk ingest or too
 * many changes in between: the caller rebuilds), <0 on an error (the cache
 * must then be rebuilt too). Holds the write lock. */
static int patch(app_t *a, cache_t *c, int64_t gen, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    patch_ctx_t p = {.c = c};
    int64_t ngens = 0;
    rc = store_ledger_changes(s, c->generation, gen, collect_id, &p, &ngens, e);
    if (!rc && (ngens != gen - c->generation || p.n == APP_KPI_PATCH_MAX))
        rc = 1;
    if (!rc && !c->snap && !(c->snap = kpi_snap_new(e)))
        rc = ERR_NOMEM;
    p.dirty = rc ? NULL : mem_calloc(c->nviews + 1, 1);
    if (!rc && !p.dirty)
        rc = ERR_NOMEM;
    for (size_t i = 0; !rc && i < p.n; i++) {
        p.want = p.ids[i];
        p.found = false;
        rc = store_ledger_dossiers_scan(s, p.ids[i] - 1, patch_row, &p, e);
        if (!rc && !p.found)
            rc = 1;
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

uint64_t app_kpi_patches(void)
{
    pthread_rwlock_rdlock(&cache_lock);
    uint64_t n = cache.patches;
    pthread_rwlock_unlock(&cache_lock);
    return n;
}

/* Takes the read lock on an up-to-date cache (rebuilding it first when the
 * ledger generation moved). On success the caller must unlock. */
static int acquire(app_t *a, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    int64_t gen;
    rc = store_ledger_generation(s, &gen, e);
    if (rc)
        return rc;
    pthread_rwlock_rdlock(&cache_lock);
    if (cache.valid && cache.generation == gen && strcmp(cache.db_path, app_db_path(a)) == 0)
        return 0;
    pthread_rwlock_unlock(&cache_lock);
    pthread_rwlock_wrlock(&cache_lock);
    rc = 0;
    bool same = cache.valid && strcmp(cache.db_path, app_db_path(a)) == 0;
    if (!(same && cache.generation == gen)) {
        err_t pe;
        if (!(same && gen > cache.generation && patch(a, &cache, gen, &pe) == 0))
            rc = build(a, &cache, gen, e);
    }
    if (rc)
        cache.valid = false;
    pthread_rwlock_unlock(&cache_lock);
    if (rc)
        return rc;
    return acquire(a, e);
}

static void release(void)
{
    pthread_rwlock_unlock(&cache_lock);
}

int app_kpi_after_ingest(app_t *a, err_t *e)
{
    (void)a;
    (void)e;
    return 0; /* the ingest published the image itself (or the next load rebuilds) */
}

void app_kpi_reset(void)
{
    pthread_rwlock_wrlock(&cache_lock);
    cache_clear(&cache);
    pthread_rwlock_unlock(&cache_lock);
}

app_kpi_source_t app_kpi_source(int64_t *generation)
{
    pthread_rwlock_rdlock(&cache_lock);
    app_kpi_source_t src = !cache.valid      ? APP_KPI_NONE
                           : cache.file.base ? APP_KPI_MAPPED
                                             : APP_KPI_REBUILT;
    if (generation)
        *generation = cache.generation;
    pthread_rwlock_unlock(&cache_lock);
    return src;
}

/* --- unit sets --------------------------------------------------------------- */

/* parent[u] = index of u's parent on the tree at `at`, or UINT32_MAX. */
static void build_parents(const cache_t *c, date_t at, uint32_t *parent)
{
    for (uint32_t i = 0; i < c->ncodes; i++) {
        const unit_t *u = unit_set_find(&c->units, c->codes[i], at);
        uint32_t p;
        parent[i] =
            u && u->parent && dossier_keymap_get(&c->code_index, u->parent, &p) ? p : UINT32_MAX;
    }
}

/* Marks in `in` (indexed by unit index) the unit and, with tree, every unit
 * below it on the tree of `parent`, plus units merged into marked units on
 * or before `at`. */
static void mark_units(const cache_t *c, const char *code, bool tree, date_t at,
                       const uint32_t *parent, uint8_t *in)
{
    uint32_t root;
    if (!dossier_keymap_get(&c->code_index, code, &root))
        return;
    in[root] = 1;
    if (!tree)
        return;
    for (uint32_t i = 0; i < c->ncodes; i++) {
        uint32_t p = i;
        for (int depth = 0; p != UINT32_MAX && depth < 64 && !in[i]; depth++) {
            p = parent[p];
            if (p == root)
                in[i] = 1;
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t k = 0; k < c->units.nlinks; k++) {
            const unit_link_t *l = &c->units.links[k];
            uint32_t from, to;
            if (l->kind != UNIT_LINK_MERGED_INTO || (at != DATE_NONE && l->on > at) ||
                !dossier_keymap_get(&c->code_index, l->from, &from) ||
                !dossier_keymap_get(&c->code_index, l->to, &to) || !in[to] || in[from])
                continue;
            in[from] = 1;
            changed = true;
        }
    }
}

static void add_catalog(const cache_t *c, const uint8_t *in, date_t at, const uint8_t *select,
                        uint8_t *seen, kpi_counts_t *k)
{
    memset(seen, 0, c->procs.n + 1);
    for (size_t i = 0; i < c->procs.nlinks; i++) {
        uint32_t u = c->link_unit[i], p = c->link_proc[i];
        if (u == UINT32_MAX || p == UINT32_MAX || !in[u] || seen[p] || (select && !select[p]) ||
            !procedure_link_valid_at(&c->procs.links[i], at))
            continue;
        seen[p] = 1;
        const procedure_t *pr = &c->procs.items[p];
        k->c[KC_CAT_TOTAL]++;
        k->c[KC_CAT_PUBLISHED] += pr->published;
        if (pr->full_online_eligible) {
            k->c[KC_CAT_ELIGIBLE]++;
            k->c[KC_CAT_ELIGIBLE_FULL] += pr->level == PROCEDURE_LEVEL_FULL;
        }
        if (pr->fee) {
            k->c[KC_CAT_FEE]++;
            k->c[KC_CAT_FEE_ONLINE] += pr->online_payment;
        }
    }
}

/* --- requests ------------------------------------------------------------------ */

typedef struct prepared {
    kpi_query_t q;
    uint8_t *select; /* procedure filter, NULL = all */
    uint8_t *in;     /* unit set */
    uint8_t *seen;   /* scratch: procedures counted */
    uint32_t *parent;
    date_t at;
    int64_t *fb; /* feedback.on_time: per unit index, answered and on time (2 each) */
} prepared_t;

static void prepared_release(prepared_t *p)
{
    mem_free(p->select);
    mem_free(p->in);
    mem_free(p->seen);
    mem_free(p->parent);
    mem_free(p->fb);
}

/* --- feedback.on_time ------------------------------------------------------------
 * Citizen feedback is not in the dossier snapshot: the items answered in the
 * period are read from the store for each request (few rows, indexed by
 * answer time) and counted per unit index; sums over unit sets follow the
 * dossier counters. Not counted under a procedure or field filter. */

typedef struct fb_ctx {
    prepared_t *p;
    buf_t *out; /* explain: the item list */
    int n;
    err_t *e;
} fb_ctx_t;

static int fb_count(void *ctx, const feedback_t *f, bool on_time)
{
    fb_ctx_t *x = ctx;
    uint32_t u;
    if (dossier_keymap_get(&cache.code_index, f->unit, &u)) {
        x->p->fb[2 * u] += 1;
        x->p->fb[2 * u + 1] += on_time;
    }
    return 0;
}

static int fb_prepare(app_t *a, prepared_t *p, const kpi_request_t *r, err_t *e)
{
    p->fb = mem_calloc(2 * ((size_t)cache.ncodes + 1), sizeof *p->fb);
    if (!p->fb)
        return err_nomem(e);
    if (r->procedure || r->field)
        return 0;
    fb_ctx_t x = {p, NULL, 0, e};
    return app_feedback_kpi_items(a, p->q.from, p->q.to, p->q.as_of, fb_count, &x, e);
}

static void fb_add(const prepared_t *p, uint32_t u, kpi_counts_t *k)
{
    k->c[KC_FB_DUE] += p->fb[2 * u];
    k->c[KC_FB_ON_TIME] += p->fb[2 * u + 1];
}

static int fb_item(void *ctx, const feedback_t *f, bool on_time)
{
    fb_ctx_t *x = ctx;
    uint32_t u;
    if (!dossier_keymap_get(&cache.code_index, f->unit, &u) || !x->p->in[u])
        return 0;
    char r[DTIME_ISO_LEN], d[DTIME_ISO_LEN], a[DTIME_ISO_LEN];
    dtime_format(f->received, r);
    dtime_format(f->answered, a);
    if (f->answer_due != DTIME_NONE)
        dtime_format(f->answer_due, d);
    int rc = buf_puts(x->out, x->n++ ? ",{\"code\":" : "{\"code\":");
    if (!rc)
        rc = buf_put_json_str(x->out, f->code, strlen(f->code));
    if (!rc)
        rc = buf_printf(x->out,
                        ",\"in_numerator\":%s,\"class\":\"%s\",\"status\":\"%s\","
                        "\"received\":\"%s\",\"due\":%s%s%s,\"ended\":\"%s\"}",
                        on_time ? "true" : "false", on_time ? "on_time" : "late",
                        feedback_status_name(f->status), r, f->answer_due != DTIME_NONE ? "\"" : "",
                        f->answer_due != DTIME_NONE ? d : "null",
                        f->answer_due != DTIME_NONE ? "\"" : "", a);
    return rc ? err_nomem(x->e) : 0;
}

/* Lists the feedback items behind feedback.on_time for the unit set. */
static int fb_explain(app_t *a, prepared_t *p, const kpi_request_t *r, buf_t *out, err_t *e)
{
    if (r->procedure || r->field)
        return 0;
    fb_ctx_t x = {p, out, 0, e};
    return app_feedback_kpi_items(a, p->q.from, p->q.to, p->q.as_of, fb_item, &x, e);
}
/* --- end of feedback.on_time ------------------------------------------------------ */

static int prepare(const cache_t *c, const user_t *actor, const kpi_request_t *r, prepared_t *p,
                   err_t *e)
{
    memset(p, 0, sizeof *p);
    if (r->from == DATE_NONE || r->to == DATE_NONE || r->to < r->from)
        return err_set(e, ERR_INVALID, "kpi.period", "kỳ tính không hợp lệ", "invalid period");
    p->at = r->tree_at != DATE_NONE ? r->tree_at : r->to;
    if (r->unit) {
        if (!unit_set_find(&c->units, r->unit, DATE_NONE))
            return err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                           "Unit '%s' not found", r->unit);
        if (actor && !access_allows(actor, ACCESS_READ, r->unit, &c->units, p->at))
            return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                           "Không có quyền xem số liệu của đơn vị %s",
                           "Not allowed to read the figures of unit %s", r->unit);
    }
    p->q.from = dtime_make(r->from, 0, 0, 0);
    p->q.to = dtime_make(r->to, 23, 59, 59);
    p->q.as_of = r->as_of != DTIME_NONE ? r->as_of : dtime_now();
    p->q.proc_flags = c->proc_flags;
    p->q.nproc = (uint32_t)c->procs.n;
    p->q.max_supplements = DOSSIER_RULES_DEFAULT.max_supplements;
    p->in = mem_calloc(c->ncodes + 1, 1);
    p->seen = mem_calloc(c->procs.n + 1, 1);
    p->parent = mem_calloc(c->ncodes + 1, sizeof *p->parent);
    if (!p->in || !p->seen || !p->parent)
        return err_nomem(e);
    build_parents(c, p->at, p->parent);
    if (r->procedure || r->field) {
        p->select = mem_calloc(c->procs.n + 1, 1);
        if (!p->select)
            return err_nomem(e);
        for (size_t i = 0; i < c->procs.n; i++)
            p->select[i] = (!r->procedure || strcmp(c->procs.items[i].code, r->procedure) == 0) &&
                           (!r->field || strcmp(c->procs.items[i].field, r->field) == 0);
        p->q.proc_select = p->select;
    }
    return 0;
}

static void count_set(const cache_t *c, const prepared_t *p, kpi_counts_t *k)
{
    memset(k, 0, sizeof *k);
    for (uint32_t u = 0; u < c->ncodes; u++)
        if (p->in[u]) {
            kpi_agg_view_count(&c->views[u], &p->q, k);
            fb_add(p, u, k); /* feedback.on_time */
        }
    add_catalog(c, p->in, p->at, p->select, p->seen, k);
}

int app_kpi_compute(app_t *a, const user_t *actor, const kpi_request_t *r, kpi_counts_t *out,
                    err_t *e)
{
    if (!r->unit)
        return err_set(e, ERR_INVALID, "kpi.unit", "thiếu mã đơn vị", "missing unit code");
    int rc = acquire(a, e);
    if (rc)
        return rc;
    prepared_t p;
    rc = prepare(&cache, actor, r, &p, e);
    if (!rc)
        rc = fb_prepare(a, &p, r, e); /* feedback.on_time */
    if (!rc) {
        mark_units(&cache, r->unit, r->tree, p.at, p.parent, p.in);
        count_set(&cache, &p, out);
    }
    prepared_release(&p);
    release();
    return rc;
}

/* Whether some version of the unit is valid during [from, to]. */
static bool active(const cache_t *c, const char *code, date_t from, date_t to)
{
    for (size_t i = 0; i < c->units.n; i++) {
        const unit_t *u = &c->units.units[i];
        if (strcmp(u->code, code) == 0 && (u->valid_from == DATE_NONE || u->valid_from <= to) &&
            (u->valid_to == DATE_NONE || u->valid_to >= from))
            return true;
    }
    return false;
}

int app_kpi_units(app_t *a, const user_t *actor, const kpi_request_t *r, app_kpi_unit_fn fn,
                  void *ctx, err_t *e)
{
    int rc = acquire(a, e);
    if (rc)
        return rc;
    kpi_request_t rr = *r;
    rr.unit = NULL;
    prepared_t p;
    rc = prepare(&cache, actor, &rr, &p, e);
    if (!rc)
        rc = fb_prepare(a, &p, r, e); /* feedback.on_time */
    kpi_counts_t *own = rc ? NULL : mem_calloc(cache.ncodes + 1, sizeof *own);
    if (!rc && !own)
        rc = err_nomem(e);
    /* Own counts of every unit, once; a subtree is the sum of its units. */
    for (uint32_t u = 0; !rc && u < cache.ncodes; u++) {
        kpi_agg_view_count(&cache.views[u], &p.q, &own[u]);
        fb_add(&p, u, &own[u]); /* feedback.on_time */
    }
    for (uint32_t i = 0; !rc && i < cache.ncodes; i++) {
        const char *code = cache.codes[i];
        if (!active(&cache, code, r->from, r->to))
            continue;
        if (actor && !access_allows(actor, ACCESS_READ, code, &cache.units, p.at))
            continue;
        memset(p.in, 0, cache.ncodes + 1);
        mark_units(&cache, code, r->tree, p.at, p.parent, p.in);
        kpi_counts_t k = {0};
        for (uint32_t u = 0; u < cache.ncodes; u++)
            if (p.in[u])
                kpi_counts_add(&k, &own[u]);
        add_catalog(&cache, p.in, p.at, p.select, p.seen, &k);
        rc = fn(ctx, code, p.q.as_of, &k, e);
    }
    mem_free(own);
    prepared_release(&p);
    release();
    return rc;
}

typedef struct all_ctx {
    buf_t *out;
    const kpi_request_t *r;
} all_ctx_t;

static int all_line(void *ctx, const char *unit, dtime_t as_of, const kpi_counts_t *k, err_t *e)
{
    all_ctx_t *x = ctx;
    int rc = kpi_json(x->out, unit, x->r->from, x->r->to, as_of, k);
    if (!rc)
        rc = buf_putc(x->out, '\n');
    return rc ? err_nomem(e) : 0;
}

int app_kpi_all(app_t *a, const user_t *actor, const kpi_request_t *r, buf_t *out, err_t *e)
{
    all_ctx_t x = {out, r};
    return app_kpi_units(a, actor, r, all_line, &x, e);
}

/* --- explain --------------------------------------------------------------------- */

typedef struct explain_ctx {
    store_t *s;
    buf_t *out;
    int n;
    err_t *e;
    size_t seen, offset, limit; /* rows met so far; the page written */
} explain_ctx_t;

static int put_time_field(buf_t *b, const char *key, int32_t t)
{
    if (t == KPI_NONE)
        return buf_printf(b, ",\"%s\":null", key);
    char tmp[DTIME_ISO_LEN];
    dtime_format(kpi_snap_dtime(t), tmp);
    return buf_printf(b, ",\"%s\":\"%s\"", key, tmp);
}

static int explain_row(void *ctx, const kpi_row_t *row, bool in_num, dossier_class_t cls)
{
    explain_ctx_t *x = ctx;
    size_t i = x->seen++;
    if (i < x->offset || i - x->offset >= x->limit)
        return 0; /* outside the page: counted, not looked up */
    char code[DOSSIER_CODE_MAX + 1];
    int rc = store_ledger_dossier_code(x->s, row->id, code, sizeof code, x->e);
    if (rc)
        return rc;
    buf_t *b = x->out;
    rc = buf_puts(b, x->n++ ? ",{\"code\":" : "{\"code\":");
    if (!rc)
        rc = buf_put_json_str(b, code, strlen(code));
    if (!rc)
        rc = buf_printf(b, ",\"in_numerator\":%s,\"class\":\"%s\",\"status\":%d",
                        in_num ? "true" : "false", dossier_class_name(cls), row->status);
    if (!rc)
        rc = put_time_field(b, "received", row->received);
    if (!rc)
        rc = put_time_field(b, "due", row->due);
    if (!rc)
        rc = put_time_field(b, "ended", row->ended);
    if (!rc)
        rc = buf_putc(b, '}');
    return rc ? err_nomem(x->e) : 0;
}

int app_kpi_explain(app_t *a, const user_t *actor, const kpi_request_t *r, const char *indicator,
                    buf_t *out, err_t *e)
{
    return app_kpi_explain_page(a, actor, r, indicator, 0, SIZE_MAX, out, e);
}

int app_kpi_explain_page(app_t *a, const user_t *actor, const kpi_request_t *r,
                         const char *indicator, size_t offset, size_t limit, buf_t *out, err_t *e)
{
    int ind = kpi_find(indicator);
    if (ind < 0)
        return err_set(e, ERR_INVALID, "kpi.indicator", "chỉ tiêu không tồn tại '%s'",
                       "unknown indicator '%s'", indicator);
    if (!r->unit)
        return err_set(e, ERR_INVALID, "kpi.unit", "thiếu mã đơn vị", "missing unit code");
    int rc = acquire(a, e);
    if (rc)
        return rc;
    prepared_t p;
    rc = prepare(&cache, actor, r, &p, e);
    if (!rc)
        rc = fb_prepare(a, &p, r, e); /* feedback.on_time */
    kpi_counts_t k;
    if (!rc) {
        mark_units(&cache, r->unit, r->tree, p.at, p.parent, p.in);
        count_set(&cache, &p, &k);
    }
    const kpi_def_t *d = kpi_def((kpi_indicator_t)ind);
    int64_t num = 0, den = 0, centi;
    if (!rc) {
        num = ind == KPI_PROGRESS ? k.c[KC_NOT_LATE] + k.c[KC_OPEN_IN_TIME] : k.c[d->num];
        den = ind == KPI_PROGRESS ? k.c[KC_RESOLVED] + k.c[KC_OPEN_IN_TIME] + k.c[KC_OVERDUE_OPEN]
                                  : k.c[d->den];
        rc = buf_printf(out, "{\"unit\":\"%s\",\"indicator\":\"%s\",\"value\":", r->unit, d->id);
        if (!rc && kpi_value_centi(num, den, &centi))
            rc = buf_printf(out, "%lld.%02lld", (long long)(centi / 100), (long long)(centi % 100));
        else if (!rc)
            rc = buf_puts(out, "null");
        if (!rc)
            rc = buf_printf(out, ",\"num\":%lld,\"den\":%lld,\"dossiers\":[", (long long)num,
                            (long long)den);
        if (rc)
            rc = err_nomem(e);
    }
    if (!rc && ind == KPI_FEEDBACK_ON_TIME) { /* the feedback items instead */
        rc = fb_explain(a, &p, r, out, e);
        if (!rc)
            rc = buf_puts(out, "]}") ? err_nomem(e) : 0;
    } else if (!rc && d->den >= KC_DOSSIER_COUNT)
        rc = buf_puts(out, "]}") ? err_nomem(e) : 0; /* catalogue: no dossiers */
    else if (!rc) {
        explain_ctx_t x = {NULL, out, 0, e, 0, offset, limit};
        rc = app_store(a, &x.s, e);
        for (uint32_t u = 0; !rc && u < cache.ncodes; u++)
            if (p.in[u])
                rc = kpi_agg_view_explain(&cache.views[u], &p.q, (kpi_indicator_t)ind, explain_row,
                                          &x);
        if (!rc)
            rc = buf_printf(out, "],\"total\":%zu,\"offset\":%zu}", x.seen, offset) ? err_nomem(e)
                                                                                    : 0;
    }
    prepared_release(&p);
    release();
    return rc;
}

/* --- periods ------------------------------------------------------------------------ */

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Period codes are those of domain/period (2024, 2024Q1, 2024S1, 2024M9,
 * 2024M01); 2024H1/2024H2 and 2024-03 are accepted as well. */
int kpi_period_parse(const char *s, date_t *from, date_t *to, err_t *e)
{
    size_t n = strlen(s);
    period_id_t id;
    if (period_parse_code(s, n, &id, NULL) == 0 && period_nominal(id, from, to, NULL) == 0)
        return 0;
    if (n < 4 || !digits(s, 4))
        goto bad;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1000)
        goto bad;
    int m1 = 1, m2 = 12;
    const char *r = s + 4;
    char k = r[0];
    if (n == 4) {
    } else if (n == 6 && (k == 'Q' || k == 'q') && r[1] >= '1' && r[1] <= '4') {
        m1 = (r[1] - '1') * 3 + 1;
        m2 = m1 + 2;
    } else if (n == 6 && (k == 'H' || k == 'h') && (r[1] == '1' || r[1] == '2')) {
        m1 = r[1] == '1' ? 1 : 7;
        m2 = m1 + 5;
    } else if (n == 7 && (k == 'M' || k == 'm' || k == '-') && digits(r + 1, 2)) {
        m1 = m2 = (r[1] - '0') * 10 + (r[2] - '0');
        if (m1 < 1 || m1 > 12)
            goto bad;
    } else {
        goto bad;
    }
    *from = date_from_ymd(y, m1, 1);
    *to = date_from_ymd(y, m2, date_days_in_month(y, m2));
    return 0;
bad:
    return err_set(e, ERR_INVALID, "kpi.period",
                   "mã kỳ không hợp lệ '%s' (2024, 2024Q1, 2024S1, 2024M9, 2024M03)",
                   "invalid period code '%s' (2024, 2024Q1, 2024S1, 2024M9, 2024M03)", s);
}
