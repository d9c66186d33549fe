/* buf.h - growable byte buffer with a hard maximum size.
 *
 * The buffer owns data; data is always NUL-terminated when non-NULL.
 * Every buffer states its maximum (buf_init(&b, max) or BUF_INIT(max); max
 * > 0): appends return 0, ERR_NOMEM, or ERR_TOOLARGE when the result would
 * exceed it. After a failed append the content is unchanged. buf_release frees the storage;
 * buf_detach hands it to the caller (caller frees with mem_free). */
#ifndef CCHC_BUF_H
#define CCHC_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
} buf_t;

#define BUF_INIT(max)                                                                              \
    {                                                                                              \
        NULL, 0, 0, (max)                                                                          \
    }

/* Maxima shared by many buffers. */
#define BUF_MAX_TEXT ((size_t)16 << 20)  /* one piece of text: a name, a message, a cell */
#define BUF_MAX_JSON ((size_t)512 << 20) /* one answer or document: API JSON, CLI output */

void buf_init(buf_t *b, size_t max);
void buf_release(buf_t *b);
void buf_reset(buf_t *b); /* len = 0, keeps storage (the buffer stays usable) */
int buf_reserve(buf_t *b, size_t extra);
int buf_append(buf_t *b, const void *p, size_t n);
int buf_puts(buf_t *b, const char *s);
int buf_putc(buf_t *b, char c);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) as one CSV field (RFC 4180: quoted when it holds a comma,
 * a quote or a line break; quotes doubled). */
int buf_put_csv_field(buf_t *b, const char *s, size_t n);
/* Appends s as a JSON string literal (with quotes), escaping as needed. */
int buf_put_json_str(buf_t *b, const char *s, size_t n);
char *buf_detach(buf_t *b);           /* never NULL unless out of memory; "" for empty */
const char *buf_cstr(const buf_t *b); /* "" when empty; borrowed */

#endif
