/* The persisted KPI snapshot on a generated dataset: every counter of every
 * unit, for several periods, as-of moments, with and without subtrees and
 * with a procedure filter, is the same whether the snapshot was written by
 * the ingest, written after a rebuild, or rebuilt from the dossier table, and
 * equals a plain scan of the dossier rows; a stale, damaged or foreign image
 * is never used; a re-import (updated and new dossiers) keeps the image
 * exact. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_kpi.h"
#include "app/app_kpi_file.h"
#include "app/app_ledger.h"
#include "io/dossier_io.h"
#include "app/app_units.h"
#include "base/mem.h"
#include "domain/kpi_snap.h"
#include "io/dossier_io_gen.h"
#include "io/procedure_io.h"
#include "io/unit_io.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"
#include "support/testdb.h"
#include "support/app_conn.h"
#include "support/testdir.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define MAXU 64

typedef struct fx {
    char *dir;
    char *db;
    char *image;
    app_t *a;
} fx_t;

typedef struct query {
    const char *from, *to, *as_of;
    bool tree;
    const char *procedure;
} query_t;

static const query_t QUERIES[] = {
    {"2024-01-01", "2024-12-31", "2025-01-01 00:00", false, NULL},
    {"2024-01-01", "2024-12-31", "2025-01-01 00:00", true, NULL},
    {"2024-01-01", "2024-03-31", "2024-03-15 12:00", false, NULL},
    {"2024-07-01", "2024-07-01", "2030-01-01 00:00", true, NULL},
    {"2024-02-05", "2024-11-20", "2024-11-20 23:59:59", false, NULL},
    {"2024-12-20", "2025-01-31", "2025-01-10 08:00", true, NULL},
    {"2023-06-01", "2024-06-30", "2024-06-30 23:59:59", false, NULL},
    {"2024-01-01", "2024-12-31", "2025-01-01 00:00", false, "1.000003"},
    {"2024-01-01", "2024-12-31", "2030-01-01 00:00", false, NULL},
};
#define NQ (sizeof QUERIES / sizeof QUERIES[0])

typedef struct result {
    int n;
    char code[MAXU][32];
    kpi_counts_t k[MAXU];
} result_t;

static void gen_file(const char *path, int (*fn)(FILE *, const dossier_io_gen_opts_t *, err_t *),
                     const dossier_io_gen_opts_t *o)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    err_t e;
    assert_int_equal(fn(f, o, &e), 0);
    fclose(f);
}

static void ingest(fx_t *f, const char *path, ledger_ingest_report_t *r)
{
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.batch = 2500;
    err_t e;
    if (app_ledger_ingest(f->a, NULL, path, &o, r, &e))
        fail_msg("%s", e.en);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    char image[4096];
    assert_int_equal(store_cache_path(f->db, ".kpi", image, sizeof image, NULL), 0);
    f->image = strdup(image);
    app_config_t cfg = {.db_path = f->db, .data_dir = "data"};
    err_t e;
    assert_int_equal(app_open(&cfg, &f->a, &e), 0);
    dossier_io_gen_opts_t o = {30, 40, 12000, 2024, 3, 0};
    char *units = testdir_join(f->dir, "u.csv"), *links = testdir_join(f->dir, "l.csv"),
         *procs = testdir_join(f->dir, "p.csv"), *doss = testdir_join(f->dir, "d.csv");
    gen_file(units, dossier_io_gen_units, &o);
    /* plus a commune without any dossier (last in the registry) */
    FILE *uf = fopen(units, "ab");
    assert_non_null(uf);
    fputs("X99999,UBND xã Không Hồ Sơ,xa,H0001,,,\n", uf);
    fclose(uf);
    gen_file(links, dossier_io_gen_links, &o);
    gen_file(procs, dossier_io_gen_procedures, &o);
    gen_file(doss, dossier_io_gen_dossiers, &o);
    unit_set_t us;
    unit_set_init(&us);
    assert_int_equal(unit_io_read_file(units, &us, &e), 0);
    assert_int_equal(unit_io_read_file(links, &us, &e), 0);
    assert_int_equal(app_units_import(f->a, NULL, &us, "u", NULL, &e), 0);
    unit_set_release(&us);
    procedure_set_t ps;
    procedure_set_init(&ps);
    assert_int_equal(procedure_io_read_file(procs, &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(f->a, NULL, &ps, "p", NULL, &e), 0);
    procedure_set_release(&ps);
    ledger_ingest_report_t r;
    ingest(f, doss, &r);
    assert_int_equal(r.st.inserted + r.st.rejected, 12000);
    assert_true(r.st.inserted > 11000);
    free(units);
    free(links);
    free(procs);
    free(doss);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    app_close(f->a);
    testdir_remove(f->dir);
    testdb_free(f->db);
    free(f->image);
    free(f);
    return 0;
}

static dtime_t T(const char *s)
{
    dtime_t t;
    assert_int_equal(dtime_parse(s, strlen(s), &t), 0);
    return t;
}

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static kpi_request_t request(const query_t *q)
{
    kpi_request_t r = {0};
    r.from = D(q->from);
    r.to = D(q->to);
    r.as_of = T(q->as_of);
    r.tree = q->tree;
    r.tree_at = DATE_NONE;
    r.procedure = q->procedure;
    return r;
}

static int collect(void *ctx, const char *unit, dtime_t as_of, const kpi_counts_t *k, err_t *e)
{
    (void)as_of;
    (void)e;
    result_t *r = ctx;
    assert_true(r->n < MAXU);
    snprintf(r->code[r->n], sizeof r->code[r->n], "%s", unit);
    r->k[r->n++] = *k;
    return 0;
}

/* Every query's results, with the snapshot source they were computed from. */
static app_kpi_source_t compute_all(fx_t *f, result_t *out)
{
    app_kpi_source_t src = APP_KPI_NONE;
    for (size_t i = 0; i < NQ; i++) {
        kpi_request_t r = request(&QUERIES[i]);
        out[i].n = 0;
        err_t e;
        if (app_kpi_units(f->a, NULL, &r, collect, &out[i], &e))
            fail_msg("%s", e.en);
        if (i == 0)
            src = app_kpi_source(f->a, NULL);
    }
    return src;
}

static void same_results(const result_t *a, const result_t *b)
{
    for (size_t i = 0; i < NQ; i++) {
        assert_int_equal(a[i].n, b[i].n);
        assert_true(a[i].n > 20);
        for (int u = 0; u < a[i].n; u++) {
            assert_string_equal(a[i].code[u], b[i].code[u]);
            for (int k = 0; k < KC_COUNT; k++)
                if (a[i].k[u].c[k] != b[i].k[u].c[k])
                    fail_msg("query %zu unit %s counter %d: %lld vs %lld", i, a[i].code[u], k,
                             (long long)a[i].k[u].c[k], (long long)b[i].k[u].c[k]);
        }
    }
}

/* --- the independent reference: a plain scan of the dossier rows ---------------- */

typedef struct scan_ref {
    procedure_set_t procs;
    uint8_t *flags;
    char codes[MAXU][32];
    int ncodes;
    kpi_snap_t *snap;
} scan_ref_t;

static int ref_row(void *ctx, const store_ledger_dossier_row_t *r)
{
    scan_ref_t *s = ctx;
    int u = 0;
    while (u < s->ncodes && strcmp(s->codes[u], r->unit) != 0)
        u++;
    if (u == s->ncodes)
        snprintf(s->codes[s->ncodes++], 32, "%s", r->unit);
    long p = procedure_set_find(&s->procs, r->procedure);
    kpi_row_t k;
    assert_int_equal(kpi_snap_row_make((uint32_t)r->id, (uint32_t)p, &r->d, &k, NULL), 0);
    return kpi_snap_put(s->snap, (uint32_t)u, &k, NULL);
}

/* Non-subtree queries against the scan of the rows: dossier counters. */
static void matches_scan(fx_t *f, const result_t *res)
{
    scan_ref_t s;
    memset(&s, 0, sizeof s);
    procedure_set_init(&s.procs);
    store_t *st;
    assert_int_equal(app_store(f->a, &st, NULL), 0);
    err_t e;
    assert_int_equal(store_procedure_load_all(st, &s.procs, &e), 0);
    uint64_t sum;
    assert_int_equal(app_kpi_file_proc_table(&s.procs, &s.flags, &sum, &e), 0);
    s.snap = kpi_snap_new(NULL);
    assert_int_equal(store_ledger_dossiers_scan(st, 0, ref_row, &s, &e), 0);
    int compared = 0;
    for (size_t i = 0; i < NQ; i++) {
        const query_t *q = &QUERIES[i];
        if (q->tree)
            continue;
        kpi_query_t kq = {
            T(q->from), T(q->to) + 86399, T(q->as_of), s.flags, NULL, (uint32_t)s.procs.n, 1};
        uint8_t *select = NULL;
        if (q->procedure) {
            select = calloc(s.procs.n + 1, 1);
            select[procedure_set_find(&s.procs, q->procedure)] = 1;
            kq.proc_select = select;
        }
        for (int u = 0; u < res[i].n; u++) {
            int at = 0;
            while (at < s.ncodes && strcmp(s.codes[at], res[i].code[u]) != 0)
                at++;
            kpi_counts_t k = {0};
            kpi_snap_count(s.snap, (uint32_t)at, &kq, &k);
            for (int c = 0; c < KC_DOSSIER_COUNT; c++)
                if (k.c[c] != res[i].k[u].c[c])
                    fail_msg("query %zu unit %s counter %d: engine %lld, scan %lld", i,
                             res[i].code[u], c, (long long)res[i].k[u].c[c], (long long)k.c[c]);
            compared += k.c[KC_RECEIVED] > 0;
        }
        free(select);
    }
    assert_true(compared > 40);
    kpi_snap_free(s.snap);
    mem_free(s.flags);
    procedure_set_release(&s.procs);
}

/* --- tests ---------------------------------------------------------------------------- */

/* What a fresh process does: no snapshot in memory. */
static void reload(fx_t *f)
{
    app_kpi_drop(f->a);
}

static void image_matches_rebuild_and_scan(void **state)
{
    fx_t *f = *state;
    static result_t mapped[NQ], rebuilt[NQ], again[NQ];
    assert_true(testdir_exists(f->image));
    assert_int_equal(compute_all(f, mapped), APP_KPI_MAPPED); /* written by the ingest */
    assert_int_equal(remove(f->image), 0);
    reload(f);
    assert_int_equal(compute_all(f, rebuilt), APP_KPI_REBUILT);
    same_results(mapped, rebuilt);
    matches_scan(f, rebuilt);
    assert_true(testdir_exists(f->image)); /* persisted by the rebuild */
    reload(f);
    assert_int_equal(compute_all(f, again), APP_KPI_MAPPED);
    same_results(rebuilt, again);
}

static void stale_damaged_or_foreign_images_are_not_used(void **state)
{
    fx_t *f = *state;
    static result_t ref[NQ], got[NQ];
    assert_int_equal(compute_all(f, ref), APP_KPI_MAPPED);
    /* A flipped byte in the rows: rebuilt (and a good image written). */
    FILE *fp = fopen(f->image, "r+b");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, len / 2, SEEK_SET);
    int c = fgetc(fp);
    fseek(fp, len / 2, SEEK_SET);
    fputc(c ^ 1, fp);
    fclose(fp);
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT);
    same_results(ref, got);
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_MAPPED);
    /* A truncated image. */
    char *old = testdir_join(f->dir, "old.kpi");
    testdir_copy(f->image, old);
    assert_int_equal(truncate(f->image, len - 100), 0);
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT);
    same_results(ref, got);
    /* An intact image of the same generation but another publication (its
     * token is not the one recorded): not used. */
    testdir_copy(old, f->image);
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT);
    same_results(ref, got);
    /* The ledger moved on (a write bumped the generation): not used. */
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_MAPPED);
    store_t *s;
    assert_int_equal(app_store(f->a, &s, NULL), 0);
    err_t e;
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_ledger_bump(s, &e), 0);
    assert_int_equal(store_commit(s, &e), 0);
    int64_t gen;
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT); /* the cache notices too */
    assert_int_equal(store_ledger_generation(s, &gen, &e), 0);
    int64_t cached;
    app_kpi_source(f->a, &cached);
    assert_int_equal(cached, gen);
    same_results(ref, got);
    free(old);
}

/* Writes a file that re-imports the first `n` returned dossiers of d.csv
 * with a later return and a rating (fresher: they replace the stored
 * ones), followed by the dossiers of another year (new codes). */
static char *reimport_file(fx_t *f, int n)
{
    char *src = testdir_join(f->dir, "d.csv"), *path = testdir_join(f->dir, "re.csv");
    char *more = testdir_join(f->dir, "d23.csv");
    dossier_io_gen_opts_t o = {30, 40, 800, 2023, 9, 0};
    gen_file(more, dossier_io_gen_dossiers, &o);
    FILE *in = fopen(src, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, in));
    fputs(line, out);
    int done = 0;
    while (done < n && fgets(line, sizeof line, in)) {
        char *field[17];
        int k = 0;
        field[k++] = line;
        for (char *p = line; *p && k < 17; p++)
            if (*p == ',') {
                *p = '\0';
                field[k++] = p + 1;
            }
        if (k != 17 || strcmp(field[9], "10") != 0 || !field[7][0])
            continue;
        field[16][strcspn(field[16], "\r\n")] = '\0';
        field[8] = "2025-06-30 10:00";
        field[16] = "3";
        for (int i = 0; i < 17; i++)
            fprintf(out, "%s%s", i ? "," : "", field[i]);
        fputc('\n', out);
        done++;
    }
    fclose(in);
    in = fopen(more, "rb");
    assert_non_null(fgets(line, sizeof line, in));
    while (fgets(line, sizeof line, in))
        fputs(line, out);
    fclose(in);
    fclose(out);
    free(src);
    free(more);
    return path;
}

static void reimport_keeps_the_image_exact(void **state)
{
    fx_t *f = *state;
    static result_t before[NQ], mapped[NQ], rebuilt[NQ];
    assert_int_equal(compute_all(f, before), APP_KPI_MAPPED);
    char *path = reimport_file(f, 300);
    ledger_ingest_report_t r;
    ingest(f, path, &r);
    assert_int_equal(r.st.updated, 300);
    assert_true(r.st.inserted > 700);
    reload(f);
    assert_int_equal(compute_all(f, mapped), APP_KPI_MAPPED); /* written by the re-import */
    /* The updates show: more rated dossiers in 2024 as of 2030 (the new
     * ratings are dated 2025-06-30), more dossiers received overall. */
    int64_t rated_before = 0, rated_after = 0, recv_before = 0, recv_after = 0;
    for (int u = 0; u < before[NQ - 1].n; u++) {
        rated_before += before[NQ - 1].k[u].c[KC_RATED];
        rated_after += mapped[NQ - 1].k[u].c[KC_RATED];
        recv_before += before[6].k[u].c[KC_RECEIVED];
        recv_after += mapped[6].k[u].c[KC_RECEIVED];
    }
    assert_true(rated_after > rated_before);
    assert_true(recv_after > recv_before);
    assert_int_equal(remove(f->image), 0);
    reload(f);
    assert_int_equal(compute_all(f, rebuilt), APP_KPI_REBUILT);
    same_results(mapped, rebuilt);
    matches_scan(f, rebuilt);
    free(path);
}

static void ingest_without_a_valid_image_leaves_the_rebuild(void **state)
{
    fx_t *f = *state;
    static result_t ref[NQ], got[NQ];
    assert_int_equal(compute_all(f, ref), APP_KPI_MAPPED);
    assert_int_equal(remove(f->image), 0);
    char *path = reimport_file(f, 10);
    ledger_ingest_report_t r;
    ingest(f, path, &r);
    assert_int_equal(r.st.updated, 10);
    assert_false(testdir_exists(f->image)); /* no base for a non-empty ledger */
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT);
    matches_scan(f, got);
    free(path);
}

static volatile sig_atomic_t stop_now = 1;

static void interrupted_and_resumed_ingest_keeps_the_image(void **state)
{
    fx_t *f = *state;
    static result_t mapped[NQ], rebuilt[NQ];
    char *path = reimport_file(f, 200);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.batch = 150;
    o.stop = &stop_now;
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_true(r.interrupted);
    reload(f);
    assert_int_equal(compute_all(f, mapped), APP_KPI_MAPPED); /* the committed part */
    o.stop = NULL;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_true(r.resumed);
    reload(f);
    assert_int_equal(compute_all(f, mapped), APP_KPI_MAPPED);
    assert_int_equal(remove(f->image), 0);
    reload(f);
    assert_int_equal(compute_all(f, rebuilt), APP_KPI_REBUILT);
    same_results(mapped, rebuilt);
    free(path);
}

/* Another write to the ledger in the middle of the ingest (here, a
 * generation bump from the progress callback, inside the ingest's own
 * transaction): the ingest must not publish an image. */
static void write_meanwhile(void *ctx, const ledger_ingest_stats_t *st)
{
    fx_t *f = ctx;
    static bool done;
    if (done || st->rows < 100)
        return;
    done = true;
    assert_int_equal(store_ledger_bump(app_conn(f->a), NULL), 0);
}

static void another_writer_during_the_ingest_prevents_publishing(void **state)
{
    fx_t *f = *state;
    static result_t got[NQ];
    char *path = reimport_file(f, 50);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.batch = 200;
    o.progress_every = 1;
    o.progress = write_meanwhile;
    o.progress_ctx = f;
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_int_equal(r.st.updated, 50);
    reload(f);
    assert_int_equal(compute_all(f, got), APP_KPI_REBUILT);
    matches_scan(f, got);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(image_matches_rebuild_and_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_damaged_or_foreign_images_are_not_used, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(reimport_keeps_the_image_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(ingest_without_a_valid_image_leaves_the_rebuild, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(interrupted_and_resumed_ingest_keeps_the_image, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(another_writer_during_the_ingest_prevents_publishing, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
