/* plan_match.c - matching the tasks of a superseded plan with those of the
 * plan that supersedes it (plan_match.h). */
#include "domain/plan_match.h"

#include "base/mem.h"
#include "base/text.h"
#include "domain/textsim.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* One side prepared: a textsim document and a text_key per task. */
typedef struct side {
    textsim_doc_t **doc;
    char **key;
    size_t n;
} side_t;

static void side_release(side_t *s)
{
    for (size_t i = 0; s->doc && i < s->n; i++)
        textsim_doc_free(s->doc[i]);
    for (size_t i = 0; s->key && i < s->n; i++)
        mem_free(s->key[i]);
    mem_free(s->doc);
    mem_free(s->key);
    memset(s, 0, sizeof *s);
}

static int side_prepare(const plan_match_task_t *t, size_t n, side_t *s, err_t *e)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return 0;
    s->doc = mem_calloc(n, sizeof *s->doc);
    s->key = mem_calloc(n, sizeof *s->key);
    if (!s->doc || !s->key) {
        side_release(s);
        return err_nomem(e);
    }
    s->n = n;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *text = t[i].text ? t[i].text : "";
        rc = textsim_doc_new(text, &s->doc[i], e);
        int krc = 0;
        if (!rc)
            s->key[i] = text_key(text, strlen(text), &krc);
        if (!rc && !s->key[i])
            rc = krc == ERR_INVALID ? ERR_INVALID : err_nomem(e);
    }
    if (rc == ERR_INVALID)
        rc = err_set(e, ERR_INVALID, "plan_match.utf8", "Nội dung nhiệm vụ không phải UTF-8 hợp lệ",
                     "A task text is not valid UTF-8");
    if (rc)
        side_release(s);
    return rc;
}

static bool area_differs(const char *a, const char *b)
{
    return a && b && *a && *b && strcmp(a, b) != 0;
}

static double pair_score(const side_t *o, size_t i, const side_t *n, size_t j, const char *area_o,
                         const char *area_n)
{
    double s;
    if (o->key[i][0] && strcmp(o->key[i], n->key[j]) == 0)
        s = 1.0;
    else
        s = (textsim_doc_score(o->doc[i], n->doc[j]) + textsim_doc_score(n->doc[j], o->doc[i])) /
            2.0;
    if (area_differs(area_o, area_n))
        s *= PLAN_MATCH_AREA_FACTOR;
    return s;
}

double plan_match_score(const plan_match_task_t *a, const plan_match_task_t *b)
{
    side_t sa, sb;
    err_t e;
    if (side_prepare(a, 1, &sa, &e))
        return -1;
    if (side_prepare(b, 1, &sb, &e)) {
        side_release(&sa);
        return -1;
    }
    double s = pair_score(&sa, 0, &sb, 0, a->area, b->area);
    side_release(&sa);
    side_release(&sb);
    return s;
}

static int by_score(const void *x, const void *y)
{
    const plan_match_pair_t *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->old_idx != b->old_idx)
        return a->old_idx < b->old_idx ? -1 : 1;
    return a->new_idx < b->new_idx ? -1 : a->new_idx > b->new_idx;
}

static int by_old(const void *x, const void *y)
{
    const plan_match_pair_t *a = x, *b = y;
    return a->old_idx < b->old_idx ? -1 : a->old_idx > b->old_idx;
}

/* Keeps p in top[0..*k) (at most PLAN_MATCH_TOPK, best first; ties keep
 * the earlier pair). */
static void keep_top(plan_match_pair_t *top, size_t *k, plan_match_pair_t p)
{
    size_t at = *k;
    while (at > 0 && top[at - 1].score < p.score)
        at--;
    if (at >= PLAN_MATCH_TOPK)
        return;
    size_t last = *k < PLAN_MATCH_TOPK ? *k : PLAN_MATCH_TOPK - 1;
    memmove(top + at + 1, top + at, (last - at) * sizeof *top);
    top[at] = p;
    if (*k < PLAN_MATCH_TOPK)
        (*k)++;
}

/* The best PLAN_MATCH_TOPK pairs at or above threshold of each old task,
 * into *cand (caller frees): memory stays linear in the tasks. */
static int candidates(const plan_match_task_t *old, const side_t *so, const plan_match_task_t *nw,
                      const side_t *sn, double threshold, plan_match_pair_t **cand, size_t *n,
                      err_t *e)
{
    size_t cap = 0;
    *cand = NULL;
    *n = 0;
    for (size_t i = 0; i < so->n; i++) {
        plan_match_pair_t top[PLAN_MATCH_TOPK];
        size_t k = 0;
        for (size_t j = 0; j < sn->n; j++) {
            double s = pair_score(so, i, sn, j, old[i].area, nw[j].area);
            if (s >= threshold)
                keep_top(top, &k, (plan_match_pair_t){i, j, s});
        }
        if (k && MEM_GROW(*cand, cap, *n + k))
            return err_nomem(e);
        for (size_t x = 0; x < k; x++)
            (*cand)[(*n)++] = top[x];
    }
    return 0;
}

/* The indices in 0..n not marked used, into *out / *nout. */
static int unmatched(const unsigned char *used, size_t n, size_t **out, size_t *nout, err_t *e)
{
    *out = NULL;
    *nout = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !used[i];
    if (!k)
        return 0;
    *out = mem_alloc(k * sizeof **out);
    if (!*out)
        return err_nomem(e);
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            (*out)[(*nout)++] = i;
    return 0;
}

/* Greedy one-to-one choice among the sorted candidates. */
static int assign(plan_match_pair_t *cand, size_t ncand, size_t nold, size_t nnew,
                  plan_match_t *out, err_t *e)
{
    int rc = 0;
    unsigned char *uo = mem_calloc(nold + 1, 1);
    unsigned char *un = mem_calloc(nnew + 1, 1);
    size_t max = nold < nnew ? nold : nnew;
    out->pairs = max ? mem_alloc(max * sizeof *out->pairs) : NULL;
    if (!uo || !un || (max && !out->pairs)) {
        rc = err_nomem(e);
        goto done;
    }
    if (ncand > 1)
        qsort(cand, ncand, sizeof *cand, by_score);
    for (size_t k = 0; k < ncand && out->npairs < max; k++) {
        if (uo[cand[k].old_idx] || un[cand[k].new_idx])
            continue;
        uo[cand[k].old_idx] = un[cand[k].new_idx] = 1;
        out->pairs[out->npairs++] = cand[k];
    }
    if (out->npairs > 1)
        qsort(out->pairs, out->npairs, sizeof *out->pairs, by_old);
    rc = unmatched(uo, nold, &out->old_unmatched, &out->nold_unmatched, e);
    if (!rc)
        rc = unmatched(un, nnew, &out->new_unmatched, &out->nnew_unmatched, e);
done:
    mem_free(uo);
    mem_free(un);
    return rc;
}

int plan_match_run(const plan_match_task_t *old, size_t nold, const plan_match_task_t *nw,
                   size_t nnew, double threshold, plan_match_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (nold > PLAN_MATCH_MAX || nnew > PLAN_MATCH_MAX)
        return err_set(e, ERR_INVALID, "plan_match.too_many",
                       "Quá nhiều nhiệm vụ để đối chiếu (tối đa %d mỗi kế hoạch)",
                       "Too many tasks to match (at most %d per plan)", PLAN_MATCH_MAX);
    if (threshold <= 0)
        threshold = PLAN_MATCH_THRESHOLD;
    side_t so, sn;
    plan_match_pair_t *cand = NULL;
    size_t ncand = 0;
    int rc = side_prepare(old, nold, &so, e);
    if (rc)
        return rc;
    rc = side_prepare(nw, nnew, &sn, e);
    if (!rc)
        rc = candidates(old, &so, nw, &sn, threshold, &cand, &ncand, e);
    if (!rc)
        rc = assign(cand, ncand, nold, nnew, out, e);
    mem_free(cand);
    side_release(&so);
    side_release(&sn);
    if (rc)
        plan_match_release(out);
    return rc;
}

void plan_match_release(plan_match_t *out)
{
    if (!out)
        return;
    mem_free(out->pairs);
    mem_free(out->old_unmatched);
    mem_free(out->new_unmatched);
    memset(out, 0, sizeof *out);
}
