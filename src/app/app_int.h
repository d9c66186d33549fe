/* app_int.h - the application context, private to src/app: what app.c
 * owns and the use-case modules that keep per-app state (the KPI snapshot
 * cache, the agency calendar) hang off. */
#ifndef CCHC_APP_INT_H
#define CCHC_APP_INT_H

#include "app/app.h"
#include "domain/agencycal.h"

#include <pthread.h>

/* One thread's connection, registered in the app's list so that app_close
 * can close connections of threads that have not exited yet. */
struct conn {
    app_t *app;
    store_t *store;
    struct conn *next, *prev;
};

struct app {
    char *db_path;
    char *data_dir;
    int session_hours;
    char *evidence_dir;
    size_t evidence_max;
    int lookup_factor;
    pthread_key_t key;
    struct throttle *throttle;
    pthread_mutex_t mu; /* guards conns */
    struct conn *conns;
    struct app_kpi_cache *kpi;     /* the ledger snapshot (app_kpi_cache.c) */
    pthread_mutex_t cal_mu;        /* guards cal */
    agencycal_t *cal;              /* the agency calendar, loaded on first use (app_calendar.c) */
    struct app_health_reg *health; /* running work and limits (app_health.c) */
};

#endif
