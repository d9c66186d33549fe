/* bench_util.h - what the benchmarks that drive a real `cchc serve` share:
 * a monotonic clock, a keep-alive HTTP/1.1 client on 127.0.0.1, percentiles,
 * starting the server, and a database of their own on the throwaway
 * PostgreSQL cluster ($CCHC_TEST_DB, scripts/pg_cluster.sh run).
 *
 * Header-only (static inline): each benchmark is one program built from its
 * own .c file and libcchc.a. Benchmarks exit on a failed set-up step; they
 * never run inside the product. */
#ifndef CCHC_BENCH_UTIL_H
#define CCHC_BENCH_UTIL_H

#include "base/buf.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A TCP connection to 127.0.0.1:port, or -1. */
static inline int bench_dial(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* One request on a keep-alive connection (hdr: extra header lines, each
 * ending in CRLF, or NULL); the whole answer into resp; its status, or -1. */
static inline int bench_request(int fd, const char *method, const char *path, const char *hdr,
                                const char *body, buf_t *resp)
{
    char req[4096];
    size_t blen = body ? strlen(body) : 0;
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Length: %zu\r\n\r\n%s", method,
                     path, hdr ? hdr : "", blen, body ? body : "");
    if (n <= 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n)
        return -1;
    buf_reset(resp);
    for (;;) {
        char chunk[16384];
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got <= 0 || buf_append(resp, chunk, (size_t)got))
            return -1;
        const char *end = strstr(resp->data, "\r\n\r\n");
        const char *cl = strcasestr(resp->data, "\r\nContent-Length:");
        if (end && cl && cl < end) {
            size_t want = (size_t)(end - resp->data) + 4 + (size_t)strtoul(cl + 17, NULL, 10);
            if (resp->len >= want)
                return (int)strtol(resp->data + 9, NULL, 10);
        }
    }
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The p-th percentile of v[n] (sorts v); 0 when n is 0. */
static inline double bench_pct(double *v, size_t n, int p)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    size_t k = n * (size_t)p / 100;
    return v[k < n ? k : n - 1];
}

/* Starts `bin --data data --db db serve` on a free port of 127.0.0.1, its
 * log in log_path; threads (may be NULL) is its --threads. *port from the
 * log's "listening … port N" line (0 when it never came); the child's pid. */
static inline pid_t bench_serve(const char *bin, const char *data, const char *db,
                                const char *log_path, const char *threads, uint16_t *port)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(log_path, "w", stderr) || !freopen("/dev/null", "w", stdout))
            _exit(126);
        if (threads)
            execl(bin, bin, "--log-level", "info", "--data", data, "--db", db, "serve", "--listen",
                  "127.0.0.1:0", "--threads", threads, (char *)NULL);
        else
            execl(bin, bin, "--log-level", "info", "--data", data, "--db", db, "serve", "--listen",
                  "127.0.0.1:0", (char *)NULL);
        _exit(127);
    }
    *port = 0;
    for (int i = 0; i < 1200 && !*port; i++) {
        usleep(50000);
        FILE *f = fopen(log_path, "r");
        char line[1024];
        while (f && fgets(line, sizeof line, f)) {
            const char *p = strstr(line, " port ");
            if (strstr(line, "listening") && p)
                *port = (uint16_t)strtol(p + 6, NULL, 10);
        }
        if (f)
            fclose(f);
    }
    return pid;
}

/* Creates database name on the cluster of $CCHC_TEST_DB and writes its URL
 * into out[cap]; exits on failure. */
static inline void bench_pg_database(const char *name, char *out, size_t cap)
{
    const char *admin = getenv("CCHC_TEST_DB");
    PGconn *c = PQconnectdb(admin);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
             "LC_CTYPE 'C.UTF-8'",
             name);
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "create database: %s\n", PQerrorMessage(c));
        exit(1);
    }
    PQclear(res);
    PQfinish(c);
    const char *slash = strchr(strstr(admin, "://") + 3, '/');
    snprintf(out, cap, "%.*s/%s", (int)(slash - admin), admin, name);
}

#endif
