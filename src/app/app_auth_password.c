/* app_auth_password.c - password policy and the initial password file
 * (app_auth_password.h). */
#include "app/app_auth_password.h"

#include "base/log.h"
#include "base/mem.h"
#include "base/text.h"
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

/* Applies when the shipped lists are missing; the stripped form of a
 * password (see below) is compared too, so "matkhau2024" is refused. */
static const char *const builtin[] = {
    "password", "passw0rd", "matkhau",    "mat khau", "mat-khau",  "admin",      "administrator",
    "qwerty",   "abc",      "abcdef",     "iloveyou", "anhyeuem",  "emyeuanh",   "vietnam",
    "cchc",     "quantri",  "1234567890", "12345",    "123456789", "0123456789", "qwertyuiop",
    "1q2w3e4r", "q1w2e3r4", "1qaz2wsx",   "123qwe",   "111111",    "000000",     "abc123"};

static const char *const list_files[] = {"common-10k.txt", "common-vi.txt"};

#define LINE_MAX_BYTES 256

static int refuse(err_t *e, const char *code, const char *vi, const char *en)
{
    return err_set_pair(e, ERR_INVALID, code, vi, en);
}

/* The password without its trailing digits, punctuation and spaces. */
static size_t stripped_len(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            break;
        n--;
    }
    return n;
}

static bool equals(const char *entry, size_t elen, const char *s, size_t n)
{
    return elen == n && memcmp(entry, s, n) == 0;
}

/* Whether the file at path lists lower (or its stripped form); -1 when the
 * file cannot be read. */
static int listed_in_file(const char *path, const char *lower, size_t n, size_t sn)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    char line[LINE_MAX_BYTES];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        if (len == 0 || line[0] == '#')
            continue;
        found = equals(line, len, lower, n) || (sn >= 3 && equals(line, len, lower, sn));
    }
    fclose(f);
    return found;
}

static bool listed_builtin(const char *lower, size_t n, size_t sn)
{
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        size_t len = strlen(builtin[i]);
        if (equals(builtin[i], len, lower, n) || (sn >= 3 && equals(builtin[i], len, lower, sn)))
            return true;
    }
    return false;
}

static bool is_common(const char *data_dir, const char *lower)
{
    size_t n = strlen(lower), sn = stripped_len(lower, n);
    if (listed_builtin(lower, n, sn))
        return true;
    for (size_t i = 0; data_dir && i < sizeof list_files / sizeof list_files[0]; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/passwords/%s", data_dir, list_files[i]);
        int r = listed_in_file(path, lower, n, sn);
        if (r > 0)
            return true;
        if (r < 0)
            log_sub("auth", LOG_WARN, "common-password list %s missing: built-in list only",
                    list_files[i]);
    }
    return false;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

int app_auth_password_check(const char *data_dir, const char *login, const char *password, err_t *e)
{
    size_t bytes = strlen(password);
    bool valid = text_valid(password, bytes) && !has_control(password);
    if (bytes > AUTH_PASSWORD_MAX || (valid && text_length(password, bytes) < AUTH_PASSWORD_MIN))
        return err_set(e, ERR_INVALID, "user.password_length",
                       "Mật khẩu phải có ít nhất %d ký tự (tối đa %d byte)",
                       "The password must have at least %d characters (at most %d bytes)",
                       AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
    if (!valid)
        return refuse(e, "user.password_invalid",
                      "Mật khẩu không hợp lệ (phải là UTF-8, không có ký tự điều khiển)",
                      "Invalid password (must be UTF-8 without control characters)");
    int rc = 0;
    char *lower = text_lower(password, bytes, &rc);
    if (!lower)
        return err_nomem(e);
    if (login && *login && strstr(lower, login))
        rc = refuse(e, "user.password_login", "Mật khẩu không được chứa tên đăng nhập",
                    "The password must not contain the login");
    else if (is_common(data_dir, lower))
        rc = refuse(e, "user.password_common",
                    "Mật khẩu quá phổ biến, dễ bị đoán; hãy chọn một cụm từ riêng của bạn",
                    "This password is too common and easy to guess; choose a phrase of your own");
    mem_free(lower);
    return rc;
}

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
