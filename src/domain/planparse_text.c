/* planparse_text.c - text cleanup (footnotes, bold, stray spaces),
 * numbering markers and search keys. */
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

char *planparse_clean(const char *s, size_t n, bool *footnote)
{
    buf_t b;
    buf_init(&b, DOC_MAX_TEXT);
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
        size_t fm =
            cp == 0x207D || cp == '[' || is_superdigit(cp) ? footnote_marker(s + i, n - i) : 0;
        if (fm > 0) {
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

void planparse_trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && strchr(" .;,:", s[n - 1]))
        n--;
    s[n] = '\0';
    if (n >= 2 && ((s[0] == '*' && s[n - 1] == '*') || (s[0] == '"' && s[n - 1] == '"'))) {
        memmove(s, s + 1, n - 2);
        s[n - 2] = '\0';
        planparse_trim_end(s);
    }
}

char *planparse_cell_text(const char *s)
{
    buf_t b;
    buf_init(&b, DOC_MAX_TEXT);
    int rc = 0;
    while (!rc && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = planparse_clean(s, n, NULL);
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

/* Base letters of U+00C0..U+024F and U+1E00..U+1EFF after decomposition,
 * case folding and mark stripping (as text_key does); '.' = not a plain
 * letter (text_key decides). Generated from the Unicode data. */
static const char fold_latin[] = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y"
                                 "aaaaaaccccccccddddeeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll."
                                 "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzzs"
                                 "................................oo.............uu..............."
                                 ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo......gg..nnaa...."
                                 "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
                                 "................";
static const char fold_ext[] = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
                               "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
                               "wwwwwwwwwwxxxxyyzzzzzz.....s....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
                               "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/* text_key() for the common case: ASCII and precomposed Latin letters
 * (Vietnamese), punctuation and spaces. Returns NULL with *other set when
 * s holds anything else (then text_key, which agrees on the rest, is
 * used). */
static char *fast_key(const char *s, size_t n, bool *other)
{
    char *out = mem_alloc(n + 1);
    if (!out)
        return NULL;
    size_t w = 0, i = 0;
    bool gap = false;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        char b = 0;
        if (ch < 0x80) {
            i++;
            if (ch >= 'A' && ch <= 'Z')
                b = (char)(ch - 'A' + 'a');
            else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                b = (char)ch;
        } else {
            size_t k;
            int32_t cp = cp_at(s + i, n - i, &k);
            i += k;
            if (cp >= 0xC0 && cp <= 0x24F)
                b = fold_latin[cp - 0xC0];
            else if (cp >= 0x1E00 && cp <= 0x1EFF)
                b = fold_ext[cp - 0x1E00];
            else if (cp == 0xA0 || (cp >= 0x2010 && cp <= 0x205E) || cp == 0xD7 || cp == 0xF7)
                b = 0; /* spaces and punctuation */
            else
                b = '.';
            if (b == '.') {
                mem_free(out);
                *other = true;
                return NULL;
            }
        }
        if (!b) {
            gap = w > 0;
            continue;
        }
        if (gap)
            out[w++] = ' ';
        gap = false;
        out[w++] = b;
    }
    out[w] = '\0';
    return out;
}

char *planparse_keyn(const char *s, size_t n)
{
    if (n == 0)
        return mem_strdup("");
    bool other = false;
    char *fast = fast_key(s, n, &other);
    if (fast || !other)
        return fast;
    int rc;
    char *k = text_key(s, n, &rc);
    if (!k && rc != ERR_NOMEM)
        k = mem_strdup("");
    return k;
}

char *planparse_key(const char *s)
{
    return planparse_keyn(s, strlen(s));
}

long planparse_find(const char *key, const char *phrase)
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

bool planparse_has(const char *key, const char *phrase)
{
    return planparse_find(key, phrase) >= 0;
}

bool planparse_starts(const char *key, const char *phrase)
{
    size_t pl = strlen(phrase);
    return strncmp(key, phrase, pl) == 0 && (key[pl] == '\0' || key[pl] == ' ');
}

size_t planparse_words(const char *key)
{
    size_t n = 0;
    for (const char *p = key; *p; p++)
        if (*p != ' ' && (p == key || p[-1] == ' '))
            n++;
    return n;
}

int planparse_first_case(const char *s)
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

void planparse_case_count(const char *s, size_t *upper, bool *lower)
{
    size_t n = strlen(s), i = 0, k;
    while (i < n) {
        int32_t cp = cp_at(s + i, n - i, &k);
        i += k;
        if (cp < 0)
            continue;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            *lower = true;
        else if (cat == UTF8PROC_CATEGORY_LU)
            (*upper)++;
    }
}

bool planparse_all_caps(const char *s)
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

static void set_label(planparse_marker_t *m, const char *s, size_t n)
{
    if (n >= sizeof m->label)
        n = sizeof m->label - 1;
    memcpy(m->label, s, n);
    m->label[n] = '\0';
}

static bool bullet(const char *s, planparse_marker_t *m)
{
    /* - – — • · (Symbol-font bullets U+F0A7, U+F0B7, U+F0D8, U+F076, U+F0FC
       as PDF text layers give them) * + ● ▪ ◦ ○ ➢ ► ✓ − ‒ */
    static const char *const dashes[] = {"-",
                                         "\xE2\x80\x93",
                                         "\xE2\x80\x94",
                                         "\xE2\x80\xA2",
                                         "\xC2\xB7",
                                         "\xEF\x82\xA7",
                                         "\xEF\x82\xB7",
                                         "\xEF\x83\x98",
                                         "\xEF\x81\xB6",
                                         "\xEF\x83\xBC",
                                         "*",
                                         "+",
                                         "\xE2\x97\x8F",
                                         "\xE2\x96\xAA",
                                         "\xE2\x97\xA6",
                                         "\xE2\x97\x8B",
                                         "\xE2\x9E\xA2",
                                         "\xE2\x96\xBA",
                                         "\xE2\x9C\x93",
                                         "\xE2\x88\x92",
                                         "\xE2\x80\x92"};
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        size_t l = strlen(dashes[i]);
        if (strncmp(s, dashes[i], l) != 0)
            continue;
        /* "-Tăng" and a glyph bullet glued to its text ("Tăng"), not a
           dash between numbers or words */
        bool glued = i == 0 || (i > 2 && (unsigned char)dashes[i][0] >= 0x80);
        bool ok = s[l] == ' ' || (s[l] != '\0' && !is_digit(s[l]) && s[l] != '-' &&
                                  planparse_first_case(s + l) == 1 && glued);
        if (!ok)
            return false;
        m->kind = strcmp(dashes[i], "+") == 0 ? PLANPARSE_MK_PLUS : PLANPARSE_MK_DASH;
        m->skip = skip_spaces(s, l);
        return true;
    }
    return false;
}

void planparse_marker(const char *s, planparse_marker_t *m)
{
    memset(m, 0, sizeof *m);
    m->kind = PLANPARSE_MK_BODY;
    if (bullet(s, m))
        return;
    size_t i = 0;
    while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
        i++;
    if (i > 0 && marker_end(s, i, false)) {
        int v = roman_value(s, i);
        if (v) {
            m->kind = PLANPARSE_MK_ROMAN;
            m->value = v;
            set_label(m, s, i);
            m->skip = skip_spaces(s, i + 1);
            return;
        }
    }
    /* "A. MỤC ĐÍCH" (upper-case letters as top-level sections) */
    if (s[0] >= 'A' && s[0] <= 'H' && s[1] == '.' && s[2] == ' ' &&
        planparse_first_case(s + 3) == 1) {
        m->kind = PLANPARSE_MK_ROMAN;
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
        m->kind = PLANPARSE_MK_NUM;
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
            m->kind = parts == 2 ? PLANPARSE_MK_NUM2 : PLANPARSE_MK_NUM3;
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
    /* "a) ", "b. Xây", and "c)Tăng" glued to a capital (PDF text layers) */
    if (l &&
        (s[l] == ')' || (s[l] == '.' && s[l + 1] == ' ' && planparse_first_case(s + l + 2) == 1)) &&
        (s[l + 1] == ' ' || s[l + 1] == '\0' ||
         (s[l] == ')' && planparse_first_case(s + l + 1) == 1))) {
        m->kind = PLANPARSE_MK_LETTER;
        m->value = l == 2 ? 5 : s[0] - 'a' + 1 + (s[0] > 'd');
        set_label(m, s, l);
        m->skip = skip_spaces(s, l + 1);
    }
}
