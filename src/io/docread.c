/* docread.c - format sniffing and dispatch for plan documents. */
#include "io/docread.h"

#include "base/file.h"

#include "base/buf.h"
#include "base/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static bool starts(const unsigned char *p, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(p, magic, m) == 0;
}

/* Text that starts, after a BOM and white space, with a markup prefix. */
static bool markup(const unsigned char *p, size_t n)
{
    static const char *const prefixes[] = {"<html", "<!doctype html", "<?xml", "mime-version:"};
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, n -= 3;
    while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++, n--;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t k = strlen(prefixes[i]);
        if (n >= k && strncasecmp((const char *)p, prefixes[i], k) == 0)
            return true;
    }
    return false;
}

int docread_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (n == 0)
        return DOCREAD_EMPTY;
    /* Acrobat accepts the header anywhere in the first KiB. */
    if (memmem(p, n < 1024 ? n : 1024, "%PDF-", 5))
        return DOCREAD_PDF;
    if (starts(p, n, "PK\x03\x04", 4) || starts(p, n, "PK\x05\x06", 4))
        return DOCREAD_ZIP;
    if (starts(p, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return DOCREAD_OLE;
    if (starts(p, n, "{\\rtf", 5))
        return DOCREAD_RTF;
    if (starts(p, n, "\x89PNG", 4) || starts(p, n, "\xFF\xD8\xFF", 3) || starts(p, n, "GIF8", 4) ||
        starts(p, n, "II*\x00", 4) || starts(p, n, "MM\x00*", 4))
        return DOCREAD_IMAGE;
    if (markup(p, n))
        return DOCREAD_MARKUP;
    if (starts(p, n, "\xFF\xFE\x00\x00", 4) || starts(p, n, "\x00\x00\xFE\xFF", 4))
        return DOCREAD_UTF32;
    if (starts(p, n, "\xFF\xFE", 2))
        return DOCREAD_UTF16LE;
    if (starts(p, n, "\xFE\xFF", 2))
        return DOCREAD_UTF16BE;
    return DOCREAD_TEXT;
}

/* Word's "Encrypt with password" wraps the .docx in an OLE2 file holding an
 * "EncryptedPackage" stream (name stored in UTF-16LE). */
static bool ole_encrypted(const void *data, size_t n)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    return memmem(data, n, name, sizeof name - 1) != NULL;
}

static int refuse(int kind, const void *data, size_t n, err_t *e)
{
    if (kind == DOCREAD_OLE && ole_encrypted(data, n))
        return err_set(e, ERR_INVALID, "docread.docx_encrypted",
                       "Tài liệu Word được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu",
                       "The Word document is password-protected; send a copy without a password");
    switch (kind) {
    case DOCREAD_EMPTY:
        return err_set(e, ERR_INVALID, "docread.empty", "Tệp rỗng", "The file is empty");
    case DOCREAD_OLE:
        return err_set(e, ERR_INVALID, "docread.legacy_doc",
                       "Tệp là định dạng Word/Excel 97-2003 (.doc/.xls) cũ, cchc không đọc được; "
                       "hãy mở bằng Word và lưu lại dưới dạng .docx (hoặc xuất PDF)",
                       "The file is in the legacy Word/Excel 97-2003 format (.doc/.xls), which "
                       "cchc cannot read; open it in Word and save it as .docx (or export a PDF)");
    case DOCREAD_RTF:
        return err_set(e, ERR_INVALID, "docread.rtf",
                       "Tệp là định dạng RTF, cchc không đọc được; hãy lưu lại dưới dạng .docx",
                       "The file is in RTF format, which cchc cannot read; save it as .docx");
    case DOCREAD_IMAGE:
        return err_set(e, ERR_INVALID, "docread.image",
                       "Tệp là ảnh (bản scan); cchc không nhận dạng ký tự (OCR) — hãy gửi bản "
                       "Word (.docx) hoặc PDF có lớp văn bản",
                       "The file is an image (a scan); cchc does no character recognition (OCR) "
                       "— send the Word (.docx) file or a PDF with a text layer");
    case DOCREAD_MARKUP:
        return err_set(e, ERR_INVALID, "docread.markup",
                       "Tệp là trang web (HTML/MHT) hoặc Word XML, không phải .docx; hãy mở bằng "
                       "Word và lưu lại dưới dạng .docx",
                       "The file is a web page (HTML/MHT) or Word XML, not a .docx; open it in "
                       "Word and save it as .docx");
    default:
        return err_set(e, ERR_INVALID, "docread.utf32",
                       "Tệp mã hóa UTF-32, cchc không đọc được; hãy lưu lại dưới dạng UTF-8",
                       "The file is encoded in UTF-32, which cchc cannot read; save it as UTF-8");
    }
}

int docread_buffer(const void *data, size_t n, const char *name_hint, doc_t **out, err_t *e)
{
    int rc;
    if (n > DOCREAD_MAX_FILE) {
        rc = err_set(e, ERR_TOOLARGE, "docread.too_large", "Tệp quá lớn (tối đa %zu MiB)",
                     "The file is too large (max %zu MiB)", DOCREAD_MAX_FILE >> 20);
    } else {
        int kind = docread_sniff(data, n);
        switch (kind) {
        case DOCREAD_PDF:
            rc = docread_pdf(data, n, out, e);
            break;
        case DOCREAD_ZIP:
            rc = docread_docx(data, n, out, e);
            break;
        case DOCREAD_TEXT:
        case DOCREAD_UTF16LE:
        case DOCREAD_UTF16BE:
            rc = docread_text(data, n, out, e);
            break;
        default:
            rc = refuse(kind, data, n, e);
            break;
        }
    }
    if (rc && name_hint && *name_hint) {
        char prefix[256];
        snprintf(prefix, sizeof prefix, "%s: ", name_hint);
        err_prefix(e, prefix);
    }
    return rc;
}

int docread_file(const char *path, doc_t **out, err_t *e)
{
    char *data = NULL;
    size_t n = 0;
    int rc = file_read_all(path, DOCREAD_MAX_FILE, &data, &n, e);
    if (!rc) {
        const char *base = strrchr(path, '/');
        rc = docread_buffer(data, n, base ? base + 1 : path, out, e);
    }
    mem_free(data);
    return rc;
}
