/* api_public.c - the one gate of the anonymous citizen endpoints (rating a
 * dossier, feedback, survey responses): every such handler starts with
 * api_public_guard and checks its form's honeypot with api_public_trap.
 *
 * What the gate applies today: a body cap per endpoint (413 with the
 * endpoint's code), and a log line naming the endpoint and the client
 * address for refused requests. The per-address rate limit of the
 * anonymous endpoints (src/http/http_ratelimit.*, built on another branch)
 * plugs in here, at the marked place, so that every public endpoint is
 * limited the same way; nothing else in the citizen handlers counts
 * requests per address (docs/internals/citizens.md). */
#include "http/api.h"

#include "base/log.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

bool api_public_guard(http_req_t *req, http_resp_t *resp, const char *what, size_t body_max)
{
    /* Per-address flood limit: http_ratelimit_check(req, resp, what) goes here
     * (answers 429 and logs; nothing is stored). */
    if (req->body_len > body_max) {
        log_warn("public %s: body of %zu bytes from %s refused (max %zu)", what, req->body_len,
                 req->client_addr ? req->client_addr : "?", body_max);
        char code[64];
        snprintf(code, sizeof code, "%s.too_large", what);
        err_t e;
        err_set(&e, ERR_TOOLARGE, code, "Nội dung gửi lên quá lớn (tối đa %zu KiB)",
                "The request is too large (%zu KiB at most)", body_max / 1024);
        http_resp_error(resp, &e);
        return false;
    }
    return true;
}

bool api_public_trap(http_req_t *req, const char *what, const char *honeypot)
{
    if (!honeypot || !*honeypot)
        return false;
    log_warn("public %s: honeypot field filled by %s: not stored", what,
             req->client_addr ? req->client_addr : "?");
    return true;
}
