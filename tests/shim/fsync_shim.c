/* fsync_shim.c - an LD_PRELOAD library that models a disk losing power, for
 * tests/integration/test_power_loss.c (issue 16 item 15).
 *
 * Every fsync/fdatasync of a regular file under $CCHC_SHIM_DIR first copies
 * the whole file to "<file>.durable": that copy is what the disk is known
 * to hold. After the process is killed, the test replaces each file with
 * its .durable copy and removes the files that were never synced - the
 * pessimistic model of a power cut: whatever was written but not synced is
 * lost (page cache dropped), whatever was synced stays. Not modelled: torn
 * sectors, reordering inside one sync, directory entries. Built without
 * sanitizers (build/asan/lib/fsync_shim.so). */
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

int fsync(int fd);
int fdatasync(int fd);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* The path of fd when it is a regular file under $CCHC_SHIM_DIR. */
static bool watched(int fd, char *path, size_t cap)
{
    const char *dir = getenv("CCHC_SHIM_DIR");
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = dir ? readlink(link, path, cap - 1) : -1;
    if (n <= 0)
        return false;
    path[n] = '\0';
    struct stat st;
    return strncmp(path, dir, strlen(dir)) == 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

/* Copies the file of fd to path.durable (through a temporary and a rename:
 * the copy is whole or absent). */
static void snapshot(int fd, const char *path)
{
    char tmp[4200], dst[4200];
    snprintf(dst, sizeof dst, "%s.durable", path);
    snprintf(tmp, sizeof tmp, "%s.durable.tmp", path);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0)
        abort();
    char buf[65536];
    off_t off = 0;
    for (;;) {
        ssize_t n = pread(fd, buf, sizeof buf, off);
        if (n < 0)
            abort();
        if (n == 0)
            break;
        if (write(out, buf, (size_t)n) != n)
            abort();
        off += n;
    }
    close(out);
    if (rename(tmp, dst))
        abort();
}

static int synced(int fd, const char *name)
{
    char path[4096];
    pthread_mutex_lock(&mu);
    if (watched(fd, path, sizeof path))
        snapshot(fd, path);
    pthread_mutex_unlock(&mu);
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, name);
    return real ? real(fd) : -1;
}

int fsync(int fd)
{
    return synced(fd, "fsync");
}

int fdatasync(int fd)
{
    return synced(fd, "fdatasync");
}
