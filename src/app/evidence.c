/* evidence.c - the evidence store on disk and the evidence use cases
 * (evidence.h; type and name checks are in evidence_check.c). */
#include "app/evidence.h"

#include "base/log.h"

#include "app/app_units.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

_Static_assert(EVIDENCE_NAME_MAX <= STORE_EVIDENCE_NAME_MAX, "file name must fit the row");

#define HASH_CHUNK (1024 * 1024)

/* ---- content store ------------------------------------------------------ */

static bool hex_hash(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == STORE_EVIDENCE_HASH_HEX;
}

int evidence_content_path(const app_t *a, const char *sha256, char *out, size_t cap)
{
    if (!sha256 || !hex_hash(sha256))
        return ERR_INVALID;
    int n = snprintf(out, cap, "%s/%.2s/%.2s/%s", app_evidence_dir(a), sha256, sha256 + 2, sha256);
    return n < 0 || (size_t)n >= cap ? ERR_RANGE : 0;
}

/* SHA-256 of the content in lower-case hex, fed in chunks (the streaming
 * interface, ready for content that arrives in pieces). */
static void hash_hex(const void *data, size_t len, char hex[STORE_EVIDENCE_HASH_HEX + 1])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    const unsigned char *p = data;
    crypto_hash_sha256_init(&st);
    for (size_t off = 0; off < len; off += HASH_CHUNK) {
        size_t n = len - off < HASH_CHUNK ? len - off : HASH_CHUNK;
        crypto_hash_sha256_update(&st, p + off, n);
    }
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, STORE_EVIDENCE_HASH_HEX + 1, digest, sizeof digest);
}

/* The path is for the operator's log only: users see what failed, never
 * where the evidence store lives. */
static int io_failed(err_t *e, const char *what, const char *path)
{
    int errnum = errno;
    log_sub("evidence", LOG_ERROR, "%s %s: %s", what, path, strerror(errnum));
    return err_set(e, ERR_IO, "evidence.store_failed",
                   "Không lưu được tệp minh chứng (lỗi hệ thống tệp: %s)",
                   "Cannot store the evidence file (file system error: %s)", strerror(errnum));
}

/* mkdir -p for the directory part of path (up to its last '/'). */
static int make_dirs(const char *path, err_t *e)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0750) != 0 && errno != EEXIST)
            return io_failed(e, "mkdir", dir);
        *p = '/';
    }
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return io_failed(e, "mkdir", dir);
    return 0;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static void sync_dir(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Stores the content under path unless a file of the same size is there
 * (*existed): temporary file in the same directory, fsync, rename. */
static int store_content(const char *path, const void *data, size_t len, bool *existed, err_t *e)
{
    struct stat st;
    *existed = false;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == len) {
        *existed = true;
        return 0;
    }
    int rc = make_dirs(path, e);
    if (rc)
        return rc;
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%.*s/.tmp-XXXXXX", (int)(strrchr(path, '/') - path), path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return io_failed(e, "create", tmp);
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        rc = io_failed(e, "write", tmp);
        close(fd);
        unlink(tmp);
        return rc;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        rc = io_failed(e, "rename", path);
        unlink(tmp);
        return rc;
    }
    sync_dir(path);
    return 0;
}

/* ---- authorisation -------------------------------------------------------- */

static date_t today(void)
{
    return dtime_date(dtime_now());
}

static int forbidden(err_t *e, const char *vi, const char *en, const char *unit)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden", vi, en, unit);
}

static int check_write(app_t *a, const user_t *actor, const char *unit, err_t *e)
{
    unit_set_t set;
    unit_set_init(&set);
    /* Evidence may be filed for a unit that has since been merged (the
     * tasks of a past plan): the unit must exist in the registry, and the
     * scope is judged on the tree of any time (as task tracking does). */
    int rc = app_units_load(a, &set, e);
    if (!rc && !unit_set_find(&set, unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", unit);
    if (!rc && actor && !access_allows(actor, ACCESS_WRITE, unit, &set, DATE_NONE))
        rc = forbidden(e, "Bạn không có quyền nộp hồ sơ minh chứng cho đơn vị %s",
                       "You may not upload evidence for unit %s", unit);
    unit_set_release(&set);
    return rc;
}

/* Read access on today's tree or on the tree of the upload day. */
static bool may_read(const user_t *actor, const evidence_t *ev, const unit_set_t *set, date_t at)
{
    if (!actor)
        return true;
    date_t then = dtime_date(dtime_from_utc(ev->created_at));
    return access_allows(actor, ACCESS_READ, ev->unit_code, set, at) ||
           access_allows(actor, ACCESS_READ, ev->unit_code, set, then);
}

static int check_read(app_t *a, const user_t *actor, const evidence_t *ev, err_t *e)
{
    if (!actor)
        return 0;
    unit_set_t set;
    unit_set_init(&set);
    int rc = app_units_load(a, &set, e);
    if (!rc && !may_read(actor, ev, &set, today()))
        rc = forbidden(e, "Bạn không có quyền xem hồ sơ minh chứng của đơn vị %s",
                       "You may not see the evidence of unit %s", ev->unit_code);
    unit_set_release(&set);
    return rc;
}

/* ---- use cases ------------------------------------------------------------ */

static bool attached_type_valid(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    if (n < 1 || n > STORE_EVIDENCE_TYPE_MAX || !(t[0] >= 'a' && t[0] <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') || t[i] == '_'))
            return false;
    return true;
}

static int check_upload(const app_t *a, const evidence_upload_t *in, err_t *e)
{
    if (!attached_type_valid(in->attached_type) || in->attached_id <= 0)
        return err_set(e, ERR_INVALID, "evidence.attached_invalid",
                       "Đối tượng đính kèm không hợp lệ (loại: chữ thường a-z, 0-9, _; số: "
                       "nguyên dương)",
                       "Invalid attached object (type: lower-case a-z, 0-9, _; id: a positive "
                       "integer)");
    if (!in->unit_code || !in->unit_code[0] || strlen(in->unit_code) > USER_UNIT_MAX)
        return err_set(e, ERR_INVALID, "evidence.unit_missing", "Thiếu mã đơn vị",
                       "The unit code is missing");
    if (in->len > app_evidence_max(a))
        return err_set(
            e, ERR_TOOLARGE, "evidence.too_large", "Tệp quá lớn: %zu byte (tối đa %zu byte)",
            "The file is too large: %zu bytes (at most %zu)", in->len, app_evidence_max(a));
    return 0;
}

static int record(app_t *a, const user_t *actor, evidence_t *ev, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_evidence_insert(s, ev, e);
    if (!rc) {
        char object[48], detail[STORE_EVIDENCE_NAME_MAX + 256];
        snprintf(object, sizeof object, "evidence:%lld", (long long)ev->id);
        snprintf(detail, sizeof detail, "%s %lld bytes %s unit=%s %s:%lld %s", ev->sha256,
                 (long long)ev->size, ev->kind, ev->unit_code, ev->attached_type,
                 (long long)ev->attached_id, ev->filename);
        rc = store_audit_append(s, actor ? actor->login : "cli", "evidence.upload", object, detail,
                                e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

int evidence_upload(app_t *a, const user_t *actor, const evidence_upload_t *in, evidence_t *out,
                    bool *duplicate, err_t *e)
{
    err_t local;
    if (!e)
        e = &local;
    if (duplicate)
        *duplicate = false;
    int rc = check_upload(a, in, e);
    if (!rc)
        rc = check_write(a, actor, in->unit_code, e);
    evidence_kind_t kind = EVIDENCE_NONE;
    if (!rc)
        rc = evidence_sniff(in->data, in->len, &kind, e);
    if (rc)
        return rc;
    char *name;
    rc = evidence_filename_clean(in->filename, kind, &name, e);
    if (rc)
        return rc;
    evidence_t ev;
    memset(&ev, 0, sizeof ev);
    hash_hex(in->data, in->len, ev.sha256);
    ev.size = (int64_t)in->len;
    snprintf(ev.kind, sizeof ev.kind, "%s", evidence_kind_code(kind));
    snprintf(ev.content_type, sizeof ev.content_type, "%s", evidence_kind_mime(kind));
    snprintf(ev.filename, sizeof ev.filename, "%s", name);
    snprintf(ev.unit_code, sizeof ev.unit_code, "%s", in->unit_code);
    ev.owner_id = actor ? actor->id : 0;
    snprintf(ev.owner_login, sizeof ev.owner_login, "%s", actor ? actor->login : "");
    snprintf(ev.attached_type, sizeof ev.attached_type, "%s", in->attached_type);
    ev.attached_id = in->attached_id;
    ev.created_at = (int64_t)time(NULL);
    mem_free(name);
    char path[PATH_MAX];
    bool existed = false;
    rc = evidence_content_path(a, ev.sha256, path, sizeof path);
    if (rc)
        return err_set(e, ERR_IO, "evidence.store_failed", "Đường dẫn kho minh chứng quá dài",
                       "The evidence directory path is too long");
    rc = store_content(path, in->data, in->len, &existed, e);
    if (!rc)
        rc = record(a, actor, &ev, e);
    if (rc)
        return rc;
    if (duplicate)
        *duplicate = existed;
    *out = ev;
    return 0;
}

int evidence_get(app_t *a, const user_t *actor, int64_t id, evidence_t *out, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    evidence_t ev;
    rc = store_evidence_get(s, id, &ev, e);
    if (!rc)
        rc = check_read(a, actor, &ev, e);
    if (!rc)
        *out = ev;
    return rc;
}

int evidence_open(app_t *a, const user_t *actor, int64_t id, evidence_t *out, int *fd, err_t *e)
{
    *fd = -1;
    evidence_t ev;
    int rc = evidence_get(a, actor, id, &ev, e);
    if (rc)
        return rc;
    char path[PATH_MAX];
    if (evidence_content_path(a, ev.sha256, path, sizeof path))
        return err_set(e, ERR_IO, "evidence.content_missing",
                       "Không tìm thấy nội dung của hồ sơ minh chứng số %lld",
                       "The content of evidence file %lld is missing", (long long)id);
    int f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (f < 0)
        return err_set(e, ERR_IO, "evidence.content_missing",
                       "Không tìm thấy nội dung của hồ sơ minh chứng số %lld",
                       "The content of evidence file %lld is missing", (long long)id);
    struct stat st;
    if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode) || (int64_t)st.st_size != ev.size) {
        close(f);
        return err_set(e, ERR_IO, "evidence.content_damaged",
                       "Nội dung của hồ sơ minh chứng số %lld bị hỏng (sai kích thước)",
                       "The content of evidence file %lld is damaged (wrong size)", (long long)id);
    }
    *fd = f;
    *out = ev;
    return 0;
}

int evidence_list(app_t *a, const user_t *actor, const char *attached_type, int64_t attached_id,
                  evidence_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    evidence_t *rows;
    size_t count;
    rc = store_evidence_list(s, attached_type, attached_id, &rows, &count, e);
    if (rc || count == 0)
        return rc;
    unit_set_t set;
    unit_set_init(&set);
    rc = actor ? app_units_load(a, &set, e) : 0;
    size_t kept = 0;
    date_t at = today();
    for (size_t i = 0; !rc && i < count; i++)
        if (may_read(actor, &rows[i], &set, at))
            rows[kept++] = rows[i];
    unit_set_release(&set);
    if (rc || kept == 0) {
        mem_free(rows);
        return rc;
    }
    *out = rows;
    *n = kept;
    return 0;
}

int evidence_list_unit(app_t *a, const user_t *actor, const char *unit, int limit, evidence_t **out,
                       size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    if (limit < 1 || limit > EVIDENCE_LIST_MAX)
        limit = EVIDENCE_LIST_MAX;
    unit_set_t set;
    unit_set_init(&set);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc && actor)
        rc = app_units_load(a, &set, e);
    if (!rc && actor && !access_allows(actor, ACCESS_READ, unit, &set, today()))
        rc = forbidden(e, "Bạn không có quyền xem hồ sơ minh chứng của đơn vị %s",
                       "You may not see the evidence of unit %s", unit);
    evidence_t *rows = NULL;
    size_t count = 0, kept = 0;
    if (!rc)
        rc = store_evidence_list_unit(s, unit, limit, &rows, &count, e);
    for (size_t i = 0; !rc && i < count; i++)
        if (may_read(actor, &rows[i], &set, today()))
            rows[kept++] = rows[i];
    unit_set_release(&set);
    if (rc || kept == 0) {
        mem_free(rows);
        return rc;
    }
    *out = rows;
    *n = kept;
    return 0;
}

json_t *evidence_ids_json(store_t *s, const char *ids)
{
    json_t *arr = json_array();
    for (const char *p = ids ? ids : ""; arr && *p;) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p)
            break;
        p = *end == ',' ? end + 1 : end;
        store_evidence_t ev;
        err_t ignored;
        if (store_evidence_get(s, id, &ev, &ignored))
            continue;
        json_t *o = json_pack("{s:I,s:s,s:I,s:s,s:s}", "id", (json_int_t)ev.id, "filename",
                              ev.filename, "size", (json_int_t)ev.size, "kind", ev.kind,
                              "content_type", ev.content_type);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}
