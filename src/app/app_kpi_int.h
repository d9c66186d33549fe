/* app_kpi_int.h - private to the KPI engine (app_kpi*.c): the ledger
 * snapshot cache an app holds, and a prepared request over it.
 *
 * The cache belongs to one app_t (app_int.h): computations hold its read
 * lock (app_kpi_cache_acquire .. app_kpi_cache_release); a reload, when the
 * ledger generation moved, holds the write lock. A reload maps the
 * persisted image valid for the current ledger state (app_kpi_file.h),
 * patches in the dossiers journaled by single writes, or rebuilds the
 * snapshot from the dossier table and persists it for the next process. */
#ifndef CCHC_APP_KPI_INT_H
#define CCHC_APP_KPI_INT_H

#include "app/app_kpi.h"
#include "app/app_kpi_file.h"
#include "domain/dossier_keymap.h"
#include "domain/kpi_snap.h"
#include "domain/procedure.h"
#include "domain/unit.h"

#include <pthread.h>

typedef struct app_kpi_cache {
    pthread_rwlock_t lock; /* kept by a clear (the fields from `generation` on are reset) */
    uint64_t patches;      /* refreshes done by patching (diagnostics), kept by a clear */
    int64_t generation;
    bool valid;
    kpi_snap_t *snap;    /* rebuilt from the database, or NULL */
    app_kpi_file_t file; /* or the mapped image */
    kpi_view_t *views;   /* by unit index: ncodes entries */
    unit_set_t units;
    char **codes; /* unit index -> code (owned) */
    uint32_t ncodes;
    size_t capcodes;
    dossier_keymap_t code_index;
    procedure_set_t procs;
    uint8_t *proc_flags;
    uint64_t procs_sum;  /* kpi_image_procs_sum of procs */
    uint32_t *link_unit; /* per procedure link: unit index (UINT32_MAX = unknown) */
    uint32_t *link_proc; /* per procedure link: procedure index */
    uint32_t nviews;     /* entries of views (ncodes when allocated) */
    uint8_t *owned;      /* per unit: its view is the snapshot's (patchable), not the image's */
} app_kpi_cache_t;

/* The cache of app a, up to date and read-locked: 0 or a status (nothing
 * locked then). Release with app_kpi_cache_release. */
MUST_CHECK int app_kpi_cache_acquire(app_t *a, app_kpi_cache_t **out, err_t *e);
void app_kpi_cache_release(app_kpi_cache_t *c);
/* A new empty cache (NULL when out of memory) and its end, for app.c. */
app_kpi_cache_t *app_kpi_cache_new(void);
void app_kpi_cache_free(app_kpi_cache_t *c);

/* A request prepared over the cache: the unit set, the procedure filter,
 * the feedback counts. */
typedef struct app_kpi_prepared {
    kpi_query_t q;
    uint8_t *select; /* procedure filter, NULL = all */
    uint8_t *in;     /* unit set */
    uint8_t *seen;   /* scratch: procedures counted */
    uint32_t *parent;
    date_t at;
    int64_t *fb; /* feedback.on_time: per unit index, answered and on time (2 each) */
} app_kpi_prepared_t;

/* Checks the request (period, unit, the actor's right to read it) and sets
 * up p; release with app_kpi_prepared_release even on failure. */
int app_kpi_prepare(const app_kpi_cache_t *c, const user_t *actor, const kpi_request_t *r,
                    app_kpi_prepared_t *p, err_t *e);
void app_kpi_prepared_release(app_kpi_prepared_t *p);
/* Marks in p->in the unit and, with tree, its subtree and the units merged
 * into them on or before p->at. */
void app_kpi_mark_units(const app_kpi_cache_t *c, const char *code, bool tree,
                        app_kpi_prepared_t *p);
/* Whether some version of the unit is valid during [from, to]. */
bool app_kpi_unit_active(const app_kpi_cache_t *c, const char *code, date_t from, date_t to);
/* Adds the catalogue counters of the procedures of the units in p->in. */
void app_kpi_add_catalog(const app_kpi_cache_t *c, const app_kpi_prepared_t *p, kpi_counts_t *k);
/* The counts of the unit set p->in. */
void app_kpi_count_set(const app_kpi_cache_t *c, const app_kpi_prepared_t *p, kpi_counts_t *k);

/* feedback.on_time (app_kpi_feedback.c): citizen feedback is not in the
 * dossier snapshot; the items answered in the period are read per request
 * and counted per unit index. Not counted under a procedure or field
 * filter. */
int app_kpi_feedback_prepare(app_t *a, const app_kpi_cache_t *c, app_kpi_prepared_t *p,
                             const kpi_request_t *r, err_t *e);
void app_kpi_feedback_add(const app_kpi_prepared_t *p, uint32_t u, kpi_counts_t *k);
/* Lists the feedback items behind feedback.on_time for the unit set as
 * JSON objects appended to out. */
int app_kpi_feedback_explain(app_t *a, const app_kpi_cache_t *c, app_kpi_prepared_t *p,
                             const kpi_request_t *r, buf_t *out, err_t *e);

#endif
