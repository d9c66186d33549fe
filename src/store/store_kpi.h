/* store_kpi.h - the database side of the persisted KPI snapshot: which
 * snapshot image is valid for the ledger's current state.
 *
 * ledger_meta holds the ledger generation ('generation', bumped by every
 * ledger write) and, once an image has been published, 'kpi_token' (a
 * random number also written in the image's header) with 'kpi_token_gen'
 * (the generation it was published for). An image is valid only when its
 * header names the current generation and the current token, and the token
 * was recorded for that generation (docs/internals/ledger.md). Errors:
 * store.h's. */
#ifndef CCHC_STORE_KPI_H
#define CCHC_STORE_KPI_H

#include "store/store.h"

typedef struct store_kpi_state {
    int64_t generation;
    uint64_t token;    /* 0 = no image published */
    int64_t token_gen; /* generation the token was published for */
} store_kpi_state_t;

/* Reads the three values in one statement (one consistent state). */
MUST_CHECK int store_kpi_state(store_t *s, store_kpi_state_t *out, err_t *e);

/* Records token for generation gen; inside the caller's transaction, after
 * it checked that the generation is gen. */
MUST_CHECK int store_kpi_set_token(store_t *s, uint64_t token, int64_t gen, err_t *e);

#endif
