/* evidence_check.c - what an incoming evidence file is allowed to be: type
 * detection by content, file-name cleaning, the download header
 * (evidence.h). No I/O: everything works on bytes in memory. */
#include "app/evidence.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include <zip.h>

#include "base/banned.h"

static const struct {
    const char *code;
    const char *mime;
    const char *exts[3]; /* accepted extensions, canonical first */
} kinds[] = {
    [EVIDENCE_NONE] = {"", "application/octet-stream", {NULL}},
    [EVIDENCE_PDF] = {"pdf", "application/pdf", {"pdf", NULL}},
    [EVIDENCE_DOCX] = {"docx",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       {"docx", NULL}},
    [EVIDENCE_XLSX] = {"xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       {"xlsx", NULL}},
    [EVIDENCE_PNG] = {"png", "image/png", {"png", NULL}},
    [EVIDENCE_JPEG] = {"jpeg", "image/jpeg", {"jpg", "jpeg", NULL}},
};

#define N_KINDS (sizeof kinds / sizeof kinds[0])

const char *evidence_kind_code(evidence_kind_t k)
{
    return (size_t)k < N_KINDS ? kinds[k].code : "";
}

const char *evidence_kind_mime(evidence_kind_t k)
{
    return (size_t)k < N_KINDS ? kinds[k].mime : kinds[0].mime;
}

const char *evidence_kind_ext(evidence_kind_t k)
{
    static const char *dotted[] = {"", ".pdf", ".docx", ".xlsx", ".png", ".jpg"};
    return (size_t)k < N_KINDS ? dotted[k] : "";
}

/* ---- type detection ---------------------------------------------------- */

static int unsupported(err_t *e)
{
    return err_set(e, ERR_INVALID, "evidence.type_unsupported",
                   "Loại tệp không được chấp nhận: chỉ nhận PDF, DOCX, XLSX, PNG hoặc JPEG "
                   "(kiểm tra theo nội dung tệp, không theo tên)",
                   "File type not accepted: only PDF, DOCX, XLSX, PNG or JPEG (judged by the "
                   "content, not the name)");
}

static int zip_unsupported(err_t *e, const char *why_vi, const char *why_en)
{
    err_set_pair(e, ERR_INVALID, "evidence.zip_unsupported", why_vi, why_en);
    err_prefixf(e, "Tệp nén không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx) hợp lệ: ",
                "The zip file is not a valid Word (.docx) or Excel (.xlsx) document: ");
    return ERR_INVALID;
}

static bool has_entry(zip_t *za, const char *name)
{
    return zip_name_locate(za, name, ZIP_FL_NOCASE) >= 0;
}

/* Whether any entry is a VBA project (macros), wherever it sits. */
static bool has_macros(zip_t *za)
{
    static const char vba[] = "vbaproject.bin";
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        size_t len = name ? strlen(name) : 0;
        if (len >= sizeof vba - 1 && strcasecmp(name + len - (sizeof vba - 1), vba) == 0)
            return true;
    }
    return false;
}

/* DOCX or XLSX: an OOXML package with the main part of exactly one of them. */
static int sniff_zip(const void *data, size_t len, evidence_kind_t *kind, err_t *e)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za) {
        int rc =
            src ? zip_unsupported(e, "tệp nén bị hỏng", "the archive is damaged") : err_nomem(e);
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    bool types = has_entry(za, "[Content_Types].xml");
    bool word = has_entry(za, "word/document.xml");
    bool xl = has_entry(za, "xl/workbook.xml");
    bool macros = has_macros(za);
    zip_discard(za);
    if (!types || word == xl)
        return zip_unsupported(e, "thiếu word/document.xml hoặc xl/workbook.xml",
                               "word/document.xml or xl/workbook.xml is missing");
    if (macros)
        return err_set(e, ERR_INVALID, "evidence.macro",
                       "Tệp Office có chứa macro (vbaProject.bin): hãy lưu lại dưới dạng .docx "
                       "hoặc .xlsx không có macro",
                       "The Office file contains macros (vbaProject.bin): save it again as a "
                       ".docx or .xlsx without macros");
    *kind = word ? EVIDENCE_DOCX : EVIDENCE_XLSX;
    return 0;
}

int evidence_sniff(const void *data, size_t len, evidence_kind_t *kind, err_t *e)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const unsigned char *d = data;
    *kind = EVIDENCE_NONE;
    if (len == 0)
        return err_set(e, ERR_INVALID, "evidence.empty", "Tệp rỗng", "The file is empty");
    if (len >= 8 && memcmp(d, "%PDF-", 5) == 0) {
        *kind = EVIDENCE_PDF;
        return 0;
    }
    if (len >= 16 && memcmp(d, png, sizeof png) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
        *kind = EVIDENCE_PNG;
        return 0;
    }
    if (len >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        *kind = EVIDENCE_JPEG;
        return 0;
    }
    if (len >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] < 9 && d[3] < 9)
        return sniff_zip(data, len, kind, e);
    return unsupported(e);
}

/* ---- file names ------------------------------------------------------ */

static bool drop_char(int32_t c)
{
    return c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static bool space_char(int32_t c)
{
    return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool bad_char(int32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
           (c < 0x80 && strchr("<>:\"/\\|?*", c));
}

/* Rewrites src (valid UTF-8) into b following the character rules. */
static int clean_chars(const char *src, buf_t *b)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)src;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(src);
    bool space = false;
    int rc = 0;
    for (utf8proc_ssize_t i = 0; i < len && !rc;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &c);
        if (k <= 0)
            return ERR_INVALID;
        if (drop_char(c)) {
            i += k;
            continue;
        }
        if (space_char(c)) {
            space = true;
            i += k;
            continue;
        }
        if (space && b->len)
            rc = buf_putc(b, ' ');
        space = false;
        if (!rc)
            rc = bad_char(c) ? buf_putc(b, '_') : buf_append(b, p + i, (size_t)k);
        i += k;
    }
    return rc;
}

/* Removes leading and trailing spaces and dots, in place. */
static void trim_dots(char *s)
{
    size_t n = strlen(s), start = 0;
    while (start < n && (s[start] == '.' || s[start] == ' '))
        start++;
    while (n > start && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}

/* Start of the extension (after the last '.') when it looks like one:
 * 1..5 ASCII letters and digits with at least one letter; NULL otherwise. */
static const char *extension(const char *s)
{
    const char *dot = strrchr(s, '.');
    if (!dot || dot == s)
        return NULL;
    const char *x = dot + 1;
    size_t n = strlen(x);
    bool letter = false;
    if (n < 1 || n > 5)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)x[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alpha && !(c >= '0' && c <= '9'))
            return NULL;
        letter |= alpha;
    }
    return letter ? x : NULL;
}

static bool ext_allowed(const char *ext, evidence_kind_t kind)
{
    for (size_t i = 0; kinds[kind].exts[i]; i++)
        if (strcasecmp(ext, kinds[kind].exts[i]) == 0)
            return true;
    return false;
}

/* CON, PRN, AUX, NUL, COM1-9, LPT1-9 as the part before the first dot. */
static bool device_name(const char *s)
{
    static const char *names[] = {"CON", "PRN", "AUX", "NUL"};
    size_t n = strcspn(s, ". ");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n == 3 && strncasecmp(s, names[i], 3) == 0)
            return true;
    return n == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) &&
           s[3] >= '1' && s[3] <= '9';
}

/* Longest prefix of s within max bytes ending on a code point boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static int mismatch(err_t *e, const char *ext, evidence_kind_t kind)
{
    return err_set(e, ERR_INVALID, "evidence.extension_mismatch",
                   "Phần mở rộng .%s không khớp với nội dung tệp (tệp %s)",
                   "The extension .%s does not match the file's content (a %s file)", ext,
                   evidence_kind_code(kind));
}

/* Assembles [_]stem + extension into at most EVIDENCE_NAME_MAX bytes. */
static char *assemble(char *stem, const char *ext_dot, err_t *e)
{
    trim_dots(stem);
    const char *s = *stem ? stem : EVIDENCE_DEFAULT_NAME;
    const char *pre = device_name(s) ? "_" : "";
    size_t room = EVIDENCE_NAME_MAX - strlen(ext_dot) - strlen(pre);
    size_t n = utf8_cut(s, room);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    if (n == 0) {
        s = EVIDENCE_DEFAULT_NAME;
        n = strlen(s);
    }
    size_t total = strlen(pre) + n + strlen(ext_dot) + 1;
    char *out = mem_alloc(total);
    if (!out) {
        err_nomem(e);
        return NULL;
    }
    snprintf(out, total, "%s%.*s%s", pre, (int)n, s, ext_dot);
    return out;
}

int evidence_filename_clean(const char *name, evidence_kind_t kind, char **out, err_t *e)
{
    *out = NULL;
    if (!name)
        name = "";
    if (!text_valid(name, strlen(name)))
        return err_set(e, ERR_INVALID, "evidence.filename_invalid",
                       "Tên tệp không phải văn bản UTF-8 hợp lệ",
                       "The file name is not valid UTF-8");
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    int rc = 0;
    char *nfc = text_nfc(base, strlen(base), &rc);
    buf_t b;
    buf_init(&b, BUF_MAX_TEXT);
    if (!nfc || clean_chars(nfc, &b) || buf_putc(&b, '\0')) {
        mem_free(nfc);
        buf_release(&b);
        return err_nomem(e);
    }
    mem_free(nfc);
    char *clean = b.data;
    trim_dots(clean);
    const char *ext = extension(clean);
    char ext_dot[8];
    if (ext && (size_t)kind < N_KINDS && kind != EVIDENCE_NONE && !ext_allowed(ext, kind)) {
        int rc2 = mismatch(e, ext, kind);
        buf_release(&b);
        return rc2;
    }
    if (ext) {
        snprintf(ext_dot, sizeof ext_dot, ".%s", ext);
        clean[ext - 1 - clean] = '\0';
    } else {
        snprintf(ext_dot, sizeof ext_dot, "%s", evidence_kind_ext(kind));
    }
    *out = assemble(clean, ext_dot, e);
    buf_release(&b);
    return *out ? 0 : ERR_NOMEM;
}

/* ---- download header --------------------------------------------------- */

static bool attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$&+-.^_`|~", c));
}

char *evidence_content_disposition(const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_t b;
    buf_init(&b, BUF_MAX_TEXT);
    int rc = buf_puts(&b, "attachment; filename=\"");
    const unsigned char *p = (const unsigned char *)name;
    for (size_t i = 0; p[i] && !rc; i++) {
        if (p[i] >= 0x80 && (p[i] & 0xC0) == 0x80)
            continue; /* continuation byte: one '_' per code point */
        bool ok = p[i] >= 0x20 && p[i] < 0x7F && p[i] != '"' && p[i] != '\\' && p[i] != '%';
        rc = buf_putc(&b, ok ? (char)p[i] : '_');
    }
    if (!rc)
        rc = buf_puts(&b, "\"; filename*=UTF-8''");
    for (size_t i = 0; p[i] && !rc; i++) {
        if (attr_char(p[i])) {
            rc = buf_putc(&b, (char)p[i]);
        } else {
            char enc[3] = {'%', hex[p[i] >> 4], hex[p[i] & 15]};
            rc = buf_append(&b, enc, sizeof enc);
        }
    }
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    return buf_detach(&b);
}
