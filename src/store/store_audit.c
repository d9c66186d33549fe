/* store_audit.c - the audit trail (store_audit.h). */
#include "store/store_audit.h"

#include "base/banned.h"

int store_audit_append(store_t *s, const char *actor, const char *action, const char *object,
                       const char *detail, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO audit_event (at, actor, action, object, detail) "
                           "VALUES (CURRENT_TIMESTAMP, ?1, ?2, ?3, ?4)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, actor ? actor : "system");
    store_bind_text(st, 2, action);
    store_bind_text(st, 3, object ? object : "");
    store_bind_text(st, 4, detail ? detail : "");
    return store_run(st, e);
}
