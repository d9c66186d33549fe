/* planparse_table.c - tasks from appendix tables: columns recognised from
 * the header cells in any order, section rows giving the area, wrapped rows
 * (continuation rows, cells run together) reconstructed. */
#include "domain/planparse_table_int.h"

#include "base/buf.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int planparse_table_col_role(const char *text)
{
    char *k = planparse_key(text);
    if (!k)
        return COL_NONE;
    int r = COL_NONE;
    if (!*k)
        r = COL_NONE;
    else if (strcmp(k, "stt") == 0 || strcmp(k, "tt") == 0 || planparse_starts(k, "so tt") ||
             planparse_starts(k, "so thu tu") || strcmp(k, "thu tu") == 0)
        r = COL_NO;
    else if (planparse_has(k, "phoi hop"))
        r = COL_SUPPORT;
    else if (planparse_has(k, "chu tri"))
        r = COL_LEAD;
    else if (planparse_starts(k, "co quan thuc hien") || planparse_starts(k, "don vi thuc hien") ||
             planparse_starts(k, "trach nhiem thuc hien") ||
             planparse_starts(k, "co quan don vi thuc hien"))
        r = COL_EXEC;
    else if (planparse_starts(k, "san pham") || planparse_starts(k, "ket qua") ||
             planparse_starts(k, "hinh thuc van ban") || planparse_starts(k, "hinh thuc san pham"))
        r = COL_PRODUCT;
    else if (planparse_starts(k, "thoi gian") || planparse_starts(k, "thoi han") ||
             planparse_starts(k, "tien do") || planparse_starts(k, "moc thoi gian"))
        r = COL_DEADLINE;
    else if (planparse_starts(k, "ghi chu"))
        r = COL_NOTE;
    else if (planparse_starts(k, "nhiem vu") || planparse_starts(k, "noi dung") ||
             planparse_starts(k, "ten nhiem vu") || planparse_starts(k, "cong viec") ||
             planparse_starts(k, "hoat dong") || planparse_starts(k, "ten de an") ||
             planparse_starts(k, "cac nhiem vu") || planparse_starts(k, "nhiem vu giai phap"))
        r = COL_TITLE;
    mem_free(k);
    return r;
}

/* Roles of the grid columns from one row; number of recognised cells. */
static int header_roles(const doc_row_t *row, int *roles, int ncols)
{
    int found = 0;
    for (size_t i = 0; i < row->ncells; i++) {
        const doc_cell_t *cell = &row->cells[i];
        int r = planparse_table_col_role(cell->text);
        if (r == COL_NONE)
            continue;
        found++;
        for (int k = cell->col; k < cell->col + cell->span && k < ncols && k < MAX_COLS; k++)
            if (k >= 0)
                roles[k] = r;
    }
    return found;
}

bool planparse_table_has_role(const int *roles, int n, int r)
{
    for (int i = 0; i < n; i++)
        if (roles[i] == r)
            return true;
    return false;
}

static long header_row(const doc_block_t *b, int *roles)
{
    int ncols = b->ncols < MAX_COLS ? b->ncols : MAX_COLS;
    for (size_t r = 0; r < b->nrows && r < 3; r++) {
        int tmp[MAX_COLS] = {0};
        int n = header_roles(&b->rows[r], tmp, ncols);
        if (n >= 3 && planparse_table_has_role(tmp, ncols, COL_TITLE) &&
            (planparse_table_has_role(tmp, ncols, COL_LEAD) ||
             planparse_table_has_role(tmp, ncols, COL_EXEC) ||
             planparse_table_has_role(tmp, ncols, COL_DEADLINE) ||
             planparse_table_has_role(tmp, ncols, COL_PRODUCT))) {
            if (roles)
                memcpy(roles, tmp, sizeof tmp);
            return (long)r;
        }
    }
    return -1;
}

bool planparse_table_is_tasks(const doc_block_t *b)
{
    return b->kind == DOC_TABLE && header_row(b, NULL) >= 0;
}

bool planparse_table_continues(const doc_block_t *prev, const doc_block_t *b)
{
    if (!prev || b->kind != DOC_TABLE || b->ncols != prev->ncols || b->ncols < 3)
        return false;
    char label[24];
    for (size_t r = 0; r < b->nrows && r < 3; r++)
        if (b->rows[r].ncells && planparse_table_number(b->rows[r].cells[0].text, label, 24))
            return true;
    return false;
}

/* ---- cells ------------------------------------------------------------------ */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* "1", "1.", "01", "2)", "1.2": a task number; the label without the
 * trailing punctuation goes to out. */
bool planparse_table_number(const char *s, char *out, size_t cap)
{
    while (*s == ' ')
        s++;
    size_t i = 0;
    if (!is_digit(s[0]))
        return false;
    while (is_digit(s[i]) || (s[i] == '.' && is_digit(s[i + 1])))
        i++;
    size_t l = i;
    if (s[i] == '.' || s[i] == ')')
        i++;
    while (s[i] == ' ')
        i++;
    if (s[i] != '\0' || l > 10)
        return false;
    snprintf(out, cap, "%.*s", (int)l, s);
    return true;
}

/* "II", "IV.": a section number. */
static bool is_roman(const char *s)
{
    char tmp[24];
    size_t n = strlen(s);
    while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    if (n == 0 || n > 6)
        return false;
    snprintf(tmp, sizeof tmp, "%.*s.", (int)n, s);
    planparse_marker_t m;
    planparse_marker(tmp, &m);
    return m.kind == PLANPARSE_MK_ROMAN;
}

/* "A", "B.": a letter numbering the sections of a table. */
static bool is_section_label(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    return n == 1 && s[0] >= 'A' && s[0] <= 'Z';
}

/* "(1)", "(2)", …: column numbers (the parenthesised form only, as bare
 * numbers are a task's number) in the cells of a body row. */
static bool column_numbers_cells(const char *const *cells, size_t n)
{
    size_t nums = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = cells[i];
        if (!*t)
            continue;
        size_t d = 0;
        while (t[0] == '(' && is_digit(t[1 + d]))
            d++;
        if (t[0] != '(' || d == 0 || d > 2 || strcmp(t + 1 + d, ")") != 0)
            return false;
        nums++;
    }
    return nums >= 2;
}

/* "(1)", "1", "2": the row of column numbers under a header. */
static bool column_numbers(const doc_row_t *row)
{
    size_t nums = 0;
    for (size_t i = 0; i < row->ncells; i++) {
        const char *t = row->cells[i].text;
        if (!*t)
            continue;
        if (*t == '(')
            t++;
        size_t d = 0;
        while (is_digit(t[d]))
            d++;
        if (d == 0 || d > 2 || (t[d] != '\0' && t[d] != ')'))
            return false;
        nums++;
    }
    return nums >= 2;
}

static void rowbuf_clear(planparse_rowbuf_t *rb)
{
    for (int i = 0; i < COL_COUNT; i++)
        buf_reset(&rb->f[i]);
    rb->used = false;
}

void planparse_table_rowbuf_release(planparse_rowbuf_t *rb)
{
    for (int i = 0; i < COL_COUNT; i++)
        buf_release(&rb->f[i]);
}

int planparse_table_rowbuf_add(planparse_rowbuf_t *rb, int role, const char *text)
{
    if (role <= COL_NONE || role >= COL_COUNT || !*text)
        return 0;
    int rc = rb->f[role].len ? buf_putc(&rb->f[role], '\n') : 0;
    if (!rc)
        rc = buf_puts(&rb->f[role], text);
    rb->used = true;
    return rc;
}

int planparse_table_flush(planparse_tstate_t *ts)
{
    planparse_ctx_t *c = ts->c;
    planparse_rowbuf_t *rb = &ts->cur;
    if (!rb->used)
        return 0;
    char *no = planparse_cell_text(buf_cstr(&rb->f[COL_NO]));
    char *title = planparse_cell_text(buf_cstr(&rb->f[COL_TITLE]));
    char *product = planparse_cell_text(buf_cstr(&rb->f[COL_PRODUCT]));
    char *deadline = planparse_cell_text(buf_cstr(&rb->f[COL_DEADLINE]));
    int rc = no && title && product && deadline ? 0 : ERR_NOMEM;
    planparse_task_t t = {0};
    t.pos = rb->pos;
    t.source = PLANPARSE_SRC_TABLE;
    if (!rc && !*title) {
        planparse_warn(c, rb->pos, "plan.row_without_task",
                       "Dòng bảng không có nội dung nhiệm vụ; bỏ qua",
                       "Table row without a task text; skipped");
    } else if (!rc) {
        char label[24];
        if (!planparse_table_number(no, label, sizeof label))
            snprintf(label, sizeof label, "%zu", ts->emitted + 1);
        t.no = planparse_strdup(c, label);
        t.title = title;
        title = NULL;
        t.area = *ts->area;
        if (t.area == PLANPARSE_AREA_NONE) {
            t.area = planparse_area_classify(t.title, NULL);
            planparse_warn(c, rb->pos, "plan.task_area_guessed",
                           "Nhiệm vụ %s không nằm dưới mục lĩnh vực nào; lĩnh vực được đoán từ nội "
                           "dung",
                           "Task %s is under no area heading; its area was guessed from its text",
                           t.no ? t.no : "?");
        }
        if (*product) {
            t.product = product;
            product = NULL;
        }
        const char *lead = buf_cstr(&rb->f[COL_LEAD]);
        if (!*lead)
            lead = buf_cstr(&rb->f[COL_EXEC]);
        rc = t.no ? planparse_task_fill(c, &t, lead, buf_cstr(&rb->f[COL_SUPPORT]), deadline,
                                        rb->pos)
                  : ERR_NOMEM;
        if (!rc && !*deadline)
            planparse_warn(c, rb->pos, "plan.task_no_deadline", "Nhiệm vụ %s không có thời hạn",
                           "Task %s has no deadline", t.no);
        if (!rc)
            rc = planparse_push_task(c, &t, true);
        if (!rc)
            ts->emitted++;
    }
    planparse_task_release(&t);
    mem_free(no);
    mem_free(title);
    mem_free(product);
    mem_free(deadline);
    rowbuf_clear(rb);
    if (rc)
        planparse_nomem(c);
    return rc;
}

/* A section row: one distinct text (merged or single cell), or a roman
 * numeral with a heading. Sets the area; returns true when it was one. */
static bool section_row(planparse_tstate_t *ts, const char *const *cells, const int *roles,
                        size_t n, planparse_pos_t pos)
{
    const char *text = NULL;
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*cells[i] || (text && strcmp(text, cells[i]) == 0))
            continue;
        if (roles[i] == COL_NO && n > 1) {
            char tmp[24];
            if (planparse_table_number(cells[i], tmp, sizeof tmp))
                return false;
            if (is_roman(cells[i]) || is_section_label(cells[i]))
                continue; /* "II", "A" in the number column */
        }
        text = cells[i];
        distinct++;
    }
    if (distinct != 1)
        return false;
    bool strong = false;
    planparse_area_t a = planparse_area_classify(text, &strong);
    planparse_marker_t m;
    planparse_marker(text, &m);
    if (a == PLANPARSE_AREA_NONE && m.kind != PLANPARSE_MK_ROMAN && !planparse_all_caps(text))
        return false;
    if (planparse_table_flush(ts))
        return true;
    if (a == PLANPARSE_AREA_NONE)
        planparse_warn(ts->c, pos, "plan.section_unknown",
                       "Không nhận ra lĩnh vực của mục '%s' trong bảng nhiệm vụ",
                       "The area of table section '%s' is not recognised", text);
    *ts->area = a;
    return true;
}

/* One logical row: cells[i] with role roles[i]. */
static int take_row(planparse_tstate_t *ts, const char *const *cells, const int *roles, size_t n,
                    planparse_pos_t pos)
{
    char *clean[MAX_COLS] = {0};
    int rc = planparse_poll(ts->c);
    for (size_t i = 0; i < n && i < MAX_COLS; i++) {
        clean[i] = planparse_cell_text(cells[i]);
        if (!clean[i])
            rc = ERR_NOMEM;
    }
    const char *cc[MAX_COLS];
    for (size_t i = 0; i < n && i < MAX_COLS; i++)
        cc[i] = clean[i] ? clean[i] : "";
    if (n > MAX_COLS)
        n = MAX_COLS;
    char label[24];
    bool numbered = false, header = true;
    size_t any = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (roles[i] == COL_NO && planparse_table_number(cc[i], label, sizeof label))
            numbered = true;
        if (*cc[i]) {
            any++;
            /* a repeated header: every cell a (short) column name */
            if (header && (strlen(cc[i]) > 80 || planparse_table_col_role(cc[i]) == COL_NONE))
                header = false;
        }
    }
    header = (header && any >= 3) || column_numbers_cells(cc, n);
    if (rc || !any || header) {
        /* empty, or the header (or its row of column numbers) repeated on
           a new page */
    } else if (!numbered && section_row(ts, cc, roles, n, pos)) {
        rc = ts->c->rc;
    } else if (numbered || !ts->numbered || !ts->cur.used) {
        rc = planparse_table_flush(ts);
        ts->cur.pos = pos;
        for (size_t i = 0; !rc && i < n; i++)
            rc = planparse_table_rowbuf_add(&ts->cur, roles[i], cells[i]);
    } else {
        /* continuation of the previous row (wrapped across rows) */
        for (size_t i = 0; !rc && i < n; i++)
            if (roles[i] != COL_NO)
                rc = planparse_table_rowbuf_add(&ts->cur, roles[i], cells[i]);
    }
    for (size_t i = 0; i < n && i < MAX_COLS; i++)
        mem_free(clean[i]);
    return rc;
}

/* Rows of the table body are regular when each has the header's cell count
 * or is a single (section) cell. */
static bool regular(const doc_block_t *b, size_t from, size_t hcells)
{
    for (size_t r = from; r < b->nrows; r++)
        if (b->rows[r].ncells != hcells && b->rows[r].ncells != 1)
            return false;
    return true;
}

/* Re-chunks the cells of an irregular body into rows of ncols cells: a row
 * starts at a task number or a section cell; cells beyond a full row
 * continue its last column. */
static int rechunk(planparse_tstate_t *ts, const doc_block_t *b, size_t from)
{
    size_t ncols = (size_t)ts->ncols;
    const char *cells[MAX_COLS];
    int roles[MAX_COLS], title_role[1] = {COL_TITLE};
    size_t k = 0;
    bool after_full = false;
    planparse_pos_t pos = {0, 0};
    int rc = 0;
    for (size_t r = from; !rc && r < b->nrows; r++) {
        planparse_pos_t rp = {b->rows[r].pos.line, b->rows[r].pos.page};
        for (size_t i = 0; !rc && i < b->rows[r].ncells; i++) {
            const char *t = b->rows[r].cells[i].text;
            char label[24];
            bool num = planparse_table_number(t, label, sizeof label);
            bool strong = false;
            planparse_area_t a = num ? PLANPARSE_AREA_NONE : planparse_area_classify(t, &strong);
            planparse_marker_t m;
            planparse_marker(t, &m);
            bool sect = !num && (m.kind == PLANPARSE_MK_ROMAN ||
                                 (planparse_all_caps(t) && a != PLANPARSE_AREA_NONE));
            if (sect && k >= 2 && strong) {
                rc = take_row(ts, cells, roles, k, pos);
                k = 0;
            }
            if (!rc && sect && k == 0) {
                rc = take_row(ts, &t, title_role, 1, rp);
                after_full = false;
                continue;
            }
            if (!rc && k == 0 && after_full && !num) {
                rc = planparse_table_rowbuf_add(&ts->cur, ts->roles[ncols - 1], t);
                continue;
            }
            if (!rc && num && k >= 2) {
                rc = take_row(ts, cells, roles, k, pos);
                k = 0;
            }
            if (k == 0)
                pos = rp;
            cells[k] = t;
            roles[k] = ts->roles[k];
            k++;
            after_full = false;
            if (!rc && k == ncols) {
                rc = take_row(ts, cells, roles, k, pos);
                k = 0;
                after_full = true;
            }
        }
    }
    if (!rc && k > 0)
        rc = take_row(ts, cells, roles, k, pos);
    return rc;
}

int planparse_table_tasks(planparse_ctx_t *c, const doc_block_t *b, planparse_area_t *area)
{
    planparse_tstate_t ts;
    memset(&ts, 0, sizeof ts);
    ts.c = c;
    ts.area = area;
    ts.ncols = b->ncols < MAX_COLS ? b->ncols : MAX_COLS;
    for (int i = 0; i < COL_COUNT; i++)
        buf_init(&ts.cur.f[i], PLANPARSE_MAX_PARA);
    long h = header_row(b, ts.roles);
    if (h < 0 && c->cont_ncols != b->ncols)
        return 0;
    size_t from = 0;
    if (h < 0) /* continues the previous task table (checked by the stream) */
        memcpy(ts.roles, c->cont_roles, sizeof ts.roles);
    else
        from = (size_t)h + 1;
    /* a second header row: "Chủ trì" / "Phối hợp" under "Cơ quan thực hiện" */
    if (h >= 0 && from < b->nrows) {
        int sub[MAX_COLS] = {0};
        int n = header_roles(&b->rows[from], sub, ts.ncols);
        size_t nonempty = 0;
        for (size_t i = 0; i < b->rows[from].ncells; i++)
            nonempty += *b->rows[from].cells[i].text && !b->rows[from].cells[i].vmerged;
        if (n > 0 && (size_t)n == nonempty) {
            for (int k = 0; k < ts.ncols; k++)
                if (sub[k] != COL_NONE)
                    ts.roles[k] = sub[k];
            from++;
        }
    }
    if (from < b->nrows && column_numbers(&b->rows[from]))
        from++;
    int no_col = -1;
    for (int k = 0; k < ts.ncols; k++)
        if (ts.roles[k] == COL_NO && no_col < 0)
            no_col = k;
    size_t numbered = 0, rows = 0;
    char label[24];
    for (size_t r = from; r < b->nrows; r++) {
        const doc_row_t *row = &b->rows[r];
        for (size_t i = 0; i < row->ncells; i++)
            if (row->cells[i].col == no_col &&
                planparse_table_number(row->cells[i].text, label, 24))
                numbered++;
        rows++;
    }
    ts.numbered = numbered > 0 && numbered * 3 >= rows;
    int rc = 0;
    size_t hcells = h >= 0 ? b->rows[h].ncells : (size_t)b->ncols;
    if (regular(b, from, hcells) || hcells < 2) {
        for (size_t r = from; !rc && r < b->nrows; r++) {
            const doc_row_t *row = &b->rows[r];
            const char *cells[MAX_COLS];
            int roles[MAX_COLS];
            size_t n = 0;
            for (size_t i = 0; i < row->ncells && n < MAX_COLS; i++) {
                const doc_cell_t *cell = &row->cells[i];
                int col = cell->col >= 0 && cell->col < ts.ncols ? cell->col : (int)i;
                cells[n] = cell->vmerged ? "" : cell->text;
                roles[n] = row->ncells == 1 ? COL_TITLE : ts.roles[col];
                n++;
            }
            rc = take_row(&ts, cells, roles, n, (planparse_pos_t){row->pos.line, row->pos.page});
        }
    } else {
        planparse_warn(
            c, (planparse_pos_t){b->pos.line, b->pos.page}, "plan.table_irregular",
            "Bảng nhiệm vụ có các dòng không đều số ô; các ô được ghép lại theo số thứ tự",
            "The task table has rows of uneven cell counts; cells were regrouped by task "
            "number");
        rc = rechunk(&ts, b, from);
    }
    if (!rc)
        rc = planparse_table_flush(&ts);
    planparse_table_rowbuf_release(&ts.cur);
    memcpy(c->cont_roles, ts.roles, sizeof c->cont_roles);
    c->cont_ncols = b->ncols;
    return rc;
}
