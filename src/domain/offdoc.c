/* offdoc.c - the official-document model (offdoc.h): text validation,
 * header and closing fields, blocks and accessors; tables are built in
 * offdoc_table.c (offdoc_int.h). */
#include "domain/offdoc.h"
#include "domain/offdoc_int.h"

#include "base/mem.h"
#include "base/numfmt.h"
#include "base/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

const char offdoc_empty[] = "";

const char *const offdoc_national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char *const offdoc_motto = "Độc lập - Tự do - Hạnh phúc";

void offdoc_free_str(const char *s)
{
    if (s && s != offdoc_empty)
        mem_free((void *)s);
}

static void refresh(offdoc_t *d);

/* --- fields --------------------------------------------------------------------- */

/* Replaces *slot by a validated copy of s. */
static int set_field(offdoc_t *d, char **slot, const char *s, unsigned opts, size_t max,
                     const char *what, err_t *e)
{
    char *t = NULL;
    int rc = offdoc_text_take(d, s, opts | OFFDOC_T_NULLABLE, max, what, &t, e);
    if (rc)
        return rc;
    offdoc_free_str(*slot);
    *slot = t;
    refresh(d);
    return 0;
}

static int list_add(offdoc_t *d, offdoc_list_t *l, const char *s, const char *what, err_t *e)
{
    char *t = NULL;
    int rc =
        offdoc_text_take(d, s, OFFDOC_T_TRIM | OFFDOC_T_REQUIRED, OFFDOC_TEXT_MAX, what, &t, e);
    if (rc)
        return rc;
    offdoc_text_strip_list(t);
    if (!t[0] || MEM_GROW(l->v, l->cap, l->n + 1)) {
        rc = t[0] ? err_nomem(e) : offdoc_text_error(e, what, "trống / empty");
        mem_free(t);
        return rc;
    }
    l->v[l->n++] = t;
    refresh(d);
    return 0;
}

/* Points the public head at the current fields (after every change). */
static void refresh(offdoc_t *d)
{
    offdoc_head_t *h = &d->head;
    h->superior = d->superior;
    h->issuer = d->issuer;
    h->symbol = d->symbol;
    h->place = d->place;
    h->summary = d->summary;
    h->to = (const char *const *)d->to.v;
    h->nto = d->to.n;
    h->cc = (const char *const *)d->cc.v;
    h->ncc = d->cc.n;
    h->archive = d->archive ? d->archive : "VT";
    h->authority = d->authority;
    h->title = d->title;
    h->signer = d->signer;
}

/* --- lifecycle --------------------------------------------------------------- */

offdoc_t *offdoc_new(offdoc_kind_t kind)
{
    if ((int)kind < OFFDOC_REPORT || kind > OFFDOC_DECISION)
        return NULL;
    offdoc_t *d = mem_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->head.kind = kind;
    d->head.date = DATE_NONE;
    refresh(d);
    return d;
}

static void block_release(offdoc_blk_t *b)
{
    for (size_t i = 0; i < b->pub.nruns; i++)
        offdoc_free_str(b->runs[i].text);
    mem_free(b->runs);
    offdoc_free_str(b->pub.label);
    offdoc_free_str(b->pub.text);
    offdoc_free_str(b->pub.subtitle);
    offdoc_table_free(b->tab);
}

static void list_free(offdoc_list_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        mem_free(l->v[i]);
    mem_free(l->v);
}

void offdoc_free(offdoc_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        block_release(&d->blocks[i]);
    mem_free(d->blocks);
    char *fields[] = {d->superior, d->issuer,    d->symbol, d->place, d->summary,
                      d->archive,  d->authority, d->title,  d->signer};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        mem_free(fields[i]);
    list_free(&d->to);
    list_free(&d->cc);
    mem_free(d);
}

/* --- header and closing ------------------------------------------------------- */

int offdoc_set_bodies(offdoc_t *d, const char *superior, const char *issuer, err_t *e)
{
    char *iss = NULL;
    int rc = offdoc_text_take(d, issuer, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_REQUIRED,
                              OFFDOC_TEXT_MAX, "cơ quan ban hành", &iss, e);
    if (!rc)
        rc = set_field(d, &d->superior, superior, OFFDOC_T_TRIM | OFFDOC_T_UPPER, OFFDOC_TEXT_MAX,
                       "cơ quan chủ quản", e);
    if (rc) {
        mem_free(iss);
        return rc;
    }
    mem_free(d->issuer);
    d->issuer = iss;
    refresh(d);
    return 0;
}

int offdoc_set_number(offdoc_t *d, int number, const char *symbol, err_t *e)
{
    if (number < 0 || number > OFFDOC_NUMBER_MAX)
        return err_set(e, ERR_RANGE, "offdoc.number", "Số văn bản %d ngoài phạm vi 0..%d",
                       "Document number %d is outside 0..%d", number, OFFDOC_NUMBER_MAX);
    if (symbol && (strchr(symbol, ' ') || strchr(symbol, '\t')))
        return offdoc_text_error(e, "ký hiệu", "có khoảng trắng / contains spaces");
    int rc = set_field(d, &d->symbol, symbol, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_LINE,
                       OFFDOC_SYMBOL_MAX, "ký hiệu", e);
    if (!rc)
        d->head.number = number;
    return rc;
}

int offdoc_set_place_date(offdoc_t *d, const char *place, date_t date, int year, err_t *e)
{
    int y = 0, m, dd;
    if (date != DATE_NONE)
        date_to_ymd(date, &y, &m, &dd);
    if ((date != DATE_NONE && (y < 1000 || y > 9999)) || year < 0 || year > 9999)
        return err_set(e, ERR_RANGE, "offdoc.number", "Ngày hoặc năm không hợp lệ",
                       "Invalid date or year");
    int rc = set_field(d, &d->place, place, OFFDOC_T_TRIM | OFFDOC_T_LINE, OFFDOC_PLACE_MAX,
                       "địa danh", e);
    if (!rc) {
        d->head.date = date;
        d->head.year = date != DATE_NONE ? y : year;
    }
    return rc;
}

int offdoc_set_summary(offdoc_t *d, const char *summary, err_t *e)
{
    const char *s = summary;
    if (s && d->head.kind == OFFDOC_LETTER) {
        while (*s == ' ')
            s++;
        if ((s[0] == 'V' || s[0] == 'v') && s[1] == '/' && (s[2] == 'v' || s[2] == 'V'))
            s += 3;
    }
    return set_field(d, &d->summary, s, OFFDOC_T_TRIM, OFFDOC_TEXT_MAX, "trích yếu", e);
}

int offdoc_add_recipient(offdoc_t *d, const char *to, err_t *e)
{
    return list_add(d, &d->to, to, "kính gửi", e);
}

int offdoc_add_cc(offdoc_t *d, const char *recipient, err_t *e)
{
    return list_add(d, &d->cc, recipient, "nơi nhận", e);
}

int offdoc_set_archive(offdoc_t *d, const char *units, err_t *e)
{
    int rc = set_field(d, &d->archive, units, OFFDOC_T_TRIM | OFFDOC_T_LINE, OFFDOC_TEXT_MAX,
                       "nơi lưu", e);
    if (!rc && d->archive)
        offdoc_text_strip_list(d->archive);
    return rc;
}

int offdoc_set_signer(offdoc_t *d, const char *authority, const char *title, const char *name,
                      err_t *e)
{
    char *a = NULL, *t = NULL, *n = NULL;
    int rc = offdoc_text_take(d, authority, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_NULLABLE,
                              OFFDOC_TEXT_MAX, "thẩm quyền ký", &a, e);
    if (!rc)
        rc = offdoc_text_take(d, title, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_NULLABLE,
                              OFFDOC_TEXT_MAX, "chức vụ", &t, e);
    if (!rc)
        rc = offdoc_text_take(d, name, OFFDOC_T_TRIM | OFFDOC_T_NULLABLE, OFFDOC_TEXT_MAX,
                              "người ký", &n, e);
    if (rc) {
        mem_free(a);
        mem_free(t);
        return rc;
    }
    mem_free(d->authority);
    mem_free(d->title);
    mem_free(d->signer);
    d->authority = a;
    d->title = t;
    d->signer = n;
    refresh(d);
    return 0;
}

/* --- blocks -------------------------------------------------------------------- */

static offdoc_blk_t *last_block(offdoc_t *d)
{
    return d->n ? &d->blocks[d->n - 1] : NULL;
}

int offdoc_state_error(err_t *e, const char *vi, const char *en)
{
    return err_set(e, ERR_INVALID, "offdoc.state", "%s%.0s", "%.0s%s", vi, en);
}

/* Appends a zeroed block of kind; *out points at it. */
static int push_block(offdoc_t *d, int kind, offdoc_blk_t **out, err_t *e)
{
    if (MEM_GROW(d->blocks, d->cap, d->n + 1))
        return err_nomem(e);
    offdoc_blk_t *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->pub.kind = kind;
    *out = b;
    return 0;
}

static int add_run_to(offdoc_t *d, offdoc_blk_t *b, const char *text, unsigned style, err_t *e)
{
    char *t = NULL;
    int rc = offdoc_text_take(d, text, 0, OFFDOC_TEXT_MAX, "đoạn văn", &t, e);
    if (rc)
        return rc;
    if (MEM_GROW(b->runs, b->rcap, b->pub.nruns + 1)) {
        mem_free(t);
        return err_nomem(e);
    }
    b->runs[b->pub.nruns++] = (offdoc_run_t){t, style & (OFFDOC_BOLD | OFFDOC_ITALIC)};
    b->pub.runs = b->runs;
    return 0;
}

static int add_text_block(offdoc_t *d, int kind, const char *text, unsigned style, err_t *e)
{
    offdoc_blk_t *b = NULL;
    int rc = push_block(d, kind, &b, e);
    if (!rc && text && text[0])
        rc = add_run_to(d, b, text, style, e);
    if (rc && b) {
        block_release(b);
        d->n--;
        return rc;
    }
    if (!rc)
        b->pub.align = OFFDOC_ALIGN_JUSTIFY;
    return rc;
}

int offdoc_add_para(offdoc_t *d, const char *text, unsigned style, err_t *e)
{
    return add_text_block(d, OFFDOC_B_PARA, text, style, e);
}

int offdoc_add_dash(offdoc_t *d, const char *text, unsigned style, err_t *e)
{
    return add_text_block(d, OFFDOC_B_DASH, text, style, e);
}

int offdoc_add_run(offdoc_t *d, const char *text, unsigned style, err_t *e)
{
    offdoc_blk_t *b = last_block(d);
    if (!b || (b->pub.kind != OFFDOC_B_PARA && b->pub.kind != OFFDOC_B_DASH))
        return offdoc_state_error(e, "Chưa có đoạn văn để thêm nội dung",
                                  "There is no paragraph to add a run to");
    return add_run_to(d, b, text, style, e);
}

int offdoc_set_align(offdoc_t *d, offdoc_align_t align, err_t *e)
{
    offdoc_blk_t *b = last_block(d);
    if (!b || (b->pub.kind != OFFDOC_B_PARA && b->pub.kind != OFFDOC_B_DASH))
        return offdoc_state_error(e, "Chưa có đoạn văn để căn lề",
                                  "There is no paragraph to align");
    if ((int)align < OFFDOC_ALIGN_AUTO || align > OFFDOC_ALIGN_JUSTIFY)
        return offdoc_state_error(e, "Kiểu căn lề không hợp lệ", "Invalid alignment");
    b->pub.align = align == OFFDOC_ALIGN_AUTO ? OFFDOC_ALIGN_JUSTIFY : (int)align;
    return 0;
}

/* The Vietnamese alphabet used for points: a) b) c) d) đ) e) g) … */
static const char *const vi_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                         "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

static void auto_label(offdoc_t *d, int level, char out[32])
{
    char r[24];
    if (level == 1) {
        d->part++;
        d->section = d->sub = 0;
        numfmt_roman(d->part, r, sizeof r);
        snprintf(out, 32, "%s.", r);
    } else if (level == 2) {
        d->section++;
        d->sub = 0;
        snprintf(out, 32, "%d.", d->section);
    } else {
        d->sub++;
        if (d->sub <= (int)(sizeof vi_letters / sizeof vi_letters[0]))
            snprintf(out, 32, "%s)", vi_letters[d->sub - 1]);
        else
            snprintf(out, 32, "%d)", d->sub);
    }
}

int offdoc_add_heading(offdoc_t *d, int level, const char *label, const char *text, err_t *e)
{
    if (level < 1 || level > 3)
        return offdoc_state_error(e, "Cấp đề mục phải từ 1 đến 3", "Heading level must be 1..3");
    if (!label && level == 3 && d->section == 0)
        return offdoc_state_error(e, "Đề mục a), b) phải nằm trong một mục 1., 2.",
                                  "A sub-heading a), b) needs a section 1., 2. above it");
    if (!label && level == 1 && d->part >= 3999)
        return offdoc_state_error(e, "Quá nhiều phần", "Too many parts");
    char *t = NULL, *l = NULL;
    int rc = offdoc_text_take(d, text,
                              OFFDOC_T_TRIM | OFFDOC_T_REQUIRED | (level == 1 ? OFFDOC_T_UPPER : 0),
                              OFFDOC_TEXT_MAX, "đề mục", &t, e);
    if (!rc && label)
        rc = offdoc_text_take(d, label, OFFDOC_T_TRIM | OFFDOC_T_LINE, 64, "số đề mục", &l, e);
    offdoc_blk_t *b = NULL;
    if (!rc)
        rc = push_block(d, OFFDOC_B_HEADING, &b, e);
    if (rc) {
        mem_free(t);
        mem_free(l);
        return rc;
    }
    if (!label) {
        char buf[32];
        auto_label(d, level, buf);
        l = mem_strdup(buf);
    } else if (level == 1) { /* explicit labels still reset the numbering below */
        d->section = d->sub = 0;
    } else if (level == 2) {
        d->sub = 0;
    }
    b->pub.level = level;
    b->pub.text = t;
    b->pub.label = l;
    if (!l) {
        block_release(b);
        d->n--;
        return err_nomem(e);
    }
    return 0;
}

/* --- tables ------------------------------------------------------------------ */

/* The table of the last block, or NULL with "offdoc.state". */
static offdoc_tab_t *last_table(offdoc_t *d, err_t *e)
{
    offdoc_blk_t *b = last_block(d);
    if (!b || b->pub.kind != OFFDOC_B_TABLE) {
        offdoc_state_error(e, "Chưa có bảng (khối cuối cùng không phải bảng)",
                           "There is no table (the last block is not a table)");
        return NULL;
    }
    return b->tab;
}

int offdoc_add_table(offdoc_t *d, size_t ncols, const double *widths, err_t *e)
{
    offdoc_tab_t *t = NULL;
    offdoc_blk_t *b = NULL;
    int rc = offdoc_table_new(ncols, widths, &t, e);
    if (rc)
        return rc;
    rc = push_block(d, OFFDOC_B_TABLE, &b, e);
    if (rc) {
        offdoc_table_free(t);
        return rc;
    }
    b->tab = t;
    b->pub.tab = &t->pub;
    return 0;
}

int offdoc_set_sheet(offdoc_t *d, const char *name, err_t *e)
{
    offdoc_tab_t *t = last_table(d, e);
    char *s = NULL;
    int rc = t ? offdoc_text_take(d, name, OFFDOC_T_TRIM | OFFDOC_T_LINE | OFFDOC_T_REQUIRED, 1024,
                                  "tên trang tính", &s, e)
               : ERR_INVALID;
    if (rc)
        return rc;
    mem_free(t->sheet);
    t->sheet = s;
    t->pub.sheet = s;
    return 0;
}

int offdoc_add_row(offdoc_t *d, unsigned flags, err_t *e)
{
    offdoc_tab_t *t = last_table(d, e);
    return t ? offdoc_table_row(t, flags, e) : ERR_INVALID;
}

int offdoc_add_cell(offdoc_t *d, const offdoc_cell_spec_t *spec, err_t *e)
{
    offdoc_tab_t *t = last_table(d, e);
    return t ? offdoc_table_cell(d, t, spec, e) : ERR_INVALID;
}

int offdoc_cell_text(offdoc_t *d, const char *text, err_t *e)
{
    offdoc_cell_spec_t s = {.kind = OFFDOC_C_TEXT, .text = text};
    return offdoc_add_cell(d, &s, e);
}

int offdoc_cell_int(offdoc_t *d, int64_t v, err_t *e)
{
    offdoc_cell_spec_t s = {.kind = OFFDOC_C_INT, .ivalue = v};
    return offdoc_add_cell(d, &s, e);
}

int offdoc_cell_dec(offdoc_t *d, double v, int decimals, err_t *e)
{
    offdoc_cell_spec_t s = {.kind = OFFDOC_C_DEC, .value = v, .decimals = decimals};
    return offdoc_add_cell(d, &s, e);
}

int offdoc_cell_pct(offdoc_t *d, double v, int decimals, err_t *e)
{
    offdoc_cell_spec_t s = {.kind = OFFDOC_C_PCT, .value = v, .decimals = decimals};
    return offdoc_add_cell(d, &s, e);
}

int offdoc_cell_empty(offdoc_t *d, err_t *e)
{
    return offdoc_cell_text(d, NULL, e);
}

/* --- page breaks and appendices ---------------------------------------------- */

int offdoc_add_page_break(offdoc_t *d, err_t *e)
{
    offdoc_blk_t *b = NULL;
    return push_block(d, OFFDOC_B_PAGEBREAK, &b, e);
}

int offdoc_add_appendix(offdoc_t *d, const char *label, const char *title, const char *subtitle,
                        err_t *e)
{
    char *l = NULL, *t = NULL, *s = NULL;
    int rc = offdoc_text_take(d, title, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_REQUIRED,
                              OFFDOC_TEXT_MAX, "tên phụ lục", &t, e);
    if (!rc)
        rc = offdoc_text_take(d, subtitle, OFFDOC_T_TRIM | OFFDOC_T_NULLABLE, OFFDOC_TEXT_MAX,
                              "phụ đề phụ lục", &s, e);
    if (!rc && label)
        rc = offdoc_text_take(d, label, OFFDOC_T_TRIM | OFFDOC_T_UPPER | OFFDOC_T_LINE, 64,
                              "số phụ lục", &l, e);
    if (!rc && !label) {
        char r[24], buf[48];
        int rr = numfmt_roman(d->appendix + 1, r, sizeof r);
        snprintf(buf, sizeof buf, "PHỤ LỤC %s", rr ? "" : r);
        l = mem_strdup(buf);
        rc = l ? 0 : err_nomem(e);
    }
    offdoc_blk_t *b = NULL;
    if (!rc)
        rc = push_block(d, OFFDOC_B_APPENDIX, &b, e);
    if (rc) {
        mem_free(l);
        mem_free(t);
        mem_free(s);
        return rc;
    }
    if (l && !l[0]) {
        mem_free(l);
        l = mem_strdup("PHỤ LỤC");
    }
    b->pub.label = l;
    b->pub.text = t;
    b->pub.subtitle = s;
    if (!l) {
        block_release(b);
        d->n--;
        return err_nomem(e);
    }
    if (!d->appendix)
        d->closing_at = d->n - 1;
    d->appendix++;
    d->part = d->section = d->sub = 0;
    return 0;
}

/* --- reading ----------------------------------------------------------------- */

size_t offdoc_count(const offdoc_t *d)
{
    return d ? d->n : 0;
}

const offdoc_block_t *offdoc_block(const offdoc_t *d, size_t i)
{
    return d && i < d->n ? &d->blocks[i].pub : NULL;
}

size_t offdoc_closing_at(const offdoc_t *d)
{
    return d->appendix ? d->closing_at : d->n;
}

const offdoc_head_t *offdoc_head(const offdoc_t *d)
{
    return &d->head;
}

int offdoc_check(const offdoc_t *d, err_t *e)
{
    if (!d->issuer)
        return err_set(e, ERR_INVALID, "offdoc.incomplete", "Văn bản chưa có cơ quan ban hành",
                       "The document has no issuing body");
    if (!d->summary && d->head.kind != OFFDOC_LETTER)
        return err_set(e, ERR_INVALID, "offdoc.incomplete", "Văn bản chưa có trích yếu",
                       "The document has no summary line");
    return 0;
}

const char *offdoc_kind_title(offdoc_kind_t kind)
{
    switch (kind) {
    case OFFDOC_REPORT:
        return "BÁO CÁO";
    case OFFDOC_PLAN:
        return "KẾ HOẠCH";
    case OFFDOC_DECISION:
        return "QUYẾT ĐỊNH";
    default:
        return "";
    }
}

void offdoc_number_line(const offdoc_t *d, char out[OFFDOC_LINE_MAX])
{
    numfmt_docnum(d->head.number, d->symbol, out, OFFDOC_LINE_MAX);
}

void offdoc_date_line(const offdoc_t *d, char out[OFFDOC_LINE_MAX])
{
    char date[NUMFMT_DATE_MAX];
    if (d->head.date != DATE_NONE)
        numfmt_date_nd30(d->head.date, date, sizeof date);
    else if (d->head.year)
        numfmt_date_nd30_year(d->head.year, date, sizeof date);
    else
        numfmt_date_nd30(DATE_NONE, date, sizeof date);
    if (d->place && d->place[0])
        snprintf(out, OFFDOC_LINE_MAX, "%s, %s", d->place, date);
    else
        snprintf(out, OFFDOC_LINE_MAX, "%s", date);
}
