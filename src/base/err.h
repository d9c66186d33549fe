/* err.h - error values with a stable code and a bilingual message.
 *
 * Convention (house style): functions return 0 on success or a negative
 * ERR_* status; when the caller passes an err_t, it is filled with a stable
 * machine-readable code ("unit.parent_unknown"), a Vietnamese message and an
 * English message. err_t is a plain value: no allocation, no ownership. */
#ifndef CCHC_ERR_H
#define CCHC_ERR_H

#include <stdarg.h>

/* Marks a function whose status must not be ignored (as curl's
 * WARN_UNUSED_RESULT): with -Werror, dropping it fails the build. */
#define MUST_CHECK __attribute__((warn_unused_result))

enum err_status {
    ERR_OK = 0,
    ERR_INVALID = -1,   /* bad input: 400 */
    ERR_NOTFOUND = -2,  /* 404 */
    ERR_CONFLICT = -3,  /* 409: duplicate, stale state */
    ERR_FORBIDDEN = -4, /* 403: authenticated but not allowed */
    ERR_UNAUTH = -5,    /* 401: no or expired session */
    ERR_TOOLARGE = -6,  /* 413 */
    ERR_NOMEM = -7,     /* 500 */
    ERR_IO = -8,        /* 500: file system */
    ERR_DB = -9,        /* 500: storage engine */
    ERR_INTERNAL = -10, /* 500 */
    ERR_METHOD = -11,   /* 405 */
    ERR_RANGE = -12,    /* 400: value out of the supported range */
    ERR_TOOMANY = -13,  /* 429: too many attempts, retry later */
    ERR_BUSY = -14      /* 503: resource temporarily busy (database lock) */
};

#define ERR_CODE_MAX 64
#define ERR_MSG_MAX  512

typedef struct err {
    int status;              /* one of enum err_status */
    char code[ERR_CODE_MAX]; /* stable code, e.g. "csv.field_missing" */
    char vi[ERR_MSG_MAX];    /* Vietnamese message */
    char en[ERR_MSG_MAX];    /* English message */
} err_t;

/* Reset to "no error". e may be NULL. */
void err_clear(err_t *e);

/* Fill e (may be NULL) and return status. vi_fmt and en_fmt are printf
 * formats consuming the same arguments in the same order. */
int err_set(err_t *e, int status, const char *code, const char *vi_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 4, 6)));
int err_vset(err_t *e, int status, const char *code, const char *vi_fmt, const char *en_fmt,
             va_list ap);

/* Shorthand for out-of-memory. */
int err_nomem(err_t *e);

/* Prefix both messages (e.g. with "file.csv:12: "), keeping code and status. */
void err_prefix(err_t *e, const char *prefix);

/* The HTTP status matching an err_status (400 for unknown negatives). */
int err_http_status(int status);

/* Short English name of a status ("invalid", "not_found"...). */
const char *err_status_name(int status);

#endif
