/* test_textsim.c - similarity of task titles (domain/textsim.h): identity,
 * folding and abbreviations, accent-aware function words, containment of a
 * longer rewording, and real rewordings taken from the shared plans (a task
 * of the Vĩnh Long 2024 province plan, 002, and how the 2024 plan of Ban
 * Quản lý các Khu công nghiệp Hưng Yên, 001, or the 2023 plan of huyện Chợ
 * Mới, 004, words the same work), each ranked first among all the others,
 * and clear non-matches. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/textsim.h"

#include <stdio.h>

#include "base/banned.h"

/* Thresholds of the cascade check (app_cascade.h), repeated here so that a
 * change of the measure that breaks them shows in this test. */
#define COVERED 0.5
#define MAYBE   0.3

static void same_and_unrelated(void **state)
{
    (void)state;
    const char *a = "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết";
    assert_true(textsim_score(a, a) > 0.999);
    assert_true(textsim_score(a, "RÀ SOÁT đơn giản hoá TTHC thuộc thẩm quyền giải quyết") > 0.9);
    assert_true(textsim_score(a, "Tổ chức hội thi tìm hiểu pháp luật cho thanh niên") < 0.1);
    assert_true(textsim_score("", a) == 0);
    assert_true(textsim_score(a, "") == 0);
    assert_true(textsim_score(NULL, a) == 0);
    assert_true(textsim_score("của và các", "của và các") == 0); /* only function words */
    assert_true(textsim_score("bad \xff utf-8", a) < 0);
}

static size_t words(const char *text)
{
    err_t e;
    textsim_doc_t *d;
    assert_int_equal(textsim_doc_new(text, &d, &e), 0);
    size_t n = textsim_doc_words(d);
    textsim_doc_free(d);
    return n;
}

static void function_words_keep_accents(void **state)
{
    (void)state;
    /* dropped: function words, numbers, the phrases every title shares */
    assert_int_equal(words("Kế hoạch của cơ quan, đơn vị năm 2024 tại địa bàn tỉnh"), 0);
    assert_int_equal(words("Triển khai thực hiện, tiếp tục nâng cao hiệu quả, kịp thời, đầy đủ"),
                     0);
    assert_int_equal(words("Trước ngày 16/01/202 4"), 0); /* broken PDF tokens */
    /* kept: words that differ from a function word only by their accents */
    assert_int_equal(words("tài chính"), 2); /* not "tại" */
    assert_int_equal(words("đề án"), 2);     /* not "để" */
    assert_int_equal(words("tự chủ"), 2);    /* not "từ" */
    assert_int_equal(words("đo lường"), 2);  /* not "đó" */
    assert_int_equal(words("số hóa"), 2);
    /* a text typed without accents drops the same function words */
    assert_int_equal(words("KE HOACH CUA CO QUAN NAM 2024"), 0);
    assert_true(textsim_score("Kế hoạch tuyên truyền CCHC năm 2024 của cơ quan",
                              "KE HOACH TUYEN TRUYEN CAI CACH HANH CHINH NAM 2024 CUA CO QUAN") >
                0.999);
    /* "Cải cách tài chính công" and "Cải cách tại chính công" are not alike */
    assert_true(textsim_score("Cải cách tài chính công", "Cải cách tại chính công") < 0.9);
}

static void abbreviations(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"Cải cách thủ tục hành chính", "Cải cách TTHC"},
        {"Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "Đào tạo, bồi dưỡng CBCCVC"},
        {"Rà soát văn bản quy phạm pháp luật", "Rà soát VBQPPL"},
        {"Kiện toàn Ban Chỉ đạo cải cách hành chính", "Kiện toàn BCĐ CCHC"},
        {"Ứng dụng công nghệ thông tin", "Ứng dụng CNTT"},
        {"Báo cáo Ủy ban nhân dân huyện", "Báo cáo UBND huyện"},
        {"Cải thiện Chỉ số cải cách hành chính", "Cải thiện Par Index"},
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        double s = textsim_score(same[i][0], same[i][1]);
        printf("abbrev %zu: %.3f\n", i, s);
        assert_true(s > 0.999);
    }
    /* an abbreviation is a whole-word match: "dịch vụ công ích" is not
     * "dịch vụ công trực tuyến" */
    assert_true(textsim_score("Dịch vụ công trực tuyến", "Dịch vụ bưu chính công ích") < MAYBE);
}

static void containment(void **state)
{
    (void)state;
    const char *want = "Số hóa hồ sơ, kết quả giải quyết TTHC";
    const char *longer =
        "Tập trung nguồn lực đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; tái "
        "cấu trúc quy trình, cắt giảm, đơn giản hóa TTHC trên cơ sở liên thông điện tử";
    double s = textsim_score(want, longer);
    printf("containment: %.3f, reverse %.3f\n", s, textsim_score(longer, want));
    assert_true(s >= COVERED);
    /* not symmetric: the long text is not found in the short one */
    assert_true(textsim_score(longer, want) < s);
    /* the same words in another order score lower than in the same order */
    assert_true(textsim_score("kiểm tra công vụ", "công vụ kiểm tra") <
                textsim_score("kiểm tra công vụ", "kiểm tra công vụ"));
}

/* Province task (002) -> the same work worded by another unit's plan. */
static const char *const pairs[][2] = {
    {"Ban hành và triển khai thực hiện Kế hoạch tuyên truyền CCHC năm 2024 tại cơ quan, đơn vị.",
     "Công tác thông tin, tuyên truyền CCHC phải được xây dựng thành kế hoạch cụ thể hàng năm với "
     "các nhiệm vụ, đầu công việc cụ thể và tổ chức triển khai thực hiện theo kế hoạch."},
    {"Xây dựng Kế hoạch rà soát, đánh giá, đơn giản hóa TTHC trên địa bàn tỉnh năm 2024.",
     "Xây dựng Kế hoạch rà soát, đánh giá TTHC năm 2024. Tổ chức thực hiện Kế hoạch một cách "
     "nghiêm túc, bảo đảm ít nhất có ít nhất 01 phương án đơn giản hóa TTHC được Chủ tịch UBND "
     "tỉnh thông qua."},
    {"Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực.",
     "Tập trung nguồn lực đẩy mạnh số hóa hồ sơ, kết quả giải quyết TTHC; thực hiện tái cấu trúc "
     "quy trình, cắt giảm, đơn giản hóa TTHC trên cơ sở liên thông điện tử và tái sử dụng dữ liệu "
     "để xây dựng, cung cấp dịch vụ công trực tuyến, thanh toán trực tuyến, bảo đảm tuân thủ "
     "nguyên tắc lấy người dùng làm trung tâm."},
    {"Tiếp nhận và xử lý phản ánh kiến của cá nhân, tổ chức liên quan đến quy định hành chính.",
     "Thực hiện tốt công tác tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định "
     "hành chính."},
    {"Tổ chức tuyên truyền, phổ biến giáo dục pháp luật đầy đủ, kịp thời.",
     "Tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật; kịp thời phổ biến, quán "
     "triệt triển khai các văn bản quy phạm pháp luật liên quan đến ngành, lĩnh vực quản lý đến "
     "công chức, viên chức và doanh nghiệp tại các khu công nghiệp trên địa bàn tỉnh."},
    {"Thường xuyên thực hiện rà soát các văn bản quy phạm pháp luật do UBND, HĐND các cấp ban hành "
     "và kịp thời xử lý/tham mưu xử lý dứt điểm kết quả rà soát.",
     "Tăng cường công tác kiểm tra, rà soát các văn bản quy phạm pháp luật để sửa đổi, bổ sung, "
     "thay thế, bãi bỏ theo thẩm quyền hoặc kiến nghị cấp có thẩm quyền sửa đổi, bổ sung, thay "
     "thế, bãi bỏ những quy định không còn phù hợp, đảm bảo tính hợp hiến, hợp pháp, đồng bộ, cụ "
     "thể, khả thi."},
    {"Tiếp tục xây dựng, hoàn thiện Đề án vị trí việc làm đúng quy định hiện hành; bố trí CBCCVC "
     "theo đúng vị trí việc làm; thường xuyên cập nhật, bổ sung đề án vị trí việc làm của các quan "
     "hành chính và đơn vị sự nghiệp trực thuộc đã được phê duyệt; cơ cấu số lượng lãnh đạo cấp "
     "phó đúng quy định.",
     "Tiếp tục hoàn thiện danh mục vị trí việc làm, khung năng lực, bản mô tả vị trí việc làm để "
     "làm cơ sở xác định biên chế phù hợp với chức năng, nhiệm vụ và thực tiễn."},
    {"Tiếp tục rà soát, sắp xếp, tinh gọn bộ máy tổ chức bên trong của các sở, ban, ngành tỉnh; "
     "UBND cấp huyện đúng quy định hiện hành.",
     "Tiếp tục thực hiện việc tinh giản biên chế theo lộ trình; thực hiện việc sắp xếp, tinh gọn "
     "tổ chức bộ máy bên trong các phòng chuyên môn, đơn vị sự nghiệp công lập thuộc UBND huyện."},
    {"Triển khai thực hiện các sáng kiến, giải pháp mới mang lại hiệu quả cao trong công tác CCHC "
     "năm 2023 và tiếp tục chỉ đạo các tập thể, cá nhân tích cực đổi mới, sáng tạo trong triển "
     "khai thực hiện nhiệm vụ CCHC năm 2024.",
     "Tiếp tục thực hiện chính sách khuyến khích tìm kiếm phát hiện, phát huy những sáng kiến, "
     "giải pháp hay trong thực hiện CCHC."},
    {"Triển khai đầy đủ, kịp thời cơ chế tài chính tại các đơn vị sự nghiệp công lập trên địa bàn "
     "tỉnh đảm bảo đến năm 2025 đạt mục tiêu đề ra theo Quyết định số 2617/QĐ-UBND ngày 30/9/2021 "
     "của UBND tỉnh.",
     "Thực hiện theo lộ trình nâng cao mức độ tự chủ tài chính đơn vị sự nghiệp công lập thuộc "
     "UBND huyện theo các đề án thành lập, hợp nhất, sáp nhập theo quyết định của UBND tỉnh."},
    {"Tăng cường hiệu quả sử dụng chữ ký số tại các cơ quan, đơn vị và cán bộ, công chức có thẩm "
     "quyền sử dụng chữ ký số trong xử lý văn bản điện tử, nhằm giảm hồ sơ giấy qua hệ thống quản "
     "lý Văn bản và điều hành của tỉnh.",
     "Các văn bản điện tử gửi trên môi trường mạng (qua các ứng dụng khác nhau) phải được ký số "
     "đầy đủ, bao gồm có đủ chữ ký số của lãnh đạo và ký số của cơ quan (dấu của cơ quan)."},
    {"Triển khai các biện pháp đảm bảo an toàn thông tin mạng; hoàn thành phân loại xác định cấp "
     "độ an toàn thông tin và phương án đảm bảo an toàn hệ thống thông tin theo cấp độ phù hợp; "
     "thường xuyên rà soát, đánh giá và triển khai đầy đủ các biện pháp đảm bảo an toàn thông tin; "
     "triển khai các hoạt động nâng cao năng lực bảo đảm an toàn thông tin.",
     "Tiếp tục đảm bảo hạ tầng kỹ thuật công nghệ thông tin; ứng dụng hiệu quả các hệ thống thông "
     "tin dùng chung và các hệ thống chuyên ngành hoạt động; bảo đảm an toàn, an ninh thông tin "
     "khi sử dụng các ứng dụng và trong triển khai ứng dụng mới."},
    {"Tăng cường kỷ luật, kỷ cương hành chính, triển khai kịp thời, đầy đủ các chỉ đạo của Thủ "
     "tướng Chính phủ tại Công điện số 968/CĐ-TTg ngày 16/10/2023. Tiếp tục tăng cường kiểm tra, "
     "thanh tra công vụ, trách nhiệm người đứng đầu trong thực thi công vụ.",
     "Thường xuyên thực hiện công kiểm tra tình hình chấp hành kỷ luật, kỷ cương hành chính, xử lý "
     "nghiêm tình trạng lợi dụng chức vụ, quyền hạn để trục lợi cá nhân; kịp thời phát hiện, xử lý "
     "nghiêm minh những tổ chức, cá nhân sai phạm."},
    {"Kiểm soát chặt chẽ ngân sách nhà nước trong chi thường xuyên và chi đầu tư công.",
     "Tăng cường công tác kiểm tra, giám sát việc thực hiện chế độ, chính sách, định mức thu, chi "
     "ngân sách nhà nước; tự chủ, tự chịu trách nhiệm về tài chính đối với cơ quan hành chính nhà "
     "nước, đơn vị sự nghiệp công lập."},
};

/* Every rewording is the best candidate for its task among all the
 * rewordings, and the set as a whole scores well above the others. */
static void real_rewordings_rank_first(void **state)
{
    (void)state;
    size_t n = sizeof pairs / sizeof *pairs;
    textsim_doc_t *want[16], *have[16];
    assert_true(n <= 16);
    err_t e;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(textsim_doc_new(pairs[i][0], &want[i], &e), 0);
        assert_int_equal(textsim_doc_new(pairs[i][1], &have[i], &e), 0);
    }
    double good = 0, other = 0;
    size_t nother = 0, above_maybe = 0;
    for (size_t i = 0; i < n; i++) {
        double g = textsim_doc_score(want[i], have[i]);
        double best_other = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            double s = textsim_doc_score(want[i], have[j]);
            best_other = s > best_other ? s : best_other;
            other += s;
            nother++;
        }
        printf("pair %2zu: %.3f, best other %.3f\n", i, g, best_other);
        assert_true(g > best_other);
        good += g;
        above_maybe += g >= MAYBE;
    }
    good /= (double)n;
    other /= (double)nother;
    printf("mean rewording %.3f, mean other %.3f, %zu of %zu at least 'maybe'\n", good, other,
           above_maybe, n);
    assert_true(good > 3 * other);
    assert_true(above_maybe * 2 >= n);
    for (size_t i = 0; i < n; i++) {
        textsim_doc_free(want[i]);
        textsim_doc_free(have[i]);
    }
}

/* Clear non-matches: tasks of another area worded with the same plan
 * vocabulary stay below "maybe", most far below. */
static void clear_non_matches(void **state)
{
    (void)state;
    static const char *const no[][2] = {
        {"Ban hành và triển khai thực hiện Kế hoạch tuyên truyền CCHC năm 2024 tại cơ quan, đơn "
         "vị.",
         "Ban hành và triển khai thực hiện Kế hoạch đào tạo, bồi dưỡng CBCCVC năm 2024 của cơ "
         "quan, đơn vị."},
        {"Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực.",
         "Khảo sát, lắp đặt hệ thống camera giám sát hoạt động của Bộ phận Tiếp nhận và Trả kết "
         "quả cấp huyện, cấp xã."},
        {"Kiểm soát chặt chẽ ngân sách nhà nước trong chi thường xuyên và chi đầu tư công.",
         "Hướng dẫn, tập huấn sử dụng, khai thác hiệu quả Trung tâm điều hành thông minh của "
         "huyện."},
        {"Tham mưu thu hút đầu tư trên địa bàn tỉnh phấn đấu số vốn đăng ký năm 2024 tăng so với "
         "năm 2023.",
         "Kiện toàn Tổ kiểm tra công vụ của huyện, UBND xã - thị trấn."},
        {"Xây dựng Kế hoạch đào tạo, bồi dưỡng CBCCVC trên địa bàn tỉnh năm 2024.",
         "Xây dựng Kế hoạch Chuyển đổi số và bảo đảm an toàn thông tin mạng năm 2024."},
        {"Tăng tỷ lệ báo cáo được thực hiện thông qua Hệ thống thông tin báo cáo của tỉnh.",
         "Tuyển dụng công chức, viên chức đúng trình tự thủ tục theo quy định."},
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        double s = textsim_score(no[i][0], no[i][1]);
        printf("non-match %zu: %.3f\n", i, s);
        assert_true(s < MAYBE);
    }
}

/* The same task copied into a unit's plan with the usual edits (another
 * verb, the unit instead of "cơ quan, đơn vị", the year, punctuation) is
 * covered. */
static void copied_with_edits_is_covered(void **state)
{
    (void)state;
    static const char *const yes[][2] = {
        {"Ban hành và triển khai thực hiện Kế hoạch tự kiểm tra CCHC năm 2024 của cơ quan, đơn vị",
         "Xây dựng Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện"},
        {"Ban hành Kế hoạch đào tạo, bồi dưỡng CBCCVC của cơ quan, đơn vị năm 2024.",
         "Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024 của UBND "
         "huyện Long Hồ"},
        {"Ban hành và triển khai thực hiện Kế hoạch Chuyển đổi số và bảo đảm an toàn thông tin "
         "mạng năm 2024 tại cơ quan, đơn vị, địa phương",
         "Kế hoạch chuyển đổi số, bảo đảm an toàn thông tin mạng của huyện năm 2024"},
        {"Xây dựng và triển khai thực hiện Kế hoạch khảo sát, đo lường sự hài lòng của người dân, "
         "tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2024 trên địa bàn tỉnh.",
         "Khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
         "hành chính nhà nước trên địa bàn huyện năm 2024"},
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        double s = textsim_score(yes[i][0], yes[i][1]);
        printf("copied %zu: %.3f\n", i, s);
        assert_true(s >= COVERED);
    }
}

static void allocation_failures(void **state)
{
    (void)state;
    err_t e;
    for (long n = 1; n < 60; n++) {
        mem_fail_after(n);
        textsim_doc_t *d;
        int rc = textsim_doc_new("Cải cách thủ tục hành chính năm 2024 của tỉnh", &d, &e);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
        assert_true((rc == 0) == (d != NULL));
        if (d) {
            assert_int_equal(textsim_doc_words(d), 3);
            textsim_doc_free(d);
            break;
        }
        assert_int_equal(e.status, ERR_NOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_and_unrelated),
        cmocka_unit_test(function_words_keep_accents),
        cmocka_unit_test(abbreviations),
        cmocka_unit_test(containment),
        cmocka_unit_test(real_rewordings_rank_first),
        cmocka_unit_test(clear_non_matches),
        cmocka_unit_test(copied_with_edits_is_covered),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
