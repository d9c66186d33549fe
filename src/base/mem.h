/* mem.h - allocation wrappers. All project allocation goes through these so
 * that tests can make the Nth allocation fail (mem_fail_after) and check
 * that every failure path returns ERR_NOMEM without leaking.
 * They never abort: they return NULL on failure. mem_free(NULL) is a no-op. */
#ifndef CCHC_MEM_H
#define CCHC_MEM_H

#include <stdbool.h>
#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);            /* NULL s -> NULL */
char *mem_strndup(const char *s, size_t n); /* copies at most n bytes, NUL-terminated */
void mem_free(void *p);

/* Grows the array whose address is pptr (a T ** passed as void *) so that it
 * holds at least `need` elements of `elem` bytes: capacity grows by half
 * again (at least to need, at least 8), with every multiplication checked for
 * overflow. On success *cap is the new capacity and the array pointer is
 * updated; on failure (ERR_NOMEM, or ERR_TOOLARGE when need * elem overflows)
 * both are unchanged and the old array is still owned by the caller. No-op
 * when *cap >= need. Use through MEM_GROW. */
int mem_grow(void *pptr, size_t *cap, size_t need, size_t elem);
#define MEM_GROW(arr, cap, need) mem_grow((void *)&(arr), &(cap), (need), sizeof *(arr))
/* As mem_grow, and the new elements (from the old capacity on) are zeroed:
 * for tables indexed directly (bitmaps, per-id slots). */
int mem_grow_zero(void *pptr, size_t *cap, size_t need, size_t elem);
#define MEM_GROW_ZERO(arr, cap, need) mem_grow_zero((void *)&(arr), &(cap), (need), sizeof *(arr))

/* Per-thread allocation budget, the memory cap of one piece of work (a plan
 * parse on a server worker thread). Between mem_budget_begin and
 * mem_budget_end, the bytes this thread holds through mem_* allocations are
 * counted (malloc_usable_size); an allocation that would take them past
 * max fails (NULL, as out of memory) and marks the budget exceeded. Memory
 * freed before the budget began is credited too, memory freed by another
 * thread is not: the count only errs towards refusing early. Libraries that
 * allocate with malloc (libxml2, libzip) are not counted. */
void mem_budget_begin(size_t max);
/* Ends counting on this thread; returns whether an allocation was refused.
 * *peak (may be NULL) gets the most bytes held at once. */
bool mem_budget_end(size_t *peak);
/* Whether an allocation was refused since mem_budget_begin on this thread. */
bool mem_budget_exceeded(void);

/* Test hook: the n-th allocation from now (1-based) and all later ones fail;
 * n < 0 disables failure injection. Thread-unsafe: tests only. */
void mem_fail_after(long n);

#endif
