/* http_host.c - Host header check and loopback detection (http_host.h). */
#include "http/http_host.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

/* The host part of a Host value (port and IPv6 brackets removed) into out;
 * false when malformed. */
static bool host_part(const char *host, char *out, size_t cap, bool *bracketed)
{
    size_t n;
    *bracketed = host[0] == '[';
    if (*bracketed) {
        const char *close = strchr(host, ']');
        if (!close || (close[1] && close[1] != ':'))
            return false;
        host++;
        n = (size_t)(close - host);
    } else {
        n = strcspn(host, ":");
        if (host[n] == ':' && strchr(host + n + 1, ':'))
            return false; /* an unbracketed IPv6 address */
    }
    if (n == 0 || n >= cap)
        return false;
    memcpy(out, host, n);
    out[n] = '\0';
    return true;
}

static bool is_ip_literal(const char *h, bool bracketed)
{
    unsigned char buf[16];
    if (bracketed)
        return inet_pton(AF_INET6, h, buf) == 1;
    return inet_pton(AF_INET, h, buf) == 1;
}

static bool listed(const char *h, const char *names)
{
    size_t hlen = strlen(h);
    if (hlen && h[hlen - 1] == '.')
        hlen--; /* "example.gov.vn." is the same name */
    for (const char *p = names; p && *p;) {
        p += strspn(p, ", ");
        size_t n = strcspn(p, ", ");
        if (n && n == hlen && strncasecmp(p, h, n) == 0)
            return true;
        p += n;
    }
    return false;
}

int http_host_check(const char *host, const char *names, err_t *e)
{
    if (!host)
        return 0;
    char h[256];
    bool bracketed;
    if (host_part(host, h, sizeof h, &bracketed) &&
        (is_ip_literal(h, bracketed) || strcasecmp(h, "localhost") == 0 || listed(h, names)))
        return 0;
    return err_set(e, ERR_INVALID, "http.bad_host",
                   "Tên máy chủ trong yêu cầu không thuộc hệ thống này; hãy mở hệ thống bằng "
                   "địa chỉ chính thức",
                   "The host name of the request does not belong to this server; open the "
                   "system at its official address");
}

bool http_host_listen_is_loopback(const char *listen)
{
    if (!listen)
        return true; /* the default listen address is 127.0.0.1 */
    char h[256];
    bool bracketed;
    if (listen[0] == ':' || !host_part(listen, h, sizeof h, &bracketed))
        return false;
    if (strcasecmp(h, "localhost") == 0)
        return true;
    unsigned char a[16];
    if (bracketed)
        return inet_pton(AF_INET6, h, a) == 1 &&
               memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0;
    return inet_pton(AF_INET, h, a) == 1 && a[0] == 127;
}

static bool label_ok(const char *s, size_t n)
{
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

static bool name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 253)
        return false;
    for (size_t i = 0; i < n;) {
        size_t l = 0;
        while (i + l < n && s[i + l] != '.')
            l++;
        if (!label_ok(s + i, l))
            return false;
        i += l + 1;
    }
    return true;
}

bool http_host_names_valid(const char *names)
{
    if (!names)
        return true;
    for (const char *p = names; *p;) {
        p += strspn(p, ", ");
        size_t n = strcspn(p, ", ");
        if (n && !name_ok(p, n))
            return false;
        p += n;
    }
    return true;
}
