/* http_client.c - tiny blocking HTTP/1.1 test client (http_client.h). */
#include "support/http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/banned.h"

#define TC_MAX_HEAD (1024 * 1024)

struct tc_conn {
    int fd;
    char *buf; /* received, not yet consumed */
    size_t len, cap;
    bool eof;
};

tc_conn_t *tc_connect_host(const char *host, uint16_t port)
{
    struct sockaddr_storage ss;
    socklen_t slen;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        slen = sizeof *v4;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        slen = sizeof *v6;
    } else {
        return NULL;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return NULL;
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    tc_conn_t *c = calloc(1, sizeof *c);
    if (!c || connect(fd, (struct sockaddr *)&ss, slen) != 0) {
        close(fd);
        free(c);
        return NULL;
    }
    c->fd = fd;
    return c;
}

tc_conn_t *tc_connect(uint16_t port)
{
    return tc_connect_host("127.0.0.1", port);
}

void tc_close(tc_conn_t *c)
{
    if (!c)
        return;
    close(c->fd);
    free(c->buf);
    free(c);
}

int tc_write(tc_conn_t *c, const void *raw, size_t len)
{
    const char *p = raw;
    while (len) {
        ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads more bytes into the buffer: >0 read, 0 EOF, -1 error/timeout. */
static int fill(tc_conn_t *c)
{
    if (c->eof)
        return 0;
    if (c->cap - c->len < 16384) {
        size_t cap = c->cap ? c->cap * 2 : 65536;
        char *b = realloc(c->buf, cap);
        if (!b)
            return -1;
        c->buf = b;
        c->cap = cap;
    }
    ssize_t n;
    do
        n = recv(c->fd, c->buf + c->len, c->cap - c->len - 1, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if (n == 0) {
        c->eof = true;
        return 0;
    }
    c->len += (size_t)n;
    return 1;
}

/* Makes sure n bytes are buffered; 0 or -1. */
static int need(tc_conn_t *c, size_t n)
{
    while (c->len < n)
        if (fill(c) <= 0)
            return -1;
    return 0;
}

static void consume(tc_conn_t *c, size_t n)
{
    memmove(c->buf, c->buf + n, c->len - n);
    c->len -= n;
}

/* Offset just past the next "\r\n" at or after from, reading as needed; 0 on failure. */
static size_t line_end(tc_conn_t *c, size_t from)
{
    for (;;) {
        for (size_t i = from; i + 1 < c->len; i++)
            if (c->buf[i] == '\r' && c->buf[i + 1] == '\n')
                return i + 2;
        if (c->len > TC_MAX_HEAD || fill(c) <= 0)
            return 0;
    }
}

static char *dup_n(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

static int add_header(tc_response_t *r, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return -1;
    size_t nlen = (size_t)(colon - line);
    const char *v = colon + 1;
    size_t vlen = n - nlen - 1;
    while (vlen && (*v == ' ' || *v == '\t'))
        v++, vlen--;
    while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
    tc_header_t *h = realloc(r->headers, (r->nheaders + 1) * sizeof *h);
    if (!h)
        return -1;
    r->headers = h;
    h[r->nheaders].name = dup_n(line, nlen);
    h[r->nheaders].value = dup_n(v, vlen);
    r->nheaders++;
    return 0;
}

/* Status line and headers; consumes them. */
static int read_head(tc_conn_t *c, tc_response_t *r)
{
    size_t end = line_end(c, 0);
    if (!end || end < 14 || strncmp(c->buf, "HTTP/1.", 7) != 0)
        return -1;
    r->status = (int)strtol(c->buf + 9, NULL, 10);
    size_t pos = end;
    for (;;) {
        size_t next = line_end(c, pos);
        if (!next)
            return -1;
        if (next == pos + 2)
            break;
        if (add_header(r, c->buf + pos, next - pos - 2))
            return -1;
        pos = next;
    }
    consume(c, pos + 2);
    return 0;
}

static int append_body(tc_response_t *r, const char *p, size_t n)
{
    char *b = realloc(r->body, r->body_len + n + 1);
    if (!b)
        return -1;
    memcpy(b + r->body_len, p, n);
    r->body = b;
    r->body_len += n;
    b[r->body_len] = '\0';
    return 0;
}

static int read_chunked(tc_conn_t *c, tc_response_t *r)
{
    for (;;) {
        size_t end = line_end(c, 0);
        if (!end)
            return -1;
        size_t n = (size_t)strtoul(c->buf, NULL, 16);
        consume(c, end);
        if (n == 0)
            break;
        if (need(c, n + 2) || append_body(r, c->buf, n))
            return -1;
        consume(c, n + 2);
    }
    for (;;) { /* trailers up to the empty line */
        size_t end = line_end(c, 0);
        if (!end)
            return -1;
        consume(c, end);
        if (end == 2)
            return 0;
    }
}

static void clear_response(tc_response_t *r)
{
    for (size_t i = 0; i < r->nheaders; i++) {
        free(r->headers[i].name);
        free(r->headers[i].value);
    }
    free(r->headers);
    free(r->body);
    memset(r, 0, sizeof *r);
}

int tc_read_response(tc_conn_t *c, const char *method, tc_response_t *r)
{
    memset(r, 0, sizeof *r);
    do {
        clear_response(r);
        if (read_head(c, r))
            return -1;
    } while (r->status >= 100 && r->status < 200);
    if (append_body(r, "", 0))
        return -1;
    const char *te = tc_header(r, "Transfer-Encoding");
    const char *cl = tc_header(r, "Content-Length");
    bool no_body = strcmp(method, "HEAD") == 0 || r->status == 204 || r->status == 304;
    if (no_body) {
        /* nothing */
    } else if (te && strcasecmp(te, "chunked") == 0) {
        if (read_chunked(c, r))
            return -1;
    } else if (cl) {
        size_t n = (size_t)strtoull(cl, NULL, 10);
        if (need(c, n) || append_body(r, c->buf, n))
            return -1;
        consume(c, n);
    } else {
        while (fill(c) > 0)
            ;
        if (append_body(r, c->buf, c->len))
            return -1;
        consume(c, c->len);
    }
    const char *conn = tc_header(r, "Connection");
    r->closed = c->eof || (conn && strcasecmp(conn, "close") == 0);
    return 0;
}

int tc_send_raw(tc_conn_t *c, const char *method, const void *raw, size_t len, tc_response_t *r)
{
    memset(r, 0, sizeof *r);
    if (tc_write(c, raw, len))
        return -1;
    return tc_read_response(c, method, r);
}

/* Appends header lines, normalising line ends to CRLF. */
static size_t put_headers(char *out, size_t cap, const char *headers)
{
    size_t used = 0;
    const char *p = headers;
    while (p && *p) {
        size_t n = strcspn(p, "\r\n");
        if (n) {
            int w = snprintf(out + used, cap - used, "%.*s\r\n", (int)n, p);
            if (w < 0 || (size_t)w >= cap - used)
                return cap;
            used += (size_t)w;
        }
        p += n;
        while (*p == '\r' || *p == '\n')
            p++;
    }
    return used;
}

static bool has_line(const char *headers, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = headers; p && *p;) {
        if (strncasecmp(p, name, n) == 0 && p[n] == ':')
            return true;
        p += strcspn(p, "\n");
        if (*p)
            p++;
    }
    return false;
}

int tc_send(tc_conn_t *c, const char *method, const char *path, const char *headers,
            const void *body, size_t body_len, tc_response_t *r)
{
    memset(r, 0, sizeof *r);
    size_t cap = 16384 + (headers ? strlen(headers) * 2 : 0) + strlen(path);
    char *head = malloc(cap);
    if (!head)
        return -1;
    int w = snprintf(head, cap, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", method, path);
    size_t used = (size_t)w;
    used += put_headers(head + used, cap - used, headers);
    bool wants_len = body || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
                     strcmp(method, "PATCH") == 0;
    if (wants_len && !has_line(headers, "Content-Length") &&
        !has_line(headers, "Transfer-Encoding"))
        used += (size_t)snprintf(head + used, cap - used, "Content-Length: %zu\r\n", body_len);
    used += (size_t)snprintf(head + used, cap - used, "\r\n");
    int rc = used < cap ? tc_write(c, head, used) : -1;
    free(head);
    if (rc == 0 && body && body_len)
        rc = tc_write(c, body, body_len);
    if (rc)
        return -1;
    return tc_read_response(c, method, r);
}

bool tc_peer_closed(tc_conn_t *c)
{
    if (c->eof)
        return true;
    struct pollfd p = {c->fd, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0)
        return false;
    char x;
    ssize_t n = recv(c->fd, &x, 1, MSG_PEEK);
    return n == 0 || (n < 0 && errno == ECONNRESET);
}

int tc_request(uint16_t port, const char *method, const char *path, const char *headers,
               const void *body, size_t body_len, tc_response_t *out)
{
    memset(out, 0, sizeof *out);
    tc_conn_t *c = tc_connect(port);
    if (!c)
        return -1;
    int rc = tc_send(c, method, path, headers, body, body_len, out);
    tc_close(c);
    return rc;
}

int tc_raw(uint16_t port, const char *method, const void *raw, size_t len, tc_response_t *out)
{
    memset(out, 0, sizeof *out);
    tc_conn_t *c = tc_connect(port);
    if (!c)
        return -1;
    int rc = tc_send_raw(c, method, raw, len, out);
    tc_close(c);
    return rc;
}

const char *tc_header(const tc_response_t *r, const char *name)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (r->headers[i].name && strcasecmp(r->headers[i].name, name) == 0)
            return r->headers[i].value;
    return NULL;
}

size_t tc_header_count(const tc_response_t *r, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nheaders; i++)
        if (r->headers[i].name && strcasecmp(r->headers[i].name, name) == 0)
            n++;
    return n;
}

void tc_response_free(tc_response_t *r)
{
    clear_response(r);
}
