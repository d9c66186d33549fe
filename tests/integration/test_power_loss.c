/* Power loss (issue 16 item 15): an acknowledged API write survives a power
 * cut, not only a crash of the process. A real `cchc serve` on a SQLite
 * database runs under tests/shim/fsync_shim.c (LD_PRELOAD), which keeps a
 * copy of each database file as it stood at its last fsync; the server is
 * killed (SIGKILL) right after an acknowledged write, the files are put
 * back to those copies (unsynced writes lost), and the database must open,
 * pass its integrity check and hold every acknowledged write. The same run
 * with synchronous=NORMAL (the setting before: the WAL synced only at
 * checkpoints) loses acknowledged writes: it shows the model bites.
 * SQLite only: PostgreSQL's durability is its server's (synchronous_commit,
 * fsync) and is documented in docs/deploy.md. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store.h"
#include "support/http_client.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/banned.h"

#define WRITES 25

typedef struct fx {
    char *dir;
    char db[4200], env_db[4300], env_data[4300], shim[4200];
    char password[64];
    pid_t pid;
    uint16_t port;
} fx_t;

static const char *bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b && *b ? b : "build/asan/cchc";
}

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

static void cli(fx_t *f, const char *input, const char *const *args, char *out, size_t cap)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = bin();
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    const char *env[] = {f->env_db, f->env_data, "CCHC_LOG_LEVEL=warn", NULL};
    run_result_t r;
    assert_int_equal(run_cmd(argv, env, input, 120, &r), 0);
    if (r.status != 0)
        fail_msg("%s %s: exit %d\n%s", args[0], args[1], r.status, r.err);
    if (out)
        snprintf(out, cap, "%s", r.out);
    run_result_free(&r);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    snprintf(f->db, sizeof f->db, "%s/pl.db", f->dir);
    snprintf(f->env_db, sizeof f->env_db, "CCHC_DB=%s", f->db);
    snprintf(f->env_data, sizeof f->env_data, "CCHC_DATA=%s/data", root());
    char b[4200];
    snprintf(b, sizeof b, "%s", bin());
    char *slash = strrchr(b, '/');
    snprintf(f->shim, sizeof f->shim, "%.*s/lib/fsync_shim.so", slash ? (int)(slash - b) : 1,
             slash ? b : ".");
    char u1[4200], u2[4200];
    snprintf(u1, sizeof u1, "%s/data/units/vinhlong_2025.csv", root());
    snprintf(u2, sizeof u2, "%s/data/units/vinhlong_links.csv", root());
    cli(f, NULL, (const char *[]){"unit", "import", u1, NULL}, NULL, 0);
    snprintf(f->password, sizeof f->password, "mot-mat-khau-that-dai-9");
    char in[80];
    snprintf(in, sizeof in, "%s\n", f->password);
    cli(f, in,
        (const char *[]){"user", "add", "quantri", "--role", "admin", "--password-stdin", NULL},
        NULL, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    if (f->pid > 0) {
        kill(f->pid, SIGKILL);
        waitpid(f->pid, NULL, 0);
    }
    testdir_remove(f->dir);
    free(f);
    return 0;
}

/* For each file of the database (pl.db*), what a power cut leaves: the
 * copy of its last fsync, or nothing. before_start: the files as the
 * commands left them count as on disk (they closed cleanly). */
static void disk_state(fx_t *f, bool before_start)
{
    DIR *d = opendir(f->dir);
    assert_non_null(d);
    struct dirent *de;
    char names[32][256];
    int n = 0;
    while ((de = readdir(d)) && n < 32)
        if (strncmp(de->d_name, "pl.db", 5) == 0 && !strstr(de->d_name, ".durable"))
            snprintf(names[n++], sizeof names[0], "%s", de->d_name);
    closedir(d);
    for (int i = 0; i < n; i++) {
        char path[4600], durable[4700];
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        snprintf(durable, sizeof durable, "%s.durable", path);
        if (before_start) {
            char cmd[9600];
            snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, durable);
            assert_int_equal(system(cmd), 0);
        } else if (access(durable, F_OK) == 0) {
            assert_int_equal(rename(durable, path), 0);
        } else {
            assert_int_equal(unlink(path), 0); /* never synced: lost */
        }
    }
}

static void start(fx_t *f, const char *sync)
{
    disk_state(f, true);
    char log[4300];
    snprintf(log, sizeof log, "%s/serve.log", f->dir);
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid == 0) {
        if (!freopen(log, "w", stderr) || !freopen("/dev/null", "w", stdout))
            _exit(126);
        char pre[4300], dir[4300], syn[64];
        snprintf(pre, sizeof pre, "LD_PRELOAD=%s", f->shim);
        snprintf(dir, sizeof dir, "CCHC_SHIM_DIR=%s/", f->dir);
        snprintf(syn, sizeof syn, "CCHC_SQLITE_SYNCHRONOUS=%s", sync);
        putenv(pre);
        putenv(dir);
        putenv(syn);
        putenv(f->env_db);
        putenv(f->env_data);
        putenv("ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0");
        execl(bin(), bin(), "--log-level", "info", "serve", "--listen", "127.0.0.1:0",
              (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 600 && !f->port; i++) {
        usleep(50000);
        FILE *lf = fopen(log, "r");
        char line[1024];
        while (lf && fgets(line, sizeof line, lf)) {
            const char *p = strstr(line, " port ");
            if (strstr(line, "listening") && p)
                f->port = (uint16_t)strtol(p + 6, NULL, 10);
        }
        if (lf)
            fclose(lf);
    }
    if (!f->port)
        fail_msg("the server did not start (see %s)", log);
}

/* Logs in, makes WRITES acknowledged writes (a unit each), then kills the
 * server at once; returns how many were acknowledged. */
static int write_then_cut(fx_t *f)
{
    char body[256], cookie[512] = "";
    snprintf(body, sizeof body, "{\"login\":\"quantri\",\"password\":\"%s\"}", f->password);
    tc_response_t r;
    assert_int_equal(tc_request(f->port, "POST", "/api/v1/login",
                                "Content-Type: application/json\r\n", body, strlen(body), &r),
                     0);
    assert_int_equal(r.status, 200);
    const char *sc = tc_header(&r, "Set-Cookie");
    assert_non_null(sc);
    snprintf(cookie, sizeof cookie, "Cookie: %.*s\r\nContent-Type: application/json\r\n",
             (int)strcspn(sc, ";"), sc);
    tc_response_free(&r);
    int acked = 0;
    for (int i = 0; i < WRITES; i++) {
        snprintf(body, sizeof body,
                 "{\"units\":[{\"code\":\"VL25.PL%02d\",\"name\":\"Đơn vị %d\",\"kind\":\"so\","
                 "\"parent\":\"VL25\",\"valid_from\":\"2025-07-01\"}]}",
                 i, i);
        assert_int_equal(
            tc_request(f->port, "POST", "/api/v1/units", cookie, body, strlen(body), &r), 0);
        acked += r.status == 200;
        tc_response_free(&r);
    }
    kill(f->pid, SIGKILL); /* the power goes: nothing more reaches the disk */
    waitpid(f->pid, NULL, 0);
    f->pid = 0;
    return acked;
}

/* Units of the writes found after the cut, with the database checked. */
static int64_t survivors(fx_t *f)
{
    disk_state(f, false);
    store_t *s;
    err_t e;
    if (store_open_existing(f->db, &s, &e))
        fail_msg("open after the cut: %s", e.en);
    if (store_check(s, &e))
        fail_msg("integrity after the cut: %s", e.en);
    int64_t n = -1;
    assert_int_equal(
        store_query_int(s, "SELECT COUNT(*) FROM unit WHERE code LIKE 'VL25.PL%'", &n, &e), 0);
    store_close(s);
    return n;
}

static void acknowledged_writes_survive(void **state)
{
    fx_t *f = *state;
    start(f, "full");
    int acked = write_then_cut(f);
    assert_int_equal(acked, WRITES);
    assert_int_equal(survivors(f), acked);
}

/* The model is not vacuous: without a sync per commit, the acknowledged
 * writes since the last checkpoint are gone. */
static void normal_sync_loses_them(void **state)
{
    fx_t *f = *state;
    start(f, "normal");
    int acked = write_then_cut(f);
    assert_int_equal(acked, WRITES);
    assert_true(survivors(f) < acked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(acknowledged_writes_survive, setup, teardown),
        cmocka_unit_test_setup_teardown(normal_sync_loses_them, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
