/* The reminder scheduler inside `cchc serve` (issue 17 item 2): off unless
 * the configuration (or --remind-at) turns it on; on, it records the day's
 * run at once when its time has passed, keeps the server answering, and
 * stops with it (exit status 0, no leak under ASan). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

static const char *bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b ? b : "build/asan/cchc";
}

static int64_t runs(const char *db)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_open(db, &s) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(s, 5000);
    if (sqlite3_prepare_v2(s, "SELECT COUNT(*) FROM remind_run WHERE host LIKE '%:%'", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return n;
}

static pid_t serve(const char *db, const char *cfg)
{
    char data[1024], web[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    snprintf(web, sizeof web, "%s/web", testdir_root());
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (cfg)
            execl(bin(), bin(), "--db", db, "--data", data, "--web", web, "--log-level", "warn",
                  "serve", "--listen", "127.0.0.1:0", "--config", cfg, (char *)NULL);
        else
            execl(bin(), bin(), "--db", db, "--data", data, "--web", web, "--log-level", "warn",
                  "serve", "--listen", "127.0.0.1:0", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void off_then_on(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *db = testdir_join(dir, "cchc.db");
    const char *argv[] = {bin(), "--db", db, "db", "migrate", NULL};
    run_result_t r;
    assert_int_equal(run_cmd(argv, NULL, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    unsetenv("CCHC_CONFIG");
    /* off by default */
    pid_t pid = serve(db, NULL);
    pause_ms(3000);
    assert_int_equal(runs(db), 0);
    stop(pid);
    /* on, at 00:00 (passed whatever the hour): a run within a tick */
    char *cfg = testdir_file(dir, "cchc.json",
                             "{\"scheduler\": {\"enabled\": true, \"time\": \"00:00\", "
                             "\"tick_seconds\": 5}}");
    pid = serve(db, cfg);
    int64_t n = 0;
    for (int i = 0; i < 150 && n <= 0; i++) {
        pause_ms(200);
        n = runs(db);
    }
    assert_int_equal(n, 1);
    /* once a day: later ticks do not run the day again */
    pause_ms(6000);
    assert_int_equal(runs(db), 1);
    stop(pid);
    free(cfg);
    free(db);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(off_then_on)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
