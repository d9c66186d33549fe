/* planparse_stream.c - the stream of logical paragraphs the parser reads:
 * source lines cleaned, wrapped lines joined (lower-case continuations,
 * lines ending in a connector, capitals headings, full lines of
 * hard-wrapped PDF text), footnote texts set aside, letterhead table cells
 * expanded, task tables kept in place. */
#include "domain/planparse_int.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* ---- paragraph stream ------------------------------------------------------ */

/* Lower-case words after which a line cannot end a sentence or a heading. */
static const char *const connectors[] = {
    "và",  "của",   "các", "cho", "với",   "theo", "tại",  "về",   "trong", "để",   "được", "là",
    "có",  "những", "từ",  "đến", "trên",  "dưới", "hoặc", "cùng", "bằng",  "nhằm", "giữa", "như",
    "vào", "một",   "mọi", "đối", "thuộc", "gồm",  "do",   "tới",  "sang",  "qua"};
/* Words that end a line before a number: "Nghị quyết số" + "76/NQ-CP". */
static const char *const before_number[] = {"số", "ngày", "tháng", "năm",  "quý", "đạt",
                                            "từ", "đến",  "khoản", "điều", "lần", "thứ"};
/* Capitalised heads of unit names: "6. Sở" + "Thông tin và Truyền thông". */
static const char *const heads[] = {"sở", "phòng", "ban", "đài", "ủy", "uỷ", "văn", "trung"};

static bool in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return true;
    return false;
}

/* Whether text[0..n) ends with a connector (only its last word is read). */
static bool ends_with_connector(const char *text, size_t n, const char *line)
{
    if (!n)
        return false;
    char last = text[n - 1];
    if (last == ',' || last == '-' || last == '(' || last == '/' || last == '&')
        return true;
    if (n >= 3 && strcmp(text + n - 3, "\xE2\x80\x93") == 0)
        return true;
    const char *w = text + n;
    while (w > text && w[-1] != ' ' && text + n - w <= 32)
        w--;
    if (text + n - w > 32)
        return false; /* no connector is that long */
    char *lw = text_lower(w, n - (size_t)(w - text), NULL);
    if (!lw)
        return false;
    bool yes = in_list(lw, connectors, sizeof connectors / sizeof connectors[0]);
    /* a line that is only a number ("301.", "12") is a table's row number
       or a page number, not the number a "số" announces */
    size_t digits = strspn(line, "0123456789");
    bool bare = digits && strspn(line + digits, ".)") == strlen(line + digits);
    if (!yes && is_digit(line[0]) && !bare)
        yes = in_list(lw, before_number, sizeof before_number / sizeof before_number[0]);
    if (!yes && planparse_first_case(w) == 1 && planparse_first_case(line) == 1)
        yes = in_list(lw, heads, sizeof heads / sizeof heads[0]);
    mem_free(lw);
    return yes;
}

static bool standalone_caps(const char *key)
{
    static const char *const words[] = {"ke hoach",
                                        "quyet dinh",
                                        "chuong trinh",
                                        "bao cao",
                                        "phu luc",
                                        "cong hoa xa hoi chu nghia viet nam",
                                        "doc lap tu do hanh phuc",
                                        "thong bao",
                                        "cong van"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(key, words[i]) == 0 || (i == 4 && planparse_starts(key, words[i])))
            return true;
    return false;
}

static bool authority_line(const char *key)
{
    static const char *const words[] = {"chu tich",   "pho chu tich",   "giam doc", "pho giam doc",
                                        "truong ban", "pho truong ban", "kt",       "tm",
                                        "q",          "bo truong",      "cong hoa", "noi nhan",
                                        "doc lap"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (planparse_starts(key, words[i]))
            return true;
    return false;
}

static bool terminal_n(const char *s, size_t n)
{
    return n && strchr(".;:!?", s[n - 1]);
}

static bool terminal(const char *s)
{
    return terminal_n(s, strlen(s));
}

typedef struct stream {
    planparse_ctx_t *c;
    size_t full;       /* hard-wrapped text: a line this long continues (0 = not wrapped) */
    size_t last_len;   /* code points of the last line fed into the open paragraph */
    size_t prev_len;   /* and of the line before it (0 when none) */
    size_t lines;      /* source lines in the open paragraph */
    size_t fn_len;     /* code points of the last footnote line */
    long open;         /* index of the paragraph that may still grow, or -1 */
    size_t open_len;   /* bytes of its text */
    size_t open_cap;   /* bytes allocated for its text */
    size_t open_upper; /* upper-case letters in it */
    bool cut;          /* it was cut at PLANPARSE_MAX_PARA (warned) */
    bool open_lower;   /* it has a lower-case letter */
    bool fn_last;      /* the previous line was (part of) a footnote */
    bool fn_open;      /* that footnote did not end its sentence */
} stream_t;

static int push_para(planparse_ctx_t *c, const planparse_para_t *p)
{
    if (MEM_GROW(c->paras, c->cap, c->npara + 1))
        return ERR_NOMEM;
    c->paras[c->npara++] = *p;
    return 0;
}

static int planparse_marker_kind(const char *s)
{
    planparse_marker_t m;
    planparse_marker(s, &m);
    return m.kind;
}

static bool should_join(const stream_t *st, const planparse_para_t *prev, const char *line)
{
    planparse_marker_t m;
    planparse_marker(line, &m);
    if (m.kind != PLANPARSE_MK_BODY || planparse_resp_line(line, NULL))
        return false;
    if (planparse_first_case(line) == -1)
        return true;
    /* only the open paragraph's first bytes (markers) and last word are
       read, and its case is counted as it grows: joining stays linear */
    bool ends = terminal_n(prev->text, st->open_len);
    bool prev_caps = !st->open_lower && st->open_upper >= 3;
    /* hard-wrapped text whose paragraphs start with a short line (as some
       converters leave them): an item's or a paragraph's first line that
       does not end a sentence goes on */
    if (st->full && st->lines == 1 && !ends && !prev->cell && !prev->caps) {
        planparse_marker_t fm;
        planparse_marker(prev->text, &fm);
        if (fm.kind >= PLANPARSE_MK_LETTER && !prev_caps)
            return true;
    }
    /* a full line of hard-wrapped text (PDF) that does not end a sentence */
    /* text wrapped twice (at ~80 columns, then again narrower): a short
       fragment after a full line of the same paragraph does not end it -
       unless it may be the end of a numbered heading of two lines */
    if (st->full && st->lines >= 2 && st->prev_len >= st->full && st->last_len * 3 <= st->full &&
        !ends && !prev->cell) {
        planparse_marker_t hm;
        planparse_marker(prev->text, &hm);
        if (st->lines >= 3 || hm.kind >= PLANPARSE_MK_DASH)
            return true;
    }
    if (st->full && st->last_len >= st->full && !ends && !prev->cell) {
        /* a numbered heading fits on its line unless it is as long as the longest */
        planparse_marker_t pm;
        planparse_marker(prev->text, &pm);
        /* a heading is numbered (lettered items are sentences), at most
           two lines and a phrase, not clauses */
        bool heading = pm.kind < PLANPARSE_MK_LETTER && st->lines <= 2 &&
                       !memchr(prev->text, ';', st->open_len);
        if (!heading || st->last_len * 3 >= st->full * 4)
            return true;
    }
    if (ends_with_connector(prev->text, st->open_len, line))
        return true;
    /* "VII." + "XÂY DỰNG …", "1." + "Công tác …": a marker alone on its line */
    planparse_marker_t bare;
    planparse_marker(prev->text, &bare);
    if (bare.kind != PLANPARSE_MK_BODY && bare.kind < PLANPARSE_MK_DASH &&
        prev->text[bare.skip] == '\0')
        return true;
    if (prev_caps && st->open_len < 600 && planparse_all_caps(line) && !ends) {
        planparse_marker_t pm;
        planparse_marker(prev->text, &pm);
        char *pk = planparse_key(prev->text + pm.skip), *lk = planparse_key(line);
        bool ok = pk && lk && !standalone_caps(pk) && !authority_line(lk) &&
                  !planparse_starts(lk, "phu luc") && !authority_line(pk);
        mem_free(pk);
        mem_free(lk);
        return ok;
    }
    return false;
}

/* Appends line to the open paragraph p; its text grows geometrically
 * (st->open_len / open_cap track it), so a long run of joined lines costs
 * linear time. */
static void warn_cut(stream_t *st, planparse_pos_t pos)
{
    if (st->cut)
        return;
    st->cut = true;
    planparse_warn(
        st->c, pos, "plan.para_cut", "Đoạn văn quá dài (trên %zu KiB); phần sau bị bỏ qua",
        "Paragraph too long (over %zu KiB); the rest was dropped", PLANPARSE_MAX_PARA >> 10);
}

/* Cuts s to at most max bytes on a code point boundary. */
static void cut_utf8(char *s, size_t max)
{
    if (strlen(s) <= max)
        return;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    s[max] = '\0';
}

static int append_text(stream_t *st, planparse_para_t *p, const char *line)
{
    size_t a = st->open_len, b = strlen(line);
    if (a + b + 2 > PLANPARSE_MAX_PARA) {
        warn_cut(st, p->pos);
        return 0;
    }
    if (MEM_GROW(p->text, st->open_cap, a + b + 2))
        return ERR_NOMEM;
    char *t = p->text;
    /* "08/" + "CTUBND", "QĐ-" + "UBND": a token broken at the line end */
    bool glue = a >= 2 && (t[a - 1] == '/' || t[a - 1] == '-') && t[a - 2] != ' ';
    if (!glue)
        t[a++] = ' ';
    memcpy(t + a, line, b + 1);
    st->open_len = a + b;
    planparse_case_count(line, &st->open_upper, &st->open_lower);
    return 0;
}

/* Feeds one cleaned logical line (owned); fn = it is a footnote's text. */
static int feed_clean(stream_t *st, char *line, bool fn, planparse_pos_t pos, size_t block,
                      bool hard, bool cell, const doc_style_t *style)
{
    if (!*line || strspn(line, "-_=.*~") == strlen(line)) {
        mem_free(line);
        if (hard)
            st->open = -1;
        return 0;
    }
    if (fn) {
        st->fn_last = true;
        st->fn_open = !terminal(line);
        st->fn_len = text_length(line, strlen(line));
        mem_free(line);
        return 0;
    }
    bool lower = planparse_first_case(line) == -1;
    size_t len = text_length(line, strlen(line));
    bool fn_full =
        st->full && st->fn_len >= st->full && planparse_marker_kind(line) == PLANPARSE_MK_BODY;
    if (st->fn_last && st->fn_open && (lower || fn_full) && !hard) {
        st->fn_len = len;
        st->fn_open = !terminal(line); /* continuation of the footnote's text */
        mem_free(line);
        return 0;
    }
    st->fn_last = false;
    planparse_ctx_t *c = st->c;
    if (!hard && st->open >= 0 && should_join(st, &c->paras[st->open], line)) {
        int rc = append_text(st, &c->paras[st->open], line);
        mem_free(line);
        st->prev_len = st->last_len;
        st->last_len = len;
        st->lines++;
        return rc;
    }
    st->cut = false;
    if (strlen(line) + 1 > PLANPARSE_MAX_PARA) {
        cut_utf8(line, PLANPARSE_MAX_PARA - 1);
        warn_cut(st, pos);
    }
    planparse_para_t p = {
        .kind = PLANPARSE_PARA_TEXT, .text = line, .pos = pos, .block = block, .cell = cell};
    if (style) {
        p.heading = style->heading ? style->heading : style->outline;
        p.list_level = style->list_level;
    }
    int rc = push_para(c, &p);
    if (rc) {
        mem_free(line);
        return rc;
    }
    st->open = (long)c->npara - 1;
    st->open_len = strlen(line);
    st->open_cap = st->open_len + 1;
    st->open_upper = 0;
    st->open_lower = false;
    planparse_case_count(line, &st->open_upper, &st->open_lower);
    st->last_len = len;
    st->prev_len = 0;
    st->lines = 1;
    return 0;
}

/* Feeds one source line, cut into its logical lines; hard = a cell or
 * block boundary precedes it. */
static int feed(stream_t *st, const char *s, size_t n, planparse_pos_t pos, size_t block, bool hard,
                bool cell, const doc_style_t *style)
{
    bool fn = false;
    bool whole = n >= PLANPARSE_SPLIT_LONG || (n >= 600 && n * 2 >= st->c->doc_bytes);
    if (!whole && !memchr(s, ':', n)) {
        char *line = planparse_clean(s, n, &fn);
        return line ? feed_clean(st, line, fn, pos, block, hard, cell, style) : ERR_NOMEM;
    }
    /* cut the source line (footnote markers still in place), clean the pieces */
    char *raw = mem_strndup(s, n);
    size_t *cuts = NULL, ncuts = 0;
    int rc = raw ? planparse_split(raw, whole, &cuts, &ncuts) : ERR_NOMEM;
    for (size_t i = 0; !rc && i < ncuts; i++) {
        size_t end = i + 1 < ncuts ? cuts[i + 1] : n;
        char *line = planparse_clean(raw + cuts[i], end - cuts[i], &fn);
        rc = line ? feed_clean(st, line, fn, pos, block, hard && i == 0, cell, style) : ERR_NOMEM;
        if (!rc)
            rc = planparse_poll(st->c);
    }
    mem_free(cuts);
    mem_free(raw);
    return rc;
}

static int feed_lines(stream_t *st, const char *text, planparse_pos_t pos, size_t block, bool hard,
                      bool cell, const doc_style_t *style)
{
    int rc = 0;
    bool first = true;
    while (!rc && *text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        rc = feed(st, text, n, pos, block, hard && first, cell, style);
        first = false;
        text += n + (nl ? 1 : 0);
    }
    return rc;
}

static void finish_para(planparse_para_t *p)
{
    if (p->kind != PLANPARSE_PARA_TEXT)
        return;
    planparse_marker(p->text, &p->mk);
    if (p->mk.kind == PLANPARSE_MK_BODY && p->heading > 0)
        p->mk.kind = p->heading <= 3 ? p->heading : PLANPARSE_MK_NUM3;
    else if (p->mk.kind == PLANPARSE_MK_BODY && p->list_level > 0)
        p->mk.kind = p->list_level == 1   ? PLANPARSE_MK_NUM
                     : p->list_level == 2 ? PLANPARSE_MK_LETTER
                                          : PLANPARSE_MK_DASH;
    p->caps = planparse_all_caps(p->text + p->mk.skip);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Whether the full lines that do not end a sentence are wrapped ones: a
 * quarter of them at least go on in lower case on the next line (a
 * sentence cut by a wrap usually does). Uniform short lines - a DOCX of one
 * task per paragraph, each starting with a capital - are all "full" but are
 * paragraphs, not wrapped lines. */
static bool wraps_sentences(const doc_t *d, size_t full)
{
    size_t breaks = 0, lower = 0;
    bool pending = false; /* the previous line was full and did not end a sentence */
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind != DOC_PARA) {
            pending = false;
            continue;
        }
        for (const char *t = b->text; *t;) {
            const char *nl = strchr(t, '\n');
            size_t l = nl ? (size_t)(nl - t) : strlen(t);
            if (pending) {
                breaks++;
                lower += planparse_first_case(t) == -1;
            }
            pending = l && !strchr(".;:!?", t[l - 1]) && text_length(t, l) >= full;
            t += l + (nl ? 1 : 0);
        }
    }
    return breaks < 10 || lower * 4 >= breaks;
}

/* Hard-wrapped text (a PDF, or text copied from one): most lines are about
 * as long as the longest ones. Returns the length from which a line counts
 * as full, or 0 when the text is not hard-wrapped. */
static size_t wrap_width(const doc_t *d)
{
    size_t n = 0, cap = 0, full = 0;
    size_t *len = NULL;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind != DOC_PARA)
            continue;
        for (const char *t = b->text; *t;) {
            const char *nl = strchr(t, '\n');
            size_t l = nl ? (size_t)(nl - t) : strlen(t);
            if (MEM_GROW(len, cap, n + 1)) {
                mem_free(len);
                return 0;
            }
            len[n++] = text_length(t, l);
            t += l + (nl ? 1 : 0);
        }
    }
    if (n >= 20) {
        qsort(len, n, sizeof *len, cmp_size);
        size_t p90 = len[n * 9 / 10], threshold = p90 * 3 / 4, count = 0;
        for (size_t i = 0; i < n; i++)
            count += len[i] >= threshold;
        if (p90 >= 40 && p90 <= 200 && count * 100 >= n * 35)
            full = threshold;
    }
    mem_free(len);
    if (full && !wraps_sentences(d, full))
        full = 0;
    return full;
}

int planparse_stream(planparse_ctx_t *c)
{
    stream_t st = {.c = c, .open = -1, .full = wrap_width(c->doc)};
    int rc = 0;
    size_t nb = doc_count(c->doc);
    const doc_block_t *last_task = NULL; /* the last task table, for continuations */
    for (size_t i = 0; !rc && i < nb; i++) {
        rc = planparse_poll(c);
        if (rc)
            break;
        const doc_block_t *b = doc_block(c->doc, i);
        planparse_pos_t pos = {b->pos.line, b->pos.page};
        if (b->kind == DOC_PARA) {
            rc = feed_lines(&st, b->text, pos, i, false, false, &b->style);
            continue;
        }
        bool cont = planparse_table_continues(last_task, b);
        if (planparse_table_is_tasks(b) || cont) {
            last_task = b;
            planparse_para_t p = {.kind = PLANPARSE_PARA_TABLE, .pos = pos, .block = i};
            rc = push_para(c, &p);
            st.open = -1;
            st.fn_last = false;
            continue;
        }
        last_task = NULL;
        for (size_t r = 0; !rc && r < b->nrows; r++)
            for (size_t k = 0; !rc && k < b->rows[r].ncells; k++) {
                const doc_cell_t *cell = &b->rows[r].cells[k];
                planparse_pos_t cp = {b->rows[r].pos.line ? b->rows[r].pos.line : pos.line,
                                      b->rows[r].pos.page ? b->rows[r].pos.page : pos.page};
                if (!cell->vmerged)
                    rc = feed_lines(&st, cell->text, cp, i, true, true, NULL);
            }
        st.open = -1;
    }
    for (size_t i = 0; i < c->npara; i++)
        finish_para(&c->paras[i]);
    return rc;
}
