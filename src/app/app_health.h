/* app_health.h - whether this instance is fit to serve, for GET
 * /api/v1/health (issue 16 item 16): a load balancer takes an instance out
 * when the answer is not 200, and the answer says which check failed.
 *
 * Checks, each cheap enough for a probe every second:
 *  - "database": the database answers (the schema version is read on the
 *    calling thread's connection);
 *  - "database_writable": it takes writes (store_health_writable: file
 *    permissions or a read-only mount for SQLite, a standby or read-only
 *    default for PostgreSQL);
 *  - "disk": every directory the instance writes - the SQLite database's,
 *    the evidence store, the KPI cache - has at least min_free bytes free
 *    (statvfs of the directory or its nearest existing parent);
 *  - "workers": no piece of long work registered with app_health_work_begin
 *    (plan parsing and imports, snapshot builds, bulk ingests...) has been
 *    running for more than stuck_after seconds.
 * Limits: APP_HEALTH_MIN_FREE_DEFAULT and APP_HEALTH_STUCK_DEFAULT, changed
 * by $CCHC_HEALTH_MIN_FREE_MB and $CCHC_HEALTH_STUCK_SECONDS at app_open or
 * by app_health_set_limits. Messages never name a file-system path (the
 * endpoint is public). */
#ifndef CCHC_APP_HEALTH_H
#define CCHC_APP_HEALTH_H

#include "app/app.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_HEALTH_MIN_FREE_DEFAULT ((uint64_t)64 << 20) /* bytes */
#define APP_HEALTH_STUCK_DEFAULT    600                  /* seconds */
#define APP_HEALTH_WHY_MAX          160
#define APP_HEALTH_DISKS            3
#define APP_HEALTH_STUCK_MAX        8

typedef struct app_health_disk {
    const char *name; /* "database", "evidence", "cache" */
    bool ok;
    uint64_t free_bytes;
} app_health_disk_t;

typedef struct app_health_stuck {
    char kind[32];
    int64_t seconds;
} app_health_stuck_t;

typedef struct app_health_report {
    bool ok; /* every check passed */
    bool db_ok;
    char db_why[APP_HEALTH_WHY_MAX];
    bool db_writable;
    char ro_why[APP_HEALTH_WHY_MAX];
    bool disk_ok;
    app_health_disk_t disks[APP_HEALTH_DISKS];
    size_t ndisks;
    uint64_t min_free;
    bool workers_ok;
    app_health_stuck_t stuck[APP_HEALTH_STUCK_MAX];
    size_t nstuck;
    size_t running; /* pieces of work registered now */
    int stuck_after;
} app_health_report_t;

/* Runs every check; never fails (a check that cannot run counts as failed). */
void app_health_check(app_t *a, app_health_report_t *out);

/* min_free in bytes (0 = keep), stuck_after in seconds (<= 0 = keep). */
void app_health_set_limits(app_t *a, uint64_t min_free, int stuck_after);

/* Registers a piece of long work of kind ("plan.parse") on the calling
 * thread; returns a ticket for app_health_work_end, or -1 when the table is
 * full (the work goes on unwatched). Never fails the work. */
int app_health_work_begin(app_t *a, const char *kind);
void app_health_work_end(app_t *a, int ticket); /* -1 is a no-op */

/* The registry app_open makes and app_close frees (private to src/app). */
struct app_health_reg *app_health_reg_new(void);
void app_health_reg_free(struct app_health_reg *r);

#endif
