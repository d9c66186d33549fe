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

/* Copies at most cap - 1 bytes of src (NULL = "") into dst, never cutting
 * a UTF-8 sequence. */
void par_framework_clip(char *dst, size_t cap, const char *src);

/* par_framework_problem with a va_list. */
int par_framework_vproblem(par_problems_t *p, const char *node, const char *field, const char *code,
                           const char *vi_fmt, const char *en_fmt, va_list ap);

/* Validation state shared by par_framework_validate.c and
 * par_framework_leaf.c. */
typedef struct par_vctx {
    par_framework_t *fw;
    par_problems_t *p;
    int rc;             /* first allocation failure */
    unsigned char *st;  /* per node: code status (validate.c) */
    size_t *last_child; /* per node, while linking */
} par_vctx_t;

/* Records a problem whose two messages are already formatted. */
void par_framework_validate_report(par_vctx_t *v, const char *node, const char *field,
                                   const char *code, const char *vi, const char *en);

/* Checks the scoring fields of a node: leaves need a known method and its
 * levels / bands / yes-no points; inner nodes must carry none of them. */
void par_framework_leaf_check(par_vctx_t *v, const par_node_t *nd, bool leaf);

#endif
