/* remind_smtp.c - one message through SMTP with libcurl (remind_smtp.h). */
#include "io/remind_smtp.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static CURLcode init_rc = CURLE_OK;

static void global_init(void)
{
    init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int remind_smtp_init(err_t *e)
{
    pthread_once(&once, global_init);
    if (init_rc != CURLE_OK)
        return err_set(e, ERR_INTERNAL, "smtp.init", "Không khởi tạo được thư viện gửi thư: %s",
                       "Cannot initialise the mail library: %s", curl_easy_strerror(init_rc));
    return 0;
}

typedef struct upload {
    const char *p;
    size_t left;
} upload_t;

static size_t reader(char *buf, size_t size, size_t nmemb, void *ctx)
{
    upload_t *u = ctx;
    size_t room = size * nmemb, k = u->left < room ? u->left : room;
    memcpy(buf, u->p, k);
    u->p += k;
    u->left -= k;
    return k;
}

static void options(CURL *c, const remind_config_t *cfg, struct curl_slist *rcpt, upload_t *u,
                    char *errbuf, char *from)
{
    curl_easy_setopt(c, CURLOPT_URL, cfg->url);
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     cfg->tls == REMIND_TLS_REQUIRED ? (long)CURLUSESSL_ALL
                     : cfg->tls == REMIND_TLS_TRY    ? (long)CURLUSESSL_TRY
                                                     : (long)CURLUSESSL_NONE);
    if (*cfg->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password);
    }
    if (*cfg->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    if (cfg->insecure) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, reader);
    curl_easy_setopt(c, CURLOPT_READDATA, u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->left);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)(cfg->timeout_s < 10 ? cfg->timeout_s : 10));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)cfg->timeout_s);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_VERBOSE, 0L);
}

static bool is_permanent(CURLcode rc, long reply)
{
    if (reply >= 500 && reply < 600)
        return true;
    return rc == CURLE_LOGIN_DENIED || rc == CURLE_URL_MALFORMAT ||
           rc == CURLE_UNSUPPORTED_PROTOCOL;
}

int remind_smtp_send(const remind_config_t *cfg, const char *to, const char *msg, size_t n,
                     bool *permanent, err_t *e)
{
    if (permanent)
        *permanent = false;
    int rc = remind_smtp_init(e);
    if (rc)
        return rc;
    char rcpt_addr[300], from[300], errbuf[CURL_ERROR_SIZE] = "";
    snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", to);
    snprintf(from, sizeof from, "<%s>", cfg->from);
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = c ? curl_slist_append(NULL, rcpt_addr) : NULL;
    if (!c || !rcpt) {
        curl_slist_free_all(rcpt);
        curl_easy_cleanup(c);
        return err_nomem(e);
    }
    upload_t u = {msg, n};
    options(c, cfg, rcpt, &u, errbuf, from);
    CURLcode res = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (res == CURLE_OK)
        return 0;
    if (permanent)
        *permanent = is_permanent(res, reply);
    return err_set(e, ERR_IO, "smtp.send", "Gửi thư thất bại: %s (mã trả lời %ld)",
                   "Sending failed: %s (reply %ld)", *errbuf ? errbuf : curl_easy_strerror(res),
                   reply);
}
