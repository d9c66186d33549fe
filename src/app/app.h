/* app.h - the application context shared by the CLI and the HTTP server.
 *
 * An app_t holds configuration and hands each thread its own database
 * connection (opened lazily, closed when the thread exits or at app_close
 * for the calling thread). Use cases live in app_<topic>.c; each checks
 * authorisation (when given an acting user; NULL actor = the local
 * operator on the command line, who is trusted) and runs its writes in one
 * transaction. */
#ifndef CCHC_APP_H
#define CCHC_APP_H

#include "base/err.h"
#include "store/store.h"

#include <stddef.h>

typedef struct app app_t;

#define APP_EVIDENCE_MAX_DEFAULT (20u * 1024 * 1024) /* bytes per evidence file */

/* What the public dossier lookup needs besides the code (docs/deploy.md). */
enum app_lookup_factor {
    APP_LOOKUP_CODE = 0,         /* the dossier code alone */
    APP_LOOKUP_RECEIVED_DATE = 1 /* the code and the receipt date printed on the slip */
};

typedef struct app_config {
    const char *db_path;      /* SQLite file */
    const char *data_dir;     /* shipped reference data and evidence files */
    int session_hours;        /* session lifetime; 0 = default 8 */
    const char *evidence_dir; /* evidence file store; NULL = DATA_DIR/evidence */
    size_t evidence_max;      /* largest evidence file; 0 = APP_EVIDENCE_MAX_DEFAULT */
    int lookup_factor;        /* enum app_lookup_factor */
} app_config_t;

/* Opens the database, applies pending migrations. Caller app_close. */
int app_open(const app_config_t *cfg, app_t **out, err_t *e);
void app_close(app_t *a);

/* This thread's connection in *out (borrowed; valid until the thread exits
 * or app_close), opened on first use: 0, or a negative status (ERR_NOMEM,
 * ERR_DB, ERR_IO) with *out NULL. */
MUST_CHECK int app_store(app_t *a, store_t **out, err_t *e);

const char *app_data_dir(const app_t *a);
const char *app_db_path(const app_t *a);
int app_session_hours(const app_t *a);
/* The login throttle shared by all threads (see throttle.h). */
struct throttle *app_throttle(app_t *a);
const char *app_evidence_dir(const app_t *a);
size_t app_evidence_max(const app_t *a);
/* enum app_lookup_factor of the configuration. */
int app_lookup_factor(const app_t *a);

#endif
