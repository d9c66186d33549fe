/* dossier_keymap.h - a small string -> uint32 hash map (open addressing,
 * linear probing) used by the ledger to resolve unit, procedure and dossier
 * codes in O(1).
 *
 * Keys are borrowed: the caller keeps every key alive and unchanged while it
 * is in the map. No deletion. dossier_keymap_put replaces the value of an existing
 * key. Not thread-safe for writes; concurrent reads of a map nobody writes
 * are safe. Errors: ERR_NOMEM. */
#ifndef CCHC_DOSSIER_KEYMAP_H
#define CCHC_DOSSIER_KEYMAP_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dossier_keymap_slot {
    uint64_t hash; /* 0 = empty */
    const char *key;
    uint32_t value;
} dossier_keymap_slot_t;

typedef struct dossier_keymap {
    dossier_keymap_slot_t *slots;
    size_t cap; /* power of two */
    size_t n;
} dossier_keymap_t;

void dossier_keymap_init(dossier_keymap_t *m);
void dossier_keymap_release(dossier_keymap_t *m);
int dossier_keymap_put(dossier_keymap_t *m, const char *key, uint32_t value, err_t *e);
/* true and *value when key is present. value may be NULL. */
bool dossier_keymap_get(const dossier_keymap_t *m, const char *key, uint32_t *value);
/* Hash of a NUL-terminated string (never 0). */
uint64_t dossier_keymap_hash(const char *s);

#endif
