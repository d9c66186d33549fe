/* docread_docx.c - Word .docx plan files: libzip for the package, a
 * streaming libxml2 reader over word/document.xml.
 *
 * Paragraphs (w:p) concatenate their w:t runs (w:tab -> tab, w:br/w:cr ->
 * line break); deleted revision text, field instructions, footnote and
 * endnote references and mc:Fallback duplicates contribute nothing. Text
 * boxes inside a paragraph become paragraphs of their own, emitted before
 * it. Tables (w:tbl) become table blocks; merged cells:
 *  - w:gridSpan: one cell with span = n (no padding cells);
 *  - w:vMerge continuation: a cell flagged vmerged carrying a copy of the
 *    text of the cell above in the same grid column, so that every row is
 *    self-contained (a lead agency merged over three tasks applies to each);
 *  - legacy w:hMerge continuation: folded into the previous cell's span.
 * A table nested in a cell is flattened into that cell's text: its rows on
 * separate lines, its cells joined with " | ", a nested cell's paragraphs
 * joined with spaces. w:gridBefore/w:gridAfter are ignored. */
#include "io/docread.h"
#include "io/docread_xml.h"

#include "base/buf.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "base/banned.h"

#define MAX_NEST 16 /* open paragraphs (text boxes) or tables (nesting) */
#define MAX_SPAN 64

typedef struct pstate {
    buf_t text;
    char style_id[DOCREAD_XML_ID_MAX];
    int outline, list, align; /* -1: not set on the paragraph */
    int style_bold;           /* the paragraph style's bold, -1 unset */
    bool visible, all_bold;
} pstate_t;

typedef struct pcell {
    char *text;
    size_t len;
    int span, vmerge;
} pcell_t;

typedef struct tstate {
    bool created; /* outer table: block added to the doc */
    pcell_t *cells;
    size_t ncells, cap;
    buf_t cell; /* text of the open cell */
    int span, vmerge, hmerge;
    buf_t flat; /* nested table: its rows so far */
} tstate_t;

typedef struct ctx {
    doc_t *d;
    err_t *e;
    const docread_xml_styles_t *S;
    pstate_t P[MAX_NEST];
    int np;
    tstate_t T[MAX_NEST];
    int nt;
    int in_ppr, in_rpr, in_run, in_tcpr, in_t, in_numpr;
    int numid, ilvl;
    int run_bold, run_style_bold;
} ctx_t;

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* --- paragraphs ------------------------------------------------------------ */

static int nest_error(ctx_t *c)
{
    return err_set(c->e, ERR_INVALID, "docread.docx_nesting",
                   "Tệp .docx có bảng/khung lồng nhau quá sâu (trên %d mức)",
                   "The .docx nests tables or text boxes too deeply (over %d levels)", MAX_NEST);
}

static int para_start(ctx_t *c)
{
    if (c->np == MAX_NEST)
        return nest_error(c);
    pstate_t *p = &c->P[c->np++];
    buf_init(&p->text, DOCREAD_MAX_XML);
    p->style_id[0] = '\0';
    p->outline = p->list = p->align = -1;
    p->style_bold = docread_xml_styles_props(c->S, NULL).bold;
    p->visible = false;
    p->all_bold = true;
    return 0;
}

/* Maps a failed buffer append to an error. */
static int buf_failed(ctx_t *c, int rc)
{
    if (rc == ERR_TOOLARGE)
        return err_set(c->e, rc, "docread.docx_too_large",
                       "Tệp .docx có đoạn văn hoặc ô bảng quá dài",
                       "The .docx has a paragraph or table cell that is too long");
    return err_nomem(c->e);
}

static int cell_append(tstate_t *t, const char *s, size_t n, char sep)
{
    if (t->cell.len && buf_putc(&t->cell, sep))
        return ERR_NOMEM;
    return buf_append(&t->cell, s, n);
}

static int para_end(ctx_t *c)
{
    pstate_t *p = &c->P[--c->np];
    int rc = 0;
    if (c->nt > 0) {
        rc =
            cell_append(&c->T[c->nt - 1], buf_cstr(&p->text), p->text.len, c->nt == 1 ? '\n' : ' ');
        if (rc)
            rc = buf_failed(c, rc);
    } else {
        const char *sid = p->style_id[0] ? p->style_id : NULL;
        docread_xml_props_t sp = docread_xml_styles_props(c->S, sid);
        int outline = p->outline >= 0 ? p->outline : sp.outline;
        int list = p->list >= 0 ? p->list : sp.list;
        int align = p->align >= 0 ? p->align : sp.align;
        doc_style_t st = {sid,
                          sp.heading,
                          outline >= 1 && outline <= 9 ? outline : 0,
                          list > 0 ? list : 0,
                          p->visible && p->all_bold,
                          align > 0 ? align : DOC_ALIGN_NONE};
        rc = doc_add_para(c->d, buf_cstr(&p->text), p->text.len, (doc_pos_t){0, 0}, &st, c->e);
    }
    buf_release(&p->text);
    return rc;
}

static int para_text(ctx_t *c, const char *s, size_t n)
{
    if (!c->np)
        return 0;
    pstate_t *p = &c->P[c->np - 1];
    bool visible = false;
    for (size_t i = 0; i < n && !visible; i++)
        visible = s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r';
    if (visible) {
        p->visible = true;
        int bold = c->run_bold >= 0         ? c->run_bold
                   : c->run_style_bold >= 0 ? c->run_style_bold
                                            : p->style_bold;
        if (bold <= 0)
            p->all_bold = false;
    }
    int rc = buf_append(&p->text, s, n);
    return rc ? buf_failed(c, rc) : 0;
}

/* --- tables ---------------------------------------------------------------- */

static void cells_clear(tstate_t *t)
{
    for (size_t i = 0; i < t->ncells; i++)
        mem_free(t->cells[i].text);
    t->ncells = 0;
}

static void table_release(tstate_t *t)
{
    cells_clear(t);
    mem_free(t->cells);
    buf_release(&t->cell);
    buf_release(&t->flat);
}

static int table_start(ctx_t *c)
{
    if (c->nt == MAX_NEST)
        return nest_error(c);
    tstate_t *t = &c->T[c->nt++];
    memset(t, 0, sizeof *t);
    buf_init(&t->cell, DOCREAD_MAX_XML);
    buf_init(&t->flat, DOCREAD_MAX_XML);
    return 0;
}

static int cell_end(ctx_t *c)
{
    tstate_t *t = &c->T[c->nt - 1];
    if (t->hmerge == 2 && t->ncells) {
        pcell_t *prev = &t->cells[t->ncells - 1];
        prev->span = prev->span + t->span > MAX_SPAN ? MAX_SPAN : prev->span + t->span;
        buf_reset(&t->cell);
        return 0;
    }
    if (MEM_GROW(t->cells, t->cap, t->ncells + 1))
        return err_nomem(c->e);
    size_t len = t->cell.len;
    char *text = len ? buf_detach(&t->cell) : mem_strdup("");
    if (!text)
        return err_nomem(c->e);
    t->cells[t->ncells++] = (pcell_t){text, len, t->span, t->vmerge};
    return 0;
}

/* Text of the previous row's cell covering grid column col ("" if none). */
static const char *text_above(const doc_t *d, int col)
{
    const doc_block_t *b = doc_block(d, doc_count(d) - 1);
    if (!b || b->kind != DOC_TABLE || b->nrows < 2)
        return "";
    const doc_row_t *r = &b->rows[b->nrows - 2];
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].col <= col && col < r->cells[i].col + r->cells[i].span)
            return r->cells[i].text;
    return "";
}

static int row_end_outer(ctx_t *c, tstate_t *t)
{
    int rc = 0;
    if (!t->created) {
        rc = doc_add_table(c->d, (doc_pos_t){0, 0}, c->e);
        t->created = rc == 0;
    }
    if (!rc)
        rc = doc_add_row(c->d, (doc_pos_t){0, 0}, c->e);
    int col = 0;
    for (size_t i = 0; !rc && i < t->ncells; i++) {
        const pcell_t *pc = &t->cells[i];
        const char *s = pc->text;
        size_t n = pc->len;
        if (pc->vmerge == 2) {
            s = text_above(c->d, col);
            n = strlen(s);
        }
        rc = doc_add_cell(c->d, s, n, pc->span, pc->vmerge == 2, c->e);
        col += pc->span;
    }
    return rc;
}

static int row_end_nested(tstate_t *t)
{
    if (t->flat.len && buf_putc(&t->flat, '\n'))
        return ERR_NOMEM;
    for (size_t i = 0; i < t->ncells; i++) {
        if (i && buf_puts(&t->flat, " | "))
            return ERR_NOMEM;
        for (size_t k = 0; k < t->cells[i].len; k++)
            if (buf_putc(&t->flat, t->cells[i].text[k] == '\n' ? ' ' : t->cells[i].text[k]))
                return ERR_NOMEM;
    }
    return 0;
}

static int row_end(ctx_t *c)
{
    tstate_t *t = &c->T[c->nt - 1];
    int rc = c->nt == 1 ? row_end_outer(c, t) : row_end_nested(t);
    if (rc && c->nt > 1)
        rc = buf_failed(c, rc);
    cells_clear(t);
    return rc;
}

static int table_end(ctx_t *c)
{
    tstate_t *t = &c->T[--c->nt];
    int rc = 0;
    if (c->nt > 0 && t->flat.len)
        rc = cell_append(&c->T[c->nt - 1], t->flat.data, t->flat.len, c->nt == 1 ? '\n' : ' ');
    if (rc)
        rc = buf_failed(c, rc);
    table_release(t);
    return rc;
}

/* --- events ---------------------------------------------------------------- */

static void ppr_prop(ctx_t *c, xmlTextReaderPtr rd, int el)
{
    pstate_t *p = &c->P[c->np - 1];
    char v[DOCREAD_XML_ID_MAX];
    switch (el) {
    case DOCREAD_XML_PSTYLE:
        docread_xml_attr(rd, "val", p->style_id, sizeof p->style_id);
        p->style_bold = docread_xml_styles_props(c->S, p->style_id).bold;
        break;
    case DOCREAD_XML_JC:
        if (docread_xml_attr(rd, "val", v, sizeof v))
            p->align = docread_xml_align(v);
        break;
    case DOCREAD_XML_OUTLINE:
        p->outline = docread_xml_int_attr(rd, "val", 9) + 1;
        break;
    case DOCREAD_XML_NUMPR:
        c->in_numpr = 1;
        c->numid = -1;
        c->ilvl = 0;
        break;
    case DOCREAD_XML_ILVL:
        c->ilvl = docread_xml_int_attr(rd, "val", 0);
        break;
    case DOCREAD_XML_NUMID:
        c->numid = docread_xml_int_attr(rd, "val", -1);
        break;
    default:
        break;
    }
}

static int on_start(ctx_t *c, xmlTextReaderPtr rd, int el)
{
    bool in_p = c->np > 0;
    if (in_p && c->in_ppr && !c->in_rpr) {
        ppr_prop(c, rd, el);
        if (el != DOCREAD_XML_PPR && el != DOCREAD_XML_RPR)
            return 0;
    }
    switch (el) {
    case DOCREAD_XML_P:
        return para_start(c);
    case DOCREAD_XML_PPR:
        c->in_ppr += in_p;
        break;
    case DOCREAD_XML_R:
        c->in_run++;
        c->run_bold = c->run_style_bold = -1;
        break;
    case DOCREAD_XML_RPR:
        c->in_rpr++;
        break;
    case DOCREAD_XML_B:
        if (c->in_rpr && c->in_run && !c->in_ppr)
            c->run_bold = docread_xml_onoff(rd);
        break;
    case DOCREAD_XML_RSTYLE:
        if (c->in_rpr && c->in_run && !c->in_ppr) {
            char v[DOCREAD_XML_ID_MAX];
            if (docread_xml_attr(rd, "val", v, sizeof v))
                c->run_style_bold = docread_xml_styles_props(c->S, v).bold;
        }
        break;
    case DOCREAD_XML_T:
        c->in_t = c->in_run > 0 && !c->in_rpr;
        break;
    case DOCREAD_XML_TAB:
    case DOCREAD_XML_PTAB:
        return c->in_run && !c->in_rpr ? para_text(c, "\t", 1) : 0;
    case DOCREAD_XML_BR:
    case DOCREAD_XML_CR:
        return c->in_run && !c->in_rpr ? para_text(c, "\n", 1) : 0;
    case DOCREAD_XML_NBHYPHEN:
        return c->in_run && !c->in_rpr ? para_text(c, "-", 1) : 0;
    case DOCREAD_XML_TBL:
        return table_start(c);
    case DOCREAD_XML_TR:
        if (c->nt)
            cells_clear(&c->T[c->nt - 1]);
        break;
    case DOCREAD_XML_TC:
        if (c->nt) {
            tstate_t *t = &c->T[c->nt - 1];
            buf_reset(&t->cell);
            t->span = 1;
            t->vmerge = t->hmerge = 0;
        }
        break;
    case DOCREAD_XML_TCPR:
        c->in_tcpr++;
        break;
    case DOCREAD_XML_GRIDSPAN:
        if (c->in_tcpr && c->nt) {
            int v = docread_xml_int_attr(rd, "val", 1);
            c->T[c->nt - 1].span = v < 1 ? 1 : v > MAX_SPAN ? MAX_SPAN : v;
        }
        break;
    case DOCREAD_XML_VMERGE:
    case DOCREAD_XML_HMERGE:
        if (c->in_tcpr && c->nt) {
            char v[16] = "";
            docread_xml_attr(rd, "val", v, sizeof v);
            int m = strcmp(v, "restart") == 0 ? 1 : 2;
            if (el == DOCREAD_XML_VMERGE)
                c->T[c->nt - 1].vmerge = m;
            else
                c->T[c->nt - 1].hmerge = m;
        }
        break;
    default:
        break;
    }
    return 0;
}

static int on_end(ctx_t *c, int el)
{
    switch (el) {
    case DOCREAD_XML_P:
        return c->np ? para_end(c) : 0;
    case DOCREAD_XML_PPR:
        if (c->in_ppr && !c->in_rpr)
            c->in_ppr--;
        break;
    case DOCREAD_XML_NUMPR:
        if (c->in_numpr && c->np) {
            c->P[c->np - 1].list = c->numid == 0 ? 0 : (c->ilvl % 9) + 1;
            c->in_numpr = 0;
        }
        break;
    case DOCREAD_XML_R:
        if (c->in_run)
            c->in_run--;
        break;
    case DOCREAD_XML_RPR:
        if (c->in_rpr)
            c->in_rpr--;
        break;
    case DOCREAD_XML_T:
        c->in_t = 0;
        break;
    case DOCREAD_XML_TBL:
        return c->nt ? table_end(c) : 0;
    case DOCREAD_XML_TR:
        return c->nt ? row_end(c) : 0;
    case DOCREAD_XML_TC:
        return c->nt ? cell_end(c) : 0;
    case DOCREAD_XML_TCPR:
        if (c->in_tcpr)
            c->in_tcpr--;
        break;
    default:
        break;
    }
    return 0;
}

static void ctx_release(ctx_t *c)
{
    while (c->np)
        buf_release(&c->P[--c->np].text);
    while (c->nt)
        table_release(&c->T[--c->nt]);
}

static int parse_body(ctx_t *c, const char *xml, size_t n)
{
    docread_xml_reader_t x;
    int rc = docread_xml_open(&x, xml, n, "word/document.xml", c->e);
    if (rc)
        return rc;
    int skip = -1, r = 1;
    while (!rc) {
        r = xmlTextReaderRead(x.rd);
        if (r != 1)
            break;
        int type = xmlTextReaderNodeType(x.rd), depth = xmlTextReaderDepth(x.rd);
        if (skip >= 0) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == skip)
                skip = -1;
        } else if (type == XML_READER_TYPE_ELEMENT) {
            int el = docread_xml_elem(x.rd);
            bool empty = xmlTextReaderIsEmptyElement(x.rd) == 1;
            if (el == DOCREAD_XML_SKIP)
                skip = empty ? -1 : depth;
            else
                rc = on_start(c, x.rd, el);
            if (!rc && empty && el != DOCREAD_XML_SKIP)
                rc = on_end(c, el);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            rc = on_end(c, docread_xml_elem(x.rd));
        } else if (c->in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                               type == XML_READER_TYPE_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(x.rd);
            if (v)
                rc = para_text(c, v, strlen(v));
        }
    }
    if (!rc && r < 0)
        rc = docread_xml_fail(&x, "word/document.xml", c->e);
    docread_xml_close(&x);
    return rc;
}

/* --- package ---------------------------------------------------------------- */

static int zip_failed(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "docread.docx_corrupt",
                   "Tệp .docx bị hỏng hoặc bị cắt cụt (%s); hãy lưu lại bằng Word và gửi lại",
                   "The .docx is corrupt or truncated (%s); save it again in Word and resend",
                   what);
}

/* Reads entry name (case-insensitive) into out, at most max bytes. */
static int zip_entry(zip_t *za, const char *name, size_t max, buf_t *out, bool *found, err_t *e)
{
    zip_int64_t idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
    *found = idx >= 0;
    if (idx < 0)
        return 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > max)
        return err_set(e, ERR_TOOLARGE, "docread.docx_too_large",
                       "Tệp .docx quá lớn: %s giải nén vượt %zu MiB",
                       "The .docx is too large: %s expands beyond %zu MiB", name, max >> 20);
    zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!zf) {
        zip_error_t *ze = zip_get_error(za);
        if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
            zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD)
            return err_set(e, ERR_INVALID, "docread.docx_encrypted",
                           "Tệp .docx được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu",
                           "The .docx is password-protected; send a copy without a password");
        return zip_failed(e, zip_error_strerror(ze));
    }
    buf_init(out, max);
    char chunk[65536];
    int rc = 0;
    for (;;) {
        zip_int64_t k = zip_fread(zf, chunk, sizeof chunk);
        if (k < 0) {
            rc = zip_failed(e, zip_error_strerror(zip_file_get_error(zf)));
            break;
        }
        if (k == 0)
            break;
        rc = buf_append(out, chunk, (size_t)k);
        if (rc == ERR_TOOLARGE)
            err_set(e, rc, "docread.docx_too_large", "Tệp .docx quá lớn: %s giải nén vượt %zu MiB",
                    "The .docx is too large: %s expands beyond %zu MiB", name, max >> 20);
        else if (rc)
            err_nomem(e);
        if (rc)
            break;
    }
    zip_fclose(zf);
    return rc;
}

static int not_word(zip_t *za, err_t *e)
{
    if (zip_name_locate(za, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0)
        return err_set(e, ERR_INVALID, "docread.not_word",
                       "Tệp là bảng tính Excel (.xlsx), không phải tài liệu Word (.docx)",
                       "The file is an Excel workbook (.xlsx), not a Word document (.docx)");
    if (zip_name_locate(za, "content.xml", ZIP_FL_NOCASE) >= 0)
        return err_set(e, ERR_INVALID, "docread.not_word",
                       "Tệp là tài liệu OpenDocument (.odt/.ods), không phải tài liệu Word; hãy "
                       "lưu lại dưới dạng .docx",
                       "The file is an OpenDocument file (.odt/.ods), not a Word document; save "
                       "it as .docx");
    return err_set(e, ERR_INVALID, "docread.not_word",
                   "Tệp nén (zip) không phải tài liệu Word (.docx): thiếu word/document.xml",
                   "The zip file is not a Word document (.docx): word/document.xml is missing");
}

/* Reads document.xml and styles.xml out of the package. */
static int unpack(const void *data, size_t n, buf_t *xml, buf_t *sty, err_t *e)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        int rc = src ? zip_failed(e, zip_error_strerror(&ze)) : err_nomem(e);
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    bool found = false;
    int rc = zip_entry(za, "word/document.xml", DOCREAD_MAX_XML, xml, &found, e);
    if (!rc && !found)
        rc = not_word(za, e);
    if (!rc)
        rc = zip_entry(za, "word/styles.xml", DOCREAD_MAX_XML / 4, sty, &found, e);
    zip_discard(za);
    return rc;
}

int docread_docx(const void *data, size_t n, doc_t **out, err_t *e)
{
    pthread_once(&xml_once, xml_init);
    buf_t xml, sty;
    buf_init(&xml, DOCREAD_MAX_XML + 1);
    buf_init(&sty, DOCREAD_MAX_XML / 4 + 1);
    docread_xml_styles_t *S = NULL;
    ctx_t *c = NULL;
    doc_t *d = NULL;
    int rc = unpack(data, n, &xml, &sty, e);
    if (rc)
        goto done;
    S = docread_xml_styles_parse(sty.data ? sty.data : "", sty.len);
    c = mem_calloc(1, sizeof *c);
    d = doc_new(DOC_FMT_DOCX);
    if (!S || !c || !d) {
        rc = err_nomem(e);
        goto done;
    }
    c->d = d;
    c->e = e;
    c->S = S;
    rc = parse_body(c, xml.data ? xml.data : "", xml.len);
    ctx_release(c);
done:
    mem_free(c);
    docread_xml_styles_free(S);
    buf_release(&xml);
    buf_release(&sty);
    if (rc) {
        doc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}
