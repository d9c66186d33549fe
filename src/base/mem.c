#include "mem.h"

#include "err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static long fail_countdown = -1;

static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown <= 1) {
        fail_countdown = 0;
        return 1;
    }
    fail_countdown--;
    return 0;
}

void mem_fail_after(long n)
{
    fail_countdown = n;
}

void *mem_alloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *mem_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *mem_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

char *mem_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *d = mem_alloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *mem_strdup(const char *s)
{
    return s ? mem_strndup(s, strlen(s)) : NULL;
}

void mem_free(void *p)
{
    free(p);
}

int mem_grow(void *pptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    if (!elem || need > SIZE_MAX / elem)
        return ERR_TOOLARGE;
    size_t ncap = *cap + *cap / 2;
    if (ncap < *cap || ncap > SIZE_MAX / elem)
        ncap = need;
    if (ncap < need)
        ncap = need;
    if (ncap < 8 && 8 <= SIZE_MAX / elem)
        ncap = 8;
    void *old;
    memcpy(&old, pptr, sizeof old);
    void *p = mem_realloc(old, ncap * elem);
    if (!p)
        return ERR_NOMEM;
    memcpy(pptr, &p, sizeof p);
    *cap = ncap;
    return 0;
}

int mem_grow_zero(void *pptr, size_t *cap, size_t need, size_t elem)
{
    size_t old = *cap;
    int rc = mem_grow(pptr, cap, need, elem);
    if (rc || *cap == old)
        return rc;
    char *p;
    memcpy(&p, pptr, sizeof p);
    memset(p + old * elem, 0, (*cap - old) * elem);
    return 0;
}
