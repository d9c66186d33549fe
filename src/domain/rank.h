/* rank.h - ranking with ties among groups of peers (DOMAIN §6: "ranks are
 * among units of the same kind in the same province"): the one rule the 766
 * index, the overview and the PAR Index use.
 *
 * Items are ranked within their group (same scope and same kind), higher
 * values first (or lower, when asked); equal values share a rank and the
 * next rank skips ("1, 2, 2, 4", standard competition ranking). An item
 * without a value ("chưa có dữ liệu") gets no rank (0) and does not count
 * in its group's size. The items are not reordered. Pure.
 * Errors: ERR_NOMEM (the items are then left unranked). */
#ifndef CCHC_RANK_H
#define CCHC_RANK_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct rank_item {
    const char *scope; /* the group's scope: the province code; NULL = one national scope */
    int kind;          /* and the unit kind (unit_kind_t); items of other kinds are not peers */
    double value;
    bool has_value;  /* false: not ranked */
    const char *key; /* order among equal values, for stable output (unit code); may be NULL */
    int rank;        /* out: 1-based rank within the group; 0 = not ranked */
    int of;          /* out: the number of ranked items of the group; 0 when not ranked */
} rank_item_t;

/* Ranks v[0..n). `ascending`: lower values rank first. */
int rank_assign(rank_item_t *v, size_t n, bool ascending, err_t *e);

#endif
