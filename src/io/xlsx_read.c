/* xlsx_read.c - streaming XLSX reader (xlsx_read.h).
 *
 * Every part is read through xlsx_part_t: a zip_file_t behind an xmlTextReader
 * IO callback that counts the uncompressed bytes (refusing more than
 * max_part, whatever the zip headers claim) and refuses "<!DOCTYPE" /
 * "<!ENTITY" anywhere in the stream (a 16-byte carry covers chunk
 * boundaries), so no DTD is ever processed and no entity expanded. */
#include "io/xlsx_read.h"
#include "io/xlsx_read_int.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "base/banned.h"

#define REL_NS        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* --- string tables ----------------------------------------------------------------- */

static int strtab_add(xlsx_strtab_t *t, const char *s, size_t n)
{
    if (MEM_GROW(t->items, t->cap, t->n + 1))
        return ERR_NOMEM;
    size_t at = t->data.len;
    int rc = buf_append(&t->data, s, n);
    if (!rc)
        rc = buf_putc(&t->data, '\0');
    if (rc) {
        t->data.len = at;
        return rc;
    }
    t->items[t->n++] = (xlsx_span_t){at, n};
    return 0;
}

static const char *strtab_get(const xlsx_strtab_t *t, size_t i)
{
    return i < t->n ? t->data.data + t->items[i].off : NULL;
}

static void strtab_free(xlsx_strtab_t *t)
{
    buf_release(&t->data);
    mem_free(t->items);
}

/* Decodes the OOXML escapes _xHHHH_ (control characters Excel cannot store
 * raw) in place; "_x005F_" is a literal underscore. */
size_t xlsx_read_unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_' &&
            sscanf(s + i + 2, "%4x", &v) == 1 && v < 0x80 && v != 0) {
            s[o++] = (char)v;
            i += 6;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

/* --- parts --------------------------------------------------------------------------- */

static bool has_dtd(const char *p, size_t n)
{
    return memmem(p, n, "<!DOCTYPE", 9) || memmem(p, n, "<!ENTITY", 8);
}

static int part_read(void *ctx, char *buf, int len)
{
    xlsx_part_t *p = ctx;
    zip_int64_t k = zip_fread(p->zf, buf, (zip_uint64_t)len);
    if (k < 0) {
        p->fail = ERR_IO;
        return -1;
    }
    p->read += (size_t)k;
    if (p->read > p->max) {
        p->fail = ERR_TOOLARGE;
        return -1;
    }
    char seam[32];
    size_t head = (size_t)k < 15 ? (size_t)k : 15;
    memcpy(seam, p->tail, p->ntail);
    memcpy(seam + p->ntail, buf, head);
    if (has_dtd(buf, (size_t)k) || has_dtd(seam, p->ntail + head)) {
        p->fail = ERR_INVALID;
        return -1;
    }
    p->ntail = (size_t)k < 15 ? (size_t)k : 15;
    memcpy(p->tail, buf + k - (zip_int64_t)p->ntail, p->ntail);
    return (int)k;
}

static int part_noclose(void *ctx)
{
    (void)ctx;
    return 0;
}

static void part_error(void *arg, xmlErrorPtr err)
{
    xlsx_part_t *p = arg;
    if (p->msg[0] || !err)
        return;
    snprintf(p->msg, sizeof p->msg, "%s", err->message ? err->message : "?");
    size_t n = strlen(p->msg);
    while (n && (p->msg[n - 1] == '\n' || p->msg[n - 1] == ' '))
        p->msg[--n] = '\0';
    p->line = err->line;
}

int xlsx_read_corrupt(err_t *e, const char *part, const char *why)
{
    return err_set(e, ERR_INVALID, "xlsx.corrupt", "Tệp Excel bị hỏng (%s: %s)",
                   "The Excel file is corrupt (%s: %s)", part, why);
}

/* Opens part name; *found false (and 0) when the package has no such part. */
int xlsx_read_part_open(xlsx_t *x, const char *name, xlsx_part_t *p, bool *found, err_t *e)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->max = x->lim.max_part;
    zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
    *found = idx >= 0;
    if (idx < 0)
        return 0;
    p->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
    if (!p->zf)
        return xlsx_read_corrupt(e, name, zip_strerror(x->za));
    p->rd = xmlReaderForIO(part_read, part_noclose, p, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!p->rd) {
        zip_fclose(p->zf);
        p->zf = NULL;
        return err_nomem(e);
    }
    xmlTextReaderSetStructuredErrorHandler(p->rd, part_error, p);
    return 0;
}

void xlsx_read_part_close(xlsx_part_t *p)
{
    if (p->rd)
        xmlFreeTextReader(p->rd);
    if (p->zf)
        zip_fclose(p->zf);
    p->rd = NULL;
    p->zf = NULL;
}

/* The error for a failed read of p (xmlTextReaderRead returned -1). */
static int part_failed(const xlsx_part_t *p, err_t *e)
{
    if (p->fail == ERR_TOOLARGE)
        return err_set(
            e, ERR_TOOLARGE, "xlsx.too_large", "Tệp Excel quá lớn: %s giải nén vượt %zu MiB",
            "The Excel file is too large: %s expands beyond %zu MiB", p->name, p->max >> 20);
    if (p->fail == ERR_INVALID)
        return err_set(e, ERR_INVALID, "xlsx.dtd",
                       "Tệp Excel không hợp lệ: %s chứa khai báo DTD/ENTITY",
                       "Invalid Excel file: %s contains a DTD/ENTITY declaration", p->name);
    if (p->fail == ERR_IO)
        return xlsx_read_corrupt(e, p->name, "zip");
    char why[200];
    snprintf(why, sizeof why, "dòng/line %d: %s", p->line, p->msg[0] ? p->msg : "?");
    return xlsx_read_corrupt(e, p->name, why);
}

/* Advances the reader: 1 on a node, 0 at the end, negative on error (a
 * DOCTYPE node is refused too). */
int xlsx_read_part_next(xlsx_part_t *p, err_t *e)
{
    int r = xmlTextReaderRead(p->rd);
    if (r < 0)
        return part_failed(p, e);
    if (r == 1 && xmlTextReaderNodeType(p->rd) == XML_READER_TYPE_DOCUMENT_TYPE) {
        p->fail = ERR_INVALID;
        return part_failed(p, e);
    }
    return r;
}

static bool is_elem(xlsx_part_t *p, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(p->rd);
    return n && strcmp((const char *)n, local) == 0;
}

static int node_type(xlsx_part_t *p)
{
    return xmlTextReaderNodeType(p->rd);
}

bool xlsx_read_part_start(xlsx_part_t *p, const char *local)
{
    return node_type(p) == XML_READER_TYPE_ELEMENT && is_elem(p, local);
}

bool xlsx_read_part_end(xlsx_part_t *p, const char *local)
{
    return is_elem(p, local) &&
           (node_type(p) == XML_READER_TYPE_END_ELEMENT ||
            (node_type(p) == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(p->rd)));
}

bool xlsx_read_part_text(xlsx_part_t *p)
{
    int t = node_type(p);
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

/* An attribute copied into out ("" when absent). */
void xlsx_read_part_attr(xlsx_part_t *p, const char *name, char *out, size_t cap)
{
    xmlChar *v = xmlTextReaderGetAttribute(p->rd, BAD_CAST name);
    snprintf(out, cap, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

static void attr_rid(xlsx_part_t *p, char *out, size_t cap)
{
    xmlChar *v = xmlTextReaderGetAttributeNs(p->rd, BAD_CAST "id", BAD_CAST REL_NS);
    if (!v)
        v = xmlTextReaderGetAttributeNs(p->rd, BAD_CAST "id", BAD_CAST REL_NS_STRICT);
    snprintf(out, cap, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

int xlsx_read_rich(xlsx_part_t *p, xlsx_rich_t *st, buf_t *out)
{
    int t = xmlTextReaderNodeType(p->rd);
    bool empty = t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(p->rd);
    if (t == XML_READER_TYPE_ELEMENT && is_elem(p, "rPh") && !empty)
        st->rph++;
    else if (t == XML_READER_TYPE_END_ELEMENT && is_elem(p, "rPh") && st->rph > 0)
        st->rph--;
    else if (t == XML_READER_TYPE_ELEMENT && is_elem(p, "t"))
        st->in_t = !empty && st->rph == 0;
    else if (t == XML_READER_TYPE_END_ELEMENT && is_elem(p, "t"))
        st->in_t = false;
    else if (st->in_t && xlsx_read_part_text(p)) {
        const char *v = (const char *)xmlTextReaderConstValue(p->rd);
        return v ? buf_puts(out, v) : 0;
    }
    return 0;
}

int xlsx_read_cell_too_large(err_t *e, const char *part, size_t max)
{
    return err_set(e, ERR_TOOLARGE, "xlsx.too_large", "Tệp Excel có ô quá dài (%s: trên %zu byte)",
                   "The Excel file has a cell that is too long (%s: over %zu bytes)", part, max);
}

const char *xlsx_read_shared(const xlsx_t *x, size_t i, size_t *len)
{
    if (i >= x->sst.n)
        return NULL;
    *len = x->sst.items[i].len;
    return strtab_get(&x->sst, i);
}

/* --- workbook ------------------------------------------------------------------------ */

void xlsx_read_limits_default(xlsx_limits_t *lim)
{
    lim->max_file = (size_t)128 << 20;
    lim->max_part = (size_t)256 << 20;
    lim->max_rows = 1048576;
    lim->max_cols = 16384;
    lim->max_cell = 131072;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A relationship target, relative to xl/ unless absolute. */
static void resolve(const char *target, char out[XLSX_PATH_MAX])
{
    if (target[0] == '/')
        snprintf(out, XLSX_PATH_MAX, "%s", target + 1);
    else
        snprintf(out, XLSX_PATH_MAX, "xl/%.*s", XLSX_PATH_MAX - 4, target);
}

static int nomem_or(int rc, err_t *e)
{
    return rc == ERR_NOMEM ? err_nomem(e) : rc;
}

/* Worksheet relationships (ids, resolved paths) and the shared strings'
 * path (sst, "" when none) from xl/_rels/workbook.xml.rels. */
static int read_rels(xlsx_t *x, xlsx_strtab_t *ids, xlsx_strtab_t *paths, char *sst, err_t *e)
{
    xlsx_part_t p;
    bool found;
    int rc = xlsx_read_part_open(x, "xl/_rels/workbook.xml.rels", &p, &found, e);
    if (rc || !found)
        return rc ? rc : xlsx_read_corrupt(e, "xl/_rels/workbook.xml.rels", "missing");
    for (rc = xlsx_read_part_next(&p, e); rc == 1; rc = xlsx_read_part_next(&p, e)) {
        if (!xlsx_read_part_start(&p, "Relationship"))
            continue;
        char id[128], target[XLSX_PATH_MAX - 4], type[256], path[XLSX_PATH_MAX];
        xlsx_read_part_attr(&p, "Id", id, sizeof id);
        xlsx_read_part_attr(&p, "Target", target, sizeof target);
        xlsx_read_part_attr(&p, "Type", type, sizeof type);
        resolve(target, path);
        if (ends_with(type, "/worksheet")) {
            rc = strtab_add(ids, id, strlen(id));
            if (!rc)
                rc = strtab_add(paths, path, strlen(path));
            if (rc) {
                rc = nomem_or(rc, e);
                break;
            }
        } else if (ends_with(type, "/sharedStrings")) {
            snprintf(sst, XLSX_PATH_MAX, "%s", path);
        }
    }
    xlsx_read_part_close(&p);
    return rc < 0 ? rc : 0;
}

static int read_sheets(xlsx_t *x, const xlsx_strtab_t *ids, const xlsx_strtab_t *paths, err_t *e)
{
    xlsx_part_t p;
    bool found;
    int rc = xlsx_read_part_open(x, "xl/workbook.xml", &p, &found, e);
    if (rc || !found)
        return rc;
    for (rc = xlsx_read_part_next(&p, e); rc == 1; rc = xlsx_read_part_next(&p, e)) {
        if (!xlsx_read_part_start(&p, "sheet"))
            continue;
        char name[1024], rid[128];
        xlsx_read_part_attr(&p, "name", name, sizeof name);
        attr_rid(&p, rid, sizeof rid);
        size_t i = 0;
        while (i < ids->n && strcmp(strtab_get(ids, i), rid) != 0)
            i++;
        if (i == ids->n) {
            rc = xlsx_read_corrupt(e, "xl/workbook.xml", rid);
            break;
        }
        rc = strtab_add(&x->names, name, strlen(name));
        if (!rc)
            rc = strtab_add(&x->paths, strtab_get(paths, i), paths->items[i].len);
        if (rc) {
            rc = nomem_or(rc, e);
            break;
        }
    }
    xlsx_read_part_close(&p);
    return rc < 0 ? rc : 0;
}

static int read_sst(xlsx_t *x, const char *path, err_t *e)
{
    xlsx_part_t p;
    bool found;
    buf_t cur;
    buf_init(&cur, x->lim.max_cell);
    xlsx_rich_t st = {0, false};
    int rc = xlsx_read_part_open(x, path[0] ? path : "xl/sharedStrings.xml", &p, &found, e);
    if (rc || !found)
        return rc;
    for (rc = xlsx_read_part_next(&p, e); rc == 1; rc = xlsx_read_part_next(&p, e)) {
        if (xlsx_read_part_start(&p, "si")) {
            buf_reset(&cur);
            st = (xlsx_rich_t){0, false};
        }
        if (xlsx_read_part_end(&p, "si")) {
            size_t n = cur.len ? xlsx_read_unescape(cur.data, cur.len) : 0;
            rc = strtab_add(&x->sst, cur.len ? cur.data : "", n);
        } else {
            rc = xlsx_read_rich(&p, &st, &cur);
        }
        if (rc == ERR_TOOLARGE)
            rc = xlsx_read_cell_too_large(e, p.name, x->lim.max_cell);
        else if (rc)
            rc = err_nomem(e);
        if (rc)
            break;
    }
    xlsx_read_part_close(&p);
    buf_release(&cur);
    return rc < 0 ? rc : 0;
}

static int not_xlsx(xlsx_t *x, err_t *e)
{
    if (zip_name_locate(x->za, "word/document.xml", ZIP_FL_NOCASE) >= 0)
        return err_set(e, ERR_INVALID, "xlsx.not_xlsx",
                       "Tệp là tài liệu Word (.docx), không phải bảng tính Excel (.xlsx)",
                       "The file is a Word document (.docx), not an Excel workbook (.xlsx)");
    if (zip_name_locate(x->za, "content.xml", ZIP_FL_NOCASE) >= 0)
        return err_set(e, ERR_INVALID, "xlsx.not_xlsx",
                       "Tệp là tài liệu OpenDocument (.ods/.odt); hãy lưu lại dưới dạng .xlsx",
                       "The file is an OpenDocument file (.ods/.odt); save it as .xlsx");
    return err_set(e, ERR_INVALID, "xlsx.not_xlsx",
                   "Tệp nén (zip) không phải bảng tính Excel: thiếu xl/workbook.xml",
                   "The zip file is not an Excel workbook: xl/workbook.xml is missing");
}

static int load(xlsx_t *x, err_t *e)
{
    xlsx_strtab_t ids, paths;
    char sst[XLSX_PATH_MAX] = "";
    memset(&ids, 0, sizeof ids);
    memset(&paths, 0, sizeof paths);
    buf_init(&ids.data, (size_t)16 << 20);
    buf_init(&paths.data, (size_t)16 << 20);
    int rc = 0;
    if (zip_name_locate(x->za, "xl/workbook.xml", ZIP_FL_NOCASE) < 0)
        rc = not_xlsx(x, e);
    if (!rc)
        rc = read_rels(x, &ids, &paths, sst, e);
    if (!rc)
        rc = read_sheets(x, &ids, &paths, e);
    if (!rc)
        rc = read_sst(x, sst, e);
    strtab_free(&ids);
    strtab_free(&paths);
    return rc;
}

static xlsx_t *wb_new(const xlsx_limits_t *lim)
{
    xlsx_t *x = mem_calloc(1, sizeof *x);
    if (!x)
        return NULL;
    if (lim)
        x->lim = *lim;
    else
        xlsx_read_limits_default(&x->lim);
    buf_init(&x->names.data, (size_t)16 << 20);
    buf_init(&x->paths.data, (size_t)16 << 20);
    buf_init(&x->sst.data, x->lim.max_part);
    return x;
}

/* Why a file is not a zip: legacy or encrypted Excel files are OLE2. */
static int not_zip(const void *head, size_t n, err_t *e)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (n >= 8 && memcmp(head, ole, 8) == 0)
        return err_set(e, ERR_INVALID, "xlsx.not_xlsx",
                       "Tệp là Excel 97-2003 (.xls) hoặc được đặt mật khẩu; hãy lưu lại dưới "
                       "dạng .xlsx không mật khẩu",
                       "The file is an Excel 97-2003 workbook (.xls) or password-protected; save "
                       "it as .xlsx without a password");
    return err_set(e, ERR_INVALID, "xlsx.not_xlsx", "Tệp không phải bảng tính Excel (.xlsx)",
                   "The file is not an Excel workbook (.xlsx)");
}

static int finish_open(xlsx_t *x, xlsx_t **out, err_t *e)
{
    int rc = load(x, e);
    if (rc) {
        xlsx_read_close(x);
        return rc;
    }
    *out = x;
    return 0;
}

int xlsx_read_open_buffer(const void *data, size_t n, const xlsx_limits_t *lim, xlsx_t **out,
                          err_t *e)
{
    pthread_once(&xml_once, xml_init);
    xlsx_t *x = wb_new(lim);
    if (!x)
        return err_nomem(e);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    x->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    int rc = 0;
    if (!x->za) {
        rc = !src ? err_nomem(e)
             : zip_error_code_zip(&ze) == ZIP_ER_NOZIP
                 ? not_zip(data, n, e)
                 : xlsx_read_corrupt(e, "zip", zip_error_strerror(&ze));
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (rc) {
        xlsx_read_close(x);
        return rc;
    }
    return finish_open(x, out, e);
}

static int io_error(err_t *e, const char *path, int err)
{
    return err_set(e, ERR_IO, "xlsx.io", "Không đọc được tệp %s: %s", "Cannot read %s: %s", path,
                   strerror(err));
}

int xlsx_read_open_file(const char *path, const xlsx_limits_t *lim, xlsx_t **out, err_t *e)
{
    pthread_once(&xml_once, xml_init);
    struct stat st;
    if (stat(path, &st) != 0)
        return io_error(e, path, errno);
    xlsx_t *x = wb_new(lim);
    if (!x)
        return err_nomem(e);
    if ((size_t)st.st_size > x->lim.max_file) {
        int rc = err_set(e, ERR_TOOLARGE, "xlsx.too_large", "Tệp Excel quá lớn (trên %zu MiB)",
                         "The Excel file is too large (over %zu MiB)", x->lim.max_file >> 20);
        xlsx_read_close(x);
        return rc;
    }
    int zerr = 0;
    x->za = zip_open(path, ZIP_RDONLY, &zerr);
    if (!x->za) {
        unsigned char head[8] = {0};
        FILE *f = fopen(path, "rb");
        size_t got = f ? fread(head, 1, sizeof head, f) : 0;
        if (f)
            fclose(f);
        int rc = zerr == ZIP_ER_NOZIP ? not_zip(head, got, e)
                 : zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT
                     ? io_error(e, path, errno ? errno : EIO)
                     : xlsx_read_corrupt(e, "zip", "?");
        xlsx_read_close(x);
        return rc;
    }
    return finish_open(x, out, e);
}

void xlsx_read_close(xlsx_t *x)
{
    if (!x)
        return;
    if (x->za)
        zip_discard(x->za);
    strtab_free(&x->names);
    strtab_free(&x->paths);
    strtab_free(&x->sst);
    mem_free(x);
}

size_t xlsx_read_sheet_count(const xlsx_t *x)
{
    return x->names.n;
}

const char *xlsx_read_sheet_name(const xlsx_t *x, size_t i)
{
    return strtab_get(&x->names, i);
}

int xlsx_read_sheet_find(const xlsx_t *x, const char *name, size_t *index, err_t *e)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; name && i < x->names.n; i++) {
            const char *s = strtab_get(&x->names, i);
            if (pass == 0 ? strcmp(s, name) == 0 : text_key_eq(s, name)) {
                *index = i;
                return 0;
            }
        }
    return err_set(e, ERR_NOTFOUND, "xlsx.no_sheet", "Không có trang tính \"%s\"",
                   "There is no sheet \"%s\"", name ? name : "");
}

const char *xlsx_read_sheet_path(const xlsx_t *x, size_t i)
{
    return strtab_get(&x->paths, i);
}
