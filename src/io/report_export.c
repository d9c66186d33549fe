/* report_export.c - a report as a DOCX, PDF or XLSX file (report_export.h). */
#include "io/report_export.h"

#include "app/app_report.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/offdoc_xlsx.h"

#include "base/mem.h"
#include "io/outfile.h"

#include <stdbool.h>
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

/* The ids and names of the sent reports of one matrix column. */
typedef struct sent {
    int64_t id;
    char name[160];
} sent_t;

/* Stores the files parts[0..n) in a new ZIP at path under the names of v. */
static int zip_parts(const char *path, const sent_t *v, char (*parts)[1200], size_t n, err_t *e)
{
    int zerr = 0, rc = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za)
        return err_set(e, ERR_IO, "report.zip", "Không tạo được tệp ZIP", "Cannot create the ZIP");
    for (size_t i = 0; !rc && i < n; i++) {
        zip_source_t *src = zip_source_file(za, parts[i], 0, -1);
        if (!src || zip_file_add(za, v[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            rc = err_set(e, ERR_IO, "report.zip", "Không ghi được tệp ZIP", "Cannot write the ZIP");
        }
    }
    if (rc) {
        zip_discard(za);
    } else if (zip_close(za) != 0) {
        zip_discard(za);
        rc = err_set(e, ERR_IO, "report.zip", "Không ghi được tệp ZIP", "Cannot write the ZIP");
    }
    return rc;
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
    sent_t v[3];
    char parts[3][1200];
    size_t made = 0;
    for (; !rc && made < 3; made++) {
        v[made].id = id;
        snprintf(v[made].name, sizeof v[made].name, names[made], (long long)id);
        snprintf(parts[made], sizeof parts[made], "%s-%zu", o.tmp, made);
        rc = write_one(d, (report_export_format_t)made, parts[made], e);
    }
    if (!rc)
        rc = zip_parts(o.tmp, v, parts, 3, e);
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

static size_t sent_of(const json_t *m, const char *kind, report_export_format_t f, sent_t *out,
                      size_t cap)
{
    size_t n = 0, i, j;
    const json_t *s, *cell;
    json_array_foreach(json_object_get(m, "senders"), i, s)
    {
        const char *unit = json_string_value(json_object_get(json_object_get(s, "unit"), "code"));
        json_array_foreach(json_object_get(s, "reports"), j, cell)
        {
            const char *k = json_string_value(json_object_get(cell, "kind"));
            const char *ref = json_string_value(json_object_get(cell, "ref"));
            const char *st = json_string_value(json_object_get(cell, "status"));
            bool match = (k && !strcmp(k, kind)) || (ref && !strcmp(ref, kind));
            bool sent = st && (!strcmp(st, "submitted") || !strcmp(st, "accepted"));
            if (!match || !sent || !json_is_integer(json_object_get(cell, "id")) || n == cap)
                continue;
            out[n].id = json_integer_value(json_object_get(cell, "id"));
            snprintf(out[n].name, sizeof out[n].name, "%s-%s-%s%s", unit ? unit : "?", k ? k : "",
                     ref ? ref : "", report_export_ext(f));
            n++;
        }
    }
    return n;
}

#define BUNDLE_MAX 2000 /* reports in one ZIP */

int report_export_bundle(app_t *a, const user_t *actor, const char *receiver, int year,
                         const char *kind, report_export_format_t f, const char *path,
                         size_t *count, err_t *e)
{
    *count = 0;
    if (f == REPORT_EXPORT_ZIP)
        return err_set(e, ERR_INVALID, "report.format", "Chọn docx, pdf hoặc xlsx cho từng báo cáo",
                       "Choose docx, pdf or xlsx for each report");
    json_t *m = NULL;
    sent_t *v = mem_calloc(BUNDLE_MAX, sizeof *v);
    char(*parts)[1200] = mem_calloc(BUNDLE_MAX, sizeof *parts);
    int rc = v && parts ? app_report_matrix(a, actor, receiver, year, &m, e) : err_nomem(e);
    size_t n = rc ? 0 : sent_of(m, kind ? kind : "", f, v, BUNDLE_MAX), made = 0;
    if (!rc && !n)
        rc =
            err_set(e, ERR_NOTFOUND, "report.none_sent", "Chưa có đơn vị nào gửi báo cáo %s năm %d",
                    "No unit has sent its %s report of %d", kind ? kind : "", year);
    outfile_t o;
    memset(&o, 0, sizeof o);
    if (!rc)
        rc = outfile_open(&o, path, e);
    for (; !rc && made < n; made++) {
        snprintf(parts[made], sizeof parts[made], "%s-%zu", o.tmp, made);
        rc = report_export_write(a, actor, v[made].id, f, parts[made], e);
    }
    if (!rc)
        rc = zip_parts(o.tmp, v, parts, n, e);
    for (size_t i = 0; i < made; i++)
        unlink(parts[i]);
    if (!rc)
        rc = outfile_commit(&o, e);
    else
        outfile_abort(&o);
    if (!rc)
        *count = n;
    json_decref(m);
    mem_free(v);
    mem_free(parts);
    return rc;
}
