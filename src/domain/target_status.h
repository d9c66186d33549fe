/* target_status.h - a plan target against its measurement (pure): whether a
 * value meets the target, the year-end projection from the monthly trend,
 * and the status đạt / chưa đạt / có nguy cơ / chưa có số liệu
 * (docs/internals/targets.md).
 *
 * Rules:
 *   no measurement                      -> chua_co_so_lieu
 *   year closed (as of on/after 31/12)  -> dat when the value meets the
 *                                          target, else chua_dat
 *   year open, value misses the target  -> chua_dat
 *   year open, value meets the target,
 *     projection known and missing it   -> co_nguy_co (at risk)
 *   otherwise                           -> dat
 * "Meets" follows the comparator: >= > = <= < and between (inclusive); = is
 * met within 0.005 (values carry two decimals).
 *
 * Projection (target_status_project_year): a least-squares line through the monthly
 * values of the months with data (at least 3), extended over the months
 * left in the year, each weighted by the average monthly denominator; the
 * year-end value is (numerator so far + projected numerators) / (denominator
 * so far + projected denominators), clamped to 0..100. No allocation, no
 * I/O. */
#ifndef CCHC_TARGET_STATUS_H
#define CCHC_TARGET_STATUS_H

#include "domain/planparse.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum target_status {
    TARGET_STATUS_NO_DATA = 0,
    TARGET_STATUS_MET,
    TARGET_STATUS_AT_RISK,
    TARGET_STATUS_NOT_MET,
    TARGET_STATUS_COUNT
} target_status_t;

/* "chua_co_so_lieu", "dat", "co_nguy_co", "chua_dat"; labels in both languages. */
const char *target_status_code(target_status_t s);
const char *target_status_label_vi(target_status_t s);
const char *target_status_label_en(target_status_t s);

bool target_status_meets(planparse_op_t op, double target, double target_max, double value);

/* One month of a series: value in percent (ignored when den is 0), and its
 * numerator / denominator. */
typedef struct target_status_month {
    double num, den;
} target_status_month_t;

/* Projects the year-end value from months[0..n) (January first; n = months
 * elapsed, 1..12). false when fewer than 3 months have a denominator or the
 * year has no month left (n >= 12: the value is final). */
bool target_status_project_year(const target_status_month_t *months, size_t n, double *out);

target_status_t target_status_status(planparse_op_t op, double target, double target_max,
                                     bool has_value, double value, bool year_open,
                                     bool has_projection, double projection);

#endif
