#include "text.h"

#include "buf.h"
#include "err.h"
#include "mem.h"

#include <string.h>
#include <utf8proc.h>

#include "banned.h"

bool text_valid(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t i = 0, len = (utf8proc_ssize_t)n;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
        if (k <= 0 || cp < 0)
            return false;
        i += k;
    }
    return true;
}

static void set_rc(int *rc, int v)
{
    if (rc)
        *rc = v;
}

/* utf8proc allocates with malloc; copy into a mem_ allocation so that every
 * string returned by cchc is freed the same way. */
static char *adopt(utf8proc_uint8_t *p, utf8proc_ssize_t len, int *rc)
{
    if (len < 0) {
        set_rc(rc, len == UTF8PROC_ERROR_NOMEM ? ERR_NOMEM : ERR_INVALID);
        return NULL;
    }
    char *out = mem_strndup((const char *)p, (size_t)len);
    free(p);
    set_rc(rc, out ? 0 : ERR_NOMEM);
    return out;
}

static char *map(const char *s, size_t n, int options, int *rc)
{
    utf8proc_uint8_t *dst = NULL;
    if (!text_valid(s, n)) {
        set_rc(rc, ERR_INVALID);
        return NULL;
    }
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                                        (utf8proc_option_t)options);
    return adopt(dst, len, rc);
}

char *text_nfc(const char *s, size_t n, int *rc)
{
    return map(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, rc);
}

char *text_lower(const char *s, size_t n, int *rc)
{
    return map(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, rc);
}

char *text_upper(const char *s, size_t n, int *rc)
{
    char *nfc = text_nfc(s, n, rc);
    if (!nfc)
        return NULL;
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)nfc;
    utf8proc_ssize_t i = 0, len = (utf8proc_ssize_t)strlen(nfc);
    int r = 0;
    while (i < len && !r) {
        utf8proc_int32_t cp;
        i += utf8proc_iterate(p + i, len - i, &cp);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), enc);
        r = buf_append(&b, enc, (size_t)k);
    }
    mem_free(nfc);
    if (!r && !b.data)
        r = buf_reserve(&b, 0);
    if (r) {
        buf_release(&b);
        set_rc(rc, r);
        return NULL;
    }
    set_rc(rc, 0);
    return buf_detach(&b);
}

static bool is_word_cp(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

char *text_key(const char *s, size_t n, int *rc)
{
    /* Decompose, fold case and drop marks; then map đ and collapse. */
    char *folded = map(s, n,
                       UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                           UTF8PROC_STRIPMARK | UTF8PROC_COMPAT,
                       rc);
    if (!folded)
        return NULL;
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)folded;
    utf8proc_ssize_t i = 0, len = (utf8proc_ssize_t)strlen(folded);
    int r = buf_reserve(&b, (size_t)len);
    bool pending_space = false;
    while (i < len && !r) {
        utf8proc_int32_t cp;
        i += utf8proc_iterate(p + i, len - i, &cp);
        if (cp == 0x0111 || cp == 0x0110)
            cp = 'd';
        if (!is_word_cp(cp)) {
            pending_space = b.len > 0;
            continue;
        }
        if (pending_space) {
            r = buf_putc(&b, ' ');
            pending_space = false;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
        if (!r)
            r = buf_append(&b, enc, (size_t)k);
    }
    mem_free(folded);
    if (r) {
        buf_release(&b);
        set_rc(rc, r);
        return NULL;
    }
    set_rc(rc, 0);
    return buf_detach(&b);
}

bool text_key_eq(const char *a, const char *b)
{
    char *ka = text_key(a, strlen(a), NULL);
    char *kb = text_key(b, strlen(b), NULL);
    bool eq = ka && kb && strcmp(ka, kb) == 0;
    mem_free(ka);
    mem_free(kb);
    return eq;
}

size_t text_length(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t i = 0, len = (utf8proc_ssize_t)n;
    size_t count = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
        if (k <= 0)
            return 0;
        i += k;
        count++;
    }
    return count;
}

char *text_truncate(const char *s, size_t max_bytes)
{
    size_t n = strlen(s);
    if (n <= max_bytes)
        return mem_strdup(s);
    size_t cut = max_bytes;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return mem_strndup(s, cut);
}
