#include "buf.h"

#include "err.h"
#include "mem.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

void buf_init(buf_t *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void buf_release(buf_t *b)
{
    mem_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reset(buf_t *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int buf_reserve(buf_t *b, size_t extra)
{
    size_t max = b->max; /* 0 (a buffer never initialised with a maximum) takes nothing */
    if (extra > max || b->len > max - extra)
        return ERR_TOOLARGE;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    char *p = mem_realloc(b->data, cap);
    if (!p)
        return ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0';
    return 0;
}

int buf_append(buf_t *b, const void *p, size_t n)
{
    int rc = buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(buf_t *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(buf_t *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    int rc;
    if (n < 0) {
        rc = ERR_INVALID;
    } else if ((size_t)n < sizeof small) {
        rc = buf_append(b, small, (size_t)n);
    } else {
        rc = buf_reserve(b, (size_t)n);
        if (!rc) {
            vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
            b->len += (size_t)n;
        }
    }
    va_end(ap2);
    return rc;
}

int buf_put_json_str(buf_t *b, const char *s, size_t n)
{
    int rc = buf_putc(b, '"');
    size_t start = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = buf_append(b, s + start, i - start);
        if (rc)
            break;
        switch (c) {
        case '"':
            rc = buf_puts(b, "\\\"");
            break;
        case '\\':
            rc = buf_puts(b, "\\\\");
            break;
        case '\n':
            rc = buf_puts(b, "\\n");
            break;
        case '\r':
            rc = buf_puts(b, "\\r");
            break;
        case '\t':
            rc = buf_puts(b, "\\t");
            break;
        default:
            rc = buf_printf(b, "\\u%04x", c);
            break;
        }
        start = i + 1;
    }
    if (!rc)
        rc = buf_append(b, s + start, n - start);
    if (!rc)
        rc = buf_putc(b, '"');
    return rc;
}

char *buf_detach(buf_t *b)
{
    if (!b->data && buf_reserve(b, 0))
        return NULL;
    if (!b->data)
        return NULL;
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *buf_cstr(const buf_t *b)
{
    return b->data ? b->data : "";
}

int buf_put_csv_field(buf_t *b, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote)
        return buf_append(b, s, n);
    size_t start = b->len;
    int rc = buf_putc(b, '"');
    for (size_t i = 0; !rc && i < n; i++)
        rc = s[i] == '"' ? buf_append(b, "\"\"", 2) : buf_putc(b, s[i]);
    if (!rc)
        rc = buf_putc(b, '"');
    if (rc) { /* the content is unchanged after a failed append */
        b->len = start;
        if (b->data)
            b->data[start] = '\0';
    }
    return rc;
}
