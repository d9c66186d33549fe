/* textsim.h - similarity of two short Vietnamese texts (task titles), for
 * matching a unit's own plan against the tasks a higher plan assigned it
 * (docs/internals/cascade.md).
 *
 * Both texts are folded to matching keys (accent-, case- and
 * spacing-insensitive, text_key), cut into words, and stripped of a short
 * list of function words that every task title shares ("của", "và",
 * "các", "năm", "thực hiện", numbers…). The score is the mean of two Dice
 * coefficients — over the sets of remaining words and over the sets of
 * adjacent word pairs (bigrams, which reward the same phrases) — in 0..1:
 * 1 for the same content words in the same order, 0 for nothing shared.
 * Pure; allocation only inside (ERR_NOMEM reported as -1). */
#ifndef CCHC_TEXTSIM_H
#define CCHC_TEXTSIM_H

/* Score in 0..1, or -1 when out of memory or a text is not valid UTF-8. */
double textsim_score(const char *a, const char *b);

#endif
