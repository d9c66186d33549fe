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

typedef struct vctx {
    par_framework_t *fw;
    par_problems_t *p;
    int rc;             /* first allocation failure */
    unsigned char *st;  /* per node: ST_* */
    size_t *last_child; /* per node, while linking */
} vctx_t;

typedef struct num {
    char vi[PAR_NUM_MAX], en[PAR_NUM_MAX];
} num_t;

static num_t num(int64_t milli)
{
    num_t n;
    par_framework_format(milli, true, n.vi);
    par_framework_format(milli, false, n.en);
    return n;
}

/* Records a problem whose messages are already formatted. */
static void report(vctx_t *v, const char *node, const char *field, const char *code, const char *vi,
                   const char *en)
{
    if (v->rc == 0)
        v->rc = par_framework_problem(v->p, node, field, code, "%s%.0s", "%.0s%s", vi, en);
}

static bool usable(int64_t x)
{
    return x != PAR_NONE && x != PAR_INVALID;
}

/* ---- header, grades, appraisers ---------------------------------------- */

static void check_header(vctx_t *v)
{
    par_framework_t *fw = v->fw;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (!fw->name || !fw->name[0])
        report(v, "", "name", "par.name_missing", "Thiếu tên khung chỉ số",
               "The framework has no name");
    if (fw->year < 2000 || fw->year > 2100) {
        snprintf(vi, sizeof vi, "Năm %d không hợp lệ (2000..2100)", fw->year);
        snprintf(en, sizeof en, "Invalid year %d (2000..2100)", fw->year);
        report(v, "", "year", "par.year", vi, en);
    }
    if (fw->year_to && (fw->year_to < fw->year || fw->year_to > 2100)) {
        snprintf(vi, sizeof vi, "Năm áp dụng cuối %d phải từ %d đến 2100", fw->year_to, fw->year);
        snprintf(en, sizeof en, "The last year %d must be between %d and 2100", fw->year_to,
                 fw->year);
        report(v, "", "year_to", "par.year", vi, en);
    }
    if (!fw->unit_kind_text || unit_kind_parse(fw->unit_kind_text, &fw->unit_kind) != 0) {
        snprintf(vi, sizeof vi, "Loại đơn vị '%s' không hợp lệ (tinh, so, huyen, xa, phong, dvsn)",
                 fw->unit_kind_text ? fw->unit_kind_text : "");
        snprintf(en, sizeof en, "Unknown unit kind '%s' (tinh, so, huyen, xa, phong, dvsn)",
                 fw->unit_kind_text ? fw->unit_kind_text : "");
        report(v, "", "unit_kind", "par.unit_kind_unknown", vi, en);
    }
    if (fw->nodes == NULL || fw->n == 0)
        report(v, "", "nodes", "par.nodes_empty", "Khung chỉ số không có tiêu chí nào",
               "The framework has no criteria");
}

static void default_grades(vctx_t *v)
{
    static const struct {
        const char *label;
        int min;
    } d[] = {{"A", 90}, {"B", 80}, {"C", 70}, {"D", 0}};
    for (size_t i = 0; v->rc == 0 && i < sizeof d / sizeof d[0]; i++)
        v->rc = par_framework_add_grade(v->fw, d[i].label, d[i].min * (int64_t)PAR_MILLI, NULL);
    v->fw->grades_default = true;
}

static void check_grades(vctx_t *v)
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
            report(v, "", field, "par.grade_label", "Nhãn xếp loại trống hoặc bị trùng",
                   "Grade label empty or repeated");
        if (g->min == PAR_INVALID)
            continue;
        if (g->min == PAR_NONE || g->min < 0 || g->min > PCT100) {
            snprintf(vi, sizeof vi, "Ngưỡng xếp loại '%s' phải từ 0 đến 100", m.vi);
            snprintf(en, sizeof en, "Grade threshold '%s' must be within 0..100", m.en);
            report(v, "", field, "par.grade_order", vi, en);
        } else if (i > 0 && usable(fw->grades[i - 1].min) && g->min >= fw->grades[i - 1].min) {
            snprintf(vi, sizeof vi, "Ngưỡng xếp loại %s phải nhỏ hơn ngưỡng trước", m.vi);
            snprintf(en, sizeof en, "Grade threshold %s must be below the previous one", m.en);
            report(v, "", field, "par.grade_order", vi, en);
        }
    }
    if (fw->ngrades && fw->grades[fw->ngrades - 1].min != 0)
        report(v, "", "bands", "par.grade_zero",
               "Xếp loại thấp nhất phải bắt đầu từ 0 (mọi chỉ số đều được xếp loại)",
               "The lowest grade must start at 0 (every index gets a grade)");
}

static void check_appraisers(vctx_t *v)
{
    const par_framework_t *fw = v->fw;
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    for (size_t i = 0; i < fw->nappraisers; i++) {
        const par_appraiser_t *a = &fw->appraisers[i];
        pp_area_t area;
        size_t top = par_framework_find(fw, a->key);
        bool ok = pp_area_parse(a->key, &area) == 0 ||
                  (top != PAR_NOPARENT && fw->nodes[top].parent == PAR_NOPARENT);
        if (!ok || !a->role[0]) {
            snprintf(vi, sizeof vi,
                     "Cơ quan thẩm định mặc định '%s': khóa phải là mã lĩnh vực cấp 1 hoặc mã "
                     "lĩnh vực (theche, tthc...) và vai trò không được trống",
                     a->key);
            snprintf(en, sizeof en,
                     "Default appraiser '%s': the key must be a top-level code or an area code "
                     "(theche, tthc...) and the role must not be empty",
                     a->key);
            report(v, "", "appraisers", "par.appraiser_key", vi, en);
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

static void link_nodes(vctx_t *v)
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

static void check_code(vctx_t *v, size_t i)
{
    const par_node_t *nd = &v->fw->nodes[i];
    char field[PAR_FIELD_MAX], vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    const char *code = nd->code ? nd->code : "";
    switch (v->st[i]) {
    case ST_BAD_CODE:
        snprintf(field, sizeof field, "nodes[%zu].code", nd->seq);
        snprintf(vi, sizeof vi,
                 "Mã '%.40s' không hợp lệ (dạng 1, 1.1, 1.1.2 hoặc T, T.1; tối đa %d cấp)", code,
                 PAR_DEPTH_MAX);
        snprintf(en, sizeof en,
                 "Invalid code '%.40s' (forms 1, 1.1, 1.1.2 or T, T.1; at most %d levels)", code,
                 PAR_DEPTH_MAX);
        report(v, "", field, "par.code_bad", vi, en);
        break;
    case ST_DUP:
        report(v, code, "code", "par.code_duplicate", "Mã bị trùng với một mục khác",
               "The code is used by another node");
        break;
    case ST_ORPHAN:
        report(v, code, "code", "par.parent_missing",
               "Không có mục cha (mã bỏ đi phần cuối) trong khung",
               "Its parent (the code without its last segment) is not in the framework");
        break;
    default:
        break;
    }
}

static void check_kind(vctx_t *v, par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (nd->kind == PAR_KIND_UNKNOWN) {
        snprintf(vi, sizeof vi, "Loại mục '%s' không hợp lệ (criterion, bonus, penalty)",
                 nd->kind_text ? nd->kind_text : "");
        snprintf(en, sizeof en, "Unknown kind '%s' (criterion, bonus, penalty)",
                 nd->kind_text ? nd->kind_text : "");
        report(v, nd->code, "kind", "par.kind_unknown", vi, en);
    }
    if (nd->parent == PAR_NOPARENT)
        return;
    par_kind_t pk = v->fw->nodes[nd->parent].kind;
    if (nd->kind_given && nd->kind != PAR_KIND_UNKNOWN && nd->kind != pk)
        report(v, nd->code, "kind", "par.kind_mismatch",
               "Loại mục khác loại của mục cha (điểm thưởng, điểm trừ chỉ khai ở cấp 1)",
               "Its kind differs from its parent's (bonus and penalty are set at top level)");
    nd->kind = pk;
}

static void check_max(vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    num_t m = num(nd->max), lim = num(PAR_MAX_PTS);
    if (nd->max == PAR_NONE)
        report(v, nd->code, "max", "par.max_missing", "Thiếu điểm tối đa",
               "The maximum is missing");
    else if (nd->max == PAR_INVALID)
        return;
    else if (nd->max < 0) {
        snprintf(vi, sizeof vi, "Điểm tối đa %s âm", m.vi);
        snprintf(en, sizeof en, "The maximum %s is negative", m.en);
        report(v, nd->code, "max", "par.max_negative", vi, en);
    } else if (nd->max > PAR_MAX_PTS) {
        snprintf(vi, sizeof vi, "Điểm tối đa %s vượt quá %s", m.vi, lim.vi);
        snprintf(en, sizeof en, "The maximum %s exceeds %s", m.en, lim.en);
        report(v, nd->code, "max", "par.max_range", vi, en);
    }
}

static bool max_ok(const par_node_t *nd)
{
    return usable(nd->max) && nd->max >= 0 && nd->max <= PAR_MAX_PTS;
}

static void check_sum(vctx_t *v, size_t i)
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
    report(v, nd->code, "max", "par.max_sum", vi, en);
}

static void check_points(vctx_t *v, const par_node_t *nd, const char *field, const char *code,
                         int64_t pts, const char *what_vi, const char *what_en)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (pts == PAR_INVALID)
        return;
    num_t p = num(pts), m = num(nd->max);
    if (pts == PAR_NONE) {
        snprintf(vi, sizeof vi, "Thiếu điểm của %s", what_vi);
        snprintf(en, sizeof en, "The points of %s are missing", what_en);
    } else if (pts < 0 || (max_ok(nd) && pts > nd->max)) {
        snprintf(vi, sizeof vi, "Điểm %s của %s nằm ngoài khoảng [0; %s]", p.vi, what_vi, m.vi);
        snprintf(en, sizeof en, "The points %s of %s are outside [0, %s]", p.en, what_en, m.en);
    } else {
        return;
    }
    report(v, nd->code, field, code, vi, en);
}

static void check_levels(vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX];
    if (nd->nlevels == 0)
        report(v, nd->code, "levels", "par.levels_missing",
               "Phương pháp 'levels' cần danh sách mức điểm",
               "The 'levels' method needs a list of levels");
    for (size_t i = 0; i < nd->nlevels; i++) {
        const par_level_t *l = &nd->levels[i];
        snprintf(field, sizeof field, "levels[%zu]", i);
        if (!l->label || !l->label[0])
            report(v, nd->code, field, "par.level_label", "Mức điểm không có mô tả",
                   "A level has no label");
        check_points(v, nd, field,
                     l->points == PAR_NONE || l->points < 0 ? "par.level_points" : "par.level_max",
                     l->points, "mức", "the level");
    }
}

/* Half-step positions: "from X" starts at 2X, "above X" at 2X+1; "to X"
 * ends at 2X, "below X" at 2X-1. Adjacent bands must have
 * lower.end + 1 == higher.start. */
static int64_t band_start(const par_band_t *b)
{
    return 2 * b->lo + (b->lo_kind == PAR_BOUND_EXCL ? 1 : 0);
}

static int64_t band_end(const par_band_t *b)
{
    return 2 * b->hi - (b->hi_kind == PAR_BOUND_EXCL ? 1 : 0);
}

static bool pct_ok(int64_t x)
{
    return usable(x) && x >= 0 && x <= PCT100;
}

/* One band on its own; true when its bounds can be compared with others. */
static bool check_band(vctx_t *v, const par_node_t *nd, size_t i)
{
    const par_band_t *b = &nd->bands[i];
    char field[PAR_FIELD_MAX];
    snprintf(field, sizeof field, "bands[%zu]", i);
    check_points(v, nd, field, "par.band_points", b->points, "khoảng", "the band");
    if (b->lo_kind == PAR_BOUND_NONE) {
        report(v, nd->code, field, "par.band_from", "Khoảng thiếu cận dưới (from hoặc above)",
               "The band has no lower bound (from or above)");
        return false;
    }
    bool hi_ok = b->hi_kind == PAR_BOUND_NONE || pct_ok(b->hi);
    if (b->lo == PAR_INVALID || b->hi == PAR_INVALID)
        return false;
    if (!pct_ok(b->lo) || !hi_ok) {
        report(v, nd->code, field, "par.band_range", "Cận của khoảng phải từ 0 đến 100 (%)",
               "Band bounds must be within 0..100 (%)");
        return false;
    }
    if (b->hi_kind != PAR_BOUND_NONE && band_end(b) < band_start(b)) {
        report(v, nd->code, field, "par.band_range", "Khoảng rỗng: cận trên nhỏ hơn cận dưới",
               "Empty band: the upper bound is below the lower bound");
        return false;
    }
    return true;
}

static void check_bands(vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX];
    bool prev_ok = false;
    if (nd->nbands == 0)
        report(v, nd->code, "bands", "par.bands_missing",
               "Phương pháp 'bands' cần danh sách khoảng tỷ lệ",
               "The 'bands' method needs a list of bands");
    for (size_t i = 0; i < nd->nbands; i++) {
        const par_band_t *b = &nd->bands[i], *h = i ? &nd->bands[i - 1] : NULL;
        bool ok = check_band(v, nd, i);
        snprintf(field, sizeof field, "bands[%zu]", i);
        if (ok && !h && b->hi_kind != PAR_BOUND_NONE && band_end(b) < 2 * PCT100)
            report(v, nd->code, field, "par.band_gap",
                   "Khoảng cao nhất không phủ tới 100%: có tỷ lệ không được chấm",
                   "The highest band stops below 100%: some ratios get no points");
        if (ok && prev_ok && band_start(h) <= band_start(b))
            report(v, nd->code, field, "par.band_overlap",
                   "Các khoảng phải xếp từ cao xuống thấp và không chồng lên nhau",
                   "Bands must be listed from the highest down and must not overlap");
        else if (ok && prev_ok && b->hi_kind != PAR_BOUND_NONE && band_end(b) + 1 != band_start(h))
            report(v, nd->code, field,
                   band_end(b) + 1 < band_start(h) ? "par.band_gap" : "par.band_overlap",
                   band_end(b) + 1 < band_start(h)
                       ? "Khoảng này và khoảng liền trên để hở một đoạn tỷ lệ"
                       : "Khoảng này chồng lên khoảng liền trên",
                   band_end(b) + 1 < band_start(h) ? "This band and the one above leave a gap"
                                                   : "This band overlaps the one above");
        prev_ok = ok;
    }
    const par_band_t *last = nd->nbands ? &nd->bands[nd->nbands - 1] : NULL;
    if (last && last->lo_kind != PAR_BOUND_NONE && usable(last->lo) &&
        !(last->lo == 0 && last->lo_kind == PAR_BOUND_INCL))
        report(v, nd->code, "bands", "par.band_zero", "Khoảng thấp nhất phải bắt đầu từ 0 (from 0)",
               "The lowest band must start at 0 (from 0)");
}

static void check_yesno(vctx_t *v, const par_node_t *nd)
{
    if (nd->yes_points != PAR_NONE)
        check_points(v, nd, "yes_points", "par.yesno_points", nd->yes_points, "mức 'có'", "'yes'");
    if (nd->no_points != PAR_NONE)
        check_points(v, nd, "no_points", "par.yesno_points", nd->no_points, "mức 'không'", "'no'");
}

static void unexpected(vctx_t *v, const par_node_t *nd, const char *field, bool parent)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (parent) {
        snprintf(vi, sizeof vi, "Trường '%s' chỉ dùng cho tiêu chí không có mục con", field);
        snprintf(en, sizeof en, "Field '%s' belongs on leaves only (this node has children)",
                 field);
        report(v, nd->code, field, "par.field_on_parent", vi, en);
    } else {
        snprintf(vi, sizeof vi, "Trường '%s' không dùng với phương pháp '%s'", field,
                 par_framework_method_name(nd->method));
        snprintf(en, sizeof en, "Field '%s' does not go with method '%s'", field,
                 par_framework_method_name(nd->method));
        report(v, nd->code, field, "par.field_unexpected", vi, en);
    }
}

static void check_method(vctx_t *v, const par_node_t *nd, bool leaf)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    bool yn = nd->yes_points != PAR_NONE || nd->no_points != PAR_NONE;
    if (!leaf) {
        if (nd->method != PAR_METHOD_NONE)
            unexpected(v, nd, "method", true);
        if (nd->nlevels)
            unexpected(v, nd, "levels", true);
        if (nd->nbands)
            unexpected(v, nd, "bands", true);
        if (nd->source_given)
            unexpected(v, nd, "source", true);
        return;
    }
    if (nd->method == PAR_METHOD_NONE)
        report(v, nd->code, "method", "par.method_missing",
               "Thiếu phương pháp chấm (levels, bands, yesno, manual)",
               "The scoring method is missing (levels, bands, yesno, manual)");
    if (nd->method == PAR_METHOD_UNKNOWN) {
        snprintf(vi, sizeof vi, "Phương pháp chấm '%s' không hợp lệ (levels, bands, yesno, manual)",
                 nd->method_text ? nd->method_text : "");
        snprintf(en, sizeof en, "Unknown scoring method '%s' (levels, bands, yesno, manual)",
                 nd->method_text ? nd->method_text : "");
        report(v, nd->code, "method", "par.method_unknown", vi, en);
    }
    if (nd->method == PAR_METHOD_LEVELS)
        check_levels(v, nd);
    else if (nd->nlevels && nd->method != PAR_METHOD_UNKNOWN)
        unexpected(v, nd, "levels", false);
    if (nd->method == PAR_METHOD_BANDS)
        check_bands(v, nd);
    else if (nd->nbands && nd->method != PAR_METHOD_UNKNOWN)
        unexpected(v, nd, "bands", false);
    if (nd->method == PAR_METHOD_YESNO)
        check_yesno(v, nd);
    else if (yn && nd->method != PAR_METHOD_UNKNOWN)
        unexpected(v, nd, "yes_points", false);
}

static void check_source(vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (nd->source == PAR_SOURCE_UNKNOWN) {
        snprintf(vi, sizeof vi, "Nguồn điểm '%s' không hợp lệ (self, survey, computed:<chỉ tiêu>)",
                 nd->source_text ? nd->source_text : "");
        snprintf(en, sizeof en, "Unknown source '%s' (self, survey, computed:<indicator>)",
                 nd->source_text ? nd->source_text : "");
        report(v, nd->code, "source", "par.source_unknown", vi, en);
    } else if (nd->source == PAR_SOURCE_COMPUTED && !par_framework_indicator_known(nd->indicator)) {
        snprintf(vi, sizeof vi, "Chỉ tiêu đo '%s' không có trong danh mục chỉ tiêu",
                 nd->indicator ? nd->indicator : "");
        snprintf(en, sizeof en, "Unknown indicator '%s'", nd->indicator ? nd->indicator : "");
        report(v, nd->code, "source", "par.indicator_unknown", vi, en);
    }
}

static void check_applies(vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX], vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    unit_kind_t k;
    if (nd->applies_given && nd->napplies == 0)
        report(v, nd->code, "applies_to", "par.applies_empty",
               "Danh sách áp dụng rỗng: bỏ trường này để áp dụng cho mọi đơn vị",
               "Empty applies_to: omit the field to apply to every unit");
    for (size_t i = 0; i < nd->napplies; i++) {
        const char *a = nd->applies_to[i];
        snprintf(field, sizeof field, "applies_to[%zu]", i);
        bool unit = strncmp(a, "unit:", 5) == 0;
        if (unit ? a[5] == '\0' : a[0] == '\0') {
            report(v, nd->code, field, "par.applies_empty", "Phần tử áp dụng trống",
                   "Empty applies_to entry");
        } else if (!unit && par_framework_kind_word(a) && unit_kind_parse(a, &k) != 0) {
            snprintf(vi, sizeof vi,
                     "Loại đơn vị '%.40s' không hợp lệ (tinh, so, huyen, xa, phong, dvsn; mã đơn "
                     "vị viết dạng unit:<mã>)",
                     a);
            snprintf(en, sizeof en,
                     "Unknown unit kind '%.40s' (tinh, so, huyen, xa, phong, dvsn; write a unit "
                     "code as unit:<code>)",
                     a);
            report(v, nd->code, field, "par.applies_unknown", vi, en);
        }
    }
}

static void check_area(vctx_t *v, const par_node_t *nd)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    pp_area_t a;
    if (!nd->area_code)
        return;
    if (nd->parent != PAR_NOPARENT || nd->depth != 1 || nd->kind != PAR_KIND_CRITERION) {
        report(v, nd->code, "area", "par.area_not_top",
               "Chỉ lĩnh vực (tiêu chí cấp 1) mới khai mã lĩnh vực",
               "Only top-level criterion nodes (areas) carry an area code");
    } else if (pp_area_parse(nd->area_code, &a) != 0) {
        snprintf(vi, sizeof vi,
                 "Mã lĩnh vực '%.40s' không hợp lệ (chidao, theche, tthc, bomay, congvu, "
                 "taichinh, so, tacdong)",
                 nd->area_code);
        snprintf(en, sizeof en,
                 "Unknown area code '%.40s' (chidao, theche, tthc, bomay, congvu, taichinh, so, "
                 "tacdong)",
                 nd->area_code);
        report(v, nd->code, "area", "par.area_unknown", vi, en);
    }
}

static void check_node(vctx_t *v, size_t i)
{
    par_node_t *nd = &v->fw->nodes[i];
    check_code(v, i);
    const char *code = v->st[i] == ST_BAD_CODE ? "" : nd->code;
    if (!nd->name || !nd->name[0])
        report(v, code, "name", "par.name_missing", "Thiếu tên mục", "The node has no name");
    if (v->st[i] == ST_BAD_CODE)
        return;
    check_kind(v, nd);
    check_area(v, nd);
    check_max(v, nd);
    check_sum(v, i);
    check_method(v, nd, nd->first_child == PAR_NOPARENT);
    check_source(v, nd);
    check_applies(v, nd);
}

static void check_total(vctx_t *v)
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
    report(v, "", "max", "par.max_total", vi, en);
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
    vctx_t v = {fw, probs ? probs : &local, 0, NULL, NULL};
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
