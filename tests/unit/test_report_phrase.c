/* Unit tests of src/domain/report_phrase: kinds, due and window phrases of
 * reporting clauses, with PDF artefacts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/report_phrase.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define K(x) (1u << (x))
#define QUARTERLY                                                                                  \
    (K(REPORT_KIND_QUY1) | K(REPORT_KIND_6THANG) | K(REPORT_KIND_QUY3) | K(REPORT_KIND_NAM))
#define M(x) (1u << (x))

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static report_phrase_t parse(const char *s)
{
    report_phrase_t p;
    err_t e;
    if (report_phrase_parse(s, strlen(s), &p, &e) != 0)
        fail_msg("parse '%s': %s", s, e.en);
    return p;
}

static period_due_t due_for(const report_phrase_item_t *it, report_kind_t k)
{
    period_due_t d;
    if (report_phrase_due_rule(it, k, &d) != 0)
        fail_msg("no due for %s", report_kind_code(k));
    return d;
}

static void before_15_last_month(void **state)
{
    (void)state;
    const char *texts[] = {
        "trước ngày 15 của tháng cuối kỳ",
        "trước ngày 15 của tháng cuối quý",
        "TRUOC NGAY 15 CUA THANG CUOI QUY",
        "trước\nngày  15 của tháng\ncuối kỳ báo cáo",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        report_phrase_t p = parse(texts[i]);
        assert_int_equal(p.nitems, 1);
        assert_int_equal(p.items[0].kinds, 0);
        assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_DAY);
        assert_int_equal(p.items[0].due.day, 14); /* "trước ngày 15" = due the 14th */
        assert_true(p.items[0].due.exclusive);
        assert_int_equal(p.items[0].due.months, 0);
        assert_int_equal(p.items[0].due.month, 0);
        period_due_t d = due_for(&p.items[0], REPORT_KIND_QUY3);
        assert_int_equal(d.kind, PERIOD_DUE_DAY_OF_MONTH);
        assert_int_equal(d.day, 14);
        assert_int_equal(d.month, 0);
        assert_int_equal(p.unclear, 0);
    }
    /* "chậm nhất ngày 15" is inclusive. */
    report_phrase_t p = parse("chậm nhất là ngày 15 tháng cuối quý");
    assert_int_equal(p.items[0].due.day, 15);
    assert_false(p.items[0].due.exclusive);
    /* "trước ngày 01 của tháng đầu quý sau": the last day of the last month. */
    p = parse("trước ngày 01 của tháng đầu quý sau");
    assert_int_equal(p.items[0].due.day, 31);
    assert_int_equal(p.items[0].due.month, 0);
    p = parse("chậm nhất ngày 05 của tháng đầu quý tiếp theo");
    assert_int_equal(p.items[0].due.day, 5);
    assert_int_equal(p.items[0].due.month, 1);
}

static void day_of_listed_months(void **state)
{
    (void)state;
    const char *texts[] = {
        "chậm nhất ngày 05 của các tháng 3, tháng 6, tháng 9, tháng 12",
        "Thời gian báo cáo: chậm nhất ngày 05 của các tháng 3, tháng 6, tháng 9, tháng 12⁽¹⁾.",
        "chậm nhất ngày 05 các tháng 3, 6, 9 và 12",
        "cham nhat ngay 05 cua cac thang 3 , thang 6, thang 9, thang 1 2",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        report_phrase_t p = parse(texts[i]);
        assert_int_equal(p.nitems, 1);
        assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_DAY);
        assert_int_equal(p.items[0].due.day, 5);
        if (i < 3)
            assert_int_equal(p.items[0].due.months, M(3) | M(6) | M(9) | M(12));
        for (int k = 0; k < REPORT_KIND_PERIODIC && i < 3; k++) {
            period_due_t d = due_for(&p.items[0], (report_kind_t)k);
            assert_int_equal(d.day, 5);
            assert_int_equal(d.month, 0);
        }
    }
    /* Months after the period: "các tháng 4, 7, 10 và tháng 01 năm sau". */
    report_phrase_t p = parse("trước ngày 10 các tháng 4, 7, 10, 1");
    period_due_t d = due_for(&p.items[0], REPORT_KIND_QUY1);
    assert_int_equal(d.day, 9);
    assert_int_equal(d.month, 1);
    d = due_for(&p.items[0], REPORT_KIND_NAM);
    assert_int_equal(d.month, 1);
    /* A month that fits no period of the kind. */
    p = parse("chậm nhất ngày 05 tháng 3");
    assert_int_equal(report_phrase_due_rule(&p.items[0], REPORT_KIND_QUY3, &d), ERR_NOTFOUND);
    assert_int_equal(report_phrase_due_rule(&p.items[0], REPORT_KIND_DOT_XUAT, &d), ERR_INVALID);
}

static void working_days_after_cutoff(void **state)
{
    (void)state;
    const char *texts[] = {
        "trong 02 ngày làm việc sau ngày chốt số liệu",
        "trong vòng 02 ngày làm việc kể từ ngày chốt số liệu",
        "chậm nhất 2 ngày làm việc sau khi chốt số liệu",
        "trong 02 ngay lam viec sau ngay chot so lieu",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        report_phrase_t p = parse(texts[i]);
        assert_int_equal(p.nitems, 1);
        assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_WORKDAYS);
        assert_int_equal(p.items[0].due.n, 2);
        period_due_t d = due_for(&p.items[0], REPORT_KIND_NAM);
        assert_int_equal(d.kind, PERIOD_DUE_WORKDAYS_AFTER);
        assert_int_equal(d.n, 2);
    }
    report_phrase_t p = parse("05 ngày sau ngày chốt số liệu");
    assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_DAYS);
    assert_int_equal(p.items[0].due.n, 5);
    /* Counted from something else than the cut-off: unclear, no due. */
    p = parse("trong 05 ngày làm việc sau khi kết thúc quý");
    assert_int_equal(p.nitems, 0);
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_AFTER);
}

static void windows_and_dates(void **state)
{
    (void)state;
    report_phrase_t p = parse("số liệu tính từ ngày 15/12/2023 đến ngày 24/11/2024");
    assert_int_equal(p.nitems, 1);
    const report_phrase_window_t *w = &p.items[0].window;
    assert_true(w->set);
    assert_int_equal(w->from_day, 15);
    assert_int_equal(w->from_month, 12);
    assert_int_equal(w->from_year, 2023);
    assert_int_equal(w->to_day, 24);
    assert_int_equal(w->to_year, 2024);
    date_t from, to, due;
    assert_int_equal(report_phrase_item_dates(&p.items[0], &from, &to, &due), 0);
    assert_int_equal(from, D(2023, 12, 15));
    assert_int_equal(to, D(2024, 11, 24));
    assert_int_equal(due, DATE_NONE);
    period_window_t pw;
    assert_int_equal(report_phrase_window_rule(&p.items[0], REPORT_KIND_NAM, &pw), ERR_INVALID);

    /* PDF-broken: split year, spaces around '/', line break. */
    p = parse("số liệu tính từ ngày 15 /12/ 202 3 đến\nngày 24/11/2 024");
    assert_int_equal(report_phrase_item_dates(&p.items[0], &from, &to, &due), 0);
    assert_int_equal(from, D(2023, 12, 15));
    assert_int_equal(to, D(2024, 11, 24));

    p = parse("gửi trước ngày 25/11/2024");
    assert_int_equal(p.nitems, 1);
    assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_DATE);
    assert_int_equal(p.items[0].due.date, D(2024, 11, 24));
    period_due_t d;
    assert_int_equal(report_phrase_due_rule(&p.items[0], REPORT_KIND_NAM, &d), ERR_INVALID);
    p = parse("chậm nhất ngày 25 tháng 11 năm 2024");
    assert_int_equal(p.items[0].due.date, D(2024, 11, 25));

    /* Window without years: a rule. */
    p = parse("chốt số liệu từ ngày 15/12 đến ngày 24/11");
    assert_int_equal(report_phrase_window_rule(&p.items[0], REPORT_KIND_NAM, &pw), 0);
    assert_int_equal(pw.from_month, -1);
    assert_int_equal(pw.to_day, 24);
    assert_int_equal(pw.to_month, -1);
    p = parse("thời gian chốt số liệu tính đến hết ngày 24/11");
    assert_true(p.items[0].window.set);
    assert_int_equal(p.items[0].window.from_day, 0);
    assert_int_equal(report_phrase_window_rule(&p.items[0], REPORT_KIND_NAM, &pw), 0);
    assert_int_equal(pw.from_day, 15);
    assert_int_equal(pw.from_month, -1);
    assert_int_equal(pw.to_month, -1);
    /* "từ ngày … đến ngày …" without a data cue is not a window. */
    p = parse("tổ chức từ ngày 15/12/2023 đến ngày 24/11/2024");
    assert_int_equal(p.nitems, 0);
    /* A day before the year's limit or an impossible date: unclear. */
    p = parse("trước ngày 30/02/2024");
    assert_int_equal(p.nitems, 0);
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_DUE);
    p = parse("số liệu từ ngày 15/12/2023 đến ngày 31/02/2024");
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_WINDOW);
}

static void kinds(void **state)
{
    (void)state;
    report_phrase_t p = parse("hàng quý");
    assert_int_equal(p.kinds, QUARTERLY);
    assert_true(p.quarterly);
    p = parse("6 tháng");
    assert_int_equal(p.kinds, K(REPORT_KIND_6THANG)); /* the whole text is a list */
    p = parse("9 tháng");
    assert_int_equal(p.kinds, K(REPORT_KIND_9THANG));
    p = parse("năm.");
    assert_int_equal(p.kinds, K(REPORT_KIND_NAM));
    p = parse("05 ngày");
    assert_int_equal(p.kinds, 0);
    p = parse("6 tháng đầu năm nay các đơn vị tăng số hồ sơ");
    assert_int_equal(p.kinds, 0); /* not a list: a sentence starting with one */
    p = parse("báo cáo 6 tháng");
    assert_int_equal(p.kinds, K(REPORT_KIND_6THANG));
    p = parse("báo cáo 9 tháng");
    assert_int_equal(p.kinds, K(REPORT_KIND_9THANG));
    p = parse("báo cáo năm");
    assert_int_equal(p.kinds, K(REPORT_KIND_NAM));
    p = parse("hằng năm");
    assert_int_equal(p.kinds, K(REPORT_KIND_NAM));
    p = parse("đột xuất");
    assert_int_equal(p.kinds, K(REPORT_KIND_DOT_XUAT));
    p = parse("báo cáo định kỳ 3 tháng, 6 tháng, 9 tháng, năm");
    assert_int_equal(p.kinds, K(REPORT_KIND_QUY1) | K(REPORT_KIND_6THANG) | K(REPORT_KIND_9THANG) |
                                  K(REPORT_KIND_NAM));
    assert_true(p.periodic);
    assert_false(p.quarterly);
    p = parse("Báo cáo CCHC quý I, quý III và năm 2024");
    assert_int_equal(p.kinds, K(REPORT_KIND_QUY1) | K(REPORT_KIND_QUY3) | K(REPORT_KIND_NAM));
    p = parse("báo cáo quý 2, quý IV");
    assert_int_equal(p.kinds, K(REPORT_KIND_6THANG) | K(REPORT_KIND_NAM));
    p = parse("báo cáo hàng tháng");
    assert_int_equal(p.kinds, 0);
    assert_true(p.monthly);
    p = parse("Báo cáo đột xuất (nếu có): Thực hiện khi có yêu cầu.");
    assert_int_equal(p.kinds, K(REPORT_KIND_DOT_XUAT));
    assert_true(p.on_request);
    /* "năm" outside a list is not a kind. */
    p = parse("Kế hoạch cải cách hành chính năm 2024");
    assert_int_equal(p.kinds, 0);
    assert_int_equal(p.nitems, 0);
}

/* Plan 001's sentence: the due in parentheses applies to the quarterly item. */
static void parenthesised_due(void **state)
{
    (void)state;
    report_phrase_t p = parse(
        "Tổng hợp báo cáo kết quả thực hiện các nhiệm vụ được phân công tại Kế hoạch này hàng "
        "quý (*trước ngày 15 của tháng cuối quý*), năm hoặc đột xuất gửi về Văn phòng Ban để "
        "tổng hợp báo cáo theo quy định.");
    assert_int_equal(p.nitems, 2);
    size_t q = p.items[0].kinds == QUARTERLY ? 0 : 1;
    assert_int_equal(p.items[q].kinds, QUARTERLY);
    assert_int_equal(p.items[q].due.day, 14);
    assert_int_equal(p.items[1 - q].kinds, K(REPORT_KIND_DOT_XUAT));
    assert_int_equal(p.items[1 - q].due.form, REPORT_PHRASE_DUE_NONE);
    assert_int_equal(p.kinds, QUARTERLY | K(REPORT_KIND_DOT_XUAT));
    assert_int_equal(p.unclear, 0);
}

/* Plan 004's paragraph: kinds in one sentence, the due in the next. */
static void due_after_list(void **state)
{
    (void)state;
    report_phrase_t p =
        parse("- Kết quả thực hiện các nội dung trong kế hoạch này được báo cáo định kỳ 3 tháng, 6 "
              "tháng, 9 tháng, năm. Thời gian báo cáo: chậm nhất ngày 05 của các tháng 3, tháng 6, "
              "tháng 9, tháng 12⁽¹⁾.");
    assert_int_equal(p.nitems, 1);
    assert_int_equal(p.items[0].kinds, K(REPORT_KIND_QUY1) | K(REPORT_KIND_6THANG) |
                                           K(REPORT_KIND_9THANG) | K(REPORT_KIND_NAM));
    assert_int_equal(p.items[0].due.day, 5);
    const char *t = "Thời gian báo cáo: chậm nhất ngày 05";
    (void)t;
    /* Due before the list applies to it too. */
    p = parse("Trước ngày 20 tháng cuối kỳ, các đơn vị gửi báo cáo quý, 6 tháng, năm.");
    assert_int_equal(p.nitems, 1);
    assert_int_equal(p.items[0].kinds, QUARTERLY);
    assert_int_equal(p.items[0].due.day, 19);
    /* Two lists with their own dues. */
    p = parse("Báo cáo quý I, quý III gửi trước ngày 15 tháng cuối quý; báo cáo năm gửi "
              "chậm nhất ngày 10/12.");
    assert_int_equal(p.nitems, 2);
    assert_int_equal(p.items[0].kinds, K(REPORT_KIND_QUY1) | K(REPORT_KIND_QUY3));
    assert_int_equal(p.items[0].due.day, 14);
    assert_int_equal(p.items[1].kinds, K(REPORT_KIND_NAM));
    assert_int_equal(p.items[1].due.months, M(12));
    period_due_t d = due_for(&p.items[1], REPORT_KIND_NAM);
    assert_int_equal(d.day, 10);
    assert_int_equal(d.month, 0);
    /* Two different dues for one list: unclear, the first kept. */
    p = parse("Báo cáo năm gửi trước ngày 15/12, chậm nhất ngày 20/12.");
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_CONFLICT);
}

static void unclear_dues(void **state)
{
    (void)state;
    report_phrase_t p = parse("Báo cáo năm gửi trước ngày quy định.");
    assert_int_equal(p.kinds, K(REPORT_KIND_NAM));
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_DUE);
    assert_int_equal(p.items[0].due.form, REPORT_PHRASE_DUE_NONE);
    const char *s = "Báo cáo năm gửi trước ngày quy định.";
    assert_true(p.unclear_off < strlen(s) && p.unclear_end <= strlen(s));
    assert_memory_equal(s + p.unclear_off, "trước", strlen("trước"));
    p = parse("báo cáo quý chậm nhất vào ngày làm việc cuối cùng của quý");
    assert_true(p.unclear & REPORT_PHRASE_UNCLEAR_DUE);
}

static void bad_input(void **state)
{
    (void)state;
    report_phrase_t p;
    err_t e;
    assert_int_equal(report_phrase_parse("\xff\xfe", 2, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "report_phrase.utf8");
    char *big = mem_alloc(REPORT_PHRASE_TEXT_MAX + 2);
    memset(big, 'a', REPORT_PHRASE_TEXT_MAX + 1);
    big[REPORT_PHRASE_TEXT_MAX + 1] = '\0';
    assert_int_equal(report_phrase_parse(big, strlen(big), &p, &e), ERR_TOOLARGE);
    mem_free(big);
    assert_int_equal(report_phrase_parse("", 0, &p, &e), 0);
    assert_int_equal(p.nitems, 0);
    assert_int_equal(report_phrase_parse(NULL, 0, &p, &e), 0);
    /* Long junk does not crash and finds nothing. */
    char junk[4000] = "";
    const char *piece = "ngày 1/ tháng ( , năm quý trước ) chậm nhất ngày số liệu từ đến ";
    while (strlen(junk) + strlen(piece) < sizeof junk)
        memcpy(junk + strlen(junk), piece, strlen(piece) + 1);
    assert_int_equal(report_phrase_parse(junk, strlen(junk), &p, &e), 0);
    for (long n = 1; n < 40; n++) {
        mem_fail_after(n);
        int rc =
            report_phrase_parse("báo cáo quý (trước ngày 15 tháng cuối quý), năm", 50, &p, NULL);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(before_15_last_month),
        cmocka_unit_test(day_of_listed_months),
        cmocka_unit_test(working_days_after_cutoff),
        cmocka_unit_test(windows_and_dates),
        cmocka_unit_test(kinds),
        cmocka_unit_test(parenthesised_due),
        cmocka_unit_test(due_after_list),
        cmocka_unit_test(unclear_dues),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
