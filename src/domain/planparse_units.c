/* planparse_units.c - lead / coordinating texts split into units and
 * groups ("Các sở, ban, ngành tỉnh; UBND cấp huyện, cấp xã"), resolved to
 * unit codes through the unit resolver. */
#include "domain/planparse_int.h"

#include "base/buf.h"
#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

/* Generic groups the registry's resolver does not know, in unit_resolve_name_key
 * form (UBND, TT for thị trấn …). */
static const char *const extra_groups[][2] = {{"cac nganh lien quan", "related"},
                                              {"cac nganh co lien quan", "related"},
                                              {"cac don vi lien quan", "related"},
                                              {"cac don vi co lien quan", "related"},
                                              {"don vi lien quan", "related"},
                                              {"cac co quan don vi lien quan", "related"},
                                              {"cac co quan lien quan", "related"},
                                              {"cac co quan co lien quan", "related"},
                                              {"cac nganh", "related"},
                                              {"cac doan the", "related"},
                                              {"cac don vi", "units"},
                                              {"cac co quan", "units"},
                                              {"cac dia phuong", "units"},
                                              {"cac co quan don vi dia phuong", "units"},
                                              {"cac phong chuyen mon", "phong"},
                                              {"cac phong ban", "phong"},
                                              {"phong chuyen mon", "phong"},
                                              {"cac phong chuyen mon nghiep vu", "phong"},
                                              {"cac phong ban chuyen mon", "phong"},
                                              {"ubnd xa tt", "xa"},
                                              {"ubnd cac xa tt", "xa"},
                                              {"ubnd xa phuong tt", "xa"},
                                              {"cac xa tt", "xa"},
                                              {"cac xa phuong tt", "xa"},
                                              {"ubnd cac xa phuong tt", "xa"},
                                              {"ubnd cap xa", "xa"},
                                              {"ubnd cac huyen tx tp", "huyen"},
                                              {"ubnd huyen tx tp", "huyen"},
                                              {"cac so nganh", "so"},
                                              {"cac so ban nganh", "so"},
                                              {"so ban nganh", "so"},
                                              {"cac co quan chuyen mon", "so"},
                                              {"cac co quan thuoc ubnd", "so"},
                                              {"cac co quan don vi", "units"},
                                              {"thu truong cac co quan don vi", "units"}};

static int fallback_group(const char *name, char **group)
{
    int rc;
    char *key = unit_resolve_name_key(name, &rc);
    if (!key)
        return rc == ERR_NOMEM ? ERR_NOMEM : 1;
    int found = 1;
    for (size_t i = 0; found == 1 && i < sizeof extra_groups / sizeof extra_groups[0]; i++)
        if (strcmp(key, extra_groups[i][0]) == 0) {
            *group = mem_strdup(extra_groups[i][1]);
            found = *group ? 0 : ERR_NOMEM;
        }
    mem_free(key);
    return found;
}

int planparse_resolve(planparse_ctx_t *c, const char *name, char **unit, char **group,
                      bool *ambiguous)
{
    *unit = NULL;
    *group = NULL;
    *ambiguous = false;
    unit_match_t m;
    err_t e;
    int rc = unit_resolve_in(c->resolver, name, c->at, c->scope, &m, &e);
    if (rc == ERR_NOMEM)
        return rc;
    if (rc)
        return 1;
    int res = 1;
    if (m.kind == UNIT_MATCH_GROUP) {
        *group = mem_strdup(m.group);
        res = *group ? 0 : ERR_NOMEM;
        if (!res && m.n == 1 && strcmp(m.group, "standing") == 0) {
            *unit = mem_strdup(m.units[0]->code);
            if (!*unit)
                res = ERR_NOMEM;
        }
    } else if (m.kind == UNIT_MATCH_UNIT) {
        *unit = mem_strdup(m.units[0]->code);
        res = *unit ? 0 : ERR_NOMEM;
    } else if (m.kind == UNIT_MATCH_AMBIGUOUS) {
        *ambiguous = true;
    }
    unit_resolve_match_release(&m);
    if (res == 1 && !*ambiguous)
        res = fallback_group(name, group);
    if (res < 0) {
        mem_free(*unit);
        mem_free(*group);
        *unit = *group = NULL;
    }
    return res;
}

/* Whether name resolves (unit or group); ERR_NOMEM as negative. */
static int resolves(planparse_ctx_t *c, const char *name)
{
    char *u, *g;
    bool amb;
    int rc = planparse_resolve(c, name, &u, &g, &amb);
    mem_free(u);
    mem_free(g);
    return rc < 0 ? rc : rc == 0 || amb;
}

/* Looks like the name of a unit or group: starts with an organisation head,
 * or resolves. Negative on ERR_NOMEM. */
static int unitish(planparse_ctx_t *c, const char *name)
{
    char *key = planparse_key(name);
    if (!key)
        return ERR_NOMEM;
    bool head = planparse_unit_head(key);
    mem_free(key);
    return head ? 1 : resolves(c, name);
}

/* ---- a growable list of names ---------------------------------------------- */

typedef struct names {
    char **v;
    size_t n, cap;
} names_t;

static void names_release(names_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        mem_free(l->v[i]);
    mem_free(l->v);
}

/* Adds a trimmed copy of s[0..n) unless empty. */
static int names_add(names_t *l, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == ',' || *s == ';'))
        s++, n--;
    char *t = mem_strndup(s, n);
    if (!t)
        return ERR_NOMEM;
    planparse_trim_end(t);
    /* a leading conjunction left by a split: "và các cơ quan" */
    static const char *const lead[] = {"và ", "với ", "cùng "};
    for (size_t i = 0; i < 3; i++)
        if (strncmp(t, lead[i], strlen(lead[i])) == 0)
            memmove(t, t + strlen(lead[i]), strlen(t) - strlen(lead[i]) + 1);
    if (!*t) {
        mem_free(t);
        return 0;
    }
    if (MEM_GROW(l->v, l->cap, l->n + 1)) {
        mem_free(t);
        return ERR_NOMEM;
    }
    l->v[l->n++] = t;
    return 0;
}

/* ---- splitting --------------------------------------------------------------- */

/* Line breaks of a cell: a separator before a line that starts a new unit
 * name, a space inside a wrapped name. Result cleaned; caller frees. */
static char *join_lines(planparse_ctx_t *c, const char *text, int *rc)
{
    buf_t b;
    buf_init(&b, PLANPARSE_MAX_PARA);
    *rc = 0;
    const char *s = text;
    while (!*rc && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = planparse_clean(s, n, NULL);
        if (!line) {
            *rc = ERR_NOMEM;
            break;
        }
        if (*line && b.len) {
            const char *prev = b.data;
            size_t pl = b.len;
            char last = prev[pl - 1];
            bool sep = false;
            if (last != ';' && last != ',' && last != '-' && planparse_first_case(line) == 1) {
                const char *w = prev + pl;
                while (w > prev && w[-1] != ' ')
                    w--;
                bool conj = strcmp(w, "và") == 0 || strcmp(w, "&") == 0 || strcmp(w, "với") == 0 ||
                            strcmp(w, "các") == 0;
                int u = conj ? 0 : unitish(c, line);
                if (u < 0)
                    *rc = u;
                sep = u > 0;
            }
            if (!*rc)
                *rc = buf_puts(&b, sep ? "; " : " ");
        }
        if (!*rc && *line)
            *rc = buf_puts(&b, line);
        mem_free(line);
        s += n + (nl ? 1 : 0);
    }
    if (*rc) {
        buf_release(&b);
        return NULL;
    }
    return buf_detach(&b);
}

static int split_commas(planparse_ctx_t *c, const char *s, size_t n, names_t *out);

/* Splits at " và " when both sides are unit names and the whole is not. */
static int split_and(planparse_ctx_t *c, const char *s, size_t n, names_t *out)
{
    char *whole = mem_strndup(s, n);
    if (!whole)
        return ERR_NOMEM;
    int rc = 0;
    int r = strstr(whole, " và ") ? resolves(c, whole) : 1;
    if (r < 0) {
        rc = r;
    } else if (r == 0) {
        for (const char *p = strstr(whole, " và "); p && !rc; p = strstr(p + 1, " và ")) {
            size_t ln = (size_t)(p - whole);
            char *left = mem_strndup(whole, ln);
            if (!left) {
                rc = ERR_NOMEM;
                break;
            }
            /* "Văn phòng HĐND và UBND huyện" is one office */
            char *lk = planparse_key(left);
            bool office = lk && (planparse_starts(lk, "vp") || planparse_starts(lk, "van phong")) &&
                          planparse_words(lk) <= 3;
            mem_free(lk);
            int lu = office ? 0 : unitish(c, left);
            int ru = lu > 0 ? unitish(c, p + 5) : 0; /* " và " is 5 bytes */
            mem_free(left);
            if (lu < 0 || ru < 0) {
                rc = ERR_NOMEM;
                break;
            }
            if (lu > 0 && ru > 0) {
                rc = split_commas(c, whole, ln, out);
                if (!rc)
                    rc = split_and(c, p + 5, strlen(p + 5), out);
                mem_free(whole);
                return rc;
            }
        }
    }
    if (!rc)
        rc = split_commas(c, whole, strlen(whole), out);
    mem_free(whole);
    return rc;
}

/* Splits at commas, keeping together what resolves as one name ("Các sở,
 * ban, ngành tỉnh") and what is not a unit of its own ("Sở Văn hóa, Thể
 * thao và Du lịch"). */
static int split_commas(planparse_ctx_t *c, const char *s, size_t n, names_t *out)
{
    const char *seg[64];
    size_t len[64], k = 0;
    const char *p = s, *end = s + n;
    while (p < end && k < 64) {
        const char *q = memchr(p, ',', (size_t)(end - p));
        if (!q || k == 63)
            q = end;
        seg[k] = p;
        len[k++] = (size_t)(q - p);
        p = q < end ? q + 1 : end;
    }
    size_t first_item = out->n;
    int rc = 0;
    for (size_t i = 0; i < k && !rc;) {
        size_t take = 1;
        for (size_t j = k; j > i + 1 && take == 1; j--) {
            char *cand = mem_strndup(seg[i], (size_t)(seg[j - 1] + len[j - 1] - seg[i]));
            if (!cand)
                return ERR_NOMEM;
            int r = resolves(c, cand);
            mem_free(cand);
            if (r < 0)
                return r;
            if (r > 0)
                take = j - i;
        }
        size_t span = (size_t)(seg[i + take - 1] + len[i + take - 1] - seg[i]);
        char *one = mem_strndup(seg[i], span);
        if (!one)
            return ERR_NOMEM;
        char *trimmed = one;
        while (*trimmed == ' ')
            trimmed++;
        int u = take > 1 ? 1 : unitish(c, trimmed);
        if (u < 0) {
            mem_free(one);
            return u;
        }
        if (u == 0 && out->n > first_item) {
            /* not a unit of its own: part of the previous name */
            char *prev = out->v[out->n - 1];
            size_t pl = strlen(prev), tl = strlen(trimmed);
            char *joined = mem_alloc(pl + tl + 3);
            if (!joined) {
                mem_free(one);
                return ERR_NOMEM;
            }
            memcpy(joined, prev, pl);
            memcpy(joined + pl, ", ", 2);
            memcpy(joined + pl + 2, trimmed, tl + 1);
            planparse_trim_end(joined);
            mem_free(prev);
            out->v[out->n - 1] = joined;
        } else {
            rc = names_add(out, trimmed, strlen(trimmed));
        }
        mem_free(one);
        i += take;
    }
    return rc;
}

static int split_all(planparse_ctx_t *c, const char *text, names_t *out)
{
    int rc;
    char *flat = join_lines(c, text, &rc);
    if (!flat)
        return rc;
    const char *p = flat;
    while (!rc && *p) {
        const char *q = strchr(p, ';');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        while (n && *p == ' ')
            p++, n--;
        if (n)
            rc = split_and(c, p, n, out);
        p += n + (q ? 1 : 0);
    }
    mem_free(flat);
    return rc;
}

/* Whether an unresolved name was reported already (one warning per name);
 * marks it reported. */
static bool reported(planparse_ctx_t *c, const char *name)
{
    if (planparse_cache_get(&c->cache, name, PLANPARSE_CACHE_REPORTED))
        return true;
    if (planparse_cache_put(&c->cache, name, PLANPARSE_CACHE_REPORTED, NULL, 0))
        planparse_nomem(c);
    return false;
}

/* Appends a copy of party p to *v unless a party of the same text is there. */
static int add_party(planparse_party_t **v, size_t *n, const planparse_party_t *p)
{
    for (size_t j = 0; j < *n; j++)
        if (strcmp((*v)[j].text, p->text) == 0)
            return 0;
    size_t cap = *n; /* parties are few: no capacity kept */
    if (MEM_GROW(*v, cap, *n + 1))
        return ERR_NOMEM;
    planparse_party_t q = {mem_strdup(p->text), p->unit ? mem_strdup(p->unit) : NULL,
                           p->group ? mem_strdup(p->group) : NULL};
    if (!q.text || (p->unit && !q.unit) || (p->group && !q.group)) {
        mem_free(q.text);
        mem_free(q.unit);
        mem_free(q.group);
        return ERR_NOMEM;
    }
    (*v)[(*n)++] = q;
    return 0;
}

static int parties_uncached(planparse_ctx_t *c, const char *text, planparse_pos_t pos,
                            planparse_party_t **v, size_t *n)
{
    names_t l = {0};
    int rc = split_all(c, text, &l);
    for (size_t i = 0; !rc && i < l.n; i++) {
        bool dup = false;
        for (size_t j = 0; j < *n && !dup; j++)
            dup = strcmp((*v)[j].text, l.v[i]) == 0;
        if (dup)
            continue;
        char *unit = NULL, *group = NULL;
        bool amb = false;
        int r = planparse_resolve(c, l.v[i], &unit, &group, &amb);
        if (r < 0) {
            rc = r;
            break;
        }
        if (r > 0 && c->registry && !reported(c, l.v[i])) {
            if (amb)
                planparse_warn(c, pos, "plan.unit_ambiguous",
                               "Tên đơn vị '%s' trùng với nhiều đơn vị trong danh mục",
                               "Unit name '%s' matches several units of the registry", l.v[i]);
            else
                planparse_warn(c, pos, "plan.unit_unresolved",
                               "Không tìm thấy đơn vị '%s' trong danh mục đơn vị",
                               "Unit '%s' is not in the unit registry", l.v[i]);
        }
        size_t cap = *n; /* parties are few: no capacity kept */
        if (MEM_GROW(*v, cap, *n + 1)) {
            mem_free(unit);
            mem_free(group);
            rc = ERR_NOMEM;
            break;
        }
        planparse_party_t *nv = *v;
        nv[*n].text = l.v[i];
        nv[*n].unit = unit;
        nv[*n].group = group;
        l.v[i] = NULL;
        (*n)++;
    }
    names_release(&l);
    return rc;
}

int planparse_parties(planparse_ctx_t *c, const char *text, planparse_pos_t pos,
                      planparse_party_t **v, size_t *n)
{
    const planparse_cache_entry_t *hit =
        planparse_cache_get(&c->cache, text, PLANPARSE_CACHE_PARTIES);
    int rc = 0;
    if (hit) {
        for (size_t i = 0; !rc && i < hit->n; i++)
            rc = add_party(v, n, &hit->parties[i]);
    } else {
        /* resolved on their own, then remembered and copied */
        planparse_party_t *own = NULL;
        size_t nown = 0;
        rc = parties_uncached(c, text, pos, &own, &nown);
        if (!rc)
            rc = planparse_cache_put(&c->cache, text, PLANPARSE_CACHE_PARTIES, own, nown);
        for (size_t i = 0; !rc && i < nown; i++)
            rc = add_party(v, n, &own[i]);
        for (size_t i = 0; i < nown; i++) {
            mem_free(own[i].text);
            mem_free(own[i].unit);
            mem_free(own[i].group);
        }
        mem_free(own);
    }
    if (rc)
        planparse_nomem(c);
    return rc;
}
