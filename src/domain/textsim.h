/* textsim.h - similarity of two short Vietnamese texts (task titles), for
 * matching a unit's own plan against the tasks a higher plan assigned it
 * (docs/internals/cascade.md, docs/internals/textsim.md).
 *
 * A text is lower-cased (NFC, accents kept) and cut into words; function
 * words are dropped with their accents ("của", "và", "các", "năm", "tại",
 * "để", "từ", "có"… — so "tài chính", "đề án", "tự chủ", "cơ quan" and
 * "đo lường" keep their words), as are numbers. The remaining words are
 * folded to matching keys (accent- and case-insensitive, text_key);
 * written-out phrases become their usual abbreviation ("cải cách hành
 * chính" = "CCHC", "thủ tục hành chính" = "TTHC", "cán bộ, công chức, viên
 * chức" = "CBCCVC"…), and a few phrases every task title shares ("triển
 * khai", "thực hiện", "kế hoạch", "cơ quan, đơn vị", "tiếp tục", "nâng
 * cao"…) are dropped.
 *
 * The score compares the sets of remaining words and of adjacent word
 * pairs (bigrams, which reward the same phrases) of the assigned task
 * (`want`) and a candidate (`have`): for each set, the mean of the Dice
 * coefficient and of the share of `want` found in `have` (containment, so
 * that a unit's longer task that spells out the assigned one still
 * scores high); the final score is the mean of the word and bigram
 * figures (words only when `want` has no bigram). 1 for the same content
 * words in the same order, 0 for nothing shared; not symmetric.
 *
 * Pure; allocation only inside. Texts longer than TEXTSIM_MAX_WORDS words
 * are compared on their first TEXTSIM_MAX_WORDS words. */
#ifndef CCHC_TEXTSIM_H
#define CCHC_TEXTSIM_H

#include "base/err.h"

#include <stddef.h>

#define TEXTSIM_MAX_WORDS 400

/* A text prepared for many comparisons (opaque, immutable: may be shared
 * between threads once built). */
typedef struct textsim_doc textsim_doc_t;

/* Prepares text (UTF-8) into *out (caller frees with textsim_doc_free):
 * 0, ERR_INVALID textsim.utf8 for invalid UTF-8, or ERR_NOMEM (*out NULL). */
MUST_CHECK int textsim_doc_new(const char *text, textsim_doc_t **out, err_t *e);
void textsim_doc_free(textsim_doc_t *d); /* NULL: no-op */

/* Number of content words kept (for tests and explanations). */
size_t textsim_doc_words(const textsim_doc_t *d);

/* Score in 0..1 of candidate `have` for the assigned task `want`. */
double textsim_doc_score(const textsim_doc_t *want, const textsim_doc_t *have);

/* One-off comparison: score in 0..1, or -1 when out of memory or a text
 * is not valid UTF-8. NULL texts score 0. */
double textsim_score(const char *want, const char *have);

#endif
