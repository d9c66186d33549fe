/* report_onestop.h - the one-stop results table of a periodic report
 * (DOMAIN §7): for a data cut-off window, per field (lĩnh vực) and in total,
 *   received       received in the window (NgayTiepNhan), whatever became of
 *                  them; split by channel into received_online (KenhThucHien
 *                  2) and received_direct_postal (1 and 3)
 *   carried_over   received before the window and still open at its start
 *                  (also when refused or withdrawn later)
 *   resolved       processing ended in the window: early / on_time / late,
 *                  as the KPI engine classifies them (kpi_snap.h)
 *   in_progress    open at the window's end (or at the as-of moment, when
 *                  earlier), in_progress_overdue among them past due then
 * So carried_over + received = resolved + in_progress + those of them
 * refused or withdrawn by the as-of moment (a dossier refused after the
 * window's end is not in progress, as for the KPI engine), and carried_over
 * equals the previous window's in_progress as of its end. `received`,
 * `resolved`, `early`, `on_time`, `late`, `in_progress` and
 * `in_progress_overdue` equal the KPI engine's KC_RECEIVED, KC_RESOLVED,
 * KC_EARLY, KC_ON_TIME, KC_LATE, KC_OPEN_IN_TIME + KC_OVERDUE_OPEN and
 * KC_OVERDUE_OPEN for the same rows and query (tested); received_online
 * counts every received dossier of the online channel, refused ones too (the
 * KPI's tthc.online leaves those out).
 * Pure: no I/O, no allocation. */
#ifndef CCHC_REPORT_ONESTOP_H
#define CCHC_REPORT_ONESTOP_H

#include "domain/kpi_snap.h"

#include <stdint.h>

typedef enum report_onestop_col {
    REPORT_OS_RECEIVED = 0,
    REPORT_OS_RECEIVED_ONLINE,
    REPORT_OS_RECEIVED_DIRECT_POSTAL,
    REPORT_OS_CARRIED_OVER,
    REPORT_OS_RESOLVED,
    REPORT_OS_EARLY,
    REPORT_OS_ON_TIME,
    REPORT_OS_LATE,
    REPORT_OS_IN_PROGRESS,
    REPORT_OS_IN_PROGRESS_OVERDUE,
    REPORT_OS_COUNT
} report_onestop_col_t;

typedef struct report_onestop {
    int64_t c[REPORT_OS_COUNT];
} report_onestop_t;

/* The JSON key of a column ("received", "received_online",
 * "received_direct_postal", "carried_over", "resolved", "early", "on_time",
 * "late", "in_progress", "in_progress_overdue"), its Vietnamese and English
 * column headings; NULL out of range. */
const char *report_onestop_key(report_onestop_col_t c);
const char *report_onestop_label_vi(report_onestop_col_t c);
const char *report_onestop_label_en(report_onestop_col_t c);

/* The moments of a window: q as for the KPI engine (from 00:00 of the first
 * day, to 23:59:59 of the last, as_of), and before = the last second before
 * the window (carried over is evaluated there). */
typedef struct report_onestop_query {
    kpi_query_t q;
    dtime_t before;
} report_onestop_query_t;

/* Sets q for the window [from, to] of whole days as of as_of; proc flags,
 * procedure selection and the supplement rule as the caller's KPI query. */
void report_onestop_query_init(report_onestop_query_t *oq, const kpi_query_t *base, date_t from,
                               date_t to, dtime_t as_of);

/* Adds one dossier row to acc. */
void report_onestop_add_row(report_onestop_t *acc, const kpi_row_t *r,
                            const report_onestop_query_t *oq);
/* acc += x. */
void report_onestop_sum(report_onestop_t *acc, const report_onestop_t *x);

#endif
