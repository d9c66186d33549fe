/* kpi_agg.h - per-unit day aggregates of the snapshot rows, and counting a
 * unit through them exactly (docs/internals/ledger.md, "KPI aggregation").
 *
 * A unit's rows are sorted by (kpi_agg_row_maxtime, id). kpi_agg_build makes
 * from them a sparse list of days (only days where something changes) with
 * cumulative counters computed "as of the end of time" (an as_of later than
 * every time of every row):
 *   - the received group (KC_RECEIVED .. KC_DIGITIZED) at the receipt day,
 *   - the resolved group (KC_RESOLVED .. KC_E_RESULT) at the end day,
 *   - the in-progress pair (KC_OVERDUE_OPEN, KC_OPEN_IN_TIME) as +1 / -1 at
 *     the days where the row's state at the end of the day changes, found
 *     by evaluating kpi_snap_row_open_bits at the end of every day on which one
 *     of the row's times (or that time + 1 s) falls, which are the only
 *     days where that state can change;
 * so that for a period of whole days [F, T] a counter of the first two
 * groups is cum(T) - cum(F - 1), and an in-progress counter is cum(T).
 *
 * as_of: a row whose times are all earlier than as_of counts exactly as it
 * does at the end of time. Rows with a time at or after as_of (maxtime >=
 * as_of) are a suffix of the sorted rows; kpi_agg_view_count adds, for each of
 * them, bits(as of as_of) - bits(as of the end of time). The result is
 * therefore identical to a scan of every row with kpi_snap_row_bits. A query
 * with a procedure filter, another supplement rule, or moments that are not
 * day boundaries (from at 00:00:00, to at 23:59:59) is answered by a scan,
 * as is one whose affected suffix is more than half of the rows.
 *
 * Pure: no I/O, no globals. Errors: ERR_NOMEM. */
#ifndef CCHC_KPI_AGG_H
#define CCHC_KPI_AGG_H

#include "domain/kpi_snap.h"

/* as_of "at the end of time", as a dtime_t later than any row time. */
#define KPI_AS_OF_END (KPI_EPOCH + ((dtime_t)1 << 40))

/* The latest of a row's times (KPI_NONE when it has none). */
int32_t kpi_agg_row_maxtime(const kpi_row_t *r);

/* Sorts rows by (maxtime, id). ERR_NOMEM (rows unchanged). */
int kpi_agg_rows_sort(kpi_row_t *rows, size_t n, err_t *e);

/* Builds the day aggregates of n rows (sorted or not) with these procedure
 * flags (KPI_PROC_*, by procedure index) and supplement rule. *days (caller
 * frees with mem_free; NULL when *ndays is 0) gets the days in increasing
 * order. */
int kpi_agg_build(const kpi_row_t *rows, size_t n, const uint8_t *proc_flags, uint32_t nproc,
                  int max_supplements, kpi_day_t **days, size_t *ndays, err_t *e);

/* Whether kpi_agg_view_count can use the view's aggregates for q (else it
 * scans). q->proc_flags must be the flags the aggregates were built with. */
bool kpi_agg_usable(const kpi_view_t *v, const kpi_query_t *q);

/* Adds the unit's dossier counters for q to acc (aggregates + as-of
 * corrections, or a scan); equal to kpi_snap_rows_count on the same rows. */
void kpi_agg_view_count(const kpi_view_t *v, const kpi_query_t *q, kpi_counts_t *acc);

/* kpi_snap_rows_explain on the view's rows. */
int kpi_agg_view_explain(const kpi_view_t *v, const kpi_query_t *q, kpi_indicator_t ind,
                         kpi_explain_fn fn, void *ctx);

#endif
