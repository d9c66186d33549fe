/* evidence.h - evidence files (hồ sơ minh chứng) attached to task updates,
 * measurements and other objects (docs/internals/evidence.md).
 *
 * Content is stored once per distinct SHA-256 under the evidence directory
 * (app_evidence_dir: EVIDENCE_DIR/ab/cd/<64 hex>), written to a temporary
 * file in the same directory, fsynced and renamed, so a reader never sees a
 * partial file. The path is derived from the hash only, never from anything
 * the client sends. Each upload is one metadata row (store_evidence.h) with
 * the sanitised original name, the unit, the uploader, the attached object
 * and the time.
 *
 * Accepted types, decided by content (magic bytes; the client's content
 * type is ignored): PDF, DOCX, XLSX (zip archives holding word/document.xml
 * or xl/workbook.xml, without macros), PNG, JPEG. A file name extension, when
 * present, must agree with the content.
 *
 * Authorisation: uploading needs ACCESS_WRITE on the unit (a unit of the
 * registry, possibly merged since: scope judged on the tree of any time); reading metadata or
 * content needs ACCESS_READ on the evidence's unit on today's tree or on the tree of the day it was
 * uploaded. actor NULL = the local operator (trusted). Errors: ERR_INVALID (evidence.*),
 * ERR_TOOLARGE evidence.too_large, ERR_FORBIDDEN auth.forbidden, ERR_NOTFOUND (evidence.not_found,
 * unit.not_found), ERR_IO (evidence.store_failed, evidence.content_missing,
 * evidence.content_damaged), ERR_DB, ERR_NOMEM. */
#ifndef CCHC_EVIDENCE_H
#define CCHC_EVIDENCE_H

#include "app/app.h"
#include "domain/access.h"
#include "store/store_evidence.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EVIDENCE_NAME_MAX     200 /* bytes of a stored file name, extension included */
#define EVIDENCE_DEFAULT_NAME "minh-chung"

typedef enum evidence_kind {
    EVIDENCE_NONE = 0,
    EVIDENCE_PDF,
    EVIDENCE_DOCX,
    EVIDENCE_XLSX,
    EVIDENCE_PNG,
    EVIDENCE_JPEG
} evidence_kind_t;

/* "pdf", "docx", "xlsx", "png", "jpeg" ("" for EVIDENCE_NONE). */
const char *evidence_kind_code(evidence_kind_t k);
/* The MIME type served on download. */
const char *evidence_kind_mime(evidence_kind_t k);
/* The canonical extension with its dot (".pdf", ".jpg"...). */
const char *evidence_kind_ext(evidence_kind_t k);

/* Detects the type of a file from its bytes. Returns 0 with *kind set, or
 * ERR_INVALID: evidence.empty (no bytes), evidence.type_unsupported (none of
 * the accepted types: executables, HTML, text...), evidence.zip_unsupported
 * (a zip archive that is neither DOCX nor XLSX, or a damaged one),
 * evidence.macro (an Office file with macros: vbaProject.bin). Only the zip
 * directory is read, nothing is decompressed. */
int evidence_sniff(const void *data, size_t len, evidence_kind_t *kind, err_t *e);

/* Cleans a client-supplied file name for use as metadata (it is never used
 * as a path): the part after the last '/' or '\', NFC; control characters
 * (C0, DEL, C1) and <>:"/\|?* become '_'; bidirectional and zero-width
 * format characters are dropped; runs of white space become one space;
 * leading and trailing spaces and dots are removed; Windows device names
 * (CON, NUL, COM1...) get a leading '_'; an empty result becomes
 * EVIDENCE_DEFAULT_NAME. An extension (letters and digits after the last
 * '.', at least one letter, at most 5) must be one of kind's (".jpg" and
 * ".jpeg" for JPEG), case-insensitively: otherwise ERR_INVALID
 * evidence.extension_mismatch; without one, kind's canonical extension is
 * appended. The result has at most EVIDENCE_NAME_MAX bytes (the stem is
 * cut on a code point boundary, the extension kept). name may be NULL.
 * *out gets a new string (caller mem_free): 0, or ERR_INVALID
 * evidence.filename_invalid (not UTF-8), evidence.extension_mismatch, ERR_NOMEM
 * (*out NULL). */
MUST_CHECK int evidence_filename_clean(const char *name, evidence_kind_t kind, char **out,
                                       err_t *e);

/* The Content-Disposition value for downloading a file named name (a
 * cleaned name): attachment; filename="<ASCII fallback>";
 * filename*=UTF-8''<RFC 5987 percent-encoding of name>. In the fallback,
 * bytes outside printable ASCII and '"', '\', '%' become '_'. Caller
 * mem_free; NULL when out of memory. */
char *evidence_content_disposition(const char *name);

typedef store_evidence_t evidence_t;

typedef struct evidence_upload {
    const char *unit_code;     /* the unit the evidence belongs to */
    const char *attached_type; /* [a-z][a-z0-9_]{0,31}: "task_update", "measurement"... */
    int64_t attached_id;       /* > 0 */
    const char *filename;      /* client-supplied original name (may be NULL) */
    const void *data;          /* the file's bytes */
    size_t len;
} evidence_upload_t;

/* Checks and stores one upload, records its metadata row and an audit event
 * in one transaction, and fills out (which gets the id). *duplicate (may be
 * NULL) tells whether the same content was already stored. Larger than
 * app_evidence_max -> ERR_TOOLARGE evidence.too_large. Bad attached_type or
 * attached_id -> ERR_INVALID evidence.attached_invalid; unit not in the
 * registry -> ERR_NOTFOUND unit.not_found. The existence of the attached object is
 * not checked here (see docs/internals/evidence.md). */
int evidence_upload(app_t *a, const user_t *actor, const evidence_upload_t *in, evidence_t *out,
                    bool *duplicate, err_t *e);

/* Metadata of evidence id, when actor may read it. */
int evidence_get(app_t *a, const user_t *actor, int64_t id, evidence_t *out, err_t *e);

/* Metadata plus an open read-only descriptor on the stored content (caller
 * closes *fd), when actor may read it. A stored file that is missing or
 * whose size differs from the row gives ERR_IO (evidence.content_missing,
 * evidence.content_damaged). */
int evidence_open(app_t *a, const user_t *actor, int64_t id, evidence_t *out, int *fd, err_t *e);

/* The evidence attached to (attached_type, attached_id) that actor may read,
 * oldest first: *out has *n rows (NULL when none), caller mem_free. */
int evidence_list(app_t *a, const user_t *actor, const char *attached_type, int64_t attached_id,
                  evidence_t **out, size_t *n, err_t *e);

/* At most this many rows from evidence_list_unit. */
#define EVIDENCE_LIST_MAX 500

/* What unit has already uploaded, newest first, at most limit rows (out of
 * 1..EVIDENCE_LIST_MAX: the maximum), so that a file can be linked to a PAR
 * criterion or a report instead of being uploaded again. ERR_FORBIDDEN when
 * actor may not read the unit. *out as evidence_list (caller mem_free). */
int evidence_list_unit(app_t *a, const user_t *actor, const char *unit, int limit, evidence_t **out,
                       size_t *n, err_t *e);

/* The metadata of the evidence ids listed in `ids` (comma-separated, as the
 * stores' group_concat gives them) as a JSON array of {"id","filename",
 * "size","kind","content_type"} in that order; ids that no longer exist are
 * skipped. NULL when out of memory. Reads through s (the caller's
 * connection, inside or outside a transaction). */
json_t *evidence_ids_json(store_t *s, const char *ids);

/* Where the content of sha256 (64 lower-case hex) is stored, into out[cap];
 * ERR_INVALID when sha256 is not 64 lower-case hex digits, ERR_RANGE when
 * cap is too small. */
int evidence_content_path(const app_t *a, const char *sha256, char *out, size_t cap);

#endif
