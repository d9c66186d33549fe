/* app_audit.h - reading and checking the audit trail (store_audit.h): for
 * administrators only (actor NULL = the local operator).
 *
 * Every state change of users, units, plans, tasks, targets, reports and
 * scores is appended by its use case inside its own transaction
 * (store_audit_change); this module only reads. */
#ifndef CCHC_APP_AUDIT_H
#define CCHC_APP_AUDIT_H

#include "app/app.h"
#include "domain/access.h"
#include "store/store_audit.h"

#include <jansson.h>

/* A page of entries, newest first:
 *   {"items":[{"seq","at","actor","action","object","detail","before",
 *              "after","hash"}...], "next_before": seq or null}
 * before/after are the recorded JSON values (null when not recorded);
 * next_before is the filter's before_seq for the next (older) page. Rows
 * written without the chain are sealed first. Caller json_decref.
 * ERR_FORBIDDEN for anyone but an administrator. */
int app_audit_list(app_t *a, const user_t *actor, const store_audit_filter_t *f, json_t **out,
                   err_t *e);

/* Verifies the whole chain (store_audit_verify): 0 when intact, ERR_CONFLICT
 * "audit.broken" naming the first edited or deleted entry; out filled in
 * both cases. ERR_FORBIDDEN for anyone but an administrator. */
int app_audit_verify(app_t *a, const user_t *actor, store_audit_check_t *out, err_t *e);

#endif
