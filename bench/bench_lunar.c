/* bench_lunar - conversions per second of the lunar calendar on one core:
 * solar->lunar over every day of the supported range (pseudo-random order
 * and sequential), and lunar->solar over the same dates. The first call
 * (table construction) is timed separately. */
#include "base/date.h"
#include "base/mem.h"
#include "domain/lunar.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "base/banned.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void)
{
    date_t lo = date_from_ymd(1900, 1, 1), hi = date_from_ymd(2199, 12, 31);
    int n = (int)(hi - lo + 1);
    date_t *days = mem_calloc((size_t)n, sizeof *days);
    lunar_date_t *lds = mem_calloc((size_t)n, sizeof *lds);
    if (!days || !lds) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    /* A fixed pseudo-random permutation of the range (defeats caching). */
    for (int i = 0; i < n; i++)
        days[i] = lo + i;
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (int i = n - 1; i > 0; i--) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int j = (int)(x % (uint64_t)(i + 1));
        date_t t = days[i];
        days[i] = days[j];
        days[j] = t;
    }

    double t0 = now_s();
    lunar_date_t first;
    if (lunar_from_solar(days[0], &first) != 0)
        return 1;
    printf("lunar: table build (first call) %.2f ms\n", (now_s() - t0) * 1e3);

    const int rounds = 40;
    long sink = 0;
    t0 = now_s();
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            if (lunar_from_solar(days[i], &lds[i]) != 0)
                return 1;
            sink += lds[i].day;
        }
    double dt = now_s() - t0;
    printf("lunar: solar->lunar %.1f M conversions/s (random order)\n",
           (double)rounds * n / dt / 1e6);

    t0 = now_s();
    for (int r = 0; r < rounds; r++)
        for (date_t d = lo; d <= hi; d++) {
            lunar_date_t l;
            if (lunar_from_solar(d, &l) != 0)
                return 1;
            sink += l.month;
        }
    dt = now_s() - t0;
    printf("lunar: solar->lunar %.1f M conversions/s (sequential)\n",
           (double)rounds * n / dt / 1e6);

    t0 = now_s();
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            date_t d;
            if (lunar_to_solar(&lds[i], &d) != 0 || d != days[i])
                return 1;
            sink += d;
        }
    dt = now_s() - t0;
    printf("lunar: lunar->solar %.1f M conversions/s (random order)\n",
           (double)rounds * n / dt / 1e6);

    printf("lunar: (checksum %ld over %d dates x %d rounds)\n", sink, n, rounds);
    mem_free(days);
    mem_free(lds);
    return 0;
}
