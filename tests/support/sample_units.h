/* sample_units.h - the sample unit registry shipped in data/units (Vĩnh
 * Long before and after the 2025 merger: vinhlong_2024.csv,
 * vinhlong_2025.csv, vinhlong_links.csv), for tests (cmocka assertions
 * inside: call from tests only). */
#ifndef CCHC_TEST_SAMPLE_UNITS_H
#define CCHC_TEST_SAMPLE_UNITS_H

#include "app/app.h"
#include "domain/unit.h"

/* Initialises set and reads the three files into it; caller releases it
 * with unit_set_release. */
void sample_units_read(unit_set_t *set);
/* Reads them and imports them into the app (source "samples"). */
void sample_units_import(app_t *a);

#endif
