/* outfile.c - atomic output files (outfile.h). */
#include "io/outfile.h"

#include "base/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

static int io_error(err_t *e, const char *what_vi, const char *what_en, const char *path, int err)
{
    return err_set(e, ERR_IO, "outfile.io", "Không %s%.0s được tệp %s: %s", "Cannot %.0s%s %s: %s",
                   what_vi, what_en, path, strerror(err));
}

int outfile_open(outfile_t *o, const char *path, err_t *e)
{
    o->path = o->tmp = NULL;
    if (!path || !path[0])
        return err_set(e, ERR_IO, "outfile.io", "Thiếu đường dẫn tệp kết quả",
                       "The output path is missing");
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(slash - path) + 1 : 0;
    size_t cap = strlen(path) + 16;
    o->path = mem_strdup(path);
    o->tmp = mem_alloc(cap);
    if (!o->path || !o->tmp) {
        outfile_abort(o);
        return err_nomem(e);
    }
    snprintf(o->tmp, cap, "%.*s.%s.XXXXXX", dirlen, path, base);
    int fd = mkostemp(o->tmp, O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        mem_free(o->tmp); /* nothing was created */
        o->tmp = NULL;
        int rc = io_error(e, "tạo", "create", path, err);
        outfile_abort(o);
        return rc;
    }
    (void)fchmod(fd, 0644); /* mkstemp creates 0600; on failure the file stays private */
    close(fd);
    return 0;
}

static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + 1, path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int outfile_commit(outfile_t *o, err_t *e)
{
    int rc = 0;
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        rc = io_error(e, "ghi", "write", o->path, errno);
    if (fd >= 0)
        close(fd);
    if (!rc && rename(o->tmp, o->path) != 0)
        rc = io_error(e, "ghi", "write", o->path, errno);
    if (rc) {
        outfile_abort(o);
        return rc;
    }
    sync_dir(o->path);
    mem_free(o->tmp);
    mem_free(o->path);
    o->tmp = o->path = NULL;
    return 0;
}

void outfile_abort(outfile_t *o)
{
    if (o->tmp)
        unlink(o->tmp);
    mem_free(o->tmp);
    mem_free(o->path);
    o->tmp = o->path = NULL;
}
