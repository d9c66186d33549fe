/* store_sqlite.c - SQLite backend of store.h (primitives in store_int.h). */
#include "store/store.h"
#include "store/store_int.h"

#include "base/mem.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define STMT_CACHE 96

typedef struct lite_stmt {
    store_stmt_t base; /* first: a store_stmt_t * is a lite_stmt_t * */
    sqlite3_stmt *st;
    bool transient; /* not cached: finalized by store_stmt_done */
} lite_stmt_t;

typedef struct lite {
    store_t base; /* first */
    sqlite3 *db;
    char *wait_path; /* "<db>-writers": the hand-over file (see busy_wait) */
    int wait_fd;     /* opened on first need; -1 = not yet / unavailable */
    bool waiting;    /* holds the "a writer waits" read lock */
    struct {
        const char *sql;
        lite_stmt_t stmt;
    } cache[STMT_CACHE];
    int ncache;
} lite_t;

static const store_ops_t lite_ops;

static lite_t *L(store_t *s)
{
    return (lite_t *)s;
}

static lite_stmt_t *LS(store_stmt_t *st)
{
    return (lite_stmt_t *)st;
}

static int db_error(lite_t *s, int rc, err_t *e, const char *what)
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

/* Process-wide settings, before SQLite's first use: no memory statistics
 * (they take a global mutex on every allocation; the bulk ingest spent 5 %
 * of its time there). */
static void configure_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void lite_close(store_t *base)
{
    lite_t *s = L(base);
    if (s->wait_fd >= 0)
        close(s->wait_fd);
    mem_free(s->wait_path);
    for (int i = 0; i < s->ncache; i++)
        sqlite3_finalize(s->cache[i].stmt.st);
    sqlite3_close(s->db);
    mem_free(s);
}

static int lite_exec(store_t *base, const char *sql, err_t *e)
{
    lite_t *s = L(base);
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int st = db_error(s, rc, e, "exec");
        sqlite3_free(msg);
        return st;
    }
    return 0;
}

/* The hand-over between a bulk ingest and interactive writers (issue 16
 * item 14; docs/internals/hardening.md). A connection that finds the write
 * lock taken holds a shared open-file-description lock on byte 0 of
 * "<db>-writers" until it has the write lock; the ingest, between two
 * slices, takes that byte exclusively (store_sqlite_yield), which succeeds
 * at once when nobody waits and otherwise only once every waiting writer
 * has got the database. OFD locks belong to the connection's descriptor,
 * not to the process, so the threads of one server do not share them; the
 * file is never the database file itself (closing a descriptor of that
 * would drop SQLite's own POSIX locks). */
static int wait_file(lite_t *s)
{
    if (s->wait_fd < 0 && s->wait_path)
        s->wait_fd = open(s->wait_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    return s->wait_fd;
}

static bool wait_lock(lite_t *s, short type, bool block)
{
#ifdef F_OFD_SETLK
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    int fd = wait_file(s);
    return fd >= 0 && fcntl(fd, block ? F_OFD_SETLKW : F_OFD_SETLK, &fl) == 0;
#else
    (void)s, (void)type, (void)block;
    return true;
#endif
}

static void stop_waiting(lite_t *s)
{
    if (s->waiting)
        wait_lock(s, F_UNLCK, false);
    s->waiting = false;
}

/* Waits for the write lock by polling it every millisecond, up to 5 s
 * (SQLite's own handler sleeps ever longer, up to 100 ms between tries),
 * announcing itself to a bulk ingest through the hand-over file. */
static int busy_wait(void *arg, int count)
{
    lite_t *s = arg;
    if (count >= 5000)
        return 0;
    if (!s->waiting)
        s->waiting = wait_lock(s, F_RDLCK, false);
    struct timespec ts = {0, 1000 * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

void store_sqlite_yield(store_t *base)
{
    lite_t *s = L(base);
    /* every writer that waited during the slice has got the lock and let go
       of the byte: at most 2 s, in case one is stuck (then the ingest goes
       on and the writer waits its turn) */
    for (int i = 0; i < 2000; i++) {
        if (wait_lock(s, F_WRLCK, false)) {
            wait_lock(s, F_UNLCK, false);
            return;
        }
        struct timespec ts = {0, 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

/* "PRAGMA synchronous=FULL" unless $CCHC_SQLITE_SYNCHRONOUS=normal: every
 * commit fsyncs the WAL, so an acknowledged write survives a power loss,
 * not only a crash of the process (item 15 of issue 16). NORMAL syncs only
 * at checkpoints: faster, and losing the last commits on power loss. */
const char *store_sqlite_sync_pragma(void)
{
    const char *v = getenv("CCHC_SQLITE_SYNCHRONOUS");
    return v && strcmp(v, "normal") == 0 ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL";
}

int store_sqlite_open(const char *path, bool existing_only, store_t **out, err_t *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_once);
    *out = NULL;
    struct stat st;
    if (existing_only && stat(path, &st) != 0)
        return err_set(e, ERR_NOTFOUND, "db.not_found", "Không có cơ sở dữ liệu '%s'",
                       "No database at '%s'", path);
    int rc = make_parent_dir(path, e);
    if (rc)
        return rc;
    if (stat(path, &st) != 0) {
        /* Create the file ourselves, owner-only, before SQLite opens it. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0)
            close(fd);
    }
    lite_t *s = mem_calloc(1, sizeof *s);
    if (!s)
        return err_nomem(e);
    s->base.ops = &lite_ops;
    s->wait_fd = -1;
    size_t wl = strlen(path) + sizeof "-writers";
    s->wait_path = mem_alloc(wl);
    if (!s->wait_path) {
        mem_free(s);
        return err_nomem(e);
    }
    snprintf(s->wait_path, wl, "%s-writers", path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (src != SQLITE_OK) {
        err_set(e, ERR_DB, "db.open", "Không mở được cơ sở dữ liệu '%s': %s",
                "Cannot open database '%s': %s", path,
                s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        lite_close(&s->base);
        return ERR_DB;
    }
    sqlite3_busy_handler(s->db, busy_wait, s);
    sqlite3_extended_result_codes(s->db, 1);
    rc = lite_exec(&s->base,
                   "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                   "PRAGMA temp_store=MEMORY;",
                   e);
    if (!rc)
        rc = lite_exec(&s->base, store_sqlite_sync_pragma(), e);
    if (rc) {
        lite_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return 0;
}

static int lite_begin(store_t *s, err_t *e)
{
    int rc = lite_exec(s, "BEGIN IMMEDIATE", e);
    stop_waiting(L(s));
    return rc;
}

static int lite_commit(store_t *s, err_t *e)
{
    return lite_exec(s, "COMMIT", e);
}

static void lite_rollback(store_t *s)
{
    sqlite3_exec(L(s)->db, "ROLLBACK", NULL, NULL, NULL);
}

static int lite_prepare(store_t *base, const char *sql, bool owned, store_stmt_t **out, err_t *e)
{
    lite_t *s = L(base);
    for (int i = 0; !owned && i < s->ncache; i++)
        if (s->cache[i].sql == sql) {
            *out = &s->cache[i].stmt.base;
            return 0;
        }
    sqlite3_stmt *st = NULL;
    int persistent = owned || s->ncache < STMT_CACHE;
    int rc =
        sqlite3_prepare_v3(s->db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
    if (rc != SQLITE_OK)
        return db_error(s, rc, e, "prepare");
    if (!persistent || owned) {
        /* Cache full (rare; it is sized for every literal statement of the
         * program): a one-off statement that store_stmt_done finalizes.
         * Evicting a cached entry instead would pull a statement from under
         * a caller still holding it. */
        lite_stmt_t *t = mem_calloc(1, sizeof *t);
        if (!t) {
            sqlite3_finalize(st);
            return err_nomem(e);
        }
        t->st = st;
        t->base.owner = base;
        t->transient = !owned;
        *out = &t->base;
        return 0;
    }
    int i = s->ncache++;
    s->cache[i].sql = sql;
    s->cache[i].stmt.st = st;
    s->cache[i].stmt.base.owner = base;
    *out = &s->cache[i].stmt.base;
    return 0;
}

/* Records the first failed bind; later binds are still attempted (they are
 * harmless) but only the first failure is reported. */
static void bind_note(store_stmt_t *st, int idx, int rc)
{
    if (rc != SQLITE_OK)
        store_bind_fail(st, idx, rc == SQLITE_NOMEM ? ERR_NOMEM : ERR_INVALID, sqlite3_errstr(rc));
}

static void lite_bind_text(store_stmt_t *st, int idx, const char *v, bool copy)
{
    bind_note(st, idx,
              sqlite3_bind_text(LS(st)->st, idx, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC));
}

static void lite_bind_int(store_stmt_t *st, int idx, int64_t v)
{
    bind_note(st, idx, sqlite3_bind_int64(LS(st)->st, idx, v));
}

static void lite_bind_null(store_stmt_t *st, int idx)
{
    bind_note(st, idx, sqlite3_bind_null(LS(st)->st, idx));
}

static void lite_bind_double(store_stmt_t *st, int idx, double v)
{
    bind_note(st, idx, sqlite3_bind_double(LS(st)->st, idx, v));
}

static int lite_step(store_stmt_t *st, err_t *e)
{
    int rc = sqlite3_step(LS(st)->st);
    stop_waiting(L(st->owner)); /* an autocommit write that had to wait */
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE)
        return STORE_DONE;
    return db_error(L(st->owner), rc, e, "step");
}

static const char *lite_col_text(store_stmt_t *st, int col)
{
    return (const char *)sqlite3_column_text(LS(st)->st, col);
}

static int64_t lite_col_int(store_stmt_t *st, int col)
{
    return sqlite3_column_int64(LS(st)->st, col);
}

static double lite_col_double(store_stmt_t *st, int col)
{
    return sqlite3_column_double(LS(st)->st, col);
}

static bool lite_col_is_null(store_stmt_t *st, int col)
{
    return sqlite3_column_type(LS(st)->st, col) == SQLITE_NULL;
}

static void lite_stmt_done(store_stmt_t *base, bool clear_binds)
{
    lite_stmt_t *st = LS(base);
    if (st->transient) {
        sqlite3_finalize(st->st);
        mem_free(st);
        return;
    }
    sqlite3_reset(st->st);
    if (clear_binds)
        sqlite3_clear_bindings(st->st);
}

static void lite_stmt_free(store_stmt_t *base)
{
    lite_stmt_t *st = LS(base);
    sqlite3_finalize(st->st);
    mem_free(st);
}

static int lite_data_version(store_t *s, int64_t *out, err_t *e)
{
    return store_query_int(s, "PRAGMA data_version", out, e);
}

static int64_t lite_changes(store_t *s)
{
    return sqlite3_changes64(L(s)->db);
}

static int64_t lite_last_insert_id(store_t *s)
{
    return sqlite3_last_insert_rowid(L(s)->db);
}

static int lite_check(store_t *s, err_t *e)
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

/* Copies the live database page by page (256 at a time, letting writers
 * in between: a write restarts the copy of the pages it touched, as the
 * backup API does), into a temporary file renamed over dest at the end. */
static int lite_backup(store_t *base, const char *dest, err_t *e)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return err_set(e, ERR_INVALID, "db.path", "Đường dẫn quá dài", "Path too long");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "db.backup_open", "Không tạo được tệp '%s': %s",
                       "Cannot create '%s': %s", tmp, strerror(errno));
    close(fd);
    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *b =
        rc == SQLITE_OK ? sqlite3_backup_init(out, "main", L(base)->db, "main") : NULL;
    if (b) {
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        rc = sqlite3_backup_finish(b);
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(out);
    }
    int st = 0;
    if (rc != SQLITE_OK)
        st = err_set(e, ERR_DB, "db.backup", "Sao lưu thất bại: %s", "Backup failed: %s",
                     sqlite3_errstr(rc));
    sqlite3_close(out);
    if (!st && rename(tmp, dest) != 0)
        st = err_set(e, ERR_IO, "db.backup_rename", "Không đổi tên được thành '%s': %s",
                     "Cannot rename to '%s': %s", dest, strerror(errno));
    if (st)
        unlink(tmp);
    return st;
}

static const store_ops_t lite_ops = {
    .engine = "sqlite",
    .dialect = STORE_SQLITE,
    .close = lite_close,
    .exec = lite_exec,
    .begin = lite_begin,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .prepare = lite_prepare,
    .stmt_free = lite_stmt_free,
    .bind_text = lite_bind_text,
    .bind_int = lite_bind_int,
    .bind_null = lite_bind_null,
    .bind_double = lite_bind_double,
    .step = lite_step,
    .col_text = lite_col_text,
    .col_int = lite_col_int,
    .col_double = lite_col_double,
    .col_is_null = lite_col_is_null,
    .stmt_done = lite_stmt_done,
    .data_version = lite_data_version,
    .changes = lite_changes,
    .last_insert_id = lite_last_insert_id,
    .check = lite_check,
    .backup = lite_backup,
};
