/* http_proxy.c - client addresses behind trusted proxies (http_proxy.h). */
#include "http/http_proxy.h"

#include "base/mem.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct net {
    unsigned char addr[16]; /* IPv6, IPv4 as ::ffff:a.b.c.d */
    unsigned bits;          /* prefix length over the 128 bits */
};

struct http_proxy {
    struct net nets[HTTP_PROXY_MAX];
    size_t n;
};

/* addr as 16 bytes (IPv4 mapped); false when not an IP address. */
static bool to16(const char *s, unsigned char out[16], bool *v4)
{
    struct in_addr a4;
    if (inet_pton(AF_INET, s, &a4) == 1) {
        memset(out, 0, 10);
        out[10] = out[11] = 0xff;
        memcpy(out + 12, &a4, 4);
        *v4 = true;
        return true;
    }
    *v4 = false;
    return inet_pton(AF_INET6, s, out) == 1;
}

static bool in_net(const struct net *n, const unsigned char a[16])
{
    unsigned full = n->bits / 8, rest = n->bits % 8;
    if (memcmp(n->addr, a, full) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xffu << (8 - rest));
    return (n->addr[full] & mask) == (a[full] & mask);
}

static int bad_entry(err_t *e, const char *entry)
{
    return err_set(e, ERR_INVALID, "http.trusted_proxy",
                   "Proxy tin cậy không hợp lệ '%s' (địa chỉ IP hoặc mạng, vd. 10.0.0.5 hoặc "
                   "10.1.0.0/16)",
                   "Invalid trusted proxy '%s' (an IP address or network, e.g. 10.0.0.5 or "
                   "10.1.0.0/16)",
                   entry);
}

static int parse_entry(const char *entry, struct net *out, err_t *e)
{
    char buf[80];
    size_t len = strlen(entry);
    if (len >= 64)
        return bad_entry(e, entry);
    memcpy(buf, entry, len + 1);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    bool v4;
    if (!to16(buf, out->addr, &v4))
        return bad_entry(e, entry);
    unsigned max = v4 ? 32 : 128;
    unsigned long bits = max;
    if (slash) {
        char *end = NULL;
        bits = strtoul(slash + 1, &end, 10);
        if (!slash[1] || *end || bits > max)
            return bad_entry(e, entry);
    }
    out->bits = (unsigned)bits + (v4 ? 96 : 0);
    return 0;
}

http_proxy_t *http_proxy_new(const char *list, err_t *e)
{
    http_proxy_t *p = mem_calloc(1, sizeof *p);
    if (!p) {
        err_nomem(e);
        return NULL;
    }
    for (const char *s = list ? list : ""; *s;) {
        size_t skip = strspn(s, ", \t");
        s += skip;
        size_t n = strcspn(s, ", \t");
        if (n == 0)
            break;
        char entry[80];
        snprintf(entry, sizeof entry, "%.*s", (int)(n < 79 ? n : 79), s);
        if (p->n >= HTTP_PROXY_MAX || n >= 79 || parse_entry(entry, &p->nets[p->n], e)) {
            if (p->n >= HTTP_PROXY_MAX || n >= 79)
                bad_entry(e, entry);
            mem_free(p);
            return NULL;
        }
        p->n++;
        s += n;
    }
    return p;
}

void http_proxy_free(http_proxy_t *p)
{
    mem_free(p);
}

bool http_proxy_empty(const http_proxy_t *p)
{
    return !p || p->n == 0;
}

bool http_proxy_trusts(const http_proxy_t *p, const char *addr)
{
    unsigned char a[16];
    bool v4;
    if (!p || !addr || !to16(addr, a, &v4))
        return false;
    for (size_t i = 0; i < p->n; i++)
        if (in_net(&p->nets[i], a))
            return true;
    return false;
}

/* The last entry of xff[0..len) trimmed, as a string in out. */
static void entry_copy(const char *s, size_t n, char *out, size_t cap)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), s);
}

void http_proxy_client(const http_proxy_t *p, const char *peer, const char *xff, char *out,
                       size_t cap)
{
    snprintf(out, cap, "%s", peer ? peer : "?");
    if (!xff || !peer || !http_proxy_trusts(p, peer))
        return;
    size_t end = strlen(xff);
    while (end > 0) {
        size_t start = end;
        while (start > 0 && xff[start - 1] != ',')
            start--;
        char entry[HTTP_ADDR_MAX + 16];
        entry_copy(xff + start, end - start, entry, sizeof entry);
        unsigned char a[16];
        bool v4;
        if (!to16(entry, a, &v4))
            return; /* the hop that wrote it stays the client */
        snprintf(out, cap, "%s", entry);
        if (!http_proxy_trusts(p, entry))
            return;
        end = start > 0 ? start - 1 : 0;
    }
}
