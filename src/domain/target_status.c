/* target_status.c - targets against measurements (target_status.h). */
#include "domain/target_status.h"

#include <math.h>

#include "base/banned.h"

static const struct {
    const char *code, *vi, *en;
} names[TARGET_STATUS_COUNT] = {
    {"chua_co_so_lieu", "Chưa có số liệu", "No data"},
    {"dat", "Đạt", "Met"},
    {"co_nguy_co", "Có nguy cơ", "At risk"},
    {"chua_dat", "Chưa đạt", "Not met"},
};

const char *target_status_code(target_status_t s)
{
    return s < TARGET_STATUS_COUNT ? names[s].code : "";
}

const char *target_status_label_vi(target_status_t s)
{
    return s < TARGET_STATUS_COUNT ? names[s].vi : "";
}

const char *target_status_label_en(target_status_t s)
{
    return s < TARGET_STATUS_COUNT ? names[s].en : "";
}

bool target_status_meets(planparse_op_t op, double target, double target_max, double value)
{
    switch (op) {
    case PLANPARSE_OP_GE:
        return value >= target - 1e-9;
    case PLANPARSE_OP_GT:
        return value > target + 1e-9;
    case PLANPARSE_OP_EQ:
        return fabs(value - target) < 0.005;
    case PLANPARSE_OP_LE:
        return value <= target + 1e-9;
    case PLANPARSE_OP_LT:
        return value < target - 1e-9;
    case PLANPARSE_OP_BETWEEN:
        return value >= target - 1e-9 && value <= target_max + 1e-9;
    }
    return false;
}

bool target_status_project_year(const target_status_month_t *m, size_t n, double *out)
{
    if (n >= 12 || n == 0)
        return false;
    double sx = 0, sy = 0, sxx = 0, sxy = 0, num = 0, den = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        num += m[i].num;
        den += m[i].den;
        if (m[i].den <= 0)
            continue;
        double x = (double)i, y = 100.0 * m[i].num / m[i].den;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        k++;
    }
    if (k < 3)
        return false;
    double kk = (double)k, d = kk * sxx - sx * sx;
    double slope = d != 0 ? (kk * sxy - sx * sy) / d : 0;
    double icpt = (sy - slope * sx) / kk;
    double avg_den = den / kk;
    for (size_t i = n; i < 12; i++) {
        double y = icpt + slope * (double)i;
        y = y < 0 ? 0 : y > 100 ? 100 : y;
        num += avg_den * y / 100.0;
        den += avg_den;
    }
    double v = den > 0 ? 100.0 * num / den : 0;
    *out = v < 0 ? 0 : v > 100 ? 100 : v;
    return true;
}

target_status_t target_status_status(planparse_op_t op, double target, double target_max,
                                     bool has_value, double value, bool year_open,
                                     bool has_projection, double projection)
{
    if (!has_value)
        return TARGET_STATUS_NO_DATA;
    bool met = target_status_meets(op, target, target_max, value);
    if (!met)
        return TARGET_STATUS_NOT_MET;
    if (year_open && has_projection && !target_status_meets(op, target, target_max, projection))
        return TARGET_STATUS_AT_RISK;
    return TARGET_STATUS_MET;
}
