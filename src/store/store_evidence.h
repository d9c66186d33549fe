/* store_evidence.h - persistence of evidence metadata (table evidence,
 * migration 0004). The files themselves live in the evidence store on disk
 * (app/evidence.c); a row only names its content by SHA-256. Rows are
 * written once and never changed. Times are Unix seconds. */
#ifndef CCHC_STORE_EVIDENCE_H
#define CCHC_STORE_EVIDENCE_H

#include "domain/access.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_EVIDENCE_HASH_HEX 64 /* SHA-256 in lower-case hex */
#define STORE_EVIDENCE_NAME_MAX 255
#define STORE_EVIDENCE_TYPE_MAX 32

typedef struct store_evidence {
    int64_t id;
    char sha256[STORE_EVIDENCE_HASH_HEX + 1];
    int64_t size;
    char kind[8];           /* "pdf", "docx", "xlsx", "png", "jpeg" */
    char content_type[128]; /* MIME type served on download */
    char filename[STORE_EVIDENCE_NAME_MAX + 1];
    char unit_code[USER_UNIT_MAX + 1];
    int64_t owner_id;                     /* 0 = local operator */
    char owner_login[USER_LOGIN_MAX + 1]; /* read only: joined from app_user ("" for 0) */
    char attached_type[STORE_EVIDENCE_TYPE_MAX + 1];
    int64_t attached_id;
    int64_t created_at;
} store_evidence_t;

/* Inserts ev (id and owner_login are ignored) and sets ev->id. */
MUST_CHECK int store_evidence_insert(store_t *s, store_evidence_t *ev, err_t *e);

/* ERR_NOTFOUND "evidence.not_found" when there is no row id. */
MUST_CHECK int store_evidence_get(store_t *s, int64_t id, store_evidence_t *out, err_t *e);

/* Every row attached to (attached_type, attached_id), oldest first:
 * *out is an array of *n rows (NULL when none), caller mem_free. */
MUST_CHECK int store_evidence_list(store_t *s, const char *attached_type, int64_t attached_id,
                                   store_evidence_t **out, size_t *n, err_t *e);

/* The newest rows of unit_code, at most limit of them, newest first (what a
 * unit already uploaded, to be linked again rather than uploaded twice):
 * *out as store_evidence_list. */
MUST_CHECK int store_evidence_list_unit(store_t *s, const char *unit_code, int limit,
                                        store_evidence_t **out, size_t *n, err_t *e);

#endif
