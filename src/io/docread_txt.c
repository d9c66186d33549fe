/* docread_txt.c - plain-text plan files: encoding checks (UTF-8 with or
 * without BOM, UTF-16 with BOM) and doc_from_text. */
#include "io/docread.h"

#include "base/buf.h"
#include "base/mem.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

static int put_utf8(buf_t *b, uint32_t cp)
{
    unsigned char u[4];
    size_t k;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp, k = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6)), u[1] = (unsigned char)(0x80 | (cp & 0x3F)), k = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    return buf_append(b, u, k);
}

static int bad_utf16(err_t *e, int line)
{
    return err_set(e, ERR_INVALID, "docread.bad_utf16",
                   "Tệp UTF-16 bị hỏng (cặp thay thế đứng lẻ ở dòng %d); hãy lưu lại dưới dạng "
                   "UTF-8",
                   "Corrupt UTF-16 file (unpaired surrogate on line %d); save it as UTF-8", line);
}

/* UTF-16 (BOM at p[0..1], skipped) -> UTF-8 in out. */
static int utf16_to_utf8(const unsigned char *p, size_t n, bool be, buf_t *out, err_t *e)
{
    int line = 1;
    if ((n - 2) % 2)
        return err_set(e, ERR_INVALID, "docread.bad_utf16",
                       "Tệp UTF-16 bị cắt cụt (số byte lẻ); hãy lưu lại dưới dạng UTF-8",
                       "Truncated UTF-16 file (odd number of bytes); save it as UTF-8");
    for (size_t i = 2; i < n; i += 2) {
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i] | p[i + 1] << 8);
        if (u >= 0xDC00 && u <= 0xDFFF)
            return bad_utf16(e, line);
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t v = 0;
            if (i + 3 < n)
                v = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
                       : (uint32_t)(p[i + 2] | p[i + 3] << 8);
            if (v < 0xDC00 || v > 0xDFFF)
                return bad_utf16(e, line);
            u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
            i += 2;
        }
        if (u == '\n')
            line++;
        if (put_utf8(out, u))
            return err_nomem(e);
    }
    return 0;
}

static int not_text(const unsigned char *p, size_t n, err_t *e)
{
    size_t m = n < 4096 ? n : 4096, odd = 0, even = 0;
    for (size_t i = 0; i < m; i++)
        if (!p[i] && i % 2)
            odd++;
        else if (!p[i])
            even++;
    if (m >= 16 && (odd > m / 4 || even > m / 4) && (odd == 0 || even == 0))
        return err_set(e, ERR_INVALID, "docread.utf16_no_bom",
                       "Tệp có vẻ mã hóa UTF-16 nhưng thiếu BOM; hãy lưu lại dưới dạng UTF-8",
                       "The file looks like UTF-16 without a byte-order mark; save it as UTF-8");
    return err_set(e, ERR_INVALID, "docread.binary",
                   "Tệp không phải văn bản, Word (.docx) hay PDF (dữ liệu nhị phân)",
                   "The file is not text, Word (.docx) or PDF (binary data)");
}

/* Binary rather than text in a legacy encoding: NUL bytes, or more than 5 %
 * control bytes (other than tab, line and page breaks) in the first 64 KiB. */
static bool looks_binary(const unsigned char *p, size_t n)
{
    if (memchr(p, 0, n))
        return true;
    size_t m = n < 65536 ? n : 65536, ctl = 0;
    for (size_t i = 0; i < m; i++)
        if ((p[i] < 0x20 && !strchr("\t\n\r\f\v\x1b", p[i])) || p[i] == 0x7F)
            ctl++;
    return ctl * 20 > m;
}

int docread_text(const void *data, size_t n, doc_t **out, err_t *e)
{
    const unsigned char *p = data ? data : (const void *)"";
    if (!data)
        n = 0;
    buf_t conv;
    buf_init(&conv, DOCREAD_MAX_FILE * 2);
    int rc = 0, kind = docread_sniff(data, n);
    if (kind == DOCREAD_UTF16LE || kind == DOCREAD_UTF16BE) {
        rc = utf16_to_utf8(p, n, kind == DOCREAD_UTF16BE, &conv, e);
        if (rc)
            goto done;
        p = (const unsigned char *)(conv.data ? conv.data : "");
        n = conv.len;
        if (memchr(p, 0, n)) {
            rc = not_text(p, n, e);
            goto done;
        }
    } else if (looks_binary(p, n)) {
        rc = not_text(p, n, e);
        goto done;
    }
    int line = 0;
    size_t bad = doc_text_invalid_at((const char *)p, n, &line);
    if (bad < n) {
        rc = err_set(e, ERR_INVALID, "docread.not_utf8",
                     "Tệp không phải UTF-8 (byte 0x%02X không hợp lệ ở dòng %d); có thể tệp dùng "
                     "bảng mã cũ TCVN3 (ABC), VNI hoặc Windows-1258 — hãy lưu lại dưới dạng UTF-8",
                     "The file is not UTF-8 (invalid byte 0x%02X on line %d); it may use a legacy "
                     "Vietnamese encoding (TCVN3/ABC, VNI or Windows-1258) — save it as UTF-8",
                     (unsigned)p[bad], line);
        goto done;
    }
    rc = doc_from_text((const char *)p, n, out, e);
done:
    buf_release(&conv);
    return rc;
}
