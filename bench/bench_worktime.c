/* bench_worktime - speed of the agency calendar and working-time arithmetic.
 * Run from the repository root (make bench): loads data/calendar/vn.json.
 * Goal: >= 5 million working-day additions per second on one core. */
#include "app/calendar_load.h"
#include "domain/agencycal.h"
#include "domain/worktime.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/banned.h"

#define NSTARTS 4096
#define ROUNDS  20000000L

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x2545f4914f6cdd1du;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void report(const char *what, long n, double secs)
{
    printf("%-40s %10.1f M/s  (%.1f ns each, %ld ops)\n", what, (double)n / secs / 1e6,
           secs * 1e9 / (double)n, n);
}

int main(void)
{
    const char *dir = getenv("CCHC_DATA") ? getenv("CCHC_DATA") : "data";
    agencycal_t *c = NULL;
    err_t e;
    double t0 = now();
    int builds = 20;
    for (int i = 0; i < builds; i++) {
        agencycal_free(c);
        if (calendar_load_load(dir, &c, &e)) {
            fprintf(stderr, "%s\n", e.en);
            return 1;
        }
    }
    double t1 = now();
    printf("calendar load+build (%d-%d, %d working days): %.2f ms\n", AGENCYCAL_YEAR_MIN,
           AGENCYCAL_YEAR_MAX, agencycal_workday_count(c), (t1 - t0) * 1e3 / builds);

    static dtime_t starts[NSTARTS];
    static int64_t counts[NSTARTS];
    date_t base = date_from_ymd(2020, 1, 1);
    for (int i = 0; i < NSTARTS; i++) {
        starts[i] =
            dtime_make(base + (date_t)(next_rand() % (10 * 365)), 0, (int)(next_rand() % 1440), 0);
        counts[i] = next_rand() % 60;
    }
    dtime_t sink = 0, out;
    int fails = 0;

    t0 = now();
    for (long i = 0; i < ROUNDS; i++) {
        int k = (int)(i & (NSTARTS - 1));
        fails += worktime_add_working_days(c, starts[k], counts[k], &out, NULL) != 0;
        sink += out;
    }
    t1 = now();
    report("worktime_add_working_days", ROUNDS, t1 - t0);

    worktime_rule_t rule = {900};
    t0 = now();
    for (long i = 0; i < ROUNDS; i++) {
        int k = (int)(i & (NSTARTS - 1));
        fails +=
            worktime_due(c, starts[k], counts[k], WORKTIME_WORKING_DAYS, &rule, &out, NULL) != 0;
        sink += out;
    }
    t1 = now();
    report("worktime_due (working days, 15:00 cutoff)", ROUNDS, t1 - t0);

    t0 = now();
    for (long i = 0; i < ROUNDS; i++) {
        int k = (int)(i & (NSTARTS - 1));
        fails += worktime_add_working_minutes(c, starts[k], counts[k] * 37, &out, NULL) != 0;
        sink += out;
    }
    t1 = now();
    report("worktime_add_working_minutes", ROUNDS, t1 - t0);

    worktime_span_t sp;
    t0 = now();
    for (long i = 0; i < ROUNDS; i++) {
        int k = (int)(i & (NSTARTS - 1));
        dtime_t a = starts[k], b = a + counts[k] * 86400 + 3600;
        fails += worktime_between(c, a, b, NULL, 0, &sp, NULL) != 0;
        sink += sp.working_seconds;
    }
    t1 = now();
    report("worktime_between (no pauses)", ROUNDS, t1 - t0);

    long slow = ROUNDS / 10;
    t0 = now();
    for (long i = 0; i < slow; i++) {
        int k = (int)(i & (NSTARTS - 1));
        dtime_t a = starts[k], b = a + counts[k] * 86400 + 3600;
        worktime_interval_t p[2] = {{a + 86400, a + 2 * 86400}, {a + 90000, a + 3 * 86400}};
        fails += worktime_between(c, a, b, p, 2, &sp, NULL) != 0;
        sink += sp.working_seconds;
    }
    t1 = now();
    report("worktime_between (2 pauses)", slow, t1 - t0);

    printf("(checksum %lld, %d failures)\n", (long long)sink, fails);
    agencycal_free(c);
    return fails ? 1 : 0;
}
