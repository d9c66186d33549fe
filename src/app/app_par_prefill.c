/* app_par_prefill.c - figures cchc holds, pre-filled into computed PAR
 * criteria (app_par_prefill.h). */
#include "app/app_par_prefill.h"

#include "app/app_kpi.h"
#include "app/app_par_int.h"
#include "app/app_report.h"
#include "app/app_tasks.h"
#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "domain/kpi.h"
#include "store/store_target.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct run {
    app_t *a;
    store_t *s;
    app_par_camp_t *c;
    date_t from, to;
    char period[32];
    const unit_t **units;
    size_t nunits;
    task_status_rollup_t *plans; /* per unit, computed once */
    bool plans_done;
    int plans_rc;
    json_t *idx766; /* parsed 766 result, computed once (NULL = none) */
    bool idx766_done;
    json_t *missing;
    int figures;
} run_t;

/* One figure: *has false when cchc holds no data. */
typedef struct figure {
    bool has;
    int64_t value; /* millipercent */
    char link[512];
    const char *why; /* without data: the reason (Vietnamese) */
} figure_t;

typedef int (*source_fn)(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e);

static int64_t ratio_milli(int64_t num, int64_t den)
{
    return (num * 100 * PAR_MILLI * 2 + den) / (2 * den);
}

static void dates(const run_t *r, char from[DATE_ISO_LEN], char to[DATE_ISO_LEN])
{
    date_format(r->from, from);
    date_format(r->to, to);
}

static int src_kpi(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e)
{
    (void)e;
    int k = kpi_find(indicator);
    const kpi_def_t *def = k < 0 ? NULL : kpi_def((kpi_indicator_t)k);
    kpi_request_t q = {.unit = r->units[u]->code,
                       .tree = true,
                       .from = r->from,
                       .to = r->to,
                       .as_of = DTIME_NONE,
                       .tree_at = DATE_NONE};
    kpi_counts_t counts;
    err_t ke;
    if (!def || app_kpi_compute(r->a, NULL, &q, &counts, &ke)) {
        f->why = "chưa có dữ liệu hồ sơ";
        return 0;
    }
    int64_t num = counts.c[def->num], den = counts.c[def->den];
    if (den <= 0) {
        f->why = "không có hồ sơ trong kỳ";
        return 0;
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    dates(r, a, b);
    f->has = true;
    f->value = ratio_milli(num, den);
    snprintf(f->link, sizeof f->link,
             "/api/v1/kpi/explain?unit=%s&tree=1&from=%s&to=%s&indicator=%s", q.unit, a, b,
             indicator);
    return 0;
}

static int src_plans(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e)
{
    (void)indicator;
    if (!r->plans_done) {
        r->plans_done = true;
        const char **codes = mem_calloc(r->nunits ? r->nunits : 1, sizeof *codes);
        r->plans = mem_calloc(r->nunits ? r->nunits : 1, sizeof *r->plans);
        if (!codes || !r->plans) {
            mem_free(codes);
            return err_nomem(e);
        }
        for (size_t i = 0; i < r->nunits; i++)
            codes[i] = r->units[i]->code;
        app_tasks_filter_t q;
        app_tasks_filter_init(&q);
        q.year = r->c->c.year;
        q.today = r->to;
        err_t te;
        r->plans_rc = app_tasks_rollup_units(r->a, NULL, &q, codes, r->nunits, r->plans, &te);
        mem_free(codes);
    }
    const task_status_rollup_t *t = &r->plans[u];
    if (r->plans_rc || t->assigned == 0 || t->weight <= 0) {
        f->why = "không có nhiệm vụ được giao trong năm";
        return 0;
    }
    f->has = true;
    f->value = (int64_t)llround(task_status_rollup_rate(t) * 100.0 * PAR_MILLI);
    snprintf(f->link, sizeof f->link, "/api/v1/progress?unit=%s&tree=1&year=%d", r->units[u]->code,
             r->c->c.year);
    return 0;
}

static int src_766(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e)
{
    (void)indicator;
    if (!r->idx766_done) {
        r->idx766_done = true;
        buf_t b;
        buf_init(&b, 64u << 20);
        kpi_request_t q = {.from = r->from, .to = r->to, .as_of = DTIME_NONE, .tree_at = DATE_NONE};
        err_t ke;
        if (!app_kpi_index766(r->a, NULL, &q, &b, &ke))
            r->idx766 = jsonx_parse(buf_cstr(&b), b.len, &ke);
        buf_release(&b);
    }
    json_t *units = json_object_get(r->idx766, "units");
    size_t i;
    json_t *x;
    json_array_foreach(units, i, x)
    {
        if (strcmp(jsonx_str(x, "unit", ""), r->units[u]->code) != 0)
            continue;
        json_t *t = json_object_get(x, "total");
        if (!json_is_number(t))
            break;
        char a[DATE_ISO_LEN], b2[DATE_ISO_LEN];
        dates(r, a, b2);
        f->has = true;
        f->value = (int64_t)llround(json_number_value(t) * PAR_MILLI);
        snprintf(f->link, sizeof f->link, "/api/v1/index766?from=%s&to=%s", a, b2);
        return 0;
    }
    (void)e;
    f->why = "chưa có điểm Bộ chỉ số 766";
    return 0;
}

/* report.on_time: the share of the unit's periodic CCHC reports of the year
 * due so far that were sent on time (app_report_on_time). */
static int src_reports(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e)
{
    (void)indicator;
    int year = r->c->c.year;
    date_t end = date_from_ymd(year, 12, 31), today = dtime_date(dtime_now());
    int64_t num = 0, den = 0;
    int rc =
        app_report_on_time(r->a, r->units[u]->code, year, today < end ? today : end, &num, &den, e);
    if (rc)
        return rc;
    if (den <= 0) {
        f->why = "chưa có báo cáo định kỳ đến hạn trong năm";
        return 0;
    }
    f->has = true;
    f->value = ratio_milli(num, den);
    snprintf(f->link, sizeof f->link, "/api/v1/reports?unit=%s&year=%d", r->units[u]->code, year);
    return 0;
}

typedef struct tgt {
    run_t *r;
    size_t u;
    const char *indicator;
    figure_t *f;
    char best_to[16];
} tgt_t;

static int on_target(void *ctx, const store_target_row_t *row, err_t *e)
{
    tgt_t *t = ctx;
    if (strcmp(row->indicator, t->indicator) != 0)
        return 0;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    dates(t->r, a, b);
    date_format(date_from_ymd(t->r->c->c.year, 12, 31), b);
    store_measurement_t m;
    bool found = false;
    int rc =
        store_target_measurement(t->r->s, row->id, t->r->units[t->u]->code, a, b, &m, &found, e);
    if (rc || !found || strcmp(m.period_to, t->best_to) < 0)
        return rc;
    snprintf(t->best_to, sizeof t->best_to, "%s", m.period_to);
    t->f->has = true;
    t->f->value = (int64_t)llround(m.value * PAR_MILLI);
    snprintf(t->f->link, sizeof t->f->link, "/api/v1/targets/summary?unit=%s&year=%d",
             t->r->units[t->u]->code, t->r->c->c.year);
    return 0;
}

static int src_target(run_t *r, size_t u, const char *indicator, figure_t *f, err_t *e)
{
    tgt_t t = {r, u, indicator, f, ""};
    int rc = store_target_rows(r->s, 0, r->c->c.year, 0, on_target, &t, e);
    if (!rc && !f->has)
        f->why = "chưa có số liệu nhập cho chỉ tiêu này";
    return rc;
}

static source_fn source_of(const char *indicator)
{
    if (strcmp(indicator, "plan.completion") == 0)
        return src_plans;
    if (strcmp(indicator, "index766") == 0)
        return src_766;
    if (strcmp(indicator, "report.on_time") == 0)
        return src_reports;
    if (kpi_find(indicator) >= 0)
        return src_kpi;
    return src_target;
}

static int add_missing(run_t *r, size_t u, const par_node_t *nd, const char *why, err_t *e)
{
    json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "unit", r->units[u]->code, "code", nd->code,
                          "indicator", nd->indicator ? nd->indicator : "", "reason", why);
    if (!o || json_array_append_new(r->missing, o))
        return err_nomem(e);
    return 0;
}

/* Computes the figures of unit u into f[0..fw->n) (outside any
 * transaction: the KPI engine may persist its snapshot, and a write between
 * two units would make it reload). */
static int compute_unit(run_t *r, size_t u, figure_t *f, err_t *e)
{
    const app_par_camp_t *c = r->c;
    int rc = 0;
    for (size_t i = 0; !rc && i < c->fw->n; i++) {
        const par_node_t *nd = &c->fw->nodes[i];
        if (!par_framework_is_leaf(c->fw, i) || nd->source != PAR_SOURCE_COMPUTED ||
            !par_framework_applies(c->fw, i, r->units[u]->code, r->units[u]->kind))
            continue;
        rc = source_of(nd->indicator)(r, u, nd->indicator, &f[i], e);
        if (!rc && !f[i].has)
            rc = add_missing(r, u, nd, f[i].why ? f[i].why : "chưa có số liệu", e);
    }
    return rc;
}

/* Stores the figures of unit u (caller's transaction). */
static int store_unit(run_t *r, size_t u, const figure_t *f, const char *who, const char *at,
                      err_t *e)
{
    const app_par_camp_t *c = r->c;
    int64_t sheet = 0;
    int rc = store_par_sheet_ensure(r->s, c->c.id, r->units[u]->code, at, &sheet, e);
    for (size_t i = 0; !rc && i < c->fw->n; i++) {
        if (!f[i].has)
            continue;
        r->figures++;
        store_par_set_t set = {.sheet = sheet,
                               .code = c->fw->nodes[i].code,
                               .field = STORE_PAR_MEASURED,
                               .value = f[i].value > 100 * PAR_MILLI ? 100 * PAR_MILLI : f[i].value,
                               .period = r->period,
                               .link = f[i].link,
                               .author = who,
                               .at = at};
        rc = store_par_sheet_score_set(r->s, &set, NULL, e);
    }
    return rc;
}

/* Every selected unit's figures first, then one write transaction. */
static int prefill_units(run_t *r, const char *unit, const char *who, int *done, err_t *e)
{
    size_t n = r->c->fw->n ? r->c->fw->n : 1;
    figure_t *f = mem_calloc(n * (r->nunits ? r->nunits : 1), sizeof *f);
    if (!f)
        return err_nomem(e);
    int rc = 0;
    for (size_t u = 0; !rc && u < r->nunits; u++)
        if (!unit || strcmp(r->units[u]->code, unit) == 0) {
            rc = compute_unit(r, u, f + u * n, e);
            (*done)++;
        }
    char at[STORE_PAR_AT];
    app_par_now(at);
    if (!rc && *done)
        rc = store_begin(r->s, e);
    if (!rc && *done) {
        for (size_t u = 0; !rc && u < r->nunits; u++)
            if (!unit || strcmp(r->units[u]->code, unit) == 0)
                rc = store_unit(r, u, f + u * n, who, at, e);
        char object[48], detail[160];
        snprintf(object, sizeof object, "par_campaign:%lld", (long long)r->c->c.id);
        snprintf(detail, sizeof detail, "%d units, %s, period %s", *done, unit ? unit : "all",
                 r->period);
        if (!rc)
            rc = store_audit_append(r->s, who, "par.prefill", object, detail, e);
        if (!rc)
            rc = store_commit(r->s, e);
        else
            store_rollback(r->s);
    }
    mem_free(f);
    return rc;
}

static int run_all(run_t *r, const user_t *actor, const char *unit, err_t *e)
{
    int rc = app_par_units(r->c, &r->units, &r->nunits, e);
    if (rc)
        return rc;
    bool standing = app_par_is_standing(r->c, actor, unit);
    if (!unit && !standing)
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ cơ quan thường trực được lấy số liệu cho mọi đơn vị",
                       "Only the standing agency may pre-fill every unit");
    if (unit && !standing && !app_par_may_write(r->c, actor, unit))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Bạn không có quyền sửa phiếu chấm điểm của đơn vị %s",
                       "You may not change the score sheet of unit %s", unit);
    if (r->c->published)
        return err_set(e, ERR_CONFLICT, "par.published", "Kết quả đã công bố",
                       "The results are published");
    int done = 0;
    rc = prefill_units(r, unit, app_par_who(actor), &done, e);
    if (!rc && unit && !done)
        rc = err_set(e, ERR_INVALID, "par.unit_not_in_campaign",
                     "Đơn vị %s không thuộc đợt chấm điểm này",
                     "Unit %s does not take part in this campaign", unit);
    return rc;
}

int app_par_prefill_run(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                        json_t **out, err_t *e)
{
    *out = NULL;
    app_par_camp_t c;
    memset(&c, 0, sizeof c);
    unit_set_init(&c.units);
    run_t r = {.a = a, .c = &c, .missing = json_array()};
    int rc = r.missing ? app_store(a, &r.s, e) : err_nomem(e);
    if (!rc)
        rc = app_par_camp_load(a, r.s, campaign, &c, e);
    if (!rc) {
        date_t today = dtime_date(dtime_now());
        r.from = date_from_ymd(c.c.year, 1, 1);
        r.to = date_from_ymd(c.c.year, 12, 31);
        if (today < r.to && today >= r.from)
            r.to = today;
        if (r.to == date_from_ymd(c.c.year, 12, 31))
            snprintf(r.period, sizeof r.period, "%d", c.c.year);
        else {
            char b[DATE_ISO_LEN];
            date_format(r.to, b);
            snprintf(r.period, sizeof r.period, "%d-01-01/%s", c.c.year, b);
        }
        rc = run_all(&r, actor, unit, e);
    }
    if (!rc) {
        *out = json_pack("{s:i,s:i,s:o}", "units", (int)(unit ? 1 : r.nunits), "figures", r.figures,
                         "missing", r.missing);
        r.missing = NULL;
        if (!*out)
            rc = err_nomem(e);
    }
    json_decref(r.missing);
    json_decref(r.idx766);
    mem_free(r.plans);
    mem_free(r.units);
    app_par_camp_release(&c);
    return rc;
}
