/* app_kpi.h - the KPI engine: indicators of DOMAIN §4 for a unit (alone or
 * with its subtree on the tree valid at a date), a period, optional
 * procedure / field filters and an as-of time, computed by scanning the
 * in-memory ledger snapshot (docs/internals/ledger.md).
 *
 * The snapshot is loaded once per app (the persisted image, or rebuilt
 * from the ledger and persisted; app_kpi_cache.c). When the ledger generation moved, the
 * dossiers journaled by single writes since (API receive / events) are
 * re-read and patched in; anything else (bulk ingest, unit import, too many
 * changes) reloads or rebuilds. Computations take a read lock and may run
 * concurrently. Authorisation: ACCESS_READ on
 * the unit (actor NULL = local operator). */
#ifndef CCHC_APP_KPI_H
#define CCHC_APP_KPI_H

#include "app/app.h"
#include "base/buf.h"
#include "domain/access.h"
#include "domain/kpi.h"
#include "domain/kpi_snap.h"

#include <stdbool.h>

typedef struct kpi_request {
    const char *unit;      /* unit code */
    bool tree;             /* with all descendants (and units merged into them) */
    date_t from, to;       /* inclusive period */
    dtime_t as_of;         /* DTIME_NONE = now */
    date_t tree_at;        /* tree date; DATE_NONE = `to` */
    const char *procedure; /* only this procedure code (NULL = all) */
    const char *field;     /* only procedures of this field, LinhVuc (NULL = all) */
    bool national;         /* app_kpi_index766: rank units of a kind across provinces */
} kpi_request_t;

/* Computes the counts of one request. */
int app_kpi_compute(app_t *a, const user_t *actor, const kpi_request_t *r, kpi_counts_t *out,
                    err_t *e);

/* One JSON object per unit valid in the period (kpi_json form), as JSON
 * lines appended to out; r->unit is ignored, r->tree applies to each. */
int app_kpi_all(app_t *a, const user_t *actor, const kpi_request_t *r, buf_t *out, err_t *e);

/* Calls fn with the counts of every unit valid in the period (r->unit is
 * ignored; r->tree applies to each), in registry order; borrowed values. */
typedef int (*app_kpi_unit_fn)(void *ctx, const char *unit, dtime_t as_of, const kpi_counts_t *k,
                               err_t *e);
int app_kpi_units(app_t *a, const user_t *actor, const kpi_request_t *r, app_kpi_unit_fn fn,
                  void *ctx, err_t *e);

/* Visits every dossier row of the request's unit set (the unit, with its
 * subtree when r->tree), unit by unit, under the snapshot's read lock: fn
 * gets the row, the query of the request (period, as-of moment, procedure
 * flags and filter, supplement rule: what kpi_snap_row_bits needs) and the
 * field (LinhVuc) of the row's procedure ("" when unknown). For tables the
 * day aggregates cannot give (reports: counts per field, carried over). */
typedef void (*app_kpi_row_fn)(void *ctx, const kpi_row_t *row, const kpi_query_t *q,
                               const char *field);
int app_kpi_scan(app_t *a, const user_t *actor, const kpi_request_t *r, app_kpi_row_fn fn,
                 void *ctx, err_t *e);

/* The 766 service-quality index of every unit valid in the period, ranked
 * among the units of the same kind in the same province on the tree at the
 * period's tree date (domain/rank.h; across provinces when r->national), as
 * one JSON object appended to out:
 * {"period":{"from","to"},"as_of","national","rules":{"version","source"},
 *  "units":[{"unit","kind","province","rank","of","total",
 *            "groups":{"transparency":..,...},
 *            "no_data":[{"group","indicator","rule":"full"|"zero"}]}]}
 * ordered by province, kind and rank. A unit without any dossier in the
 * period has "rank","of","total","groups" null ("chưa có dữ liệu") and comes
 * last of its group; "no_data" lists the items scored by their no-data rule.
 * Rules from DATA_DIR/indices/766.json. */
int app_kpi_index766(app_t *a, const user_t *actor, const kpi_request_t *r, buf_t *out, err_t *e);

/* Lists the dossiers behind an indicator: a JSON object {"unit","indicator",
 * "value","num","den","dossiers":[{"code","in_numerator","class",
 * "received","due","ended"}...]} appended to out. */
int app_kpi_explain(app_t *a, const user_t *actor, const kpi_request_t *r, const char *indicator,
                    buf_t *out, err_t *e);

/* As app_kpi_explain, listing only the dossiers [offset, offset + limit) of
 * the scan order (the others are counted, not looked up): the object also
 * has "total" (all dossiers behind the figure) and "offset". Feedback and
 * catalogue indicators list their items whole (no "total"). */
int app_kpi_explain_page(app_t *a, const user_t *actor, const kpi_request_t *r,
                         const char *indicator, size_t offset, size_t limit, buf_t *out, err_t *e);

/* Drops the app's cached snapshot: the next computation maps the persisted
 * image or rebuilds (what a fresh process does). */
void app_kpi_drop(app_t *a);

/* How many times the app's snapshot was refreshed by patching the dossiers
 * journaled by single writes instead of being rebuilt (diagnostics). */
uint64_t app_kpi_patches(app_t *a);

/* Where the cached snapshot came from (diagnostics and tests). */
typedef enum app_kpi_source {
    APP_KPI_NONE = 0, /* nothing cached */
    APP_KPI_MAPPED,   /* the persisted image */
    APP_KPI_REBUILT   /* rebuilt from the dossier table */
} app_kpi_source_t;
app_kpi_source_t app_kpi_source(app_t *a, int64_t *generation);

#endif
