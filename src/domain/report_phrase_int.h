/* report_phrase_int.h - internals shared by the files of the reporting-phrase
 * reader: report_phrase_lex.c (tokens, matching, dates), report_phrase_time.c
 * (due and window forms), report_phrase.c (kinds, association, entry points).
 * Not part of the domain API: include only from those files. */
#ifndef CCHC_REPORT_PHRASE_INT_H
#define CCHC_REPORT_PHRASE_INT_H

#include "domain/report_phrase.h"

#include <stdbool.h>
#include <stddef.h>

#define KEY_MAX   24
#define EVENT_MAX 32

enum { T_WORD, T_NUM, T_PUNCT };

typedef struct tok {
    int type;
    char punct;
    int ndig;
    long num;
    size_t off, end;
    char key[KEY_MAX];
} tok_t;

/* A list item, a due or a window found in the text, in token order. */
enum { EV_ITEM, EV_DUE, EV_WINDOW };

typedef struct event {
    int type;
    size_t pos;     /* first token */
    int list;       /* EV_ITEM: list number */
    unsigned kinds; /* EV_ITEM: its kinds; EV_DUE/EV_WINDOW: the kinds of the item whose
                       parenthesis holds it, else 0 */
    report_phrase_due_t due;
    report_phrase_window_t win;
} event_t;

typedef struct ps {
    const char *text;
    tok_t *t;
    size_t n, cap;
    event_t ev[EVENT_MAX];
    size_t nev;
    int lists;
    report_phrase_t *out;
    /* parentheses right after a list item: [a, b), the item's kinds and list */
    struct {
        size_t a, b;
        unsigned kinds;
        int list;
    } paren[EVENT_MAX];
    size_t nparen;
} ps_t;

/* ---- report_phrase_lex.c ---- */

/* Tokenises the NFC text p->text[0..n): words folded with text_key, numbers
 * (split years re-joined), structural punctuation. 0, ERR_NOMEM, ERR_INVALID. */
int report_phrase_lex_run(ps_t *p, size_t n);
const tok_t *report_phrase_lex_at(const ps_t *p, size_t j); /* NULL past the end */
bool report_phrase_lex_punct(const ps_t *p, size_t j, char c);
/* Matches the space-separated folded words at token j; *next (may be NULL) after them. */
bool report_phrase_lex_kw(const ps_t *p, size_t j, const char *words, size_t *next);
/* One of a NULL-terminated list of alternatives, the first that matches. */
bool report_phrase_lex_kw_any(const ps_t *p, size_t j, const char *const *alts, size_t *next);
bool report_phrase_lex_num(const ps_t *p, size_t j, long lo, long hi, int *v);
int report_phrase_lex_roman(const char *key);                 /* "i".."iv" -> 1..4, else 0 */
bool report_phrase_lex_sep(const ps_t *p, size_t j);          /* '/', '-' or '.' in a date */
bool report_phrase_lex_year(const ps_t *p, size_t j, int *y); /* 4-digit year in range */
/* "15/12[/2023]", "15-12-2023", "15 tháng 12 [năm 2023]" at j; *y = 0 when unwritten. */
bool report_phrase_lex_day_month(const ps_t *p, size_t j, int *d, int *m, int *y, size_t *next);
/* Flags an unclear part covering tokens [a, b) (the first one keeps its span). */
void report_phrase_lex_unclear(ps_t *p, unsigned flag, size_t a, size_t b);
void report_phrase_lex_event(ps_t *p, const event_t *ev); /* drops past EVENT_MAX */

/* ---- report_phrase_time.c ---- */

/* Reads a due or window form at token i (windows only when data_cue: "số
 * liệu" or "chốt" came before) and adds its event; *next after it. */
bool report_phrase_time_at(ps_t *p, size_t i, bool data_cue, size_t *next);

#endif
