/* Unit tests of src/domain/report_clause: reporting clauses of the shared
 * plans (read at test time; skipped when absent) and of variants written
 * here, into calendar rules, overrides and warnings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/doc.h"
#include "domain/report_clause.h"
#include "support/fixture_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define K(x) (1u << (x))

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* The text of a shared plan, or NULL (the test is then skipped). */
static char *read_plan(const char *name, size_t *n)
{
    char *path = fxdoc_plan_path(name), *text = NULL;
    if (path && fxdoc_read(path, &text, n))
        text = NULL;
    free(path);
    return text;
}

static report_clauses_t *from_plan(const char *name, int year)
{
    size_t n = 0;
    char *text = read_plan(name, &n);
    if (!text)
        return NULL;
    doc_t *d = NULL;
    err_t e;
    report_clauses_t *r = NULL;
    if (doc_from_text(text, n, &d, &e) != 0)
        fail_msg("doc: %s", e.en);
    if (report_clause_from_doc(d, "ISS", year, "KH", &r, &e) != 0)
        fail_msg("clauses: %s", e.en);
    doc_free(d);
    free(text);
    return r;
}

static report_clauses_t *from_text(const char *const *paras, size_t n, int year)
{
    report_clauses_t *r = NULL;
    err_t e;
    int lines[16];
    for (size_t i = 0; i < n && i < 16; i++)
        lines[i] = (int)i + 1;
    if (report_clause_from_paras(paras, lines, n, "ISS", year, NULL, &r, &e) != 0)
        fail_msg("clauses: %s", e.en);
    return r;
}

static const report_cal_rule_t *rule(const report_clauses_t *r, report_kind_t k)
{
    for (size_t i = 0; i < r->nrules; i++)
        if (r->rules[i].rule.kind == k)
            return &r->rules[i].rule;
    return NULL;
}

static size_t count_warnings(const report_clauses_t *r, const char *code)
{
    size_t c = 0;
    for (size_t i = 0; i < r->nwarnings; i++)
        c += strcmp(r->warnings[i].w.code, code) == 0;
    return c;
}

/* Plan 001: "hàng quý (*trước ngày 15 của tháng cuối quý*), năm hoặc đột
 * xuất gửi về Văn phòng Ban". */
static void plan_001(void **state)
{
    (void)state;
    report_clauses_t *r = from_plan("001_74e5bd43d5376be8.txt", 2024);
    if (!r)
        skip();
    assert_true(r->nclauses >= 1);
    const report_clause_t *cl = &r->clauses[0];
    assert_int_equal(cl->line, 171);
    assert_non_null(strstr(cl->text, "trước ngày 15 của tháng cuối quý"));
    assert_string_equal(cl->receiver, "Văn phòng Ban");
    assert_true(cl->adhoc);
    static const report_kind_t kinds[] = {REPORT_KIND_QUY1, REPORT_KIND_6THANG, REPORT_KIND_QUY3,
                                          REPORT_KIND_NAM};
    for (size_t i = 0; i < 4; i++) {
        const report_cal_rule_t *ru = rule(r, kinds[i]);
        assert_non_null(ru);
        assert_string_equal(ru->receiver, "ISS");
        assert_int_equal(ru->year_from, 2024);
        assert_int_equal(ru->year_to, 2024);
        assert_int_equal(ru->due.kind, PERIOD_DUE_DAY_OF_MONTH);
        assert_int_equal(ru->due.day, 14);
        assert_int_equal(ru->due.month, 0);
        assert_string_equal(ru->source, "KH:171");
        assert_true(ru->enabled);
    }
    assert_null(rule(r, REPORT_KIND_9THANG));
    /* The rules fit a calendar and give 14/3/2024 for quarter I. */
    report_cal_t *c = report_cal_new();
    for (size_t i = 0; i < r->nrules; i++)
        assert_int_equal(report_cal_add_rule(c, &r->rules[i].rule, NULL), 0);
    report_cal_list_t l;
    report_cal_list_init(&l);
    assert_int_equal(report_cal_resolve(c, "ISS", 2024, NULL, NULL, &l, NULL), 0);
    assert_int_equal(l.v[0].due, D(2024, 3, 14));
    report_cal_list_release(&l);
    report_cal_free(c);
    report_clause_free(r);
}

/* Plan 004: the due "chậm nhất ngày 05 của các tháng 3, 6, 9, 12" comes
 * before the default cut-off (14th): warnings, and the kinds enabled by the
 * other clause without a due. */
static void plan_004(void **state)
{
    (void)state;
    report_clauses_t *r = from_plan("004_9a23d4ea0e0477f2.txt", 2023);
    if (!r)
        skip();
    assert_int_equal(count_warnings(r, "report_clause.invalid"), 4);
    for (size_t i = 0; i < r->nwarnings; i++)
        if (strcmp(r->warnings[i].w.code, "report_clause.invalid") == 0) {
            const report_clause_t *cl = &r->clauses[r->warnings[i].clause];
            assert_non_null(strstr(cl->text, "chậm nhất ngày 05"));
            assert_non_null(strstr(r->warnings[i].w.vi, "khoảng chốt số liệu"));
        }
    const report_cal_rule_t *m9 = rule(r, REPORT_KIND_9THANG);
    assert_non_null(m9);
    assert_int_equal(m9->due.kind, PERIOD_DUE_NONE);
    assert_null(rule(r, REPORT_KIND_QUY3));
    /* The paragraph about last year's shortcomings ("kết quả CCHC hàng năm")
     * is not a clause. */
    for (size_t i = 0; i < r->nclauses; i++)
        assert_null(strstr(r->clauses[i].text, "PAR INDEX"));
    report_clause_free(r);
}

/* Plan 002: periodic reports "đúng thời gian quy định" (no timing) warn;
 * the reports to the ministry (upward) are not clauses. */
static void plan_002(void **state)
{
    (void)state;
    report_clauses_t *r = from_plan("002_f2f413426d7afbab.txt", 2024);
    if (!r)
        skip();
    assert_true(count_warnings(r, "report_clause.no_timing") >= 1);
    for (size_t i = 0; i < r->nclauses; i++) {
        assert_null(strstr(r->clauses[i].text, "Bộ Nội vụ"));
        assert_null(strstr(r->clauses[i].text, "Trung ương"));
    }
    for (size_t i = 0; i < r->nrules; i++)
        assert_int_equal(r->rules[i].rule.due.kind, PERIOD_DUE_NONE);
    report_clause_free(r);
}

static void wrapped_lines_and_workdays(void **state)
{
    (void)state;
    const char *paras[] = {
        "IV. CHẾ ĐỘ BÁO CÁO",
        "Các phòng, đơn vị báo cáo định kỳ quý I, 6 tháng, quý III",
        "và năm gửi về Phòng Nội vụ trong 02 ngày làm việc sau ngày",
        "chốt số liệu.",
    };
    report_clauses_t *r = from_text(paras, 4, 2025);
    assert_int_equal(r->nclauses, 1);
    assert_int_equal(r->clauses[0].line, 2);
    assert_string_equal(r->clauses[0].receiver, "Phòng Nội vụ");
    assert_int_equal(r->nrules, 4);
    for (size_t i = 0; i < r->nrules; i++) {
        assert_int_equal(r->rules[i].rule.due.kind, PERIOD_DUE_WORKDAYS_AFTER);
        assert_int_equal(r->rules[i].rule.due.n, 2);
        assert_string_equal(r->rules[i].rule.source, "plan:2");
    }
    assert_int_equal(r->nwarnings, 0);
    report_clause_free(r);
}

/* The real plan that closes the annual report on 24/11 and wants it on 25/11. */
static void dated_annual_override(void **state)
{
    (void)state;
    const char *paras[] = {
        "Báo cáo CCHC năm 2024: số liệu tính từ ngày 15/12/2023 đến ngày 24/11/2024, gửi "
        "về Sở Nội vụ chậm nhất ngày 25/11/2024.",
    };
    report_clauses_t *r = from_text(paras, 1, 2024);
    assert_int_equal(r->nrules, 0);
    assert_int_equal(r->noverrides, 1);
    const report_cal_override_t *o = &r->overrides[0].override;
    assert_int_equal(o->kind, REPORT_KIND_NAM);
    assert_int_equal(o->year, 2024);
    assert_int_equal(o->from, D(2023, 12, 15));
    assert_int_equal(o->to, D(2024, 11, 24));
    assert_int_equal(o->due, D(2024, 11, 25));
    assert_string_equal(r->clauses[0].receiver, "Sở Nội vụ");
    report_clause_free(r);
    /* Broken as a PDF would leave it. */
    const char *pdf[] = {
        "Báo cáo năm: số liệu tính từ ngày 15/12/202 3 đến",
        "ngày 24/ 11/2024, gửi trước ngày 26/11/2024⁽²⁾.",
    };
    r = from_text(pdf, 2, 2024);
    assert_int_equal(r->noverrides, 1);
    assert_int_equal(r->overrides[0].override.due, D(2024, 11, 25));
    assert_int_equal(r->overrides[0].override.from, D(2023, 12, 15));
    report_clause_free(r);
}

static void unclear_and_conflicting(void **state)
{
    (void)state;
    const char *paras[] = {
        "1. Báo cáo quý gửi trước ngày quy định của Sở Nội vụ tỉnh.",
        "2. Báo cáo 6 tháng gửi chậm nhất ngày 20 tháng 6; báo cáo 6 tháng gửi chậm nhất ngày "
        "18/6.",
        "3. Thời gian báo cáo: chậm nhất ngày 20 của tháng cuối kỳ.",
        "4. Báo cáo hàng tháng gửi trước ngày 25.",
        "5. Báo cáo quý III gửi chậm nhất ngày 05 tháng 3.",
        "6. Báo cáo năm gửi trong 05 ngày làm việc sau khi kết thúc năm.",
    };
    report_clauses_t *r = from_text(paras, 6, 2024);
    assert_int_equal(count_warnings(r, "report_clause.unclear_due"), 2); /* 1. and 4. */
    assert_int_equal(count_warnings(r, "report_clause.conflict"), 1);
    assert_int_equal(count_warnings(r, "report_clause.no_kind"), 1);
    assert_int_equal(count_warnings(r, "report_clause.monthly"), 1);
    assert_int_equal(count_warnings(r, "report_clause.due_kind"), 1);
    assert_int_equal(count_warnings(r, "report_clause.unclear_after"), 1);
    /* The quarter rules are made without a due (not guessed). */
    const report_cal_rule_t *q1 = rule(r, REPORT_KIND_QUY1);
    assert_non_null(q1);
    assert_int_equal(q1->due.kind, PERIOD_DUE_NONE);
    /* The 6-month rule keeps the first due read. */
    const report_cal_rule_t *s1 = rule(r, REPORT_KIND_6THANG);
    assert_int_equal(s1->due.day, 20);
    for (size_t i = 0; i < r->nwarnings; i++) {
        assert_true(r->warnings[i].clause < r->nclauses);
        assert_true(r->warnings[i].w.vi[0] && r->warnings[i].w.en[0]);
    }
    report_clause_free(r);
}

static void not_clauses(void **state)
{
    (void)state;
    const char *paras[] = {
        "100% chế độ báo cáo thực hiện chế độ báo cáo trên Hệ thống thông tin báo cáo.",
        "Định kỳ tổng hợp, tham mưu Chủ tịch UBND tỉnh báo cáo kết quả thực hiện gửi Bộ Nội vụ "
        "trước ngày 20 tháng cuối quý.",
        "Kết quả Chỉ số CCHC hàng năm tăng so với năm 2023.",
        "Kế hoạch CCHC năm 2024 được triển khai hàng quý.",
    };
    report_clauses_t *r = from_text(paras, 4, 2024);
    assert_int_equal(r->nclauses, 0);
    assert_int_equal(r->nrules, 0);
    assert_int_equal(r->nwarnings, 0);
    report_clause_free(r);
}

static void bad_input(void **state)
{
    (void)state;
    report_clauses_t *r = NULL;
    err_t e;
    const char *paras[] = {"\xff bad", "Báo cáo năm gửi chậm nhất ngày 20 tháng 12."};
    assert_int_equal(report_clause_from_paras(paras, NULL, 2, "*", 2024, NULL, &r, &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "report_cal.receiver");
    assert_null(r);
    assert_int_equal(report_clause_from_paras(paras, NULL, 2, "ISS", 0, NULL, &r, &e), 0);
    assert_int_equal(count_warnings(r, "report_clause.utf8"), 1);
    assert_int_equal(r->warnings[0].clause, REPORT_CLAUSE_NONE);
    assert_int_equal(r->nrules, 1);
    assert_int_equal(r->rules[0].rule.year_from, 0); /* no plan year: all years */
    assert_string_equal(r->rules[0].rule.source, "plan");
    report_clause_free(r);
    report_clause_free(NULL);
    for (long n = 1; n < 200; n++) {
        const char *p2[] = {"Báo cáo quý (trước ngày 15 tháng cuối quý), năm hoặc đột xuất gửi về "
                            "Văn phòng.",
                            "Báo cáo năm: số liệu từ ngày 15/12/2023 đến ngày 24/11/2024."};
        mem_fail_after(n);
        int rc = report_clause_from_paras(p2, NULL, 2, "ISS", 2024, NULL, &r, NULL);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
        if (rc == 0) {
            assert_int_equal(r->nrules, 4);
            report_clause_free(r);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_001),
        cmocka_unit_test(plan_004),
        cmocka_unit_test(plan_002),
        cmocka_unit_test(wrapped_lines_and_workdays),
        cmocka_unit_test(dated_annual_override),
        cmocka_unit_test(unclear_and_conflicting),
        cmocka_unit_test(not_clauses),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
