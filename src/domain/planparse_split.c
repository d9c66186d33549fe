/* planparse_split.c - cutting a source line that holds several logical
 * lines: a plan pasted as one paragraph (every line break lost), and
 * responsibility parts written inline ("… Cơ quan chủ trì: Sở Nội vụ;
 * phối hợp: …; thời gian: Quý I/2024").
 *
 * Every line is cut before an inline responsibility label that follows a
 * '.', ';' or ':' (the label ends with a colon and is one of
 * planparse_resp_line's). A line of at least PLANPARSE_SPLIT_LONG bytes, or
 * one holding most of the document's text, is moreover cut before what
 * starts a line in a plan:
 *   - a numbering marker followed by a capital: "II. ", "3. ", "2.1. ", and
 *     "a) " after the end of a sentence or clause;
 *   - a bullet ("- ", "– ", "+ ", "•") followed by a capital (also through
 *     an italic '*'), except inside a responsibility value (up to the end of
 *     its sentence) and after the first word of a compound unit name
 *     ("Văn hóa - Thể thao", "Kinh tế - Hạ tầng");
 *   - before the first numbering marker (the letterhead, title and
 *     preamble): "Số:", a place and date ("Chợ Mới, ngày 22 tháng …"), a
 *     document type in capitals ("KẾ HOẠCH"), "Căn cứ", and the end of a
 *     sentence;
 *   - "PHỤ LỤC".
 * Cutting is one left-to-right pass with bounded look-around: linear. */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Skips '*' (italic markers) and spaces. */
static size_t skip_stars(const char *s, size_t i)
{
    while (s[i] == '*' || s[i] == ' ')
        i++;
    return i;
}

/* Last non-space byte before i, or '\0'. */
static char prev_char(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '*'))
        i--;
    return i > 0 ? s[i - 1] : '\0';
}

static bool clause_end(char ch)
{
    return ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?';
}

/* The word (lower-cased key) ending just before the space at i. */
static char *word_before(const char *s, size_t i, size_t nwords)
{
    size_t e = i;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    size_t b = e;
    for (size_t w = 0; w < nwords && b > 0; w++) {
        while (b > 0 && s[b - 1] == ' ')
            b--;
        while (b > 0 && s[b - 1] != ' ' && e - b < 48)
            b--;
    }
    return planparse_keyn(s + b, e - b);
}

/* "Văn hóa - Thể thao": the dash joins the parts of a unit's name. */
static bool compound_name(const char *s, size_t dash)
{
    static const char *const stems[] = {"van hoa",  "khoa hoc",  "kinh te", "lao dong",
                                        "ky thuat", "tai chinh", "noi vu",  "xa"};
    char *k = word_before(s, dash, 2);
    bool yes = false;
    for (size_t i = 0; k && !yes && i < sizeof stems / sizeof stems[0]; i++) {
        size_t kl = strlen(k), sl = strlen(stems[i]);
        yes = kl >= sl && strcmp(k + kl - sl, stems[i]) == 0 && (kl == sl || k[kl - sl - 1] == ' ');
    }
    mem_free(k);
    return yes;
}

/* Whether a bullet starts at i (and what follows it is a capital). */
static bool bullet_at(const char *s, size_t i)
{
    static const char *const marks[] = {"- ", "\xE2\x80\x93 ", "+ ", "\xE2\x80\xA2 "};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t l = strlen(marks[k]);
        if (strncmp(s + i, marks[k], l) == 0)
            return planparse_first_case(s + skip_stars(s, i + l)) == 1;
    }
    return false;
}

/* A numbering marker at i followed by a capital; *letter gets the value of
 * a letter marker ("a)" = 1), else 0. */
static bool marker_at(const char *s, size_t i, int *letter)
{
    planparse_marker_t m;
    planparse_marker(s + i, &m);
    *letter = m.kind == PLANPARSE_MK_LETTER ? m.value : 0;
    if (m.kind == PLANPARSE_MK_BODY || m.kind >= PLANPARSE_MK_DASH || !m.skip)
        return false;
    if (s[i + m.skip - 1] != ' ')
        return false; /* "1.Xây": glued, not cut */
    return planparse_first_case(s + skip_stars(s, i + m.skip)) == 1;
}

/* "⁽³⁾ Đề nghị …": a footnote's text starts here. */
static bool footnote_at(const char *s, size_t i)
{
    if (strncmp(s + i, "\xE2\x81\xBD", 3) != 0) /* ⁽ */
        return false;
    const char *close = strstr(s + i, "\xE2\x81\xBE"); /* ⁾ */
    return close && close - (s + i) <= 16 && close[3] == ' ';
}

/* "Chợ Mới, ngày 22 tháng": the place before a date starts here. */
static bool place_date_at(const char *s, size_t i)
{
    const char *comma = strstr(s + i, ", ngày ");
    if (!comma || comma - (s + i) > 60)
        return false;
    size_t words = 0;
    for (const char *p = s + i; p < comma; p++)
        if (p == s + i || (p[-1] == ' ' && *p != ' ')) {
            if (planparse_first_case(p) != 1)
                return false;
            words++;
        }
    return words >= 1 && words <= 5;
}

/* A rule of at least three '-' or '_' (under a letterhead), or what
 * follows one. */
static bool rule_at(const char *s, size_t i)
{
    size_t k = 0;
    while (s[i + k] == '-' || s[i + k] == '_')
        k++;
    if (k >= 3)
        return true;
    size_t b = i;
    while (b > 0 && s[b - 1] == ' ')
        b--;
    k = 0;
    while (b > k && (s[b - 1 - k] == '-' || s[b - 1 - k] == '_'))
        k++;
    return k >= 3 && (b - k == 0 || s[b - k - 1] == ' ');
}

static bool header_cut(const char *s, size_t i)
{
    if (rule_at(s, i))
        return true;
    if (strncmp(s + i, "Số:", strlen("Số:")) == 0 || strncmp(s + i, "Căn cứ ", 9) == 0 ||
        strncmp(s + i, "PHỤ LỤC", strlen("PHỤ LỤC")) == 0)
        return true;
    static const char *const types[] = {"KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH"};
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
        if (strncmp(s + i, types[k], strlen(types[k])) == 0)
            return true;
    if (clause_end(prev_char(s, i)) && prev_char(s, i) != ':' && planparse_first_case(s + i) == 1)
        return true;
    return place_date_at(s, i);
}

/* The word at s[i]: 1 when it has letters, all capitals; -1 when it has a
 * lower-case letter or starts with a digit; 0 otherwise (punctuation). */
static int word_case(const char *s, size_t i)
{
    if (is_digit(s[i]))
        return -1;
    size_t e = i;
    while (s[e] && s[e] != ' ')
        e++;
    char w[64];
    size_t n = e - i < sizeof w - 1 ? e - i : sizeof w - 1;
    memcpy(w, s + i, n);
    w[n] = '\0';
    size_t upper = 0;
    bool lower = false;
    planparse_case_count(w, &upper, &lower);
    return lower ? -1 : upper ? 1 : 0;
}

typedef struct cutter {
    size_t *v;
    size_t n, cap;
} cutter_t;

static int cut(cutter_t *c, size_t at)
{
    if (c->n && c->v[c->n - 1] == at)
        return 0;
    if (MEM_GROW(c->v, c->cap, c->n + 1))
        return ERR_NOMEM;
    c->v[c->n++] = at;
    return 0;
}

int planparse_split(const char *s, bool whole, size_t **cuts, size_t *ncuts)
{
    cutter_t c = {0};
    size_t n = strlen(s);
    bool lng = whole;
    bool header = true;   /* before the first numbering marker */
    bool in_resp = false; /* inside a responsibility value */
    int last_letter = 0;  /* value of the last letter marker cut at */
    bool in_note = false; /* inside a footnote's text */
    size_t caps_run = 0;  /* words in capitals since the piece began (after its marker) */
    bool caps_only = true;
    int rc = cut(&c, 0);
    size_t pieces = 0;
    for (size_t i = 1; !rc && i < n; i++) {
        if (s[i - 1] != ' ' || s[i] == ' ')
            continue;
        if (c.n != pieces) { /* a new piece began at the last cut */
            pieces = c.n;
            caps_run = 0;
            caps_only = true;
        }
        int wc = lng ? word_case(s, i) : 0;
        /* a heading in capitals ends where the text in lower case begins:
           "I. MỤC TIÊU 100% hồ sơ …", "KẾ HOẠCH Cải cách …" */
        if (lng && caps_only && caps_run >= 2 && wc == -1) {
            rc = cut(&c, i);
            in_note = false;
            continue;
        }
        if (wc == 1)
            caps_run++;
        else if (wc == -1)
            caps_only = false;
        char pc = prev_char(s, i);
        if (pc == '.')
            in_resp = false; /* a responsibility value ends with its sentence */
        /* the footnote's sentence ended and the interrupted text resumes in
           lower case: "… chỉ số CCHC. và đẩy mạnh …" */
        if (lng && in_note && pc == '.' && planparse_first_case(s + i) == -1) {
            rc = cut(&c, i);
            in_note = false;
            continue;
        }
        /* inline labels: after a clause, or capitalised after a title
           without final punctuation ("… đơn vị Cơ quan chủ trì: …") */
        if ((clause_end(pc) || (lng && s[i] == '-') || planparse_first_case(s + i) == 1) &&
            planparse_resp_line(s + i, NULL)) {
            rc = cut(&c, i);
            in_note = false;
            in_resp = true;
            continue;
        }
        if (!lng)
            continue;
        int letter = 0;
        /* "a)" after the end of a clause, or opening a list ("… hành chính
           a) Ban hành …"), or next in the list being cut */
        if (marker_at(s, i, &letter) && !is_digit(pc) &&
            (!letter || clause_end(pc) || letter == 1 || letter == last_letter + 1)) {
            if (letter)
                last_letter = letter;
            rc = cut(&c, i);
            in_note = false;
            header = false;
            in_resp = false;
            continue;
        }
        /* "… năm 2024. (Chi tiết có Phụ lục kèm theo)": a note of its own */
        if (s[i] == '(' && pc == '.' && planparse_first_case(s + i + 1) == 1) {
            rc = cut(&c, i);
            in_note = false;
            continue;
        }
        if (bullet_at(s, i) && !in_resp && !compound_name(s, i)) {
            rc = cut(&c, i);
            in_note = false;
            continue;
        }
        bool note = footnote_at(s, i);
        if ((header && header_cut(s, i)) || strncmp(s + i, "PHỤ LỤC", strlen("PHỤ LỤC")) == 0 ||
            note) {
            rc = cut(&c, i);
            in_note = note;
        }
    }
    if (rc) {
        mem_free(c.v);
        return rc;
    }
    *cuts = c.v;
    *ncuts = c.n;
    return 0;
}
