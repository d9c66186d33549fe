/* offdoc_text.c - the text rules of the official-document model
 * (offdoc.h, "Text rules"): validation, NFC, upper-casing, trimming, and
 * the clean-up of list items. */
#include "domain/offdoc.h"
#include "domain/offdoc_int.h"

#include "base/mem.h"
#include "base/text.h"

#include <string.h>

#include "base/banned.h"

/* The first forbidden code point's description, or NULL. s is valid UTF-8. */
static const char *forbidden(const char *s, bool single_line)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p == '\n' && single_line)
            return "xuống dòng / line break";
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return "ký tự điều khiển / control character";
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return "ký tự điều khiển C1 / C1 control character";
        if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
            return "U+2028/U+2029";
        if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
            return "U+FFFE/U+FFFF";
    }
    return NULL;
}

int offdoc_text_error(err_t *e, const char *what, const char *why)
{
    return err_set(e, ERR_INVALID, "offdoc.text", "Văn bản không hợp lệ ở %s: %s",
                   "Invalid text in %s: %s", what, why);
}

static char *trim_copy(const char *s, int *rc)
{
    size_t n = strlen(s), a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\n'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        n--;
    char *t = mem_strndup(s + a, n - a);
    *rc = t ? 0 : ERR_NOMEM;
    return t;
}

/* Validates s and stores a normalised copy in *out (NULL for an absent
 * optional field when OFFDOC_T_NULLABLE). what names the field in messages. */
int offdoc_text_take(offdoc_t *d, const char *s, unsigned opts, size_t max, const char *what,
                     char **out, err_t *e)
{
    *out = NULL;
    if (!s || (!s[0] && (opts & OFFDOC_T_NULLABLE) && !(opts & OFFDOC_T_REQUIRED)))
        return (opts & OFFDOC_T_REQUIRED) ? offdoc_text_error(e, what, "trống / empty") : 0;
    size_t n = strlen(s);
    if (n > max)
        return err_set(e, ERR_TOOLARGE, "offdoc.too_large", "%s quá dài (%zu byte, tối đa %zu)",
                       "%s is too long (%zu bytes, at most %zu)", what, n, max);
    if (d->total + n > OFFDOC_TOTAL_MAX)
        return err_set(e, ERR_TOOLARGE, "offdoc.too_large", "Văn bản vượt quá %zu MiB",
                       "The document exceeds %zu MiB", OFFDOC_TOTAL_MAX >> 20);
    if (!text_valid(s, n))
        return offdoc_text_error(e, what, "không phải UTF-8 / not UTF-8");
    int rc = 0;
    char *t = (opts & OFFDOC_T_UPPER) ? text_upper(s, n, &rc) : text_nfc(s, n, &rc);
    const char *bad = t ? forbidden(t, opts & OFFDOC_T_LINE) : NULL;
    if (t && (opts & OFFDOC_T_TRIM)) {
        char *u = trim_copy(t, &rc);
        mem_free(t);
        t = u;
    }
    if (!t)
        return rc == ERR_NOMEM ? err_nomem(e) : offdoc_text_error(e, what, "UTF-8");
    if (bad || ((opts & OFFDOC_T_REQUIRED) && !t[0])) {
        mem_free(t);
        return offdoc_text_error(e, what, bad ? bad : "trống / empty");
    }
    d->total += strlen(t);
    *out = t;
    return 0;
}

/* Removes a trailing ';' or '.' and a leading "- " (list items). */
void offdoc_text_strip_list(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ';' || s[n - 1] == '.' || s[n - 1] == ' '))
        s[--n] = '\0';
    size_t a = 0;
    while (s[a] == '-' || s[a] == ' ' || s[a] == '+')
        a++;
    memmove(s, s + a, n - a + 1);
}
