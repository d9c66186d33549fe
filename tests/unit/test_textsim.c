/* test_textsim.c - similarity of task titles (domain/textsim.h), on pairs
 * taken from the shared plans and their district-level rewordings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/textsim.h"

#include <stdio.h>

static void same_and_unrelated(void **state)
{
    (void)state;
    const char *a = "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết";
    assert_true(textsim_score(a, a) > 0.999);
    assert_true(textsim_score(a, "RÀ SOÁT đơn giản hoá TTHC thuộc thẩm quyền giải quyết") > 0.9);
    assert_true(textsim_score(a, "Tổ chức hội thi tìm hiểu pháp luật cho thanh niên") < 0.1);
    assert_true(textsim_score("", a) == 0);
    assert_true(textsim_score("của và các", "của và các") == 0); /* only function words */
}

static void paraphrases_rank_above_others(void **state)
{
    (void)state;
    /* A province task and how a district plan words it, against other tasks
     * of the same district plan. */
    static const struct {
        const char *province, *reworded, *other;
    } cases[] = {
        {"Ban hành và triển khai thực hiện Kế hoạch tự kiểm tra CCHC năm 2024 của cơ quan, đơn vị",
         "Xây dựng Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện",
         "Kiện toàn Bộ phận Một cửa cấp huyện"},
        {"Số hóa hồ sơ, kết quả giải quyết TTHC tại Bộ phận Một cửa",
         "Thực hiện số hóa hồ sơ và kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa "
         "huyện",
         "Tuyên truyền về cải cách hành chính trên Đài Truyền thanh huyện"},
        {"Báo cáo kết quả thực hiện cải cách hành chính định kỳ hằng quý",
         "Báo cáo định kỳ kết quả CCHC hằng quý về Sở Nội vụ",
         "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double good = textsim_score(cases[i].province, cases[i].reworded);
        double bad = textsim_score(cases[i].province, cases[i].other);
        printf("case %zu: %.3f vs %.3f\n", i, good, bad);
        assert_true(good > bad + 0.2);
        assert_true(good >= 0.4);
        assert_true(bad < 0.25);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_and_unrelated),
        cmocka_unit_test(paraphrases_rank_above_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
