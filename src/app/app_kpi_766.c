/* app_kpi_766.c - the 766 service-quality index and ranking of units
 * (app_kpi.h): scores from domain/index766.h, ranks from domain/rank.h. */
#include "app/app_kpi.h"

#include "app/app_units.h"
#include "base/file.h"
#include "base/mem.h"
#include "domain/index766.h"
#include "domain/rank.h"
#include "domain/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct entry {
    char *unit;
    char *province; /* NULL in the national view */
    index766_score_t score;
} entry_t;

typedef struct collect {
    const index766_rules_t *rules;
    entry_t *v;
    rank_item_t *rank; /* parallel to v */
    size_t n, cap;
    dtime_t as_of;
} collect_t;

static int add(void *ctx, const char *unit, dtime_t as_of, const kpi_counts_t *k, err_t *e)
{
    collect_t *c = ctx;
    c->as_of = as_of;
    if (MEM_GROW(c->v, c->cap, c->n + 1))
        return err_nomem(e);
    entry_t *x = &c->v[c->n];
    memset(x, 0, sizeof *x);
    x->unit = mem_strdup(unit);
    if (!x->unit)
        return err_nomem(e);
    index766_compute(c->rules, k, &x->score);
    c->n++;
    return 0;
}

/* Fills c->rank: peers are the units of the same kind in the same province
 * on the tree at the tree date (all provinces when national). */
static int rank_units(app_t *a, const kpi_request_t *r, collect_t *c, err_t *e)
{
    c->rank = mem_calloc(c->n ? c->n : 1, sizeof *c->rank);
    if (!c->rank)
        return err_nomem(e);
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    date_t at = r->tree_at != DATE_NONE ? r->tree_at : r->to;
    for (size_t i = 0; !rc && i < c->n; i++) {
        entry_t *x = &c->v[i];
        const unit_t *u = unit_set_find(&units, x->unit, at);
        if (!u)
            u = unit_set_find(&units, x->unit, DATE_NONE);
        const char *prov = r->national ? NULL : unit_set_rank_scope(&units, x->unit, at);
        if (prov) {
            x->province = mem_strdup(prov);
            if (!x->province)
                rc = err_nomem(e);
        }
        c->rank[i] = (rank_item_t){.scope = x->province,
                                   .kind = u ? (int)u->kind : -1,
                                   .value = x->score.total,
                                   .has_value = x->score.has_data,
                                   .key = x->unit};
    }
    unit_set_release(&units);
    return rc ? rc : rank_assign(c->rank, c->n, false, e);
}

/* Output order: province, kind, rank (unranked last), code (qsort_r over
 * indexes into the rank items). */
static int by_group_rank(const void *pa, const void *pb, void *ctx)
{
    const rank_item_t *items = ctx;
    const rank_item_t *a = &items[*(const size_t *)pa], *b = &items[*(const size_t *)pb];
    int c = strcmp(a->scope ? a->scope : "", b->scope ? b->scope : "");
    if (!c)
        c = (a->kind > b->kind) - (a->kind < b->kind);
    if (!c)
        c = (a->rank == 0) - (b->rank == 0);
    if (!c)
        c = (a->rank > b->rank) - (a->rank < b->rank);
    return c ? c : strcmp(a->key, b->key);
}

static int put_no_data(const index766_rules_t *rules, const index766_score_t *s, buf_t *out)
{
    int rc = buf_puts(out, ",\"no_data\":[");
    bool first = true;
    for (int g = 0; !rc && g < rules->ngroups; g++) {
        const index766_group_t *grp = &rules->groups[g];
        for (int i = 0; !rc && i < grp->nitems; i++) {
            if (!(s->no_data[g] & (1u << i)))
                continue;
            const kpi_def_t *d = kpi_def((kpi_indicator_t)grp->items[i].indicator);
            rc = buf_printf(out, "%s{\"group\":\"%s\",\"indicator\":\"%s\",\"rule\":\"%s\"}",
                            first ? "" : ",", grp->code, d ? d->id : "",
                            grp->items[i].no_data_full ? "full" : "zero");
            first = false;
        }
    }
    return rc ? rc : buf_puts(out, "]");
}

static int put_entry(const index766_rules_t *rules, const entry_t *x, const rank_item_t *rk,
                     buf_t *out)
{
    int rc = buf_puts(out, "{\"unit\":");
    if (!rc)
        rc = buf_put_json_str(out, x->unit, strlen(x->unit));
    if (!rc)
        rc = buf_printf(out, ",\"kind\":\"%s\",\"province\":",
                        rk->kind >= 0 ? unit_kind_code((unit_kind_t)rk->kind) : "");
    if (!rc)
        rc = x->province ? buf_put_json_str(out, x->province, strlen(x->province))
                         : buf_puts(out, "null");
    if (!rc && !x->score.has_data)
        return buf_puts(out, ",\"rank\":null,\"of\":null,\"total\":null,\"groups\":null,"
                             "\"no_data\":[]}");
    if (!rc)
        rc = buf_printf(out, ",\"rank\":%d,\"of\":%d,\"total\":%.2f,\"groups\":{", rk->rank, rk->of,
                        x->score.total);
    for (int g = 0; !rc && g < rules->ngroups; g++)
        rc = buf_printf(out, "%s\"%s\":%.2f", g ? "," : "", rules->groups[g].code,
                        x->score.groups[g]);
    if (!rc)
        rc = buf_puts(out, "}");
    if (!rc)
        rc = put_no_data(rules, &x->score, out);
    return rc ? rc : buf_puts(out, "}");
}

static int render(const index766_rules_t *rules, const kpi_request_t *r, const collect_t *c,
                  const size_t *order, buf_t *out)
{
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN], a[DTIME_ISO_LEN];
    date_format(r->from, f);
    date_format(r->to, t);
    dtime_format(c->as_of != DTIME_NONE ? c->as_of : r->as_of, a);
    int rc = buf_printf(out,
                        "{\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"as_of\":\"%s\","
                        "\"national\":%s,\"rules\":{\"version\":",
                        f, t, a, r->national ? "true" : "false");
    if (!rc)
        rc = buf_put_json_str(out, rules->version, strlen(rules->version));
    if (!rc)
        rc = buf_puts(out, ",\"source\":");
    if (!rc)
        rc = buf_put_json_str(out, rules->source, strlen(rules->source));
    if (!rc)
        rc = buf_puts(out, "},\"units\":[");
    for (size_t i = 0; !rc && i < c->n; i++) {
        rc = i ? buf_puts(out, ",") : 0;
        if (!rc)
            rc = put_entry(rules, &c->v[order[i]], &c->rank[order[i]], out);
    }
    if (!rc)
        rc = buf_puts(out, "]}");
    return rc;
}

static int load_rules(app_t *a, index766_rules_t **out, err_t *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/indices/766.json", app_data_dir(a));
    char *text = NULL;
    size_t n;
    int rc = file_read_all(path, 1u << 20, &text, &n, e);
    if (rc)
        return rc;
    *out = mem_alloc(sizeof **out);
    rc = *out ? index766_parse(text, n, *out, e) : err_nomem(e);
    mem_free(text);
    return rc;
}

int app_kpi_index766(app_t *a, const user_t *actor, const kpi_request_t *r, buf_t *out, err_t *e)
{
    index766_rules_t *rules = NULL;
    int rc = load_rules(a, &rules, e);
    collect_t c = {rules, NULL, NULL, 0, 0, DTIME_NONE};
    size_t *order = NULL;
    if (!rc)
        rc = app_kpi_units(a, actor, r, add, &c, e);
    if (!rc)
        rc = rank_units(a, r, &c, e);
    if (!rc) {
        order = mem_alloc((c.n ? c.n : 1) * sizeof *order);
        if (!order)
            rc = err_nomem(e);
    }
    if (!rc) {
        for (size_t i = 0; i < c.n; i++)
            order[i] = i;
        qsort_r(order, c.n, sizeof *order, by_group_rank, c.rank);
        rc = render(rules, r, &c, order, out) ? err_nomem(e) : 0;
    }
    for (size_t i = 0; i < c.n; i++) {
        mem_free(c.v[i].unit);
        mem_free(c.v[i].province);
    }
    mem_free(order);
    mem_free(c.rank);
    mem_free(c.v);
    mem_free(rules);
    return rc;
}
