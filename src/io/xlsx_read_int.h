/* xlsx_read_int.h - internals shared by xlsx_read.c (workbook, parts,
 * shared strings) and xlsx_read_sheet.c (rows). Not part of the io API. */
#ifndef CCHC_XLSX_READ_INT_H
#define CCHC_XLSX_READ_INT_H

#include "base/buf.h"
#include "io/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <zip.h>

#define XLSX_PATH_MAX 512

/* Strings stored back to back, each NUL-terminated. */
typedef struct xlsx_span {
    size_t off, len;
} xlsx_span_t;

typedef struct xlsx_strtab {
    buf_t data;
    xlsx_span_t *items;
    size_t n, cap;
} xlsx_strtab_t;

struct xlsx {
    zip_t *za;
    xlsx_limits_t lim;
    xlsx_strtab_t names, paths; /* sheets: display names and part paths */
    xlsx_strtab_t sst;          /* shared strings */
};

/* One XML part streamed out of the package (see xlsx_read.c). */
typedef struct xlsx_part {
    zip_file_t *zf;
    xmlTextReaderPtr rd;
    size_t read, max;
    int fail; /* set by the IO callback: ERR_TOOLARGE, ERR_INVALID (DTD), ERR_IO */
    char tail[16];
    size_t ntail;
    char name[XLSX_PATH_MAX];
    char msg[160];
    int line;
} xlsx_part_t;

/* Opens part name of x; *found false (and 0) when the package lacks it. */
int xlsx_read_part_open(xlsx_t *x, const char *name, xlsx_part_t *p, bool *found, err_t *e);
void xlsx_read_part_close(xlsx_part_t *p);
/* Advances: 1 on a node, 0 at the end, negative ERR_* (DOCTYPE refused). */
int xlsx_read_part_next(xlsx_part_t *p, err_t *e);
/* Node tests on local names. */
bool xlsx_read_part_start(xlsx_part_t *p, const char *local);
bool xlsx_read_part_end(xlsx_part_t *p, const char *local); /* end tag or empty element */
bool xlsx_read_part_text(xlsx_part_t *p);
/* An attribute copied into out ("" when absent). */
void xlsx_read_part_attr(xlsx_part_t *p, const char *name, char *out, size_t cap);
/* ERR_INVALID "xlsx.corrupt" naming the part and the reason. */
int xlsx_read_corrupt(err_t *e, const char *part, const char *why);
/* Decodes the OOXML escapes _xHHHH_ in s[0..n) in place; the new length. */
size_t xlsx_read_unescape(char *s, size_t n);
/* Collects rich text: the text of <t> elements outside phonetic <rPh>
 * runs, fed one node at a time (shared strings and inline strings). */
typedef struct xlsx_rich {
    int rph;
    bool in_t;
} xlsx_rich_t;
/* Feeds the current node; ERR_TOOLARGE when out is full. */
int xlsx_read_rich(xlsx_part_t *p, xlsx_rich_t *st, buf_t *out);
/* ERR_TOOLARGE "xlsx.too_large" for a cell text above max_cell. */
int xlsx_read_cell_too_large(err_t *e, const char *part, size_t max);
/* The part path of sheet i, NULL when out of range. */
const char *xlsx_read_sheet_path(const xlsx_t *x, size_t i);
/* Shared string i, NULL when out of range. */
const char *xlsx_read_shared(const xlsx_t *x, size_t i, size_t *len);

#endif
