/* http_client.h - a tiny blocking HTTP/1.1 client for tests.
 *
 * Talks to a server on the loopback interface with plain sockets. Requests
 * are written exactly as given (no normalisation of the path, so "/../x"
 * reaches the server as is). Responses are parsed fully: status line,
 * headers, and a body delimited by Content-Length, chunked encoding or the
 * end of the connection; interim 1xx answers are skipped. Every socket has
 * a 10 s send/receive timeout so a misbehaving server fails the test
 * instead of hanging it.
 *
 * Memory: plain malloc/free (independent of mem_fail_after). A response
 * filled by a call is released with tc_response_free, also after a failed
 * call (it is then empty). Not thread-safe per connection; separate
 * connections may be used from separate threads. */
#ifndef CCHC_TESTS_HTTP_CLIENT_H
#define CCHC_TESTS_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tc_header {
    char *name;
    char *value;
} tc_header_t;

typedef struct tc_response {
    int status; /* 200, 404...; 0 when nothing was parsed */
    tc_header_t *headers;
    size_t nheaders;
    char *body; /* NUL-terminated (also when empty), body_len bytes */
    size_t body_len;
    bool closed; /* the server closed the connection after this response */
} tc_response_t;

typedef struct tc_conn tc_conn_t;

/* Connects to 127.0.0.1:port; NULL on failure. */
tc_conn_t *tc_connect(uint16_t port);
/* Connects to a numeric address ("127.0.0.1", "::1"); NULL on failure. */
tc_conn_t *tc_connect_host(const char *host, uint16_t port);
void tc_close(tc_conn_t *c); /* NULL is a no-op */

/* Sends one request on an open connection and reads the response.
 * headers: extra header lines, "Name: value" separated by "\n" or "\r\n"
 * (NULL for none). Host is always added; Content-Length is added when body
 * is not NULL or the method is POST, PUT or PATCH, unless headers already
 * hold Content-Length or Transfer-Encoding. Returns 0, or -1 on a socket
 * error, timeout or unparsable response. */
int tc_send(tc_conn_t *c, const char *method, const char *path, const char *headers,
            const void *body, size_t body_len, tc_response_t *out);

/* Sends raw bytes and reads one response (method tells whether a body
 * follows: "HEAD" means none). Returns 0 or -1. */
int tc_send_raw(tc_conn_t *c, const char *method, const void *raw, size_t len, tc_response_t *out);

/* Writes raw bytes without reading anything; 0 or -1. */
int tc_write(tc_conn_t *c, const void *raw, size_t len);
/* Reads one response (after tc_write). */
int tc_read_response(tc_conn_t *c, const char *method, tc_response_t *out);

/* true when the peer has closed the connection (reads EOF within 1 s). */
bool tc_peer_closed(tc_conn_t *c);

/* One request on a fresh connection to 127.0.0.1:port, then close. */
int tc_request(uint16_t port, const char *method, const char *path, const char *headers,
               const void *body, size_t body_len, tc_response_t *out);

/* Raw bytes on a fresh connection; reads one response. */
int tc_raw(uint16_t port, const char *method, const void *raw, size_t len, tc_response_t *out);

/* First value of header name (case-insensitive), or NULL. Borrowed. */
const char *tc_header(const tc_response_t *r, const char *name);
/* Number of headers named name (e.g. Set-Cookie). */
size_t tc_header_count(const tc_response_t *r, const char *name);

void tc_response_free(tc_response_t *r);

#endif
