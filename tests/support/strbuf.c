/* strbuf.c - see strbuf.h. */
#include "support/strbuf.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void strbuf_add(strbuf_t *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *np = realloc(b->p, cap);
        if (!np) {
            b->bad = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void strbuf_puts(strbuf_t *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

char *strbuf_done(strbuf_t *b)
{
    char *out = b->p;
    if (b->bad) {
        free(out);
        out = NULL;
    } else if (!out) {
        out = calloc(1, 1);
    }
    memset(b, 0, sizeof *b);
    return out;
}
