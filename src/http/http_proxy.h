/* http_proxy.h - the client address of a request, honouring X-Forwarded-For
 * only from configured reverse proxies.
 *
 * Without trusted proxies the client is the socket peer, whatever headers
 * say. With them (`cchc serve --trusted-proxy 10.0.0.5 --trusted-proxy
 * 10.1.0.0/16`), a request whose peer is trusted takes its client from
 * X-Forwarded-For read right to left: the first address that is not itself
 * a trusted proxy is the client (entries further left were written by the
 * client and prove nothing). When every entry is trusted, the leftmost is
 * the client; when an entry is not an IP address, the hop that added it (the
 * entry to its right, or the peer) is taken, so a forged header can never
 * choose an arbitrary address. Several X-Forwarded-For headers count as one
 * list in order (MHD keeps the last one only; proxies append to one header).
 *
 * The address found is what rate limits, the login throttle and the logs
 * use (http_req_t.client_addr). Pure; no allocation after http_proxy_new. */
#ifndef CCHC_HTTP_PROXY_H
#define CCHC_HTTP_PROXY_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

#define HTTP_PROXY_MAX 32 /* entries of a trusted-proxy list */
#define HTTP_ADDR_MAX  46 /* INET6_ADDRSTRLEN */

typedef struct http_proxy http_proxy_t;

/* A trusted-proxy list: addresses or networks "a.b.c.d", "a.b.c.d/n",
 * "x::y", "x::y/n", separated by commas or spaces. NULL or "" gives an empty
 * list (nothing trusted). Returns NULL with e filled: ERR_INVALID
 * "http.trusted_proxy" (bad entry, more than HTTP_PROXY_MAX), ERR_NOMEM. */
http_proxy_t *http_proxy_new(const char *list, err_t *e);
void http_proxy_free(http_proxy_t *p); /* NULL is a no-op */

/* Whether the list is empty. */
bool http_proxy_empty(const http_proxy_t *p);
/* Whether the numeric address addr (IPv4, IPv6, or IPv4-mapped IPv6) is a
 * trusted proxy. */
bool http_proxy_trusts(const http_proxy_t *p, const char *addr);

/* The client address of a request from peer carrying xff (the
 * X-Forwarded-For value, may be NULL), into out (cap >= HTTP_ADDR_MAX). */
void http_proxy_client(const http_proxy_t *p, const char *peer, const char *xff, char *out,
                       size_t cap);

#endif
