#include "log.h"

#include "date.h"
#include "dtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "banned.h"

static int g_level = LOG_INFO;
static _Thread_local unsigned long t_request_id;

void log_set_level(int level)
{
    g_level = level;
}

int log_get_level(void)
{
    return g_level;
}

int log_level_parse(const char *s)
{
    static const char *names[] = {"debug", "info", "warn", "error", "off"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

void log_set_request_id(unsigned long id)
{
    t_request_id = id;
}

void log_msg(int level, const char *fmt, ...)
{
    static const char *names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
    if (level < g_level || level < 0 || level > LOG_ERROR)
        return;
    char line[2048];
    char ts[DTIME_ISO_LEN];
    dtime_format(dtime_now(), ts);
    int n;
    if (t_request_id)
        n = snprintf(line, sizeof line, "%s %-5s [req %lu] ", ts, names[level], t_request_id);
    else
        n = snprintf(line, sizeof line, "%s %-5s ", ts, names[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof line)
        n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line - 1 ? (size_t)n : sizeof line - 2;
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
