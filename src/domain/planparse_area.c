/* planparse_area.c - the eight reform areas (DOMAIN §2) recognised from
 * headings and sentences, and the kinds of plan sections. */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

static const char *const codes[PLANPARSE_AREA_COUNT] = {
    NULL, "chidao", "theche", "tthc", "bomay", "congvu", "taichinh", "so", "tacdong"};

static const char *const labels[PLANPARSE_AREA_COUNT] = {
    "",
    "Công tác chỉ đạo, điều hành CCHC",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế – xã hội"};

const char *planparse_area_code(planparse_area_t a)
{
    return a > PLANPARSE_AREA_NONE && a < PLANPARSE_AREA_COUNT ? codes[a] : NULL;
}

const char *planparse_area_label_vi(planparse_area_t a)
{
    return a > PLANPARSE_AREA_NONE && a < PLANPARSE_AREA_COUNT ? labels[a] : "";
}

int planparse_area_parse(const char *code, planparse_area_t *out)
{
    for (int a = 1; code && a < PLANPARSE_AREA_COUNT; a++)
        if (strcmp(code, codes[a]) == 0) {
            *out = (planparse_area_t)a;
            return 0;
        }
    return ERR_INVALID;
}

/* Phrases in key form. strong = the phrase is a name of the area. */
struct area_pat {
    planparse_area_t area;
    bool strong;
    const char *phrase;
};

static const struct area_pat pats[] = {
    {PLANPARSE_AREA_CHIDAO, true, "cong tac chi dao dieu hanh"},
    {PLANPARSE_AREA_CHIDAO, true, "chi dao dieu hanh"},
    {PLANPARSE_AREA_CHIDAO, true, "chi dao va dieu hanh"},
    {PLANPARSE_AREA_CHIDAO, true, "cong tac chi dao"},
    {PLANPARSE_AREA_CHIDAO, true, "lanh dao chi dao"},
    {PLANPARSE_AREA_CHIDAO, false, "tuyen truyen"},
    {PLANPARSE_AREA_CHIDAO, false, "thi dua"},
    {PLANPARSE_AREA_CHIDAO, false, "sang kien"},
    {PLANPARSE_AREA_CHIDAO, false, "kiem tra cong tac cai cach hanh chinh"},
    {PLANPARSE_AREA_CHIDAO, false, "kiem tra cong tac cchc"},
    {PLANPARSE_AREA_CHIDAO, false, "kiem tra cai cach hanh chinh"},
    {PLANPARSE_AREA_CHIDAO, false, "kiem tra cchc"},
    {PLANPARSE_AREA_CHIDAO, false, "ke hoach cai cach hanh chinh"},
    {PLANPARSE_AREA_CHIDAO, false, "ke hoach cchc"},
    {PLANPARSE_AREA_CHIDAO, false, "chi so cai cach hanh chinh"},
    {PLANPARSE_AREA_CHIDAO, false, "chi so cchc"},
    {PLANPARSE_AREA_CHIDAO, false, "par index"},
    {PLANPARSE_AREA_THECHE, true, "cai cach the che"},
    {PLANPARSE_AREA_THECHE, true, "hoan thien the che"},
    {PLANPARSE_AREA_THECHE, true, "xay dung the che"},
    {PLANPARSE_AREA_THECHE, true, "xay dung va to chuc thi hanh phap luat"},
    {PLANPARSE_AREA_THECHE, true, "the che"},
    {PLANPARSE_AREA_THECHE, false, "van ban quy pham phap luat"},
    {PLANPARSE_AREA_THECHE, false, "qppl"},
    {PLANPARSE_AREA_THECHE, false, "thi hanh phap luat"},
    {PLANPARSE_AREA_THECHE, false, "pho bien giao duc phap luat"},
    {PLANPARSE_AREA_TTHC, true, "cai cach thu tuc hanh chinh"},
    {PLANPARSE_AREA_TTHC, true, "cai cach tthc"},
    {PLANPARSE_AREA_TTHC, true, "kiem soat thu tuc hanh chinh"},
    {PLANPARSE_AREA_TTHC, true, "kiem soat tthc"},
    {PLANPARSE_AREA_TTHC, false, "thu tuc hanh chinh"},
    {PLANPARSE_AREA_TTHC, false, "tthc"},
    {PLANPARSE_AREA_TTHC, false, "mot cua"},
    {PLANPARSE_AREA_TTHC, false, "tiep nhan va tra ket qua"},
    {PLANPARSE_AREA_TTHC, false, "phan anh kien nghi"},
    {PLANPARSE_AREA_BOMAY, true, "cai cach to chuc bo may"},
    {PLANPARSE_AREA_BOMAY, true, "cai cach bo may"},
    {PLANPARSE_AREA_BOMAY, true, "to chuc bo may"},
    {PLANPARSE_AREA_BOMAY, false, "bo may"},
    {PLANPARSE_AREA_BOMAY, false, "tinh gian bien che"},
    {PLANPARSE_AREA_CONGVU, true, "cai cach che do cong vu"},
    {PLANPARSE_AREA_CONGVU, true, "che do cong vu"},
    {PLANPARSE_AREA_CONGVU, true, "cai cach cong vu"},
    {PLANPARSE_AREA_CONGVU, false, "cong vu"},
    {PLANPARSE_AREA_CONGVU, false, "vi tri viec lam"},
    {PLANPARSE_AREA_CONGVU, false, "tuyen dung"},
    {PLANPARSE_AREA_CONGVU, false, "doi ngu can bo"},
    {PLANPARSE_AREA_CONGVU, false, "dao tao boi duong"},
    {PLANPARSE_AREA_CONGVU, false, "ky luat ky cuong"},
    {PLANPARSE_AREA_TAICHINH, true, "cai cach tai chinh cong"},
    {PLANPARSE_AREA_TAICHINH, true, "tai chinh cong"},
    {PLANPARSE_AREA_TAICHINH, false, "tu chu tai chinh"},
    {PLANPARSE_AREA_TAICHINH, false, "co che tu chu"},
    {PLANPARSE_AREA_TAICHINH, false, "ngan sach"},
    {PLANPARSE_AREA_TAICHINH, false, "dau tu cong"},
    {PLANPARSE_AREA_TAICHINH, false, "tai san cong"},
    {PLANPARSE_AREA_TAICHINH, false, "giai ngan"},
    {PLANPARSE_AREA_TAICHINH, false, "tai chinh"},
    {PLANPARSE_AREA_SO, true, "xay dung va phat trien chinh quyen dien tu chinh quyen so"},
    {PLANPARSE_AREA_SO, true, "xay dung va phat trien chinh phu dien tu chinh phu so"},
    {PLANPARSE_AREA_SO, true, "xay dung va phat trien chinh quyen dien tu"},
    {PLANPARSE_AREA_SO, true, "xay dung va phat trien chinh phu dien tu"},
    {PLANPARSE_AREA_SO, true, "xay dung chinh quyen dien tu"},
    {PLANPARSE_AREA_SO, true, "xay dung chinh phu dien tu"},
    {PLANPARSE_AREA_SO, true, "chinh quyen dien tu"},
    {PLANPARSE_AREA_SO, true, "chinh phu dien tu"},
    {PLANPARSE_AREA_SO, true, "chinh quyen so"},
    {PLANPARSE_AREA_SO, true, "chinh phu so"},
    {PLANPARSE_AREA_SO, true, "hien dai hoa hanh chinh"},
    {PLANPARSE_AREA_SO, true, "hien dai hoa nen hanh chinh"},
    {PLANPARSE_AREA_SO, true, "ung dung cong nghe thong tin"},
    {PLANPARSE_AREA_SO, true, "ung dung cntt"},
    {PLANPARSE_AREA_SO, true, "chuyen doi so"},
    {PLANPARSE_AREA_SO, false, "cong nghe thong tin"},
    {PLANPARSE_AREA_SO, false, "cntt"},
    {PLANPARSE_AREA_SO, false, "chu ky so"},
    {PLANPARSE_AREA_SO, false, "an toan thong tin"},
    {PLANPARSE_AREA_SO, false, "van ban dien tu"},
    {PLANPARSE_AREA_TACDONG, true,
     "tac dong cua cchc den nguoi dan to chuc va phat trien kinh te xa hoi"},
    {PLANPARSE_AREA_TACDONG, true,
     "tac dong cua cai cach hanh chinh den nguoi dan to chuc va phat trien kinh te xa hoi"},
    {PLANPARSE_AREA_TACDONG, true, "tac dong cua cai cach hanh chinh"},
    {PLANPARSE_AREA_TACDONG, true, "tac dong cua cchc"},
    {PLANPARSE_AREA_TACDONG, true, "danh gia tac dong"},
    {PLANPARSE_AREA_TACDONG, false, "su hai long"},
    {PLANPARSE_AREA_TACDONG, false, "muc do hai long"},
    {PLANPARSE_AREA_TACDONG, false, "sipas"},
    {PLANPARSE_AREA_TACDONG, false, "thu hut dau tu"},
    {PLANPARSE_AREA_TACDONG, false, "phat trien kinh te xa hoi"},
    {PLANPARSE_AREA_TACDONG, false, "nang luc canh tranh"},
};

/* Words that may surround an area name in a heading without making it a
 * sentence: "Tiếp tục đẩy mạnh cải cách thể chế". */
static const size_t slack_words = 8;

static planparse_area_t classify_key(const char *key, bool *strong)
{
    long best = -1;
    size_t best_len = 0;
    const struct area_pat *hit = NULL;
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        long at = planparse_find(key, pats[i].phrase);
        size_t len = strlen(pats[i].phrase);
        if (at < 0)
            continue;
        if (!hit || at < best || (at == best && len > best_len)) {
            hit = &pats[i];
            best = at;
            best_len = len;
        }
    }
    if (strong) {
        /* the longest strong name of that area found in the text */
        size_t longest = 0;
        for (size_t i = 0; hit && i < sizeof pats / sizeof pats[0]; i++)
            if (pats[i].area == hit->area && pats[i].strong && planparse_has(key, pats[i].phrase) &&
                planparse_words(pats[i].phrase) > longest)
                longest = planparse_words(pats[i].phrase);
        *strong = longest > 0 && planparse_words(key) <= longest + slack_words;
    }
    return hit ? hit->area : PLANPARSE_AREA_NONE;
}

planparse_area_t planparse_area_classify(const char *text, bool *strong)
{
    if (strong)
        *strong = false;
    if (!text)
        return PLANPARSE_AREA_NONE;
    planparse_marker_t m;
    planparse_marker(text, &m);
    char *key = planparse_key(text + (m.kind != PLANPARSE_MK_BODY ? m.skip : 0));
    if (!key)
        return PLANPARSE_AREA_NONE;
    planparse_area_t a = classify_key(key, strong);
    mem_free(key);
    return a;
}

/* "MỤC TIÊU", "CHỈ TIÊU", "CÁC CHỈ TIÊU CỤ THỂ", "MỘT SỐ CHỈ TIÊU CHỦ YẾU",
 * "NHỮNG MỤC TIÊU": a quantifier may come first. */
static bool targets_key(const char *key)
{
    static const char *const lead[] = {"cac ", "mot so ", "nhung ", "he thong "};
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (strncmp(key, lead[i], strlen(lead[i])) == 0) {
            key += strlen(lead[i]);
            break;
        }
    return planparse_starts(key, "muc tieu") || planparse_starts(key, "chi tieu");
}

int planparse_section_kind(const char *text)
{
    char *key = planparse_key(text);
    if (!key)
        return PLANPARSE_SECT_OTHER;
    int kind = PLANPARSE_SECT_OTHER;
    bool strong = false;
    if (planparse_starts(key, "phu luc"))
        kind = PLANPARSE_SECT_APPENDIX;
    else if (planparse_starts(key, "muc dich") || planparse_starts(key, "yeu cau") ||
             planparse_starts(key, "quan diem"))
        kind = PLANPARSE_SECT_PURPOSE;
    else if (targets_key(key))
        kind = PLANPARSE_SECT_TARGETS;
    else if (planparse_starts(key, "to chuc thuc hien") || planparse_starts(key, "trach nhiem") ||
             planparse_starts(key, "phan cong"))
        kind = PLANPARSE_SECT_ORG;
    else if (planparse_starts(key, "kinh phi"))
        kind = PLANPARSE_SECT_FUNDS;
    else if (planparse_starts(key, "che do thong tin") || planparse_starts(key, "che do bao cao") ||
             planparse_starts(key, "thong tin bao cao") || planparse_starts(key, "bao cao"))
        kind = PLANPARSE_SECT_REPORT;
    else if (planparse_has(key, "nhiem vu") || planparse_has(key, "giai phap") ||
             planparse_starts(key, "noi dung"))
        kind = PLANPARSE_SECT_TASKS;
    else if (classify_key(key, &strong) != PLANPARSE_AREA_NONE && strong)
        kind = PLANPARSE_SECT_AREA;
    mem_free(key);
    return kind;
}

bool planparse_is_target_heading(const char *text)
{
    char *key = planparse_key(text);
    bool yes = key && targets_key(key);
    mem_free(key);
    return yes;
}
