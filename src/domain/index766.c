#include "domain/index766.h"

#include "base/jsonx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int schema(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "index766.schema", "quy tắc chỉ số 766 không hợp lệ: %s",
                   "invalid 766 index rules: %s", what);
}

static int parse_item(const json_t *o, index766_item_t *it, err_t *e)
{
    const char *ind = jsonx_str(o, "indicator", "");
    it->indicator = kpi_find(ind);
    if (it->indicator < 0)
        return schema(e, ind);
    json_t *mx = json_object_get(o, "max"), *fa = json_object_get(o, "full_at");
    if (!json_is_number(mx) || !json_is_number(fa) || json_number_value(fa) <= 0)
        return schema(e, "max/full_at");
    it->max = json_number_value(mx);
    it->full_at = json_number_value(fa);
    it->no_data_full = strcmp(jsonx_str(o, "no_data", "zero"), "full") == 0;
    return 0;
}

int index766_parse(const char *text, size_t n, index766_rules_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    json_t *root = jsonx_parse(text, n, e);
    if (!root)
        return ERR_INVALID;
    int rc = 0;
    if (strcmp(jsonx_str(root, "format", ""), "cchc-index766/1") != 0)
        rc = schema(e, "format");
    snprintf(out->version, sizeof out->version, "%s", jsonx_str(root, "version", ""));
    snprintf(out->source, sizeof out->source, "%s", jsonx_str(root, "source", ""));
    json_t *groups = json_object_get(root, "groups");
    if (!rc && (!json_is_array(groups) || json_array_size(groups) > INDEX766_MAX_GROUPS))
        rc = schema(e, "groups");
    for (size_t i = 0; !rc && i < json_array_size(groups); i++) {
        const json_t *g = json_array_get(groups, i);
        index766_group_t *grp = &out->groups[out->ngroups++];
        snprintf(grp->code, sizeof grp->code, "%s", jsonx_str(g, "code", ""));
        snprintf(grp->name_vi, sizeof grp->name_vi, "%s", jsonx_str(g, "name_vi", ""));
        json_t *mx = json_object_get(g, "max"), *items = json_object_get(g, "items");
        if (!grp->code[0] || !json_is_number(mx) || !json_is_array(items) ||
            json_array_size(items) > INDEX766_MAX_ITEMS) {
            rc = schema(e, "groups[].code/max/items");
            break;
        }
        grp->max = json_number_value(mx);
        for (size_t k = 0; !rc && k < json_array_size(items); k++)
            rc = parse_item(json_array_get(items, k), &grp->items[grp->nitems++], e);
    }
    json_decref(root);
    return rc;
}

bool index766_has_data(const kpi_counts_t *k)
{
    return k->c[KC_RECEIVED] + k->c[KC_RESOLVED] + k->c[KC_OVERDUE_OPEN] + k->c[KC_OPEN_IN_TIME] >
           0;
}

void index766_compute(const index766_rules_t *r, const kpi_counts_t *k, index766_score_t *out)
{
    memset(out, 0, sizeof *out);
    out->has_data = index766_has_data(k);
    if (!out->has_data)
        return;
    for (int g = 0; g < r->ngroups; g++) {
        const index766_group_t *grp = &r->groups[g];
        double sum = 0;
        for (int i = 0; i < grp->nitems; i++) {
            const index766_item_t *it = &grp->items[i];
            double ratio;
            if (kpi_ratio(k, (kpi_indicator_t)it->indicator, &ratio))
                sum += it->max * fmin(1.0, ratio / it->full_at);
            else {
                out->no_data[g] |= 1u << i;
                sum += it->no_data_full ? it->max : 0;
            }
        }
        sum = fmin(sum, grp->max);
        out->groups[g] = round(sum * 100) / 100;
        out->total += sum;
    }
    out->total = round(out->total * 100) / 100;
}
