#include "app/app.h"

#include "base/log.h"
#include "base/mem.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

struct app {
    char *db_path;
    char *data_dir;
    int session_hours;
    char *evidence_dir;
    size_t evidence_max;
    pthread_key_t key;
};

static void close_conn(void *p)
{
    store_close(p);
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
    if (cfg->evidence_dir) {
        a->evidence_dir = mem_strdup(cfg->evidence_dir);
    } else if (a->data_dir) {
        size_t n = strlen(a->data_dir) + sizeof "/evidence";
        a->evidence_dir = mem_alloc(n);
        if (a->evidence_dir)
            snprintf(a->evidence_dir, n, "%s/evidence", a->data_dir);
    }
    if (!a->db_path || !a->data_dir || !a->evidence_dir ||
        pthread_key_create(&a->key, close_conn)) {
        mem_free(a->db_path);
        mem_free(a->data_dir);
        mem_free(a->evidence_dir);
        mem_free(a);
        return err_nomem(e);
    }
    store_t *s = app_store(a, e);
    int applied = 0;
    int rc = s ? store_migrate(s, &applied, e) : (e ? e->status : ERR_DB);
    if (rc) {
        app_close(a);
        return rc;
    }
    if (applied)
        log_info("database %s: %d migration(s) applied", a->db_path, applied);
    *out = a;
    return 0;
}

void app_close(app_t *a)
{
    if (!a)
        return;
    store_t *s = pthread_getspecific(a->key);
    if (s) {
        pthread_setspecific(a->key, NULL);
        store_close(s);
    }
    pthread_key_delete(a->key);
    mem_free(a->db_path);
    mem_free(a->data_dir);
    mem_free(a->evidence_dir);
    mem_free(a);
}

store_t *app_store(app_t *a, err_t *e)
{
    store_t *s = pthread_getspecific(a->key);
    if (s)
        return s;
    if (store_open(a->db_path, &s, e))
        return NULL;
    if (pthread_setspecific(a->key, s)) {
        store_close(s);
        err_nomem(e);
        return NULL;
    }
    return s;
}

const char *app_data_dir(const app_t *a)
{
    return a->data_dir;
}

const char *app_db_path(const app_t *a)
{
    return a->db_path;
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
