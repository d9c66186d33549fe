/* planparse_target.c - targets (chỉ tiêu): every measurable figure of a
 * targets paragraph, with its comparator, value(s), unit, indicator
 * (DOMAIN §4) and the clause that states it. */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- indicators ------------------------------------------------------------ */

struct ind_rule {
    const char *indicator;
    const char *all[3];  /* every phrase required */
    const char *any[6];  /* at least one required (when the first is set) */
    const char *none[3]; /* none allowed */
};

/* First match wins; phrases in key form. */
static const struct ind_rule rules[] = {
    {"feedback.on_time",
     {"phan anh"},
     {"dung han", "dung thoi han", "kip thoi", "xu ly", "tra loi", "giai quyet"},
     {NULL}},
    {"catalog.online_payment",
     {"thanh toan truc tuyen"},
     {"nghia vu tai chinh", "trien khai thanh toan", "duoc trien khai", "co phat sinh phi"},
     {NULL}},
    {"tthc.online_payment",
     {"thanh toan"},
     {"giao dich thanh toan", "thanh toan truc tuyen", "thanh toan dien tu",
      "thanh toan khong dung tien mat"},
     {NULL}},
    {"catalog.published",
     {"cong khai"},
     {"co so du lieu quoc gia", "csdl quoc gia", "cong dich vu cong", "tthc", "thu tuc hanh chinh"},
     {"ho so", "ket qua"}},
    {"catalog.online_service", {"du dieu kien"}, {"truc tuyen", "dich vu cong"}, {NULL}},
    {"catalog.online_service",
     {"cung cap"},
     {"dich vu cong truc tuyen", "dvc truc tuyen", "dvctt"},
     {NULL}},
    {"tthc.full_online", {"toan trinh", "ho so"}, {NULL}, {NULL}},
    {"tthc.digitized", {"ho so va ket qua", "so hoa"}, {NULL}, {NULL}},
    {"tthc.digitized_result", {"so hoa ket qua"}, {NULL}, {NULL}},
    {"tthc.digitized_result",
     {"ket qua", "so hoa"},
     {"ket qua giai quyet tthc duoc so hoa", "ket qua giai quyet thu tuc hanh chinh duoc so hoa"},
     {NULL}},
    {"tthc.digitized", {"so hoa"}, {"ho so", "thanh phan"}, {NULL}},
    {"tthc.on_time", {"dung han"}, {"ho so", "tthc", "thu tuc hanh chinh", "giai quyet"}, {NULL}},
    {"tthc.on_time", {"qua han"}, {"ho so", "tthc", "thu tuc hanh chinh"}, {NULL}},
    {"tthc.early", {"truoc han"}, {NULL}, {NULL}},
    {"tthc.satisfaction", {"hai long"}, {"tthc", "thu tuc hanh chinh", "giai quyet ho so"}, {NULL}},
    {"tthc.online", {"truc tuyen", "ho so"}, {NULL}, {NULL}},
    {"office.e_files", {"ho so cong viec"}, {NULL}, {NULL}},
    {"office.e_files", {"ho so dien tu"}, {NULL}, {NULL}},
    {"office.e_reports", {"bao cao"}, {"he thong thong tin bao cao", "he thong bao cao"}, {NULL}},
    {"office.e_documents",
     {"van ban"},
     {"dien tu", "moi truong mang", "ky so", "truc tuyen"},
     {NULL}},
    {"office.e_documents", {"trao doi"}, {"moi truong mang", "dien tu"}, {NULL}},
    {"staff.right_position", {"vi tri viec lam"}, {"bo tri", "dung", "phu hop", "theo"}, {NULL}},
    {"staff.trained", {"dao tao"}, {NULL}, {NULL}},
    {"staff.trained", {"boi duong"}, {NULL}, {NULL}},
    {"finance.disbursement", {"giai ngan"}, {NULL}, {NULL}},
};

const char *planparse_indicator(const char *key)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        const struct ind_rule *r = &rules[i];
        bool ok = true;
        for (size_t a = 0; ok && a < 3 && r->all[a]; a++)
            ok = planparse_has(key, r->all[a]);
        for (size_t a = 0; ok && a < 3 && r->none[a]; a++)
            ok = !planparse_has(key, r->none[a]);
        if (ok && r->any[0]) {
            bool one = false;
            for (size_t a = 0; !one && a < 6 && r->any[a]; a++)
                one = planparse_has(key, r->any[a]);
            ok = one;
        }
        if (ok)
            return r->indicator;
    }
    return "other";
}

/* ---- figures ----------------------------------------------------------------- */

typedef struct figure {
    size_t start, end; /* bytes of the figure (comparator words excluded) */
    double value, value_max;
    planparse_op_t op;
    char unit[48];
} figure_t;

static bool digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Parses a number at s ("95", "99,5", "1.000"); returns bytes used or 0. */
static size_t number(const char *s, double *v)
{
    size_t i = 0;
    double x = 0;
    while (i < 12 && digit(s[i]))
        x = x * 10 + (s[i++] - '0');
    if (!i)
        return 0;
    if ((s[i] == ',' || s[i] == '.') && digit(s[i + 1])) {
        size_t j = i + 1, k = 0;
        while (digit(s[j + k]))
            k++;
        if (s[i] == '.' && k == 3) { /* thousands */
            for (size_t m = 0; m < 3; m++)
                x = x * 10 + (s[j + m] - '0');
            i = j + 3;
        } else if (k <= 3) {
            double f = 0.1;
            for (size_t m = 0; m < k; m++, f /= 10)
                x += (s[j + m] - '0') * f;
            i = j + k;
        }
    }
    *v = x;
    return i;
}

/* Lower-cased word before position p (ASCII fold of the key), into w. */
static void word_before(const char *key, size_t p, size_t nth, char *w, size_t cap)
{
    w[0] = '\0';
    size_t e = p;
    for (size_t n = 0; n <= nth; n++) {
        while (e > 0 && key[e - 1] == ' ')
            e--;
        size_t s = e;
        while (s > 0 && key[s - 1] != ' ')
            s--;
        if (s == e)
            return;
        if (n == nth) {
            size_t l = e - s < cap - 1 ? e - s : cap - 1;
            memcpy(w, key + s, l);
            w[l] = '\0';
            return;
        }
        e = s;
    }
}

/* Count units recognised after a number (key form -> as written is taken
 * from the source text). */
static const char *const count_units[] = {
    "sang kien", "phuong an", "cuoc",  "van ban",  "ho so",     "tthc",         "thu tuc",
    "lop",       "dot",       "lan",   "don vi",   "co quan",   "mo hinh",      "giai phap",
    "de an",     "dich vu",   "nguoi", "can bo",   "cong chuc", "doanh nghiep", "diem",
    "bai",       "tin bai",   "tin",   "hoi nghi", "buoi",      "xa",           "huyen",
    "nhiem vu",  "chi tieu",  "bac",   "hang",     "ty dong",   "trieu dong",   "phong"};

/* Whether the number at position i of the text is a date, a year, a legal
 * reference or an ordinal rather than a figure. */
static bool not_a_figure(const char *t, size_t i, size_t end, const char *key_before)
{
    char nx = t[end];
    if (nx == '/' || (nx == '-' && digit(t[end + 1])) || (nx == '-' && t[end + 1] != ' '))
        return true;
    if (i > 0 && (t[i - 1] == '/' || t[i - 1] == '-' || t[i - 1] == '.'))
        return true;
    static const char *const refs[] = {
        "so",      "ngay",    "thang",     "nam",        "dieu",      "khoan", "muc",
        "diem",    "doan",    "nghi dinh", "quyet dinh", "giai doan", "quy",   "tu nam",
        "den nam", "phu luc", "thong tu",  "luat",       "lan thu",   "khoa",  "cap do"};
    for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++) {
        size_t l = strlen(refs[r]), kl = strlen(key_before);
        if (kl >= l && strcmp(key_before + kl - l, refs[r]) == 0 &&
            (kl == l || key_before[kl - l - 1] == ' '))
            return true;
    }
    return false;
}

static planparse_op_t op_before(const char *kb)
{
    char w1[32], w2[32], w3[32];
    size_t n = strlen(kb);
    word_before(kb, n, 0, w1, sizeof w1);
    word_before(kb, n, 1, w2, sizeof w2);
    word_before(kb, n, 2, w3, sizeof w3);
    if (strcmp(w1, "tren") == 0 || strcmp(w1, "hon") == 0 || strcmp(w1, "vuot") == 0)
        return strcmp(w2, "khong") == 0 ? PLANPARSE_OP_LE : PLANPARSE_OP_GT;
    if (strcmp(w1, "duoi") == 0)
        return strcmp(w2, "khong") == 0 ? PLANPARSE_OP_GE : PLANPARSE_OP_LT;
    if ((strcmp(w1, "da") == 0 && strcmp(w2, "toi") == 0) ||
        (strcmp(w1, "qua") == 0 && strcmp(w2, "khong") == 0) ||
        (strcmp(w1, "qua") == 0 && strcmp(w2, "vuot") == 0 && strcmp(w3, "khong") == 0))
        return PLANPARSE_OP_LE;
    if (strcmp(w1, "bang") == 0)
        return PLANPARSE_OP_EQ;
    if (strcmp(w1, "hon") == 0 && (strcmp(w2, "thap") == 0 || strcmp(w2, "it") == 0))
        return strcmp(w3, "khong") == 0 ? PLANPARSE_OP_GE : PLANPARSE_OP_LT;
    return PLANPARSE_OP_GE; /* "tối thiểu", "ít nhất", "từ … trở lên", "đạt", or a bare figure */
}

/* Finds the figures of sentence t; key-based look-behind for comparators. */
static size_t find_figures(const char *t, figure_t *f, size_t max)
{
    size_t nf = 0, n = strlen(t);
    for (size_t i = 0; i < n && nf < max; i++) {
        if (!digit(t[i]) || (i > 0 && (digit(t[i - 1]) || t[i - 1] == ',' || t[i - 1] == '.')))
            continue;
        double v, v2 = 0;
        size_t l = number(t + i, &v);
        size_t end = i + l, vend = end;
        bool range = false;
        /* "07–09", "07 - 09", "từ 80% đến 90%" */
        size_t j = end;
        if (t[j] == '%')
            j++;
        size_t k = j;
        while (t[k] == ' ')
            k++;
        size_t dash = 0;
        if (t[k] == '-')
            dash = 1;
        else if (strncmp(t + k, "\xE2\x80\x93", 3) == 0)
            dash = 3;
        else if (strncmp(t + k, "đến ", strlen("đến ")) == 0)
            dash = strlen("đến ");
        if (dash) {
            size_t m = k + dash;
            while (t[m] == ' ')
                m++;
            size_t l2 = digit(t[m]) ? number(t + m, &v2) : 0;
            if (l2 && v2 > v) {
                range = true;
                vend = m + l2;
            }
        }
        char *kb = planparse_keyn(t, i);
        if (!kb)
            return nf;
        bool skip = not_a_figure(t, i, end, kb);
        figure_t g = {.start = i, .value = v, .value_max = v2};
        size_t after = vend;
        if (t[after] == '%' || (after + 1 < n && t[after] == ' ' && t[after + 1] == '%')) {
            after += t[after] == '%' ? 1 : 2;
            memcpy(g.unit, "%", 2);
        } else {
            /* a count: the unit words that follow */
            size_t u = after;
            while (t[u] == ' ')
                u++;
            char *ku = planparse_keyn(t + u, n - u > 40 ? 40 : n - u);
            bool found = false;
            for (size_t c = 0; ku && !found && c < sizeof count_units / sizeof count_units[0];
                 c++) {
                if (!planparse_starts(ku, count_units[c]))
                    continue;
                /* copy as many source words as the unit has */
                size_t words = planparse_words(count_units[c]), e2 = u;
                for (size_t w = 0; w < words; w++) {
                    while (t[e2] && t[e2] != ' ' && t[e2] != ',' && t[e2] != ';' && t[e2] != '.')
                        e2++;
                    if (w + 1 < words)
                        while (t[e2] == ' ')
                            e2++;
                }
                size_t ul = e2 - u < sizeof g.unit - 1 ? e2 - u : sizeof g.unit - 1;
                memcpy(g.unit, t + u, ul);
                g.unit[ul] = '\0';
                after = e2;
                found = true;
            }
            mem_free(ku);
            /* a bare count needs a comparator word or a range to be a target */
            char w1[32];
            word_before(kb, strlen(kb), 0, w1, sizeof w1);
            bool cmp = range || strcmp(w1, "toi") == 0 || strcmp(w1, "thieu") == 0 ||
                       strcmp(w1, "nhat") == 0 || strcmp(w1, "tren") == 0 ||
                       strcmp(w1, "dat") == 0 || strcmp(w1, "tu") == 0 || strcmp(w1, "da") == 0 ||
                       strcmp(w1, "qua") == 0 || strcmp(w1, "duoi") == 0 || strcmp(w1, "co") == 0 ||
                       strcmp(w1, "hon") == 0 || (t[i] == '0' && l == 2);
            if (!found || !cmp || (v >= 1900 && v <= 2199 && l == 4))
                skip = true;
        }
        if (!skip) {
            g.op = range ? PLANPARSE_OP_BETWEEN : op_before(kb);
            /* "từ 60% trở lên", "90% trở xuống" */
            char *ka = planparse_keyn(t + after, n - after > 24 ? 24 : n - after);
            if (ka && !range) {
                if (planparse_starts(ka, "tro len"))
                    g.op = PLANPARSE_OP_GE;
                else if (planparse_starts(ka, "tro xuong"))
                    g.op = PLANPARSE_OP_LE;
            }
            mem_free(ka);
            g.end = after;
            f[nf++] = g;
        }
        mem_free(kb);
        i = (range ? vend : end);
    }
    return nf;
}

/* Whether ". " at i ends a sentence: a capital follows, or a figure after
 * a word or a year ("… thực tế. 100% …", "năm 2024. 95% …"), not a number
 * broken by a stray space ("1. 000"). */
static bool ends_sentence(const char *t, size_t i)
{
    if (t[i] != '.' || t[i + 1] != ' ')
        return false;
    if (planparse_first_case(t + i + 2) == 1)
        return !(i > 0 && digit(t[i - 1]) && digit(t[i + 2]));
    if (!digit(t[i + 2]))
        return false;
    size_t d = 0;
    while (d < i && digit(t[i - 1 - d]))
        d++;
    return d == 0 ? i > 0 && t[i - 1] != ' ' : d >= 4;
}

/* Sentence boundaries: see ends_sentence, or the end. */
static size_t sentence_end(const char *t, size_t from)
{
    for (size_t i = from; t[i]; i++)
        if (ends_sentence(t, i))
            return i + 1;
    return strlen(t);
}

/* Start of the clause of figure k: the last ';' (else ',') between the
 * previous figure and this one, skipping the comparator words. */
static size_t clause_start(const char *t, size_t lo, size_t fig)
{
    size_t semi = 0, comma = 0;
    for (size_t i = lo; i < fig; i++) {
        if (t[i] == ';')
            semi = i + 1;
        else if (t[i] == ',')
            comma = i + 1;
    }
    size_t s = semi ? semi : comma ? comma : lo;
    while (t[s] == ' ')
        s++;
    return s;
}

/* Satisfaction without its object in the clause ("phấn đấu sự hài lòng …
 * đạt từ 94%") is about procedures when its sentence is (names TTHC or
 * dossiers) and the clause does not name the general service (SIPAS). */
static const char *satisfaction(const char *ind, const char *clause_key, const char *sent_key)
{
    if (strcmp(ind, "other") != 0 || !planparse_has(clause_key, "hai long"))
        return ind;
    if (planparse_has(clause_key, "su phuc vu") || planparse_has(clause_key, "sipas"))
        return ind;
    if (planparse_has(sent_key, "tthc") || planparse_has(sent_key, "thu tuc hanh chinh") ||
        planparse_has(sent_key, "ho so"))
        return "tthc.satisfaction";
    return ind;
}

static int emit(planparse_ctx_t *c, const char *t, size_t s, size_t e, const figure_t *g,
                planparse_pos_t pos, planparse_area_t area)
{
    while (e > s && strchr(" ;,.", t[e - 1]))
        e--;
    /* a clause cut after the previous figure: "… 50% và 100% TTHC …" */
    static const char *const joins[] = {"và ", "đồng thời ", "trong đó ", "với "};
    for (size_t j = 0; j < sizeof joins / sizeof joins[0]; j++)
        if (e - s > strlen(joins[j]) && strncmp(t + s, joins[j], strlen(joins[j])) == 0)
            s += strlen(joins[j]);
    planparse_target_t x = {.area = area, .op = g->op, .value = g->value, .pos = pos};
    x.value_max = g->op == PLANPARSE_OP_BETWEEN ? g->value_max : 0;
    x.text = planparse_strndup(c, t + s, e - s);
    x.unit = planparse_strdup(c, g->unit);
    char *key = x.text ? planparse_key(x.text) : NULL;
    if (!x.text || !x.unit || !key) {
        mem_free(x.text);
        mem_free(x.unit);
        mem_free(key);
        planparse_nomem(c);
        return ERR_NOMEM;
    }
    x.indicator = planparse_indicator(key);
    char *sent_key = planparse_key(t);
    if (!sent_key) {
        mem_free(x.text);
        mem_free(x.unit);
        mem_free(key);
        planparse_nomem(c);
        return ERR_NOMEM;
    }
    x.indicator = satisfaction(x.indicator, key, sent_key);
    mem_free(sent_key);
    mem_free(key);
    if (x.area == PLANPARSE_AREA_NONE) {
        const char *ind = x.indicator;
        if (strncmp(ind, "tthc.", 5) == 0 || strncmp(ind, "catalog.", 8) == 0 ||
            strncmp(ind, "feedback.", 9) == 0)
            x.area = PLANPARSE_AREA_TTHC;
        else if (strncmp(ind, "office.", 7) == 0)
            x.area = PLANPARSE_AREA_SO;
        else if (strcmp(ind, "staff.right_position") == 0)
            x.area = PLANPARSE_AREA_CONGVU;
        else if (strcmp(ind, "staff.trained") == 0)
            x.area = PLANPARSE_AREA_CONGVU;
        else if (strcmp(ind, "finance.disbursement") == 0)
            x.area = PLANPARSE_AREA_TAICHINH;
        else
            x.area = planparse_area_classify(x.text, NULL);
    }
    return planparse_push_target(c, &x);
}

int planparse_targets_para(planparse_ctx_t *c, const char *text, planparse_pos_t pos,
                           planparse_area_t area)
{
    /* skip a bullet or numbering marker */
    planparse_marker_t m;
    planparse_marker(text, &m);
    const char *t = text + (m.kind != PLANPARSE_MK_BODY ? m.skip : 0);
    int rc = 0;
    for (size_t s = 0; !rc && t[s];) {
        size_t e = sentence_end(t, s);
        char *sent = planparse_strndup(c, t + s, e - s);
        if (!sent)
            return ERR_NOMEM;
        figure_t f[16];
        size_t nf = find_figures(sent, f, 16);
        for (size_t k = 0; !rc && k < nf; k++) {
            size_t lo = k == 0 ? 0 : f[k - 1].end;
            size_t cs = k == 0 ? 0 : clause_start(sent, lo, f[k].start);
            size_t ce = k + 1 < nf ? clause_start(sent, f[k].end, f[k + 1].start) : strlen(sent);
            /* the next clause begins with its comparator: cut before it */
            rc = emit(c, sent, cs, ce, &f[k], pos, area);
        }
        mem_free(sent);
        s = e;
        while (t[s] == ' ')
            s++;
    }
    return rc;
}
