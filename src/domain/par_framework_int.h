/* par_framework_int.h - shared between par_framework.c and
 * par_framework_validate.c (not part of the public contract). */
#ifndef CCHC_PAR_FRAMEWORK_INT_H
#define CCHC_PAR_FRAMEWORK_INT_H

#include "domain/par_framework.h"

#include <stdarg.h>

/* Number of segments of a well-formed code ("1.1.2" -> 3), 0 when the code
 * is malformed: empty, too long, more than PAR_DEPTH_MAX segments, an empty
 * segment, a segment that is neither digits without a leading zero nor a
 * letter followed by letters and digits (at most 8 bytes each). */
int par_framework_code_depth(const char *code);

/* Orders codes segment-wise: numbers by value before words, words bytewise,
 * a prefix before its extensions ("1" < "1.1" < "1.2" < "1.10" < "2" < "T" <
 * "T.1" < "TR"). Malformed codes (NULL included) come after every
 * well-formed one, bytewise among themselves. */
int par_framework_code_cmp(const char *a, const char *b);

/* Whether an applies_to entry names a unit kind (a lower-case ASCII word). */
bool par_framework_kind_word(const char *s);

/* par_framework_problem with a va_list. */
int par_framework_vproblem(par_problems_t *p, const char *node, const char *field, const char *code,
                           const char *vi_fmt, const char *en_fmt, va_list ap);

#endif
