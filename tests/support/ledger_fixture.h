/* ledger_fixture.h - the small ledger of tests/fixtures/ledger (a province
 * T with a department S1, a district H1 and communes X1..X3; procedures
 * P1..P3; 13 dossiers of 2024) loaded into an app, for tests (cmocka
 * assertions inside: call from tests only). */
#ifndef CCHC_TEST_LEDGER_FIXTURE_H
#define CCHC_TEST_LEDGER_FIXTURE_H

#include "app/app.h"
#include "support/app_fixture.h"

/* Imports the units and links, the procedures and the dossiers (copied to
 * dir first, where the ingest leaves its rejects file); all 13 dossiers
 * must be accepted. */
void ledger_fixture_load(app_t *a, const char *dir);
/* app_fixture_start() with the fixture loaded (ledger_fixture_load into its
 * directory). Caller frees with app_fixture_free. */
app_fixture_t *ledger_fixture_start(void);
/* A cmocka setup: *state = ledger_fixture_start() (teardown:
 * app_fixture_teardown). */
int ledger_fixture_setup(void **state);
/* Imports the units and links only. */
void ledger_fixture_units(app_t *a);
/* The KPI answer of the fixture for T with its tree over 2024 as of
 * 2025-01-01 00:00, as kpi_json writes it (and GET /api/v1/kpi answers):
 * the hand-computed figures of tests/unit/test_kpi.c's header. */
extern const char ledger_fixture_kpi_t_2024[];
/* The path of a fixture file: "$CCHC_ROOT/tests/fixtures/ledger/<name>"
 * (units.csv, links.csv, procedures.csv, dossiers.csv); caller frees with
 * free(). */
char *ledger_fixture_path(const char *name);

#endif
