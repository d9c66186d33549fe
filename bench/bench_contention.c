/* bench_contention.c - interactive API writes during a bulk ingest (issue
 * 16 item 14): how long does POST /api/v1/dossiers wait while `cchc
 * ingest dossiers` loads BENCH_CONTENTION_DOSSIERS rows (default 1,000,000)
 * into the same database?
 *
 * For each mode, a fresh database (1,000 units, 2,000 procedures from
 * `cchc gen`), one `cchc serve`, WRITERS client threads each creating a
 * dossier every THINK_MS through the API, first alone for BASE_S seconds
 * (the baseline), then during the ingest run as a separate process. Modes:
 * "whole batches" (--slice-ms -1: the ingest held the lock for 250,000 rows
 * at a time, as before) and "slices" (the default: at most ~100 ms, then
 * the lock is handed over). Prints p50, p99 and the longest wait of the API
 * writes and how many failed (503 db.busy), and the ingest's wall time.
 * SQLite by default; with CCHC_TEST_DB set (scripts/pg_cluster.sh run) also
 * PostgreSQL. The machine is shared: compare the columns of one run.
 * Prints figures; asserts nothing. Run from the repository root. */
#include "base/buf.h"
#include "bench_util.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define WRITERS   2
#define THINK_MS  20
#define BASE_S    3
#define MAX_WRITE 200000

static char g_dir[64], g_bin[1200], g_data[1200], g_proc[80], g_unit[80];
static long g_n;

/* Runs cmd (sh -c); its wall time; exits the benchmark when it fails. */
static double run(const char *cmd)
{
    double t0 = bench_now();
    int st = system(cmd);
    if (st != 0) {
        fprintf(stderr, "command failed (%d): %s\n", st, cmd);
        exit(1);
    }
    return bench_now() - t0;
}

typedef struct load {
    uint16_t port;
    char cookie[512];
    atomic_int stop;
    int phase; /* 0 baseline, 1 during the ingest */
    pthread_mutex_t mu;
    double lat[2][MAX_WRITE];
    size_t nlat[2];
    long errors[2], busy[2];
    int next;
} load_t;

static void *writer(void *arg)
{
    load_t *l = arg;
    buf_t resp;
    buf_init(&resp, 1u << 20);
    pthread_mutex_lock(&l->mu);
    int me = l->next++;
    pthread_mutex_unlock(&l->mu);
    int fd = bench_dial(l->port);
    char hdr[640];
    snprintf(hdr, sizeof hdr, "%sContent-Type: application/json\r\n", l->cookie);
    for (long i = 0; !atomic_load(&l->stop); i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"MaHoSo\":\"BENCH-%d-%ld-%d\",\"MaTTHC\":\"%s\",\"MaDonVi\":\"%s\","
                 "\"KenhThucHien\":1,\"NgayTiepNhan\":\"2024-06-03 09:00\"}",
                 me, i, l->phase, g_proc, g_unit);
        double t0 = bench_now();
        int st = fd < 0 ? -1 : bench_request(fd, "POST", "/api/v1/dossiers", hdr, body, &resp);
        double ms = (bench_now() - t0) * 1000;
        pthread_mutex_lock(&l->mu);
        int ph = l->phase;
        if (l->nlat[ph] < MAX_WRITE)
            l->lat[ph][l->nlat[ph]++] = ms;
        if (st != 201) {
            l->errors[ph]++;
            l->busy[ph] += st == 503;
        }
        pthread_mutex_unlock(&l->mu);
        if (st < 0) {
            if (fd >= 0)
                close(fd);
            fd = bench_dial(l->port);
        }
        struct timespec ts = {0, THINK_MS * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (fd >= 0)
        close(fd);
    buf_release(&resp);
    return NULL;
}

static void login(load_t *l, const char *password)
{
    buf_t resp;
    buf_init(&resp, 1u << 20);
    char body[256];
    snprintf(body, sizeof body, "{\"login\":\"admin\",\"password\":\"%s\"}", password);
    int fd = bench_dial(l->port);
    if (fd < 0 || bench_request(fd, "POST", "/api/v1/login", "Content-Type: application/json\r\n",
                                body, &resp) != 200) {
        fprintf(stderr, "login failed\n");
        exit(1);
    }
    const char *sc = strcasestr(resp.data, "\r\nSet-Cookie: ");
    if (sc)
        snprintf(l->cookie, sizeof l->cookie, "Cookie: %.*s\r\n", (int)strcspn(sc + 14, ";\r"),
                 sc + 14);
    close(fd);
    buf_release(&resp);
}

/* The admin's generated password, from `cchc user add`'s output file. */
static void password_of(const char *file, char *out, size_t cap)
{
    FILE *f = fopen(file, "r");
    char line[256];
    out[0] = '\0';
    while (f && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "password: ");
        if (p)
            snprintf(out, cap, "%.*s", (int)strcspn(p + 10, "\r\n"), p + 10);
    }
    if (f)
        fclose(f);
}

typedef struct result {
    double p50[2], p99[2], max[2], ingest_s;
    size_t n[2];
    long errors[2], busy[2];
} result_t;

static void mode(const char *db, const char *name, const char *ingest_opts, result_t *r)
{
    char cmd[16384], pw[128];
    snprintf(cmd, sizeof cmd,
             "%s --log-level warn --data %s --db '%s' unit import %s/u.csv %s/l.csv >/dev/null && "
             "%s --log-level warn --data %s --db '%s' ingest procedures %s/p.csv >/dev/null && "
             "%s --log-level warn --data %s --db '%s' user add admin --role admin > %s/pw-%s.txt",
             g_bin, g_data, db, g_dir, g_dir, g_bin, g_data, db, g_dir, g_bin, g_data, db, g_dir,
             name);
    run(cmd);
    snprintf(cmd, sizeof cmd, "%s/pw-%s.txt", g_dir, name);
    password_of(cmd, pw, sizeof pw);
    load_t *l = calloc(1, sizeof *l);
    char log[256];
    snprintf(log, sizeof log, "%s/%s.log", g_dir, name);
    pid_t srv = bench_serve(g_bin, g_data, db, log, "4", &l->port);
    if (!l->port) {
        fprintf(stderr, "%s: the server did not start\n", name);
        exit(1);
    }
    login(l, pw);
    pthread_mutex_init(&l->mu, NULL);
    pthread_t th[WRITERS];
    for (int i = 0; i < WRITERS; i++)
        pthread_create(&th[i], NULL, writer, l);
    sleep(BASE_S);
    pthread_mutex_lock(&l->mu);
    l->phase = 1;
    pthread_mutex_unlock(&l->mu);
    snprintf(cmd, sizeof cmd,
             "%s --log-level warn --data %s --db '%s' ingest dossiers %s/d.csv %s >/dev/null",
             g_bin, g_data, db, g_dir, ingest_opts);
    r->ingest_s = run(cmd);
    atomic_store(&l->stop, 1);
    for (int i = 0; i < WRITERS; i++)
        pthread_join(th[i], NULL);
    kill(srv, SIGTERM);
    waitpid(srv, NULL, 0);
    for (int p = 0; p < 2; p++) {
        r->n[p] = l->nlat[p];
        r->errors[p] = l->errors[p];
        r->busy[p] = l->busy[p];
        r->p50[p] = bench_pct(l->lat[p], l->nlat[p], 50);
        r->p99[p] = bench_pct(l->lat[p], l->nlat[p], 99);
        r->max[p] = l->nlat[p] ? l->lat[p][l->nlat[p] - 1] : 0;
    }
    free(l);
}

static void print(const char *engine, const char *name, const result_t *r)
{
    printf("  %-10s %-14s ingest %6.1f s | alone: p50 %6.1f p99 %7.1f max %7.1f ms (%zu) | "
           "during: p50 %6.1f p99 %7.1f max %7.1f ms (%zu), failed %ld (503: %ld)\n",
           engine, name, r->ingest_s, r->p50[0], r->p99[0], r->max[0], r->n[0], r->p50[1],
           r->p99[1], r->max[1], r->n[1], r->errors[1], r->busy[1]);
    fflush(stdout);
}

/* A procedure and a unit that provides it, from the first generated row. */
static void pick_codes(void)
{
    char path[256], line[4096];
    snprintf(path, sizeof path, "%s/d.csv", g_dir);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(line, sizeof line, f) || !fgets(line, sizeof line, f)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL,
         *c3 = c2 ? strchr(c2 + 1, ',') : NULL;
    if (!c3)
        exit(1);
    snprintf(g_proc, sizeof g_proc, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
    snprintf(g_unit, sizeof g_unit, "%.*s", (int)(c3 - c2 - 1), c2 + 1);
}

int main(void)
{
    const char *env = getenv("BENCH_CONTENTION_DOSSIERS");
    g_n = env && *env ? strtol(env, NULL, 10) : 1000000;
    snprintf(g_dir, sizeof g_dir, "/tmp/cchc_bench_cont_XXXXXX");
    char cwd[1024];
    if (!mkdtemp(g_dir) || !getcwd(cwd, sizeof cwd))
        return 1;
    setenv("CCHC_CACHE_DIR", g_dir, 1);
    snprintf(g_bin, sizeof g_bin, "%s/build/rel/cchc", cwd);
    snprintf(g_data, sizeof g_data, "%s/data", cwd);
    printf("contention: %d API writers (a dossier each every %d ms) during an ingest of %ld "
           "dossiers (%s)\n",
           WRITERS, THINK_MS, g_n, g_dir);
    fflush(stdout); /* before the forks */
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "%s gen dossiers --units 1000 --procedures 2000 --dossiers %ld --year 2024 --seed 1 "
             "--out %s/d.csv --units-out %s/u.csv --links-out %s/l.csv --procedures-out %s/p.csv",
             g_bin, g_n, g_dir, g_dir, g_dir, g_dir);
    run(cmd);
    pick_codes();
    static const struct {
        const char *name, *opts;
    } modes[] = {{"whole-batches", "--slice-ms -1"}, {"slices", ""}};
    for (int m = 0; m < 2; m++) {
        char db[256];
        snprintf(db, sizeof db, "%s/%d.db", g_dir, m);
        result_t r;
        memset(&r, 0, sizeof r);
        mode(db, modes[m].name, modes[m].opts, &r);
        print("SQLite", modes[m].name, &r);
    }
    if (getenv("CCHC_TEST_DB")) {
        for (int m = 0; m < 2; m++) {
            char db[1024], name[32];
            snprintf(name, sizeof name, "bench_cont_%d", m);
            bench_pg_database(name, db, sizeof db);
            result_t r;
            memset(&r, 0, sizeof r);
            mode(db, modes[m].name, modes[m].opts, &r);
            print("PostgreSQL", modes[m].name, &r);
        }
    }
    if (getenv("BENCH_KEEP")) /* the servers' logs, for a closer look */
        return 0;
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    return system(cmd) == 0 ? 0 : 1;
}
