#include "domain/dossier_keymap.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

void dossier_keymap_init(dossier_keymap_t *m)
{
    memset(m, 0, sizeof *m);
}

void dossier_keymap_release(dossier_keymap_t *m)
{
    mem_free(m->slots);
    dossier_keymap_init(m);
}

uint64_t dossier_keymap_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    h ^= h >> 29;
    return h ? h : 1;
}

static dossier_keymap_slot_t *probe(dossier_keymap_slot_t *slots, size_t cap, uint64_t h,
                                    const char *key)
{
    size_t i = (size_t)h & (cap - 1);
    for (;;) {
        dossier_keymap_slot_t *s = &slots[i];
        if (s->hash == 0 || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
        i = (i + 1) & (cap - 1);
    }
}

static int grow(dossier_keymap_t *m, err_t *e)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    dossier_keymap_slot_t *slots = mem_calloc(cap, sizeof *slots);
    if (!slots)
        return err_nomem(e);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].hash)
            *probe(slots, cap, m->slots[i].hash, m->slots[i].key) = m->slots[i];
    mem_free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

int dossier_keymap_put(dossier_keymap_t *m, const char *key, uint32_t value, err_t *e)
{
    if ((m->n + 1) * 4 > m->cap * 3) {
        int rc = grow(m, e);
        if (rc)
            return rc;
    }
    uint64_t h = dossier_keymap_hash(key);
    dossier_keymap_slot_t *s = probe(m->slots, m->cap, h, key);
    if (!s->hash) {
        s->hash = h;
        s->key = key;
        m->n++;
    }
    s->value = value;
    return 0;
}

bool dossier_keymap_get(const dossier_keymap_t *m, const char *key, uint32_t *value)
{
    if (!m->cap)
        return false;
    dossier_keymap_slot_t *s = probe(m->slots, m->cap, dossier_keymap_hash(key), key);
    if (!s->hash)
        return false;
    if (value)
        *value = s->value;
    return true;
}
