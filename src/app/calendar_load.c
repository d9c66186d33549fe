/* calendar_load.c - file reading around agencycal's text parser. */
#include "app/calendar_load.h"

#include "base/buf.h"
#include "base/file.h"
#include "base/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

static int read_all(const char *path, buf_t *b, err_t *e)
{
    char *data = NULL;
    size_t n = 0;
    int rc = file_read_all(path, CALENDAR_LOAD_MAX_BYTES, &data, &n, e);
    if (!rc) {
        rc = buf_append(b, data, n) ? err_nomem(e) : 0;
        mem_free(data);
    }
    return rc;
}

static void name_file(err_t *e, const char *path)
{
    char pre[1100];
    snprintf(pre, sizeof pre, "%s: ", path);
    err_prefix(e, pre);
}

int calendar_load_files(const char *base_path, const char *overlay_path, agencycal_t **out,
                        err_t *e)
{
    *out = NULL;
    buf_t b;
    buf_init(&b, CALENDAR_LOAD_MAX_BYTES);
    agencycal_t *c = NULL;
    int rc = read_all(base_path, &b, e);
    if (!rc) {
        rc = agencycal_parse(b.data ? b.data : "", b.len, &c, e);
        if (rc)
            name_file(e, base_path);
    }
    if (!rc && overlay_path) {
        buf_reset(&b);
        rc = read_all(overlay_path, &b, e);
        if (!rc) {
            rc = agencycal_merge(c, b.data ? b.data : "", b.len, e);
            if (rc)
                name_file(e, overlay_path);
        }
    }
    buf_release(&b);
    if (rc) {
        agencycal_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int calendar_load_load(const char *data_dir, agencycal_t **out, err_t *e)
{
    char base[1024], overlay[1024];
    const char *dir = data_dir && *data_dir ? data_dir : "data";
    int a = snprintf(base, sizeof base, "%s/calendar/vn.json", dir);
    int b = snprintf(overlay, sizeof overlay, "%s/calendar/province.json", dir);
    if (a < 0 || b < 0 || (size_t)a >= sizeof base || (size_t)b >= sizeof overlay)
        return err_set(e, ERR_INVALID, "calendar.file", "Đường dẫn thư mục dữ liệu quá dài",
                       "Data directory path too long");
    bool has_overlay = access(overlay, F_OK) == 0;
    return calendar_load_files(base, has_overlay ? overlay : NULL, out, e);
}
