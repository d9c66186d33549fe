/* docread_pdf.c - PDF plan files through poppler-glib: the text layer in
 * reading order, page by page, one paragraph per line.
 *
 * Artefacts removed: a first or last line of a page that is only a page
 * number ("3", "- 3 -", "Trang 3", "3/12") whose value lies between 1 and
 * the page's index. Nothing else is removed: wrapped sentences and running
 * headers are left to the parser. */
#include "io/docread.h"

#include "base/mem.h"

#include <poppler.h>
#include <string.h>

#include "base/banned.h"

/* A valid PDF ends with "%%EOF" (possibly followed by white space or a few
 * bytes of junk); its absence means an interrupted upload or copy. */
static bool has_eof_marker(const char *p, size_t n)
{
    size_t tail = n < 2048 ? n : 2048;
    return memmem(p + n - tail, tail, "%%EOF", 5) != NULL;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Strips white space and ASCII/en/em dashes at both ends. */
static void strip_decor(const char **s, size_t *n)
{
    for (bool again = true; again;) {
        again = false;
        if (*n && (is_blank(**s) || **s == '-'))
            (*s)++, (*n)--, again = true;
        else if (*n >= 3 && memcmp(*s, "\xE2\x80", 2) == 0 &&
                 ((*s)[2] == '\x93' || (*s)[2] == '\x94'))
            *s += 3, *n -= 3, again = true;
        if (*n && (is_blank((*s)[*n - 1]) || (*s)[*n - 1] == '-'))
            (*n)--, again = true;
        else if (*n >= 3 && memcmp(*s + *n - 3, "\xE2\x80", 2) == 0 &&
                 ((*s)[*n - 1] == '\x93' || (*s)[*n - 1] == '\x94'))
            *n -= 3, again = true;
    }
}

static size_t digits(const char *s, size_t n, long *v)
{
    size_t i = 0;
    *v = 0;
    while (i < n && i < 5 && s[i] >= '0' && s[i] <= '9')
        *v = *v * 10 + (s[i++] - '0');
    return i;
}

static bool is_page_number(const char *s, size_t n, int page)
{
    strip_decor(&s, &n);
    if (n > 6 && (strncmp(s, "Trang ", 6) == 0 || strncmp(s, "trang ", 6) == 0))
        s += 6, n -= 6;
    else if (n > 5 && (strncmp(s, "Page ", 5) == 0 || strncmp(s, "page ", 5) == 0))
        s += 5, n -= 5;
    long v, total;
    size_t k = digits(s, n, &v);
    if (k == 0 || k > 4 || v < 1 || v > page)
        return false;
    s += k, n -= k;
    if (n && s[0] == '/') {
        size_t t = digits(s + 1, n - 1, &total);
        if (t == 0 || total < v)
            return false;
        n -= t + 1;
    }
    return n == 0;
}

typedef struct span {
    const char *p;
    size_t n;
    int line;
} span_t;

/* Adds the lines of one page; *any is set when it had text. */
static int add_page(doc_t *d, const char *text, int page, bool *any, err_t *e)
{
    size_t count = 0, cap = 0;
    span_t *L = NULL;
    int line = 0, rc = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line++;
        const char *t = p;
        size_t tn = n;
        while (tn && is_blank(*t))
            t++, tn--;
        while (tn && is_blank(t[tn - 1]))
            tn--;
        if (tn && MEM_GROW(L, cap, count + 1)) {
            mem_free(L);
            return err_nomem(e);
        }
        if (tn)
            L[count++] = (span_t){t, tn, line};
        p += n + (nl ? 1 : 0);
    }
    size_t first = 0, last = count;
    if (count && is_page_number(L[0].p, L[0].n, page))
        first++;
    if (last > first && is_page_number(L[last - 1].p, L[last - 1].n, page))
        last--;
    for (size_t i = first; !rc && i < last; i++)
        rc = doc_add_para(d, L[i].p, L[i].n, (doc_pos_t){L[i].line, page}, NULL, e);
    if (count)
        *any = true;
    mem_free(L);
    return rc;
}

static int open_error(GError *gerr, err_t *e)
{
    if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
        return err_set(e, ERR_INVALID, "docread.pdf_encrypted",
                       "Tệp PDF được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu",
                       "The PDF is password-protected; send a copy without a password");
    return err_set(e, ERR_INVALID, "docread.pdf_corrupt", "Tệp PDF bị hỏng, không đọc được (%s)",
                   "The PDF is corrupt and cannot be read (%s)",
                   gerr && gerr->message ? gerr->message : "?");
}

int docread_pdf(const void *data, size_t n, doc_t **out, err_t *e)
{
    if (n > (size_t)G_MAXINT)
        return err_set(e, ERR_TOOLARGE, "docread.too_large", "Tệp PDF quá lớn",
                       "The PDF is too large");
    if (!data || !has_eof_marker(data, n))
        return err_set(e, ERR_INVALID, "docread.pdf_truncated",
                       "Tệp PDF bị cắt cụt hoặc hỏng (thiếu dấu kết thúc %%%%EOF); hãy tải lên "
                       "lại tệp đầy đủ",
                       "The PDF is truncated or corrupt (no %%%%EOF end marker); upload the "
                       "complete file again");
    GBytes *bytes = g_bytes_new_static(data, n);
    GError *gerr = NULL;
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!pd) {
        int rc = open_error(gerr, e);
        if (gerr)
            g_error_free(gerr);
        g_bytes_unref(bytes);
        return rc;
    }
    doc_t *d = doc_new(DOC_FMT_PDF);
    int rc = d ? 0 : err_nomem(e), pages = poppler_document_get_n_pages(pd);
    bool any = false;
    for (int i = 0; !rc && i < pages; i++) {
        PopplerPage *pg = poppler_document_get_page(pd, i);
        char *text = pg ? poppler_page_get_text(pg) : NULL;
        if (text)
            rc = add_page(d, text, i + 1, &any, e);
        g_free(text);
        if (pg)
            g_object_unref(pg);
    }
    g_object_unref(pd);
    g_bytes_unref(bytes);
    if (!rc && !any)
        rc = err_set(e, ERR_INVALID, "docread.pdf_no_text",
                     "PDF không có lớp văn bản (bản scan); cchc không nhận dạng ký tự (OCR) — "
                     "hãy gửi bản Word (.docx) hoặc PDF xuất trực tiếp từ Word",
                     "The PDF has no text layer (a scan); cchc does no character recognition "
                     "(OCR) — send the Word (.docx) file or a PDF exported from Word");
    if (rc) {
        doc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}
