/* unit.h - organisation units (DOMAIN §1): effective-dated, with a kind, a
 * parent, aliases, and succession links between them.
 *
 * A unit_set_t owns deep copies of everything added to it. The same code
 * may appear in several versions with disjoint validity periods (e.g. a
 * renamed unit). Validation reports the first problem with the source
 * line when known. Pure: no I/O. */
#ifndef CCHC_UNIT_H
#define CCHC_UNIT_H

#include "base/date.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum unit_kind {
    UNIT_TINH = 0, /* province */
    UNIT_SO,       /* provincial department, board, agency */
    UNIT_HUYEN,    /* district level (before 1/7/2025) */
    UNIT_XA,       /* commune, ward, township, special zone */
    UNIT_PHONG,    /* internal division */
    UNIT_DVSN,     /* public-service unit */
    UNIT_KIND_COUNT
} unit_kind_t;

typedef struct unit {
    char *code;
    char *name;
    unit_kind_t kind;
    char *parent;      /* NULL for a root */
    date_t valid_from; /* DATE_NONE = since always */
    date_t valid_to;   /* inclusive; DATE_NONE = still valid */
    char **aliases;
    size_t naliases;
    int line;     /* source line (0 = unknown), for messages */
    char *source; /* file the unit was read from (NULL = unknown), for messages */
} unit_t;

typedef enum unit_link_kind { UNIT_LINK_MERGED_INTO = 0, UNIT_LINK_SPLIT_FROM } unit_link_kind_t;

typedef struct unit_link {
    char *from; /* the unit that was merged / split off */
    char *to;   /* the unit it was merged into / split from */
    unit_link_kind_t kind;
    date_t on;
    int line;
    char *source; /* as for unit_t */
} unit_link_t;

typedef struct unit_set {
    unit_t *units;
    size_t n, cap;
    unit_link_t *links;
    size_t nlinks, linkcap;
    size_t *by_code; /* unit indices sorted by code (see unit_set_index) */
    size_t nindexed; /* units covered by by_code; stale when != n */
} unit_set_t;

/* The one rule for unit codes and names, used by every way in (CSV, JSON,
 * the API, the UI through the API; docs/internals/hardening.md):
 *  - a code is 1..UNIT_CODE_MAX characters of [A-Za-z0-9._-] that begins
 *    and ends with a letter or digit and has no two dots in a row: codes are
 *    URL path segments (/api/v1/units/{code}) and file-name parts, so no
 *    '/', space, '%', '..' or control character can ever be stored;
 *  - a name (and an alias) is non-empty valid UTF-8 of at most
 *    UNIT_NAME_MAX bytes without control characters (no NUL, newline, tab)
 *    and without surrounding spaces (readers trim).
 * Both return 0 or ERR_INVALID with "unit.code_invalid" /
 * "unit.name_invalid" and the reason (the caller prefixes file:line). */
#define UNIT_CODE_MAX 64
#define UNIT_NAME_MAX 300
int unit_code_check(const char *code, err_t *e);
int unit_name_check(const char *name, err_t *e);
/* Checks the code, name, parent code and aliases of one unit. */
int unit_check(const unit_t *u, err_t *e);

/* "tinh", "so", "huyen", "xa", "phong", "dvsn" (case-insensitive). */
int unit_kind_parse(const char *s, unit_kind_t *out);
const char *unit_kind_code(unit_kind_t k);
const char *unit_kind_label_vi(unit_kind_t k);
/* "sap_nhap_vao"/"merged_into", "tach_tu"/"split_from". */
int unit_link_kind_parse(const char *s, unit_link_kind_t *out);
const char *unit_link_kind_code(unit_link_kind_t k); /* "merged_into" | "split_from" */

void unit_set_init(unit_set_t *s);
void unit_set_release(unit_set_t *s);
/* Deep-copies u (NFC normalisation is the caller's job at the edge). */
int unit_set_add(unit_set_t *s, const unit_t *u, err_t *e);
int unit_set_add_link(unit_set_t *s, const unit_link_t *l, err_t *e);

/* Checks: empty code/name, valid_from after valid_to, two versions of a
 * code with overlapping periods, a parent code that does not exist or is
 * not valid throughout the unit's period, a unit that is its own ancestor
 * on the tree of some date, links naming unknown codes. On failure e says
 * which unit, which line and which field, prefixed by the unit's (link's)
 * own source when set, else by `source` when given. */
int unit_set_validate(const unit_set_t *s, const char *source, err_t *e);

/* Builds the by-code index that makes unit_set_find O(log n); call it
 * after the last add (an add makes the index stale, and lookups then fall
 * back to a linear scan, still correct). ERR_NOMEM on failure. */
int unit_set_index(unit_set_t *s);

bool unit_valid_at(const unit_t *u, date_t at); /* at == DATE_NONE: always true */
/* The version of code valid at `at` (any version when at == DATE_NONE:
 * the latest). Borrowed; NULL when none. */
const unit_t *unit_set_find(const unit_set_t *s, const char *code, date_t at);
/* The version of code starting exactly at valid_from (DATE_NONE = open
 * start), or NULL. Borrowed. */
const unit_t *unit_set_find_version(const unit_set_t *s, const char *code, date_t valid_from);
/* The province a unit belongs to on the tree at `at`: the code of its
 * nearest ancestor of kind UNIT_TINH (itself for a province), else of the
 * root of its tree (a registry without provinces). A unit or parent not
 * valid at `at` is taken in its latest version. Borrowed from s; NULL when
 * code is unknown. The scope of rankings (domain/rank.h). */
const char *unit_set_province_of(const unit_set_t *s, const char *code, date_t at);
/* The scope a unit is ranked in (rank_item_t.scope): its province, except
 * for a province itself (and an unknown code), ranked nationally: NULL. */
const char *unit_set_rank_scope(const unit_set_t *s, const char *code, date_t at);
/* true when code is ancestor itself or lies below it, on the tree at `at`. */
bool unit_set_within(const unit_set_t *s, const char *code, const char *ancestor, date_t at);

#endif
