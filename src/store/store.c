/* store.c - store.h on top of the backend primitives (store_int.h): backend
 * selection, sticky binds, transactions flag, typed binds and columns,
 * migrations. */
#include "store/store.h"
#include "store/store_int.h"

#include "base/log.h"
#include "store/migrations.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

bool store_location_is_pg(const char *loc)
{
    if (!loc)
        return false;
    if (strncmp(loc, "postgresql://", 13) == 0 || strncmp(loc, "postgres://", 11) == 0)
        return true;
    /* A libpq connection string starts with a keyword and '=' ("host=...",
     * "service=cchc"); a file path hardly ever does. */
    const char *p = loc;
    while (*p == ' ')
        p++;
    const char *k = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
        p++;
    while (*p == ' ')
        p++;
    return p > k && *p == '=';
}

void store_location_redact(const char *loc, char *out, size_t cap)
{
    if (!cap)
        return;
    out[0] = '\0';
    if (!loc)
        return;
    const char *scheme = strstr(loc, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = scheme ? memchr(scheme + 3, ':', at ? (size_t)(at - scheme - 3) : 0) : NULL;
    if (colon && at && colon < at) {
        snprintf(out, cap, "%.*s:***%s", (int)(colon - loc), loc, at);
        return;
    }
    const char *pw = strstr(loc, "password");
    if (!scheme && pw) {
        snprintf(out, cap, "%.*spassword=***", (int)(pw - loc), loc);
        return;
    }
    snprintf(out, cap, "%s", loc);
}

static int mkdir_p(const char *dir, err_t *e)
{
    char d[4096];
    int n = snprintf(d, sizeof d, "%s", dir);
    if (n < 0 || (size_t)n >= sizeof d)
        return err_set(e, ERR_RANGE, "db.path", "Đường dẫn quá dài", "Path too long");
    for (char *p = d + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(d, 0750) != 0 && errno != EEXIST)
            return err_set(e, ERR_IO, "db.mkdir", "Không tạo được thư mục '%s': %s",
                           "Cannot create directory '%s': %s", d, strerror(errno));
        *p = c;
        if (!c)
            return 0;
    }
}

int store_cache_path(const char *location, const char *suffix, char *out, size_t cap, err_t *e)
{
    int n;
    if (!store_location_is_pg(location)) {
        n = snprintf(out, cap, "%s%s", location, suffix);
    } else {
        char red[1024], name[128];
        store_location_redact(location, red, sizeof red);
        store_pg_cache_name(location, name, sizeof name);
        uint64_t h = 1469598103934665603ULL; /* FNV-1a */
        for (const unsigned char *p = (const unsigned char *)red; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        const char *dir = getenv("CCHC_CACHE_DIR");
        if (!dir || !*dir)
            dir = "var/cache";
        int rc = mkdir_p(dir, e);
        if (rc)
            return rc;
        n = snprintf(out, cap, "%s/%s-%016llx%s", dir, name, (unsigned long long)h, suffix);
    }
    if (n < 0 || (size_t)n >= cap)
        return err_set(e, ERR_RANGE, "db.path", "Đường dẫn quá dài", "Path too long");
    return 0;
}

int store_open(const char *location, store_t **out, err_t *e)
{
    *out = NULL;
    if (store_location_is_pg(location))
        return store_pg_open(location, out, e);
    return store_sqlite_open(location, false, out, e);
}

int store_open_existing(const char *location, store_t **out, err_t *e)
{
    *out = NULL;
    if (store_location_is_pg(location))
        return store_pg_open(location, out, e);
    return store_sqlite_open(location, true, out, e);
}

void store_close(store_t *s)
{
    if (s)
        s->ops->close(s);
}

const char *store_engine(const store_t *s)
{
    return s->ops->engine;
}

int store_dialect(const store_t *s)
{
    return s->ops->dialect;
}

int store_exec(store_t *s, const char *sql, err_t *e)
{
    return s->ops->exec(s, sql, e);
}

int store_begin(store_t *s, err_t *e)
{
    if (s->in_tx)
        return err_set(e, ERR_INTERNAL, "db.nested_tx", "Giao dịch lồng nhau",
                       "Nested transaction");
    int rc = s->ops->begin(s, e);
    if (!rc)
        s->in_tx = 1;
    return rc;
}

int store_commit(store_t *s, err_t *e)
{
    int rc = s->ops->commit(s, e);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    s->in_tx = 0;
    return 0;
}

void store_rollback(store_t *s)
{
    if (!s->in_tx)
        return;
    s->ops->rollback(s);
    s->in_tx = 0;
}

int store_prepare(store_t *s, const char *sql, store_stmt_t **out, err_t *e)
{
    return s->ops->prepare(s, sql, false, out, e);
}

int store_prepare_owned(store_t *s, const char *sql, store_stmt_t **out, err_t *e)
{
    return s->ops->prepare(s, sql, true, out, e);
}

void store_stmt_free(store_stmt_t *st)
{
    if (st)
        st->owner->ops->stmt_free(st);
}

void store_bind_fail(store_stmt_t *st, int idx, int status, const char *why)
{
    if (st->bind_status)
        return;
    st->bind_status = status;
    st->bind_idx = idx;
    st->bind_why = why;
}

void store_bind_text(store_stmt_t *st, int idx, const char *v)
{
    if (!v)
        st->owner->ops->bind_null(st, idx);
    else
        st->owner->ops->bind_text(st, idx, v, true);
}

void store_bind_text_static(store_stmt_t *st, int idx, const char *v)
{
    if (!v)
        st->owner->ops->bind_null(st, idx);
    else
        st->owner->ops->bind_text(st, idx, v, false);
}

void store_bind_int(store_stmt_t *st, int idx, int64_t v)
{
    st->owner->ops->bind_int(st, idx, v);
}

void store_bind_null(store_stmt_t *st, int idx)
{
    st->owner->ops->bind_null(st, idx);
}

void store_bind_double(store_stmt_t *st, int idx, double v)
{
    st->owner->ops->bind_double(st, idx, v);
}

void store_bind_time(store_stmt_t *st, int idx, dtime_t t)
{
    if (t == DTIME_NONE)
        store_bind_null(st, idx);
    else
        store_bind_int(st, idx, t);
}

void store_bind_stamp(store_stmt_t *st, int idx, dtime_t t)
{
    char buf[DTIME_ISO_LEN];
    if (t == DTIME_NONE) {
        store_bind_null(st, idx);
        return;
    }
    dtime_format(t, buf);
    store_bind_text(st, idx, buf);
}

void store_bind_date(store_stmt_t *st, int idx, date_t d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE) {
        store_bind_null(st, idx);
        return;
    }
    date_format(d, buf);
    store_bind_text(st, idx, buf);
}

void store_bind_date_open(store_stmt_t *st, int idx, date_t d)
{
    if (d == DATE_NONE)
        store_bind_text(st, idx, "");
    else
        store_bind_date(st, idx, d);
}

static int bind_error(const store_stmt_t *st, err_t *e)
{
    if (st->bind_status == ERR_NOMEM)
        return err_set(e, ERR_NOMEM, "db.bind", "Hết bộ nhớ khi gắn tham số %d",
                       "Out of memory binding parameter %d", st->bind_idx);
    return err_set(e, ERR_INVALID, "db.bind", "Không gắn được tham số %d: %s",
                   "Cannot bind parameter %d: %s", st->bind_idx, st->bind_why ? st->bind_why : "?");
}

int store_step(store_stmt_t *st, err_t *e)
{
    if (st->bind_status)
        return bind_error(st, e);
    return st->owner->ops->step(st, e);
}

bool store_next(store_stmt_t *st, int *rc, err_t *e)
{
    int r = store_step(st, e);
    *rc = r == STORE_ROW ? 0 : r;
    return r == STORE_ROW;
}

int store_run(store_stmt_t *st, err_t *e)
{
    int rc = store_step(st, e);
    while (rc == STORE_ROW)
        rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_run_id(store_stmt_t *st, int64_t *id, err_t *e)
{
    int rc = store_step(st, e);
    if (rc == STORE_ROW && id)
        *id = store_col_int(st, 0);
    while (rc == STORE_ROW)
        rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

const char *store_col_text(store_stmt_t *st, int col)
{
    return st->owner->ops->col_text(st, col);
}

int64_t store_col_int(store_stmt_t *st, int col)
{
    return st->owner->ops->col_int(st, col);
}

double store_col_double(store_stmt_t *st, int col)
{
    return st->owner->ops->col_double(st, col);
}

bool store_col_is_null(store_stmt_t *st, int col)
{
    return st->owner->ops->col_is_null(st, col);
}

date_t store_col_date(store_stmt_t *st, int col)
{
    const char *t = store_col_text(st, col);
    date_t d;
    if (!t || !*t || date_parse(t, strlen(t), &d))
        return DATE_NONE;
    return d;
}

dtime_t store_col_stamp(store_stmt_t *st, int col)
{
    const char *t = store_col_text(st, col);
    dtime_t v;
    if (!t || !*t || dtime_parse(t, strlen(t), &v))
        return DTIME_NONE;
    return v;
}

dtime_t store_col_time(store_stmt_t *st, int col)
{
    return store_col_is_null(st, col) ? DTIME_NONE : store_col_int(st, col);
}

void store_stmt_done(store_stmt_t *st)
{
    if (!st)
        return;
    st->bind_status = 0;
    st->owner->ops->stmt_done(st, true);
}

void store_stmt_reset(store_stmt_t *st)
{
    if (!st)
        return;
    st->bind_status = 0;
    st->owner->ops->stmt_done(st, false);
}

int store_query_int(store_t *s, const char *sql, int64_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    *out = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_data_version(store_t *s, int64_t *out, err_t *e)
{
    return s->ops->data_version(s, out, e);
}

int64_t store_changes(store_t *s)
{
    return s->ops->changes(s);
}

int64_t store_last_insert_id(store_t *s)
{
    return s->ops->last_insert_id(s);
}

int store_check(store_t *s, err_t *e)
{
    return s->ops->check(s, e);
}

int store_backup(store_t *s, const char *dest, err_t *e)
{
    return s->ops->backup(s, dest, e);
}

/* --- migrations ------------------------------------------------------------ */

int store_schema_version(store_t *s, int *version, err_t *e)
{
    int rc =
        store_exec(s,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                   e);
    if (rc)
        return rc;
    int64_t v = 0;
    rc = store_query_int(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &v, e);
    if (!rc)
        *version = (int)v;
    return rc;
}

/* Whether migration `version` is recorded as applied. */
static int migration_applied(store_t *s, int version, bool *yes, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT 1 FROM schema_migrations WHERE version = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, version);
    rc = store_step(st, e);
    store_stmt_done(st);
    *yes = rc == STORE_ROW;
    return rc < 0 ? rc : 0;
}

/* Applies one migration in its own transaction, unless another process
 * applied it since we looked (the check is repeated under the write lock).
 * Returns 1 when applied, 0 when found applied, < 0 on error (nothing of
 * the step stays: both engines roll DDL back). */
static int apply_migration(store_t *s, const struct store_migration *m, err_t *e)
{
    const char *sql = store_dialect(s) == STORE_PG ? m->sql_pg : m->sql_sqlite;
    bool done = false;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = migration_applied(s, m->version, &done, e);
    if (!rc && !done)
        rc = store_exec(s, sql, e);
    store_stmt_t *st = NULL;
    if (!rc && !done)
        rc = store_prepare(s,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (?1, ?2, CURRENT_TIMESTAMP)",
                           &st, e);
    if (!rc && !done) {
        store_bind_int(st, 1, m->version);
        store_bind_text(st, 2, m->name);
        rc = store_run(st, e);
    }
    if (rc < 0) {
        store_rollback(s);
        err_prefix(e, m->name);
        err_prefix(e, "migration ");
        return rc;
    }
    rc = store_commit(s, e);
    return rc ? rc : !done;
}

/* Applies every embedded migration not recorded yet, in number order (a
 * lower number merged after a higher one was applied is still applied). */
int store_migrate(store_t *s, int *applied, err_t *e)
{
    int version = 0, count = 0;
    /* Under the write lock: two servers starting at once must not both
     * create the bookkeeping table (PostgreSQL would refuse the second). */
    int rc = store_begin(s, e);
    if (!rc) {
        rc = store_schema_version(s, &version, e);
        if (rc)
            store_rollback(s);
        else
            rc = store_commit(s, e);
    }
    for (int i = 0; !rc && i < store_migration_count; i++) {
        const struct store_migration *m = &store_migrations[i];
        bool done = false;
        rc = migration_applied(s, m->version, &done, e);
        if (rc || done)
            continue;
        rc = apply_migration(s, m, e);
        if (rc > 0) {
            log_info("applied migration %s", m->name);
            count++;
        }
        rc = rc < 0 ? rc : 0;
    }
    if (applied)
        *applied = count;
    return rc;
}
