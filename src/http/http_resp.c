/* response.c - response building (response.h) and its conversion to a
 * libmicrohttpd response (internal.h). */
#include "http/http_int.h"

#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/banned.h"

void http_resp_init(http_resp_t *r, bool secure_cookies)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->secure_cookies = secure_cookies;
}

static void drop_body(http_resp_t *r)
{
    if (r->body && r->body_free)
        r->body_free(r->body);
    r->body = NULL;
    r->body_len = 0;
    r->body_free = NULL;
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
    r->fd_size = 0;
}

void http_resp_release(http_resp_t *r)
{
    drop_body(r);
    for (size_t i = 0; i < r->nhdrs; i++) {
        mem_free(r->hdrs[i].name);
        mem_free(r->hdrs[i].value);
    }
    mem_free(r->hdrs);
    r->hdrs = NULL;
    r->nhdrs = r->cap = 0;
}

int http_resp_status(const http_resp_t *r)
{
    return r->status;
}

const char *http_resp_get_header(const http_resp_t *r, const char *name)
{
    for (size_t i = 0; i < r->nhdrs; i++)
        if (strcasecmp(r->hdrs[i].name, name) == 0)
            return r->hdrs[i].value;
    return NULL;
}

int http_resp_add_header(http_resp_t *r, const char *name, const char *value)
{
    if (MEM_GROW(r->hdrs, r->cap, r->nhdrs + 1))
        return ERR_NOMEM;
    char *n = mem_strdup(name);
    char *v = mem_strdup(value);
    if (!n || !v) {
        mem_free(n);
        mem_free(v);
        return ERR_NOMEM;
    }
    r->hdrs[r->nhdrs].name = n;
    r->hdrs[r->nhdrs].value = v;
    r->nhdrs++;
    return 0;
}

/* Replaces the Content-Type header, if any, by ctype. */
static int set_content_type(http_resp_t *r, const char *ctype)
{
    for (size_t i = 0; i < r->nhdrs; i++) {
        if (strcasecmp(r->hdrs[i].name, "Content-Type") == 0) {
            char *v = mem_strdup(ctype);
            if (!v)
                return ERR_NOMEM;
            mem_free(r->hdrs[i].value);
            r->hdrs[i].value = v;
            return 0;
        }
    }
    return http_resp_add_header(r, "Content-Type", ctype);
}

static bool token_char(unsigned char c)
{
    return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

int http_resp_header(http_resp_t *r, const char *name, const char *value)
{
    static const char *managed[] = {"Content-Length", "Transfer-Encoding", "Connection"};
    if (!name || !*name || !value)
        return ERR_INVALID;
    for (const char *p = name; *p; p++)
        if (!token_char((unsigned char)*p))
            return ERR_INVALID;
    for (const char *p = value; *p; p++)
        if (*p == '\r' || *p == '\n')
            return ERR_INVALID;
    for (size_t i = 0; i < sizeof managed / sizeof managed[0]; i++)
        if (strcasecmp(name, managed[i]) == 0)
            return ERR_INVALID;
    if (strcasecmp(name, "Content-Type") == 0)
        return set_content_type(r, value);
    return http_resp_add_header(r, name, value);
}

/* Takes ownership of body (freed with body_free even on failure). */
static int set_body(http_resp_t *r, int status, const char *ctype, char *body, size_t len,
                    void (*body_free)(void *))
{
    drop_body(r);
    r->status = 0;
    int rc = set_content_type(r, ctype);
    if (rc) {
        body_free(body);
        return rc;
    }
    r->status = status;
    r->body = body;
    r->body_len = len;
    r->body_free = body_free;
    return 0;
}

static void free_jansson(void *p)
{
    free(p); /* jansson's default allocator */
}

int http_resp_json(http_resp_t *r, int status, json_t *body)
{
    drop_body(r);
    r->status = 0;
    if (!body)
        return ERR_NOMEM;
    char *text = jsonx_dump(body);
    json_decref(body);
    if (!text)
        return ERR_NOMEM;
    return set_body(r, status, "application/json; charset=utf-8", text, strlen(text), free_jansson);
}

int http_resp_error(http_resp_t *r, const err_t *e)
{
    int status = err_http_status(e->status);
    if (status < 400)
        status = 500; /* an error without a status is a bug, not a success */
    if (status >= 500)
        log_error("%s: %s", e->code[0] ? e->code : err_status_name(e->status), e->en);
    if (status >= 500 && status != 503) {
        /* A server-side fault: its details (file names, paths, database
         * messages) are for the log above, never for the user, who gets the
         * generic message of the status with the stable code. */
        err_t shown;
        err_set_generic(&shown, e->status < 0 ? e->status : ERR_INTERNAL);
        snprintf(shown.code, sizeof shown.code, "%s", e->code[0] ? e->code : shown.code);
        return http_resp_json(r, status, jsonx_error(&shown));
    }
    return http_resp_json(r, status, jsonx_error(e));
}

int http_resp_errorf(http_resp_t *r, int status, const char *code, const char *vi, const char *en)
{
    err_t e;
    err_set_pair(&e, status, code, vi, en);
    return http_resp_error(r, &e);
}

static void free_mem(void *p)
{
    mem_free(p);
}

int http_resp_bytes(http_resp_t *r, int status, const char *ctype, const void *data, size_t len)
{
    drop_body(r);
    r->status = 0;
    char *copy = mem_alloc(len + 1);
    if (!copy)
        return ERR_NOMEM;
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    return set_body(r, status, ctype, copy, len, free_mem);
}

int http_resp_text(http_resp_t *r, int status, const char *text)
{
    return http_resp_bytes(r, status, "text/plain; charset=utf-8", text, strlen(text));
}

int http_resp_empty(http_resp_t *r, int status)
{
    drop_body(r);
    r->status = status;
    return 0;
}

int http_resp_fd(http_resp_t *r, int status, const char *ctype, int fd, uint64_t size)
{
    drop_body(r);
    r->status = 0;
    int rc = set_content_type(r, ctype);
    if (rc) {
        close(fd);
        return rc;
    }
    r->status = status;
    r->fd = fd;
    r->fd_size = size;
    return 0;
}

uint64_t http_resp_size(const http_resp_t *r)
{
    return r->fd >= 0 ? r->fd_size : r->body_len;
}

static bool cookie_safe(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr("._~+/=-", c);
        if (!ok)
            return false;
    }
    return n > 0 && n <= 256;
}

int http_resp_cookie_session(http_resp_t *r, const char *token, long max_age_seconds)
{
    if (!token || !cookie_safe(token) || max_age_seconds <= 0)
        return ERR_INVALID;
    char line[512];
    snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
             HTTP_SESSION_COOKIE, token, max_age_seconds, r->secure_cookies ? "; Secure" : "");
    return http_resp_add_header(r, "Set-Cookie", line);
}

int http_resp_cookie_clear_session(http_resp_t *r)
{
    char line[128];
    snprintf(line, sizeof line, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             HTTP_SESSION_COOKIE, r->secure_cookies ? "; Secure" : "");
    return http_resp_add_header(r, "Set-Cookie", line);
}

static struct MHD_Response *make_body(http_resp_t *r)
{
    struct MHD_Response *m;
    if (r->fd >= 0) {
        m = MHD_create_response_from_fd64(r->fd_size, r->fd);
        if (m)
            r->fd = -1; /* MHD closes it */
        return m;
    }
    if (!r->body)
        return MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    m = MHD_create_response_from_buffer_with_free_callback(r->body_len, r->body, r->body_free);
    if (m) {
        r->body = NULL; /* MHD frees it */
        r->body_len = 0;
    }
    return m;
}

struct MHD_Response *http_resp_to_mhd(http_resp_t *r)
{
    struct MHD_Response *m = make_body(r);
    if (!m)
        return NULL;
    for (size_t i = 0; i < r->nhdrs; i++) {
        if (MHD_add_response_header(m, r->hdrs[i].name, r->hdrs[i].value) != MHD_YES) {
            MHD_destroy_response(m);
            return NULL;
        }
    }
    return m;
}
