/* app_ledger_snap.h - keeping the persisted KPI snapshot current through a
 * bulk ingest (docs/internals/ledger.md, "Persisted snapshot"). Not a
 * public interface.
 *
 * At the start the ingest takes as its base the image valid for the
 * ledger's current generation (or nothing when the ledger is empty). Every
 * dossier row the ingest writes is appended to a spill file (constant
 * memory); each batch checks, inside its transaction, that the generation
 * is the one expected (nobody else wrote the ledger meanwhile). After the
 * last commit, the new image = the base rows not replaced + the spilled
 * rows, written and published for the final generation. Whenever that is
 * impossible (no valid base on a non-empty ledger, another writer, an I/O
 * error) maintenance stops quietly and the next KPI computation rebuilds
 * from the database. Never fails the ingest. */
#ifndef CCHC_APP_LEDGER_SNAP_H
#define CCHC_APP_LEDGER_SNAP_H

#include "app/app_ledger_int.h"

typedef struct app_ledger_snap app_ledger_snap_t;

/* NULL when maintenance is impossible from the start (reason logged). */
app_ledger_snap_t *app_ledger_snap_begin(app_t *a, const app_ledger_ctx_t *lc);
/* A dossier of ledger-context unit index `unit` and procedure index
 * `proc` was written as id; replaces: it existed before this ingest. */
void app_ledger_snap_row(app_ledger_snap_t *sn, uint32_t unit, uint32_t proc, int64_t id,
                         const dossier_t *d, bool replaces);
/* Inside a batch's transaction, before its generation bump. */
void app_ledger_snap_check(app_ledger_snap_t *sn, store_t *s);
/* After that transaction committed. */
void app_ledger_snap_committed(app_ledger_snap_t *sn);
/* Writes and publishes the image for the committed state. */
void app_ledger_snap_finish(app_ledger_snap_t *sn, app_t *a);
void app_ledger_snap_free(app_ledger_snap_t *sn);

#endif
