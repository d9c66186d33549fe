/* app_kpi_explain.c - the dossiers behind a figure (app_kpi_explain,
 * app_kpi_explain_page): one page looked up and written, the rest counted. */
#include "app/app_kpi_int.h"

#include "base/dtime.h"
#include "domain/kpi_agg.h"
#include "store/store_ledger.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

typedef struct explain_ctx {
    store_t *s;
    buf_t *out;
    int n;
    err_t *e;
    size_t seen, offset, limit; /* rows met so far; the page written */
} explain_ctx_t;

static int put_time_field(buf_t *b, const char *key, int32_t t)
{
    if (t == KPI_NONE)
        return buf_printf(b, ",\"%s\":null", key);
    char tmp[DTIME_ISO_LEN];
    dtime_format(kpi_snap_dtime(t), tmp);
    return buf_printf(b, ",\"%s\":\"%s\"", key, tmp);
}

static int explain_row(void *ctx, const kpi_row_t *row, bool in_num, dossier_class_t cls)
{
    explain_ctx_t *x = ctx;
    size_t i = x->seen++;
    if (i < x->offset || i - x->offset >= x->limit)
        return 0; /* outside the page: counted, not looked up */
    char code[DOSSIER_CODE_MAX + 1];
    int rc = store_ledger_dossier_code(x->s, row->id, code, sizeof code, x->e);
    if (rc)
        return rc;
    buf_t *b = x->out;
    rc = buf_puts(b, x->n++ ? ",{\"code\":" : "{\"code\":");
    if (!rc)
        rc = buf_put_json_str(b, code, strlen(code));
    if (!rc)
        rc = buf_printf(b, ",\"in_numerator\":%s,\"class\":\"%s\",\"status\":%d",
                        in_num ? "true" : "false", dossier_class_name(cls), row->status);
    if (!rc)
        rc = put_time_field(b, "received", row->received);
    if (!rc)
        rc = put_time_field(b, "due", row->due);
    if (!rc)
        rc = put_time_field(b, "ended", row->ended);
    if (!rc)
        rc = buf_putc(b, '}');
    return rc ? err_nomem(x->e) : 0;
}

int app_kpi_explain(app_t *a, const user_t *actor, const kpi_request_t *r, const char *indicator,
                    buf_t *out, err_t *e)
{
    return app_kpi_explain_page(a, actor, r, indicator, 0, SIZE_MAX, out, e);
}

int app_kpi_explain_page(app_t *a, const user_t *actor, const kpi_request_t *r,
                         const char *indicator, size_t offset, size_t limit, buf_t *out, err_t *e)
{
    int ind = kpi_find(indicator);
    if (ind < 0)
        return err_set(e, ERR_INVALID, "kpi.indicator", "chỉ tiêu không tồn tại '%s'",
                       "unknown indicator '%s'", indicator);
    if (!r->unit)
        return err_set(e, ERR_INVALID, "kpi.unit", "thiếu mã đơn vị", "missing unit code");
    app_kpi_cache_t *c;
    int rc = app_kpi_cache_acquire(a, &c, e);
    if (rc)
        return rc;
    app_kpi_prepared_t p;
    rc = app_kpi_prepare(c, actor, r, &p, e);
    if (!rc)
        rc = app_kpi_feedback_prepare(a, c, &p, r, e);
    kpi_counts_t k;
    if (!rc) {
        app_kpi_mark_units(c, r->unit, r->tree, &p);
        app_kpi_count_set(c, &p, &k);
    }
    const kpi_def_t *d = kpi_def((kpi_indicator_t)ind);
    int64_t num = 0, den = 0, centi;
    if (!rc) {
        num = ind == KPI_PROGRESS ? k.c[KC_NOT_LATE] + k.c[KC_OPEN_IN_TIME] : k.c[d->num];
        den = ind == KPI_PROGRESS ? k.c[KC_RESOLVED] + k.c[KC_OPEN_IN_TIME] + k.c[KC_OVERDUE_OPEN]
                                  : k.c[d->den];
        rc = buf_printf(out, "{\"unit\":\"%s\",\"indicator\":\"%s\",\"value\":", r->unit, d->id);
        if (!rc && kpi_value_centi(num, den, &centi))
            rc = buf_printf(out, "%lld.%02lld", (long long)(centi / 100), (long long)(centi % 100));
        else if (!rc)
            rc = buf_puts(out, "null");
        if (!rc)
            rc = buf_printf(out, ",\"num\":%lld,\"den\":%lld,\"dossiers\":[", (long long)num,
                            (long long)den);
        if (rc)
            rc = err_nomem(e);
    }
    if (!rc && ind == KPI_FEEDBACK_ON_TIME) { /* the feedback items instead */
        rc = app_kpi_feedback_explain(a, c, &p, r, out, e);
        if (!rc)
            rc = buf_puts(out, "]}") ? err_nomem(e) : 0;
    } else if (!rc && d->den >= KC_DOSSIER_COUNT)
        rc = buf_puts(out, "]}") ? err_nomem(e) : 0; /* catalogue: no dossiers */
    else if (!rc) {
        explain_ctx_t x = {NULL, out, 0, e, 0, offset, limit};
        rc = app_store(a, &x.s, e);
        for (uint32_t u = 0; !rc && u < c->ncodes; u++)
            if (p.in[u])
                rc =
                    kpi_agg_view_explain(&c->views[u], &p.q, (kpi_indicator_t)ind, explain_row, &x);
        if (!rc)
            rc = buf_printf(out, "],\"total\":%zu,\"offset\":%zu}", x.seen, offset) ? err_nomem(e)
                                                                                    : 0;
    }
    app_kpi_prepared_release(&p);
    app_kpi_cache_release(c);
    return rc;
}
