/* sample_units.c - see sample_units.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/sample_units.h"

#include "app/app_units.h"
#include "io/unit_io.h"
#include "support/testdir.h"

#include <stdlib.h>

#include "base/banned.h"

void sample_units_read(unit_set_t *set)
{
    static const char *const files[] = {"vinhlong_2024.csv", "vinhlong_2025.csv",
                                        "vinhlong_links.csv"};
    unit_set_init(set);
    char *dir = testdir_join(testdir_root(), "data/units");
    for (size_t i = 0; i < 3; i++) {
        char *path = testdir_join(dir, files[i]);
        err_t e;
        if (unit_io_read_file(path, set, &e))
            fail_msg("%s: %s", path, e.en);
        free(path);
    }
    free(dir);
}

void sample_units_import(app_t *a)
{
    unit_set_t set;
    sample_units_read(&set);
    app_unit_import_report_t rep;
    err_t e;
    if (app_units_import(a, NULL, &set, "samples", &rep, &e))
        fail_msg("sample units: %s", e.en);
    unit_set_release(&set);
}
