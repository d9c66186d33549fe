/* bench_planparse.c - plan documents parsed per second: the three shared
 * sample plans as text (document model built once, then planparse_parse), with and
 * without the sample unit registry, plus reading + parsing from the file. */
#include "domain/planparse.h"
#include "io/docread.h"
#include "io/unit_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/banned.h"

static const char *const plans[] = {"001_74e5bd43d5376be8.txt", "002_f2f413426d7afbab.txt",
                                    "004_9a23d4ea0e0477f2.txt"};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

static int plan_path(const char *name, char *out, size_t cap)
{
    static const char *const dirs[] = {"%s/../shared/plans/%s", "%s/tests/fixtures/plans/%s"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(out, cap, dirs[i], root(), name);
        struct stat st;
        if (stat(out, &st) == 0)
            return 0;
    }
    return -1;
}

static void run(const char *name, const doc_t *d, const planparse_options_t *opt, const char *label)
{
    const int n = 200;
    double t0 = now();
    size_t tasks = 0;
    for (int i = 0; i < n; i++) {
        planparse_plan_t *p = NULL;
        err_t e;
        if (planparse_parse(d, opt, &p, &e)) {
            fprintf(stderr, "%s: %s\n", name, e.en);
            exit(1);
        }
        tasks = p->ntasks;
        planparse_plan_free(p);
    }
    double dt = now() - t0;
    printf("%-28s %-16s %3zu tasks  %8.2f ms/plan  %7.0f plans/s\n", name, label, tasks,
           dt * 1000 / n, n / dt);
}

int main(void)
{
    unit_set_t set;
    unit_set_init(&set);
    err_t e;
    const char *files[] = {"vinhlong_2024.csv", "vinhlong_2025.csv", "vinhlong_links.csv"};
    for (int i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/data/units/%s", root(), files[i]);
        if (unit_io_read_file(path, &set, &e)) {
            fprintf(stderr, "%s: %s\n", path, e.en);
            return 1;
        }
    }
    unit_resolver_t *r = unit_resolve_new(&set, &e);
    for (size_t k = 0; k < 3; k++) {
        char path[1024];
        if (plan_path(plans[k], path, sizeof path)) {
            printf("%s: not found, skipped\n", plans[k]);
            continue;
        }
        doc_t *d = NULL;
        double t0 = now();
        if (docread_file(path, &d, &e)) {
            fprintf(stderr, "%s: %s\n", path, e.en);
            return 1;
        }
        double read_ms = (now() - t0) * 1000;
        printf("%-28s read              %8.2f ms\n", plans[k], read_ms);
        run(plans[k], d, NULL, "no registry");
        planparse_options_t opt = {.units = &set, .resolver = r};
        run(plans[k], d, &opt, "with registry");
        doc_free(d);
    }
    unit_resolve_free(r);
    unit_set_release(&set);
    return 0;
}
