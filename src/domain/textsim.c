/* textsim.c - similarity of task titles (textsim.h). */
#include "domain/textsim.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/banned.h"

#define MAX_WORDS 96

/* Folded function words of task titles (text_key form: no accents, đ = d). */
static const char *const stop[] = {
    "cua",   "va",   "cac",  "nhung", "mot",  "la",  "de",  "trong", "tren", "theo", "ve",
    "voi",   "cho",  "tai",  "tu",    "den",  "nam", "nay", "do",    "duoc", "thuc", "hien",
    "trien", "khai", "cong", "tac",   "nham", "cao", "dam", "bao",   "co",   "nhu",  "khi",
    "viec",  "hoac", "tinh", "huyen", "xa",   "don", "vi",  "co",    "quan", "ke",   "hoach",
};

static bool is_stop(const char *w, size_t n)
{
    if (n == 0)
        return true;
    bool digits = true;
    for (size_t i = 0; i < n; i++)
        digits &= w[i] >= '0' && w[i] <= '9';
    if (digits)
        return true;
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (strlen(stop[i]) == n && memcmp(stop[i], w, n) == 0)
            return true;
    return false;
}

/* FNV-1a of a byte range (words and bigrams are compared by hash). */
static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Phrases written out or abbreviated alike (folded form -> abbreviation). */
static const char *const abbrev[][2] = {
    {"cai cach hanh chinh", "cchc"}, {"thu tuc hanh chinh", "tthc"},
    {"uy ban nhan dan", "ubnd"},     {"hoi dong nhan dan", "hdnd"},
    {"cong nghe thong tin", "cntt"}, {"van ban quy pham phap luat", "vbqppl"},
    {"quy pham phap luat", "qppl"},  {"can bo cong chuc vien chuc", "cbccvc"},
    {"cong chuc vien chuc", "ccvc"}, {"dich vu cong", "dvc"},
};

/* Replaces each phrase by its abbreviation, in place (never longer). */
static void abbreviate(char *k)
{
    for (size_t i = 0; i < sizeof abbrev / sizeof *abbrev; i++) {
        size_t lp = strlen(abbrev[i][0]), la = strlen(abbrev[i][1]);
        char *hit;
        while ((hit = strstr(k, abbrev[i][0])) != NULL) {
            memcpy(hit, abbrev[i][1], la);
            memmove(hit + la, hit + lp, strlen(hit + lp) + 1);
        }
    }
}

typedef struct bag {
    uint64_t w[MAX_WORDS], b[MAX_WORDS];
    size_t nw, nb;
} bag_t;

static void add_unique(uint64_t *v, size_t *n, uint64_t h)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == h)
            return;
    if (*n < MAX_WORDS)
        v[(*n)++] = h;
}

static int bag_of(const char *text, bag_t *b)
{
    int rc = 0;
    char *k = text_key(text, strlen(text), &rc);
    if (!k)
        return -1;
    abbreviate(k);
    memset(b, 0, sizeof *b);
    uint64_t prev = 0;
    bool have_prev = false;
    for (char *p = k; *p;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            p++;
        char *s = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            p++;
        size_t n = (size_t)(p - s);
        if (is_stop(s, n))
            continue;
        uint64_t h = fnv(s, n, 1469598103934665603ULL);
        add_unique(b->w, &b->nw, h);
        if (have_prev)
            add_unique(b->b, &b->nb, h * 31 + prev);
        prev = h;
        have_prev = true;
    }
    mem_free(k);
    return 0;
}

static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na + nb == 0)
        return 0;
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (a[i] == b[j]) {
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na + nb);
}

double textsim_score(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    bag_t *x = mem_alloc(sizeof *x), *y = mem_alloc(sizeof *y);
    double s = -1;
    if (x && y && bag_of(a, x) == 0 && bag_of(b, y) == 0) {
        double w = dice(x->w, x->nw, y->w, y->nw);
        s = x->nb + y->nb ? (w + dice(x->b, x->nb, y->b, y->nb)) / 2 : w;
    }
    mem_free(x);
    mem_free(y);
    return s;
}
