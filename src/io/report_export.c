/* report_export.c - a report as a DOCX, PDF or XLSX file (report_export.h). */
#include "io/report_export.h"

#include "app/app_report.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/offdoc_xlsx.h"

#include <string.h>

#include "base/banned.h"

static const struct {
    const char *name, *mime, *ext;
} formats[] = {
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
    {"pdf", "application/pdf", ".pdf"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
};

int report_export_format_parse(const char *s, report_export_format_t *out, err_t *e)
{
    for (size_t i = 0; s && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i].name) == 0) {
            *out = (report_export_format_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "report.format", "Định dạng không hỗ trợ '%s' (docx, pdf, xlsx)",
                   "Unsupported format '%s' (docx, pdf, xlsx)", s ? s : "");
}

const char *report_export_mime(report_export_format_t f)
{
    return formats[f].mime;
}

const char *report_export_ext(report_export_format_t f)
{
    return formats[f].ext;
}

int report_export_write(app_t *a, const user_t *actor, int64_t id, report_export_format_t f,
                        const char *path, err_t *e)
{
    offdoc_t *d = NULL;
    int rc = app_report_document(a, actor, id, &d, e);
    if (!rc)
        rc = f == REPORT_EXPORT_DOCX  ? offdoc_docx_write(d, path, e)
             : f == REPORT_EXPORT_PDF ? offdoc_pdf_write(d, path, e)
                                      : offdoc_xlsx_write(d, path, e);
    offdoc_free(d);
    return rc;
}
