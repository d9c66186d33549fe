/* store_initpw.h - the initial password files of users (migration 0026;
 * policy in src/app/app_auth_password.h). Errors: store.h's. */
#ifndef CCHC_STORE_INITPW_H
#define CCHC_STORE_INITPW_H

#include "store/store.h"

#include <stddef.h>

/* Records (or replaces) login's initial password file. */
MUST_CHECK int store_initpw_put(store_t *s, const char *login, const char *path, int64_t now,
                                err_t *e);
/* Removes login's record: STORE_FOUND with its path in path_out (cap bytes,
 * truncated if longer), or 0 when there was none (path_out ""). */
MUST_CHECK int store_initpw_take(store_t *s, const char *login, char *path_out, size_t cap,
                                 err_t *e);

#endif
