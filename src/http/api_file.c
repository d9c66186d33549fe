/* api_file.c - answering with a file written by an exporter (XLSX lists):
 * a private temporary file, read back, sent as an attachment and removed
 * (api.h "Exports"). */
#include "app/evidence.h"
#include "base/file.h"
#include "base/mem.h"
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define EXPORT_MAX ((size_t)64 << 20)

int api_temp_file(char *path, size_t cap, err_t *e)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, cap, "%s/cchc-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(e, ERR_IO, "http.export", "Không tạo được tệp tạm",
                       "Cannot create a temporary file");
    close(fd);
    return 0;
}

int api_send_file(http_resp_t *resp, int rc, const char *path, const char *mime, const char *name,
                  err_t *e)
{
    char *data = NULL;
    size_t len = 0;
    if (!rc)
        rc = file_read_all(path, EXPORT_MAX, &data, &len, e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, e);
    char *cd = evidence_content_disposition(name);
    rc = http_resp_bytes(resp, 200, mime, data, len);
    if (!rc && cd)
        rc = http_resp_header(resp, "Content-Disposition", cd);
    mem_free(cd);
    mem_free(data);
    return rc;
}
