/* app_par_framework.h - PAR Index frameworks kept by cchc: import (from a
 * framework the caller read and validated: JSON or XLSX through io/), list,
 * load (docs/internals/par_campaign.md).
 *
 * A stored framework never changes; importing the same file again gives the
 * same id (SHA-256 of its bytes), and a campaign keeps the framework it was
 * created with whatever is imported later.
 *
 * Authorisation (actor NULL = the trusted local operator): importing needs
 * the admin or standing role; reading needs a session. Errors: ERR_FORBIDDEN
 * auth.forbidden, ERR_INVALID par.framework_invalid (not validated),
 * ERR_NOTFOUND par.framework_not_found, ERR_DB, ERR_NOMEM. */
#ifndef CCHC_APP_PAR_FRAMEWORK_H
#define CCHC_APP_PAR_FRAMEWORK_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/par_framework.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Stores fw (validated) read from the file bytes data[0..len) named
 * source_name (may be NULL); *id gets its id, *inserted (may be NULL)
 * whether it is new. Audited as par.framework_import. */
int app_par_framework_import(app_t *a, const user_t *actor, const par_framework_t *fw,
                             const char *source_name, const void *data, size_t len, int64_t *id,
                             bool *inserted, err_t *e);

/* {"items":[{"id","name","year","year_to","unit_kind","reference","sample",
 *  "source_name","sha256","imported_at","imported_by","nodes"}]}, newest first. */
int app_par_framework_list(app_t *a, const user_t *actor, json_t **out, err_t *e);

/* Framework id, validated: *out (caller par_framework_free). */
int app_par_framework_get(app_t *a, const user_t *actor, int64_t id, par_framework_t **out,
                          err_t *e);

#endif
