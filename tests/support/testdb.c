#include "support/testdb.h"

#include "support/testdir.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

static const char *admin_url(void)
{
    const char *u = getenv("CCHC_TEST_DB");
    return u && *u ? u : NULL;
}

bool testdb_is_pg(void)
{
    return admin_url() != NULL;
}

static void die(const char *what, PGconn *c)
{
    fprintf(stderr, "testdb: %s: %s\n", what, c ? PQerrorMessage(c) : "?");
    exit(99);
}

static void admin(const char *sql)
{
    PGconn *c = PQconnectdb(admin_url());
    if (PQstatus(c) != CONNECTION_OK)
        die("connect to $CCHC_TEST_DB", c);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        die(sql, c);
    PQclear(r);
    PQfinish(c);
}

/* The URL of $CCHC_TEST_DB with its database name replaced. */
static char *url_with_db(const char *db)
{
    const char *u = admin_url();
    const char *hosts = strstr(u, "://");
    const char *slash = hosts ? strchr(hosts + 3, '/') : NULL;
    if (!slash) {
        fprintf(stderr, "testdb: CCHC_TEST_DB must be a URL postgresql://.../dbname\n");
        exit(99);
    }
    const char *query = strchr(slash, '?');
    size_t n = strlen(u) + strlen(db) + 2;
    char *out = malloc(n);
    if (!out)
        exit(99);
    snprintf(out, n, "%.*s/%s%s", (int)(slash - u), u, db, query ? query : "");
    return out;
}

/* Databases created and not dropped yet, dropped at exit. */
#define MADE_MAX 4096
static char made[MADE_MAX][64];
static int nmade;

static void drop(const char *db)
{
    char sql[160];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
    admin(sql);
    for (int i = 0; i < nmade; i++)
        if (strcmp(made[i], db) == 0)
            made[i][0] = '\0';
}

static void drop_all(void)
{
    for (int i = 0; i < nmade; i++)
        if (made[i][0])
            drop(made[i]);
}

char *testdb_new(const char *dir, const char *name)
{
    if (!admin_url())
        return testdir_join(dir, name);
    /* Per-database cache files (the KPI image) go to the test's directory. */
    setenv("CCHC_CACHE_DIR", dir, 1);
    static unsigned counter;
    static unsigned seed;
    if (!seed)
        seed = (unsigned)time(NULL) ^ (unsigned)getpid() << 8;
    char db[64], sql[160];
    snprintf(db, sizeof db, "t_%d_%u_%u", (int)getpid(), ++counter,
             (unsigned)rand_r(&seed) % 100000u);
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", db);
    admin(sql);
    if (nmade == 0)
        atexit(drop_all);
    if (nmade < MADE_MAX)
        snprintf(made[nmade++], sizeof made[0], "%s", db);
    return url_with_db(db);
}

void testdb_path(char *out, size_t cap, const char *dir, const char *name)
{
    char *loc = testdb_new(dir, name);
    if (strlen(loc) >= cap) {
        fprintf(stderr, "testdb: location too long for its buffer\n");
        exit(99);
    }
    snprintf(out, cap, "%s", loc);
    free(loc);
}

const char *testdb_name(const char *loc)
{
    if (!admin_url() || !loc || !strstr(loc, "://"))
        return "";
    const char *slash = strchr(strstr(loc, "://") + 3, '/');
    return slash ? slash + 1 : "";
}

void testdb_free(char *loc)
{
    if (!loc)
        return;
    if (admin_url() && strstr(loc, "://")) {
        char db[64];
        snprintf(db, sizeof db, "%s", testdb_name(loc));
        char *q = strchr(db, '?');
        if (q)
            *q = '\0';
        drop(db);
    }
    free(loc);
}
