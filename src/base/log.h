/* log.h - one line per event: time, level, request id, message.
 *
 * Output goes to stderr (the default: systemd's journal, a terminal) or to a
 * file rotated by size (log_open_file). Every line is written with one
 * write(2) under a lock, so lines of different threads never interleave.
 *
 * Levels are set per subsystem ("http", "access", "auth", "db", ...): a
 * specification such as "info" or "warn,access=error,auth=debug" gives the
 * default level first, then name=level pairs (log_configure). log_msg
 * writes under the default level; log_sub under its subsystem's level and
 * prefixes the message with "<subsystem>: ".
 *
 * Whatever is formatted, a line never holds a control character or invalid
 * UTF-8: such bytes are written as "\n", "\r", "\t" or "\xHH" (a backslash is
 * doubled), so a client-supplied value (a login name, a path) can never start
 * a forged line. Lines longer than LOG_LINE_MAX are cut on a UTF-8 boundary.
 *
 * Configuration calls (log_configure, log_set_level, log_open_file) are
 * meant for start-up, before threads are started; log_msg and log_sub are
 * thread-safe at any time. */
#ifndef CCHC_LOG_H
#define CCHC_LOG_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3, LOG_OFF = 4 };

#define LOG_LINE_MAX    2048 /* bytes of one line, escapes included */
#define LOG_SUBSYS_MAX  16   /* subsystems with their own level */
#define LOG_SUBSYS_NAME 16   /* bytes of a subsystem name, NUL included */
#define LOG_ROTATE_KEEP 9    /* most rotated files kept (PATH.1 .. PATH.9) */
#define LOG_ROTATE_MIN  4096 /* smallest rotation size */

/* The default level (subsystems without their own keep following it). */
void log_set_level(int level);
int log_get_level(void);
/* Parses "debug", "info", "warn", "error", "off"; returns -1 if unknown. */
int log_level_parse(const char *s);

/* Applies a level specification: "LEVEL", "LEVEL,sub=LEVEL,..." or
 * "sub=LEVEL,..." (the default level then unchanged). Subsystem names are
 * [a-z0-9_.]{1,15}. Earlier per-subsystem levels are forgotten. Returns 0,
 * or ERR_INVALID "log.level" (nothing changed). */
int log_configure(const char *spec, err_t *e);
/* The level in force for a subsystem (NULL = the default). */
int log_sub_level(const char *sub);
/* Whether a line of this level would be written for sub (NULL = default). */
bool log_enabled(const char *sub, int level);

/* Per-thread request id shown in each line (0 = none). */
void log_set_request_id(unsigned long id);

void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_sub(const char *sub, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes to path (appended, created mode 0640) instead of stderr. When a
 * line would take the file past max_bytes (>= LOG_ROTATE_MIN), the file is
 * renamed PATH.1 (PATH.1 becoming PATH.2 ... up to PATH.<keep>, the oldest
 * removed) and a new one started. keep is 1..LOG_ROTATE_KEEP. Returns 0, or
 * ERR_INVALID "log.rotate" for bad sizes, ERR_IO "log.open" when the file
 * cannot be opened (stderr stays in use). */
int log_open_file(const char *path, size_t max_bytes, int keep, err_t *e);
/* Back to stderr; closes the file. */
void log_close_file(void);

/* Copies in[0..len) to out (cap bytes, always NUL-terminated) with the
 * escaping described above, stopping before an escape or character that
 * would not fit; returns the length written. */
size_t log_escape(char *out, size_t cap, const char *in, size_t len);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
