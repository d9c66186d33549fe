/* app_auth_password.h - the password policy and the initial password file.
 *
 * Policy (app_auth_password_check), applied to every password set through
 * the application (user add, admin reset, a user's own change):
 *   - at least AUTH_PASSWORD_MIN characters (Unicode code points; a
 *     Vietnamese "mật khẩu" counts its letters, not its bytes) and at most
 *     AUTH_PASSWORD_MAX bytes of valid UTF-8;
 *   - not containing the login, in any case ("Admin2024!x" for admin);
 *   - not a common password: the lower-cased password, and the same with its
 *     trailing digits and punctuation removed ("Password-123" -> "password"),
 *     is looked up in the lists DATA_DIR/passwords/common-10k.txt and
 *     common-vi.txt (one entry a line, '#' comments; see
 *     data/passwords/README.md for their source) and a short built-in list
 *     that applies even when the files are missing (then a warning is
 *     logged once per check).
 * Errors: ERR_INVALID "user.password_length", "user.password_login",
 * "user.password_common", "user.password_invalid" (not UTF-8 / control
 * characters), with Vietnamese and English messages that say the rule.
 *
 * Initial password file: `cchc user add --password-file PATH` writes the
 * generated password to PATH (mode 0600) and records PATH for the login in
 * the database (table initial_password, migration 0026). The first change
 * of that user's password, by any route (CLI reset, the user's own change
 * through the API, an administrator), deletes the file and the record, so
 * no stale password is ever left on disk or shown again. */
#ifndef CCHC_APP_AUTH_PASSWORD_H
#define CCHC_APP_AUTH_PASSWORD_H

#include "app/app.h"

#include <stdbool.h>

#define AUTH_PASSWORD_MIN 10  /* characters */
#define AUTH_PASSWORD_MAX 256 /* bytes */

/* Checks password for login against the policy (data_dir: where the lists
 * are, may be NULL = built-in list only). */
int app_auth_password_check(const char *data_dir, const char *login, const char *password,
                            err_t *e);

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
