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

void ledger_fixture_load(app_t *a, const char *dir)
{
    err_t e;
    char path[1100];
    unit_set_t us;
    unit_set_init(&us);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/units.csv", testdir_root());
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/links.csv", testdir_root());
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    assert_int_equal(app_units_import(a, NULL, &us, "units", NULL, &e), 0);
    unit_set_release(&us);
    procedure_set_t ps;
    procedure_set_init(&ps);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/procedures.csv", testdir_root());
    assert_int_equal(procedure_io_read_file(path, &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(a, NULL, &ps, "p", NULL, &e), 0);
    procedure_set_release(&ps);
    char cmd[2400];
    snprintf(cmd, sizeof cmd, "cp %s/tests/fixtures/ledger/dossiers.csv %s/d.csv", testdir_root(),
             dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/d.csv", dir);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    ledger_ingest_report_t r;
    if (app_ledger_ingest(a, NULL, path, &o, &r, &e))
        fail_msg("ledger fixture: %s", e.en);
    assert_int_equal(r.st.inserted, 13);
}
