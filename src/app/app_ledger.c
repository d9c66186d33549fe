/* app_ledger.c - procedure catalogue import; shared ledger rules. The bulk
 * dossier ingest is in app_ledger_ingest.c. */
#include "app/app_ledger.h"

#include "app/app_ledger_int.h"
#include "app/app_units.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *reject_names[LREJ_COUNT] = {"columns",   "truncated", "format", "date",
                                               "value",     "status",    "order",  "unit",
                                               "procedure", "duplicate"};

const char *app_ledger_reject_name(int reason)
{
    return reason >= 0 && reason < LREJ_COUNT ? reject_names[reason] : "?";
}

int app_ledger_forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Chỉ quản trị hệ thống được nhập dữ liệu hồ sơ và danh mục thủ tục",
                   "Only an administrator may import ledger and procedure data");
}

/* A bulk file holds rows of many units, possibly of several provinces: only
 * an administrator (or the local operator) imports it. The standing agency
 * used to, when it had no unit; every role but admin has one now. */
bool app_ledger_may_import(const user_t *actor)
{
    return !actor || actor->role == ACCESS_ROLE_ADMIN;
}

/* --- procedures ------------------------------------------------------------- */

int app_ledger_load_procedures(app_t *a, procedure_set_t *out, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    return store_procedure_load_all(s, out, e);
}

int app_ledger_import_procedures(app_t *a, const user_t *actor, const procedure_set_t *in,
                                 const char *source, size_t *count, err_t *e)
{
    if (actor && !app_ledger_may_import(actor))
        return app_ledger_forbidden(e);
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    for (size_t i = 0; !rc && i < in->nlinks; i++)
        if (!unit_set_find(&units, in->links[i].unit, DATE_NONE))
            rc = err_set(e, ERR_INVALID, "procedure.unit_unknown",
                         "%s: thủ tục %s gắn với đơn vị không tồn tại '%s'",
                         "%s: procedure %s names an unknown unit '%s'", source,
                         in->links[i].procedure, in->links[i].unit);
    unit_set_release(&units);
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_procedure_save_all(s, in, e);
    if (!rc)
        rc = store_ledger_bump(s, e);
    if (!rc) {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu procedures, %zu links", in->n, in->nlinks);
        rc = store_audit_append(s, actor ? actor->login : "cli", "procedure.import", source, detail,
                                e);
    }
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && count)
        *count = in->n;
    return rc;
}
