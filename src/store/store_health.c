/* store_health.c - whether the database can take writes (store_health.h). */
#include "store/store_health.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/banned.h"

/* The directory part of path into out ("." when there is none). */
static void dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else if (slash == path)
        snprintf(out, cap, "/");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* access(2), never open(2): closing any descriptor of the database file
 * would drop the POSIX locks SQLite holds on it for every connection of
 * this process. access(W_OK) fails on a read-only mount (EROFS), an
 * immutable file (EPERM, even for root) and, for the service's own user,
 * missing permissions (EACCES). */
static void sqlite_writable(const char *path, bool *writable, char *why, size_t cap)
{
    *writable = true;
    if (access(path, W_OK) != 0) {
        *writable = false;
        snprintf(why, cap, "the database file cannot be written (%s)", strerror(errno));
        return;
    }
    char dir[4096];
    dir_of(path, dir, sizeof dir);
    struct statvfs v;
    if (statvfs(dir, &v) == 0 && (v.f_flag & ST_RDONLY)) {
        *writable = false;
        snprintf(why, cap, "the database is on a read-only file system");
    }
}

static int pg_writable(store_t *s, bool *writable, char *why, size_t cap, err_t *e)
{
    int64_t ro = 0;
    int rc = store_query_int(s,
                             "SELECT CASE WHEN pg_is_in_recovery() THEN 1 "
                             "WHEN current_setting('default_transaction_read_only') = 'on' "
                             "THEN 2 ELSE 0 END",
                             &ro, e);
    if (rc)
        return rc;
    *writable = ro == 0;
    if (ro == 1)
        snprintf(why, cap, "the PostgreSQL server is a standby (recovery)");
    else if (ro == 2)
        snprintf(why, cap, "the PostgreSQL database defaults to read-only transactions");
    return 0;
}

int store_health_writable(store_t *s, const char *location, bool *writable, char *why, size_t cap,
                          err_t *e)
{
    if (cap)
        why[0] = '\0';
    if (store_dialect(s) == STORE_PG)
        return pg_writable(s, writable, why, cap, e);
    sqlite_writable(location, writable, why, cap);
    return 0;
}
