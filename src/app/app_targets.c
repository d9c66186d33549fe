/* app_targets.c - plan targets measured per unit (app_targets.h). */
#include "app/app_targets.h"

#include "app/app_kpi.h"
#include "app/evidence.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/kpi.h"
#include "domain/target_status.h"
#include "store/store_evidence.h"
#include "store/store_target.h"
#include "store/store_unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct tctx {
    app_t *a;
    const user_t *actor;
    store_t *s;
    const unit_set_t *units;
    const char *unit; /* measured unit ("" = none) */
    int year;
    date_t from, to;
    bool year_open, trend, only_computed;
    bool counted;
    int kpi_status; /* 0, or the error of the KPI computation */
    kpi_counts_t total, months[12];
    size_t nmonths;
    json_t *items;
    long sum[TARGET_STATUS_COUNT];
} tctx_t;

static int set_date(json_t *o, const char *k, date_t d)
{
    if (d == DATE_NONE)
        return json_object_set_new(o, k, json_null());
    char s[DATE_ISO_LEN];
    date_format(d, s);
    return jsonx_set_str(o, k, s);
}

static int set_num(json_t *o, const char *k, bool has, double v)
{
    return json_object_set_new(o, k, has ? json_real(round(v * 100.0) / 100.0) : json_null());
}

/* The period measured for a plan year: 1 January to today (clamped). */
static void period_of(int year, date_t today, date_t *from, date_t *to, bool *open)
{
    *from = date_from_ymd(year, 1, 1);
    date_t end = date_from_ymd(year, 12, 31);
    *open = today < end;
    *to = today < end ? today : end;
}

static int count(tctx_t *c, date_t from, date_t to, kpi_counts_t *out, err_t *e)
{
    kpi_request_t r = {.unit = c->unit,
                       .tree = true,
                       .from = from,
                       .to = to,
                       .as_of = DTIME_NONE,
                       .tree_at = DATE_NONE};
    return app_kpi_compute(c->a, c->actor, &r, out, e);
}

/* Counts of the year and of each month so far, once per unit. */
static int ensure_counts(tctx_t *c, err_t *e)
{
    if (c->counted)
        return c->kpi_status;
    c->counted = true;
    memset(&c->total, 0, sizeof c->total);
    c->nmonths = 0;
    if (!*c->unit || c->to < c->from)
        return c->kpi_status = ERR_NOTFOUND;
    err_t ke;
    int rc = count(c, c->from, c->to, &c->total, &ke);
    if (rc == ERR_FORBIDDEN) {
        *e = ke;
        return c->kpi_status = rc;
    }
    if (rc)
        return c->kpi_status = rc; /* unknown unit, no ledger: no data */
    if (!c->trend)
        return 0;
    int last = 12;
    int y, m, d;
    date_to_ymd(c->to, &y, &m, &d);
    if (y == c->year)
        last = m;
    for (int i = 1; i <= last; i++) {
        date_t mf = date_from_ymd(c->year, i, 1);
        date_t mt = date_from_ymd(c->year, i, date_days_in_month(c->year, i));
        if (mt > c->to)
            mt = c->to;
        if (count(c, mf, mt, &c->months[i - 1], &ke))
            memset(&c->months[i - 1], 0, sizeof c->months[i - 1]);
        c->nmonths = (size_t)i;
    }
    return 0;
}

static json_t *trend_json(const tctx_t *c, const kpi_def_t *def, target_status_month_t *series)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < c->nmonths; i++) {
        int64_t num = c->months[i].c[def->num], den = c->months[i].c[def->den];
        series[i] = (target_status_month_t){(double)num, (double)den};
        json_t *o = json_object();
        char month[16];
        snprintf(month, sizeof month, "%04d-%02d", c->year % 10000, (int)(i + 1) % 100);
        if (!o || jsonx_set_str(o, "month", month) ||
            set_num(o, "value", den > 0, 100.0 * (double)num / (double)(den ? den : 1)) ||
            jsonx_set_int(o, "num", num) || jsonx_set_int(o, "den", den) ||
            json_array_append_new(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *explain_url(const tctx_t *c, const char *indicator)
{
    char from[DATE_ISO_LEN], to[DATE_ISO_LEN], url[256];
    date_format(c->from, from);
    date_format(c->to, to);
    snprintf(url, sizeof url, "/api/v1/kpi/explain?unit=%s&tree=1&from=%s&to=%s&indicator=%s",
             c->unit, from, to, indicator);
    return json_string(url);
}

/* The measurement of a computed target; sets *has and *value. */
static json_t *computed_measure(tctx_t *c, const kpi_def_t *def, const char *indicator, bool *has,
                                double *value)
{
    int64_t num = c->total.c[def->num], den = c->total.c[def->den];
    *has = den > 0;
    *value = den > 0 ? round(10000.0 * (double)num / (double)den) / 100.0 : 0;
    json_t *m = json_object();
    if (!m)
        return NULL;
    int rc = set_num(m, "value", *has, *value);
    rc |= jsonx_set_int(m, "num", num);
    rc |= jsonx_set_int(m, "den", den);
    rc |= jsonx_set_str(m, "source", "kpi");
    rc |= jsonx_set_new(m, "explain", explain_url(c, indicator));
    if (rc) {
        json_decref(m);
        return NULL;
    }
    return m;
}

static int manual_measure(tctx_t *c, const store_target_row_t *r, json_t **out, bool *has,
                          double *value, err_t *e)
{
    *out = json_null();
    *has = false;
    if (!*c->unit)
        return 0;
    char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
    date_format(c->from, from);
    date_format(date_from_ymd(c->year, 12, 31), to);
    store_measurement_t m;
    bool found = false;
    int rc = store_target_measurement(c->s, r->id, c->unit, from, to, &m, &found, e);
    if (rc || !found)
        return rc;
    *has = true;
    *value = m.value;
    json_t *o = json_object();
    if (!o)
        return err_nomem(e);
    int x = set_num(o, "value", true, m.value);
    x |= jsonx_set_str(o, "source", "manual");
    x |= jsonx_set_str(o, "period", m.period);
    x |= jsonx_set_str(o, "at", m.at);
    x |= jsonx_set_str(o, "author", m.author);
    x |= jsonx_set_str(o, "note", m.note[0] ? m.note : NULL);
    x |= jsonx_set_new(o, "evidence", evidence_ids_json(c->s, m.evidence));
    if (x) {
        json_decref(o);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}

static int on_target(void *ctx, const store_target_row_t *r, err_t *e)
{
    tctx_t *c = ctx;
    int ki = kpi_find(r->indicator);
    if (c->only_computed && ki < 0)
        return 0;
    planparse_op_t op = PLANPARSE_OP_GE;
    if (planparse_op_parse(r->op, &op))
        op = PLANPARSE_OP_GE;
    json_t *o = json_object();
    if (!o)
        return err_nomem(e);
    bool has = false, has_proj = false;
    double value = 0, proj = 0;
    json_t *meas = NULL, *trend = NULL;
    int rc = 0;
    if (ki >= 0) {
        const kpi_def_t *def = kpi_def((kpi_indicator_t)ki);
        rc = ensure_counts(c, e);
        if (rc == ERR_FORBIDDEN) {
            json_decref(o);
            return rc;
        }
        rc = 0;
        if (c->kpi_status == 0) {
            meas = computed_measure(c, def, r->indicator, &has, &value);
            target_status_month_t series[12];
            if (c->trend) {
                trend = trend_json(c, def, series);
                has_proj = c->year_open && target_status_project_year(series, c->nmonths, &proj);
            }
        } else {
            meas = json_null();
        }
    } else {
        rc = manual_measure(c, r, &meas, &has, &value, e);
    }
    target_status_t st =
        target_status_status(op, r->value, r->value_max, has, value, c->year_open, has_proj, proj);
    c->sum[st]++;
    const kpi_def_t *def = ki >= 0 ? kpi_def((kpi_indicator_t)ki) : NULL;
    int x = jsonx_set_int(o, "id", r->id);
    x |= jsonx_set_int(o, "plan_id", r->plan_id);
    x |= jsonx_set_str(o, "plan_title", r->plan_title);
    x |= jsonx_set_int(o, "seq", r->seq);
    x |= jsonx_set_str(o, "area", *r->area ? r->area : NULL);
    x |= jsonx_set_str(o, "indicator", r->indicator);
    x |= jsonx_set_str(o, "indicator_label", def ? def->label_vi : NULL);
    x |= jsonx_set_bool(o, "computed", ki >= 0);
    x |= jsonx_set_str(o, "op", r->op);
    x |= json_object_set_new(o, "value", json_real(r->value));
    x |= op == PLANPARSE_OP_BETWEEN ? json_object_set_new(o, "value_max", json_real(r->value_max))
                                    : json_object_set_new(o, "value_max", json_null());
    x |= jsonx_set_str(o, "unit", r->unit);
    x |= jsonx_set_str(o, "text", r->text);
    x |= jsonx_set_new(o, "measurement", meas ? meas : json_null());
    x |= set_num(o, "projection", has_proj, proj);
    x |= jsonx_set_str(o, "status", target_status_code(st));
    x |= jsonx_set_str(o, "status_label", target_status_label_vi(st));
    x |= jsonx_set_str(o, "status_label_en", target_status_label_en(st));
    x |= jsonx_set_new(o, "trend", trend ? trend : json_array());
    if (rc || x || json_array_append_new(c->items, o)) {
        if (!rc && !x)
            o = NULL;
        json_decref(o);
        return rc ? rc : err_nomem(e);
    }
    return 0;
}

static json_t *summary_json(const tctx_t *c)
{
    long total = 0;
    for (int i = 0; i < TARGET_STATUS_COUNT; i++)
        total += c->sum[i];
    long measured = total - c->sum[TARGET_STATUS_NO_DATA];
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_int(o, "total", total);
    for (int i = 0; i < TARGET_STATUS_COUNT; i++)
        rc |= jsonx_set_int(o, target_status_code((target_status_t)i), c->sum[i]);
    rc |= set_num(o, "rate", measured > 0,
                  measured ? 100.0 * (double)c->sum[TARGET_STATUS_MET] / (double)measured : 0);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *unit_json(const unit_set_t *units, const char *code)
{
    if (!code || !*code)
        return json_null();
    const unit_t *u = unit_set_find(units, code, DATE_NONE);
    return json_pack("{s:s,s:s}", "code", code, "name", u ? u->name : code);
}

static int finish(tctx_t *c, json_t *o, json_t **out, err_t *e)
{
    int rc = jsonx_set_new(o, "unit", unit_json(c->units, c->unit));
    rc |= jsonx_set_int(o, "year", c->year);
    rc |= set_date(o, "from", c->from);
    rc |= set_date(o, "to", c->to);
    rc |= jsonx_set_new(o, "items", c->items);
    c->items = NULL;
    rc |= jsonx_set_new(o, "summary", summary_json(c));
    if (rc) {
        json_decref(o);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}

static int begin(app_t *a, const user_t *actor, const app_target_query_t *q, tctx_t *c,
                 unit_set_t *units, err_t *e)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->actor = actor;
    c->trend = q->trend;
    int rc = app_store(a, &c->s, e);
    if (rc)
        return rc;
    c->units = units;
    c->items = json_array();
    if (!c->items)
        return err_nomem(e);
    return store_unit_load(c->s, units, e);
}

static int check_read(const tctx_t *c, err_t *e)
{
    if (!*c->unit || !c->actor ||
        access_allows(c->actor, ACCESS_READ, c->unit, c->units, DATE_NONE))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Bạn không có quyền xem chỉ tiêu của đơn vị %s",
                   "You may not see the targets of unit %s", c->unit);
}

static void set_year(tctx_t *c, int year, date_t today)
{
    c->year = year;
    period_of(year, today != DATE_NONE ? today : dtime_date(dtime_now()), &c->from, &c->to,
              &c->year_open);
}

int app_targets_list(app_t *a, const user_t *actor, const app_target_query_t *q, json_t **out,
                     err_t *e)
{
    *out = NULL;
    unit_set_t units;
    unit_set_init(&units);
    tctx_t c;
    int rc = begin(a, actor, q, &c, &units, e);
    store_stmt_t *st = NULL;
    char plan_unit[80] = "";
    int plan_year = 0;
    if (!rc)
        rc = store_prepare(c.s,
                           "SELECT COALESCE(unit_code, ''), COALESCE(year, 0) FROM plan "
                           "WHERE id = ?1 AND status = 'current'",
                           &st, e);
    if (!rc) {
        store_bind_int(st, 1, q->plan_id);
        int r = store_step(st, e);
        if (r == STORE_ROW) {
            snprintf(plan_unit, sizeof plan_unit, "%s", store_col_text(st, 0));
            plan_year = (int)store_col_int(st, 1);
        }
        store_stmt_done(st);
        rc = r < 0 ? r
             : r == STORE_DONE
                 ? err_set(e, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch số %lld",
                           "No plan %lld", (long long)q->plan_id)
                 : 0;
    }
    if (!rc) {
        c.unit = q->unit && *q->unit ? q->unit : plan_unit;
        if (*c.unit && !unit_set_find(&units, c.unit, DATE_NONE))
            rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                         "No unit '%s' in the registry", c.unit);
    }
    if (!rc)
        rc = check_read(&c, e);
    if (!rc) {
        set_year(&c,
                 q->year     ? q->year
                 : plan_year ? plan_year
                             : date_year(dtime_date(dtime_now())),
                 q->today);
        rc = store_target_rows(c.s, q->plan_id, 0, 0, on_target, &c, e);
    }
    json_t *o = rc ? NULL : json_object();
    if (!rc && (!o || jsonx_set_int(o, "plan_id", q->plan_id)))
        rc = err_nomem(e);
    if (!rc)
        rc = finish(&c, o, out, e);
    json_decref(c.items);
    unit_set_release(&units);
    return rc;
}

typedef struct plan_pick {
    tctx_t *c;
    int64_t ids[512];
    bool own[512];
    size_t n;
} plan_pick_t;

int app_targets_for_unit(app_t *a, const user_t *actor, const app_target_query_t *q, json_t **out,
                         err_t *e)
{
    *out = NULL;
    unit_set_t units;
    unit_set_init(&units);
    tctx_t c;
    int rc = begin(a, actor, q, &c, &units, e);
    c.unit = q->unit ? q->unit : "";
    if (!rc && (!*c.unit || !unit_set_find(&units, c.unit, DATE_NONE)))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", c.unit);
    if (!rc)
        rc = check_read(&c, e);
    plan_pick_t pk = {.c = &c};
    if (!rc) {
        set_year(&c, q->year ? q->year : date_year(dtime_date(dtime_now())), q->today);
        store_stmt_t *st;
        rc = store_prepare(c.s,
                           "SELECT id, unit_code FROM plan WHERE year = ?1 AND unit_code IS NOT "
                           "NULL AND unit_code <> '' AND status = 'current' ORDER BY id",
                           &st, e);
        if (!rc) {
            store_bind_int(st, 1, c.year);
            int r;
            while (pk.n < 512 && store_next(st, &r, e)) {
                const char *pu = store_col_text(st, 1);
                bool own = strcmp(pu, c.unit) == 0;
                if (own || unit_set_within(&units, c.unit, pu, DATE_NONE)) {
                    pk.ids[pk.n] = store_col_int(st, 0);
                    pk.own[pk.n++] = own;
                }
            }
            store_stmt_done(st);
            rc = r < 0 ? r : 0;
        }
    }
    for (size_t i = 0; !rc && i < pk.n; i++) {
        c.only_computed = !pk.own[i];
        rc = store_target_rows(c.s, pk.ids[i], 0, 0, on_target, &c, e);
    }
    json_t *o = rc ? NULL : json_object();
    if (!rc && !o)
        rc = err_nomem(e);
    if (!rc)
        rc = finish(&c, o, out, e);
    json_decref(c.items);
    unit_set_release(&units);
    return rc;
}

int app_targets_trend(app_t *a, const user_t *actor, const char *unit, int year, date_t today,
                      json_t **out, err_t *e)
{
    *out = NULL;
    unit_set_t units;
    unit_set_init(&units);
    tctx_t c;
    app_target_query_t q = {.trend = true};
    int rc = begin(a, actor, &q, &c, &units, e);
    c.unit = unit ? unit : "";
    if (!rc && (!*c.unit || !unit_set_find(&units, c.unit, DATE_NONE)))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", c.unit);
    if (!rc)
        rc = check_read(&c, e);
    if (!rc) {
        set_year(&c, year ? year : date_year(dtime_date(dtime_now())), today);
        rc = ensure_counts(&c, e);
        rc = rc == ERR_FORBIDDEN ? rc : 0;
    }
    json_t *o = rc ? NULL : json_object();
    json_t *months = json_array(), *ind = json_object();
    if (!rc && (!o || !months || !ind))
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < c.nmonths; i++) {
        char m[16];
        snprintf(m, sizeof m, "%04d-%02d", c.year % 10000, (int)(i + 1) % 100);
        if (json_array_append_new(months, json_string(m)))
            rc = err_nomem(e);
    }
    for (int k = 0; !rc && k < KPI_INDICATOR_COUNT; k++) {
        const kpi_def_t *def = kpi_def((kpi_indicator_t)k);
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < c.nmonths; i++) {
            int64_t num = c.months[i].c[def->num], den = c.months[i].c[def->den];
            json_t *v = den > 0 ? json_real(round(10000.0 * (double)num / (double)den) / 100.0)
                                : json_null();
            if (json_array_append_new(arr, v)) {
                json_decref(arr);
                arr = NULL;
            }
        }
        if (!arr || json_object_set_new(ind, def->id, arr))
            rc = err_nomem(e);
    }
    if (!rc) {
        int x = jsonx_set_new(o, "unit", unit_json(&units, c.unit));
        x |= jsonx_set_int(o, "year", c.year);
        x |= jsonx_set_new(o, "months", months);
        x |= jsonx_set_new(o, "indicators", ind);
        months = ind = NULL;
        if (x)
            rc = err_nomem(e);
    }
    json_decref(months);
    json_decref(ind);
    json_decref(c.items);
    unit_set_release(&units);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}
