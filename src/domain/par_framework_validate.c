/* par_framework_validate.c - sorting, linking and checking a PAR framework:
 * every problem is reported, grouped per node in code order. */
#include "domain/par_framework.h"
#include "domain/par_framework_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define PCT100 (100 * (int64_t)PAR_MILLI)

enum { ST_OK = 0, ST_BAD_CODE, ST_DUP, ST_ORPHAN };

typedef struct num {
    char vi[PAR_NUM_MAX], en[PAR_NUM_MAX];
} num_t;

static num_t num(int64_t milli)
{
    num_t n = {"", ""};
    par_framework_format(milli, true, n.vi);
    par_framework_format(milli, false, n.en);
    return n;
}

/* Records a problem whose messages are already formatted. */
void par_framework_validate_report(par_vctx_t *v, const char *node, const char *field,
                                   const char *code, const char *vi, const char *en)
{
    if (v->rc == 0)
        v->rc = par_framework_problem(v->p, node, field, code, "%s%.0s", "%.0s%s", vi, en);
}

static bool usable(int64_t x)
{
    return x != PAR_NONE && x != PAR_INVALID;
}

/* ---- header, grades, appraisers ---------------------------------------- */

static void check_header(par_vctx_t *v)
{
    par_framework_t *fw = v->fw;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (!fw->name || !fw->name[0])
        par_framework_validate_report(v, "", "name", "par.name_missing", "Thiếu tên khung chỉ số",
                                      "The framework has no name");
    if (fw->year < 2000 || fw->year > 2100) {
        snprintf(vi, sizeof vi, "Năm %d không hợp lệ (2000..2100)", fw->year);
        snprintf(en, sizeof en, "Invalid year %d (2000..2100)", fw->year);
        par_framework_validate_report(v, "", "year", "par.year", vi, en);
    }
    if (fw->year_to && (fw->year_to < fw->year || fw->year_to > 2100)) {
        snprintf(vi, sizeof vi, "Năm áp dụng cuối %d phải từ %d đến 2100", fw->year_to, fw->year);
        snprintf(en, sizeof en, "The last year %d must be between %d and 2100", fw->year_to,
                 fw->year);
        par_framework_validate_report(v, "", "year_to", "par.year", vi, en);
    }
    if (!fw->unit_kind_text || unit_kind_parse(fw->unit_kind_text, &fw->unit_kind) != 0) {
        char shown[65];
        par_framework_clip(shown, sizeof shown, fw->unit_kind_text);
        snprintf(vi, sizeof vi, "Loại đơn vị '%s' không hợp lệ (tinh, so, huyen, xa, phong, dvsn)",
                 shown);
        snprintf(en, sizeof en, "Unknown unit kind '%s' (tinh, so, huyen, xa, phong, dvsn)", shown);
        par_framework_validate_report(v, "", "unit_kind", "par.unit_kind_unknown", vi, en);
    }
    if (fw->nodes == NULL || fw->n == 0)
        par_framework_validate_report(v, "", "nodes", "par.nodes_empty",
                                      "Khung chỉ số không có tiêu chí nào",
                                      "The framework has no criteria");
}

static void default_grades(par_vctx_t *v)
{
    static const struct {
        const char *label;
        int min;
    } d[] = {{"A", 90}, {"B", 80}, {"C", 70}, {"D", 0}};
    for (size_t i = 0; v->rc == 0 && i < sizeof d / sizeof d[0]; i++)
        v->rc = par_framework_add_grade(v->fw, d[i].label, d[i].min * (int64_t)PAR_MILLI, NULL);
    v->fw->grades_default = true;
}

static void check_grades(par_vctx_t *v)
{
    const par_framework_t *fw = v->fw;
    char field[PAR_FIELD_MAX], vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    for (size_t i = 0; i < fw->ngrades; i++) {
        const par_grade_t *g = &fw->grades[i];
        num_t m = num(g->min);
        snprintf(field, sizeof field, "bands[%zu]", i);
        bool dup = false;
        for (size_t j = 0; j < i; j++)
            dup = dup || strcmp(fw->grades[j].label, g->label) == 0;
        if (!g->label[0] || dup)
            par_framework_validate_report(v, "", field, "par.grade_label",
                                          "Nhãn xếp loại trống hoặc bị trùng",
                                          "Grade label empty or repeated");
        if (g->min == PAR_INVALID)
            continue;
        if (g->min == PAR_NONE || g->min < 0 || g->min > PCT100) {
            snprintf(vi, sizeof vi, "Ngưỡng xếp loại '%s' phải từ 0 đến 100", m.vi);
            snprintf(en, sizeof en, "Grade threshold '%s' must be within 0..100", m.en);
            par_framework_validate_report(v, "", field, "par.grade_order", vi, en);
        } else if (i > 0 && usable(fw->grades[i - 1].min) && g->min >= fw->grades[i - 1].min) {
            snprintf(vi, sizeof vi, "Ngưỡng xếp loại %s phải nhỏ hơn ngưỡng trước", m.vi);
            snprintf(en, sizeof en, "Grade threshold %s must be below the previous one", m.en);
            par_framework_validate_report(v, "", field, "par.grade_order", vi, en);
        }
    }
    if (fw->ngrades && fw->grades[fw->ngrades - 1].min != 0)
        par_framework_validate_report(
            v, "", "bands", "par.grade_zero",
            "Xếp loại thấp nhất phải bắt đầu từ 0 (mọi chỉ số đều được xếp loại)",
            "The lowest grade must start at 0 (every index gets a grade)");
}

static void check_appraisers(par_vctx_t *v)
{
    const par_framework_t *fw = v->fw;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    for (size_t i = 0; i < fw->nappraisers; i++) {
        const par_appraiser_t *a = &fw->appraisers[i];
        planparse_area_t area;
        size_t top = par_framework_find(fw, a->key);
        bool ok = planparse_area_parse(a->key, &area) == 0 ||
                  (top != PAR_NOPARENT && fw->nodes[top].parent == PAR_NOPARENT);
        if (!ok || !a->role[0]) {
            char shown[65];
            par_framework_clip(shown, sizeof shown, a->key);
            snprintf(vi, sizeof vi,
                     "Cơ quan thẩm định mặc định '%s': khóa phải là mã lĩnh vực cấp 1 hoặc mã "
                     "lĩnh vực (theche, tthc...) và vai trò không được trống",
                     shown);
            snprintf(en, sizeof en,
                     "Default appraiser '%s': the key must be a top-level code or an area code "
                     "(theche, tthc...) and the role must not be empty",
                     shown);
            par_framework_validate_report(v, "", "appraisers", "par.appraiser_key", vi, en);
        }
    }
}

/* ---- sorting and linking ----------------------------------------------- */

static int node_cmp(const void *a, const void *b)
{
    const par_node_t *x = a, *y = b;
    int c = par_framework_code_cmp(x->code, y->code);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Index of the first node holding the parent code of node i, or PAR_NOPARENT. */
static size_t find_parent(const par_framework_t *fw, size_t i)
{
    char pc[PAR_CODE_MAX + 1];
    snprintf(pc, sizeof pc, "%s", fw->nodes[i].code);
    char *dot = strrchr(pc, '.');
    if (!dot)
        return PAR_NOPARENT;
    *dot = '\0';
    size_t j = par_framework_find(fw, pc);
    while (j != PAR_NOPARENT && j > 0 && strcmp(fw->nodes[j - 1].code, pc) == 0)
        j--;
    return j;
}

static void link_nodes(par_vctx_t *v)
{
    par_framework_t *fw = v->fw;
    for (size_t i = 0; i < fw->n; i++) {
        par_node_t *nd = &fw->nodes[i];
        int depth = par_framework_code_depth(nd->code);
        nd->parent = nd->first_child = nd->next_sibling = PAR_NOPARENT;
        nd->depth = depth;
        nd->end = i + 1;
        nd->area = i;
        v->last_child[i] = PAR_NOPARENT;
        if (depth == 0)
            v->st[i] = ST_BAD_CODE;
        else if (i > 0 && v->st[i - 1] != ST_BAD_CODE &&
                 strcmp(fw->nodes[i - 1].code, nd->code) == 0)
            v->st[i] = ST_DUP;
        if (v->st[i] != ST_OK || depth == 1)
            continue;
        size_t p = find_parent(fw, i);
        if (p == PAR_NOPARENT || v->st[p] != ST_OK) {
            v->st[i] = ST_ORPHAN;
            continue;
        }
        nd->parent = p;
        nd->area = fw->nodes[p].area;
        if (v->last_child[p] == PAR_NOPARENT)
            fw->nodes[p].first_child = i;
        else
            fw->nodes[v->last_child[p]].next_sibling = i;
        v->last_child[p] = i;
    }
    for (size_t i = fw->n; i-- > 0;) {
        size_t p = fw->nodes[i].parent;
        if (p != PAR_NOPARENT && fw->nodes[p].end < fw->nodes[i].end)
            fw->nodes[p].end = fw->nodes[i].end;
    }
}

/* ---- per node ---------------------------------------------------------- */

static void check_code(par_vctx_t *v, size_t i)
{
    const par_node_t *nd = &v->fw->nodes[i];
    char field[PAR_FIELD_MAX], vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    char code[41];
    par_framework_clip(code, sizeof code, nd->code);
    switch (v->st[i]) {
    case ST_BAD_CODE:
        snprintf(field, sizeof field, "nodes[%zu].code", nd->seq);
        snprintf(vi, sizeof vi,
                 "Mã '%s' không hợp lệ (dạng 1, 1.1, 1.1.2 hoặc T, T.1; tối đa %d cấp)", code,
                 PAR_DEPTH_MAX);
        snprintf(en, sizeof en,
                 "Invalid code '%s' (forms 1, 1.1, 1.1.2 or T, T.1; at most %d levels)", code,
                 PAR_DEPTH_MAX);
        par_framework_validate_report(v, "", field, "par.code_bad", vi, en);
        break;
    case ST_DUP:
        par_framework_validate_report(v, code, "code", "par.code_duplicate",
                                      "Mã bị trùng với một mục khác",
                                      "The code is used by another node");
        break;
    case ST_ORPHAN:
        par_framework_validate_report(
            v, code, "code", "par.parent_missing",
            "Không có mục cha (mã bỏ đi phần cuối) trong khung",
            "Its parent (the code without its last segment) is not in the framework");
        break;
    default:
        break;
    }
}

static void check_kind(par_vctx_t *v, par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (nd->kind == PAR_KIND_UNKNOWN) {
        char shown[65];
        par_framework_clip(shown, sizeof shown, nd->kind_text);
        snprintf(vi, sizeof vi, "Loại mục '%s' không hợp lệ (criterion, bonus, penalty)", shown);
        snprintf(en, sizeof en, "Unknown kind '%s' (criterion, bonus, penalty)", shown);
        par_framework_validate_report(v, nd->code, "kind", "par.kind_unknown", vi, en);
    }
    if (nd->parent == PAR_NOPARENT)
        return;
    par_kind_t pk = v->fw->nodes[nd->parent].kind;
    if (nd->kind_given && nd->kind != PAR_KIND_UNKNOWN && nd->kind != pk)
        par_framework_validate_report(
            v, nd->code, "kind", "par.kind_mismatch",
            "Loại mục khác loại của mục cha (điểm thưởng, điểm trừ chỉ khai ở cấp 1)",
            "Its kind differs from its parent's (bonus and penalty are set at top level)");
    nd->kind = pk;
}

static void check_max(par_vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    num_t m = num(nd->max), lim = num(PAR_MAX_PTS);
    if (nd->max == PAR_NONE)
        par_framework_validate_report(v, nd->code, "max", "par.max_missing", "Thiếu điểm tối đa",
                                      "The maximum is missing");
    else if (nd->max == PAR_INVALID)
        return;
    else if (nd->max < 0) {
        snprintf(vi, sizeof vi, "Điểm tối đa %s âm", m.vi);
        snprintf(en, sizeof en, "The maximum %s is negative", m.en);
        par_framework_validate_report(v, nd->code, "max", "par.max_negative", vi, en);
    } else if (nd->max > PAR_MAX_PTS) {
        snprintf(vi, sizeof vi, "Điểm tối đa %s vượt quá %s", m.vi, lim.vi);
        snprintf(en, sizeof en, "The maximum %s exceeds %s", m.en, lim.en);
        par_framework_validate_report(v, nd->code, "max", "par.max_range", vi, en);
    }
}

static bool max_ok(const par_node_t *nd)
{
    return usable(nd->max) && nd->max >= 0 && nd->max <= PAR_MAX_PTS;
}

static void check_sum(par_vctx_t *v, size_t i)
{
    const par_framework_t *fw = v->fw;
    const par_node_t *nd = &fw->nodes[i];
    int64_t sum = 0;
    if (nd->first_child == PAR_NOPARENT || !max_ok(nd))
        return;
    for (size_t c = nd->first_child; c != PAR_NOPARENT; c = fw->nodes[c].next_sibling) {
        if (!max_ok(&fw->nodes[c]))
            return;
        sum += fw->nodes[c].max;
    }
    if (sum == nd->max)
        return;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    num_t s = num(sum), m = num(nd->max);
    snprintf(vi, sizeof vi, "Tổng điểm tối đa các mục con là %s, khác điểm tối đa %s của mục", s.vi,
             m.vi);
    snprintf(en, sizeof en, "The children's maxima add up to %s, not the node's maximum %s", s.en,
             m.en);
    par_framework_validate_report(v, nd->code, "max", "par.max_sum", vi, en);
}

static void check_source(par_vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX], shown[65];
    par_framework_clip(shown, sizeof shown,
                       nd->source == PAR_SOURCE_UNKNOWN ? nd->source_text : nd->indicator);
    if (nd->source == PAR_SOURCE_UNKNOWN) {
        snprintf(vi, sizeof vi, "Nguồn điểm '%s' không hợp lệ (self, survey, computed:<chỉ tiêu>)",
                 shown);
        snprintf(en, sizeof en, "Unknown source '%s' (self, survey, computed:<indicator>)", shown);
        par_framework_validate_report(v, nd->code, "source", "par.source_unknown", vi, en);
    } else if (nd->source == PAR_SOURCE_COMPUTED && !par_framework_indicator_known(nd->indicator)) {
        snprintf(vi, sizeof vi, "Chỉ tiêu đo '%s' không có trong danh mục chỉ tiêu", shown);
        snprintf(en, sizeof en, "Unknown indicator '%s'", shown);
        par_framework_validate_report(v, nd->code, "source", "par.indicator_unknown", vi, en);
    }
}

static void check_applies(par_vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX], vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    unit_kind_t k;
    if (nd->applies_given && nd->napplies == 0)
        par_framework_validate_report(
            v, nd->code, "applies_to", "par.applies_empty",
            "Danh sách áp dụng rỗng: bỏ trường này để áp dụng cho mọi đơn vị",
            "Empty applies_to: omit the field to apply to every unit");
    for (size_t i = 0; i < nd->napplies; i++) {
        const char *a = nd->applies_to[i];
        snprintf(field, sizeof field, "applies_to[%zu]", i);
        bool unit = strncmp(a, "unit:", 5) == 0;
        if (unit ? a[5] == '\0' : a[0] == '\0') {
            par_framework_validate_report(v, nd->code, field, "par.applies_empty",
                                          "Phần tử áp dụng trống", "Empty applies_to entry");
        } else if (!unit && par_framework_kind_word(a) && unit_kind_parse(a, &k) != 0) {
            char shown[41];
            par_framework_clip(shown, sizeof shown, a);
            snprintf(vi, sizeof vi,
                     "Loại đơn vị '%s' không hợp lệ (tinh, so, huyen, xa, phong, dvsn; mã đơn "
                     "vị viết dạng unit:<mã>)",
                     shown);
            snprintf(en, sizeof en,
                     "Unknown unit kind '%s' (tinh, so, huyen, xa, phong, dvsn; write a unit "
                     "code as unit:<code>)",
                     shown);
            par_framework_validate_report(v, nd->code, field, "par.applies_unknown", vi, en);
        }
    }
}

static void check_area(par_vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    planparse_area_t a;
    char shown[65];
    if (!nd->area_code)
        return;
    par_framework_clip(shown, sizeof shown, nd->area_code);
    if (nd->parent != PAR_NOPARENT || nd->depth != 1 || nd->kind != PAR_KIND_CRITERION) {
        par_framework_validate_report(v, nd->code, "area", "par.area_not_top",
                                      "Chỉ lĩnh vực (tiêu chí cấp 1) mới khai mã lĩnh vực",
                                      "Only top-level criterion nodes (areas) carry an area code");
    } else if (planparse_area_parse(nd->area_code, &a) != 0) {
        snprintf(vi, sizeof vi,
                 "Mã lĩnh vực '%s' không hợp lệ (chidao, theche, tthc, bomay, congvu, "
                 "taichinh, so, tacdong)",
                 shown);
        snprintf(en, sizeof en,
                 "Unknown area code '%s' (chidao, theche, tthc, bomay, congvu, taichinh, so, "
                 "tacdong)",
                 shown);
        par_framework_validate_report(v, nd->code, "area", "par.area_unknown", vi, en);
    }
}

static void check_node(par_vctx_t *v, size_t i)
{
    par_node_t *nd = &v->fw->nodes[i];
    check_code(v, i);
    const char *code = v->st[i] == ST_BAD_CODE ? "" : nd->code;
    if (!nd->name || !nd->name[0])
        par_framework_validate_report(v, code, "name", "par.name_missing", "Thiếu tên mục",
                                      "The node has no name");
    if (v->st[i] == ST_BAD_CODE)
        return;
    check_kind(v, nd);
    check_area(v, nd);
    check_max(v, nd);
    check_sum(v, i);
    par_framework_leaf_check(v, nd, nd->first_child == PAR_NOPARENT);
    check_source(v, nd);
    check_applies(v, nd);
}

static void check_total(par_vctx_t *v)
{
    const par_framework_t *fw = v->fw;
    int64_t sum = 0;
    if (fw->max == PAR_NONE || fw->max == PAR_INVALID)
        return;
    for (size_t i = 0; i < fw->n; i++) {
        const par_node_t *nd = &fw->nodes[i];
        if (v->st[i] != ST_OK || nd->depth != 1 || nd->kind != PAR_KIND_CRITERION)
            continue;
        if (!max_ok(nd))
            return;
        sum += nd->max;
    }
    if (sum == fw->max)
        return;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    num_t s = num(sum), m = num(fw->max);
    snprintf(vi, sizeof vi, "Tổng điểm tối đa các lĩnh vực là %s, khác tổng khai báo %s", s.vi,
             m.vi);
    snprintf(en, sizeof en, "The areas' maxima add up to %s, not the declared total %s", s.en,
             m.en);
    par_framework_validate_report(v, "", "max", "par.max_total", vi, en);
}

/* Problems grouped per node in code order (the framework's own first),
 * keeping the order of discovery within a node. */
typedef struct pkey {
    const char *node;
    size_t i;
} pkey_t;

static int problem_cmp(const void *a, const void *b)
{
    const pkey_t *x = a, *y = b;
    int c = (x->node[0] != '\0') - (y->node[0] != '\0');
    if (c == 0 && x->node[0])
        c = par_framework_code_cmp(x->node, y->node);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int sort_problems(par_problems_t *p)
{
    int rc = 0;
    pkey_t *k = NULL;
    par_problem_t *v = NULL;
    if (p->n < 2)
        return 0;
    k = mem_alloc(p->n * sizeof *k);
    v = mem_alloc(p->n * sizeof *v);
    if (!k || !v) {
        rc = ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < p->n; i++) {
        k[i].node = p->v[i].node;
        k[i].i = i;
    }
    qsort(k, p->n, sizeof *k, problem_cmp);
    for (size_t i = 0; i < p->n; i++)
        v[i] = p->v[k[i].i];
    memcpy(p->v, v, p->n * sizeof *v);
out:
    mem_free(k);
    mem_free(v);
    return rc;
}

int par_framework_validate(par_framework_t *fw, par_problems_t *probs, err_t *e)
{
    par_problems_t local;
    par_framework_problems_init(&local);
    par_vctx_t v = {fw, probs ? probs : &local, 0, NULL, NULL};
    int rc = 0;
    fw->valid = false;
    if (fw->n) {
        v.st = mem_calloc(fw->n, 1);
        v.last_child = mem_alloc(fw->n * sizeof *v.last_child);
        if (!v.st || !v.last_child) {
            rc = err_nomem(e);
            goto out;
        }
        qsort(fw->nodes, fw->n, sizeof *fw->nodes, node_cmp);
        link_nodes(&v);
    }
    check_header(&v);
    if (fw->ngrades == 0)
        default_grades(&v);
    check_grades(&v);
    check_appraisers(&v);
    for (size_t i = 0; i < fw->n; i++)
        check_node(&v, i);
    check_total(&v);
    if (v.rc == 0)
        v.rc = sort_problems(v.p);
    if (v.rc) {
        rc = err_nomem(e);
        goto out;
    }
    size_t count = v.p->n + v.p->dropped;
    if (count) {
        rc = err_set(e, ERR_INVALID, "par.framework_invalid", "Khung chỉ số có %zu lỗi",
                     "The framework has %zu problems", count);
        goto out;
    }
    fw->valid = true;
out:
    mem_free(v.st);
    mem_free(v.last_child);
    par_framework_problems_release(&local);
    return rc;
}
