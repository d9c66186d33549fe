/* planparse_cache.c - per-parse memo of lead/support texts already split
 * and resolved (a plan repeats "Các sở, ban, ngành tỉnh; UBND cấp huyện" in
 * hundreds of rows), and of the unit names already reported as unresolved.
 * Open addressing on an FNV-1a hash; at most PLANPARSE_CACHE_MAX entries,
 * beyond which nothing more is remembered (results stay correct, only
 * slower). */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

static size_t hash(const char *s, int kind)
{
    size_t h = (size_t)14695981039346656037ULL ^ (size_t)kind;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

static size_t slot(const planparse_cache_t *m, const char *key, int kind)
{
    size_t i = hash(key, kind) & (m->cap - 1);
    while (m->v[i].key && (m->v[i].kind != kind || strcmp(m->v[i].key, key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

const planparse_cache_entry_t *planparse_cache_get(const planparse_cache_t *m, const char *key,
                                                   int kind)
{
    if (!m->cap)
        return NULL;
    const planparse_cache_entry_t *e = &m->v[slot(m, key, kind)];
    return e->key ? e : NULL;
}

static void entry_release(planparse_cache_entry_t *e)
{
    mem_free(e->key);
    for (size_t i = 0; i < e->n; i++) {
        mem_free(e->parties[i].text);
        mem_free(e->parties[i].unit);
        mem_free(e->parties[i].group);
    }
    mem_free(e->parties);
}

static int rehash(planparse_cache_t *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    planparse_cache_entry_t *v = mem_calloc(cap, sizeof *v);
    if (!v)
        return ERR_NOMEM;
    planparse_cache_t nm = {v, cap, m->n};
    for (size_t i = 0; i < m->cap; i++)
        if (m->v[i].key)
            v[slot(&nm, m->v[i].key, m->v[i].kind)] = m->v[i];
    mem_free(m->v);
    *m = nm;
    return 0;
}

static char *dup_opt(const char *s, int *rc)
{
    if (!s)
        return NULL;
    char *d = mem_strdup(s);
    if (!d)
        *rc = ERR_NOMEM;
    return d;
}

int planparse_cache_put(planparse_cache_t *m, const char *key, int kind, const planparse_party_t *v,
                        size_t n)
{
    if (m->n >= PLANPARSE_CACHE_MAX)
        return 0;
    if ((m->n + 1) * 10 >= m->cap * 7 && rehash(m))
        return ERR_NOMEM;
    planparse_cache_entry_t e = {.kind = kind};
    int rc = 0;
    e.key = dup_opt(key, &rc);
    e.parties = n ? mem_calloc(n, sizeof *e.parties) : NULL;
    if (n && !e.parties)
        rc = ERR_NOMEM;
    for (size_t i = 0; !rc && i < n; i++, e.n++) {
        e.parties[i].text = dup_opt(v[i].text, &rc);
        e.parties[i].unit = dup_opt(v[i].unit, &rc);
        e.parties[i].group = dup_opt(v[i].group, &rc);
    }
    if (rc) {
        entry_release(&e);
        return rc;
    }
    size_t i = slot(m, key, kind);
    if (m->v[i].key) {
        entry_release(&e); /* already there */
        return 0;
    }
    m->v[i] = e;
    m->n++;
    return 0;
}

int planparse_cache_score(planparse_cache_t *m, const char *key, int kind, double score)
{
    int rc = planparse_cache_put(m, key, kind, NULL, 0);
    if (rc || !m->cap)
        return rc;
    size_t i = slot(m, key, kind);
    if (m->v[i].key)
        m->v[i].score = score;
    return 0;
}

void planparse_cache_release(planparse_cache_t *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->v[i].key)
            entry_release(&m->v[i]);
    mem_free(m->v);
    memset(m, 0, sizeof *m);
}
