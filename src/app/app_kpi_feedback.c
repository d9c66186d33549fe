/* app_kpi_feedback.c - the feedback.on_time indicator (app_kpi_int.h).
 * Citizen feedback is not in the dossier snapshot: the items answered in the
 * period are read from the store for each request (few rows, indexed by
 * answer time) and counted per unit index; sums over unit sets follow the
 * dossier counters. Not counted under a procedure or field filter. */
#include "app/app_kpi_int.h"

#include "app/app_feedback.h"
#include "base/dtime.h"
#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

typedef struct fb_ctx {
    const app_kpi_cache_t *c;
    app_kpi_prepared_t *p;
    buf_t *out; /* explain: the item list */
    int n;
    err_t *e;
} fb_ctx_t;

static int fb_count(void *ctx, const feedback_t *f, bool on_time)
{
    fb_ctx_t *x = ctx;
    uint32_t u;
    if (dossier_keymap_get(&x->c->code_index, f->unit, &u)) {
        x->p->fb[2 * u] += 1;
        x->p->fb[2 * u + 1] += on_time;
    }
    return 0;
}

int app_kpi_feedback_prepare(app_t *a, const app_kpi_cache_t *c, app_kpi_prepared_t *p,
                             const kpi_request_t *r, err_t *e)
{
    p->fb = mem_calloc(2 * ((size_t)c->ncodes + 1), sizeof *p->fb);
    if (!p->fb)
        return err_nomem(e);
    if (r->procedure || r->field)
        return 0;
    fb_ctx_t x = {c, p, NULL, 0, e};
    return app_feedback_kpi_items(a, p->q.from, p->q.to, p->q.as_of, fb_count, &x, e);
}

void app_kpi_feedback_add(const app_kpi_prepared_t *p, uint32_t u, kpi_counts_t *k)
{
    k->c[KC_FB_DUE] += p->fb[2 * u];
    k->c[KC_FB_ON_TIME] += p->fb[2 * u + 1];
}

static int fb_item(void *ctx, const feedback_t *f, bool on_time)
{
    fb_ctx_t *x = ctx;
    uint32_t u;
    if (!dossier_keymap_get(&x->c->code_index, f->unit, &u) || !x->p->in[u])
        return 0;
    char r[DTIME_ISO_LEN], d[DTIME_ISO_LEN], a[DTIME_ISO_LEN];
    dtime_format(f->received, r);
    dtime_format(f->answered, a);
    if (f->answer_due != DTIME_NONE)
        dtime_format(f->answer_due, d);
    int rc = buf_puts(x->out, x->n++ ? ",{\"code\":" : "{\"code\":");
    if (!rc)
        rc = buf_put_json_str(x->out, f->code, strlen(f->code));
    if (!rc)
        rc = buf_printf(x->out,
                        ",\"in_numerator\":%s,\"class\":\"%s\",\"status\":\"%s\","
                        "\"received\":\"%s\",\"due\":%s%s%s,\"ended\":\"%s\"}",
                        on_time ? "true" : "false", on_time ? "on_time" : "late",
                        feedback_status_name(f->status), r, f->answer_due != DTIME_NONE ? "\"" : "",
                        f->answer_due != DTIME_NONE ? d : "null",
                        f->answer_due != DTIME_NONE ? "\"" : "", a);
    return rc ? err_nomem(x->e) : 0;
}

int app_kpi_feedback_explain(app_t *a, const app_kpi_cache_t *c, app_kpi_prepared_t *p,
                             const kpi_request_t *r, buf_t *out, err_t *e)
{
    if (r->procedure || r->field)
        return 0;
    fb_ctx_t x = {c, p, out, 0, e};
    return app_feedback_kpi_items(a, p->q.from, p->q.to, p->q.as_of, fb_item, &x, e);
}
