/* store_health.h - whether the database can take writes, for the health
 * check (issue 16 item 16; app_health.h).
 *
 * SQLite: the database file may be written (access(2): permissions, an
 * immutable file, a read-only mount; never opened, which would drop
 * SQLite's locks) and its directory is on a writable file system (the
 * journal files are made there). PostgreSQL: the server
 * is not a standby (pg_is_in_recovery) and the session does not default to
 * read-only transactions (default_transaction_read_only, e.g. set on the
 * database by an operator during maintenance). */
#ifndef CCHC_STORE_HEALTH_H
#define CCHC_STORE_HEALTH_H

#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>

/* *writable false with the reason in why (English, never a file path:
 * the health answer is public) when the database refuses writes; 0, or a
 * negative error when the check itself could not run (ERR_DB: the database
 * does not answer). location is the one the store was opened with. */
MUST_CHECK int store_health_writable(store_t *s, const char *location, bool *writable, char *why,
                                     size_t cap, err_t *e);

#endif
