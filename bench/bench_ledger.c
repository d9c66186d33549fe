/* bench_ledger.c - ledger ingest and KPI figures with their peers.
 *
 * On data from `cchc gen` (1,000 units, 2,000 procedures, BENCH_DOSSIERS
 * dossiers, default 5,000,000): ingest rate into SQLite (including writing
 * the KPI snapshot image) beside sqlite3's own .import of the same file
 * into a plain table; all indicators for all units for a year, cold (a
 * fresh `cchc kpi --all` process, which maps the image the ingest wrote),
 * and cold without an image (the rebuild from the dossier table that
 * follows a write the image does not reflect), beside the equivalent
 * hand-written GROUP BY run by sqlite3; warm (in process, snapshot loaded)
 * for one unit with its subtree and for all units; peak memory of each
 * step. The OS page cache is warm for every step and for the peers alike.
 * Prints figures; asserts nothing. Run from the repository root (make
 * bench). */
#include "app/app.h"
#include "app/app_dossier.h"
#include "app/app_kpi.h"

#include <stdio.h>
#include <sys/stat.h>
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

/* Runs a shell command; returns seconds and peak RSS (MB) of the child.
 * Dirty pages of earlier steps are written out first (untimed), so that no
 * step pays for the previous one's writes. */
static double run(const char *cmd, double *mb)
{
    sync();
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    wait4(pid, &status, 0, &ru);
    double t = now() - t0;
    if (mb)
        *mb = (double)ru.ru_maxrss / 1024.0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "command failed (%d): %s\n", status, cmd);
        exit(1);
    }
    return t;
}

/* The peer: the same counters (2024 = local seconds 1704067200..1735689599)
 * by a hand-written GROUP BY over the same dossier table. */
static const char *SQL_PEER =
    "SELECT unit_code, SUM(received_at BETWEEN 1704067200 AND 1735689599), "
    "SUM(received_at BETWEEN 1704067200 AND 1735689599 AND status NOT IN (3, 7)), "
    "SUM(received_at BETWEEN 1704067200 AND 1735689599 AND status NOT IN (3, 7) AND channel = 2), "
    "SUM(received_at BETWEEN 1704067200 AND 1735689599 AND status NOT IN (3, 7) AND digitized), "
    "SUM(ended_at BETWEEN 1704067200 AND 1735689599 AND status IN (8, 9, 10)), "
    "SUM(ended_at BETWEEN 1704067200 AND 1735689599 AND status IN (8, 9, 10) AND (supplements > 1 "
    "OR ended_at > due_at)), "
    "SUM(ended_at BETWEEN 1704067200 AND 1735689599 AND status IN (8, 9, 10) AND rating > 0), "
    "SUM(ended_at BETWEEN 1704067200 AND 1735689599 AND status IN (8, 9, 10) AND rating >= 2), "
    "SUM(ended_at BETWEEN 1704067200 AND 1735689599 AND status IN (8, 9, 10) AND e_result) "
    "FROM dossier GROUP BY unit_code;\n";

/* One dossier received through the API use case (journaled), then the first
 * KPI query of the warm process: patched, not rebuilt. */
static void after_api_write(app_t *a, kpi_request_t *r)
{
    err_t e;
    store_t *s;
    store_stmt_t *st;
    char proc[80] = "", unit[80] = "";
    if (app_store(a, &s, &e) ||
        store_prepare(s, "SELECT procedure_code, unit_code FROM dossier WHERE id = 1", &st, &e))
        return;
    if (store_step(st, &e) == STORE_ROW) {
        snprintf(proc, sizeof proc, "%s", store_col_text(st, 0));
        snprintf(unit, sizeof unit, "%s", store_col_text(st, 1));
    }
    store_stmt_done(st);
    app_dossier_in_t in = {.code = "BENCH-API-1",
                           .procedure = proc,
                           .unit = unit,
                           .channel = DCH_ONLINE,
                           .received = DTIME_NONE,
                           .appointment = DTIME_NONE};
    double t0 = now();
    if (app_dossier_receive(a, NULL, &in, NULL, &e)) {
        fprintf(stderr, "receive: %s\n", e.en);
        return;
    }
    double tw = now() - t0;
    uint64_t p0 = app_kpi_patches(a);
    r->unit = "T01";
    r->tree = true;
    kpi_counts_t k;
    t0 = now();
    app_kpi_compute(a, NULL, r, &k, &e);
    printf("  one API write (receive) %8.2f ms; next T01 query %8.2f ms (%s; was a full rebuild)\n",
           tw * 1000, (now() - t0) * 1000, app_kpi_patches(a) > p0 ? "patched" : "rebuilt");
}

int main(void)
{
    const char *env = getenv("BENCH_DOSSIERS");
    long n = env ? strtol(env, NULL, 10) : 5000000;
    char dir[] = "/tmp/cchc_bench_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd))
        return 1;
    char bin[2400], cmd[8192];
    snprintf(bin, sizeof bin, "%s/build/rel/cchc --log-level warn --db %s/l.db --data %s/data", cwd,
             dir, cwd);
    printf("ledger benchmark: 1000 units, 2000 procedures, %ld dossiers (%s)\n", n, dir);
    double mb;
    snprintf(cmd, sizeof cmd,
             "%s gen dossiers --units 1000 --procedures 2000 --dossiers %ld --year 2024 --seed 1 "
             "--out %s/d.csv --units-out %s/u.csv --links-out %s/l.csv --procedures-out %s/p.csv",
             bin, n, dir, dir, dir, dir);
    double t = run(cmd, &mb);
    printf("  generate CSV            %8.2f s  (%.0f rows/s)  peak %.0f MB\n", t, (double)n / t, mb);
    snprintf(cmd, sizeof cmd,
             "%s unit import %s/u.csv %s/l.csv >/dev/null && %s ingest procedures %s/p.csv "
             ">/dev/null",
             bin, dir, dir, bin, dir);
    run(cmd, NULL);
    snprintf(cmd, sizeof cmd, "%s ingest dossiers %s/d.csv >/dev/null", bin, dir);
    double ti = run(cmd, &mb);
    double mb_ingest = mb;
    snprintf(cmd, sizeof cmd, "sqlite3 %s/plain.db '.mode csv' '.import %s/d.csv plain'", dir, dir);
    double tp = run(cmd, &mb);
    struct stat st;
    snprintf(cmd, sizeof cmd, "%s/l.db.kpi", dir);
    double image_mb = stat(cmd, &st) == 0 ? (double)st.st_size / 1048576.0 : 0;
    printf("  ingest (cchc)           %8.2f s  %9.0f dossiers/s  peak %.0f MB"
           "  (incl. snapshot image, %.0f MB)\n",
           ti, (double)n / ti, mb_ingest, image_mb);
    printf("  sqlite3 .import (plain) %8.2f s  %9.0f rows/s      peak %.0f MB\n", tp, (double)n / tp, mb);
    printf("  ratio ingest / .import  %8.2f x   (goals: >= 200000/s, <= 3x)\n", ti / tp);

    snprintf(cmd, sizeof cmd,
             "%s kpi --all --period 2024 --as-of '2025-01-01 00:00' --json >/dev/null", bin);
    double tc = run(cmd, &mb);
    printf("  kpi --all 2024, cold    %8.3f s  (fresh process, image)  peak %.0f MB"
           " (goal <= 1 s)\n",
           tc, mb);
    const char *sql = SQL_PEER;
    FILE *f;
    snprintf(cmd, sizeof cmd, "%s/peer.sql", dir);
    f = fopen(cmd, "w");
    if (!f)
        return 1;
    fputs(sql, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "sqlite3 %s/l.db < %s/peer.sql >/dev/null", dir, dir);
    double ts = run(cmd, &mb);
    printf("  SQL GROUP BY (sqlite3)  %8.3f s  peak %.0f MB   ratio cold/SQL %.2f x\n", ts, mb,
           tc / ts);
    /* Without a valid image (as after a write through the API): rebuilt
     * from the dossier table, then persisted for the next process. */
    snprintf(cmd, sizeof cmd,
             "rm -f %s/l.db.kpi && %s kpi --all --period 2024 --as-of '2025-01-01 00:00' --json "
             ">/dev/null",
             dir, bin);
    double tr = run(cmd, &mb);
    printf("  kpi --all, no image     %8.3f s  (rebuild + persist)  peak %.0f MB"
           "   ratio/SQL %.2f x\n",
           tr, mb, tr / ts);

    /* warm: in process, the snapshot loaded once */
    char db[256], data[1100];
    snprintf(db, sizeof db, "%s/l.db", dir);
    snprintf(data, sizeof data, "%s/data", cwd);
    app_config_t cfg = {.db_path = db, .data_dir = data};
    app_t *a;
    err_t e;
    if (app_open(&cfg, &a, &e)) {
        fprintf(stderr, "%s\n", e.en);
        return 1;
    }
    kpi_request_t r = {0};
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = dtime_make(date_from_ymd(2025, 1, 1), 0, 0, 0);
    r.tree_at = DATE_NONE;
    r.unit = "T01";
    r.tree = true;
    kpi_counts_t k;
    double t0 = now();
    if (app_kpi_compute(a, NULL, &r, &k, &e)) {
        fprintf(stderr, "%s\n", e.en);
        return 1;
    }
    printf("  snapshot load           %8.3f s  (%s; %lld dossiers received in 2024)\n", now() - t0,
           app_kpi_source(a, NULL) == APP_KPI_MAPPED ? "mapped image" : "rebuilt",
           (long long)k.c[KC_RECEIVED]);
    const char *units[] = {"T01", "H0001", "X00001"};
    for (int pass = 0; pass < 2; pass++) {
        r.as_of = pass ? DTIME_NONE : dtime_make(date_from_ymd(2025, 1, 1), 0, 0, 0);
        for (int i = 0; i < 3; i++) {
            r.unit = units[i];
            int reps = 20;
            t0 = now();
            for (int j = 0; j < reps; j++)
                app_kpi_compute(a, NULL, &r, &k, &e);
            printf("  warm, %-6s + subtree  %8.2f ms  as of %s (received %lld)"
                   "  (goal <= 50 ms)\n",
                   units[i], (now() - t0) * 1000 / reps, pass ? "now       " : "2025-01-01",
                   (long long)k.c[KC_RECEIVED]);
        }
    }
    r.as_of = dtime_make(date_from_ymd(2025, 1, 1), 0, 0, 0);
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    r.unit = NULL;
    r.tree = false;
    t0 = now();
    app_kpi_all(a, NULL, &r, &out, &e);
    double tw = now() - t0;
    printf("  warm, all units         %8.3f s  ratio warm-all/SQL %.3f x\n", tw, tw / ts);
    buf_release(&out);
    r.unit = "T01";
    r.tree = true;
    buf_t page = BUF_INIT(BUF_MAX_JSON);
    t0 = now();
    app_kpi_explain_page(a, NULL, &r, "tthc.on_time", 1000, 50, &page, &e);
    printf("  explain, province page  %8.2f ms  (tthc.on_time, rows 1000..1049 of all)\n",
           (now() - t0) * 1000);
    buf_release(&page);
    after_api_write(a, &r);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak memory (warm proc) %8.0f MB  (goal <= 500 MB)\n", (double)ru.ru_maxrss / 1024);
    app_close(a);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return 0;
}
