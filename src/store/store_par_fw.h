/* store_par_fw.h - PAR Index frameworks stored as rows (migration
 * 0015_par_campaign): header, grades, appraiser roles, nodes with their
 * levels and bands. A stored framework is never changed; the same file
 * imported twice (same SHA-256 of its bytes) is the same framework. Loading
 * rebuilds the model through the domain builder (par_framework_add) and
 * validates it, so a loaded framework is exactly as usable as the file.
 * Writes run inside the caller's transaction. */
#ifndef CCHC_STORE_PAR_FW_H
#define CCHC_STORE_PAR_FW_H

#include "domain/par_framework.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* Where a framework came from. */
typedef struct store_par_fw_meta {
    const char *sha256;      /* of the imported file's bytes (64 hex) */
    const char *source_name; /* the file's name ("" when none) */
    const char *imported_at; /* YYYY-MM-DDTHH:MM:SS */
    const char *imported_by; /* login or "cli" */
} store_par_fw_meta_t;

/* Stores a validated framework (ERR_INVALID "par.framework_invalid"
 * otherwise; an applies_to entry holding a line feed is refused the same
 * way). *id gets its id; *inserted (may be NULL) is false when a framework
 * with the same sha256 was there already (nothing is written then). */
MUST_CHECK int store_par_fw_insert(store_t *s, const par_framework_t *fw,
                                   const store_par_fw_meta_t *meta, int64_t *id, bool *inserted,
                                   err_t *e);

/* Loads framework id, validated: *out (caller par_framework_free).
 * ERR_NOTFOUND "par.framework_not_found"; ERR_INVALID
 * "par.framework_damaged" when the rows no longer validate; ERR_NOMEM. */
MUST_CHECK int store_par_fw_load(store_t *s, int64_t id, par_framework_t **out, err_t *e);

/* One framework header for listings; strings borrowed for the callback
 * ("" when absent). */
typedef struct store_par_fw {
    int64_t id;
    const char *name, *unit_kind, *reference, *sha256, *source_name, *imported_at, *imported_by;
    int year, year_to; /* year_to 0 = year only */
    bool sample;
    int64_t nodes; /* number of nodes */
} store_par_fw_t;

typedef int (*store_par_fw_fn)(void *ctx, const store_par_fw_t *f, err_t *e);

/* Framework headers, newest first; only framework `id` when id > 0 (no
 * call when absent). Scans follow store.h. */
MUST_CHECK int store_par_fw_rows(store_t *s, int64_t id, store_par_fw_fn fn, void *ctx, err_t *e);

#endif
