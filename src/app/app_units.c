#include "app/app_units.h"

#include "store/store_unit.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

int app_units_load(app_t *a, unit_set_t *out, err_t *e)
{
    store_t *s = app_store(a, e);
    if (!s)
        return e ? e->status : ERR_DB;
    return store_units_load(s, out, e);
}

static bool same_version(const unit_t *x, const unit_t *y)
{
    return strcmp(x->code, y->code) == 0 && x->valid_from == y->valid_from;
}

/* merged = existing versions not replaced by `in`, then everything of `in`. */
static int merge(const unit_set_t *existing, const unit_set_t *in, unit_set_t *merged, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < existing->n; i++) {
        bool replaced = false;
        for (size_t j = 0; j < in->n && !replaced; j++)
            replaced = same_version(&existing->units[i], &in->units[j]);
        if (!replaced) {
            unit_t u = existing->units[i];
            u.line = 0;
            rc = unit_set_add(merged, &u, e);
        }
    }
    for (size_t j = 0; !rc && j < in->n; j++)
        rc = unit_set_add(merged, &in->units[j], e);
    for (size_t i = 0; !rc && i < existing->nlinks; i++)
        rc = unit_set_add_link(merged, &existing->links[i], e);
    for (size_t j = 0; !rc && j < in->nlinks; j++)
        rc = unit_set_add_link(merged, &in->links[j], e);
    return rc;
}

int app_units_import(app_t *a, const user_t *actor, const unit_set_t *in, const char *source,
                     app_unit_import_report_t *rep, err_t *e)
{
    if (actor && !access_allows(actor, ACCESS_ADMIN, NULL, NULL, DATE_NONE))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ quản trị hệ thống được nhập danh mục đơn vị",
                       "Only an administrator may import the unit registry");
    store_t *s = app_store(a, e);
    if (!s)
        return e ? e->status : ERR_DB;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    unit_set_t existing, merged;
    unit_set_init(&existing);
    unit_set_init(&merged);
    rc = store_units_load(s, &existing, e);
    if (!rc)
        rc = merge(&existing, in, &merged, e);
    if (!rc)
        rc = unit_set_validate(&merged, source, e);
    if (!rc)
        rc = store_units_save(s, in, e);
    if (!rc) {
        char detail[128];
        snprintf(detail, sizeof detail, "%zu units, %zu links", in->n, in->nlinks);
        rc = store_audit(s, actor ? actor->login : "cli", "unit.import", source, detail, e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && rep) {
        rep->units = in->n;
        rep->links = in->nlinks;
        rep->total = merged.n;
    }
    unit_set_release(&existing);
    unit_set_release(&merged);
    return rc;
}
