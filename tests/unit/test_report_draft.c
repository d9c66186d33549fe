/* Unit tests of src/domain/report_draft: the Vietnamese draft sentences,
 * whole, for full figures, zeros, one, large numbers (1.234.567) and
 * percentages rounded half up (94,13%, 0,13%, 66,67%); the 766 index with
 * and without a score; appending to text already there; every buffer
 * maximum below the sentence's length (ERR_TOOLARGE, the text kept a prefix)
 * and allocation failures (ERR_NOMEM). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/report_draft.h"

#include <string.h>

#include "base/banned.h"

#define MAXB ((size_t)1 << 16)

static report_onestop_t os_of(int64_t received, int64_t online, int64_t carried, int64_t resolved,
                              int64_t early, int64_t on_time, int64_t late, int64_t in_progress,
                              int64_t overdue)
{
    report_onestop_t o;
    memset(&o, 0, sizeof o);
    o.c[REPORT_OS_RECEIVED] = received;
    o.c[REPORT_OS_RECEIVED_ONLINE] = online;
    o.c[REPORT_OS_RECEIVED_DIRECT_POSTAL] = received - online;
    o.c[REPORT_OS_CARRIED_OVER] = carried;
    o.c[REPORT_OS_RESOLVED] = resolved;
    o.c[REPORT_OS_EARLY] = early;
    o.c[REPORT_OS_ON_TIME] = on_time;
    o.c[REPORT_OS_LATE] = late;
    o.c[REPORT_OS_IN_PROGRESS] = in_progress;
    o.c[REPORT_OS_IN_PROGRESS_OVERDUE] = overdue;
    return o;
}

/* One call of a draft function, with its arguments (a closure). */
typedef struct call {
    int kind;
    report_onestop_t os;
    report_task_counts_t t;
    report_target_counts_t g;
    const char *area;
    bool has;
    int64_t x, y;
    int rank, of;
    const char *const *titles;
    size_t ntitles;
} call_t;

enum { K_ONESTOP, K_TASKS, K_TARGETS, K_766, K_FEEDBACK, K_STRENGTHS, K_SHORTCOMINGS, K_NEXT };

static int run(buf_t *b, const call_t *c)
{
    switch (c->kind) {
    case K_ONESTOP:
        return report_draft_onestop(b, &c->os);
    case K_TASKS:
        return report_draft_tasks(b, c->area, &c->t);
    case K_TARGETS:
        return report_draft_targets(b, &c->g);
    case K_766:
        return report_draft_index766(b, c->has, c->x, c->rank, c->of);
    case K_FEEDBACK:
        return report_draft_feedback(b, c->x, c->y);
    case K_STRENGTHS:
        return report_draft_strengths(b, &c->t, &c->g, &c->os);
    case K_SHORTCOMINGS:
        return report_draft_shortcomings(b, &c->t, &c->g, &c->os);
    default:
        return report_draft_next(b, c->x, c->titles, c->ntitles);
    }
}

/* The call writes exactly `want`; appended after a prefix, the prefix is
 * kept; with any smaller maximum it fails with ERR_TOOLARGE and what it
 * left is a prefix of `want` within the maximum. `slack`: bytes needed
 * beyond the final length (a separator written and then trimmed). */
static void expect_text(const call_t *c, const char *want, size_t slack)
{
    buf_t b;
    buf_init(&b, MAXB);
    int rc = run(&b, c);
    if (rc)
        fail_msg("draft %d: %d", c->kind, rc);
    if (strcmp(buf_cstr(&b), want) != 0)
        fail_msg("got  '%s'\nwant '%s'", buf_cstr(&b), want);
    buf_reset(&b);
    assert_int_equal(buf_puts(&b, "Tiền tố: "), 0);
    assert_int_equal(run(&b, c), 0);
    assert_int_equal(strncmp(buf_cstr(&b), "Tiền tố: ", strlen("Tiền tố: ")), 0);
    assert_string_equal(buf_cstr(&b) + strlen("Tiền tố: "), want);
    buf_release(&b);

    size_t len = strlen(want);
    for (size_t max = 1; max < len + slack; max++) {
        buf_init(&b, max);
        assert_int_equal(run(&b, c), ERR_TOOLARGE);
        assert_true(b.len <= max);
        assert_int_equal(strncmp(buf_cstr(&b), want, b.len), 0);
        buf_release(&b);
    }
    buf_init(&b, len + slack);
    assert_int_equal(run(&b, c), 0);
    assert_string_equal(buf_cstr(&b), want);
    buf_release(&b);
}

/* --- one-stop ----------------------------------------------------------- */

static void onestop_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_ONESTOP};
    c.os = os_of(1884, 1500, 12, 1773, 1200, 469, 104, 123, 5);
    expect_text(&c,
                "Trong kỳ, đơn vị tiếp nhận 1.884 hồ sơ (trực tuyến 1.500 hồ sơ, chiếm 79,62%); "
                "từ kỳ trước chuyển qua 12 hồ sơ; đã giải quyết 1.773 hồ sơ, trong đó trước và "
                "đúng hạn đạt 94,13% (trước hạn 1.200, đúng hạn 469, quá hạn 104); đang giải "
                "quyết 123 hồ sơ, trong đó quá hạn 5 hồ sơ.",
                0);
    /* nothing at all */
    c.os = os_of(0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect_text(&c,
                "Trong kỳ, đơn vị không tiếp nhận hồ sơ thủ tục hành chính mới; chưa có hồ sơ "
                "giải quyết xong trong kỳ.",
                0);
    /* nothing received, but carried over and resolved */
    c.os = os_of(0, 0, 3, 2, 2, 0, 0, 1, 0);
    expect_text(&c,
                "Trong kỳ, đơn vị không tiếp nhận hồ sơ thủ tục hành chính mới; từ kỳ trước "
                "chuyển qua 3 hồ sơ; đã giải quyết 2 hồ sơ, trong đó trước và đúng hạn đạt "
                "100,00% (trước hạn 2, đúng hạn 0, quá hạn 0); đang giải quyết 1 hồ sơ, trong đó "
                "quá hạn 0 hồ sơ.",
                0);
    /* one dossier: the same words (no plural in Vietnamese) */
    c.os = os_of(1, 1, 0, 0, 0, 0, 0, 1, 1);
    expect_text(&c,
                "Trong kỳ, đơn vị tiếp nhận 1 hồ sơ (trực tuyến 1 hồ sơ, chiếm 100,00%); chưa có "
                "hồ sơ giải quyết xong trong kỳ; đang giải quyết 1 hồ sơ, trong đó quá hạn 1 hồ "
                "sơ.",
                0);
    /* rounding half up (1/800 = 0,125 %), none online, all late, millions */
    c.os = os_of(800, 1, 0, 1234567, 0, 0, 1234567, 0, 0);
    expect_text(&c,
                "Trong kỳ, đơn vị tiếp nhận 800 hồ sơ (trực tuyến 1 hồ sơ, chiếm 0,13%); đã giải "
                "quyết 1.234.567 hồ sơ, trong đó trước và đúng hạn đạt 0,00% (trước hạn 0, đúng "
                "hạn 0, quá hạn 1.234.567).",
                0);
    c.os = os_of(3, 0, 0, 3, 1, 1, 1, 0, 0);
    expect_text(&c,
                "Trong kỳ, đơn vị tiếp nhận 3 hồ sơ (trực tuyến 0 hồ sơ, chiếm 0,00%); đã giải "
                "quyết 3 hồ sơ, trong đó trước và đúng hạn đạt 66,67% (trước hạn 1, đúng hạn 1, "
                "quá hạn 1).",
                0);
}

/* --- tasks and targets ------------------------------------------------ */

static void task_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_TASKS};
    expect_text(&c, "Trong kỳ, đơn vị không có nhiệm vụ được giao.", 0);
    c.area = "cải cách thể chế";
    expect_text(&c, "Trong kỳ, đơn vị không có nhiệm vụ được giao về cải cách thể chế.", 0);
    c.area = NULL;
    c.t = (report_task_counts_t){12, 9, 2, 1, 1, 0};
    expect_text(&c,
                "Kế hoạch có 12 nhiệm vụ được giao cho đơn vị: đã hoàn thành 9 (75,00%), đang "
                "thực hiện 2, chưa thực hiện 1; có 1 nhiệm vụ quá hạn chưa hoàn thành.",
                0);
    c.area = "cải cách thể chế";
    c.t = (report_task_counts_t){3, 1, 1, 0, 0, 1};
    expect_text(&c,
                "Trong kỳ, đơn vị triển khai 3 nhiệm vụ về cải cách thể chế: đã hoàn thành 1 "
                "(33,33%), đang thực hiện 1, chưa thực hiện 0; 1 nhiệm vụ không thực hiện được.",
                0);
    c.area = NULL;
    c.t = (report_task_counts_t){1500, 1000, 300, 200, 25, 7};
    expect_text(&c,
                "Kế hoạch có 1.500 nhiệm vụ được giao cho đơn vị: đã hoàn thành 1.000 (66,67%), "
                "đang thực hiện 300, chưa thực hiện 200; có 25 nhiệm vụ quá hạn chưa hoàn thành; "
                "7 nhiệm vụ không thực hiện được.",
                0);
    c.t = (report_task_counts_t){4, 4, 0, 0, 0, 0};
    expect_text(&c,
                "Kế hoạch có 4 nhiệm vụ được giao cho đơn vị: đã hoàn thành 4 (100,00%), đang "
                "thực hiện 0, chưa thực hiện 0.",
                0);
}

static void target_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_TARGETS};
    expect_text(&c, "Kế hoạch không đặt chỉ tiêu cho đơn vị.", 0);
    c.g = (report_target_counts_t){10, 8, 1, 1, 0};
    expect_text(&c, "Có 8/10 chỉ tiêu đạt, 1 chỉ tiêu có nguy cơ không đạt, 1 chỉ tiêu chưa đạt.",
                0);
    c.g = (report_target_counts_t){4, 4, 0, 0, 0};
    expect_text(&c, "Có 4/4 chỉ tiêu đạt.", 0);
    c.g = (report_target_counts_t){5, 0, 0, 0, 5};
    expect_text(&c, "Có 0/5 chỉ tiêu đạt, 5 chỉ tiêu chưa có số liệu.", 0);
    c.g = (report_target_counts_t){2000, 1000, 500, 400, 100};
    expect_text(&c,
                "Có 1.000/2.000 chỉ tiêu đạt, 500 chỉ tiêu có nguy cơ không đạt, 400 chỉ tiêu "
                "chưa đạt, 100 chỉ tiêu chưa có số liệu.",
                0);
}

/* --- 766 index and feedback ---------------------------------------------- */

static void index766_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_766};
    const char *none = "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): chưa có "
                       "dữ liệu trong kỳ.";
    expect_text(&c, none, 0);
    c.x = 8512; /* a score without has is still "no data" */
    c.rank = 3;
    c.of = 34;
    expect_text(&c, none, 0);
    c.has = true;
    expect_text(&c,
                "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) đạt 85,12/100 "
                "điểm, xếp thứ 3/34.",
                0);
    c.x = 10000;
    c.rank = 0; /* no rank */
    expect_text(&c,
                "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) đạt 100,00/100 "
                "điểm.",
                0);
    c.x = 0;
    c.rank = 1;
    c.of = 0; /* a rank out of nothing is not said */
    expect_text(&c,
                "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) đạt 0,00/100 "
                "điểm.",
                0);
    c.x = 7305;
    c.rank = 1034;
    c.of = 3321;
    expect_text(&c,
                "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) đạt 73,05/100 "
                "điểm, xếp thứ 1.034/3.321.",
                0);
}

static void feedback_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_FEEDBACK};
    expect_text(&c, "Trong kỳ, không có phản ánh, kiến nghị đến hạn xử lý.", 0);
    c.x = 3;
    c.y = 2;
    expect_text(
        &c, "Trong kỳ, có 3 phản ánh, kiến nghị đến hạn xử lý; đã xử lý đúng hạn 2 (66,67%).", 0);
    c.x = 1200;
    c.y = 1200;
    expect_text(&c,
                "Trong kỳ, có 1.200 phản ánh, kiến nghị đến hạn xử lý; đã xử lý đúng hạn 1.200 "
                "(100,00%).",
                0);
    c.x = 8;
    c.y = 0;
    expect_text(
        &c, "Trong kỳ, có 8 phản ánh, kiến nghị đến hạn xử lý; đã xử lý đúng hạn 0 (0,00%).", 0);
}

/* --- strengths and shortcomings ---------------------------------------- */

static void strength_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_STRENGTHS};
    expect_text(&c, "Đơn vị đã triển khai kế hoạch cải cách hành chính.", 0);
    c.t = (report_task_counts_t){12, 9, 2, 1, 1, 0};
    c.g = (report_target_counts_t){10, 8, 1, 1, 0};
    c.os = os_of(100, 50, 0, 100, 50, 46, 4, 0, 0);
    expect_text(&c,
                "Đơn vị đã triển khai kế hoạch cải cách hành chính, hoàn thành 9/12 nhiệm vụ; 8 "
                "chỉ tiêu đạt kế hoạch; tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt 96,00%.",
                0);
    /* the on-time rate is a strength from 95,00 % as the report prints it */
    c.t = (report_task_counts_t){5, 0, 5, 0, 0, 0};
    c.g = (report_target_counts_t){10, 0, 0, 10, 0}; /* no target met: not said */
    c.os = os_of(0, 0, 0, 20, 0, 19, 1, 0, 0);
    expect_text(&c,
                "Đơn vị đã triển khai kế hoạch cải cách hành chính, hoàn thành 0/5 nhiệm vụ; tỷ lệ "
                "hồ sơ giải quyết trước và đúng hạn đạt 95,00%.",
                0);
    c.os = os_of(0, 0, 0, 20000, 0, 18999, 1001, 0, 0); /* 94,995 % prints 95,00% */
    expect_text(&c,
                "Đơn vị đã triển khai kế hoạch cải cách hành chính, hoàn thành 0/5 nhiệm vụ; tỷ lệ "
                "hồ sơ giải quyết trước và đúng hạn đạt 95,00%.",
                0);
    c.os = os_of(0, 0, 0, 2000, 0, 1899, 101, 0, 0); /* 94,95 %: not a strength */
    expect_text(&c, "Đơn vị đã triển khai kế hoạch cải cách hành chính, hoàn thành 0/5 nhiệm vụ.",
                0);
    c.os = os_of(0, 0, 0, 0, 0, 0, 0, 5, 0); /* nothing resolved: no rate */
    expect_text(&c, "Đơn vị đã triển khai kế hoạch cải cách hành chính, hoàn thành 0/5 nhiệm vụ.",
                0);
}

static void shortcoming_sentences(void **state)
{
    (void)state;
    call_t c = {.kind = K_SHORTCOMINGS};
    /* the sentences are joined by a space written after each and trimmed at
     * the end: one byte more is needed than what is kept */
    expect_text(&c, "Số liệu trong kỳ không cho thấy tồn tại nổi bật; đơn vị bổ sung nếu có.", 1);
    c.t = (report_task_counts_t){12, 9, 1, 0, 2, 0};
    c.g = (report_target_counts_t){10, 8, 1, 1, 0};
    c.os = os_of(100, 50, 0, 100, 50, 46, 104, 7, 5);
    expect_text(&c,
                "Còn 2 nhiệm vụ quá hạn chưa hoàn thành. Còn 2 chỉ tiêu chưa đạt hoặc có nguy cơ "
                "không đạt. Còn 104 hồ sơ thủ tục hành chính giải quyết quá hạn. Có 5 hồ sơ đang "
                "giải quyết đã quá hạn.",
                1);
    /* each on its own */
    call_t one = {.kind = K_SHORTCOMINGS};
    one.g.at_risk = 3;
    expect_text(&one, "Còn 3 chỉ tiêu chưa đạt hoặc có nguy cơ không đạt.", 1);
    one = (call_t){.kind = K_SHORTCOMINGS};
    one.os.c[REPORT_OS_LATE] = 1234;
    expect_text(&one, "Còn 1.234 hồ sơ thủ tục hành chính giải quyết quá hạn.", 1);
    one = (call_t){.kind = K_SHORTCOMINGS};
    one.os.c[REPORT_OS_IN_PROGRESS_OVERDUE] = 1;
    expect_text(&one, "Có 1 hồ sơ đang giải quyết đã quá hạn.", 1);
    /* a space before the appended text is the caller's, and is kept */
    buf_t b;
    buf_init(&b, 4096);
    assert_int_equal(buf_puts(&b, "Tồn tại: "), 0);
    one = (call_t){.kind = K_SHORTCOMINGS};
    assert_int_equal(run(&b, &one), 0);
    assert_string_equal(buf_cstr(&b), "Tồn tại: Số liệu trong kỳ không cho thấy tồn tại nổi bật; "
                                      "đơn vị bổ sung nếu có.");
    buf_release(&b);
}

/* --- next period ------------------------------------------------------- */

static void next_sentences(void **state)
{
    (void)state;
    static const char *const titles[] = {"Rà soát TTHC", "Số hóa hồ sơ", "Khảo sát SIPAS",
                                         "Kiểm tra CCHC"};
    call_t c = {.kind = K_NEXT, .titles = titles, .ntitles = 2};
    expect_text(&c, "Tiếp tục triển khai các nhiệm vụ thường xuyên theo kế hoạch.", 0);
    c.x = 2;
    expect_text(&c,
                "Trong kỳ tới, đơn vị tập trung thực hiện 2 nhiệm vụ đến hạn, trong đó: \"Rà soát "
                "TTHC\"; \"Số hóa hồ sơ\".",
                0);
    /* at most three titles, "…" when more tasks are due */
    c.x = 5;
    c.ntitles = 4;
    expect_text(&c,
                "Trong kỳ tới, đơn vị tập trung thực hiện 5 nhiệm vụ đến hạn, trong đó: \"Rà soát "
                "TTHC\"; \"Số hóa hồ sơ\"; \"Khảo sát SIPAS\"….",
                0);
    c.x = 3;
    c.ntitles = 3;
    expect_text(&c,
                "Trong kỳ tới, đơn vị tập trung thực hiện 3 nhiệm vụ đến hạn, trong đó: \"Rà soát "
                "TTHC\"; \"Số hóa hồ sơ\"; \"Khảo sát SIPAS\".",
                0);
    c.x = 1234;
    c.ntitles = 1;
    expect_text(&c,
                "Trong kỳ tới, đơn vị tập trung thực hiện 1.234 nhiệm vụ đến hạn, trong đó: \"Rà "
                "soát TTHC\"….",
                0);
    /* tasks due but no title given: nothing to elide */
    c.x = 5;
    c.ntitles = 0;
    expect_text(&c, "Trong kỳ tới, đơn vị tập trung thực hiện 5 nhiệm vụ đến hạn.", 0);
    c.titles = NULL;
    expect_text(&c, "Trong kỳ tới, đơn vị tập trung thực hiện 5 nhiệm vụ đến hạn.", 0);
}

/* --- allocation failures ------------------------------------------------ */

static void allocation_failures(void **state)
{
    (void)state;
    static const char *const titles[] = {"A", "B"};
    call_t calls[] = {
        {.kind = K_ONESTOP, .os = os_of(1884, 1500, 12, 1773, 1200, 469, 104, 123, 5)},
        {.kind = K_TASKS, .area = "cải cách thể chế", .t = {12, 9, 2, 1, 1, 1}},
        {.kind = K_TARGETS, .g = {10, 8, 1, 1, 0}},
        {.kind = K_766, .has = true, .x = 8512, .rank = 3, .of = 34},
        {.kind = K_FEEDBACK, .x = 3, .y = 2},
        {.kind = K_STRENGTHS, .t = {12, 9, 2, 1, 1, 0}, .g = {10, 8, 1, 1, 0}},
        {.kind = K_SHORTCOMINGS, .t = {12, 9, 2, 1, 1, 0}, .g = {10, 8, 1, 1, 0}},
        {.kind = K_NEXT, .x = 5, .titles = titles, .ntitles = 2},
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        buf_t b;
        buf_init(&b, MAXB);
        assert_int_equal(run(&b, &calls[i]), 0);
        char *want = buf_detach(&b);
        assert_non_null(want);
        bool whole = false;
        for (long k = 1; k < 50 && !whole; k++) {
            buf_init(&b, MAXB);
            mem_fail_after(k);
            int rc = run(&b, &calls[i]);
            mem_fail_after(-1);
            if (rc == 0) {
                whole = true;
                assert_string_equal(buf_cstr(&b), want);
            } else {
                assert_int_equal(rc, ERR_NOMEM);
                assert_int_equal(strncmp(buf_cstr(&b), want, b.len), 0);
                assert_true(k > 1 || b.len == 0);
            }
            buf_release(&b);
        }
        assert_true(whole);
        mem_free(want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(onestop_sentences),     cmocka_unit_test(task_sentences),
        cmocka_unit_test(target_sentences),      cmocka_unit_test(index766_sentences),
        cmocka_unit_test(feedback_sentences),    cmocka_unit_test(strength_sentences),
        cmocka_unit_test(shortcoming_sentences), cmocka_unit_test(next_sentences),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
