/* report_export.c - a report as a DOCX, PDF or XLSX file (report_export.h). */
#include "io/report_export.h"

#include "app/app_report.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/offdoc_xlsx.h"

#include "io/outfile.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

static const struct {
    const char *name, *mime, *ext;
} formats[] = {
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
    {"pdf", "application/pdf", ".pdf"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
    {"zip", "application/zip", ".zip"},
};

int report_export_format_parse(const char *s, report_export_format_t *out, err_t *e)
{
    for (size_t i = 0; s && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i].name) == 0) {
            *out = (report_export_format_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "report.format",
                   "Định dạng không hỗ trợ '%s' (docx, pdf, xlsx, zip)",
                   "Unsupported format '%s' (docx, pdf, xlsx, zip)", s ? s : "");
}

const char *report_export_mime(report_export_format_t f)
{
    return formats[f].mime;
}

const char *report_export_ext(report_export_format_t f)
{
    return formats[f].ext;
}

static int write_one(const offdoc_t *d, report_export_format_t f, const char *path, err_t *e)
{
    return f == REPORT_EXPORT_DOCX  ? offdoc_docx_write(d, path, e)
           : f == REPORT_EXPORT_PDF ? offdoc_pdf_write(d, path, e)
                                    : offdoc_xlsx_write(d, path, e);
}

/* The three documents rendered beside the temporary ZIP, then stored in it. */
static int write_zip(const offdoc_t *d, int64_t id, const char *path, err_t *e)
{
    static const char *const names[3] = {"bao-cao-%lld.docx", "bao-cao-%lld.pdf",
                                         "phu-luc-%lld.xlsx"};
    outfile_t o;
    int rc = outfile_open(&o, path, e);
    if (rc)
        return rc;
    char parts[3][1200];
    size_t made = 0;
    for (; !rc && made < 3; made++) {
        snprintf(parts[made], sizeof parts[made], "%s-%zu", o.tmp, made);
        rc = write_one(d, (report_export_format_t)made, parts[made], e);
    }
    int zerr = 0;
    zip_t *za = rc ? NULL : zip_open(o.tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!rc && !za)
        rc = err_set(e, ERR_IO, "report.zip", "Không tạo được tệp ZIP", "Cannot create the ZIP");
    for (size_t i = 0; !rc && i < 3; i++) {
        char name[64];
        snprintf(name, sizeof name, names[i], (long long)id);
        zip_source_t *src = zip_source_file(za, parts[i], 0, -1);
        if (!src || zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            rc = err_set(e, ERR_IO, "report.zip", "Không ghi được tệp ZIP", "Cannot write the ZIP");
        }
    }
    if (za && rc) {
        zip_discard(za);
    } else if (za && zip_close(za) != 0) {
        zip_discard(za);
        rc = err_set(e, ERR_IO, "report.zip", "Không ghi được tệp ZIP", "Cannot write the ZIP");
    }
    for (size_t i = 0; i < made; i++)
        unlink(parts[i]);
    if (rc) {
        outfile_abort(&o);
        return rc;
    }
    return outfile_commit(&o, e);
}

int report_export_write(app_t *a, const user_t *actor, int64_t id, report_export_format_t f,
                        const char *path, err_t *e)
{
    offdoc_t *d = NULL;
    int rc = app_report_document(a, actor, id, &d, e);
    if (!rc)
        rc = f == REPORT_EXPORT_ZIP ? write_zip(d, id, path, e) : write_one(d, f, path, e);
    offdoc_free(d);
    return rc;
}
