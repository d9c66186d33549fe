/* bench_report.c - periodic reports at province scale (issue 12).
 *
 * On data from `cchc gen` (~100 units: the province T01, its departments,
 * districts and communes; BENCH_DOSSIERS dossiers of 2024, default
 * 5,000,000): the province's consolidated annual report (figures over its
 * whole tree: one-stop table in total and per field, tasks, targets, 766,
 * senders) opened in a fresh process as the API does (the first request
 * pays the KPI snapshot load from the image the ingest wrote), then again
 * warm; the same report written as DOCX, PDF and XLSX; a district's and a
 * commune's report; peak memory. Goals: province report with its three
 * documents <= 2 s, a unit's report <= 200 ms. Prints figures; asserts
 * nothing. Run from the repository root (make bench). BENCH_DIR=DIR keeps
 * the data in DIR and reuses it when there (for profiling). */
#include "app/app.h"
#include "app/app_report.h"
#include "io/report_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0) {
        fprintf(stderr, "command failed (%d): %s\n", rc, cmd);
        exit(1);
    }
}

static app_t *open_app(const char *dir, const char *cwd)
{
    char db[1200], data[1100];
    snprintf(db, sizeof db, "%s/r.db", dir);
    snprintf(data, sizeof data, "%s/data", cwd);
    app_config_t cfg = {.db_path = db, .data_dir = data};
    app_t *a = NULL;
    err_t e;
    if (app_open(&cfg, &a, &e)) {
        fprintf(stderr, "%s\n", e.en);
        exit(1);
    }
    return a;
}

/* Creates (or opens) the report; returns its id. */
static int64_t create(app_t *a, const char *unit, const char *kind)
{
    app_report_create_in_t in = {unit, kind, 2024, NULL, DTIME_NONE};
    json_t *out = NULL;
    err_t e;
    if (app_report_create(a, NULL, &in, &out, &e)) {
        fprintf(stderr, "create %s %s: %s\n", unit, kind, e.en);
        exit(1);
    }
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    return id;
}

/* Reads the report (live figures, as GET /api/v1/reports/{id}); seconds. */
static double read_report(app_t *a, int64_t id, long long *received)
{
    json_t *out = NULL;
    err_t e;
    double t0 = now();
    if (app_report_get(a, NULL, id, &out, &e)) {
        fprintf(stderr, "get %lld: %s\n", (long long)id, e.en);
        exit(1);
    }
    double t = now() - t0;
    *received = json_integer_value(json_object_get(json_object_get(out, "onestop"), "received"));
    json_decref(out);
    return t;
}

/* Each document on its own (each builds the report again). */
static double export_all(app_t *a, int64_t id, const char *dir)
{
    static const report_export_format_t f[] = {REPORT_EXPORT_DOCX, REPORT_EXPORT_PDF,
                                               REPORT_EXPORT_XLSX};
    double total = 0;
    for (size_t i = 0; i < 3; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/report%s", dir, report_export_ext(f[i]));
        err_t e;
        double t0 = now();
        if (report_export_write(a, NULL, id, f[i], path, &e)) {
            fprintf(stderr, "export: %s\n", e.en);
            exit(1);
        }
        double t = now() - t0;
        total += t;
        printf("    %-4s                  %8.3f s\n", report_export_ext(f[i]) + 1, t);
    }
    return total;
}

int main(void)
{
    const char *env = getenv("BENCH_DOSSIERS");
    long n = env ? strtol(env, NULL, 10) : 5000000;
    char tmp[] = "/tmp/cchc_bench_report_XXXXXX";
    const char *keep = getenv("BENCH_DIR");
    char cwd[1024];
    if ((!keep && !mkdtemp(tmp)) || !getcwd(cwd, sizeof cwd))
        return 1;
    const char *dir = keep ? keep : tmp;
    char bin[2400], cmd[16384];
    snprintf(bin, sizeof bin, "%s/build/rel/cchc --log-level warn --db %s/r.db --data %s/data", cwd,
             dir, cwd);
    printf("report benchmark: 100 units, 400 procedures, %ld dossiers of 2024 (%s)\n", n, dir);
    snprintf(cmd, sizeof cmd,
             "%s gen dossiers --units 100 --procedures 400 --dossiers %ld --year 2024 --seed 3 "
             "--out %s/d.csv --units-out %s/u.csv --links-out %s/l.csv --procedures-out %s/p.csv "
             "&& %s unit import %s/u.csv %s/l.csv >/dev/null && %s ingest procedures %s/p.csv "
             ">/dev/null && %s ingest dossiers %s/d.csv >/dev/null",
             bin, n, dir, dir, dir, dir, bin, dir, dir, bin, dir, bin, dir);
    double t0 = now();
    char db[1200];
    snprintf(db, sizeof db, "%s/r.db", dir);
    if (!keep || access(db, F_OK) != 0) {
        run(cmd);
        printf("  data (gen + ingest)     %8.1f s (not part of the goals)\n", now() - t0);
    }

    app_t *a = open_app(dir, cwd);
    int64_t prov = create(a, "T01", "nam");
    int64_t dist = create(a, "H0001", "nam");
    int64_t comm = create(a, "X00001", "quy1");
    app_close(a);

    /* a fresh process, as a server that just started */
    a = open_app(dir, cwd);
    long long received = 0;
    double tc = read_report(a, prov, &received);
    printf("  province annual, cold   %8.3f s  (fresh process: KPI image mapped; %lld received)\n",
           tc, received);
    double tw = read_report(a, prov, &received);
    printf("  province annual, warm   %8.3f s\n", tw);
    printf("  the documents one by one:\n");
    export_all(a, prov, dir);
    char zp[1200];
    snprintf(zp, sizeof zp, "%s/report.zip", dir);
    err_t e;
    double t1 = now();
    if (report_export_write(a, NULL, prov, REPORT_EXPORT_ZIP, zp, &e)) {
        fprintf(stderr, "zip: %s\n", e.en);
        return 1;
    }
    double tz = now() - t1;
    printf("    all three (zip, one build) %8.3f s\n", tz);
    printf("  province report + its 3 documents %8.3f s cold, %.3f s warm  (goal <= 2 s)\n",
           tc + tz, tw + tz);
    double tdist = read_report(a, dist, &received);
    printf("  district annual         %8.2f ms  (%lld received)  (goal <= 200 ms)\n", tdist * 1000,
           received);
    double tcomm = read_report(a, comm, &received);
    printf("  commune quarter I       %8.2f ms  (%lld received)  (goal <= 200 ms)\n", tcomm * 1000,
           received);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak memory             %8.0f MB\n", (double)ru.ru_maxrss / 1024);
    app_close(a);
    if (!keep) {
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        run(cmd);
    }
    return 0;
}
