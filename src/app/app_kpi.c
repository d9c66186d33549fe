/* app_kpi.c - the KPI engine's use cases over the ledger snapshot
 * (app_kpi_cache.c holds it, app_kpi_units.c selects units, app_kpi_explain.c
 * lists the dossiers behind a figure). */
#include "app/app_kpi.h"

#include "app/app_kpi_int.h"
#include "base/mem.h"
#include "domain/kpi_agg.h"

#include <string.h>

#include "base/banned.h"

int app_kpi_compute(app_t *a, const user_t *actor, const kpi_request_t *r, kpi_counts_t *out,
                    err_t *e)
{
    if (!r->unit)
        return err_set(e, ERR_INVALID, "kpi.unit", "thiếu mã đơn vị", "missing unit code");
    app_kpi_cache_t *c;
    int rc = app_kpi_cache_acquire(a, &c, e);
    if (rc)
        return rc;
    app_kpi_prepared_t p;
    rc = app_kpi_prepare(c, actor, r, &p, e);
    if (!rc)
        rc = app_kpi_feedback_prepare(a, c, &p, r, e);
    if (!rc) {
        app_kpi_mark_units(c, r->unit, r->tree, &p);
        app_kpi_count_set(c, &p, out);
    }
    app_kpi_prepared_release(&p);
    app_kpi_cache_release(c);
    return rc;
}

int app_kpi_units(app_t *a, const user_t *actor, const kpi_request_t *r, app_kpi_unit_fn fn,
                  void *ctx, err_t *e)
{
    app_kpi_cache_t *c;
    int rc = app_kpi_cache_acquire(a, &c, e);
    if (rc)
        return rc;
    kpi_request_t rr = *r;
    rr.unit = NULL;
    app_kpi_prepared_t p;
    rc = app_kpi_prepare(c, actor, &rr, &p, e);
    if (!rc)
        rc = app_kpi_feedback_prepare(a, c, &p, r, e);
    kpi_counts_t *own = rc ? NULL : mem_calloc(c->ncodes + 1, sizeof *own);
    if (!rc && !own)
        rc = err_nomem(e);
    /* Own counts of every unit, once; a subtree is the sum of its units. */
    for (uint32_t u = 0; !rc && u < c->ncodes; u++) {
        kpi_agg_view_count(&c->views[u], &p.q, &own[u]);
        app_kpi_feedback_add(&p, u, &own[u]);
    }
    for (uint32_t i = 0; !rc && i < c->ncodes; i++) {
        const char *code = c->codes[i];
        if (!app_kpi_unit_active(c, code, r->from, r->to))
            continue;
        if (actor && !access_allows(actor, ACCESS_READ, code, &c->units, p.at))
            continue;
        memset(p.in, 0, c->ncodes + 1);
        app_kpi_mark_units(c, code, r->tree, &p);
        kpi_counts_t k = {0};
        for (uint32_t u = 0; u < c->ncodes; u++)
            if (p.in[u])
                kpi_counts_add(&k, &own[u]);
        app_kpi_add_catalog(c, &p, &k);
        rc = fn(ctx, code, p.q.as_of, &k, e);
    }
    mem_free(own);
    app_kpi_prepared_release(&p);
    app_kpi_cache_release(c);
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

int app_kpi_scan(app_t *a, const user_t *actor, const kpi_request_t *r, app_kpi_row_fn fn,
                 void *ctx, err_t *e)
{
    if (!r->unit)
        return err_set(e, ERR_INVALID, "kpi.unit", "thiếu mã đơn vị", "missing unit code");
    app_kpi_cache_t *c;
    int rc = app_kpi_cache_acquire(a, &c, e);
    if (rc)
        return rc;
    app_kpi_prepared_t p;
    rc = app_kpi_prepare(c, actor, r, &p, e);
    if (!rc)
        app_kpi_mark_units(c, r->unit, r->tree, &p);
    for (uint32_t u = 0; !rc && u < c->ncodes; u++) {
        if (!p.in[u])
            continue;
        const kpi_view_t *v = &c->views[u];
        for (size_t i = 0; i < v->n; i++) {
            const kpi_row_t *row = &v->rows[i];
            const char *field = row->proc < c->procs.n ? c->procs.items[row->proc].field : NULL;
            fn(ctx, row, &p.q, field ? field : "");
        }
    }
    app_kpi_prepared_release(&p);
    app_kpi_cache_release(c);
    return rc;
}
