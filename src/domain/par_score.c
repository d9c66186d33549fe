/* par_score.c - PAR Index scoring and lost points (see par_score.h). */
#include "domain/par_score.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define PCT100    (100 * (int64_t)PAR_MILLI)
#define RATIO_MAX (10 * PCT100) /* measured ratios above 1000 % are refused */

void par_score_input_init(par_input_t *in, const char *code)
{
    in->code = code;
    in->not_applicable = false;
    in->self = in->round1 = in->round2 = in->final = PAR_NONE;
    in->survey = in->survey_ratio = in->measured = PAR_NONE;
}

void par_score_campaign_init(par_campaign_t *c)
{
    c->survey_held = true;
    c->bonus_cap = c->penalty_cap = PAR_NONE;
    c->grades = NULL;
    c->ngrades = 0;
}

/* Fills e with preformatted messages. */
static int fail2(err_t *e, int status, const char *code, const char *vi, const char *en)
{
    return err_set(e, status, code, "%s%.0s", "%.0s%s", vi, en);
}

static const char *from_names[] = {"",       "self",  "computed", "round1",
                                   "round2", "final", "survey",   "survey_ratio"};

const char *par_score_from_name(par_from_t f)
{
    return (int)f >= 0 && f <= PAR_FROM_SURVEY_RATIO ? from_names[f] : "";
}

/* ---- allowed values ---------------------------------------------------- */

/* The n-th candidate value of a discrete leaf (levels, band points, yes/no);
 * false past the end. */
static bool candidate(const par_node_t *nd, size_t k, int64_t *out)
{
    switch (nd->method) {
    case PAR_METHOD_LEVELS:
        if (k >= nd->nlevels)
            return false;
        *out = nd->levels[k].points;
        return true;
    case PAR_METHOD_BANDS:
        if (k >= nd->nbands)
            return false;
        *out = nd->bands[k].points;
        return true;
    case PAR_METHOD_YESNO:
        if (k > 1)
            return false;
        if (k == 0)
            *out = nd->yes_points == PAR_NONE ? nd->max : nd->yes_points;
        else
            *out = nd->no_points == PAR_NONE ? 0 : nd->no_points;
        return true;
    default:
        return false;
    }
}

static bool allowed(const par_node_t *nd, int64_t pts)
{
    int64_t c;
    for (size_t k = 0; candidate(nd, k, &c); k++)
        if (c == pts)
            return true;
    return false;
}

/* "1; 0,5; 0": the distinct allowed values, descending. */
static void allowed_list(const par_node_t *nd, bool vi, char *out, size_t cap)
{
    int64_t below = INT64_MAX, c;
    size_t len = 0;
    out[0] = '\0';
    for (;;) {
        int64_t best = PAR_NONE;
        for (size_t k = 0; candidate(nd, k, &c); k++)
            if (c < below && (best == PAR_NONE || c > best))
                best = c;
        if (best == PAR_NONE)
            return;
        char num[PAR_NUM_MAX];
        par_framework_format(best, vi, num);
        int w = snprintf(out + len, cap - len, "%s%s", len ? "; " : "", num);
        if (w < 0 || (size_t)w >= cap - len)
            return;
        len += (size_t)w;
        below = best;
    }
}

int par_score_check(const par_framework_t *fw, size_t i, int64_t points, err_t *e)
{
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX], lvi[256], len_[256];
    if (!fw || i >= fw->n || !par_framework_is_leaf(fw, i))
        return err_set(e, ERR_INVALID, "par.score_node", "Mục chấm điểm không phải tiêu chí lá",
                       "The node scored is not a leaf criterion");
    const par_node_t *nd = &fw->nodes[i];
    char p_vi[PAR_NUM_MAX], p_en[PAR_NUM_MAX], m_vi[PAR_NUM_MAX], m_en[PAR_NUM_MAX];
    par_framework_format(points, true, p_vi);
    par_framework_format(points, false, p_en);
    par_framework_format(nd->max, true, m_vi);
    par_framework_format(nd->max, false, m_en);
    if (points == PAR_NONE || points == PAR_INVALID || points < 0 || points > nd->max) {
        snprintf(vi, sizeof vi, "Điểm %s của tiêu chí %s nằm ngoài khoảng [0; %s]", p_vi, nd->code,
                 m_vi);
        snprintf(en, sizeof en, "Points %s for criterion %s are outside [0, %s]", p_en, nd->code,
                 m_en);
        return fail2(e, ERR_INVALID, "par.score_range", vi, en);
    }
    if (nd->method == PAR_METHOD_MANUAL || allowed(nd, points))
        return 0;
    allowed_list(nd, true, lvi, sizeof lvi);
    allowed_list(nd, false, len_, sizeof len_);
    snprintf(vi, sizeof vi, "Điểm %s của tiêu chí %s không phải một trong các mức cho phép: %s",
             p_vi, nd->code, lvi);
    snprintf(en, sizeof en, "Points %s for criterion %s are not one of the allowed levels: %s",
             p_en, nd->code, len_);
    return fail2(e, ERR_INVALID, "par.score_level", vi, en);
}

int par_score_band(const par_framework_t *fw, size_t i, int64_t ratio, int64_t *points, err_t *e)
{
    if (!fw || i >= fw->n || !par_framework_is_leaf(fw, i) ||
        fw->nodes[i].method != PAR_METHOD_BANDS)
        return err_set(e, ERR_INVALID, "par.score_node", "Tiêu chí không chấm theo khoảng tỷ lệ",
                       "The criterion is not scored by bands");
    const par_node_t *nd = &fw->nodes[i];
    for (size_t k = 0; ratio != PAR_NONE && k < nd->nbands; k++) {
        const par_band_t *b = &nd->bands[k];
        if (b->lo_kind == PAR_BOUND_EXCL ? ratio > b->lo : ratio >= b->lo) {
            *points = b->points;
            return 0;
        }
    }
    char r_vi[PAR_NUM_MAX], r_en[PAR_NUM_MAX], vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    par_framework_format(ratio, true, r_vi);
    par_framework_format(ratio, false, r_en);
    snprintf(vi, sizeof vi, "Tỷ lệ %s%% không thuộc khoảng nào của tiêu chí %s", r_vi, nd->code);
    snprintf(en, sizeof en, "Ratio %s%% falls in no band of criterion %s", r_en, nd->code);
    return fail2(e, ERR_RANGE, "par.ratio_range", vi, en);
}

/* ---- index and grade --------------------------------------------------- */

int64_t par_score_index(int64_t total, int64_t max)
{
    if (max <= 0 || total < 0)
        return 0;
    /* floor(total * 10000 / max + 1/2) */
    return (total * 20000 + max) / (2 * max);
}

const char *par_score_grade(const par_grade_t *g, size_t n, int64_t index)
{
    for (size_t i = 0; g && i < n; i++)
        if (index * 10 >= g[i].min)
            return g[i].label;
    return NULL;
}

void par_score_format_index(int64_t index, bool vi, char out[PAR_NUM_MAX])
{
    int64_t a = index < 0 ? -index : index;
    snprintf(out, PAR_NUM_MAX, "%s%lld%c%02lld", index < 0 ? "-" : "", (long long)(a / 100),
             vi ? ',' : '.', (long long)(a % 100));
}

/* ---- one unit ---------------------------------------------------------- */

typedef struct sctx {
    const par_framework_t *fw;
    const par_campaign_t *c;
    const par_unit_t *u;
    const par_input_t **by; /* per node: its input or NULL */
    par_result_t *r;
    err_t *e;
} sctx_t;

static int input_error(sctx_t *s, const char *code, const char *field, int rc)
{
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s, %s%s%s: ", s->u->code ? s->u->code : "?",
             code ? code : "?", field ? " " : "", field ? field : "");
    err_prefix(s->e, prefix);
    return rc;
}

static int map_inputs(sctx_t *s)
{
    for (size_t k = 0; k < s->u->ninputs; k++) {
        const par_input_t *in = &s->u->inputs[k];
        size_t i = par_framework_find(s->fw, in->code);
        if (i == PAR_NOPARENT || !par_framework_is_leaf(s->fw, i))
            return input_error(s, in->code, NULL,
                               err_set(s->e, ERR_INVALID, "par.input_unknown",
                                       "Không có tiêu chí lá mang mã này trong khung",
                                       "No leaf criterion has this code in the framework"));
        if (s->by[i])
            return input_error(s, in->code, NULL,
                               err_set(s->e, ERR_INVALID, "par.input_duplicate",
                                       "Tiêu chí được nhập điểm hai lần",
                                       "The criterion is given twice"));
        s->by[i] = in;
    }
    return 0;
}

static int check_ratio(sctx_t *s, const par_input_t *in, int64_t v, int64_t max, const char *field)
{
    if (v == PAR_NONE || (v >= 0 && v <= max))
        return 0;
    return input_error(s, in->code, field,
                       err_set(s->e, ERR_INVALID, "par.ratio_range", "Tỷ lệ phải từ 0 đến %lld%%",
                               "The ratio must be within 0..%lld%%", (long long)(max / PAR_MILLI)));
}

static int check_input(sctx_t *s, size_t i, const par_input_t *in)
{
    const int64_t *vals[] = {&in->self, &in->round1, &in->round2, &in->final, &in->survey};
    static const char *names[] = {"self", "round1", "round2", "final", "survey"};
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++) {
        if (*vals[k] == PAR_NONE)
            continue;
        int rc = par_score_check(s->fw, i, *vals[k], s->e);
        if (rc)
            return input_error(s, in->code, names[k], rc);
    }
    int rc = check_ratio(s, in, in->survey_ratio, PCT100, "survey_ratio");
    return rc ? rc : check_ratio(s, in, in->measured, RATIO_MAX, "measured");
}

/* Survey points of a ratio: max x ratio / 100 %, rounded half up. */
static int64_t survey_points(int64_t max, int64_t ratio)
{
    return (max * ratio * 2 + PCT100) / (2 * PCT100);
}

/* The first entered value among vals (in priority order) and its origin. */
static bool first_of(const int64_t *vals, const par_from_t *froms, size_t n, int64_t *v,
                     par_from_t *f)
{
    for (size_t k = 0; k < n; k++)
        if (vals[k] != PAR_NONE) {
            *v = vals[k];
            *f = froms[k];
            return true;
        }
    return false;
}

static void effective(sctx_t *s, size_t i, const par_input_t *in, par_node_result_t *nr)
{
    const par_node_t *nd = &s->fw->nodes[i];
    int64_t v = 0;
    par_from_t f = PAR_FROM_NONE;
    if (in && nd->source == PAR_SOURCE_SURVEY) {
        const int64_t vals[] = {in->final, in->survey};
        const par_from_t froms[] = {PAR_FROM_FINAL, PAR_FROM_SURVEY};
        if (!first_of(vals, froms, 2, &v, &f) && in->survey_ratio != PAR_NONE) {
            v = survey_points(nd->max, in->survey_ratio);
            f = PAR_FROM_SURVEY_RATIO;
        }
    } else if (in) {
        const int64_t vals[] = {in->final, in->round2, in->round1, in->self};
        const par_from_t froms[] = {PAR_FROM_FINAL, PAR_FROM_ROUND2, PAR_FROM_ROUND1,
                                    PAR_FROM_SELF};
        if (!first_of(vals, froms, 4, &v, &f) && nd->source == PAR_SOURCE_COMPUTED &&
            nd->method == PAR_METHOD_BANDS && in->measured != PAR_NONE &&
            par_score_band(s->fw, i, in->measured, &v, NULL) == 0)
            f = PAR_FROM_COMPUTED;
    }
    nr->from = f;
    nr->points = f == PAR_FROM_NONE ? 0 : v;
}

/* Applicability and effective points of every leaf, sums of inner nodes. */
static int score_nodes(sctx_t *s)
{
    const par_framework_t *fw = s->fw;
    for (size_t i = 0; i < fw->n; i++) {
        const par_node_t *nd = &fw->nodes[i];
        par_node_result_t *nr = &s->r->nodes[i];
        const par_input_t *in = s->by[i];
        bool parent_ok = nd->parent == PAR_NOPARENT || s->r->nodes[nd->parent].applicable;
        nr->applicable = parent_ok && par_framework_applies(fw, i, s->u->code, s->u->kind);
        if (nd->first_child != PAR_NOPARENT)
            continue; /* inner: applicable for now as a filter, set from leaves below */
        if (in) {
            int rc = check_input(s, i, in);
            if (rc)
                return rc;
        }
        if (in && in->not_applicable)
            nr->applicable = false;
        if (nd->source == PAR_SOURCE_SURVEY && !s->c->survey_held)
            nr->applicable = false;
        if (!nr->applicable)
            continue;
        effective(s, i, in, nr);
        nr->max = nd->max;
        if (nr->from == PAR_FROM_NONE)
            s->r->missing++;
    }
    for (size_t i = 0; i < fw->n; i++)
        if (fw->nodes[i].first_child != PAR_NOPARENT)
            s->r->nodes[i].applicable = false;
    for (size_t i = fw->n; i-- > 0;) {
        size_t p = fw->nodes[i].parent;
        const par_node_result_t *nr = &s->r->nodes[i];
        if (p == PAR_NOPARENT || !nr->applicable)
            continue;
        s->r->nodes[p].applicable = true;
        s->r->nodes[p].points += nr->points;
        s->r->nodes[p].max += nr->max;
    }
    return 0;
}

static int64_t capped(int64_t v, int64_t cap)
{
    return cap != PAR_NONE && cap >= 0 && v > cap ? cap : v;
}

static void totals(sctx_t *s)
{
    const par_framework_t *fw = s->fw;
    par_result_t *r = s->r;
    r->bonus_raw = s->u->bonus;
    r->penalty_raw = s->u->penalty;
    for (size_t i = 0; i < fw->n; i++) {
        const par_node_t *nd = &fw->nodes[i];
        const par_node_result_t *nr = &r->nodes[i];
        if (nd->parent != PAR_NOPARENT || !nr->applicable)
            continue;
        if (nd->kind == PAR_KIND_BONUS) {
            r->bonus_raw += nr->points;
        } else if (nd->kind == PAR_KIND_PENALTY) {
            r->penalty_raw += nr->points;
        } else {
            r->points += nr->points;
            r->max += nr->max;
        }
    }
    for (size_t k = 0; k < r->nareas; k++) {
        par_area_result_t *a = &r->areas[k];
        a->points = r->nodes[a->node].points;
        a->max = r->nodes[a->node].max;
        a->has_index = a->max > 0;
        a->index = par_score_index(a->points, a->max);
    }
    r->bonus = capped(r->bonus_raw, s->c->bonus_cap);
    r->penalty = capped(r->penalty_raw, s->c->penalty_cap);
    r->total = r->points + r->bonus - r->penalty;
    if (r->total < 0)
        r->total = 0;
    r->has_index = r->max > 0;
    r->index = par_score_index(r->total, r->max);
    const par_grade_t *g = s->c->grades ? s->c->grades : fw->grades;
    size_t ng = s->c->grades ? s->c->ngrades : fw->ngrades;
    r->grade = r->has_index ? par_score_grade(g, ng, r->index) : NULL;
}

static int alloc_result(const par_framework_t *fw, par_result_t *r)
{
    size_t nareas = 0;
    for (size_t i = 0; i < fw->n; i++)
        if (fw->nodes[i].parent == PAR_NOPARENT && fw->nodes[i].kind == PAR_KIND_CRITERION)
            nareas++;
    r->nodes = mem_calloc(fw->n, sizeof *r->nodes);
    r->areas = mem_calloc(nareas, sizeof *r->areas);
    if (!r->nodes || !r->areas)
        return ERR_NOMEM;
    r->nnodes = fw->n;
    for (size_t i = 0; i < fw->n; i++)
        if (fw->nodes[i].parent == PAR_NOPARENT && fw->nodes[i].kind == PAR_KIND_CRITERION)
            r->areas[r->nareas++].node = i;
    return 0;
}

void par_score_release(par_result_t *r)
{
    if (!r)
        return;
    mem_free(r->nodes);
    mem_free(r->areas);
    memset(r, 0, sizeof *r);
}

int par_score_compute(const par_framework_t *fw, const par_campaign_t *c, const par_unit_t *u,
                      par_result_t *out, err_t *e)
{
    par_campaign_t defaults;
    sctx_t s;
    int rc = 0;
    memset(out, 0, sizeof *out);
    memset(&s, 0, sizeof s);
    s.fw = fw;
    s.c = c;
    s.u = u;
    s.r = out;
    s.e = e;
    if (!c) {
        par_score_campaign_init(&defaults);
        s.c = &defaults;
    }
    if (!fw->valid) {
        rc = err_set(e, ERR_INVALID, "par.framework_invalid",
                     "Khung chỉ số chưa được kiểm tra hợp lệ",
                     "The framework has not passed validation");
        goto out;
    }
    if (u->bonus < 0 || u->penalty < 0) {
        rc = err_set(e, ERR_INVALID, "par.bonus_negative",
                     "Đơn vị %s: điểm thưởng, điểm trừ không được âm",
                     "Unit %s: bonus and penalty must not be negative", u->code ? u->code : "?");
        goto out;
    }
    out->unit = u->code;
    out->kind = u->kind;
    s.by = mem_calloc(fw->n ? fw->n : 1, sizeof *s.by);
    if (!s.by || alloc_result(fw, out) != 0) {
        rc = err_nomem(e);
        goto out;
    }
    rc = map_inputs(&s);
    if (rc == 0)
        rc = score_nodes(&s);
    if (rc == 0)
        totals(&s);
out:
    mem_free(s.by);
    if (rc)
        par_score_release(out);
    return rc;
}

/* ---- lost points ------------------------------------------------------- */

static bool criterion_leaf(const par_framework_t *fw, size_t i)
{
    return par_framework_is_leaf(fw, i) && fw->nodes[i].kind == PAR_KIND_CRITERION;
}

static int loss_cmp(const void *a, const void *b)
{
    const par_loss_t *x = a, *y = b;
    if (x->lost != y->lost)
        return x->lost > y->lost ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

static void loss_prev(const par_framework_t *prev_fw, const par_result_t *prev, par_loss_t *l)
{
    l->has_prev = false;
    l->prev_lost = 0;
    if (!prev_fw || !prev)
        return;
    size_t j = par_framework_find(prev_fw, l->code);
    if (j == PAR_NOPARENT || j >= prev->nnodes || !criterion_leaf(prev_fw, j) ||
        !prev->nodes[j].applicable)
        return;
    l->has_prev = true;
    l->prev_lost = prev->nodes[j].max - prev->nodes[j].points;
}

int par_score_losses(const par_framework_t *fw, const par_result_t *r,
                     const par_framework_t *prev_fw, const par_result_t *prev, par_loss_t **out,
                     size_t *n, err_t *e)
{
    par_loss_t *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc = 0;
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < fw->n && i < r->nnodes; i++) {
        const par_node_result_t *nr = &r->nodes[i];
        if (!criterion_leaf(fw, i) || !nr->applicable || nr->points >= nr->max)
            continue;
        rc = MEM_GROW(v, cap, cnt + 1);
        if (rc) {
            rc = err_nomem(e);
            goto out;
        }
        par_loss_t *l = &v[cnt++];
        l->node = i;
        l->code = fw->nodes[i].code;
        l->points = nr->points;
        l->max = nr->max;
        l->lost = nr->max - nr->points;
        loss_prev(prev_fw, prev, l);
    }
    if (cnt)
        qsort(v, cnt, sizeof *v, loss_cmp);
    *out = v;
    *n = cnt;
    v = NULL;
out:
    mem_free(v);
    return rc;
}

static int loss_sum_cmp(const void *a, const void *b)
{
    const par_loss_sum_t *x = a, *y = b;
    if (x->lost != y->lost)
        return x->lost > y->lost ? -1 : 1;
    if (x->units_lost != y->units_lost)
        return x->units_lost > y->units_lost ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

int par_score_losses_province(const par_framework_t *fw, const par_result_t *const *rs, size_t n,
                              par_loss_sum_t **out, size_t *nout, err_t *e)
{
    par_loss_sum_t *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc = 0;
    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < fw->n; i++) {
        par_loss_sum_t sum = {i, fw->nodes[i].code, 0, 0, 0};
        if (!criterion_leaf(fw, i))
            continue;
        for (size_t k = 0; k < n; k++) {
            const par_node_result_t *nr = i < rs[k]->nnodes ? &rs[k]->nodes[i] : NULL;
            if (!nr || !nr->applicable)
                continue;
            sum.units++;
            sum.units_lost += nr->points < nr->max;
            sum.lost += nr->max - nr->points;
        }
        if (sum.units_lost == 0)
            continue;
        rc = MEM_GROW(v, cap, cnt + 1);
        if (rc) {
            rc = err_nomem(e);
            goto out;
        }
        v[cnt++] = sum;
    }
    if (cnt)
        qsort(v, cnt, sizeof *v, loss_sum_cmp);
    *out = v;
    *nout = cnt;
    v = NULL;
out:
    mem_free(v);
    return rc;
}
