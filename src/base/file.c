#include "base/file.h"

#include "base/buf.h"
#include "base/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

int file_read_all(const char *path, size_t max, char **out, size_t *len, err_t *e)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_IO, "file.open", "Không mở được tệp '%s': %s",
                       "Cannot open file '%s': %s", path, strerror(errno));
    buf_t b;
    buf_init(&b, max);
    char chunk[65536];
    size_t n;
    int rc = 0;
    for (;;) {
        n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        rc = buf_append(&b, chunk, n);
        if (rc)
            break;
    }
    if (!rc && ferror(f))
        rc = err_set(e, ERR_IO, "file.read", "Lỗi đọc tệp '%s'", "Error reading file '%s'", path);
    else if (rc == ERR_TOOLARGE)
        err_set(e, rc, "file.too_large", "Tệp '%s' quá lớn (tối đa %zu byte)",
                "File '%s' is too large (max %zu bytes)", path, max);
    else if (rc)
        err_nomem(e);
    if (!is_stdin)
        fclose(f);
    if (!rc && !b.data && buf_reserve(&b, 0))
        rc = err_nomem(e);
    if (rc) {
        buf_release(&b);
        return rc;
    }
    *len = b.len;
    *out = buf_detach(&b);
    return 0;
}
