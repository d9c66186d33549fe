/* api_kpi_export.c - GET /api/v1/kpi/export.xlsx: the KPI explorer's table
 * as an Excel workbook (API.md "Indicators"). The file is written to a
 * private temporary file, read back and removed before the answer is sent. */
#include "app/app_kpi.h"
#include "app/evidence.h"
#include "base/file.h"
#include "base/mem.h"
#include "http/api.h"
#include "io/kpi_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

int api_kpi_export(http_req_t *req, http_resp_t *resp)
{
    kpi_request_t r;
    if (api_kpi_request(req, resp, &r))
        return 0;
    const char *ch = http_req_query(req, "children"), *lang = http_req_query(req, "lang");
    bool children = ch && strcmp(ch, "1") == 0;
    bool en = lang && strcmp(lang, "en") == 0;
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/cchc-kpi-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return http_resp_errorf(resp, ERR_IO, "kpi.xlsx_write", "Không tạo được tệp tạm",
                                "Cannot create a temporary file");
    close(fd);
    err_t e;
    int rc = kpi_export_xlsx(api_app(req), api_user(req), &r, children, en, path, &e);
    char *data = NULL;
    size_t len = 0;
    if (!rc)
        rc = file_read_all(path, 64u << 20, &data, &len, &e);
    unlink(path);
    if (rc)
        return http_resp_error(resp, &e);
    char from[DATE_ISO_LEN], to[DATE_ISO_LEN], name[256];
    date_format(r.from, from);
    date_format(r.to, to);
    snprintf(name, sizeof name, "chi-so-%s-%s-%s.xlsx", r.unit, from, to);
    char *cd = evidence_content_disposition(name);
    rc = http_resp_bytes(resp, 200, XLSX_MIME, data, len);
    if (!rc && cd)
        rc = http_resp_header(resp, "Content-Disposition", cd);
    mem_free(cd);
    mem_free(data);
    return rc;
}
