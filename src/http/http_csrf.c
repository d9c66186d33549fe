/* csrf.c - cross-site request forgery guard (see csrf.h). */
#include "http/http_csrf.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

bool http_csrf_unsafe(const char *method)
{
    if (!method)
        return true;
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

static int refuse(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "http.cross_site",
                   "Yêu cầu bị từ chối vì được gửi từ một trang web khác",
                   "Request refused: it was sent from another web site");
}

/* The host[:port] part of an origin "scheme://host[:port]", as a span. */
static bool origin_authority(const char *origin, const char **start, size_t *len)
{
    const char *p = strstr(origin, "://");
    if (!p)
        return false;
    p += 3;
    size_t n = strcspn(p, "/?#");
    if (n == 0)
        return false;
    *start = p;
    *len = n;
    return true;
}

/* Whether origin equals one of the comma-separated entries of list. */
static bool listed(const char *origin, const char *list)
{
    size_t olen = strlen(origin);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        size_t m = n;
        while (m > 0 && p[m - 1] == ' ')
            m--;
        if (m > 0 && m == olen && strncasecmp(p, origin, m) == 0)
            return true;
        p += n;
    }
    return false;
}

int http_csrf_check(const char *method, const char *host, const char *origin,
                    const char *fetch_site, const char *allowed, err_t *e)
{
    if (!http_csrf_unsafe(method))
        return 0;
    if (fetch_site && strcasecmp(fetch_site, "same-origin") != 0 &&
        strcasecmp(fetch_site, "none") != 0)
        return refuse(e);
    if (!origin)
        return 0;
    if (allowed && listed(origin, allowed))
        return 0;
    const char *auth;
    size_t len;
    if (!host || !origin_authority(origin, &auth, &len))
        return refuse(e); /* includes "null" */
    if (strlen(host) != len || strncasecmp(host, auth, len) != 0)
        return refuse(e);
    return 0;
}
