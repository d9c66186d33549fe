/* remind_mailer.c - delivering the reminder outbox (remind_mailer.h). */
#include "io/remind_mailer.h"

#include "app/app_remind.h"
#include "base/log.h"
#include "io/remind_mail.h"
#include "io/remind_smtp.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

static void claimer(char *out, size_t cap)
{
    char host[64] = "";
    unsigned char rnd[6];
    char hex[13];
    if (gethostname(host, sizeof host - 1))
        snprintf(host, sizeof host, "host");
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    snprintf(out, cap, "%.40s-%ld-%s", host, (long)getpid(), hex);
}

static int deliver(app_t *a, const remind_config_t *cfg, const json_t *m, dtime_t now,
                   remind_mailer_stats_t *st, err_t *e)
{
    int64_t id = json_integer_value(json_object_get(m, "id"));
    int attempts = (int)json_integer_value(json_object_get(m, "attempts"));
    const char *login = json_string_value(json_object_get(m, "login"));
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *host = strchr(cfg->from, '@');
    remind_mail_from_t from = {cfg->from, cfg->from_name, cfg->base_url,
                               host ? host + 1 : "cchc.local"};
    buf_t msg = BUF_INIT(REMIND_MAIL_MAX);
    err_t me;
    err_clear(&me);
    bool permanent = false;
    const char *to = json_string_value(json_object_get(m, "to"));
    int rc = app_remind_email_valid(to)
                 ? remind_mail_compose(m, &from, now, &msg, &me)
                 : err_set(&me, ERR_INVALID, "mail.address", "Địa chỉ thư không hợp lệ: '%.80s'",
                           "Invalid e-mail address: '%.80s'", to ? to : "");
    if (rc == ERR_NOMEM) {
        buf_release(&msg);
        return err_nomem(e);
    }
    permanent = rc != 0;
    if (!rc)
        rc = remind_smtp_send(cfg, to, buf_cstr(&msg), msg.len, &permanent, &me);
    buf_release(&msg);
    bool sent = rc == 0;
    if (sent) {
        st->sent++;
        log_msg(LOG_INFO, "remind: mail %s to %s sent", kind ? kind : "?", login ? login : "?");
    } else {
        bool gives_up = permanent || attempts >= APP_REMIND_MAIL_TRIES;
        st->failed++;
        st->given_up += gives_up;
        log_msg(LOG_WARN, "remind: mail %s to %s failed (attempt %d%s): %s", kind ? kind : "?",
                login ? login : "?", attempts, gives_up ? ", given up" : "", me.en);
    }
    return app_remind_mail_result(a, id, attempts, sent, permanent, sent ? NULL : me.vi, now, e);
}

int remind_mailer_run(app_t *a, const remind_config_t *cfg, dtime_t now, remind_mailer_stats_t *st,
                      err_t *e)
{
    memset(st, 0, sizeof *st);
    if (!cfg->mail_on)
        return 0;
    char by[128];
    claimer(by, sizeof by);
    json_t *batch = NULL;
    int lease = cfg->timeout_s * 2 + 30;
    int rc = app_remind_mail_claim(a, now, by, (size_t)cfg->batch, lease, &batch, e);
    size_t i;
    const json_t *m;
    st->claimed = rc ? 0 : json_array_size(batch);
    json_array_foreach(batch, i, m)
    {
        if (rc)
            break;
        rc = deliver(a, cfg, m, now, st, e);
    }
    json_decref(batch);
    return rc;
}
