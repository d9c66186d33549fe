/* sv.h - string views for parsing: a pointer and a length, never owning. */
#ifndef CCHC_SV_H
#define CCHC_SV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sv {
    const char *p;
    size_t n;
} sv_t;

sv_t sv_from(const char *s); /* NULL -> empty view */
sv_t sv_make(const char *p, size_t n);
sv_t sv_trim(sv_t s); /* ASCII whitespace both ends */
bool sv_eq(sv_t a, const char *s);
bool sv_starts_with(sv_t a, const char *prefix);
/* Splits at the first occurrence of sep: *head gets the part before, the
 * return value the rest after sep. When sep is absent *head = s, rest empty
 * and *found = false. */
sv_t sv_split(sv_t s, char sep, sv_t *head, bool *found);
/* Parses a non-negative decimal integer filling the whole view, max digits 18. */
bool sv_to_long(sv_t s, long *out);

#endif
