/* kpi_snap.h - the in-memory columnar snapshot of the dossier ledger that
 * the KPI engine scans (docs/internals/ledger.md).
 *
 * One compact row (kpi_row_t, 48 bytes) per dossier, grouped by unit: a
 * unit's rows are one contiguous array, so a unit subtree is the union of
 * its units' arrays. Times are int32 seconds since KPI_EPOCH (2000-01-01
 * 00:00 local; range 1932..2068), KPI_NONE when absent. Rows are keyed by
 * the dossier's database id: kpi_snap_put adds or replaces (moving the row
 * when its unit changed), so the snapshot can be refreshed incrementally.
 *
 * kpi_snap_finalize_unit sorts a unit's rows by (kpi_agg_row_maxtime, id) and
 * builds its day aggregates (kpi_agg.h); kpi_snap_view then gives the unit
 * as a kpi_view_t, the read-only form every query runs on (a persisted
 * snapshot image gives the same views, kpi_image.h). A put into a
 * finalized unit drops its aggregates (the unit must be finalized again).
 *
 * Threads: building, refreshing and finalizing are writes (exclusive;
 * finalizing different units concurrently is allowed); scans are read-only
 * and may run concurrently. Pure: no I/O. Errors: ERR_NOMEM, ERR_RANGE
 * "kpi.time_range" for a time outside the int32 range. */
#ifndef CCHC_KPI_SNAP_H
#define CCHC_KPI_SNAP_H

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "domain/dossier_class.h"
#include "domain/kpi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KPI_EPOCH ((dtime_t)946684800) /* 2000-01-01T00:00 local, as dtime_t */
#define KPI_NONE  INT32_MIN

typedef struct kpi_row {
    uint32_t id;   /* dossier id in the database */
    uint32_t proc; /* procedure index (caller's numbering) */
    int32_t received, due_base, due, ended, closed, pause_from, pause_to, rated_at;
    uint8_t status, channel, rating, supplements;
    uint8_t flags; /* DFLAG_* */
    uint8_t pad[3];
} kpi_row_t;

/* Procedure attributes used by the scan (per procedure index). */
enum { KPI_PROC_FEE = 1, KPI_PROC_ELIGIBLE = 2 };

typedef struct kpi_query {
    dtime_t from, to; /* inclusive moments: [from 00:00, to 23:59:59] */
    dtime_t as_of;
    const uint8_t *proc_flags;  /* per procedure index: KPI_PROC_*; may be NULL */
    const uint8_t *proc_select; /* per procedure index: nonzero = included; NULL = all */
    uint32_t nproc;             /* length of the two arrays */
    int max_supplements;        /* dossier_rules_t.max_supplements */
} kpi_query_t;

/* A unit's rows as queries see them: rows sorted by (kpi_agg_row_maxtime, id)
 * when has_days, with the day aggregates built from them for the rule
 * max_supplements (kpi_agg.h); borrowed from a snapshot or an image. */
typedef struct kpi_day {
    int32_t day;                   /* days since KPI_EPOCH's day */
    int32_t cum[KC_DOSSIER_COUNT]; /* cumulative counters through `day` */
} kpi_day_t;

typedef struct kpi_view {
    const kpi_row_t *rows;
    size_t n;
    const kpi_day_t *days;
    size_t ndays;
    bool has_days;       /* rows sorted and days built */
    int max_supplements; /* the rule the days were built with */
} kpi_view_t;

typedef struct kpi_snap kpi_snap_t;

kpi_snap_t *kpi_snap_new(err_t *e);
void kpi_snap_free(kpi_snap_t *s);

/* Converts a dtime_t to the row's int32 form (DTIME_NONE -> KPI_NONE). */
int kpi_snap_time(dtime_t t, int32_t *out, err_t *e);
dtime_t kpi_snap_dtime(int32_t t);

/* The row of dossier d (state with due times computed) stored as id, of
 * procedure index proc: the one conversion used by every path that makes
 * rows. ERR_RANGE "kpi.time_range" when a time is not representable. */
int kpi_snap_row_make(uint32_t id, uint32_t proc, const dossier_t *d, kpi_row_t *out, err_t *e);

/* Adds or replaces (by row->id) the row of a dossier of unit `unit` (a
 * caller-assigned unit index; the snapshot grows to hold it). */
int kpi_snap_put(kpi_snap_t *s, uint32_t unit, const kpi_row_t *row, err_t *e);
/* Reserves room for n rows in unit (optional, speeds up bulk loads). */
int kpi_snap_reserve(kpi_snap_t *s, uint32_t unit, size_t n, err_t *e);

size_t kpi_snap_rows(const kpi_snap_t *s);    /* total */
uint32_t kpi_snap_units(const kpi_snap_t *s); /* highest unit index + 1 */
size_t kpi_snap_unit_rows(const kpi_snap_t *s, uint32_t unit);
/* Bytes held (for memory reports). */
size_t kpi_snap_bytes(const kpi_snap_t *s);
/* The row of a dossier id, or NULL (borrowed until the next write). */
const kpi_row_t *kpi_snap_get(const kpi_snap_t *s, uint32_t id, uint32_t *unit);

/* Adds the dossier counters (KC_* below KC_DOSSIER_COUNT) of one unit's
 * rows to acc, by a scan. */
void kpi_snap_count(const kpi_snap_t *s, uint32_t unit, const kpi_query_t *q, kpi_counts_t *acc);

/* Sorts the unit's rows and builds its day aggregates with these procedure
 * flags and rule (kpi_agg_build). */
int kpi_snap_finalize_unit(kpi_snap_t *s, uint32_t unit, const uint8_t *proc_flags, uint32_t nproc,
                           int max_supplements, err_t *e);
/* The unit as a view (borrowed until the next write); an unknown unit is
 * an empty view. */
void kpi_snap_view(const kpi_snap_t *s, uint32_t unit, kpi_view_t *v);

/* Calls fn for each dossier of the unit in the denominator of indicator
 * `ind` (a dossier indicator), saying whether it is in the numerator. */
typedef int (*kpi_explain_fn)(void *ctx, const kpi_row_t *row, bool in_num, dossier_class_t cls);
int kpi_snap_explain(const kpi_snap_t *s, uint32_t unit, const kpi_query_t *q, kpi_indicator_t ind,
                     kpi_explain_fn fn, void *ctx);

/* The counters one row contributes to (bit KC_x set), and its class, as of
 * q->as_of. Exposed for tests and the ledger's own checks. */
uint32_t kpi_snap_row_bits(const kpi_row_t *r, const kpi_query_t *q, dossier_class_t *cls);

/* The in-progress bits (KC_OVERDUE_OPEN / KC_OPEN_IN_TIME) of a row at the
 * evaluation moment eval (seconds since KPI_EPOCH), given its class `cls`
 * as of the query's as_of: the part of kpi_snap_row_bits that depends on eval. */
uint32_t kpi_snap_row_open_bits(const kpi_row_t *r, int64_t eval, int64_t as_of,
                                dossier_class_t cls, int max_supplements);

/* Scan helpers on a plain array of rows (what kpi_snap_count and
 * kpi_snap_explain do on one unit). */
void kpi_snap_rows_count(const kpi_row_t *rows, size_t n, const kpi_query_t *q, kpi_counts_t *acc);
int kpi_snap_rows_explain(const kpi_row_t *rows, size_t n, const kpi_query_t *q,
                          kpi_indicator_t ind, kpi_explain_fn fn, void *ctx);

#endif
