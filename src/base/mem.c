#include "mem.h"

#include "err.h"

#include <malloc.h>
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

/* This thread's budget (mem_budget_begin). */
static _Thread_local struct {
    bool on, over;
    size_t max;
    long long used, peak;
} t_budget;

/* Whether n more bytes fit the budget (always, when none is set). */
static bool budget_fits(size_t n)
{
    if (!t_budget.on)
        return true;
    if ((long long)n > (long long)t_budget.max - t_budget.used) {
        t_budget.over = true;
        return false;
    }
    return true;
}

static void budget_add(const void *p, int sign)
{
    if (!t_budget.on || !p)
        return;
    t_budget.used += sign * (long long)malloc_usable_size((void *)(uintptr_t)p);
    if (t_budget.used > t_budget.peak)
        t_budget.peak = t_budget.used;
}

void mem_budget_begin(size_t max)
{
    t_budget.on = true;
    t_budget.over = false;
    t_budget.max = max;
    t_budget.used = 0;
    t_budget.peak = 0;
}

bool mem_budget_end(size_t *peak)
{
    if (peak)
        *peak = t_budget.peak > 0 ? (size_t)t_budget.peak : 0;
    t_budget.on = false;
    return t_budget.over;
}

bool mem_budget_exceeded(void)
{
    return t_budget.on && t_budget.over;
}

void *mem_alloc(size_t n)
{
    if (should_fail() || !budget_fits(n))
        return NULL;
    void *p = malloc(n ? n : 1);
    budget_add(p, 1);
    return p;
}

void *mem_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    if (t_budget.on && (size && count > SIZE_MAX / size ? true : !budget_fits(count * size)))
        return NULL;
    void *p = calloc(count ? count : 1, size ? size : 1);
    budget_add(p, 1);
    return p;
}

void *mem_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    size_t old = t_budget.on && p ? malloc_usable_size(p) : 0;
    if (t_budget.on && n > old && !budget_fits(n - old))
        return NULL;
    void *q = realloc(p, n ? n : 1);
    if (q && t_budget.on) {
        t_budget.used -= (long long)old;
        budget_add(q, 1);
    }
    return q;
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
    budget_add(p, -1);
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
