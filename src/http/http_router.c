/* router.c - route table compilation and matching (see router.h).
 *
 * Routes are few (tens) and paths short, so matching is a linear scan over
 * compiled routes with the same segment count; each segment comparison is a
 * length check and a memcmp. */
#include "http/http_router.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

enum {
    M_GET = 1u << 0,
    M_HEAD = 1u << 1,
    M_POST = 1u << 2,
    M_PUT = 1u << 3,
    M_PATCH = 1u << 4,
    M_DELETE = 1u << 5
};

static const struct {
    const char *name;
    unsigned bit;
} methods[] = {
    {"GET", M_GET}, {"HEAD", M_HEAD},   {"POST", M_POST},
    {"PUT", M_PUT}, {"PATCH", M_PATCH}, {"DELETE", M_DELETE},
};

#define N_METHODS (sizeof methods / sizeof methods[0])

typedef struct seg {
    const char *p; /* literal text (borrowed from the pattern) */
    size_t n;
    bool param;
    char name[HTTP_PARAM_NAME_MAX + 1]; /* parameter name, NUL-terminated */
} seg_t;

typedef struct croute {
    const http_route_t *route;
    unsigned method;
    size_t nseg;
    seg_t segs[HTTP_MAX_SEGMENTS];
} croute_t;

struct http_router {
    croute_t *routes;
    size_t n;
};

static unsigned method_bit(const char *m)
{
    for (size_t i = 0; i < N_METHODS; i++)
        if (strcmp(methods[i].name, m) == 0)
            return methods[i].bit;
    return 0;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int bad_pattern(err_t *e, const char *pattern, const char *why_vi, const char *why_en)
{
    err_set_pair(e, ERR_INVALID, "http.route_pattern", why_vi, why_en);
    err_prefixf(e, "Mẫu đường dẫn '%s' không hợp lệ: ", "Invalid route pattern '%s': ", pattern);
    return ERR_INVALID;
}

/* One segment of a pattern: a literal or "{name}". */
static int compile_seg(croute_t *c, const char *pat, const char *p, size_t n, err_t *e)
{
    seg_t *s = &c->segs[c->nseg];
    if (n == 0)
        return bad_pattern(e, pat, "đoạn rỗng", "empty segment");
    if (p[0] == '{') {
        if (n < 3 || p[n - 1] != '}' || n - 2 > HTTP_PARAM_NAME_MAX)
            return bad_pattern(e, pat, "tham số sai", "bad parameter");
        for (size_t i = 1; i + 1 < n; i++)
            if (!name_char(p[i]))
                return bad_pattern(e, pat, "tên tham số sai", "bad parameter name");
        s->p = p + 1;
        s->n = n - 2;
        s->param = true;
        memcpy(s->name, s->p, s->n);
        s->name[s->n] = '\0';
        for (size_t i = 0; i < c->nseg; i++)
            if (c->segs[i].param && c->segs[i].n == s->n && memcmp(c->segs[i].p, s->p, s->n) == 0)
                return bad_pattern(e, pat, "tham số trùng tên", "duplicate parameter");
    } else {
        if (memchr(p, '{', n) || memchr(p, '}', n))
            return bad_pattern(e, pat, "dấu ngoặc trong đoạn cố định", "brace in a literal");
        s->p = p;
        s->n = n;
        s->param = false;
    }
    c->nseg++;
    return 0;
}

static int compile_pattern(croute_t *c, const char *pat, err_t *e)
{
    if (!pat || pat[0] != '/')
        return bad_pattern(e, pat ? pat : "(null)", "phải bắt đầu bằng '/'", "must start with '/'");
    c->nseg = 0;
    if (pat[1] == '\0')
        return 0;
    size_t nparams = 0;
    const char *p = pat + 1;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (c->nseg == HTTP_MAX_SEGMENTS)
            return bad_pattern(e, pat, "quá nhiều đoạn", "too many segments");
        int rc = compile_seg(c, pat, p, n, e);
        if (rc)
            return rc;
        if (c->segs[c->nseg - 1].param && ++nparams > HTTP_MAX_PARAMS)
            return bad_pattern(e, pat, "quá nhiều tham số", "too many parameters");
        if (!slash)
            return 0;
        p = slash + 1;
    }
}

static bool same_shape(const croute_t *a, const croute_t *b)
{
    if (a->nseg != b->nseg)
        return false;
    for (size_t i = 0; i < a->nseg; i++) {
        if (a->segs[i].param != b->segs[i].param)
            return false;
        if (!a->segs[i].param &&
            (a->segs[i].n != b->segs[i].n || memcmp(a->segs[i].p, b->segs[i].p, a->segs[i].n)))
            return false;
    }
    return true;
}

static int compile_route(http_router_t *r, const http_route_t *rt, err_t *e)
{
    croute_t *c = &r->routes[r->n];
    c->route = rt;
    c->method = method_bit(rt->method);
    if (c->method == 0 || c->method == M_HEAD)
        return err_set(e, ERR_INVALID, "http.route_method", "Phương thức không hỗ trợ '%s'",
                       "Unsupported method '%s'", rt->method);
    if (!rt->fn)
        return err_set(e, ERR_INVALID, "http.route_handler", "Tuyến %s %s thiếu hàm xử lý",
                       "Route %s %s has no handler", rt->method, rt->pattern ? rt->pattern : "");
    int rc = compile_pattern(c, rt->pattern, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < r->n; i++)
        if (r->routes[i].method == c->method && same_shape(&r->routes[i], c))
            return err_set(e, ERR_INVALID, "http.route_duplicate", "Tuyến trùng lặp: %s %s",
                           "Duplicate route: %s %s", rt->method, rt->pattern);
    r->n++;
    return 0;
}

http_router_t *http_router_new(const http_route_t *routes, err_t *e)
{
    size_t n = 0;
    while (routes && routes[n].method)
        n++;
    http_router_t *r = mem_calloc(1, sizeof *r);
    if (!r) {
        err_nomem(e);
        return NULL;
    }
    r->routes = mem_calloc(n ? n : 1, sizeof *r->routes);
    if (!r->routes) {
        err_nomem(e);
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        if (compile_route(r, &routes[i], e))
            goto fail;
    return r;
fail:
    http_router_free(r);
    return NULL;
}

void http_router_free(http_router_t *r)
{
    if (!r)
        return;
    mem_free(r->routes);
    mem_free(r);
}

/* Splits path into segments; a single trailing slash is ignored. Returns the
 * segment count, or -1 when there are too many. */
static int split_path(char *path, char **seg, size_t *len)
{
    size_t total = strlen(path);
    if (total > 1 && path[total - 1] == '/')
        total--;
    int n = 0;
    size_t i = 1;
    while (i <= total && total > 1) {
        if (n == HTTP_MAX_SEGMENTS)
            return -1;
        size_t j = i;
        while (j < total && path[j] != '/')
            j++;
        seg[n] = path + i;
        len[n] = j - i;
        n++;
        i = j + 1;
    }
    return n;
}

static bool shape_matches(const croute_t *c, char **seg, const size_t *len)
{
    for (size_t i = 0; i < c->nseg; i++) {
        const seg_t *s = &c->segs[i];
        if (s->param ? len[i] == 0 : (s->n != len[i] || memcmp(s->p, seg[i], len[i]) != 0))
            return false;
    }
    return true;
}

/* true when a is more specific than b: a literal where b has a parameter at
 * the first segment where they differ. */
static bool more_specific(const croute_t *a, const croute_t *b)
{
    for (size_t i = 0; i < a->nseg; i++)
        if (a->segs[i].param != b->segs[i].param)
            return !a->segs[i].param;
    return false;
}

static void format_allow(unsigned bits, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    if (bits & M_GET)
        bits |= M_HEAD;
    for (size_t i = 0; i < N_METHODS; i++) {
        if (!(bits & methods[i].bit))
            continue;
        int w = snprintf(out + used, cap - used, "%s%s", used ? ", " : "", methods[i].name);
        if (w < 0 || (size_t)w >= cap - used)
            return;
        used += (size_t)w;
    }
}

int http_router_match(const http_router_t *r, const char *method, char *path, http_match_t *m)
{
    char *seg[HTTP_MAX_SEGMENTS];
    size_t len[HTTP_MAX_SEGMENTS];
    memset(m, 0, sizeof *m);
    int nseg = split_path(path, seg, len);
    if (nseg < 0)
        return HTTP_MATCH_NOT_FOUND;
    unsigned want = method_bit(method);
    if (want == M_HEAD)
        want = M_GET;
    unsigned allowed = 0;
    const croute_t *best = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const croute_t *c = &r->routes[i];
        if (c->nseg != (size_t)nseg || !shape_matches(c, seg, len))
            continue;
        allowed |= c->method;
        if (c->method == want && (!best || more_specific(c, best)))
            best = c;
    }
    if (!best) {
        if (!allowed)
            return HTTP_MATCH_NOT_FOUND;
        format_allow(allowed, m->allow, sizeof m->allow);
        return HTTP_MATCH_METHOD;
    }
    m->route = best->route;
    for (size_t i = 0; i < best->nseg; i++) {
        if (!best->segs[i].param)
            continue;
        seg[i][len[i]] = '\0';
        m->params[m->nparams].name = best->segs[i].name;
        m->params[m->nparams].value = seg[i];
        m->nparams++;
    }
    return HTTP_MATCH_OK;
}

int http_router_path_check(const char *path, err_t *e)
{
    size_t n = path ? strlen(path) : 0;
    if (n == 0 || path[0] != '/' || !text_valid(path, n))
        goto bad;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
            goto bad;
    for (size_t i = 1; i <= n; i++) {
        size_t j = i;
        while (j < n && path[j] != '/')
            j++;
        size_t len = j - i;
        if (len == 0 && j < n)
            goto bad; /* "//" */
        if ((len == 1 && path[i] == '.') || (len == 2 && path[i] == '.' && path[i + 1] == '.'))
            goto bad;
        i = j;
    }
    return 0;
bad:
    return err_set(e, ERR_INVALID, "http.bad_path", "Đường dẫn không hợp lệ",
                   "Invalid request path");
}

bool http_router_path_is_api(const char *path)
{
    return strncmp(path, "/api", 4) == 0 && (path[4] == '\0' || path[4] == '/');
}
