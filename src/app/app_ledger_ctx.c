/* app_ledger_ctx.c - reference data and timing for ledger records. */
#include "app/app_ledger_int.h"

#include "app/app_units.h"
#include "app/calendar_load.h"
#include "base/log.h"
#include "domain/dossier_timing.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"

#include <string.h>

#include "base/banned.h"

int app_ledger_ctx_load(app_t *a, app_ledger_ctx_t *c, err_t *e)
{
    memset(c, 0, sizeof *c);
    unit_set_init(&c->units);
    dossier_keymap_init(&c->unit_index);
    procedure_set_init(&c->procs);
    c->rules = DOSSIER_RULES_DEFAULT;
    c->now = dtime_now();
    int rc = app_units_load(a, &c->units, e);
    for (size_t i = 0; !rc && i < c->units.n; i++)
        rc = dossier_keymap_put(&c->unit_index, c->units.units[i].code, (uint32_t)i, e);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = store_procedure_load_all(s, &c->procs, e);
    if (!rc) {
        agencycal_t *cal = NULL;
        err_t ce;
        if (calendar_load_load(app_data_dir(a), &cal, &ce) == 0) {
            c->cal = cal;
            c->cal_owned = cal;
        } else {
            log_warn("no working calendar (%s): due times are computed only from NgayHenTra",
                     ce.en);
        }
    }
    if (rc)
        app_ledger_ctx_release(c);
    return rc;
}

void app_ledger_ctx_release(app_ledger_ctx_t *c)
{
    unit_set_release(&c->units);
    dossier_keymap_release(&c->unit_index);
    procedure_set_release(&c->procs);
    agencycal_free(c->cal_owned);
    c->cal = c->cal_owned = NULL;
}

int app_ledger_timing(const app_ledger_ctx_t *c, dossier_t *d, const procedure_t *p, err_t *e)
{
    return dossier_timing(c->cal, p, d, NULL, 0, e);
}

int app_ledger_prepare_record(const app_ledger_ctx_t *c, dossier_t *d, err_t *e)
{
    if (!dossier_keymap_get(&c->unit_index, d->unit, NULL))
        return err_set(e, ERR_INVALID, "ingest.unit", "mã đơn vị không tồn tại '%s'",
                       "unknown unit code '%s'", d->unit);
    long p = procedure_set_find(&c->procs, d->procedure);
    if (p < 0)
        return err_set(e, ERR_INVALID, "ingest.procedure", "mã thủ tục không tồn tại '%s'",
                       "unknown procedure code '%s'", d->procedure);
    dossier_normalize(d);
    int rc = dossier_check(d, e); /* the code rule of the API included */
    if (!rc)
        rc = dossier_times_check(d, c->now, e);
    if (!rc)
        rc = app_ledger_timing(c, d, &c->procs.items[p], e);
    return rc;
}

int app_ledger_append_record_events(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                    const dossier_t *d, int64_t job_id, err_t *e)
{
    dossier_event_t ev[DOSSIER_MAX_RECORD_EVENTS];
    size_t n = dossier_to_events(d, ev);
    return store_ledger_dossier_events_add(s, id, batch, rev, ev, n, NULL, job_id, NULL, e);
}
