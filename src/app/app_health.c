/* app_health.c - the health checks (app_health.h). */
#include "app/app_health.h"

#include "app/app_int.h"
#include "base/mem.h"
#include "store/store_health.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "base/banned.h"

#define SLOTS 64

struct app_health_reg {
    pthread_mutex_t mu; /* guards everything below */
    uint64_t min_free;
    int stuck_after;
    struct {
        bool used;
        char kind[32];
        int64_t started; /* monotonic seconds */
    } slot[SLOTS];
};

static int64_t mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

/* A positive integer from the environment, or def. */
static int64_t env_num(const char *name, int64_t def)
{
    const char *v = getenv(name);
    char *end = NULL;
    long long x = v && *v ? strtoll(v, &end, 10) : 0;
    return v && *v && !*end && x > 0 ? x : def;
}

struct app_health_reg *app_health_reg_new(void)
{
    struct app_health_reg *r = mem_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (pthread_mutex_init(&r->mu, NULL)) {
        mem_free(r);
        return NULL;
    }
    r->min_free =
        (uint64_t)env_num("CCHC_HEALTH_MIN_FREE_MB", (int64_t)(APP_HEALTH_MIN_FREE_DEFAULT >> 20))
        << 20;
    r->stuck_after = (int)env_num("CCHC_HEALTH_STUCK_SECONDS", APP_HEALTH_STUCK_DEFAULT);
    return r;
}

void app_health_reg_free(struct app_health_reg *r)
{
    if (!r)
        return;
    pthread_mutex_destroy(&r->mu);
    mem_free(r);
}

void app_health_set_limits(app_t *a, uint64_t min_free, int stuck_after)
{
    struct app_health_reg *r = a->health;
    pthread_mutex_lock(&r->mu);
    if (min_free)
        r->min_free = min_free;
    if (stuck_after > 0)
        r->stuck_after = stuck_after;
    pthread_mutex_unlock(&r->mu);
}

int app_health_work_begin(app_t *a, const char *kind)
{
    struct app_health_reg *r = a->health;
    int ticket = -1;
    pthread_mutex_lock(&r->mu);
    for (int i = 0; i < SLOTS && ticket < 0; i++)
        if (!r->slot[i].used) {
            r->slot[i].used = true;
            snprintf(r->slot[i].kind, sizeof r->slot[i].kind, "%s", kind);
            r->slot[i].started = mono_now();
            ticket = i;
        }
    pthread_mutex_unlock(&r->mu);
    return ticket;
}

void app_health_work_end(app_t *a, int ticket)
{
    struct app_health_reg *r = a->health;
    if (ticket < 0 || ticket >= SLOTS)
        return;
    pthread_mutex_lock(&r->mu);
    r->slot[ticket].used = false;
    pthread_mutex_unlock(&r->mu);
}

static void check_workers(struct app_health_reg *r, app_health_report_t *out)
{
    int64_t now = mono_now();
    pthread_mutex_lock(&r->mu);
    out->stuck_after = r->stuck_after;
    out->min_free = r->min_free;
    for (int i = 0; i < SLOTS; i++) {
        if (!r->slot[i].used)
            continue;
        out->running++;
        int64_t age = now - r->slot[i].started;
        if (age >= r->stuck_after && out->nstuck < APP_HEALTH_STUCK_MAX) {
            app_health_stuck_t *s = &out->stuck[out->nstuck++];
            snprintf(s->kind, sizeof s->kind, "%s", r->slot[i].kind);
            s->seconds = age;
        }
    }
    pthread_mutex_unlock(&r->mu);
    out->workers_ok = out->nstuck == 0;
}

/* Free bytes on the file system of dir, or of its nearest existing parent
 * (a directory not made yet will be made where its parent lives). */
static bool free_bytes(const char *dir, uint64_t *out)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", dir && *dir ? dir : ".");
    for (;;) {
        struct statvfs v;
        if (statvfs(p, &v) == 0) {
            *out = (uint64_t)v.f_bavail * (uint64_t)v.f_frsize;
            return true;
        }
        char *slash = strrchr(p, '/');
        if (!slash && strcmp(p, ".") == 0)
            return false;
        if (!slash)
            snprintf(p, sizeof p, ".");
        else if (slash == p && p[1])
            p[1] = '\0';
        else if (slash == p)
            return false;
        else
            *slash = '\0';
    }
}

static void dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

static void disk(app_health_report_t *out, const char *name, const char *dir)
{
    app_health_disk_t *d = &out->disks[out->ndisks++];
    d->name = name;
    d->ok = free_bytes(dir, &d->free_bytes) && d->free_bytes >= out->min_free;
}

static void check_disks(app_t *a, app_health_report_t *out)
{
    char dir[4096];
    if (!store_location_is_pg(a->db_path)) {
        dir_of(a->db_path, dir, sizeof dir);
        disk(out, "database", dir);
    }
    disk(out, "evidence", a->evidence_dir);
    char cache[4096];
    err_t ignored;
    if (store_cache_path(a->db_path, ".kpi", cache, sizeof cache, &ignored) == 0) {
        dir_of(cache, dir, sizeof dir);
        disk(out, "cache", dir);
    }
    out->disk_ok = true;
    for (size_t i = 0; i < out->ndisks; i++)
        out->disk_ok &= out->disks[i].ok;
}

static void check_database(app_t *a, app_health_report_t *out)
{
    store_t *s;
    err_t e;
    int64_t version = 0;
    int rc = app_store(a, &s, &e);
    /* a read only (store_schema_version would create its table: a write) */
    if (!rc)
        rc = store_query_int(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &version,
                             &e);
    out->db_ok = rc == 0;
    if (rc) {
        snprintf(out->db_why, sizeof out->db_why, "%s", e.code);
        snprintf(out->ro_why, sizeof out->ro_why, "the database does not answer");
        return;
    }
    rc = store_health_writable(s, a->db_path, &out->db_writable, out->ro_why, sizeof out->ro_why,
                               &e);
    if (rc) {
        out->db_writable = false;
        snprintf(out->ro_why, sizeof out->ro_why, "%s", e.code);
    }
}

void app_health_check(app_t *a, app_health_report_t *out)
{
    memset(out, 0, sizeof *out);
    check_workers(a->health, out);
    check_database(a, out);
    check_disks(a, out);
    out->ok = out->db_ok && out->db_writable && out->disk_ok && out->workers_ok;
}
