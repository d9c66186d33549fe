/* store_sqlite.c - SQLite backend of store.h. */
#include "store/store.h"

#include "base/log.h"
#include "base/mem.h"
#include "store/migrations.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

#define STMT_CACHE 96

struct store_stmt {
    sqlite3_stmt *st;
    store_t *owner;
    bool transient; /* not cached: finalized by store_stmt_done */
    int bind_rc;    /* first failed bind (sqlite3 code), 0 = none; sticky until reset */
    int bind_idx;   /* its parameter index */
};

struct store {
    sqlite3 *db;
    int in_tx;
    struct {
        const char *sql;
        store_stmt_t stmt;
    } cache[STMT_CACHE];
    int ncache;
};

static int db_error(store_t *s, int rc, err_t *e, const char *what)
{
    int prim = rc & 0xff;
    int status = (prim == SQLITE_CONSTRAINT) ? ERR_CONFLICT : ERR_DB;
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        return err_set(e, ERR_BUSY, "db.busy", "Cơ sở dữ liệu đang bận (%s): %s",
                       "Database is busy (%s): %s", what, msg);
    return err_set(e, status, status == ERR_CONFLICT ? "db.constraint" : "db.error",
                   "Lỗi cơ sở dữ liệu (%s): %s", "Database error (%s): %s", what, msg);
}

static int make_parent_dir(const char *path, err_t *e)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return 0;
    char dir[4096];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof dir)
        return err_set(e, ERR_INVALID, "db.path", "Đường dẫn quá dài", "Path too long");
    memcpy(dir, path, n);
    dir[n] = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0750) != 0 && errno != EEXIST)
            goto fail;
        *p = '/';
    }
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        goto fail;
    return 0;
fail:
    return err_set(e, ERR_IO, "db.mkdir", "Không tạo được thư mục '%s': %s",
                   "Cannot create directory '%s': %s", dir, strerror(errno));
}

int store_open_existing(const char *path, store_t **out, err_t *e)
{
    struct stat st;
    *out = NULL;
    if (stat(path, &st) != 0)
        return err_set(e, ERR_NOTFOUND, "db.not_found", "Không có cơ sở dữ liệu '%s'",
                       "No database at '%s'", path);
    return store_open(path, out, e);
}

/* Process-wide settings, before SQLite's first use: no memory statistics
 * (they take a global mutex on every allocation; the bulk ingest spent 5 %
 * of its time there). */
static void configure_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_open(const char *path, store_t **out, err_t *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_once);
    *out = NULL;
    int rc = make_parent_dir(path, e);
    if (rc)
        return rc;
    struct stat st;
    if (stat(path, &st) != 0) {
        /* Create the file ourselves, owner-only, before SQLite opens it. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0)
            close(fd);
    }
    store_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return err_nomem(e);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (src != SQLITE_OK) {
        err_set(e, ERR_DB, "db.open", "Không mở được cơ sở dữ liệu '%s': %s",
                "Cannot open database '%s': %s", path,
                s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        store_close(s);
        return ERR_DB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    rc = store_exec(s,
                    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
                    e);
    if (rc) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void store_close(store_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->ncache; i++)
        sqlite3_finalize(s->cache[i].stmt.st);
    sqlite3_close(s->db);
    mem_free(s);
}

const char *store_engine(const store_t *s)
{
    (void)s;
    return "sqlite";
}

int store_exec(store_t *s, const char *sql, err_t *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int st = db_error(s, rc, e, "exec");
        sqlite3_free(msg);
        return st;
    }
    return 0;
}

int store_begin(store_t *s, err_t *e)
{
    if (s->in_tx)
        return err_set(e, ERR_INTERNAL, "db.nested_tx", "Giao dịch lồng nhau",
                       "Nested transaction");
    int rc = store_exec(s, "BEGIN IMMEDIATE", e);
    if (!rc)
        s->in_tx = 1;
    return rc;
}

int store_commit(store_t *s, err_t *e)
{
    int rc = store_exec(s, "COMMIT", e);
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
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = 0;
}

int store_prepare(store_t *s, const char *sql, store_stmt_t **out, err_t *e)
{
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].sql == sql) {
            *out = &s->cache[i].stmt;
            return 0;
        }
    sqlite3_stmt *st = NULL;
    int persistent = s->ncache < STMT_CACHE;
    int rc =
        sqlite3_prepare_v3(s->db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
    if (rc != SQLITE_OK)
        return db_error(s, rc, e, "prepare");
    if (!persistent) {
        /* Cache full (rare; it is sized for every literal statement of the
         * program): a one-off statement that store_stmt_done finalizes.
         * Evicting a cached entry instead would pull a statement from under
         * a caller still holding it. */
        store_stmt_t *t = mem_calloc(1, sizeof *t);
        if (!t) {
            sqlite3_finalize(st);
            return err_nomem(e);
        }
        t->st = st;
        t->owner = s;
        t->transient = true;
        *out = t;
        return 0;
    }
    int i = s->ncache++;
    s->cache[i].sql = sql;
    s->cache[i].stmt.st = st;
    s->cache[i].stmt.owner = s;
    *out = &s->cache[i].stmt;
    return 0;
}

/* Records the first failed bind; later binds are still attempted (they are
 * harmless) but only the first failure is reported. */
static void bind_note(store_stmt_t *st, int idx, int rc)
{
    if (rc != SQLITE_OK && !st->bind_rc) {
        st->bind_rc = rc;
        st->bind_idx = idx;
    }
}

void store_bind_text(store_stmt_t *st, int idx, const char *v)
{
    if (!v)
        store_bind_null(st, idx);
    else
        bind_note(st, idx, sqlite3_bind_text(st->st, idx, v, -1, SQLITE_TRANSIENT));
}

void store_bind_text_static(store_stmt_t *st, int idx, const char *v)
{
    if (!v)
        store_bind_null(st, idx);
    else
        bind_note(st, idx, sqlite3_bind_text(st->st, idx, v, -1, SQLITE_STATIC));
}

void store_bind_int(store_stmt_t *st, int idx, int64_t v)
{
    bind_note(st, idx, sqlite3_bind_int64(st->st, idx, v));
}

void store_bind_null(store_stmt_t *st, int idx)
{
    bind_note(st, idx, sqlite3_bind_null(st->st, idx));
}

void store_bind_double(store_stmt_t *st, int idx, double v)
{
    bind_note(st, idx, sqlite3_bind_double(st->st, idx, v));
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
    if (st->bind_rc == SQLITE_NOMEM)
        return err_set(e, ERR_NOMEM, "db.bind", "Hết bộ nhớ khi gắn tham số %d",
                       "Out of memory binding parameter %d", st->bind_idx);
    return err_set(e, ERR_INVALID, "db.bind", "Không gắn được tham số %d: %s",
                   "Cannot bind parameter %d: %s", st->bind_idx, sqlite3_errstr(st->bind_rc));
}

int store_step(store_stmt_t *st, err_t *e)
{
    if (st->bind_rc)
        return bind_error(st, e);
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE)
        return STORE_DONE;
    return db_error(st->owner, rc, e, "step");
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
    return (const char *)sqlite3_column_text(st->st, col);
}

int64_t store_col_int(store_stmt_t *st, int col)
{
    return sqlite3_column_int64(st->st, col);
}

double store_col_double(store_stmt_t *st, int col)
{
    return sqlite3_column_double(st->st, col);
}

bool store_col_is_null(store_stmt_t *st, int col)
{
    return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

dtime_t store_col_stamp(store_stmt_t *st, int col)
{
    const char *t = store_col_text(st, col);
    dtime_t v;
    if (!t || !*t || dtime_parse(t, strlen(t), &v))
        return DTIME_NONE;
    return v;
}

date_t store_col_date(store_stmt_t *st, int col)
{
    const char *t = store_col_text(st, col);
    date_t d;
    if (!t || !*t || date_parse(t, strlen(t), &d))
        return DATE_NONE;
    return d;
}

dtime_t store_col_time(store_stmt_t *st, int col)
{
    return store_col_is_null(st, col) ? DTIME_NONE : store_col_int(st, col);
}

void store_stmt_done(store_stmt_t *st)
{
    if (!st)
        return;
    if (st->transient) {
        sqlite3_finalize(st->st);
        mem_free(st);
        return;
    }
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
    st->bind_rc = 0;
}

void store_stmt_reset(store_stmt_t *st)
{
    if (st && st->transient) {
        store_stmt_done(st);
        return;
    }
    if (st) {
        sqlite3_reset(st->st);
        st->bind_rc = 0;
    }
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
    return store_query_int(s, "PRAGMA data_version", out, e);
}

int64_t store_changes(store_t *s)
{
    return sqlite3_changes64(s->db);
}

int64_t store_last_insert_id(store_t *s)
{
    return sqlite3_last_insert_rowid(s->db);
}

int store_schema_version(store_t *s, int *version, err_t *e)
{
    int rc =
        store_exec(s,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                   e);
    if (rc)
        return rc;
    store_stmt_t *st;
    rc = store_prepare(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *version = (int)store_col_int(st, 0);
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

static int apply_migration(store_t *s, const struct store_migration *m, err_t *e)
{
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_exec(s, m->sql, e);
    store_stmt_t *st = NULL;
    if (!rc)
        rc = store_prepare(s,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (?1, ?2, CURRENT_TIMESTAMP)",
                           &st, e);
    if (!rc) {
        store_bind_int(st, 1, m->version);
        store_bind_text(st, 2, m->name);
        rc = store_step(st, e);
        store_stmt_done(st);
    }
    if (rc < 0) {
        store_rollback(s);
        err_prefix(e, m->name);
        err_prefix(e, "migration ");
        return rc;
    }
    return store_commit(s, e);
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

/* Applies every embedded migration not recorded yet, in number order (a
 * lower number merged after a higher one was applied is still applied). */
int store_migrate(store_t *s, int *applied, err_t *e)
{
    int version = 0, count = 0;
    int rc = store_schema_version(s, &version, e);
    for (int i = 0; !rc && i < store_migration_count; i++) {
        const struct store_migration *m = &store_migrations[i];
        bool done = false;
        rc = migration_applied(s, m->version, &done, e);
        if (rc || done)
            continue;
        rc = apply_migration(s, m, e);
        if (!rc) {
            log_info("applied migration %s", m->name);
            count++;
        }
    }
    if (applied)
        *applied = count;
    return rc;
}

int store_check(store_t *s, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "PRAGMA integrity_check", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        const char *r = store_col_text(st, 0);
        rc = (r && strcmp(r, "ok") == 0)
                 ? 0
                 : err_set(e, ERR_DB, "db.corrupt", "Cơ sở dữ liệu bị hỏng: %s",
                           "Database is damaged: %s", r ? r : "?");
    }
    store_stmt_done(st);
    if (rc)
        return rc;
    rc = store_prepare(s, "PRAGMA foreign_key_check", &st, e);
    if (rc)
        return rc;
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        rc = err_set(e, ERR_DB, "db.foreign_key", "Vi phạm khóa ngoại trong bảng %s",
                     "Foreign-key violation in table %s", store_col_text(st, 0));
    store_stmt_done(st);
    return rc;
}
