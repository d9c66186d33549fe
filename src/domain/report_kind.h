/* report_kind.h - kinds of periodic CCHC reports (DOMAIN §7), their reporting
 * periods, and the window and due rules written for one kind.
 *
 *   code      Vietnamese label   period (src/domain/period.h)  default window
 *   quy1      Báo cáo quý I      quarterly Q1    15/12 of the previous year → 14/3
 *   6thang    Báo cáo 6 tháng    semiannual S1   15/12 → 14/6
 *   quy3      Báo cáo quý III    quarterly Q3    15/6 → 14/9 (the quarter only)
 *   9thang    Báo cáo 9 tháng    ninemonth M9    15/12 → 14/9
 *   nam       Báo cáo năm        annual          15/12 → 14/12
 *   dot_xuat  Báo cáo đột xuất   none: an ad hoc report has its own dates
 *
 * Pure: no I/O, no allocation, no globals. Errors use the stable codes
 * "report_cal.kind", "report_cal.year", "report_cal.window", "report_cal.due". */
#ifndef CCHC_REPORT_KIND_H
#define CCHC_REPORT_KIND_H

#include "base/err.h"
#include "domain/period.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_KIND_RULE_MAX 32 /* canonical window or due text, NUL included */
#define REPORT_KIND_YEAR_MIN 1990
#define REPORT_KIND_YEAR_MAX 2199

typedef enum report_kind {
    REPORT_KIND_QUY1 = 0,
    REPORT_KIND_6THANG,
    REPORT_KIND_QUY3,
    REPORT_KIND_9THANG,
    REPORT_KIND_NAM,
    REPORT_KIND_DOT_XUAT
} report_kind_t;

#define REPORT_KIND_COUNT    6
#define REPORT_KIND_PERIODIC 5 /* kinds below this have a period */

/* Stable code ("quy1", "6thang", "quy3", "9thang", "nam", "dot_xuat"),
 * Vietnamese label ("Báo cáo quý I"...) and English label ("Quarter I
 * report"...); "?" for an invalid value. */
const char *report_kind_code(report_kind_t k);
const char *report_kind_label_vi(report_kind_t k);
const char *report_kind_label_en(report_kind_t k);
/* Parses a code (trimmed, case-insensitive). ERR_INVALID "report_cal.kind". */
int report_kind_parse(const char *s, size_t n, report_kind_t *out, err_t *e);
/* true for the kinds asked when nothing is configured (quy1, 6thang, quy3, nam). */
bool report_kind_default(report_kind_t k);
/* The period of a periodic kind in a year. ERR_INVALID "report_cal.kind"
 * for dot_xuat or an invalid kind, ERR_RANGE "report_cal.year" outside
 * REPORT_KIND_YEAR_MIN..MAX. */
int report_kind_period(report_kind_t k, int year, period_id_t *out, err_t *e);
/* The kind of a period (Q1 -> quy1, S1 -> 6thang, Q3 -> quy3, M9 -> 9thang,
 * annual -> nam); ERR_NOTFOUND for the other periods (months, Q2, Q4). */
int report_kind_of_period(period_id_t id, report_kind_t *out);
/* First and last calendar month of the kind's period (quy3: 7 and 9).
 * ERR_INVALID for dot_xuat. */
int report_kind_months(report_kind_t k, int *first, int *last);

/* Window and due rules written for one kind (the CSV and CLI form):
 *   window "15/6-14/9" for quy3, "15/12-24/11" for nam: day/month of the
 *          start and the end in that kind's period; the start lies in the
 *          previous year when it does not come before the end. Error
 *          ERR_INVALID "report_cal.window".
 *   due    "15" (day 15 of the period's last month), "25/11" (a day/month
 *          near the last month: up to 5 months before or 6 after it, so
 *          "10/1" for nam is January of the next year), "+2wd" (2 working
 *          days after the window end), "+5d" (calendar days), "none" or "".
 *          Error ERR_INVALID "report_cal.due".
 * The format functions write the canonical form of the same grammar
 * (format(parse(x)) == x for canonical x); invalid input gives "?". */
int report_kind_window_parse(report_kind_t k, const char *s, size_t n, period_window_t *out,
                             err_t *e);
int report_kind_due_parse(report_kind_t k, const char *s, size_t n, period_due_t *out, err_t *e);
void report_kind_window_format(report_kind_t k, const period_window_t *w,
                               char out[REPORT_KIND_RULE_MAX]);
void report_kind_due_format(report_kind_t k, const period_due_t *d, char out[REPORT_KIND_RULE_MAX]);

#endif
