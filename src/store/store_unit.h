/* store_unit.h - persistence of organisation units and succession links.
 * Dates are stored as ISO text, '' for an open end. */
#ifndef CCHC_STORE_UNIT_H
#define CCHC_STORE_UNIT_H

#include "domain/unit.h"
#include "store/store.h"

/* Loads every unit version and link into an initialised, empty set. */
MUST_CHECK int store_unit_load(store_t *s, unit_set_t *out, err_t *e);

/* Inserts or updates (by code + valid_from) every unit of `in` and its
 * aliases, and every link. Must run inside the caller's transaction. */
MUST_CHECK int store_unit_save(store_t *s, const unit_set_t *in, err_t *e);

/* Number of unit rows. */
MUST_CHECK int store_unit_count(store_t *s, int64_t *count, err_t *e);

#endif
