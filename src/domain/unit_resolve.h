/* unit_resolve.h - resolve the unit and group names found in documents
 * ("Sở Nội vụ", "SO NOI VU", "UBND cấp huyện", "Cơ quan thường trực BCĐ
 * CCHC tỉnh") to unit codes.
 *
 * Matching is accent-, case- and spacing-insensitive (text_key) after
 * canonicalising common Vietnamese abbreviations (Ủy ban nhân dân = UBND,
 * Thành phố = TP, Thị xã = TX, Ban Chỉ đạo = BCĐ, cải cách hành chính =
 * CCHC, Thông tin và Truyền thông = TT&TT, Văn phòng = VP) and dropping a
 * trailing "tỉnh". A resolver borrows the unit set: the set must outlive it.
 * Groups resolve through unit kinds and roles (the standing agency is the
 * department whose name is "Sở Nội vụ").
 *
 * When several units share the folded key (tone marks matter: "Đông Thành"
 * and "Đông Thạnh" fold alike) and exactly one of them matches the name
 * with its diacritics (case-insensitively), that one is chosen. */
#ifndef CCHC_UNIT_RESOLVE_H
#define CCHC_UNIT_RESOLVE_H

#include "domain/unit.h"

typedef struct unit_resolver unit_resolver_t;

typedef enum unit_match_kind {
    UNIT_MATCH_NONE = 0,  /* nothing matched */
    UNIT_MATCH_UNIT,      /* exactly one unit */
    UNIT_MATCH_AMBIGUOUS, /* several units share the name */
    UNIT_MATCH_GROUP      /* a group of units */
} unit_match_kind_t;

typedef struct unit_match {
    unit_match_kind_t kind;
    bool approximate;     /* matched as a unique word-prefix, not exactly */
    const char *group;    /* group id ("so", "huyen", "xa", "units", "standing", "related") */
    const char *group_vi; /* group label in Vietnamese */
    const unit_t **units; /* borrowed from the set; array owned by the match */
    size_t n;
} unit_match_t;

/* Indexes the names and aliases of set (borrowed until unit_resolve_free);
 * a name that is not valid UTF-8 is left out. NULL only when out of memory
 * (e filled). */
unit_resolver_t *unit_resolve_new(const unit_set_t *set, err_t *e);
void unit_resolve_free(unit_resolver_t *r);

/* Resolves name on the tree valid at `at` (DATE_NONE: any time). Fills m
 * (release with unit_resolve_match_release). Returns 0 whatever the outcome (look
 * at m->kind), ERR_INVALID for invalid UTF-8, ERR_NOMEM. */
int unit_resolve(const unit_resolver_t *r, const char *name, date_t at, unit_match_t *m, err_t *e);
void unit_resolve_match_release(unit_match_t *m);

/* As unit_resolve, restricted to units within the subtree of scope_code
 * (e.g. the issuing province of a document, so that "Sở Nội vụ" means that
 * province's department). scope_code NULL = no restriction. */
int unit_resolve_in(const unit_resolver_t *r, const char *name, date_t at, const char *scope_code,
                    unit_match_t *m, err_t *e);

/* The canonical matching key of a name (caller frees), exposed for tests
 * and for storing folded search keys. */
char *unit_resolve_name_key(const char *name, int *rc);

#endif
