/* Unit tests of src/domain/agencycal: the shipped calendar against the
 * official schedules day by day, projection and compensation rules, province
 * overlays, and rejection of malformed data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/calendar_load.h"
#include "base/date.h"
#include "base/mem.h"
#include "domain/agencycal.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static agencycal_t *load_shipped(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/data", testdir_root());
    char base[1100];
    snprintf(base, sizeof base, "%s/calendar/vn.json", dir);
    agencycal_t *c = NULL;
    err_t e;
    int rc = calendar_load_files(base, NULL, &c, &e);
    if (rc)
        fail_msg("%s", e.en);
    return c;
}

static agencycal_t *parse_ok(const char *text)
{
    agencycal_t *c = NULL;
    err_t e;
    int rc = agencycal_parse(text, strlen(text), &c, &e);
    if (rc)
        fail_msg("%s", e.en);
    return c;
}

/* --- the official schedules, transcribed independently of vn.json ------- */

typedef struct span {
    int m1, d1, m2, d2;
} span_t;

typedef struct official {
    int year;
    span_t off[8];
    int noff;
    span_t worked[2];
    int nworked;
} official_t;

static const official_t officials[] = {
    {2023, {{1, 2, 1, 2}, {1, 20, 1, 26}, {4, 29, 5, 3}, {9, 1, 9, 4}}, 4, {{0}}, 0},
    {2024,
     {{1, 1, 1, 1}, {2, 8, 2, 14}, {4, 18, 4, 18}, {4, 27, 5, 1}, {8, 31, 9, 3}},
     5,
     {{5, 4, 5, 4}},
     1},
    {2025,
     {{1, 1, 1, 1}, {1, 25, 2, 2}, {4, 5, 4, 7}, {4, 30, 5, 4}, {8, 30, 9, 2}},
     5,
     {{4, 26, 4, 26}},
     1},
    /* 2026: decided up to May; Quốc khánh projected (1/9 + 2/9, see docs) */
    {2026,
     {{1, 1, 1, 4}, {2, 14, 2, 22}, {4, 27, 4, 27}, {4, 30, 5, 3}, {9, 1, 9, 2}},
     5,
     {{1, 10, 1, 10}},
     1},
};

static bool in_spans(date_t d, int y, const span_t *s, int n)
{
    for (int i = 0; i < n; i++)
        if (d >= D(y, s[i].m1, s[i].d1) && d <= D(y, s[i].m2, s[i].d2))
            return true;
    return false;
}

static void shipped_matches_official_schedules(void **state)
{
    (void)state;
    agencycal_t *c = load_shipped();
    for (size_t k = 0; k < sizeof officials / sizeof *officials; k++) {
        const official_t *o = &officials[k];
        for (date_t d = D(o->year, 1, 1); d <= D(o->year, 12, 31); d++) {
            int w = date_weekday(d);
            bool expect = w != 0 && w != 6;
            if (in_spans(d, o->year, o->off, o->noff))
                expect = false;
            if (in_spans(d, o->year, o->worked, o->nworked))
                expect = true;
            if (agencycal_is_working_day(c, d) != expect) {
                char s[DATE_ISO_LEN];
                date_format(d, s);
                fail_msg("%s: expected %s", s, expect ? "working" : "day off");
            }
        }
    }
    agencycal_free(c);
}

static void shipped_provisional_flags_and_explanations(void **state)
{
    (void)state;
    agencycal_t *c = load_shipped();
    assert_int_equal(agencycal_year_provisional(c, 2023), 0);
    assert_int_equal(agencycal_year_provisional(c, 2024), 0);
    assert_int_equal(agencycal_year_provisional(c, 2025), 0);
    assert_int_equal(agencycal_year_provisional(c, 2026), 1); /* Quốc khánh not fixed */
    assert_int_equal(agencycal_year_provisional(c, 2027), 1);
    assert_int_equal(agencycal_year_provisional(c, 2300), ERR_RANGE);
    assert_string_equal(agencycal_id(c), "vn");
    assert_non_null(agencycal_year_reference(c, 2024));
    assert_null(agencycal_year_reference(c, 2027));

    agencycal_day_t day;
    assert_int_equal(agencycal_day(c, D(2024, 5, 4), &day, NULL), 0);
    assert_true(day.working);
    assert_int_equal(day.reason, AGENCYCAL_R_DECISION_WORK);
    assert_false(day.provisional);
    assert_non_null(day.reference);
    assert_int_equal(agencycal_day(c, D(2024, 2, 8), &day, NULL), 0);
    assert_false(day.working);
    assert_int_equal(day.reason, AGENCYCAL_R_DECISION_OFF);
    assert_non_null(strstr(day.name, "Tết Nguyên đán"));
    /* 2026: decided days are firm, the projected national day is provisional */
    assert_int_equal(agencycal_day(c, D(2026, 2, 17), &day, NULL), 0);
    assert_false(day.provisional);
    for (int dd = 1; dd <= 2; dd++) {
        assert_int_equal(agencycal_day(c, D(2026, 9, dd), &day, NULL), 0);
        assert_false(day.working);
        assert_true(day.provisional);
        assert_int_equal(day.reason, AGENCYCAL_R_HOLIDAY);
        assert_string_equal(day.name, "Quốc khánh");
    }
    assert_true(agencycal_is_working_day(c, D(2026, 9, 3)));
    assert_int_equal(agencycal_day(c, D(2024, 3, 5), &day, NULL), 0);
    assert_int_equal(day.reason, AGENCYCAL_R_WORK);
    assert_null(day.name);
    assert_int_equal(agencycal_day(c, D(2024, 3, 9), &day, NULL), 0);
    assert_int_equal(day.reason, AGENCYCAL_R_REST);
    err_t e;
    assert_int_equal(agencycal_day(c, D(1999, 12, 31), &day, &e), ERR_RANGE);
    assert_string_equal(e.code, "calendar.range");
    assert_false(agencycal_is_working_day(c, D(2200, 1, 1)));
    int n;
    const agencycal_period_t *p = agencycal_periods(c, &n);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].start, 450);
    assert_int_equal(p[1].end, 1020);
    assert_int_equal(agencycal_day_minutes(c), 450);
    agencycal_free(c);
}

/* Projection of a year without decision: Tết from the lunar calendar. */
static void shipped_projects_2027_from_the_rules(void **state)
{
    (void)state;
    agencycal_t *c = load_shipped();
    /* Tết Đinh Mùi: 6/2/2027 (Sat). Holidays 5/2 (last day of the year) to
     * 9/2; Sat 6 and Sun 7 compensated on Wed 10 and Thu 11. */
    const int off[][2] = {{1, 1},  {2, 5},  {2, 8},  {2, 9},
                          {2, 10}, {2, 11}, {4, 16}, /* Giỗ Tổ 10/3 Đinh Mùi (Fri) */
                          {4, 30}, {5, 3},           /* 1/5 Sat -> Mon 3/5 */
                          {9, 2},  {9, 3}};          /* Thu 2/9 + bridging Fri 3/9 */
    size_t noff = sizeof off / sizeof *off;
    for (date_t d = D(2027, 1, 1); d <= D(2027, 12, 31); d++) {
        int w = date_weekday(d);
        bool expect = w != 0 && w != 6;
        for (size_t i = 0; i < noff; i++)
            if (d == D(2027, off[i][0], off[i][1]))
                expect = false;
        if (agencycal_is_working_day(c, d) != expect) {
            char s[DATE_ISO_LEN];
            date_format(d, s);
            fail_msg("%s: expected %s", s, expect ? "working" : "day off");
        }
    }
    agencycal_day_t day;
    assert_int_equal(agencycal_day(c, D(2027, 2, 10), &day, NULL), 0);
    assert_int_equal(day.reason, AGENCYCAL_R_COMPENSATION);
    assert_true(day.provisional);
    assert_string_equal(day.name, "Nghỉ bù Tết Nguyên đán");
    assert_int_equal(agencycal_day(c, D(2027, 2, 6), &day, NULL), 0);
    assert_int_equal(day.reason, AGENCYCAL_R_HOLIDAY);
    /* rule versions: Tết had 4 days before 2014, Quốc khánh 1 day before 2021 */
    /* Tết Tân Mão 3/2/2011: 4 days 2-5/2 (Wed-Sat), Sat -> Mon 7/2; Tue 8/2
     * works (the 5-day rule would have given 2-6/2 and compensations 7-8/2) */
    assert_false(agencycal_is_working_day(c, D(2011, 2, 2)));
    assert_false(agencycal_is_working_day(c, D(2011, 2, 4)));
    assert_false(agencycal_is_working_day(c, D(2011, 2, 7)));
    assert_true(agencycal_is_working_day(c, D(2011, 2, 8)));
    assert_true(agencycal_is_working_day(c, D(2020, 9, 1)));
    assert_false(agencycal_is_working_day(c, D(2020, 9, 2)));
    assert_true(agencycal_is_working_day(c, D(2020, 9, 3)));
    /* Giỗ Tổ is a holiday only from 2007: 10/3 Bính Tuất = 7/4/2006 (Fri) */
    assert_true(agencycal_is_working_day(c, D(2006, 4, 7)));
    agencycal_free(c);
}

/* --- synthetic calendars (solar rules only) --------------------------------- */

#define SOLAR_RULES                                                                                \
    "{\"id\":\"new_year\",\"name\":\"Tết Dương lịch\",\"calendar\":\"solar\",\"month\":1,"   \
    "\"day\":1},"                                                                                  \
    "{\"id\":\"reunification\",\"name\":\"30/4\",\"calendar\":\"solar\",\"month\":4,\"day\":30},"  \
    "{\"id\":\"labour\",\"name\":\"1/5\",\"calendar\":\"solar\",\"month\":5,\"day\":1},"           \
    "{\"id\":\"national_day\",\"name\":\"Quốc khánh\",\"calendar\":\"solar\",\"month\":9,"      \
    "\"day\":2,\"adjacent\":\"bridge\"}"

static const char *solar_cal = "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\","
                               "\"holidays\":[" SOLAR_RULES "]}";

static void compensation_on_next_working_day(void **state)
{
    (void)state;
    agencycal_t *c = parse_ok(solar_cal);
    /* 2022: 1/1 Sat -> Mon 3/1; 30/4 Sat and 1/5 Sun -> Mon 2/5 and Tue 3/5 */
    assert_false(agencycal_is_working_day(c, D(2022, 1, 3)));
    assert_true(agencycal_is_working_day(c, D(2022, 1, 4)));
    assert_false(agencycal_is_working_day(c, D(2022, 5, 2)));
    assert_false(agencycal_is_working_day(c, D(2022, 5, 3)));
    assert_true(agencycal_is_working_day(c, D(2022, 5, 4)));
    agencycal_day_t day;
    agencycal_day(c, D(2022, 5, 3), &day, NULL);
    assert_int_equal(day.reason, AGENCYCAL_R_COMPENSATION);
    assert_string_equal(day.name, "Nghỉ bù 1/5");
    /* 2023: 1/1 Sun -> Mon 2/1 (as the official schedule) */
    assert_false(agencycal_is_working_day(c, D(2023, 1, 2)));
    agencycal_free(c);
    /* compensation switched off */
    const char *nocomp = "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\","
                         "\"compensation\":\"none\",\"holidays\":[" SOLAR_RULES "]}";
    c = parse_ok(nocomp);
    assert_true(agencycal_is_working_day(c, D(2022, 1, 3)));
    agencycal_free(c);
}

static void national_day_bridge_projection(void **state)
{
    (void)state;
    agencycal_t *c = parse_ok(solar_cal);
    /* year, days off among 1..4 September (bit i = day i+1) */
    static const int cases[][2] = {
        {2021, 0x6}, /* Thu 2 + Fri 3 */
        {2022, 0x3}, /* Thu 1 + Fri 2 */
        {2023, 0x9}, /* Fri 1 + Sat 2 (-> Mon 4); 3 is Sunday */
        {2024, 0x6}, /* Mon 2 + Tue 3 (1 is Sunday) */
        {2025, 0x3}, /* Mon 1 + Tue 2 */
        {2026, 0x3}, /* Wed 2: tie, the day before */
        {2029, 0xc}, /* Sun 2 -> Mon 3 adjacent + Tue 4 compensation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (int dd = 1; dd <= 4; dd++) {
            date_t d = D(cases[i][0], 9, dd);
            int w = date_weekday(d);
            if (w == 0 || w == 6)
                continue;
            bool off = (cases[i][1] >> (dd - 1)) & 1;
            if (agencycal_is_working_day(c, d) == off)
                fail_msg("%d-09-%02d: expected %s", cases[i][0], dd, off ? "off" : "working");
        }
    agencycal_free(c);
}

static void decisions_cover_only_named_holidays(void **state)
{
    (void)state;
    const char *text =
        "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\",\"holidays\":[" SOLAR_RULES
        "],\"decisions\":[{\"year\":2030,\"reference\":\"Ref A\",\"covers\":[\"new_year\"],"
        "\"days_off\":[\"2030-01-01\",{\"from\":\"2030-01-02\",\"to\":\"2030-01-03\","
        "\"name\":\"Nghỉ thêm\"}],\"worked_days\":[{\"date\":\"2030-01-05\"}]},"
        "{\"year\":2030,\"reference\":\"Ref B\",\"covers\":[\"reunification\",\"labour\"]}]}";
    agencycal_t *c = parse_ok(text);
    assert_false(agencycal_is_working_day(c, D(2030, 1, 2)));
    assert_true(agencycal_is_working_day(c, D(2030, 1, 5))); /* Saturday worked */
    /* 30/4 and 1/5 covered by a decision listing no day: working */
    assert_true(agencycal_is_working_day(c, D(2030, 4, 30)));
    /* national day not covered: projected, so the year stays provisional */
    assert_false(agencycal_is_working_day(c, D(2030, 9, 2)));
    assert_int_equal(agencycal_year_provisional(c, 2030), 1);
    assert_string_equal(agencycal_year_reference(c, 2030), "Ref A; Ref B");
    agencycal_day_t day;
    agencycal_day(c, D(2030, 1, 3), &day, NULL);
    assert_string_equal(day.name, "Nghỉ thêm");
    assert_string_equal(day.reference, "Ref A");
    agencycal_day(c, D(2030, 1, 5), &day, NULL);
    assert_string_equal(day.name, "Ngày làm việc bù");
    agencycal_free(c);
}

/* --- province overlay ---------------------------------------------------- */

static void province_overlay_merges(void **state)
{
    (void)state;
    agencycal_t *c = parse_ok(solar_cal);
    const char *ov = "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"vl\",\"version\":\"2\","
                     "\"name\":\"Vĩnh Long\","
                     "\"office_hours\":[[\"07:00\",\"11:00\"],[\"13:00\",\"17:00\"]],"
                     "\"days_off\":[{\"date\":\"2025-03-14\",\"name\":\"Lễ hội tỉnh\","
                     "\"reference\":\"QĐ UBND tỉnh\"}],"
                     "\"worked_days\":[\"2025-03-15\"]}";
    err_t e;
    assert_int_equal(agencycal_merge(c, ov, strlen(ov), &e), 0);
    assert_string_equal(agencycal_version(c), "1+vl-2");
    assert_string_equal(agencycal_name(c), "t (Vĩnh Long)");
    assert_int_equal(agencycal_day_minutes(c), 480);
    assert_false(agencycal_is_working_day(c, D(2025, 3, 14)));
    assert_true(agencycal_is_working_day(c, D(2025, 3, 15)));
    agencycal_day_t day;
    agencycal_day(c, D(2025, 3, 14), &day, NULL);
    assert_int_equal(day.reason, AGENCYCAL_R_PROVINCE_OFF);
    assert_string_equal(day.reference, "QĐ UBND tỉnh");
    /* a failing overlay leaves the calendar as it was */
    const char *bad = "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"x\",\"version\":\"3\","
                      "\"office_hours\":[[\"08:00\",\"12:00\"]],\"worked_days\":[\"2025-03-17\"]}";
    assert_int_equal(agencycal_merge(c, bad, strlen(bad), &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "worked_days[0]"));
    assert_non_null(strstr(e.en, "not a weekly rest day"));
    assert_string_equal(agencycal_version(c), "1+vl-2");
    assert_int_equal(agencycal_day_minutes(c), 480);
    assert_false(agencycal_is_working_day(c, D(2025, 3, 14)));
    agencycal_free(c);
}

/* --- malformed data -------------------------------------------------------- */

static void expect_error(const char *text, int status, const char *code, const char *needle1,
                         const char *needle2)
{
    agencycal_t *c = NULL;
    err_t e;
    int rc = agencycal_parse(text, strlen(text), &c, &e);
    assert_null(c);
    if (rc != status || strcmp(e.code, code) != 0 || (needle1 && !strstr(e.en, needle1)) ||
        (needle2 && !strstr(e.en, needle2)))
        fail_msg("rc=%d code=%s en=%s (wanted %s, '%s', '%s')", rc, e.code, e.en, code,
                 needle1 ? needle1 : "", needle2 ? needle2 : "");
    assert_true(e.vi[0] != '\0');
}

#define HEAD "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\",\n"

static void malformed_files_are_rejected(void **state)
{
    (void)state;
    /* syntax error with line and column */
    expect_error(HEAD "\"holidays\": [\n  {\"id\": \"x\" \"name\": 1}\n]}", ERR_INVALID,
                 "calendar.json", "line 3", NULL);
    expect_error("", ERR_INVALID, "calendar.json", "line", NULL);
    expect_error(HEAD "\"id\":\"again\"}", ERR_INVALID, "calendar.json", "duplicate", NULL);
    /* impossible date: path and line */
    expect_error(HEAD "\"holidays\":[" SOLAR_RULES "],\n\"decisions\":[{\"year\":2024,"
                      "\"reference\":\"r\",\n\"days_off\":[\"2024-01-01\",\n\"2024-02-30\"]}]}",
                 ERR_INVALID, "calendar.date", "decisions[0].days_off[1]", "line 5");
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"days_off\":"
                      "[{\"from\":\"2024-02-10\",\"to\":\"2024-13-01\"}]}]}",
                 ERR_INVALID, "calendar.date", "decisions[0].days_off[0].to", "2024-13-01");
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"days_off\":"
                      "[\"08/02/2024\", \"next tuesday\"]}]}",
                 ERR_INVALID, "calendar.date", "days_off[1]", "invalid date");
    /* unknown key, with path and line */
    expect_error(HEAD "\"decisions\":[\n{\"year\":2024,\"reference\":\"r\",\n\"dayz_off\":[]}]}",
                 ERR_INVALID, "calendar.schema", "decisions[0].dayz_off", "line 4");
    expect_error(HEAD "\"colour\":\"red\"}", ERR_INVALID, "calendar.schema", "unknown key 'colour'",
                 NULL);
    /* wrong type, missing field, wrong format */
    expect_error(HEAD "\"decisions\":[{\"year\":\"2024\",\"reference\":\"r\"}]}", ERR_INVALID,
                 "calendar.schema", "decisions[0].year", "integer");
    expect_error(HEAD "\"decisions\":[{\"year\":2024}]}", ERR_INVALID, "calendar.schema",
                 "decisions[0].reference", "missing");
    expect_error("{\"format\":\"other/2\",\"id\":\"t\",\"version\":\"1\"}", ERR_INVALID,
                 "calendar.schema", "unsupported format", NULL);
    expect_error("[1,2]", ERR_INVALID, "calendar.schema", "object", NULL);
    /* semantic checks */
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"days_off\":"
                      "[\"2025-01-01\"]}]}",
                 ERR_INVALID, "calendar.date", "not in year 2024", NULL);
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"worked_days\":"
                      "[\"2024-05-06\"]}]}",
                 ERR_INVALID, "calendar.date", "not a weekly rest day", NULL);
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"covers\":[\"tet\"]}]}",
                 ERR_INVALID, "calendar.schema", "covers[0]", "no holiday has id 'tet'");
    expect_error(HEAD "\"decisions\":[{\"year\":2250,\"reference\":\"r\"}]}", ERR_INVALID,
                 "calendar.schema", "decisions[0].year", "outside");
    expect_error(HEAD "\"decisions\":[{\"year\":2024,\"reference\":\"r\",\"days_off\":"
                      "[\"1999-01-01\"]}]}",
                 ERR_RANGE, "calendar.range", "outside the calendar range", NULL);
    expect_error(HEAD "\"holidays\":[{\"id\":\"x\",\"name\":\"x\",\"calendar\":\"lunar\","
                      "\"month\":12,\"day\":30}]}",
                 ERR_INVALID, "calendar.rule", "holidays[0].day", "use offset");
    expect_error(HEAD "\"holidays\":[{\"id\":\"x\",\"name\":\"x\",\"calendar\":\"solar\","
                      "\"month\":2,\"day\":29}]}",
                 ERR_INVALID, "calendar.rule", "does not exist every year", NULL);
    expect_error(HEAD "\"holidays\":[{\"id\":\"x\",\"name\":\"x\",\"calendar\":\"julian\","
                      "\"month\":2,\"day\":2}]}",
                 ERR_INVALID, "calendar.schema", "holidays[0].calendar", NULL);
    expect_error(HEAD "\"holidays\":[{\"id\":\"x\",\"name\":\"x\",\"calendar\":\"solar\","
                      "\"month\":1,\"day\":2,\"to_year\":2010},{\"id\":\"x\",\"name\":\"x\","
                      "\"calendar\":\"solar\",\"month\":1,\"day\":3,\"from_year\":2010}]}",
                 ERR_INVALID, "calendar.rule", "holidays[1]", "overlap");
    expect_error(HEAD "\"office_hours\":[[\"07:30\",\"11:30\"],[\"11:00\",\"17:00\"]]}",
                 ERR_INVALID, "calendar.schema", "office_hours[1]", "disjoint");
    expect_error(HEAD "\"office_hours\":[[\"07:30\",\"25:00\"]]}", ERR_INVALID, "calendar.schema",
                 "office_hours[0]", "HH:MM");
    expect_error(HEAD "\"weekly_rest_days\":[\"sat\",\"dimanche\"]}", ERR_INVALID,
                 "calendar.schema", "weekly_rest_days[1]", "invalid weekday");
}

/* Writes a NUL-terminated text to path. */
static void put(const char *path, const char *text)
{
    testdir_write(path, text, strlen(text));
}

static void loader_names_the_file(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *sub = testdir_join(dir, "calendar");
    char *path = testdir_join(sub, "vn.json"), *ov = testdir_join(sub, "province.json");
    agencycal_t *c = NULL;
    err_t e;
    assert_int_equal(calendar_load_load(dir, &c, &e), ERR_IO); /* no file yet */
    assert_non_null(strstr(e.en, "vn.json"));
    assert_int_equal(mkdir(sub, 0700), 0);
    put(path, "{\"format\":\"cchc-calendar/1\",\n\"id\":\"t\",\n\"version\":1}\n");
    assert_int_equal(calendar_load_load(dir, &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, path));
    assert_non_null(strstr(e.en, "version: must be a string"));
    put(path, solar_cal);
    put(ov, "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"p\",\"version\":\"1\",\n"
            "\"days_off\":[\"2025-02-30\"]}");
    assert_int_equal(calendar_load_load(dir, &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "province.json: days_off[0]: no such date \"2025-02-30\""));
    assert_non_null(strstr(e.vi, "province.json: days_off[0]: ngày không tồn tại"));
    put(ov, "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"p\",\"version\":\"1\",\n"
            "\"days_off\":[\"2025-02-28\"]}");
    assert_int_equal(calendar_load_load(dir, &c, &e), 0);
    assert_false(agencycal_is_working_day(c, D(2025, 2, 28)));
    assert_string_equal(agencycal_version(c), "1+p-1");
    agencycal_free(c);
    free(ov);
    free(path);
    free(sub);
    testdir_remove(dir);
}

static void survives_allocation_failures(void **state)
{
    (void)state;
    const char *text =
        "{\"format\":\"cchc-calendar/1\",\"id\":\"t\",\"version\":\"1\",\"holidays\":[" SOLAR_RULES
        "],\"decisions\":[{\"year\":2030,\"reference\":\"A\",\"days_off\":[\"2030-01-01\"]},"
        "{\"year\":2030,\"reference\":\"B\",\"covers\":[]}]}";
    const char *ov = "{\"format\":\"cchc-calendar-overlay/1\",\"id\":\"p\",\"version\":\"1\","
                     "\"name\":\"P\",\"days_off\":[\"2025-02-28\"]}";
    bool done = false;
    for (long n = 1; !done && n < 2000; n++) {
        agencycal_t *c = NULL;
        err_t e;
        mem_fail_after(n);
        int rc = agencycal_parse(text, strlen(text), &c, &e);
        if (!rc)
            rc = agencycal_merge(c, ov, strlen(ov), &e);
        mem_fail_after(-1);
        if (rc) {
            assert_int_equal(rc, ERR_NOMEM);
        } else {
            done = true;
            assert_false(agencycal_is_working_day(c, D(2025, 2, 28)));
        }
        agencycal_free(c);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_matches_official_schedules),
        cmocka_unit_test(shipped_provisional_flags_and_explanations),
        cmocka_unit_test(shipped_projects_2027_from_the_rules),
        cmocka_unit_test(compensation_on_next_working_day),
        cmocka_unit_test(national_day_bridge_projection),
        cmocka_unit_test(decisions_cover_only_named_holidays),
        cmocka_unit_test(province_overlay_merges),
        cmocka_unit_test(malformed_files_are_rejected),
        cmocka_unit_test(loader_names_the_file),
        cmocka_unit_test(survives_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
