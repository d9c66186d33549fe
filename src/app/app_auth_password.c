/* app_auth_password.c - the initial password file (app_auth_password.h). */
#include "app/app_auth_password.h"

#include "base/log.h"
#include "store/store_initpw.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

static int file_failed(err_t *e, int errnum)
{
    return err_set(e, ERR_IO, "user.password_file", "Không ghi được tệp mật khẩu ban đầu (%s)",
                   "Cannot write the initial password file (%s)", strerror(errnum));
}

/* Writes password + "\n" to path, mode 0600, replacing it atomically. */
static int write_secret(const char *path, const char *password, err_t *e)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return file_failed(e, ENAMETOOLONG);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return file_failed(e, errno);
    size_t n = strlen(password);
    int rc = 0;
    if (write(fd, password, n) != (ssize_t)n || write(fd, "\n", 1) != 1 || fsync(fd) != 0)
        rc = file_failed(e, errno);
    if (close(fd) != 0 && !rc)
        rc = file_failed(e, errno);
    if (!rc && rename(tmp, path) != 0)
        rc = file_failed(e, errno);
    if (rc)
        unlink(tmp);
    return rc;
}

int app_auth_password_initial_file(app_t *a, const char *login, const char *path,
                                   const char *password, err_t *e)
{
    int rc = write_secret(path, password, e);
    if (rc)
        return rc;
    char abs[PATH_MAX];
    if (!realpath(path, abs)) {
        rc = file_failed(e, errno);
        unlink(path);
        return rc;
    }
    store_t *s;
    rc = app_store(a, &s, e);
    if (!rc)
        rc = store_initpw_put(s, login, abs, (int64_t)time(NULL), e);
    if (rc)
        unlink(abs);
    return rc;
}

int app_auth_password_take_initial(store_t *s, const char *login, char *path_out, size_t cap,
                                   err_t *e)
{
    int rc = store_initpw_take(s, login, path_out, cap, e);
    return rc < 0 ? rc : 0;
}

void app_auth_password_forget_file(const char *path)
{
    if (!path || !*path)
        return;
    if (unlink(path) != 0 && errno != ENOENT)
        log_sub("auth", LOG_WARN, "cannot remove the initial password file %s: %s", path,
                strerror(errno));
    else
        log_sub("auth", LOG_INFO, "initial password file removed (%s)", path);
}
