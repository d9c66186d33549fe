/* kpi.h - the dossier, catalogue and feedback indicators of DOMAIN §4 as
 * ratios of additive counters, their values, and their JSON form.
 *
 * Counters (kpi_counts_t.c[KC_*]) are plain counts, so the counts of a unit
 * subtree are the sums of its units' counts — except the catalogue counters,
 * which count distinct procedures of a unit set and are filled by the caller
 * (app_kpi) for that set. Definitions (period [from, to], as of T; a dossier
 * "counts for rates" unless refused/withdrawn by T):
 *   received      NgayTiepNhan in the period (and <= T)
 *   resolved      processing ended (status 8, 9, 10) in the period (<= T)
 *   tthc.on_time          (early + on time) / resolved
 *   tthc.early            early / resolved
 *   tthc.satisfaction     rated 2-3 / rated, among resolved with a rating
 *   tthc.online           received for rates with channel 2 / received for rates
 *   tthc.full_online      full-online / received for rates of eligible procedures
 *   tthc.online_payment   paid online / received for rates of fee-bearing procedures
 *   tthc.digitized        digitised components / received for rates
 *   tthc.digitized_result electronic result / resolved
 *   catalog.online_service eligible procedures offered full-online / eligible
 *   catalog.online_payment fee-bearing procedures with online payment / fee-bearing
 *   catalog.published     published procedures / procedures
 *   feedback.on_time      feedback answered on time / feedback due in the period
 * Values are percentages rounded half-up to two decimals; a zero
 * denominator has no value. Pure: no I/O. */
#ifndef CCHC_KPI_H
#define CCHC_KPI_H

#include "base/buf.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

enum kpi_counter {
    KC_RECEIVED = 0,
    KC_RECEIVED_RATE, /* received, not refused/withdrawn */
    KC_ONLINE,
    KC_FULL_DEN, /* received for rates, procedure eligible for full-online */
    KC_FULL,
    KC_FEE_DEN, /* received for rates, fee-bearing procedure */
    KC_FEE_PAID,
    KC_DIGITIZED,
    KC_RESOLVED,
    KC_EARLY,
    KC_ON_TIME, /* on time but not early */
    KC_NOT_LATE,
    KC_LATE,
    KC_RATED,
    KC_SATISFIED,
    KC_E_RESULT,
    KC_OVERDUE_OPEN,  /* in progress and overdue at min(T, end of period) */
    KC_OPEN_IN_TIME,  /* in progress within time at min(T, end of period) */
    KC_DOSSIER_COUNT, /* counters above are set per dossier (kpi_snap) */
    KC_CAT_TOTAL = KC_DOSSIER_COUNT,
    KC_CAT_PUBLISHED,
    KC_CAT_ELIGIBLE,
    KC_CAT_ELIGIBLE_FULL,
    KC_CAT_FEE,
    KC_CAT_FEE_ONLINE,
    KC_FB_DUE,
    KC_FB_ON_TIME,
    KC_COUNT
};

typedef struct kpi_counts {
    int64_t c[KC_COUNT];
} kpi_counts_t;

typedef enum kpi_indicator {
    KPI_ON_TIME = 0,
    KPI_EARLY,
    KPI_SATISFACTION,
    KPI_ONLINE,
    KPI_FULL_ONLINE,
    KPI_ONLINE_PAYMENT,
    KPI_DIGITIZED,
    KPI_DIGITIZED_RESULT,
    KPI_CAT_ONLINE_SERVICE,
    KPI_CAT_ONLINE_PAYMENT,
    KPI_CAT_PUBLISHED,
    KPI_FEEDBACK_ON_TIME,
    KPI_INDICATOR_COUNT,
    /* Not listed in DOMAIN §4, used by the 766 index: (resolved not late +
     * in progress within time) / (resolved + in progress). */
    KPI_PROGRESS = KPI_INDICATOR_COUNT,
    KPI_ALL_COUNT
} kpi_indicator_t;

typedef struct kpi_def {
    const char *id; /* "tthc.on_time" */
    int num, den;   /* KC_* */
    const char *label_vi;
    const char *label_en;
} kpi_def_t;

/* Definition of an indicator (0 <= i < KPI_ALL_COUNT). */
const kpi_def_t *kpi_def(kpi_indicator_t i);
/* By id ("tthc.on_time", also "tthc.progress"); -1 when unknown. */
int kpi_find(const char *id);

void kpi_counts_add(kpi_counts_t *acc, const kpi_counts_t *x);

/* Value in hundredths of a percent (9731 = 97.31 %), rounded half up;
 * false when the denominator is 0. */
bool kpi_value_centi(int64_t num, int64_t den, int64_t *centi);
/* The ratio num/den as a double in [0, 1]; false when den is 0. */
bool kpi_ratio(const kpi_counts_t *k, kpi_indicator_t i, double *ratio);

/* Appends the JSON object of the `cchc kpi --json` contract:
 * {"unit":..,"from":..,"to":..,"as_of":..,"received":N,"resolved":N,
 *  "early":N,"on_time":N,"late":N,"overdue_open":N,
 *  "indicators":{"tthc.on_time":{"value":97.31,"num":N,"den":N},...}}
 * with the twelve DOMAIN §4 indicators in definition order, value null for
 * a zero denominator. */
int kpi_json(buf_t *out, const char *unit, date_t from, date_t to, dtime_t as_of,
             const kpi_counts_t *k);

#endif
