/* offdoc_sample.c - sample official documents for the offdoc tests
 * (offdoc_sample.h). The names, numbers and figures are invented. */
#include "offdoc_sample.h"

#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define TRY(x)                                                                                     \
    do {                                                                                           \
        rc = (x);                                                                                  \
        if (rc)                                                                                    \
            goto done;                                                                             \
    } while (0)

static const char *const fields[30] = {"Hộ tịch",
                                       "Chứng thực",
                                       "Đất đai",
                                       "Xây dựng",
                                       "Thành lập và hoạt động doanh nghiệp",
                                       "Đầu tư",
                                       "Lao động",
                                       "Người có công",
                                       "Bảo trợ xã hội",
                                       "Giáo dục và Đào tạo",
                                       "Y tế",
                                       "Văn hóa",
                                       "Du lịch",
                                       "Giao thông vận tải",
                                       "Tài nguyên nước",
                                       "Môi trường",
                                       "Trồng trọt",
                                       "Thủy sản",
                                       "Lâm nghiệp",
                                       "Công thương",
                                       "Khoa học và Công nghệ",
                                       "Thông tin và Truyền thông",
                                       "Tư pháp",
                                       "Nội vụ",
                                       "Tôn giáo",
                                       "Thi đua, khen thưởng",
                                       "Tài chính",
                                       "Kế hoạch và Đầu tư",
                                       "Thanh tra",
                                       "Dân tộc"};
static const char *const levels[4] = {"cấp tỉnh", "cấp huyện", "cấp xã", "liên thông"};

void offdoc_sample_field(int i, char *out, size_t cap)
{
    snprintf(out, cap, "%s (%s)", fields[i % 30], levels[(i / 30) % 4]);
}

int64_t offdoc_sample_received(int i)
{
    return 120 + (i * 37) % 431;
}

static int64_t resolved_of(int i)
{
    return offdoc_sample_received(i) - i % 9;
}

static int64_t late_of(int i)
{
    return i % 4 == 0 ? i % 3 + 1 : 0;
}

static const char hostile[] =
    "Chuyên mục \"Cải cách hành chính\" <CCHC> & 'một cửa' trên Cổng thông tin điện tử "
    "<https://vinhlong.gov.vn/?a=1&b=2> giữ nguyên các ký tự ]]> và &amp; khi xuất văn bản.";
static const char cell_hostile[] = "<w:t>Ô</w:t> & ]]> \"x\"";
static const char sheet_name[] = "Chỉ số CCHC sở, ban, ngành [2024]: phụ lục I/II*?";

/* About 10,000 characters (code points) of body text with a long URL that
 * has no break opportunity; malloc'd. */
static char *long_text(void)
{
    static const char *const parts[] = {
        "Năm 2024, Ủy ban nhân dân tỉnh tiếp tục chỉ đạo các sở, ban, ngành và Ủy ban nhân dân "
        "các huyện, thị xã, thành phố đẩy mạnh cải cách thủ tục hành chính, nâng cao chất lượng "
        "phục vụ người dân, doanh nghiệp; ",
        "việc tiếp nhận, giải quyết hồ sơ được thực hiện qua Hệ thống thông tin giải quyết thủ "
        "tục hành chính của tỉnh tại địa chỉ "
        "https://dichvucong.vinhlong.gov.vn/portaldvc/KenhTin/dich-vu-cong-truc-tuyen.aspx?"
        "_dv=8F3A2C1D9E7B6A5F4E3D2C1B0A9F8E7D6C5B4A3F2E1D0C9B8A7F6E5D4C3B2A1; ",
        "tỷ lệ hồ sơ giải quyết đúng hạn đạt trên chín mươi tám phần trăm, không có hồ sơ tồn "
        "đọng kéo dài; công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được quan "
        "tâm thực hiện. "};
    size_t cap = 16000, n = 0, chars = 0;
    char *s = malloc(cap);
    if (!s)
        abort();
    for (size_t k = 0; chars < OFFDOC_SAMPLE_LONG_LEN; k++) {
        const char *p = parts[k % 3];
        for (; *p && chars < OFFDOC_SAMPLE_LONG_LEN; p++) {
            if (n + 8 > cap)
                abort();
            s[n++] = *p;
            if ((p[1] & 0xC0) != 0x80)
                chars++;
        }
    }
    s[n] = '\0';
    return s;
}

static int header(offdoc_t *d, err_t *e)
{
    int rc;
    TRY(offdoc_set_bodies(d, NULL, "Ủy ban nhân dân\ntỉnh Vĩnh Long", e));
    TRY(offdoc_set_number(d, 5, "bc-ubnd", e));
    TRY(offdoc_set_place_date(d, "Vĩnh Long", date_from_ymd(2024, 1, 5), 0, e));
    TRY(offdoc_set_summary(d, "Kết quả thực hiện công tác cải cách hành chính năm 2023", e));
    TRY(offdoc_add_recipient(d, "Bộ Nội vụ", e));
done:
    return rc;
}

static int part_one(offdoc_t *d, err_t *e)
{
    int rc;
    TRY(offdoc_add_para(d,
                        "Thực hiện Công văn số 6130/BNV-CCHC ngày 25 tháng 11 năm 2023 của Bộ "
                        "Nội vụ về việc báo cáo công tác cải cách hành chính (CCHC) năm 2023, Ủy "
                        "ban nhân dân tỉnh Vĩnh Long báo cáo kết quả như sau:",
                        OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 1, NULL, "Công tác chỉ đạo, điều hành cải cách hành chính", e));
    TRY(offdoc_add_heading(d, 2, NULL, "Về kế hoạch cải cách hành chính", e));
    TRY(offdoc_add_para(d, "Ủy ban nhân dân tỉnh ban hành ", OFFDOC_PLAIN, e));
    TRY(offdoc_add_run(d, "Kế hoạch số 12/KH-UBND ngày 20 tháng 01 năm 2023", OFFDOC_BOLD, e));
    TRY(offdoc_add_run(d, " về cải cách hành chính năm 2023, xác định ", OFFDOC_PLAIN, e));
    TRY(offdoc_add_run(d, "62 nhiệm vụ", OFFDOC_BOLD | OFFDOC_ITALIC, e));
    TRY(offdoc_add_run(d, " trọng tâm; đến nay đã hoàn thành ", OFFDOC_PLAIN, e));
    TRY(offdoc_add_run(d, "60/62 nhiệm vụ", OFFDOC_ITALIC, e));
    TRY(offdoc_add_run(d, " (đạt 96,77%).", OFFDOC_PLAIN, e));
    TRY(offdoc_add_dash(d, "Kế hoạch tuyên truyền cải cách hành chính năm 2023;", OFFDOC_PLAIN, e));
    TRY(offdoc_add_dash(d, "Kế hoạch kiểm tra công tác cải cách hành chính năm 2023.", OFFDOC_PLAIN,
                        e));
    TRY(offdoc_add_heading(d, 2, NULL, "Về tuyên truyền, kiểm tra", e));
    TRY(offdoc_add_heading(d, 3, NULL, "Công tác tuyên truyền", e));
    TRY(offdoc_add_para(d, hostile, OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 3, NULL, "Công tác kiểm tra", e));
    TRY(offdoc_add_para(d,
                        "Đoàn kiểm tra của tỉnh đã kiểm tra 10 sở, ban, ngành và 8 huyện, thị xã, "
                        "thành phố; kết quả kiểm tra được thông báo bằng văn bản kèm theo yêu cầu "
                        "khắc phục những tồn tại, hạn chế.",
                        OFFDOC_PLAIN, e));
done:
    return rc;
}

static int onestop_table(offdoc_t *d, offdoc_sample_facts_t *f, err_t *e)
{
    static const double widths[8] = {0.7, 3.0, 1.1, 1.1, 1.1, 1.1, 1.0, 1.3};
    int rc;
    char name[128];
    offdoc_cell_spec_t span2 = {.kind = OFFDOC_C_TEXT, .rowspan = 2};
    TRY(offdoc_add_table(d, 8, widths, e));
    TRY(offdoc_set_sheet(d, "Kết quả một cửa", e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    span2.text = "STT";
    TRY(offdoc_add_cell(d, &span2, e));
    span2.text = "Lĩnh vực";
    TRY(offdoc_add_cell(d, &span2, e));
    TRY(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "Tiếp nhận", .span = 2}, e));
    TRY(offdoc_add_cell(d, &(offdoc_cell_spec_t){.text = "Đã giải quyết", .span = 3}, e));
    span2.text = "Tỷ lệ đúng hạn (%)";
    TRY(offdoc_add_cell(d, &span2, e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    static const char *const sub[5] = {"Tổng số", "Trực tuyến", "Tổng số", "Đúng hạn", "Trễ hạn"};
    for (int c = 0; c < 5; c++)
        TRY(offdoc_cell_text(d, sub[c], e));
    memset(f, 0, sizeof *f);
    for (int i = 0; i < OFFDOC_SAMPLE_ROWS; i++) {
        int64_t rec = offdoc_sample_received(i), res = resolved_of(i), late = late_of(i);
        TRY(offdoc_add_row(d, 0, e));
        TRY(offdoc_add_cell(d,
                            &(offdoc_cell_spec_t){.kind = OFFDOC_C_INT,
                                                  .ivalue = i + 1,
                                                  .align = OFFDOC_ALIGN_CENTER},
                            e));
        offdoc_sample_field(i, name, sizeof name);
        TRY(offdoc_cell_text(d, i == 7 ? cell_hostile : name, e));
        TRY(offdoc_cell_int(d, rec, e));
        TRY(offdoc_cell_int(d, rec * (30 + i % 50) / 100, e));
        TRY(offdoc_cell_int(d, res, e));
        TRY(offdoc_cell_int(d, res - late, e));
        TRY(offdoc_cell_int(d, late, e));
        TRY(offdoc_cell_pct(d, 100.0 * (double)(res - late) / (double)res, 2, e));
        f->received[i] = rec;
        f->ontime[i] = res - late;
        f->total_received += rec;
        f->total_resolved += res;
        f->total_ontime += res - late;
        f->total_late += late;
    }
    f->total_pct = 100.0 * (double)f->total_ontime / (double)f->total_resolved;
    TRY(offdoc_add_row(d, OFFDOC_ROW_BOLD, e));
    TRY(offdoc_add_cell(
        d, &(offdoc_cell_spec_t){.text = "Tổng cộng", .span = 2, .align = OFFDOC_ALIGN_CENTER}, e));
    TRY(offdoc_cell_int(d, f->total_received, e));
    TRY(offdoc_cell_empty(d, e));
    TRY(offdoc_cell_int(d, f->total_resolved, e));
    TRY(offdoc_cell_int(d, f->total_ontime, e));
    TRY(offdoc_cell_int(d, f->total_late, e));
    TRY(offdoc_cell_pct(d, f->total_pct, 2, e));
done:
    return rc;
}

static int part_two(offdoc_t *d, offdoc_sample_facts_t *f, err_t *e)
{
    int rc;
    char *lt = long_text();
    TRY(offdoc_add_heading(d, 1, NULL, "Kết quả thực hiện các nhiệm vụ cải cách hành chính", e));
    TRY(offdoc_add_heading(d, 2, NULL, "Cải cách thể chế", e));
    TRY(offdoc_add_para(d, lt, OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 2, NULL, "Cải cách thủ tục hành chính", e));
    TRY(offdoc_add_para(d,
                        "Kết quả tiếp nhận và giải quyết hồ sơ thủ tục hành chính theo lĩnh vực "
                        "(số liệu từ ngày 15/12/2022 đến ngày 14/12/2023):",
                        OFFDOC_PLAIN, e));
    TRY(onestop_table(d, f, e));
    TRY(offdoc_add_para(d, "(Chi tiết tại Phụ lục I kèm theo)", OFFDOC_ITALIC, e));
    TRY(offdoc_set_align(d, OFFDOC_ALIGN_CENTER, e));
done:
    free(lt);
    return rc;
}

static int parts_three_to_five(offdoc_t *d, err_t *e)
{
    int rc;
    TRY(offdoc_add_heading(d, 1, NULL, "Đánh giá chung", e));
    TRY(offdoc_add_heading(d, 2, NULL, "Ưu điểm", e));
    TRY(offdoc_add_para(d,
                        "Công tác cải cách hành chính được các cấp, các ngành quan tâm chỉ đạo; "
                        "chất lượng giải quyết thủ tục hành chính được nâng lên.",
                        OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 2, NULL, "Tồn tại, hạn chế và nguyên nhân", e));
    TRY(offdoc_add_para(d,
                        "Tỷ lệ hồ sơ trực tuyến toàn trình ở một số lĩnh vực còn thấp; việc số hóa "
                        "kết quả giải quyết thủ tục hành chính chưa đạt chỉ tiêu.",
                        OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 1, NULL, "Phương hướng, nhiệm vụ năm 2024", e));
    TRY(offdoc_add_dash(d, "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính;", OFFDOC_PLAIN, e));
    TRY(offdoc_add_dash(d, "Nâng cao chất lượng cung cấp dịch vụ công trực tuyến.", OFFDOC_PLAIN,
                        e));
    TRY(offdoc_add_heading(d, 1, NULL, "Đề xuất, kiến nghị", e));
    TRY(offdoc_add_para(d,
                        "Đề nghị Bộ Nội vụ tiếp tục tổ chức tập huấn nghiệp vụ cải cách hành chính "
                        "cho đội ngũ công chức làm công tác cải cách hành chính ở địa phương.",
                        OFFDOC_PLAIN, e));
    TRY(offdoc_add_para(d,
                        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính năm "
                        "2023 của Ủy ban nhân dân tỉnh Vĩnh Long./.",
                        OFFDOC_PLAIN, e));
done:
    return rc;
}

static int closing(offdoc_t *d, err_t *e)
{
    static const char *const cc[] = {"Bộ Nội vụ;", "- TT. Tỉnh ủy", "TT. HĐND tỉnh",
                                     "CT, các PCT UBND tỉnh", "Sở Nội vụ"};
    int rc;
    for (size_t i = 0; i < sizeof cc / sizeof cc[0]; i++)
        TRY(offdoc_add_cc(d, cc[i], e));
    TRY(offdoc_set_archive(d, "VT, NC", e));
    TRY(offdoc_set_signer(d, "TM. Ủy ban nhân dân\nKT. Chủ tịch", "Phó Chủ tịch",
                          "Nguyễn Văn Hoàng", e));
done:
    return rc;
}

static int appendix(offdoc_t *d, err_t *e)
{
    static const char *const units[10] = {"Sở Nội vụ",
                                          "Sở Tư pháp",
                                          "Sở Tài chính",
                                          "Sở Kế hoạch và Đầu tư",
                                          "Sở Xây dựng",
                                          "Sở Y tế",
                                          "Sở Giáo dục và Đào tạo",
                                          "Sở Công Thương",
                                          "Sở Giao thông vận tải",
                                          "Sở Tài nguyên và Môi trường"};
    static const double widths[5] = {0.7, 3.4, 1.2, 1.2, 1.2};
    int rc;
    TRY(offdoc_add_appendix(d, NULL, "Kết quả chỉ số cải cách hành chính các sở, ban, ngành",
                            "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2024 của Ủy ban "
                            "nhân dân tỉnh Vĩnh Long)",
                            e));
    TRY(offdoc_add_table(d, 5, widths, e));
    TRY(offdoc_set_sheet(d, sheet_name, e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    static const char *const head[5] = {"STT", "Đơn vị", "Điểm tối đa", "Điểm đạt được",
                                        "Chỉ số (%)"};
    for (int c = 0; c < 5; c++)
        TRY(offdoc_cell_text(d, head[c], e));
    for (int i = 0; i < 10; i++) {
        double max = 100, got = 95.5 - 2.25 * i;
        TRY(offdoc_add_row(d, 0, e));
        TRY(offdoc_cell_int(d, i + 1, e));
        TRY(offdoc_cell_text(d, units[i], e));
        TRY(offdoc_cell_dec(d, max, 2, e));
        TRY(offdoc_cell_dec(d, got, 2, e));
        TRY(offdoc_cell_pct(d, got / max * 100, 2, e));
    }
    TRY(offdoc_add_appendix(d, NULL, "Danh mục văn bản chỉ đạo", NULL, e));
    TRY(offdoc_add_table(d, 2, NULL, e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    TRY(offdoc_cell_text(d, "Số, ký hiệu", e));
    TRY(offdoc_cell_text(d, "Trích yếu", e));
    TRY(offdoc_add_row(d, 0, e));
    TRY(offdoc_cell_text(d, "12/KH-UBND", e));
    TRY(offdoc_cell_text(d, "Kế hoạch cải cách hành chính năm 2023", e));
done:
    return rc;
}

int offdoc_sample_report(offdoc_t **out, offdoc_sample_facts_t *facts, err_t *e)
{
    offdoc_sample_facts_t local = {0};
    offdoc_sample_facts_t *f = facts ? facts : &local;
    offdoc_t *d = offdoc_new(OFFDOC_REPORT);
    int rc = d ? 0 : err_nomem(e);
    if (rc)
        goto done;
    TRY(header(d, e));
    TRY(part_one(d, e));
    TRY(part_two(d, f, e));
    TRY(parts_three_to_five(d, e));
    TRY(closing(d, e));
    TRY(appendix(d, e));
    f->hostile = hostile;
    f->cell_hostile = cell_hostile;
    f->sheet_name = sheet_name;
done:
    if (rc)
        offdoc_free(d);
    else
        *out = d;
    return rc;
}

int offdoc_sample_letter(offdoc_t **out, err_t *e)
{
    offdoc_t *d = offdoc_new(OFFDOC_LETTER);
    int rc = d ? 0 : err_nomem(e);
    if (rc)
        goto done;
    TRY(offdoc_set_bodies(d, "UBND tỉnh Vĩnh Long", "Sở Nội vụ", e));
    TRY(offdoc_set_number(d, 0, "SNV-CCHC", e));
    TRY(offdoc_set_place_date(d, "Vĩnh Long", DATE_NONE, 2024, e));
    TRY(offdoc_set_summary(d, "V/v đôn đốc gửi báo cáo cải cách hành chính quý I năm 2024", e));
    TRY(offdoc_add_recipient(d, "Các sở, ban, ngành tỉnh", e));
    TRY(offdoc_add_recipient(d, "UBND các huyện, thị xã, thành phố", e));
    TRY(offdoc_add_para(
        d,
        "Đến ngày 15 tháng 3 năm 2024, Sở Nội vụ chưa nhận được báo cáo cải cách "
        "hành chính quý I năm 2024 của các đơn vị có tên trong danh sách kèm theo. "
        "Đề nghị các đơn vị khẩn trương gửi báo cáo trước ngày 20 tháng 3 năm 2024.",
        OFFDOC_PLAIN, e));
    TRY(offdoc_add_cc(d, "Như trên", e));
    TRY(offdoc_add_cc(d, "UBND tỉnh (để báo cáo)", e));
    TRY(offdoc_set_archive(d, "VT, CCHC", e));
    TRY(offdoc_set_signer(d, "KT. Giám đốc", "Phó Giám đốc", "Trần Thị Mai", e));
done:
    if (rc)
        offdoc_free(d);
    else
        *out = d;
    return rc;
}
