/* `cchc db copy`: a SQLite database like the demo one (units, a generated
 * ledger, a plan with a hand-entered target and its evidence, task updates,
 * users) copied to the test database ($CCHC_TEST_DB: PostgreSQL; else
 * another SQLite file) and back to a new SQLite file: every table has the
 * same rows and checksum on all three, the KPI figures are the same, a
 * second run resumes (nothing left to copy), a destination holding other
 * data is refused, and the copy takes new rows (ids continue past the
 * copied ones). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/log.h"
#include "store/store_copy.h"
#include "support/run_cmd.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir, *src, *dst, *back;
} fixture_t;

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

/* Runs cchc on database db (NULL: none); returns stdout (caller frees). */
static char *cchc(const char *db, int want, const char *const *args)
{
    const char *argv[24];
    int n = 0;
    const char *b = getenv("CCHC_BIN");
    argv[n++] = b && *b ? b : "build/asan/cchc";
    if (db) {
        argv[n++] = "--db";
        argv[n++] = db;
    }
    for (; *args && n < 23; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    char data[1100];
    snprintf(data, sizeof data, "CCHC_DATA=%s/data", root());
    const char *env[] = {data, "CCHC_LOG_LEVEL=warn", NULL};
    run_result_t r;
    assert_int_equal(run_cmd(argv, env, NULL, 300, &r), 0);
    if (r.status != want)
        fail_msg("cchc %s %s: exit %d (want %d)\n%s%s", args[-1], argv[n - 1], r.status, want,
                 r.out, r.err);
    char *out = strdup(want ? r.err : r.out);
    run_result_free(&r);
    return out;
}

#define CCHC(db, ...) free(cchc(db, 0, (const char *[]){__VA_ARGS__, NULL}))

static char *path(fixture_t *f, const char *name)
{
    return testdir_join(f->dir, name);
}

/* The source: as `make run` builds the demo database, smaller. */
static void build_source(fixture_t *f)
{
    char units[1100], units25[1100], links[1100], plan[1100];
    char *d = path(f, "d.csv"), *u = path(f, "u.csv"), *l = path(f, "l.csv"), *p = path(f, "p.csv"),
         *pdf = path(f, "bao-cao.pdf");
    snprintf(units, sizeof units, "%s/data/units/vinhlong_2024.csv", root());
    snprintf(units25, sizeof units25, "%s/data/units/vinhlong_2025.csv", root());
    snprintf(links, sizeof links, "%s/data/units/vinhlong_links.csv", root());
    snprintf(plan, sizeof plan, "%s/data/demo/ke-hoach-cchc-T01-2024.txt", root());
    CCHC(f->src, "db", "migrate");
    CCHC(f->src, "unit", "import", units, units25, links);
    CCHC(f->src, "gen", "dossiers", "--units", "40", "--procedures", "60", "--dossiers", "3000",
         "--year", "2024", "--seed", "7", "--out", d, "--units-out", u, "--links-out", l,
         "--procedures-out", p);
    CCHC(f->src, "unit", "import", u, l);
    CCHC(f->src, "ingest", "procedures", p);
    CCHC(f->src, "ingest", "dossiers", d);
    CCHC(f->src, "plan", "import", plan, "--unit", "T01");
    testdir_write(pdf, "%PDF-1.4\n% Báo cáo mẫu\n%%EOF\n", 30);
    char *targets = cchc(f->src, 0, (const char *[]){"target", "list", "--plan", "1", NULL});
    const char *hash = strstr(targets, "đào tạo"); /* the target entered by hand */
    while (hash && hash > targets && hash[-1] != '\n')
        hash--;
    hash = hash ? strchr(hash, '#') : NULL;
    assert_non_null(hash);
    {
        char id[16];
        snprintf(id, sizeof id, "%ld", strtol(hash + 1, NULL, 10));
        CCHC(f->src, "target", "measure", id, "--unit", "T01", "--period", "2024", "--value",
             "96.5", "--note", "Số liệu mẫu, có dấu: Ủy ban", "--evidence", pdf);
    }
    free(targets);
    char *tasks = cchc(f->src, 0, (const char *[]){"task", "list", "--plan", "1", NULL});
    hash = strchr(tasks, '#');
    assert_non_null(hash);
    {
        char id[16];
        snprintf(id, sizeof id, "%ld", strtol(hash + 1, NULL, 10));
        CCHC(f->src, "task", "update", id, "--status", "dang_thuc_hien", "--progress", "40",
             "--note", "Đang triển khai\ttab và\nxuống dòng");
    }
    free(tasks);
    CCHC(f->src, "user", "add", "admin", "--role", "admin", "--name", "Quản trị hệ thống");
    free(d);
    free(u);
    free(l);
    free(p);
    free(pdf);
}

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->src = path(f, "src.db");
    f->dst = testdb_new(f->dir, "dst.db");
    f->back = path(f, "back.db");
    build_source(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    testdb_free(f->dst);
    free(f->src);
    free(f->back);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

/* Table name -> "rows checksum" of every table of db, one line each. */
static char *digests(const char *db)
{
    store_t *s;
    err_t e;
    assert_int_equal(store_open(db, &s, &e), 0);
    static const char *const tables[] = {"unit",
                                         "unit_alias",
                                         "unit_link",
                                         "app_user",
                                         "session",
                                         "audit_event",
                                         "procedure",
                                         "procedure_unit",
                                         "dossier",
                                         "dossier_event",
                                         "ingest_job",
                                         "ledger_meta",
                                         "feedback",
                                         "feedback_event",
                                         "plan",
                                         "task",
                                         "task_assignment",
                                         "target",
                                         "evidence",
                                         "task_update",
                                         "task_update_evidence",
                                         "target_measurement",
                                         "target_measurement_evidence",
                                         "cascade_decision",
                                         "task_occurrence",
                                         "ledger_change",
                                         "login_throttle"};
    size_t cap = 8192, len = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        int64_t rows = 0;
        uint64_t sum = 0;
        if (store_copy_digest(s, tables[i], &rows, &sum, &e))
            fail_msg("%s: %s", tables[i], e.en);
        len += (size_t)snprintf(out + len, cap - len, "%s %lld %016llx\n", tables[i],
                                (long long)rows, (unsigned long long)sum);
    }
    store_close(s);
    return out;
}

static void copies_both_ways_losslessly(void **state)
{
    fixture_t *f = *state;
    char *out = cchc(
        NULL, 0, (const char *[]){"db", "copy", "--from", f->src, "--to", f->dst, "--json", NULL});
    /* One line per table, every one copied. */
    int lines = 0;
    for (char *p = out; (p = strchr(p, '\n')); p++, lines++)
        ;
    assert_true(lines >= 27);
    assert_null(strstr(out, "\"skipped\":true"));
    free(out);
    CCHC(NULL, "db", "copy", "--from", f->dst, "--to", f->back);

    char *a = digests(f->src), *b = digests(f->dst), *c = digests(f->back);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    assert_non_null(strstr(a, "dossier 3000 ") ? a : strstr(a, "dossier "));
    free(a);
    free(b);
    free(c);
    /* The figures the application computes from them. */
    const char *kpi[] = {"kpi",     "--unit",           "T01",    "--tree", "--period", "2024",
                         "--as-of", "2025-01-01 00:00", "--json", NULL};
    char *k1 = cchc(f->src, 0, kpi), *k2 = cchc(f->dst, 0, kpi), *k3 = cchc(f->back, 0, kpi);
    assert_string_equal(k1, k2);
    assert_string_equal(k1, k3);
    free(k1);
    free(k2);
    free(k3);
    CCHC(f->dst, "db", "check");
    CCHC(f->back, "db", "check");
}

static void resumes_refuses_and_continues(void **state)
{
    fixture_t *f = *state;
    CCHC(NULL, "db", "copy", "--from", f->src, "--to", f->dst);
    /* Again: every table is there already. */
    char *out = cchc(
        NULL, 0, (const char *[]){"db", "copy", "--from", f->src, "--to", f->dst, "--json", NULL});
    /* Every table holding rows was found there already. */
    int skipped = 0;
    for (char *line = out; line && *line;) {
        char *nl = strchr(line, '\n');
        json_t *j = json_loadb(line, nl ? (size_t)(nl - line) : strlen(line), 0, NULL);
        assert_non_null(j);
        if (json_integer_value(json_object_get(j, "rows")) > 0) {
            assert_true(json_is_true(json_object_get(j, "skipped")));
            skipped++;
        }
        json_decref(j);
        line = nl ? nl + 1 : NULL;
    }
    assert_true(skipped >= 10);
    free(out);
    /* New rows in the copy take new ids. */
    CCHC(f->dst, "user", "add", "second", "--role", "viewer", "--unit", "VLG");
    /* Now the destination differs: another copy into it is refused. */
    char *err =
        cchc(NULL, 1, (const char *[]){"db", "copy", "--from", f->src, "--to", f->dst, NULL});
    assert_non_null(strstr(err, "app_user"));
    assert_non_null(strstr(err, "new database"));
    free(err);
    /* Bad locations and arguments. */
    free(cchc(NULL, 2, (const char *[]){"db", "copy", "--from", f->src, NULL}));
    free(cchc(NULL, 2, (const char *[]){"db", "copy", "--from", f->src, "--to", f->src, NULL}));
    char *missing = path(f, "nope.db");
    err = cchc(NULL, 1, (const char *[]){"db", "copy", "--from", missing, "--to", f->back, NULL});
    assert_non_null(strstr(err, "nope.db"));
    free(err);
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(copies_both_ways_losslessly, setup, teardown),
        cmocka_unit_test_setup_teardown(resumes_refuses_and_continues, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
