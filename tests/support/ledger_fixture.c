#include "support/ledger_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_ledger.h"
#include "app/app_units.h"
#include "domain/procedure.h"
#include "domain/unit.h"
#include "io/dossier_io.h"
#include "io/procedure_io.h"
#include "io/unit_io.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/banned.h"

/* "$CCHC_ROOT/tests/fixtures/ledger/<name>" into out. */
static void fixture_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/tests/fixtures/ledger/%s", testdir_root(), name);
}

void ledger_fixture_units(app_t *a)
{
    err_t e;
    char path[1100];
    unit_set_t us;
    unit_set_init(&us);
    fixture_path(path, sizeof path, "units.csv");
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    fixture_path(path, sizeof path, "links.csv");
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    assert_int_equal(app_units_import(a, NULL, &us, "units", NULL, &e), 0);
    unit_set_release(&us);
}

void ledger_fixture_load(app_t *a, const char *dir)
{
    err_t e;
    char path[1100];
    ledger_fixture_units(a);
    procedure_set_t ps;
    procedure_set_init(&ps);
    fixture_path(path, sizeof path, "procedures.csv");
    assert_int_equal(procedure_io_read_file(path, &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(a, NULL, &ps, "p", NULL, &e), 0);
    procedure_set_release(&ps);
    /* a copy in dir: the ingest writes its rejects file beside it */
    fixture_path(path, sizeof path, "dossiers.csv");
    char *copy = testdir_join(dir, "d.csv");
    testdir_copy(path, copy);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    ledger_ingest_report_t r;
    if (app_ledger_ingest(a, NULL, copy, &o, &r, &e))
        fail_msg("ledger fixture: %s", e.en);
    free(copy);
    assert_int_equal(r.st.inserted, 13);
    assert_int_equal(r.st.rejected, 0);
}
