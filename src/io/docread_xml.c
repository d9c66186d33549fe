/* docread_xml.c - guarded libxml2 reader, WordprocessingML names and the
 * style table (word/styles.xml) for the DOCX reader. */
#include "io/docread_xml.h"

#include "base/mem.h"
#include "domain/doc.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS       "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* --- reader -------------------------------------------------------------- */

static void on_error(void *arg, xmlErrorPtr err)
{
    docread_xml_reader_t *x = arg;
    if (x->msg[0] || !err)
        return;
    snprintf(x->msg, sizeof x->msg, "%s", err->message ? err->message : "?");
    size_t n = strlen(x->msg);
    while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
        x->msg[--n] = '\0';
    x->line = err->line;
}

int docread_xml_open(docread_xml_reader_t *x, const char *xml, size_t n, const char *part, err_t *e)
{
    memset(x, 0, sizeof *x);
    /* DOCX parts never carry a DTD; refusing it rules out entity expansion
     * attacks before libxml2 sees the internal subset. */
    if (memmem(xml, n, "<!DOCTYPE", 9) || memmem(xml, n, "<!ENTITY", 8))
        return err_set(e, ERR_INVALID, "docread.docx_dtd",
                       "Tệp .docx không hợp lệ: %s chứa khai báo DTD/ENTITY",
                       "Invalid .docx: %s contains a DTD/ENTITY declaration", part);
    if (n > INT_MAX)
        return err_set(e, ERR_TOOLARGE, "docread.docx_too_large", "Tệp .docx quá lớn (%s)",
                       "The .docx is too large (%s)", part);
    x->rd = xmlReaderForMemory(xml, (int)n, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x->rd)
        return err_nomem(e);
    xmlTextReaderSetStructuredErrorHandler(x->rd, on_error, x);
    return 0;
}

void docread_xml_close(docread_xml_reader_t *x)
{
    if (x->rd)
        xmlFreeTextReader(x->rd);
    x->rd = NULL;
}

int docread_xml_fail(const docread_xml_reader_t *x, const char *part, err_t *e)
{
    return err_set(e, ERR_INVALID, "docread.docx_xml",
                   "Tệp .docx bị hỏng: %s không phải XML hợp lệ (dòng %d: %s)",
                   "Corrupt .docx: %s is not well-formed XML (line %d: %s)", part, x->line,
                   x->msg[0] ? x->msg : "?");
}

/* --- names and attributes ------------------------------------------------ */

static const struct {
    const char *name;
    int id;
} w_names[] = {
    {"p", DOCREAD_XML_P},
    {"pPr", DOCREAD_XML_PPR},
    {"pStyle", DOCREAD_XML_PSTYLE},
    {"jc", DOCREAD_XML_JC},
    {"outlineLvl", DOCREAD_XML_OUTLINE},
    {"numPr", DOCREAD_XML_NUMPR},
    {"ilvl", DOCREAD_XML_ILVL},
    {"numId", DOCREAD_XML_NUMID},
    {"r", DOCREAD_XML_R},
    {"rPr", DOCREAD_XML_RPR},
    {"b", DOCREAD_XML_B},
    {"rStyle", DOCREAD_XML_RSTYLE},
    {"t", DOCREAD_XML_T},
    {"tab", DOCREAD_XML_TAB},
    {"ptab", DOCREAD_XML_PTAB},
    {"br", DOCREAD_XML_BR},
    {"cr", DOCREAD_XML_CR},
    {"noBreakHyphen", DOCREAD_XML_NBHYPHEN},
    {"tbl", DOCREAD_XML_TBL},
    {"tr", DOCREAD_XML_TR},
    {"tc", DOCREAD_XML_TC},
    {"tcPr", DOCREAD_XML_TCPR},
    {"gridSpan", DOCREAD_XML_GRIDSPAN},
    {"vMerge", DOCREAD_XML_VMERGE},
    {"hMerge", DOCREAD_XML_HMERGE},
    {"style", DOCREAD_XML_STYLE},
    {"name", DOCREAD_XML_NAME},
    {"basedOn", DOCREAD_XML_BASEDON},
    {"pPrChange", DOCREAD_XML_SKIP},
    {"rPrChange", DOCREAD_XML_SKIP},
    {"tblStylePr", DOCREAD_XML_SKIP},
};

int docread_xml_elem(xmlTextReaderPtr rd)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
    const char *ln = (const char *)xmlTextReaderConstLocalName(rd);
    if (!ns || !ln)
        return DOCREAD_XML_OTHER;
    if (strcmp(ns, MC_NS) == 0)
        return strcmp(ln, "Fallback") == 0 ? DOCREAD_XML_SKIP : DOCREAD_XML_OTHER;
    if (strcmp(ns, W_NS) != 0 && strcmp(ns, W_NS_STRICT) != 0)
        return DOCREAD_XML_OTHER;
    for (size_t i = 0; i < sizeof w_names / sizeof w_names[0]; i++)
        if (strcmp(ln, w_names[i].name) == 0)
            return w_names[i].id;
    return DOCREAD_XML_OTHER;
}

bool docread_xml_attr(xmlTextReaderPtr rd, const char *name, char *out, size_t cap)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(rd);
    xmlChar *v = xmlTextReaderGetAttributeNs(rd, BAD_CAST name, ns);
    if (!v)
        v = xmlTextReaderGetAttribute(rd, BAD_CAST name);
    if (!v)
        return false;
    snprintf(out, cap, "%s", (const char *)v);
    xmlFree(v);
    return true;
}

bool docread_xml_onoff(xmlTextReaderPtr rd)
{
    char v[16];
    if (!docread_xml_attr(rd, "val", v, sizeof v))
        return true;
    return strcmp(v, "0") != 0 && strcmp(v, "false") != 0 && strcmp(v, "off") != 0 &&
           strcmp(v, "none") != 0;
}

int docread_xml_align(const char *val)
{
    if (strcmp(val, "center") == 0)
        return DOC_ALIGN_CENTER;
    if (strcmp(val, "both") == 0 || strcmp(val, "distribute") == 0)
        return DOC_ALIGN_JUSTIFY;
    if (strcmp(val, "right") == 0 || strcmp(val, "end") == 0)
        return DOC_ALIGN_RIGHT;
    if (strcmp(val, "left") == 0 || strcmp(val, "start") == 0)
        return DOC_ALIGN_LEFT;
    return DOC_ALIGN_NONE;
}

int docread_xml_int_attr(xmlTextReaderPtr rd, const char *name, int def)
{
    char v[16];
    if (!docread_xml_attr(rd, name, v, sizeof v) || !v[0])
        return def;
    int x = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || x > 100000)
            return def;
        x = x * 10 + (*p - '0');
    }
    return x;
}

/* --- styles -------------------------------------------------------------- */

typedef struct dstyle {
    char id[DOCREAD_XML_ID_MAX];
    char based[DOCREAD_XML_ID_MAX];
    docread_xml_props_t p;
} dstyle_t;

struct docread_xml_styles {
    dstyle_t *v;
    size_t n, cap;
    char def[DOCREAD_XML_ID_MAX];
};

/* "heading 3" (any case) -> 3. */
static int heading_of_name(const char *s)
{
    if (strncasecmp(s, "heading", 7) != 0)
        return 0;
    s += 7;
    while (*s == ' ')
        s++;
    return s[0] >= '1' && s[0] <= '9' && !s[1] ? s[0] - '0' : 0;
}

typedef struct sctx {
    docread_xml_styles_t *S;
    dstyle_t *cur;
    int in_ppr, in_rpr, in_numpr, numid, ilvl;
} sctx_t;

static int style_start(sctx_t *c, xmlTextReaderPtr rd, int el)
{
    if (el == DOCREAD_XML_STYLE) {
        docread_xml_styles_t *S = c->S;
        if (MEM_GROW(S->v, S->cap, S->n + 1))
            return ERR_NOMEM;
        c->cur = &S->v[S->n++];
        memset(c->cur, 0, sizeof *c->cur);
        c->cur->p = (docread_xml_props_t){0, -1, -1, -1, -1};
        docread_xml_attr(rd, "styleId", c->cur->id, sizeof c->cur->id);
        char type[32] = "", def[8] = "";
        docread_xml_attr(rd, "type", type, sizeof type);
        docread_xml_attr(rd, "default", def, sizeof def);
        if (strcmp(type, "paragraph") == 0 && (strcmp(def, "1") == 0 || strcmp(def, "true") == 0))
            snprintf(S->def, sizeof S->def, "%s", c->cur->id);
        return 0;
    }
    if (!c->cur)
        return 0;
    char v[DOCREAD_XML_ID_MAX];
    docread_xml_props_t *p = &c->cur->p;
    switch (el) {
    case DOCREAD_XML_NAME:
        if (docread_xml_attr(rd, "val", v, sizeof v))
            p->heading = heading_of_name(v);
        break;
    case DOCREAD_XML_BASEDON:
        docread_xml_attr(rd, "val", c->cur->based, sizeof c->cur->based);
        break;
    case DOCREAD_XML_PPR:
        c->in_ppr++;
        break;
    case DOCREAD_XML_RPR:
        c->in_rpr++;
        break;
    case DOCREAD_XML_OUTLINE:
        if (c->in_ppr && !c->in_rpr)
            p->outline = docread_xml_int_attr(rd, "val", 9) + 1;
        break;
    case DOCREAD_XML_JC:
        if (c->in_ppr && !c->in_rpr && docread_xml_attr(rd, "val", v, sizeof v))
            p->align = docread_xml_align(v);
        break;
    case DOCREAD_XML_NUMPR:
        c->in_numpr = c->in_ppr;
        c->numid = -1;
        c->ilvl = 0;
        break;
    case DOCREAD_XML_ILVL:
        c->ilvl = docread_xml_int_attr(rd, "val", 0);
        break;
    case DOCREAD_XML_NUMID:
        c->numid = docread_xml_int_attr(rd, "val", -1);
        break;
    case DOCREAD_XML_B:
        if (c->in_rpr && !c->in_ppr)
            p->bold = docread_xml_onoff(rd);
        break;
    default:
        break;
    }
    return 0;
}

static void style_end(sctx_t *c, int el)
{
    if (el == DOCREAD_XML_STYLE)
        c->cur = NULL;
    else if (el == DOCREAD_XML_PPR && c->in_ppr)
        c->in_ppr--;
    else if (el == DOCREAD_XML_RPR && c->in_rpr)
        c->in_rpr--;
    else if (el == DOCREAD_XML_NUMPR && c->in_numpr && c->cur) {
        c->cur->p.list = c->numid == 0 ? 0 : (c->ilvl % 9) + 1;
        c->in_numpr = 0;
    }
}

docread_xml_styles_t *docread_xml_styles_parse(const char *xml, size_t n)
{
    docread_xml_styles_t *S = mem_calloc(1, sizeof *S);
    if (!S)
        return NULL;
    docread_xml_reader_t x;
    if (docread_xml_open(&x, xml, n, "word/styles.xml", NULL))
        return S;
    sctx_t c = {S, NULL, 0, 0, 0, -1, 0};
    int skip = -1;
    while (xmlTextReaderRead(x.rd) == 1) {
        int type = xmlTextReaderNodeType(x.rd), depth = xmlTextReaderDepth(x.rd);
        if (skip >= 0) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == skip)
                skip = -1;
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            int el = docread_xml_elem(x.rd);
            bool empty = xmlTextReaderIsEmptyElement(x.rd) == 1;
            if (el == DOCREAD_XML_SKIP) {
                if (!empty)
                    skip = depth;
                continue;
            }
            if (style_start(&c, x.rd, el)) {
                docread_xml_styles_free(S);
                S = NULL;
                break;
            }
            if (empty)
                style_end(&c, el);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            style_end(&c, docread_xml_elem(x.rd));
        }
    }
    docread_xml_close(&x);
    return S;
}

void docread_xml_styles_free(docread_xml_styles_t *s)
{
    if (!s)
        return;
    mem_free(s->v);
    mem_free(s);
}

const char *docread_xml_styles_default(const docread_xml_styles_t *s)
{
    return s && s->def[0] ? s->def : NULL;
}

static const dstyle_t *find(const docread_xml_styles_t *s, const char *id)
{
    for (size_t i = 0; s && id && i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
}

static void merge(int *dst, int src)
{
    if (*dst < 0)
        *dst = src;
}

docread_xml_props_t docread_xml_styles_props(const docread_xml_styles_t *s, const char *id)
{
    docread_xml_props_t r = {0, -1, -1, -1, -1};
    if (!id)
        id = docread_xml_styles_default(s);
    if (!id)
        return r;
    const dstyle_t *st = find(s, id);
    if (!st && strncasecmp(id, "heading", 7) == 0 && id[7] >= '1' && id[7] <= '9' && !id[8])
        r.heading = id[7] - '0';
    for (int depth = 0; st && depth < 10; depth++) {
        if (!r.heading)
            r.heading = st->p.heading;
        merge(&r.outline, st->p.outline);
        merge(&r.bold, st->p.bold);
        merge(&r.align, st->p.align);
        merge(&r.list, st->p.list);
        st = st->based[0] ? find(s, st->based) : NULL;
    }
    return r;
}
