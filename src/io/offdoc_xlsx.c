/* offdoc_xlsx.c - document tables as Excel sheets (offdoc_xlsx.h).
 *
 * constant_memory mode writes each row when the next one starts, so cells
 * are written strictly row by row. A merged area is registered
 * (worksheet_merge_range) at the end of its LAST row: the library then
 * records the merge and pads the current row with formatted blanks, while
 * its writes to earlier, already flushed rows are ignored - the value
 * written earlier in the top-left cell stays. */
#include "io/offdoc_xlsx.h"

#include "base/mem.h"
#include "base/text.h"
#include "io/outfile.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "base/banned.h"

#define NAME_UNITS   31    /* Excel's sheet name limit, in UTF-16 code units */
#define CELL_MAX     32767 /* Excel's cell text limit (characters; bytes here, to be safe) */
#define SHEET_CHARS  110.0 /* the width of a sheet at 100 %, in characters, shared by columns */
#define MIN_COL_CHAR 4.0

typedef struct fmt_entry {
    char num[24];
    bool bold, header;
    int align;
    lxw_format *f;
} fmt_entry_t;

typedef struct merge {
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
    const offdoc_cell_t *cell;
    lxw_format *f;
} merge_t;

typedef struct xjob {
    lxw_workbook *wb;
    fmt_entry_t *fmts;
    size_t nfmts, cap;
    char **names; /* chosen sheet names, upper-cased */
    size_t nnames, ncap;
    int rc;
} xjob_t;

/* --- sheet names ---------------------------------------------------------------- */

static size_t seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void trim_name(char *s)
{
    size_t n = strlen(s), a = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\''))
        s[--n] = '\0';
    while (s[a] == ' ' || s[a] == '\'')
        a++;
    memmove(s, s + a, n - a + 1);
}

/* Copies at most `units` UTF-16 code units of s into out, replacing what
 * Excel forbids. */
static void copy_units(const char *s, size_t units, char *out, size_t cap)
{
    size_t o = 0, u = 0;
    while (*s) {
        size_t k = seq_len((unsigned char)*s), w = k == 4 ? 2 : 1;
        if (u + w > units || o + k + 1 > cap)
            break;
        if (k == 1 && strchr("[]:*?/\\", *s))
            out[o++] = '_';
        else if (k == 1 && (*s == '\n' || *s == '\r' || *s == '\t'))
            out[o++] = ' ';
        else
            for (size_t i = 0; i < k && s[i]; i++)
                out[o++] = s[i];
        u += w;
        s += k;
    }
    out[o] = '\0';
}

void offdoc_xlsx_sheet_name(const char *given, const char *fallback, char out[OFFDOC_XLSX_NAME_MAX])
{
    char tmp[OFFDOC_XLSX_NAME_MAX * 4];
    copy_units(given ? given : "", NAME_UNITS * 2, tmp, sizeof tmp); /* room for trimming */
    trim_name(tmp);
    copy_units(tmp, NAME_UNITS, out, OFFDOC_XLSX_NAME_MAX);
    trim_name(out);
    if (!out[0] || strcasecmp(out, "History") == 0)
        copy_units(fallback, NAME_UNITS, out, OFFDOC_XLSX_NAME_MAX);
}

static bool name_taken(const xjob_t *x, const char *upper)
{
    for (size_t i = 0; i < x->nnames; i++)
        if (strcmp(x->names[i], upper) == 0)
            return true;
    return false;
}

/* Makes name unique among the sheets so far and records it. */
static int unique_name(xjob_t *x, char name[OFFDOC_XLSX_NAME_MAX])
{
    char base[OFFDOC_XLSX_NAME_MAX], suffix[16];
    snprintf(base, sizeof base, "%s", name);
    if (MEM_GROW(x->names, x->ncap, x->nnames + 1))
        return ERR_NOMEM;
    for (int k = 2;; k++) {
        int rc = 0;
        char *up = text_upper(name, strlen(name), &rc);
        if (!up)
            return rc ? rc : ERR_NOMEM;
        if (!name_taken(x, up)) {
            x->names[x->nnames++] = up;
            return 0;
        }
        mem_free(up);
        int n = snprintf(suffix, sizeof suffix, " (%d)", k);
        copy_units(base, NAME_UNITS - (size_t)n, name, OFFDOC_XLSX_NAME_MAX);
        trim_name(name);
        snprintf(name + strlen(name), OFFDOC_XLSX_NAME_MAX - strlen(name), "%s", suffix);
    }
}

/* --- formats ------------------------------------------------------------------------ */

static lxw_format *format(xjob_t *x, const char *num, bool bold, bool header, int align)
{
    for (size_t i = 0; i < x->nfmts; i++) {
        const fmt_entry_t *f = &x->fmts[i];
        if (f->bold == bold && f->header == header && f->align == align && !strcmp(f->num, num))
            return f->f;
    }
    if (MEM_GROW(x->fmts, x->cap, x->nfmts + 1)) {
        x->rc = ERR_NOMEM;
        return NULL;
    }
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        x->rc = ERR_NOMEM;
        return NULL;
    }
    if (num[0])
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_align(f, align == OFFDOC_ALIGN_CENTER  ? LXW_ALIGN_CENTER
                        : align == OFFDOC_ALIGN_RIGHT ? LXW_ALIGN_RIGHT
                                                      : LXW_ALIGN_LEFT);
    format_set_text_wrap(f);
    if (header)
        format_set_bg_color(f, 0xE8EEF4);
    fmt_entry_t *ent = &x->fmts[x->nfmts++];
    snprintf(ent->num, sizeof ent->num, "%s", num);
    ent->bold = bold;
    ent->header = header;
    ent->align = align;
    ent->f = f;
    return f;
}

static lxw_format *cell_format(xjob_t *x, const offdoc_cell_t *c, bool header)
{
    char num[24] = "";
    int d = c->decimals < 0 ? 0 : c->decimals > 6 ? 6 : c->decimals;
    if (c->kind == OFFDOC_C_INT)
        snprintf(num, sizeof num, "#,##0");
    else if (c->kind == OFFDOC_C_DEC)
        snprintf(num, sizeof num, "#,##0%s%.*s", d ? "." : "", d, "000000");
    else if (c->kind == OFFDOC_C_PCT)
        snprintf(num, sizeof num, "0%s%.*s", d ? "." : "", d, "000000");
    return format(x, num, c->bold, header, c->align);
}

/* --- sheets ---------------------------------------------------------------------------- */

static void write_value(xjob_t *x, lxw_worksheet *ws, lxw_row_t r, const offdoc_cell_t *c,
                        lxw_format *f)
{
    lxw_col_t col = (lxw_col_t)c->col;
    lxw_error err;
    if (c->kind != OFFDOC_C_TEXT) {
        err = worksheet_write_number(ws, r, col, c->value, f);
    } else if (!c->text[0]) {
        err = worksheet_write_blank(ws, r, col, f);
    } else if (strlen(c->text) <= CELL_MAX) {
        err = worksheet_write_string(ws, r, col, c->text, f);
    } else {
        char *cut = text_truncate(c->text, CELL_MAX);
        err = cut ? worksheet_write_string(ws, r, col, cut, f) : LXW_ERROR_MEMORY_MALLOC_FAILED;
        mem_free(cut);
    }
    if (err && !x->rc)
        x->rc = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? ERR_NOMEM : ERR_IO;
}

static void widths(lxw_worksheet *ws, const offdoc_table_t *t)
{
    for (size_t c = 0; c < t->ncols; c++) {
        double w = t->widths[c] * SHEET_CHARS;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w < MIN_COL_CHAR ? MIN_COL_CHAR : w,
                             NULL);
    }
}

/* A header row's height: enough lines for its longest text in its width. */
static double header_height(const offdoc_table_t *t, const offdoc_row_t *row)
{
    double lines = 1;
    for (size_t i = 0; i < row->ncells; i++) {
        const offdoc_cell_t *c = &row->cells[i];
        double w = 0;
        for (int k = 0; k < c->span; k++)
            w += t->widths[c->col + k] * SHEET_CHARS;
        double need = (double)text_length(c->text, strlen(c->text)) / (w > 1 ? w : 1) + 1;
        lines = need > lines ? (double)(int)need : lines;
    }
    return 15.0 * (lines > 6 ? 6 : lines);
}

static void row_cells(xjob_t *x, lxw_worksheet *ws, const offdoc_table_t *t, size_t r,
                      merge_t *merges, size_t *nm, lxw_format **cover_f, int *cover)
{
    const offdoc_row_t *row = &t->rows[r];
    bool header = r < t->nheader;
    for (size_t c = 0; c < t->ncols; c++)
        if (cover[c] > 0) { /* under a row span from above: a formatted blank */
            worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, cover_f[c]);
            cover[c]--;
        }
    for (size_t i = 0; i < row->ncells; i++) {
        const offdoc_cell_t *c = &row->cells[i];
        lxw_format *f = cell_format(x, c, header);
        size_t rs =
            header && (size_t)c->rowspan > t->nheader - r ? t->nheader - r : (size_t)c->rowspan;
        write_value(x, ws, (lxw_row_t)r, c, f);
        for (int k = 1; k < c->span; k++)
            worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)(c->col + k), f);
        for (int k = 0; rs > 1 && k < c->span; k++) {
            cover[c->col + k] = (int)rs - 1;
            cover_f[c->col + k] = f;
        }
        if (c->span > 1 || rs > 1)
            merges[(*nm)++] = (merge_t){(lxw_row_t)r,
                                        (lxw_row_t)(r + rs - 1),
                                        (lxw_col_t)c->col,
                                        (lxw_col_t)(c->col + c->span - 1),
                                        c,
                                        f};
    }
}

/* Registers the merges ending on row r (see the file comment). */
static void close_merges(xjob_t *x, lxw_worksheet *ws, size_t r, merge_t *m, size_t *nm)
{
    size_t k = 0;
    for (size_t i = 0; i < *nm; i++) {
        if (m[i].r2 != r) {
            m[k++] = m[i];
            continue;
        }
        worksheet_merge_range(ws, m[i].r1, m[i].c1, m[i].r2, m[i].c2, "", m[i].f);
        if (m[i].r1 == r) /* the merge wrote "" over the value of this row */
            write_value(x, ws, (lxw_row_t)r, m[i].cell, m[i].f);
    }
    *nm = k;
}

static int sheet(xjob_t *x, const offdoc_table_t *t, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    merge_t *merges = mem_calloc(OFFDOC_COLS_MAX * 2, sizeof *merges);
    lxw_format *cover_f[OFFDOC_COLS_MAX] = {0};
    int cover[OFFDOC_COLS_MAX] = {0};
    size_t nm = 0;
    if (!ws || !merges) {
        mem_free(merges);
        return ws ? ERR_NOMEM : ERR_IO;
    }
    widths(ws, t);
    for (size_t r = 0; r < t->nrows && !x->rc; r++) {
        if (r < t->nheader)
            worksheet_set_row(ws, (lxw_row_t)r, header_height(t, &t->rows[r]), NULL);
        row_cells(x, ws, t, r, merges, &nm, cover_f, cover);
        close_merges(x, ws, r, merges, &nm);
    }
    if (t->nheader)
        worksheet_freeze_panes(ws, (lxw_row_t)t->nheader, 0);
    mem_free(merges);
    return x->rc;
}

/* --- workbook ---------------------------------------------------------------------------- */

/* The i-th table of the document (0-based), or NULL. */
static const offdoc_table_t *nth_table(const offdoc_t *d, size_t i, size_t *block_index)
{
    for (size_t b = 0, k = 0; b < offdoc_count(d); b++) {
        const offdoc_block_t *bl = offdoc_block(d, b);
        if (bl->kind == OFFDOC_B_TABLE && k++ == i) {
            *block_index = k;
            return bl->tab;
        }
    }
    return NULL;
}

static int check_selection(const offdoc_t *d, const size_t *sel, size_t n, err_t *e)
{
    size_t where = 0;
    if (n == 0)
        return err_set(e, ERR_INVALID, "offdoc.xlsx_select", "Văn bản không có bảng nào để xuất",
                       "The document has no table to export");
    for (size_t i = 0; i < n; i++) {
        const offdoc_table_t *t = nth_table(d, sel[i], &where);
        if (!t)
            return err_set(e, ERR_INVALID, "offdoc.xlsx_select", "Không có bảng số %zu",
                           "There is no table number %zu", sel[i] + 1);
        if (t->nrows > LXW_ROW_MAX)
            return err_set(e, ERR_TOOLARGE, "offdoc.too_large",
                           "Bảng số %zu vượt quá %d dòng của Excel",
                           "Table %zu exceeds Excel's %d rows", sel[i] + 1, LXW_ROW_MAX);
    }
    return 0;
}

static int write_book(const offdoc_t *d, const size_t *sel, size_t n, const char *tmp, err_t *e)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    xjob_t x;
    memset(&x, 0, sizeof x);
    x.wb = workbook_new_opt(tmp, &opt);
    if (!x.wb)
        return err_set(e, ERR_IO, "offdoc.xlsx_write", "Không tạo được tệp Excel",
                       "Cannot create the Excel file");
    for (size_t i = 0; i < n && !x.rc; i++) {
        size_t where = 0;
        const offdoc_table_t *t = nth_table(d, sel[i], &where);
        char fallback[32], name[OFFDOC_XLSX_NAME_MAX];
        snprintf(fallback, sizeof fallback, "Bảng %zu", where);
        offdoc_xlsx_sheet_name(t->sheet, fallback, name);
        x.rc = unique_name(&x, name);
        if (!x.rc)
            x.rc = sheet(&x, t, name);
    }
    lxw_error err = workbook_close(x.wb);
    for (size_t i = 0; i < x.nnames; i++)
        mem_free(x.names[i]);
    mem_free(x.names);
    mem_free(x.fmts);
    if (x.rc == ERR_NOMEM)
        return err_nomem(e);
    if (x.rc || err != LXW_NO_ERROR)
        return err_set(e, ERR_IO, "offdoc.xlsx_write", "Không ghi được tệp Excel: %s",
                       "Cannot write the Excel file: %s",
                       err != LXW_NO_ERROR ? lxw_strerror(err) : "libxlsxwriter");
    return 0;
}

int offdoc_xlsx_write_tables(const offdoc_t *d, const size_t *sel, size_t n, const char *path,
                             err_t *e)
{
    outfile_t of = {0};
    int rc = check_selection(d, sel, n, e);
    if (!rc)
        rc = outfile_open(&of, path, e);
    if (!rc)
        rc = write_book(d, sel, n, of.tmp, e);
    if (!rc)
        rc = outfile_commit(&of, e);
    else
        outfile_abort(&of);
    return rc;
}

int offdoc_xlsx_write(const offdoc_t *d, const char *path, err_t *e)
{
    size_t n = 0, *sel = NULL;
    for (size_t b = 0; b < offdoc_count(d); b++)
        n += offdoc_block(d, b)->kind == OFFDOC_B_TABLE;
    sel = mem_calloc(n ? n : 1, sizeof *sel);
    if (!sel)
        return err_nomem(e);
    for (size_t i = 0; i < n; i++)
        sel[i] = i;
    int rc = offdoc_xlsx_write_tables(d, sel, n, path, e);
    mem_free(sel);
    return rc;
}
