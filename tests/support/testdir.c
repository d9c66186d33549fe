#include "support/testdir.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "testdir: %s %s failed\n", what, arg ? arg : "");
    exit(99);
}

char *testdir_new(void)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    size_t n = strlen(tmp) + 32;
    char *dir = malloc(n);
    if (!dir)
        die("malloc", NULL);
    snprintf(dir, n, "%s/cchc-test-XXXXXX", tmp);
    if (!mkdtemp(dir))
        die("mkdtemp", dir);
    return dir;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void testdir_remove(char *dir)
{
    if (!dir)
        return;
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *testdir_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        die("malloc", NULL);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void testdir_write(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("fopen", path);
    if (n && fwrite(data, 1, n, f) != n)
        die("fwrite", path);
    if (fclose(f) != 0)
        die("fclose", path);
}

void testdir_copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        die("fopen", from);
    FILE *out = fopen(to, "wb");
    if (!out)
        die("fopen", to);
    char chunk[8192];
    size_t n;
    do {
        n = fread(chunk, 1, sizeof chunk, in);
        if (n && fwrite(chunk, 1, n, out) != n)
            die("fwrite", to);
    } while (n == sizeof chunk);
    if (ferror(in))
        die("fread", from);
    fclose(in);
    if (fclose(out) != 0)
        die("fclose", to);
}

char *testdir_file(const char *dir, const char *name, const char *text)
{
    char *p = testdir_join(dir, name);
    testdir_write(p, text, strlen(text));
    return p;
}

int testdir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

const char *testdir_root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}
