/* report_export.h - a periodic report written as a document file: DOCX or
 * PDF (the whole report in ND 30 layout) or XLSX (its appendix tables), from
 * app_report_document through the document engine's renderers. */
#ifndef CCHC_REPORT_EXPORT_H
#define CCHC_REPORT_EXPORT_H

#include "app/app.h"
#include "domain/access.h"

#include <stdint.h>

typedef enum report_export_format {
    REPORT_EXPORT_DOCX = 0,
    REPORT_EXPORT_PDF,
    REPORT_EXPORT_XLSX,
    REPORT_EXPORT_ZIP /* the three in one ZIP, the report built once */
} report_export_format_t;

/* "docx", "pdf", "xlsx", "zip" -> format. ERR_INVALID "report.format". */
int report_export_format_parse(const char *s, report_export_format_t *out, err_t *e);
/* The MIME type and file extension (".docx") of a format. */
const char *report_export_mime(report_export_format_t f);
const char *report_export_ext(report_export_format_t f);

/* Writes report id to path (atomically: a temporary file renamed); the
 * actor must be allowed to read it. ZIP: bao-cao-<id>.docx, bao-cao-<id>.pdf
 * and phu-luc-<id>.xlsx from one build of the report. Errors:
 * app_report_document's, the renderers' (ERR_IO), "report.zip" (ERR_IO). */
int report_export_write(app_t *a, const user_t *actor, int64_t id, report_export_format_t f,
                        const char *path, err_t *e);

/* The reports the senders of receiver sent (submitted or accepted) for one
 * kind of year ("quy1"…, or a dot_xuat report's id), each written in format
 * f (not zip) into one ZIP at path: "<unit>-<kind>-<ref>.<ext>", as the
 * receiver's matrix lists them (app_report_matrix: the actor must be allowed
 * to read it). *count: the reports written. ERR_NOTFOUND
 * "report.none_sent" when none was sent; errors as report_export_write. */
int report_export_bundle(app_t *a, const user_t *actor, const char *receiver, int year,
                         const char *kind, report_export_format_t f, const char *path,
                         size_t *count, err_t *e);

#endif
