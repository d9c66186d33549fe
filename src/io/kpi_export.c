/* kpi_export.c - the KPI table to XLSX (kpi_export.h). */
#include "io/kpi_export.h"

#include "app/app_units.h"
#include "base/mem.h"
#include "io/kpi_xlsx.h"

#include <string.h>

#include "base/banned.h"

static bool valid_in(const unit_t *u, date_t from, date_t to)
{
    return (u->valid_to == DATE_NONE || u->valid_to >= from) &&
           (u->valid_from == DATE_NONE || u->valid_from <= to);
}

int kpi_export_xlsx(app_t *a, const user_t *actor, const kpi_request_t *r, bool children, bool en,
                    const char *path, err_t *e)
{
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    kpi_xlsx_row_t *rows = rc ? NULL : mem_calloc(units.n + 1, sizeof *rows);
    if (!rc && !rows)
        rc = err_nomem(e);
    size_t n = 0;
    const unit_t *me = rc ? NULL : unit_set_find(&units, r->unit, r->to);
    if (!me && !rc)
        me = unit_set_find(&units, r->unit, DATE_NONE);
    if (!rc) {
        kpi_request_t q = *r;
        rc = app_kpi_compute(a, actor, &q, &rows[0].k, e);
        rows[0].code = r->unit;
        rows[0].name = me ? me->name : r->unit;
        n = 1;
    }
    for (size_t i = 0; !rc && children && i < units.n; i++) {
        const unit_t *u = &units.units[i];
        if (!u->parent || strcmp(u->parent, r->unit) != 0 || !valid_in(u, r->from, r->to))
            continue;
        bool seen = false;
        for (size_t j = 1; j < n && !seen; j++)
            seen = strcmp(rows[j].code, u->code) == 0;
        if (seen)
            continue;
        kpi_request_t q = *r;
        q.unit = u->code;
        err_t ce;
        if (app_kpi_compute(a, actor, &q, &rows[n].k, &ce) == 0) {
            rows[n].code = u->code;
            rows[n].name = u->name;
            n++;
        }
    }
    if (!rc) {
        kpi_xlsx_meta_t m = {.title = rows[0].name,
                             .from = r->from,
                             .to = r->to,
                             .as_of = r->as_of == DTIME_NONE ? dtime_now() : r->as_of,
                             .tree = r->tree,
                             .en = en};
        rc = kpi_xlsx_write(path, &m, rows, n, e);
    }
    mem_free(rows);
    unit_set_release(&units);
    return rc;
}
