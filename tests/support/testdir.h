/* testdir.h - isolated scratch directories for tests.
 *
 * Each test makes a fresh directory with mkdtemp (under $TMPDIR or /tmp),
 * puts its database and input files there, and removes the whole tree when
 * done. Uses plain malloc (not mem_*) so that allocation-failure injection
 * in the code under test never hits the test harness. Failures to create
 * anything abort the test program: they are environment problems. */
#ifndef CCHC_TEST_TESTDIR_H
#define CCHC_TEST_TESTDIR_H

#include <stddef.h>

/* A new empty directory; caller passes it to testdir_remove. */
char *testdir_new(void);
/* Removes dir and everything below it, then frees dir. NULL is a no-op. */
void testdir_remove(char *dir);
/* "dir/name"; caller frees with free(). */
char *testdir_join(const char *dir, const char *name);
/* Writes n bytes to path (creating or truncating it). */
void testdir_write(const char *path, const char *data, size_t n);
/* Writes a NUL-terminated string into dir/name and returns the path
 * (caller frees with free()). */
char *testdir_file(const char *dir, const char *name, const char *text);
/* Copies the file from to the file to (created or truncated). */
void testdir_copy(const char *from, const char *to);
/* Whether path exists. */
int testdir_exists(const char *path);
/* The repository root, where data/ and tests/fixtures/ are: $CCHC_ROOT, or
 * "." (the tests run from the root) when it is unset or empty. Borrowed. */
const char *testdir_root(void);

#endif
