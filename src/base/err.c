#include "err.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

void err_clear(err_t *e)
{
    if (!e)
        return;
    e->status = 0;
    e->code[0] = e->vi[0] = e->en[0] = '\0';
}

/* Drops a UTF-8 sequence cut by truncation at the end of s. */
static void utf8_trim_tail(char *s)
{
    size_t n = strlen(s), i = n;
    while (i && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (!i)
        return;
    unsigned char c = (unsigned char)s[i - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

int err_vset(err_t *e, int status, const char *code, const char *vi_fmt, const char *en_fmt,
             va_list ap)
{
    if (!e)
        return status;
    va_list ap2;
    va_copy(ap2, ap);
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code ? code : "error");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(e->vi, sizeof e->vi, vi_fmt, ap);
    vsnprintf(e->en, sizeof e->en, en_fmt ? en_fmt : vi_fmt, ap2);
#pragma GCC diagnostic pop
    utf8_trim_tail(e->vi);
    utf8_trim_tail(e->en);
    va_end(ap2);
    return status;
}

int err_set(err_t *e, int status, const char *code, const char *vi_fmt, const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    int rc = err_vset(e, status, code, vi_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int err_set_pair(err_t *e, int status, const char *code, const char *vi, const char *en)
{
    if (!e)
        return status;
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code ? code : "error");
    snprintf(e->vi, sizeof e->vi, "%s", vi ? vi : "");
    snprintf(e->en, sizeof e->en, "%s", en ? en : (vi ? vi : ""));
    utf8_trim_tail(e->vi);
    utf8_trim_tail(e->en);
    return status;
}

int err_nomem(err_t *e)
{
    return err_set(e, ERR_NOMEM, "nomem", "Hết bộ nhớ", "Out of memory");
}

static void prefix_one(char *msg, size_t cap, const char *prefix)
{
    char tmp[2 * ERR_MSG_MAX];
    snprintf(tmp, sizeof tmp, "%s%s", prefix, msg);
    snprintf(msg, cap, "%.*s", (int)(cap - 1), tmp);
    utf8_trim_tail(msg);
}

void err_prefix(err_t *e, const char *prefix)
{
    if (!e || !prefix)
        return;
    prefix_one(e->vi, sizeof e->vi, prefix);
    prefix_one(e->en, sizeof e->en, prefix);
}

void err_prefixf(err_t *e, const char *vi_fmt, const char *en_fmt, ...)
{
    if (!e)
        return;
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    va_list ap, ap2;
    va_start(ap, en_fmt);
    va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(vi, sizeof vi, vi_fmt, ap);
    vsnprintf(en, sizeof en, en_fmt, ap2);
#pragma GCC diagnostic pop
    va_end(ap2);
    va_end(ap);
    prefix_one(e->vi, sizeof e->vi, vi);
    prefix_one(e->en, sizeof e->en, en);
}

int err_http_status(int status)
{
    switch (status) {
#define ERR_HTTP_(name, value, http, str, vi, en)                                                  \
    case value:                                                                                    \
        return http;
        ERR_MAP(ERR_HTTP_)
#undef ERR_HTTP_
    default:
        return status < 0 ? 400 : 200;
    }
}

const char *err_status_name(int status)
{
    switch (status) {
#define ERR_NAME_(name, value, http, str, vi, en)                                                  \
    case value:                                                                                    \
        return str;
        ERR_MAP(ERR_NAME_)
#undef ERR_NAME_
    default:
        return "internal";
    }
}

int err_set_generic(err_t *e, int status)
{
    switch (status) {
#define ERR_GENERIC_(name, value, http, str, vi, en)                                               \
    case value:                                                                                    \
        return err_set_pair(e, status, str, vi, en);
        ERR_MAP(ERR_GENERIC_)
#undef ERR_GENERIC_
    default:
        return err_set_pair(e, status, "internal", "Lỗi hệ thống", "Internal server error");
    }
}
