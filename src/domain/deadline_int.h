/* deadline_int.h - internals shared by the files of the deadline parser
 * (deadline_lex.c: tokens and matching; deadline_dates.c: spans, date lists
 * and bounds; deadline.c: the other forms, assignees, entry point, JSON).
 * Not part of the domain API: include only from those files. */
#ifndef CCHC_DEADLINE_INT_H
#define CCHC_DEADLINE_INT_H

#include "deadline.h"

#include <stdbool.h>
#include <stddef.h>

#define KEY_MAX     24 /* longer words never match a keyword */
#define SNIPPET_MAX 120

/* ---- tokens (deadline_lex.c) ---- */

enum tok_type { T_WORD, T_NUM, T_PUNCT };

typedef struct tok {
    unsigned char type;
    char punct;      /* T_PUNCT: / , ; : - . ( ) */
    bool space;      /* a separator precedes the token */
    int ndig;        /* T_NUM: digit count */
    long num;        /* T_NUM: value, -1 beyond 9 digits */
    size_t off, end; /* bytes in the NFC text */
    char key[KEY_MAX];
} tok_t;

typedef struct toks {
    tok_t *v;
    size_t n, cap;
} toks_t;

/* Tokenises NFC text: words (folded with text_key), numbers, structural
 * punctuation; re-joins split years. 0, ERR_NOMEM or ERR_INVALID. */
int deadline_lex_lex(const char *s, size_t n, toks_t *tk);

/* Parser state over the token range [i, hi). */
typedef struct ps {
    const char *text; /* NFC text */
    const tok_t *t;
    size_t hi; /* end of the token range being parsed */
    size_t i;  /* cursor */
    int year;  /* context year, <= 0 none */
    deadline_schedule_t *s;
    int rc; /* first hard error (ERR_NOMEM) */
} ps_t;

const tok_t *deadline_lex_at(const ps_t *p, size_t j); /* NULL past the range */
bool deadline_lex_is_kw(const tok_t *t, const char *k);
bool deadline_lex_is_punct(const tok_t *t, char c);
/* Matches the space-separated keys of `words` at token j; *next after them. */
bool deadline_lex_kw_at(const ps_t *p, size_t j, const char *words, size_t *next);
bool deadline_lex_accept(ps_t *p, const char *words); /* match and advance */
bool deadline_lex_peek(const ps_t *p, const char *words);
bool deadline_lex_accept_punct(ps_t *p, char c);
bool deadline_lex_year_tok(const tok_t *t, int *y); /* a 4-digit year in range */
bool deadline_lex_small_num(const tok_t *t, int maxdig, int *v);
bool deadline_lex_accept_year(ps_t *p, int *y);
int deadline_lex_year_part(ps_t *p);         /* "/2024", "năm 2024", " 2024"; -1 when absent */
int deadline_lex_roman_value(const char *k); /* "i".."iv" -> 1..4, else 0 */
int deadline_lex_quarter_no(ps_t *p);        /* 1..4 / I..IV / "I V"; -1 when absent */

/* ---- schedule building (deadline.c) ---- */

void deadline_lex_warn(ps_t *p, const char *code, const char *vi, const char *en, ...)
    __attribute__((format(printf, 3, 5)));
void deadline_lex_add_date(ps_t *p, date_t d);
void deadline_lex_sort_dates(deadline_schedule_t *s);
char *deadline_lex_dup_collapsed(const char *text, size_t off, size_t end);
void deadline_lex_snippet(const ps_t *p, size_t a, size_t b, char out[SNIPPET_MAX]);

/* ---- spans, bounds, date lists (deadline_dates.c) ---- */

typedef enum unit { U_NONE, U_DAY, U_MONTH, U_QUARTER, U_YEAR, U_FIRST, U_LAST } unit_t;

typedef struct span {
    unit_t unit;
    int a;           /* day, month, quarter or number of months */
    int m;           /* month of a U_DAY */
    int year;        /* -1 = not written */
    bool short_year; /* written with two digits */
    size_t t0, t1;   /* token range */
} span_t;

typedef struct list_ctx {
    unit_t hint;   /* unit of the previous item: "Quý II, IV/2024" */
    int carry_day; /* "ngày 05 của các tháng 3, 6…": the day for later months */
} list_ctx_t;

typedef struct bounds {
    date_t from, until;
} bounds_t;

bool deadline_lex_parse_span(ps_t *p, list_ctx_t *lc, span_t *sp);
/* Range of a span in `year` (-1: context year); false + warning if none. */
bool deadline_lex_resolve(ps_t *p, const span_t *sp, int year, date_t *start, date_t *end);
void deadline_lex_year_bounds(bounds_t *b, int y);
bool deadline_lex_open_ended(ps_t *p);                    /* "và những năm tiếp theo" */
bool deadline_lex_parse_bounds_one(ps_t *p, bounds_t *b); /* "trong năm 2024", "từ …", "đến …" */
/* Parses a date list at the cursor and adds its due dates (a range start
 * sets s->from); returns the number of items, *first_start the earliest
 * start of a dated item. */
size_t deadline_lex_date_items(ps_t *p, date_t *first_start);
/* A date list with its combined tail; false when no date item is found. */
bool deadline_lex_try_dates(ps_t *p);

#endif
