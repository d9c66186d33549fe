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

/* Every status, in one table (as libuv's UV_ERRNO_MAP): the enum, the HTTP
 * status, the stable name and the generic bilingual message are generated
 * from it. X(NAME, value, http, "name", "vi", "en"). */
#define ERR_MAP(X)                                                                                 \
    X(OK, 0, 200, "ok", "Thành công", "OK")                                                        \
    X(INVALID, -1, 400, "invalid", "Yêu cầu không hợp lệ", "Bad request")                          \
    X(NOTFOUND, -2, 404, "not_found", "Không tìm thấy", "Not found")                               \
    X(CONFLICT, -3, 409, "conflict", "Dữ liệu xung đột", "Conflict")                               \
    X(FORBIDDEN, -4, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này", "Forbidden")   \
    X(UNAUTH, -5, 401, "unauthorized", "Bạn cần đăng nhập", "Login required")                      \
    X(TOOLARGE, -6, 413, "too_large", "Nội dung gửi lên quá lớn", "Request body too large")        \
    X(NOMEM, -7, 500, "no_memory", "Hết bộ nhớ", "Out of memory")                                  \
    X(IO, -8, 500, "io", "Lỗi đọc hoặc ghi tệp", "File system error")                              \
    X(DB, -9, 500, "database", "Lỗi cơ sở dữ liệu", "Database error")                              \
    X(INTERNAL, -10, 500, "internal", "Lỗi hệ thống", "Internal server error")                     \
    X(METHOD, -11, 405, "method_not_allowed", "Phương thức không được hỗ trợ",                     \
      "Method not allowed")                                                                        \
    X(RANGE, -12, 400, "out_of_range", "Giá trị nằm ngoài phạm vi cho phép", "Value out of range") \
    X(TOOMANY, -13, 429, "too_many_requests", "Quá nhiều yêu cầu; vui lòng thử lại sau",           \
      "Too many requests; try again later")                                                        \
    X(BUSY, -14, 503, "busy", "Hệ thống đang bận; vui lòng thử lại", "Busy; please try again")

enum err_status {
#define ERR_ENUM_(name, value, http, str, vi, en) ERR_##name = value,
    ERR_MAP(ERR_ENUM_)
#undef ERR_ENUM_
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

/* Fill e (may be NULL) with a ready message pair (no formatting; each is
 * truncated on a UTF-8 boundary) and return status. For messages built
 * beforehand, e.g. a prefix in each language followed by a reason. */
int err_set_pair(err_t *e, int status, const char *code, const char *vi, const char *en);

/* Fill e (may be NULL) with the generic message of a status (ERR_MAP) and
 * its name as the code; returns status. */
int err_set_generic(err_t *e, int status);

/* Shorthand for out-of-memory. */
int err_nomem(err_t *e);

/* Prefix both messages (e.g. with "file.csv:12: "), keeping code and status. */
void err_prefix(err_t *e, const char *prefix);
/* Prefix each message with its own language's text, formatted from the same
 * arguments ("Nhiệm vụ %s: " / "Task %s: "); e may be NULL. */
void err_prefixf(err_t *e, const char *vi_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 2, 4)));

/* The HTTP status matching an err_status (400 for unknown negatives, 200
 * for positives). */
int err_http_status(int status);

/* Short English name of a status ("invalid", "not_found"...; "internal"
 * for an unknown one). */
const char *err_status_name(int status);

#endif
