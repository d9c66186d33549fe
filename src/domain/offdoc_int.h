/* offdoc_int.h - internals shared by offdoc.c (fields, blocks, accessors),
 * offdoc_text.c (text rules) and offdoc_table.c (tables). Not part of the
 * domain API. */
#ifndef CCHC_OFFDOC_INT_H
#define CCHC_OFFDOC_INT_H

#include "domain/offdoc.h"

/* A table: the public view plus the mutable arrays behind it. Every row is
 * complete at all times: a new row holds placeholder empty cells for its
 * free columns (those not covered by a row span from above); a cell added
 * by the caller replaces the placeholders of the columns it spans. The
 * caller's cells of the last row are cur[0 .. nreal), placeholders follow. */
typedef struct offdoc_tab {
    offdoc_table_t pub;
    double *widths;
    offdoc_row_t *rows;
    size_t rcap;
    offdoc_cell_t *cur; /* cells of the last row (mutable view of rows[last].cells) */
    size_t nreal;
    int *cover; /* per column: rows after the last one still covered by a row span */
    bool body;  /* a body row was added */
    char *sheet;
} offdoc_tab_t;

typedef struct offdoc_blk {
    offdoc_block_t pub;
    offdoc_run_t *runs; /* mutable view of pub.runs */
    size_t rcap;
    offdoc_tab_t *tab;
} offdoc_blk_t;

typedef struct offdoc_list {
    char **v;
    size_t n, cap;
} offdoc_list_t;

struct offdoc {
    offdoc_head_t head; /* kind, number, date, year; pointers refreshed by offdoc_head */
    char *superior, *issuer, *symbol, *place, *summary, *archive, *authority, *title, *signer;
    offdoc_list_t to, cc;
    offdoc_blk_t *blocks;
    size_t n, cap;
    size_t closing_at;                /* first APPENDIX block (valid when appendix > 0) */
    int part, section, sub, appendix; /* automatic numbering */
    size_t total;                     /* bytes of text held */
};

/* The shared empty string: placeholders and empty cells point at it; never
 * freed (offdoc_free_str skips it). */
extern const char offdoc_empty[];
void offdoc_free_str(const char *s);

/* Text options of offdoc_text_take. */
enum {
    OFFDOC_T_TRIM = 1,     /* trim surrounding spaces and line breaks */
    OFFDOC_T_UPPER = 2,    /* upper-case */
    OFFDOC_T_LINE = 4,     /* refuse '\n' */
    OFFDOC_T_REQUIRED = 8, /* refuse NULL and empty (after trimming) */
    OFFDOC_T_NULLABLE = 16 /* "" gives *out = NULL */
};

/* Text rules (offdoc_text.c). offdoc_text_take validates s (offdoc.h
 * text rules) and stores a normalised copy in *out (caller frees; NULL for
 * an absent optional field), counting it in the document's total. what
 * names the field in messages (Vietnamese). */
int offdoc_text_take(offdoc_t *d, const char *s, unsigned opts, size_t max, const char *what,
                     char **out, err_t *e);
/* ERR_INVALID "offdoc.text": what (the field) and why. */
int offdoc_text_error(err_t *e, const char *what, const char *why);
/* Removes a leading "- " (or '+') and a trailing ';' or '.' of a list item. */
void offdoc_text_strip_list(char *s);
/* ERR_INVALID "offdoc.state" (offdoc.c). */
int offdoc_state_error(err_t *e, const char *vi, const char *en);

/* Tables (offdoc_table.c). offdoc_table_new validates ncols and widths
 * ("offdoc.table") and stores a new table in *out (offdoc_table_free). */
int offdoc_table_new(size_t ncols, const double *widths, offdoc_tab_t **out, err_t *e);
void offdoc_table_free(offdoc_tab_t *t);
int offdoc_table_row(offdoc_tab_t *t, unsigned flags, err_t *e);
int offdoc_table_cell(offdoc_t *d, offdoc_tab_t *t, const offdoc_cell_spec_t *s, err_t *e);

#endif
