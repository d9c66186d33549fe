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

const char ledger_fixture_kpi_t_2024[] =
    "{\"unit\":\"T\",\"from\":\"2024-01-01\",\"to\":\"2024-12-31\",\"as_of\":\"2025-01-01T00:"
    "00:00\",\"received\":12,\"resolved\":9,\"early\":3,\"on_time\":3,\"late\":3,"
    "\"overdue_open\":1,\"indicators\":{\"tthc.on_time\":{\"value\":66.67,\"num\":6,\"den\":"
    "9},\"tthc.early\":{\"value\":33.33,\"num\":3,\"den\":9},\"tthc.satisfaction\":{\"value\":"
    "80.00,\"num\":4,\"den\":5},\"tthc.online\":{\"value\":40.00,\"num\":4,\"den\":10},"
    "\"tthc.full_online\":{\"value\":22.22,\"num\":2,\"den\":9},\"tthc.online_payment\":{"
    "\"value\":33.33,\"num\":1,\"den\":3},\"tthc.digitized\":{\"value\":30.00,\"num\":3,"
    "\"den\":10},\"tthc.digitized_result\":{\"value\":33.33,\"num\":3,\"den\":9},"
    "\"catalog.online_service\":{\"value\":50.00,\"num\":1,\"den\":2},"
    "\"catalog.online_payment\":{\"value\":50.00,\"num\":1,\"den\":2},\"catalog.published\":{"
    "\"value\":66.67,\"num\":2,\"den\":3},\"feedback.on_time\":{\"value\":null,\"num\":0,"
    "\"den\":0}}}";

char *ledger_fixture_path(const char *name)
{
    char *dir = testdir_join(testdir_root(), "tests/fixtures/ledger");
    char *path = testdir_join(dir, name);
    free(dir);
    return path;
}

/* Reads one fixture file of units into us. */
static void read_units(const char *name, unit_set_t *us)
{
    err_t e;
    char *path = ledger_fixture_path(name);
    assert_int_equal(unit_io_read_file(path, us, &e), 0);
    free(path);
}

void ledger_fixture_units(app_t *a)
{
    err_t e;
    unit_set_t us;
    unit_set_init(&us);
    read_units("units.csv", &us);
    read_units("links.csv", &us);
    assert_int_equal(app_units_import(a, NULL, &us, "units", NULL, &e), 0);
    unit_set_release(&us);
}

void ledger_fixture_load(app_t *a, const char *dir)
{
    err_t e;
    ledger_fixture_units(a);
    procedure_set_t ps;
    procedure_set_init(&ps);
    char *path = ledger_fixture_path("procedures.csv");
    assert_int_equal(procedure_io_read_file(path, &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(a, NULL, &ps, "p", NULL, &e), 0);
    procedure_set_release(&ps);
    free(path);
    /* a copy in dir: the ingest writes its rejects file beside it */
    path = ledger_fixture_path("dossiers.csv");
    char *copy = testdir_join(dir, "d.csv");
    testdir_copy(path, copy);
    free(path);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    ledger_ingest_report_t r;
    if (app_ledger_ingest(a, NULL, copy, &o, &r, &e))
        fail_msg("ledger fixture: %s", e.en);
    free(copy);
    assert_int_equal(r.st.inserted, 13);
    assert_int_equal(r.st.rejected, 0);
}

app_fixture_t *ledger_fixture_start(void)
{
    app_fixture_t *f = app_fixture_start();
    ledger_fixture_load(f->a, f->dir);
    return f;
}

int ledger_fixture_setup(void **state)
{
    *state = ledger_fixture_start();
    return 0;
}
