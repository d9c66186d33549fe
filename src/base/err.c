#include "err.h"

#include <stdio.h>
#include <string.h>

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

int err_nomem(err_t *e)
{
    return err_set(e, ERR_NOMEM, "nomem", "Hết bộ nhớ", "Out of memory");
}

static void prefix_one(char *msg, size_t cap, const char *prefix)
{
    char tmp[ERR_MSG_MAX];
    snprintf(tmp, sizeof tmp, "%s%s", prefix, msg);
    snprintf(msg, cap, "%s", tmp);
    utf8_trim_tail(msg);
}

void err_prefix(err_t *e, const char *prefix)
{
    if (!e || !prefix)
        return;
    prefix_one(e->vi, sizeof e->vi, prefix);
    prefix_one(e->en, sizeof e->en, prefix);
}

int err_http_status(int status)
{
    switch (status) {
    case ERR_OK:
        return 200;
    case ERR_INVALID:
        return 400;
    case ERR_RANGE:
        return 400;
    case ERR_NOTFOUND:
        return 404;
    case ERR_CONFLICT:
        return 409;
    case ERR_FORBIDDEN:
        return 403;
    case ERR_UNAUTH:
        return 401;
    case ERR_TOOLARGE:
        return 413;
    case ERR_METHOD:
        return 405;
    case ERR_TOOMANY:
        return 429;
    case ERR_BUSY:
        return 503;
    case ERR_NOMEM:
    case ERR_IO:
    case ERR_DB:
    case ERR_INTERNAL:
        return 500;
    default:
        return status < 0 ? 400 : 200;
    }
}

const char *err_status_name(int status)
{
    switch (status) {
    case ERR_OK:
        return "ok";
    case ERR_INVALID:
        return "invalid";
    case ERR_RANGE:
        return "out_of_range";
    case ERR_NOTFOUND:
        return "not_found";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_FORBIDDEN:
        return "forbidden";
    case ERR_UNAUTH:
        return "unauthorized";
    case ERR_TOOLARGE:
        return "too_large";
    case ERR_NOMEM:
        return "no_memory";
    case ERR_IO:
        return "io";
    case ERR_DB:
        return "database";
    case ERR_METHOD:
        return "method_not_allowed";
    case ERR_TOOMANY:
        return "too_many_requests";
    case ERR_BUSY:
        return "busy";
    default:
        return "internal";
    }
}
