/* par_framework_xlsx.c - PAR frameworks from published Excel tables
 * (par_framework_xlsx.h). */
#include "io/par_framework_xlsx.h"

#include "base/mem.h"
#include "base/text.h"
#include "io/xlsx_read.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

enum { C_STT = 0, C_NAME, C_MAX, C_HOW, C_EV, C_SRC, C_NCOLS };

#define XROWS_MAX  5000
#define LEVELS_MAX 16
#define BANDS_MAX  16
#define TITLE_MAX  1024

typedef struct xrow {
    long line;
    char *cell[C_NCOLS]; /* owned; "" when empty */
    char code[PAR_CODE_MAX + 1];
    int kind;     /* 0 criterion, 1 bonus, 2 penalty: only on top-level rows */
    int level_of; /* STT-less row: index of the row it is a level of; -1 otherwise */
    bool survey;  /* under a "điều tra xã hội học" row */
} xrow_t;

typedef struct xread {
    xrow_t *rows;
    size_t n, cap;
    int col[C_NCOLS];
    char title[TITLE_MAX];
    char sheet[128];
    bool relative; /* numbers restart inside each area */
} xread_t;

static void xread_release(xread_t *x)
{
    for (size_t i = 0; i < x->n; i++)
        for (int c = 0; c < C_NCOLS; c++)
            mem_free(x->rows[i].cell[c]);
    mem_free(x->rows);
}

/* The accent- and case-free key of a cell text (caller mem_free). */
static char *key_of(const char *s)
{
    int rc = 0;
    return text_key(s, strlen(s), &rc);
}

static bool key_has(const char *s, const char *needle)
{
    char *k = key_of(s);
    bool hit = k && strstr(k, needle);
    mem_free(k);
    return hit;
}

/* ---- reading the sheet --------------------------------------------------- */

static bool header_row(const xlsx_row_t *r, int *col)
{
    static const char *const keys[C_NCOLS] = {
        "stt", "tieu chi", "diem toi da", "cach cham", "tai lieu kiem chung", "nguon"};
    for (int c = 0; c < C_NCOLS; c++)
        col[c] = -1;
    for (size_t i = 0; i < r->ncells; i++) {
        char *k = key_of(r->cells[i].text);
        for (int c = 0; k && c < C_NCOLS; c++)
            if (col[c] < 0 && (c == C_STT ? strcmp(k, "stt") == 0 : strstr(k, keys[c]) != NULL))
                col[c] = (int)r->cells[i].col;
        mem_free(k);
    }
    return col[C_STT] >= 0 && col[C_NAME] >= 0 && col[C_MAX] >= 0;
}

static void add_title(xread_t *x, const xlsx_row_t *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const char *t = r->cells[i].text;
        size_t n = strlen(x->title);
        if (t[0] && n + strlen(t) + 2 < sizeof x->title)
            snprintf(x->title + n, sizeof x->title - n, "%s%s", n ? " " : "", t);
    }
}

static int keep_row(xread_t *x, const xlsx_row_t *r, err_t *e)
{
    xrow_t w;
    memset(&w, 0, sizeof w);
    w.line = (long)r->index + 1;
    w.level_of = -1;
    bool any = false;
    for (int c = 0; c < C_NCOLS; c++) {
        const xlsx_cell_t *cell =
            x->col[c] >= 0 ? xlsx_read_sheet_cell(r, (size_t)x->col[c]) : NULL;
        int rc = 0;
        w.cell[c] = text_nfc(cell ? cell->text : "", cell ? cell->len : 0, &rc);
        if (!w.cell[c]) {
            for (int k = 0; k < c; k++)
                mem_free(w.cell[k]);
            return rc == ERR_NOMEM
                       ? err_nomem(e)
                       : err_set(e, ERR_INVALID, "par.xlsx_text", "Dòng %ld: văn bản không hợp lệ",
                                 "Row %ld: invalid text", w.line);
        }
        any |= w.cell[c][0] != '\0';
    }
    if (!any || x->n >= XROWS_MAX || MEM_GROW(x->rows, x->cap, x->n + 1)) {
        bool nomem = any && x->n < XROWS_MAX;
        for (int c = 0; c < C_NCOLS; c++)
            mem_free(w.cell[c]);
        if (nomem)
            return err_nomem(e);
        return any ? err_set(e, ERR_TOOLARGE, "par.too_many", "Bảng có quá %d dòng",
                             "The table has more than %d rows", XROWS_MAX)
                   : 0;
    }
    x->rows[x->n++] = w;
    return 0;
}

static int read_sheet(xlsx_t *wb, xread_t *x, err_t *e)
{
    xlsx_sheet_t *sh = NULL;
    int rc = xlsx_read_sheet_open(wb, 0, &sh, e);
    bool header = false;
    snprintf(x->sheet, sizeof x->sheet, "%s",
             xlsx_read_sheet_name(wb, 0) ? xlsx_read_sheet_name(wb, 0) : "");
    while (!rc) {
        const xlsx_row_t *r = NULL;
        rc = xlsx_read_sheet_next(sh, &r, e);
        if (rc <= 0)
            break;
        rc = 0;
        if (!header) {
            header = header_row(r, x->col);
            if (!header)
                add_title(x, r);
        } else {
            rc = keep_row(x, r, e);
        }
    }
    xlsx_read_sheet_close(sh);
    if (!rc && !header)
        rc = err_set(e, ERR_INVALID, "par.xlsx_header",
                     "Không thấy dòng tiêu đề (STT | Lĩnh vực/Tiêu chí | Điểm tối đa …)",
                     "No header row found (STT | Criterion | Điểm tối đa …)");
    return rc;
}

/* ---- codes --------------------------------------------------------------- */

static int roman(const char *s)
{
    static const char *const r[] = {"I",    "II", "III", "IV", "V",   "VI",   "VII",
                                    "VIII", "IX", "X",   "XI", "XII", "XIII", "XIV"};
    char t[8];
    size_t n = 0;
    for (; *s && n < sizeof t - 1; s++)
        if (*s != '.' && *s != ' ')
            t[n++] = *s;
    t[n] = '\0';
    for (int i = 0; i < 14; i++)
        if (strcmp(t, r[i]) == 0)
            return i + 1;
    return 0;
}

/* "1", "1.2", "1.2.3." -> a dotted number without the trailing dot. */
static bool dotted(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    if (!n || n >= cap || !isdigit((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) &&
            !(s[i] == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1])))
            return false;
    memcpy(out, s, n);
    out[n] = '\0';
    return true;
}

/* Whether the numbers restart inside each area: a bare number under a
 * Roman area (the area itself is written in Roman numerals), or a number
 * of area k whose first segment is not k. */
static void numbering(xread_t *x)
{
    int area = 0;
    char num[PAR_CODE_MAX + 1];
    for (size_t i = 0; i < x->n && !x->relative; i++) {
        const char *stt = x->rows[i].cell[C_STT];
        int r = roman(stt);
        if (r) {
            area = r;
            continue;
        }
        if (!area || !dotted(stt, num, sizeof num))
            continue;
        x->relative = !strchr(num, '.') || strtol(num, NULL, 10) != area;
    }
}

static int part_kind(const char *name)
{
    if (key_has(name, "diem thuong"))
        return 1;
    if (key_has(name, "diem tru"))
        return 2;
    return 0;
}

/* Whether code lies at or under prefix. */
static bool under(const char *code, const char *prefix)
{
    size_t n = strlen(prefix);
    return n && strncmp(code, prefix, n) == 0 && (code[n] == '\0' || code[n] == '.');
}

/* "top.num" clipped to a code's size (validation reports a too long one). */
static void join(char out[PAR_CODE_MAX + 1], const char *top, const char *num)
{
    char t[2 * PAR_CODE_MAX + 4];
    snprintf(t, sizeof t, "%s.%s", top, num);
    snprintf(out, PAR_CODE_MAX + 1, "%.*s", PAR_CODE_MAX, t);
}

/* Gives every row its code (or makes it a level of the row above). */
static void assign_codes(xread_t *x)
{
    char top[PAR_CODE_MAX + 1] = "", survey[PAR_CODE_MAX + 1] = "";
    int last_scored = -1;
    numbering(x);
    for (size_t i = 0; i < x->n; i++) {
        xrow_t *w = &x->rows[i];
        const char *stt = w->cell[C_STT];
        char num[PAR_CODE_MAX + 1];
        int r = roman(stt), part = part_kind(w->cell[C_NAME]);
        if (r || (part && (!stt[0] || !dotted(stt, num, sizeof num)))) {
            w->kind = part;
            if (part)
                snprintf(w->code, sizeof w->code, "%s", part == 1 ? "T" : "TR");
            else
                snprintf(w->code, sizeof w->code, "%d", r);
            snprintf(top, sizeof top, "%s", w->code);
        } else if (!stt[0]) {
            w->level_of = last_scored; /* a level of the scored row above */
            continue;
        } else if (dotted(stt, num, sizeof num) && (x->relative || !isdigit((unsigned char)top[0])))
            join(w->code, top, num);
        else if (dotted(stt, num, sizeof num))
            snprintf(w->code, sizeof w->code, "%s", num);
        else
            snprintf(w->code, sizeof w->code, "%s", stt); /* reported by validation */
        if (key_has(w->cell[C_NAME], "dieu tra xa hoi hoc"))
            snprintf(survey, sizeof survey, "%s", w->code);
        w->survey = under(w->code, survey);
        last_scored = (int)i;
    }
}

/* ---- numbers and scoring rules ------------------------------------------- */

/* A decimal ("0,5", "1.25", "2") into milli units. */
static bool milli_of(const char *s, int64_t *out)
{
    char t[64];
    size_t n = 0;
    for (; *s && n < sizeof t - 1; s++)
        if (*s != ' ')
            t[n++] = *s == ',' ? '.' : *s;
    t[n] = '\0';
    char *end = NULL;
    double v = strtod(t, &end);
    return n && end && !*end && par_framework_milli(v, out) == 0;
}

/* The number just before "điểm" in a line (points), or before '%'. */
static bool number_before(const char *line, const char *mark, int64_t *out)
{
    const char *m = strstr(line, mark);
    if (!m)
        return false;
    const char *p = m;
    while (p > line && p[-1] == ' ')
        p--;
    const char *q = p;
    while (q > line && (isdigit((unsigned char)q[-1]) || q[-1] == ',' || q[-1] == '.'))
        q--;
    char num[32];
    size_t n = (size_t)(p - q);
    if (!n || n >= sizeof num)
        return false;
    memcpy(num, q, n);
    num[n] = '\0';
    return milli_of(num, out);
}

typedef struct rule {
    par_level_t lv[LEVELS_MAX];
    char labels[LEVELS_MAX][256];
    size_t nlv;
    par_band_t bd[BANDS_MAX];
    size_t nbd;
    bool yesno, other;
} rule_t;

static bool band_line(const char *line, const char *k, int64_t pts, rule_t *r)
{
    int64_t a = 0, b = 0;
    if (!strchr(line, '%') || !number_before(line, "%", &a) || r->nbd >= BANDS_MAX)
        return false;
    par_band_t bd = {.lo = a, .lo_kind = PAR_BOUND_INCL, .points = pts};
    const char *second = strchr(strchr(line, '%') + 1, '%');
    if (strncmp(k, "duoi", 4) == 0 || line[0] == '<') {
        bd.lo = 0;
        bd.hi = a;
        bd.hi_kind = PAR_BOUND_EXCL;
    } else if (second && number_before(strchr(line, '%') + 1, "%", &b)) {
        bd.hi = b;
        bd.hi_kind = strstr(k, "duoi") ? PAR_BOUND_EXCL : PAR_BOUND_INCL;
    } else if (strncmp(k, "tren", 4) == 0 || line[0] == '>') {
        bd.lo_kind = strncmp(line, ">=", 2) == 0 || strncmp(line, "≥", 3) == 0 ? PAR_BOUND_INCL
                                                                               : PAR_BOUND_EXCL;
    }
    r->bd[r->nbd++] = bd;
    return true;
}

static void level_line(const char *line, int64_t pts, rule_t *r)
{
    if (r->nlv >= LEVELS_MAX) {
        r->other = true;
        return;
    }
    const char *colon = strrchr(line, ':');
    size_t n = colon ? (size_t)(colon - line) : strlen(line);
    if (n >= sizeof r->labels[0])
        n = sizeof r->labels[0] - 1;
    memcpy(r->labels[r->nlv], line, n);
    r->labels[r->nlv][n] = '\0';
    r->lv[r->nlv] = (par_level_t){.label = r->labels[r->nlv], .points = pts};
    r->nlv++;
}

static void rule_line(char *line, rule_t *r)
{
    while (*line == ' ' || *line == '-' || *line == '+')
        line++;
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '.' || line[n - 1] == ';'))
        line[--n] = '\0';
    if (!n)
        return;
    char *k = key_of(line);
    int64_t pts = 0;
    if (k && (strcmp(k, "co khong") == 0 || strcmp(k, "co hoac khong") == 0))
        r->yesno = true;
    else if (!number_before(line, "điểm", &pts) && !number_before(line, "đ", &pts))
        r->other = true;
    else if (!band_line(line, k ? k : "", pts, r))
        level_line(line, pts, r);
    mem_free(k);
}

/* Reads "Cách chấm": lines split on line feeds and ';'. */
static void parse_rule(const char *text, rule_t *r)
{
    memset(r, 0, sizeof *r);
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *p = buf; p && *p;) {
        char *end = strpbrk(p, "\n;");
        if (end)
            *end++ = '\0';
        rule_line(p, r);
        p = end;
    }
}

/* ---- building ------------------------------------------------------------ */

static bool has_children(const xread_t *x, size_t i)
{
    const char *code = x->rows[i].code;
    for (size_t j = i + 1; j < x->n; j++)
        if (x->rows[j].code[0] && under(x->rows[j].code, code) && strcmp(x->rows[j].code, code))
            return true;
    return false;
}

static int band_cmp(const void *a, const void *b)
{
    const par_band_t *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo > y->lo ? -1 : 1;
    return (int)y->lo_kind - (int)x->lo_kind; /* "above X" before "from X" */
}

/* The method of leaf row i: its level rows, else its "Cách chấm" text. */
static void leaf_method(xread_t *x, size_t i, par_node_spec_t *sp, rule_t *r)
{
    memset(r, 0, sizeof *r);
    for (size_t j = i + 1; j < x->n && x->rows[j].level_of == (int)i; j++) {
        int64_t pts = 0;
        if (r->nlv < LEVELS_MAX && milli_of(x->rows[j].cell[C_MAX], &pts)) {
            snprintf(r->labels[r->nlv], sizeof r->labels[0], "%s", x->rows[j].cell[C_NAME]);
            r->lv[r->nlv] = (par_level_t){.label = r->labels[r->nlv], .points = pts};
            r->nlv++;
        }
    }
    if (!r->nlv)
        parse_rule(x->rows[i].cell[C_HOW], r);
    if (r->nlv && !r->nbd && !r->other) {
        sp->method = "levels";
        sp->levels = r->lv;
        sp->nlevels = r->nlv;
    } else if (r->nbd && !r->nlv && !r->other) {
        qsort(r->bd, r->nbd, sizeof r->bd[0], band_cmp);
        sp->method = "bands";
        sp->bands = r->bd;
        sp->nbands = r->nbd;
    } else if (r->yesno && !r->nlv && !r->nbd) {
        sp->method = "yesno";
    } else {
        sp->method = "manual";
        if (x->rows[i].cell[C_HOW][0])
            sp->note = x->rows[i].cell[C_HOW];
    }
}

static int add_row(xread_t *x, size_t i, par_framework_t *fw, par_problems_t *probs, err_t *e)
{
    xrow_t *w = &x->rows[i];
    par_node_spec_t sp;
    rule_t r;
    par_framework_spec_init(&sp);
    sp.code = w->code;
    sp.name = w->cell[C_NAME];
    sp.kind = w->kind == 1 ? "bonus" : w->kind == 2 ? "penalty" : NULL;
    sp.evidence = w->cell[C_EV][0] ? w->cell[C_EV] : NULL;
    int rc = 0;
    if (!milli_of(w->cell[C_MAX], &sp.max)) {
        sp.max = w->cell[C_MAX][0] ? PAR_INVALID : PAR_NONE;
        if (w->cell[C_MAX][0]) {
            char field[PAR_FIELD_MAX];
            snprintf(field, sizeof field, "dòng %ld: max", w->line);
            rc = par_framework_problem(
                probs, w->code, field, "par.type",
                "Điểm tối đa '%s' không phải là số (tối đa 3 chữ số thập phân)",
                "Maximum '%s' is not a number (at most 3 decimals)", w->cell[C_MAX]);
        }
    }
    if (!has_children(x, i)) {
        leaf_method(x, i, &sp, &r);
        const char *src = w->cell[C_SRC];
        if (src[0])
            sp.source = key_has(src, "dieu tra") ? "survey" : src;
        else if (w->survey)
            sp.source = "survey";
    }
    return rc ? err_nomem(e) : par_framework_add(fw, &sp, e);
}

/* Header fields from the title: name, year (20xx), unit kind. */
static int set_info(const xread_t *x, par_framework_t *fw, err_t *e)
{
    par_framework_info_t info = {.name = x->title[0] ? x->title : x->sheet, .max = PAR_NONE};
    for (const char *p = x->title; *p && !info.year; p++)
        if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) &&
            isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]))
            info.year = (int)strtol(p, NULL, 10);
    if (key_has(x->title, "so ban nganh") || key_has(x->title, "cac so"))
        info.unit_kind = "so";
    else if (key_has(x->title, "huyen"))
        info.unit_kind = "huyen";
    else if (key_has(x->title, "xa") || key_has(x->title, "phuong"))
        info.unit_kind = "xa";
    return par_framework_set_info(fw, &info, e);
}

/* Copies src into dst[cap] cut on a code point boundary. */
static void clip(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Problems about a node name its row: "dòng 12: max". */
static void name_rows(const xread_t *x, par_problems_t *probs, size_t from)
{
    for (size_t k = from; k < probs->n; k++) {
        par_problem_t *p = &probs->v[k];
        for (size_t i = 0; p->node[0] && i < x->n; i++) {
            if (strcmp(x->rows[i].code, p->node) || strncmp(p->field, "dòng ", 6) == 0)
                continue;
            char f[2 * PAR_FIELD_MAX];
            snprintf(f, sizeof f, "dòng %ld: %s", x->rows[i].line, p->field);
            clip(p->field, sizeof p->field, f);
            break;
        }
    }
}

static int build(xread_t *x, const char *file, par_framework_t **out, par_problems_t *probs,
                 err_t *e)
{
    par_framework_t *fw = par_framework_new();
    int rc = fw ? set_info(x, fw, e) : err_nomem(e);
    size_t from = probs->n;
    assign_codes(x);
    for (size_t i = 0; !rc && i < x->n; i++)
        if (x->rows[i].code[0])
            rc = add_row(x, i, fw, probs, e);
    if (!rc) {
        rc = par_framework_validate(fw, probs, e);
        name_rows(x, probs, from);
        if (rc == ERR_INVALID)
            err_set(e, ERR_INVALID, "par.framework_invalid", "%s: %zu lỗi", "%s: %zu problems",
                    file ? file : "xlsx", probs->n + probs->dropped);
    }
    if (rc) {
        par_framework_free(fw);
        return rc;
    }
    *out = fw;
    return 0;
}

int par_framework_xlsx_read(const void *data, size_t n, const char *file, par_framework_t **out,
                            par_problems_t *probs, err_t *e)
{
    par_problems_t local;
    par_framework_problems_init(&local);
    *out = NULL;
    xread_t x;
    memset(&x, 0, sizeof x);
    xlsx_t *wb = NULL;
    int rc = xlsx_read_open_buffer(data, n, NULL, &wb, e);
    if (!rc)
        rc = read_sheet(wb, &x, e);
    xlsx_read_close(wb);
    if (!rc)
        rc = build(&x, file, out, probs ? probs : &local, e);
    xread_release(&x);
    par_framework_problems_release(&local);
    return rc;
}
