/* store_procedure.h - persistence of the procedure catalogue (TTHC) and its
 * unit links. Writes run inside the caller's transaction. Errors: store.h's. */
#ifndef CCHC_STORE_PROCEDURE_H
#define CCHC_STORE_PROCEDURE_H

#include "domain/procedure.h"
#include "store/store.h"

/* Upserts every procedure of `in` (by code); for each procedure that has
 * links in `in`, replaces its links. */
MUST_CHECK int store_procedure_save_all(store_t *s, const procedure_set_t *in, err_t *e);
/* Loads the catalogue and the links into an initialised, empty set. */
MUST_CHECK int store_procedure_load_all(store_t *s, procedure_set_t *out, err_t *e);

/* Adds the procedure `code` (without its unit links) to out: STORE_FOUND, 0
 * absent, < 0 error. */
MUST_CHECK int store_procedure_get(store_t *s, const char *code, procedure_set_t *out, err_t *e);

#endif
