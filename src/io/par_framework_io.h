/* par_framework_io.h - PAR Index frameworks as JSON (format and field list:
 * docs/internals/par.md; the model: src/domain/par_framework.h).
 *
 *   {"format": "cchc-par/1"?, "name", "year", "year_to"?, "unit_kind",
 *    "reference"?, "sample"?, "note"?, "max"?,
 *    "bands"?: [{"label", "min"}],
 *    "appraisers"?: {"<top-level code or area code>": "<role>"},
 *    "nodes": [{"code", "name", "max", "kind"?, "area"?, "method"?,
 *               "levels"?: [{"label", "points"}],
 *               "bands"?: [{"from"|"above", "to"|"below"?, "points"}],
 *               "yes_points"?, "no_points"?, "source"?, "applies_to"?: [..],
 *               "appraiser"?, "evidence"?, "note"?}]}
 *
 * Reading builds the framework through the builder and validates it; shape
 * problems (a field of the wrong type, a non-numeric max, more than three
 * decimals) and validation problems go to the same list, so that every
 * problem of a file is reported at once. Unknown keys are ignored (forward
 * compatibility). Strings are NFC-normalised. The seam for other formats
 * (an XLSX reader) is the builder: par_framework_new / _set_info / _add /
 * _validate. */
#ifndef CCHC_IO_PAR_FRAMEWORK_IO_H
#define CCHC_IO_PAR_FRAMEWORK_IO_H

#include "base/err.h"
#include "domain/par_framework.h"

#include <jansson.h>
#include <stddef.h>

#define PAR_FRAMEWORK_IO_MAX_BYTES (8u << 20) /* largest framework file: 8 MiB */

/* Parses and validates JSON text. On success *out is a valid framework
 * (caller frees with par_framework_free) and 0 is returned. On failure *out
 * is NULL and the return is ERR_INVALID: a JSON syntax error (e has line and
 * column, probs stays empty) or problems (all in probs; e summarises,
 * "<file>: N lỗi"), or ERR_NOMEM / ERR_TOOLARGE. file (may be NULL) only
 * names the source in messages. probs may be NULL (e still summarises). */
int par_framework_io_read(const char *text, size_t n, const char *file, par_framework_t **out,
                          par_problems_t *probs, err_t *e);

/* The same from a file ("-" = stdin); ERR_IO / ERR_NOTFOUND when it cannot
 * be read. */
int par_framework_io_read_file(const char *path, par_framework_t **out, par_problems_t *probs,
                               err_t *e);

/* Builds the framework from an already parsed JSON value (borrowed). Same
 * contract as par_framework_io_read. */
int par_framework_io_from_json(const json_t *root, const char *file, par_framework_t **out,
                               par_problems_t *probs, err_t *e);

/* The JSON of a framework (the format above; numbers as integers when
 * integral; absent optional fields omitted; bands always written). New
 * reference (caller json_decref), NULL when out of memory. */
json_t *par_framework_io_to_json(const par_framework_t *fw);

/* Serialised, indented by 2, keys in the order above; caller frees with
 * mem_free. NULL when out of memory. */
char *par_framework_io_write(const par_framework_t *fw);

#endif
