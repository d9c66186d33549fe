/* mem.h - allocation wrappers. All project allocation goes through these so
 * that tests can make the Nth allocation fail (mem_fail_after) and check
 * that every failure path returns ERR_NOMEM without leaking.
 * They never abort: they return NULL on failure. mem_free(NULL) is a no-op. */
#ifndef CCHC_MEM_H
#define CCHC_MEM_H

#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);            /* NULL s -> NULL */
char *mem_strndup(const char *s, size_t n); /* copies at most n bytes, NUL-terminated */
void mem_free(void *p);

/* Test hook: the n-th allocation from now (1-based) and all later ones fail;
 * n < 0 disables failure injection. Thread-unsafe: tests only. */
void mem_fail_after(long n);

#endif
