/* planparse_header.c - document information: number and symbol, type,
 * issuing body, place, date, title, year; a decision that issues a plan
 * gives way to the plan it issues. */
#include "domain/planparse_int.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Heads of organisation names, in key form. */
static const char *const unit_heads[] = {
    "so",        "phong",      "ban",         "vp",      "van phong",    "ubnd",      "uy ban",
    "trung tam", "thanh tra",  "cong an",     "dai",     "bao",          "ngan hang", "kho bac",
    "cuc",       "chi cuc",    "bo",          "hoi",     "lien doan",    "doan",      "mat tran",
    "ubmttq",    "co quan",    "toa an",      "vien",    "bao hiem",     "benh vien", "truong",
    "huyen uy",  "tinh uy",    "thanh uy",    "dang uy", "hdnd",         "hoi dong",  "chu tich",
    "giam doc",  "thu truong", "lanh dao",    "don vi",  "tong cong ty", "cong ty",   "phuong",
    "thi tran",  "tt",         "huyen",       "tinh",    "thanh pho",    "tp",        "tx",
    "thi xa",    "xa",         "to",          "bcd",     "bql",          "chi nhanh", "nganh",
    "cap",       "bch",        "ban chi dao", "quan",    "tong cuc",     "cac"};

/* Words that follow a head and make it an ordinary word: "bộ máy", "xã hội". */
static const char *const not_units[] = {"bo may",
                                        "xa hoi",
                                        "to chuc",
                                        "hoi nghi",
                                        "dai dien",
                                        "bao dam",
                                        "bao ve",
                                        "bao cao",
                                        "vien chuc",
                                        "cap phep",
                                        "tinh hinh",
                                        "tinh than",
                                        "truong hop",
                                        "doan ket",
                                        "don vi hanh chinh",
                                        "so hoa",
                                        "so lieu",
                                        "so luong",
                                        "ban hanh",
                                        "phong chong",
                                        "phong ngua",
                                        "cuc bo",
                                        "tt tt",
                                        "cap nhat",
                                        "huyen uy vien",
                                        "nganh nghe",
                                        "quan ly",
                                        "quan tam",
                                        "tinh gian",
                                        "cac cap",
                                        "cac linh vuc",
                                        "cac noi dung",
                                        "cac nhiem vu",
                                        "cac van ban",
                                        "cac chuong trinh",
                                        "cac hoat dong",
                                        "cac giai phap",
                                        "cac chi tieu",
                                        "cac thu tuc",
                                        "cac quy dinh",
                                        "cap co tham quyen",
                                        "so ho so",
                                        "phong trao",
                                        "truong thanh"};

static const char *const cac_ok[] = {"so",        "co quan",  "don vi",  "nganh",       "phong",
                                     "xa",        "huyen",    "ban",     "dia phuong",  "to chuc",
                                     "hoi",       "doan the", "tap the", "thanh vien",  "truong",
                                     "trung tam", "ubnd",     "uy ban",  "doanh nghiep"};

bool planparse_unit_head(const char *key)
{
    for (size_t i = 0; i < sizeof not_units / sizeof not_units[0]; i++)
        if (planparse_starts(key, not_units[i]))
            return false;
    for (size_t i = 0; i < sizeof unit_heads / sizeof unit_heads[0]; i++) {
        if (!planparse_starts(key, unit_heads[i]))
            continue;
        if (strcmp(unit_heads[i], "cac") != 0)
            return true;
        const char *rest = key + 3;
        while (*rest == ' ')
            rest++;
        for (size_t j = 0; j < sizeof cac_ok / sizeof cac_ok[0]; j++)
            if (planparse_starts(rest, cac_ok[j]))
                return true;
        return false;
    }
    return false;
}

/* ---- helpers ------------------------------------------------------------- */

static bool is_text(const planparse_ctx_t *c, size_t i)
{
    return i < c->npara && c->paras[i].kind == PLANPARSE_PARA_TEXT;
}

static const char *const type_words[][2] = {
    {"ke hoach", "KH"}, {"quyet dinh", "QĐ"}, {"chuong trinh", "CTr"},
    {"bao cao", "BC"},  {"cong van", "CV"},   {"thong bao", "TB"},
    {"chi thi", "CT"},  {"nghi quyet", "NQ"}, {"huong dan", "HD"}};

/* Index of the type word that starts the (upper-case) text, or -1. */
static int type_line(const char *text, size_t *skip)
{
    char *key = planparse_key(text);
    int found = -1;
    for (size_t i = 0; key && found < 0 && i < sizeof type_words / sizeof type_words[0]; i++)
        if (planparse_starts(key, type_words[i][0]))
            found = (int)i;
    mem_free(key);
    if (found < 0)
        return -1;
    /* the type word itself must be written in capitals: "KẾ HOẠCH …" */
    const char *p = text;
    int spaces = 0;
    while (*p && spaces < 2) {
        if (*p == ' ')
            spaces++;
        if (spaces < 2)
            p++;
    }
    char *word = mem_strndup(text, (size_t)(p - text));
    bool caps = word && planparse_all_caps(word);
    mem_free(word);
    if (!caps)
        return -1;
    *skip = (size_t)(p - text);
    while (text[*skip] == ' ' || text[*skip] == ':')
        (*skip)++;
    return found;
}

/* "Căn cứ", "(Kèm theo", headings, signatures …: the end of a title. A
 * long paragraph opening with a preamble verb ("Thực hiện …") ends it too. */
static bool title_stop(const planparse_para_t *p)
{
    if (p->kind != PLANPARSE_PARA_TEXT || p->mk.kind != PLANPARSE_MK_BODY ||
        strlen(p->text) > 400 || p->text[0] == '(')
        return true;
    if (strncmp(p->text, "Số", 3) == 0 && (p->text[3] == ':' || p->text[3] == ' '))
        return true;
    static const char *const hard[] = {"can cu",     "kem theo",     "ban hanh kem theo",
                                       "chu tich",   "pho chu tich", "giam doc",
                                       "truong ban", "kt",           "tm",
                                       "quyet dinh", "noi nhan",     "phu luc"};
    static const char *const soft[] = {"thuc hien", "nham",       "theo de nghi",
                                       "de",        "trien khai", "tiep tuc"};
    char *key = planparse_key(p->text);
    bool stop = !key;
    for (size_t i = 0; key && !stop && i < sizeof hard / sizeof hard[0]; i++)
        stop = planparse_starts(key, hard[i]);
    for (size_t i = 0; key && !stop && strlen(p->text) > 160 && i < sizeof soft / sizeof soft[0];
         i++)
        stop = planparse_starts(key, soft[i]);
    mem_free(key);
    return stop;
}

/* First 4-digit year after "năm" (or of "giai đoạn 2021-2025") in text. */
static int year_in(const char *text)
{
    if (!text)
        return 0;
    char *key = planparse_key(text);
    int year = 0;
    for (const char *p = key; p && *p && !year; p++) {
        bool nam = strncmp(p, "nam ", 4) == 0 && (p == key || p[-1] == ' ');
        bool gd = strncmp(p, "giai doan ", 10) == 0 && (p == key || p[-1] == ' ');
        if (!nam && !gd)
            continue;
        const char *q = p + (nam ? 4 : 10);
        if (strspn(q, "0123456789") == 4) {
            int y = (int)strtol(q, NULL, 10);
            if (y >= 1990 && y <= 2199)
                year = y;
        }
    }
    mem_free(key);
    return year;
}

/* ---- number, place and date ------------------------------------------------ */

static int take_number(planparse_ctx_t *c, const char *text)
{
    planparse_docinfo_t *d = &c->plan->doc;
    if (d->number)
        return 0;
    /* "Số: 2890/QĐ-UBND", "Số 12/KH-UBND", "Số: /KH-BQL" */
    if (strncmp(text, "Số", 3) != 0 && strncmp(text, "SỐ", 3) != 0)
        return 0;
    const char *p = text + 3;
    while (*p == ' ' || *p == ':')
        p++;
    const char *slash = strchr(p, '/');
    if (!slash)
        return 0;
    const char *end = slash;
    while (*end && *end != ' ')
        end++;
    const char *start = slash;
    while (start > p && start[-1] != ' ')
        start--;
    d->number = planparse_strndup(c, start, (size_t)(end - start));
    if (!d->number)
        return ERR_NOMEM;
    const char *t = slash + 1, *te = t;
    while (*te && *te != '-' && *te != ' ' && *te != '/')
        te++;
    if (te > t && !d->type) {
        d->type = planparse_strndup(c, t, (size_t)(te - t));
        if (!d->type)
            return ERR_NOMEM;
    }
    return 0;
}

/* "Vĩnh Long, ngày 18 tháng 12 năm 2023", "Hưng Yên, ngày   tháng 01 năm 2024". */
static int take_place_date(planparse_ctx_t *c, const char *text, planparse_pos_t pos)
{
    planparse_docinfo_t *d = &c->plan->doc;
    if (d->place)
        return 0;
    const char *at = strstr(text, ", ngày");
    if (!at)
        at = strstr(text, ", Ngày");
    if (!at)
        return 0;
    char *key = planparse_key(at + 2);
    if (!key)
        return ERR_NOMEM;
    int day = 0, month = 0, year = 0;
    const char *p = key + 4; /* after "ngay" */
    char *end;
    long v = strtol(p, &end, 10);
    if (end != p) {
        day = (int)v;
        p = end;
    }
    while (*p == ' ')
        p++;
    if (strncmp(p, "thang", 5) == 0) {
        p += 5;
        v = strtol(p, &end, 10);
        if (end != p) {
            month = (int)v;
            p = end;
        }
        while (*p == ' ')
            p++;
        if (strncmp(p, "nam", 3) == 0) {
            v = strtol(p + 3, &end, 10);
            if (end != p + 3)
                year = (int)v;
        }
    } else if (day && *p == ' ') {
        /* "ngày 18 12 2023" from "18/12/2023" (slashes fold to spaces) */
        long m2 = strtol(p, &end, 10);
        if (end != p) {
            month = (int)m2;
            p = end;
            year = (int)strtol(p, &end, 10);
        }
    }
    mem_free(key);
    if (year < 1990 || year > 2199)
        return 0;
    /* place: the words before ", ngày", at most five, starting upper case */
    const char *ps = at;
    int words = 0;
    while (ps > text && words < 5) {
        const char *w = ps;
        while (w > text && w[-1] == ' ')
            w--;
        const char *ws = w;
        while (ws > text && ws[-1] != ' ')
            ws--;
        if (ws == w || planparse_first_case(ws) != 1)
            break;
        ps = ws;
        words++;
    }
    if (words > 0) {
        d->place = planparse_strndup(c, ps, (size_t)(at - ps));
        if (!d->place)
            return ERR_NOMEM;
    }
    if (date_valid_ymd(year, month, day))
        d->date = date_from_ymd(year, month, day);
    else
        planparse_warn(c, pos, "plan.date_incomplete",
                       "Ngày ban hành không đầy đủ ('%s'): chỉ lấy năm %d",
                       "Incomplete date of issue ('%s'): only the year %d is used", text, year);
    if (!c->year)
        c->year = year; /* provisional, refined from the title */
    return 0;
}

/* ---- issuer ---------------------------------------------------------------- */

static bool motto(const char *key)
{
    return planparse_starts(key, "cong hoa xa hoi") || planparse_starts(key, "doc lap tu do") ||
           planparse_starts(key, "chu nghia viet nam");
}

/* Keeps the lowest body of a letterhead: "UBND TỈNH HƯNG YÊN BAN QUẢN LÝ …"
 * gives "BAN QUẢN LÝ …". Returns a pointer into text. */
static const char *lowest_body(const char *text)
{
    const char *best = text, *p = text;
    bool first = true;
    while (*p) {
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (!first) {
            char *key = planparse_key(w);
            if (key && planparse_unit_head(key) && !planparse_starts(key, "tinh") &&
                !planparse_starts(key, "huyen") && !planparse_starts(key, "xa") &&
                !planparse_starts(key, "tp") && !planparse_starts(key, "thanh pho") &&
                !planparse_starts(key, "phuong") && !planparse_starts(key, "thi xa") &&
                !planparse_starts(key, "nhan dan") && !planparse_starts(key, "cac") &&
                !planparse_starts(key, "ban nhan"))
                best = w;
            mem_free(key);
        }
        first = false;
        while (*p == ' ')
            p++;
    }
    return best;
}

static int issuer_from_letterhead(planparse_ctx_t *c, size_t upto)
{
    planparse_docinfo_t *d = &c->plan->doc;
    for (size_t i = 0; i < upto && i < 12 && !d->issuer; i++) {
        if (!is_text(c, i))
            continue;
        const char *t = c->paras[i].text;
        char *key = planparse_key(t);
        if (!key)
            return ERR_NOMEM;
        bool unitish = !motto(key) && strncmp(t, "Số", 3) != 0 && !strstr(t, ", ngày") &&
                       planparse_unit_head(key) && type_line(t, &(size_t){0}) < 0;
        mem_free(key);
        if (!unitish)
            continue;
        /* cut a motto glued on the same line by a PDF reader */
        const char *cut = strstr(t, "CỘNG HÒA");
        size_t n = cut ? (size_t)(cut - t) : strlen(t);
        char *s = planparse_strndup(c, t, n);
        if (!s)
            return ERR_NOMEM;
        /* and the rule under the letterhead ("… VĨNH LONG -------") */
        size_t sl = strlen(s);
        while (sl && strchr("-_ ", s[sl - 1]))
            sl--;
        s[sl] = '\0';
        planparse_trim_end(s);
        const char *low = lowest_body(s);
        d->issuer = planparse_strdup(c, low);
        mem_free(s);
        if (!d->issuer)
            return ERR_NOMEM;
    }
    return 0;
}

/* Removes "(UBND)"-like parentheses, in place. */
static void drop_parens(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (*p == '(') {
            char *q = strchr(p, ')');
            if (q) {
                p = q + 1;
                continue;
            }
        }
        *o++ = *p++;
    }
    *o = '\0';
    /* collapse double spaces left behind */
    o = s;
    for (char *p = s; *p; p++)
        if (!(*p == ' ' && (o == s || o[-1] == ' ')))
            *o++ = *p;
    *o = '\0';
    planparse_trim_end(s);
}

/* "…, Ban Quản lý các Khu công nghiệp xây dựng kế hoạch …" */
static int issuer_from_body(planparse_ctx_t *c, size_t from)
{
    static const char *const verbs[] = {" xây dựng kế hoạch", " ban hành kế hoạch",
                                        " xây dựng và ban hành kế hoạch", " ban hành kế hoạch"};
    planparse_docinfo_t *d = &c->plan->doc;
    for (size_t i = from; i < c->npara && i < from + 12 && !d->issuer; i++) {
        if (!is_text(c, i) || c->paras[i].mk.kind == PLANPARSE_MK_ROMAN)
            break;
        const char *t = c->paras[i].text;
        char *low = text_lower(t, strlen(t), NULL);
        if (!low)
            return ERR_NOMEM;
        const char *hit = NULL;
        for (size_t v = 0; !hit && v < sizeof verbs / sizeof verbs[0]; v++)
            hit = strstr(low, verbs[v]);
        if (hit && strlen(low) == strlen(t)) {
            size_t end = (size_t)(hit - low), start = end;
            while (start > 0 && !(t[start - 1] == ' ' && start >= 2 &&
                                  (t[start - 2] == ',' || t[start - 2] == ';')))
                start--;
            char *cand = planparse_strndup(c, t + start, end - start);
            if (!cand) {
                mem_free(low);
                return ERR_NOMEM;
            }
            drop_parens(cand);
            char *key = planparse_key(cand);
            if (key && planparse_unit_head(key) && planparse_words(key) <= 15)
                d->issuer = cand;
            else
                mem_free(cand);
            mem_free(key);
        }
        mem_free(low);
    }
    return 0;
}

/* ---- title and decision -------------------------------------------------- */

/* Title from the type line at i (text after the type word) and the lines
 * that follow; *next gets the first paragraph after the title. */
static char *collect_title(planparse_ctx_t *c, size_t i, size_t skip, size_t *next)
{
    const char *first = c->paras[i].text + skip;
    bool skip_text = *first != '\0';
    buf_t b;
    buf_init(&b, PLANPARSE_MAX_PARA);
    int rc = buf_puts(&b, first);
    size_t j = i + 1;
    for (int lines = 0; !rc && j < c->npara && lines < 4; j++, lines++) {
        const planparse_para_t *p = &c->paras[j];
        if (title_stop(p))
            break;
        /* a title line is in capitals, or follows a bare type line directly */
        if (!p->caps && (lines > 0 || skip_text))
            break;
        if (b.len)
            rc = buf_putc(&b, ' ');
        if (!rc)
            rc = buf_puts(&b, p->text);
    }
    char *t = rc ? NULL : mem_strdup(buf_cstr(&b));
    buf_release(&b);
    if (!t)
        planparse_nomem(c);
    /* "(Kèm theo Quyết định số …)" belongs to the title block */
    while (j < c->npara && is_text(c, j) && c->paras[j].text[0] == '(' &&
           strstr(c->paras[j].text, "theo"))
        j++;
    *next = j;
    if (t)
        planparse_trim_end(t);
    if (t && !*t) {
        mem_free(t);
        t = NULL;
    }
    return t;
}

static bool issues_plan(const char *title)
{
    char *key = title ? planparse_key(title) : NULL;
    bool yes = key && (planparse_has(key, "ban hanh ke hoach") ||
                       planparse_has(key, "phe duyet ke hoach") ||
                       planparse_has(key, "ban hanh chuong trinh"));
    mem_free(key);
    return yes;
}

int planparse_header(planparse_ctx_t *c)
{
    planparse_docinfo_t *d = &c->plan->doc;
    size_t limit = c->npara < 120 ? c->npara : 120, tl = limit, skip = 0;
    int type = -1;
    for (size_t i = 0; i < limit; i++) {
        if (!is_text(c, i))
            continue;
        if (c->paras[i].mk.kind == PLANPARSE_MK_ROMAN)
            break;
        if (type >= 0)
            continue;
        type = type_line(c->paras[i].text, &skip);
        if (type >= 0)
            tl = i;
    }
    /* number, place and date: before the title, or just after it */
    size_t hdr_end = type >= 0 ? tl + 8 : 20;
    for (size_t i = 0; i < c->npara && i < hdr_end; i++) {
        if (!is_text(c, i))
            continue;
        int rc = take_number(c, c->paras[i].text);
        if (!rc)
            rc = take_place_date(c, c->paras[i].text, c->paras[i].pos);
        if (rc)
            return rc;
    }
    int rc = issuer_from_letterhead(c, type >= 0 ? tl : 12);
    if (rc)
        return rc;
    if (type < 0) {
        c->body = 0;
        planparse_warn(c, (planparse_pos_t){0, 0}, "plan.no_title",
                       "Không thấy tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH…) ở đầu tài liệu",
                       "No document type line (KẾ HOẠCH, QUYẾT ĐỊNH…) at the top of the document");
    } else {
        if (!d->type) {
            d->type = planparse_strdup(c, type_words[type][1]);
            if (!d->type)
                return ERR_NOMEM;
        }
        size_t next;
        char *title = collect_title(c, tl, skip, &next);
        if (c->rc)
            return c->rc;
        c->body = next;
        if (type == 1 && issues_plan(title)) {
            d->decision_title = title;
            d->decision_number = d->number ? planparse_strdup(c, d->number) : NULL;
            /* the plan that the decision issues */
            for (size_t i = next; i < c->npara; i++) {
                size_t s2;
                if (is_text(c, i) && type_line(c->paras[i].text, &s2) == 0) {
                    d->title = collect_title(c, i, s2, &c->body);
                    break;
                }
            }
            if (!d->title) {
                const char *t = strstr(title, "KẾ HOẠCH");
                if (t) {
                    t += strlen("KẾ HOẠCH");
                    while (*t == ' ')
                        t++;
                }
                d->title = planparse_strdup(c, t && *t ? t : title);
            }
        } else {
            d->title = title;
        }
    }
    if (c->rc)
        return c->rc;
    if (!d->issuer) {
        rc = issuer_from_body(c, c->body);
        if (rc)
            return rc;
    }
    int y = year_in(d->title);
    if (!y)
        y = year_in(d->decision_title);
    if (!y && d->date != DATE_NONE)
        y = date_year(d->date);
    if (!y)
        y = c->year;
    if (c->opt.year > 0)
        y = c->opt.year;
    d->year = y;
    c->year = y;
    if (!d->issuer)
        planparse_warn(c, (planparse_pos_t){0, 0}, "plan.no_issuer",
                       "Không xác định được cơ quan ban hành", "The issuing body was not found");
    if (!y)
        planparse_warn(c, (planparse_pos_t){0, 0}, "plan.no_year",
                       "Không xác định được năm của kế hoạch; hãy chỉ định --year",
                       "The plan's year was not found; give --year");
    return 0;
}
