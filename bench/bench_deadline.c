/* bench_deadline.c - deadline parses per second (and JSON conversions), over
 * a mix of appendix texts of plans/002 and other forms; period lists. */
#include "base/date.h"
#include "domain/deadline.h"
#include "domain/period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

static const char *const texts[] = {
    "Quý IV/2023",
    "Tháng 01/2024",
    "Trước ngày 16/01/202 4",
    "Định kỳ trong năm 2024",
    "Trong năm 2024",
    "Sau khi có kết quả công bố",
    "Thường xuyên trong năm 2024",
    "Quý II, Quý IV/2024",
    "Theo quy định của cơ quan có\nthẩm quyền",
    "Các sở, ban, ngành tỉnh, UBND\ncấp huyện: trước ngày 01/3/2024; UBND cấp xã: theo yêu cầu "
    "của UBND cấp huyện",
    "Định kỳ trong năm",
    "Thường xuyên",
    "Tháng 8/2024",
    "Ngày 31/12/2024",
    "Định kỳ theo báo cáo CCHC",
    "Quý IV/ 2024",
    "Năm 2024",
    "Quý II/2024",
    "Quý IV/2023 và theo định kỳ",
    "Thời gian thực hiện: thường xuyên trong năm 2023 và những năm tiếp theo.",
    "hàng quý (trước ngày 15 của tháng cuối quý), năm hoặc đột xuất",
    "blah blah không hiểu",
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    size_t nt = sizeof texts / sizeof texts[0], lens[sizeof texts / sizeof texts[0]];
    for (size_t i = 0; i < nt; i++)
        lens[i] = strlen(texts[i]);
    long n = 0, dates = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < nt; i++, n++) {
            deadline_schedule_t *s;
            if (deadline_parse(texts[i], lens[i], 2024, &s, NULL) != 0) {
                fprintf(stderr, "parse failed: %s\n", texts[i]);
                return 1;
            }
            dates += (long)s->ndates;
            deadline_free(s);
        }
        t = now() - t0;
    } while (t < 1.0);
    printf("deadline_parse:            %10.0f parses/s (%.2f us each, %zu texts, %ld dates)\n",
           (double)n / t, 1e6 * t / (double)n, nt, dates);

    n = 0;
    t0 = now();
    do {
        for (size_t i = 0; i < nt; i++, n++) {
            deadline_schedule_t *s;
            if (deadline_parse(texts[i], lens[i], 2024, &s, NULL) != 0)
                return 1;
            json_t *j = deadline_to_json(s);
            char *out = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
            free(out);
            json_decref(j);
            deadline_free(s);
        }
        t = now() - t0;
    } while (t < 1.0);
    printf("deadline_parse + JSON:     %10.0f parses/s\n", (double)n / t);

    n = 0;
    t0 = now();
    do {
        for (int y = 2000; y < 2100; y++, n++) {
            period_t ps[PERIOD_MAX_PER_YEAR];
            size_t c;
            if (period_list(PERIOD_MONTHLY, y, NULL, NULL, NULL, ps, &c, NULL) != 0)
                return 1;
        }
        t = now() - t0;
    } while (t < 0.5);
    printf("period_list monthly: %10.0f years/s\n", (double)n / t);
    return 0;
}
