/* api_public.c - the one gate of the anonymous citizen endpoints (rating a
 * dossier, feedback, survey responses): every such handler starts with
 * api_public_guard and checks its form's honeypot with api_public_trap.
 *
 * What the gate applies: a body cap per endpoint (413 with the endpoint's
 * code), and a log line naming the endpoint and the client address for
 * refused requests. The per-address rate limit of every anonymous
 * endpoint is applied before any handler runs, by the server, from the
 * route table's .limit class (src/http/api.c: "lookup" for reads,
 * "feedback" for what a citizen sends; http_ratelimit.h). */
#include "http/api.h"

#include "base/log.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

bool api_public_guard(http_req_t *req, http_resp_t *resp, const char *what, size_t body_max)
{
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
