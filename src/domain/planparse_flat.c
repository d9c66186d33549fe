/* planparse_flat.c - appendix tables that came out as paragraphs (a PDF's
 * text layer): header cells as consecutive short paragraphs, rows starting
 * at task numbers in sequence, the paragraphs of a row assigned to the
 * columns by dynamic programming over plausibility. */
#include "domain/planparse_table_int.h"

#include "base/buf.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- tables that came out as paragraphs (PDF) ------------------------------ */

static const char *const product_words[] = {
    "ke hoach",  "bao cao",  "quyet dinh", "van ban",   "tin",      "ho so",        "quy che",
    "tra loi",   "danh muc", "cong van",   "thong bao", "de an",    "chuong trinh", "nghi quyet",
    "huong dan", "tai lieu", "so lieu",    "bo chi so", "phan mem", "he thong"};

static bool starts_product(const char *key)
{
    for (size_t i = 0; i < sizeof product_words / sizeof product_words[0]; i++)
        if (planparse_starts(key, product_words[i]))
            return true;
    return false;
}

static char last_char(const char *s)
{
    size_t n = strlen(s);
    return n ? s[n - 1] : '\0';
}

/* "Long; UBND cấp huyện": a wrapped list whose last item is a unit. */
static bool listy(const char *s)
{
    const char *semi = strrchr(s, ';');
    if (!semi)
        return false;
    char *key = planparse_key(semi + 1);
    bool yes = key && planparse_unit_head(key);
    mem_free(key);
    return yes;
}

static double empty_score(int role)
{
    switch (role) {
    case COL_TITLE:
        return -10;
    case COL_LEAD:
    case COL_EXEC:
        return -3;
    case COL_DEADLINE:
        return -2;
    case COL_NOTE:
        return 0;
    default:
        return -1;
    }
}

static double deadline_score(planparse_ctx_t *c, const char *const *p, size_t a, size_t b)
{
    buf_t t;
    buf_init(&t, PLANPARSE_MAX_PARA);
    int rc = 0;
    for (size_t i = a; !rc && i < b; i++) {
        if (t.len)
            rc = buf_putc(&t, ' ');
        if (!rc)
            rc = buf_puts(&t, p[i]);
    }
    double s = -3;
    if (!rc && t.len > 240) { /* far longer than any deadline */
        buf_release(&t);
        return s - (double)(b - a - 1);
    }
    /* rows repeat their deadlines: each text is parsed once per plan */
    const planparse_cache_entry_t *hit =
        rc ? NULL : planparse_cache_get(&c->cache, buf_cstr(&t), PLANPARSE_CACHE_DEADLINE);
    if (hit) {
        s = hit->score;
    } else if (!rc) {
        deadline_schedule_t *dl = NULL;
        err_t e;
        if (deadline_parse(buf_cstr(&t), t.len, c->year, &dl, &e) == 0) {
            bool unknown = false;
            for (size_t w = 0; w < dl->nwarnings; w++)
                unknown |= strcmp(dl->warnings[w].code, "deadline.unknown") == 0;
            s = unknown ? -3 : 4;
        }
        deadline_free(dl);
        if (planparse_cache_score(&c->cache, buf_cstr(&t), PLANPARSE_CACHE_DEADLINE, s))
            planparse_nomem(c);
    }
    buf_release(&t);
    return s - (double)(b - a - 1);
}

#define PT_MAX_PIECES   40
#define PT_MAX_DEADLINE 6 /* pieces a deadline may span */

/* What the scoring needs of each piece, computed once per row. */
typedef struct pinfo {
    bool head;     /* starts with an organisation head */
    bool listy;    /* a wrapped list whose last item is a unit */
    bool product;  /* starts with a product word */
    bool sentence; /* a long sentence (ends with '.', no ':'): a task's text */
    char last;     /* last byte */
} pinfo_t;

typedef struct pscore {
    planparse_ctx_t *c;
    const char *const *p;
    pinfo_t info[PT_MAX_PIECES];
    double dl[PT_MAX_PIECES][PT_MAX_DEADLINE + 1]; /* deadline scores by start, length; 1 = unset */
} pscore_t;

static int pscore_init(pscore_t *ps, planparse_ctx_t *c, const char *const *p, size_t k)
{
    ps->c = c;
    ps->p = p;
    for (size_t i = 0; i < k; i++) {
        char *key = planparse_key(p[i]);
        if (!key)
            return ERR_NOMEM;
        ps->info[i] = (pinfo_t){planparse_unit_head(key), listy(p[i]), starts_product(key),
                                last_char(p[i]) == '.' && strlen(p[i]) > 60 && !strchr(p[i], ':'),
                                last_char(p[i])};
        mem_free(key);
        for (size_t l = 0; l <= PT_MAX_DEADLINE; l++)
            ps->dl[i][l] = 1;
    }
    return 0;
}

/* Plausibility of pieces p[a..b) as the content of a column. */
static double group_score(pscore_t *ps, int role, size_t a, size_t b)
{
    if (a == b)
        return empty_score(role);
    if (role == COL_DEADLINE) {
        /* not worth parsing: too many pieces, or a run that starts with a
           product or a unit list without the "UBND cấp xã: …" colon of
           per-assignee deadlines */
        const pinfo_t *f = &ps->info[a];
        if (b - a > PT_MAX_DEADLINE || f->product || f->sentence ||
            (f->head && !strchr(ps->p[a], ':')))
            return -3 - (double)(b - a - 1);
        if (ps->dl[a][b - a] > 0)
            ps->dl[a][b - a] = deadline_score(ps->c, ps->p, a, b);
        return ps->dl[a][b - a];
    }
    double s = 0;
    bool units = role == COL_LEAD || role == COL_SUPPORT || role == COL_EXEC;
    for (size_t i = a; i < b; i++) {
        const pinfo_t *pi = &ps->info[i];
        bool first = i == a;
        if (role == COL_TITLE) {
            s += first ? 2 : 0;
        } else if (units) {
            s += first ? (pi->head ? 3 : -4) : (pi->head || pi->listy ? 0.5 : -2);
            if (pi->last == '.')
                s -= 2; /* a sentence, not a unit name */
        } else if (role == COL_PRODUCT) {
            s += first ? (pi->product ? 2 : pi->listy ? -1 : 0.5) : -0.5;
        }
    }
    /* a list that goes on ("…; UBND cấp huyện;") does not end the column */
    char end = ps->info[b - 1].last;
    if (units && (end == ';' || end == ','))
        s -= 2;
    return s;
}

/* Assigns pieces to the columns in order (each column a run of pieces,
 * possibly empty) maximising the plausibility; fills the row buffer. */
static int assign_pieces(planparse_tstate_t *ts, const int *fields, size_t m, const char *const *p,
                         size_t k)
{
    pscore_t *ps = mem_alloc(sizeof *ps);
    if (!ps || pscore_init(ps, ts->c, p, k)) {
        mem_free(ps);
        return ERR_NOMEM;
    }
    double best[PT_MAX_PIECES + 1][MAX_COLS + 1];
    size_t from[PT_MAX_PIECES + 1][MAX_COLS + 1];
    for (size_t i = 0; i <= k; i++)
        for (size_t j = 0; j <= m; j++)
            best[i][j] = -1e9;
    best[0][0] = 0;
    for (size_t j = 1; j <= m; j++)
        for (size_t i = j == m ? k : 0; i <= k; i++) /* the last column ends the row */
            for (size_t a = 0; a <= i; a++) {
                if (best[a][j - 1] <= -1e9)
                    continue;
                double v = best[a][j - 1] + group_score(ps, fields[j - 1], a, i);
                if (v > best[i][j]) {
                    best[i][j] = v;
                    from[i][j] = a;
                }
            }
    mem_free(ps);
    size_t cut[MAX_COLS + 1];
    cut[m] = k;
    for (size_t j = m; j > 0; j--)
        cut[j - 1] = from[cut[j]][j];
    int rc = 0;
    for (size_t j = 0; !rc && j < m; j++)
        for (size_t i = cut[j]; !rc && i < cut[j + 1]; i++)
            rc = planparse_table_rowbuf_add(&ts->cur, fields[j], p[i]);
    return rc;
}

static int para_row(planparse_tstate_t *ts, const char *no, planparse_pos_t pos, const int *fields,
                    size_t m, const char *const *p, size_t k)
{
    int rc = planparse_table_flush(ts);
    if (rc || !no)
        return rc;
    ts->cur.pos = pos;
    rc = planparse_table_rowbuf_add(&ts->cur, COL_NO, no);
    if (!rc && k > PT_MAX_PIECES) {
        planparse_warn(
            ts->c, pos, "plan.row_too_long",
            "Dòng %s của bảng nhiệm vụ có quá nhiều đoạn; phần dư được gộp vào cột cuối",
            "Row %s of the task table has too many pieces; the rest joins the last column", no);
        for (size_t i = PT_MAX_PIECES; !rc && i < k; i++)
            rc = planparse_table_rowbuf_add(&ts->cur, fields[m - 1], p[i]);
        k = PT_MAX_PIECES;
    }
    if (!rc)
        rc = assign_pieces(ts, fields, m, p, k);
    return rc;
}

/* Header cells as consecutive short paragraphs: their roles, or 0. */
static size_t para_header(const planparse_ctx_t *c, size_t i, size_t end, int *roles)
{
    size_t n = 0;
    while (i + n < end && n < MAX_COLS && c->paras[i + n].kind == PLANPARSE_PARA_TEXT &&
           strlen(c->paras[i + n].text) < 60) {
        int r = planparse_table_col_role(c->paras[i + n].text);
        if (r == COL_NONE)
            break;
        roles[n++] = r;
    }
    return n >= 3 && planparse_table_has_role(roles, (int)n, COL_TITLE) &&
                   (planparse_table_has_role(roles, (int)n, COL_LEAD) ||
                    planparse_table_has_role(roles, (int)n, COL_EXEC) ||
                    planparse_table_has_role(roles, (int)n, COL_DEADLINE))
               ? n
               : 0;
}

/* Whether the run of header cells again[0..na) is a contiguous part of the
 * header roles[0..n). */
static bool repeats_header(const int *roles, size_t n, const int *again, size_t na)
{
    for (size_t k = 0; k + na <= n; k++)
        if (memcmp(roles + k, again, na * sizeof *again) == 0)
            return true;
    return false;
}

int planparse_para_table(planparse_ctx_t *c, size_t start, size_t end, planparse_area_t *area)
{
    int roles[MAX_COLS];
    size_t h = start, nh = 0;
    for (; h < end && !nh; h++)
        nh = para_header(c, h, end, roles);
    if (!nh)
        return 0;
    h--; /* the loop went one past */
    int fields[MAX_COLS];
    size_t m = 0;
    for (size_t i = 0; i < nh; i++)
        if (roles[i] != COL_NO)
            fields[m++] = roles[i];
    planparse_tstate_t ts;
    memset(&ts, 0, sizeof ts);
    ts.c = c;
    ts.area = area;
    for (int i = 0; i < COL_COUNT; i++)
        buf_init(&ts.cur.f[i], PLANPARSE_MAX_PARA);
    const char *pieces[PT_MAX_PIECES + 64];
    size_t k = 0;
    long last = 0;
    char no[24] = "";
    planparse_pos_t pos = {0, 0};
    bool in_row = false;
    int rc = 0;
    for (size_t i = h + nh; !rc && i < end; i++) {
        const planparse_para_t *p = &c->paras[i];
        rc = planparse_poll(c);
        if (rc || p->kind != PLANPARSE_PARA_TEXT)
            continue;
        /* the header cells repeated at the top of a new page (some of them
           may have gone with the page furniture) */
        int again[MAX_COLS];
        size_t nagain = para_header(c, i, end, again);
        if (nagain && repeats_header(roles, nh, again, nagain)) {
            i += nagain - 1;
            continue;
        }
        char label[24];
        bool num = planparse_table_number(p->text, label, sizeof label) &&
                   strtol(label, NULL, 10) == last + 1;
        const char *rest = NULL; /* "1. Xây dựng …": the number joined to the first cell */
        if (!num && p->mk.kind == PLANPARSE_MK_NUM && p->mk.value == last + 1 &&
            p->text[p->mk.skip]) {
            num = true;
            snprintf(label, sizeof label, "%d", p->mk.value);
            rest = p->text + p->mk.skip;
        }
        bool strong = false;
        bool may_head = !num && (p->mk.kind == PLANPARSE_MK_ROMAN || p->caps);
        planparse_area_t a =
            may_head ? planparse_area_classify(p->text, &strong) : PLANPARSE_AREA_NONE;
        bool sect = may_head && (p->mk.kind == PLANPARSE_MK_ROMAN || (p->caps && strong)) &&
                    (!in_row || k + 1 >= m);
        if (num || sect) {
            rc = para_row(&ts, in_row ? no : NULL, pos, fields, m, pieces, k);
            k = 0;
            in_row = num;
            if (num) {
                snprintf(no, sizeof no, "%s", label);
                last = strtol(label, NULL, 10);
                pos = p->pos;
                if (rest)
                    pieces[k++] = rest;
            } else {
                rc = rc ? rc : planparse_table_flush(&ts);
                if (a == PLANPARSE_AREA_NONE)
                    planparse_warn(c, p->pos, "plan.section_unknown",
                                   "Không nhận ra lĩnh vực của mục '%s' trong bảng nhiệm vụ",
                                   "The area of table section '%s' is not recognised", p->text);
                *area = a;
            }
            continue;
        }
        if (in_row && k < sizeof pieces / sizeof pieces[0])
            pieces[k++] = p->text;
    }
    if (!rc && in_row)
        rc = para_row(&ts, no, pos, fields, m, pieces, k);
    if (!rc)
        rc = planparse_table_flush(&ts);
    planparse_table_rowbuf_release(&ts.cur);
    if (!rc && ts.emitted)
        planparse_warn(c, c->paras[h].pos, "plan.table_from_text",
                       "Bảng nhiệm vụ được dựng lại từ văn bản (tài liệu không có bảng thực); hãy "
                       "kiểm tra lại các cột",
                       "The task table was rebuilt from running text (the document has no real "
                       "table); check the columns");
    return rc;
}
