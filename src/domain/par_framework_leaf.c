/* par_framework_leaf.c - validation of how a node is scored: method,
 * levels, bands (order, gaps, overlaps, reaching 0) and yes/no points. */
#include "domain/par_framework.h"
#include "domain/par_framework_int.h"

#include <stdio.h>

#include "base/banned.h"

#define PCT100 (100 * (int64_t)PAR_MILLI)

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

static bool usable(int64_t x)
{
    return x != PAR_NONE && x != PAR_INVALID;
}

static bool max_ok(const par_node_t *nd)
{
    return usable(nd->max) && nd->max >= 0 && nd->max <= PAR_MAX_PTS;
}

static void check_points(par_vctx_t *v, const par_node_t *nd, const char *field, const char *code,
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
    par_framework_validate_report(v, nd->code, field, code, vi, en);
}

static void check_levels(par_vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX];
    if (nd->nlevels == 0)
        par_framework_validate_report(v, nd->code, "levels", "par.levels_missing",
                                      "Phương pháp 'levels' cần danh sách mức điểm",
                                      "The 'levels' method needs a list of levels");
    for (size_t i = 0; i < nd->nlevels; i++) {
        const par_level_t *l = &nd->levels[i];
        snprintf(field, sizeof field, "levels[%zu]", i);
        if (!l->label || !l->label[0])
            par_framework_validate_report(v, nd->code, field, "par.level_label",
                                          "Mức điểm không có mô tả", "A level has no label");
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
static bool check_band(par_vctx_t *v, const par_node_t *nd, size_t i)
{
    const par_band_t *b = &nd->bands[i];
    char field[PAR_FIELD_MAX];
    snprintf(field, sizeof field, "bands[%zu]", i);
    check_points(v, nd, field, "par.band_points", b->points, "khoảng", "the band");
    if (b->lo_kind == PAR_BOUND_NONE) {
        par_framework_validate_report(v, nd->code, field, "par.band_from",
                                      "Khoảng thiếu cận dưới (from hoặc above)",
                                      "The band has no lower bound (from or above)");
        return false;
    }
    bool hi_ok = b->hi_kind == PAR_BOUND_NONE || pct_ok(b->hi);
    if (b->lo == PAR_INVALID || b->hi == PAR_INVALID)
        return false;
    if (!pct_ok(b->lo) || !hi_ok) {
        par_framework_validate_report(v, nd->code, field, "par.band_range",
                                      "Cận của khoảng phải từ 0 đến 100 (%)",
                                      "Band bounds must be within 0..100 (%)");
        return false;
    }
    if (b->hi_kind != PAR_BOUND_NONE && band_end(b) < band_start(b)) {
        par_framework_validate_report(v, nd->code, field, "par.band_range",
                                      "Khoảng rỗng: cận trên nhỏ hơn cận dưới",
                                      "Empty band: the upper bound is below the lower bound");
        return false;
    }
    return true;
}

static void check_bands(par_vctx_t *v, const par_node_t *nd)
{
    char field[PAR_FIELD_MAX];
    bool prev_ok = false;
    if (nd->nbands == 0)
        par_framework_validate_report(v, nd->code, "bands", "par.bands_missing",
                                      "Phương pháp 'bands' cần danh sách khoảng tỷ lệ",
                                      "The 'bands' method needs a list of bands");
    for (size_t i = 0; i < nd->nbands; i++) {
        const par_band_t *b = &nd->bands[i], *h = i ? &nd->bands[i - 1] : NULL;
        bool ok = check_band(v, nd, i);
        snprintf(field, sizeof field, "bands[%zu]", i);
        if (ok && !h && b->hi_kind != PAR_BOUND_NONE && band_end(b) < 2 * PCT100)
            par_framework_validate_report(
                v, nd->code, field, "par.band_gap",
                "Khoảng cao nhất không phủ tới 100%: có tỷ lệ không được chấm",
                "The highest band stops below 100%: some ratios get no points");
        if (ok && prev_ok && band_start(h) <= band_start(b))
            par_framework_validate_report(
                v, nd->code, field, "par.band_overlap",
                "Các khoảng phải xếp từ cao xuống thấp và không chồng lên nhau",
                "Bands must be listed from the highest down and must not overlap");
        else if (ok && prev_ok && b->hi_kind != PAR_BOUND_NONE && band_end(b) + 1 != band_start(h))
            par_framework_validate_report(
                v, nd->code, field,
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
        par_framework_validate_report(v, nd->code, "bands", "par.band_zero",
                                      "Khoảng thấp nhất phải bắt đầu từ 0 (from 0)",
                                      "The lowest band must start at 0 (from 0)");
}

static void check_yesno(par_vctx_t *v, const par_node_t *nd)
{
    if (nd->yes_points != PAR_NONE)
        check_points(v, nd, "yes_points", "par.yesno_points", nd->yes_points, "mức 'có'", "'yes'");
    if (nd->no_points != PAR_NONE)
        check_points(v, nd, "no_points", "par.yesno_points", nd->no_points, "mức 'không'", "'no'");
}

static void unexpected(par_vctx_t *v, const par_node_t *nd, const char *field, bool parent)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    if (parent) {
        snprintf(vi, sizeof vi, "Trường '%s' chỉ dùng cho tiêu chí không có mục con", field);
        snprintf(en, sizeof en, "Field '%s' belongs on leaves only (this node has children)",
                 field);
        par_framework_validate_report(v, nd->code, field, "par.field_on_parent", vi, en);
    } else {
        snprintf(vi, sizeof vi, "Trường '%s' không dùng với phương pháp '%s'", field,
                 par_framework_method_name(nd->method));
        snprintf(en, sizeof en, "Field '%s' does not go with method '%s'", field,
                 par_framework_method_name(nd->method));
        par_framework_validate_report(v, nd->code, field, "par.field_unexpected", vi, en);
    }
}

void par_framework_leaf_check(par_vctx_t *v, const par_node_t *nd, bool leaf)
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
        par_framework_validate_report(
            v, nd->code, "method", "par.method_missing",
            "Thiếu phương pháp chấm (levels, bands, yesno, manual)",
            "The scoring method is missing (levels, bands, yesno, manual)");
    if (nd->method == PAR_METHOD_UNKNOWN) {
        char shown[65];
        par_framework_clip(shown, sizeof shown, nd->method_text);
        snprintf(vi, sizeof vi, "Phương pháp chấm '%s' không hợp lệ (levels, bands, yesno, manual)",
                 shown);
        snprintf(en, sizeof en, "Unknown scoring method '%s' (levels, bands, yesno, manual)",
                 shown);
        par_framework_validate_report(v, nd->code, "method", "par.method_unknown", vi, en);
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
