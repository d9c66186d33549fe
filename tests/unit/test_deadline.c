/* Unit tests of src/domain/deadline: deadline expressions -> schedules.
 * The appendix table holds the 66 "Thời gian hoàn thành" cells of
 * plans/002_f2f413426d7afbab.txt (Vĩnh Long, plan year 2024) exactly as
 * extracted, PDF artefacts included ("202 4", "Quý IV/ 2024", line breaks). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/deadline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct row {
    int no;
    const char *text;
    deadline_kind_t kind;
    const char *dates; /* comma-separated ISO dates */
    const char *recurrence, *from, *until;
} row_t;

static const row_t appendix[] = {
    {1, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {2, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {3, "Tháng 01/2024", DEADLINE_DATE, "2024-01-31", NULL, NULL, NULL},
    {4, "Tháng 02/2024", DEADLINE_DATE, "2024-02-29", NULL, NULL, NULL},
    {5, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {6, "Trước ngày 16/01/202 4", DEADLINE_DATE, "2024-01-15", NULL, NULL, NULL},
    {7, "Định kỳ trong năm 2024", DEADLINE_RECURRING, "", "report_periods", "2024-01-01",
     "2024-12-31"},
    {8, "Trong năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {9, "Sau khi có kết quả công bố", DEADLINE_EVENT, "", NULL, NULL, NULL},
    {10, "Quý III/2024", DEADLINE_DATE, "2024-09-30", NULL, NULL, NULL},
    {11, "Thường xuyên trong năm 2024", DEADLINE_CONTINUOUS, "", NULL, "2024-01-01", "2024-12-31"},
    {12, "Quý II, Quý IV/2024", DEADLINE_DATES, "2024-06-30,2024-12-31", NULL, NULL, NULL},
    {13, "Theo quy định của cơ quan có\nthẩm quyền", DEADLINE_UNSPECIFIED, "", NULL, NULL, NULL},
    {14, "Tháng 01/2024", DEADLINE_DATE, "2024-01-31", NULL, NULL, NULL},
    {15,
     "Các sở, ban, ngành tỉnh, UBND\ncấp huyện: trước ngày 01/3/2024; UBND cấp xã: theo yêu cầu "
     "của UBND cấp huyện",
     DEADLINE_PER_ASSIGNEE, "", NULL, NULL, NULL},
    {16, "Định kỳ trong năm", DEADLINE_RECURRING, "", "report_periods", "2024-01-01", "2024-12-31"},
    {17, "Định kỳ trong năm", DEADLINE_RECURRING, "", "report_periods", "2024-01-01", "2024-12-31"},
    {18, "Định kỳ trong năm", DEADLINE_RECURRING, "", "report_periods", "2024-01-01", "2024-12-31"},
    {19, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {20, "Tháng 01/2024", DEADLINE_DATE, "2024-01-31", NULL, NULL, NULL},
    {21, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {22, "Thường xuyên", DEADLINE_CONTINUOUS, "", NULL, NULL, NULL},
    {23, "Tháng 8/2024", DEADLINE_DATE, "2024-08-31", NULL, NULL, NULL},
    {24, "Thường xuyên", DEADLINE_CONTINUOUS, "", NULL, NULL, NULL},
    {25, "Ngày 31/12/2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {26, "Thường xuyên", DEADLINE_CONTINUOUS, "", NULL, NULL, NULL},
    {27, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {28, "Thường xuyên", DEADLINE_CONTINUOUS, "", NULL, NULL, NULL},
    {29, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {30, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {31, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {32, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {33, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {34, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {35, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {36, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {37, "Quý IV/ 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {38, "Quý IV/ 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {39, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {40, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {41, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {42, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {43, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {44, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {45, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {46, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {47, "Năm 2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {48, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {49, "Quý IV/2023", DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL},
    {50, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {51, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {52, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {53, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {54, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {55, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {56, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {57, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {58, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {59, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {60, "Định kỳ theo báo cáo CCHC", DEADLINE_RECURRING, "", "report_periods", NULL, NULL},
    {61, "Quý IV/2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {62, "Thường xuyên", DEADLINE_CONTINUOUS, "", NULL, NULL, NULL},
    {63, "Quý II/2024", DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL},
    {64, "Quý IV/2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {65, "Quý IV/2024", DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL},
    {66, "Quý IV/2023 và theo định kỳ", DEADLINE_DATE, "2023-12-31", "report_periods", NULL, NULL},
};

static deadline_schedule_t *parse(const char *text, int year)
{
    err_t e;
    deadline_schedule_t *s = NULL;
    int rc = deadline_parse(text, strlen(text), year, &s, &e);
    if (rc != 0)
        fail_msg("deadline_parse('%s') failed: %s", text, e.en);
    assert_non_null(s);
    return s;
}

static void dates_csv(const deadline_schedule_t *s, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < s->ndates; i++) {
        char iso[DATE_ISO_LEN];
        date_format(s->dates[i], iso);
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%s", i ? "," : "", iso);
    }
}

static void iso_or_null(date_t d, char out[DATE_ISO_LEN])
{
    if (d == DATE_NONE)
        snprintf(out, DATE_ISO_LEN, "null");
    else
        date_format(d, out);
}

/* Checks kind, dates, recurrence, bounds and the absence of warnings. */
static void check(const deadline_schedule_t *s, deadline_kind_t kind, const char *dates,
                  const char *rec, const char *from, const char *until)
{
    char got[1024], f[DATE_ISO_LEN], u[DATE_ISO_LEN];
    if (s->kind != kind)
        fail_msg("'%s': kind %s, expected %s", s->text, deadline_kind_name(s->kind),
                 deadline_kind_name(kind));
    dates_csv(s, got, sizeof got);
    if (strcmp(got, dates) != 0)
        fail_msg("'%s': dates [%s], expected [%s]", s->text, got, dates);
    const char *r = deadline_recurrence_name(s->recurrence);
    if ((r == NULL) != (rec == NULL) || (r && strcmp(r, rec) != 0))
        fail_msg("'%s': recurrence %s, expected %s", s->text, r ? r : "null", rec ? rec : "null");
    iso_or_null(s->from, f);
    iso_or_null(s->until, u);
    if (strcmp(f, from ? from : "null") != 0 || strcmp(u, until ? until : "null") != 0)
        fail_msg("'%s': from %s until %s, expected %s %s", s->text, f, u, from ? from : "null",
                 until ? until : "null");
    if (s->nwarnings)
        fail_msg("'%s': unexpected warning %s", s->text, s->warnings[0].en);
}

static void expect(const char *text, int year, deadline_kind_t kind, const char *dates,
                   const char *rec, const char *from, const char *until)
{
    deadline_schedule_t *s = parse(text, year);
    check(s, kind, dates, rec, from, until);
    deadline_free(s);
}

/* The schedule's compact JSON must equal `json`. */
static void expect_json(const char *text, int year, const char *json)
{
    deadline_schedule_t *s = parse(text, year);
    json_t *j = deadline_to_json(s);
    assert_non_null(j);
    char *out = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_non_null(out);
    if (strcmp(out, json) != 0)
        fail_msg("'%s':\n got      %s\n expected %s", text, out, json);
    free(out);
    json_decref(j);
    deadline_free(s);
}

static bool has_warning(const deadline_schedule_t *s, const char *code)
{
    for (size_t i = 0; i < s->nwarnings; i++)
        if (strcmp(s->warnings[i].code, code) == 0)
            return true;
    return false;
}

static void all_appendix_deadlines_parse(void **state)
{
    (void)state;
    size_t n = sizeof appendix / sizeof appendix[0];
    assert_int_equal(n, 66);
    for (size_t i = 0; i < n; i++) {
        const row_t *r = &appendix[i];
        assert_int_equal(r->no, (int)i + 1);
        deadline_schedule_t *s = parse(r->text, 2024);
        check(s, r->kind, r->dates, r->recurrence, r->from, r->until);
        assert_string_equal(s->text, r->text); /* original text kept */
        deadline_free(s);
    }
}

static void appendix_per_assignee_row(void **state)
{
    (void)state;
    deadline_schedule_t *s = parse(appendix[14].text, 2024);
    assert_int_equal(s->kind, DEADLINE_PER_ASSIGNEE);
    assert_int_equal(s->nassignees, 2);
    assert_string_equal(s->assignees[0].text, "Các sở, ban, ngành tỉnh, UBND cấp huyện");
    check(s->assignees[0].schedule, DEADLINE_DATE, "2024-02-29", NULL, NULL, NULL);
    assert_string_equal(s->assignees[0].schedule->text, "trước ngày 01/3/2024");
    assert_string_equal(s->assignees[1].text, "UBND cấp xã");
    assert_int_equal(s->assignees[1].schedule->kind, DEADLINE_EVENT);
    assert_string_equal(s->assignees[1].schedule->event, "theo yêu cầu của UBND cấp huyện");
    assert_int_equal(deadline_first_due(s), date_from_ymd(2024, 2, 29));
    deadline_free(s);
    expect_json(
        "Các sở, ban, ngành tỉnh, UBND cấp huyện: trước ngày 01/3/2024; UBND cấp xã: theo yêu "
        "cầu của UBND cấp huyện",
        2024,
        "{\"text\":\"Các sở, ban, ngành tỉnh, UBND cấp huyện: trước ngày 01/3/2024; UBND cấp "
        "xã: theo yêu cầu của UBND cấp huyện\",\"kind\":\"per_assignee\",\"dates\":[],"
        "\"assignees\":[{\"text\":\"Các sở, ban, ngành tỉnh, UBND cấp huyện\",\"schedule\":"
        "{\"text\":\"trước ngày 01/3/2024\",\"kind\":\"date\",\"dates\":[\"2024-02-29\"]}},"
        "{\"text\":\"UBND cấp xã\",\"schedule\":{\"text\":\"theo yêu cầu của UBND cấp huyện\","
        "\"kind\":\"event\",\"dates\":[],\"event\":\"theo yêu cầu của UBND cấp huyện\"}}]}");
}

static void domain_forms(void **state)
{
    (void)state;
    expect("Quý IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Tháng 01/2024", 2024, DEADLINE_DATE, "2024-01-31", NULL, NULL, NULL);
    expect("Tháng 8/2024", 2024, DEADLINE_DATE, "2024-08-31", NULL, NULL, NULL);
    expect("Trước ngày 16/01/2024", 2024, DEADLINE_DATE, "2024-01-15", NULL, NULL, NULL);
    expect("Ngày 31/12/2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Năm 2024", 2023, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Trong năm 2024", 2023, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý II, Quý IV/2024", 2024, DEADLINE_DATES, "2024-06-30,2024-12-31", NULL, NULL, NULL);
    expect("Định kỳ trong năm 2024", 2023, DEADLINE_RECURRING, "", "report_periods", "2024-01-01",
           "2024-12-31");
    expect("Định kỳ theo báo cáo CCHC", 2024, DEADLINE_RECURRING, "", "report_periods", NULL, NULL);
    expect("Thường xuyên", 2024, DEADLINE_CONTINUOUS, "", NULL, NULL, NULL);
    expect("Thường xuyên trong năm 2023 và những năm tiếp theo", 2024, DEADLINE_CONTINUOUS, "",
           NULL, "2023-01-01", NULL);
    expect("Quý I/2023 và những năm tiếp theo", 2023, DEADLINE_DATE, "2023-03-31", "annual",
           "2023-01-01", NULL);
    expect("Sau khi có kết quả công bố", 2024, DEADLINE_EVENT, "", NULL, NULL, NULL);
    expect("Theo quy định của cơ quan có thẩm quyền", 2024, DEADLINE_UNSPECIFIED, "", NULL, NULL,
           NULL);
    expect("Quý IV/2023 và theo định kỳ", 2024, DEADLINE_DATE, "2023-12-31", "report_periods", NULL,
           NULL);
    expect("Hằng quý", 2024, DEADLINE_RECURRING, "", "quarterly", NULL, NULL);
    expect("Hàng tháng", 2024, DEADLINE_RECURRING, "", "monthly", NULL, NULL);
    expect("Hằng năm", 2024, DEADLINE_RECURRING, "", "annual", NULL, NULL);
    expect("6 tháng, năm", 2024, DEADLINE_RECURRING, "", "report_periods", NULL, NULL);
    expect("6 tháng đầu năm 2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("9 tháng đầu năm", 2024, DEADLINE_DATE, "2024-09-30", NULL, NULL, NULL);
    expect("6 tháng cuối năm 2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Tháng 3 và tháng 9/2024", 2023, DEADLINE_DATES, "2024-03-31,2024-09-30", NULL, NULL,
           NULL);
    expect("Tháng 3, 6, 9/2024", 2023, DEADLINE_DATES, "2024-03-31,2024-06-30,2024-09-30", NULL,
           NULL, NULL);
    expect("Trước 30/6/2024", 2024, DEADLINE_DATE, "2024-06-29", NULL, NULL, NULL);
    expect("Hoàn thành trong Quý II/2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("Tháng 02 năm 2024", 2024, DEADLINE_DATE, "2024-02-29", NULL, NULL, NULL);
    expect("Tháng 02 năm 2023", 2024, DEADLINE_DATE, "2023-02-28", NULL, NULL, NULL);
    expect("ngày 15 tháng 3 năm 2024", 2023, DEADLINE_DATE, "2024-03-15", NULL, NULL, NULL);
    expect("Chậm nhất ngày 15/3/2024", 2024, DEADLINE_DATE, "2024-03-15", NULL, NULL, NULL);
    expect("Cuối năm 2024", 2023, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Cuối quý II/2024", 2023, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("Trước tháng 6/2024", 2024, DEADLINE_DATE, "2024-05-31", NULL, NULL, NULL);
    expect("Trước Quý III/2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("Từ tháng 3 đến tháng 6/2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, "2024-03-01",
           NULL);
    expect("Quý II - Quý IV/2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, "2024-04-01", NULL);
    expect("16-01-2024", 2024, DEADLINE_DATE, "2024-01-16", NULL, NULL, NULL);
    expect("16.01.2024", 2024, DEADLINE_DATE, "2024-01-16", NULL, NULL, NULL);
    expect("6/2024", 2023, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("Năm 2024 và những năm tiếp theo", 2024, DEADLINE_DATE, "2024-12-31", "annual",
           "2024-01-01", NULL);
    expect("Quý IV hằng năm", 2024, DEADLINE_DATE, "2024-12-31", "annual", "2024-01-01", NULL);
    expect("Thường xuyên, liên tục", 2024, DEADLINE_CONTINUOUS, "", NULL, NULL, NULL);
    expect("Sau khi Kế hoạch của UBND tỉnh được ban hành", 2024, DEADLINE_EVENT, "", NULL, NULL,
           NULL);
    expect("Khi có yêu cầu", 2024, DEADLINE_EVENT, "", NULL, NULL, NULL);
    expect("Đến hết năm 2024", 2023, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Giai đoạn 2023-2025", 2024, DEADLINE_DATE, "2025-12-31", NULL, "2023-01-01", NULL);
    expect("Từ năm 2024", 2024, DEADLINE_CONTINUOUS, "", NULL, "2024-01-01", NULL);
    expect("Quý I, II/2024", 2024, DEADLINE_DATES, "2024-03-31,2024-06-30", NULL, NULL, NULL);
    expect("Quý IV năm 2024", 2023, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    /* Notes after a date are dropped: milestones and "(đợt 1)". */
    expect("Quý I/2024: dự thảo; Quý II/2024: ban hành", 2024, DEADLINE_DATES,
           "2024-03-31,2024-06-30", NULL, NULL, NULL);
    expect("Tháng 3/2024 (đợt 1), tháng 9/2024 (đợt 2)", 2024, DEADLINE_DATES,
           "2024-03-31,2024-09-30", NULL, NULL, NULL);
}

static void context_year_fills_missing_years(void **state)
{
    (void)state;
    expect("Quý 4", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý III", 2025, DEADLINE_DATE, "2025-09-30", NULL, NULL, NULL);
    expect("Tháng 8", 2024, DEADLINE_DATE, "2024-08-31", NULL, NULL, NULL);
    expect("Trước ngày 15/3", 2024, DEADLINE_DATE, "2024-03-14", NULL, NULL, NULL);
    expect("Trong năm", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Định kỳ trong năm", 2023, DEADLINE_RECURRING, "", "report_periods", "2023-01-01",
           "2023-12-31");
    expect("Quý 2, quý 4", 2024, DEADLINE_DATES, "2024-06-30,2024-12-31", NULL, NULL, NULL);
    /* Without a context year such texts cannot be dated: warning, no date. */
    deadline_schedule_t *s = parse("Quý IV", 0);
    assert_int_equal(s->kind, DEADLINE_UNSPECIFIED);
    assert_int_equal(s->ndates, 0);
    assert_true(has_warning(s, "deadline.no_year"));
    deadline_free(s);
}

static void pdf_artefacts_are_tolerated(void **state)
{
    (void)state;
    expect("Trước ngày 16/01/202 4", 2024, DEADLINE_DATE, "2024-01-15", NULL, NULL, NULL);
    expect("Quý IV/ 2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý IV /2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý I V/2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý I I/2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    expect("Quý IV/20 24", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    expect("Quý\xc2\xa0IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Quý IV/\n2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Quý\r\nIV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("  Quý IV/2023.  ", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("QUÝ IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Quy IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("quy iv 2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("TRUOC NGAY 16/01/2024", 2024, DEADLINE_DATE, "2024-01-15", NULL, NULL, NULL);
    expect("Dinh ky theo bao cao CCHC", 2024, DEADLINE_RECURRING, "", "report_periods", NULL, NULL);
    expect("thuong xuyen", 2024, DEADLINE_CONTINUOUS, "", NULL, NULL, NULL);
    expect("Quý IV／2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL,
           NULL); /* full-width slash */
    expect("Quý Ⅳ/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL,
           NULL); /* roman numeral sign */
    expect("Tháng 3 – tháng 6/2024", 2024, DEADLINE_DATE, "2024-06-30", NULL, "2024-03-01", NULL);
    /* Decomposed (NFD) input: "Quý" with a combining acute. */
    expect("Quy\xcc\x81 IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Q4/2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
}

static void other_plans_time_expressions(void **state)
{
    (void)state;
    /* plans/004 (Chợ Mới, 2023): "Thời gian thực hiện: …" lines. */
    expect("Quý I/2023 và những năm tiếp theo.", 2023, DEADLINE_DATE, "2023-03-31", "annual",
           "2023-01-01", NULL);
    expect("Thời gian thực hiện: Quý I/2023 và những năm tiếp theo.", 2023, DEADLINE_DATE,
           "2023-03-31", "annual", "2023-01-01", NULL);
    expect("thường xuyên trong năm 2023 và những năm tiếp theo.", 2023, DEADLINE_CONTINUOUS, "",
           NULL, "2023-01-01", NULL);
    expect("- Thời gian thực hiện: thường xuyên trong năm 2023 và những năm tiếp theo.", 2023,
           DEADLINE_CONTINUOUS, "", NULL, "2023-01-01", NULL);
    expect("*Thời gian thực hiện: Quý II/2023 và những năm tiếp theo.*", 2023, DEADLINE_DATE,
           "2023-06-30", "annual", "2023-01-01", NULL);
    /* plans/004 reporting: periods and due days. */
    expect("Thời gian báo cáo: chậm nhất ngày 05 của các tháng 3, tháng 6, tháng 9, tháng 12⁽¹⁾.",
           2023, DEADLINE_DATES, "2023-03-05,2023-06-05,2023-09-05,2023-12-05", NULL, NULL, NULL);
    expect_json("định kỳ 3 tháng, 6 tháng, 9 tháng, năm", 2023,
                "{\"text\":\"định kỳ 3 tháng, 6 tháng, 9 tháng, năm\",\"kind\":\"recurring\","
                "\"dates\":[],\"recurrence\":\"report_periods\",\"periods\":[\"quarterly\","
                "\"semiannual\",\"ninemonth\",\"annual\"]}");
    expect_json("hàng tháng (chậm nhất 05 ngày sau khi kết thúc tháng)", 2023,
                "{\"text\":\"hàng tháng (chậm nhất 05 ngày sau khi kết thúc tháng)\",\"kind\":"
                "\"recurring\",\"dates\":[],\"recurrence\":\"monthly\",\"due\":"
                "{\"days_after_end\":5}}");
    /* plans/001 (Hưng Yên, 2024): quarterly before the 15th of the last month. */
    expect_json("hàng quý (trước ngày 15 của tháng cuối quý), năm hoặc đột xuất", 2024,
                "{\"text\":\"hàng quý (trước ngày 15 của tháng cuối quý), năm hoặc đột xuất\","
                "\"kind\":\"recurring\",\"dates\":[],\"recurrence\":\"report_periods\","
                "\"periods\":[\"quarterly\",\"annual\"],\"due\":{\"day_of_last_month\":14},"
                "\"event\":\"đột xuất\"}");
}

static void json_forms(void **state)
{
    (void)state;
    expect_json("Quý IV/2023", 2024,
                "{\"text\":\"Quý IV/2023\",\"kind\":\"date\",\"dates\":"
                "[\"2023-12-31\"]}");
    expect_json("Quý IV/2023 và theo định kỳ", 2024,
                "{\"text\":\"Quý IV/2023 và theo định kỳ\",\"kind\":\"date\",\"dates\":"
                "[\"2023-12-31\"],\"recurrence\":\"report_periods\"}");
    expect_json("Sau khi có kết quả công bố", 2024,
                "{\"text\":\"Sau khi có kết quả công bố\",\"kind\":\"event\",\"dates\":[],"
                "\"event\":\"có kết quả công bố\"}");
    expect_json("Thường xuyên trong năm 2023 và những năm tiếp theo", 2023,
                "{\"text\":\"Thường xuyên trong năm 2023 và những năm tiếp theo\",\"kind\":"
                "\"continuous\",\"dates\":[],\"from\":\"2023-01-01\"}");
    expect_json("Định kỳ trong năm 2024", 2024,
                "{\"text\":\"Định kỳ trong năm 2024\",\"kind\":\"recurring\",\"dates\":[],"
                "\"recurrence\":\"report_periods\",\"from\":\"2024-01-01\",\"until\":"
                "\"2024-12-31\"}");
    expect_json("30/02/2024", 2024,
                "{\"text\":\"30/02/2024\",\"kind\":\"unspecified\",\"dates\":[],\"warnings\":"
                "[{\"code\":\"deadline.bad_date\",\"message\":\"Thời hạn không tồn tại: "
                "'30/02/2024'\",\"message_en\":\"No such date: '30/02/2024'\"}]}");
}

static void bad_and_unknown_texts_warn(void **state)
{
    (void)state;
    const char *bad[] = {"Ngày 30/02/2024", "30/02/2024",           "Tháng 13/2024",
                         "ngày 32/1/2024",  "Trước ngày 31/4/2024", "Ngày 29/02/2023"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        deadline_schedule_t *s = parse(bad[i], 2024);
        assert_int_equal(s->ndates, 0);
        assert_int_equal(s->kind, DEADLINE_UNSPECIFIED);
        if (!has_warning(s, "deadline.bad_date"))
            fail_msg("'%s': no bad_date warning", bad[i]);
        deadline_free(s);
    }
    /* One bad date among good ones: the good ones stay. */
    deadline_schedule_t *s = parse("Ngày 15/3/2024 và 30/02/2024", 2024);
    assert_int_equal(s->kind, DEADLINE_DATE);
    assert_int_equal(s->ndates, 1);
    assert_int_equal(s->dates[0], date_from_ymd(2024, 3, 15));
    assert_true(has_warning(s, "deadline.bad_date"));
    deadline_free(s);
    const char *unknown[] = {"blah blah",   "Đầu năm", "---",    "Quý V/2024",
                             "Khẩn trương", "tháng",   "2024/13"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        s = parse(unknown[i], 2024);
        if (s->kind != DEADLINE_UNSPECIFIED || s->ndates || !has_warning(s, "deadline.unknown"))
            fail_msg("'%s': expected unspecified + deadline.unknown, got %s", unknown[i],
                     deadline_kind_name(s->kind));
        deadline_free(s);
    }
    /* Understood date, extra words: kept with a warning. */
    s = parse("Quý IV/2023 (sau khi có hướng dẫn)", 2024);
    assert_int_equal(s->kind, DEADLINE_DATE);
    assert_true(has_warning(s, "deadline.trailing"));
    assert_non_null(strstr(s->warnings[0].vi, "sau khi có hướng dẫn"));
    deadline_free(s);
    s = parse("16/01/24", 2024);
    assert_int_equal(s->kind, DEADLINE_DATE);
    assert_int_equal(s->dates[0], date_from_ymd(2024, 1, 16));
    assert_true(has_warning(s, "deadline.short_year"));
    deadline_free(s);
}

static void errors_are_reported(void **state)
{
    (void)state;
    err_t e;
    deadline_schedule_t *s = (deadline_schedule_t *)1;
    assert_int_equal(deadline_parse("", 0, 2024, &s, &e), ERR_INVALID);
    assert_null(s);
    assert_string_equal(e.code, "deadline.empty");
    assert_int_equal(deadline_parse("   \n\t", 5, 2024, &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "deadline.empty");
    assert_int_equal(deadline_parse(NULL, 0, 2024, &s, &e), ERR_INVALID);
    assert_int_equal(deadline_parse("Qu\xff IV/2023", 11, 2024, &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "deadline.utf8");
    assert_non_null(strstr(e.vi, "UTF-8"));
    char *big = malloc(DEADLINE_TEXT_MAX + 2);
    assert_non_null(big);
    memset(big, 'a', DEADLINE_TEXT_MAX + 1);
    big[DEADLINE_TEXT_MAX + 1] = '\0';
    assert_int_equal(deadline_parse(big, DEADLINE_TEXT_MAX + 1, 2024, &s, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "deadline.too_long");
    /* The maximum size itself is accepted (and not understood). */
    assert_int_equal(deadline_parse(big, DEADLINE_TEXT_MAX, 2024, &s, &e), 0);
    assert_int_equal(s->kind, DEADLINE_UNSPECIFIED);
    deadline_free(s);
    free(big);
    deadline_free(NULL);
}

static void per_assignee_variants(void **state)
{
    (void)state;
    deadline_schedule_t *s = parse("Sở Nội vụ: Quý I/2024; UBND cấp huyện: Quý II/2024; "
                                   "UBND cấp xã: Thường xuyên",
                                   2024);
    assert_int_equal(s->kind, DEADLINE_PER_ASSIGNEE);
    assert_int_equal(s->nassignees, 3);
    assert_string_equal(s->assignees[0].text, "Sở Nội vụ");
    check(s->assignees[0].schedule, DEADLINE_DATE, "2024-03-31", NULL, NULL, NULL);
    check(s->assignees[1].schedule, DEADLINE_DATE, "2024-06-30", NULL, NULL, NULL);
    check(s->assignees[2].schedule, DEADLINE_CONTINUOUS, "", NULL, NULL, NULL);
    assert_int_equal(deadline_first_due(s), date_from_ymd(2024, 3, 31));
    deadline_free(s);
    /* Sentence-separated, missing diacritics. */
    s = parse("UBND cap huyen: truoc ngay 15/3/2024. UBND cap xa: truoc ngay 31/3/2024", 2024);
    assert_int_equal(s->nassignees, 2);
    check(s->assignees[0].schedule, DEADLINE_DATE, "2024-03-14", NULL, NULL, NULL);
    check(s->assignees[1].schedule, DEADLINE_DATE, "2024-03-30", NULL, NULL, NULL);
    deadline_free(s);
    /* A part without its own assignee continues the previous one. */
    s = parse("Sở Tư pháp: Quý I/2024; Quý III/2024", 2024);
    assert_int_equal(s->nassignees, 1);
    check(s->assignees[0].schedule, DEADLINE_DATES, "2024-03-31,2024-09-30", NULL, NULL, NULL);
    deadline_free(s);
    /* A label before ':' is not an assignee. */
    expect("Thời hạn: Quý IV/2024", 2024, DEADLINE_DATE, "2024-12-31", NULL, NULL, NULL);
    /* A sub-schedule not understood warns in the sub-schedule. */
    s = parse("UBND cấp xã: khi nào xong", 2024);
    assert_int_equal(s->nassignees, 1);
    assert_int_equal(s->assignees[0].schedule->kind, DEADLINE_EVENT);
    deadline_free(s);
    s = parse("UBND cấp xã: sớm nhất có thể", 2024);
    assert_int_equal(s->assignees[0].schedule->kind, DEADLINE_UNSPECIFIED);
    assert_true(has_warning(s->assignees[0].schedule, "deadline.unknown"));
    deadline_free(s);
}

static void recurring_details(void **state)
{
    (void)state;
    deadline_schedule_t *s = parse("Hằng quý, 6 tháng, năm", 2024);
    assert_int_equal(s->kind, DEADLINE_RECURRING);
    assert_int_equal(s->recurrence, DEADLINE_REC_REPORT_PERIODS);
    assert_int_equal(s->periods,
                     DEADLINE_PERIOD_QUARTER | DEADLINE_PERIOD_HALF | DEADLINE_PERIOD_YEAR);
    deadline_free(s);
    s = parse("Định kỳ hằng tháng", 2024);
    assert_int_equal(s->recurrence, DEADLINE_REC_MONTHLY);
    deadline_free(s);
    s = parse("Định kỳ 6 tháng", 2024);
    assert_int_equal(s->recurrence, DEADLINE_REC_SEMIANNUAL);
    deadline_free(s);
    s = parse("Hằng quý, chậm nhất ngày 10 của tháng cuối quý", 2024);
    assert_int_equal(s->recurrence, DEADLINE_REC_QUARTERLY);
    assert_int_equal(s->due_kind, DEADLINE_DUE_DAY_OF_LAST_MONTH);
    assert_int_equal(s->due_n, 10);
    assert_int_equal(s->nwarnings, 0);
    deadline_free(s);
    /* A dated due day inside a recurring text: dated in the context year. */
    expect("Hằng năm (trước ngày 15/12)", 2024, DEADLINE_RECURRING, "2024-12-14", "annual", NULL,
           NULL);
    s = parse("Ngày 15 hằng tháng", 2024);
    assert_int_equal(s->recurrence, DEADLINE_REC_MONTHLY);
    assert_int_equal(s->due_kind, DEADLINE_DUE_DAY_OF_LAST_MONTH);
    assert_int_equal(s->due_n, 15);
    deadline_free(s);
}

/* Inputs found by fuzzing or odd Unicode: parse without crashing, JSON ok. */
static void odd_unicode_inputs(void **state)
{
    (void)state;
    const char *texts[] = {
        "202\xcc\xb6 0", /* digits + lone combining mark (found by fuzzing) */
        "\xcc\x81",      /* a combining mark alone */
        "Quý\x01 IV/2023", "\xe2\x80\x8b",         "\xf0\x9f\x98\x80 Quý IV/2023", "((((",
        "::;;..",          "Quý IV/2023\0trailing"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        err_t e;
        deadline_schedule_t *s = NULL;
        int rc = deadline_parse(texts[i], strlen(texts[i]), 2024, &s, &e);
        if (rc == 0) {
            json_t *j = deadline_to_json(s);
            assert_non_null(j);
            json_decref(j);
            deadline_free(s);
        } else {
            assert_int_equal(rc, ERR_INVALID);
        }
    }
    expect("\xf0\x9f\x98\x80 Quý IV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
    expect("Quý\xe2\x80\x8bIV/2023", 2024, DEADLINE_DATE, "2023-12-31", NULL, NULL, NULL);
}

/* Every allocation failure returns ERR_NOMEM without leaking. */
static void survives_allocation_failures(void **state)
{
    (void)state;
    const char *texts[] = {appendix[14].text, "Quý II, Quý IV/2024", "blah",
                           "hàng quý (trước ngày 15 của tháng cuối quý), năm hoặc đột xuất",
                           "30/02/2024"};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        int ok = 0;
        for (long n = 1; n < 200 && !ok; n++) {
            err_t e;
            deadline_schedule_t *s = NULL;
            mem_fail_after(n);
            int rc = deadline_parse(texts[k], strlen(texts[k]), 2024, &s, &e);
            mem_fail_after(-1);
            if (rc == 0) {
                ok = 1;
                json_t *j = deadline_to_json(s);
                assert_non_null(j);
                json_decref(j);
                deadline_free(s);
            } else {
                assert_int_equal(rc, ERR_NOMEM);
                assert_null(s);
            }
        }
        assert_true(ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_appendix_deadlines_parse),
        cmocka_unit_test(appendix_per_assignee_row),
        cmocka_unit_test(domain_forms),
        cmocka_unit_test(context_year_fills_missing_years),
        cmocka_unit_test(pdf_artefacts_are_tolerated),
        cmocka_unit_test(other_plans_time_expressions),
        cmocka_unit_test(json_forms),
        cmocka_unit_test(bad_and_unknown_texts_warn),
        cmocka_unit_test(errors_are_reported),
        cmocka_unit_test(per_assignee_variants),
        cmocka_unit_test(recurring_details),
        cmocka_unit_test(odd_unicode_inputs),
        cmocka_unit_test(survives_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
