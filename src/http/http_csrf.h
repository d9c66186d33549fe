/* csrf.h - cross-site request forgery guard for state-changing requests.
 *
 * Layers of defence (docs/internals/http.md, "Cross-site requests"):
 *   1. the session cookie is SameSite=Strict and HttpOnly (response.c);
 *   2. every unsafe request (any method but GET, HEAD, OPTIONS), public or
 *      not, including login, is checked here before authentication:
 *      - Sec-Fetch-Site, when sent (all current browsers), must be
 *        "same-origin" or "none" (typed by the user / not from a page);
 *      - Origin, when sent, must not be "null" and its host[:port] must equal
 *        the Host header (case-insensitive), or equal one of the extra
 *        origins allowed by configuration (a reverse proxy's public origin,
 *        e.g. "https://cchc.example.gov.vn"; compared whole, scheme
 *        included).
 *   Requests carrying neither header (command-line clients, scripts) pass:
 *   they cannot be forged by a web page, since browsers send at least one of
 *   them on every cross-site POST.
 * Pure over the header values given; no allocation. */
#ifndef CCHC_HTTP_CSRF_H
#define CCHC_HTTP_CSRF_H

#include "base/err.h"

#include <stdbool.h>

/* Whether method is one that changes state (not GET, HEAD, OPTIONS). */
bool http_csrf_unsafe(const char *method);

/* Checks one request's headers (each may be NULL when absent). allowed is a
 * comma-separated list of extra allowed origins, or NULL. Returns 0, or
 * ERR_FORBIDDEN "http.cross_site" with e filled. */
int http_csrf_check(const char *method, const char *host, const char *origin,
                    const char *fetch_site, const char *allowed, err_t *e);

#endif
