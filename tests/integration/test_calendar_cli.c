/* Integration test of `cchc calendar`: runs the binary ($CCHC_BIN, from the
 * repository root $CCHC_ROOT, as scripts/runtests.sh sets them) and checks
 * the exact output forms other tools rely on, and the exit codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/cli_run.h"
#include "support/testdir.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/banned.h"

#define OUT_MAX 65536

/* Runs `cchc ARGS` (stderr merged unless keep_stderr is false) and returns
 * the exit status; out gets the output without the final newline. */
static int run(const char *args, char *out, bool with_stderr)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s %s", testdir_root(), cli_run_bin(), args,
             with_stderr ? "2>&1" : "2>/dev/null");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, OUT_MAX - 1, p);
    out[n] = '\0';
    while (n && out[n - 1] == '\n')
        out[--n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void expect(const char *args, int code, const char *want)
{
    static char out[OUT_MAX];
    int rc = run(args, out, code != 0);
    if (rc != code || (want && strcmp(out, want) != 0))
        fail_msg("cchc %s: exit %d, output:\n%s\n(wanted exit %d, output:\n%s)", args, rc, out,
                 code, want ? want : "(any)");
}

static void expect_contains(const char *args, int code, const char *needle)
{
    static char out[OUT_MAX];
    int rc = run(args, out, true);
    if (rc != code || !strstr(out, needle))
        fail_msg("cchc %s: exit %d, output:\n%s\n(wanted exit %d and '%s')", args, rc, out, code,
                 needle);
}

static void exact_forms(void **state)
{
    (void)state;
    expect("calendar lunar 2024-02-10 --json", 0,
           "{\"solar\":\"2024-02-10\",\"day\":1,\"month\":1,\"year\":2024,\"leap\":false,"
           "\"year_name\":\"Giáp Thìn\"}");
    expect("calendar solar 1/1/2025", 0, "2025-01-29");
    expect("calendar solar 1/1/2025 --json", 0,
           "{\"lunar\":{\"day\":1,\"month\":1,\"year\":2025,\"leap\":false,\"year_name\":\"Ất "
           "Tỵ\"},\"solar\":\"2025-01-29\"}");
    expect("calendar add '2024-02-07 09:00' 3 working_days --json", 0,
           "{\"from\":\"2024-02-07T09:00\",\"due\":\"2024-02-19T09:00\"}");
    expect("calendar add '2024-03-05 15:30' 1 working_days --after 15:00 --json", 0,
           "{\"from\":\"2024-03-05T15:30\",\"due\":\"2024-03-07T07:30\"}");
    expect("calendar add '2024-03-05 10:30' 2 working_hours --json", 0,
           "{\"from\":\"2024-03-05T10:30\",\"due\":\"2024-03-05T14:30\"}");
    expect("calendar add '07/02/2024 09:00' 10 days --json", 0,
           "{\"from\":\"2024-02-07T09:00\",\"due\":\"2024-02-17T09:00\"}");
    expect("calendar between '2024-02-07 09:00' '2024-02-20 10:00' --json", 0,
           "{\"from\":\"2024-02-07T09:00\",\"to\":\"2024-02-20T10:00\",\"working_minutes\":1860,"
           "\"working_days\":4.133,\"day_minutes\":450,\"paused_minutes\":0}");
    expect("calendar between '2024-02-07 09:00' '2024-02-20 10:00' --pause "
           "'2024-02-15 07:00,2024-02-16 12:00' --json",
           0,
           "{\"from\":\"2024-02-07T09:00\",\"to\":\"2024-02-20T10:00\",\"working_minutes\":1170,"
           "\"working_days\":2.6,\"day_minutes\":450,\"paused_minutes\":690}");
}

static void year_json(void **state)
{
    (void)state;
    static char out[OUT_MAX];
    assert_int_equal(run("calendar year 2024 --json", out, false), 0);
    const char *head =
        "{\"year\":2024,\"provisional\":false,\"days_off\":[\"2024-01-01\",\"2024-02-08\","
        "\"2024-02-09\",\"2024-02-12\",\"2024-02-13\",\"2024-02-14\",\"2024-04-18\","
        "\"2024-04-29\",\"2024-04-30\",\"2024-05-01\",\"2024-09-02\",\"2024-09-03\"],"
        "\"worked_weekend_days\":[\"2024-05-04\"],\"holidays\":[{\"date\":\"2024-01-01\","
        "\"name\":\"Tết Dương lịch\",\"reason\":\"decision\"";
    if (strncmp(out, head, strlen(head)) != 0)
        fail_msg("got %s", out);
    assert_int_equal(run("calendar year 2026 --json", out, false), 0);
    assert_non_null(strstr(out, "\"provisional\":true"));
    assert_non_null(strstr(out, "{\"date\":\"2026-09-01\",\"name\":\"Quốc khánh\",\"reason\":"
                                "\"holiday\",\"provisional\":true}"));
    assert_non_null(strstr(out, "\"worked_weekend_days\":[\"2026-01-10\"]"));
    expect("calendar day 2024-05-04 --json", 0, NULL);
}

static void lunar_range_is_complete(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' calendar lunar --from 1900-01-01 --to 2199-12-31",
             testdir_root(), cli_run_bin());
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[128];
    long n = 0;
    bool seen = false, first_ok = false;
    while (fgets(line, sizeof line, p)) {
        if (n == 0)
            first_ok = strncmp(line, "1900-01-01\t", 11) == 0;
        n++;
        seen = seen || strcmp(line, "2024-02-10\t1\t1\t2024\t0\n") == 0;
    }
    assert_int_equal(pclose(p), 0);
    assert_true(first_ok);
    assert_true(seen);
    assert_int_equal(n, 109573); /* days from 1900-01-01 to 2199-12-31 */
}

static void bad_input(void **state)
{
    (void)state;
    expect_contains("calendar lunar 2024-02-30", 2, "No such date");
    expect_contains("calendar lunar 1850-01-01", 1, "outside");
    expect_contains("calendar solar 30/12/2024", 2, "does not exist (that month has 29 days)");
    expect_contains("calendar solar 30/12/2024", 2, "không tồn tại");
    expect_contains("calendar solar 1/1/2025 --leap", 2, "no leap month 1");
    expect_contains("calendar add '2024-02-30 09:00' 3 working_days", 2, "No such date");
    expect_contains("calendar add '2024-02-07 09:00' -3 working_days", 2, "must not be negative");
    expect_contains("calendar add '2024-02-07 09:00' 3 fortnights", 2, "Unknown time unit");
    expect_contains("calendar add '2024-02-07 09:00' 3x working_days", 2, "integer");
    expect_contains("calendar add '2199-12-30 09:00' 30 working_days", 1, "beyond");
    expect_contains("calendar between '2024-02-20 10:00' '2024-02-07 09:00'", 2, "before");
    expect_contains("calendar year 1990", 1, "outside");
    expect_contains("calendar year 2024 --frobnicate", 2, "unknown option '--frobnicate'");
    expect_contains("calendar nope", 2, "unknown subcommand");
    expect_contains("calendar", 2, "usage");
}

static void help_everywhere(void **state)
{
    (void)state;
    const char *subs[] = {"lunar", "solar", "year", "day", "add", "between"};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        char args[64];
        snprintf(args, sizeof args, "calendar %s --help", subs[i]);
        expect_contains(args, 0, "cách dùng / usage: cchc calendar");
    }
    expect_contains("calendar --help", 0, "working_hours");
}

static void data_dir_option(void **state)
{
    (void)state;
    char *dir = testdir_new(), *sub = testdir_join(dir, "calendar");
    char args[4200];
    assert_int_equal(mkdir(sub, 0700), 0);
    free(testdir_file(sub, "vn.json",
                      "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\n\"version\":\"1\",,}"));
    snprintf(args, sizeof args, "--data %s calendar year 2024", dir);
    expect_contains(args, 1, "vn.json: malformed JSON at line 2");
    free(testdir_file(sub, "vn.json",
                      "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\"}"));
    /* no holidays at all: 1/1/2024 is a plain Monday */
    snprintf(args, sizeof args, "--data %s calendar day 2024-01-01 --json", dir);
    expect(args, 0,
           "{\"date\":\"2024-01-01\",\"weekday\":\"mon\",\"working\":true,\"reason\":\"work\","
           "\"name\":null,\"provisional\":false,\"reference\":null}");
    free(sub);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_forms),
        cmocka_unit_test(year_json),
        cmocka_unit_test(lunar_range_is_complete),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(help_everywhere),
        cmocka_unit_test(data_dir_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
