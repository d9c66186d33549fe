/* Acceptance tests of the plan parser (domain/planparse*) on the three
 * shared sample plans: read from $CCHC_ROOT/../shared/plans/ (the copies in
 * data/plans/ when that directory is absent), as text and through
 * DOCX and PDF versions generated from them (tests/support/fixture_doc). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/planparse.h"
#include "io/docread.h"
#include "io/plan_json.h"
#include "support/fixture_doc.h"
#include "support/plan_check.h"
#include "support/sample_units.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P001 "001_74e5bd43d5376be8.txt"
#define P002 "002_f2f413426d7afbab.txt"
#define P004 "004_9a23d4ea0e0477f2.txt"

static planparse_plan_t *parse_file(const char *path, const planparse_options_t *opt)
{
    doc_t *d = NULL;
    err_t e;
    if (docread_file(path, &d, &e))
        fail_msg("%s: %s", path, e.en);
    planparse_plan_t *p = NULL;
    if (planparse_parse(d, opt, &p, &e))
        fail_msg("%s: %s (%s)", path, e.en, e.code);
    doc_free(d);
    return p;
}

/* Parses a shared plan; skips the test when the plans are not available. */
static planparse_plan_t *parse_shared(const char *name, const planparse_options_t *opt)
{
    char *path = fxdoc_plan_path(name);
    if (!path)
        skip();
    planparse_plan_t *p = parse_file(path, opt);
    free(path);
    return p;
}

/* "a|b|c" against the party texts. */
static void expect_parties(const char *what, const char *no, const planparse_party_t *v, size_t n,
                           const char *want)
{
    char got[1024] = "";
    for (size_t i = 0; i < n; i++) {
        strncat(got, i ? "|" : "", sizeof got - strlen(got) - 1);
        strncat(got, v[i].text, sizeof got - strlen(got) - 1);
    }
    if (strcmp(got, want) != 0)
        fail_msg("task %s %s: got '%s', want '%s'", no, what, got, want);
}

static void expect_dates(const char *no, const deadline_schedule_t *s, const char *want)
{
    char got[256] = "";
    for (size_t i = 0; s && i < s->ndates; i++) {
        char d[DATE_ISO_LEN];
        date_format(s->dates[i], d);
        strncat(got, i ? "," : "", sizeof got - strlen(got) - 1);
        strncat(got, d, sizeof got - strlen(got) - 1);
    }
    if (strcmp(got, want) != 0)
        fail_msg("task %s dates: got '%s', want '%s'", no, got, want);
}

static size_t count_area(const planparse_plan_t *p, planparse_area_t a)
{
    size_t n = 0;
    for (size_t i = 0; i < p->ntasks; i++)
        n += p->tasks[i].area == a;
    return n;
}

/* ---- plan 002: decision + plan + 66-row appendix ------------------------- */

struct row {
    const char *no, *area, *title, *lead, *support, *product, *deadline, *kind, *dates;
};

static const struct row rows002[] = {
    {"1", "chidao",
     "Xây dựng và triển khai thực hiện Quyết định ban hành Kế hoạch CCHC năm 2024 trên địa bàn "
     "tỉnh.",
     "Cơ quan thường trực BCĐ CCHC tỉnh", "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã",
     "Quyết định được ban hành", "Quý IV/2023", "date", "2023-12-31"},
    {"2", "chidao", "Ban hành và triển khai thực hiện Kế hoạch CCHC năm 2024 của cơ quan, đơn vị.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Cơ quan thường trực BCĐ CCHC tỉnh",
     "Kế hoạch được ban hành", "Quý IV/2023", "date", "2023-12-31"},
    {"5", "chidao",
     "Xây dựng và triển khai thực hiện Quyết định ban hành kế hoạch tuyên truyền CCHC năm 2024 "
     "trên địa bàn tỉnh.",
     "Sở Thông tin và Truyền thông", "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã",
     "Quyết định được ban hành", "Quý IV/2023", "date", "2023-12-31"},
    {"6", "chidao",
     "Ban hành và triển khai thực hiện Kế hoạch tuyên truyền CCHC năm 2024 tại cơ quan, đơn vị.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Sở Thông tin và Truyền thông",
     "Kế hoạch của cơ quan, đơn vị", "Trước ngày 16/01/2024", "date", "2024-01-15"},
    {"7", "chidao",
     "Thông tin, tuyên truyền nội dung CCHC đầy đủ, kịp thời thông qua các phương tiện thông tin "
     "đại chúng và các hình thức khác phù hợp tình hình thực tế của địa phương.",
     "Sở Thông tin và Truyền thông|các cơ quan, đơn vị", "Cơ quan thường trực BCĐ CCHC tỉnh",
     "Báo cáo kết quả", "Định kỳ trong năm 2024", "recurring", ""},
    {"8", "chidao",
     "Triển khai thực hiện các sáng kiến, giải pháp mới mang lại hiệu quả cao trong công tác CCHC "
     "năm 2023 và tiếp tục chỉ đạo các tập thể, cá nhân tích cực đổi mới, sáng tạo trong triển "
     "khai thực hiện nhiệm vụ CCHC năm 2024.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Cơ quan thường trực BCĐ CCHC tỉnh",
     "Văn bản triển khai thực hiện và báo cáo kết quả thực hiện", "Trong năm 2024", "date",
     "2024-12-31"},
    {"9", "chidao",
     "Tham mưu UBND tỉnh chỉ đạo khắc phục những tồn tại, hạn chế qua kết quả đánh giá xếp loại "
     "chỉ số Par Index, chỉ số SIPAS và chỉ số PAPI năm 2023 của tỉnh.",
     "Cơ quan thường trực BCĐ CCHC tỉnh", "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã",
     "Văn bản chỉ đạo", "Sau khi có kết quả công bố", "event", ""},
    {"10", "chidao",
     "Xây dựng và triển khai thực hiện Kế hoạch tập huấn nghiệp vụ cải cách hành chính năm 2024.",
     "Cơ quan thường trực BCĐ CCHC tỉnh", "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã",
     "Văn bản chấp thuận của Chủ tịch UBND tỉnh và Kế hoạch được ban hành", "Quý III/2024", "date",
     "2024-09-30"},
    {"12", "chidao",
     "Tham mưu lãnh đạo tỉnh tổ chức từ 2-3 cuộc đối thoại với người dân, doanh nghiệp.",
     "Sở Kế hoạch và Đầu tư", "Các sở, ban, ngành tỉnh|UBND cấp huyện", "Kế hoạch; Thông báo",
     "Quý II, Quý IV/2024", "dates", "2024-06-30,2024-12-31"},
    {"13", "theche",
     "Thể chế hoặc tham mưu cơ quan có thẩm quyền thể chế đầy đủ, kịp thời văn bản của trung ương "
     "theo đúng trình tự, thủ tục quy định; nội dung đảm bảo tính khả thi, đồng bộ, thống nhất.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Sở Tư pháp",
     "Văn bản được ban hành đúng quy định", "Theo quy định của cơ quan có thẩm quyền",
     "unspecified", ""},
    {"14", "theche", "Xây dựng kế hoạch theo dõi tình hình thi hành pháp luật năm 2024 của tỉnh.",
     "Sở Tư pháp", "Các cơ quan, đơn vị", "Kế hoạch được ban hành", "Tháng 01/2024", "date",
     "2024-01-31"},
    {"15", "theche",
     "Ban hành kế hoạch theo dõi tình hình thi hành pháp luật năm 2024 của các sở, ban, ngành "
     "tỉnh, UBND cấp huyện, cấp xã.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Sở Tư pháp",
     "Kế hoạch theo dõi tình hình thi hành pháp luật năm 2024",
     "Các sở, ban, ngành tỉnh, UBND cấp huyện: trước ngày 01/3/2024; UBND cấp xã: theo yêu cầu của "
     "UBND cấp huyện",
     "per_assignee", ""},
    {"16", "theche", "Tổ chức tuyên truyền, phổ biến giáo dục pháp luật đầy đủ, kịp thời.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Sở Tư pháp",
     "Báo cáo kết quả tuyên truyền lồng ghép trong Báo cáo CCHC quý, 6 tháng, năm 2024",
     "Định kỳ trong năm", "recurring", ""},
    {"17", "theche", "Thực hiện đầy đủ, kịp thời công tác tự kiểm tra, kiểm tra theo thẩm quyền.",
     "Sở Tư pháp|UBND cấp huyện|UBND cấp xã", "Các cơ quan, đơn vị",
     "Báo cáo kết quả kiểm tra lồng ghép trong Báo cáo CCHC quý, 6 tháng, năm 2024",
     "Định kỳ trong năm", "recurring", ""},
    {"19", "tthc", "Xây dựng Kế hoạch hoạt động kiểm soát TTHC năm 2024 trên địa bàn tỉnh.",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Kế hoạch",
     "Quý IV/2023", "date", "2023-12-31"},
    {"22", "tthc",
     "Tham mưu Chủ tịch UBND tỉnh công bố danh mục TTHC, phê duyệt quy trình nội bộ giải quyết "
     "TTHC.",
     "Các sở, ban, ngành tỉnh", "Văn phòng UBND tỉnh", "Quyết định", "Thường xuyên", "continuous",
     ""},
    {"23", "tthc", "Báo cáo, đề xuất phương án đơn giản hoá TTHC.", "Các sở, ban, ngành tỉnh",
     "Văn phòng UBND tỉnh", "Báo cáo", "Tháng 8/2024", "date", "2024-08-31"},
    {"24", "tthc", "Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Văn phòng UBND tỉnh|Sở Nội vụ",
     "Hồ sơ, kết quả giải quyết TTHC còn hiệu lực được số hóa theo lộ trình", "Thường xuyên",
     "continuous", ""},
    {"25", "tthc",
     "Đề xuất phương án đơn giản hóa bảo đảm mục tiêu cắt giảm, đơn giản hóa 50% TTHC nội bộ còn "
     "lại.",
     "Các sở, ban, ngành tỉnh", "Văn phòng UBND tỉnh", "Quyết định", "Ngày 31/12/2024", "date",
     "2024-12-31"},
    {"26", "tthc",
     "Tiếp nhận và xử lý phản ánh kiến của cá nhân, tổ chức liên quan đến quy định hành chính.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã", "Văn phòng UBND tỉnh",
     "Trả lời phản ánh, kiến nghị", "Thường xuyên", "continuous", ""},
    {"27", "bomay",
     "Tiếp tục rà soát, sắp xếp, tinh gọn bộ máy tổ chức bên trong của các sở, ban, ngành tỉnh; "
     "UBND cấp huyện đúng quy định hiện hành.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện", "Sở Nội vụ", "Báo cáo", "Định kỳ theo báo cáo CCHC",
     "recurring", ""},
    {"30", "bomay",
     "Thực hiện có hiệu quả Nghị quyết số 117/NQ-CP ngày 30/7/2023 của Chính phủ ban hành Kế hoạch "
     "thực hiện sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 - 2025.",
     "UBND cấp huyện|cấp xã", "Sở Nội vụ", "Báo cáo", "Định kỳ theo báo cáo CCHC", "recurring", ""},
    {"31", "bomay",
     "Tiếp tục triển khai thực hiện Nghị quyết của Chính phủ và các văn bản có liên quan của cơ "
     "quan thẩm quyền về đẩy mạnh phân cấp, phân quyền quản lý nhà nước theo ngành, lĩnh vực trên "
     "địa bàn tỉnh. Thực hiện đầy đủ, kịp thời việc phân cấp quản lý trên các lĩnh vực theo quy "
     "định.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Sở Nội vụ", "Báo cáo",
     "Định kỳ theo báo cáo CCHC", "recurring", ""},
    {"35", "congvu", "Xây dựng Kế hoạch đào tạo, bồi dưỡng CBCCVC trên địa bàn tỉnh năm 2024.",
     "Sở Nội vụ", "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Kế hoạch", "Quý IV/2023",
     "date", "2023-12-31"},
    {"38", "congvu",
     "Tăng cường kỷ luật, kỷ cương hành chính, triển khai kịp thời, đầy đủ các chỉ đạo của Thủ "
     "tướng Chính phủ tại Công điện số 968/CĐ-TTg ngày 16/10/2023. Tiếp tục tăng cường kiểm tra, "
     "thanh tra công vụ, trách nhiệm người đứng đầu trong thực thi công vụ.",
     "Sở Nội vụ|các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Các cơ quan, đơn vị", "Báo cáo",
     "Quý IV/2024", "date", "2024-12-31"},
    {"41", "taichinh",
     "Triển khai kịp thời các quy định của Trung ương về thực hiện cơ chế khoán kinh phí quản lý "
     "hành chính tại các cơ quan, tổ chức hành chính nhà nước trên địa bàn tỉnh.",
     "Sở Tài chính", "Các sở, ban, ngành tỉnh|UBND cấp huyện",
     "Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (theo mẫu số 06, 07 ban hành kèm theo Thông "
     "tư liên tịch số 71/2014/TTLTBTC- BNV)",
     "Năm 2024", "date", "2024-12-31"},
    {"42", "taichinh",
     "Tăng cường kiểm tra, giám sát để nâng cao hiệu quả sử dụng nguồn vốn ngân sách địa phương ủy "
     "thác sang Ngân hàng Chính sách xã hội.",
     "Sở Lao động - Thương binh và Xã hội",
     "Sở Tài chính|Sở Kế hoạch và Đầu tư|Ngân hàng Chính sách xã hội chi nhánh Vĩnh Long|UBND cấp "
     "huyện",
     "Báo cáo kết quả kiểm tra, giám sát tình hình sử dụng nguồn vốn ngân sách địa phương ủy thác "
     "sang Ngân hàng Chính sách xã hội năm 2024",
     "Năm 2024", "date", "2024-12-31"},
    {"43", "taichinh", "Kiểm tra việc thực hiện các quy định về quản lý tài sản công.",
     "Sở Tài chính|các sở, ban, ngành tỉnh|UBND cấp huyện", "Các cơ quan, đơn vị",
     "Kế hoạch, Báo cáo", "Năm 2024", "date", "2024-12-31"},
    {"44", "taichinh",
     "Triển khai đầy đủ, kịp thời cơ chế tài chính tại các đơn vị sự nghiệp công lập trên địa bàn "
     "tỉnh đảm bảo đến năm 2025 đạt mục tiêu đề ra theo Quyết định số 2617/QĐ-UBND ngày 30/9/2021 "
     "của UBND tỉnh.",
     "Sở Tài chính", "Các sở, ban, ngành tỉnh|UBND cấp huyện",
     "Quy chế chi tiêu nội bộ và quy chế quản lý, sử dụng tài sản công; Danh mục dịch vụ sự nghiệp "
     "công sử dụng ngân sách nhà nước; Định mức kinh tế - kỹ thuật; định mức chi phí, đơn giá dịch "
     "vụ sự nghiệp công sử dụng ngân sách nhà nước theo quy định của pháp luật; quyết định giao "
     "nhiệm vụ, đặt hàng cung cấp dịch vụ sự nghiệp công sử dụng ngân sách nhà nước",
     "Năm 2024", "date", "2024-12-31"},
    {"46", "taichinh",
     "Tiếp tục tham mưu sắp xếp, củng cố và nâng cao hiệu quả hoạt động của các công ty do Nhà "
     "nước làm chủ sở hữu thuộc phạm vi quản lý của tỉnh.",
     "Sở Tài chính|Sở Kế hoạch và Đầu tư", "Các sở, ban, ngành tỉnh|các đơn vị có liên quan",
     "Báo cáo kết quả thực hiện lồng ghép trong báo cáo CCHC năm", "Năm 2024", "date",
     "2024-12-31"},
    {"47", "taichinh",
     "Triển khai thực hiện cung ứng dịch vụ sự nghiệp công lập theo cơ chế thị trường, thúc đẩy xã "
     "hội hóa thuộc ngành, lĩnh vực quản lý.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện", "Sở Tài chính|Sở Nội vụ|các đơn vị liên quan",
     "Báo cáo đánh giá về tình hình thực hiện cơ chế tự chủ của các đơn vị sự nghiệp công lập năm "
     "2024",
     "Năm 2024", "date", "2024-12-31"},
    {"49", "so",
     "Ban hành và triển khai thực hiện Kế hoạch Chuyển đổi số và bảo đảm an toàn thông tin mạng "
     "năm 2024 tại cơ quan, đơn vị, địa phương",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Sở Thông tin và Truyền thông", "Kế hoạch",
     "Quý IV/2023", "date", "2023-12-31"},
    {"58", "so",
     "Triển khai xây dựng Hệ thống thông tin tích hợp phục vụ công tác chỉ đạo, điều hành của Ủy "
     "ban nhân dân tỉnh” và “Triển khai thực hiện nhiệm vụ đảm bảo an toàn, an ninh thông tin phục "
     "vụ công tác chỉ đạo, điều hành Ủy ban nhân dân tỉnh.",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Báo cáo",
     "Định kỳ theo báo cáo CCHC", "recurring", ""},
    {"61", "so",
     "Triển khai thực hiện Bộ Chỉ số đánh giá chuyển đổi số tỉnh 3 cấp (cấp tỉnh, cấp huyện, cấp "
     "xã).",
     "Sở Thông tin và Truyền thông", "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã",
     "Báo cáo tự đánh giá của các cơ quan, đơn vị", "Quý IV/2024", "date", "2024-12-31"},
    {"62", "so",
     "Triển khai các biện pháp đảm bảo an toàn thông tin mạng; hoàn thành phân loại xác định cấp "
     "độ an toàn thông tin và phương án đảm bảo an toàn hệ thống thông tin theo cấp độ phù hợp; "
     "thường xuyên rà soát, đánh giá và triển khai đầy đủ các biện pháp đảm bảo an toàn thông tin; "
     "triển khai các hoạt động nâng cao năng lực bảo đảm an toàn thông tin.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Sở Thông tin và Truyền thông",
     "Quyết định được phê duyệt và Báo cáo kết quả rà soát, xây dựng hồ sơ đề xuất cấp độ an toàn "
     "HTTT",
     "Thường xuyên", "continuous", ""},
    {"63", "tacdong",
     "Xây dựng và triển khai thực hiện Kế hoạch khảo sát, đo lường sự hài lòng của người dân, tổ "
     "chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2024 trên địa bàn tỉnh.",
     "Cơ quan thường trực Ban Chỉ đạo CCHC", "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã",
     "Kế hoạch", "Quý II/2024", "date", "2024-06-30"},
    {"64", "tacdong",
     "Tham mưu thu hút đầu tư trên địa bàn tỉnh phấn đấu số vốn đăng ký năm 2024 tăng so với năm "
     "2023.",
     "Sở Kế hoạch và Đầu tư", "Các sở, ban, ngành tỉnh|UBND cấp huyện", "Báo cáo", "Quý IV/2024",
     "date", "2024-12-31"},
    {"66", "tacdong",
     "Xây dựng và triển khai thực hiện kế hoạch phát triển kinh tế - xã hội của cơ quan, đơn vị, "
     "địa phương phấn đấu đạt, vượt các chỉ tiêu phát triển kinh tế - xã hội do HĐND giao năm "
     "2024.",
     "Các sở, ban, ngành tỉnh|UBND cấp huyện|cấp xã", "Sở Kế hoạch và Đầu tư", "Kế hoạch, báo cáo",
     "Quý IV/2023 và theo định kỳ", "date", "2023-12-31"},
};

static void check_002(const planparse_plan_t *p, bool exact_titles)
{
    assert_int_equal(p->ntasks, 66);
    assert_int_equal(p->task_source, PLANPARSE_SRC_TABLE);
    static const size_t per[PLANPARSE_AREA_COUNT] = {0, 12, 6, 8, 6, 7, 8, 15, 4};
    for (int a = 1; a < PLANPARSE_AREA_COUNT; a++)
        if (count_area(p, (planparse_area_t)a) != per[a])
            fail_msg("area %s: %zu tasks, want %zu", planparse_area_code((planparse_area_t)a),
                     count_area(p, (planparse_area_t)a), per[a]);
    for (size_t i = 0; i < p->ntasks; i++) {
        char no[24];
        snprintf(no, sizeof no, "%zu", i + 1);
        assert_string_equal(p->tasks[i].no, no);
        assert_non_null(p->tasks[i].deadline);
    }
    for (size_t r = 0; r < sizeof rows002 / sizeof rows002[0]; r++) {
        const struct row *w = &rows002[r];
        const planparse_task_t *t = plan_check_task(p, w->no);
        assert_string_equal(planparse_area_code(t->area), w->area);
        if (exact_titles)
            assert_string_equal(t->title, w->title);
        expect_parties("lead", w->no, t->lead, t->nlead, w->lead);
        expect_parties("support", w->no, t->support, t->nsupport, w->support);
        assert_string_equal(t->product, w->product);
        assert_string_equal(t->deadline_text, w->deadline);
        assert_string_equal(deadline_kind_name(t->deadline->kind), w->kind);
        expect_dates(w->no, t->deadline, w->dates);
        assert_false(t->lead_default);
    }
    /* task 15: per assignee */
    const deadline_schedule_t *s = plan_check_task(p, "15")->deadline;
    assert_int_equal(s->nassignees, 2);
    assert_string_equal(s->assignees[0].text, "Các sở, ban, ngành tỉnh, UBND cấp huyện");
    expect_dates("15a", s->assignees[0].schedule, "2024-02-29");
    assert_string_equal(s->assignees[1].text, "UBND cấp xã");
    assert_int_equal(s->assignees[1].schedule->kind, DEADLINE_EVENT);
    /* groups are recognised without a registry */
    const planparse_task_t *t1 = plan_check_task(p, "1");
    assert_string_equal(t1->lead[0].group, "standing");
    assert_string_equal(t1->support[0].group, "so");
    assert_string_equal(t1->support[1].group, "huyen");
    assert_string_equal(t1->support[2].group, "xa");
    assert_string_equal(plan_check_task(p, "30")->lead[1].group, "xa");
    assert_string_equal(plan_check_task(p, "7")->lead[1].group, "units");
}

static void check_002_document(const planparse_plan_t *p)
{
    const planparse_docinfo_t *d = &p->doc;
    assert_string_equal(d->number, "2890/QĐ-UBND");
    assert_string_equal(d->type, "QĐ");
    assert_string_equal(d->issuer, "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG");
    assert_string_equal(d->place, "Vĩnh Long");
    char date[DATE_ISO_LEN];
    date_format(d->date, date);
    assert_string_equal(date, "2023-12-18");
    assert_int_equal(d->year, 2024); /* from the plan's title, not the decision's date */
    assert_string_equal(d->title, "CẢI CÁCH HÀNH CHÍNH NĂM 2024 TRÊN ĐỊA BÀN TỈNH VĨNH LONG");
    assert_string_equal(d->decision_number, "2890/QĐ-UBND");
    assert_non_null(strstr(d->decision_title, "BAN HÀNH KẾ HOẠCH"));
    assert_int_equal(p->ntargets, 0);
}

static void plan_002_text(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_shared(P002, NULL);
    check_002_document(p);
    check_002(p, true);
    assert_int_equal(p->nwarnings, 0);
    planparse_plan_free(p);
}

static void plan_002_resolved(void **state)
{
    (void)state;
    unit_set_t set;
    sample_units_read(&set);
    planparse_options_t opt = {.units = &set};
    planparse_plan_t *p = parse_shared(P002, &opt);
    assert_string_equal(p->doc.issuer_unit, "VLG");
    assert_string_equal(p->doc.scope, "VLG");
    assert_int_equal(p->nwarnings, 0); /* every name resolved */
    const planparse_task_t *t = plan_check_task(p, "1");
    assert_string_equal(t->lead[0].unit, "VLG.SNV"); /* the standing agency */
    assert_null(t->support[0].unit);
    assert_string_equal(t->support[0].group, "so");
    assert_string_equal(plan_check_task(p, "5")->lead[0].unit, "VLG.STTTT");
    assert_string_equal(plan_check_task(p, "19")->lead[0].unit, "VLG.VPUBND");
    t = plan_check_task(p, "42");
    assert_string_equal(t->lead[0].unit, "VLG.SLDTBXH");
    assert_string_equal(t->support[0].unit, "VLG.STC");
    assert_string_equal(t->support[1].unit, "VLG.SKHDT");
    assert_string_equal(t->support[2].unit, "VLG.NHCSXH");
    assert_string_equal(t->support[3].group, "huyen");
    planparse_plan_free(p);
    unit_set_release(&set);
}

/* Without its appendix, plan 002 is read from its narrative section II:
 * every lettered item under an area heading is a task of that area. */
static void plan_002_narrative(void **state)
{
    (void)state;
    char *path = fxdoc_plan_path(P002);
    if (!path)
        skip();
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    char *cut = strstr(buf, "\nPHỤ LỤC\n");
    assert_non_null(cut);
    cut[1] = '\0';
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(doc_from_text(buf, strlen(buf), &d, &e), 0);
    planparse_plan_t *p = NULL;
    assert_int_equal(planparse_parse(d, NULL, &p, &e), 0);
    assert_int_equal(p->task_source, PLANPARSE_SRC_NARRATIVE);
    assert_int_equal(p->ntasks, 49);
    static const size_t per[PLANPARSE_AREA_COUNT] = {0, 8, 5, 8, 4, 6, 6, 8, 4};
    for (int a = 1; a < PLANPARSE_AREA_COUNT; a++)
        assert_int_equal(count_area(p, (planparse_area_t)a), per[a]);
    const planparse_task_t *t = plan_check_task(p, "1.g");
    /* hard-wrapped lines joined, also before a capital */
    assert_string_equal(t->title,
                        "Phê duyệt, công bố, xếp hạng Chỉ số CCHC năm 2023 và Chỉ số SIPAS của "
                        "cơ quan, đơn vị, địa phương trên địa bàn tỉnh; tổ chức tổng kết, đánh giá "
                        "kết quả thực hiện công tác CCHC năm 2023 và triển khai nhiệm vụ CCHC năm "
                        "2024 trên địa bàn tỉnh.");
    assert_true(t->lead_default);
    assert_string_equal(t->lead[0].text, "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG");
    t = plan_check_task(p, "7.c");
    assert_string_equal(t->title, "Về nền tảng số");
    assert_non_null(strstr(t->detail, "- Duy trì, cập nhật Kiến trúc Chính quyền điện tử"));
    planparse_plan_free(p);
    doc_free(d);
    free(buf);
    free(path);
}

/* ---- plan 001: narrative with targets ------------------------------------ */

struct target_row {
    const char *area, *indicator, *op;
    double value;
    const char *text; /* prefix of the clause */
};

static const struct target_row targets001[] = {
    {"theche", "other", ">=", 100, "100% các văn bản quy phạm pháp luật (QPPL) do Ban trình ban "},
    {"theche", "other", ">=", 100, "100% các văn bản QPPL về phòng, chống tham nhũng; thực hành "},
    {"tthc", "tthc.on_time", ">", 95, "Trên 95% số hồ sơ TTHC được giải quyết đúng hạn"},
    {"tthc", "tthc.early", ">", 80, "trên 80% hồ sơ TTHC được trả kết quả trước hạn"},
    {"tthc", "tthc.digitized", ">=", 100,
     "100% hồ sơ và kết quả giải quyết TTHC được số hóa, cập nhật "},
    {"tthc", "tthc.satisfaction", ">=", 90,
     "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TT"},
    {"tthc", "catalog.online_service", ">=", 100,
     "100% TTHC có đủ điều kiện được cung cấp trực tuyến toàn trìn"},
    {"tthc", "tthc.online", ">=", 60, "tỷ lệ hồ sơ giải quyết trực tuyến đạt từ 60% trở lên"},
    {"tthc", "catalog.online_payment", ">=", 80,
     "Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính được triển "},
    {"tthc", "tthc.online_payment", ">=", 30,
     "tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên"},
    {"bomay", "other", ">=", 100, "Phê duyệt Kế hoạch tuyển dụng viên chức năm 2024 đối với 100"},
    {"bomay", "other", ">=", 90, "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ củ"},
    {"congvu", "other", ">=", 100, "100% công chức, viên chức, người lao động của tỉnh được đánh"},
    {"congvu", "other", ">=", 100, "Kịp thời thực hiện các chế độ, chính sách theo quy định hiện"},
    {"congvu", "staff.trained", ">=", 100,
     "100% công chức, viên chức được tham gia các lớp đào tạo, bồi"},
    {"congvu", "office.e_documents", ">=", 100,
     "100% công chức, viên chức thực hiện trao đổi hoàn toàn lượng"},
    {"congvu", "other", ">=", 100, "Hoàn thành việc cập nhật Cơ sở dữ liệu 100% CCVC của tỉnh bả"},
    {"taichinh", "finance.disbursement", ">=", 95,
     "Phấn đấu giải ngân vốn đầu tư công tối thiểu 95% kế hoạch UB"},
    {"so", "office.e_documents", ">=", 100,
     "100% văn bản trao đổi với các cơ quan nhà nước được thực hiệ"},
    {"so", "office.e_files", ">=", 80,
     "80% hồ sơ công việc được lập hồ sơ điện tử và giải quyết trê"},
    {"so", "catalog.online_service", ">=", 100,
     "100% thủ tục hành chính đủ điều kiện được cung cấp dưới hình"},
    {"so", "office.e_reports", ">=", 100,
     "100% chế độ báo cáo thực hiện chế độ báo cáo trên Hệ thống t"},
};

static void check_001(const planparse_plan_t *p)
{
    assert_int_equal(p->ntargets, sizeof targets001 / sizeof targets001[0]);
    for (size_t i = 0; i < p->ntargets; i++) {
        const planparse_target_t *t = &p->targets[i];
        const struct target_row *w = &targets001[i];
        if (strcmp(planparse_area_code(t->area), w->area) || strcmp(t->indicator, w->indicator) ||
            strcmp(planparse_op_code(t->op), w->op) || t->value != w->value ||
            strncmp(t->text, w->text, strlen(w->text)) || strcmp(t->unit, "%"))
            fail_msg("target %zu: got %s %s %s %g '%s', want %s %s %s %g '%s…'", i,
                     planparse_area_code(t->area), t->indicator, planparse_op_code(t->op), t->value,
                     t->text, w->area, w->indicator, w->op, w->value, w->text);
    }
    /* narrative tasks: every paragraph under the area headings of III */
    assert_int_equal(p->task_source, PLANPARSE_SRC_NARRATIVE);
    assert_int_equal(p->ntasks, 29);
    static const size_t per[PLANPARSE_AREA_COUNT] = {0, 0, 4, 10, 2, 5, 3, 5, 0};
    for (int a = 1; a < PLANPARSE_AREA_COUNT; a++)
        assert_int_equal(count_area(p, (planparse_area_t)a), per[a]);
    const planparse_task_t *t = plan_check_task(p, "4.1");
    assert_string_equal(planparse_area_code(t->area), "congvu");
    /* a paragraph broken by a blank line, continued in lower case */
    assert_non_null(strstr(t->title, "biên chế công chức; Nghị định số 106/2020/NĐ-CP"));
    /* the lead defaults to the issuer */
    assert_true(t->lead_default);
    assert_string_equal(t->lead[0].text, "Ban Quản lý các Khu công nghiệp");
    assert_null(plan_check_task(p, "1.1")->deadline);
    /* "(Nhiệm vụ cụ thể theo Phụ lục kèm theo)" is a note, not a task */
    for (size_t i = 0; i < p->ntasks; i++)
        assert_null(strstr(p->tasks[i].title, "Phụ lục"));
    assert_true(plan_check_has_warning(p, "plan.appendix_missing"));
}

static void plan_001_text(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_shared(P001, NULL);
    const planparse_docinfo_t *d = &p->doc;
    assert_string_equal(d->number, "/KH-BQL"); /* number left blank before signing */
    assert_string_equal(d->type, "KH");
    assert_string_equal(d->place, "Hung Yên");
    assert_int_equal(d->date, DATE_NONE); /* "ngày tháng 01 năm 2024" */
    assert_true(plan_check_has_warning(p, "plan.date_incomplete"));
    assert_int_equal(d->year, 2024);
    assert_string_equal(d->title, "Cải cách hành chính năm 2024");
    assert_string_equal(d->issuer, "Ban Quản lý các Khu công nghiệp");
    check_001(p);
    planparse_plan_free(p);
}

/* ---- plan 004: ten numbered contents with responsibility lines ----------- */

struct task4 {
    const char *no, *area, *title, *lead, *support, *deadline, *kind;
};

static const struct task4 tasks004[] = {
    {"1", "chidao", "Công tác chỉ đạo, điều hành CCHC",
     "Phòng Nội vụ|các ngành liên quan|UBND xã - thị trấn", "", "Quý I/2023 và những năm tiếp theo",
     "date"},
    {"2", "chidao", "Đẩy mạnh công tác thông tin, tuyên truyền CCHC", "Phòng Văn hóa & Thông tin",
     "Trung tâm Văn hóa - Thể thao và Truyền thanh|Phòng Nội vụ|các ngành liên quan|UBND xã - thị "
     "trấn",
     "thường xuyên trong năm 2023 và những năm tiếp theo", "continuous"},
    {"3", "tthc",
     "Khắc phục tình trạng trễ hạn trong giải quyết thủ tục hành chính cho tổ chức, cá nhân, nhất "
     "là trên lĩnh vực đất đai",
     "Văn phòng HĐND & UBND huyện", "Phòng Nội vụ|các ngành liên quan|UBND xã - thị trấn",
     "thường xuyên trong năm 2023 và những năm tiếp theo", "continuous"},
    {"4", "chidao",
     "Tăng cường kiểm tra công tác cải cách hành chính gắn với kiểm tra công vụ; thực hiện tốt "
     "công tác tiếp dân, giải quyết trả lời những kiến nghị, đề xuất, phản ánh, khiếu nại của tổ "
     "chức, cá nhân kịp thời, đúng theo quy định",
     "Phòng Nội vụ|các ngành liên quan|UBND xã - thị trấn|Thanh tra huyện", "",
     "Quý I/2023 và những năm tiếp theo", "date"},
    {"5", "bomay",
     "Tiếp tục cải cách tổ chức bộ máy, xây dựng và nâng cao năng lực đội ngũ cán bộ, công chức, "
     "viên chức",
     "Phòng Nội vụ|Các ngành liên quan|UBND xã - thị trấn", "",
     "thường xuyên trong năm 2023 và những năm tiếp theo", "continuous"},
    {"6", "taichinh", "Nâng cao năng lực tự chủ tài chính của đơn vị sự nghiệp công lập",
     "Ủy ban nhân dân huyện Chợ Mới", "", NULL, ""},
    {"7", "so", "Đẩy mạnh ứng dụng công nghệ thông tin trong thực hiện cải cách hành chính",
     "Phòng Văn hóa & Thông tin", "các ngành liên quan|UBND xã - thị trấn",
     "thường xuyên trong năm 2023 và những năm tiếp theo", "continuous"},
    {"8", "chidao",
     "Phát động phong trào thi đua CCHC, khuyến khích tìm kiếm phát hiện, phát huy những sáng "
     "kiến, giải pháp hay trong thực hiện CCHC",
     "Phòng Nội vụ|các ngành liên quan|UBND xã - thị trấn", "", "Quý I/2023 và những năm tiếp theo",
     "date"},
    {"9", "tthc", "Rà soát, bổ sung trang thiết bị, phương tiện làm việc",
     "Phòng Nội vụ|Phòng Tài chính - Kế hoạch|Phòng Văn hóa và Thông tin|Văn phòng HĐND & UBND "
     "huyện|UBND xã - thị trấn",
     "", "Quý II/2023 và những năm tiếp theo", "date"},
    {"10", "chidao",
     "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức thành viên tăng cường phối hợp "
     "trong thực hiện công tác tuyên truyền, vận động và đẩy mạnh thực hiện việc giám sát, phản "
     "biện đối với công tác CCHC trên địa bàn huyện.",
     "Ủy ban nhân dân huyện Chợ Mới", "", NULL, ""},
};

static void check_004(const planparse_plan_t *p, bool exact_details)
{
    assert_int_equal(p->ntasks, 10);
    assert_int_equal(p->task_source, PLANPARSE_SRC_NARRATIVE);
    for (size_t i = 0; i < 10; i++) {
        const planparse_task_t *t = &p->tasks[i];
        const struct task4 *w = &tasks004[i];
        assert_string_equal(t->no, w->no);
        assert_string_equal(planparse_area_code(t->area), w->area);
        assert_string_equal(t->title, w->title);
        expect_parties("lead", w->no, t->lead, t->nlead, w->lead);
        expect_parties("support", w->no, t->support, t->nsupport, w->support);
        if (w->deadline) {
            assert_string_equal(t->deadline_text, w->deadline);
            assert_string_equal(deadline_kind_name(t->deadline->kind), w->kind);
        } else {
            assert_null(t->deadline_text);
        }
        /* footnote texts and markers stay out of the tasks */
        const char *texts[] = {t->title, t->detail ? t->detail : ""};
        for (int k = 0; k < 2; k++) {
            assert_null(strstr(texts[k], "⁽"));
            assert_null(strstr(texts[k], "minh chứng khi phục vụ yêu cầu kiểm tra"));
            assert_null(strstr(texts[k], "Theo Quyết định số 1847"));
            assert_null(strstr(texts[k], "Một bộ phận cán bộ"));
            assert_null(strstr(texts[k], "*"));
        }
    }
    assert_true(p->tasks[3].detail && strstr(p->tasks[3].detail, "a) Đối với công tác kiểm tra"));
    if (exact_details)
        /* a paragraph broken by footnotes, resumed in lower case */
        assert_non_null(strstr(p->tasks[3].detail, "ý kiến khảo sát với tinh thần câu thị"));
    assert_true(plan_check_has_warning(p, "plan.task_deadlines")); /* 4.a and 4.b differ */
    assert_true(p->tasks[5].lead_default);
    assert_int_equal(p->ntargets, 0);
}

static void plan_004_text(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_shared(P004, NULL);
    const planparse_docinfo_t *d = &p->doc;
    assert_string_equal(d->number, "341/KH-UBND");
    assert_string_equal(d->place, "Chợ Mới");
    char date[DATE_ISO_LEN];
    date_format(d->date, date);
    assert_string_equal(date, "2023-02-22");
    assert_int_equal(d->year, 2023);
    assert_string_equal(d->issuer, "Ủy ban nhân dân huyện Chợ Mới");
    assert_string_equal(d->title, "Nâng cao chất lượng hiệu quả công tác cải cách hành chính "
                                  "trên địa bàn huyện Chợ Mới");
    check_004(p, true);
    planparse_plan_free(p);
}

/* ---- the same plans as DOCX (real Word tables) and PDF ------------------- */

static char *fixture(const char *name, bool pdf)
{
    char *src = fxdoc_plan_path(name);
    if (!src)
        skip();
    free(src);
    doc_t *txt = NULL;
    if (fxdoc_load_plan(name, &txt))
        skip(); /* fixtures need the copies under data/plans */
    char *dir = fxdoc_tmpdir();
    char out[64];
    snprintf(out, sizeof out, "%.3s.%s", name, pdf ? "pdf" : "docx");
    char *path = testdir_join(dir, out);
    int rc = pdf ? fxdoc_pdf_from_doc(txt, path, NULL) : fxdoc_docx_from_doc(txt, path);
    doc_free(txt);
    assert_int_equal(rc, 0);
    char *keep = strdup(path);
    free(path);
    /* the directory is removed by the caller through the returned path */
    free(dir);
    return keep;
}

static void remove_fixture(char *path)
{
    char *slash = strrchr(path, '/');
    remove(path);
    if (slash) {
        *slash = '\0';
        fxdoc_rmtree(strdup(path));
    }
    free(path);
}

static void plans_as_docx(void **state)
{
    (void)state;
    char *f = fixture(P002, false);
    planparse_plan_t *p = parse_file(f, NULL);
    check_002_document(p);
    check_002(p, true);
    planparse_plan_free(p);
    remove_fixture(f);
    f = fixture(P001, false);
    p = parse_file(f, NULL);
    check_001(p);
    planparse_plan_free(p);
    remove_fixture(f);
    f = fixture(P004, false);
    p = parse_file(f, NULL);
    check_004(p, true);
    planparse_plan_free(p);
    remove_fixture(f);
}

static void plans_as_pdf(void **state)
{
    (void)state;
    /* the appendix is a table only in the layout: rebuilt from running text */
    char *f = fixture(P002, true);
    planparse_plan_t *p = parse_file(f, NULL);
    check_002_document(p);
    check_002(p, true);
    assert_true(plan_check_has_warning(p, "plan.table_from_text"));
    planparse_plan_free(p);
    remove_fixture(f);
    f = fixture(P001, true);
    p = parse_file(f, NULL);
    check_001(p);
    planparse_plan_free(p);
    remove_fixture(f);
    f = fixture(P004, true);
    p = parse_file(f, NULL);
    check_004(p, false);
    assert_int_equal(p->tasks[3].pos.page > 0, 1);
    planparse_plan_free(p);
    remove_fixture(f);
}

/* ---- JSON contract ----------------------------------------------------- */

static void json_contract(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_shared(P002, NULL);
    json_t *j = plan_json(p);
    assert_non_null(j);
    json_t *d = json_object_get(j, "document");
    assert_string_equal(json_string_value(json_object_get(d, "number")), "2890/QĐ-UBND");
    assert_string_equal(json_string_value(json_object_get(d, "type")), "QĐ");
    assert_string_equal(json_string_value(json_object_get(d, "date")), "2023-12-18");
    assert_int_equal(json_integer_value(json_object_get(d, "year")), 2024);
    json_t *t = json_array_get(json_object_get(j, "tasks"), 0);
    assert_string_equal(json_string_value(json_object_get(t, "no")), "1");
    assert_string_equal(json_string_value(json_object_get(t, "area")), "chidao");
    json_t *lead = json_array_get(json_object_get(t, "lead"), 0);
    assert_string_equal(json_string_value(json_object_get(lead, "text")),
                        "Cơ quan thường trực BCĐ CCHC tỉnh");
    assert_true(json_is_null(json_object_get(lead, "unit")));
    assert_string_equal(json_string_value(json_object_get(lead, "group")), "standing");
    json_t *dl = json_object_get(t, "deadline");
    assert_string_equal(json_string_value(json_object_get(dl, "text")), "Quý IV/2023");
    assert_string_equal(json_string_value(json_object_get(dl, "kind")), "date");
    assert_string_equal(json_string_value(json_array_get(json_object_get(dl, "dates"), 0)),
                        "2023-12-31");
    assert_true(json_is_array(json_object_get(j, "warnings")));
    json_decref(j);
    planparse_plan_free(p);

    p = parse_shared(P001, NULL);
    j = plan_json(p);
    json_t *g = json_array_get(json_object_get(j, "targets"), 2);
    assert_string_equal(json_string_value(json_object_get(g, "indicator")), "tthc.on_time");
    assert_string_equal(json_string_value(json_object_get(g, "op")), ">");
    assert_true(json_is_integer(json_object_get(g, "value")));
    assert_int_equal(json_integer_value(json_object_get(g, "value")), 95);
    assert_true(json_is_null(json_object_get(g, "value_max")));
    assert_string_equal(json_string_value(json_object_get(g, "unit")), "%");
    json_t *w = json_array_get(json_object_get(j, "warnings"), 0);
    assert_string_equal(json_string_value(json_object_get(w, "where")), "dòng 5");
    assert_non_null(json_string_value(json_object_get(w, "message")));
    assert_true(json_is_null(json_object_get(json_object_get(j, "document"), "date")));
    json_decref(j);
    planparse_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_002_text),      cmocka_unit_test(plan_002_resolved),
        cmocka_unit_test(plan_002_narrative), cmocka_unit_test(plan_001_text),
        cmocka_unit_test(plan_004_text),      cmocka_unit_test(plans_as_docx),
        cmocka_unit_test(plans_as_pdf),       cmocka_unit_test(json_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
