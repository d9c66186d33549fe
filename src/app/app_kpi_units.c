/* app_kpi_units.c - requests over the ledger snapshot (app_kpi_int.h): the
 * unit set of a request (a unit, its subtree on the tree at a date, the
 * units merged into them), the catalogue counters, the counts of a set. */
#include "app/app_kpi_int.h"

#include "base/mem.h"
#include "domain/kpi_agg.h"

#include <string.h>

#include "base/banned.h"

/* parent[u] = index of u's parent on the tree at `at`, or UINT32_MAX. */
static void build_parents(const app_kpi_cache_t *c, date_t at, uint32_t *parent)
{
    for (uint32_t i = 0; i < c->ncodes; i++) {
        const unit_t *u = unit_set_find(&c->units, c->codes[i], at);
        uint32_t pi;
        parent[i] =
            u && u->parent && dossier_keymap_get(&c->code_index, u->parent, &pi) ? pi : UINT32_MAX;
    }
}

void app_kpi_mark_units(const app_kpi_cache_t *c, const char *code, bool tree,
                        app_kpi_prepared_t *p)
{
    date_t at = p->at;
    const uint32_t *parent = p->parent;
    uint8_t *in = p->in;
    uint32_t root;
    if (!dossier_keymap_get(&c->code_index, code, &root))
        return;
    in[root] = 1;
    if (!tree)
        return;
    for (uint32_t i = 0; i < c->ncodes; i++) {
        uint32_t up = i;
        for (int depth = 0; up != UINT32_MAX && depth < 64 && !in[i]; depth++) {
            up = parent[up];
            if (up == root)
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

void app_kpi_add_catalog(const app_kpi_cache_t *c, const app_kpi_prepared_t *p, kpi_counts_t *k)
{
    const uint8_t *in = p->in, *select = p->select;
    date_t at = p->at;
    uint8_t *seen = p->seen;
    memset(seen, 0, c->procs.n + 1);
    for (size_t i = 0; i < c->procs.nlinks; i++) {
        uint32_t u = c->link_unit[i], pi = c->link_proc[i];
        if (u == UINT32_MAX || pi == UINT32_MAX || !in[u] || seen[pi] || (select && !select[pi]) ||
            !procedure_link_valid_at(&c->procs.links[i], at))
            continue;
        seen[pi] = 1;
        const procedure_t *pr = &c->procs.items[pi];
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

int app_kpi_prepare(const app_kpi_cache_t *c, const user_t *actor, const kpi_request_t *r,
                    app_kpi_prepared_t *p, err_t *e)
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

void app_kpi_count_set(const app_kpi_cache_t *c, const app_kpi_prepared_t *p, kpi_counts_t *k)
{
    memset(k, 0, sizeof *k);
    for (uint32_t u = 0; u < c->ncodes; u++)
        if (p->in[u]) {
            kpi_agg_view_count(&c->views[u], &p->q, k);
            app_kpi_feedback_add(p, u, k); /* feedback.on_time */
        }
    app_kpi_add_catalog(c, p, k);
}

bool app_kpi_unit_active(const app_kpi_cache_t *c, const char *code, date_t from, date_t to)
{
    for (size_t i = 0; i < c->units.n; i++) {
        const unit_t *u = &c->units.units[i];
        if (strcmp(u->code, code) == 0 && (u->valid_from == DATE_NONE || u->valid_from <= to) &&
            (u->valid_to == DATE_NONE || u->valid_to >= from))
            return true;
    }
    return false;
}

void app_kpi_prepared_release(app_kpi_prepared_t *p)
{
    mem_free(p->select);
    mem_free(p->in);
    mem_free(p->seen);
    mem_free(p->parent);
    mem_free(p->fb);
}
