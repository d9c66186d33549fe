/* docread_pdf.c - PDF plan files through poppler-glib: the text layer in
 * reading order, page by page, one paragraph per line.
 *
 * Page furniture is removed (domain/doc_layout.h): page numbers among the
 * first and last lines of a page, and running titles and footers repeated
 * next to page boundaries; wrapped sentences are left to the parser.
 * Limits: DOCREAD_MAX_PAGES pages and DOCREAD_MAX_TEXT bytes of text. */
#include "io/docread.h"

#include "base/buf.h"
#include "base/mem.h"
#include "domain/doc_layout.h"

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

/* The text layer of every page, kept until the page furniture is known. */
typedef struct pline {
    size_t off; /* into the text buffer */
    size_t n;
    int page;
    int line; /* within its page */
} pline_t;

typedef struct ptext {
    buf_t text;
    pline_t *v;
    size_t n, cap;
} ptext_t;

/* Appends the non-blank lines of one page; *any is set when it had text. */
static int add_page(ptext_t *pt, const char *text, int page, bool *any, err_t *e)
{
    int line = 0, rc = 0;
    for (const char *p = text; !rc && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line++;
        const char *t = p;
        size_t tn = n;
        while (tn && is_blank(*t))
            t++, tn--;
        while (tn && is_blank(t[tn - 1]))
            tn--;
        p += n + (nl ? 1 : 0);
        if (!tn)
            continue;
        *any = true;
        if (MEM_GROW(pt->v, pt->cap, pt->n + 1))
            return err_nomem(e);
        pt->v[pt->n++] = (pline_t){pt->text.len, tn, page, line};
        rc = buf_append(&pt->text, t, tn);
        if (!rc)
            rc = buf_putc(&pt->text, '\n');
    }
    if (rc == ERR_TOOLARGE)
        return err_set(e, rc, "docread.pdf_too_much_text",
                       "Tệp PDF có quá nhiều chữ (trên %zu MiB văn bản); hãy tách tài liệu",
                       "The PDF holds too much text (over %zu MiB); split the document",
                       DOCREAD_MAX_TEXT >> 20);
    return rc ? err_nomem(e) : 0;
}

/* Drops the page furniture (running titles, page numbers) and adds the
 * other lines as paragraphs. */
static int emit_lines(doc_t *d, const ptext_t *pt, err_t *e)
{
    doc_layout_line_t *L = mem_alloc((pt->n + 1) * sizeof *L);
    bool *drop = mem_alloc((pt->n + 1) * sizeof *drop);
    int rc = L && drop ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < pt->n; i++)
        L[i] = (doc_layout_line_t){pt->text.data + pt->v[i].off, pt->v[i].n, pt->v[i].page};
    if (!rc && doc_layout_furniture(L, pt->n, drop, NULL))
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < pt->n; i++) {
        const pline_t *l = &pt->v[i];
        if (!drop[i])
            rc = doc_add_para(d, L[i].s, l->n, (doc_pos_t){l->line, l->page}, NULL, e);
        else if (doc_note_furniture(d, 1, strspn(L[i].s, "0123456789") == l->n ? NULL : L[i].s,
                                    l->n))
            rc = err_nomem(e);
    }
    mem_free(L);
    mem_free(drop);
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
    if (!rc && pages > DOCREAD_MAX_PAGES)
        rc = err_set(e, ERR_TOOLARGE, "docread.pdf_too_many_pages",
                     "Tệp PDF có %d trang, quá nhiều cho một kế hoạch (tối đa %d trang); hãy "
                     "gửi riêng phần kế hoạch",
                     "The PDF has %d pages, too many for a plan (at most %d); send the plan "
                     "on its own",
                     pages, DOCREAD_MAX_PAGES);
    bool any = false;
    ptext_t pt;
    memset(&pt, 0, sizeof pt);
    buf_init(&pt.text, DOCREAD_MAX_TEXT);
    for (int i = 0; !rc && i < pages; i++) {
        PopplerPage *pg = poppler_document_get_page(pd, i);
        char *text = pg ? poppler_page_get_text(pg) : NULL;
        if (text)
            rc = add_page(&pt, text, i + 1, &any, e);
        g_free(text);
        if (pg)
            g_object_unref(pg);
    }
    g_object_unref(pd);
    g_bytes_unref(bytes);
    if (!rc && any)
        rc = emit_lines(d, &pt, e);
    buf_release(&pt.text);
    mem_free(pt.v);
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
