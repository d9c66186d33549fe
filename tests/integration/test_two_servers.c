/* Two `cchc serve` processes on one database (PostgreSQL with
 * $CCHC_TEST_DB, else one SQLite file), as a province runs them behind a
 * load balancer: a session opened on one is valid on the other, a dossier
 * received or changed through either shows in the KPI figures of both at
 * their next query and both give the same figures for every unit, and an
 * evidence file uploaded through one is served by the other (one evidence
 * directory both reach, files named by their content hash). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/http_client.h"
#include "support/api_fixture.h"
#include "support/cli_run.h"
#include "support/testdb.h"
#include "support/ledger_fixture.h"
#include "support/testdir.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/banned.h"

typedef struct server {
    pid_t pid;
    uint16_t port;
    char log[1024];
} server_t;

typedef struct fixture {
    char *dir;
    char *db;
    char env_db[4200], env_data[1100], ev[1024];
    server_t srv[2];
    char cookie[512];
} fixture_t;

/* Runs cchc with the fixture's database; returns its stdout (malloc'd). */
static char *cli(fixture_t *f, const char *const *args)
{
    const char *env[] = {f->env_db, f->env_data, "CCHC_LOG_LEVEL=warn", NULL};
    return cli_run_ok(env, args);
}

static void start(fixture_t *f, server_t *s, const char *name)
{
    snprintf(s->log, sizeof s->log, "%s/%s.log", f->dir, name);
    s->pid = fork();
    assert_true(s->pid >= 0);
    if (s->pid == 0) {
        FILE *lf = freopen(s->log, "w", stderr);
        if (!lf || !freopen("/dev/null", "w", stdout))
            _exit(126);
        putenv(f->env_db);
        putenv(f->env_data);
        execl(cli_run_bin(), cli_run_bin(), "--log-level", "info", "serve", "--listen",
              "127.0.0.1:0", "--evidence-dir", f->ev, (char *)NULL);
        _exit(127);
    }
    /* The port from the server's log line "listening on ... port N". */
    for (int i = 0; i < 600 && !s->port; i++) {
        usleep(50000);
        FILE *lf = fopen(s->log, "r");
        char line[1024];
        while (lf && fgets(line, sizeof line, lf)) {
            const char *p = strstr(line, " port ");
            if (strstr(line, "listening") && p)
                s->port = (uint16_t)strtol(p + 6, NULL, 10);
        }
        if (lf)
            fclose(lf);
    }
    if (!s->port)
        fail_msg("server %s did not start (see %s)", name, s->log);
}

static void stop(server_t *s)
{
    if (s->pid <= 0)
        return;
    kill(s->pid, SIGTERM);
    int st = 0;
    waitpid(s->pid, &st, 0);
    s->pid = 0;
}

static char *call(server_t *s, const char *cookie, const char *method, const char *path,
                  const char *ctype, const char *body, size_t len, int want)
{
    char hdr[1024];
    snprintf(hdr, sizeof hdr, "%s%s%s%s", cookie ? cookie : "", ctype ? "Content-Type: " : "",
             ctype ? ctype : "", ctype ? "\r\n" : "");
    if (body && !len)
        len = strlen(body);
    tc_response_t r;
    assert_int_equal(tc_request(s->port, method, path, hdr, body, len, &r), 0);
    if (r.status != want)
        fail_msg("%s %s on :%u -> %d (want %d): %s", method, path, s->port, r.status, want, r.body);
    char *out = malloc(r.body_len + 1);
    assert_non_null(out);
    memcpy(out, r.body, r.body_len);
    out[r.body_len] = '\0';
    tc_response_free(&r);
    return out;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "shared.db");
    snprintf(f->env_db, sizeof f->env_db, "CCHC_DB=%s", f->db);
    snprintf(f->env_data, sizeof f->env_data, "CCHC_DATA=%s/data", testdir_root());
    snprintf(f->ev, sizeof f->ev, "%s/evidence", f->dir);
    char *units = ledger_fixture_path("units.csv"), *links = ledger_fixture_path("links.csv");
    char *procs = ledger_fixture_path("procedures.csv"), *src = ledger_fixture_path("dossiers.csv");
    char *doss = testdir_join(f->dir, "d.csv");
    testdir_copy(src, doss);
    free(cli(f, (const char *[]){"unit", "import", units, links, NULL}));
    free(cli(f, (const char *[]){"ingest", "procedures", procs, NULL}));
    free(cli(f, (const char *[]){"ingest", "dossiers", doss, NULL}));
    free(units);
    free(links);
    free(procs);
    free(src);
    free(doss);
    char *out = cli(f, (const char *[]){"user", "add", "admin", "--role", "admin", NULL});
    const char *pw = strstr(out, "password: ");
    assert_non_null(pw);
    char password[128];
    snprintf(password, sizeof password, "%.*s", (int)strcspn(pw + 10, "\r\n"), pw + 10);
    free(out);
    start(f, &f->srv[0], "a");
    start(f, &f->srv[1], "b");
    assert_int_equal(apifx_login(f->srv[0].port, "admin", password, f->cookie, sizeof f->cookie),
                     200);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    stop(&f->srv[0]);
    stop(&f->srv[1]);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static const char *const UNITS[] = {"T", "S1", "H1", "X1", "X2"};

/* Every unit's figures (with its subtree) from server s, in one text. */
static char *figures(fixture_t *f, server_t *s)
{
    size_t cap = 1 << 16, len = 0;
    char *all = calloc(1, cap);
    assert_non_null(all);
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        char path[256];
        snprintf(path, sizeof path,
                 "/api/v1/kpi?unit=%s&tree=1&period=2024&as_of=2025-01-01%%2000:00", UNITS[i]);
        char *body = call(s, f->cookie, "GET", path, NULL, NULL, 0, 200);
        size_t n = strlen(body);
        assert_true(len + n + 2 < cap);
        memcpy(all + len, body, n);
        len += n;
        all[len++] = '\n';
        free(body);
    }
    return all;
}

static long received(const char *figs)
{
    json_t *j = json_loadb(figs, strcspn(figs, "\n"), 0, NULL); /* the first: T */
    assert_non_null(j);
    long n = (long)json_integer_value(json_object_get(j, "received"));
    json_decref(j);
    return n;
}

/* Both servers give the same figures; returns them (caller frees). */
static char *agree(fixture_t *f)
{
    char *a = figures(f, &f->srv[0]), *b = figures(f, &f->srv[1]);
    if (strcmp(a, b) != 0)
        fail_msg("the servers disagree:\n--- a\n%s--- b\n%s", a, b);
    free(b);
    return a;
}

static void writes_through_either_are_seen_by_both(void **state)
{
    fixture_t *f = *state;
    server_t *a = &f->srv[0], *b = &f->srv[1];
    /* The session opened on a is valid on b: sessions live in the database. */
    char *figs = agree(f);
    long before = received(figs);
    free(figs);

    /* A dossier received through a: b's next answer counts it. */
    free(call(a, f->cookie, "POST", "/api/v1/dossiers", "application/json",
              "{\"MaHoSo\":\"TWO-1\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":2,"
              "\"NgayTiepNhan\":\"2024-06-03 10:00\"}",
              0, 201));
    char *b1 = figures(f, b);
    assert_int_equal(received(b1), before + 1);
    free(b1);
    figs = agree(f);
    free(figs);

    /* Processed and returned through b: a's figures move with b's. */
    char *before_a = figures(f, a);
    free(call(b, f->cookie, "POST", "/api/v1/dossiers/TWO-1/events", "application/json",
              "{\"kind\":\"processed\",\"at\":\"2024-06-04 09:00\"}", 0, 201));
    free(call(b, f->cookie, "POST", "/api/v1/dossiers/TWO-1/events", "application/json",
              "{\"kind\":\"returned\",\"at\":\"2024-06-04 10:00\"}", 0, 201));
    char *after_a = figures(f, a);
    assert_string_not_equal(before_a, after_a);
    free(before_a);
    free(after_a);
    figs = agree(f);
    free(figs);

    /* The dossier as each server shows it. */
    char *da = call(a, f->cookie, "GET", "/api/v1/dossiers/TWO-1", NULL, NULL, 0, 200);
    char *db = call(b, f->cookie, "GET", "/api/v1/dossiers/TWO-1", NULL, NULL, 0, 200);
    assert_string_equal(da, db);
    free(da);
    free(db);
}

static void evidence_uploaded_to_one_is_served_by_the_other(void **state)
{
    fixture_t *f = *state;
    static const char PDF[] = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    char *up =
        call(&f->srv[0], f->cookie, "POST",
             "/api/v1/evidence?unit=X1&attached_type=task_update&attached_id=1&filename=a.pdf",
             "application/pdf", PDF, sizeof PDF - 1, 201);
    json_t *j = json_loads(up, 0, NULL);
    assert_non_null(j);
    long long id =
        (long long)json_integer_value(json_object_get(json_object_get(j, "evidence"), "id"));
    json_decref(j);
    free(up);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/evidence/%lld/content", id);
    tc_response_t r;
    assert_int_equal(tc_request(f->srv[1].port, "GET", path, f->cookie, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, sizeof PDF - 1);
    assert_memory_equal(r.body, PDF, r.body_len);
    tc_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_through_either_are_seen_by_both, setup, teardown),
        cmocka_unit_test_setup_teardown(evidence_uploaded_to_one_is_served_by_the_other, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
