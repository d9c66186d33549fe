/* app_cascade_int.h - shared by the files of the cascade check
 * (app_cascade.c matches, app_cascade_list.c filters, sorts and pages). */
#ifndef CCHC_APP_CASCADE_INT_H
#define CCHC_APP_CASCADE_INT_H

#include "app/app_cascade.h"

#include <jansson.h>
#include <stddef.h>

enum { APP_CASCADE_NSTATES = 4 };
extern const char *const app_cascade_states[APP_CASCADE_NSTATES];

/* One matched (task, unit) row before filtering. */
typedef struct app_cascade_row {
    json_t *json;         /* the row as answered (owned) */
    size_t ord;           /* arrival order: the plan's task order */
    int state;            /* index in app_cascade_states */
    int area;             /* 1..8; 99 = none */
    double score;         /* best similarity */
    const char *name_key; /* folded unit name (borrowed) */
    const char *unit_name;
} app_cascade_row_t;

/* Filters v[0..n) by f's state, area and q, sorts what passes and sets
 * "counts", "total", "offset", "limit" and "rows" (the page) on out.
 * Reorders v. ERR_NOMEM. */
int app_cascade_page(const app_cascade_filter_t *f, app_cascade_row_t *v, size_t n, json_t *out,
                     err_t *e);

#endif
