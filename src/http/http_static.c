/* static.c - static files from the web directory (static.h). */
#include "http/http_static.h"

#include "http/http_int.h"

#include "base/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

struct http_static {
    char *root; /* realpath of the web directory, no trailing slash */
    size_t root_len;
};

http_static_t *http_static_new(const char *dir, err_t *e)
{
    char *real = dir ? realpath(dir, NULL) : NULL;
    struct stat st;
    if (!real || stat(real, &st) != 0 || !S_ISDIR(st.st_mode) || access(real, R_OK | X_OK)) {
        free(real);
        err_set(e, ERR_IO, "http.web_dir", "Thư mục giao diện web '%s' không đọc được",
                "Web directory '%s' is not a readable directory", dir ? dir : "(null)");
        return NULL;
    }
    http_static_t *s = mem_calloc(1, sizeof *s);
    char *root = mem_strdup(real);
    free(real); /* realpath allocates with malloc */
    if (!s || !root) {
        mem_free(s);
        mem_free(root);
        err_nomem(e);
        return NULL;
    }
    s->root = root;
    s->root_len = strlen(root);
    if (s->root_len == 1) /* "/" itself: keep prefix checks uniform */
        s->root_len = 0;
    return s;
}

void http_static_free(http_static_t *s)
{
    if (!s)
        return;
    mem_free(s->root);
    mem_free(s);
}

const char *http_static_root(const http_static_t *s)
{
    return s->root;
}

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"map", "application/json; charset=utf-8"},
    {"webmanifest", "application/manifest+json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"txt", "text/plain; charset=utf-8"},
    {"pdf", "application/pdf"},
};

const char *http_static_content_type(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

static int not_found(http_resp_t *resp)
{
    return http_resp_text(resp, 404, "404 Không tìm thấy / Not Found\n");
}

/* true when some segment of path starts with '.' ("/.git/x", "/a/.env"). */
static bool has_dot_segment(const char *path)
{
    for (const char *p = path; (p = strchr(p, '/')) != NULL; p++)
        if (p[1] == '.')
            return true;
    return false;
}

/* Opens the file for path inside the root, or returns -1. */
static int open_inside(const http_static_t *s, const char *path, struct stat *st)
{
    char full[PATH_MAX];
    size_t plen = strlen(path);
    const char *index = plen && path[plen - 1] == '/' ? "index.html" : "";
    int n = snprintf(full, sizeof full, "%.*s%s%s", (int)s->root_len, s->root, path, index);
    if (n < 0 || (size_t)n >= sizeof full)
        return -1;
    char *real = realpath(full, NULL);
    if (!real)
        return -1;
    int fd = -1;
    if (strncmp(real, s->root, s->root_len) == 0 && real[s->root_len] == '/') {
        fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
            close(fd);
            fd = -1;
        }
    }
    free(real);
    return fd;
}

int http_static_serve(const http_static_t *s, const http_req_t *req, http_resp_t *resp)
{
    const char *path = req->path;
    if (path[0] != '/' || has_dot_segment(path))
        return not_found(resp);
    struct stat st;
    int fd = open_inside(s, path, &st);
    if (fd < 0)
        return not_found(resp);
    char etag[64];
    snprintf(etag, sizeof etag, "W/\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec);
    const char *inm = http_req_header(req, "If-None-Match");
    size_t plen = strlen(path);
    const char *ctype =
        http_static_content_type(plen && path[plen - 1] == '/' ? "index.html" : path);
    int rc;
    if (inm && strstr(inm, etag + 2)) { /* a list of tags, weak or strong */
        close(fd);
        rc = http_resp_empty(resp, 304);
    } else {
        rc = http_resp_fd(resp, 200, ctype, fd, (uint64_t)st.st_size);
    }
    if (rc == 0)
        rc = http_resp_add_header(resp, "ETag", etag);
    if (rc == 0)
        rc = http_resp_add_header(resp, "Cache-Control", "no-cache");
    return rc;
}
