#include "domain/kpi_agg.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define DAY 86400

/* Counter groups (bits of kpi_snap_row_bits). */
#define RANGE_BITS(lo, hi) ((((1u << ((hi) + 1)) - 1u)) & ~((1u << (lo)) - 1u))
#define RECEIVED_MASK      RANGE_BITS(KC_RECEIVED, KC_DIGITIZED)
#define RESOLVED_MASK      RANGE_BITS(KC_RESOLVED, KC_E_RESULT)
#define OPEN_MASK          ((1u << KC_OVERDUE_OPEN) | (1u << KC_OPEN_IN_TIME))

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t day_of(int64_t t)
{
    return floor_div(t, DAY);
}

int32_t kpi_agg_row_maxtime(const kpi_row_t *r)
{
    int32_t t[] = {r->received, r->due_base,   r->due,      r->ended,
                   r->closed,   r->pause_from, r->pause_to, r->rated_at};
    int32_t m = t[0];
    for (size_t i = 1; i < sizeof t / sizeof t[0]; i++)
        if (t[i] > m)
            m = t[i];
    return m;
}

typedef struct sort_key {
    uint64_t key; /* biased maxtime << 32 | id */
    size_t at;
} sort_key_t;

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = ((const sort_key_t *)a)->key, y = ((const sort_key_t *)b)->key;
    return x < y ? -1 : x > y;
}

int kpi_agg_rows_sort(kpi_row_t *rows, size_t n, err_t *e)
{
    if (n < 2)
        return 0;
    sort_key_t *k = mem_alloc(n * sizeof *k);
    kpi_row_t *tmp = mem_alloc(n * sizeof *tmp);
    if (!k || !tmp) {
        mem_free(k);
        mem_free(tmp);
        return err_nomem(e);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t biased = (uint32_t)kpi_agg_row_maxtime(&rows[i]) ^ 0x80000000u;
        k[i].key = ((uint64_t)biased << 32) | rows[i].id;
        k[i].at = i;
    }
    qsort(k, n, sizeof *k, cmp_key);
    for (size_t i = 0; i < n; i++)
        tmp[i] = rows[k[i].at];
    memcpy(rows, tmp, n * sizeof *rows);
    mem_free(k);
    mem_free(tmp);
    return 0;
}

/* --- building ------------------------------------------------------------------ */

typedef struct builder {
    int64_t dmin, span;
    int32_t *delta; /* span x KC_DOSSIER_COUNT */
} builder_t;

static void add_bits(builder_t *b, int64_t day, uint32_t bits, int32_t sign)
{
    int32_t *d = b->delta + (size_t)(day - b->dmin) * KC_DOSSIER_COUNT;
    while (bits) {
        int k = __builtin_ctz(bits);
        d[k] += sign;
        bits &= bits - 1;
    }
}

/* Collects the days on which the row's times (and times + 1 s) fall:
 * between two consecutive such days the state at the end of the day is
 * constant. Returns how many (at most 16), sorted and unique. */
static size_t candidate_days(const kpi_row_t *r, int64_t out[16])
{
    int32_t t[] = {r->received, r->due_base,   r->due,      r->ended,
                   r->closed,   r->pause_from, r->pause_to, r->rated_at};
    size_t n = 0;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (t[i] == KPI_NONE)
            continue;
        int64_t c[2] = {day_of(t[i]), day_of((int64_t)t[i] + 1)};
        for (int j = 0; j < 2; j++) {
            size_t k = n;
            while (k > 0 && out[k - 1] > c[j])
                k--;
            if (k > 0 && out[k - 1] == c[j])
                continue;
            memmove(out + k + 1, out + k, (n - k) * sizeof *out);
            out[k] = c[j];
            n++;
        }
    }
    return n;
}

static void add_row(builder_t *b, const kpi_row_t *r, const kpi_query_t *all)
{
    dossier_class_t cls;
    int64_t end = all->as_of - KPI_EPOCH;
    uint32_t bits = kpi_snap_row_bits(r, all, &cls);
    if (bits & RECEIVED_MASK)
        add_bits(b, day_of(r->received), bits & RECEIVED_MASK, 1);
    if (bits & RESOLVED_MASK)
        add_bits(b, day_of(r->ended), bits & RESOLVED_MASK, 1);
    if (cls == DCLS_EXCLUDED || cls == DCLS_NONE)
        return;
    /* In progress at the end of day D needs day(received) <= D < day(ended). */
    if (r->ended != KPI_NONE && day_of(r->ended) <= day_of(r->received))
        return;
    int64_t days[16];
    size_t n = candidate_days(r, days);
    uint32_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t s =
            kpi_snap_row_open_bits(r, days[i] * DAY + DAY - 1, end, cls, all->max_supplements);
        if (s == prev)
            continue;
        add_bits(b, days[i], prev, -1);
        add_bits(b, days[i], s, 1);
        prev = s;
    }
}

static void span_of(const kpi_row_t *rows, size_t n, int64_t *lo, int64_t *hi)
{
    *lo = INT64_MAX;
    *hi = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        const kpi_row_t *r = &rows[i];
        int32_t t[] = {r->received, r->due_base,   r->due,      r->ended,
                       r->closed,   r->pause_from, r->pause_to, r->rated_at};
        for (size_t j = 0; j < sizeof t / sizeof t[0]; j++) {
            if (t[j] == KPI_NONE)
                continue;
            int64_t d = day_of(t[j]);
            if (d < *lo)
                *lo = d;
            if (d + 1 > *hi)
                *hi = d + 1;
        }
    }
}

int kpi_agg_build(const kpi_row_t *rows, size_t n, const uint8_t *proc_flags, uint32_t nproc,
                  int max_supplements, kpi_day_t **days, size_t *ndays, err_t *e)
{
    *days = NULL;
    *ndays = 0;
    int64_t lo, hi;
    span_of(rows, n, &lo, &hi);
    if (lo > hi)
        return 0;
    builder_t b = {lo, hi - lo + 1, NULL};
    b.delta = mem_calloc((size_t)b.span * KC_DOSSIER_COUNT, sizeof *b.delta);
    if (!b.delta)
        return err_nomem(e);
    kpi_query_t all = {
        KPI_EPOCH + INT32_MIN, KPI_EPOCH + INT32_MAX, KPI_AS_OF_END, proc_flags, NULL, nproc,
        max_supplements};
    for (size_t i = 0; i < n; i++)
        add_row(&b, &rows[i], &all);
    size_t count = 0;
    for (int64_t d = 0; d < b.span; d++) {
        const int32_t *x = b.delta + (size_t)d * KC_DOSSIER_COUNT;
        for (int k = 0; k < KC_DOSSIER_COUNT; k++)
            if (x[k]) {
                count++;
                break;
            }
    }
    kpi_day_t *out = count ? mem_alloc(count * sizeof *out) : NULL;
    if (count && !out) {
        mem_free(b.delta);
        return err_nomem(e);
    }
    int32_t run[KC_DOSSIER_COUNT] = {0};
    size_t j = 0;
    for (int64_t d = 0; d < b.span; d++) {
        const int32_t *x = b.delta + (size_t)d * KC_DOSSIER_COUNT;
        bool any = false;
        for (int k = 0; k < KC_DOSSIER_COUNT; k++) {
            run[k] += x[k];
            any = any || x[k];
        }
        if (!any)
            continue;
        out[j].day = (int32_t)(lo + d);
        memcpy(out[j].cum, run, sizeof run);
        j++;
    }
    mem_free(b.delta);
    *days = out;
    *ndays = count;
    return 0;
}

/* --- counting ---------------------------------------------------------------------- */

/* Cumulative counters through day d (zeros before the first day). */
static const int32_t *cum_at(const kpi_view_t *v, int64_t d)
{
    static const int32_t zero[KC_DOSSIER_COUNT];
    size_t lo = 0, hi = v->ndays; /* first entry with day > d */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->days[mid].day <= d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? v->days[lo - 1].cum : zero;
}

bool kpi_agg_usable(const kpi_view_t *v, const kpi_query_t *q)
{
    if (!v->has_days || q->proc_select || q->max_supplements != v->max_supplements)
        return false;
    int64_t from = q->from - KPI_EPOCH, to = q->to - KPI_EPOCH;
    return from - day_of(from) * DAY == 0 && to - day_of(to) * DAY == DAY - 1;
}

/* Index of the first row whose maxtime is >= t (rows sorted by maxtime). */
static size_t first_affected(const kpi_view_t *v, int64_t t)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kpi_agg_row_maxtime(&v->rows[mid]) < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void kpi_agg_view_count(const kpi_view_t *v, const kpi_query_t *q, kpi_counts_t *acc)
{
    if (!kpi_agg_usable(v, q)) {
        kpi_snap_rows_count(v->rows, v->n, q, acc);
        return;
    }
    size_t first = first_affected(v, q->as_of - KPI_EPOCH);
    if (v->n - first > v->n / 2) {
        kpi_snap_rows_count(v->rows, v->n, q, acc);
        return;
    }
    int64_t fd = day_of(q->from - KPI_EPOCH), td = day_of(q->to - KPI_EPOCH);
    const int32_t *hi = cum_at(v, td), *lo = cum_at(v, fd - 1);
    for (int k = 0; k < KC_DOSSIER_COUNT; k++) {
        uint32_t bit = 1u << k;
        if (bit & OPEN_MASK)
            acc->c[k] += hi[k];
        else if (fd <= td)
            acc->c[k] += (int64_t)hi[k] - lo[k];
    }
    kpi_query_t end = *q;
    end.as_of = KPI_AS_OF_END;
    int64_t diff[KC_DOSSIER_COUNT] = {0};
    for (size_t i = first; i < v->n; i++) {
        uint32_t now = kpi_snap_row_bits(&v->rows[i], q, NULL);
        uint32_t fin = kpi_snap_row_bits(&v->rows[i], &end, NULL);
        for (uint32_t b = now & ~fin; b; b &= b - 1)
            diff[__builtin_ctz(b)]++;
        for (uint32_t b = fin & ~now; b; b &= b - 1)
            diff[__builtin_ctz(b)]--;
    }
    for (int k = 0; k < KC_DOSSIER_COUNT; k++)
        acc->c[k] += diff[k];
}

int kpi_agg_view_explain(const kpi_view_t *v, const kpi_query_t *q, kpi_indicator_t ind,
                         kpi_explain_fn fn, void *ctx)
{
    return kpi_snap_rows_explain(v->rows, v->n, q, ind, fn, ctx);
}
