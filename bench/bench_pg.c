/* bench_pg.c - SQLite and PostgreSQL side by side on the same data, in one
 * run (make bench starts a throwaway cluster: scripts/pg_cluster.sh run).
 *
 * Data from `cchc gen` (1,000 units, 2,000 procedures, BENCH_PG_DOSSIERS
 * dossiers of 2024, default 1,000,000) plus the demo plan of T01. For each
 * engine: the bulk ingest (wall time, rows/s, and CPU per row: the cchc
 * process plus, for PostgreSQL, the server processes it used, read from the
 * postmaster's reaped-children times); `kpi --all` cold in a fresh process
 * with the snapshot image and without it (rebuild from the dossier table);
 * warm in process (all units, then T01 with its subtree); and the six API
 * calls of the unit dashboard under 32 concurrent keep-alive clients
 * against one `cchc serve` (p50, p99, errors, requests/s). The machine is
 * shared: figures move between runs, compare the columns of one run.
 * Prints figures; asserts nothing. Run from the repository root. */
#include "app/app.h"
#include "app/app_kpi.h"
#include "base/buf.h"
#include "bench_util.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define CLIENTS 32
#define ROUNDS  10 /* dashboard loads per client */

typedef struct result {
    double ingest_s, ingest_cpu_us, cold_s, rebuild_s, warm_all_s, warm_t01_ms;
    double p50_ms, p99_ms, rps;
    long errors, requests;
} result_t;

static char g_dir[64], g_bin[1200], g_data[1200];
static long g_n;

/* Runs cmd (sh -c); seconds of wall time, *cpu the child's CPU seconds. */
static double run(const char *cmd, double *cpu)
{
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    wait4(pid, &status, 0, &ru);
    double t = bench_now() - t0;
    if (cpu)
        *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "command failed (%d): %s\n", status, cmd);
        exit(1);
    }
    return t;
}

/* CPU seconds of the cluster's exited processes (the postmaster reaps its
 * backends: their times add to its children's). 0 without a cluster. */
static double server_cpu(void)
{
    const char *dir = getenv("CCHC_TEST_PG");
    char path[1200], line[2048];
    if (!dir)
        return 0;
    snprintf(path, sizeof path, "%s/data/postmaster.pid", dir);
    FILE *f = fopen(path, "r");
    long pid = 0;
    if (f && fgets(line, sizeof line, f))
        pid = strtol(line, NULL, 10);
    if (f)
        fclose(f);
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    f = fopen(path, "r");
    if (!f || !fgets(line, sizeof line, f)) {
        if (f)
            fclose(f);
        return 0;
    }
    fclose(f);
    /* Fields after the command (in parentheses): cutime is 16th, cstime 17th. */
    const char *p = strrchr(line, ')');
    long v[20] = {0};
    for (int i = 3; p && i <= 17; i++) {
        p = strchr(p + 1, ' ');
        if (p)
            v[i] = strtol(p + 1, NULL, 10);
    }
    return (double)(v[16] + v[17]) / (double)sysconf(_SC_CLK_TCK);
}

/* server_cpu once the backends of a finished command have exited (they are
 * reaped a little after the client's disconnect): read until it stays the
 * same for 300 ms, 3 s at most. */
static double server_cpu_settled(void)
{
    double v = server_cpu();
    for (int i = 0, same = 0; i < 30 && same < 3; i++) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        double w = server_cpu();
        same = w == v ? same + 1 : 0;
        v = w;
    }
    return v;
}

static void cchc(const char *db, const char *args, double *t, double *cpu)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s --log-level warn --data %s --db '%s' %s >/dev/null", g_bin,
             g_data, db, args);
    double tt = run(cmd, cpu);
    if (t)
        *t = tt;
}

/* --- the dashboard under load ------------------------------------------------ */

typedef struct load {
    uint16_t port;
    const char *cookie;
    double *lat; /* CLIENTS * ROUNDS * 6 latencies, ms */
    long errors;
    int next; /* clients started */
    pthread_mutex_t mu;
} load_t;

static const char *const DASH[] = {
    "/api/v1/targets/summary?unit=T01&year=2024",
    "/api/v1/progress?unit=T01&year=2024&tree=1",
    "/api/v1/tasks/overdue?unit=T01&tree=1&year=2024&limit=8",
    "/api/v1/tasks/due-soon?unit=T01&tree=1&year=2024&limit=8&days=5",
    "/api/v1/index766?period=2024&unit=T01",
    "/api/v1/kpi/trend?unit=T01&year=2024",
};
#define NDASH 6

static void *client(void *arg)
{
    load_t *l = arg;
    buf_t resp;
    buf_init(&resp, 64u << 20);
    int fd = bench_dial(l->port);
    pthread_mutex_lock(&l->mu);
    int me = l->next++;
    pthread_mutex_unlock(&l->mu);
    long errors = 0;
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < NDASH; i++) {
            double t0 = bench_now();
            int st = fd < 0 ? -1 : bench_request(fd, "GET", DASH[i], l->cookie, NULL, &resp);
            if (st != 200) {
                errors++;
                if (fd >= 0)
                    close(fd);
                fd = bench_dial(l->port);
            }
            l->lat[((size_t)me * ROUNDS + (size_t)r) * NDASH + (size_t)i] =
                (bench_now() - t0) * 1000;
        }
    if (fd >= 0)
        close(fd);
    buf_release(&resp);
    pthread_mutex_lock(&l->mu);
    l->errors += errors;
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

static void dashboard(const char *db, const char *name, const char *password, result_t *r)
{
    uint16_t port;
    char log[256];
    snprintf(log, sizeof log, "%s/%s.log", g_dir, name);
    pid_t pid = bench_serve(g_bin, g_data, db, log, NULL, &port);
    if (!port) {
        fprintf(stderr, "%s: the server did not start\n", name);
        exit(1);
    }
    buf_t resp;
    buf_init(&resp, 1u << 20);
    char body[256], cookie[512] = "";
    snprintf(body, sizeof body, "{\"login\":\"admin\",\"password\":\"%s\"}", password);
    int fd = bench_dial(port);
    if (fd < 0 || bench_request(fd, "POST", "/api/v1/login", "Content-Type: application/json\r\n",
                                body, &resp) != 200) {
        fprintf(stderr, "%s: login failed\n", name);
        exit(1);
    }
    const char *sc = strcasestr(resp.data, "\r\nSet-Cookie: ");
    if (sc)
        snprintf(cookie, sizeof cookie, "Cookie: %.*s\r\n", (int)strcspn(sc + 14, ";\r"), sc + 14);
    close(fd);
    buf_release(&resp);
    size_t nlat = (size_t)CLIENTS * ROUNDS * NDASH;
    load_t l = {.port = port, .cookie = cookie, .lat = calloc(nlat, sizeof(double))};
    pthread_mutex_init(&l.mu, NULL);
    pthread_t th[CLIENTS];
    double t0 = bench_now();
    for (int i = 0; i < CLIENTS; i++)
        pthread_create(&th[i], NULL, client, &l);
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(th[i], NULL);
    double t = bench_now() - t0;
    qsort(l.lat, nlat, sizeof(double), bench_cmp_double);
    r->p50_ms = l.lat[nlat / 2];
    r->p99_ms = l.lat[nlat * 99 / 100];
    r->requests = (long)nlat;
    r->errors = l.errors;
    r->rps = (double)nlat / t;
    free(l.lat);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

/* --- one engine -------------------------------------------------------------------- */

static void warm(const char *db, result_t *r)
{
    app_config_t cfg = {.db_path = db, .data_dir = g_data};
    app_t *a;
    err_t e;
    if (app_open(&cfg, &a, &e)) {
        fprintf(stderr, "%s\n", e.en);
        exit(1);
    }
    kpi_request_t q = {0};
    q.from = date_from_ymd(2024, 1, 1);
    q.to = date_from_ymd(2024, 12, 31);
    q.as_of = dtime_make(date_from_ymd(2025, 1, 1), 0, 0, 0);
    q.tree_at = DATE_NONE;
    buf_t out;
    buf_init(&out, 1u << 30);
    if (app_kpi_all(a, NULL, &q, &out, &e)) /* loads the snapshot */
        fprintf(stderr, "kpi: %s\n", e.en);
    buf_reset(&out);
    double t0 = bench_now();
    if (app_kpi_all(a, NULL, &q, &out, &e))
        fprintf(stderr, "kpi: %s\n", e.en);
    r->warm_all_s = bench_now() - t0;
    buf_release(&out);
    q.unit = "T01";
    q.tree = true;
    kpi_counts_t k;
    t0 = bench_now();
    for (int i = 0; i < 20; i++)
        if (app_kpi_compute(a, NULL, &q, &k, &e))
            fprintf(stderr, "kpi: %s\n", e.en);
    r->warm_t01_ms = (bench_now() - t0) * 1000 / 20;
    app_close(a);
}

static void engine(const char *db, const char *name, result_t *r)
{
    char args[2048];
    printf("  %s: loading registry, catalogue and plan...\n", name);
    fflush(stdout);
    snprintf(args, sizeof args, "unit import %s/u.csv %s/l.csv", g_dir, g_dir);
    cchc(db, args, NULL, NULL);
    snprintf(args, sizeof args, "ingest procedures %s/p.csv", g_dir);
    cchc(db, args, NULL, NULL);
    snprintf(args, sizeof args, "plan import %s/demo/ke-hoach-cchc-T01-2024.txt --unit T01",
             g_data);
    cchc(db, args, NULL, NULL);
    double cpu = 0, s0 = server_cpu_settled();
    snprintf(args, sizeof args, "ingest dossiers %s/d.csv", g_dir);
    cchc(db, args, &r->ingest_s, &cpu);
    r->ingest_cpu_us = (cpu + server_cpu_settled() - s0) * 1e6 / (double)g_n;
    cchc(db, "kpi --all --period 2024 --as-of '2025-01-01 00:00' --json", &r->cold_s, NULL);
    char image[1200];
    if (store_cache_path(db, ".kpi", image, sizeof image, NULL) == 0)
        unlink(image);
    cchc(db, "kpi --all --period 2024 --as-of '2025-01-01 00:00' --json", &r->rebuild_s, NULL);
    warm(db, r);
    char cmd[4096], password[128] = "";
    snprintf(cmd, sizeof cmd,
             "%s --log-level warn --db '%s' user add admin --role admin > %s/pw-%s.txt", g_bin, db,
             g_dir, name);
    run(cmd, NULL);
    snprintf(cmd, sizeof cmd, "%s/pw-%s.txt", g_dir, name);
    FILE *f = fopen(cmd, "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "password: ");
        if (p)
            snprintf(password, sizeof password, "%.*s", (int)strcspn(p + 10, "\r\n"), p + 10);
    }
    if (f)
        fclose(f);
    dashboard(db, name, password, r);
}

int main(void)
{
    const char *env = getenv("BENCH_PG_DOSSIERS");
    g_n = env && *env ? strtol(env, NULL, 10) : 1000000;
    if (!getenv("CCHC_TEST_DB")) {
        fprintf(stderr, "bench_pg: run through scripts/pg_cluster.sh run (make bench does)\n");
        return 1;
    }
    snprintf(g_dir, sizeof g_dir, "/tmp/cchc_bench_pg_XXXXXX");
    char cwd[1024];
    if (!mkdtemp(g_dir) || !getcwd(cwd, sizeof cwd))
        return 1;
    setenv("CCHC_CACHE_DIR", g_dir, 1);
    snprintf(g_bin, sizeof g_bin, "%s/build/rel/cchc", cwd);
    snprintf(g_data, sizeof g_data, "%s/data", cwd);
    printf("storage benchmark: SQLite and PostgreSQL, 1000 units, 2000 procedures, %ld dossiers, "
           "%d clients (%s)\n",
           g_n, CLIENTS, g_dir);
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "%s gen dossiers --units 1000 --procedures 2000 --dossiers %ld --year 2024 --seed 1 "
             "--out %s/d.csv --units-out %s/u.csv --links-out %s/l.csv --procedures-out %s/p.csv",
             g_bin, g_n, g_dir, g_dir, g_dir, g_dir);
    run(cmd, NULL);
    char lite[256], pgdb[1024];
    snprintf(lite, sizeof lite, "%s/l.db", g_dir);
    bench_pg_database("bench_pg", pgdb, sizeof pgdb);
    result_t r[2];
    memset(r, 0, sizeof r);
    engine(lite, "sqlite", &r[0]);
    engine(pgdb, "postgresql", &r[1]);

    printf("                                      %14s %14s\n", "SQLite", "PostgreSQL");
    printf("  ingest, wall                      %12.2f s %12.2f s\n", r[0].ingest_s, r[1].ingest_s);
    printf("  ingest, rows/s                    %14.0f %14.0f\n", (double)g_n / r[0].ingest_s,
           (double)g_n / r[1].ingest_s);
    printf("  ingest, CPU per row (all procs)   %11.2f us %11.2f us\n", r[0].ingest_cpu_us,
           r[1].ingest_cpu_us);
    printf("  kpi --all, cold (image)           %12.3f s %12.3f s\n", r[0].cold_s, r[1].cold_s);
    printf("  kpi --all, cold (rebuild)         %12.3f s %12.3f s\n", r[0].rebuild_s,
           r[1].rebuild_s);
    printf("  kpi all units, warm               %12.3f s %12.3f s\n", r[0].warm_all_s,
           r[1].warm_all_s);
    printf("  kpi T01 + subtree, warm           %11.2f ms %11.2f ms\n", r[0].warm_t01_ms,
           r[1].warm_t01_ms);
    printf("  dashboard API, %d clients: p50    %11.2f ms %11.2f ms\n", CLIENTS, r[0].p50_ms,
           r[1].p50_ms);
    printf("  dashboard API, %d clients: p99    %11.2f ms %11.2f ms\n", CLIENTS, r[0].p99_ms,
           r[1].p99_ms);
    printf("  dashboard API, requests/s         %14.0f %14.0f\n", r[0].rps, r[1].rps);
    printf("  dashboard API, errors             %8ld / %-5ld %8ld / %-5ld\n", r[0].errors,
           r[0].requests, r[1].errors, r[1].requests);
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    return system(cmd) == 0 ? 0 : 1;
}
