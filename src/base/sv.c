#include "sv.h"

#include <string.h>

#include "banned.h"

sv_t sv_from(const char *s)
{
    sv_t v = {s ? s : "", s ? strlen(s) : 0};
    return v;
}

sv_t sv_make(const char *p, size_t n)
{
    sv_t v = {p, n};
    return v;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

sv_t sv_trim(sv_t s)
{
    while (s.n && is_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

bool sv_eq(sv_t a, const char *s)
{
    size_t n = strlen(s);
    return a.n == n && (n == 0 || memcmp(a.p, s, n) == 0);
}

bool sv_starts_with(sv_t a, const char *prefix)
{
    size_t n = strlen(prefix);
    return a.n >= n && memcmp(a.p, prefix, n) == 0;
}

sv_t sv_split(sv_t s, char sep, sv_t *head, bool *found)
{
    const char *q = s.n ? memchr(s.p, sep, s.n) : NULL;
    if (!q) {
        *head = s;
        if (found)
            *found = false;
        return sv_make(s.p + s.n, 0);
    }
    *head = sv_make(s.p, (size_t)(q - s.p));
    if (found)
        *found = true;
    return sv_make(q + 1, s.n - (size_t)(q - s.p) - 1);
}

bool sv_to_long(sv_t s, long *out)
{
    if (s.n == 0 || s.n > 18)
        return false;
    long v = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return false;
        v = v * 10 + (s.p[i] - '0');
    }
    *out = v;
    return true;
}
