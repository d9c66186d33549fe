/* store_audit.h - the audit trail: one row per state change. */
#ifndef CCHC_STORE_AUDIT_H
#define CCHC_STORE_AUDIT_H

#include "store/store.h"

/* Appends an event; actor NULL = "system", object and detail may be NULL. */
MUST_CHECK int store_audit_append(store_t *s, const char *actor, const char *action,
                                  const char *object, const char *detail, err_t *e);

#endif
