/* rank.c - ranking with ties among groups of peers (rank.h). */
#include "domain/rank.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static bool same_group(const rank_item_t *a, const rank_item_t *b)
{
    return a->kind == b->kind && (a->scope == NULL) == (b->scope == NULL) &&
           cmp_str(a->scope, b->scope) == 0;
}

/* qsort has no context argument: the items travel in the index array. */
typedef struct slot {
    rank_item_t *it;
    bool ascending;
} slot_t;

static int cmp_slot(const void *pa, const void *pb)
{
    const rank_item_t *a = ((const slot_t *)pa)->it, *b = ((const slot_t *)pb)->it;
    bool asc = ((const slot_t *)pa)->ascending;
    int c = (a->scope == NULL) - (b->scope == NULL);
    if (!c)
        c = cmp_str(a->scope, b->scope);
    if (!c)
        c = (a->kind > b->kind) - (a->kind < b->kind);
    if (!c)
        c = (int)b->has_value - (int)a->has_value;
    if (!c && a->has_value && a->value != b->value)
        c = (a->value < b->value) == asc ? -1 : 1;
    if (!c)
        c = cmp_str(a->key, b->key);
    return c;
}

/* Ranks the sorted slots s[from..to) of one group. */
static void rank_group(slot_t *s, size_t from, size_t to)
{
    int ranked = 0;
    for (size_t i = from; i < to; i++)
        ranked += s[i].it->has_value;
    for (size_t i = from; i < to; i++) {
        rank_item_t *it = s[i].it;
        if (!it->has_value) {
            it->rank = it->of = 0;
            continue;
        }
        bool tie = i > from && s[i - 1].it->has_value && s[i - 1].it->value == it->value;
        it->rank = tie ? s[i - 1].it->rank : (int)(i - from) + 1;
        it->of = ranked;
    }
}

int rank_assign(rank_item_t *v, size_t n, bool ascending, err_t *e)
{
    for (size_t i = 0; i < n; i++)
        v[i].rank = v[i].of = 0;
    if (n == 0)
        return 0;
    slot_t *s = mem_alloc(n * sizeof *s);
    if (!s)
        return err_nomem(e);
    for (size_t i = 0; i < n; i++)
        s[i] = (slot_t){&v[i], ascending};
    qsort(s, n, sizeof *s, cmp_slot);
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i == n || !same_group(s[i].it, s[start].it)) {
            rank_group(s, start, i);
            start = i;
        }
    }
    mem_free(s);
    return 0;
}
