/* app_kpi_766.c - the 766 service-quality index and ranking of units. */
#include "app/app_kpi.h"

#include "base/file.h"
#include "base/mem.h"
#include "domain/index766.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct collect {
    const index766_rules_t *rules;
    index766_entry_t *v;
    size_t n, cap;
    dtime_t as_of;
} collect_t;

static int add(void *ctx, const char *unit, dtime_t as_of, const kpi_counts_t *k, err_t *e)
{
    collect_t *c = ctx;
    c->as_of = as_of;
    if (MEM_GROW(c->v, c->cap, c->n + 1))
        return err_nomem(e);
    index766_entry_t *x = &c->v[c->n];
    x->unit = mem_strdup(unit);
    if (!x->unit)
        return err_nomem(e);
    index766_compute(c->rules, k, &x->score);
    c->n++;
    return 0;
}

static int render(const index766_rules_t *rules, const kpi_request_t *r, const collect_t *c,
                  buf_t *out)
{
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN], a[DTIME_ISO_LEN];
    date_format(r->from, f);
    date_format(r->to, t);
    dtime_format(c->as_of != DTIME_NONE ? c->as_of : r->as_of, a);
    int rc = buf_printf(out,
                        "{\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"as_of\":\"%s\","
                        "\"rules\":{\"version\":",
                        f, t, a);
    if (!rc)
        rc = buf_put_json_str(out, rules->version, strlen(rules->version));
    if (!rc)
        rc = buf_puts(out, ",\"source\":");
    if (!rc)
        rc = buf_put_json_str(out, rules->source, strlen(rules->source));
    if (!rc)
        rc = buf_puts(out, "},\"units\":[");
    for (size_t i = 0; !rc && i < c->n; i++) {
        const index766_entry_t *x = &c->v[i];
        rc = buf_printf(out, "%s{\"unit\":", i ? "," : "");
        if (!rc)
            rc = buf_put_json_str(out, x->unit, strlen(x->unit));
        if (!rc)
            rc = buf_printf(out, ",\"rank\":%d,\"total\":%.2f,\"groups\":{", x->rank,
                            x->score.total);
        for (int g = 0; !rc && g < rules->ngroups; g++)
            rc = buf_printf(out, "%s\"%s\":%.2f", g ? "," : "", rules->groups[g].code,
                            x->score.groups[g]);
        if (!rc)
            rc = buf_puts(out, "}}");
    }
    if (!rc)
        rc = buf_puts(out, "]}");
    return rc;
}

int app_kpi_index766(app_t *a, const user_t *actor, const kpi_request_t *r, buf_t *out, err_t *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/indices/766.json", app_data_dir(a));
    char *text = NULL;
    size_t n;
    int rc = file_read_all(path, 1u << 20, &text, &n, e);
    if (rc)
        return rc;
    index766_rules_t *rules = mem_alloc(sizeof *rules);
    if (!rules) {
        mem_free(text);
        return err_nomem(e);
    }
    rc = index766_parse(text, n, rules, e);
    mem_free(text);
    collect_t c = {rules, NULL, 0, 0, DTIME_NONE};
    if (!rc)
        rc = app_kpi_units(a, actor, r, add, &c, e);
    if (!rc) {
        index766_rank(c.v, c.n);
        rc = render(rules, r, &c, out) ? err_nomem(e) : 0;
    }
    for (size_t i = 0; i < c.n; i++)
        mem_free((char *)c.v[i].unit);
    mem_free(c.v);
    mem_free(rules);
    return rc;
}
