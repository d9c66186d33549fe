/* log.c - see log.h. */
#include "log.h"

#include "date.h"
#include "dtime.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

struct subsys {
    char name[LOG_SUBSYS_NAME];
    int level;
};

static int g_level = LOG_INFO;
static struct subsys g_subs[LOG_SUBSYS_MAX];
static size_t g_nsubs;
static _Thread_local unsigned long t_request_id;

/* Output: stderr unless a file is open. */
static pthread_mutex_t g_out_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_fd = -1;
static char g_path[PATH_MAX];
static size_t g_size, g_max;
static int g_keep;

static const char *const g_names[] = {"debug", "info", "warn", "error", "off"};

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
    for (int i = 0; i < 5; i++)
        if (s && strcmp(s, g_names[i]) == 0)
            return i;
    return -1;
}

static int bad_spec(err_t *e, const char *spec)
{
    return err_set(e, ERR_INVALID, "log.level",
                   "Mức log không hợp lệ '%s' (vd. info hoặc warn,access=error,auth=debug; mức: "
                   "debug|info|warn|error|off)",
                   "Invalid log level '%s' (e.g. info or warn,access=error,auth=debug; levels: "
                   "debug|info|warn|error|off)",
                   spec);
}

static bool sub_name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= LOG_SUBSYS_NAME)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '.'))
            return false;
    return true;
}

/* One item of a specification: "LEVEL" or "name=LEVEL". */
static int spec_item(const char *item, size_t n, int *dflt, struct subsys *subs, size_t *nsubs)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, item, n);
    buf[n] = '\0';
    char *eq = strchr(buf, '=');
    if (!eq) {
        *dflt = log_level_parse(buf);
        return *dflt < 0 ? -1 : 0;
    }
    *eq = '\0';
    int lvl = log_level_parse(eq + 1);
    if (lvl < 0 || !sub_name_ok(buf, strlen(buf)) || *nsubs >= LOG_SUBSYS_MAX)
        return -1;
    for (size_t i = 0; i < *nsubs; i++)
        if (strcmp(subs[i].name, buf) == 0) {
            subs[i].level = lvl;
            return 0;
        }
    memset(subs[*nsubs].name, 0, LOG_SUBSYS_NAME);
    memcpy(subs[*nsubs].name, buf, strlen(buf)); /* < LOG_SUBSYS_NAME: sub_name_ok */
    subs[(*nsubs)++].level = lvl;
    return 0;
}

int log_configure(const char *spec, err_t *e)
{
    if (!spec || !*spec)
        return bad_spec(e, spec ? spec : "");
    int dflt = g_level;
    struct subsys subs[LOG_SUBSYS_MAX];
    size_t nsubs = 0;
    for (const char *p = spec;;) {
        size_t n = strcspn(p, ",");
        if (spec_item(p, n, &dflt, subs, &nsubs))
            return bad_spec(e, spec);
        if (!p[n])
            break;
        p += n + 1;
    }
    g_level = dflt;
    memcpy(g_subs, subs, sizeof subs);
    g_nsubs = nsubs;
    return 0;
}

int log_sub_level(const char *sub)
{
    for (size_t i = 0; sub && i < g_nsubs; i++)
        if (strcmp(g_subs[i].name, sub) == 0)
            return g_subs[i].level;
    return g_level;
}

bool log_enabled(const char *sub, int level)
{
    return level >= 0 && level <= LOG_ERROR && level >= log_sub_level(sub);
}

void log_set_request_id(unsigned long id)
{
    t_request_id = id;
}

/* Length of the valid UTF-8 sequence at p (n bytes available), 0 if none. */
static size_t utf8_len(const unsigned char *p, size_t n, unsigned *cp)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, min = 0x80, c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, min = 0x800, c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* The escape for one character, "" when it is written as is. */
static void escape_of(unsigned cp, size_t len, const unsigned char *p, char esc[16])
{
    esc[0] = '\0';
    if (len == 0)
        snprintf(esc, 16, "\\x%02x", p[0]);
    else if (cp == '\n')
        snprintf(esc, 16, "\\n");
    else if (cp == '\r')
        snprintf(esc, 16, "\\r");
    else if (cp == '\t')
        snprintf(esc, 16, "\\t");
    else if (cp == '\\')
        snprintf(esc, 16, "\\\\");
    else if (cp < 0x20 || cp == 0x7f)
        snprintf(esc, 16, "\\x%02x", cp);
    else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
        snprintf(esc, 16, "\\u%04x", cp);
}

size_t log_escape(char *out, size_t cap, const char *in, size_t len)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t n = utf8_len(p + i, len - i, &cp);
        char esc[16];
        escape_of(cp, n, p + i, esc);
        const char *src = esc[0] ? esc : (const char *)p + i;
        size_t m = esc[0] ? strlen(esc) : n;
        if (o + m >= cap)
            break;
        memcpy(out + o, src, m);
        o += m;
        i += n ? n : 1;
    }
    out[o] = '\0';
    return o;
}

static int open_append(const char *path)
{
    return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

/* Shifts PATH.k-1 -> PATH.k ... PATH -> PATH.1 and reopens (lock held). */
static void rotate(void)
{
    char from[PATH_MAX + 16], to[PATH_MAX + 16];
    for (int k = g_keep; k >= 1; k--) {
        if (k > 1)
            snprintf(from, sizeof from, "%s.%u", g_path, (unsigned)(k - 1) % 10u);
        else
            snprintf(from, sizeof from, "%s", g_path);
        snprintf(to, sizeof to, "%s.%u", g_path, (unsigned)k % 10u);
        if (rename(from, to) != 0 && errno != ENOENT)
            break;
    }
    int fd = open_append(g_path);
    if (fd < 0)
        return; /* keep writing to the renamed file rather than lose lines */
    close(g_fd);
    g_fd = fd;
    g_size = 0;
}

static void emit(const char *line, size_t len)
{
    pthread_mutex_lock(&g_out_mu);
    int fd = STDERR_FILENO;
    if (g_fd >= 0) {
        if (g_size > 0 && g_size + len > g_max)
            rotate();
        fd = g_fd;
        g_size += len;
    }
    ssize_t w = write(fd, line, len);
    (void)w;
    pthread_mutex_unlock(&g_out_mu);
}

static void vlog(const char *sub, int level, const char *fmt, va_list ap)
{
    static const char *const upper[] = {"DEBUG", "INFO", "WARN", "ERROR"};
    char msg[LOG_LINE_MAX];
    char line[LOG_LINE_MAX + 1];
    char ts[DTIME_ISO_LEN];
    dtime_format(dtime_now(), ts);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    if (n < 0)
        return;
    size_t mlen = (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1;
    int h;
    if (t_request_id)
        h = snprintf(line, sizeof line, "%s %-5s [req %lu] %s%s", ts, upper[level], t_request_id,
                     sub ? sub : "", sub ? ": " : "");
    else
        h = snprintf(line, sizeof line, "%s %-5s %s%s", ts, upper[level], sub ? sub : "",
                     sub ? ": " : "");
    if (h < 0 || (size_t)h >= sizeof line - 2)
        return;
    size_t len = (size_t)h + log_escape(line + h, sizeof line - 1 - (size_t)h, msg, mlen);
    line[len++] = '\n';
    emit(line, len);
}

void log_msg(int level, const char *fmt, ...)
{
    if (!log_enabled(NULL, level))
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog(NULL, level, fmt, ap);
    va_end(ap);
}

void log_sub(const char *sub, int level, const char *fmt, ...)
{
    if (!log_enabled(sub, level))
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog(sub, level, fmt, ap);
    va_end(ap);
}

int log_open_file(const char *path, size_t max_bytes, int keep, err_t *e)
{
    if (!path || !*path || strlen(path) >= sizeof g_path || max_bytes < LOG_ROTATE_MIN ||
        keep < 1 || keep > LOG_ROTATE_KEEP)
        return err_set(e, ERR_INVALID, "log.rotate",
                       "Cấu hình tệp log không hợp lệ (kích thước >= %d byte, giữ 1..%d tệp)",
                       "Invalid log file settings (size >= %d bytes, keep 1..%d files)",
                       LOG_ROTATE_MIN, LOG_ROTATE_KEEP);
    int fd = open_append(path);
    if (fd < 0)
        return err_set(e, ERR_IO, "log.open", "Không mở được tệp log: %s",
                       "Cannot open the log file: %s", strerror(errno));
    struct stat st;
    pthread_mutex_lock(&g_out_mu);
    if (g_fd >= 0)
        close(g_fd);
    g_fd = fd;
    g_size = fstat(fd, &st) == 0 ? (size_t)st.st_size : 0;
    g_max = max_bytes;
    g_keep = keep;
    snprintf(g_path, sizeof g_path, "%s", path);
    pthread_mutex_unlock(&g_out_mu);
    return 0;
}

void log_close_file(void)
{
    pthread_mutex_lock(&g_out_mu);
    if (g_fd >= 0)
        close(g_fd);
    g_fd = -1;
    g_path[0] = '\0';
    pthread_mutex_unlock(&g_out_mu);
}
