/* planparse_text.c - text cleanup, numbering markers, search keys and the
 * stream of logical paragraphs the rest of the parser reads. */
#include "domain/planparse_int.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

/* ---- UTF-8 helpers ------------------------------------------------------ */

static int32_t cp_at(const char *s, size_t n, size_t *len)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (k <= 0) {
        *len = 1;
        return -1;
    }
    *len = (size_t)k;
    return cp;
}

static bool is_superdigit(int32_t cp)
{
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079);
}

static bool is_space_cp(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
        return true;
    return cp > 127 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Length of a footnote marker at s ("⁽¹⁾", "⁽12⁾", "[3]", "¹²"), or 0. */
static size_t footnote_marker(const char *s, size_t n)
{
    size_t i = 0, k;
    int32_t cp = cp_at(s, n, &k);
    if (cp == 0x207D) { /* ⁽ */
        i = k;
        size_t digits = 0;
        while (i < n) {
            cp = cp_at(s + i, n - i, &k);
            if (!(is_superdigit(cp) || (cp >= '0' && cp <= '9')))
                break;
            i += k;
            digits++;
        }
        if (digits == 0 || digits > 3 || i >= n)
            return 0;
        cp = cp_at(s + i, n - i, &k);
        return cp == 0x207E ? i + k : 0;
    }
    if (cp == '[') {
        i = 1;
        while (i < n && i <= 3 && is_digit(s[i]))
            i++;
        return i > 1 && i < n && s[i] == ']' ? i + 1 : 0;
    }
    while (i < n) {
        cp = cp_at(s + i, n - i, &k);
        if (!is_superdigit(cp))
            break;
        i += k;
    }
    return i;
}

/* ---- cleanup ------------------------------------------------------------- */

/* Second pass on ASCII patterns: spaces around '/' in dates, split years,
 * "95 %". Works in place on a NUL-terminated string. */
static void fix_numbers(char *s)
{
    size_t n = strlen(s), w = 0;
    for (size_t r = 0; r < n; r++) {
        char ch = s[r];
        if (ch == ' ' && w > 0) {
            char prev = s[w - 1];
            char next = r + 1 < n ? s[r + 1] : '\0';
            /* "IV/ 2024", "01/ 2024" */
            if (prev == '/' && w > 1 && (is_digit(s[w - 2]) || strchr("IVX", s[w - 2])) &&
                is_digit(next))
                continue;
            /* "16 /01" */
            if (next == '/' && (is_digit(prev) || strchr("IVX", prev)) && r + 2 < n &&
                (is_digit(s[r + 2]) || s[r + 2] == ' '))
                continue;
            /* "95 %" */
            if (next == '%' && is_digit(prev))
                continue;
            /* "202 4": a split four-digit year after '/' or "năm " */
            if (is_digit(prev) && is_digit(next)) {
                size_t a = w;
                while (a > 0 && is_digit(s[a - 1]))
                    a--;
                size_t d1 = w - a, b = r + 1;
                while (b < n && is_digit(s[b]))
                    b++;
                size_t d2 = b - (r + 1);
                bool after_slash = a > 0 && s[a - 1] == '/';
                bool after_nam = a >= 5 && (memcmp(s + a - 5, "năm ", 5) == 0 ||
                                            memcmp(s + a - 5, "Năm ", 5) == 0);
                if (d1 + d2 == 4 && d1 < 4 && (after_slash || after_nam) &&
                    (s[a] == '1' || s[a] == '2') && (b >= n || !is_digit(s[b])))
                    continue;
            }
        }
        s[w++] = ch;
    }
    s[w] = '\0';
}

char *pp_clean(const char *s, size_t n, bool *footnote)
{
    buf_t b;
    buf_init(&b, 0);
    size_t i = 0, k;
    while (i < n && is_space_cp(cp_at(s + i, n - i, &k)))
        i += k;
    if (footnote) {
        size_t m = footnote_marker(s + i, n - i);
        *footnote = m > 0 && i + m < n && is_space_cp(cp_at(s + i + m, n - i - m, &k));
    }
    int rc = buf_reserve(&b, n + 1);
    bool space = false;
    while (!rc && i < n) {
        int32_t cp = cp_at(s + i, n - i, &k);
        size_t fm;
        if (is_space_cp(cp)) {
            space = b.len > 0;
            i += k;
            continue;
        }
        if (cp == '*') {
            if (i + 1 < n && s[i + 1] == '*') {
                i += 2;
                continue;
            }
            /* an italic marker unless a bullet ("* ") or a lone asterisk */
            bool next_space = i + 1 >= n || s[i + 1] == ' ';
            bool bullet_star = b.len == 0 && next_space;
            bool lone = space && next_space;
            bool open = !bullet_star && !lone, close = false;
            if (open || close) {
                i += 1;
                continue;
            }
        }
        if ((cp == 0x207D || cp == '[' || is_superdigit(cp)) &&
            (fm = footnote_marker(s + i, n - i)) > 0) {
            char prev = b.len ? b.data[b.len - 1] : ' ';
            if (!(is_superdigit(cp) && prev == 'm')) {
                i += fm;
                continue;
            }
        }
        if (space) {
            rc = buf_putc(&b, ' ');
            space = false;
        }
        if (!rc)
            rc = buf_append(&b, s + i, k);
        i += k;
    }
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    char *out = buf_detach(&b);
    if (out)
        fix_numbers(out);
    return out;
}

void pp_trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && strchr(" .;,:", s[n - 1]))
        n--;
    s[n] = '\0';
    if (n >= 2 && ((s[0] == '*' && s[n - 1] == '*') || (s[0] == '"' && s[n - 1] == '"'))) {
        memmove(s, s + 1, n - 2);
        s[n - 2] = '\0';
        pp_trim_end(s);
    }
}

char *pp_cell_text(const char *s)
{
    buf_t b;
    buf_init(&b, 0);
    int rc = 0;
    while (!rc && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = pp_clean(s, n, NULL);
        if (!line)
            rc = ERR_NOMEM;
        else if (*line && strspn(line, "-_=.*") < strlen(line)) {
            if (b.len)
                rc = buf_putc(&b, ' ');
            if (!rc)
                rc = buf_puts(&b, line);
        }
        mem_free(line);
        s += n + (nl ? 1 : 0);
    }
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* ---- keys ---------------------------------------------------------------- */

char *pp_keyn(const char *s, size_t n)
{
    if (n == 0)
        return mem_strdup("");
    int rc;
    char *k = text_key(s, n, &rc);
    if (!k && rc != ERR_NOMEM)
        k = mem_strdup("");
    return k;
}

char *pp_key(const char *s)
{
    return pp_keyn(s, strlen(s));
}

long pp_find(const char *key, const char *phrase)
{
    size_t pl = strlen(phrase);
    if (!pl)
        return -1;
    for (const char *p = strstr(key, phrase); p; p = strstr(p + 1, phrase)) {
        bool start = p == key || p[-1] == ' ';
        bool end = p[pl] == '\0' || p[pl] == ' ';
        if (start && end)
            return (long)(p - key);
    }
    return -1;
}

bool pp_has(const char *key, const char *phrase)
{
    return pp_find(key, phrase) >= 0;
}

bool pp_starts(const char *key, const char *phrase)
{
    size_t pl = strlen(phrase);
    return strncmp(key, phrase, pl) == 0 && (key[pl] == '\0' || key[pl] == ' ');
}

size_t pp_words(const char *key)
{
    size_t n = 0;
    for (const char *p = key; *p; p++)
        if (*p != ' ' && (p == key || p[-1] == ' '))
            n++;
    return n;
}

int pp_first_case(const char *s)
{
    size_t n = strlen(s), i = 0, k;
    while (i < n) {
        int32_t cp = cp_at(s + i, n - i, &k);
        if (cp == '(' || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '*') {
            i += k;
            continue;
        }
        if (cp < 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            return 1;
        if (cat == UTF8PROC_CATEGORY_LL)
            return -1;
        return 0;
    }
    return 0;
}

bool pp_all_caps(const char *s)
{
    size_t n = strlen(s), i = 0, k, upper = 0;
    while (i < n) {
        int32_t cp = cp_at(s + i, n - i, &k);
        i += k;
        if (cp < 0)
            continue;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return false;
        if (cat == UTF8PROC_CATEGORY_LU)
            upper++;
    }
    return upper >= 3;
}

/* ---- numbering markers ---------------------------------------------------- */

static int roman_value(const char *s, size_t n)
{
    static const char *const romans[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                         "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                         "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
    for (size_t i = 0; i < sizeof romans / sizeof romans[0]; i++)
        if (strlen(romans[i]) == n && memcmp(romans[i], s, n) == 0)
            return (int)i + 1;
    return 0;
}

static size_t skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

/* Marker end: '.' or ')' followed by a space or the end (or a letter). */
static bool marker_end(const char *s, size_t i, bool allow_letter)
{
    if (s[i] != '.' && s[i] != ')')
        return false;
    char nx = s[i + 1];
    if (nx == '\0' || nx == ' ')
        return true;
    return allow_letter && !is_digit(nx) && nx != '.' && nx != '/' && nx != ',' && nx != ')';
}

static void set_label(pp_marker_t *m, const char *s, size_t n)
{
    if (n >= sizeof m->label)
        n = sizeof m->label - 1;
    memcpy(m->label, s, n);
    m->label[n] = '\0';
}

static bool bullet(const char *s, pp_marker_t *m)
{
    static const char *const dashes[] = {"-",        "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2",
                                         "\xC2\xB7", "\xEF\x82\xA7", "\xEF\x82\xB7", "*",
                                         "+",        "\xE2\x97\x8F", "\xE2\x96\xAA"};
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        size_t l = strlen(dashes[i]);
        if (strncmp(s, dashes[i], l) != 0)
            continue;
        bool ok = s[l] == ' ' || (s[l] != '\0' && !is_digit(s[l]) && s[l] != '-' &&
                                  pp_first_case(s + l) == 1 && i == 0);
        if (!ok)
            return false;
        m->kind = strcmp(dashes[i], "+") == 0 ? PP_MK_PLUS : PP_MK_DASH;
        m->skip = skip_spaces(s, l);
        return true;
    }
    return false;
}

void pp_marker(const char *s, pp_marker_t *m)
{
    memset(m, 0, sizeof *m);
    m->kind = PP_MK_BODY;
    if (bullet(s, m))
        return;
    size_t i = 0;
    while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
        i++;
    if (i > 0 && marker_end(s, i, false)) {
        int v = roman_value(s, i);
        if (v) {
            m->kind = PP_MK_ROMAN;
            m->value = v;
            set_label(m, s, i);
            m->skip = skip_spaces(s, i + 1);
            return;
        }
    }
    /* "A. MỤC ĐÍCH" (upper-case letters as top-level sections) */
    if (s[0] >= 'A' && s[0] <= 'H' && s[1] == '.' && s[2] == ' ' && pp_first_case(s + 3) == 1) {
        m->kind = PP_MK_ROMAN;
        m->value = s[0] - 'A' + 1;
        set_label(m, s, 1);
        m->skip = skip_spaces(s, 2);
        return;
    }
    /* arabic, possibly dotted: 1. 2.1. 2.1.3 */
    int parts = 0, first = 0;
    size_t j = 0, last_dot = 0;
    while (parts < 4 && is_digit(s[j])) {
        size_t d = j;
        int v = 0;
        while (is_digit(s[j]) && j - d < 3)
            v = v * 10 + (s[j++] - '0');
        if (is_digit(s[j]))
            return; /* 4+ digits: a year or an amount */
        if (parts == 0)
            first = v;
        parts++;
        if (s[j] == '.' && is_digit(s[j + 1])) {
            last_dot = j;
            j++;
            continue;
        }
        break;
    }
    if (parts == 1 && marker_end(s, j, true) && first > 0 && first < 200) {
        m->kind = PP_MK_NUM;
        m->value = first;
        set_label(m, s, j);
        m->skip = skip_spaces(s, j + 1);
        return;
    }
    if (parts >= 2) {
        size_t lastlen = j - last_dot - 1;
        bool end_dot = marker_end(s, j, true);
        bool end_space = s[j] == ' ';
        if (lastlen <= 2 && (end_dot || end_space)) {
            m->kind = parts == 2 ? PP_MK_NUM2 : PP_MK_NUM3;
            m->value = first;
            set_label(m, s, j);
            m->skip = skip_spaces(s, j + (end_dot ? 1 : 0));
            return;
        }
    }
    /* a) b) đ) */
    size_t l = 0;
    if (s[0] >= 'a' && s[0] <= 'z')
        l = 1;
    else if (strncmp(s, "\xC4\x91", 2) == 0) /* đ */
        l = 2;
    if (l && (s[l] == ')' || (s[l] == '.' && s[l + 1] == ' ' && pp_first_case(s + l + 2) == 1)) &&
        (s[l + 1] == ' ' || s[l + 1] == '\0')) {
        m->kind = PP_MK_LETTER;
        m->value = l == 2 ? 5 : s[0] - 'a' + 1 + (s[0] > 'd');
        set_label(m, s, l);
        m->skip = skip_spaces(s, l + 1);
    }
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

static bool ends_with_connector(const char *text, const char *line)
{
    size_t n = strlen(text);
    if (!n)
        return false;
    char last = text[n - 1];
    if (last == ',' || last == '-' || last == '(' || last == '/' || last == '&')
        return true;
    if (n >= 3 && strcmp(text + n - 3, "\xE2\x80\x93") == 0)
        return true;
    const char *w = text + n;
    while (w > text && w[-1] != ' ')
        w--;
    char *lw = text_lower(w, strlen(text) - (size_t)(w - text), NULL);
    if (!lw)
        return false;
    bool yes = in_list(lw, connectors, sizeof connectors / sizeof connectors[0]);
    if (!yes && is_digit(line[0]))
        yes = in_list(lw, before_number, sizeof before_number / sizeof before_number[0]);
    if (!yes && pp_first_case(w) == 1 && pp_first_case(line) == 1)
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
        if (strcmp(key, words[i]) == 0 || (i == 4 && pp_starts(key, words[i])))
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
        if (pp_starts(key, words[i]))
            return true;
    return false;
}

static bool terminal(const char *s)
{
    size_t n = strlen(s);
    return n && strchr(".;:!?", s[n - 1]);
}

typedef struct stream {
    pp_ctx_t *c;
    size_t full;     /* hard-wrapped text: a line this long continues (0 = not wrapped) */
    size_t last_len; /* code points of the last line fed into the open paragraph */
    size_t lines;    /* source lines in the open paragraph */
    size_t fn_len;   /* code points of the last footnote line */
    long open;       /* index of the paragraph that may still grow, or -1 */
    bool fn_last;    /* the previous line was (part of) a footnote */
    bool fn_open;    /* that footnote did not end its sentence */
} stream_t;

static int push_para(pp_ctx_t *c, const pp_para_t *p)
{
    if (c->npara == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256;
        pp_para_t *v = mem_realloc(c->paras, nc * sizeof *v);
        if (!v)
            return ERR_NOMEM;
        c->paras = v;
        c->cap = nc;
    }
    c->paras[c->npara++] = *p;
    return 0;
}

static int pp_marker_kind(const char *s)
{
    pp_marker_t m;
    pp_marker(s, &m);
    return m.kind;
}

static bool should_join(const stream_t *st, const pp_para_t *prev, const char *line)
{
    pp_marker_t m;
    pp_marker(line, &m);
    if (m.kind != PP_MK_BODY || pp_resp_line(line, NULL))
        return false;
    if (pp_first_case(line) == -1)
        return true;
    /* a full line of hard-wrapped text (PDF) that does not end a sentence */
    if (st->full && st->last_len >= st->full && !terminal(prev->text) && !prev->cell) {
        /* a numbered heading fits on its line unless it is as long as the longest */
        pp_marker_t pm;
        pp_marker(prev->text, &pm);
        bool heading = pm.kind < PP_MK_DASH;
        if (!heading || st->last_len * 3 >= st->full * 4)
            return true;
    }
    if (ends_with_connector(prev->text, line))
        return true;
    /* "VII." + "XÂY DỰNG …", "1." + "Công tác …": a marker alone on its line */
    pp_marker_t bare;
    pp_marker(prev->text, &bare);
    if (bare.kind != PP_MK_BODY && bare.kind < PP_MK_DASH && prev->text[bare.skip] == '\0')
        return true;
    if (pp_all_caps(prev->text) && pp_all_caps(line) && !terminal(prev->text)) {
        pp_marker_t pm;
        pp_marker(prev->text, &pm);
        char *pk = pp_key(prev->text + pm.skip), *lk = pp_key(line);
        bool ok = pk && lk && !standalone_caps(pk) && !authority_line(lk) &&
                  !pp_starts(lk, "phu luc") && !authority_line(pk);
        mem_free(pk);
        mem_free(lk);
        return ok;
    }
    return false;
}

static int append_text(pp_para_t *p, const char *line)
{
    size_t a = strlen(p->text), b = strlen(line);
    char *t = mem_realloc(p->text, a + b + 2);
    if (!t)
        return ERR_NOMEM;
    /* "08/" + "CTUBND", "QĐ-" + "UBND": a token broken at the line end */
    bool glue = a >= 2 && (t[a - 1] == '/' || t[a - 1] == '-') && t[a - 2] != ' ';
    if (!glue)
        t[a++] = ' ';
    memcpy(t + a, line, b + 1);
    p->text = t;
    return 0;
}

/* Feeds one source line; hard = a cell or block boundary precedes it. */
static int feed(stream_t *st, const char *s, size_t n, pp_pos_t pos, size_t block, bool hard,
                bool cell, const doc_style_t *style)
{
    bool fn = false;
    char *line = pp_clean(s, n, &fn);
    if (!line)
        return ERR_NOMEM;
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
    bool lower = pp_first_case(line) == -1;
    size_t len = text_length(line, strlen(line));
    bool fn_full = st->full && st->fn_len >= st->full && pp_marker_kind(line) == PP_MK_BODY;
    if (st->fn_last && st->fn_open && (lower || fn_full) && !hard) {
        st->fn_len = len;
        st->fn_open = !terminal(line); /* continuation of the footnote's text */
        mem_free(line);
        return 0;
    }
    st->fn_last = false;
    pp_ctx_t *c = st->c;
    if (!hard && st->open >= 0 && should_join(st, &c->paras[st->open], line)) {
        int rc = append_text(&c->paras[st->open], line);
        mem_free(line);
        st->last_len = len;
        st->lines++;
        return rc;
    }
    pp_para_t p = {.kind = PP_PARA_TEXT, .text = line, .pos = pos, .block = block, .cell = cell};
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
    st->last_len = len;
    st->lines = 1;
    return 0;
}

static int feed_lines(stream_t *st, const char *text, pp_pos_t pos, size_t block, bool hard,
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

static void finish_para(pp_para_t *p)
{
    if (p->kind != PP_PARA_TEXT)
        return;
    pp_marker(p->text, &p->mk);
    if (p->mk.kind == PP_MK_BODY && p->heading > 0)
        p->mk.kind = p->heading <= 3 ? p->heading : PP_MK_NUM3;
    else if (p->mk.kind == PP_MK_BODY && p->list_level > 0)
        p->mk.kind = p->list_level == 1   ? PP_MK_NUM
                     : p->list_level == 2 ? PP_MK_LETTER
                                          : PP_MK_DASH;
    p->caps = pp_all_caps(p->text + p->mk.skip);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Hard-wrapped text (a PDF, or text copied from one): most lines are about
 * as long as the longest ones. Returns the length from which a line counts
 * as full, or 0 when the text is not hard-wrapped. */
static size_t wrap_width(const doc_t *d)
{
    size_t n = 0, cap = 0, *len = NULL, full = 0;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind != DOC_PARA)
            continue;
        for (const char *t = b->text; *t;) {
            const char *nl = strchr(t, '\n');
            size_t l = nl ? (size_t)(nl - t) : strlen(t);
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 256;
                size_t *nv = mem_realloc(len, nc * sizeof *nv);
                if (!nv) {
                    mem_free(len);
                    return 0;
                }
                len = nv;
                cap = nc;
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
    return full;
}

int pp_stream(pp_ctx_t *c)
{
    stream_t st = {.c = c, .open = -1, .full = wrap_width(c->doc)};
    int rc = 0;
    size_t nb = doc_count(c->doc);
    for (size_t i = 0; !rc && i < nb; i++) {
        const doc_block_t *b = doc_block(c->doc, i);
        pp_pos_t pos = {b->pos.line, b->pos.page};
        if (b->kind == DOC_PARA) {
            rc = feed_lines(&st, b->text, pos, i, false, false, &b->style);
            continue;
        }
        if (pp_table_is_tasks(b)) {
            pp_para_t p = {.kind = PP_PARA_TABLE, .pos = pos, .block = i};
            rc = push_para(c, &p);
            st.open = -1;
            st.fn_last = false;
            continue;
        }
        for (size_t r = 0; !rc && r < b->nrows; r++)
            for (size_t k = 0; !rc && k < b->rows[r].ncells; k++) {
                const doc_cell_t *cell = &b->rows[r].cells[k];
                pp_pos_t cp = {b->rows[r].pos.line ? b->rows[r].pos.line : pos.line,
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
