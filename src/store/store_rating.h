/* store_rating.h - persistence of the citizen side of dossiers (migration
 * 0030_citizens): server secrets for citizen-facing codes, the applicant's
 * public rating of a dossier (one per dossier, with its criteria) and the
 * phone second factor (a keyed hash of the last four digits).
 *
 * Writes run inside the caller's transaction. Errors: store.h's ("db.*");
 * ERR_CONFLICT "rating.duplicate" when the dossier is rated already. */
#ifndef CCHC_STORE_RATING_H
#define CCHC_STORE_RATING_H

#include "domain/rating.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

#define STORE_RATING_SECRET_MAX 128 /* hex characters of a secret */

/* The secret `name`: the stored value, or - when none is stored yet - fresh
 * (stored first, so that every instance ends up with the same value).
 * out gets at most STORE_RATING_SECRET_MAX characters. */
MUST_CHECK int store_rating_secret(store_t *s, const char *name, const char *fresh,
                                   char out[STORE_RATING_SECRET_MAX + 1], err_t *e);

typedef struct store_rating_row {
    char dossier[65];
    int level;
    char factor[16];
    char rules_version[32];
    dtime_t rated_at;
} store_rating_row_t;

/* Records the rating of a dossier (in->codes/levels: criteria; comment may
 * be NULL). ERR_CONFLICT "rating.duplicate" when one exists. */
MUST_CHECK int store_rating_insert(store_t *s, const char *dossier, const rating_in_t *in,
                                   const char *factor, const char *rules_version, dtime_t at,
                                   err_t *e);
/* STORE_FOUND with *out filled, 0 when the dossier has no public rating. */
MUST_CHECK int store_rating_get(store_t *s, const char *dossier, store_rating_row_t *out, err_t *e);

typedef struct store_rating_count {
    const char *criterion; /* borrowed during the callback; "" = the overall level */
    int level;
    int64_t n;
} store_rating_count_t;
typedef int (*store_rating_count_fn)(void *ctx, const store_rating_count_t *c);
/* Counts of levels, overall ("") and per criterion, of the public ratings
 * of the dossiers of `unit` (NULL = all) rated in [from, to]. */
MUST_CHECK int store_rating_counts(store_t *s, const char *unit, dtime_t from, dtime_t to,
                                   store_rating_count_fn fn, void *ctx, err_t *e);

/* Sets (replaces) the phone factor hash of a dossier. */
MUST_CHECK int store_rating_contact_set(store_t *s, const char *dossier, const char *hash,
                                        const char *who, dtime_t at, err_t *e);
/* STORE_FOUND with out (65 bytes) filled, 0 when none is recorded. */
MUST_CHECK int store_rating_contact_get(store_t *s, const char *dossier, char out[65], err_t *e);

#endif
