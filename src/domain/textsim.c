/* textsim.c - similarity of task titles (textsim.h). */
#include "domain/textsim.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct textsim_doc {
    uint64_t *w, *b; /* sorted, unique hashes of words and of bigrams */
    size_t nw, nb;
};

/* Function words, lower case with their accents (NFC): matched before
 * folding, so that "tại" is dropped and "tài" (tài chính) kept. */
static const char *const stop_words[] = {
    "của", "và",  "các",  "những", "một",  "là",   "để",    "trong", "trên",  "theo",
    "về",  "với", "cho",  "tại",   "từ",   "đến",  "năm",   "này",   "đó",    "được",
    "có",  "như", "khi",  "việc",  "hoặc", "nhằm", "đã",    "sẽ",    "cũng",  "bằng",
    "mọi", "nơi", "tỉnh", "huyện", "xã",   "sau",  "trước", "ngày",  "tháng",
};

/* The same words as written without accents (matched only against words
 * that carry none, i.e. a text typed without diacritics). */
static const char *const stop_ascii[] = {
    "cua", "va",  "cac",  "nhung", "mot",  "la",   "de",    "trong", "tren",  "theo",
    "ve",  "voi", "cho",  "tai",   "tu",   "den",  "nam",   "nay",   "do",    "duoc",
    "co",  "nhu", "khi",  "viec",  "hoac", "nham", "da",    "se",    "cung",  "bang",
    "moi", "noi", "tinh", "huyen", "xa",   "sau",  "truoc", "ngay",  "thang",
};

/* Phrases written out or abbreviated alike (folded words -> abbreviation);
 * the longer phrase of a family first. */
static const char *const abbrev[][2] = {
    {"van ban quy pham phap luat", "vbqppl"},
    {"can bo cong chuc vien chuc", "cbccvc"},
    {"cai cach hanh chinh", "cchc"},
    {"thu tuc hanh chinh", "tthc"},
    {"uy ban nhan dan", "ubnd"},
    {"hoi dong nhan dan", "hdnd"},
    {"cong nghe thong tin", "cntt"},
    {"thong tin va truyen thong", "tttt"},
    {"quy pham phap luat", "qppl"},
    {"cong chuc vien chuc", "ccvc"},
    {"don vi su nghiep cong lap", "dvsncl"},
    {"dich vu cong truc tuyen", "dvctt"},
    {"ban chi dao", "bcd"},
    {"chi so cai cach hanh chinh", "parindex"},
    {"par index", "parindex"},
};

/* Folded phrases every task title shares: dropped. */
static const char *const stop_phrases[] = {
    "trien khai",        "thuc hien", "ke hoach", "co quan",  "don vi",   "dia ban",
    "dia phuong",        "cong tac",  "dam bao",  "bao dam",  "tiep tuc", "tang cuong",
    "day manh",          "nang cao",  "hieu qua", "kip thoi", "day du",   "quy dinh",
    "to chuc thuc hien", "doi voi",   "ban hanh", "xay dung",
};

#define MAX_TOK TEXTSIM_MAX_WORDS

typedef struct toks {
    char *key[MAX_TOK]; /* folded word, or an abbreviation; NULL once dropped */
    bool stop[MAX_TOK];
    size_t n;
} toks_t;

static void toks_release(toks_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        mem_free(t->key[i]);
}

/* Letters of Vietnamese words: ASCII letters and digits, Latin-1 letters,
 * Latin Extended-A/B, combining marks and Latin Extended Additional. */
static bool letter(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c >= 0xC0 && c <= 0x24F)
        return c != 0xD7 && c != 0xF7;
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

/* Decodes the code point at s (valid UTF-8); *len gets its byte length. */
static uint32_t decode(const unsigned char *s, size_t *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0) {
        *len = 2;
        return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    }
    if ((s[0] & 0xF0) == 0xE0) {
        *len = 3;
        return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    }
    *len = 4;
    return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
           (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static bool in_list(const char *const *list, size_t count, const char *w, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

/* w: one lower-case word. Numbers are function words too ("2024", "01"). */
static bool is_stop_word(const char *w, size_t n)
{
    bool digits = true, ascii = true;
    for (size_t i = 0; i < n; i++) {
        digits &= w[i] >= '0' && w[i] <= '9';
        ascii &= (unsigned char)w[i] < 0x80;
    }
    if (digits || in_list(stop_words, sizeof stop_words / sizeof *stop_words, w, n))
        return true;
    return ascii && in_list(stop_ascii, sizeof stop_ascii / sizeof *stop_ascii, w, n);
}

static int add_word(toks_t *t, const char *w, size_t n, err_t *e)
{
    if (t->n == MAX_TOK)
        return 0;
    int rc = 0;
    char *k = text_key(w, n, &rc);
    if (!k)
        return rc == ERR_INVALID
                   ? err_set(e, ERR_INVALID, "textsim.utf8", "Văn bản không phải UTF-8 hợp lệ",
                             "Text is not valid UTF-8")
                   : err_nomem(e);
    if (!*k) {
        mem_free(k);
        return 0;
    }
    t->stop[t->n] = is_stop_word(w, n);
    t->key[t->n++] = k;
    return 0;
}

static int tokenise(const char *text, toks_t *t, err_t *e)
{
    int rc = 0;
    char *low = text_lower(text, strlen(text), &rc);
    if (!low)
        return rc == ERR_INVALID
                   ? err_set(e, ERR_INVALID, "textsim.utf8", "Văn bản không phải UTF-8 hợp lệ",
                             "Text is not valid UTF-8")
                   : err_nomem(e);
    const unsigned char *p = (const unsigned char *)low;
    const unsigned char *start = NULL;
    while (!rc) {
        size_t len = 1;
        uint32_t c = *p ? decode(p, &len) : 0;
        bool in = *p && letter(c);
        if (in && !start)
            start = p;
        if (!in && start) {
            rc = add_word(t, (const char *)start, (size_t)(p - start), e);
            start = NULL;
        }
        if (!*p)
            break;
        p += len;
    }
    mem_free(low);
    return rc;
}

/* Whether the words of phrase (space-separated) follow from index i on
 * (no word dropped by an abbreviation in between); *end gets the index
 * after. */
static bool phrase_at(const toks_t *t, size_t i, const char *phrase, size_t *end)
{
    const char *p = phrase;
    while (*p) {
        if (i >= t->n || !t->key[i])
            return false;
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (strlen(t->key[i]) != n || memcmp(t->key[i], p, n) != 0)
            return false;
        i++;
        p += n;
        if (*p == ' ')
            p++;
    }
    *end = i;
    return true;
}

/* Replaces the words of every abbreviated phrase by the abbreviation (in
 * the first word's place; the others dropped). */
static int abbreviate(toks_t *t, err_t *e)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t a = 0; a < sizeof abbrev / sizeof *abbrev; a++) {
            size_t end;
            if (!phrase_at(t, i, abbrev[a][0], &end))
                continue;
            char *k = mem_strdup(abbrev[a][1]);
            if (!k)
                return err_nomem(e);
            for (size_t j = i; j < end; j++) {
                mem_free(t->key[j]);
                t->key[j] = NULL;
            }
            t->key[i] = k;
            t->stop[i] = false;
            break;
        }
    }
    return 0;
}

/* Marks stop phrases and stop words as dropped. */
static void drop_stops(toks_t *t)
{
    for (size_t i = 0; i < t->n; i++) {
        if (!t->key[i])
            continue;
        for (size_t s = 0; s < sizeof stop_phrases / sizeof *stop_phrases; s++) {
            size_t end;
            if (phrase_at(t, i, stop_phrases[s], &end)) {
                for (size_t j = i; j < end; j++)
                    t->stop[j] = true;
                break;
            }
        }
    }
}

/* FNV-1a of a string. */
static uint64_t fnv(const char *s, uint64_t h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t sort_unique(uint64_t *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t m = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[m - 1])
            v[m++] = v[i];
    return m;
}

int textsim_doc_new(const char *text, textsim_doc_t **out, err_t *e)
{
    *out = NULL;
    toks_t *t = mem_calloc(1, sizeof *t);
    if (!t)
        return err_nomem(e);
    int rc = tokenise(text ? text : "", t, e);
    if (!rc)
        rc = abbreviate(t, e);
    drop_stops(t);
    textsim_doc_t *d = NULL;
    if (!rc) {
        size_t n = t->n ? t->n : 1;
        d = mem_alloc(sizeof *d + 2 * n * sizeof(uint64_t));
        if (!d)
            rc = err_nomem(e);
    }
    if (!rc) {
        d->w = (uint64_t *)(d + 1);
        d->b = d->w + (t->n ? t->n : 1);
        d->nw = d->nb = 0;
        uint64_t prev = 0;
        for (size_t i = 0; i < t->n; i++) {
            if (!t->key[i] || t->stop[i])
                continue;
            uint64_t h = fnv(t->key[i], 1469598103934665603ULL);
            if (d->nw)
                d->b[d->nb++] = (prev * 0x9E3779B97F4A7C15ULL) ^ h;
            d->w[d->nw++] = h;
            prev = h;
        }
        d->nw = sort_unique(d->w, d->nw);
        d->nb = sort_unique(d->b, d->nb);
    }
    toks_release(t);
    mem_free(t);
    *out = d;
    return rc;
}

void textsim_doc_free(textsim_doc_t *d)
{
    mem_free(d);
}

size_t textsim_doc_words(const textsim_doc_t *d)
{
    return d ? d->nw : 0;
}

static size_t common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            n++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

/* Mean of Dice and of the share of `want` (na) found in `have` (nb). */
static double blend(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na == 0 || nb == 0)
        return 0;
    double c = (double)common(a, na, b, nb);
    return (2.0 * c / (double)(na + nb) + c / (double)na) / 2.0;
}

double textsim_doc_score(const textsim_doc_t *want, const textsim_doc_t *have)
{
    if (!want || !have || want->nw == 0)
        return 0;
    double w = blend(want->w, want->nw, have->w, have->nw);
    if (want->nb == 0)
        return w;
    return (w + blend(want->b, want->nb, have->b, have->nb)) / 2.0;
}

double textsim_score(const char *want, const char *have)
{
    if (!want || !have)
        return 0;
    err_t e;
    textsim_doc_t *x = NULL, *y = NULL;
    int rc = textsim_doc_new(want, &x, &e);
    if (!rc)
        rc = textsim_doc_new(have, &y, &e);
    double s = rc ? -1 : textsim_doc_score(x, y);
    textsim_doc_free(x);
    textsim_doc_free(y);
    return s;
}
