/* response.h - building the answer to one HTTP request.
 *
 * A handler receives an empty http_resp_t owned by the server and fills it
 * with one of the body setters (http_resp_json, http_resp_error,
 * http_resp_text, http_resp_bytes, http_resp_fd, http_resp_empty) plus any headers. A later
 * body setter replaces the earlier body and status; headers accumulate (so
 * several Set-Cookie lines are possible). The server adds the standard
 * headers afterwards (see docs/internals/http.md): X-Content-Type-Options,
 * Referrer-Policy, X-Frame-Options, Content-Security-Policy, X-Request-Id,
 * and Cache-Control: no-store on API responses unless the handler set its
 * own Cache-Control.
 *
 * All setters copy their arguments (http_resp_json steals its JSON value)
 * and return 0, ERR_NOMEM, or ERR_INVALID for a bad argument (e.g. a header
 * value containing CR or LF). On failure the response is left without a
 * body and the server answers 500, so handlers may simply
 *     return http_resp_json(resp, 200, obj);
 * The response object is valid only during the handler call. */
#ifndef CCHC_HTTP_RESP_H
#define CCHC_HTTP_RESP_H

#include "base/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

typedef struct http_resp http_resp_t;

#define HTTP_SESSION_COOKIE "cchc_session"

/* Sets status and a JSON body (application/json; charset=utf-8). Steals
 * body, even on error; a NULL body (a failed json_object() upstream) gives
 * ERR_NOMEM and a 500 answer. */
int http_resp_json(http_resp_t *resp, int status, json_t *body);

/* Sets the status from err_http_status(e->status) and the body
 * {"error":{"code":"...","message":"<vi>","message_en":"<en>"}}.
 * 5xx errors are also logged with their code and English message; except
 * for 503 (busy, stopping: a message the user acts on) their answer keeps
 * the code but carries the status's generic message, so that no detail of
 * the server (a file-system path, a database message) reaches the user. */
int http_resp_error(http_resp_t *resp, const err_t *e);

/* Shorthand: an err_t from err_status (an ERR_* value), a code and the two
 * messages (plain strings, not formats), then http_resp_error. */
int http_resp_errorf(http_resp_t *resp, int err_status, const char *code, const char *vi,
                     const char *en);

/* Sets status and a text/plain; charset=utf-8 body (copied). */
int http_resp_text(http_resp_t *resp, int status, const char *text);

/* Sets status and a body of len bytes (copied) with the given content type. */
int http_resp_bytes(http_resp_t *resp, int status, const char *content_type, const void *data,
                    size_t len);

/* Sets status and a body read from an open file descriptor (its first size
 * bytes) with the given content type. The descriptor is taken:
 * the response closes it, also on failure. */
int http_resp_fd(http_resp_t *resp, int status, const char *content_type, int fd, uint64_t size);

/* Sets status with no body (204, 304, redirects with a Location header). */
int http_resp_empty(http_resp_t *resp, int status);

/* Adds a header (copied). name must be a token and value must not contain
 * CR, LF or NUL; otherwise ERR_INVALID and nothing is added. Content-Length,
 * Transfer-Encoding and Connection are managed by the server and refused. */
int http_resp_header(http_resp_t *resp, const char *name, const char *value);

/* Adds Set-Cookie: cchc_session=<token>; Path=/; HttpOnly; SameSite=Strict;
 * Max-Age=<max_age_seconds> (plus "; Secure" when the server runs with
 * secure_cookies). token must be 1..256 cookie-safe characters
 * ([A-Za-z0-9._~+/=-]); max_age_seconds must be positive. ERR_INVALID
 * otherwise. */
int http_resp_cookie_session(http_resp_t *resp, const char *token, long max_age_seconds);

/* Adds a Set-Cookie that deletes the session cookie (empty value, Max-Age=0). */
int http_resp_cookie_clear_session(http_resp_t *resp);

/* The status set so far (0 when no body setter has been called). */
int http_resp_status(const http_resp_t *resp);

#endif
