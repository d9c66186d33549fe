/* app_par_framework.c - PAR frameworks: import, list, load
 * (app_par_framework.h). */
#include "app/app_par_framework.h"

#include "app/app_par_int.h"
#include "base/jsonx.h"
#include "store/store_audit.h"
#include "store/store_par_fw.h"

#include <sodium.h>
#include <stdio.h>

#include "base/banned.h"

static int forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Chỉ quản trị hoặc cơ quan thường trực được nhập bộ tiêu chí",
                   "Only an administrator or the standing agency may import a framework");
}

int app_par_framework_import(app_t *a, const user_t *actor, const par_framework_t *fw,
                             const char *source_name, const void *data, size_t len, int64_t *id,
                             bool *inserted, err_t *e)
{
    if (actor && (actor->disabled ||
                  (actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING)))
        return forbidden(e);
    if (!fw->valid)
        return err_set(e, ERR_INVALID, "par.framework_invalid", "Bộ tiêu chí chưa hợp lệ",
                       "The framework is not valid");
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    char at[STORE_PAR_AT];
    app_par_now(at);
    store_par_fw_meta_t m = {hex, source_name ? source_name : "", at, app_par_who(actor)};
    bool fresh = false;
    rc = store_par_fw_insert(s, fw, &m, id, &fresh, e);
    if (!rc && fresh) {
        char object[48];
        snprintf(object, sizeof object, "par_framework:%lld", (long long)*id);
        rc = store_audit_append(s, m.imported_by, "par.framework_import", object, fw->name, e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (inserted)
        *inserted = fresh;
    return rc;
}

static int on_fw(void *ctx, const store_par_fw_t *f, err_t *e)
{
    json_t *items = ctx;
    json_t *o = json_object();
    int rc = o ? 0 : -1;
    rc |= jsonx_set_int(o, "id", f->id);
    rc |= jsonx_set_str(o, "name", f->name);
    rc |= jsonx_set_int(o, "year", f->year);
    rc |= jsonx_set_int(o, "year_to", f->year_to ? f->year_to : f->year);
    rc |= jsonx_set_str(o, "unit_kind", f->unit_kind);
    rc |= jsonx_set_str(o, "reference", f->reference);
    rc |= jsonx_set_bool(o, "sample", f->sample);
    rc |= jsonx_set_str(o, "source_name", f->source_name);
    rc |= jsonx_set_str(o, "sha256", f->sha256);
    rc |= jsonx_set_str(o, "imported_at", f->imported_at);
    rc |= jsonx_set_str(o, "imported_by", f->imported_by);
    rc |= jsonx_set_int(o, "nodes", f->nodes);
    if (rc || json_array_append_new(items, o)) {
        json_decref(o);
        return err_nomem(e);
    }
    return 0;
}

int app_par_framework_list(app_t *a, const user_t *actor, json_t **out, err_t *e)
{
    (void)actor; /* any session may read frameworks */
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    if (!items)
        return err_nomem(e);
    rc = store_par_fw_rows(s, 0, on_fw, items, e);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *out = app_par_wrap("items", items);
    return *out ? 0 : err_nomem(e);
}

int app_par_framework_get(app_t *a, const user_t *actor, int64_t id, par_framework_t **out,
                          err_t *e)
{
    (void)actor;
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    return rc ? rc : store_par_fw_load(s, id, out, e);
}
