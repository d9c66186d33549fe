#include "domain/kpi_snap.h"

#include "base/mem.h"
#include "domain/kpi_agg.h"

#include <string.h>

#include "base/banned.h"

typedef struct unit_rows {
    kpi_row_t *rows;
    size_t n, cap;
    kpi_day_t *days; /* with has_days: built by kpi_snap_finalize_unit */
    size_t ndays;
    bool has_days;
    int max_supplements;
} unit_rows_t;

struct kpi_snap {
    unit_rows_t *units;
    uint32_t nunits;
    size_t unitcap;
    uint64_t *where; /* by id: (unit + 1) << 32 | position; 0 = absent */
    size_t nwhere;
    size_t total;
};

kpi_snap_t *kpi_snap_new(err_t *e)
{
    kpi_snap_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        err_nomem(e);
    return s;
}

void kpi_snap_free(kpi_snap_t *s)
{
    if (!s)
        return;
    for (uint32_t i = 0; i < s->nunits; i++) {
        mem_free(s->units[i].rows);
        mem_free(s->units[i].days);
    }
    mem_free(s->units);
    mem_free(s->where);
    mem_free(s);
}

int kpi_snap_time(dtime_t t, int32_t *out, err_t *e)
{
    if (t == DTIME_NONE) {
        *out = KPI_NONE;
        return 0;
    }
    int64_t v = t - KPI_EPOCH;
    if (v <= INT32_MIN || v > INT32_MAX)
        return err_set(e, ERR_RANGE, "kpi.time_range",
                       "thời điểm nằm ngoài phạm vi hỗ trợ (1932-2068)",
                       "time outside the supported range (1932-2068)");
    *out = (int32_t)v;
    return 0;
}

dtime_t kpi_snap_dtime(int32_t t)
{
    return t == KPI_NONE ? DTIME_NONE : (dtime_t)t + KPI_EPOCH;
}

int kpi_snap_row_make(uint32_t id, uint32_t proc, const dossier_t *d, kpi_row_t *k, err_t *e)
{
    memset(k, 0, sizeof *k);
    k->id = id;
    k->proc = proc;
    int rc = kpi_snap_time(d->received, &k->received, e);
    if (!rc)
        rc = kpi_snap_time(d->due_base, &k->due_base, e);
    if (!rc)
        rc = kpi_snap_time(d->due, &k->due, e);
    if (!rc)
        rc = kpi_snap_time(d->ended, &k->ended, e);
    if (!rc)
        rc = kpi_snap_time(d->closed, &k->closed, e);
    if (!rc)
        rc = kpi_snap_time(d->supp_requested, &k->pause_from, e);
    if (!rc)
        rc = kpi_snap_time(d->supp_supplied, &k->pause_to, e);
    if (!rc)
        rc = kpi_snap_time(d->rated_at, &k->rated_at, e);
    k->status = (uint8_t)d->status;
    k->channel = (uint8_t)d->channel;
    k->rating = (uint8_t)d->rating;
    k->supplements = (uint8_t)(d->supplements > 255 ? 255 : d->supplements);
    k->flags = (uint8_t)d->flags;
    return rc;
}

static int ensure_unit(kpi_snap_t *s, uint32_t unit, err_t *e)
{
    if (unit < s->nunits)
        return 0;
    if (MEM_GROW(s->units, s->unitcap, (size_t)unit + 1))
        return err_nomem(e);
    memset(&s->units[s->nunits], 0, (unit + 1 - s->nunits) * sizeof *s->units);
    s->nunits = unit + 1;
    return 0;
}

static int reserve(unit_rows_t *u, size_t need, err_t *e)
{
    return MEM_GROW(u->rows, u->cap, need) ? err_nomem(e) : 0;
}

int kpi_snap_reserve(kpi_snap_t *s, uint32_t unit, size_t n, err_t *e)
{
    int rc = ensure_unit(s, unit, e);
    return rc ? rc : reserve(&s->units[unit], s->units[unit].n + n, e);
}

static int ensure_where(kpi_snap_t *s, uint32_t id, err_t *e)
{
    return MEM_GROW_ZERO(s->where, s->nwhere, (size_t)id + 1) ? err_nomem(e) : 0;
}

/* Removes the row at (unit, pos) by moving the unit's last row into it. */
static void remove_at(kpi_snap_t *s, uint32_t unit, size_t pos)
{
    unit_rows_t *u = &s->units[unit];
    size_t last = u->n - 1;
    if (pos != last) {
        u->rows[pos] = u->rows[last];
        s->where[u->rows[pos].id] = ((uint64_t)(unit + 1) << 32) | pos;
    }
    u->n--;
    s->total--;
}

/* A write to a finalized unit: its order and aggregates no longer hold. */
static void unfinalize(unit_rows_t *u)
{
    mem_free(u->days);
    u->days = NULL;
    u->ndays = 0;
    u->has_days = false;
}

int kpi_snap_put(kpi_snap_t *s, uint32_t unit, const kpi_row_t *row, err_t *e)
{
    int rc = ensure_unit(s, unit, e);
    if (!rc)
        rc = ensure_where(s, row->id, e);
    if (rc)
        return rc;
    unfinalize(&s->units[unit]);
    uint64_t w = s->where[row->id];
    if (w) {
        uint32_t old = (uint32_t)(w >> 32) - 1;
        size_t pos = (size_t)(w & 0xffffffffu);
        if (old == unit) {
            s->units[unit].rows[pos] = *row;
            return 0;
        }
        rc = reserve(&s->units[unit], s->units[unit].n + 1, e);
        if (rc)
            return rc;
        unfinalize(&s->units[old]);
        remove_at(s, old, pos);
    } else {
        rc = reserve(&s->units[unit], s->units[unit].n + 1, e);
        if (rc)
            return rc;
    }
    unit_rows_t *u = &s->units[unit];
    u->rows[u->n] = *row;
    s->where[row->id] = ((uint64_t)(unit + 1) << 32) | u->n;
    u->n++;
    s->total++;
    return 0;
}

size_t kpi_snap_rows(const kpi_snap_t *s)
{
    return s->total;
}

uint32_t kpi_snap_units(const kpi_snap_t *s)
{
    return s->nunits;
}

size_t kpi_snap_unit_rows(const kpi_snap_t *s, uint32_t unit)
{
    return unit < s->nunits ? s->units[unit].n : 0;
}

size_t kpi_snap_bytes(const kpi_snap_t *s)
{
    size_t b = sizeof *s + s->unitcap * sizeof *s->units + s->nwhere * sizeof *s->where;
    for (uint32_t i = 0; i < s->nunits; i++)
        b += s->units[i].cap * sizeof(kpi_row_t) + s->units[i].ndays * sizeof(kpi_day_t);
    return b;
}

const kpi_row_t *kpi_snap_get(const kpi_snap_t *s, uint32_t id, uint32_t *unit)
{
    if (id >= s->nwhere || !s->where[id])
        return NULL;
    uint32_t u = (uint32_t)(s->where[id] >> 32) - 1;
    if (unit)
        *unit = u;
    return &s->units[u].rows[s->where[id] & 0xffffffffu];
}

#define BIT(k) (1u << (k))

uint32_t kpi_snap_row_open_bits(const kpi_row_t *r, int64_t eval, int64_t as_of,
                                dossier_class_t cls, int max_supplements)
{
    /* In progress at the evaluation moment min(as_of, end of period). */
    if (r->received > eval || cls == DCLS_EXCLUDED || cls == DCLS_NONE ||
        (r->ended != KPI_NONE && r->ended <= eval))
        return 0;
    dossier_class_t at_eval =
        eval == as_of ? cls
                      : dossier_class_of_core(eval, KPI_NONE, r->status, r->supplements,
                                              r->received, r->closed, r->ended, r->due_base, r->due,
                                              r->pause_from, r->pause_to, max_supplements);
    if (at_eval == DCLS_OVERDUE)
        return BIT(KC_OVERDUE_OPEN);
    if (at_eval == DCLS_OPEN)
        return BIT(KC_OPEN_IN_TIME);
    return 0;
}

uint32_t kpi_snap_row_bits(const kpi_row_t *r, const kpi_query_t *q, dossier_class_t *cls_out)
{
    /* Moments relative to the epoch, in int64 so comparisons with the
     * int32 row times stay exact whatever the query moments. */
    int64_t from = q->from - KPI_EPOCH, to = q->to - KPI_EPOCH, as_of = q->as_of - KPI_EPOCH;
    int64_t eval = as_of < to ? as_of : to;
    uint32_t bits = 0;
    dossier_class_t cls = dossier_class_of_core(
        as_of, KPI_NONE, r->status, r->supplements, r->received, r->closed, r->ended, r->due_base,
        r->due, r->pause_from, r->pause_to, q->max_supplements);
    if (cls_out)
        *cls_out = cls;
    if (cls == DCLS_NONE)
        return 0;
    uint8_t pf = q->proc_flags && r->proc < q->nproc ? q->proc_flags[r->proc] : 0;
    if (r->received >= from && r->received <= to) {
        bits |= BIT(KC_RECEIVED);
        if (cls != DCLS_EXCLUDED) {
            bits |= BIT(KC_RECEIVED_RATE);
            if (r->channel == DCH_ONLINE)
                bits |= BIT(KC_ONLINE);
            if (pf & KPI_PROC_ELIGIBLE) {
                bits |= BIT(KC_FULL_DEN);
                if (r->flags & DFLAG_FULL_ONLINE)
                    bits |= BIT(KC_FULL);
            }
            if (pf & KPI_PROC_FEE) {
                bits |= BIT(KC_FEE_DEN);
                if (r->flags & DFLAG_PAID_ONLINE)
                    bits |= BIT(KC_FEE_PAID);
            }
            if (r->flags & DFLAG_DIGITIZED)
                bits |= BIT(KC_DIGITIZED);
        }
    }
    if (cls == DCLS_EARLY || cls == DCLS_ON_TIME || cls == DCLS_LATE) {
        if (r->ended >= from && r->ended <= to) {
            bits |= BIT(KC_RESOLVED);
            bits |= cls == DCLS_EARLY     ? BIT(KC_EARLY) | BIT(KC_NOT_LATE)
                    : cls == DCLS_ON_TIME ? BIT(KC_ON_TIME) | BIT(KC_NOT_LATE)
                                          : BIT(KC_LATE);
            if (r->rating && r->rated_at != KPI_NONE && r->rated_at <= as_of) {
                bits |= BIT(KC_RATED);
                if (r->rating >= DRATING_SATISFIED)
                    bits |= BIT(KC_SATISFIED);
            }
            if (r->flags & DFLAG_E_RESULT)
                bits |= BIT(KC_E_RESULT);
        }
    }
    return bits | kpi_snap_row_open_bits(r, eval, as_of, cls, q->max_supplements);
}

static bool selected(const kpi_row_t *r, const kpi_query_t *q)
{
    return !q->proc_select || (r->proc < q->nproc && q->proc_select[r->proc]);
}

void kpi_snap_rows_count(const kpi_row_t *rows, size_t n, const kpi_query_t *q, kpi_counts_t *acc)
{
    uint32_t hist[KC_DOSSIER_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        const kpi_row_t *r = &rows[i];
        if (!selected(r, q))
            continue;
        uint32_t bits = kpi_snap_row_bits(r, q, NULL);
        while (bits) {
            int k = __builtin_ctz(bits);
            hist[k]++;
            bits &= bits - 1;
        }
    }
    for (int k = 0; k < KC_DOSSIER_COUNT; k++)
        acc->c[k] += hist[k];
}

int kpi_snap_rows_explain(const kpi_row_t *rows, size_t n, const kpi_query_t *q,
                          kpi_indicator_t ind, kpi_explain_fn fn, void *ctx)
{
    const kpi_def_t *d = kpi_def(ind);
    if (!d)
        return 0;
    uint32_t num = BIT(d->num), den = BIT(d->den);
    if (ind == KPI_PROGRESS) {
        num = BIT(KC_NOT_LATE) | BIT(KC_OPEN_IN_TIME);
        den = BIT(KC_RESOLVED) | BIT(KC_OPEN_IN_TIME) | BIT(KC_OVERDUE_OPEN);
    }
    for (size_t i = 0; i < n; i++) {
        const kpi_row_t *r = &rows[i];
        if (!selected(r, q))
            continue;
        dossier_class_t cls;
        uint32_t bits = kpi_snap_row_bits(r, q, &cls);
        if (!(bits & den))
            continue;
        int rc = fn(ctx, r, (bits & num) != 0, cls);
        if (rc)
            return rc;
    }
    return 0;
}

void kpi_snap_count(const kpi_snap_t *s, uint32_t unit, const kpi_query_t *q, kpi_counts_t *acc)
{
    if (unit < s->nunits)
        kpi_snap_rows_count(s->units[unit].rows, s->units[unit].n, q, acc);
}

int kpi_snap_explain(const kpi_snap_t *s, uint32_t unit, const kpi_query_t *q, kpi_indicator_t ind,
                     kpi_explain_fn fn, void *ctx)
{
    if (unit >= s->nunits)
        return 0;
    return kpi_snap_rows_explain(s->units[unit].rows, s->units[unit].n, q, ind, fn, ctx);
}

int kpi_snap_finalize_unit(kpi_snap_t *s, uint32_t unit, const uint8_t *proc_flags, uint32_t nproc,
                           int max_supplements, err_t *e)
{
    if (unit >= s->nunits)
        return 0;
    unit_rows_t *u = &s->units[unit];
    unfinalize(u);
    int rc = kpi_agg_rows_sort(u->rows, u->n, e);
    if (!rc)
        rc = kpi_agg_build(u->rows, u->n, proc_flags, nproc, max_supplements, &u->days, &u->ndays,
                           e);
    if (rc)
        return rc;
    for (size_t i = 0; i < u->n; i++)
        s->where[u->rows[i].id] = ((uint64_t)(unit + 1) << 32) | i;
    u->has_days = true;
    u->max_supplements = max_supplements;
    return 0;
}

void kpi_snap_view(const kpi_snap_t *s, uint32_t unit, kpi_view_t *v)
{
    memset(v, 0, sizeof *v);
    if (unit >= s->nunits)
        return;
    const unit_rows_t *u = &s->units[unit];
    v->rows = u->rows;
    v->n = u->n;
    v->days = u->days;
    v->ndays = u->ndays;
    v->has_days = u->has_days;
    v->max_supplements = u->max_supplements;
}
