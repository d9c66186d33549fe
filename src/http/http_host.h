/* http_host.h - the Host header check (DNS rebinding) and the default of
 * Secure cookies.
 *
 * DNS rebinding: a page from attacker.example makes its name resolve to the
 * server's address; the browser then talks to cchc while believing it talks
 * to attacker.example, and sends "Host: attacker.example". Refusing Host
 * values that are not this server's names stops it. Accepted:
 *   - a name of the configured list (`cchc serve --server-name
 *     cchc.tinh.gov.vn`, repeatable), compared case-insensitively, with or
 *     without a port;
 *   - "localhost" and IP literals ("127.0.0.1:8080", "[::1]:8080",
 *     "10.0.0.5"): a rebinding attack needs a name, and a page served from an
 *     IP literal is this server itself;
 *   - no Host at all (HTTP/1.0 clients, never a browser).
 * Anything else gets 421 Misdirected Request "http.bad_host". Behind a
 * reverse proxy, list the public name (the proxy forwards the browser's
 * Host, e.g. nginx `proxy_set_header Host $host`).
 *
 * Secure cookies: the session cookie carries "Secure" by default whenever
 * the server does not listen on a loopback address (127.0.0.0/8, ::1,
 * localhost), i.e. when it is reachable from elsewhere and must be behind
 * HTTPS; `--insecure-cookies` turns that off for a plain-HTTP test network,
 * `--secure-cookies` forces it on. Pure functions. */
#ifndef CCHC_HTTP_HOST_H
#define CCHC_HTTP_HOST_H

#include "base/err.h"

#include <stdbool.h>

/* Checks a Host header value (may be NULL) against names (comma-separated,
 * may be NULL). Returns 0, or ERR_INVALID "http.bad_host" with e filled
 * (the caller answers 421). */
int http_host_check(const char *host, const char *names, err_t *e);

/* Whether a listen address "host:port" / "[v6]:port" binds loopback only. */
bool http_host_listen_is_loopback(const char *listen);

/* Whether names (comma-separated) is a valid list of DNS names: labels of
 * [A-Za-z0-9-], 1..63 bytes, at most 253 in all, no port. */
bool http_host_names_valid(const char *names);

#endif
