/* app_auth_password.h - the initial password file of a user.
 *
 * `cchc user add --password-file PATH` writes the generated password to
 * PATH (mode 0600) and records PATH for the login in the database (table
 * initial_password, migration 0026). The first change of that user's
 * password, by any route (CLI reset, the user's own change through the API
 * or the web form, an administrator's reset), deletes the file and the
 * record, so no stale password is ever left on disk or shown again
 * (scripts/run.sh prints it once, when it is made). The password rules
 * themselves are access_password_check's (app_users.h). */
#ifndef CCHC_APP_AUTH_PASSWORD_H
#define CCHC_APP_AUTH_PASSWORD_H

#include "app/app.h"

#include <stddef.h>

/* Writes password to path (created or replaced, mode 0600, fsync'ed) and
 * records path (made absolute) as login's initial password file. ERR_IO
 * "user.password_file" when the file cannot be written (the message does
 * not repeat the path), store errors otherwise. */
int app_auth_password_initial_file(app_t *a, const char *login, const char *path,
                                   const char *password, err_t *e);

/* Inside the caller's write transaction on s, after login's password was
 * changed: takes login's initial password record, if any; *path_out
 * (cap bytes) gets its file ("" when none), to be removed with
 * app_auth_password_forget_file once the transaction committed. */
int app_auth_password_take_initial(store_t *s, const char *login, char *path_out, size_t cap,
                                   err_t *e);
/* Removes the initial password file (no-op for ""); failures are logged. */
void app_auth_password_forget_file(const char *path);

#endif
