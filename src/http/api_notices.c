/* api_notices.c - notices per user, settings, feeds, outbox, follow-up
 * letters (api_notices.h). Handlers translate HTTP to app_remind*. */
#include "http/api_notices.h"

#include "app/app_remind.h"
#include "app/app_remind_letter.h"
#include "app/evidence.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "http/api.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/remind_ics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define LETTER_MAX ((size_t)64 << 20)

static int answer(http_resp_t *resp, int rc, const err_t *e, json_t *out, int status)
{
    if (rc)
        return http_resp_error(resp, e);
    return http_resp_json(resp, status, out);
}

int api_notices_mine(http_req_t *req, http_resp_t *resp)
{
    long long limit = 50, offset = 0;
    if (!api_query_int(req, resp, "limit", 1, APP_REMIND_LIST_MAX, &limit) ||
        !api_query_int(req, resp, "offset", 0, 1000000, &offset))
        return 0;
    const char *unread = http_req_query(req, "unread");
    json_t *out = NULL;
    err_t e;
    int rc = app_remind_list(api_app(req), api_user(req), unread && strcmp(unread, "1") == 0,
                             (size_t)limit, (size_t)offset, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_notices_mine_read(http_req_t *req, http_resp_t *resp)
{
    int64_t id;
    if (!api_path_id(req, resp, "notice.not_found", "Không tìm thấy thông báo", "Notice not found",
                     &id))
        return 0;
    err_t e;
    if (app_remind_read(api_app(req), api_user(req), id, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:b}", "read", 1));
}

int api_notices_mine_read_all(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    if (app_remind_read(api_app(req), api_user(req), 0, &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:b}", "read", 1));
}

int api_notices_prefs_get(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    int rc =
        app_remind_prefs_get(api_app(req), api_user(req), http_req_query(req, "user"), &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_notices_prefs_put(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    json_t *out = NULL;
    err_t e;
    int rc = app_remind_prefs_set(api_app(req), api_user(req), http_req_query(req, "user"), b.o,
                                  &out, &e);
    if (rc) {
        const char *field = strcmp(e.code, "remind.email") == 0  ? "email"
                            : strcmp(e.code, "remind.time") == 0 ? "digest_time"
                            : strcmp(e.code, "remind.kind") == 0 ? "kinds_off"
                                                                 : NULL;
        return api_error_field(resp, &e, field);
    }
    return http_resp_json(resp, 200, out);
}

int api_notices_feed_new(http_req_t *req, http_resp_t *resp)
{
    char tok[APP_REMIND_TOKEN_LEN + 1], url[160];
    err_t e;
    if (app_remind_feed_new(api_app(req), api_user(req), tok, &e))
        return http_resp_error(resp, &e);
    snprintf(url, sizeof url, "/api/v1/feeds/%s.ics", tok);
    return http_resp_json(resp, 201, json_pack("{s:s,s:s}", "token", tok, "url", url));
}

int api_notices_feed_revoke(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    if (app_remind_feed_revoke(api_app(req), api_user(req), &e))
        return http_resp_error(resp, &e);
    return http_resp_json(resp, 200, json_pack("{s:b}", "revoked", 1));
}

/* "http(s)://host" of the request, for links in the feed. */
static void base_of(http_req_t *req, char *out, size_t cap)
{
    const char *host = http_req_header(req, "Host");
    const char *proto = http_req_header(req, "X-Forwarded-Proto");
    bool ok = host && *host && !strpbrk(host, "/\\ \r\n\"<>");
    snprintf(out, cap, "%s%s%s",
             !ok                                    ? ""
             : proto && strcmp(proto, "https") == 0 ? "https://"
                                                    : "http://",
             ok ? host : "", "");
}

int api_notices_feed_ics(http_req_t *req, http_resp_t *resp)
{
    const char *p = http_req_param(req, "token");
    char tok[APP_REMIND_TOKEN_LEN + 8];
    size_t n = p ? strlen(p) : 0;
    if (n > 4 && strcmp(p + n - 4, ".ics") == 0)
        n -= 4;
    snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok - 1 ? n : 0), p ? p : "");
    json_t *feed = NULL;
    err_t e;
    if (app_remind_feed_items(api_app(req), tok, &feed, &e))
        return http_resp_error(resp, &e);
    char base[300];
    base_of(req, base, sizeof base);
    buf_t b = BUF_INIT(REMIND_ICS_MAX);
    int rc = remind_ics_write(feed, base, dtime_now(), &b, &e);
    json_decref(feed);
    if (rc) {
        buf_release(&b);
        return http_resp_error(resp, &e);
    }
    rc = http_resp_bytes(resp, 200, "text/calendar; charset=utf-8", buf_cstr(&b), b.len);
    rc = rc ? rc : http_resp_header(resp, "Cache-Control", "private, no-cache");
    rc = rc ? rc
            : http_resp_header(resp, "Content-Disposition", "inline; filename=\"han-cchc.ics\"");
    buf_release(&b);
    return rc;
}

int api_notices_run(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    dtime_t at = api_body_time(&b, "at");
    bool dry = api_body_int(&b, "dry_run", 0, 0, 1) != 0;
    if (b.field)
        return api_body_error(resp, &b);
    app_remind_opts_t o = {at, true, true, dry, "api"};
    json_t *out = NULL;
    err_t e;
    int rc = app_remind_run(api_app(req), api_user(req), &o, &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_notices_outbox(http_req_t *req, http_resp_t *resp)
{
    const char *all = http_req_query(req, "all");
    json_t *out = NULL;
    err_t e;
    int rc = app_remind_mail_list(api_app(req), api_user(req), !(all && strcmp(all, "1") == 0),
                                  &out, &e);
    return answer(resp, rc, &e, out, 200);
}

int api_notices_letters(http_req_t *req, http_resp_t *resp)
{
    json_t *out = NULL;
    err_t e;
    int rc = app_remind_letter_list(api_app(req), api_user(req), &out, &e);
    return answer(resp, rc, &e, out, 200);
}

static date_t body_date(api_body_t *b, const char *key)
{
    const char *s = api_body_str(b, key, false);
    date_t d = DATE_NONE;
    if (s && date_parse(s, strlen(s), &d) && !b->field) {
        b->field = key;
        err_set(&b->e, ERR_INVALID, "http.bad_date", "Trường '%s' không phải ngày hợp lệ",
                "Field '%s' is not a valid date", key);
    }
    return d;
}

/* Renders doc as format into a temporary file and answers its bytes. */
static int send_doc(http_resp_t *resp, const offdoc_t *doc, bool pdf, const json_t *sum)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/cchc-letter-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return http_resp_errorf(resp, ERR_IO, "letter.export", "Không tạo được tệp tạm",
                                "Cannot create a temporary file");
    close(fd);
    err_t e;
    char *data = NULL;
    size_t len = 0;
    int rc = pdf ? offdoc_pdf_write(doc, path, &e) : offdoc_docx_write(doc, path, &e);
    if (!rc)
        rc = file_read_all(path, LETTER_MAX, &data, &len, &e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, &e);
    char name[128];
    snprintf(name, sizeof name, "cong-van-don-doc-%lld%s",
             (long long)json_integer_value(json_object_get(sum, "number")), pdf ? ".pdf" : ".docx");
    char *cd = evidence_content_disposition(name);
    rc = http_resp_bytes(resp, 200,
                         pdf ? "application/pdf"
                             : "application/vnd.openxmlformats-officedocument."
                               "wordprocessingml.document",
                         data, len);
    rc = rc || !cd ? rc : http_resp_header(resp, "Content-Disposition", cd);
    rc = rc ? rc
            : http_resp_header(resp, "X-Cchc-Letter",
                               json_string_value(json_object_get(sum, "number_line")));
    mem_free(cd);
    mem_free(data);
    return rc;
}

int api_notices_letter(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    const char *format = api_body_str(&b, "format", false);
    app_remind_letter_in_t in = {api_body_str(&b, "unit", false),
                                 api_body_str(&b, "issuer", false),
                                 body_date(&b, "date"),
                                 body_date(&b, "reply_by"),
                                 api_body_str(&b, "symbol", false),
                                 api_body_str(&b, "signer", false),
                                 api_body_int(&b, "preview", 0, 0, 1) != 0};
    if (b.field)
        return api_body_error(resp, &b);
    bool pdf = !format || strcmp(format, "pdf") == 0;
    if (format && !pdf && strcmp(format, "docx") != 0 && strcmp(format, "json") != 0)
        return http_resp_errorf(resp, ERR_INVALID, "letter.format",
                                "Định dạng phải là pdf, docx hoặc json",
                                "The format must be pdf, docx or json");
    offdoc_t *doc = NULL;
    json_t *sum = NULL;
    err_t e;
    int rc = app_remind_letter(api_app(req), api_user(req), &in, &doc, &sum, &e);
    if (rc)
        return http_resp_error(resp, &e);
    if (format && strcmp(format, "json") == 0) {
        offdoc_free(doc);
        return http_resp_json(resp, in.preview ? 200 : 201, sum);
    }
    rc = send_doc(resp, doc, pdf, sum);
    offdoc_free(doc);
    json_decref(sum);
    return rc;
}
