/* strbuf.h - a growable NUL-terminated string for test helpers (plain
 * malloc, so that allocation-failure injection in the code under test never
 * hits the helpers).
 *
 * A zero-initialised strbuf_t is empty. After an allocation failure the
 * buffer keeps what it had, sets bad and ignores further additions;
 * strbuf_done then releases it and answers NULL. */
#ifndef CCHC_TEST_STRBUF_H
#define CCHC_TEST_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *p; /* NUL-terminated once anything was added; NULL while empty */
    size_t n, cap;
    bool bad; /* an allocation failed */
} strbuf_t;

/* Appends n bytes of s. */
void strbuf_add(strbuf_t *b, const char *s, size_t n);
/* Appends the NUL-terminated s. */
void strbuf_puts(strbuf_t *b, const char *s);
/* The string (caller frees with free(); "" when nothing was added), or NULL
 * when an allocation failed; b is left empty either way. */
char *strbuf_done(strbuf_t *b);

#endif
