#include "app/app_units.h"

#include "store/store_ledger.h"

#include "store/store_unit.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include "base/jsonx.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int app_units_load(app_t *a, unit_set_t *out, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    return store_unit_load(s, out, e);
}

/* merged = existing versions not replaced by `in` (same code and start),
 * then everything of `in`, indexed for validation. */
static int merge(const unit_set_t *existing, const unit_set_t *in, unit_set_t *merged, err_t *e)
{
    unit_set_t view = *in; /* shallow: only the index is ours */
    view.by_code = NULL;
    view.nindexed = 0;
    int rc = unit_set_index(&view) ? err_nomem(e) : 0;
    for (size_t i = 0; !rc && i < existing->n; i++) {
        const unit_t *x = &existing->units[i];
        if (unit_set_find_version(&view, x->code, x->valid_from))
            continue;
        unit_t u = *x;
        u.line = 0;
        rc = unit_set_add(merged, &u, e);
    }
    mem_free(view.by_code);
    for (size_t j = 0; !rc && j < in->n; j++)
        rc = unit_set_add(merged, &in->units[j], e);
    for (size_t i = 0; !rc && i < existing->nlinks; i++)
        rc = unit_set_add_link(merged, &existing->links[i], e);
    for (size_t j = 0; !rc && j < in->nlinks; j++)
        rc = unit_set_add_link(merged, &in->links[j], e);
    if (!rc && unit_set_index(merged))
        rc = err_nomem(e);
    return rc;
}

/* Loads the registry into existing, merges `in` and validates the result
 * (no lock held). Both sets are released first and filled anew. */
static int prepare(store_t *s, const unit_set_t *in, const char *source, unit_set_t *existing,
                   unit_set_t *merged, err_t *e)
{
    unit_set_release(existing);
    unit_set_release(merged);
    int rc = store_unit_load(s, existing, e);
    if (!rc)
        rc = merge(existing, in, merged, e);
    if (!rc)
        rc = unit_set_validate(merged, source, e);
    if (!rc && unit_set_index(existing))
        rc = err_nomem(e);
    return rc;
}

static json_t *date_or_null(date_t d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return json_null();
    date_format(d, buf);
    return json_string(buf);
}

/* A unit version as the audit trail records it (caller free()s). */
static char *unit_state(const unit_t *u)
{
    json_t *al = json_array();
    for (size_t i = 0; al && i < u->naliases; i++)
        if (json_array_append_new(al, json_string(u->aliases[i]))) {
            json_decref(al);
            al = NULL;
        }
    json_t *o = al ? json_pack("{s:s,s:s,s:s,s:s?,s:o,s:o,s:o}", "code", u->code, "name", u->name,
                               "kind", unit_kind_code(u->kind), "parent", u->parent, "valid_from",
                               date_or_null(u->valid_from), "valid_to", date_or_null(u->valid_to),
                               "aliases", al)
                   : NULL;
    char *text = o ? jsonx_dump(o) : NULL;
    json_decref(o);
    return text;
}

/* One audit entry per unit version the import creates or changes (an
 * identical version is not recorded again). */
static int audit_units(store_t *s, const char *who, const unit_set_t *existing,
                       const unit_set_t *in, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < in->n; i++) {
        const unit_t *u = &in->units[i];
        const unit_t *old = unit_set_find_version(existing, u->code, u->valid_from);
        char *before = old ? unit_state(old) : NULL, *after = unit_state(u);
        char object[96];
        snprintf(object, sizeof object, "unit:%s", u->code);
        if (!after || (old && !before))
            rc = err_nomem(e);
        else if (!before || strcmp(before, after) != 0)
            rc = store_audit_change(s, who, old ? "unit.update" : "unit.create", object, u->name,
                                    before, after, e);
        free(before);
        free(after);
    }
    return rc;
}

/* The one code and name rule (unit_check) on everything imported, whatever
 * reader produced it: the readers report file:line, this covers any other
 * caller. */
static int check_input(const unit_set_t *in, const char *source, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < in->n; i++) {
        const unit_t *u = &in->units[i];
        rc = unit_check(u, e);
        if (rc)
            err_prefixf(e, "%s:%d: ", "%s:%d: ",
                        u->source ? u->source
                        : source  ? source
                                  : "",
                        u->line);
    }
    for (size_t i = 0; !rc && i < in->nlinks; i++) {
        rc = unit_code_check(in->links[i].from, e);
        if (!rc)
            rc = unit_code_check(in->links[i].to, e);
    }
    return rc;
}

int app_units_import(app_t *a, const user_t *actor, const unit_set_t *in, const char *source,
                     app_unit_import_report_t *rep, err_t *e)
{
    if (actor && !access_allows(actor, ACCESS_ADMIN, NULL, NULL, DATE_NONE))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ quản trị hệ thống được nhập danh mục đơn vị",
                       "Only an administrator may import the unit registry");
    int rc = check_input(in, source, e);
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    /* Validate without the write lock; re-validate under it only if another
     * connection committed in between. */
    unit_set_t merged, existing;
    unit_set_init(&merged);
    unit_set_init(&existing);
    int64_t v1 = 0, v2 = 0;
    rc = store_data_version(s, &v1, e);
    if (!rc)
        rc = prepare(s, in, source, &existing, &merged, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc) {
        unit_set_release(&merged);
        unit_set_release(&existing);
        return rc;
    }
    rc = store_data_version(s, &v2, e);
    if (!rc && v2 != v1)
        rc = prepare(s, in, source, &existing, &merged, e);
    if (!rc)
        rc = store_unit_save(s, in, e);
    if (!rc) /* the KPI snapshot is keyed by the ledger generation: a new tree
                (units, parents, mergers) is picked up by the next computation */
        rc = store_ledger_bump(s, e);
    if (!rc) {
        char detail[128];
        snprintf(detail, sizeof detail, "%zu units, %zu links", in->n, in->nlinks);
        rc = store_audit_append(s, actor ? actor->login : "cli", "unit.import", source, detail, e);
    }
    if (!rc)
        rc = audit_units(s, actor ? actor->login : "cli", &existing, in, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && rep) {
        rep->units = in->n;
        rep->links = in->nlinks;
        rep->total = merged.n;
    }
    unit_set_release(&merged);
    unit_set_release(&existing);
    return rc;
}
