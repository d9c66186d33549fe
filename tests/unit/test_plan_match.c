/* Unit tests of src/domain/plan_match: scores (accent-insensitive, area
 * preference), one-to-one greedy assignment, unmatched lists, bad input and
 * allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/plan_match.h"

#include <string.h>

#include "base/banned.h"

static void same_text_scores_one(void **state)
{
    (void)state;
    plan_match_task_t a = {"Rà soát, đơn giản hóa thủ tục hành chính", "tthc"};
    plan_match_task_t b = {"RA SOAT don gian hoa thu tuc hanh chinh.", "tthc"};
    assert_true(plan_match_score(&a, &b) == 1.0);
    plan_match_task_t c = {"Tổ chức hội nghị tập huấn chuyển đổi số", "tthc"};
    double s = plan_match_score(&a, &c);
    assert_true(s >= 0 && s < 0.3);
}

static void area_factor(void **state)
{
    (void)state;
    plan_match_task_t a = {"Kiểm tra công tác cải cách hành chính", "chung"};
    plan_match_task_t b = {"Kiểm tra công tác cải cách hành chính", "tccb"};
    plan_match_task_t c = {"Kiểm tra công tác cải cách hành chính", ""};
    assert_true(plan_match_score(&a, &b) == PLAN_MATCH_AREA_FACTOR);
    assert_true(plan_match_score(&a, &c) == 1.0);
    assert_true(plan_match_score(&b, &a) == plan_match_score(&a, &b));
}

static void assignment_one_to_one(void **state)
{
    (void)state;
    plan_match_task_t old[] = {
        {"Ban hành kế hoạch cải cách hành chính năm 2024", "chung"},
        {"Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền", "tthc"},
        {"Triển khai dịch vụ công trực tuyến toàn trình", "cds"},
        {"Xây dựng kho dữ liệu số hóa hồ sơ", "cds"},
    };
    plan_match_task_t nw[] = {
        {"Triển khai các dịch vụ công trực tuyến toàn trình", "cds"},
        {"Ban hành Kế hoạch cải cách hành chính năm 2024 của tỉnh", "chung"},
        {"Tuyên truyền về cải cách hành chính trên báo chí", "chung"},
        {"Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết", "tthc"},
    };
    plan_match_t m;
    err_t e;
    assert_int_equal(plan_match_run(old, 4, nw, 4, 0, &m, &e), 0);
    assert_int_equal(m.npairs, 3);
    assert_int_equal(m.pairs[0].old_idx, 0);
    assert_int_equal(m.pairs[0].new_idx, 1);
    assert_int_equal(m.pairs[1].old_idx, 1);
    assert_int_equal(m.pairs[1].new_idx, 3);
    assert_int_equal(m.pairs[2].old_idx, 2);
    assert_int_equal(m.pairs[2].new_idx, 0);
    for (size_t i = 0; i < m.npairs; i++)
        assert_true(m.pairs[i].score >= PLAN_MATCH_THRESHOLD && m.pairs[i].score <= 1.0);
    assert_int_equal(m.nold_unmatched, 1);
    assert_int_equal(m.old_unmatched[0], 3);
    assert_int_equal(m.nnew_unmatched, 1);
    assert_int_equal(m.new_unmatched[0], 2);
    plan_match_release(&m);
    plan_match_release(&m); /* released twice: no-op */
}

/* Two old copies of one text compete for one new task: the tie goes to the
 * lower old index; a threshold of 1 keeps only equal texts. */
static void ties_and_threshold(void **state)
{
    (void)state;
    plan_match_task_t old[] = {{"Kiểm tra nội vụ", "chung"}, {"Kiểm tra nội vụ", "chung"}};
    plan_match_task_t nw[] = {{"kiem tra noi vu", "chung"},
                              {"Kiểm tra nội vụ và thanh tra công vụ", "chung"}};
    plan_match_t m;
    err_t e;
    assert_int_equal(plan_match_run(old, 2, nw, 2, 1.0, &m, &e), 0);
    assert_int_equal(m.npairs, 1);
    assert_int_equal(m.pairs[0].old_idx, 0);
    assert_int_equal(m.pairs[0].new_idx, 0);
    assert_int_equal(m.nold_unmatched, 1);
    assert_int_equal(m.nnew_unmatched, 1);
    plan_match_release(&m);
}

static void empty_sides(void **state)
{
    (void)state;
    plan_match_task_t one[] = {{"Kiểm tra", NULL}};
    plan_match_t m;
    err_t e;
    assert_int_equal(plan_match_run(NULL, 0, one, 1, 0, &m, &e), 0);
    assert_int_equal(m.npairs, 0);
    assert_int_equal(m.nnew_unmatched, 1);
    plan_match_release(&m);
    assert_int_equal(plan_match_run(one, 1, NULL, 0, 0, &m, &e), 0);
    assert_int_equal(m.nold_unmatched, 1);
    plan_match_release(&m);
    plan_match_task_t nul[] = {{NULL, NULL}};
    assert_int_equal(plan_match_run(nul, 1, nul, 1, 0, &m, &e), 0);
    assert_int_equal(m.npairs, 0); /* empty texts share nothing */
    plan_match_release(&m);
}

static void bad_input(void **state)
{
    (void)state;
    plan_match_task_t bad[] = {{"\xff\xfe broken", "chung"}};
    plan_match_task_t ok[] = {{"Kiểm tra", "chung"}};
    plan_match_t m;
    err_t e;
    assert_int_equal(plan_match_run(bad, 1, ok, 1, 0, &m, &e), ERR_INVALID);
    assert_string_equal(e.code, "plan_match.utf8");
    assert_null(m.pairs);
    assert_true(plan_match_score(bad, ok) < 0);
    assert_int_equal(plan_match_run(ok, PLAN_MATCH_MAX + 1, ok, 1, 0, &m, &e), ERR_INVALID);
    assert_string_equal(e.code, "plan_match.too_many");
}

static void allocation_failures(void **state)
{
    (void)state;
    plan_match_task_t old[] = {{"Ban hành kế hoạch", "chung"}, {"Rà soát thủ tục", "tthc"}};
    plan_match_task_t nw[] = {{"Rà soát thủ tục", "tthc"}, {"Ban hành kế hoạch", "chung"}};
    int failed = 0;
    for (int n = 0; n < 200; n++) {
        plan_match_t m;
        err_t e;
        mem_fail_after(n);
        int rc = plan_match_run(old, 2, nw, 2, 0, &m, &e);
        mem_fail_after(-1);
        if (rc) {
            assert_int_equal(rc, ERR_NOMEM);
            assert_null(m.pairs);
            failed++;
            continue;
        }
        assert_int_equal(m.npairs, 2);
        plan_match_release(&m);
        break;
    }
    assert_true(failed > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_text_scores_one),  cmocka_unit_test(area_factor),
        cmocka_unit_test(assignment_one_to_one), cmocka_unit_test(ties_and_threshold),
        cmocka_unit_test(empty_sides),           cmocka_unit_test(bad_input),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
