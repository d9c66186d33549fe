/* report_onestop.c - the one-stop results table of a report (report_onestop.h). */
#include "domain/report_onestop.h"

#include "domain/dossier.h"

#include <string.h>

#include "base/banned.h"

static const struct {
    const char *key, *vi, *en;
} cols[REPORT_OS_COUNT] = {
    {"received", "Tổng số hồ sơ tiếp nhận trong kỳ", "Received in the period"},
    {"received_online", "Tiếp nhận trực tuyến", "Received online"},
    {"received_direct_postal", "Tiếp nhận trực tiếp và qua dịch vụ bưu chính",
     "Received in person or by post"},
    {"carried_over", "Từ kỳ trước chuyển qua", "Carried over"},
    {"resolved", "Số hồ sơ đã giải quyết", "Resolved"},
    {"early", "Trước hạn", "Early"},
    {"on_time", "Đúng hạn", "On time"},
    {"late", "Quá hạn", "Late"},
    {"in_progress", "Số hồ sơ đang giải quyết", "In progress"},
    {"in_progress_overdue", "Đang giải quyết quá hạn", "In progress, overdue"},
};

const char *report_onestop_key(report_onestop_col_t c)
{
    return (unsigned)c < REPORT_OS_COUNT ? cols[c].key : NULL;
}

const char *report_onestop_label_vi(report_onestop_col_t c)
{
    return (unsigned)c < REPORT_OS_COUNT ? cols[c].vi : NULL;
}

const char *report_onestop_label_en(report_onestop_col_t c)
{
    return (unsigned)c < REPORT_OS_COUNT ? cols[c].en : NULL;
}

void report_onestop_query_init(report_onestop_query_t *oq, const kpi_query_t *base, date_t from,
                               date_t to, dtime_t as_of)
{
    oq->q = *base;
    oq->q.from = dtime_make(from, 0, 0, 0);
    oq->q.to = dtime_make(to, 23, 59, 59);
    oq->q.as_of = as_of;
    oq->before = oq->q.from - 1;
}

#define BIT(k) (1u << (k))

void report_onestop_add_row(report_onestop_t *acc, const kpi_row_t *r,
                            const report_onestop_query_t *oq)
{
    const kpi_query_t *q = &oq->q;
    if (q->proc_select && (r->proc >= q->nproc || !q->proc_select[r->proc]))
        return;
    dossier_class_t cls;
    uint32_t bits = kpi_snap_row_bits(r, q, &cls);
    if (cls == DCLS_NONE) /* not received by the as-of moment */
        return;
    if (bits & BIT(KC_RECEIVED)) {
        acc->c[REPORT_OS_RECEIVED]++;
        if (r->channel == DCH_ONLINE)
            acc->c[REPORT_OS_RECEIVED_ONLINE]++;
        else
            acc->c[REPORT_OS_RECEIVED_DIRECT_POSTAL]++;
    }
    acc->c[REPORT_OS_RESOLVED] += (bits & BIT(KC_RESOLVED)) != 0;
    acc->c[REPORT_OS_EARLY] += (bits & BIT(KC_EARLY)) != 0;
    acc->c[REPORT_OS_ON_TIME] += (bits & BIT(KC_ON_TIME)) != 0;
    acc->c[REPORT_OS_LATE] += (bits & BIT(KC_LATE)) != 0;
    if (bits & (BIT(KC_OPEN_IN_TIME) | BIT(KC_OVERDUE_OPEN)))
        acc->c[REPORT_OS_IN_PROGRESS]++;
    acc->c[REPORT_OS_IN_PROGRESS_OVERDUE] += (bits & BIT(KC_OVERDUE_OPEN)) != 0;
    /* Open at the window's start: classified at the second before it (or at
     * the as-of moment when that is earlier), whatever became of it later; a
     * dossier withdrawn inside the window was still carried into it. */
    int64_t as_of = q->as_of - KPI_EPOCH, before = oq->before - KPI_EPOCH;
    int64_t eval = as_of < before ? as_of : before;
    dossier_class_t at = dossier_class_of_core(
        eval, KPI_NONE, r->status, r->supplements, r->received, r->closed, r->ended, r->due_base,
        r->due, r->pause_from, r->pause_to, q->max_supplements);
    if (at == DCLS_OPEN || at == DCLS_OVERDUE)
        acc->c[REPORT_OS_CARRIED_OVER]++;
}

void report_onestop_sum(report_onestop_t *acc, const report_onestop_t *x)
{
    for (int i = 0; i < REPORT_OS_COUNT; i++)
        acc->c[i] += x->c[i];
}
