/* app_plan_life_targets.c - a superseded plan's targets matched with the
 * new plan's and their hand measurements carried over (app_plan_life.h,
 * docs/internals/plan_lifecycle.md "Targets"). */
#include "app/app_plan_life.h"

#include "base/mem.h"
#include "domain/plan_match.h"

#include <string.h>

#include "base/banned.h"

/* The targets of one plan (owned copies). */
typedef struct tlist {
    int64_t *id;
    char **indicator;
    plan_match_task_t *t; /* text and area owned */
    size_t n, cap, idcap, indcap;
} tlist_t;

static void tlist_release(tlist_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        mem_free((char *)l->t[i].text);
        mem_free((char *)l->t[i].area);
        mem_free(l->indicator[i]);
    }
    mem_free(l->id);
    mem_free(l->indicator);
    mem_free(l->t);
    memset(l, 0, sizeof *l);
}

static int target_row(void *ctx, int64_t id, const char *area, const char *indicator,
                      const char *text, err_t *e)
{
    tlist_t *l = ctx;
    if (MEM_GROW(l->t, l->cap, l->n + 1) || MEM_GROW(l->id, l->idcap, l->n + 1) ||
        MEM_GROW(l->indicator, l->indcap, l->n + 1))
        return err_nomem(e);
    char *t = mem_strdup(text ? text : "");
    char *a = area ? mem_strdup(area) : NULL;
    char *ind = mem_strdup(indicator ? indicator : "");
    if (!t || !ind || (area && !a)) {
        mem_free(t);
        mem_free(a);
        mem_free(ind);
        return err_nomem(e);
    }
    l->id[l->n] = id;
    l->indicator[l->n] = ind;
    l->t[l->n++] = (plan_match_task_t){t, a};
    return 0;
}

/* A pair chosen: indices and how. */
typedef struct tpair {
    size_t o, n;
    double score;
    const char *by; /* "indicator" or "text" */
} tpair_t;

typedef struct tmatch {
    tpair_t *v;
    size_t n;
    unsigned char *used_o, *used_n;
} tmatch_t;

static void tmatch_release(tmatch_t *m)
{
    mem_free(m->v);
    mem_free(m->used_o);
    mem_free(m->used_n);
    memset(m, 0, sizeof *m);
}

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A specific indicator (not the parser's catch-all "other"). */
static bool specific(const char *ind)
{
    return ind && *ind && strcmp(ind, "other") != 0;
}

/* First pass: each old target in order takes the free new target of the
 * same specific indicator and the same area whose text is closest (ties:
 * the earlier one). A score that cannot be computed (memory; stored texts
 * are valid UTF-8) is ERR_NOMEM. */
static int by_indicator(const tlist_t *o, const tlist_t *nw, tmatch_t *m, err_t *e)
{
    for (size_t i = 0; i < o->n; i++) {
        if (!specific(o->indicator[i]))
            continue;
        size_t best = SIZE_MAX;
        double bs = -1;
        for (size_t j = 0; j < nw->n; j++) {
            if (m->used_n[j] || strcmp(o->indicator[i], nw->indicator[j]) != 0 ||
                !same_str(o->t[i].area, nw->t[j].area))
                continue;
            double s = plan_match_score(&o->t[i], &nw->t[j]);
            if (s < 0)
                return err_nomem(e);
            if (s > bs) {
                bs = s;
                best = j;
            }
        }
        if (best == SIZE_MAX)
            continue;
        m->used_o[i] = m->used_n[best] = 1;
        m->v[m->n++] = (tpair_t){i, best, 1.0, "indicator"};
    }
    return 0;
}

/* Second pass: the targets left, matched by text (plan_match_run). */
static int by_text(const tlist_t *o, const tlist_t *nw, tmatch_t *m, err_t *e)
{
    plan_match_task_t *ot = mem_calloc(o->n + 1, sizeof *ot);
    plan_match_task_t *nt = mem_calloc(nw->n + 1, sizeof *nt);
    size_t *oi = mem_calloc(o->n + 1, sizeof *oi), *ni = mem_calloc(nw->n + 1, sizeof *ni);
    size_t no = 0, nn = 0;
    plan_match_t pm = {0};
    int rc = ot && nt && oi && ni ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < o->n; i++)
        if (!m->used_o[i]) {
            oi[no] = i;
            ot[no++] = o->t[i];
        }
    for (size_t j = 0; !rc && j < nw->n; j++)
        if (!m->used_n[j]) {
            ni[nn] = j;
            nt[nn++] = nw->t[j];
        }
    if (!rc && no && nn)
        rc = plan_match_run(ot, no, nt, nn, 0, &pm, e);
    for (size_t k = 0; !rc && k < pm.npairs; k++) {
        size_t i = oi[pm.pairs[k].old_idx], j = ni[pm.pairs[k].new_idx];
        m->used_o[i] = m->used_n[j] = 1;
        m->v[m->n++] = (tpair_t){i, j, pm.pairs[k].score, "text"};
    }
    plan_match_release(&pm);
    mem_free(ot);
    mem_free(nt);
    mem_free(oi);
    mem_free(ni);
    return rc;
}

static json_t *target_json(const tlist_t *l, size_t i)
{
    return json_pack("{s:I,s:s,s:s}", "target_id", (json_int_t)l->id[i], "indicator",
                     l->indicator[i], "text", l->t[i].text);
}

static int unmatched(json_t *out, const char *key, const tlist_t *l, const unsigned char *used)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < l->n; i++)
        if (!used[i] && json_array_append_new(arr, target_json(l, i))) {
            json_decref(arr);
            arr = NULL;
        }
    return arr ? json_object_set_new(out, key, arr) : -1;
}

/* Copies the measurements of every pair and lists it in out's "matched". */
static int carry(store_t *s, const tlist_t *o, const tlist_t *nw, const tmatch_t *m, json_t *out,
                 err_t *e)
{
    json_t *matched = json_array();
    int rc = matched && !json_object_set_new(out, "matched", matched) ? 0 : err_nomem(e);
    for (size_t k = 0; !rc && k < m->n; k++) {
        const tpair_t *p = &m->v[k];
        int copied = 0;
        rc = store_plan_life_carry_target(s, o->id[p->o], nw->id[p->n], &copied, e);
        json_t *j =
            rc ? NULL
               : json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:f,s:i}", "old_target",
                           (json_int_t)o->id[p->o], "new_target", (json_int_t)nw->id[p->n],
                           "indicator", nw->indicator[p->n], "old_text", o->t[p->o].text,
                           "new_text", nw->t[p->n].text, "by", p->by, "score",
                           (double)(long)(p->score * 1000 + 0.5) / 1000, "measurements", copied);
        if (!rc && json_array_append_new(matched, j))
            rc = err_nomem(e);
    }
    return rc;
}

int app_plan_life_targets_carry(store_t *s, int64_t old_id, int64_t new_id, json_t **out, err_t *e)
{
    *out = NULL;
    tlist_t o = {0}, nw = {0};
    tmatch_t m = {0};
    json_t *res = json_object();
    int rc = res ? 0 : err_nomem(e);
    if (!rc)
        rc = store_plan_life_targets(s, old_id, target_row, &o, e);
    if (!rc)
        rc = store_plan_life_targets(s, new_id, target_row, &nw, e);
    if (!rc) {
        m.v = mem_calloc(o.n + 1, sizeof *m.v);
        m.used_o = mem_calloc(o.n + 1, 1);
        m.used_n = mem_calloc(nw.n + 1, 1);
        if (!m.v || !m.used_o || !m.used_n)
            rc = err_nomem(e);
    }
    if (!rc)
        rc = by_indicator(&o, &nw, &m, e);
    if (!rc)
        rc = by_text(&o, &nw, &m, e);
    if (!rc)
        rc = carry(s, &o, &nw, &m, res, e);
    if (!rc && (unmatched(res, "unmatched_old", &o, m.used_o) ||
                unmatched(res, "unmatched_new", &nw, m.used_n)))
        rc = err_nomem(e);
    tmatch_release(&m);
    tlist_release(&o);
    tlist_release(&nw);
    if (rc)
        json_decref(res);
    else
        *out = res;
    return rc;
}
