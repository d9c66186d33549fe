/* index766.h - the service-quality index of Quyết định 766/QĐ-TTg (DOMAIN
 * §6): group scores and a total out of 100 from the indicator ratios, with
 * the scoring rules as data (data/indices/766.json), and the ranking.
 *
 * Rules: groups with a maximum, each made of items {indicator, max,
 * full_at, no_data}; an item scores max * min(1, ratio / full_at), and when
 * the indicator has no denominator it scores max ("full") or 0 ("zero").
 * A group's score is the sum of its items, capped at the group's maximum.
 * A unit without any dossier in the period (none received, resolved or in
 * progress) has no score at all ("chưa có dữ liệu"): has_data false, every
 * figure 0, and it is not ranked. For a unit with data, the items whose
 * indicator had no denominator are marked in no_data (the rule "full" or
 * "zero" of the item applied), so that the figure can say why.
 * Ranking: domain/rank.h (units of the same kind in the same province).
 * Pure. Errors: ERR_INVALID "index766.json" / "index766.schema" (message
 * names the field). */
#ifndef CCHC_INDEX766_H
#define CCHC_INDEX766_H

#include "base/err.h"
#include "domain/kpi.h"

#include <stdbool.h>
#include <stddef.h>

#define INDEX766_MAX_GROUPS 8
#define INDEX766_MAX_ITEMS  8

typedef struct index766_item {
    int indicator; /* kpi_indicator_t */
    double max, full_at;
    bool no_data_full;
} index766_item_t;

typedef struct index766_group {
    char code[32];
    char name_vi[128];
    double max;
    index766_item_t items[INDEX766_MAX_ITEMS];
    int nitems;
} index766_group_t;

typedef struct index766_rules {
    char version[32];
    char source[1024];
    index766_group_t groups[INDEX766_MAX_GROUPS];
    int ngroups;
} index766_rules_t;

typedef struct index766_score {
    double groups[INDEX766_MAX_GROUPS];
    double total;
    bool has_data;                         /* false: no score, no rank */
    unsigned no_data[INDEX766_MAX_GROUPS]; /* bit i: item i had no data, its rule applied */
} index766_score_t;

int index766_parse(const char *text, size_t n, index766_rules_t *out, err_t *e);
void index766_compute(const index766_rules_t *r, const kpi_counts_t *k, index766_score_t *out);
/* Whether counts hold any dossier (received, resolved or in progress). */
bool index766_has_data(const kpi_counts_t *k);

#endif
