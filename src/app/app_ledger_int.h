/* app_ledger_int.h - pieces shared by the ledger use cases (bulk
 * ingest, API events, KPI): the reference data a record is checked against
 * and the timing applied to it. Not a public interface. */
#ifndef CCHC_APP_LEDGER_INT_H
#define CCHC_APP_LEDGER_INT_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/agencycal.h"
#include "domain/dossier.h"
#include "domain/dossier_class.h"
#include "domain/dossier_keymap.h"
#include "domain/procedure.h"
#include "domain/unit.h"
#include "store/store.h"

typedef struct app_ledger_ctx {
    unit_set_t units;
    dossier_keymap_t unit_index; /* code -> any version's position in units */
    procedure_set_t procs;
    dossier_rules_t rules;
    const agencycal_t *cal; /* the agency calendar; NULL when none could be loaded */
    agencycal_t *cal_owned;
    dtime_t now; /* the clock times are checked against (dossier_times_check) */
} app_ledger_ctx_t;

/* Whether actor may import ledger data (NULL = local operator: yes), and
 * the ERR_FORBIDDEN error otherwise. */
bool app_ledger_may_import(const user_t *actor);
int app_ledger_forbidden(err_t *e);

/* Loads units, procedures and the calendar; c->now is the current time.
 * Release with app_ledger_ctx_release. */
int app_ledger_ctx_load(app_t *a, app_ledger_ctx_t *c, err_t *e);
void app_ledger_ctx_release(app_ledger_ctx_t *c);

/* Checks a parsed record against the reference data and computes its due
 * times: ERR_INVALID with the reject code in e ("ingest.unit",
 * "ingest.procedure", "dossier.*"), other errors are fatal. */
int app_ledger_prepare_record(const app_ledger_ctx_t *c, dossier_t *d, err_t *e);

/* Sets d->due_base and d->due from the appointment given or the
 * procedure's allowance through the calendar, extended by the pauses. */
int app_ledger_timing(const app_ledger_ctx_t *c, dossier_t *d, const procedure_t *p, err_t *e);

/* Appends the events equivalent to record d as batch `batch` of revision
 * rev of dossier id. */
int app_ledger_append_record_events(store_t *s, int64_t id, int64_t batch, int64_t rev,
                                    const dossier_t *d, int64_t job_id, err_t *e);

#endif
