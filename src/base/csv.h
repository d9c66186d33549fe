/* csv.h - streaming RFC 4180 CSV reader (UTF-8, optional BOM, CRLF or LF,
 * quoted fields with embedded separators, quotes and newlines).
 *
 * Memory is bounded by the longest record (max_record bytes, default
 * 1 MiB), not by the file. Fields returned by csv_next are borrowed until
 * the next call. Errors name the line: "csv.quote" (unterminated or stray
 * quote; the line of the opening quote when it is never closed),
 * "csv.too_long", "csv.too_many_fields", "csv.utf8" (invalid UTF-8), "csv.nul"
 * (a NUL byte, which would otherwise cut a field short);
 * ERR_NOMEM when out of memory. */
#ifndef CCHC_CSV_H
#define CCHC_CSV_H

#include "base/err.h"

#include <stddef.h>
#include <stdio.h>

typedef struct csv_reader csv_reader_t;

/* Reads from a file path ("-" = stdin). */
csv_reader_t *csv_open_file(const char *path, err_t *e);
/* Reads from memory (borrowed for the reader's lifetime); NULL only when
 * out of memory. */
csv_reader_t *csv_open_mem(const char *data, size_t n, err_t *e);
void csv_close(csv_reader_t *r);

/* What csv_next returns with a record. */
#define CSV_RECORD 1

/* Next record: returns CSV_RECORD with fields and nfields set, 0 at end of
 * input, or a negative error. Empty lines are skipped. */
int csv_next(csv_reader_t *r, char ***fields, size_t *nfields, err_t *e);
/* Maps header cells to the wanted column names: idx[c] gets the position
 * of cols[c] in f (matched case-insensitively, surrounding spaces and a BOM
 * ignored), or -1. Returns how many of the ncols were found. */
int csv_header_index(char **f, size_t nf, const char *const *cols, int ncols, int *idx);

/* Line number (1-based) where the last record returned started. */
int csv_line(const csv_reader_t *r);
/* Bytes consumed so far (for progress displays). */
size_t csv_offset(const csv_reader_t *r);
/* Name used in messages (the path, or "input"). */
const char *csv_name(const csv_reader_t *r);
/* Sets the name used in messages (e.g. the path of a file read into memory). */
void csv_set_name(csv_reader_t *r, const char *name);

#endif
