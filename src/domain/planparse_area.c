/* planparse_area.c - the eight reform areas (DOMAIN §2) recognised from
 * headings and sentences, and the kinds of plan sections. */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

static const char *const codes[PP_AREA_COUNT] = {NULL,     "chidao",   "theche", "tthc",   "bomay",
                                                 "congvu", "taichinh", "so",     "tacdong"};

static const char *const labels[PP_AREA_COUNT] = {
    "",
    "Công tác chỉ đạo, điều hành CCHC",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế – xã hội"};

const char *pp_area_code(pp_area_t a)
{
    return a > PP_AREA_NONE && a < PP_AREA_COUNT ? codes[a] : NULL;
}

const char *pp_area_label_vi(pp_area_t a)
{
    return a > PP_AREA_NONE && a < PP_AREA_COUNT ? labels[a] : "";
}

int pp_area_parse(const char *code, pp_area_t *out)
{
    for (int a = 1; code && a < PP_AREA_COUNT; a++)
        if (strcmp(code, codes[a]) == 0) {
            *out = (pp_area_t)a;
            return 0;
        }
    return ERR_INVALID;
}

/* Phrases in key form. strong = the phrase is a name of the area. */
struct area_pat {
    pp_area_t area;
    bool strong;
    const char *phrase;
};

static const struct area_pat pats[] = {
    {PP_AREA_CHIDAO, true, "cong tac chi dao dieu hanh"},
    {PP_AREA_CHIDAO, true, "chi dao dieu hanh"},
    {PP_AREA_CHIDAO, true, "chi dao va dieu hanh"},
    {PP_AREA_CHIDAO, true, "cong tac chi dao"},
    {PP_AREA_CHIDAO, true, "lanh dao chi dao"},
    {PP_AREA_CHIDAO, false, "tuyen truyen"},
    {PP_AREA_CHIDAO, false, "thi dua"},
    {PP_AREA_CHIDAO, false, "sang kien"},
    {PP_AREA_CHIDAO, false, "kiem tra cong tac cai cach hanh chinh"},
    {PP_AREA_CHIDAO, false, "kiem tra cong tac cchc"},
    {PP_AREA_CHIDAO, false, "kiem tra cai cach hanh chinh"},
    {PP_AREA_CHIDAO, false, "kiem tra cchc"},
    {PP_AREA_CHIDAO, false, "ke hoach cai cach hanh chinh"},
    {PP_AREA_CHIDAO, false, "ke hoach cchc"},
    {PP_AREA_CHIDAO, false, "chi so cai cach hanh chinh"},
    {PP_AREA_CHIDAO, false, "chi so cchc"},
    {PP_AREA_CHIDAO, false, "par index"},
    {PP_AREA_THECHE, true, "cai cach the che"},
    {PP_AREA_THECHE, true, "hoan thien the che"},
    {PP_AREA_THECHE, true, "xay dung the che"},
    {PP_AREA_THECHE, true, "xay dung va to chuc thi hanh phap luat"},
    {PP_AREA_THECHE, true, "the che"},
    {PP_AREA_THECHE, false, "van ban quy pham phap luat"},
    {PP_AREA_THECHE, false, "qppl"},
    {PP_AREA_THECHE, false, "thi hanh phap luat"},
    {PP_AREA_THECHE, false, "pho bien giao duc phap luat"},
    {PP_AREA_TTHC, true, "cai cach thu tuc hanh chinh"},
    {PP_AREA_TTHC, true, "cai cach tthc"},
    {PP_AREA_TTHC, true, "kiem soat thu tuc hanh chinh"},
    {PP_AREA_TTHC, true, "kiem soat tthc"},
    {PP_AREA_TTHC, false, "thu tuc hanh chinh"},
    {PP_AREA_TTHC, false, "tthc"},
    {PP_AREA_TTHC, false, "mot cua"},
    {PP_AREA_TTHC, false, "tiep nhan va tra ket qua"},
    {PP_AREA_TTHC, false, "phan anh kien nghi"},
    {PP_AREA_BOMAY, true, "cai cach to chuc bo may"},
    {PP_AREA_BOMAY, true, "cai cach bo may"},
    {PP_AREA_BOMAY, true, "to chuc bo may"},
    {PP_AREA_BOMAY, false, "bo may"},
    {PP_AREA_BOMAY, false, "tinh gian bien che"},
    {PP_AREA_CONGVU, true, "cai cach che do cong vu"},
    {PP_AREA_CONGVU, true, "che do cong vu"},
    {PP_AREA_CONGVU, true, "cai cach cong vu"},
    {PP_AREA_CONGVU, false, "cong vu"},
    {PP_AREA_CONGVU, false, "vi tri viec lam"},
    {PP_AREA_CONGVU, false, "tuyen dung"},
    {PP_AREA_CONGVU, false, "doi ngu can bo"},
    {PP_AREA_CONGVU, false, "dao tao boi duong"},
    {PP_AREA_CONGVU, false, "ky luat ky cuong"},
    {PP_AREA_TAICHINH, true, "cai cach tai chinh cong"},
    {PP_AREA_TAICHINH, true, "tai chinh cong"},
    {PP_AREA_TAICHINH, false, "tu chu tai chinh"},
    {PP_AREA_TAICHINH, false, "co che tu chu"},
    {PP_AREA_TAICHINH, false, "ngan sach"},
    {PP_AREA_TAICHINH, false, "dau tu cong"},
    {PP_AREA_TAICHINH, false, "tai san cong"},
    {PP_AREA_TAICHINH, false, "giai ngan"},
    {PP_AREA_TAICHINH, false, "tai chinh"},
    {PP_AREA_SO, true, "xay dung va phat trien chinh quyen dien tu chinh quyen so"},
    {PP_AREA_SO, true, "xay dung va phat trien chinh phu dien tu chinh phu so"},
    {PP_AREA_SO, true, "xay dung va phat trien chinh quyen dien tu"},
    {PP_AREA_SO, true, "xay dung va phat trien chinh phu dien tu"},
    {PP_AREA_SO, true, "xay dung chinh quyen dien tu"},
    {PP_AREA_SO, true, "xay dung chinh phu dien tu"},
    {PP_AREA_SO, true, "chinh quyen dien tu"},
    {PP_AREA_SO, true, "chinh phu dien tu"},
    {PP_AREA_SO, true, "chinh quyen so"},
    {PP_AREA_SO, true, "chinh phu so"},
    {PP_AREA_SO, true, "hien dai hoa hanh chinh"},
    {PP_AREA_SO, true, "hien dai hoa nen hanh chinh"},
    {PP_AREA_SO, true, "ung dung cong nghe thong tin"},
    {PP_AREA_SO, true, "ung dung cntt"},
    {PP_AREA_SO, true, "chuyen doi so"},
    {PP_AREA_SO, false, "cong nghe thong tin"},
    {PP_AREA_SO, false, "cntt"},
    {PP_AREA_SO, false, "chu ky so"},
    {PP_AREA_SO, false, "an toan thong tin"},
    {PP_AREA_SO, false, "van ban dien tu"},
    {PP_AREA_TACDONG, true, "tac dong cua cchc den nguoi dan to chuc va phat trien kinh te xa hoi"},
    {PP_AREA_TACDONG, true,
     "tac dong cua cai cach hanh chinh den nguoi dan to chuc va phat trien kinh te xa hoi"},
    {PP_AREA_TACDONG, true, "tac dong cua cai cach hanh chinh"},
    {PP_AREA_TACDONG, true, "tac dong cua cchc"},
    {PP_AREA_TACDONG, true, "danh gia tac dong"},
    {PP_AREA_TACDONG, false, "su hai long"},
    {PP_AREA_TACDONG, false, "muc do hai long"},
    {PP_AREA_TACDONG, false, "sipas"},
    {PP_AREA_TACDONG, false, "thu hut dau tu"},
    {PP_AREA_TACDONG, false, "phat trien kinh te xa hoi"},
    {PP_AREA_TACDONG, false, "nang luc canh tranh"},
};

/* Words that may surround an area name in a heading without making it a
 * sentence: "Tiếp tục đẩy mạnh cải cách thể chế". */
static const size_t slack_words = 8;

static pp_area_t classify_key(const char *key, bool *strong)
{
    long best = -1;
    size_t best_len = 0;
    const struct area_pat *hit = NULL;
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        long at = pp_find(key, pats[i].phrase);
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
            if (pats[i].area == hit->area && pats[i].strong && pp_has(key, pats[i].phrase) &&
                pp_words(pats[i].phrase) > longest)
                longest = pp_words(pats[i].phrase);
        *strong = longest > 0 && pp_words(key) <= longest + slack_words;
    }
    return hit ? hit->area : PP_AREA_NONE;
}

pp_area_t pp_area_classify(const char *text, bool *strong)
{
    if (strong)
        *strong = false;
    if (!text)
        return PP_AREA_NONE;
    pp_marker_t m;
    pp_marker(text, &m);
    char *key = pp_key(text + (m.kind != PP_MK_BODY ? m.skip : 0));
    if (!key)
        return PP_AREA_NONE;
    pp_area_t a = classify_key(key, strong);
    mem_free(key);
    return a;
}

int pp_section_kind(const char *text)
{
    char *key = pp_key(text);
    if (!key)
        return PP_SECT_OTHER;
    int kind = PP_SECT_OTHER;
    bool strong = false;
    if (pp_starts(key, "phu luc"))
        kind = PP_SECT_APPENDIX;
    else if (pp_starts(key, "muc dich") || pp_starts(key, "yeu cau") || pp_starts(key, "quan diem"))
        kind = PP_SECT_PURPOSE;
    else if (pp_starts(key, "muc tieu") || pp_starts(key, "chi tieu"))
        kind = PP_SECT_TARGETS;
    else if (pp_starts(key, "to chuc thuc hien") || pp_starts(key, "trach nhiem") ||
             pp_starts(key, "phan cong"))
        kind = PP_SECT_ORG;
    else if (pp_starts(key, "kinh phi"))
        kind = PP_SECT_FUNDS;
    else if (pp_starts(key, "che do thong tin") || pp_starts(key, "che do bao cao") ||
             pp_starts(key, "thong tin bao cao") || pp_starts(key, "bao cao"))
        kind = PP_SECT_REPORT;
    else if (pp_has(key, "nhiem vu") || pp_has(key, "giai phap") || pp_starts(key, "noi dung"))
        kind = PP_SECT_TASKS;
    else if (classify_key(key, &strong) != PP_AREA_NONE && strong)
        kind = PP_SECT_AREA;
    mem_free(key);
    return kind;
}

bool pp_is_target_heading(const char *text)
{
    char *key = pp_key(text);
    bool yes = key && (pp_starts(key, "chi tieu") || pp_starts(key, "muc tieu") ||
                       pp_starts(key, "cac chi tieu"));
    mem_free(key);
    return yes;
}
