/* unit_build.h - unit registries built by hand in tests (cmocka assertions
 * inside: call from tests only). */
#ifndef CCHC_TEST_UNIT_BUILD_H
#define CCHC_TEST_UNIT_BUILD_H

#include "domain/unit.h"

#include <stddef.h>

/* Adds a unit version to s: name NULL means the code; from and to are ISO
 * dates ("2025-07-01") or NULL (open); aliases (naliases of them) may be
 * NULL. Fails the test when a date does not parse or the set refuses the
 * unit. */
void unit_build_add(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                    const char *parent, const char *from, const char *to,
                    const char *const *aliases, size_t naliases);

#endif
