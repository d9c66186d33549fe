/* static.h - serving the web UI files from a directory.
 *
 * The root is resolved once (realpath) when created. A request path maps to
 * root + path, with "index.html" appended when the path ends in '/'. The
 * file is resolved again with realpath and must lie strictly inside the
 * root, so symbolic links may point anywhere inside the root but never
 * outside it. Segments starting with '.' (dotfiles, "..") are refused.
 * Only regular files are served; everything else is 404.
 *
 * Files are streamed with MHD_create_response_from_fd (no copy into
 * memory), with a content type from the extension, a weak ETag from size
 * and modification time (If-None-Match -> 304) and Cache-Control: no-cache.
 * The handle is immutable after creation and shared by all threads. */
#ifndef CCHC_HTTP_STATIC_H
#define CCHC_HTTP_STATIC_H

#include "base/err.h"
#include "http/http_req.h"
#include "http/http_resp.h"

typedef struct http_static http_static_t;

/* Resolves dir; NULL with "http.web_dir" when it is not a readable
 * directory, or ERR_NOMEM. */
http_static_t *http_static_new(const char *dir, err_t *e);
void http_static_free(http_static_t *st); /* NULL is a no-op */

/* The resolved root directory (borrowed). */
const char *http_static_root(const http_static_t *st);

/* Answers a GET or HEAD for req->path into resp: 200 with the file, 304,
 * or a 404 text page. Returns 0, or ERR_NOMEM (resp then unset). */
int http_static_serve(const http_static_t *st, const http_req_t *req, http_resp_t *resp);

/* Content type for a file name by its extension ("text/html; charset=utf-8"
 * ...; "application/octet-stream" when unknown). */
const char *http_static_content_type(const char *name);

#endif
