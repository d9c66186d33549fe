/* text.h - UTF-8 text helpers built on utf8proc.
 *
 * All functions take a pointer and a length (not necessarily
 * NUL-terminated) and return a freshly allocated NUL-terminated string that
 * the caller frees with mem_free, or NULL with *rc set (ERR_INVALID for
 * invalid UTF-8, ERR_NOMEM). rc may be NULL. */
#ifndef CCHC_TEXT_H
#define CCHC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

bool text_valid(const char *s, size_t n);

/* Canonical composition (NFC). Every text entering cchc goes through it. */
char *text_nfc(const char *s, size_t n, int *rc);

/* Search key: NFC, case-folded, combining marks stripped, đ/Đ -> d, every run
 * of whitespace and punctuation (except digits/letters) collapsed to one
 * space, trimmed. "Sở Nội vụ", "SO NOI VU" and " sở  nội-vụ " all give
 * "so noi vu". */
char *text_key(const char *s, size_t n, int *rc);

/* Accent-, case- and spacing-insensitive equality (compares text_key). */
bool text_key_eq(const char *a, const char *b);

/* Lower case (simple case folding, accents kept), NFC. */
char *text_lower(const char *s, size_t n, int *rc);

/* Upper case, NFC. */
char *text_upper(const char *s, size_t n, int *rc);

/* Number of code points (0 for invalid UTF-8). */
size_t text_length(const char *s, size_t n);

/* Copies the longest prefix of s with at most max_bytes bytes that ends on a
 * code point boundary; caller frees. */
char *text_truncate(const char *s, size_t max_bytes);

#endif
