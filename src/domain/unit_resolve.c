#include "domain/unit_resolve.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct entry {
    char *key;
    size_t unit; /* index into set->units */
};

struct unit_resolver {
    const unit_set_t *set;
    struct entry *entries;
    size_t n;
};

/* Phrase -> canonical abbreviation, applied on whole words of a key. */
static const char *const canon[][2] = {
    {"uy ban nhan dan", "ubnd"},
    {"hoi dong nhan dan", "hdnd"},
    {"thanh pho", "tp"},
    {"thi xa", "tx"},
    {"thi tran", "tt"},
    {"ban chi dao", "bcd"},
    {"cai cach hanh chinh", "cchc"},
    {"thong tin va truyen thong", "tttt"},
    {"thong tin truyen thong", "tttt"}, /* "Thông tin & Truyền thông" */
    {"tt tt", "tttt"},
    {"van phong", "vp"},
};

/* Replaces whole-word occurrences of `from` by `to` in key (in place via b). */
static int replace_words(buf_t *b, const char *key, const char *from, const char *to)
{
    size_t fl = strlen(from);
    const char *p = key;
    buf_reset(b);
    int rc = buf_reserve(b, strlen(key));
    while (!rc && *p) {
        bool at_word = (p == key || p[-1] == ' ');
        if (at_word && strncmp(p, from, fl) == 0 && (p[fl] == ' ' || p[fl] == '\0')) {
            rc = buf_puts(b, to);
            p += fl;
        } else {
            rc = buf_putc(b, *p++);
        }
    }
    return rc;
}

char *unit_resolve_name_key(const char *name, int *rc)
{
    char *key = text_key(name, strlen(name), rc);
    if (!key)
        return NULL;
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++) {
        if (!strstr(key, canon[i][0]))
            continue;
        if (replace_words(&b, key, canon[i][0], canon[i][1])) {
            buf_release(&b);
            mem_free(key);
            *rc = ERR_NOMEM;
            return NULL;
        }
        mem_free(key);
        key = buf_detach(&b);
        if (!key) {
            *rc = ERR_NOMEM;
            return NULL;
        }
    }
    buf_release(&b);
    /* "Sở Nội vụ tỉnh" = "Sở Nội vụ"; keep "ubnd tinh" itself. */
    size_t n = strlen(key);
    if (n > 5 && strcmp(key + n - 5, " tinh") == 0 && strcmp(key, "ubnd tinh") != 0)
        key[n - 5] = '\0';
    *rc = 0;
    return key;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->unit < y->unit ? -1 : x->unit > y->unit);
}

/* Adds a name of the unit; a name that has no key (not UTF-8: the registry
 * validates names, so only a damaged one) is left out, as it can match
 * nothing. */
static int add_entry(unit_resolver_t *r, size_t *cap, const char *name, size_t unit)
{
    if (MEM_GROW(r->entries, *cap, r->n + 1))
        return ERR_NOMEM;
    int rc;
    char *key = unit_resolve_name_key(name, &rc);
    if (!key)
        return rc == ERR_NOMEM ? rc : 0;
    r->entries[r->n].key = key;
    r->entries[r->n].unit = unit;
    r->n++;
    return 0;
}

unit_resolver_t *unit_resolve_new(const unit_set_t *set, err_t *e)
{
    unit_resolver_t *r = mem_calloc(1, sizeof *r);
    if (!r) {
        err_nomem(e);
        return NULL;
    }
    r->set = set;
    size_t cap = 0;
    int rc = 0;
    for (size_t i = 0; i < set->n && !rc; i++) {
        rc = add_entry(r, &cap, set->units[i].name, i);
        for (size_t a = 0; a < set->units[i].naliases && !rc; a++)
            rc = add_entry(r, &cap, set->units[i].aliases[a], i);
    }
    if (rc) {
        err_nomem(e);
        unit_resolve_free(r);
        return NULL;
    }
    if (r->n)
        qsort(r->entries, r->n, sizeof *r->entries, cmp_entry);
    return r;
}

void unit_resolve_free(unit_resolver_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        mem_free(r->entries[i].key);
    mem_free(r->entries);
    mem_free(r);
}

void unit_resolve_match_release(unit_match_t *m)
{
    mem_free((void *)m->units);
    memset(m, 0, sizeof *m);
}

/* Appends unit u to m unless present. */
static int match_add(unit_match_t *m, const unit_t *u, size_t *cap)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->units[i] == u || strcmp(m->units[i]->code, u->code) == 0)
            return 0;
    if (MEM_GROW(m->units, *cap, m->n + 1))
        return ERR_NOMEM;
    m->units[m->n++] = u;
    return 0;
}

struct group_def {
    const char *key; /* canonical key */
    const char *id;
    const char *label;
    unsigned kinds; /* bit mask of unit_kind_t */
};

#define K(k) (1u << (k))
static const struct group_def groups[] = {
    {"cac so ban nganh", "so", "Các sở, ban, ngành tỉnh", K(UNIT_SO)},
    {"so ban nganh", "so", "Các sở, ban, ngành tỉnh", K(UNIT_SO)},
    {"cac so nganh", "so", "Các sở, ban, ngành tỉnh", K(UNIT_SO)},
    {"cac co quan chuyen mon thuoc ubnd", "so", "Các sở, ban, ngành tỉnh", K(UNIT_SO)},
    {"cac co quan chuyen mon", "so", "Các sở, ban, ngành tỉnh", K(UNIT_SO)},
    {"ubnd cap huyen", "huyen", "UBND cấp huyện", K(UNIT_HUYEN)},
    {"ubnd cac huyen tx tp", "huyen", "UBND cấp huyện", K(UNIT_HUYEN)},
    {"ubnd huyen tx tp", "huyen", "UBND cấp huyện", K(UNIT_HUYEN)},
    {"ubnd cac huyen", "huyen", "UBND cấp huyện", K(UNIT_HUYEN)},
    {"cap huyen", "huyen", "UBND cấp huyện", K(UNIT_HUYEN)},
    {"ubnd cap xa", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"ubnd cac xa phuong tt", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"ubnd xa phuong tt", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"ubnd cac xa phuong", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"ubnd cac xa", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"cap xa", "xa", "UBND cấp xã", K(UNIT_XA)},
    {"cac co quan don vi", "units", "Các cơ quan, đơn vị", K(UNIT_SO) | K(UNIT_HUYEN)},
    {"cac co quan don vi dia phuong", "units", "Các cơ quan, đơn vị, địa phương",
     K(UNIT_SO) | K(UNIT_HUYEN)},
    {"cac co quan don vi co lien quan", "related", "Các cơ quan, đơn vị có liên quan", 0},
    {"cac co quan don vi lien quan", "related", "Các cơ quan, đơn vị có liên quan", 0},
    {"co quan don vi co lien quan", "related", "Các cơ quan, đơn vị có liên quan", 0},
    {"cac co quan lien quan", "related", "Các cơ quan có liên quan", 0},
    {"co quan thuong truc bcd cchc", "standing", "Cơ quan thường trực BCĐ CCHC tỉnh", 0},
    {"co quan thuong truc bcd cchc tinh", "standing", "Cơ quan thường trực BCĐ CCHC tỉnh", 0},
    {"co quan thuong truc", "standing", "Cơ quan thường trực BCĐ CCHC tỉnh", 0},
};

static const struct group_def *find_group(const char *key)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strcmp(groups[i].key, key) == 0)
            return &groups[i];
    return NULL;
}

static int resolve_group(const unit_resolver_t *r, const struct group_def *g, date_t at,
                         unit_match_t *m)
{
    size_t cap = 0;
    m->kind = UNIT_MATCH_GROUP;
    m->group = g->id;
    m->group_vi = g->label;
    for (size_t i = 0; i < r->set->n; i++) {
        const unit_t *u = &r->set->units[i];
        if (!unit_valid_at(u, at))
            continue;
        bool in = (g->kinds & K(u->kind)) != 0;
        if (strcmp(g->id, "standing") == 0 && u->kind == UNIT_SO) {
            int rc;
            char *k = unit_resolve_name_key(u->name, &rc);
            if (!k)
                return rc;
            in = strcmp(k, "so noi vu") == 0;
            mem_free(k);
        }
        if (in && match_add(m, u, &cap))
            return ERR_NOMEM;
    }
    return 0;
}

static size_t lower_bound(const unit_resolver_t *r, const char *key)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(r->entries[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Exact key matches, then unique word-prefix matches. */
static int resolve_units(const unit_resolver_t *r, const char *key, date_t at, unit_match_t *m)
{
    size_t cap = 0, kl = strlen(key);
    size_t i = lower_bound(r, key);
    for (size_t j = i; j < r->n && strcmp(r->entries[j].key, key) == 0; j++) {
        const unit_t *u = &r->set->units[r->entries[j].unit];
        if (unit_valid_at(u, at) && match_add(m, u, &cap))
            return ERR_NOMEM;
    }
    if (m->n == 0 && kl >= 4) {
        for (size_t j = i; j < r->n && strncmp(r->entries[j].key, key, kl) == 0; j++) {
            const unit_t *u = &r->set->units[r->entries[j].unit];
            if (r->entries[j].key[kl] == ' ' && unit_valid_at(u, at) && match_add(m, u, &cap))
                return ERR_NOMEM;
        }
        m->approximate = m->n > 0;
    }
    m->kind = m->n == 0 ? UNIT_MATCH_NONE : m->n == 1 ? UNIT_MATCH_UNIT : UNIT_MATCH_AMBIGUOUS;
    return 0;
}

/* Keeps the units outside scope out of m. */
static void filter_scope(const unit_resolver_t *r, const char *scope, date_t at, unit_match_t *m)
{
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (unit_set_within(r->set, m->units[i]->code, scope, at))
            m->units[k++] = m->units[i];
    m->n = k;
}

static bool lower_eq(const char *a, const char *b)
{
    char *x = text_lower(a, strlen(a), NULL), *y = text_lower(b, strlen(b), NULL);
    bool eq = x && y && strcmp(x, y) == 0;
    mem_free(x);
    mem_free(y);
    return eq;
}

static bool names_match_exactly(const unit_t *u, const char *name)
{
    if (lower_eq(u->name, name))
        return true;
    for (size_t i = 0; i < u->naliases; i++)
        if (lower_eq(u->aliases[i], name))
            return true;
    return false;
}

/* Among ambiguous candidates, keep the single one whose name matches with
 * its diacritics, if there is exactly one. */
static void prefer_exact(unit_match_t *m, const char *name)
{
    const unit_t *only = NULL;
    size_t count = 0;
    for (size_t i = 0; i < m->n; i++)
        if (names_match_exactly(m->units[i], name)) {
            only = m->units[i];
            count++;
        }
    if (count == 1) {
        m->units[0] = only;
        m->n = 1;
    }
}

static void settle_kind(unit_match_t *m)
{
    if (m->kind == UNIT_MATCH_GROUP)
        return;
    m->kind = m->n == 0 ? UNIT_MATCH_NONE : m->n == 1 ? UNIT_MATCH_UNIT : UNIT_MATCH_AMBIGUOUS;
}

int unit_resolve(const unit_resolver_t *r, const char *name, date_t at, unit_match_t *m, err_t *e)
{
    return unit_resolve_in(r, name, at, NULL, m, e);
}

int unit_resolve_in(const unit_resolver_t *r, const char *name, date_t at, const char *scope,
                    unit_match_t *m, err_t *e)
{
    memset(m, 0, sizeof *m);
    int rc;
    char *key = unit_resolve_name_key(name, &rc);
    if (!key)
        return rc == ERR_NOMEM
                   ? err_nomem(e)
                   : err_set(e, ERR_INVALID, "unit.name_invalid",
                             "Tên đơn vị không phải UTF-8 hợp lệ", "Unit name is not valid UTF-8");
    const struct group_def *g = find_group(key);
    rc = g ? resolve_group(r, g, at, m) : resolve_units(r, key, at, m);
    mem_free(key);
    if (rc) {
        unit_resolve_match_release(m);
        return err_nomem(e);
    }
    if (scope)
        filter_scope(r, scope, at, m);
    if (m->kind != UNIT_MATCH_GROUP && m->n > 1)
        prefer_exact(m, name);
    settle_kind(m);
    return 0;
}
