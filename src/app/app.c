#include "app/app.h"
#include "app/app_int.h"

#include "base/log.h"
#include "app/app_health.h"
#include "app/app_kpi_int.h"
#include "app/throttle.h"
#include "base/mem.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static void unlink_conn(app_t *a, struct conn *c)
{
    pthread_mutex_lock(&a->mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        a->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&a->mu);
}

/* pthread key destructor: the thread is exiting. */
static void close_conn(void *p)
{
    struct conn *c = p;
    unlink_conn(c->app, c);
    store_close(c->store);
    mem_free(c);
}

int app_open(const app_config_t *cfg, app_t **out, err_t *e)
{
    *out = NULL;
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "app.sodium", "Không khởi tạo được libsodium",
                       "libsodium failed to initialise");
    app_t *a = mem_calloc(1, sizeof *a);
    if (!a)
        return err_nomem(e);
    a->db_path = mem_strdup(cfg->db_path);
    a->data_dir = mem_strdup(cfg->data_dir ? cfg->data_dir : "data");
    a->session_hours = cfg->session_hours > 0 ? cfg->session_hours : 8;
    a->evidence_max = cfg->evidence_max ? cfg->evidence_max : APP_EVIDENCE_MAX_DEFAULT;
    a->lookup_factor = cfg->lookup_factor;
    if (cfg->evidence_dir) {
        a->evidence_dir = mem_strdup(cfg->evidence_dir);
    } else if (a->data_dir) {
        size_t n = strlen(a->data_dir) + sizeof "/evidence";
        a->evidence_dir = mem_alloc(n);
        if (a->evidence_dir)
            snprintf(a->evidence_dir, n, "%s/evidence", a->data_dir);
    }
    a->throttle = throttle_new();
    a->kpi = app_kpi_cache_new();
    a->health = app_health_reg_new();
    if (!a->db_path || !a->data_dir || !a->evidence_dir || !a->throttle || !a->kpi || !a->health ||
        pthread_mutex_init(&a->mu, NULL) || pthread_mutex_init(&a->cal_mu, NULL) ||
        pthread_key_create(&a->key, close_conn)) {
        throttle_free(a->throttle);
        app_kpi_cache_free(a->kpi);
        app_health_reg_free(a->health);
        mem_free(a->db_path);
        mem_free(a->data_dir);
        mem_free(a->evidence_dir);
        mem_free(a);
        return err_nomem(e);
    }
    store_t *s;
    int applied = 0;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_migrate(s, &applied, e);
    if (rc) {
        app_close(a);
        return rc;
    }
    if (applied) {
        char where[512];
        store_location_redact(a->db_path, where, sizeof where);
        log_info("database %s: %d migration(s) applied", where, applied);
    }
    *out = a;
    return 0;
}

void app_close(app_t *a)
{
    if (!a)
        return;
    struct conn *mine = pthread_getspecific(a->key);
    if (mine) {
        pthread_setspecific(a->key, NULL);
        close_conn(mine);
    }
    /* Threads still alive keep a dangling key slot; pthread_key_delete
     * means their destructor will not run, so close their connections
     * here. Using the app after app_close is a programming error. */
    pthread_key_delete(a->key);
    for (struct conn *c = a->conns; c;) {
        struct conn *next = c->next;
        log_warn("closing a database connection of a thread still running");
        store_close(c->store);
        mem_free(c);
        c = next;
    }
    pthread_mutex_destroy(&a->mu);
    pthread_mutex_destroy(&a->cal_mu);
    app_kpi_cache_free(a->kpi);
    app_health_reg_free(a->health);
    agencycal_free(a->cal);
    throttle_free(a->throttle);
    mem_free(a->db_path);
    mem_free(a->data_dir);
    mem_free(a->evidence_dir);
    mem_free(a);
}

int app_store(app_t *a, store_t **out, err_t *e)
{
    *out = NULL;
    struct conn *c = pthread_getspecific(a->key);
    if (c) {
        *out = c->store;
        return 0;
    }
    c = mem_calloc(1, sizeof *c);
    if (!c)
        return err_nomem(e);
    c->app = a;
    int rc = store_open(a->db_path, &c->store, e);
    if (rc) {
        mem_free(c);
        return rc;
    }
    if (pthread_setspecific(a->key, c)) {
        store_close(c->store);
        mem_free(c);
        return err_nomem(e);
    }
    pthread_mutex_lock(&a->mu);
    c->next = a->conns;
    if (a->conns)
        a->conns->prev = c;
    a->conns = c;
    pthread_mutex_unlock(&a->mu);
    *out = c->store;
    return 0;
}

const char *app_data_dir(const app_t *a)
{
    return a->data_dir;
}

const char *app_db_path(const app_t *a)
{
    return a->db_path;
}

struct throttle *app_throttle(app_t *a)
{
    return a->throttle;
}

int app_session_hours(const app_t *a)
{
    return a->session_hours;
}

const char *app_evidence_dir(const app_t *a)
{
    return a->evidence_dir;
}

size_t app_evidence_max(const app_t *a)
{
    return a->evidence_max;
}

int app_lookup_factor(const app_t *a)
{
    return a->lookup_factor;
}
