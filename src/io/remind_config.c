/* remind_config.c - reminders delivery settings (remind_config.h). */
#include "io/remind_config.h"

#include "base/file.h"
#include "base/mem.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define CONFIG_MAX_BYTES (1u << 20)

void remind_config_defaults(remind_config_t *c)
{
    memset(c, 0, sizeof *c);
    c->sched_minute = 7 * 60;
    c->tick_s = 60;
    c->tls = REMIND_TLS_REQUIRED;
    c->timeout_s = 20;
    c->batch = 50;
    snprintf(c->from_name, sizeof c->from_name, "Hệ thống theo dõi CCHC");
}

typedef struct parse {
    const char *source;
    err_t *e;
} parse_t;

static int bad(const parse_t *p, const char *key, const char *vi, const char *en)
{
    err_set_pair(p->e, ERR_INVALID, "config.field", vi, en);
    err_prefixf(p->e, "%s: %s: ", "%s: %s: ", p->source, key);
    return ERR_INVALID;
}

static int str(const parse_t *p, const json_t *o, const char *key, char *out, size_t cap)
{
    const json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    const char *s = json_string_value(v);
    if (!s || strlen(s) >= cap || strpbrk(s, "\r\n"))
        return bad(p, key, "phải là một chuỗi ngắn trên một dòng",
                   "must be a short single-line string");
    snprintf(out, cap, "%s", s);
    return 0;
}

static int num(const parse_t *p, const json_t *o, const char *key, int min, int max, int *out)
{
    const json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        char vi[128], en[128];
        snprintf(vi, sizeof vi, "phải là số nguyên từ %d đến %d", min, max);
        snprintf(en, sizeof en, "must be an integer from %d to %d", min, max);
        return bad(p, key, vi, en);
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int flag(const parse_t *p, const json_t *o, const char *key, bool *out)
{
    const json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return bad(p, key, "phải là true hoặc false", "must be true or false");
    *out = json_is_true(v);
    return 0;
}

static int scheduler(const parse_t *p, const json_t *o, remind_config_t *c)
{
    if (!o)
        return 0;
    if (!json_is_object(o))
        return bad(p, "scheduler", "phải là một đối tượng", "must be an object");
    c->sched_on = true;
    char t[16] = "";
    int rc = flag(p, o, "enabled", &c->sched_on) || str(p, o, "time", t, sizeof t) ||
             num(p, o, "tick_seconds", 5, 3600, &c->tick_s);
    if (rc)
        return ERR_INVALID;
    if (*t) {
        int h = -1, m = -1;
        char tail = 0;
        if (sscanf(t, "%2d:%2d%c", &h, &m, &tail) != 2 || strlen(t) != 5 || h < 0 || h > 23 ||
            m < 0 || m > 59)
            return bad(p, "scheduler.time", "phải có dạng HH:MM", "must be HH:MM");
        c->sched_minute = h * 60 + m;
    }
    return 0;
}

static int password_file(const parse_t *p, const char *path, remind_config_t *c)
{
    char *text = NULL;
    size_t n = 0;
    int rc = file_read_all(path, 4096, &text, &n, p->e);
    if (rc)
        return rc;
    size_t len = strcspn(text, "\r\n");
    if (len >= sizeof c->password)
        rc = bad(p, "mail.password_file", "mật khẩu quá dài", "password too long");
    else
        snprintf(c->password, sizeof c->password, "%.*s", (int)len, text);
    sodium_memzero(text, n);
    mem_free(text);
    return rc;
}

static int mail_tls(const parse_t *p, const json_t *o, remind_config_t *c)
{
    char tls[16] = "";
    if (str(p, o, "tls", tls, sizeof tls))
        return ERR_INVALID;
    if (!*tls || strcmp(tls, "starttls") == 0)
        c->tls = REMIND_TLS_REQUIRED;
    else if (strcmp(tls, "try") == 0)
        c->tls = REMIND_TLS_TRY;
    else if (strcmp(tls, "none") == 0)
        c->tls = REMIND_TLS_NONE;
    else
        return bad(p, "mail.tls", "phải là \"starttls\", \"try\" hoặc \"none\"",
                   "must be \"starttls\", \"try\" or \"none\"");
    return 0;
}

static int mail(const parse_t *p, const json_t *o, remind_config_t *c)
{
    if (!o)
        return 0;
    if (!json_is_object(o))
        return bad(p, "mail", "phải là một đối tượng", "must be an object");
    char pwfile[512] = "";
    int rc = str(p, o, "url", c->url, sizeof c->url) || mail_tls(p, o, c) ||
             str(p, o, "user", c->user, sizeof c->user) ||
             str(p, o, "password", c->password, sizeof c->password) ||
             str(p, o, "password_file", pwfile, sizeof pwfile) ||
             str(p, o, "from", c->from, sizeof c->from) ||
             str(p, o, "from_name", c->from_name, sizeof c->from_name) ||
             str(p, o, "ca_file", c->ca_file, sizeof c->ca_file) ||
             flag(p, o, "insecure_skip_verify", &c->insecure) ||
             num(p, o, "timeout_seconds", 1, 600, &c->timeout_s) ||
             num(p, o, "batch", 1, 10000, &c->batch);
    if (rc)
        return ERR_INVALID;
    if (*c->url && strncmp(c->url, "smtp://", 7) != 0 && strncmp(c->url, "smtps://", 8) != 0)
        return bad(p, "mail.url", "phải bắt đầu bằng smtp:// hoặc smtps://",
                   "must start with smtp:// or smtps://");
    const char *host = strstr(c->url, "://");
    if (host && strchr(host + 3, '@'))
        return bad(p, "mail.url",
                   "không được chứa tên đăng nhập hay mật khẩu (dùng user, password)",
                   "must not hold credentials (use user, password)");
    if (*c->url && !strchr(c->from, '@'))
        return bad(p, "mail.from", "cần địa chỉ người gửi", "a sender address is required");
    rc = *pwfile ? password_file(p, pwfile, c) : 0;
    if (rc)
        return rc;
    c->mail_on = *c->url != '\0';
    return 0;
}

int remind_config_parse(const char *text, size_t n, const char *source, remind_config_t *c,
                        err_t *e)
{
    parse_t p = {source ? source : "config", e};
    remind_config_defaults(c);
    json_error_t je;
    json_t *root = json_loadb(text, n, 0, &je);
    int rc = 0;
    if (!root) {
        char vi[256], en[256];
        snprintf(vi, sizeof vi, "JSON không hợp lệ (dòng %d): %.150s", je.line, je.text);
        snprintf(en, sizeof en, "malformed JSON (line %d): %.150s", je.line, je.text);
        return bad(&p, "json", vi, en);
    }
    if (!json_is_object(root))
        rc = bad(&p, "json", "phải là một đối tượng JSON", "must be a JSON object");
    if (!rc)
        rc = str(&p, root, "base_url", c->base_url, sizeof c->base_url);
    if (!rc)
        rc = scheduler(&p, json_object_get(root, "scheduler"), c);
    if (!rc)
        rc = mail(&p, json_object_get(root, "mail"), c);
    json_decref(root);
    size_t bl = strlen(c->base_url);
    while (bl && c->base_url[bl - 1] == '/')
        c->base_url[--bl] = '\0';
    const char *env = getenv("CCHC_SMTP_PASSWORD");
    if (!rc && env && *env)
        snprintf(c->password, sizeof c->password, "%s", env);
    return rc;
}

int remind_config_load(const char *path, remind_config_t *c, err_t *e)
{
    remind_config_defaults(c);
    if (!path || !*path)
        return 0;
    char *text = NULL;
    size_t n = 0;
    int rc = file_read_all(path, CONFIG_MAX_BYTES, &text, &n, e);
    if (!rc)
        rc = remind_config_parse(text, n, path, c, e);
    mem_free(text);
    return rc;
}

void remind_config_describe(const remind_config_t *c, char *out, size_t cap)
{
    static const char *const tls[] = {"none", "try", "starttls"};
    char t[8];
    snprintf(t, sizeof t, "%02d:%02d", c->sched_minute / 60 % 24, c->sched_minute % 60);
    snprintf(out, cap, "scheduler=%s%s%s mail=%s tls=%s user=%s password=%s from=%s base_url=%s",
             c->sched_on ? "on@" : "off", c->sched_on ? t : "", "", c->mail_on ? c->url : "off",
             tls[c->tls], *c->user ? c->user : "-", *c->password ? "***" : "-",
             *c->from ? c->from : "-", *c->base_url ? c->base_url : "-");
}
